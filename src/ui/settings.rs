//! The settings panel: interface language, the encoding of CSV exports, and
//! facts about the open file.

use super::{AppCommand, AppCtx};
use crate::domain::Lang;
use crate::store::export::CsvEncoding;

/// The settings panel. It holds a copy of the app's remembered CSV export
/// encoding to draw (the app sets it; a click sends the change).
#[derive(Debug, Default)]
pub struct SettingsPanel {
    pub csv_encoding: CsvEncoding,
}

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
            ui.label(t.csv_encoding);
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    for encoding in CsvEncoding::ALL {
                        let name = match encoding {
                            CsvEncoding::Utf8Bom => t.csv_utf8_bom,
                            CsvEncoding::Gbk => t.csv_gbk,
                        };
                        let chosen = self.csv_encoding == encoding;
                        if ui.selectable_label(chosen, name).clicked() && !chosen {
                            ctx.send(AppCommand::SetCsvEncoding(encoding));
                        }
                    }
                });
                ui.weak(t.csv_encoding_hint);
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
