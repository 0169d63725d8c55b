//! The settings panel: every business parameter by group (working time,
//! air-conditioning, service limits, customers and analysis) with its unit,
//! default, "back to default" and field message, applied as one undoable
//! command; above them the interface (language, CSV encoding) and the open file.

mod fields;
mod form;
mod table;

use egui::RichText;

use self::form::Form;
use super::{AppCommand, AppCtx, theme};
use crate::domain::Lang;
use crate::domain::command::Command;
use crate::domain::compliance::calendar::parse_weekdays;
use crate::domain::settings::Settings;
use crate::domain::settings::form::{FIELDS, Group, Unit, field};
use crate::store::export::CsvEncoding;
use crate::ui::i18n_settings::TrSettings;

/// The settings panel. It holds a copy of the app's remembered CSV export
/// encoding to draw (the app sets it; a click sends the change), and the
/// business settings being edited until Apply.
#[derive(Debug, Default)]
pub struct SettingsPanel {
    pub csv_encoding: CsvEncoding,
    /// A parameter to scroll to and focus once (the rules view's links).
    pub focus: Option<&'static str>,
    /// The parameter last asked for, marked until another is.
    highlight: Option<&'static str>,
    form: Option<Form>,
    /// The default settings' buffers, to compare each field with.
    defaults: Option<Form>,
}

impl SettingsPanel {
    /// The panel drawing `csv_encoding` as the chosen export encoding.
    pub fn new(csv_encoding: CsvEncoding) -> Self {
        Self { csv_encoding, ..Self::default() }
    }

    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let t = ctx.t;
        // The stored settings changed (applied, undone, another panel): show them.
        if self.form.as_ref().is_none_or(|f| f.base != ctx.data.settings) {
            self.form = Some(Form::new(&ctx.data.settings));
        }
        let csv_encoding = self.csv_encoding;
        let defaults = self.defaults.get_or_insert_with(|| Form::new(&Settings::default()));
        let Some(form) = self.form.as_mut() else { return };
        if self.focus.is_some() {
            self.highlight = self.focus;
        }
        ui.heading(t.settings_title);
        actions_ui(ui, ctx, form);
        ui.separator();
        let focus = fields::Focus { once: self.focus.take(), mark: self.highlight };
        egui::ScrollArea::vertical().id_salt("settings").auto_shrink(false).show(ui, |ui| {
            // The interface first: the language is what a newcomer looks for.
            ui.heading(t.settings.group_interface);
            interface_ui(ui, ctx, csv_encoding);
            let mut changed = false;
            for group in Group::ALL {
                ui.add_space(6.0);
                ui.heading(t.settings.group(group));
                // One grid per group; the columns' least widths line them up.
                egui::Grid::new(("settings_group", group as u8))
                    .num_columns(3)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        for field in FIELDS.iter().filter(|f| f.group == group) {
                            if field.key != "rfm_segments" {
                                changed |= fields::row_ui(ui, ctx, form, defaults, field, focus);
                            }
                        }
                    });
            }
            changed |= table::segments_ui(ui, ctx, form, defaults, focus);
            if changed {
                form.edited();
            }
        });
    }
}

/// Language, CSV encoding and the open file.
fn interface_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, csv_encoding: CsvEncoding) {
    let t = ctx.t;
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
                    let chosen = csv_encoding == encoding;
                    if ui.selectable_label(chosen, name).clicked() && !chosen {
                        ctx.send(AppCommand::SetCsvEncoding(encoding));
                    }
                }
            });
            ui.weak(t.csv_encoding_hint);
        });
        ui.end_row();
        ui.label(t.db_file);
        ui.label(ctx.data.db_path.as_ref().map(|p| p.display().to_string()).unwrap_or_default());
        ui.end_row();
        ui.label(t.schema_version);
        ui.label(crate::store::db::schema_version().to_string());
        ui.end_row();
    });
}

/// Apply, discard, all back to default, and what stands in the way.
fn actions_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, form: &mut Form) {
    let s = ctx.t.settings;
    ui.horizontal_wrapped(|ui| {
        let dirty = form.is_dirty();
        if ui.add_enabled(dirty, egui::Button::new(RichText::new(s.apply).strong())).clicked() {
            match &form.parsed {
                Ok(settings) => {
                    let command = Command::UpdateSettings(Box::new(settings.clone()));
                    ctx.send(AppCommand::Write(Box::new(command)));
                }
                Err(_) => form.refused = true,
            }
        }
        if ui.add_enabled(dirty, egui::Button::new(s.discard)).clicked() {
            let base = form.base.clone();
            form.show(&base);
        }
        if ui.button(s.all_to_default).on_hover_text(s.all_to_default_hint).clicked() {
            form.show(&Settings::default());
        }
        match &form.parsed {
            Err(problems) if form.refused => {
                ui.colored_label(theme::ERROR, (s.n_problems)(problems.len()));
            }
            _ if dirty => {
                ui.colored_label(theme::WARNING, s.unapplied);
            }
            _ => {}
        }
    });
}

/// A parameter's current value in words, with its unit: weekdays by name,
/// periods as `09:00–12:00, 13:00–18:00`, the acquisition view by name.
pub fn value_text(s: &TrSettings, key: &str, text: &str) -> String {
    match key {
        "working_days" => match parse_weekdays(text) {
            Ok(days) => {
                let on = s.weekdays.iter().zip(days).filter(|(_, on)| *on).map(|(d, _)| *d);
                on.collect::<Vec<_>>().join(" ")
            }
            Err(_) => text.to_owned(),
        },
        "working_hours" | "ac_check_windows" => text.replace('-', "–").replace(',', ", "),
        "acquisition" if text == "process" => s.process_view.to_owned(),
        "acquisition" => s.transaction_view.to_owned(),
        _ => match field(key).map_or(Unit::None, |f| f.unit) {
            Unit::Month => text.to_owned(),
            unit => s.with_unit(text, unit),
        },
    }
}
