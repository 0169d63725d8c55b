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
        // Its columns scroll sideways when the panel is narrower than they
        // are (presenter mode at 200 %): the loss, reasons and the button.
        let scroll = egui::ScrollArea::horizontal().id_salt("churn_sideways");
        let (rows, forms) = (&self.churn_rows, &mut self.churn_reason);
        let record = scroll.show(ui, |ui| churn_table_ui(ui, ctx, rows, forms)).inner;
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
    // The reason and root-cause headings name each row's list and field.
    let mut names = [None; 8];
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
                let titles = [
                    code,
                    p.customer,
                    p.last_purchase,
                    p.state,
                    p.loss,
                    p.reason,
                    p.root_cause,
                    record,
                ];
                for (name, title) in names.iter_mut().zip(titles) {
                    h.col(|ui| {
                        // One line (cut short, whole on hover): a wrapped
                        // heading ran into the first row at 200 %.
                        let strong = egui::RichText::new(title).strong();
                        *name = Some(ui.add(egui::Label::new(strong).truncate()).id);
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
                    let named = (names[5], names[6]);
                    if let Some(r) = churn_form_cells(&mut row, ctx, c, form, loss, named) {
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
    (reason, root_cause): (Option<egui::Id>, Option<egui::Id>),
) -> Option<ChurnRecord> {
    let (p, lang) = (ctx.t.pipeline, ctx.lang);
    let mut record = None;
    let named = |response: egui::Response, by: Option<egui::Id>| match by {
        Some(id) => response.labelled_by(id),
        None => response,
    };
    row.col(|ui| {
        let combo = egui::ComboBox::from_id_salt(("churn_reason", c.id.0))
            .selected_text(form.reason.name(lang))
            .show_ui(ui, |ui| {
                for r in ChurnReason::ALL {
                    ui.selectable_value(&mut form.reason, *r, r.name(lang));
                }
            });
        let _combo = named(combo.response, reason);
    });
    row.col(|ui| {
        let field = egui::TextEdit::singleline(&mut form.root_cause).desired_width(130.0);
        let _root = named(ui.add(field), root_cause);
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
            });
        }
    });
    record
}
