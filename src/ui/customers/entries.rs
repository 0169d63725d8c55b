//! The records entered on the shown customer: its purchases (a click opens
//! a sale, "Record a sale" a new one), its satisfaction surveys and, for an
//! organisation, its contact persons; each opens the record form
//! (`ui::records`).

use super::form::purchases_ui;
use crate::domain::analysis::satisfaction::{SatisfactionState, state};
use crate::domain::labels::{EXPECTED_LEVEL, PERCEIVED_LEVEL};
use crate::domain::terms::CustomerKind;
use crate::ui::records::EntryForm;
use crate::ui::{AppCtx, CustomerDetail, theme};

/// Draws the customer's purchases, surveys and contact persons; returns the
/// record form to open, when one was asked for.
pub(super) fn entries_ui(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    detail: &CustomerDetail,
) -> Option<EntryForm> {
    let (t, r) = (ctx.t, ctx.t.records);
    let code = &detail.customer.code;
    let today = ctx.now.date();
    let mut open = None;
    let purchases = &detail.purchases;
    let clicked = purchases_ui(ui, t, detail.customer.id, purchases, |ui| {
        if ui.button(r.record_sale).clicked() {
            open = Some(EntryForm::sale(code, today));
        }
    });
    if let Some(i) = clicked
        && let (Some(&id), Some(sale)) = (purchases.ids.get(i), purchases.latest.get(i))
    {
        open = Some(EntryForm::edit_sale(code, id, sale));
    }
    ui.add_space(4.0);
    if let Some(form) = surveys_ui(ui, ctx, detail) {
        open = Some(form);
    }
    let organisation = detail.customer.data.kind == CustomerKind::Organisation;
    if organisation || !detail.contacts.is_empty() {
        ui.add_space(4.0);
        if let Some(form) = contacts_ui(ui, ctx, detail, organisation) {
            open = Some(form);
        }
    }
    open
}

fn state_colour(s: SatisfactionState) -> egui::Color32 {
    match s {
        SatisfactionState::Dissatisfied => theme::ERROR,
        SatisfactionState::Satisfied => theme::OK,
        SatisfactionState::Delighted => theme::ACCENT,
    }
}

/// The customer's surveys, newest first, each with its state; a click
/// opens one.
fn surveys_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, detail: &CustomerDetail) -> Option<EntryForm> {
    let (r, lang) = (ctx.t.records, ctx.lang);
    let code = &detail.customer.code;
    let mut open = None;
    egui::CollapsingHeader::new((r.surveys)(detail.surveys.len()))
        .id_salt("customer_surveys")
        .default_open(true)
        .show(ui, |ui| {
            if ui.button(r.record_survey).clicked() {
                open = Some(EntryForm::survey(code, ctx.now.date()));
            }
            if detail.surveys.is_empty() {
                ui.label(r.no_surveys);
            }
            for (id, s) in &detail.surveys {
                let st = state(s.expected, s.perceived);
                ui.horizontal(|ui| {
                    let text = format!(
                        "{} · {} {} → {} {}",
                        s.date,
                        EXPECTED_LEVEL.text(lang),
                        s.expected,
                        PERCEIVED_LEVEL.text(lang),
                        s.perceived
                    );
                    if ui.selectable_label(false, text).clicked() {
                        open = Some(EntryForm::edit_survey(code, *id, s));
                    }
                    ui.colored_label(state_colour(st), st.name(lang));
                    if !s.comment.is_empty() {
                        ui.add(egui::Label::new(&s.comment).truncate());
                    }
                });
            }
        });
    open
}

/// The contact persons of an organisation; a click opens one.
fn contacts_ui(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    detail: &CustomerDetail,
    organisation: bool,
) -> Option<EntryForm> {
    let r = ctx.t.records;
    let code = &detail.customer.code;
    let mut open = None;
    egui::CollapsingHeader::new((r.contacts)(detail.contacts.len()))
        .id_salt("customer_contacts")
        .default_open(true)
        .show(ui, |ui| {
            if organisation {
                if ui.button(r.add_contact).clicked() {
                    open = Some(EntryForm::contact(code));
                }
            } else {
                ui.weak(r.contacts_org_only);
            }
            if detail.contacts.is_empty() {
                ui.label(r.no_contacts);
            }
            for (id, c) in &detail.contacts {
                let parts: Vec<&str> = [&c.name, &c.role, &c.phone, &c.email]
                    .into_iter()
                    .map(String::as_str)
                    .filter(|p| !p.is_empty())
                    .collect();
                if ui.selectable_label(false, parts.join(" · ")).clicked() {
                    open = Some(EntryForm::edit_contact(code, *id, c));
                }
            }
        });
    open
}
