//! The complaint ledger tab: every complaint, query and inquiry with its
//! live time limit, repeat complainers marked, and the form to add, edit or
//! delete one.

use std::collections::HashMap;

use egui_extras::{Column, TableBuilder};

use super::{CompliancePanel, customer_name_code, error_pair, stamp_text, text_field_inline};
use crate::domain::command::{Command, Record, RecordKind};
use crate::domain::compliance::calendar::WorkingCalendar;
use crate::domain::customer::CustomerId;
use crate::domain::import::values::parse_datetime;
use crate::domain::records::Complaint;
use crate::domain::terms::{ComplaintKind, ComplaintStatus};
use crate::store::CustomerRow;
use crate::store::compliance::ComplianceView;
use crate::ui::i18n_compliance::TrCompliance;
use crate::ui::widgets::{customer_picker, find_customer, labelled_combo};
use crate::ui::{AppCommand, AppCtx, theme};

/// The ledger form's text buffers.
#[derive(Clone, Debug, Default)]
pub(super) struct ComplaintForm {
    id: Option<i64>,
    received_at: String,
    customer_code: String,
    kind: Option<ComplaintKind>,
    channel: String,
    category: String,
    description: String,
    first_handler: String,
    first_response_at: String,
    resolved_at: String,
    resolution: String,
    status: Option<ComplaintStatus>,
    errors: Vec<(&'static str, &'static str)>,
}

/// The working calendar of one compliance view (for live time limits).
#[derive(Debug)]
pub(super) struct CalendarOf {
    compliance_gen: u64,
    calendar: WorkingCalendar,
}

impl ComplaintForm {
    /// The form of a stored complaint; `code` is its customer's code.
    pub(super) fn from_record(c: &Complaint, code: &str) -> Self {
        Self {
            id: Some(c.id),
            received_at: stamp_text(Some(c.received_at)),
            customer_code: code.to_owned(),
            kind: Some(c.kind),
            channel: c.channel.clone(),
            category: c.category.clone(),
            description: c.description.clone(),
            first_handler: c.first_handler.clone(),
            first_response_at: stamp_text(c.first_response_at),
            resolved_at: stamp_text(c.resolved_at),
            resolution: c.resolution.clone(),
            status: Some(c.status),
            errors: Vec::new(),
        }
    }

    fn parse(
        &self,
        customers: &[CustomerRow],
        c: &TrCompliance,
    ) -> Result<Complaint, Vec<(&'static str, &'static str)>> {
        let mut errors = Vec::new();
        let optional = |text: &str, field, errors: &mut Vec<_>| {
            if text.trim().is_empty() {
                Some(None)
            } else {
                parse_datetime(text)
                    .map(Some)
                    .map_err(|_| errors.push((field, c.bad_datetime)))
                    .ok()
            }
        };
        let received = parse_datetime(&self.received_at)
            .map_err(|_| errors.push(("received", c.bad_datetime)))
            .ok();
        let first = optional(&self.first_response_at, "first", &mut errors);
        let resolved = optional(&self.resolved_at, "resolved", &mut errors);
        let customer = find_customer(customers, &self.customer_code).map(|r| r.id);
        if customer.is_none() {
            errors.push(("customer", c.unknown_customer));
        }
        // SVC-LEDGER asks every entry for a category and a first handler
        // (首问负责人); the form asks for them too (an import may still
        // bring gaps, which the rule then flags).
        if self.category.trim().is_empty() {
            errors.push(("category", c.required));
        }
        if self.first_handler.trim().is_empty() {
            errors.push(("first_handler", c.required));
        }
        match (received, first, resolved, customer) {
            (Some(received), Some(first), Some(resolved), Some(customer)) if errors.is_empty() => {
                let status = self.status.unwrap_or(if resolved.is_some() {
                    ComplaintStatus::Resolved
                } else {
                    ComplaintStatus::Open
                });
                Ok(Complaint {
                    id: self.id.unwrap_or(0),
                    customer,
                    received_at: received,
                    channel: self.channel.trim().to_owned(),
                    kind: self.kind.unwrap_or(ComplaintKind::Complaint),
                    category: self.category.trim().to_owned(),
                    description: self.description.trim().to_owned(),
                    first_handler: self.first_handler.trim().to_owned(),
                    first_response_at: first,
                    resolved_at: resolved,
                    resolution: self.resolution.trim().to_owned(),
                    status,
                })
            }
            _ => Err(errors),
        }
    }

    fn error(&self, field: &str) -> Option<&'static str> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| *m)
    }
}

impl CompliancePanel {
    /// Draws the complaint ledger tab.
    pub(super) fn ledger_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, view: &ComplianceView) {
        if self
            .calendar
            .as_ref()
            .is_none_or(|cal| cal.compliance_gen != ctx.data.compliance.generation())
        {
            self.calendar = WorkingCalendar::from_settings(&ctx.data.settings, &view.set.calendar)
                .ok()
                .map(|calendar| CalendarOf {
                    compliance_gen: ctx.data.compliance.generation(),
                    calendar,
                });
        }
        // Large type (presenter mode): the tab scrolls down to the form,
        // and the table's columns and the form scroll sideways.
        let room = ui.available_height();
        let scroll = egui::ScrollArea::vertical().id_salt("ledger_tab").auto_shrink(false);
        scroll.show(ui, |ui| self.ledger_content_ui(ui, ctx, view, room));
    }

    /// The ledger tab's content, in `room` points of height.
    fn ledger_content_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        view: &ComplianceView,
        room: f32,
    ) {
        let c = ctx.t.compliance;
        let top = ui.cursor().top();
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.unresolved_only, c.unresolved_only);
            if ui.button(c.add_complaint).clicked() {
                self.complaint = Some(ComplaintForm {
                    received_at: stamp_text(Some(ctx.now)),
                    ..ComplaintForm::default()
                });
            }
        });
        let mut entries: Vec<&Complaint> = view
            .set
            .complaints
            .iter()
            .filter(|e| !self.unresolved_only || e.resolved_at.is_none())
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.received_at));
        let left = room - (ui.cursor().top() - top);
        let height =
            if self.complaint.is_some() { 260.0_f32.min(left * 0.35) } else { left - 20.0 };
        let height = height.max(100.0);
        let columns = egui::ScrollArea::horizontal().id_salt("ledger_columns");
        let clicked = columns.show(ui, |ui| self.ledger_table_ui(ui, ctx, view, &entries, height));
        if let Some(form) = clicked.inner {
            self.complaint = Some(form);
        }
        let form = egui::ScrollArea::horizontal().id_salt("complaint_form");
        form.show(ui, |ui| self.complaint_form_ui(ui, ctx));
        egui::CollapsingHeader::new(c.about).id_salt("ledger_note").show(ui, |ui| {
            ui.label(c.note_service);
        });
    }

    /// The ledger's entries as a table; returns the form of the entry clicked.
    fn ledger_table_ui(
        &self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        view: &ComplianceView,
        entries: &[&Complaint],
        height: f32,
    ) -> Option<ComplaintForm> {
        let (c, lang) = (ctx.t.compliance, ctx.lang);
        let mut repeats: HashMap<CustomerId, usize> = HashMap::new();
        for e in view.set.complaints.iter().filter(|e| e.kind == ComplaintKind::Complaint) {
            *repeats.entry(e.customer).or_default() += 1;
        }
        let calendar = self.calendar.as_ref().map(|cal| &cal.calendar);
        let mut edit = None;
        ui.push_id("ledger", |ui| {
            ui.style_mut().interaction.selectable_labels = false;
            TableBuilder::new(ui)
                .striped(true)
                .sense(egui::Sense::click())
                .max_scroll_height(height)
                .column(Column::initial(120.0))
                .column(Column::initial(90.0))
                .column(Column::initial(60.0))
                .column(Column::initial(90.0).clip(true))
                .column(Column::initial(80.0))
                // "已超时 199 小时 12 分" on one line (it wrapped at 120).
                .column(Column::initial(170.0).at_least(150.0))
                .column(Column::remainder().clip(true))
                .header(20.0, |mut h| {
                    for title in [
                        c.received_at,
                        c.customer_code,
                        c.kind,
                        c.category,
                        c.status,
                        c.sla,
                        c.description,
                    ] {
                        h.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(theme::ROW_HEIGHT, entries.len(), |mut row| {
                        let e = entries[row.index()];
                        let (name, code) = customer_name_code(ctx, e.customer);
                        row.col(|ui| {
                            ui.label(e.received_at.format("%Y-%m-%d %H:%M").to_string());
                        });
                        row.col(|ui| {
                            ui.label(&name).on_hover_text(&code);
                            if repeats.get(&e.customer).copied().unwrap_or(0) >= 2 {
                                ui.colored_label(theme::GOLD, c.repeat);
                            }
                        });
                        row.col(|ui| {
                            ui.label(e.kind.name(lang));
                        });
                        row.col(|ui| {
                            ui.label(&e.category);
                        });
                        row.col(|ui| {
                            ui.label(e.status.name(lang));
                        });
                        row.col(|ui| {
                            if let Some(cal) = calendar {
                                sla_ui(ui, ctx, cal, e);
                            }
                        });
                        row.col(|ui| {
                            ui.label(&e.description);
                        });
                        if row.response().clicked() {
                            edit = Some(ComplaintForm::from_record(e, &code));
                        }
                    });
                });
        });
        edit
    }

    fn complaint_form_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let c = ctx.t.compliance;
        let Some(form) = &mut self.complaint else { return };
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(if form.id.is_some() { c.edit_complaint } else { c.add_complaint });
            egui::Grid::new("complaint_form").num_columns(4).show(ui, |ui| {
                complaint_fields_ui(ui, ctx, form);
            });
            ui.horizontal(|ui| {
                if ui.button(c.save).clicked() {
                    match form.parse(&ctx.data.customers, c) {
                        Ok(record) => {
                            ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
                                id: form.id,
                                record: Box::new(Record::Complaint(record)),
                            })));
                            close = true;
                        }
                        Err(errors) => form.errors = errors,
                    }
                }
                if let Some(id) = form.id
                    && ui.button(c.delete).clicked()
                {
                    ctx.send(AppCommand::Write(Box::new(Command::DeleteRecord {
                        kind: RecordKind::Complaint,
                        id,
                    })));
                    close = true;
                }
                if ui.button(c.cancel).clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.complaint = None;
        }
    }
}

/// An entry's time limit: met or missed once done, else time left or overdue.
fn sla_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, cal: &WorkingCalendar, e: &Complaint) {
    let c = ctx.t.compliance;
    let settings = &ctx.data.settings;
    let limit = i64::from(match e.kind {
        ComplaintKind::Query => settings.query_minutes,
        ComplaintKind::Complaint => settings.complaint_minutes,
        ComplaintKind::Inquiry => settings.inquiry_first_response_minutes,
    });
    let done = match e.kind {
        ComplaintKind::Inquiry => e.first_response_at.or(e.resolved_at),
        _ => e.resolved_at,
    };
    let used = cal.working_minutes_between(e.received_at, done.unwrap_or(ctx.now));
    let (colour, text) = match (done, used <= limit) {
        (Some(_), true) => (theme::OK, c.met.to_owned()),
        (Some(_), false) => (theme::ERROR, c.missed.to_owned()),
        (None, true) => (theme::GOLD, (c.time_left)(limit - used)),
        (None, false) => (theme::ERROR, (c.overdue_by)(used - limit)),
    };
    // Never broken inside: a time limit split over two lines read as two.
    let label = egui::Label::new(egui::RichText::new(text).color(colour));
    ui.add(label.wrap_mode(egui::TextWrapMode::Truncate));
}

/// The fields of the complaint form, in its four-column grid.
fn complaint_fields_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, form: &mut ComplaintForm) {
    let (c, lang) = (ctx.t.compliance, ctx.lang);
    text_field_inline(ui, c.received_at, &mut form.received_at);
    let picked = customer_picker(ui, ctx, c.customer_code, &mut form.customer_code, 160.0);
    ui.end_row();
    error_pair(ui, form.error("received"), form.error("customer"));
    if let Some((_, name)) = picked.resolved {
        // Whom the typed code names, under the field.
        for _ in 0..3 {
            ui.label("");
        }
        ui.weak(name);
        ui.end_row();
    }
    let kind = form.kind.get_or_insert(ComplaintKind::Complaint);
    labelled_combo(ui, c.kind, "complaint_kind", kind, ComplaintKind::ALL, |k| k.name(lang));
    text_field_inline(ui, c.channel, &mut form.channel);
    ui.end_row();
    text_field_inline(ui, c.category, &mut form.category);
    text_field_inline(ui, c.first_handler, &mut form.first_handler);
    ui.end_row();
    error_pair(ui, form.error("category"), form.error("first_handler"));
    text_field_inline(ui, c.first_response_at, &mut form.first_response_at);
    text_field_inline(ui, c.resolved_at, &mut form.resolved_at);
    ui.end_row();
    error_pair(ui, form.error("first"), form.error("resolved"));
    text_field_inline(ui, c.description, &mut form.description);
    text_field_inline(ui, c.resolution, &mut form.resolution);
    ui.end_row();
    let status = form.status.get_or_insert(ComplaintStatus::Open);
    labelled_combo(ui, c.status, "complaint_status", status, ComplaintStatus::ALL, |k| {
        k.name(lang)
    });
    ui.end_row();
}
