//! Importing a file: read (CSV in any Chinese office encoding, or a
//! spreadsheet) → map columns → parse every row into typed values → write
//! in one transaction, or nothing. Used by the CLI and the app alike.
//!
//! The file is streamed: rows are parsed and inserted as they are read, and
//! the first problem stops the writing (but not the reading, so that every
//! bad row is reported); the transaction is rolled back unless every row
//! was good and this is not a dry run.
//!
//! Transactions (the big files) take a fast path: a row whose cells have the
//! plain shapes an export writes (`YYYY-MM-DD`, `D.CC`, no formula escape)
//! is parsed on the reading thread, which also finds its customer among the
//! codes the database held when the import began ([`ReadyTransaction`]),
//! and inserted with one prepared statement; any other row goes through the
//! full parser, so every value and message is exactly what [`parse_row`]
//! says.

mod codes;
pub mod decode;
mod evidence;
mod fast;
pub mod preview;
mod resolve;
pub mod table;
mod writer;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDateTime;
use rusqlite::Connection;

pub use decode::{DecodeError, EncodingChoice};
use fast::{Buyer, ReadyTransaction, TransactionColumns, plain_transaction};
use resolve::{Areas, Customers, RowFailure, RowMark};
use table::Item;
pub use table::{ReadError, RowSource, sheet_names};
use writer::{InFile, TransactionWriter, write_row};

use super::{Store, StoreError};
use crate::domain::Lang;
use crate::domain::import::{
    ImportKind, MapError, Mapping, ParsedRow, Reason, RowProblem, map_columns, parse_row,
};

/// How many row problems are kept in full (the rest are only counted).
pub const MAX_LISTED: usize = 1_000;
/// Rows between two progress reports.
const PROGRESS_EVERY: usize = 16_384;
/// SQLite's page cache during an import, in KiB (SQLite takes a negative
/// `cache_size` as KiB). Pages are allocated only when used; with the
/// default 2 MiB, a million rows' index pages are written out and read back
/// again and again.
const IMPORT_CACHE_KIB: i64 = 256 * 1024;
/// What to import and how.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    pub kind: ImportKind,
    pub encoding: EncodingChoice,
    pub sheet: Option<String>,
    /// `(field, column header)` pairs that override matching by name.
    pub map: Vec<(String, String)>,
    /// Create a customer (code = name) for each unknown customer code.
    pub create_customers: bool,
    /// Check everything, write nothing.
    pub dry_run: bool,
    /// What to do with a customer row that is already there.
    pub duplicates: Duplicates,
    /// Leave out the rows with problems and import every good row (the
    /// problems are listed in the summary); without it one bad row refuses
    /// the whole file.
    pub skip_bad: bool,
}

/// What a customers import does with a row whose code is taken, or whose
/// name and phone or e-mail match a customer already there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Duplicates {
    /// The row is a problem: nothing is imported (the default).
    #[default]
    Refuse,
    /// Leave the customer as it is and go on.
    Skip,
    /// Replace the customer's details with the row's (its code stays).
    Update,
    /// Import the row as a new customer with a generated code.
    New,
}

impl Duplicates {
    /// Every choice, in menu order.
    pub const ALL: [Self; 4] = [Self::Refuse, Self::Skip, Self::Update, Self::New];

    /// The CLI name.
    pub fn cli_name(self) -> &'static str {
        match self {
            Self::Refuse => "refuse",
            Self::Skip => "skip",
            Self::Update => "update",
            Self::New => "new",
        }
    }
}

/// What an import did (or, for a dry run, would do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub rows: usize,
    /// Customer rows left out, and customers updated, as duplicates.
    pub skipped: usize,
    pub updated: usize,
    pub created_customers: Vec<String>,
    pub created_areas: Vec<String>,
    /// Columns of the file that no field uses (ignored).
    pub unknown_columns: Vec<String>,
    /// The encoding the text was read in (CSV), e.g. `GBK`.
    pub encoding: Option<&'static str>,
    /// Rows left out because they have problems (only with `skip_bad`).
    pub bad_skipped: usize,
    /// The problems of those rows, the first [`MAX_LISTED`] of them.
    pub problems: Vec<RowProblem>,
    /// How many problems there were in all (more than `problems.len()`
    /// when the list was cut).
    pub problems_total: usize,
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Map(Vec<MapError>),
    /// The problems of the bad rows (the first [`MAX_LISTED`]), and how
    /// many there were in all.
    #[error("{} bad rows", .total)]
    Rows { listed: Vec<RowProblem>, total: usize },
    /// The file has a header row and nothing else (or only blank rows).
    #[error("row 2: no data rows: the file has only its header row")]
    NoRows,
    #[error("cancelled")]
    Cancelled,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ImportError {
    /// The message in `lang` (English is the `Display` text). A database
    /// failure keeps SQLite's own English words.
    pub fn text(&self, lang: Lang) -> String {
        in_language(self, lang, Self::zh)
    }

    /// The message in Chinese.
    fn zh(&self) -> String {
        match self {
            Self::Read(e) => e.text(Lang::Zh),
            Self::Map(errors) => {
                errors.iter().map(|e| e.text(Lang::Zh)).collect::<Vec<_>>().join("\n")
            }
            Self::Rows { total, .. } => format!("{total} 个问题"),
            Self::NoRows => "第 2 行：没有数据行，文件只有标题行".to_owned(),
            Self::Cancelled => "已取消".to_owned(),
            Self::Store(e) => format!("数据库出错：{e}"),
        }
    }
}

/// An error's message in `lang`: its `Display` text in English, `zh` in
/// Chinese (a match, so that a new language is not silently English).
fn in_language<E: std::fmt::Display>(error: &E, lang: Lang, zh: fn(&E) -> String) -> String {
    match lang {
        Lang::En => error.to_string(),
        Lang::Zh => zh(error),
    }
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

/// What the caller of an import hears while it runs.
pub trait ImportHooks {
    /// The rows read so far, now and then; `false` cancels the import
    /// (nothing is written then).
    fn progress(&mut self, rows: usize) -> bool;

    /// The database was found sound and the import is about to write its
    /// first row (a dry run too, which then writes nothing).
    fn sound(&mut self) {}

    /// Every row was written and the transaction commits next (never for
    /// a dry run or a refused file); an error rolls the import back.
    /// [`backup_committed`] there keeps a copy of the database as it was,
    /// written only for an import that goes ahead.
    fn before_commit(&mut self) -> Result<(), StoreError> {
        Ok(())
    }
}

/// Hooks that only report progress.
struct Progress<'a>(&'a mut dyn FnMut(usize) -> bool);

impl ImportHooks for Progress<'_> {
    fn progress(&mut self, rows: usize) -> bool {
        (self.0)(rows)
    }
}

/// Hooks of an import that keeps an automatic backup ("import") of the
/// database as it was, to go back to if the imported data is not wanted.
/// The copy is written by [`backup_committed`] on a thread of its own once
/// the file was found sound, while the rows are read (its connection sees
/// only what was committed), and kept just before the rows are committed:
/// a refused or cancelled import leaves no backup behind and pushes none of
/// the kept ones out. A dry run writes none.
pub struct WithBackup<'a> {
    db: std::path::PathBuf,
    now: NaiveDateTime,
    dry_run: bool,
    progress: &'a mut dyn FnMut(usize) -> bool,
    writing: Option<std::thread::JoinHandle<Result<super::db::PendingBackup, StoreError>>>,
    /// The backup kept for an import that went ahead.
    pub kept: Option<std::path::PathBuf>,
    /// Why the backup could not be written (the import was rolled back).
    pub failed: Option<StoreError>,
}

impl<'a> WithBackup<'a> {
    /// Hooks for an import into `store` reporting to `progress`.
    pub fn new(
        store: &Store,
        now: NaiveDateTime,
        options: &ImportOptions,
        progress: &'a mut dyn FnMut(usize) -> bool,
    ) -> Self {
        let (db, dry_run) = (store.path().to_owned(), options.dry_run);
        Self { db, now, dry_run, progress, writing: None, kept: None, failed: None }
    }
}

impl ImportHooks for WithBackup<'_> {
    fn progress(&mut self, rows: usize) -> bool {
        (self.progress)(rows)
    }

    fn sound(&mut self) {
        if !self.dry_run {
            let (db, now) = (self.db.clone(), self.now);
            self.writing = Some(std::thread::spawn(move || backup_committed(&db, "import", now)));
        }
    }

    fn before_commit(&mut self) -> Result<(), StoreError> {
        let written = match self.writing.take().map(std::thread::JoinHandle::join) {
            Some(Ok(written)) => written,
            Some(Err(_)) => {
                Err(StoreError::Refused(super::Refusal::Said("the backup thread failed")))
            }
            None => Err(StoreError::Refused(super::Refusal::Said("no backup was started"))),
        };
        match written.and_then(|pending| Ok(pending.keep(super::db::BACKUPS_KEPT)?)) {
            Ok(kept) => {
                self.kept = Some(kept);
                Ok(())
            }
            Err(e) => {
                let said =
                    StoreError::Refused(super::Refusal::Said("the backup could not be written"));
                self.failed = Some(e);
                Err(said)
            }
        }
    }
}

impl Drop for WithBackup<'_> {
    /// A refused or cancelled import: the unkept backup is deleted once
    /// written (not left to a thread that outlives the import).
    fn drop(&mut self) {
        if let Some(writing) = self.writing.take() {
            drop(writing.join());
        }
    }
}

impl Store {
    /// Imports `path` (see the module docs). `progress` gets the rows read
    /// so far and returns `false` to cancel (nothing is written then).
    pub fn import_file(
        &mut self,
        path: &Path,
        options: &ImportOptions,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<ImportSummary, ImportError> {
        self.import_file_then(path, options, now, &mut Progress(progress))
    }

    /// As [`Self::import_file`], telling `hooks` how it goes.
    ///
    /// A store that has not checked its file yet
    /// ([`Store::open_checking_later`]) checks it on a connection of its
    /// own while the import reads the customers and areas it needs, and
    /// refuses a damaged file before the first row is written.
    pub fn import_file_then(
        &mut self,
        path: &Path,
        options: &ImportOptions,
        now: NaiveDateTime,
        hooks: &mut dyn ImportHooks,
    ) -> Result<ImportSummary, ImportError> {
        self.refuse_read_only()?;
        let db_path = self.path.clone();
        let source = table::open(path, options.encoding, options.sheet.as_deref())?;
        let headers = source.headers().to_vec();
        let mapping =
            map_columns(options.kind, &headers, &options.map).map_err(ImportError::Map)?;
        let mut check = self.damaged.get().is_none().then(|| {
            let db_path = db_path.clone();
            std::thread::spawn(move || super::db::quick_check_file(&db_path))
        });
        // A big page cache for this import only; the connection's own size
        // comes back afterwards, whatever happened.
        let cache: i64 = self.conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        // Transactions refer to customers by the ids read from the customers
        // table in this same transaction (which the app never deletes
        // from), so SQLite's own check of every row's customer_id, which
        // costs more than the rest of the insert, can only agree. It is off
        // for this import only (the pragma cannot change inside a
        // transaction); `check-db` still checks every reference.
        //
        // For the same reason the table's CHECK constraints are not
        // evaluated either: every value a transactions import writes was
        // built by the importer from typed values (a `YYYY-MM-DD` date of
        // the calendar; a created customer's fixed defaults and its history
        // row), so the constraints can only agree, and an `IN (…)` check
        // builds its list again for every row: 339,000 customers took 1.2 s
        // of constraint checks. `check-db` still checks every constraint.
        let unchecked = options.kind == ImportKind::Transactions;
        if unchecked {
            self.conn.pragma_update(None, "foreign_keys", false)?;
            self.conn.pragma_update(None, "ignore_check_constraints", true)?;
        }
        let result = table::read_ahead(source, |source| {
            let tx = self.conn.transaction()?;
            let sound = || {
                super::verdict(&self.damaged, &db_path, || match check.take() {
                    Some(running) => {
                        running.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
                    }
                    None => Ok(()),
                })
            };
            let summary = import_rows(&tx, source, &mapping, options, now, hooks, sound)?;
            if options.dry_run {
                tx.rollback()?;
            } else {
                hooks.before_commit()?;
                tx.commit()?;
            }
            Ok::<_, ImportError>(summary)
        });
        if let Some(running) = check {
            // Refused before it was needed (the file's rows, say): not a
            // thread left behind.
            drop(running.join());
        }
        let restored = self.conn.pragma_update(None, "cache_size", cache).and_then(|()| {
            if unchecked {
                self.conn.pragma_update(None, "ignore_check_constraints", false)?;
                self.conn.pragma_update(None, "foreign_keys", true)
            } else {
                Ok(())
            }
        });
        let summary = result?;
        restored?;
        Ok(ImportSummary { unknown_columns: mapping.unknown_columns().to_vec(), ..summary })
    }
}

/// Writes a rotating backup (`reason`) of the database at `db_path` as
/// it was last committed, through a read-only connection of its own, under
/// a temporary name until it is kept. In WAL mode that connection does not
/// see the rows an open import transaction writes, so it can run while the
/// rows are read and written, and be kept in [`Store::import_file_then`]'s
/// `before_commit`: it holds the database as it was before the import.
pub fn backup_committed(
    db_path: &Path,
    reason: &str,
    now: NaiveDateTime,
) -> Result<super::db::PendingBackup, StoreError> {
    let flags =
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let reader = Connection::open_with_flags(db_path, flags)?;
    Ok(super::db::pending_backup(&reader, db_path, reason, now)?)
}

/// The problems of the bad rows: the first [`MAX_LISTED`] in full, how many
/// in all, and how many rows had any.
#[derive(Default)]
struct Problems {
    listed: Vec<RowProblem>,
    total: usize,
    bad_rows: usize,
    last_bad_row: usize,
}

impl Problems {
    fn add(&mut self, problem: RowProblem) {
        self.total += 1;
        if problem.row != self.last_bad_row {
            self.last_bad_row = problem.row;
            self.bad_rows += 1;
        }
        if self.listed.len() < MAX_LISTED {
            self.listed.push(problem);
        }
    }
}

/// The customers and areas an import finds or creates, loaded for `options`.
fn known(conn: &Connection, options: &ImportOptions) -> rusqlite::Result<(Customers, Areas)> {
    let mut customers = Customers::load(conn, options.create_customers)?;
    customers.duplicates = options.duplicates;
    customers.tracking = options.skip_bad;
    if options.kind == ImportKind::Customers {
        customers.load_people(conn)?;
    }
    Ok((customers, Areas::load(conn)?))
}

fn import_rows(
    conn: &Connection,
    source: &mut table::ReadAhead<'_, ReadyTransaction>,
    mapping: &Mapping,
    options: &ImportOptions,
    now: NaiveDateTime,
    hooks: &mut dyn ImportHooks,
    sound: impl FnOnce() -> Result<(), StoreError>,
) -> Result<ImportSummary, ImportError> {
    let loaded = known(conn, options);
    // Nothing was written yet: a damaged file is refused here (also when
    // its damage is what stopped the reading).
    sound()?;
    let (mut customers, mut areas) = loaded?;
    hooks.sound();
    let mut problems = Problems::default();
    let mut rows = 0usize;
    // A problem the store found (not the row parser), shown at its field's cell.
    let store_problem = |row: usize, field: &str, cells: &[String], reason: Reason| {
        RowProblem::of_field(mapping, row, field, cells, reason)
    };
    let plain =
        (options.kind == ImportKind::Transactions).then(|| TransactionColumns::new(mapping));
    if let Some(columns) = &plain {
        let codes = Arc::clone(&customers.by_code.stored);
        let creates = options.create_customers;
        source.prepare_with(ReadyTransaction::preparer(columns.clone(), codes, creates));
    }
    let mut transactions = TransactionWriter::new(conn)?;
    let mut in_file = InFile::default();
    while let Some(next) = source.next_item() {
        let (row, item) = next?;
        rows += 1;
        if rows.is_multiple_of(PROGRESS_EVERY) && !hooks.progress(rows) {
            return Err(ImportError::Cancelled);
        }
        // Once a row failed nothing more is written and the rest is only
        // checked, unless bad rows are skipped.
        let write = options.skip_bad || problems.listed.is_empty();
        let cells = match item {
            Item::Cells(cells) => cells,
            Item::Ready(t) => {
                let state = (&mut customers, &mut transactions);
                if let Some(problem) = write_ready(conn, row, t, state, mapping, now, write)? {
                    problems.add(problem);
                }
                continue;
            }
        };
        // A plain transaction row needs no savepoint: its customer is
        // created whole or not at all, and its insert cannot fail for the
        // row's sake (a failure there stops the import).
        if let Some(t) = plain.as_ref().and_then(|columns| plain_transaction(columns, &cells)) {
            match customers.resolve_plain(conn, t.code, now, write) {
                Ok(customer) if write => transactions.insert(&t.row(customer))?,
                Ok(_) => {}
                Err(RowFailure::Row(_, reason)) => {
                    problems.add(store_problem(row, "customer_code", &cells, reason));
                }
                Err(RowFailure::Store(e)) => return Err(e.into()),
            }
            continue;
        }
        let parsed = match parse_row(mapping, row, &cells) {
            Ok(parsed) => parsed,
            Err(errors) => {
                errors.into_iter().for_each(|e| problems.add(e));
                continue;
            }
        };
        let state = (&mut customers, &mut areas, &mut in_file, &mut transactions);
        let written = write_parsed(conn, row, parsed, state, options, now, write)?;
        if let Err((field, reason)) = written {
            problems.add(store_problem(row, field, &cells, reason));
        }
    }
    if rows == 0 {
        return Err(ImportError::NoRows);
    }
    if !problems.listed.is_empty() && !options.skip_bad {
        return Err(ImportError::Rows { listed: problems.listed, total: problems.total });
    }
    customers.flush(conn, now)?;
    transactions.finish()?;
    hooks.progress(rows);
    Ok(ImportSummary {
        rows: rows - problems.bad_rows,
        bad_skipped: problems.bad_rows,
        problems: problems.listed,
        problems_total: problems.total,
        skipped: customers.skipped,
        updated: customers.updated,
        created_customers: customers.created,
        created_areas: areas.created,
        unknown_columns: Vec::new(),
        encoding: source.encoding().map(encoding_rs::Encoding::name),
    })
}

/// What an import finds, creates and writes as it goes.
type ImportState<'a, 'conn> =
    (&'a mut Customers, &'a mut Areas, &'a mut InFile, &'a mut TransactionWriter<'conn>);

/// Writes a row the reading thread prepared (or, when `write` is false,
/// only finds its customer); `Some` is the row's problem.
fn write_ready(
    conn: &Connection,
    row: usize,
    t: ReadyTransaction,
    (customers, transactions): (&mut Customers, &mut TransactionWriter<'_>),
    mapping: &Mapping,
    now: NaiveDateTime,
    write: bool,
) -> Result<Option<RowProblem>, ImportError> {
    let customer = match &t.buyer {
        Buyer::Known(id) => Ok(*id),
        Buyer::New(code) => customers.resolve_plain(conn, code, now, write),
    };
    match customer {
        Ok(customer) if write => transactions.queue(customer, t)?,
        Ok(_) => {}
        // Only a new code can be refused (and, as plain codes cannot be,
        // only by a change to what `resolve` checks).
        Err(RowFailure::Row(_, reason)) => {
            let code = match &t.buyer {
                Buyer::New(code) => code.as_str(),
                Buyer::Known(_) => "",
            };
            let column = mapping.column("customer_code").unwrap_or(0);
            return Ok(Some(RowProblem::at(mapping, row, column, code, reason)));
        }
        Err(RowFailure::Store(e)) => return Err(e.into()),
    }
    Ok(None)
}

/// Writes a parsed row, inside a savepoint when bad rows are skipped (so
/// that a row that fails half-way, its customer created and its own insert
/// refused, leaves nothing behind). The inner `Err` is the row's problem:
/// the field whose cell it is about, and why.
fn write_parsed(
    conn: &Connection,
    row: usize,
    parsed: ParsedRow,
    (customers, areas, in_file, transactions): ImportState<'_, '_>,
    options: &ImportOptions,
    now: NaiveDateTime,
    write: bool,
) -> rusqlite::Result<Result<(), (&'static str, Reason)>> {
    let mark = if write && options.skip_bad {
        transactions.flush()?;
        Some(RowMark::start(conn, customers, areas, now)?)
    } else {
        None
    };
    let result =
        write_row(conn, row, parsed, (customers, areas, in_file), transactions, now, write);
    match (result, mark) {
        (Ok(()), Some(_)) => RowMark::keep(conn)?,
        (Ok(()), None) => {}
        (Err(RowFailure::Row(field, reason)), mark) => {
            if let Some(mark) = mark {
                mark.undo(conn, customers, areas)?;
            }
            let field = field.unwrap_or_else(|| {
                options.kind.fields().iter().find(|f| f.required).map_or("", |f| f.name)
            });
            return Ok(Err((field, reason)));
        }
        (Err(RowFailure::Store(e)), _) => return Err(e),
    }
    Ok(Ok(()))
}

/// The CLI name of every import kind.
pub fn kind_names() -> Vec<&'static str> {
    ImportKind::ALL.iter().map(|k| k.cli_name()).collect()
}

#[cfg(test)]
mod tests;
