//! The detail form: a customer's fields with their problems, save, close,
//! delete and merge, and the customer's purchases and change history.

use egui_extras::{Column, TableBuilder};

use super::{CustomersPanel, PendingMerge};
use crate::domain::command::Command;
use crate::domain::customer::{CustomerData, CustomerId, Field, FieldError, parse_customer};
use crate::domain::money::format_cents_grouped;
use crate::domain::terms::{CustomerKind, RelationshipStage};
use crate::ui::i18n::Tr;
use crate::ui::widgets::{
    customer_picker, error_row, find_customer, text_row, vocab_combo, vocab_combo_opt,
};
use crate::ui::{AppCommand, AppCtx, CustomerDetail, keys, theme};

/// The detail form's buffers: the data being edited and its problems.
#[derive(Clone, Debug)]
pub(super) struct Form {
    /// `None` for a customer not yet saved.
    pub(super) id: Option<CustomerId>,
    pub(super) code: String,
    pub(super) data: CustomerData,
    pub(super) errors: Vec<FieldError>,
}

impl Form {
    /// An empty form for a new customer.
    pub(super) fn blank() -> Self {
        Self { id: None, code: String::new(), data: CustomerData::named(""), errors: Vec::new() }
    }
}

impl CustomersPanel {
    /// Draws the detail form of the customer shown, when there is one.
    pub(super) fn form_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
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
            save = ui.button(t.save).on_hover_text(keys::name(ui.ctx(), &keys::SAVE)).clicked();
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
        let mut opened = None;
        if form.id.is_some() {
            ui.add_space(8.0);
            if let Some(detail) =
                ctx.data.detail.as_ref().filter(|d| Some(d.customer.id) == form.id)
            {
                opened = super::entries::entries_ui(ui, ctx, detail);
                ui.add_space(4.0);
                let (id, code) = (detail.customer.id, &detail.customer.code);
                crate::ui::explain::customer_figures_ui(ui, ctx, id, code);
                ui.add_space(4.0);
                history_ui(ui, t, detail);
            }
        }
        if opened.is_some() {
            self.entry = opened;
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
    pub(super) fn save(&mut self, ctx: &AppCtx<'_>) {
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
        let _picked = customer_picker(ui, ctx, t.merge_into, merge_code, 140.0);
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
/// short table of its own that lays out only its visible rows; `above`
/// draws what comes before the table (the button recording a sale).
/// Returns the index of the purchase whose row was clicked.
pub(super) fn purchases_ui(
    ui: &mut egui::Ui,
    t: &Tr,
    customer: CustomerId,
    purchases: &crate::store::customers::Purchases,
    above: impl FnOnce(&mut egui::Ui),
) -> Option<usize> {
    let total = format_cents_grouped(purchases.total_cents);
    let mut clicked = None;
    egui::CollapsingHeader::new((t.purchases)(purchases.count, &total))
        .id_salt("customer_purchases")
        .default_open(true)
        .show(ui, |ui| {
            above(ui);
            if purchases.latest.is_empty() {
                ui.label(t.no_purchases);
                return;
            }
            let height = theme::ROW_HEIGHT;
            let order_width = order_no_width(ui);
            // A click anywhere on a row opens the sale.
            ui.style_mut().interaction.selectable_labels = false;
            TableBuilder::new(ui)
                // Each customer's list opens at its newest purchase.
                .id_salt(("customer_purchases_table", customer))
                .sense(egui::Sense::click())
                .striped(true)
                .max_scroll_height(height * 12.0)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                // Fixed widths, so that columns keep still while scrolling;
                // the order number and the product share what the panel
                // has left (cut short with "…", the whole on hover).
                .column(Column::exact(DATE_WIDTH))
                .column(Column::exact(AMOUNT_WIDTH))
                .column(Column::exact(order_width).clip(true))
                .column(Column::remainder().at_least(PRODUCT_MIN_WIDTH).clip(true))
                .column(Column::exact(QUANTITY_WIDTH))
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
                                let strong = egui::RichText::new(heading).strong();
                                ui.add(egui::Label::new(strong).truncate());
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
                            ui.add(egui::Label::new(&p.order_no).truncate());
                        });
                        row.col(|ui| {
                            ui.add(egui::Label::new(&p.product).truncate());
                        });
                        row.col(|ui| {
                            ui.label(p.quantity.map(|q| q.to_string()).unwrap_or_default());
                        });
                        if row.response().clicked() {
                            clicked = Some(row.index());
                        }
                    });
                });
            if i64::try_from(purchases.latest.len()).is_ok_and(|n| n < purchases.count) {
                ui.weak((t.purchases_latest)(purchases.latest.len(), purchases.count));
            }
        });
    clicked
}

/// The purchases table's fixed columns (date, amount, quantity) and the
/// least the product keeps.
const DATE_WIDTH: f32 = 76.0;
const AMOUNT_WIDTH: f32 = 84.0;
const QUANTITY_WIDTH: f32 = 40.0;
const PRODUCT_MIN_WIDTH: f32 = 48.0;

/// The order number's width: 110 points when the panel has room, less in
/// a narrow panel (at least 56), so that the product and the quantity
/// stay inside it.
fn order_no_width(ui: &egui::Ui) -> f32 {
    let gaps = 4.0 * ui.spacing().item_spacing.x;
    let left = ui.available_width() - DATE_WIDTH - AMOUNT_WIDTH - QUANTITY_WIDTH - gaps;
    (left * 0.45).clamp(56.0, 110.0)
}

fn history_ui(ui: &mut egui::Ui, t: &Tr, detail: &CustomerDetail) {
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
