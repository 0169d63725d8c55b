//! File → Restore from backup… in the app: the restore window's requests,
//! the restore itself on a worker with its own connection (with progress
//! and cancel), reopening the database afterwards, and Undo restore. Undo
//! import is the same restore, shown in the import wizard.

use std::path::{Path, PathBuf};

use super::LadderApp;
use super::dialogs::{FileRequest, FileTask, Filter};
use crate::job::{Job, Poll};
use crate::store::Store;
use crate::store::restore::{RestoreError, Restored};
use crate::ui::restore::{RestoreCommand, RestoreWindow, Stage};

/// What a running restore is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RestoreFor {
    /// File → Restore from backup….
    Restore,
    /// Undo restore: the backup written before the last restore.
    UndoRestore,
    /// Undo import: the backup written before the last import.
    UndoImport,
}

/// What a restore on the worker ended with.
type RestoreResult = Result<Restored, RestoreError>;

/// A restore running on a worker.
#[derive(Debug)]
struct RunningRestore {
    job: Job<RestoreResult>,
    /// The file restored from.
    from: PathBuf,
    purpose: RestoreFor,
    /// The database it restores into.
    db: PathBuf,
}

/// The restore window, its running restore, and how to undo the last one.
#[derive(Debug, Default)]
pub(super) struct RestoreFlow {
    /// The open window.
    pub(super) window: Option<RestoreWindow>,
    job: Option<RunningRestore>,
    /// The backup that undoes the last restore, with the data version it
    /// belongs to (undo only while nothing else changed).
    undo: Option<(PathBuf, u64)>,
}

impl RestoreFlow {
    /// True while a restore runs.
    pub(super) fn is_running(&self) -> bool {
        self.job.is_some()
    }
}

impl LadderApp {
    /// Follows the restore window's requests (File → Restore from backup…).
    pub(super) fn restore_command(&mut self, command: RestoreCommand, ctx: &egui::Context) {
        let running = self.restore.is_running();
        match command {
            RestoreCommand::Show => {
                let Some(db) = self.store.as_ref().map(|s| s.path().to_owned()) else { return };
                if !running {
                    let list = crate::store::restore::list_backups(&db).map_err(|e| e.to_string());
                    self.restore.window = Some(RestoreWindow::new(db, list));
                }
            }
            RestoreCommand::ChooseFile => self.choose_backup_file(ctx),
            RestoreCommand::Pick(path) => {
                if !running {
                    self.pick_backup(&path);
                }
            }
            RestoreCommand::Run => {
                let from = match self.restore.window.as_ref().map(|w| &w.stage) {
                    Some(Stage::Confirm(from)) => from.clone(),
                    _ => return,
                };
                self.start_restore(ctx, from, RestoreFor::Restore);
            }
            RestoreCommand::Cancel => {
                if let Some(running) = &self.restore.job {
                    running.job.cancel();
                }
            }
            RestoreCommand::Undo => self.undo_restore(ctx),
            RestoreCommand::Back => {
                if let Some(window) = self.restore.window.as_mut().filter(|_| !running) {
                    window.stage = Stage::Choose;
                }
            }
            RestoreCommand::Close => {
                if !running {
                    self.restore.window = None;
                }
            }
        }
    }

    /// Asks for a backup file, starting in the automatic backups' folder.
    fn choose_backup_file(&mut self, ctx: &egui::Context) {
        let Some(window) = &self.restore.window else { return };
        let backups = crate::store::db::backups_dir(&window.db);
        let folder = if backups.is_dir() { backups } else { self.db_folder() };
        let (filter, name, task) = (Filter::Database, String::new(), FileTask::Backup);
        self.ask_file(FileRequest { save: false, filter, folder, name, task }, ctx);
    }

    /// Asks to confirm the restore of a file whose header can be a backup.
    fn pick_backup(&mut self, path: &Path) {
        let t = self.t();
        let Some(window) = &mut self.restore.window else { return };
        // The header says at once whether the file can be a backup at
        // all; the full check runs with the restore.
        window.stage = match crate::store::db::probe(path) {
            Ok(_) => Stage::Confirm(path.to_owned()),
            Err(e) => Stage::Stopped(format!(
                "{}: {}",
                (t.restore.refused)(&path.display().to_string()),
                t.open_problem(&e.problem)
            )),
        };
    }

    /// Puts back the backup written before the last restore, if nothing
    /// changed since.
    fn undo_restore(&mut self, ctx: &egui::Context) {
        let t = self.t();
        let Some((backup, version)) = self.restore.undo.clone() else { return };
        if version == self.data_version {
            self.start_restore(ctx, backup, RestoreFor::UndoRestore);
        } else {
            self.set_error(t.restore.undo_stale.to_owned());
            if let Some(window) = &mut self.restore.window {
                window.stage = Stage::Stopped(t.restore.undo_stale.to_owned());
            }
        }
    }

    /// Restores `from` into the open database on a worker with its own
    /// connection (a large file takes a while), with progress and cancel.
    pub(super) fn start_restore(
        &mut self,
        ctx: &egui::Context,
        from: PathBuf,
        purpose: RestoreFor,
    ) {
        let t = self.t();
        let Some(db) = self.store.as_ref().map(|s| s.path().to_owned()) else { return };
        if purpose != RestoreFor::UndoImport
            && self.restore.window.as_ref().map(|w| &w.db) != Some(&db)
        {
            // Another file was opened since the window was: it is stale.
            self.restore.window = None;
            return;
        }
        if self.file_operation().is_some() {
            match &mut self.restore.window {
                Some(window) if purpose != RestoreFor::UndoImport => {
                    window.stage = Stage::Stopped(t.restore.busy.to_owned());
                }
                _ => self.set_error(t.restore.busy.to_owned()),
            }
            return;
        }
        let (into, source) = (db.clone(), from.clone());
        let now = (self.clock)();
        let job = super::jobs::spawn(ctx, "restore", move |handle| {
            Ok(crate::store::restore::restore_file(&into, &source, now, &mut |done| {
                handle.progress(done)
            }))
        });
        match job {
            Ok(job) => {
                self.show_restore_progress(purpose, 0.0);
                self.restore.job = Some(RunningRestore { job, from, purpose, db });
            }
            Err(e) => {
                let text = format!("{}: {e}", t.restore.failed);
                self.show_restore_end(purpose, Err(text));
            }
        }
    }

    /// Shows a running restore's progress where it was asked for.
    fn show_restore_progress(&mut self, purpose: RestoreFor, done: f32) {
        if purpose == RestoreFor::UndoImport {
            if let Some(wizard) = &mut self.import.wizard {
                wizard.stage = crate::ui::import::Stage::Undoing { done };
            }
        } else if let Some(window) = &mut self.restore.window {
            let undoing = purpose == RestoreFor::UndoRestore;
            window.stage = Stage::Running { undoing, done };
        }
    }

    /// Ends an undone import in the wizard (`Err`: why it was not undone).
    /// Restores for the restore window end in [`Self::poll_restore`].
    fn show_restore_end(&mut self, purpose: RestoreFor, result: Result<(), String>) {
        use crate::ui::import::Stage as ImportStage;
        match (purpose, result) {
            (RestoreFor::UndoImport, Ok(())) => {
                self.import.undo = None;
                if let Some(wizard) = &mut self.import.wizard {
                    wizard.stage = ImportStage::Undone;
                }
                self.set_status(self.t().import.undone.to_owned());
            }
            (RestoreFor::UndoImport, Err(text)) => {
                self.set_error(text.clone());
                if let Some(wizard) = &mut self.import.wizard {
                    wizard.stage = ImportStage::Stopped(text);
                }
            }
            (_, Err(text)) => {
                self.set_error(text.clone());
                if let Some(window) = &mut self.restore.window {
                    window.stage = Stage::Stopped(text);
                }
            }
            (_, Ok(())) => {}
        }
    }

    /// Follows a running restore; when it is done, reopens the database
    /// (undo stack cleared, every cache reloaded) and offers Undo restore
    /// (or, for an undone import, tells the wizard).
    pub(super) fn poll_restore(&mut self) {
        let Some(running) = &self.restore.job else { return };
        let purpose = running.purpose;
        let result = match running.job.poll() {
            Poll::Running(done) => {
                self.show_restore_progress(purpose, done);
                return;
            }
            Poll::Done(result) => result,
        };
        let Some(RunningRestore { from, db, .. }) = self.restore.job.take() else { return };
        let t = self.t();
        let restored = match result {
            Ok(Ok(restored)) => restored,
            Ok(Err(e)) => {
                let text = self.restore_error_text(&e);
                self.show_restore_end(purpose, Err(text));
                return;
            }
            Err(e) => {
                self.show_restore_end(purpose, Err(format!("{}: {e}", t.restore.failed)));
                return;
            }
        };
        // (Files cannot be switched while a restore runs; if the open one is
        // another all the same, it stays open.)
        if self.store.as_ref().map(Store::path) == Some(db.as_path()) {
            self.reopen(&db);
        }
        if purpose == RestoreFor::UndoImport {
            self.show_restore_end(purpose, Ok(()));
            return;
        }
        self.show_restored(purpose == RestoreFor::UndoRestore, from, restored, &db);
    }

    /// Says a restore for the restore window is done (`undoing`: it undid
    /// the last one) and offers to undo it.
    fn show_restored(&mut self, undoing: bool, from: PathBuf, restored: Restored, db: &Path) {
        let t = self.t();
        let text = if undoing {
            t.restore.undone.to_owned()
        } else {
            let from = from.file_name().unwrap_or_default().to_string_lossy();
            (t.restore.done)(&from, restored.customers, restored.transactions)
        };
        if self.store.is_some() {
            self.set_status(text);
        }
        self.restore.undo = (!undoing).then(|| (restored.backup.clone(), self.data_version));
        if let Some(window) = &mut self.restore.window {
            window.backups = crate::store::restore::list_backups(db).map_err(|e| e.to_string());
            window.stage = if undoing {
                Stage::Undone
            } else {
                Stage::Restored {
                    from,
                    backup: restored.backup,
                    customers: restored.customers,
                    transactions: restored.transactions,
                }
            };
        }
    }

    /// Why a restore did not happen, in the interface language.
    fn restore_error_text(&self, error: &RestoreError) -> String {
        let t = self.t();
        let refused = |path: &Path| (t.restore.refused)(&path.display().to_string());
        match error {
            RestoreError::Source(e) => {
                format!("{}: {}", refused(&e.path), t.open_problem(&e.problem))
            }
            RestoreError::Target(e) => super::session::cannot_open_text(t, &e.path, &e.problem),
            RestoreError::SameFile(path) => format!("{}: {}", refused(path), t.restore.same_file),
            RestoreError::PageSize { path, from, into } => {
                format!("{}: {}", refused(path), (t.restore.page_size)(*from, *into))
            }
            RestoreError::Cancelled => t.restore.cancelled.to_owned(),
            RestoreError::Backup { path, source } | RestoreError::Copy { path, source } => {
                // SQLite's own words only when there are none of ours.
                let why = if error.is_busy() { t.o_busy.to_owned() } else { source.to_string() };
                format!("{}: {}: {why}", t.restore.failed, path.display())
            }
        }
    }
}
