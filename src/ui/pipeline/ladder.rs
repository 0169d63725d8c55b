//! The ladder tab: customers as cards in one column per ladder step,
//! filtered by grade, industry, owner and risk; a drag or a card's menu
//! moves a customer, and skips and downward moves ask for a reason first.

use chrono::{NaiveDate, NaiveDateTime};
use egui::{Id, RichText};

use super::{CARD_HEIGHT, PipelinePanel, card_frame, menu_area};
use crate::domain::command::Command;
use crate::domain::customer::CustomerId;
use crate::domain::money::format_cents_grouped;
use crate::domain::pipeline::{ChurnState, churn_state, move_needs_reason};
use crate::domain::terms::{Grade, LadderStep};
use crate::store::CustomerRow;
use crate::ui::i18n_pipeline::TrPipeline;
use crate::ui::widgets::Confirm;
use crate::ui::{AppCommand, AppCtx, theme};

/// A ladder move waiting for its reason.
#[derive(Clone, Debug)]
pub(super) struct PendingMove {
    id: CustomerId,
    name: String,
    from: LadderStep,
    to: LadderStep,
    reason: String,
    error: bool,
}

/// What the ladder columns depend on.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct BoardKey {
    rows_gen: u64,
    grade: Option<Grade>,
    industry: String,
    owner: String,
    risk_only: bool,
    today: NaiveDate,
}

impl PipelinePanel {
    fn refresh_columns(&mut self, ctx: &AppCtx<'_>) {
        let key = BoardKey {
            rows_gen: ctx.data.customers.generation(),
            grade: self.grade,
            industry: self.industry.trim().to_lowercase(),
            owner: self.owner.trim().to_lowercase(),
            risk_only: self.risk_only,
            today: ctx.now.date(),
        };
        if self.columns_key.as_ref() == Some(&key) {
            return;
        }
        let churn_days = ctx.data.settings.churn_days;
        let mut columns = vec![Vec::new(); LadderStep::ALL.len()];
        for (i, c) in ctx.data.customers.iter().enumerate() {
            let state = churn_state(c.last_purchase, key.today, churn_days);
            let keep = key.grade.is_none_or(|g| c.grade == Some(g))
                && (key.industry.is_empty() || c.industry.to_lowercase().contains(&key.industry))
                && (key.owner.is_empty() || c.owner.to_lowercase().contains(&key.owner))
                && (!key.risk_only || matches!(state, ChurnState::AtRisk | ChurnState::Churned));
            if keep {
                columns[c.ladder_step as usize].push(i);
            }
        }
        // Highest revenue first, ties by code: the rows are in code order
        // already and the sort is stable, so integers are all it compares.
        for column in &mut columns {
            column.sort_by_key(|&i| std::cmp::Reverse(ctx.data.customers[i].revenue_cents));
        }
        self.columns = columns;
        self.columns_key = Some(key);
    }

    /// Draws the ladder tab.
    pub(super) fn ladder_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (p, lang) = (ctx.t.pipeline, ctx.lang);
        ui.horizontal_wrapped(|ui| {
            crate::ui::widgets::vocab_combo_opt(ui, p.grade, lang, p.all, &mut self.grade);
            for (label, text) in [(p.industry, &mut self.industry), (p.owner, &mut self.owner)] {
                let label = ui.label(label);
                let _field = ui
                    .add(egui::TextEdit::singleline(text).desired_width(100.0))
                    .labelled_by(label.id);
            }
            ui.checkbox(&mut self.risk_only, p.at_risk_only);
        });
        // On its own line, wrapped to the panel: beside the filters it
        // widened the row, and the board with it, past the window's edge.
        egui::CollapsingHeader::new(p.about).id_salt("ladder_note").show(ui, |ui| {
            ui.set_max_width(ui.available_width().min(900.0));
            ui.label(p.note_ladder);
            ui.label(p.note_stages);
        });
        self.refresh_columns(ctx);
        // Card text is not selectable: a press on a card drags or opens its menu.
        ui.style_mut().interaction.selectable_labels = false;
        let today = ctx.now.date();
        let churn_days = ctx.data.settings.churn_days;
        let width = (ui.available_width() / 6.0 - 20.0).max(150.0);
        let height = ui.available_height() - 8.0;
        let mut dropped: Option<(CustomerId, LadderStep)> = None;
        egui::ScrollArea::horizontal().id_salt("ladder_board").show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for (col, step) in LadderStep::ALL.iter().enumerate() {
                    let total = ctx.data.ladder_totals.iter().find(|t| t.step == *step);
                    let frame = egui::Frame::group(ui.style()).inner_margin(4.0);
                    let (_, payload) =
                        ui.dnd_drop_zone::<CustomerId, ()>(frame, |ui| {
                            ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                                ui.set_width(width);
                                ui.set_min_height(height - 12.0);
                                ui.label(RichText::new(step.name(lang)).heading().strong());
                                if let Some(t) = total {
                                    ui.label((p.column_total)(
                                        t.customers,
                                        &format_cents_grouped(t.revenue_cents),
                                    ));
                                }
                                let shown = &self.columns[col];
                                if total.is_some_and(|t| {
                                    usize::try_from(t.customers).ok() != Some(shown.len())
                                }) {
                                    ui.weak((p.shown)(shown.len()));
                                }
                                egui::ScrollArea::vertical()
                                    .id_salt(("ladder_col", col))
                                    .show_rows(ui, CARD_HEIGHT, shown.len(), |ui, range| {
                                        for &i in &shown[range] {
                                            let c = &ctx.data.customers[i];
                                            if let Some(to) =
                                                ladder_card(ui, ctx, p, c, today, churn_days)
                                            {
                                                dropped = Some((c.id, to));
                                            }
                                        }
                                    });
                            });
                        });
                    if let Some(id) = payload {
                        dropped = Some((*id, *step));
                    }
                }
            });
        });
        if let Some((id, to)) = dropped {
            self.request_move(ctx, id, to);
        }
    }

    /// A move from a drop or a card menu: direct, or after asking a reason.
    fn request_move(&mut self, ctx: &AppCtx<'_>, id: CustomerId, to: LadderStep) {
        let Some(row) = ctx.data.customers.by_id(id) else { return };
        if row.ladder_step == to {
            return;
        }
        if move_needs_reason(row.ladder_step, to) {
            self.pending = Some(PendingMove {
                id,
                name: row.name.clone(),
                from: row.ladder_step,
                to,
                reason: String::new(),
                error: false,
            });
        } else {
            ctx.send(AppCommand::Write(Box::new(Command::MoveStep {
                id,
                to,
                reason: String::new(),
            })));
        }
    }

    /// Asks for the reason of a pending move, in a modal.
    pub(super) fn pending_ui(&mut self, ui: &egui::Ui, ctx: &AppCtx<'_>) {
        let (p, lang) = (ctx.t.pipeline, ctx.lang);
        let Some(pending) = &mut self.pending else { return };
        let confirm = Confirm::new("move_reason", p.move_title, p.confirm, p.cancel);
        let decided = confirm.max_width(420.0).show(ui, |ui| {
            ui.label((p.move_body)(&pending.name, pending.from.name(lang), pending.to.name(lang)));
            let label = ui.label(p.reason);
            let field =
                ui.add(egui::TextEdit::singleline(&mut pending.reason)).labelled_by(label.id);
            field.request_focus();
            if pending.error {
                ui.colored_label(theme::ERROR, p.reason_required);
            }
        });
        match decided {
            Some(true) if pending.reason.trim().is_empty() => pending.error = true,
            Some(true) => {
                ctx.send(AppCommand::Write(Box::new(Command::MoveStep {
                    id: pending.id,
                    to: pending.to,
                    reason: pending.reason.trim().to_owned(),
                })));
                self.pending = None;
            }
            Some(false) => self.pending = None,
            None => {}
        }
    }
}

/// One customer card on the ladder; returns a step chosen from its menu.
fn ladder_card(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    p: &TrPipeline,
    c: &CustomerRow,
    today: NaiveDate,
    churn_days: u32,
) -> Option<LadderStep> {
    let lang = ctx.lang;
    let state = churn_state(c.last_purchase, today, churn_days);
    let card = ui.dnd_drag_source(Id::unique(("ladder_card", c.id.0)), c.id, |ui| {
        card_frame(ui, |ui| {
            // One line each: a wrapped line ran past the card's fixed height.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            ui.horizontal(|ui| {
                ui.add(egui::Label::new(RichText::new(&c.name).strong()).truncate());
                match state {
                    ChurnState::AtRisk => {
                        ui.colored_label(theme::GOLD, p.at_risk);
                    }
                    ChurnState::Churned => {
                        ui.colored_label(theme::ERROR, p.churned);
                    }
                    _ => {}
                }
            });
            ui.label(format!("{} · ¥{}", c.code, format_cents_grouped(c.revenue_cents)));
            match c.last_purchase {
                Some(last) => ui.weak((p.days_since)((today - last).num_days())),
                None => ui.weak(p.never_bought),
            };
            if let Some(contact) = c.last_contact {
                ui.weak((p.last_contact)(&short(contact)));
            }
        });
    });
    let mut chosen = None;
    menu_area(ui, &card.response, Id::unique(("ladder_card", c.id.0))).context_menu(|ui| {
        for step in LadderStep::ALL {
            if *step != c.ladder_step && ui.button((p.move_to)(step.name(lang))).clicked() {
                chosen = Some(*step);
                ui.close();
            }
        }
    });
    chosen
}

/// A date and time as its date.
fn short(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d").to_string()
}
