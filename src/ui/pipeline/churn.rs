//! The churn tab: at-risk and churned customers, the longest without a
//! purchase first. Each shows the loss (its CLV), and, once recorded, the
//! reason, the estimated win-back cost and only then a suggestion
//! (`domain::winback::advice`, DOMAIN §2: do not win back blindly, and do
//! not act only after the fact); a row without a record has the form to
//! record why the customer left.

use std::collections::HashMap;

use chrono::NaiveDate;
use egui::{Color32, RichText};
use egui_extras::{Column, TableBuilder, TableRow};

use super::PipelinePanel;
use crate::domain::analysis::clv::{ClvParams, clv};
use crate::domain::command::{Command, Record};
use crate::domain::customer::CustomerId;
use crate::domain::money::{format_cents, format_cents_grouped};
use crate::domain::pipeline::{ChurnState, churn_state};
use crate::domain::records::ChurnRecord;
use crate::domain::terms::ChurnReason;
use crate::domain::winback::{Advice, WinbackCostError, advice, parse_winback_cost};
use crate::store::CustomerRow;
use crate::ui::i18n_pipeline::TrPipeline;
use crate::ui::{AppCommand, AppCtx, theme};

/// One customer's churn form: reason, root cause, win-back cost, try repair.
#[derive(Clone, Debug)]
pub(super) struct ChurnForm {
    reason: ChurnReason,
    root_cause: String,
    try_repair: bool,
    /// The win-back cost as typed (kept as it is when refused).
    cost: String,
    /// What is wrong with the typed cost.
    error: Option<WinbackCostError>,
    /// Shown again for a customer with a record ("Record again").
    open: bool,
}

impl Default for ChurnForm {
    fn default() -> Self {
        Self {
            reason: ChurnReason::Other,
            root_cause: String::new(),
            try_repair: false,
            cost: String::new(),
            error: None,
            open: false,
        }
    }
}

impl ChurnForm {
    /// The form filled from a stored record, to record it again.
    fn from_record(r: &ChurnRecord) -> Self {
        Self {
            reason: r.reason,
            root_cause: r.root_cause.clone(),
            try_repair: r.try_repair,
            cost: r.winback_cost_cents.map(format_cents).unwrap_or_default(),
            error: None,
            open: true,
        }
    }

    /// The record typed for `customer` with its `loss` (cents), or `None`
    /// with the cost's problem kept on the form (and what was typed).
    fn record(&mut self, customer: CustomerId, today: NaiveDate, loss: i64) -> Option<ChurnRecord> {
        match parse_winback_cost(&self.cost) {
            Ok(cost) => {
                self.error = None;
                self.open = false;
                Some(ChurnRecord {
                    customer,
                    recorded_at: today,
                    reason: self.reason,
                    root_cause: self.root_cause.trim().to_owned(),
                    try_repair: self.try_repair,
                    estimated_loss_cents: loss,
                    winback_cost_cents: cost,
                })
            }
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
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

/// The at-risk and churned customers as a table: a recorded customer's
/// record and suggestion, else a churn form; returns the record of a row
/// whose "record" button was clicked.
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
            .column(Column::initial(70.0))
            .column(Column::initial(100.0).clip(true))
            .column(Column::initial(80.0))
            .column(Column::initial(60.0))
            .column(Column::initial(90.0))
            .column(Column::initial(100.0))
            .column(Column::initial(90.0).clip(true))
            .column(Column::initial(110.0))
            .column(Column::initial(215.0))
            // The check box above the button (a row is two lines high).
            .column(Column::remainder().at_least(110.0))
            // Two lines: a long heading wraps instead of running into the
            // first row.
            .header(theme::ROW_HEIGHT * 2.0, |mut h| {
                for title in [
                    p.customer_code,
                    p.customer,
                    p.last_purchase,
                    p.state,
                    p.loss,
                    p.reason,
                    p.root_cause,
                    p.winback_cost,
                    p.suggestion,
                    p.record_churn,
                ] {
                    h.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                // Two lines: a field and its message, or a wrapped suggestion.
                body.rows(theme::ROW_HEIGHT * 2.0 + 8.0, rows.len(), |mut row| {
                    let (i, state) = rows[row.index()];
                    let c = &ctx.data.customers[i];
                    let loss = c
                        .first_purchase
                        .map_or(0.0, |first| clv(c.revenue_cents, first, today, &params).clv);
                    #[allow(clippy::cast_possible_truncation)]
                    let loss = loss.round() as i64;
                    let form = forms.entry(c.id).or_default();
                    if let Some(r) = churn_row(&mut row, ctx, c, state, form, loss) {
                        record = Some(r);
                    }
                });
            });
    });
    record
}

/// One customer's row: who, the state and the loss, then its record and
/// the suggestion, or the form; returns the record when it was clicked.
fn churn_row(
    row: &mut TableRow<'_, '_>,
    ctx: &AppCtx<'_>,
    c: &CustomerRow,
    state: ChurnState,
    form: &mut ChurnForm,
    clv_cents: i64,
) -> Option<ChurnRecord> {
    let p = ctx.t.pipeline;
    let stored = ctx.data.churn_records.get(&c.id);
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
        ui.label(yuan(stored.map_or(clv_cents, |r| r.estimated_loss_cents)));
    });
    let suggestion = advice(state, stored, clv_cents);
    match stored {
        Some(r) if !form.open => {
            recorded_cells(row, ctx, r, suggestion, form);
            None
        }
        _ => form_cells(row, ctx, c, form, clv_cents, suggestion),
    }
}

/// Money as the churn view shows it: `¥1,234.50`.
fn yuan(cents: i64) -> String {
    format!("¥{}", format_cents_grouped(cents))
}

/// The suggestion in words and its colour.
fn advice_text(p: &TrPipeline, advice: Advice) -> (String, Color32) {
    match advice {
        Advice::AtRisk { at_stake } => ((p.advice_at_risk)(&yuan(at_stake)), theme::GOLD),
        Advice::RecordWhy { loss } => ((p.advice_record_why)(&yuan(loss)), theme::WARNING),
        Advice::EstimateCost { loss } => ((p.advice_estimate)(&yuan(loss)), theme::WARNING),
        Advice::WorthTrying { cost, loss } => {
            ((p.advice_worth)(&yuan(cost), &yuan(loss)), theme::OK)
        }
        Advice::CheaperThanLoss { cost, loss } => {
            ((p.advice_cheaper)(&yuan(cost), &yuan(loss)), theme::ACCENT)
        }
        Advice::CostsMore { cost, loss } => {
            ((p.advice_costs_more)(&yuan(cost), &yuan(loss)), theme::ERROR)
        }
    }
}

/// The suggestion cell: wrapped within its column.
fn suggestion_cell(row: &mut TableRow<'_, '_>, p: &TrPipeline, advice: Advice) {
    row.col(|ui| {
        let (text, colour) = advice_text(p, advice);
        ui.add(egui::Label::new(RichText::new(text).color(colour)).wrap());
    });
}

/// A recorded customer's reason, root cause, win-back cost, suggestion and
/// a button to record it again.
fn recorded_cells(
    row: &mut TableRow<'_, '_>,
    ctx: &AppCtx<'_>,
    r: &ChurnRecord,
    advice: Advice,
    form: &mut ChurnForm,
) {
    let p = ctx.t.pipeline;
    row.col(|ui| {
        ui.label(r.reason.name(ctx.lang));
    });
    row.col(|ui| {
        ui.label(&r.root_cause);
    });
    row.col(|ui| match r.winback_cost_cents {
        Some(cost) => {
            ui.label(yuan(cost));
        }
        None => {
            ui.weak(p.not_estimated);
        }
    });
    suggestion_cell(row, p, advice);
    row.col(|ui| {
        if ui.small_button(p.record_again).clicked() {
            *form = ChurnForm::from_record(r);
        }
    });
}

/// The reason, root cause, win-back cost (with its message), suggestion and
/// "record" cells of one churn row; returns the record when its button was
/// clicked and the cost was accepted.
fn form_cells(
    row: &mut TableRow<'_, '_>,
    ctx: &AppCtx<'_>,
    c: &CustomerRow,
    form: &mut ChurnForm,
    loss: i64,
    advice: Advice,
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
            })
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, p.reason));
    });
    row.col(|ui| {
        let edit = egui::TextEdit::singleline(&mut form.root_cause)
            .hint_text(p.root_cause)
            .desired_width(85.0);
        let _root = ui.add(edit);
    });
    row.col(|ui| {
        ui.vertical(|ui| {
            let edit = egui::TextEdit::singleline(&mut form.cost)
                .hint_text(p.winback_cost)
                .desired_width(100.0);
            let _cost = ui.add(edit);
            if let Some(e) = &form.error {
                ui.add(egui::Label::new(RichText::new(e.text(lang)).small().color(theme::ERROR)));
            }
        });
    });
    suggestion_cell(row, p, advice);
    row.col(|ui| {
        let clicked = ui
            .vertical(|ui| {
                ui.checkbox(&mut form.try_repair, p.try_repair);
                ui.small_button(p.record_churn).clicked()
            })
            .inner;
        if clicked {
            record = form.record(c.id, ctx.now.date(), loss);
        }
    });
    record
}
