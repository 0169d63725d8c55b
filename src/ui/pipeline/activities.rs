//! The activities tab: a customer's timeline of calls, visits and mails,
//! with overdue next steps marked, and the row that adds an activity.

use super::PipelinePanel;
use crate::domain::command::{Command, Record};
use crate::domain::customer::CustomerId;
use crate::domain::import::values::{parse_date, parse_datetime};
use crate::domain::naming::RecordName;
use crate::domain::records::{Activity, Complaint};
use crate::domain::terms::ActivityKind;
use crate::ui::widgets::{customer_picker, find_customer, vocab_combo};
use crate::ui::{AppCommand, AppCtx, theme};

/// The new-activity form.
#[derive(Clone, Debug, Default)]
pub(super) struct ActivityForm {
    kind: Option<ActivityKind>,
    at: String,
    subject: String,
    outcome: String,
    next_step: String,
    due: String,
    opportunity: Option<i64>,
    complaint: Option<i64>,
    /// Each wrong field with its problem, naming the field.
    errors: Vec<(Field, String)>,
    /// The customer chooser's problem ("unknown customer").
    error: Option<&'static str>,
}

impl PipelinePanel {
    /// Draws the activities tab.
    pub(super) fn activities_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (p, lang) = (ctx.t.pipeline, ctx.lang);
        ui.horizontal(|ui| {
            let picked = customer_picker(ui, ctx, p.customer_code, &mut self.activity_code, 160.0);
            if let Some(id) = picked.chosen {
                ctx.send(AppCommand::LoadActivities(id));
                self.activity.error = None;
            }
            if ui.button(p.load).clicked() {
                match find_customer(&ctx.data.customers, &self.activity_code) {
                    Some(c) => {
                        ctx.send(AppCommand::LoadActivities(c.id));
                        self.activity.error = None;
                    }
                    None => self.activity.error = Some(p.unknown_customer),
                }
            }
        });
        let Some((customer, activities)) = &ctx.data.activities else {
            if let Some(e) = self.activity.error {
                crate::ui::widgets::error_label(ui, e);
            }
            return;
        };
        let who = ctx.data.customers.by_id(*customer);
        ui.heading((p.timeline)(
            &who.map(|c| format!("{} {}", c.code, c.name)).unwrap_or_default(),
        ));
        self.activity_form_ui(ui, ctx, *customer);
        if activities.is_empty() {
            ui.label(p.no_activities);
        }
        let today = ctx.now.date();
        let latest = activities.first().map(|a| a.at);
        egui::ScrollArea::vertical().id_salt("timeline").show(ui, |ui| {
            for a in activities {
                ui.horizontal_wrapped(|ui| {
                    ui.label(a.at.format("%Y-%m-%d %H:%M").to_string());
                    ui.strong(a.kind.name(lang));
                    ui.label(&a.subject);
                    if !a.outcome.is_empty() {
                        ui.weak(&a.outcome);
                    }
                    if let Some(due) = a.next_step_due {
                        let overdue = due < today && Some(a.at) == latest;
                        let text = format!("{} {} ({})", p.next_step, a.next_step, due);
                        if overdue {
                            ui.colored_label(theme::ERROR, format!("{text} · {}", p.overdue));
                        } else {
                            ui.label(text);
                        }
                    }
                });
            }
        });
    }

    fn activity_form_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, customer: CustomerId) {
        let (p, lang) = (ctx.t.pipeline, ctx.lang);
        let f = &mut self.activity;
        if f.at.is_empty() {
            f.at = ctx.now.format("%Y-%m-%d %H:%M").to_string();
        }
        egui::Grid::new("activity_form").num_columns(4).show(ui, |ui| {
            let kind = f.kind.get_or_insert(ActivityKind::Call);
            vocab_combo(ui, p.kind, lang, kind);
            field(ui, p.at, &mut f.at);
            ui.end_row();
            f.error_ui(ui, Field::At);
            field(ui, p.subject, &mut f.subject);
            field(ui, p.outcome, &mut f.outcome);
            ui.end_row();
            field(ui, p.next_step, &mut f.next_step);
            field(ui, p.due, &mut f.due);
            ui.end_row();
            f.error_ui(ui, Field::Due);
            opportunity_combo(ui, ctx, customer, &mut f.opportunity);
            complaint_combo(ui, ctx, customer, &mut f.complaint);
            ui.end_row();
            f.error_ui(ui, Field::Complaint);
        });
        if ui.button(p.add_activity).clicked() {
            f.errors = f.save(ctx, customer);
        }
    }
}

/// A field of the activity form that can be wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    At,
    Due,
    Complaint,
}

/// A label and the one-line field it names, in the form's grid.
fn field(ui: &mut egui::Ui, label: &str, text: &mut String) {
    let label = ui.label(label);
    let edit =
        egui::TextEdit::singleline(text).desired_width(150.0).min_size(egui::vec2(150.0, 0.0));
    let _field = ui.add(edit).labelled_by(label.id);
}

/// The customer's opportunities to link the activity to (or none).
fn opportunity_combo(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    customer: CustomerId,
    value: &mut Option<i64>,
) {
    let p = ctx.t.pipeline;
    let shown = value
        .and_then(|id| ctx.data.opportunities.iter().find(|o| o.opportunity.id == id))
        .map_or(p.none, |o| o.opportunity.title.as_str());
    let label = ui.label(p.opportunity);
    let _opp = egui::ComboBox::from_id_salt("activity_opportunity")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, p.none);
            for o in ctx.data.opportunities.iter().filter(|o| o.opportunity.customer == customer) {
                ui.selectable_value(value, Some(o.opportunity.id), &o.opportunity.title);
            }
        })
        .response
        .labelled_by(label.id);
}

/// A complaint in words: "complaint received 11-30 11:34 配送".
fn complaint_text(c: &Complaint, lang: crate::domain::Lang) -> String {
    let name = RecordName::of(&Record::Complaint(c.clone()), "").text(lang);
    if c.category.trim().is_empty() { name } else { format!("{name} {}", c.category.trim()) }
}

/// The customer's complaints, chosen by words (or none).
fn complaint_combo(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    customer: CustomerId,
    value: &mut Option<i64>,
) {
    let (p, lang) = (ctx.t.pipeline, ctx.lang);
    let theirs = || {
        let loaded = ctx.data.activities.as_ref().is_some_and(|(c, _)| *c == customer);
        ctx.data.activity_complaints.iter().filter(move |(_, c)| loaded && c.customer == customer)
    };
    let shown = value
        .and_then(|id| theirs().find(|(cid, _)| *cid == id))
        .map_or_else(|| p.none.to_owned(), |(_, c)| complaint_text(c, lang));
    let label = ui.label(p.complaint_id);
    let _complaint = egui::ComboBox::from_id_salt("activity_complaint")
        .selected_text(shown)
        .width(220.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, p.none);
            for (id, c) in theirs() {
                ui.selectable_value(value, Some(*id), complaint_text(c, lang));
            }
        })
        .response
        .labelled_by(label.id);
}

impl ActivityForm {
    /// Under a row of the grid: the problem of `field` (each field that can
    /// be wrong is in the right-hand pair), under it.
    fn error_ui(&self, ui: &mut egui::Ui, field: Field) {
        let Some((_, error)) = self.errors.iter().find(|(f, _)| *f == field) else { return };
        for _ in 0..3 {
            ui.label("");
        }
        crate::ui::widgets::error_label(ui, error);
        ui.end_row();
    }

    /// Checks the form and, when it is valid, sends the new activity and
    /// clears the form; returns every problem, each naming its field
    /// (nothing is sent then and nothing typed is lost).
    fn save(&mut self, ctx: &AppCtx<'_>, customer: CustomerId) -> Vec<(Field, String)> {
        let p = ctx.t.pipeline;
        let mut errors = Vec::new();
        let at = parse_datetime(&self.at)
            .map_err(|_| errors.push((Field::At, (p.field_problem)(p.at, p.use_datetime))))
            .ok();
        let due = if self.due.trim().is_empty() {
            Some(None)
        } else {
            parse_date(&self.due)
                .map(Some)
                .map_err(|_| errors.push((Field::Due, (p.field_problem)(p.due, p.use_date))))
                .ok()
        };
        // Only a complaint of this customer, as loaded with its timeline:
        // an unknown one is refused here, before anything is written.
        let known = |id: i64| {
            ctx.data.activities.as_ref().is_some_and(|(c, _)| *c == customer)
                && ctx
                    .data
                    .activity_complaints
                    .iter()
                    .any(|(cid, c)| *cid == id && c.customer == customer)
        };
        if self.complaint.is_some_and(|id| !known(id)) {
            errors
                .push((Field::Complaint, (p.field_problem)(p.complaint_id, p.not_their_complaint)));
        }
        let (Some(at), Some(due), true) = (at, due, errors.is_empty()) else {
            return errors;
        };
        let record = Activity {
            id: 0,
            customer,
            opportunity: self.opportunity,
            complaint: self.complaint,
            kind: self.kind.unwrap_or(ActivityKind::Call),
            at,
            subject: self.subject.trim().to_owned(),
            outcome: self.outcome.trim().to_owned(),
            next_step: self.next_step.trim().to_owned(),
            next_step_due: due,
        };
        ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
            id: None,
            record: Box::new(Record::Activity(record)),
        })));
        *self = Self::default();
        Vec::new()
    }
}
