//! The customer table: search, filters, sortable columns and a virtualised
//! body that lays out only the visible rows.

use std::cmp::Ordering;

use egui::Sense;
use egui_extras::{Column, TableBuilder};

use super::CustomersPanel;
use crate::domain::money::format_cents_grouped;
use crate::domain::terms::{CustomerKind, Grade, LadderStep};
use crate::store::CustomerRow;
use crate::ui::i18n::Tr;
use crate::ui::widgets::{sort_heading, vocab_combo_opt, wrapped_group};
use crate::ui::{AppCommand, AppCtx, keys, theme};

/// Table columns, in display order; each can sort the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Code,
    Name,
    Kind,
    Grade,
    Step,
    Industry,
    Owner,
    Phone,
    Revenue,
    LastPurchase,
    NextFollowUp,
}

impl SortKey {
    const ALL: [Self; 11] = [
        Self::Code,
        Self::Name,
        Self::Kind,
        Self::Grade,
        Self::Step,
        Self::Industry,
        Self::Owner,
        Self::Phone,
        Self::Revenue,
        Self::LastPurchase,
        Self::NextFollowUp,
    ];

    fn title(self, t: &Tr) -> &'static str {
        match self {
            Self::Code => t.col_code,
            Self::Name => t.col_name,
            Self::Kind => t.col_kind,
            Self::Grade => t.col_grade,
            Self::Step => t.col_step,
            Self::Industry => t.col_industry,
            Self::Owner => t.col_owner,
            Self::Phone => t.col_phone,
            Self::Revenue => t.col_revenue,
            Self::LastPurchase => t.col_last_purchase,
            Self::NextFollowUp => t.records.col_next_follow_up,
        }
    }

    fn compare(self, a: &CustomerRow, b: &CustomerRow) -> Ordering {
        match self {
            Self::Code => a.code.cmp(&b.code),
            Self::Name => a.name.cmp(&b.name),
            Self::Kind => a.kind.cmp(&b.kind),
            Self::Grade => a.grade.cmp(&b.grade),
            Self::Step => a.ladder_step.cmp(&b.ladder_step),
            Self::Industry => a.industry.cmp(&b.industry),
            Self::Owner => a.owner.cmp(&b.owner),
            Self::Phone => a.phone.cmp(&b.phone),
            Self::Revenue => a.revenue_cents.cmp(&b.revenue_cents),
            Self::LastPurchase => a.last_purchase.cmp(&b.last_purchase),
            // Ascending, the soonest (most overdue) first and customers
            // without a follow-up last.
            Self::NextFollowUp => match (a.next_follow_up, b.next_follow_up) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        }
        .then_with(|| a.code.cmp(&b.code))
    }
}

/// What the user chose to see: the search text, the filters and the sort.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Filters {
    pub(super) search: String,
    pub(super) kind: Option<CustomerKind>,
    pub(super) grade: Option<Grade>,
    pub(super) step: Option<LadderStep>,
    pub(super) sort: SortKey,
    pub(super) ascending: bool,
}

/// What the visible rows depend on; the view is rebuilt only when it changes.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ViewKey {
    rows_gen: u64,
    /// The filters, with the search text trimmed and in lower case.
    filters: Filters,
}

impl CustomersPanel {
    /// Rebuilds the visible rows when the rows, search, filters or sort change.
    pub(super) fn refresh_view(&mut self, ctx: &AppCtx<'_>) {
        let rows = &ctx.data.customers;
        let searching = !self.filters.search.trim().is_empty();
        // Built on the first search only: lowering every row's text takes
        // tens of milliseconds at 100,000 customers, too long for the frame
        // that shows a freshly loaded table.
        if searching && self.haystacks_gen != Some(ctx.data.customers.generation()) {
            self.haystacks = rows
                .iter()
                .map(|r| {
                    format!(
                        "{}\n{}\n{}\n{}\n{}\n{}\n{}",
                        r.code, r.name, r.phone, r.email, r.industry, r.owner, r.contacts
                    )
                    .to_lowercase()
                })
                .collect();
            self.haystacks_gen = Some(ctx.data.customers.generation());
        }
        let key = ViewKey {
            rows_gen: ctx.data.customers.generation(),
            filters: Filters {
                search: self.filters.search.trim().to_lowercase(),
                ..self.filters.clone()
            },
        };
        if self.view_key.as_ref() == Some(&key) {
            return;
        }
        let f = &key.filters;
        self.view = (0..rows.len())
            .filter(|&i| {
                let r = &rows[i];
                f.kind.is_none_or(|k| r.kind == k)
                    && f.grade.is_none_or(|g| r.grade == Some(g))
                    && f.step.is_none_or(|s| r.ladder_step == s)
                    && (f.search.is_empty() || self.haystacks[i].contains(&f.search))
            })
            .collect();
        let (sort, ascending) = (f.sort, f.ascending);
        self.view.sort_by(|&a, &b| {
            let order = sort.compare(&rows[a], &rows[b]);
            if ascending { order } else { order.reverse() }
        });
        self.view_key = Some(key);
    }

    /// Draws the search, the filters, "new customer" and the counts.
    pub(super) fn toolbar_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (t, lang) = (ctx.t, ctx.lang);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(t.search);
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.filters.search)
                        .hint_text((t.search_hint)(&keys::name(ui.ctx(), &keys::FIND)))
                        .desired_width(240.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_search) {
                search.request_focus();
            }
            // Each filter's label stays with its list when the row wraps.
            let f = &mut self.filters;
            wrapped_group(ui, "kind", |ui| {
                vocab_combo_opt(ui, t.col_kind, lang, t.all, &mut f.kind);
            });
            wrapped_group(ui, "grade", |ui| {
                vocab_combo_opt(ui, t.col_grade, lang, t.all, &mut f.grade);
            });
            wrapped_group(ui, "step", |ui| {
                vocab_combo_opt(ui, t.col_step, lang, t.all, &mut f.step);
            });
            if ui.button(t.new_customer).on_hover_text(keys::name(ui.ctx(), &keys::NEW)).clicked() {
                self.start_new(ctx);
            }
            let count = (t.n_customers)(self.view.len(), ctx.data.customers.len());
            wrapped_group(ui, "count", |ui| ui.label(count));
        });
    }

    /// Says why there are no rows to show (loading, none yet, none match);
    /// true when it did.
    fn empty_ui(&self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) -> bool {
        let t = ctx.t;
        if ctx.data.customers.is_empty() {
            // While the rows load on a worker, say so rather than "no customers".
            if ctx.data.customers_loading.is_some() {
                ui.label(t.loading_customers);
            } else {
                ui.label((t.no_customers)(&keys::name(ui.ctx(), &keys::NEW)));
            }
            return true;
        }
        if self.view.is_empty() {
            ui.label(t.no_match);
            return true;
        }
        false
    }

    /// Draws the table of visible rows; a click selects a customer, a heading sorts.
    pub(super) fn table_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (t, lang) = (ctx.t, ctx.lang);
        let rows = &ctx.data.customers;
        if self.empty_ui(ui, ctx) {
            return;
        }
        let selected = self.form.as_ref().and_then(|f| f.id);
        let mut clicked = None;
        let mut header_clicked = None;
        // Cells are plain text: a click anywhere on a row selects the row.
        ui.style_mut().interaction.selectable_labels = false;
        TableBuilder::new(ui)
            .id_salt("customer_table")
            .striped(true)
            .sense(Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(90.0).resizable(true))
            .column(Column::initial(200.0).resizable(true).clip(true))
            .columns(Column::initial(80.0).resizable(true), 3)
            .columns(Column::initial(100.0).resizable(true).clip(true), 3)
            .column(Column::initial(110.0).resizable(true))
            .column(Column::initial(100.0).resizable(true))
            .column(Column::remainder().at_least(100.0))
            .header(theme::ROW_HEIGHT + 4.0, |mut header| {
                for key in SortKey::ALL {
                    header.col(|ui| {
                        let sorted = (self.filters.sort == key).then_some(self.filters.ascending);
                        if sort_heading(ui, key.title(t), sorted) {
                            header_clicked = Some(key);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, self.view.len(), |mut row| {
                    let r = &rows[self.view[row.index()]];
                    row.set_selected(selected == Some(r.id));
                    row.col(|ui| {
                        ui.label(&r.code);
                    });
                    row.col(|ui| {
                        ui.label(&r.name);
                    });
                    row.col(|ui| {
                        ui.label(r.kind.name(lang));
                    });
                    row.col(|ui| {
                        ui.label(r.grade.map_or("", Grade::code));
                    });
                    row.col(|ui| {
                        ui.label(r.ladder_step.name(lang));
                    });
                    row.col(|ui| {
                        ui.label(&r.industry);
                    });
                    row.col(|ui| {
                        ui.label(&r.owner);
                    });
                    row.col(|ui| {
                        ui.label(&r.phone);
                    });
                    row.col(|ui| {
                        ui.label(format_cents_grouped(r.revenue_cents));
                    });
                    row.col(|ui| {
                        ui.label(r.last_purchase.map(|d| d.to_string()).unwrap_or_default());
                    });
                    row.col(|ui| follow_up_cell(ui, r.next_follow_up, ctx.now.date()));
                    if row.response().clicked() {
                        clicked = Some(r.id);
                    }
                });
            });
        if let Some(key) = header_clicked {
            if self.filters.sort == key {
                self.filters.ascending = !self.filters.ascending;
            } else {
                self.filters.sort = key;
                self.filters.ascending = true;
            }
        }
        if let Some(id) = clicked {
            ctx.send(AppCommand::Select(id));
        }
    }
}

/// A customer's next follow-up, red when it is overdue.
fn follow_up_cell(ui: &mut egui::Ui, due: Option<chrono::NaiveDate>, today: chrono::NaiveDate) {
    if let Some(due) = due {
        let text = due.to_string();
        if due < today {
            ui.colored_label(theme::ERROR, text);
        } else {
            ui.label(text);
        }
    }
}
