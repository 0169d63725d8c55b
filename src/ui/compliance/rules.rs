//! The rules tab: every compliance rule by group with its clause, summary,
//! original Chinese text and parameters.

use egui::RichText;

use crate::domain::Lang;
use crate::domain::compliance::{RuleGroup, rules};
use crate::ui::AppCtx;

/// Draws the rules.
pub(super) fn rules_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
    let (c, lang) = (ctx.t.compliance, ctx.lang);
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
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(rule.id);
                        ui.label(format!("{} {}", c.clause, rule.clause));
                    });
                    ui.label(match lang {
                        Lang::Zh => rule.summary_zh,
                        Lang::En => rule.summary_en,
                    });
                    ui.label(
                        RichText::new(format!("{}：{}", c.original, rule.original_zh))
                            .italics()
                            .weak(),
                    );
                    if !rule.params.is_empty() {
                        ui.label(
                            RichText::new(format!("{}: {}", c.params, rule.params.join(", ")))
                                .small(),
                        );
                    }
                });
            }
            ui.add_space(8.0);
        }
    });
}
