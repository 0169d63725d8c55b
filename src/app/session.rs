//! The open file and what is remembered between runs: opening, creating and
//! reopening files, the demo company, recent files, the window title, and
//! the UI preferences eframe stores ([`Prefs`]).

use std::path::{Path, PathBuf};

use egui::ViewportCommand;

use super::LadderApp;
use super::dialogs::{FileRequest, FileTask, Filter};
use crate::domain::Lang;
use crate::domain::demo::DemoOptions;
use crate::store::{DemoError, OpenError, OpenProblem, Store, export};
use crate::ui::{Panel, Tr};

/// The demo company's file in the data folder ("Open the demo company").
const DEMO_FILE: &str = "demo-company.db";

/// How many recent files the File menu remembers.
const MAX_RECENT: usize = 8;

/// How many file layouts' column choices are remembered.
const MAX_LAYOUTS: usize = 32;

/// UI preferences kept by eframe between runs (never business data).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Chosen language; `None` follows the system language.
    pub lang: Option<Lang>,
    /// Recently opened database files, newest first.
    pub recent: Vec<PathBuf>,
    /// The database open when the app last closed.
    pub last_db: Option<PathBuf>,
    /// The panel shown. Not kept between runs: the app opens on Today
    /// (DOMAIN §6), whichever panel was shown when it closed.
    #[serde(skip)]
    pub panel: Panel,
    /// The encoding of every CSV the app exports.
    pub csv_encoding: export::CsvEncoding,
    /// Column choices of imported file layouts (see
    /// [`crate::ui::import::ImportWizard::layout_key`]), most recent first.
    pub import_layouts: Vec<(String, Vec<(String, String)>)>,
    /// Presenter mode and its type size.
    pub presenter: crate::ui::presenter::Presenter,
}

impl Prefs {
    /// Remembers the wizard's column choices for its file layout (forgets
    /// them when the columns were matched by name).
    pub(super) fn remember_layout(&mut self, wizard: &crate::ui::import::ImportWizard) {
        let Some(key) = wizard.layout_key() else { return };
        self.import_layouts.retain(|(k, _)| *k != key);
        if !wizard.map.is_empty() {
            self.import_layouts.insert(0, (key, wizard.map.clone()));
            self.import_layouts.truncate(MAX_LAYOUTS);
        }
    }

    /// Puts a file just opened first in the recent files, and opens it next
    /// time.
    fn remember_open(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(MAX_RECENT);
        self.last_db = Some(path);
    }
}

/// The preferences, where the user's files go, and whether the window title
/// must be set again.
pub(super) struct Session {
    /// UI preferences kept by eframe between runs.
    pub(super) prefs: Prefs,
    /// The user's data folder (the window only): the default database and
    /// the demo company go there.
    pub(super) data_dir: Option<PathBuf>,
    /// The file or the language changed: the next step sets the title.
    pub(super) title_dirty: bool,
    /// Presenter mode as last applied to the egui context (`None`: not yet).
    presenter_applied: Option<crate::ui::presenter::Presenter>,
}

impl Session {
    /// A session with these preferences; the title is set on the first step.
    pub(super) fn new(prefs: Prefs, data_dir: Option<PathBuf>) -> Self {
        // Presenter mode off at start leaves the context alone (egui keeps a
        // zoom of its own, Ctrl+plus, between runs).
        let presenter_applied = (!prefs.presenter.on).then_some(prefs.presenter);
        Self { prefs, data_dir, title_dirty: true, presenter_applied }
    }
}

/// "Cannot open PATH: why", in the interface language.
pub(super) fn cannot_open_text(t: &Tr, path: &Path, problem: &OpenProblem) -> String {
    format!("{}: {}", (t.cannot_open)(&path.display().to_string()), t.open_problem(problem))
}

impl LadderApp {
    /// Opens the default database in the user's data folder, creating both
    /// when they do not exist yet.
    pub(super) fn open_default(&mut self) {
        let Some(dir) = self.session.data_dir.clone() else { return };
        if let Err(e) = std::fs::create_dir_all(&dir) {
            self.set_error(format!("{}: {e}", dir.display()));
        }
        self.open_path(&dir.join("ladder.db"), true);
    }

    /// Opens a file; `create` allows creating it when it does not exist (the
    /// default database). A file that cannot be written opens read-only
    /// (with a banner; writes are refused). On failure (foreign, damaged,
    /// open in another Ladder window, …) the current database stays open.
    pub(super) fn open_path(&mut self, path: &Path, create: bool) {
        let now = (self.clock)();
        let opened = if create {
            Store::open_or_create(path, now)
        } else {
            Store::open_or_read_only(path, now)
        };
        self.switch_to(path, opened);
    }

    /// Creates a new database file and opens it.
    pub(super) fn create_path(&mut self, path: &Path) {
        self.switch_to(path, Store::create(path));
    }

    /// Makes a store just opened from `path` the open one, or says why it
    /// could not be opened (the current one then stays open).
    fn switch_to(&mut self, path: &Path, opened: Result<Store, OpenError>) {
        match opened {
            Ok(store) => {
                self.store = Some(store);
                self.after_open();
                self.set_status((self.t().opened)(&path.display().to_string()));
            }
            Err(e) => {
                // Said in a window where the user looks, and kept on the
                // status line.
                let text = cannot_open_text(self.t(), path, &e.problem);
                self.panels.open_refused = Some(text.clone());
                self.set_error(text);
            }
        }
    }

    /// File → New…: asks where, then creates the file.
    pub(super) fn new_file(&mut self, ctx: &egui::Context) {
        let (folder, name) = (self.db_folder(), "ladder.db".to_owned());
        let task = FileTask::New;
        self.ask_file(
            FileRequest { save: true, filter: Filter::Database, folder, name, task },
            ctx,
        );
    }

    /// File → Open…: asks which file, then opens it.
    pub(super) fn open_file(&mut self, ctx: &egui::Context) {
        let (folder, name) = (self.db_folder(), String::new());
        let task = FileTask::Open;
        self.ask_file(
            FileRequest { save: false, filter: Filter::Database, folder, name, task },
            ctx,
        );
    }

    /// Reopens the open database after its content was replaced (a restore
    /// or an undone import): the undo stack is cleared and every cache
    /// reloaded, as after opening a file.
    pub(super) fn reopen(&mut self, path: &Path) {
        // This connection goes first: the file is opened (and, for an older
        // restored schema, migrated) afresh.
        self.store = None;
        self.open_path(path, false);
    }

    /// Resets everything that belonged to the previous file.
    pub(super) fn after_open(&mut self) {
        self.undo.clear();
        // An import into the file open before is not this file's to undo.
        self.import.undo = None;
        self.forget_results();
        self.pipeline_key = None;
        self.cache.activities = None;
        self.data_version += 1;
        self.reload_settings();
        self.cache.db_path = self.store.as_ref().map(|s| s.path().to_owned());
        // Marked when written; a demo file from before the mark is known
        // by its name.
        let demo_name = |s: &Store| s.path().file_name().is_some_and(|n| n == DEMO_FILE);
        self.cache.is_demo = self.store.as_ref().is_some_and(|s| s.is_demo() || demo_name(s));
        self.cache.offer_demo = match &self.store {
            Some(store) => store.is_empty().unwrap_or(false),
            None => false,
        };
        if let Some(path) = self.cache.db_path.clone() {
            self.session.prefs.remember_open(path);
        }
        self.reload_customers();
        self.load_detail(None);
        self.session.title_dirty = true;
    }

    /// Reads the business settings of the open database.
    pub(super) fn reload_settings(&mut self) {
        if let Some(store) = &self.store {
            match store.settings() {
                Ok(settings) => self.cache.settings = settings,
                Err(e) => {
                    let text = self.t().open_problem(&e.problem);
                    self.set_error(text);
                }
            }
        }
    }

    /// File → Save a copy…: asks where, offering `ladder-copy-DATE.db`.
    pub(super) fn save_copy(&mut self, ctx: &egui::Context) {
        if self.store.is_none() {
            return;
        }
        let folder = self.db_folder();
        let name = super::dialogs::dated("ladder-copy", (self.clock)().date(), "db");
        let task = FileTask::SaveCopy;
        self.ask_file(
            FileRequest { save: true, filter: Filter::Database, folder, name, task },
            ctx,
        );
    }

    /// Writes a copy of the open database (a backup) to `out`.
    pub(super) fn save_copy_to(&mut self, out: &Path) {
        let Some(store) = &self.store else { return };
        match store.backup_to(out) {
            Ok(()) => self.set_status((self.t().copy_saved)(&out.display().to_string())),
            Err(e) => self.set_error(self.t().store_error(&e)),
        }
    }

    /// Opens the demo company file beside the default database, writing it
    /// first if it does not exist yet.
    pub(super) fn open_demo(&mut self) {
        self.cache.offer_demo = false;
        let dir =
            self.session.data_dir.clone().or_else(|| {
                self.cache.db_path.as_ref().and_then(|p| p.parent()).map(Path::to_owned)
            });
        let Some(dir) = dir else { return };
        let path = dir.join(DEMO_FILE);
        if path.exists() {
            self.open_path(&path, false);
            return;
        }
        // The demo company's history ends today (the app's clock).
        let options = DemoOptions { end: (self.clock)().date(), ..DemoOptions::default() };
        match Store::create_demo(&path, &options) {
            Ok(store) => {
                self.store = Some(store);
                self.after_open();
                self.set_status(self.t().demo_written.to_owned());
            }
            Err(DemoError::Open(e)) => {
                self.set_error(cannot_open_text(self.t(), &e.path, &e.problem));
            }
            Err(DemoError::Write(e)) => self.set_error(self.t().store_error(&e)),
        }
    }

    /// Switches the interface language (remembered).
    pub(super) fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
        self.session.prefs.lang = Some(lang);
        self.session.title_dirty = true;
    }

    /// Switches presenter mode or its size (remembered), applied by
    /// [`Self::apply_presenter`] before the next frame is drawn.
    pub(super) fn set_presenter(&mut self, presenter: crate::ui::presenter::Presenter) {
        self.session.prefs.presenter = presenter;
        let t = self.t().presenter;
        let text = if presenter.on { (t.on)(presenter.size.percent()) } else { t.off.to_owned() };
        self.set_status(text);
    }

    /// Makes the egui context show presenter mode as the preferences say,
    /// when that changed since it was last applied.
    pub(super) fn apply_presenter(&mut self, ctx: &egui::Context) {
        let wanted = self.session.prefs.presenter;
        self.cache.presenter = wanted;
        if self.session.presenter_applied != Some(wanted) {
            crate::ui::presenter::apply(ctx, wanted);
            self.session.presenter_applied = Some(wanted);
        }
    }

    /// Remembers the encoding of CSV exports.
    pub(super) fn set_csv_encoding(&mut self, encoding: export::CsvEncoding) {
        self.session.prefs.csv_encoding = encoding;
        self.panels.settings.csv_encoding = encoding;
    }

    /// Names the open file in the window title when the file or the
    /// language changed.
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        if !std::mem::take(&mut self.session.title_dirty) {
            return;
        }
        let file = self
            .cache
            .db_path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        let title = match file {
            Some(file) => format!("{file} — {}", self.t().app_name),
            None => self.t().app_name.to_owned(),
        };
        ctx.send_viewport_cmd(ViewportCommand::Title(title));
    }

    /// Says so and returns true when the open database is read-only (for
    /// commands that would write to it other than through `Store::apply`,
    /// which refuses by itself).
    pub(super) fn refuse_read_only(&mut self) -> bool {
        let Some(why) = self.store.as_ref().and_then(Store::read_only) else { return false };
        let t = self.t();
        self.set_error(format!("{} ({})", t.read_only_refused, t.ro(why)));
        true
    }
}
