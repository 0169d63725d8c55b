//! The rules tab: every compliance rule by group with its name and source
//! in the reader's language, whether it is an office target, its summary,
//! the original Chinese text, and its parameters with their current values,
//! each a link to Settings at that parameter.

use egui::RichText;

use crate::domain::Lang;
use crate::domain::compliance::sources::{self, RuleText};
use crate::domain::compliance::{Rule, RuleGroup, rules};
use crate::domain::settings::form::texts;
use crate::ui::settings::value_text;
use crate::ui::{AppCommand, AppCtx, theme};

/// Draws the rules.
pub(super) fn rules_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
    let (c, lang) = (ctx.t.compliance, ctx.lang);
    let values = texts(&ctx.data.settings);
    egui::ScrollArea::vertical().id_salt("rules").show(ui, |ui| {
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
            let value = values.get(key).map_or_else(String::new, |v| value_text(s, key, v));
            let link = ui
                .link(RichText::new((s.param_value)(s.label(key), &value)).small())
                .on_hover_text(s.open_setting);
            if link.clicked() {
                ctx.send(AppCommand::ShowSetting(key));
            }
            if sources::is_target(rule.id, key) {
                ui.colored_label(theme::WARNING, RichText::new(s.office_target).small());
            }
        }
    });
}
