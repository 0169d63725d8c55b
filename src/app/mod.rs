//! The application: wires the store, the read caches, the command queue and
//! undo together for the window, one file per job: `session` (the open
//! file, recent files, preferences), `commands` (applying commands, undo
//! and redo), `read_models` (reloading caches after a change), `jobs`
//! (background workers), `import_flow` and `restore_flow` (the import
//! wizard and the restore window with their workers), `exports` (saving
//! tables and charts), `dialogs` (asking for a file: the system's dialog
//! or the built-in one), `ui` and `menus` (drawing), `about` (Help → About
//! and the window icon), and `first_frame` (the start-up timing hook).
//!
//! Per frame it only draws from the caches; commands the panels send are
//! applied in [`LadderApp::logic_step`] (one transaction each), after which
//! the affected caches are reloaded.

mod about;
mod commands;
mod dialogs;
mod exports;
mod first_frame;
mod import_flow;
mod jobs;
mod lessons;
mod menus;
mod read_models;
mod restore_flow;
mod session;
mod today;
mod ui;

use std::path::PathBuf;

use crate::domain::Lang;
use crate::domain::command::UndoStack;
use crate::store::{Store, export};
use crate::system::{Clock, default_data_dir, local_now, system_lang};
use crate::ui::compliance::CompliancePanel;
use crate::ui::customers::CustomersPanel;
use crate::ui::pipeline::PipelinePanel;
use crate::ui::value::ValuePanel;
use crate::ui::{AppCommand, Cache, Outbox, Panel, Tr, theme};

pub use first_frame::STARTED;
pub use session::Prefs;

/// The line at the bottom of the window.
#[derive(Debug, Default)]
struct Status {
    text: String,
    error: bool,
}

/// The Ladder desktop application.
pub struct LadderApp {
    lang: Lang,
    store: Option<Store>,
    cache: Cache,
    undo: UndoStack,
    out: Outbox,
    status: Status,
    clock: Clock,
    /// Moves with every write, so derived results know they are stale.
    data_version: u64,
    /// The data version and customer rows the pipeline read models were
    /// loaded for.
    pipeline_key: Option<(u64, u64)>,
    /// Preferences, the data folder and the window title.
    session: session::Session,
    /// The panels and the About window.
    panels: ui::Panels,
    /// The workers that fill the caches.
    jobs: jobs::Jobs,
    /// The import wizard, its worker, and how to undo the last import.
    import: import_flow::ImportFlow,
    /// The restore window, its worker, and how to undo the last restore.
    restore: restore_flow::RestoreFlow,
    /// Chart screenshots being written.
    exports: exports::Exports,
    /// The built-in file dialog, when the system's cannot open.
    dialogs: dialogs::Dialogs,
    /// The lesson under way and its bar.
    lessons: lessons::Lessons,
}

impl LadderApp {
    /// Builds the app for eframe: fonts, preferences, language, and the
    /// database (`db`, else the last one, else the default one).
    pub fn new(cc: &eframe::CreationContext<'_>, db: Option<PathBuf>) -> Self {
        theme::install_fonts(&cc.egui_ctx);
        let prefs: Prefs =
            cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_default();
        let lang = prefs.lang.unwrap_or_else(system_lang);
        let last = prefs.last_db.clone().filter(|p| p.exists());
        let mut app = Self::from_parts(prefs, lang, None, Box::new(local_now), default_data_dir());
        app.jobs.customers_async = true;
        match db.or(last) {
            Some(path) => app.open_path(&path, false),
            None => app.open_default(),
        }
        app
    }

    /// Builds the app around an already open store (tests, benchmarks).
    pub fn with_store(store: Option<Store>, lang: Lang, clock: Clock) -> Self {
        let mut app = Self::from_parts(Prefs::default(), lang, store, clock, None);
        app.after_open();
        app
    }

    fn from_parts(
        prefs: Prefs,
        lang: Lang,
        store: Option<Store>,
        clock: Clock,
        data_dir: Option<PathBuf>,
    ) -> Self {
        Self {
            lang,
            store,
            cache: Cache::default(),
            undo: UndoStack::default(),
            out: Outbox::default(),
            status: Status { text: Tr::of(lang).ready.to_owned(), error: false },
            clock,
            data_version: 0,
            pipeline_key: None,
            panels: ui::Panels::new(prefs.csv_encoding),
            session: session::Session::new(prefs, data_dir),
            jobs: jobs::Jobs::default(),
            import: import_flow::ImportFlow::default(),
            restore: restore_flow::RestoreFlow::default(),
            exports: exports::Exports::default(),
            dialogs: dialogs::Dialogs::default(),
            lessons: lessons::Lessons::default(),
        }
    }

    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The open store, if any.
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// The read caches.
    pub fn cache(&self) -> &Cache {
        &self.cache
    }

    /// The status line's text.
    pub fn status_text(&self) -> &str {
        &self.status.text
    }

    /// The customer panel (tests read its visible row count).
    pub fn customers_panel(&self) -> &CustomersPanel {
        &self.panels.customers
    }

    /// The value-analysis panel.
    pub fn value_panel(&mut self) -> &mut ValuePanel {
        &mut self.panels.value
    }

    /// The Explain window, when one is open.
    pub fn explain_window(&self) -> Option<&crate::ui::explain::ExplainWindow> {
        self.panels.explain.as_ref()
    }

    /// The encoding of CSV exports chosen in Settings.
    pub fn csv_encoding(&self) -> export::CsvEncoding {
        self.session.prefs.csv_encoding
    }

    /// The panel shown now.
    pub fn panel(&self) -> Panel {
        self.session.prefs.panel
    }

    /// The pipeline panel.
    pub fn pipeline_panel(&mut self) -> &mut PipelinePanel {
        &mut self.panels.pipeline
    }

    /// The compliance panel.
    pub fn compliance_panel(&mut self) -> &mut CompliancePanel {
        &mut self.panels.compliance
    }

    /// True while a background compliance check runs.
    pub fn is_checking(&self) -> bool {
        self.jobs.compliance.is_running()
    }

    /// True while a background analysis runs.
    pub fn is_analysing(&self) -> bool {
        self.jobs.analysis.is_running()
    }

    /// True while the customer table loads on a worker (the window).
    pub fn is_loading_customers(&self) -> bool {
        self.jobs.customers.is_running()
    }

    /// Queues a command as if a panel had sent it.
    pub fn send(&self, command: AppCommand) {
        self.out.send(command);
    }

    fn t(&self) -> &'static Tr {
        Tr::of(self.lang)
    }

    fn set_status(&mut self, text: String) {
        self.status = Status { text, error: false };
    }

    fn set_error(&mut self, text: String) {
        self.status = Status { text, error: true };
    }

    /// Applies queued commands and refreshes what they changed. Runs before
    /// drawing; never draws.
    pub fn logic_step(&mut self, ctx: &egui::Context) {
        for command in self.out.drain() {
            self.run(command, ctx);
        }
        self.poll_customers(ctx);
        self.poll_analysis(ctx);
        self.poll_compliance(ctx);
        self.poll_today(ctx);
        self.poll_import(ctx);
        self.poll_restore();
        self.poll_png();
        self.poll_file_dialog(ctx);
        self.refresh_pipeline();
        self.update_title(ctx);
    }

    /// One whole frame for harnesses without eframe: apply queued commands,
    /// draw, and ask for another frame while commands are pending.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        self.logic_step(ui.ctx());
        self.ui_root(ui);
        self.repaint_if_pending(ui.ctx());
    }

    fn repaint_if_pending(&self, ctx: &egui::Context) {
        if !self.out.is_empty() {
            ctx.request_repaint();
        }
    }
}

impl eframe::App for LadderApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.logic_step(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
        self.repaint_if_pending(ui.ctx());
        let loaded = self.store.is_none() || self.jobs.customers.is_done_for(&self.data_version);
        first_frame::first_frame_hook(ui.ctx(), loaded);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.session.prefs);
    }
}

/// Opens the main window (the binary's default action).
pub fn run(db: Option<PathBuf>) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Ladder")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([800.0, 500.0]);
    // On Linux the app id names the desktop entry (ladder.desktop: its name
    // and icon in docks and task bars). Only there: eframe also keeps its
    // preferences in a folder named after it, which on Linux is lower-case
    // either way but elsewhere would move.
    if cfg!(target_os = "linux") {
        viewport = viewport.with_app_id("ladder");
    }
    if let Some(icon) = about::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions { viewport, ..Default::default() };
    eframe::run_native("Ladder", options, Box::new(|cc| Ok(Box::new(LadderApp::new(cc, db)))))
}
