//! The activities tab: a customer's timeline of calls, visits and mails,
//! with overdue next steps marked, and the row that adds an activity.

use super::PipelinePanel;
use crate::domain::command::{Command, Record};
use crate::domain::customer::CustomerId;
use crate::domain::import::values::{parse_date, parse_datetime};
use crate::domain::records::Activity;
use crate::domain::terms::ActivityKind;
use crate::ui::widgets::{customer_picker, find_customer, hinted_fields, vocab_combo};
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
    complaint: String,
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
        let who = ctx.data.customers.iter().find(|c| c.id == *customer);
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
        ui.horizontal_wrapped(|ui| {
            let kind = f.kind.get_or_insert(ActivityKind::Call);
            vocab_combo(ui, p.kind, lang, kind);
            // Wide enough for "2026-12-04 15:40" (at 110 it was clipped).
            hinted_fields(ui, 150.0, [(p.at, &mut f.at)]);
            hinted_fields(
                ui,
                110.0,
                [
                    (p.subject, &mut f.subject),
                    (p.outcome, &mut f.outcome),
                    (p.next_step, &mut f.next_step),
                    (p.due, &mut f.due),
                    (p.complaint_id, &mut f.complaint),
                ],
            );
            let shown = f
                .opportunity
                .and_then(|id| ctx.data.opportunities.iter().find(|o| o.opportunity.id == id))
                .map_or(p.none, |o| o.opportunity.title.as_str());
            let label = ui.label(p.opportunity);
            let _opp = egui::ComboBox::from_id_salt("activity_opportunity")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.opportunity, None, p.none);
                    for o in
                        ctx.data.opportunities.iter().filter(|o| o.opportunity.customer == customer)
                    {
                        ui.selectable_value(
                            &mut f.opportunity,
                            Some(o.opportunity.id),
                            &o.opportunity.title,
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            if ui.button(p.add_activity).clicked() {
                f.error = f.save(ctx, customer);
            }
            if let Some(e) = f.error {
                crate::ui::widgets::error_label(ui, e);
            }
        });
    }
}

impl ActivityForm {
    /// Checks the form and, when it is valid, sends the new activity and
    /// clears the form; returns the problem, if any.
    fn save(&mut self, ctx: &AppCtx<'_>, customer: CustomerId) -> Option<&'static str> {
        let p = ctx.t.pipeline;
        let due =
            if self.due.trim().is_empty() { Ok(None) } else { parse_date(&self.due).map(Some) };
        let complaint = if self.complaint.trim().is_empty() {
            Ok(None)
        } else {
            self.complaint.trim().trim_start_matches('#').parse::<i64>().map(Some)
        };
        match (parse_datetime(&self.at), due, complaint) {
            (Err(_), ..) => Some(p.bad_datetime),
            (_, Err(_), _) => Some(p.bad_date),
            (_, _, Err(_)) => Some(p.required),
            (Ok(at), Ok(due), Ok(complaint)) => {
                let record = Activity {
                    id: 0,
                    customer,
                    opportunity: self.opportunity,
                    complaint,
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
                None
            }
        }
    }
}
