//! The proposals tab: prospects who already count as acquired under the
//! business's definition, to accept as customers or dismiss.

use egui_extras::{Column, TableBuilder};

use super::PipelinePanel;
use crate::domain::command::Command;
use crate::domain::money::format_cents_grouped;
use crate::domain::pipeline::is_acquired;
use crate::domain::settings::Acquisition;
use crate::domain::terms::LadderStep;
use crate::ui::{AppCommand, AppCtx, theme};

/// What the proposals depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ProposalsKey {
    rows_gen: u64,
    definition: Acquisition,
    dismissed: usize,
}

impl PipelinePanel {
    /// Draws the proposals tab.
    pub(super) fn proposals_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let p = ctx.t.pipeline;
        let definition = ctx.data.settings.acquisition;
        let def_text = match definition {
            Acquisition::Transaction => p.def_transaction,
            Acquisition::Process => p.def_process,
        };
        ui.label((p.proposals_intro)(def_text));
        let key = ProposalsKey {
            rows_gen: ctx.data.customers.generation(),
            definition,
            dismissed: self.dismissed.len(),
        };
        if self.proposals_key != Some(key) {
            self.proposals = (0..ctx.data.customers.len())
                .filter(|&i| {
                    let c = &ctx.data.customers[i];
                    c.ladder_step == LadderStep::Prospect
                        && !self.dismissed.contains(&c.id)
                        && is_acquired(c.first_purchase, c.last_purchase, definition)
                })
                .collect();
            self.proposals_key = Some(key);
        }
        if self.proposals.is_empty() {
            ui.label(p.no_proposals);
            return;
        }
        let mut dismiss = None;
        // Only the rows on screen are laid out (there can be tens of thousands).
        // Sideways scrolling keeps the buttons reachable in a narrow panel.
        let scroll = egui::ScrollArea::horizontal().id_salt("proposals_sideways");
        scroll.show(ui, |ui| {
            ui.push_id("proposals", |ui| {
                TableBuilder::new(ui)
                    .striped(true)
                    .column(Column::initial(90.0))
                    .column(Column::initial(240.0).clip(true))
                    .column(Column::initial(140.0))
                    .column(Column::remainder().at_least(180.0))
                    .body(|body| {
                        body.rows(theme::ROW_HEIGHT + 4.0, self.proposals.len(), |mut row| {
                            let c = &ctx.data.customers[self.proposals[row.index()]];
                            row.col(|ui| {
                                ui.label(&c.code);
                            });
                            row.col(|ui| {
                                ui.label(&c.name);
                            });
                            row.col(|ui| {
                                ui.label(format!("¥{}", format_cents_grouped(c.revenue_cents)));
                            });
                            row.col(|ui| {
                                if ui.button(p.accept).clicked() {
                                    ctx.send(AppCommand::Write(Box::new(Command::MoveStep {
                                        id: c.id,
                                        to: LadderStep::Customer,
                                        reason: String::new(),
                                    })));
                                }
                                if ui.button(p.dismiss).clicked() {
                                    dismiss = Some(c.id);
                                }
                            });
                        });
                    });
            })
        });
        if let Some(id) = dismiss {
            self.dismissed.insert(id);
        }
    }
}
