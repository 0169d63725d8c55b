//! Applying the commands panels and menus send, after the frame: each goes
//! to the part of the app that does it; writes go through the store and the
//! undo stack. Commands that would touch the file while a worker holds it
//! are refused here, in one place.

use egui::ViewportCommand;

use super::LadderApp;
use crate::domain::command::{Command, Effect, RecordKind};
use crate::store::StoreError;
use crate::ui::AppCommand;
use crate::ui::restore::RestoreCommand;

/// What holds the open database file while a worker uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FileOperation {
    /// The import wizard checks every row (a dry run).
    Check,
    /// The import wizard imports the rows.
    Import,
    /// A restore replaces the file (from the restore window, or undoing the
    /// last restore or import).
    Restore,
}

/// Commands that write to the open database or replace it: refused while an
/// import, a check or a restore holds the file.
fn touches_file(command: &AppCommand) -> bool {
    matches!(
        command,
        AppCommand::Write(_)
            | AppCommand::Undo
            | AppCommand::Redo
            | AppCommand::NewFile
            | AppCommand::OpenFile
            | AppCommand::OpenPath(_)
            | AppCommand::OpenDemo
            | AppCommand::ImportFile
            | AppCommand::ImportPath(_)
            | AppCommand::ImportUndo
            | AppCommand::ImportFileAs(_)
    )
}

impl LadderApp {
    /// What holds the open file now: a restore, or the import wizard's
    /// check or import.
    pub(super) fn file_operation(&self) -> Option<FileOperation> {
        if self.restore.is_running() {
            return Some(FileOperation::Restore);
        }
        self.import
            .running_write()
            .map(|write| if write { FileOperation::Import } else { FileOperation::Check })
    }

    /// Does what a command asks.
    pub(super) fn run(&mut self, command: AppCommand, ctx: &egui::Context) {
        if self.file_operation().is_some() && touches_file(&command) {
            // The worker holds the file (and a restore replaces it): an edit
            // would wait on SQLite's lock, and another file would take the
            // job's result.
            self.set_error(self.t().restore.busy.to_owned());
            return;
        }
        match command {
            AppCommand::Write(command) => self.apply_write(&command),
            AppCommand::Undo => self.undo_from_menu(ctx),
            AppCommand::Redo => self.undo_or_redo(false),
            AppCommand::Select(id) => self.load_detail(Some(id)),
            AppCommand::Deselect => self.load_detail(None),
            AppCommand::NewFile => self.new_file(ctx),
            AppCommand::OpenFile => self.open_file(ctx),
            AppCommand::OpenPath(path) => self.open_path(&path, false),
            AppCommand::SaveCopy => self.save_copy(ctx),
            AppCommand::ExportTable(table) => self.export_table(table, ctx),
            AppCommand::OpenDemo => self.open_demo(),
            AppCommand::DismissDemoOffer => self.cache.offer_demo = false,
            AppCommand::SetCsvEncoding(encoding) => self.set_csv_encoding(encoding),
            // A read-only file cannot take a restore: say so instead of a window.
            AppCommand::Restore(RestoreCommand::Show) if self.refuse_read_only() => {}
            AppCommand::Restore(command) => self.restore_command(command, ctx),
            AppCommand::SetLang(lang) => self.set_lang(lang),
            AppCommand::ShowPanel(panel) => self.session.prefs.panel = panel,
            AppCommand::LoadActivities(id) => self.load_activities(id),
            AppCommand::ShowActivities(id) => self.show_activities(id),
            AppCommand::ShowCustomer(id) => self.show_customer(id),
            AppCommand::SetSnapshot(snapshot) => self.jobs.snapshot = snapshot,
            AppCommand::CancelAnalysis => self.jobs.analysis.cancel(),
            AppCommand::ExportReport(kind) => self.export_report(kind, ctx),
            AppCommand::ExportChartPng(rect) => self.export_chart(ctx, rect),
            AppCommand::ImportFile | AppCommand::ImportPath(_) if self.refuse_read_only() => {}
            AppCommand::ImportFile => self.choose_import_file(ctx),
            AppCommand::ImportPath(path) => self.open_wizard(path),
            AppCommand::ImportRun { write } => self.start_import(ctx, write),
            AppCommand::ImportCancel => self.import.cancel(),
            AppCommand::ImportClose => self.close_wizard(),
            AppCommand::ImportUndo => self.undo_import(ctx),
            AppCommand::ImportSaveProblems => self.save_import_problems(ctx),
            AppCommand::ExportFindings => self.export_findings(ctx),
            AppCommand::ExportMonthlyReport(year, month) => {
                self.export_monthly_report(year, month, ctx);
            }
            AppCommand::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            AppCommand::Explain(customer, figure) => {
                self.panels.explain =
                    Some(crate::ui::explain::ExplainWindow::new(customer, figure));
            }
            AppCommand::ImportFileAs(_) if self.refuse_read_only() => {}
            AppCommand::ImportFileAs(kind) => {
                self.import.kind_next = Some(kind);
                self.choose_import_file(ctx);
            }
            AppCommand::ShowSetting(key) => {
                self.panels.settings.focus = Some(key);
                self.session.prefs.panel = crate::ui::Panel::Settings;
            }
            AppCommand::OpenToday(target) => self.open_today(*target),
            AppCommand::Lesson(command) => self.lesson_command(command, ctx),
        }
    }

    /// Applies a write in one transaction, keeps its inverse for undo, and
    /// refreshes what it changed.
    fn apply_write(&mut self, command: &Command) {
        let Some(store) = &mut self.store else { return };
        match store.apply(command, (self.clock)()) {
            Ok(applied) => {
                let effect = applied.effect.clone();
                self.undo.done(applied);
                self.set_status(self.t().effect(&effect));
                // The form reads these only when they are set again.
                self.cache.form_errors.quiet_mut().clear();
                self.after_write(&effect);
            }
            Err(e) => self.write_failed(&e),
        }
    }

    /// Applies the last undo (`true`) or redo entry; on failure it stays.
    pub(super) fn undo_or_redo(&mut self, undo: bool) {
        let t = self.t();
        let Some(store) = &mut self.store else { return };
        let entry = if undo { self.undo.take_undo() } else { self.undo.take_redo() };
        let Some((command, effect)) = entry else {
            self.set_status(if undo { t.nothing_to_undo } else { t.nothing_to_redo }.to_owned());
            return;
        };
        match store.apply(&command, (self.clock)()) {
            Ok(applied) => {
                let done = applied.effect.clone();
                let text = t.effect(&effect);
                if undo {
                    self.undo.undone(effect, applied);
                    self.set_status((t.undone)(&text));
                } else {
                    self.undo.redone(effect, applied);
                    self.set_status((t.redone)(&text));
                }
                self.after_write(&done);
            }
            Err(e) => {
                if undo {
                    self.undo.restore_undo((command, effect));
                } else {
                    self.undo.restore_redo((command, effect));
                }
                self.write_failed(&e);
            }
        }
    }

    /// Says why a write failed; the store's problems with a form's values go
    /// back to the form.
    fn write_failed(&mut self, error: &StoreError) {
        if let StoreError::Invalid(problems) = error {
            self.cache.form_errors.set(problems.clone());
        }
        self.set_error(self.t().store_error(error));
    }

    /// Refreshes the caches a write touched and follows the record.
    fn after_write(&mut self, effect: &Effect) {
        self.data_version += 1;
        self.reload_customers();
        match effect {
            Effect::SettingsChanged { .. } => self.reload_settings(),
            Effect::RecordSaved { kind, .. } | Effect::RecordDeleted { kind, .. }
                if matches!(kind, RecordKind::Sale | RecordKind::Survey | RecordKind::Contact) =>
            {
                self.reload_entries();
            }
            Effect::RecordSaved { .. }
            | Effect::RecordDeleted { .. }
            | Effect::CalendarChanged { .. } => {}
            Effect::Merged { keep, .. } => self.load_detail(Some(*keep)),
            Effect::Created { id, .. }
            | Effect::Updated { id, .. }
            | Effect::Restored { id, .. } => {
                self.load_detail(Some(*id));
            }
            Effect::Deleted { id, .. } => {
                if self.cache.detail.as_ref().is_some_and(|d| d.customer.id == *id) {
                    self.load_detail(None);
                }
            }
        }
    }
}
