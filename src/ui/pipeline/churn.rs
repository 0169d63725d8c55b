//! The churn tab: at-risk and churned customers, the longest without a
//! purchase first, with their estimated loss and a row to record why each
//! one left.

use std::collections::HashMap;

use chrono::NaiveDate;
use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::PipelinePanel;
use crate::domain::analysis::clv::{ClvParams, clv};
use crate::domain::command::{Command, Record};
use crate::domain::customer::CustomerId;
use crate::domain::money::format_cents_grouped;
use crate::domain::pipeline::{ChurnState, churn_state};
use crate::domain::records::ChurnRecord;
use crate::domain::terms::ChurnReason;
use crate::store::CustomerRow;
use crate::ui::{AppCommand, AppCtx, theme};

/// One customer's churn form: reason, root cause, try repair.
#[derive(Clone, Debug)]
pub(super) struct ChurnForm {
    reason: ChurnReason,
    root_cause: String,
    try_repair: bool,
}

impl Default for ChurnForm {
    fn default() -> Self {
        Self { reason: ChurnReason::Other, root_cause: String::new(), try_repair: false }
    }
}

/// What the churn rows depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ChurnKey {
    rows_gen: u64,
    today: NaiveDate,
    churn_days: u32,
}

impl PipelinePanel {
    /// Draws the churn tab.
    pub(super) fn churn_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let p = ctx.t.pipeline;
        ui.label(RichText::new(p.churn_warning).color(theme::GOLD));
        let today = ctx.now.date();
        let key = ChurnKey {
            rows_gen: ctx.data.customers.generation(),
            today,
            churn_days: ctx.data.settings.churn_days,
        };
        if self.churn_key != Some(key) {
            self.churn_rows = (0..ctx.data.customers.len())
                .map(|i| {
                    (i, churn_state(ctx.data.customers[i].last_purchase, today, key.churn_days))
                })
                .filter(|(_, s)| matches!(s, ChurnState::AtRisk | ChurnState::Churned))
                .collect();
            self.churn_rows.sort_by_key(|&(i, _)| ctx.data.customers[i].last_purchase);
            self.churn_key = Some(key);
        }
        let record = churn_table_ui(ui, ctx, &self.churn_rows, &mut self.churn_reason);
        if let Some(record) = record {
            ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
                id: None,
                record: Box::new(Record::Churn(record)),
            })));
        }
    }
}

/// The at-risk and churned customers as a table with a churn form per
/// row; returns the record of a row whose "record" button was clicked.
fn churn_table_ui(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    rows: &[(usize, ChurnState)],
    forms: &mut HashMap<CustomerId, ChurnForm>,
) -> Option<ChurnRecord> {
    let p = ctx.t.pipeline;
    let today = ctx.now.date();
    let params = ClvParams::from(&ctx.data.settings);
    let mut record = None;
    ui.push_id("churn_table", |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .column(Column::initial(80.0))
            .column(Column::initial(180.0).clip(true))
            .column(Column::initial(100.0))
            .column(Column::initial(90.0))
            .column(Column::initial(130.0))
            .column(Column::initial(130.0))
            .column(Column::initial(140.0))
            // The check box and the button on one line (they wrapped).
            .column(Column::remainder().at_least(190.0))
            .header(20.0, |mut h| {
                let (code, record) = (p.customer_code, p.record_churn);
                for title in [
                    code,
                    p.customer,
                    p.last_purchase,
                    p.state,
                    p.loss,
                    p.reason,
                    p.root_cause,
                    record,
                ] {
                    h.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT + 4.0, rows.len(), |mut row| {
                    let (i, state) = rows[row.index()];
                    let c = &ctx.data.customers[i];
                    let loss = c
                        .first_purchase
                        .map_or(0.0, |first| clv(c.revenue_cents, first, today, &params).clv);
                    row.col(|ui| {
                        ui.label(&c.code);
                    });
                    row.col(|ui| {
                        ui.label(&c.name);
                    });
                    row.col(|ui| {
                        ui.label(c.last_purchase.map(|d| d.to_string()).unwrap_or_default());
                    });
                    row.col(|ui| {
                        let (text, colour) = match state {
                            ChurnState::Churned => (p.churned, theme::ERROR),
                            _ => (p.at_risk, theme::GOLD),
                        };
                        ui.colored_label(colour, text);
                    });
                    row.col(|ui| {
                        #[allow(clippy::cast_possible_truncation)]
                        ui.label(format!("¥{}", format_cents_grouped(loss.round() as i64)));
                    });
                    let form = forms.entry(c.id).or_default();
                    if let Some(r) = churn_form_cells(&mut row, ctx, c, form, loss) {
                        record = Some(r);
                    }
                });
            });
    });
    record
}

/// The reason, root cause and "record" cells of one churn row; returns the
/// record when its button was clicked.
fn churn_form_cells(
    row: &mut egui_extras::TableRow<'_, '_>,
    ctx: &AppCtx<'_>,
    c: &CustomerRow,
    form: &mut ChurnForm,
    loss: f64,
) -> Option<ChurnRecord> {
    let (p, lang) = (ctx.t.pipeline, ctx.lang);
    let mut record = None;
    row.col(|ui| {
        egui::ComboBox::from_id_salt(("churn_reason", c.id.0))
            .selected_text(form.reason.name(lang))
            .show_ui(ui, |ui| {
                for r in ChurnReason::ALL {
                    ui.selectable_value(&mut form.reason, *r, r.name(lang));
                }
            });
    });
    row.col(|ui| {
        let _root = ui.add(egui::TextEdit::singleline(&mut form.root_cause).desired_width(130.0));
    });
    row.col(|ui| {
        let clicked = ui
            .horizontal(|ui| {
                ui.checkbox(&mut form.try_repair, p.try_repair);
                ui.small_button(p.record_churn).clicked()
            })
            .inner;
        if clicked {
            #[allow(clippy::cast_possible_truncation)]
            let loss = loss.round() as i64;
            record = Some(ChurnRecord {
                customer: c.id,
                recorded_at: ctx.now.date(),
                reason: form.reason,
                root_cause: form.root_cause.trim().to_owned(),
                try_repair: form.try_repair,
                estimated_loss_cents: loss,
                winback_cost_cents: None,
            });
        }
    });
    record
}
