//! The SQLite store: the only place that names `rusqlite`. It opens and
//! migrates files, applies commands in one transaction each (recording
//! history and returning the inverse for undo), and serves read models.

pub mod analysis;
mod apply;
pub mod bulk;
pub mod calendar;
pub mod compliance;
pub mod customers;
pub mod db;
pub mod export;
pub mod export_tables;
pub mod history;
pub mod import;
pub mod output;
pub mod pipeline;
pub mod records;
pub mod restore;
pub mod settings;
pub(crate) mod sql;
pub(crate) mod tables;
pub mod today;
pub mod worksheet;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use crate::domain::command::{Applied, Command};
use crate::domain::customer::{CustomerId, FieldError};
use crate::domain::history::HistoryEntry;
use crate::domain::settings::Settings;
pub use customers::CustomerRow;
pub use db::{OpenError, OpenProblem, ReadOnly};

/// How timestamps are stored.
pub const TIMESTAMP: &str = "%Y-%m-%d %H:%M:%S";

/// A write that was refused or failed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the data is not valid ({} problems)", .0.len())]
    Invalid(Vec<FieldError>),
    #[error("customer #{} does not exist", .0.0)]
    NotFound(CustomerId),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// The database is open for reading only: nothing was written.
    #[error("{}: {why}; changes are disabled, nothing was written", path.display())]
    ReadOnly { path: PathBuf, why: db::ReadOnly },
    /// SQLite's check of the file failed: nothing is written to it.
    #[error("{}: {}", path.display(), db::damaged_text(detail))]
    Damaged { path: PathBuf, detail: String },
    /// Another program held the write lock longer than the busy timeout.
    #[error("{}", db::OpenProblem::Busy)]
    Busy,
    #[error("CSV error: {0}")]
    Csv(#[from] csv::Error),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// A new file was asked for and the name is taken: nothing was written.
    #[error("{}: the file already exists; refusing to overwrite it", .0.display())]
    Exists(PathBuf),
    #[error("{0}")]
    Setting(String),
    /// The record (kind, id) is not in the database (any more).
    #[error("the {} is no longer in the database", crate::domain::naming::noun(*.0).0)]
    RecordMissing(crate::domain::command::RecordKind, i64),
    /// A write refused for a reason the store names ([`Refusal`]: English
    /// here and in the CLI, the app's language in the app).
    #[error("{0}")]
    Refused(Refusal),
    /// A write refused by the database's rules: nothing was written.
    #[error("{0}")]
    Constraint(Constraint),
    /// A typed record (a sale, a survey, a contact person) failed the
    /// store's re-check: each problem with its field.
    #[error("{}", .0.iter().map(|e| e.text(crate::domain::Lang::En)).collect::<Vec<_>>().join("; "))]
    Entry(Vec<crate::domain::entry::EntryError>),
}

/// Which rule of the database refused a write.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Constraint {
    /// A name (or code) that must be unique is taken.
    #[error("the name is already used")]
    Unique,
    /// A record still referred to, or one referring to a missing record.
    #[error("other records still refer to it (or it refers to one that does not exist)")]
    ForeignKey,
    /// Another check of a value failed (SQLite's text).
    #[error("a value is out of range ({0})")]
    Range(String),
}

/// Why the store refused a write (nothing was written), said in either
/// language by [`Refusal::text`]; `Display` is the English.
#[derive(Debug)]
pub enum Refusal {
    /// A calendar command names one date twice.
    DayTwice(NaiveDate),
    /// A calendar day's name is longer than [`calendar::MAX_NAME_CHARS`].
    DayNameTooLong(NaiveDate),
    /// A calendar command with no day in it.
    NoCalendarDay,
    /// A record restored (undo of a delete) under an id that is taken.
    Exists(crate::domain::command::RecordKind),
    /// A customer merged into itself.
    MergeIntoItself,
    /// A merge of a customer in the trash (or into one).
    MergeNotLive,
    /// An undo of a merge naming a table merges never touch.
    UnknownTable(String),
    /// The file turned out not to be writable at the first write.
    Unwritable(OpenProblem),
    /// A refusal only the command line meets (English there).
    Said(&'static str),
}

impl Refusal {
    /// The refusal in `lang` (a match on both, so that no case is
    /// silently English in the Chinese interface).
    pub fn text(&self, lang: crate::domain::Lang) -> String {
        use crate::domain::Lang::{En, Zh};
        let max = calendar::MAX_NAME_CHARS;
        match (self, lang) {
            (Self::DayTwice(d), En) => format!("{d} is given twice"),
            (Self::DayTwice(d), Zh) => format!("{d} 出现了两次"),
            (Self::DayNameTooLong(d), En) => {
                format!("the name of {d} is longer than {max} characters")
            }
            (Self::DayNameTooLong(d), Zh) => format!("{d} 的名称超过 {max} 个字"),
            (Self::NoCalendarDay, En) => "no calendar day given".to_owned(),
            (Self::NoCalendarDay, Zh) => "没有给出日历日期".to_owned(),
            (Self::Exists(kind), En) => {
                format!("this {} exists already", crate::domain::naming::noun(*kind).0)
            }
            (Self::Exists(kind), Zh) => {
                format!("这条{}已经存在", crate::domain::naming::noun(*kind).1)
            }
            (Self::MergeIntoItself, En) => "a customer cannot be merged into itself".to_owned(),
            (Self::MergeIntoItself, Zh) => "客户不能合并到它自己".to_owned(),
            (Self::MergeNotLive, En) => "both customers must be live (not in the trash)".to_owned(),
            (Self::MergeNotLive, Zh) => "两个客户都必须是在用客户（不在回收站中）".to_owned(),
            (Self::UnknownTable(table), En) => format!("unknown table {table}"),
            (Self::UnknownTable(table), Zh) => format!("未知的数据表 {table}"),
            (Self::Unwritable(problem), _) => problem.to_string(),
            (Self::Said(text), _) => (*text).to_owned(),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::domain::Lang::En))
    }
}

impl From<rusqlite::Error> for StoreError {
    /// A busy or locked database becomes [`StoreError::Busy`].
    fn from(e: rusqlite::Error) -> Self {
        if db::is_busy(&e) { Self::Busy } else { Self::Sqlite(e) }
    }
}

/// Turns constraint failures into a [`Constraint`] (said in the app's
/// language); other errors pass through.
fn refused(e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, message)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            let text = message.clone().unwrap_or_default();
            StoreError::Constraint(if text.contains("UNIQUE") {
                Constraint::Unique
            } else if text.contains("FOREIGN KEY") {
                Constraint::ForeignKey
            } else {
                Constraint::Range(text)
            })
        }
        _ => e.into(),
    }
}

/// The verdict on the file at `path`: `damaged` when known, else what
/// `check` finds (then kept). Refuses every write to a damaged file.
fn verdict(
    damaged: &std::cell::OnceCell<Option<String>>,
    path: &Path,
    check: impl FnOnce() -> Result<(), OpenProblem>,
) -> Result<(), StoreError> {
    let found = match damaged.get() {
        Some(found) => found,
        None => match check() {
            Ok(()) => damaged.get_or_init(|| None),
            Err(OpenProblem::Damaged { detail }) => damaged.get_or_init(|| Some(detail)),
            Err(OpenProblem::Busy) => return Err(StoreError::Busy),
            Err(other) => return Err(StoreError::Refused(Refusal::Unwritable(other))),
        },
    };
    match found {
        Some(detail) => Err(StoreError::Damaged { path: path.to_owned(), detail: detail.clone() }),
        None => Ok(()),
    }
}

/// An open Ladder database file.
pub struct Store {
    // Declared first so it closes (checkpointing the WAL) before the lock
    // below is released.
    conn: Connection,
    path: PathBuf,
    /// How many read queries the read models ran (tests prove that drawing
    /// a frame runs none).
    reads: std::cell::Cell<u64>,
    /// Why nothing may be written (`None`: writable).
    read_only: Option<db::ReadOnly>,
    /// The verdict of [`db::quick_check`], run once before the first write
    /// (`Some`: what is damaged).
    damaged: std::cell::OnceCell<Option<String>>,
    /// Keeps other Ladder processes from writing the file while it is open.
    _lock: Option<db::DbLock>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Store {
    fn from_opened(path: &Path, opened: db::Opened) -> Self {
        Self {
            conn: opened.conn,
            path: path.to_owned(),
            reads: Default::default(),
            read_only: opened.read_only,
            damaged: if opened.checked {
                std::cell::OnceCell::from(None)
            } else {
                Default::default()
            },
            _lock: opened.lock,
        }
    }

    /// Creates a new database file (refuses an existing one).
    pub fn create(path: &Path) -> Result<Self, OpenError> {
        Ok(Self::from_opened(path, db::create(path)?))
    }

    /// Opens an existing database file to write to it (checked, locked,
    /// backed up and migrated); refuses a read-only file, one open in
    /// another Ladder process, and one another program is writing to.
    pub fn open(path: &Path, now: NaiveDateTime) -> Result<Self, OpenError> {
        Ok(Self::from_opened(path, db::open(path, now, db::Mode::Write)?))
    }

    /// As [`Store::open`], but SQLite's check of the file waits for the
    /// first write; an import runs it on a thread of its own while it reads
    /// the codes it needs, and refuses a damaged file before it writes.
    pub fn open_checking_later(path: &Path, now: NaiveDateTime) -> Result<Self, OpenError> {
        Ok(Self::from_opened(path, db::open(path, now, db::Mode::WriteCheckingLater)?))
    }

    /// Opens an existing database file to write to it, or read-only when
    /// the file cannot be written ([`Store::read_only`] says why).
    pub fn open_or_read_only(path: &Path, now: NaiveDateTime) -> Result<Self, OpenError> {
        Ok(Self::from_opened(path, db::open(path, now, db::Mode::WriteOrReadOnly)?))
    }

    /// Opens an existing database file only to read it: writes nothing and
    /// works while another Ladder window has the file open. A file with an
    /// older schema is read as it is, not migrated.
    pub fn open_reading(path: &Path, now: NaiveDateTime) -> Result<Self, OpenError> {
        Ok(Self::from_opened(path, db::open(path, now, db::Mode::Read)?))
    }

    /// Opens the file (read-only when it cannot be written), or creates it
    /// when it does not exist yet (the app's default database).
    pub fn open_or_create(path: &Path, now: NaiveDateTime) -> Result<Self, OpenError> {
        if path.exists() { Self::open_or_read_only(path, now) } else { Self::create(path) }
    }

    /// Why nothing may be written to this database (`None`: writable).
    pub fn read_only(&self) -> Option<db::ReadOnly> {
        self.read_only
    }

    /// Refuses a write to a read-only database before it is tried, and
    /// every write to a damaged one (checked once, at the first write).
    fn writable(&self) -> Result<(), StoreError> {
        self.refuse_read_only()?;
        verdict(&self.damaged, &self.path, || db::quick_check(&self.conn))
    }

    /// Refuses a write to a read-only database before it is tried.
    fn refuse_read_only(&self) -> Result<(), StoreError> {
        match self.read_only {
            Some(why) => Err(StoreError::ReadOnly { path: self.path.clone(), why }),
            None => Ok(()),
        }
    }

    /// How many read-model queries ran so far.
    pub fn reads(&self) -> u64 {
        self.reads.get()
    }

    fn count_read(&self) {
        self.reads.set(self.reads.get() + 1);
    }

    /// The file this store works on.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes a consistent copy of the database to a new file (whole or not
    /// at all, see [`output::write_atomically`]).
    pub fn backup_to(&self, out: &Path) -> Result<(), StoreError> {
        db::backup(&self.conn, out).map_err(|e| match e {
            output::OutputError::Exists(path) => StoreError::Exists(path),
            output::OutputError::Io { source, .. } => StoreError::Io(source),
            output::OutputError::Write(e) => StoreError::Sqlite(e),
        })
    }

    /// The business settings.
    pub fn settings(&self) -> Result<Settings, OpenError> {
        settings::load(&self.conn).map_err(|problem| OpenError { path: self.path.clone(), problem })
    }

    /// Whether the file was written as the demo company (by `ladder demo`
    /// or "Open the demo company"), whatever it is called now.
    pub fn is_demo(&self) -> bool {
        settings::is_demo(&self.conn).unwrap_or(false)
    }

    /// Stores the business settings.
    pub fn save_settings(&self, value: &Settings) -> Result<(), StoreError> {
        self.writable()?;
        Ok(settings::save(&self.conn, value)?)
    }

    /// True when the database has no customers at all (live or trashed):
    /// the moment to offer the demo company.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.count_read();
        let n: i64 = self.conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// The customer library's rows (live customers with purchase totals).
    pub fn customer_rows(&self) -> Result<Vec<CustomerRow>, StoreError> {
        self.count_read();
        Ok(customers::rows(&self.conn)?)
    }

    /// One customer, also from the trash.
    pub fn customer(&self, id: CustomerId) -> Result<customers::StoredCustomer, StoreError> {
        self.count_read();
        customers::get(&self.conn, id)
    }

    /// A customer's change history, oldest first.
    pub fn customer_history(&self, id: CustomerId) -> Result<Vec<HistoryEntry>, StoreError> {
        self.count_read();
        Ok(history::for_entity(&self.conn, history::CUSTOMER, id.0)?)
    }

    /// A customer's purchases: count, sum and the newest of them.
    pub fn customer_purchases(&self, id: CustomerId) -> Result<customers::Purchases, StoreError> {
        self.count_read();
        Ok(customers::purchases(&self.conn, id)?)
    }

    /// A customer's satisfaction surveys (newest first) with their ids.
    pub fn customer_surveys(
        &self,
        id: CustomerId,
    ) -> Result<Vec<(i64, crate::domain::records::Survey)>, StoreError> {
        self.count_read();
        Ok(records::surveys_of(&self.conn, id)?)
    }

    /// A customer's contact persons with their ids.
    pub fn customer_contacts(
        &self,
        id: CustomerId,
    ) -> Result<Vec<(i64, crate::domain::records::Contact)>, StoreError> {
        self.count_read();
        Ok(records::contacts_of(&self.conn, id)?)
    }

    /// Loads the value analysis's inputs as of `snapshot` (see
    /// [`analysis::load_input`]).
    pub fn analysis_input(
        &self,
        snapshot: Option<chrono::NaiveDate>,
        progress: &mut dyn FnMut(f32) -> bool,
    ) -> Result<crate::domain::analysis::report::AnalysisInput, analysis::LoadError> {
        analysis::load_input(&self.conn, snapshot, progress)
    }

    /// Loads what the summary report needs as of `snapshot` (see
    /// [`analysis::load_summary_input`]).
    pub fn summary_input(
        &self,
        snapshot: Option<chrono::NaiveDate>,
        progress: &mut dyn FnMut(f32) -> bool,
    ) -> Result<crate::domain::analysis::summary::SummaryInput, analysis::LoadError> {
        analysis::load_summary_input(&self.conn, snapshot, progress)
    }

    /// Every record the compliance rules read.
    pub fn compliance_records(&self) -> Result<compliance::RecordSet, StoreError> {
        Ok(compliance::load(&self.conn)?)
    }

    /// Ladder column totals (count and revenue per step) from the database.
    pub fn ladder_totals(&self) -> Result<Vec<pipeline::StepTotal>, StoreError> {
        self.count_read();
        Ok(pipeline::ladder_totals(&self.conn)?)
    }

    /// Every opportunity with its card data.
    pub fn opportunity_rows(&self) -> Result<Vec<pipeline::OpportunityRow>, StoreError> {
        self.count_read();
        Ok(pipeline::opportunity_rows(&self.conn)?)
    }

    /// Count, value and weighted value per opportunity stage.
    pub fn stage_totals(&self) -> Result<Vec<pipeline::StageTotal>, StoreError> {
        self.count_read();
        Ok(pipeline::stage_totals(&self.conn)?)
    }

    /// The latest churn record of each live customer that has one.
    pub fn latest_churn_records(
        &self,
    ) -> Result<Vec<crate::domain::records::ChurnRecord>, StoreError> {
        self.count_read();
        Ok(pipeline::latest_churn_records(&self.conn)?)
    }

    /// A customer's complaints, queries and inquiries, newest first, with
    /// their ids.
    pub fn complaints_of(
        &self,
        customer: CustomerId,
    ) -> Result<Vec<(i64, crate::domain::records::Complaint)>, StoreError> {
        self.count_read();
        Ok(records::complaints_of(&self.conn, customer)?)
    }

    /// A customer's activities, newest first.
    pub fn activities_of(
        &self,
        customer: CustomerId,
    ) -> Result<Vec<crate::domain::records::Activity>, StoreError> {
        self.count_read();
        Ok(pipeline::activities_of(&self.conn, customer)?)
    }

    /// Writes every live customer as CSV.
    pub fn write_customers_csv(&self, out: impl std::io::Write) -> Result<(), StoreError> {
        customers::write_csv(&self.conn, out)
    }

    /// Applies one command in one transaction: validates it, writes it,
    /// records history, and returns what it did with its inverse.
    pub fn apply(&mut self, command: &Command, now: NaiveDateTime) -> Result<Applied, StoreError> {
        self.writable()?;
        let tx = self.conn.transaction()?;
        let applied = apply::apply_in(&tx, command, now)?;
        // Deferred foreign keys are checked here.
        tx.commit().map_err(refused)?;
        Ok(applied)
    }

    /// Runs `f` inside one transaction: everything or nothing.
    pub fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.writable()?;
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

impl Store {
    /// Creates a new database file holding the demo company.
    pub fn create_demo(
        path: &Path,
        options: &crate::domain::demo::DemoOptions,
    ) -> Result<Self, DemoError> {
        let mut store = Self::create(path)?;
        let company = crate::domain::demo::generate(options);
        let written = store.in_transaction(|conn| bulk::write_demo(conn, &company));
        if let Err(e) = written {
            drop(store);
            // A half-written demo file is useless; remove it and its WAL files.
            for suffix in ["", "-wal", "-shm"] {
                let mut name = path.as_os_str().to_owned();
                name.push(suffix);
                let _ignored = std::fs::remove_file(PathBuf::from(name));
            }
            return Err(e.into());
        }
        Ok(store)
    }
}

/// Why the demo company could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Write(#[from] StoreError),
}
