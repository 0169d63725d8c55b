//! The application: wires the store, the read caches, the command queue and
//! undo together, and lays out the menu, navigation, panels and status line.
//!
//! Per frame it only draws from the caches; commands the panels send are
//! applied in [`LadderApp::logic_step`] (one transaction each), after which
//! the affected caches are reloaded.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use egui::{Key, KeyboardShortcut, Modifiers, ViewportCommand};

use crate::domain::Lang;
use crate::domain::analysis::report::{Analysis, ReportKind, analyse};
use crate::domain::analysis::rfm::default_segments;
use crate::domain::command::{Effect, UndoStack};
use crate::domain::customer::CustomerId;
use crate::domain::demo::DemoOptions;
use crate::job::{Job, Poll};
use crate::store::{Store, StoreError, export};
use crate::ui::compliance::CompliancePanel;
use crate::ui::customers::CustomersPanel;
use crate::ui::pipeline::PipelinePanel;
use crate::ui::settings::SettingsPanel;
use crate::ui::value::ValuePanel;
use crate::ui::{AppCommand, AppCtx, Cache, CustomerDetail, Outbox, Panel, Tr, theme};

/// How many recent files the File menu remembers.
const MAX_RECENT: usize = 8;

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
    /// The panel shown last.
    pub panel: Panel,
    /// The encoding of every CSV the app exports.
    pub csv_encoding: export::CsvEncoding,
    /// Column choices of imported file layouts (see
    /// [`crate::ui::import::ImportWizard::layout_key`]), most recent first.
    pub import_layouts: Vec<(String, Vec<(String, String)>)>,
}

/// How many file layouts' column choices are remembered.
const MAX_LAYOUTS: usize = 32;

/// Remembers the wizard's column choices for its file layout (forgets them
/// when the columns were matched by name).
fn remember_layout(prefs: &mut Prefs, wizard: &crate::ui::import::ImportWizard) {
    let Some(key) = wizard.layout_key() else { return };
    prefs.import_layouts.retain(|(k, _)| *k != key);
    if !wizard.map.is_empty() {
        prefs.import_layouts.insert(0, (key, wizard.map.clone()));
        prefs.import_layouts.truncate(MAX_LAYOUTS);
    }
}

/// Where "now" comes from: the system clock in the app, a fixed time in tests.
pub type Clock = Box<dyn Fn() -> NaiveDateTime>;

/// The local wall-clock time.
pub fn local_now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// The language of the operating system's locale.
pub fn system_lang() -> Lang {
    sys_locale::get_locale().map_or(Lang::En, |l| Lang::from_locale(&l))
}

/// The default database file in the user's data directory.
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "Ladder").map(|d| d.data_dir().to_owned())
}

/// What an analysis run depends on: the data and the snapshot.
type AnalysisKey = (u64, Option<chrono::NaiveDate>);

/// What a running restore is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RestoreFor {
    /// File → Restore from backup….
    Restore,
    /// Undo restore: the backup written before the last restore.
    UndoRestore,
    /// Undo import: the backup written before the last import.
    UndoImport,
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
    )
}

/// What an import or check on the worker ended with.
#[derive(Debug)]
enum ImportOutcome {
    Done { summary: crate::store::import::ImportSummary, backup: Option<PathBuf> },
    Problems { listed: Vec<crate::domain::import::RowProblem>, total: usize },
    Cancelled,
}

/// What a restore on the worker ended with.
type RestoreResult = Result<crate::store::restore::Restored, crate::store::restore::RestoreError>;

/// The outcome of saving a chart: the file written, or why not.
type PngResult = Result<PathBuf, String>;

/// The line at the bottom of the window.
#[derive(Debug, Default)]
struct Status {
    text: String,
    error: bool,
}

/// The Ladder desktop application.
pub struct LadderApp {
    prefs: Prefs,
    lang: Lang,
    store: Option<Store>,
    cache: Cache,
    undo: UndoStack,
    out: Outbox,
    status: Status,
    customers: CustomersPanel,
    value: ValuePanel,
    pipeline: PipelinePanel,
    compliance: CompliancePanel,
    settings: SettingsPanel,
    clock: Clock,
    /// Moves with every write, so derived results know they are stale.
    data_version: u64,
    /// The value analysis's snapshot date (`None`: the default).
    snapshot: Option<chrono::NaiveDate>,
    /// The running analysis; it also derives the value panel's chart data, so
    /// no frame does that O(customers) work.
    analysis_job: Option<(Job<(Analysis, crate::ui::value::Derived)>, AnalysisKey)>,
    /// What the cached analysis (or the last cancelled run) was for.
    analysis_key: Option<AnalysisKey>,
    compliance_job: Option<(Job<crate::store::compliance::ComplianceView>, u64)>,
    /// The data version the cached compliance view was computed for.
    compliance_key: Option<u64>,
    /// The data version and customer rows the pipeline read models were
    /// loaded for.
    pipeline_key: Option<(u64, u64)>,
    /// The window loads the customer table on a worker (a million
    /// transactions take a few hundred ms to sum), so the first frame and
    /// every frame after a write come at once; tests load it in place.
    customers_async: bool,
    customers_job: Option<(Job<Option<Vec<crate::store::CustomerRow>>>, u64)>,
    /// The data version the cached customer rows were loaded for, and from
    /// which file.
    customers_key: Option<u64>,
    customers_file: Option<PathBuf>,
    /// The open import wizard, its running job, and how to undo the last import.
    import: Option<crate::ui::import::ImportWizard>,
    import_job: Option<(Job<ImportOutcome>, bool)>,
    import_undo: Option<(PathBuf, u64)>,
    /// File → Restore from backup…: the window, its running restore (from
    /// which file, and whether it undoes the last one), and the backup that
    /// undoes the last restore with the data version it belongs to.
    restore: Option<crate::ui::restore::RestoreWindow>,
    /// The running restore: the job, the file restored from, what it is
    /// for, and the database it restores into.
    restore_job: Option<(Job<RestoreResult>, PathBuf, RestoreFor, PathBuf)>,
    restore_undo: Option<(PathBuf, u64)>,
    /// Results of chart screenshots written by the renderer's callback.
    png_done: (std::sync::mpsc::Sender<PngResult>, std::sync::mpsc::Receiver<PngResult>),
    data_dir: Option<PathBuf>,
    title_dirty: bool,
    show_about: bool,
}

impl LadderApp {
    /// Builds the app for eframe: fonts, preferences, language, and the
    /// database (`db`, else the last one, else the default one).
    pub fn new(cc: &eframe::CreationContext<'_>, db: Option<PathBuf>) -> Self {
        theme::install_fonts(&cc.egui_ctx);
        let prefs: Prefs =
            cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_default();
        let lang = prefs.lang.unwrap_or_else(system_lang);
        let data_dir = default_data_dir();
        let last = prefs.last_db.clone().filter(|p| p.exists());
        let mut app = Self::from_parts(prefs, lang, None, Box::new(local_now), data_dir.clone());
        app.customers_async = true;
        match db.or(last) {
            Some(path) => app.open_path(&path, false),
            None => {
                if let Some(dir) = &data_dir {
                    if let Err(e) = std::fs::create_dir_all(dir) {
                        app.set_error(format!("{}: {e}", dir.display()));
                    }
                    app.open_path(&dir.join("ladder.db"), true);
                }
            }
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
        let customers = CustomersPanel::default();
        let settings = SettingsPanel { csv_encoding: prefs.csv_encoding };
        Self {
            prefs,
            lang,
            store,
            cache: Cache::default(),
            undo: UndoStack::default(),
            out: Outbox::default(),
            status: Status { text: Tr::of(lang).ready.to_owned(), error: false },
            customers,
            value: ValuePanel::default(),
            pipeline: PipelinePanel::default(),
            compliance: CompliancePanel::default(),
            settings,
            clock,
            data_version: 0,
            snapshot: None,
            analysis_job: None,
            analysis_key: None,
            compliance_job: None,
            compliance_key: None,
            pipeline_key: None,
            customers_async: false,
            customers_job: None,
            customers_key: None,
            customers_file: None,
            import: None,
            import_job: None,
            import_undo: None,
            restore: None,
            restore_job: None,
            restore_undo: None,
            png_done: std::sync::mpsc::channel(),
            data_dir,
            title_dirty: true,
            show_about: false,
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
        &self.customers
    }

    /// The value-analysis panel.
    pub fn value_panel(&mut self) -> &mut ValuePanel {
        &mut self.value
    }

    /// The encoding of CSV exports chosen in Settings.
    pub fn csv_encoding(&self) -> export::CsvEncoding {
        self.prefs.csv_encoding
    }

    /// The panel shown now.
    pub fn panel(&self) -> Panel {
        self.prefs.panel
    }

    /// The pipeline panel.
    pub fn pipeline_panel(&mut self) -> &mut PipelinePanel {
        &mut self.pipeline
    }

    /// The compliance panel.
    pub fn compliance_panel(&mut self) -> &mut CompliancePanel {
        &mut self.compliance
    }

    /// True while a background compliance check runs.
    pub fn is_checking(&self) -> bool {
        self.compliance_job.is_some()
    }

    /// True while a background analysis runs.
    pub fn is_analysing(&self) -> bool {
        self.analysis_job.is_some()
    }

    /// True while the customer table loads on a worker (the window).
    pub fn is_loading_customers(&self) -> bool {
        self.customers_job.is_some()
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
        self.poll_import(ctx);
        self.poll_restore();
        while let Ok(result) = self.png_done.1.try_recv() {
            match result {
                Ok(path) => self.set_status((self.t().copy_saved)(&path.display().to_string())),
                Err(e) => self.set_error(e),
            }
        }
        self.refresh_pipeline();
        if std::mem::take(&mut self.title_dirty) {
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
    }

    fn run(&mut self, command: AppCommand, ctx: &egui::Context) {
        if (self.import_job.is_some() || self.restore_job.is_some()) && touches_file(&command) {
            // The worker holds the file (and a restore replaces it): an edit
            // would wait on SQLite's lock, and another file would take the
            // job's result.
            self.set_error(self.t().restore.busy.to_owned());
            return;
        }
        match command {
            AppCommand::Write(command) => {
                let Some(store) = &mut self.store else { return };
                match store.apply(&command, (self.clock)()) {
                    Ok(applied) => {
                        let effect = applied.effect.clone();
                        self.undo.done(applied);
                        self.set_status(self.t().effect(&effect));
                        self.cache.form_errors.clear();
                        self.after_write(&effect);
                    }
                    Err(e) => self.write_failed(&e),
                }
            }
            AppCommand::Undo => self.undo_or_redo(true),
            AppCommand::Redo => self.undo_or_redo(false),
            AppCommand::Select(id) => self.load_detail(Some(id)),
            AppCommand::Deselect => self.load_detail(None),
            AppCommand::NewFile => {
                if let Some(path) = self.file_dialog().set_file_name("ladder.db").save_file() {
                    self.create_path(&path);
                } else {
                    self.set_status(self.t().dialog_cancelled.to_owned());
                }
            }
            AppCommand::OpenFile => match self.file_dialog().pick_file() {
                Some(path) => self.open_path(&path, false),
                None => self.set_status(self.t().dialog_cancelled.to_owned()),
            },
            AppCommand::OpenPath(path) => self.open_path(&path, false),
            AppCommand::SaveCopy => self.save_copy(),
            AppCommand::OpenDemo => self.open_demo(),
            AppCommand::DismissDemoOffer => self.cache.offer_demo = false,
            AppCommand::SetCsvEncoding(encoding) => {
                self.prefs.csv_encoding = encoding;
                self.settings.csv_encoding = encoding;
            }
            // A read-only file cannot take a restore: say so instead of a window.
            AppCommand::Restore(crate::ui::restore::RestoreCommand::Show)
                if self.refuse_read_only() => {}
            AppCommand::Restore(command) => self.restore_command(command, ctx),
            AppCommand::SetLang(lang) => {
                self.lang = lang;
                self.prefs.lang = Some(lang);
                self.title_dirty = true;
            }
            AppCommand::ShowPanel(panel) => self.prefs.panel = panel,
            AppCommand::LoadActivities(id) => self.load_activities(id),
            AppCommand::ShowActivities(id) => {
                self.prefs.panel = Panel::Pipeline;
                let code = self.cache.customers.iter().find(|c| c.id == id).map(|c| c.code.clone());
                self.pipeline.show_activities(code.unwrap_or_default());
                self.load_activities(id);
            }
            AppCommand::ShowCustomer(id) => {
                self.prefs.panel = Panel::Customers;
                self.load_detail(Some(id));
            }
            AppCommand::SetSnapshot(snapshot) => self.snapshot = snapshot,
            AppCommand::CancelAnalysis => {
                if let Some((job, _)) = &self.analysis_job {
                    job.cancel();
                }
            }
            AppCommand::ExportReport(kind) => self.export_report(kind),
            AppCommand::ExportChartPng(rect) => self.export_chart(ctx, rect),
            AppCommand::ImportFile | AppCommand::ImportPath(_) if self.refuse_read_only() => {}
            AppCommand::ImportFile => {
                let dialog = self.file_dialog_for(&["csv", "txt", "xlsx", "xlsm", "xls", "ods"]);
                match dialog.pick_file() {
                    Some(path) => self.run(AppCommand::ImportPath(path), ctx),
                    None => self.set_status(self.t().dialog_cancelled.to_owned()),
                }
            }
            AppCommand::ImportPath(path) => {
                if self.store.is_some() && self.import_job.is_none() {
                    self.import = Some(crate::ui::import::ImportWizard::new(path));
                }
            }
            AppCommand::ImportRun { write } => self.start_import(ctx, write),
            AppCommand::ImportCancel => {
                if let Some((job, _)) = &self.import_job {
                    job.cancel();
                }
            }
            AppCommand::ImportClose => {
                if self.import_job.is_none() {
                    self.import = None;
                }
            }
            AppCommand::ImportUndo => self.undo_import(ctx),
            AppCommand::ImportSaveProblems => {
                if let Some(crate::ui::import::Stage::Problems { listed, .. }) =
                    self.import.as_ref().map(|w| w.stage.clone())
                {
                    let mut table = crate::domain::table::Table::new(&["problem"]);
                    for line in listed {
                        table.push(vec![crate::domain::table::Cell::Text(line)]);
                    }
                    self.save_table(&table, "import-problems");
                }
            }
            AppCommand::ExportFindings => {
                if let Some(view) = self.cache.compliance.clone() {
                    let table =
                        crate::domain::compliance::monthly::findings_table(&view.report.findings);
                    self.save_table(&table, "findings");
                }
            }
            AppCommand::ExportMonthlyReport(year, month) => {
                if let Some(view) = self.cache.compliance.clone() {
                    let table = crate::domain::compliance::monthly::monthly_service(
                        &view.set.records(),
                        &self.cache.settings,
                        year,
                        month,
                        (self.clock)().date(),
                    );
                    match table {
                        Ok(table) => {
                            self.save_table(&table, &format!("service-{year:04}-{month:02}"));
                        }
                        Err(e) => self.set_error(e.to_string()),
                    }
                }
            }
            AppCommand::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
        }
    }

    fn file_dialog(&self) -> rfd::FileDialog {
        let dialog = rfd::FileDialog::new().add_filter("Ladder", &["db", "ladder", "sqlite"]);
        match self.cache.db_path.as_ref().and_then(|p| p.parent()) {
            Some(dir) => dialog.set_directory(dir),
            None => dialog,
        }
    }

    fn undo_or_redo(&mut self, undo: bool) {
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

    fn write_failed(&mut self, error: &StoreError) {
        if let StoreError::Invalid(problems) = error {
            self.cache.form_errors.clone_from(problems);
            self.cache.form_errors_gen += 1;
        }
        self.set_error(self.t().store_error(error));
    }

    /// Refreshes the caches a write touched and follows the record.
    fn after_write(&mut self, effect: &Effect) {
        self.data_version += 1;
        self.reload_customers();
        match effect {
            Effect::SettingsChanged { .. } => self.reload_settings(),
            Effect::RecordSaved { .. } | Effect::RecordDeleted { .. } => {}
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

    fn reload_customers(&mut self) {
        let Some(store) = &self.store else {
            self.cache.customers.clear();
            self.cache.customers_gen += 1;
            return;
        };
        if self.customers_async {
            return; // `poll_customers` loads them for the new data version.
        }
        self.customers_key = Some(self.data_version);
        match store.customer_rows() {
            Ok(rows) => self.cache.customers = rows,
            Err(e) => self.set_error(self.t().store_error(&e)),
        }
        self.cache.customers_gen += 1;
    }

    /// Loads the customer table on a worker when the data changed (the
    /// window only; see `customers_async`). The old rows stay shown
    /// meanwhile; a result for an older data version is dropped.
    fn poll_customers(&mut self, ctx: &egui::Context) {
        if let Some((job, key)) = &self.customers_job {
            match job.poll() {
                Poll::Running(done) => self.cache.customers_loading = Some(done),
                Poll::Done(result) => {
                    let key = *key;
                    self.customers_job = None;
                    self.cache.customers_loading = None;
                    match result {
                        Ok(Some(rows)) if key == self.data_version => {
                            self.cache.customers = rows;
                            self.cache.customers_gen += 1;
                            self.customers_key = Some(key);
                            self.customers_file = self.store.as_ref().map(|s| s.path().to_owned());
                        }
                        Ok(_) => {} // Stale or cancelled: the next poll starts again.
                        Err(e) => {
                            self.customers_key = Some(key);
                            self.set_error(e);
                        }
                    }
                }
            }
        }
        let key = self.data_version;
        if !self.customers_async || self.customers_key == Some(key) {
            return;
        }
        if let Some((job, running)) = &self.customers_job {
            if *running != key {
                job.cancel();
            }
            return;
        }
        let Some(store) = &self.store else { return };
        let path = store.path().to_owned();
        if self.customers_file.as_ref() != Some(&path) && !self.cache.customers.is_empty() {
            // Another file's rows must not stay clickable while these load.
            self.cache.customers.clear();
            self.cache.customers_gen += 1;
        }
        let repaint = ctx.clone();
        let t = self.t();
        let job = Job::spawn(
            "customer-table",
            move || repaint.request_repaint(),
            move |handle| {
                crate::store::customers::rows_from_path(&path, &mut |done| handle.progress(done))
                    .map_err(|e| t.store_error(&e))
            },
        );
        match job {
            Ok(job) => {
                self.cache.customers_loading = Some(0.0);
                self.customers_job = Some((job, key));
            }
            Err(e) => {
                self.customers_key = Some(key);
                self.set_error(e.to_string());
            }
        }
    }

    /// The open customer's purchases again (after an import), leaving its
    /// form as it is: what the user is typing there stays.
    fn reload_purchases(&mut self) {
        let (Some(store), Some(detail)) = (&self.store, &mut self.cache.detail) else { return };
        match store.customer_purchases(detail.customer.id) {
            Ok(purchases) => detail.purchases = purchases,
            Err(e) => {
                let text = self.t().store_error(&e);
                self.set_error(text);
            }
        }
    }

    fn load_detail(&mut self, id: Option<CustomerId>) {
        let detail = match (&self.store, id) {
            (Some(store), Some(id)) => {
                let loaded = store.customer(id).and_then(|stored| {
                    Ok((
                        stored.deleted,
                        CustomerDetail {
                            history: store.customer_history(id)?,
                            purchases: store.customer_purchases(id)?,
                            customer: stored.customer,
                        },
                    ))
                });
                match loaded {
                    Ok((false, detail)) => Some(detail),
                    Ok((true, _)) => None,
                    Err(e) => {
                        self.set_error(self.t().store_error(&e));
                        None
                    }
                }
            }
            _ => None,
        };
        self.cache.detail = detail;
        self.cache.detail_gen += 1;
        self.cache.form_errors.clear();
    }

    /// Says so and returns true when the open database is read-only (for
    /// commands that would write to it other than through `Store::apply`,
    /// which refuses by itself).
    fn refuse_read_only(&mut self) -> bool {
        let Some(why) = self.store.as_ref().and_then(Store::read_only) else { return false };
        let t = self.t();
        self.set_error(format!("{} ({})", t.read_only_refused, t.ro(why)));
        true
    }

    /// Opens a file; `create` allows creating it when it does not exist (the
    /// default database). A file that cannot be written opens read-only
    /// (with a banner; writes are refused). On failure (foreign, damaged,
    /// open in another Ladder window, …) the current database stays open.
    fn open_path(&mut self, path: &Path, create: bool) {
        let now = (self.clock)();
        let opened = if create {
            Store::open_or_create(path, now)
        } else {
            Store::open_or_read_only(path, now)
        };
        match opened {
            Ok(store) => {
                self.store = Some(store);
                self.after_open();
                self.set_status((self.t().opened)(&path.display().to_string()));
            }
            Err(e) => {
                let t = self.t();
                self.set_error(format!(
                    "{}: {}",
                    (t.cannot_open)(&path.display().to_string()),
                    t.open_problem(&e.problem)
                ));
            }
        }
    }

    fn create_path(&mut self, path: &Path) {
        match Store::create(path) {
            Ok(store) => {
                self.store = Some(store);
                self.after_open();
                self.set_status((self.t().opened)(&path.display().to_string()));
            }
            Err(e) => {
                let t = self.t();
                self.set_error(format!(
                    "{}: {}",
                    (t.cannot_open)(&path.display().to_string()),
                    t.open_problem(&e.problem)
                ));
            }
        }
    }

    fn reload_settings(&mut self) {
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

    /// Starts, polls and finishes the background value analysis. It runs
    /// while the value panel is shown and its inputs changed.
    fn poll_analysis(&mut self, ctx: &egui::Context) {
        if let Some((job, key)) = &self.analysis_job {
            match job.poll() {
                Poll::Running(done) => self.cache.analysis_progress = Some(done),
                Poll::Done(result) => {
                    let key = *key;
                    self.analysis_job = None;
                    self.cache.analysis_progress = None;
                    self.analysis_key = Some(key);
                    match result {
                        Ok((analysis, charts)) => {
                            self.cache.analysis = Some(std::sync::Arc::new(analysis));
                            self.cache.analysis_gen += 1;
                            self.cache.value_charts =
                                Some((self.cache.analysis_gen, std::sync::Arc::new(charts)));
                        }
                        Err(e) => self.set_error(e),
                    }
                }
            }
        }
        let key = (self.data_version, self.snapshot);
        let wanted = self.prefs.panel == Panel::Value && self.analysis_key != Some(key);
        if !wanted || self.analysis_job.is_some() {
            return;
        }
        let Some(store) = &self.store else { return };
        let path = store.path().to_owned();
        let settings = self.cache.settings.clone();
        let snapshot = self.snapshot;
        let repaint = ctx.clone();
        let t = self.t();
        let job = Job::spawn(
            "value-analysis",
            move || repaint.request_repaint(),
            move |handle| {
                let input = crate::store::analysis::load_from_path(&path, snapshot, &mut |done| {
                    handle.progress(done * 0.9)
                })
                .map_err(|e| match e {
                    crate::store::analysis::LoadError::Store(e) => t.store_error(&e),
                    cancelled @ crate::store::analysis::LoadError::Cancelled => {
                        cancelled.to_string()
                    }
                })?;
                let analysis = analyse(input, &settings, default_segments());
                let charts = crate::ui::value::derive(&analysis, settings.tier_critical_share);
                handle.progress(1.0);
                Ok((analysis, charts))
            },
        );
        match job {
            Ok(job) => {
                self.cache.analysis_progress = Some(0.0);
                self.analysis_job = Some((job, key));
            }
            Err(e) => {
                self.analysis_key = Some(key);
                self.set_error(e.to_string());
            }
        }
    }

    fn export_report(&mut self, kind: ReportKind) {
        let Some(analysis) = self.cache.analysis.clone() else { return };
        self.save_table(&kind.table(&analysis), kind.name());
    }

    /// Starts a check (`write` false) or the import of the wizard's file on
    /// a worker with its own connection; a real import writes a backup first.
    fn start_import(&mut self, ctx: &egui::Context, write: bool) {
        let t = Tr::of(self.lang);
        let (Some(store), Some(wizard)) = (&self.store, &mut self.import) else { return };
        if self.import_job.is_some() {
            return;
        }
        let db = store.path().to_owned();
        let file = wizard.path.clone();
        let options = crate::store::import::ImportOptions {
            kind: wizard.kind,
            encoding: wizard.encoding,
            sheet: wizard.sheet.clone(),
            map: wizard.map.clone(),
            create_customers: wizard.create_customers,
            dry_run: !write,
            duplicates: wizard.duplicates,
            skip_bad: write && wizard.skip_bad,
        };
        let lang = self.lang;
        // The total is unknown while streaming: estimate it from the size.
        let estimate = std::fs::metadata(&file).map_or(1, |m| m.len() / 48).max(1);
        let now = (self.clock)();
        let repaint = ctx.clone();
        let job = Job::spawn(
            "import",
            move || repaint.request_repaint(),
            move |handle| {
                let mut store = Store::open(&db, now).map_err(|e| {
                    let path = e.path.display().to_string();
                    format!("{}: {}", (t.cannot_open)(&path), t.open_problem(&e.problem))
                })?;
                let backup = if write {
                    Some(store.rotating_backup("import", now).map_err(|e| e.to_string())?)
                } else {
                    None
                };
                #[allow(clippy::cast_precision_loss)] // A progress fraction.
                let result = store.import_file(&file, &options, now, &mut |rows| {
                    handle.progress((rows as f32 / estimate as f32).min(0.99))
                });
                match result {
                    Ok(summary) => Ok(ImportOutcome::Done { summary, backup }),
                    Err(crate::store::import::ImportError::Rows { listed, total }) => {
                        Ok(ImportOutcome::Problems { listed, total })
                    }
                    Err(crate::store::import::ImportError::Cancelled) => {
                        Ok(ImportOutcome::Cancelled)
                    }
                    Err(e) => Err(e.text(lang)),
                }
            },
        );
        match job {
            Ok(job) => {
                wizard.stage = crate::ui::import::Stage::Running { importing: write, done: 0.0 };
                self.import_job = Some((job, write));
            }
            Err(e) => wizard.stage = crate::ui::import::Stage::Stopped(e.to_string()),
        }
    }

    /// Reads the wizard's preview when its choices changed, and follows the
    /// running check or import.
    fn poll_import(&mut self, ctx: &egui::Context) {
        use crate::ui::import::Stage;
        for file in ctx.input(|i| i.raw.dropped_files.clone()) {
            let path = file.path();
            if !path.as_os_str().is_empty() {
                self.run(AppCommand::ImportPath(path.to_owned()), ctx);
                break;
            }
        }
        let t = Tr::of(self.lang);
        let lang = self.lang;
        let Some(wizard) = &mut self.import else { return };
        if wizard.needs_preview() {
            let read = |wizard: &crate::ui::import::ImportWizard| {
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
                && let Some((_, map)) = self.prefs.import_layouts.iter().find(|(k, _)| *k == key)
            {
                wizard.layout_seen = Some(key);
                wizard.map.clone_from(map);
                wizard.remembered = true;
                wizard.set_preview(read(wizard));
            }
        }
        let Some((job, write)) = &self.import_job else { return };
        let write = *write;
        match job.poll() {
            Poll::Running(done) => wizard.stage = Stage::Running { importing: write, done },
            Poll::Done(result) => {
                self.import_job = None;
                wizard.stage = match result {
                    Ok(ImportOutcome::Done { summary, backup }) if write => {
                        remember_layout(&mut self.prefs, wizard);
                        Stage::Imported {
                            rows: summary.rows,
                            customers: summary.created_customers.len(),
                            skipped: summary.bad_skipped,
                            backup,
                        }
                    }
                    Ok(ImportOutcome::Done { summary, .. }) => Stage::Checked {
                        rows: summary.rows,
                        customers: summary.created_customers.len(),
                    },
                    Ok(ImportOutcome::Problems { listed, total }) => {
                        let at = wizard.path.display().to_string();
                        // In the app's language; `PATH:ROW:COLUMN: …` as the CLI says it in English.
                        let shown = |p: &crate::domain::import::RowProblem| match lang {
                            Lang::En => format!("{at}:{}", p.text(lang)),
                            Lang::Zh => format!("{at}：{}", p.text(lang)),
                        };
                        Stage::Problems { listed: listed.iter().map(shown).collect(), total }
                    }
                    Ok(ImportOutcome::Cancelled) => Stage::Stopped(t.import.cancelled.to_owned()),
                    Err(e) => Stage::Stopped(e),
                };
                if let Stage::Imported { backup, .. } = &wizard.stage {
                    let backup = backup.clone();
                    self.data_version += 1;
                    self.reload_customers();
                    self.reload_purchases();
                    self.import_undo = backup.map(|b| (b, self.data_version));
                }
            }
        }
    }

    /// Puts the database back from the backup written before the last
    /// import, if nothing else changed since: the same restore as File →
    /// Restore from backup… (the state before is backed up first), on a
    /// worker, the wizard showing its progress.
    fn undo_import(&mut self, ctx: &egui::Context) {
        let t = self.t();
        let Some((backup, version)) = self.import_undo.clone() else { return };
        if version != self.data_version {
            self.set_error(t.import.undo_stale.to_owned());
            return;
        }
        self.start_restore(ctx, backup, RestoreFor::UndoImport);
    }

    /// Reopens the open database after its content was replaced (a restore
    /// or an undone import): the undo stack is cleared and every cache
    /// reloaded, as after opening a file.
    fn reopen(&mut self, path: &Path) {
        // This connection goes first: the file is opened (and, for an older
        // restored schema, migrated) afresh.
        self.store = None;
        self.open_path(path, false);
    }

    /// Follows the restore window's requests (File → Restore from backup…).
    fn restore_command(
        &mut self,
        command: crate::ui::restore::RestoreCommand,
        ctx: &egui::Context,
    ) {
        use crate::ui::restore::{RestoreCommand, RestoreWindow, Stage};
        let t = self.t();
        let running = self.restore_job.is_some();
        match command {
            RestoreCommand::Show => {
                let Some(db) = self.store.as_ref().map(|s| s.path().to_owned()) else { return };
                if !running {
                    let list = crate::store::restore::list_backups(&db).map_err(|e| e.to_string());
                    self.restore = Some(RestoreWindow::new(db, list));
                }
            }
            RestoreCommand::ChooseFile => {
                let Some(window) = &self.restore else { return };
                let folder = crate::store::db::backups_dir(&window.db);
                let dialog = self.file_dialog();
                let dialog = if folder.is_dir() { dialog.set_directory(folder) } else { dialog };
                match dialog.pick_file() {
                    Some(path) => self.restore_command(RestoreCommand::Pick(path), ctx),
                    None => self.set_status(t.dialog_cancelled.to_owned()),
                }
            }
            RestoreCommand::Pick(path) => {
                let Some(window) = &mut self.restore else { return };
                if running {
                    return;
                }
                // The header says at once whether the file can be a backup at
                // all; the full check runs with the restore.
                window.stage = match crate::store::db::probe(&path) {
                    Ok(_) => Stage::Confirm(path),
                    Err(e) => Stage::Stopped(format!(
                        "{}: {}",
                        (t.restore.refused)(&path.display().to_string()),
                        t.open_problem(&e.problem)
                    )),
                };
            }
            RestoreCommand::Run => {
                let from = match self.restore.as_ref().map(|w| &w.stage) {
                    Some(Stage::Confirm(from)) => from.clone(),
                    _ => return,
                };
                self.start_restore(ctx, from, RestoreFor::Restore);
            }
            RestoreCommand::Cancel => {
                if let Some((job, ..)) = &self.restore_job {
                    job.cancel();
                }
            }
            RestoreCommand::Undo => {
                let Some((backup, version)) = self.restore_undo.clone() else { return };
                if version == self.data_version {
                    self.start_restore(ctx, backup, RestoreFor::UndoRestore);
                } else {
                    self.set_error(t.restore.undo_stale.to_owned());
                    if let Some(window) = &mut self.restore {
                        window.stage = Stage::Stopped(t.restore.undo_stale.to_owned());
                    }
                }
            }
            RestoreCommand::Back => {
                if let Some(window) = self.restore.as_mut().filter(|_| !running) {
                    window.stage = Stage::Choose;
                }
            }
            RestoreCommand::Close => {
                if !running {
                    self.restore = None;
                }
            }
        }
    }

    /// Restores `from` into the open database on a worker with its own
    /// connection (a large file takes a while), with progress and cancel.
    fn start_restore(&mut self, ctx: &egui::Context, from: PathBuf, purpose: RestoreFor) {
        use crate::ui::restore::Stage;
        let t = self.t();
        let Some(db) = self.store.as_ref().map(|s| s.path().to_owned()) else { return };
        if purpose != RestoreFor::UndoImport && self.restore.as_ref().map(|w| &w.db) != Some(&db) {
            // Another file was opened since the window was: it is stale.
            self.restore = None;
            return;
        }
        if self.restore_job.is_some() || self.import_job.is_some() {
            match &mut self.restore {
                Some(window) if purpose != RestoreFor::UndoImport => {
                    window.stage = Stage::Stopped(t.restore.busy.to_owned());
                }
                _ => self.set_error(t.restore.busy.to_owned()),
            }
            return;
        }
        let (into, source) = (db.clone(), from.clone());
        let now = (self.clock)();
        let repaint = ctx.clone();
        let job = Job::spawn(
            "restore",
            move || repaint.request_repaint(),
            move |handle| {
                Ok(crate::store::restore::restore_file(&into, &source, now, &mut |done| {
                    handle.progress(done)
                }))
            },
        );
        match job {
            Ok(job) => {
                self.show_restore_progress(purpose, 0.0);
                self.restore_job = Some((job, from, purpose, db));
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
            if let Some(wizard) = &mut self.import {
                wizard.stage = crate::ui::import::Stage::Undoing { done };
            }
        } else if let Some(window) = &mut self.restore {
            let undoing = purpose == RestoreFor::UndoRestore;
            window.stage = crate::ui::restore::Stage::Running { undoing, done };
        }
    }

    /// Ends an undone import in the wizard (`Err`: why it was not undone).
    /// Restores for the restore window end in [`Self::poll_restore`].
    fn show_restore_end(&mut self, purpose: RestoreFor, result: Result<(), String>) {
        use crate::ui::import::Stage;
        match (purpose, result) {
            (RestoreFor::UndoImport, Ok(())) => {
                self.import_undo = None;
                if let Some(wizard) = &mut self.import {
                    wizard.stage = Stage::Undone;
                }
                self.set_status(self.t().import.undone.to_owned());
            }
            (RestoreFor::UndoImport, Err(text)) => {
                self.set_error(text.clone());
                if let Some(wizard) = &mut self.import {
                    wizard.stage = Stage::Stopped(text);
                }
            }
            (_, Err(text)) => {
                self.set_error(text.clone());
                if let Some(window) = &mut self.restore {
                    window.stage = crate::ui::restore::Stage::Stopped(text);
                }
            }
            (_, Ok(())) => {}
        }
    }

    /// Follows a running restore; when it is done, reopens the database
    /// (undo stack cleared, every cache reloaded) and offers Undo restore
    /// (or, for an undone import, tells the wizard).
    fn poll_restore(&mut self) {
        use crate::ui::restore::Stage;
        let Some((job, _, purpose, _)) = &self.restore_job else { return };
        let purpose = *purpose;
        let result = match job.poll() {
            Poll::Running(done) => {
                self.show_restore_progress(purpose, done);
                return;
            }
            Poll::Done(result) => result,
        };
        let Some((_, from, _, db)) = self.restore_job.take() else { return };
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
        let undoing = purpose == RestoreFor::UndoRestore;
        let text = if undoing {
            t.restore.undone.to_owned()
        } else {
            let from = from.file_name().unwrap_or_default().to_string_lossy();
            (t.restore.done)(&from, restored.customers, restored.transactions)
        };
        if self.store.is_some() {
            self.set_status(text);
        }
        self.restore_undo = (!undoing).then(|| (restored.backup.clone(), self.data_version));
        if let Some(window) = &mut self.restore {
            window.backups = crate::store::restore::list_backups(&db).map_err(|e| e.to_string());
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
    fn restore_error_text(&self, error: &crate::store::restore::RestoreError) -> String {
        use crate::store::restore::RestoreError;
        let t = self.t();
        let refused = |path: &Path| (t.restore.refused)(&path.display().to_string());
        match error {
            RestoreError::Source(e) => {
                format!("{}: {}", refused(&e.path), t.open_problem(&e.problem))
            }
            RestoreError::Target(e) => {
                format!(
                    "{}: {}",
                    (t.cannot_open)(&e.path.display().to_string()),
                    t.open_problem(&e.problem)
                )
            }
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

    /// Asks where to save a PNG, then has the renderer capture the next frame
    /// and writes the chart's part of it (on the renderer's callback, not in
    /// this frame).
    fn export_chart(&mut self, ctx: &egui::Context, rect: egui::Rect) {
        let dialog = self.file_dialog_for(&["png"]).set_file_name("chart.png");
        let Some(path) = dialog.save_file() else {
            self.set_status(self.t().dialog_cancelled.to_owned());
            return;
        };
        let done = self.png_done.0.clone();
        let pixels_per_point = ctx.pixels_per_point();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let result = save_png(&image, rect, pixels_per_point, &path).map(|()| path);
            // The app may have closed meanwhile; then nobody waits for this.
            let _ignored = done.send(result);
            repaint.request_repaint();
        });
    }

    /// Asks where to save a table (CSV or XLSX) and writes it.
    fn save_table(&mut self, table: &crate::domain::table::Table, name: &str) {
        let dialog = self.file_dialog_for(&["csv", "xlsx"]).set_file_name(format!("{name}.xlsx"));
        let Some(path) = dialog.save_file() else {
            self.set_status(self.t().dialog_cancelled.to_owned());
            return;
        };
        // The CSV encoding chosen in Settings (a workbook has none).
        match export::write_file_as(table, name, &path, self.prefs.csv_encoding) {
            Ok(()) => self.set_status((self.t().copy_saved)(&path.display().to_string())),
            Err(export::ExportError::Unmappable { path, row, column, ch }) => {
                self.set_error((self.t().export_not_gbk)(&path, row, &column, u32::from(ch)));
            }
            Err(e) => self.set_error(e.to_string()),
        }
    }

    /// Reloads the pipeline's read models when the data changed while the
    /// pipeline panel is shown (a few small queries, not per frame). The
    /// ladder totals are summed from the customer rows already loaded.
    fn refresh_pipeline(&mut self) {
        let key = (self.data_version, self.cache.customers_gen);
        if self.prefs.panel != Panel::Pipeline || self.pipeline_key == Some(key) {
            return;
        }
        self.pipeline_key = Some(key);
        let Some(store) = &self.store else { return };
        self.cache.ladder_totals = crate::store::pipeline::ladder_totals_of(&self.cache.customers);
        let loaded = store.opportunity_rows().and_then(|o| Ok((o, store.stage_totals()?)));
        match loaded {
            Ok((opportunities, stages)) => {
                self.cache.opportunities = opportunities;
                self.cache.stage_totals = stages;
            }
            Err(e) => self.set_error(self.t().store_error(&e)),
        }
        if let Some((id, _)) = self.cache.activities {
            self.load_activities(id);
        }
    }

    fn load_activities(&mut self, id: CustomerId) {
        let Some(store) = &self.store else { return };
        match store.activities_of(id) {
            Ok(list) => self.cache.activities = Some((id, list)),
            Err(e) => self.set_error(self.t().store_error(&e)),
        }
    }

    /// Starts, polls and finishes the background compliance check, while the
    /// compliance panel is shown and the data changed.
    fn poll_compliance(&mut self, ctx: &egui::Context) {
        if let Some((job, key)) = &self.compliance_job {
            match job.poll() {
                Poll::Running(done) => self.cache.compliance_progress = Some(done),
                Poll::Done(result) => {
                    let key = *key;
                    self.compliance_job = None;
                    self.cache.compliance_progress = None;
                    self.compliance_key = Some(key);
                    match result {
                        Ok(view) => {
                            self.cache.compliance = Some(std::sync::Arc::new(view));
                            self.cache.compliance_gen += 1;
                        }
                        Err(e) => self.set_error(e),
                    }
                }
            }
        }
        let key = self.data_version;
        let wanted = self.prefs.panel == Panel::Compliance && self.compliance_key != Some(key);
        if !wanted || self.compliance_job.is_some() {
            return;
        }
        let Some(store) = &self.store else { return };
        let path = store.path().to_owned();
        let settings = self.cache.settings.clone();
        let today = (self.clock)().date();
        let repaint = ctx.clone();
        let job = Job::spawn(
            "compliance",
            move || repaint.request_repaint(),
            move |handle| {
                crate::store::compliance::compute_view(&path, &settings, today, &mut |done| {
                    handle.progress(done)
                })
            },
        );
        match job {
            Ok(job) => {
                self.cache.compliance_progress = Some(0.0);
                self.compliance_job = Some((job, key));
            }
            Err(e) => {
                self.compliance_key = Some(key);
                self.set_error(e.to_string());
            }
        }
    }

    fn file_dialog_for(&self, extensions: &[&str]) -> rfd::FileDialog {
        let dialog = rfd::FileDialog::new().add_filter("CSV / Excel", extensions);
        match self.cache.db_path.as_ref().and_then(|p| p.parent()) {
            Some(dir) => dialog.set_directory(dir),
            None => dialog,
        }
    }

    /// Resets everything that belonged to the previous file.
    fn after_open(&mut self) {
        self.undo.clear();
        if let Some((job, _)) = self.analysis_job.take() {
            job.cancel();
        }
        self.cache.analysis = None;
        self.cache.analysis_gen += 1;
        self.cache.analysis_progress = None;
        self.analysis_key = None;
        if let Some((job, _)) = self.compliance_job.take() {
            job.cancel();
        }
        self.cache.compliance = None;
        self.cache.compliance_gen += 1;
        self.cache.compliance_progress = None;
        self.compliance_key = None;
        self.pipeline_key = None;
        self.cache.activities = None;
        self.data_version += 1;
        self.reload_settings();
        self.cache.db_path = self.store.as_ref().map(|s| s.path().to_owned());
        self.cache.offer_demo = match &self.store {
            Some(store) => store.is_empty().unwrap_or(false),
            None => false,
        };
        if let Some(path) = self.cache.db_path.clone() {
            self.prefs.recent.retain(|p| p != &path);
            self.prefs.recent.insert(0, path.clone());
            self.prefs.recent.truncate(MAX_RECENT);
            self.prefs.last_db = Some(path);
        }
        self.reload_customers();
        self.load_detail(None);
        self.title_dirty = true;
    }

    fn save_copy(&mut self) {
        let Some(store) = &self.store else { return };
        let Some(out) = self.file_dialog().set_file_name("ladder-copy.db").save_file() else {
            self.set_status(self.t().dialog_cancelled.to_owned());
            return;
        };
        match store.backup_to(&out) {
            Ok(()) => self.set_status((self.t().copy_saved)(&out.display().to_string())),
            Err(e) => self.set_error(self.t().store_error(&e)),
        }
    }

    /// Opens the demo company file beside the default database, writing it
    /// first if it does not exist yet.
    fn open_demo(&mut self) {
        self.cache.offer_demo = false;
        let dir = self
            .data_dir
            .clone()
            .or_else(|| self.cache.db_path.as_ref().and_then(|p| p.parent()).map(Path::to_owned));
        let Some(dir) = dir else { return };
        let path = dir.join("demo-company.db");
        if path.exists() {
            self.open_path(&path, false);
            return;
        }
        match Store::create_demo(&path, &DemoOptions::default()) {
            Ok(store) => {
                self.store = Some(store);
                self.after_open();
                self.set_status(self.t().demo_written.to_owned());
            }
            Err(e) => self.set_error(e.to_string()),
        }
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

    /// Draws one frame: menu, navigation, status line, the current panel and
    /// any dialog.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        self.global_shortcuts(ui.ctx());
        let t = self.t();
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        if let Some(why) = self.store.as_ref().and_then(Store::read_only) {
            egui::Panel::top("read_only").show(ui, |ui| {
                ui.colored_label(theme::ERROR, (t.read_only_banner)(t.ro(why)));
            });
        }
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(done) = self.cache.customers_loading {
                    let bar = egui::ProgressBar::new(done).desired_width(160.0);
                    ui.add(bar.show_percentage().text(t.loading_customers));
                }
                let colour = if self.status.error { theme::ERROR } else { theme::OK };
                ui.colored_label(colour, &self.status.text);
            });
        });
        egui::Panel::left("nav").exact_size(theme::NAV_WIDTH).show(ui, |ui| {
            ui.add_space(6.0);
            for panel in Panel::ALL {
                if ui.selectable_label(self.prefs.panel == panel, panel.title(t)).clicked() {
                    self.prefs.panel = panel;
                }
            }
        });
        let ctx =
            AppCtx { lang: self.lang, t, data: &self.cache, now: (self.clock)(), out: &self.out };
        if self.store.is_none() && self.prefs.panel != Panel::Settings {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.heading(t.no_db_title);
                ui.label(t.no_db_body);
            });
        } else {
            match self.prefs.panel {
                Panel::Customers => self.customers.ui(ui, &ctx),
                Panel::Value => {
                    egui::CentralPanel::default().show(ui, |ui| self.value.ui(ui, &ctx));
                }
                Panel::Pipeline => {
                    egui::CentralPanel::default().show(ui, |ui| self.pipeline.ui(ui, &ctx));
                }
                Panel::Compliance => {
                    egui::CentralPanel::default().show(ui, |ui| self.compliance.ui(ui, &ctx));
                }
                Panel::Settings => {
                    egui::CentralPanel::default().show(ui, |ui| self.settings.ui(ui, &ctx));
                }
            }
        }
        if self.cache.offer_demo {
            demo_offer_ui(ui.ctx(), &ctx);
        }
        if let Some(wizard) = &mut self.import {
            wizard.ui(ui.ctx(), &ctx);
        }
        if let Some(window) = &self.restore {
            window.ui(ui.ctx(), &ctx);
        }
        if self.show_about {
            let modal = egui::Modal::new(egui::Id::unique("about")).show(ui.ctx(), |ui| {
                ui.set_max_width(420.0);
                ui.heading(t.about);
                ui.label(t.about_text);
                ui.label(format!("{} {}", t.schema_version, crate::store::db::schema_version()));
                ui.button(t.close).clicked()
            });
            if modal.inner || modal.should_close() {
                self.show_about = false;
            }
        }
    }

    fn global_shortcuts(&self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return; // A text field has focus: its own undo applies.
        }
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let redo_y = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let open = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
        ctx.input_mut(|i| {
            if i.consume_shortcut(&redo) || i.consume_shortcut(&redo_y) {
                self.out.send(AppCommand::Redo);
            } else if i.consume_shortcut(&undo) {
                self.out.send(AppCommand::Undo);
            }
            if i.consume_shortcut(&open) {
                self.out.send(AppCommand::OpenFile);
            }
        });
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t.menu_file, |ui| {
                if ui.button(t.file_new).clicked() {
                    self.out.send(AppCommand::NewFile);
                }
                if ui.add(egui::Button::new(t.file_open).shortcut_text("Ctrl+O")).clicked() {
                    self.out.send(AppCommand::OpenFile);
                }
                ui.menu_button(t.file_recent, |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label(t.no_recent);
                    }
                    for path in &self.prefs.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            self.out.send(AppCommand::OpenPath(path.clone()));
                        }
                    }
                });
                let has_db = self.store.is_some();
                if ui.add_enabled(has_db, egui::Button::new(t.import.menu)).clicked() {
                    self.out.send(AppCommand::ImportFile);
                }
                if ui.add_enabled(has_db, egui::Button::new(t.file_save_copy)).clicked() {
                    self.out.send(AppCommand::SaveCopy);
                }
                if ui.add_enabled(has_db, egui::Button::new(t.restore.menu)).clicked() {
                    self.out.send(AppCommand::Restore(crate::ui::restore::RestoreCommand::Show));
                }
                ui.separator();
                if ui.button(t.file_quit).clicked() {
                    self.out.send(AppCommand::Quit);
                }
            });
            ui.menu_button(t.menu_edit, |ui| {
                let undo = self.undo.peek_undo().map(|e| format!("{}: {}", t.undo, t.effect(e)));
                let redo = self.undo.peek_redo().map(|e| format!("{}: {}", t.redo, t.effect(e)));
                let undo_button =
                    egui::Button::new(undo.clone().unwrap_or_else(|| t.undo.to_owned()))
                        .shortcut_text("Ctrl+Z");
                if ui.add_enabled(undo.is_some(), undo_button).clicked() {
                    self.out.send(AppCommand::Undo);
                }
                let redo_button =
                    egui::Button::new(redo.clone().unwrap_or_else(|| t.redo.to_owned()))
                        .shortcut_text("Ctrl+Shift+Z");
                if ui.add_enabled(redo.is_some(), redo_button).clicked() {
                    self.out.send(AppCommand::Redo);
                }
            });
            ui.menu_button(t.menu_view, |ui| {
                for panel in Panel::ALL {
                    if ui.selectable_label(self.prefs.panel == panel, panel.title(t)).clicked() {
                        self.out.send(AppCommand::ShowPanel(panel));
                    }
                }
                ui.separator();
                for (lang, name) in [(Lang::Zh, "中文"), (Lang::En, "English")] {
                    if ui.selectable_label(self.lang == lang, name).clicked() {
                        self.out.send(AppCommand::SetLang(lang));
                    }
                }
            });
            ui.menu_button(t.menu_help, |ui| {
                if ui.button(t.about).clicked() {
                    self.show_about = true;
                }
            });
        });
    }
}

/// Writes `rect` (in points) of a window capture as a PNG file.
fn save_png(
    image: &egui::ColorImage,
    rect: egui::Rect,
    pixels_per_point: f32,
    path: &Path,
) -> Result<(), String> {
    #[allow(clippy::cast_precision_loss)] // Window sizes are small.
    let bounds = egui::Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(image.size[0] as f32, image.size[1] as f32) / pixels_per_point,
    );
    let rect = rect.intersect(bounds);
    if !rect.is_positive() {
        return Err(format!("{}: the chart is not on screen", path.display()));
    }
    let part = image.region(&rect, Some(pixels_per_point));
    let (w, h) = (
        u32::try_from(part.size[0]).map_err(|e| e.to_string())?,
        u32::try_from(part.size[1]).map_err(|e| e.to_string())?,
    );
    image::save_buffer(path, part.as_raw(), w, h, image::ExtendedColorType::Rgba8)
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn demo_offer_ui(ctx: &egui::Context, app: &AppCtx<'_>) {
    let t = app.t;
    egui::Modal::new(egui::Id::unique("demo_offer")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(t.demo_title);
        ui.label(t.demo_body);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(t.demo_open).clicked() {
                app.send(AppCommand::OpenDemo);
            }
            if ui.button(t.demo_empty).clicked() {
                app.send(AppCommand::DismissDemoOffer);
            }
        });
    });
}

/// When the process started: `main` sets it first thing (for the timing hook).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The start-up timing hook (BENCHMARKS.md): with `LADDER_FIRST_FRAME_EXIT=1`
/// the window prints the seconds from process start until the first frame was
/// painted (measured when the next frame begins) and until the customer table
/// was filled, then closes.
fn first_frame_hook(ctx: &egui::Context, customers_loaded: bool) {
    use std::sync::atomic::{AtomicU32, Ordering};
    static ENABLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    static FRAMES: AtomicU32 = AtomicU32::new(0);
    if !*ENABLED.get_or_init(|| std::env::var_os("LADDER_FIRST_FRAME_EXIT").is_some()) {
        return;
    }
    let since_start = || STARTED.get().map_or(0.0, |s| s.elapsed().as_secs_f64());
    let frame = FRAMES.fetch_add(1, Ordering::Relaxed);
    if frame == 1 {
        println!("first frame painted after {:.3} s", since_start());
    }
    if frame == 0 {
        ctx.request_repaint(); // The next frame begins once this one is painted.
    } else if customers_loaded && FRAMES.swap(u32::MAX / 2, Ordering::Relaxed) < u32::MAX / 2 {
        println!("customer table filled after {:.3} s", since_start());
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }
}

impl eframe::App for LadderApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.logic_step(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
        self.repaint_if_pending(ui.ctx());
        let loaded = self.store.is_none() || self.customers_key == Some(self.data_version);
        first_frame_hook(ui.ctx(), loaded);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }
}

/// Opens the main window (the binary's default action).
pub fn run(db: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Ladder")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    eframe::run_native("Ladder", options, Box::new(|cc| Ok(Box::new(LadderApp::new(cc, db)))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_region_is_saved_as_png_at_the_screen_scale() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("chart.png");
        let image = egui::ColorImage::new([200, 100], vec![egui::Color32::RED; 200 * 100]);
        // 2 pixels per point: a 40×20-point chart is 80×40 pixels.
        let rect = egui::Rect::from_min_size(egui::pos2(10.0, 5.0), egui::vec2(40.0, 20.0));
        save_png(&image, rect, 2.0, &path).expect("save");
        let png = image::open(&path).expect("a PNG").to_rgba8();
        assert_eq!(png.dimensions(), (80, 40));
        assert_eq!(png.get_pixel(0, 0).0, [255, 0, 0, 255]);
        // Off screen: a clear error, no file.
        let off = egui::Rect::from_min_size(egui::pos2(500.0, 500.0), egui::vec2(10.0, 10.0));
        assert!(save_png(&image, off, 2.0, &dir.path().join("none.png")).is_err());
    }
}
