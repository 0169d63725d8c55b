//! The rules tab: every compliance rule by group with its name and source
//! in the reader's language, whether it is an office target, its summary,
//! the original Chinese text, and its parameters with their current values,
//! each a link to Settings at that parameter.

use chrono::Datelike as _;
use egui::RichText;

use crate::domain::Lang;
use crate::domain::compliance::calendar::calendar_runs;
use crate::domain::compliance::sources::{self, RuleText};
use crate::domain::compliance::{Rule, RuleGroup, rules};
use crate::domain::records::CalendarDay;
use crate::domain::settings::form::texts;
use crate::ui::settings::value_text;
use crate::ui::{AppCommand, AppCtx, theme};

/// Draws the rules, the working calendar they count time on first;
/// returns the year to open in the calendar editor when asked.
pub(super) fn rules_ui(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    calendar: &[CalendarDay],
) -> Option<i32> {
    let (c, lang) = (ctx.t.compliance, ctx.lang);
    let values = texts(&ctx.data.settings);
    let mut open = None;
    egui::ScrollArea::vertical().id_salt("rules").show(ui, |ui| {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            open = calendar_card_ui(ui, ctx, calendar);
        });
        ui.add_space(8.0);
        for group in [RuleGroup::Ac, RuleGroup::Service] {
            ui.heading(group.name(lang));
            ui.label(match group {
                RuleGroup::Ac => c.note_ac,
                RuleGroup::Service => c.note_service,
            });
            ui.add_space(4.0);
            for rule in rules().iter().filter(|r| r.group == group) {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    rule_ui(ui, ctx, rule, &values);
                });
            }
            ui.add_space(8.0);
        }
    });
    open
}

/// The working calendar as the rules count time on it: the week and hours
/// (links to their settings), this year's holidays and make-up days as
/// runs, or the no-holidays notice; returns the year when "open" is clicked.
fn calendar_card_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, calendar: &[CalendarDay]) -> Option<i32> {
    let t = ctx.t.calendar;
    let year = ctx.now.date().year();
    let mut open = None;
    ui.horizontal_wrapped(|ui| {
        ui.strong(t.tab);
        if ui.button(t.open_editor).clicked() {
            open = Some(year);
        }
    });
    ui.label(t.rules_intro);
    let values = texts(&ctx.data.settings);
    ui.horizontal_wrapped(|ui| {
        for key in ["working_days", "working_hours"] {
            setting_link(ui, ctx, &values, key);
        }
    });
    let runs = calendar_runs(calendar, year);
    if runs.is_empty() {
        ui.colored_label(theme::WARNING, (t.notice)(year));
    } else {
        ui.label(RichText::new((t.recorded)(year, runs.iter().map(|r| r.days).sum())).small());
        ui.horizontal_wrapped(|ui| {
            for r in &runs {
                let text = (t.run)(&r.name, r.first, r.last, r.days, r.working);
                let color = if r.working { theme::ACCENT } else { theme::WARNING };
                ui.label(RichText::new(text).color(color));
                ui.add_space(8.0);
            }
        });
    }
    open
}

/// One rule's card.
fn rule_ui(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    rule: &Rule,
    values: &std::collections::BTreeMap<&'static str, String>,
) {
    let (c, s, lang) = (ctx.t.compliance, ctx.t.settings, ctx.lang);
    let text = sources::text(rule.id);
    ui.horizontal_wrapped(|ui| {
        ui.strong(text.map_or(rule.id, |t| t.name(lang)));
        ui.weak(rule.id);
        if text.is_some_and(|t| t.target) {
            ui.colored_label(theme::WARNING, s.office_target);
        }
    });
    ui.label(format!("{}{}", s.source, text.map_or(rule.clause, |t: &RuleText| t.source(lang))));
    ui.label(match lang {
        Lang::Zh => rule.summary_zh,
        Lang::En => rule.summary_en,
    });
    ui.label(RichText::new(format!("{}：{}", c.original, rule.original_zh)).italics().weak());
    if rule.params.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{}:", c.params)).small());
        for key in rule.params {
            setting_link(ui, ctx, values, key);
            if sources::is_target(rule.id, key) {
                ui.colored_label(theme::WARNING, RichText::new(s.office_target).small());
            }
        }
    });
}

/// A parameter with its current value, a link to Settings at it.
fn setting_link(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    values: &std::collections::BTreeMap<&'static str, String>,
    key: &'static str,
) {
    let s = ctx.t.settings;
    let value = values.get(key).map_or_else(String::new, |v| value_text(s, key, v));
    let link = ui
        .link(RichText::new((s.param_value)(s.label(key), &value)).small())
        .on_hover_text(s.open_setting);
    if link.clicked() {
        ctx.send(AppCommand::ShowSetting(key));
    }
}
