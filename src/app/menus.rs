//! The menu bar (File, Edit, View, Help) and the window's keyboard
//! shortcuts; both only send commands.

use super::LadderApp;
use crate::domain::Lang;
use crate::store::export_tables::ExportTable;
use crate::ui::restore::RestoreCommand;
use crate::ui::{AppCommand, Panel, keys};

impl LadderApp {
    /// Undo, redo and open from the keyboard (not while a text field has focus).
    pub(super) fn global_shortcuts(&self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return; // A text field has focus: its own undo applies.
        }
        ctx.input_mut(|i| {
            if i.consume_shortcut(&keys::REDO) || i.consume_shortcut(&keys::REDO_Y) {
                self.out.send(AppCommand::Redo);
            } else if i.consume_shortcut(&keys::UNDO) {
                self.out.send(AppCommand::Undo);
            }
            if i.consume_shortcut(&keys::OPEN) {
                self.out.send(AppCommand::OpenFile);
            }
        });
    }

    /// The menu bar.
    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t.menu_file, |ui| self.file_menu_ui(ui));
            ui.menu_button(t.menu_edit, |ui| self.edit_menu_ui(ui));
            ui.menu_button(t.menu_view, |ui| self.view_menu_ui(ui));
            ui.menu_button(t.menu_help, |ui| {
                crate::ui::lessons::menu_ui(ui, self.lang, t, &self.out);
                if ui.button(t.about).clicked() {
                    self.panels.about = true;
                }
            });
        });
    }

    fn file_menu_ui(&self, ui: &mut egui::Ui) {
        let t = self.t();
        if ui.button(t.file_new).clicked() {
            self.out.send(AppCommand::NewFile);
        }
        if ui
            .add(egui::Button::new(t.file_open).shortcut_text(keys::name(ui.ctx(), &keys::OPEN)))
            .clicked()
        {
            self.out.send(AppCommand::OpenFile);
        }
        ui.menu_button(t.file_recent, |ui| {
            if self.session.prefs.recent.is_empty() {
                ui.label(t.no_recent);
            }
            for path in &self.session.prefs.recent {
                if ui.button(path.display().to_string()).clicked() {
                    self.out.send(AppCommand::OpenPath(path.clone()));
                }
            }
        });
        let has_db = self.store.is_some();
        for (label, command) in [
            (t.import.menu, AppCommand::ImportFile),
            (t.file_save_copy, AppCommand::SaveCopy),
            (t.restore.menu, AppCommand::Restore(RestoreCommand::Show)),
        ] {
            if ui.add_enabled(has_db, egui::Button::new(label)).clicked() {
                self.out.send(command);
            }
        }
        ui.add_enabled_ui(has_db, |ui| {
            ui.menu_button(t.files.menu_export, |ui| {
                for &table in ExportTable::ALL {
                    if ui.button((t.files.table)(table)).clicked() {
                        self.out.send(AppCommand::ExportTable(table));
                    }
                }
            });
        });
        ui.separator();
        if ui.button(t.file_quit).clicked() {
            self.out.send(AppCommand::Quit);
        }
    }

    fn edit_menu_ui(&self, ui: &mut egui::Ui) {
        let t = self.t();
        let mut undo = self.undo.peek_undo().map(|e| format!("{}: {}", t.undo, t.effect(e)));
        match self.import_undo_entry() {
            // The last import is what Undo undoes next.
            Some(Ok(label)) => undo = Some(label),
            // It cannot be any more: say why (Undo then goes to the change before it).
            Some(Err(why)) => {
                ui.add_enabled(false, egui::Button::new(why));
            }
            None => {}
        }
        let redo = self.undo.peek_redo().map(|e| format!("{}: {}", t.redo, t.effect(e)));
        let undo_button = egui::Button::new(undo.clone().unwrap_or_else(|| t.undo.to_owned()))
            .shortcut_text(keys::name(ui.ctx(), &keys::UNDO));
        if ui.add_enabled(undo.is_some(), undo_button).clicked() {
            self.out.send(AppCommand::Undo);
        }
        let redo_button = egui::Button::new(redo.clone().unwrap_or_else(|| t.redo.to_owned()))
            .shortcut_text(keys::name(ui.ctx(), &keys::REDO));
        if ui.add_enabled(redo.is_some(), redo_button).clicked() {
            self.out.send(AppCommand::Redo);
        }
    }

    fn view_menu_ui(&self, ui: &mut egui::Ui) {
        let t = self.t();
        for panel in Panel::ALL {
            if ui.selectable_label(self.session.prefs.panel == panel, panel.title(t)).clicked() {
                self.out.send(AppCommand::ShowPanel(panel));
            }
        }
        ui.separator();
        for (lang, name) in [(Lang::Zh, "中文"), (Lang::En, "English")] {
            if ui.selectable_label(self.lang == lang, name).clicked() {
                self.out.send(AppCommand::SetLang(lang));
            }
        }
        ui.separator();
        crate::ui::lessons::menu_ui(ui, self.lang, t, &self.out);
    }
}
