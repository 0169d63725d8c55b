//! The settings panel: interface language and facts about the open file.

use super::{AppCommand, AppCtx};
use crate::domain::Lang;

/// The settings panel (stateless: it draws from the context).
#[derive(Debug, Default)]
pub struct SettingsPanel;

impl SettingsPanel {
    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let t = ctx.t;
        ui.heading(t.settings_title);
        ui.add_space(8.0);
        egui::Grid::new("settings_grid").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
            ui.label(t.language);
            ui.horizontal(|ui| {
                for (lang, name) in [(Lang::Zh, "中文"), (Lang::En, "English")] {
                    if ui.selectable_label(ctx.lang == lang, name).clicked() && ctx.lang != lang {
                        ctx.send(AppCommand::SetLang(lang));
                    }
                }
            });
            ui.end_row();
            ui.label(t.db_file);
            ui.label(
                ctx.data.db_path.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
            );
            ui.end_row();
            ui.label(t.schema_version);
            ui.label(crate::store::db::schema_version().to_string());
            ui.end_row();
        });
    }
}
