//! Asking the user for a file. The system's dialog (rfd) comes first; when
//! none can open — on Linux and the BSDs it needs xdg-desktop-portal or
//! zenity, and with neither rfd returns at once with nothing, as if the
//! user had cancelled — the built-in [`PathDialog`] says what to install
//! and takes a typed path. What the path is for travels with the question
//! ([`FileTask`]), so both dialogs end in [`LadderApp::file_chosen`].

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::LadderApp;
use crate::domain::table::Table;
use crate::store::export_tables::ExportTable;
use crate::ui::AppCommand;
use crate::ui::restore::RestoreCommand;
use crate::ui::widgets::path_dialog::{Entry, Listing, PathDialog};

/// The environment variable that turns the system's dialogs off
/// (`LADDER_FILE_DIALOG=built-in`), for desktops where they misbehave.
const CHOICE_VAR: &str = "LADDER_FILE_DIALOG";

/// How quickly a dialog that never showed comes back: no one cancels a
/// dialog they saw in less.
const TOO_QUICK: Duration = Duration::from_millis(300);

/// At most this many names of a folder are read for the built-in dialog.
const MAX_NAMES: usize = 5_000;

/// What a chosen path is for.
#[derive(Debug)]
pub(super) enum FileTask {
    /// File → New: a new database there.
    New,
    /// File → Open.
    Open,
    /// File → Save a copy.
    SaveCopy,
    /// File → Import: the wizard on that file.
    Import,
    /// The restore window's "another file".
    Backup,
    /// A table a panel shows (a report, the findings, the import's
    /// problems), with its sheet name.
    Table { table: Table, sheet: String },
    /// This part of the window (a chart) as PNG.
    Chart(egui::Rect),
    /// File → Export: a whole table of the database.
    Export(ExportTable),
    /// The lesson under way as a worksheet (XLSX).
    Worksheet,
}

/// The files a dialog offers.
#[derive(Clone, Copy, Debug)]
pub(super) enum Filter {
    Database,
    Table,
    Import,
    Png,
    /// An XLSX workbook (a lesson's worksheet).
    Workbook,
}

impl Filter {
    fn name(self) -> &'static str {
        match self {
            Self::Database => "Ladder",
            Self::Table | Self::Import => "CSV / Excel",
            Self::Png => "PNG",
            Self::Workbook => "Excel",
        }
    }

    /// The endings a file written must have (`None`: any, a database).
    fn required(self) -> Option<&'static [&'static str]> {
        matches!(self, Self::Table | Self::Png | Self::Workbook).then(|| self.extensions())
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Database => &["db", "ladder", "sqlite"],
            Self::Table => &["csv", "xlsx"],
            Self::Import => &["csv", "txt", "xlsx", "xlsm", "xls", "ods"],
            Self::Png => &["png"],
            Self::Workbook => &["xlsx"],
        }
    }
}

/// A question for a file: to write (`save`) or to open.
#[derive(Debug)]
pub(super) struct FileRequest {
    pub(super) save: bool,
    pub(super) filter: Filter,
    /// The folder to start in.
    pub(super) folder: PathBuf,
    /// The name offered (empty to open).
    pub(super) name: String,
    pub(super) task: FileTask,
}

/// The file dialogs' state.
#[derive(Debug)]
pub(super) struct Dialogs {
    /// Try the system's dialog first.
    pub(super) native: bool,
    /// The built-in dialog and the question it answers.
    built_in: Option<(PathDialog, FileRequest)>,
    /// The existing file the built-in dialog warned about once: a second
    /// Save replaces it.
    replace: Option<PathBuf>,
}

impl Default for Dialogs {
    fn default() -> Self {
        let native = std::env::var(CHOICE_VAR).map_or(true, |v| v != "built-in");
        Self { native, built_in: None, replace: None }
    }
}

impl Dialogs {
    /// The built-in dialog, when it is open.
    pub(super) fn built_in(&mut self) -> Option<&mut PathDialog> {
        self.built_in.as_mut().map(|(dialog, _)| dialog)
    }
}

/// `stem-YYYY-MM-DD.ext`: a default file name that says when it was made.
pub(super) fn dated(stem: &str, date: NaiveDate, ext: &str) -> String {
    format!("{stem}-{}.{ext}", date.format("%Y-%m-%d"))
}

/// True when a system dialog that returned nothing after `elapsed` never
/// showed: only on Linux and the BSDs (Windows and macOS always have
/// theirs), only when it came back too quickly to have been seen, and
/// only when zenity, which rfd falls back to, is not installed.
fn never_showed(elapsed: Duration) -> bool {
    cfg!(all(unix, not(target_os = "macos"))) && elapsed < TOO_QUICK && !on_path("zenity")
}

/// True when a program `name` is in one of the folders of `PATH`.
fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()))
}

/// The system's dialog for `request`; `None` when cancelled or not shown.
fn native(request: &FileRequest) -> Option<PathBuf> {
    let filter = request.filter;
    let mut dialog = rfd::FileDialog::new().add_filter(filter.name(), filter.extensions());
    if request.folder.is_dir() {
        dialog = dialog.set_directory(&request.folder);
    }
    if request.save { dialog.set_file_name(&request.name).save_file() } else { dialog.pick_file() }
}

/// The names in `dir`, folders first (see [`Listing`]).
fn list(dir: &Path) -> Listing {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Listing { dir: dir.to_owned(), entries: Vec::new(), unreadable: true };
    };
    let mut entries: Vec<Entry> = read
        .flatten()
        .take(MAX_NAMES)
        .map(|e| Entry {
            name: e.file_name().to_string_lossy().into_owned(),
            dir: e.path().is_dir(),
        })
        .collect();
    entries.sort_by(|a, b| b.dir.cmp(&a.dir).then_with(|| a.name.cmp(&b.name)));
    Listing { dir: dir.to_owned(), entries, unreadable: false }
}

impl LadderApp {
    /// The folder a database dialog starts in: the open file's.
    pub(super) fn db_folder(&self) -> PathBuf {
        let open = self.cache.db_path.as_ref().and_then(|p| p.parent()).map(Path::to_owned);
        open.or_else(crate::system::documents_dir).unwrap_or_default()
    }

    /// The folder exports and imports start in: the user's documents
    /// (the default database lives in a hidden data folder).
    pub(super) fn documents_folder(&self) -> PathBuf {
        crate::system::documents_dir().unwrap_or_else(|| self.db_folder())
    }

    /// Asks for a file: the system's dialog, else the built-in one.
    pub(super) fn ask_file(&mut self, request: FileRequest, ctx: &egui::Context) {
        if self.dialogs.native {
            let started = Instant::now();
            match native(&request) {
                Some(path) => return self.file_chosen(request.task, path, ctx),
                None if !never_showed(started.elapsed()) => {
                    return self.set_status(self.t().dialog_cancelled.to_owned());
                }
                None => {}
            }
        }
        let dialog = PathDialog::new(request.save, &request.folder, &request.name);
        self.dialogs.replace = None;
        self.dialogs.built_in = Some((dialog, request));
        self.poll_file_dialog(ctx);
    }

    /// Lists the folder typed in the built-in dialog when it changed, and
    /// acts on its answer: a path that fits is used, one that does not
    /// says why in the dialog.
    pub(super) fn poll_file_dialog(&mut self, ctx: &egui::Context) {
        let t = self.t();
        let Some((dialog, request)) = &mut self.dialogs.built_in else { return };
        let folder = dialog.folder();
        if dialog.listing.as_ref().is_none_or(|l| l.dir != folder) {
            dialog.listing = Some(list(&folder));
        }
        let Some(answer) = dialog.take_decision() else { return };
        let Some(path) = answer else {
            self.dialogs.built_in = None;
            return self.set_status(t.dialog_cancelled.to_owned());
        };
        let shown = path.display().to_string();
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        let required = request.filter.required().filter(|_| request.save);
        let problem = if path.is_dir() {
            Some((t.files.is_folder)(&shown))
        } else if !request.save && !path.is_file() {
            Some((t.files.no_such_file)(&shown))
        } else if let Some(endings) =
            required.filter(|endings| !ext.as_deref().is_some_and(|e| endings.contains(&e)))
        {
            let endings: Vec<String> = endings.iter().map(|e| format!(".{e}")).collect();
            Some((t.files.wrong_type)(&shown, &endings.join(", ")))
        } else if request.save && !path.parent().is_some_and(Path::is_dir) {
            Some((t.files.no_such_folder)(&shown))
        } else if request.save && path.exists() && self.dialogs.replace.as_ref() != Some(&path) {
            self.dialogs.replace = Some(path.clone());
            Some((t.files.replace)(&shown))
        } else {
            None
        };
        if let Some(problem) = problem {
            dialog.error = Some(problem);
            return;
        }
        if let Some((_, request)) = self.dialogs.built_in.take() {
            self.file_chosen(request.task, path, ctx);
        }
    }

    /// Does what the file was asked for.
    fn file_chosen(&mut self, task: FileTask, path: PathBuf, ctx: &egui::Context) {
        match task {
            FileTask::New => self.create_path(&path),
            FileTask::Open => self.open_path(&path, false),
            FileTask::SaveCopy => self.save_copy_to(&path),
            FileTask::Import => self.run(AppCommand::ImportPath(path), ctx),
            FileTask::Backup => self.restore_command(RestoreCommand::Pick(path), ctx),
            FileTask::Table { table, sheet } => {
                self.write_table(&table, &sheet, &path);
            }
            FileTask::Chart(rect) => self.write_chart(ctx, rect, path),
            FileTask::Export(table) => self.export_to(table, &path),
            FileTask::Worksheet => self.write_worksheet(&path),
        }
    }

    /// Has the next dialogs be the built-in one (tests; the user's choice
    /// is `LADDER_FILE_DIALOG=built-in`).
    pub fn use_built_in_file_dialog(&mut self) {
        self.dialogs.native = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_carry_the_date() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 4).expect("date");
        assert_eq!(dated("ladder-copy", date, "db"), "ladder-copy-2026-12-04.db");
        assert_eq!(dated("customers", date, "xlsx"), "customers-2026-12-04.xlsx");
    }

    #[test]
    fn a_dialog_that_took_its_time_was_seen() {
        assert!(!never_showed(Duration::from_secs(2)), "a user's cancel");
        // Quick and with no helper: never shown (where a helper is needed).
        let needs_helper = cfg!(all(unix, not(target_os = "macos")));
        assert_eq!(never_showed(Duration::ZERO), needs_helper && !on_path("zenity"));
        assert!(on_path("sh") || cfg!(windows), "programs are found on PATH");
        assert!(!on_path("no-such-program-ladder"));
    }

    #[test]
    fn a_folder_is_listed_folders_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("b.csv"), b"").expect("write");
        std::fs::create_dir(dir.path().join("z")).expect("mkdir");
        std::fs::write(dir.path().join("a.xlsx"), b"").expect("write");
        let listing = list(dir.path());
        let names: Vec<(&str, bool)> =
            listing.entries.iter().map(|e| (e.name.as_str(), e.dir)).collect();
        assert_eq!(names, [("z", true), ("a.xlsx", false), ("b.csv", false)]);
        assert!(list(&dir.path().join("missing")).unreadable);
    }
}
