//! The opportunity board tab: one column per stage with its weighted
//! totals; a drag or a card's menu moves an opportunity to another stage.

use chrono::NaiveDate;
use egui::{Id, RichText};

use super::{CARD_HEIGHT, PipelinePanel, card_frame, menu_area};

/// Height of an opportunity's card: one line more than a ladder card's
/// (the expected close).
const OPPORTUNITY_CARD_HEIGHT: f32 = CARD_HEIGHT + 18.0;
use crate::domain::command::Command;
use crate::domain::money::format_cents_grouped;
use crate::domain::pipeline::is_rotting;
use crate::domain::terms::OpportunityStage;
use crate::store::pipeline::OpportunityRow;
use crate::ui::{AppCommand, AppCtx, theme};

impl PipelinePanel {
    /// Draws the opportunity board tab.
    pub(super) fn board_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (p, lang) = (ctx.t.pipeline, ctx.lang);
        ui.style_mut().interaction.selectable_labels = false;
        let today = ctx.now.date();
        let rotting_days = ctx.data.settings.rotting_days;
        let width = (ui.available_width() / 6.0 - 20.0).max(150.0);
        // Room below the columns for the horizontal scroll bar, shown
        // whenever the columns are wider than the window.
        let height = ui.available_height() - 24.0;
        let mut moved: Option<(i64, OpportunityStage)> = None;
        let scroll = egui::ScrollArea::horizontal().id_salt("opportunity_board");
        let bar = egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded;
        scroll.scroll_bar_visibility(bar).show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for (col, stage) in OpportunityStage::ALL.iter().enumerate() {
                    let rows: Vec<usize> = (0..ctx.data.opportunities.len())
                        .filter(|&i| ctx.data.opportunities[i].opportunity.stage == *stage)
                        .collect();
                    let total = ctx.data.stage_totals.iter().find(|t| t.stage == *stage);
                    let frame = egui::Frame::group(ui.style()).inner_margin(4.0);
                    let (_, payload) = ui.dnd_drop_zone::<i64, ()>(frame, |ui| {
                        ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                            ui.set_width(width);
                            ui.set_min_height(height - 12.0);
                            ui.label(RichText::new(stage.name(lang)).heading().strong());
                            if let Some(t) = total {
                                ui.label((p.weighted)(
                                    t.count,
                                    &format_cents_grouped(t.value_cents),
                                    &format_cents_grouped(t.weighted_cents),
                                ));
                            }
                            egui::ScrollArea::vertical().id_salt(("opp_col", col)).show_rows(
                                ui,
                                OPPORTUNITY_CARD_HEIGHT,
                                rows.len(),
                                |ui, range| {
                                    for &i in &rows[range] {
                                        let row = &ctx.data.opportunities[i];
                                        if let Some(to) =
                                            opportunity_card(ui, ctx, row, today, rotting_days)
                                        {
                                            moved = Some((row.opportunity.id, to));
                                        }
                                    }
                                },
                            );
                        });
                    });
                    if let Some(id) = payload {
                        moved = Some((*id, *stage));
                    }
                }
            });
        });
        if let Some((id, to)) = moved
            && let Some(row) = ctx
                .data
                .opportunities
                .iter()
                .find(|r| r.opportunity.id == id && r.opportunity.stage != to)
        {
            ctx.send(AppCommand::Write(Box::new(Command::MoveOpportunity {
                id,
                to,
                note: String::new(),
            })));
            if to == OpportunityStage::Won {
                self.offer_sale(row);
            }
        }
    }
}

/// One opportunity card on the board; returns a stage chosen from its menu.
fn opportunity_card(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    row: &OpportunityRow,
    today: NaiveDate,
    rotting_days: u32,
) -> Option<OpportunityStage> {
    let (p, lang) = (ctx.t.pipeline, ctx.lang);
    let o = &row.opportunity;
    let rotting = is_rotting(
        o.stage,
        o.created_at,
        row.last_activity,
        row.next_step_due,
        today,
        rotting_days,
    );
    let id = Id::unique(("opp_card", o.id));
    let card = ui.dnd_drag_source(id, o.id, |ui| {
        card_frame(ui, |ui| {
            // Cut to the column: a longer line widened its column, and the
            // board pushed 签约 past the window's edge.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            ui.strong(&o.title);
            ui.label(&row.customer_name);
            ui.horizontal(|ui| {
                if rotting {
                    ui.colored_label(theme::ERROR, p.rotting);
                }
                ui.label(format!(
                    "¥{} · {}%",
                    format_cents_grouped(o.expected_value_cents),
                    o.probability_pct
                ));
            });
            // The expected close on a line of its own (the card is narrow:
            // it was cut to "2027-…").
            ui.horizontal(|ui| match o.expected_close {
                Some(d) => {
                    ui.weak(p.close_short).on_hover_text(p.expected_close);
                    ui.label(d.to_string());
                }
                None => {
                    ui.weak("—");
                }
            });
        });
    });
    let mut chosen = None;
    menu_area(ui, &card.response, id).context_menu(|ui| {
        for target in OpportunityStage::ALL {
            if *target != o.stage && ui.button((p.move_to)(target.name(lang))).clicked() {
                chosen = Some(*target);
                ui.close();
            }
        }
    });
    chosen
}
