//! File → Restore from backup…: the automatic backups of the open database
//! (newest first) or a file of the user's choice → a confirmation naming
//! what will be replaced → the restore with progress and cancel → the
//! result, with Undo restore. The window only holds what the app loaded and
//! reports back; listing, checking and restoring happen in the app.

use std::path::{Path, PathBuf};

use super::{AppCommand, AppCtx, theme};
use crate::store::restore::BackupInfo;

/// What the restore window asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestoreCommand {
    /// Open the window on the open database's backups.
    Show,
    /// Choose a backup file through the file dialog.
    ChooseFile,
    /// Ask to confirm restoring this file (a listed backup or a chosen file).
    Pick(PathBuf),
    /// Restore the confirmed file.
    Run,
    Cancel,
    /// Restore the backup written just before the last restore.
    Undo,
    /// Back to the list.
    Back,
    Close,
}

/// Where the window is.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    /// The list of backups.
    Choose,
    /// Waiting for the user to confirm restoring this file.
    Confirm(PathBuf),
    /// A restore (or its undo, `undoing`) is running, with progress.
    Running { undoing: bool, done: f32 },
    /// Restored: from which file, the backup of the state before, and the
    /// counts now in the database.
    Restored { from: PathBuf, backup: PathBuf, customers: i64, transactions: i64 },
    /// The restore was undone.
    Undone,
    /// Refused, failed or cancelled, in words; back to the list from here.
    Stopped(String),
}

/// The window's state (owned by the app while it is open).
#[derive(Clone, Debug)]
pub struct RestoreWindow {
    /// The database that a restore replaces.
    pub db: PathBuf,
    /// Its automatic backups, newest first (or why they cannot be listed).
    pub backups: Result<Vec<BackupInfo>, String>,
    pub stage: Stage,
}

impl RestoreWindow {
    /// A window on `db` and its listed backups.
    pub fn new(db: PathBuf, backups: Result<Vec<BackupInfo>, String>) -> Self {
        Self { db, backups, stage: Stage::Choose }
    }

    /// Draws the window; closing it sends [`RestoreCommand::Close`].
    pub fn ui(&self, ctx: &egui::Context, app: &AppCtx<'_>) {
        let mut open = true;
        egui::Window::new(app.t.restore.title)
            .id(egui::Id::unique("restore_window"))
            .open(&mut open)
            .default_size([640.0, 420.0])
            .min_width(560.0)
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 90.0))
            .collapsible(false)
            .show(ctx, |ui| self.body_ui(ui, app));
        if !open {
            app.send(AppCommand::Restore(RestoreCommand::Close));
        }
    }

    fn body_ui(&self, ui: &mut egui::Ui, app: &AppCtx<'_>) {
        let r = app.t.restore;
        let send = |c| app.send(AppCommand::Restore(c));
        match &self.stage {
            Stage::Choose => self.list_ui(ui, app),
            Stage::Confirm(from) => {
                ui.label(
                    egui::RichText::new((r.confirm)(
                        &file_name(&self.db),
                        &self.label_of(from, app),
                    ))
                    .strong(),
                );
                ui.label(from.display().to_string());
                ui.add_space(4.0);
                ui.label(r.confirm_note);
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(r.restore).clicked() {
                        send(RestoreCommand::Run);
                    }
                    if ui.button(r.back).clicked() {
                        send(RestoreCommand::Back);
                    }
                });
            }
            Stage::Running { undoing, done } => {
                ui.label(if *undoing { r.undoing } else { r.restoring });
                ui.add(egui::ProgressBar::new(*done).show_percentage());
                if ui.button(app.t.cancel).clicked() {
                    send(RestoreCommand::Cancel);
                }
            }
            Stage::Restored { from, backup, customers, transactions } => {
                ui.colored_label(theme::OK, (r.done)(&file_name(from), *customers, *transactions));
                ui.label((r.saved_before)(&backup.display().to_string()));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(r.undo).clicked() {
                        send(RestoreCommand::Undo);
                    }
                    if ui.button(app.t.close).clicked() {
                        send(RestoreCommand::Close);
                    }
                });
            }
            Stage::Undone => {
                ui.colored_label(theme::OK, r.undone);
                if ui.button(app.t.close).clicked() {
                    send(RestoreCommand::Close);
                }
            }
            Stage::Stopped(why) => {
                ui.colored_label(theme::ERROR, why);
                ui.add_space(8.0);
                if ui.button(r.back).clicked() {
                    send(RestoreCommand::Back);
                }
            }
        }
    }

    fn list_ui(&self, ui: &mut egui::Ui, app: &AppCtx<'_>) {
        let r = app.t.restore;
        ui.label((r.intro)(&file_name(&self.db)));
        ui.add_space(6.0);
        match &self.backups {
            Err(why) => {
                ui.colored_label(theme::ERROR, (r.cannot_list)(why));
            }
            Ok(list) if list.is_empty() => {
                ui.weak(r.no_backups);
            }
            Ok(list) => {
                egui::ScrollArea::vertical().max_height(280.0).show(ui, |ui| {
                    egui::Grid::new("restore_backups").striped(true).spacing([16.0, 6.0]).show(
                        ui,
                        |ui| {
                            ui.strong(r.col_time);
                            ui.strong(r.col_reason);
                            ui.strong(r.col_size);
                            ui.end_row();
                            for backup in list {
                                ui.label(taken_text(backup));
                                ui.label(reason_text(backup, app));
                                ui.label(size_text(backup.bytes));
                                if ui.button(r.restore_this).clicked() {
                                    app.send(AppCommand::Restore(RestoreCommand::Pick(
                                        backup.path.clone(),
                                    )));
                                }
                                ui.end_row();
                            }
                        },
                    );
                });
            }
        }
        ui.add_space(8.0);
        if ui.button(r.choose_file).clicked() {
            app.send(AppCommand::Restore(RestoreCommand::ChooseFile));
        }
    }

    /// A listed backup by its time and reason; any other file by its name.
    fn label_of(&self, path: &Path, app: &AppCtx<'_>) -> String {
        match self.backups.as_ref().ok().and_then(|l| l.iter().find(|b| b.path == path)) {
            Some(b) => format!("{} ({})", taken_text(b), reason_text(b, app)),
            None => file_name(path),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// When the backup was written, as `YYYY-MM-DD HH:MM:SS`, else its file name.
fn taken_text(backup: &BackupInfo) -> String {
    match backup.taken {
        Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        None => file_name(&backup.path),
    }
}

/// Why the backup was written, in words.
fn reason_text(backup: &BackupInfo, app: &AppCtx<'_>) -> String {
    let r = app.t.restore;
    match backup.reason.as_str() {
        "import" => r.reason_import.to_owned(),
        crate::store::restore::RESTORE_REASON => r.reason_restore.to_owned(),
        other => backup.migrated_from().map_or_else(|| other.to_owned(), r.reason_schema),
    }
}

/// A file size in KB or MB (1 KB = 1,024 bytes).
pub fn size_text(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // A display value.
    let kb = bytes as f64 / 1024.0;
    if kb < 1024.0 { format!("{kb:.0} KB") } else { format!("{:.1} MB", kb / 1024.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_kb_or_mb() {
        assert_eq!(size_text(4096), "4 KB");
        assert_eq!(size_text(1_994_752), "1.9 MB");
    }
}
