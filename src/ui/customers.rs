//! The customer library panel: a virtualised, sortable, filterable table of
//! every customer, the detail form to create and edit one (with field-level
//! messages), delete with confirmation, and the customer's change history.

use std::cmp::Ordering;

use egui::{Key, KeyboardShortcut, Modifiers, Sense};
use egui_extras::{Column, TableBuilder};

use super::i18n::Tr;
use super::widgets::{
    Confirm, code_field, error_row, find_customer, text_row, vocab_combo, vocab_combo_opt,
};
use super::{AppCommand, AppCtx, theme};
use crate::domain::command::Command;
use crate::domain::customer::{CustomerData, CustomerId, Field, FieldError, parse_customer};
use crate::domain::money::format_cents_grouped;
use crate::domain::terms::{CustomerKind, Grade, LadderStep, RelationshipStage};
use crate::store::CustomerRow;

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
}

impl SortKey {
    const ALL: [Self; 10] = [
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
        }
        .then_with(|| a.code.cmp(&b.code))
    }
}

/// What the visible rows depend on; the view is rebuilt only when it changes.
#[derive(Clone, Debug, PartialEq)]
struct ViewKey {
    rows_gen: u64,
    search: String,
    kind: Option<CustomerKind>,
    grade: Option<Grade>,
    step: Option<LadderStep>,
    sort: SortKey,
    ascending: bool,
}

/// The detail form's buffers: the data being edited and its problems.
#[derive(Clone, Debug)]
struct Form {
    /// `None` for a customer not yet saved.
    id: Option<CustomerId>,
    code: String,
    data: CustomerData,
    errors: Vec<FieldError>,
}

impl Form {
    fn blank() -> Self {
        Self { id: None, code: String::new(), data: CustomerData::named(""), errors: Vec::new() }
    }
}

/// A delete waiting for confirmation: the customer and its name.
#[derive(Clone, Debug)]
struct PendingDelete {
    id: CustomerId,
    name: String,
}

/// A merge waiting for confirmation: the customer to remove, the one to
/// keep, and their labels.
#[derive(Clone, Debug)]
struct PendingMerge {
    remove: CustomerId,
    keep: CustomerId,
    from: String,
    into: String,
}

/// The customer library panel.
#[derive(Debug)]
pub struct CustomersPanel {
    search: String,
    kind: Option<CustomerKind>,
    grade: Option<Grade>,
    step: Option<LadderStep>,
    sort: SortKey,
    ascending: bool,
    /// Indices into the cached rows, filtered and sorted.
    view: Vec<usize>,
    view_key: Option<ViewKey>,
    /// Lower-case search text per cached row, rebuilt when the rows change.
    haystacks: Vec<String>,
    haystacks_gen: Option<u64>,
    form: Option<Form>,
    seen_detail_gen: u64,
    seen_errors_gen: u64,
    confirm_delete: Option<PendingDelete>,
    /// The code typed to merge the shown customer into, and a merge
    /// waiting for confirmation.
    merge_code: String,
    merge_error: bool,
    confirm_merge: Option<PendingMerge>,
    focus_search: bool,
}

impl Default for CustomersPanel {
    fn default() -> Self {
        Self {
            search: String::new(),
            kind: None,
            grade: None,
            step: None,
            sort: SortKey::Code,
            ascending: true,
            view: Vec::new(),
            view_key: None,
            haystacks: Vec::new(),
            haystacks_gen: None,
            form: None,
            seen_detail_gen: 0,
            seen_errors_gen: 0,
            confirm_delete: None,
            merge_code: String::new(),
            merge_error: false,
            confirm_merge: None,
            focus_search: false,
        }
    }
}

impl CustomersPanel {
    /// Number of rows the table shows now (after search and filters).
    pub fn visible_rows(&self) -> usize {
        self.view.len()
    }

    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        self.sync(ctx);
        self.shortcuts(ui, ctx);
        self.refresh_view(ctx);

        if self.form.is_some() {
            egui::Panel::right("customer_detail")
                .resizable(true)
                .default_size(theme::DETAIL_WIDTH)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| self.form_ui(ui, ctx));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.toolbar_ui(ui, ctx);
            ui.separator();
            egui::ScrollArea::horizontal().show(ui, |ui| self.table_ui(ui, ctx));
        });
        self.confirm_delete_ui(ui, ctx);
        self.confirm_merge_ui(ui, ctx);
    }

    fn confirm_merge_ui(&mut self, ui: &egui::Ui, ctx: &AppCtx<'_>) {
        let t = ctx.t;
        let Some(merge) = self.confirm_merge.clone() else { return };
        let confirm = Confirm::new("confirm_merge", t.merge_title, t.merge, t.cancel);
        let decided = confirm.max_width(440.0).show(ui, |ui| {
            ui.label((t.merge_body)(&merge.from, &merge.into));
        });
        if let Some(confirmed) = decided {
            self.confirm_merge = None;
            if confirmed {
                self.merge_code.clear();
                ctx.send(AppCommand::Write(Box::new(Command::MergeCustomers {
                    keep: merge.keep,
                    remove: merge.remove,
                })));
            }
        }
    }

    /// Follows the cache: a newly loaded customer replaces the form, and
    /// store-side problems (a duplicate code) join the form's errors.
    fn sync(&mut self, ctx: &AppCtx<'_>) {
        if ctx.data.detail_gen != self.seen_detail_gen {
            self.seen_detail_gen = ctx.data.detail_gen;
            match &ctx.data.detail {
                Some(d) => {
                    self.form = Some(Form {
                        id: Some(d.customer.id),
                        code: d.customer.code.clone(),
                        data: d.customer.data.clone(),
                        errors: Vec::new(),
                    });
                }
                // The shown customer went away; a new, unsaved form stays.
                None if self.form.as_ref().is_some_and(|f| f.id.is_some()) => self.form = None,
                None => {}
            }
        }
        if ctx.data.form_errors_gen != self.seen_errors_gen {
            self.seen_errors_gen = ctx.data.form_errors_gen;
            if let Some(form) = &mut self.form {
                form.errors.clone_from(&ctx.data.form_errors);
            }
        }
    }

    fn shortcuts(&mut self, ui: &egui::Ui, ctx: &AppCtx<'_>) {
        let new = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
        let find = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
        let save = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
        if ui.input_mut(|i| i.consume_shortcut(&new)) {
            self.start_new(ctx);
        }
        if ui.input_mut(|i| i.consume_shortcut(&find)) {
            self.focus_search = true;
        }
        if self.form.is_some() && ui.input_mut(|i| i.consume_shortcut(&save)) {
            self.save(ctx);
        }
        let typing = ui.ctx().egui_wants_keyboard_input();
        if !typing
            && self.confirm_delete.is_none()
            && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Delete))
        {
            self.ask_delete();
        }
    }

    fn start_new(&mut self, ctx: &AppCtx<'_>) {
        ctx.send(AppCommand::Deselect);
        self.form = Some(Form::blank());
    }

    fn refresh_view(&mut self, ctx: &AppCtx<'_>) {
        let rows = &ctx.data.customers;
        let searching = !self.search.trim().is_empty();
        // Built on the first search only: lowering every row's text takes
        // tens of milliseconds at 100,000 customers, too long for the frame
        // that shows a freshly loaded table.
        if searching && self.haystacks_gen != Some(ctx.data.customers_gen) {
            self.haystacks = rows
                .iter()
                .map(|r| {
                    format!(
                        "{}\n{}\n{}\n{}\n{}\n{}",
                        r.code, r.name, r.phone, r.email, r.industry, r.owner
                    )
                    .to_lowercase()
                })
                .collect();
            self.haystacks_gen = Some(ctx.data.customers_gen);
        }
        let key = ViewKey {
            rows_gen: ctx.data.customers_gen,
            search: self.search.trim().to_lowercase(),
            kind: self.kind,
            grade: self.grade,
            step: self.step,
            sort: self.sort,
            ascending: self.ascending,
        };
        if self.view_key.as_ref() == Some(&key) {
            return;
        }
        self.view = (0..rows.len())
            .filter(|&i| {
                let r = &rows[i];
                key.kind.is_none_or(|k| r.kind == k)
                    && key.grade.is_none_or(|g| r.grade == Some(g))
                    && key.step.is_none_or(|s| r.ladder_step == s)
                    && (key.search.is_empty() || self.haystacks[i].contains(&key.search))
            })
            .collect();
        let (sort, ascending) = (key.sort, key.ascending);
        self.view.sort_by(|&a, &b| {
            let order = sort.compare(&rows[a], &rows[b]);
            if ascending { order } else { order.reverse() }
        });
        self.view_key = Some(key);
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (t, lang) = (ctx.t, ctx.lang);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(t.search);
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.search)
                        .hint_text(t.search_hint)
                        .desired_width(240.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_search) {
                search.request_focus();
            }
            vocab_combo_opt(ui, t.col_kind, lang, t.all, &mut self.kind);
            vocab_combo_opt(ui, t.col_grade, lang, t.all, &mut self.grade);
            vocab_combo_opt(ui, t.col_step, lang, t.all, &mut self.step);
            if ui.button(t.new_customer).on_hover_text("Ctrl+N").clicked() {
                self.start_new(ctx);
            }
            ui.label((t.n_customers)(self.view.len(), ctx.data.customers.len()));
        });
    }

    fn table_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (t, lang) = (ctx.t, ctx.lang);
        let rows = &ctx.data.customers;
        if rows.is_empty() {
            // While the rows load on a worker, say so rather than "no customers".
            let loading = ctx.data.customers_loading.is_some();
            ui.label(if loading { t.loading_customers } else { t.no_customers });
            return;
        }
        if self.view.is_empty() {
            ui.label(t.no_match);
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
            .column(Column::remainder().at_least(90.0))
            .header(theme::ROW_HEIGHT + 4.0, |mut header| {
                for key in SortKey::ALL {
                    header.col(|ui| {
                        let arrow = match (self.sort == key, self.ascending) {
                            (true, true) => " ↑",
                            (true, false) => " ↓",
                            _ => "",
                        };
                        let label = format!("{}{arrow}", key.title(t));
                        if ui
                            .add(
                                egui::Button::new(egui::RichText::new(label).strong()).frame(false),
                            )
                            .clicked()
                        {
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
                    if row.response().clicked() {
                        clicked = Some(r.id);
                    }
                });
            });
        if let Some(key) = header_clicked {
            if self.sort == key {
                self.ascending = !self.ascending;
            } else {
                self.sort = key;
                self.ascending = true;
            }
        }
        if let Some(id) = clicked {
            ctx.send(AppCommand::Select(id));
        }
    }

    fn form_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let t = ctx.t;
        let Some(form) = &mut self.form else { return };
        ui.heading(if form.id.is_some() { t.edit_customer } else { t.new_customer });
        ui.add_space(4.0);
        let mut save = false;
        let mut close = false;
        let mut delete = false;
        form_fields_ui(ui, ctx, form);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            save = ui.button(t.save).on_hover_text("Ctrl+S").clicked();
            close = ui.button(t.close).clicked();
            if let Some(id) = form.id {
                delete = ui.button(t.delete).on_hover_text("Delete").clicked();
                if ui.button(t.activities).clicked() {
                    ctx.send(AppCommand::ShowActivities(id));
                }
            }
        });
        if let Some(id) = form.id {
            ui.add_space(6.0);
            let merge = merge_ui(ui, ctx, form, id, &mut self.merge_code, &mut self.merge_error);
            if merge.is_some() {
                self.confirm_merge = merge;
            }
        }
        if form.id.is_some() {
            ui.add_space(8.0);
            if let Some(detail) =
                ctx.data.detail.as_ref().filter(|d| Some(d.customer.id) == form.id)
            {
                purchases_ui(ui, t, detail.customer.id, &detail.purchases);
                ui.add_space(4.0);
                history_ui(ui, t, detail);
            }
        }
        if save {
            self.save(ctx);
        }
        if delete {
            self.ask_delete();
        }
        if close {
            self.form = None;
            ctx.send(AppCommand::Deselect);
        }
    }

    /// Checks the form and, when it is valid, sends the write.
    fn save(&mut self, ctx: &AppCtx<'_>) {
        let Some(form) = &mut self.form else { return };
        let mut data = form.data.clone();
        data.code = Some(form.code.clone());
        match parse_customer(data) {
            Err(errors) => form.errors = errors,
            Ok(data) => {
                form.errors.clear();
                let command = match form.id {
                    Some(id) => Command::UpdateCustomer { id, data },
                    None => Command::CreateCustomer(data),
                };
                ctx.send(AppCommand::Write(Box::new(command)));
            }
        }
    }

    fn ask_delete(&mut self) {
        if let Some(Form { id: Some(id), data, .. }) = &self.form {
            self.confirm_delete = Some(PendingDelete { id: *id, name: data.name.clone() });
        }
    }

    fn confirm_delete_ui(&mut self, ui: &egui::Ui, ctx: &AppCtx<'_>) {
        let t = ctx.t;
        let Some(pending) = self.confirm_delete.clone() else { return };
        let confirm =
            Confirm::new("confirm_delete", t.confirm_delete_title, t.move_to_trash, t.cancel);
        let decided = confirm.show(ui, |ui| {
            ui.label((t.confirm_delete_body)(&pending.name));
        });
        if let Some(confirmed) = decided {
            self.confirm_delete = None;
            if confirmed {
                ctx.send(AppCommand::Write(Box::new(Command::DeleteCustomer(pending.id))));
            }
        }
    }
}

/// The form's fields with their problems, in a two-column grid.
fn form_fields_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, form: &mut Form) {
    let (t, lang) = (ctx.t, ctx.lang);
    let err =
        |field: Field| form.errors.iter().find(|e| e.field == field).map(|e| t.problem(&e.problem));
    egui::Grid::new("customer_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        let d = &mut form.data;
        text_row(ui, t.f_code, &mut form.code, Some(t.code_hint));
        ui.end_row();
        error_row(ui, err(Field::Code));
        text_row(ui, t.f_name, &mut d.name, None);
        ui.end_row();
        error_row(ui, err(Field::Name));
        vocab_combo(ui, t.col_kind, lang, &mut d.kind);
        ui.end_row();
        vocab_combo(ui, t.col_step, lang, &mut d.ladder_step);
        ui.end_row();
        vocab_combo_opt(ui, t.col_grade, lang, t.none, &mut d.grade);
        ui.end_row();
        text_row(ui, t.col_industry, &mut d.industry, None);
        ui.end_row();
        vocab_combo(ui, t.f_source, lang, &mut d.source);
        ui.end_row();
        text_row(ui, t.col_owner, &mut d.owner, None);
        ui.end_row();
        text_row(ui, t.col_phone, &mut d.phone, None);
        ui.end_row();
        error_row(ui, err(Field::Phone));
        text_row(ui, t.f_email, &mut d.email, None);
        ui.end_row();
        error_row(ui, err(Field::Email));
        text_row(ui, t.f_address, &mut d.address, None);
        ui.end_row();
        let demo_label = match d.kind {
            CustomerKind::Individual => t.f_demographics_person,
            CustomerKind::Organisation => t.f_demographics_org,
        };
        text_row(ui, demo_label, &mut d.demographics, None);
        ui.end_row();
        vocab_combo_opt(ui, t.f_credit, lang, t.none, &mut d.credit_rating);
        ui.end_row();
        text_row(ui, t.f_payment_notes, &mut d.payment_notes, None);
        ui.end_row();
        vocab_combo_opt(ui, t.f_importance, lang, t.computed, &mut d.importance_override);
        ui.end_row();
        vocab_combo_opt(ui, t.f_difficulty, lang, t.computed, &mut d.difficulty_override);
        ui.end_row();
        vocab_combo_opt(ui, t.f_rel_type, lang, t.none, &mut d.relationship_type);
        ui.end_row();
        vocab_combo(ui, t.f_rel_stage, lang, &mut d.relationship_stage);
        ui.end_row();
        if d.relationship_stage == RelationshipStage::Dissolution {
            text_row(ui, t.f_dissolution_reason, &mut d.dissolution_reason, None);
            ui.end_row();
            error_row(ui, err(Field::DissolutionReason));
        }
        text_row(ui, t.f_tags, &mut d.tags, None);
        ui.end_row();
        let label = ui.label(t.f_notes);
        let _notes = ui
            .add(egui::TextEdit::multiline(&mut d.notes).desired_rows(3).desired_width(220.0))
            .labelled_by(label.id);
        ui.end_row();
    });
}

/// The row that merges the shown customer (`id`) into another one by
/// code; returns the merge to confirm when the code names another customer.
fn merge_ui(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    form: &Form,
    id: CustomerId,
    merge_code: &mut String,
    merge_error: &mut bool,
) -> Option<PendingMerge> {
    let t = ctx.t;
    let mut merge = None;
    ui.horizontal(|ui| {
        let _code = code_field(ui, t.merge_into, merge_code, 110.0);
        if ui.button(t.merge).clicked() {
            let target = find_customer(&ctx.data.customers, merge_code).filter(|c| c.id != id);
            match target {
                Some(keep) => {
                    *merge_error = false;
                    merge = Some(PendingMerge {
                        remove: id,
                        keep: keep.id,
                        from: format!("{} ({})", form.data.name, form.code),
                        into: format!("{} ({})", keep.name, keep.code),
                    });
                }
                None => *merge_error = true,
            }
        }
    });
    if *merge_error {
        ui.colored_label(theme::ERROR, t.merge_unknown);
    }
    merge
}

/// The customer's purchases, newest first (the newest
/// [`PURCHASES_LISTED`](crate::store::customers::PURCHASES_LISTED)), in a
/// short table of its own that lays out only its visible rows.
fn purchases_ui(
    ui: &mut egui::Ui,
    t: &Tr,
    customer: CustomerId,
    purchases: &crate::store::customers::Purchases,
) {
    let total = format_cents_grouped(purchases.total_cents);
    egui::CollapsingHeader::new((t.purchases)(purchases.count, &total))
        .id_salt("customer_purchases")
        .default_open(true)
        .show(ui, |ui| {
            if purchases.latest.is_empty() {
                ui.label(t.no_purchases);
                return;
            }
            let height = theme::ROW_HEIGHT;
            TableBuilder::new(ui)
                // Each customer's list opens at its newest purchase.
                .id_salt(("customer_purchases_table", customer))
                .striped(true)
                .max_scroll_height(height * 12.0)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                // Fixed widths, so that columns keep still while scrolling.
                .column(Column::exact(76.0))
                .column(Column::exact(84.0))
                .column(Column::exact(110.0).clip(true))
                .column(Column::remainder().at_least(60.0).clip(true))
                .column(Column::exact(40.0))
                .header(height, |mut header| {
                    for (i, heading) in t.purchase_columns.into_iter().enumerate() {
                        header.col(|ui| {
                            // The amount's heading stands over its right-aligned figures.
                            let layout = if i == 1 {
                                egui::Layout::right_to_left(egui::Align::Center)
                            } else {
                                egui::Layout::left_to_right(egui::Align::Center)
                            };
                            ui.with_layout(layout, |ui| {
                                ui.strong(heading);
                            });
                        });
                    }
                })
                .body(|body| {
                    body.rows(height, purchases.latest.len(), |mut row| {
                        let p = &purchases.latest[row.index()];
                        row.col(|ui| {
                            ui.label(p.date.format("%Y-%m-%d").to_string());
                        });
                        row.col(|ui| {
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    ui.label(format_cents_grouped(p.amount_cents));
                                },
                            );
                        });
                        row.col(|ui| {
                            ui.label(&p.order_no);
                        });
                        row.col(|ui| {
                            ui.label(&p.product);
                        });
                        row.col(|ui| {
                            ui.label(p.quantity.map(|q| q.to_string()).unwrap_or_default());
                        });
                    });
                });
            if i64::try_from(purchases.latest.len()).is_ok_and(|n| n < purchases.count) {
                ui.weak((t.purchases_latest)(purchases.latest.len(), purchases.count));
            }
        });
}

fn history_ui(ui: &mut egui::Ui, t: &Tr, detail: &super::CustomerDetail) {
    egui::CollapsingHeader::new(format!("{} ({})", t.history, detail.history.len()))
        .id_salt("customer_history")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("history_grid").striped(true).num_columns(3).show(ui, |ui| {
                for entry in detail.history.iter().rev() {
                    ui.label(entry.at.format("%Y-%m-%d %H:%M").to_string());
                    ui.label(t.action(entry.action));
                    if entry.field.is_empty() {
                        ui.label("");
                    } else {
                        ui.label(format!(
                            "{}: {} → {}",
                            t.field_label(&entry.field),
                            if entry.old.is_empty() { "—" } else { &entry.old },
                            if entry.new.is_empty() { "—" } else { &entry.new },
                        ));
                    }
                    ui.end_row();
                }
            });
        });
}
