//! The import wizard's side in the app: opening it on a file (chosen or
//! dropped on the window), reading its preview, running the check or the
//! import on a worker with its own connection, following it, and undoing
//! the last import (a restore of the backup written before it).

use std::path::PathBuf;

use chrono::NaiveDateTime;

use super::LadderApp;
use super::dialogs::{FileRequest, FileTask, Filter};
use super::restore_flow::RestoreFor;
use crate::domain::Lang;
use crate::domain::import::{ImportKind, RowProblem};
use crate::domain::naming::grouped;
use crate::job::{Job, JobHandle, Poll};
use crate::store::Store;
use crate::store::import::{ImportError, ImportOptions, ImportSummary};
use crate::ui::import::{ImportWizard, Stage};
use crate::ui::{AppCommand, Tr};

/// What an import or check on the worker ended with.
#[derive(Debug)]
enum ImportOutcome {
    Done { summary: ImportSummary, backup: Option<PathBuf> },
    Problems { listed: Vec<RowProblem>, total: usize },
    Cancelled,
}

/// The open import wizard, its running job, and how to undo the last import.
#[derive(Debug, Default)]
pub(super) struct ImportFlow {
    /// The open wizard.
    pub(super) wizard: Option<ImportWizard>,
    /// The running check or import (`true`: an import, which writes).
    job: Option<(Job<ImportOutcome>, bool)>,
    /// The last import, while it can be undone.
    pub(super) undo: Option<LastImport>,
    /// The kind the next wizard opens on (instead of the file name's guess).
    pub(super) kind_next: Option<crate::domain::import::ImportKind>,
}

/// The last import, as the undo history keeps it.
#[derive(Debug, Clone)]
pub(super) struct LastImport {
    /// The backup written before it.
    backup: PathBuf,
    /// The data version right after it: undone only while nothing changed.
    version: u64,
    /// How many commands could be undone right after it: Edit → Undo
    /// undoes the import when no later command is on the undo stack.
    depth: usize,
    /// What it imported: rows of a kind ("69,659 sales").
    rows: usize,
    kind: ImportKind,
}

impl ImportFlow {
    /// True while a check or an import runs.
    pub(super) fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// While a check (`false`) or an import (`true`) runs: which.
    pub(super) fn running_write(&self) -> Option<bool> {
        self.job.as_ref().map(|(_, write)| *write)
    }

    /// Asks the running check or import to stop.
    pub(super) fn cancel(&self) {
        if let Some((job, _)) = &self.job {
            job.cancel();
        }
    }
}

/// Checks (`write` false) or imports `file` into the database at `db` on
/// this worker thread; a real import writes a backup first.
fn import_on_worker(
    db: &std::path::Path,
    file: &std::path::Path,
    options: &ImportOptions,
    now: NaiveDateTime,
    lang: Lang,
    handle: &JobHandle,
) -> Result<ImportOutcome, String> {
    let t = Tr::of(lang);
    let mut store = Store::open(db, now)
        .map_err(|e| super::session::cannot_open_text(t, &e.path, &e.problem))?;
    let backup = if options.dry_run {
        None
    } else {
        Some(store.rotating_backup("import", now).map_err(|e| t.store_error(&e))?)
    };
    // The total is unknown while streaming: estimate it from the size.
    let estimate = std::fs::metadata(file).map_or(1, |m| m.len() / 48).max(1);
    #[allow(clippy::cast_precision_loss)] // A progress fraction.
    let result = store.import_file(file, options, now, &mut |rows| {
        handle.progress((rows as f32 / estimate as f32).min(0.99))
    });
    match result {
        Ok(summary) => Ok(ImportOutcome::Done { summary, backup }),
        Err(ImportError::Rows { listed, total }) => Ok(ImportOutcome::Problems { listed, total }),
        Err(ImportError::Cancelled) => Ok(ImportOutcome::Cancelled),
        Err(e) => Err(e.text(lang)),
    }
}

/// The wizard's choices as import options (`write` false: a dry run).
fn options_of(wizard: &ImportWizard, write: bool) -> ImportOptions {
    ImportOptions {
        kind: wizard.kind,
        encoding: wizard.encoding,
        sheet: wizard.sheet.clone(),
        map: wizard.map.clone(),
        create_customers: wizard.create_customers,
        dry_run: !write,
        duplicates: wizard.duplicates,
        skip_bad: write && wizard.skip_bad,
    }
}

/// The check's problems as the wizard lists them, in the app's language:
/// `PATH:ROW:COLUMN: …` as the CLI says it in English.
fn problems_stage(wizard: &ImportWizard, listed: &[RowProblem], total: usize, lang: Lang) -> Stage {
    let at = wizard.path.display().to_string();
    let shown = |p: &RowProblem| match lang {
        Lang::En => format!("{at}:{}", p.text(lang)),
        Lang::Zh => format!("{at}：{}", p.text(lang)),
    };
    Stage::Problems { listed: listed.iter().map(shown).collect(), total }
}

impl LadderApp {
    /// File → Import…: asks for the file, then opens the wizard on it.
    pub(super) fn choose_import_file(&mut self, ctx: &egui::Context) {
        let (folder, name, task) = (self.documents_folder(), String::new(), FileTask::Import);
        let filter = Filter::Import;
        self.ask_file(FileRequest { save: false, filter, folder, name, task }, ctx);
    }

    /// Opens the wizard on a file (not while a check or import runs).
    pub(super) fn open_wizard(&mut self, path: PathBuf) {
        if self.store.is_some() && !self.import.is_running() {
            let mut wizard = ImportWizard::new(path);
            if let Some(kind) = self.import.kind_next.take() {
                wizard.kind = kind;
            }
            self.import.wizard = Some(wizard);
        }
    }

    /// Closes the wizard (not while its check or import runs).
    pub(super) fn close_wizard(&mut self) {
        if !self.import.is_running() {
            self.import.wizard = None;
        }
    }

    /// Starts a check (`write` false) or the import of the wizard's file on
    /// a worker with its own connection; a real import writes a backup first.
    pub(super) fn start_import(&mut self, ctx: &egui::Context, write: bool) {
        let (Some(store), Some(wizard)) = (&self.store, &mut self.import.wizard) else { return };
        if self.import.job.is_some() {
            return;
        }
        let db = store.path().to_owned();
        let file = wizard.path.clone();
        let options = options_of(wizard, write);
        let (lang, now) = (self.lang, (self.clock)());
        let job = super::jobs::spawn(ctx, "import", move |handle| {
            import_on_worker(&db, &file, &options, now, lang, handle)
        });
        match job {
            Ok(job) => {
                wizard.stage = Stage::Running { importing: write, done: 0.0 };
                self.import.job = Some((job, write));
            }
            Err(e) => wizard.stage = Stage::Stopped(e.to_string()),
        }
    }

    /// Opens the wizard on a file dropped on the window, reads the wizard's
    /// preview when its choices changed, and follows the running check or
    /// import.
    pub(super) fn poll_import(&mut self, ctx: &egui::Context) {
        for file in ctx.input(|i| i.raw.dropped_files.clone()) {
            let path = file.path();
            if !path.as_os_str().is_empty() {
                self.run(AppCommand::ImportPath(path.to_owned()), ctx);
                break;
            }
        }
        self.refresh_preview();
        self.follow_import();
    }

    /// Reads the wizard's preview again when its choices changed.
    fn refresh_preview(&mut self) {
        let lang = self.lang;
        let Some(wizard) = &mut self.import.wizard else { return };
        if !wizard.needs_preview() {
            return;
        }
        let read = |wizard: &ImportWizard| {
            crate::store::import::preview::preview(
                &wizard.path,
                wizard.kind,
                wizard.encoding,
                wizard.sheet.as_deref(),
                &wizard.map,
                lang,
            )
        };
        wizard.set_preview(read(wizard));
        // A file laid out like one imported before: its columns as chosen then.
        // (Once per layout: "match by name again" is not undone.)
        if let Some(key) = wizard.layout_key()
            && wizard.layout_seen.as_ref() != Some(&key)
            && wizard.map.is_empty()
            && let Some((_, map)) =
                self.session.prefs.import_layouts.iter().find(|(k, _)| *k == key)
        {
            wizard.layout_seen = Some(key);
            wizard.map.clone_from(map);
            wizard.remembered = true;
            wizard.set_preview(read(wizard));
        }
    }

    /// Shows the running check or import's progress in the wizard; when it
    /// ends, its outcome, and after an import the reloaded data.
    fn follow_import(&mut self) {
        let t = self.t();
        let lang = self.lang;
        let depth = self.undo.depth();
        let Some(wizard) = &mut self.import.wizard else { return };
        let Some((job, write)) = &self.import.job else { return };
        let write = *write;
        let result = match job.poll() {
            Poll::Running(done) => {
                wizard.stage = Stage::Running { importing: write, done };
                return;
            }
            Poll::Done(result) => result,
        };
        self.import.job = None;
        wizard.stage = match result {
            Ok(ImportOutcome::Done { summary, backup }) if write => {
                self.session.prefs.remember_layout(wizard);
                Stage::Imported {
                    rows: summary.rows,
                    customers: summary.created_customers.len(),
                    skipped: summary.bad_skipped,
                    backup,
                }
            }
            Ok(ImportOutcome::Done { summary, .. }) => {
                Stage::Checked { rows: summary.rows, customers: summary.created_customers.len() }
            }
            Ok(ImportOutcome::Problems { listed, total }) => {
                problems_stage(wizard, &listed, total, lang)
            }
            Ok(ImportOutcome::Cancelled) => Stage::Stopped(t.import.cancelled.to_owned()),
            Err(e) => Stage::Stopped(e),
        };
        if let Stage::Imported { backup, rows, .. } = &wizard.stage {
            let (backup, rows, kind) = (backup.clone(), *rows, wizard.kind);
            self.data_version += 1;
            self.reload_customers();
            self.reload_purchases();
            let version = self.data_version;
            self.import.undo =
                backup.map(|backup| LastImport { backup, version, depth, rows, kind });
        }
    }

    /// Puts the database back from the backup written before the last
    /// import, if nothing else changed since: the same restore as File →
    /// Restore from backup… (the state before is backed up first), on a
    /// worker, the wizard showing its progress.
    pub(super) fn undo_import(&mut self, ctx: &egui::Context) {
        let t = self.t();
        let Some(last) = self.import.undo.clone() else { return };
        if last.version != self.data_version {
            self.set_error(t.import.undo_stale.to_owned());
            return;
        }
        self.start_restore(ctx, last.backup, RestoreFor::UndoImport);
    }

    /// The last import when Edit → Undo would undo it next (no later
    /// command on the undo stack): `Ok` with the menu's label ("Undo
    /// import of 69,659 sales") while it can be, `Err` saying why not.
    pub(super) fn import_undo_entry(&self) -> Option<Result<String, &'static str>> {
        let last = self.import.undo.as_ref()?;
        if self.undo.depth() > last.depth {
            return None;
        }
        let p = self.t().polish;
        Some(if last.version == self.data_version {
            Ok((p.undo_import)(&grouped(last.rows), last.rows, last.kind))
        } else {
            Err(p.undo_import_stale)
        })
    }

    /// Edit → Undo (or its shortcut): undoes the last import when it is
    /// next, as the wizard's button does (also after the wizard was
    /// closed); when the data changed since, forgets it, saying why if
    /// nothing else can be undone, else undoing the change before it.
    pub(super) fn undo_from_menu(&mut self, ctx: &egui::Context) {
        match self.import_undo_entry() {
            None => self.undo_or_redo(true),
            Some(Ok(_)) => {
                self.set_status(self.t().polish.undoing_import.to_owned());
                self.undo_import(ctx);
            }
            Some(Err(why)) => {
                self.import.undo = None;
                if self.undo.depth() == 0 {
                    self.set_error(why.to_owned());
                } else {
                    self.undo_or_redo(true);
                }
            }
        }
    }

    /// Saves the check's list of problems as a table.
    pub(super) fn save_import_problems(&mut self, ctx: &egui::Context) {
        if let Some(Stage::Problems { listed, .. }) =
            self.import.wizard.as_ref().map(|w| w.stage.clone())
        {
            let mut table = crate::domain::table::Table::new(&["problem"]);
            for line in listed {
                table.push(vec![crate::domain::table::Cell::Text(line)]);
            }
            self.save_table(table, "import-problems", ctx);
        }
    }
}
