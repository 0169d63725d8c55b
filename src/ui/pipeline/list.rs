//! The opportunity list tab: search, stage filter, a sortable table with
//! weighted values, and the row that adds an opportunity.

use egui_extras::{Column, TableBuilder};

use super::PipelinePanel;
use crate::domain::command::{Command, Record};
use crate::domain::import::values::{parse_amount_cents, parse_date};
use crate::domain::money::format_cents_grouped;
use crate::domain::pipeline::{default_probability, weighted_cents};
use crate::domain::records::Opportunity;
use crate::domain::terms::OpportunityStage;
use crate::ui::widgets::{
    customer_picker, find_customer, hinted_fields, sort_heading, vocab_combo_opt,
};
use crate::ui::{AppCommand, AppCtx, theme};

/// The new-opportunity form.
#[derive(Clone, Debug, Default)]
pub(super) struct OpportunityForm {
    customer: String,
    title: String,
    value: String,
    probability: String,
    close: String,
    error: Option<&'static str>,
}

/// The list's sort: a column index and its direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ListSort {
    column: usize,
    ascending: bool,
}

/// The default sort: newest first.
const NEWEST_FIRST: ListSort = ListSort { column: 7, ascending: false };

impl PipelinePanel {
    /// Draws the opportunity list tab.
    pub(super) fn list_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (p, lang) = (ctx.t.pipeline, ctx.lang);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(p.search);
            let _search = ui
                .add(egui::TextEdit::singleline(&mut self.search).desired_width(160.0))
                .labelled_by(label.id);
            vocab_combo_opt(ui, p.stage, lang, p.all, &mut self.stage_filter);
        });
        self.new_opportunity_ui(ui, ctx);
        let sort = self.sort.unwrap_or(NEWEST_FIRST);
        let rows = self.list_rows(ctx, sort);
        // Its columns scroll sideways when the panel is narrower than they
        // are (presenter mode at 200 %), as the customer table's do.
        let scroll = egui::ScrollArea::horizontal().id_salt("opportunity_list_sideways");
        if let Some(i) = scroll.show(ui, |ui| list_table_ui(ui, ctx, &rows, sort)).inner {
            self.sort = Some(match self.sort {
                Some(s) if s.column == i => ListSort { column: i, ascending: !s.ascending },
                _ => ListSort { column: i, ascending: true },
            });
        }
    }

    /// The opportunities shown (indices), filtered and sorted.
    fn list_rows(&self, ctx: &AppCtx<'_>, sort: ListSort) -> Vec<usize> {
        let needle = self.search.trim().to_lowercase();
        let mut rows: Vec<usize> = (0..ctx.data.opportunities.len())
            .filter(|&i| {
                let r = &ctx.data.opportunities[i];
                self.stage_filter.is_none_or(|s| r.opportunity.stage == s)
                    && (needle.is_empty()
                        || r.opportunity.title.to_lowercase().contains(&needle)
                        || r.customer_name.to_lowercase().contains(&needle)
                        || r.customer_code.to_lowercase().contains(&needle))
            })
            .collect();
        let ListSort { column, ascending } = sort;
        rows.sort_by(|&a, &b| {
            let (a, b) = (&ctx.data.opportunities[a], &ctx.data.opportunities[b]);
            let (x, y) = (&a.opportunity, &b.opportunity);
            let order = match column {
                0 => x.title.cmp(&y.title),
                1 => a.customer_code.cmp(&b.customer_code),
                2 => x.stage.cmp(&y.stage),
                3 => x.expected_value_cents.cmp(&y.expected_value_cents),
                4 => weighted_cents(x.expected_value_cents, x.probability_pct)
                    .cmp(&weighted_cents(y.expected_value_cents, y.probability_pct)),
                5 => x.probability_pct.cmp(&y.probability_pct),
                6 => x.expected_close.cmp(&y.expected_close),
                _ => x.created_at.cmp(&y.created_at),
            }
            .then_with(|| x.id.cmp(&y.id));
            if ascending { order } else { order.reverse() }
        });
        rows
    }

    fn new_opportunity_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let p = ctx.t.pipeline;
        let f = &mut self.new_opportunity;
        ui.horizontal_wrapped(|ui| {
            ui.strong(p.new_opportunity);
            let _picked = customer_picker(ui, ctx, p.customer_code, &mut f.customer, 140.0);
            hinted_fields(
                ui,
                110.0,
                [
                    (p.title_col, &mut f.title),
                    (p.value, &mut f.value),
                    (p.probability, &mut f.probability),
                    (p.expected_close, &mut f.close),
                ],
            );
            if ui.button(p.save).clicked() {
                f.error = f.save(ctx);
            }
            if let Some(e) = f.error {
                crate::ui::widgets::error_label(ui, e);
            }
        });
    }
}

impl OpportunityForm {
    /// Checks the form and, when it is valid, sends the new opportunity and
    /// clears the form; returns the problem, if any.
    fn save(&mut self, ctx: &AppCtx<'_>) -> Option<&'static str> {
        let p = ctx.t.pipeline;
        let customer = find_customer(&ctx.data.customers, &self.customer).map(|c| c.id);
        let value = parse_amount_cents(&self.value);
        let probability = if self.probability.trim().is_empty() {
            Ok(default_probability(OpportunityStage::Lead))
        } else {
            self.probability.trim().parse::<u8>().ok().filter(|p| *p <= 100).ok_or(())
        };
        let close =
            if self.close.trim().is_empty() { Ok(None) } else { parse_date(&self.close).map(Some) };
        match (customer, value, probability, close) {
            (None, ..) => Some(p.unknown_customer),
            _ if self.title.trim().is_empty() => Some(p.required),
            (_, Err(_), ..) => Some(p.bad_amount),
            (_, _, Err(()), _) => Some(p.bad_probability),
            (_, _, _, Err(_)) => Some(p.bad_date),
            (Some(customer), Ok(value), Ok(probability), Ok(close)) => {
                let record = Opportunity {
                    id: 0,
                    customer,
                    title: self.title.trim().to_owned(),
                    stage: OpportunityStage::Lead,
                    expected_value_cents: value,
                    probability_pct: probability,
                    expected_close: close,
                    created_at: ctx.now,
                    closed_at: None,
                    delivered_at: None,
                    owner: String::new(),
                    notes: String::new(),
                };
                ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
                    id: None,
                    record: Box::new(Record::Opportunity(record)),
                })));
                *self = Self::default();
                None
            }
        }
    }
}

/// The opportunities as a table with sortable headings; returns the column
/// whose heading was clicked.
fn list_table_ui(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    rows: &[usize],
    sort: ListSort,
) -> Option<usize> {
    let (p, lang) = (ctx.t.pipeline, ctx.lang);
    let mut clicked_header = None;
    ui.push_id("opportunity_list", |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .column(Column::initial(200.0).clip(true))
            .column(Column::initial(180.0).clip(true))
            .column(Column::initial(70.0))
            .columns(Column::initial(110.0), 2)
            .column(Column::initial(70.0))
            .columns(Column::initial(100.0), 2)
            .header(20.0, |mut h| {
                for (i, title) in [
                    p.title_col,
                    p.customer,
                    p.stage,
                    p.value,
                    p.weighted_col,
                    p.probability,
                    p.expected_close,
                    p.created,
                ]
                .into_iter()
                .enumerate()
                {
                    h.col(|ui| {
                        let sorted = (sort.column == i).then_some(sort.ascending);
                        if sort_heading(ui, title, sorted) {
                            clicked_header = Some(i);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, rows.len(), |mut row| {
                    let r = &ctx.data.opportunities[rows[row.index()]];
                    let o = &r.opportunity;
                    row.col(|ui| {
                        ui.label(&o.title);
                    });
                    row.col(|ui| {
                        ui.label(format!("{} {}", r.customer_code, r.customer_name));
                    });
                    row.col(|ui| {
                        ui.label(o.stage.name(lang));
                    });
                    row.col(|ui| {
                        ui.label(format_cents_grouped(o.expected_value_cents));
                    });
                    row.col(|ui| {
                        ui.weak(format_cents_grouped(weighted_cents(
                            o.expected_value_cents,
                            o.probability_pct,
                        )));
                    });
                    row.col(|ui| {
                        ui.label(o.probability_pct.to_string());
                    });
                    row.col(|ui| {
                        ui.label(o.expected_close.map(|d| d.to_string()).unwrap_or_default());
                    });
                    row.col(|ui| {
                        ui.label(o.created_at.date().to_string());
                    });
                });
            });
    });
    clicked_header
}
