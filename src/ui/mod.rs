//! The egui layer: one file per panel, the shared read context panels draw
//! from, and the commands they send. Never names the SQLite crate; never reads the
//! database or files while drawing.

pub mod compliance;
pub mod customers;
pub mod explain;
pub mod i18n;
pub mod i18n_about;
pub mod i18n_calendar;
pub mod i18n_compliance;
pub mod i18n_explain;
pub mod i18n_files;
pub mod i18n_import;
pub mod i18n_lessons;
pub mod i18n_pipeline;
pub mod i18n_polish;
pub mod i18n_presenter;
pub mod i18n_records;
pub mod i18n_restore;
pub mod i18n_settings;
pub mod i18n_today;
pub mod i18n_value;
pub mod import;
pub mod keys;
pub mod lessons;
pub mod pipeline;
pub mod presenter;
pub mod records;
pub mod restore;
pub mod settings;
pub mod theme;
pub mod today;
pub mod value;
pub mod widgets;

use std::cell::RefCell;
use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::domain::Lang;
use crate::domain::command::Command;
use crate::domain::customer::{Customer, CustomerId, FieldError};
use crate::domain::history::HistoryEntry;
use crate::store::CustomerRow;
pub use i18n::Tr;

/// The panels in the left navigation (only working ones exist).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Panel {
    /// The day's work: the start page.
    #[default]
    Today,
    Customers,
    Pipeline,
    Value,
    Compliance,
    Settings,
}

impl Panel {
    /// Every panel, in navigation order.
    pub const ALL: [Self; 6] = [
        Self::Today,
        Self::Customers,
        Self::Pipeline,
        Self::Value,
        Self::Compliance,
        Self::Settings,
    ];

    /// The panel's name.
    pub fn title(self, t: &Tr) -> &'static str {
        match self {
            Self::Today => t.today.title,
            Self::Customers => t.panel_customers,
            Self::Pipeline => t.panel_pipeline,
            Self::Value => t.panel_value,
            Self::Compliance => t.panel_compliance,
            Self::Settings => t.panel_settings,
        }
    }
}

/// Everything a panel or menu can ask the app to do. Applied after the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum AppCommand {
    /// A database write; goes through undo.
    Write(Box<Command>),
    Undo,
    Redo,
    /// Load a customer's full record and history into the cache.
    Select(CustomerId),
    /// Forget the selected customer.
    Deselect,
    /// Load a customer's activity timeline (pipeline panel).
    LoadActivities(CustomerId),
    /// Switch to the pipeline's activities of this customer.
    ShowActivities(CustomerId),
    /// Switch to the customer library and select this customer.
    ShowCustomer(CustomerId),
    /// Analyse as of this date (`None`: the default snapshot).
    SetSnapshot(Option<chrono::NaiveDate>),
    CancelAnalysis,
    /// Save a value-analysis report table through a file dialog.
    ExportReport(crate::domain::analysis::report::ReportKind),
    /// Choose a file to import (File → Import…).
    ImportFile,
    /// Open the import wizard on a file (chosen or dropped on the window).
    ImportPath(PathBuf),
    /// Check every row (`write: false`) or import them.
    ImportRun {
        write: bool,
    },
    ImportCancel,
    ImportClose,
    /// Put the database back as it was before the last import.
    ImportUndo,
    /// Save the import's list of problems as CSV.
    ImportSaveProblems,
    /// Save this part of the window (a chart) as a PNG through a file dialog.
    ExportChartPng(egui::Rect),
    /// Save the compliance findings through a file dialog.
    ExportFindings,
    /// File → Export: a whole table, as `ladder export` writes it.
    ExportTable(crate::store::export_tables::ExportTable),
    /// Save the monthly service report of (year, month).
    ExportMonthlyReport(i32, u32),
    NewFile,
    OpenFile,
    OpenPath(PathBuf),
    SaveCopy,
    OpenDemo,
    DismissDemoOffer,
    SetLang(Lang),
    /// The encoding of every CSV the app exports (a remembered preference).
    SetCsvEncoding(crate::store::export::CsvEncoding),
    /// File → Restore from backup… and its window.
    Restore(restore::RestoreCommand),
    ShowPanel(Panel),
    Quit,
    /// Open the Explain window on one figure of a customer (its derivation).
    Explain(CustomerId, crate::domain::analysis::explain::Figure),
    /// Choose a file and open the import wizard on it as this kind (the
    /// calendar editor's "copy from CSV").
    ImportFileAs(crate::domain::import::ImportKind),
    /// Show Settings at one parameter (by its stored key), e.g. from the
    /// rules view.
    ShowSetting(&'static str),
    /// Open what a Today item is about (its customer, opportunity, ledger
    /// entry, AC sheet or monthly report).
    OpenToday(Box<crate::domain::today::Target>),
    /// Presenter mode on or off, and its type size (a remembered preference).
    SetPresenter(presenter::Presenter),
    /// A lesson: open one, walk its steps, change its what-if parameters.
    Lesson(lessons::LessonCommand),
}

/// A queue panels push commands into while drawing.
#[derive(Debug, Default)]
pub struct Outbox(RefCell<Vec<AppCommand>>);

impl Outbox {
    /// Asks the app to do something after this frame.
    pub fn send(&self, command: AppCommand) {
        self.0.borrow_mut().push(command);
    }

    /// True when nothing is queued.
    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }

    /// Takes every queued command.
    pub fn drain(&self) -> Vec<AppCommand> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

/// The selected customer with its history.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerDetail {
    pub customer: Customer,
    pub history: Vec<HistoryEntry>,
    pub purchases: crate::store::customers::Purchases,
    /// Its satisfaction surveys (newest first) and contact persons, with ids.
    pub surveys: Vec<(i64, crate::domain::records::Survey)>,
    pub contacts: Vec<(i64, crate::domain::records::Contact)>,
}

/// A cached value with a generation that moves every time the value is
/// replaced, so panels rebuild what they derive from it when (and only when)
/// it changed. Reading goes through `Deref`; writing through [`Self::set`],
/// which moves the generation itself, so no write can forget it.
#[derive(Debug, Default)]
pub struct Versioned<T> {
    value: T,
    generation: u64,
}

impl<T> Versioned<T> {
    /// How many times the value was replaced.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Replaces the value and moves the generation.
    pub fn set(&mut self, value: T) {
        self.value = value;
        self.touch();
    }

    /// Moves the generation without changing the value (a reload that failed
    /// still tells panels to look again, as a reload that worked would).
    pub fn touch(&mut self) {
        self.generation += 1;
    }

    /// Changes the value where it is, keeping the generation: only for parts
    /// no panel derives anything from (they are read as they are each
    /// frame), so what panels built from the rest stays, such as a form
    /// being typed in.
    pub fn quiet_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

impl<T> std::ops::Deref for Versioned<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// The live customers' rows with an index from id to row, built once when
/// the rows arrive, so panels name a customer by id without scanning the
/// list (once per visible row, every frame, at 100,000 customers). Reads
/// go through `Deref` to the rows.
#[derive(Debug, Default)]
pub struct CustomerRows {
    rows: Vec<CustomerRow>,
    by_id: std::collections::HashMap<CustomerId, usize>,
}

impl CustomerRows {
    /// The row of customer `id`, when it is live.
    pub fn by_id(&self, id: CustomerId) -> Option<&CustomerRow> {
        self.by_id.get(&id).map(|&i| &self.rows[i])
    }
}

impl From<Vec<CustomerRow>> for CustomerRows {
    fn from(rows: Vec<CustomerRow>) -> Self {
        let by_id = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        Self { rows, by_id }
    }
}

impl std::ops::Deref for CustomerRows {
    type Target = Vec<CustomerRow>;

    fn deref(&self) -> &Vec<CustomerRow> {
        &self.rows
    }
}

/// Read models loaded from the store when something changes (never per
/// frame). The [`Versioned`] ones move their generation when replaced, so
/// panels can rebuild what they derive from them.
#[derive(Debug, Default)]
pub struct Cache {
    /// Every live customer's row in the library, in code order.
    pub customers: Versioned<CustomerRows>,
    /// Progress (0–1) while the customer rows load on a worker (the window).
    pub customers_loading: Option<f32>,
    /// The selected customer with its history and purchases.
    pub detail: Versioned<Option<CustomerDetail>>,
    /// Problems the store found with the last save from the form.
    pub form_errors: Versioned<Vec<FieldError>>,
    /// The open database file.
    pub db_path: Option<PathBuf>,
    /// The open database is empty: offer the demo company.
    pub offer_demo: bool,
    /// The open database was written as the demo company.
    pub is_demo: bool,
    /// The business settings of the open database.
    pub settings: crate::domain::settings::Settings,
    /// The last finished value analysis (kept while a new one runs).
    pub analysis: Versioned<Option<std::sync::Arc<crate::domain::analysis::report::Analysis>>>,
    /// The value panel's chart data, derived on the analysis worker, with
    /// the `analysis` generation it belongs to.
    pub value_charts: Option<(u64, std::sync::Arc<value::Derived>)>,
    /// Progress of a running analysis, 0–1.
    pub analysis_progress: Option<f32>,
    /// In a lesson whose what-if parameters differ from the office's: who
    /// moved, with the `analysis` generation it belongs to.
    pub lesson_moves: Option<(u64, std::sync::Arc<crate::domain::analysis::whatif::Moves>)>,
    /// The last finished compliance check (kept while a new one runs).
    pub compliance: Versioned<Option<std::sync::Arc<crate::store::compliance::ComplianceView>>>,
    /// Progress of a running compliance check, 0–1.
    pub compliance_progress: Option<f32>,
    /// Pipeline read models (loaded when the data changes while the
    /// pipeline panel is shown).
    pub ladder_totals: Vec<crate::store::pipeline::StepTotal>,
    pub opportunities: Vec<crate::store::pipeline::OpportunityRow>,
    pub stage_totals: Vec<crate::store::pipeline::StageTotal>,
    /// Each live customer's latest churn record (the churn view).
    pub churn_records: std::collections::HashMap<CustomerId, crate::domain::records::ChurnRecord>,
    /// The activity timeline of one customer.
    pub activities: Option<(CustomerId, Vec<crate::domain::records::Activity>)>,
    /// That customer's complaints with their ids, newest first (the
    /// activity form chooses one by words).
    pub activity_complaints: Vec<(i64, crate::domain::records::Complaint)>,
    /// The day's list (built on a worker when the data or the day changes).
    pub today: Versioned<Option<std::sync::Arc<crate::domain::today::TodayList>>>,
    /// Presenter mode as the app's preferences hold it (Settings and the
    /// View menu draw it; a click sends [`AppCommand::SetPresenter`]).
    pub presenter: presenter::Presenter,
}

/// What panels draw from: language, read models, "now", and the outbox.
pub struct AppCtx<'a> {
    pub lang: Lang,
    pub t: &'static Tr,
    pub data: &'a Cache,
    pub now: NaiveDateTime,
    pub out: &'a Outbox,
}

impl AppCtx<'_> {
    /// Sends a command to the app.
    pub fn send(&self, command: AppCommand) {
        self.out.send(command);
    }
}

#[cfg(test)]
mod tests {
    use super::{CustomerRows, Versioned};
    use crate::domain::customer::CustomerId;
    use crate::domain::terms::{CustomerKind, LadderStep};
    use crate::store::CustomerRow;

    fn row(id: i64, code: &str) -> CustomerRow {
        CustomerRow {
            id: CustomerId(id),
            code: code.into(),
            name: format!("name {code}"),
            kind: CustomerKind::Individual,
            grade: None,
            ladder_step: LadderStep::Prospect,
            industry: String::new(),
            owner: String::new(),
            phone: String::new(),
            email: String::new(),
            revenue_cents: 0,
            transactions: 0,
            first_purchase: None,
            last_purchase: None,
            last_contact: None,
            next_follow_up: None,
            contacts: String::new(),
        }
    }

    #[test]
    fn customer_rows_find_each_customer_by_id_and_none_for_the_gone() {
        let rows = CustomerRows::from(vec![row(7, "C0002"), row(3, "C0001"), row(42, "C0003")]);
        assert_eq!(rows.len(), 3, "the rows read through Deref, in their order");
        assert_eq!(rows[0].code, "C0002");
        assert_eq!(rows.by_id(CustomerId(3)).map(|r| r.code.as_str()), Some("C0001"));
        assert_eq!(rows.by_id(CustomerId(42)).map(|r| r.name.as_str()), Some("name C0003"));
        assert!(rows.by_id(CustomerId(8)).is_none(), "a trashed customer is not found");
        assert!(CustomerRows::default().by_id(CustomerId(3)).is_none());
    }

    #[test]
    fn a_versioned_cell_moves_its_generation_on_every_set_only() {
        let mut cell = Versioned::<Vec<u32>>::default();
        assert_eq!(cell.generation(), 0);
        cell.set(vec![1, 2]);
        assert_eq!((cell.len(), cell.generation()), (2, 1), "read through Deref");
        cell.touch();
        assert_eq!(cell.generation(), 2, "a reload that failed still counts");
        cell.quiet_mut().push(3);
        assert_eq!((cell.len(), cell.generation()), (3, 2), "an edit in place does not");
    }
}
