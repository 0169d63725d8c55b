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

pub mod decode;
pub mod preview;
pub mod table;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, Statement, params};

pub use decode::{DecodeError, EncodingChoice};
use table::Item;
pub use table::{ReadError, RowSource, sheet_names};

use super::{Store, StoreError, TIMESTAMP, bulk, customers, history};
use crate::domain::Lang;
use crate::domain::customer::{CustomerData, CustomerId, generated_code, generated_code_number};
use crate::domain::history::Action;
use crate::domain::import::problems::{YEARS, cell_problem};
use crate::domain::import::values::parse_quantity;
use crate::domain::import::{
    ImportKind, MapError, Mapping, ParsedRow, Reason, RowProblem, map_columns, parse_row,
};
use crate::domain::records::AcCheckRow;
use crate::domain::terms::ComplaintStatus;

/// How many row problems are kept in full (the rest are only counted).
pub const MAX_LISTED: usize = 1_000;
/// Rows between two progress reports.
const PROGRESS_EVERY: usize = 16_384;
/// SQLite's page cache during an import, in KiB (SQLite takes a negative
/// `cache_size` as KiB). Pages are allocated only when used; with the
/// default 2 MiB, a million rows' index pages are written out and read back
/// again and again.
const IMPORT_CACHE_KIB: i64 = 256 * 1024;
/// How a transaction row is inserted.
const INSERT_TRANSACTION: &str = "INSERT INTO transactions \
     (customer_id, date, amount_cents, order_no, product, quantity) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

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
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Read(e) => e.text(lang),
            Self::Map(errors) => errors.iter().map(|e| e.text(lang)).collect::<Vec<_>>().join("\n"),
            Self::Rows { total, .. } => format!("{total} 个问题"),
            Self::NoRows => "第 2 行：没有数据行，文件只有标题行".to_owned(),
            Self::Cancelled => "已取消".to_owned(),
            Self::Store(e) => format!("数据库出错：{e}"),
        }
    }
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

/// The multiply-rotate hash of rustc (`FxHasher`), with a final mix:
/// several times faster than the default SipHash on short keys such as
/// customer codes. Its weakness against keys crafted to collide does not
/// matter for a file the user chose to import.
#[derive(Clone, Copy, Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    /// Mixes the high bits into the low ones (MurmurHash3's finaliser):
    /// the multiply-rotate steps alone leave the low bits, which pick the
    /// bucket, depending on only a few input bytes.
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

type Fx = BuildHasherDefault<FxHasher>;

/// A code of at most 23 bytes kept inside the map's own table (its length,
/// then its bytes, then zeros), so that neither loading nor looking one up
/// follows a pointer or allocates.
#[derive(Clone, Copy, PartialEq, Eq)]
struct ShortCode([u8; 24]);

impl ShortCode {
    fn new(code: &str) -> Option<Self> {
        let bytes = code.as_bytes();
        let len = u8::try_from(bytes.len()).ok().filter(|n| *n < 24)?;
        let mut key = [0u8; 24];
        key[0] = len;
        key[1..=bytes.len()].copy_from_slice(bytes);
        Some(Self(key))
    }
}

impl Hash for ShortCode {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for word in self.0.chunks_exact(8) {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(word);
            state.write_u64(u64::from_le_bytes(bytes));
        }
    }
}

/// A map keyed by customer code: short codes inline, longer ones boxed.
struct CodeMap<V> {
    short: HashMap<ShortCode, V, Fx>,
    long: HashMap<Box<str>, V, Fx>,
}

impl<V> CodeMap<V> {
    fn with_capacity(n: usize) -> Self {
        Self {
            short: HashMap::with_capacity_and_hasher(n, Fx::default()),
            long: HashMap::default(),
        }
    }

    fn get(&self, code: &str) -> Option<&V> {
        match ShortCode::new(code) {
            Some(key) => self.short.get(&key),
            None => self.long.get(code),
        }
    }

    fn insert(&mut self, code: &str, value: V) {
        match ShortCode::new(code) {
            Some(key) => self.short.insert(key, value),
            None => self.long.insert(code.into(), value),
        };
    }

    fn remove(&mut self, code: &str) {
        match ShortCode::new(code) {
            Some(key) => self.short.remove(&key),
            None => self.long.remove(code),
        };
    }

    fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }
}

/// The customer codes an import knows: those of the database when it
/// started (shared with the reading thread, which looks up the plain rows'
/// customers there, see [`ReadyTransaction`]), and those the import added.
/// `None`: a trashed customer's code, known but not usable.
struct KnownCodes {
    stored: Arc<CodeMap<Option<CustomerId>>>,
    added: CodeMap<Option<CustomerId>>,
}

impl KnownCodes {
    fn get(&self, code: &str) -> Option<&Option<CustomerId>> {
        if self.added.is_empty() {
            return self.stored.get(code);
        }
        self.added.get(code).or_else(|| self.stored.get(code))
    }

    fn contains_key(&self, code: &str) -> bool {
        self.get(code).is_some()
    }

    fn insert(&mut self, code: &str, id: Option<CustomerId>) {
        self.added.insert(code, id);
    }

    /// Forgets a code this import added.
    fn remove(&mut self, code: &str) {
        self.added.remove(code);
    }
}

/// Looks up customers by code and creates missing ones when allowed.
struct Customers {
    by_code: KnownCodes,
    next_number: u64,
    create: bool,
    created: Vec<String>,
    /// Codes given by rows of a customers file, with the first row of each.
    in_file: HashMap<String, usize>,
    /// `(name, phone or e-mail)` of live customers (customers imports only).
    by_person: HashMap<(String, String), CustomerId>,
    duplicates: Duplicates,
    skipped: usize,
    updated: usize,
    /// Whether the codes a row adds are kept in `added` (so that a row
    /// rolled back can be forgotten: only while bad rows are skipped).
    tracking: bool,
    /// The codes the current row added to `by_code`.
    added: Vec<String>,
}

impl Customers {
    fn load(conn: &Connection, create: bool) -> rusqlite::Result<Self> {
        // Sized once (the count reads the small index of the codes).
        let count: i64 = conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
        let mut by_code = CodeMap::with_capacity(usize::try_from(count).unwrap_or(0));
        let mut stmt = conn.prepare("SELECT code, id, deleted_at IS NULL FROM customers")?;
        let mut next_number = 0;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let code = row.get_ref(0)?.as_str()?;
            let live: bool = row.get(2)?;
            next_number = next_number.max(generated_code_number(code).unwrap_or(0));
            // A trashed customer's code is known but not usable.
            by_code.insert(code, live.then_some(CustomerId(row.get(1)?)));
        }
        Ok(Self {
            by_code: KnownCodes { stored: Arc::new(by_code), added: CodeMap::with_capacity(0) },
            next_number: next_number + 1,
            create,
            created: Vec::new(),
            in_file: HashMap::new(),
            by_person: HashMap::new(),
            duplicates: Duplicates::Refuse,
            skipped: 0,
            updated: 0,
            tracking: false,
            added: Vec::new(),
        })
    }

    /// Adds a code that was not known (a customer this import creates).
    fn add_code(&mut self, code: &str, id: CustomerId) {
        if self.tracking && !self.by_code.contains_key(code) {
            self.added.push(code.to_owned());
        }
        self.by_code.insert(code, Some(id));
    }

    /// Loads the name/phone and name/e-mail keys of live customers.
    fn load_people(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let mut stmt =
            conn.prepare("SELECT id, name, phone, email FROM customers WHERE deleted_at IS NULL")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id = CustomerId(row.get(0)?);
            let (name, phone, email): (String, String, String) =
                (row.get(1)?, row.get(2)?, row.get(3)?);
            self.remember_person(id, &name, &phone, &email);
        }
        Ok(())
    }

    fn remember_person(&mut self, id: CustomerId, name: &str, phone: &str, email: &str) {
        for contact in [phone, email] {
            if let Some(key) = contact_key(contact) {
                self.by_person.insert((name.trim().to_owned(), key), id);
            }
        }
    }

    /// The live customer this row duplicates (same code, or same name and
    /// phone or e-mail), and whether its code is taken at all.
    fn duplicate_of(&self, data: &CustomerData) -> (Option<CustomerId>, bool) {
        let by_code = data.code.as_deref().and_then(|c| self.by_code.get(c).copied());
        let person = [&data.phone, &data.email].into_iter().find_map(|contact| {
            let key = contact_key(contact)?;
            self.by_person.get(&(data.name.trim().to_owned(), key)).copied()
        });
        (by_code.flatten().or(person), by_code.is_some() || person.is_some())
    }

    /// The id for a code, creating the customer when allowed (the customer
    /// and its history entry, or neither). `Err` is what is wrong with the
    /// row (at its `customer_code`), or a database failure.
    fn resolve(
        &mut self,
        conn: &Connection,
        code: &str,
        now: NaiveDateTime,
        write: bool,
    ) -> Result<CustomerId, RowFailure> {
        let refused = |reason| Err(RowFailure::customer(reason));
        match self.by_code.get(code) {
            Some(Some(id)) => return Ok(*id),
            Some(None) => return refused(Reason::CustomerInTrash { code: code.to_owned() }),
            None if !self.create => {
                return refused(Reason::UnknownCustomer { code: code.to_owned() });
            }
            None => {}
        }
        let id = if write {
            let create = || {
                let id = customers::insert(conn, None, code, &CustomerData::named(code), now)?;
                history::record(conn, history::CUSTOMER, id.0, Action::Create, now, &[])?;
                Ok(id)
            };
            in_savepoint(conn, "import_customer", create).map_err(|e| match row_or_store(e) {
                RowFailure::Row(_, reason) => RowFailure::customer(reason),
                fatal @ RowFailure::Store(_) => fatal,
            })?
        } else {
            CustomerId(-1)
        };
        self.add_code(code, id);
        self.created.push(code.to_owned());
        Ok(id)
    }

    /// A code for a new customer from the file: its own, or the next
    /// generated one.
    fn new_code(&mut self, wanted: Option<&str>) -> Result<String, Reason> {
        match wanted {
            Some(code) if self.by_code.contains_key(code) => {
                Err(Reason::CodeExists { code: code.to_owned(), choices: false })
            }
            Some(code) => Ok(code.to_owned()),
            None => loop {
                let code = generated_code(self.next_number);
                self.next_number += 1;
                if !self.by_code.contains_key(&code) {
                    break Ok(code);
                }
            },
        }
    }
}

/// How a phone or e-mail is compared: e-mails without case, phones by their
/// digits only (`138 0013 8000` = `13800138000`); `None` when empty.
fn contact_key(contact: &str) -> Option<String> {
    let contact = contact.trim();
    let key = if contact.contains('@') {
        contact.to_lowercase()
    } else {
        contact.chars().filter(char::is_ascii_digit).collect()
    };
    (!key.is_empty()).then_some(key)
}

/// Runs `write` inside a savepoint named `name`: what it wrote stays when
/// it succeeds and is undone when it fails, leaving the transaction open.
fn in_savepoint<T>(
    conn: &Connection,
    name: &str,
    write: impl FnOnce() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    conn.prepare_cached(&format!("SAVEPOINT {name}"))?.execute([])?;
    match write() {
        Ok(value) => {
            conn.prepare_cached(&format!("RELEASE {name}"))?.execute([])?;
            Ok(value)
        }
        Err(e) => {
            conn.execute_batch(&format!("ROLLBACK TO {name}; RELEASE {name}"))?;
            Err(e)
        }
    }
}

/// A database error about the row itself (a value the table's constraints
/// or triggers refuse, one too big) is a problem with that row; any other
/// (I/O, a full disk, a busy or damaged file) stops the whole import.
fn row_or_store(e: rusqlite::Error) -> RowFailure {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation | rusqlite::ErrorCode::TooBig) => {
            RowFailure::Row(None, Reason::Database(e.to_string()))
        }
        _ => RowFailure::Store(e),
    }
}

/// What the import knew before a row that is written inside a savepoint, so
/// that a row rolled back is forgotten too (with `--skip-bad`).
struct RowMark {
    created: usize,
    updated: usize,
    next_number: u64,
    areas: usize,
}

impl RowMark {
    /// Opens the row's savepoint and notes what is known.
    fn start(
        conn: &Connection,
        customers: &mut Customers,
        areas: &Areas,
    ) -> rusqlite::Result<Self> {
        conn.prepare_cached("SAVEPOINT import_row")?.execute([])?;
        customers.added.clear();
        Ok(Self {
            created: customers.created.len(),
            updated: customers.updated,
            next_number: customers.next_number,
            areas: areas.created.len(),
        })
    }

    /// Keeps what the row wrote.
    fn keep(conn: &Connection) -> rusqlite::Result<()> {
        conn.prepare_cached("RELEASE import_row")?.execute([])?;
        Ok(())
    }

    /// Undoes what the row wrote, and forgets the customers and areas it
    /// created.
    fn undo(
        self,
        conn: &Connection,
        customers: &mut Customers,
        areas: &mut Areas,
    ) -> rusqlite::Result<()> {
        conn.prepare_cached("ROLLBACK TO import_row")?.execute([])?;
        conn.prepare_cached("RELEASE import_row")?.execute([])?;
        for code in customers.added.drain(..) {
            customers.by_code.remove(&code);
            customers.in_file.remove(&code);
        }
        customers.created.truncate(self.created);
        customers.updated = self.updated;
        customers.next_number = self.next_number;
        for name in areas.created.drain(self.areas..) {
            areas.by_name.remove(&name);
        }
        Ok(())
    }
}

/// AC areas by name; unknown ones are created.
struct Areas {
    by_name: HashMap<String, i64>,
    created: Vec<String>,
}

impl Areas {
    fn load(conn: &Connection) -> rusqlite::Result<Self> {
        let mut stmt = conn.prepare("SELECT name, id FROM ac_areas")?;
        let by_name =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        Ok(Self { by_name, created: Vec::new() })
    }

    fn resolve(&mut self, conn: &Connection, name: &str, write: bool) -> rusqlite::Result<i64> {
        if let Some(id) = self.by_name.get(name) {
            return Ok(*id);
        }
        let id = if write {
            conn.execute("INSERT INTO ac_areas (name) VALUES (?1)", [name])?;
            conn.last_insert_rowid()
        } else {
            -1 - i64::try_from(self.created.len()).unwrap_or(0)
        };
        self.by_name.insert(name.to_owned(), id);
        self.created.push(name.to_owned());
        Ok(id)
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
        self.import_file_then(path, options, now, progress, &mut |_| Ok(()))
    }

    /// As [`Self::import_file`]; `before_commit` runs once every row was
    /// written, just before the transaction commits (never for a dry run or
    /// a refused file), with the database's path; an error from it rolls the
    /// import back. [`backup_committed`] there keeps a copy of the database
    /// as it was, written only for an import that goes ahead.
    pub fn import_file_then(
        &mut self,
        path: &Path,
        options: &ImportOptions,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(usize) -> bool,
        before_commit: &mut dyn FnMut(&Path) -> Result<(), StoreError>,
    ) -> Result<ImportSummary, ImportError> {
        let db_path = self.path.clone();
        let source = table::open(path, options.encoding, options.sheet.as_deref())?;
        let headers = source.headers().to_vec();
        let mapping =
            map_columns(options.kind, &headers, &options.map).map_err(ImportError::Map)?;
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
        let unchecked = options.kind == ImportKind::Transactions;
        if unchecked {
            self.conn.pragma_update(None, "foreign_keys", false)?;
        }
        let result = table::read_ahead(source, |source| {
            let tx = self.conn.transaction()?;
            let summary = import_rows(&tx, source, &mapping, options, now, progress)?;
            if options.dry_run {
                tx.rollback()?;
            } else {
                before_commit(&db_path)?;
                tx.commit()?;
            }
            Ok::<_, ImportError>(summary)
        });
        let restored = self.conn.pragma_update(None, "cache_size", cache).and_then(|()| {
            if unchecked { self.conn.pragma_update(None, "foreign_keys", true) } else { Ok(()) }
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

/// The columns of a transactions file, looked up once per import.
#[derive(Clone)]
struct TransactionColumns {
    code: Option<usize>,
    date: Option<usize>,
    amount: Option<usize>,
    order_no: Option<usize>,
    product: Option<usize>,
    quantity: Option<usize>,
    /// How many columns the header has: rows with another number of cells
    /// go to the parser.
    width: usize,
}

impl TransactionColumns {
    fn new(mapping: &Mapping) -> Self {
        Self {
            width: mapping.headers().len(),
            code: mapping.column("customer_code"),
            date: mapping.column("date"),
            amount: mapping.column("amount"),
            order_no: mapping.column("order_no"),
            product: mapping.column("product"),
            quantity: mapping.column("quantity"),
        }
    }
}

/// A transaction row read without allocating, its text borrowed from the
/// row's cells.
#[derive(Debug, PartialEq)]
struct PlainTransaction<'a> {
    code: &'a str,
    /// The date as written, already `YYYY-MM-DD`.
    date: &'a str,
    amount_cents: i64,
    order_no: &'a str,
    product: &'a str,
    quantity: Option<f64>,
}

/// Reads a transaction row whose cells have the plain shapes: as many cells
/// as the header has columns, a customer code of 1–32 visible ASCII
/// characters that does not start like a formula or an Excel error, a
/// `YYYY-MM-DD` date in the calendar and in [`YEARS`], an amount of digits
/// with an optional `-` and 1–2 decimals, a quantity of 0 or more the full
/// parser reads, an order number and product that [`cell_problem`] passes,
/// and no cell starting with the formula escape `'`. `None` for any other
/// row: the full parser reads it then (and says what is wrong with it), so
/// this never decides differently.
fn plain_transaction<'a, S: AsRef<str>>(
    columns: &TransactionColumns,
    cells: &'a [S],
) -> Option<PlainTransaction<'a>> {
    // As the row parser reads a cell: trimmed, empty when missing; a cell
    // that starts with `'` goes to the full parser.
    let text = |column: Option<usize>| -> Option<&'a str> {
        let text = column.and_then(|c| cells.get(c)).map_or("", |cell| cell.as_ref().trim());
        (!text.starts_with('\'')).then_some(text)
    };
    if cells.len() != columns.width {
        return None;
    }
    let code = text(columns.code)?;
    // Codes the customer rules accept: no spaces, at most 32 characters.
    if code.is_empty()
        || code.len() > 32
        || !code.bytes().all(|b| b.is_ascii_graphic())
        || code.starts_with(['=', '+', '-', '@', '#'])
    {
        return None;
    }
    let date = text(columns.date)?;
    plain_date(date)?;
    let amount_cents = plain_cents(text(columns.amount)?)?;
    let quantity = match text(columns.quantity)? {
        "" => None,
        quantity => Some(parse_quantity(quantity).ok().filter(|q| *q >= 0.0)?),
    };
    let order_no = text(columns.order_no)?;
    let product = text(columns.product)?;
    if cell_problem(order_no).is_some() || cell_problem(product).is_some() {
        return None;
    }
    Some(PlainTransaction { code, date, amount_cents, order_no, product, quantity })
}

/// A plain transaction row (see [`plain_transaction`]) that the reading
/// thread parsed, its customer found among the codes the database held when
/// the import started: all the writing thread does is insert it. (That
/// lookup and parse took about a third of the writing thread's time, while
/// the reading thread waited on it most of the time.)
#[derive(Debug, PartialEq)]
struct ReadyTransaction {
    customer: CustomerId,
    /// `YYYY-MM-DD`.
    date: [u8; 10],
    amount_cents: i64,
    order_no: String,
    product: String,
    quantity: Option<f64>,
}

impl ReadyTransaction {
    /// What the reading thread makes of the rows of a transactions file:
    /// a row with a live customer among `codes` when it is plain, its cells
    /// otherwise (then the writing thread reads it as before, and says what
    /// is wrong with it or creates its customer).
    fn preparer(
        columns: TransactionColumns,
        codes: Arc<CodeMap<Option<CustomerId>>>,
    ) -> table::Prepare<Self> {
        Box::new(move |cells| {
            let t = plain_transaction(&columns, cells)?;
            let customer = (*codes.get(t.code)?)?;
            Some(Self {
                customer,
                date: t.date.as_bytes().try_into().ok()?,
                amount_cents: t.amount_cents,
                order_no: t.order_no.to_owned(),
                product: t.product.to_owned(),
                quantity: t.quantity,
            })
        })
    }

    fn date(&self) -> &str {
        // Ten ASCII bytes, as `plain_transaction` read them.
        std::str::from_utf8(&self.date).unwrap_or_default()
    }
}

/// `YYYY-MM-DD` that is a day of the calendar.
fn plain_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| {
        b[range]
            .iter()
            .try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let year = i32::try_from(digits(0..4)?).ok().filter(|y| YEARS.contains(y))?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// Cents of `D`, `D.C` or `D.CC` with an optional leading `-` and at most
/// 15 integer digits (so it cannot overflow).
fn plain_cents(text: &str) -> Option<i64> {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if int.is_empty() || int.len() > 15 || (text.contains('.') && frac.is_empty()) {
        return None;
    }
    if frac.len() > 2 {
        return None;
    }
    let mut cents: i64 = 0;
    for d in int.bytes().chain(frac.bytes()) {
        if !d.is_ascii_digit() {
            return None;
        }
        cents = cents * 10 + i64::from(d - b'0');
    }
    if frac.len() < 2 {
        cents *= if frac.is_empty() { 100 } else { 10 };
    }
    Some(if negative { -cents } else { cents })
}

/// Inserts the transactions of one import with one prepared statement.
///
/// A big import into a table much smaller than it builds the table's
/// indexes once at the end instead of inserting every row into them (SQLite
/// sorts a million keys several times faster than it inserts them one by
/// one in random order): once as many rows were inserted as the table had
/// (and at least [`Self::DEFER_INDEXES_AFTER`]), the indexes are dropped, and
/// [`Self::finish`] creates them again from their stored SQL. It all happens
/// inside the import's transaction, so a failed import rolls the indexes
/// back too.
struct TransactionWriter<'conn> {
    conn: &'conn Connection,
    stmt: Statement<'conn>,
    inserted: u64,
    /// Rows after which the indexes are dropped; `u64::MAX` once they are.
    defer_after: u64,
    /// The `CREATE INDEX` statements of dropped indexes.
    dropped: Vec<String>,
}

impl<'conn> TransactionWriter<'conn> {
    /// The fewest rows for which building the indexes at the end pays.
    const DEFER_INDEXES_AFTER: u64 = 20_000;
    /// The page cache while the indexes are built, in KiB (SQLite's default).
    const SORT_CACHE_KIB: i64 = 2_048;

    fn new(conn: &'conn Connection) -> rusqlite::Result<Self> {
        let existing: Option<i64> =
            conn.query_row("SELECT max(rowid) FROM transactions", [], |r| r.get(0))?;
        let existing = u64::try_from(existing.unwrap_or(0)).unwrap_or(0);
        Ok(Self {
            conn,
            stmt: conn.prepare(INSERT_TRANSACTION)?,
            inserted: 0,
            defer_after: existing.max(Self::DEFER_INDEXES_AFTER),
            dropped: Vec::new(),
        })
    }

    /// Inserts one transaction row.
    fn insert(
        &mut self,
        customer: CustomerId,
        date: &str,
        amount_cents: i64,
        order_no: &str,
        product: &str,
        quantity: Option<f64>,
    ) -> rusqlite::Result<()> {
        let stmt = &mut self.stmt;
        stmt.raw_bind_parameter(1, customer.0)?;
        stmt.raw_bind_parameter(2, date)?;
        stmt.raw_bind_parameter(3, amount_cents)?;
        stmt.raw_bind_parameter(4, order_no)?;
        stmt.raw_bind_parameter(5, product)?;
        stmt.raw_bind_parameter(6, quantity)?;
        stmt.raw_execute()?;
        self.inserted += 1;
        if self.inserted == self.defer_after {
            self.drop_indexes()?;
        }
        Ok(())
    }

    fn drop_indexes(&mut self) -> rusqlite::Result<()> {
        self.defer_after = u64::MAX;
        let mut stmt = self.conn.prepare(
            "SELECT name, sql FROM sqlite_schema \
             WHERE type = 'index' AND tbl_name = 'transactions' AND sql IS NOT NULL",
        )?;
        let indexes: Vec<(String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        for (name, sql) in indexes {
            self.conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
            self.dropped.push(sql);
        }
        Ok(())
    }

    /// Creates the dropped indexes again.
    fn finish(self) -> rusqlite::Result<()> {
        if self.dropped.is_empty() {
            return Ok(());
        }
        // SQLite sorts the keys in runs the size of the page cache and then
        // merges them: runs of a few MiB stay in the processor's caches,
        // while one run of a million keys in the import's big page cache
        // sorts about twice as slowly.
        let cache: i64 = self.conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", -Self::SORT_CACHE_KIB)?;
        for sql in &self.dropped {
            self.conn.execute_batch(sql)?;
        }
        self.conn.pragma_update(None, "cache_size", cache)?;
        Ok(())
    }
}

fn import_rows(
    conn: &Connection,
    source: &mut table::ReadAhead<'_, ReadyTransaction>,
    mapping: &Mapping,
    options: &ImportOptions,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<ImportSummary, ImportError> {
    let mut customers = Customers::load(conn, options.create_customers)?;
    customers.duplicates = options.duplicates;
    customers.tracking = options.skip_bad;
    if options.kind == ImportKind::Customers {
        customers.load_people(conn)?;
    }
    let mut areas = Areas::load(conn)?;
    let mut listed: Vec<RowProblem> = Vec::new();
    let mut total_bad = 0usize;
    let mut bad_rows = 0usize;
    let mut last_bad_row = 0usize;
    let mut rows = 0usize;
    let mut fail = |problem: RowProblem, listed: &mut Vec<RowProblem>| {
        total_bad += 1;
        if problem.row != last_bad_row {
            last_bad_row = problem.row;
            bad_rows += 1;
        }
        if listed.len() < MAX_LISTED {
            listed.push(problem);
        }
    };
    // A problem the store found (not the row parser), shown at its field's cell.
    let store_problem = |row: usize, field: &str, cells: &[String], reason: Reason| {
        RowProblem::of_field(mapping, row, field, cells, reason)
    };
    let plain =
        (options.kind == ImportKind::Transactions).then(|| TransactionColumns::new(mapping));
    if let Some(columns) = &plain {
        let codes = Arc::clone(&customers.by_code.stored);
        source.prepare_with(ReadyTransaction::preparer(columns.clone(), codes));
    }
    let mut transactions = TransactionWriter::new(conn)?;
    while let Some(next) = source.next_item() {
        let (row, item) = next?;
        rows += 1;
        if rows.is_multiple_of(PROGRESS_EVERY) && !progress(rows) {
            return Err(ImportError::Cancelled);
        }
        // Once a row failed nothing more is written and the rest is only
        // checked, unless bad rows are skipped.
        let write = options.skip_bad || listed.is_empty();
        let cells = match item {
            Item::Cells(cells) => cells,
            Item::Ready(t) => {
                if write {
                    let (order_no, product) = (&t.order_no, &t.product);
                    let (customer, date, cents) = (t.customer, t.date(), t.amount_cents);
                    transactions.insert(customer, date, cents, order_no, product, t.quantity)?;
                }
                continue;
            }
        };
        // A plain transaction row needs no savepoint: its customer is
        // created whole or not at all, and its insert cannot fail for the
        // row's sake (a failure there stops the import).
        if let Some(t) = plain.as_ref().and_then(|columns| plain_transaction(columns, &cells)) {
            match customers.resolve(conn, t.code, now, write) {
                Ok(customer) if write => transactions.insert(
                    customer,
                    t.date,
                    t.amount_cents,
                    t.order_no,
                    t.product,
                    t.quantity,
                )?,
                Ok(_) => {}
                Err(RowFailure::Row(_, reason)) => {
                    fail(store_problem(row, "customer_code", &cells, reason), &mut listed);
                }
                Err(RowFailure::Store(e)) => return Err(e.into()),
            }
            continue;
        }
        let parsed = match parse_row(mapping, row, &cells) {
            Ok(parsed) => parsed,
            Err(errors) => {
                for e in errors {
                    fail(e, &mut listed);
                }
                continue;
            }
        };
        // With bad rows skipped, a row that fails half-way (its customer
        // created, its own insert refused) must leave nothing behind.
        let mark = if write && options.skip_bad {
            Some(RowMark::start(conn, &mut customers, &areas)?)
        } else {
            None
        };
        let result =
            write_row(conn, row, parsed, &mut customers, &mut areas, &mut transactions, now, write);
        match (result, mark) {
            (Ok(()), Some(_)) => RowMark::keep(conn)?,
            (Ok(()), None) => {}
            (Err(RowFailure::Row(field, reason)), mark) => {
                if let Some(mark) = mark {
                    mark.undo(conn, &mut customers, &mut areas)?;
                }
                let field = field.unwrap_or_else(|| {
                    options.kind.fields().iter().find(|f| f.required).map_or("", |f| f.name)
                });
                fail(store_problem(row, field, &cells, reason), &mut listed);
            }
            (Err(RowFailure::Store(e)), _) => return Err(e.into()),
        }
    }
    if rows == 0 {
        return Err(ImportError::NoRows);
    }
    if !listed.is_empty() && !options.skip_bad {
        return Err(ImportError::Rows { listed, total: total_bad });
    }
    transactions.finish()?;
    progress(rows);
    Ok(ImportSummary {
        rows: rows - bad_rows,
        bad_skipped: bad_rows,
        problems: listed,
        problems_total: total_bad,
        skipped: customers.skipped,
        updated: customers.updated,
        created_customers: customers.created,
        created_areas: areas.created,
        unknown_columns: Vec::new(),
        encoding: source.encoding().map(encoding_rs::Encoding::name),
    })
}

/// Why a row was not written: a problem with the row (the field whose cell
/// it is about, `None` for the row as a whole, and the reason), or a
/// database failure that stops the whole import.
enum RowFailure {
    Row(Option<&'static str>, Reason),
    Store(rusqlite::Error),
}

impl RowFailure {
    /// A problem with the customer code (`customer_code`; `code` in a
    /// customers file).
    fn customer(reason: Reason) -> Self {
        Self::Row(Some("customer_code"), reason)
    }
}

/// Writes one parsed row (or, when `write` is false, only resolves it).
#[allow(clippy::too_many_arguments)] // The import's state, passed apart for the borrow checker.
fn write_row(
    conn: &Connection,
    row: usize,
    parsed: ParsedRow,
    customers: &mut Customers,
    areas: &mut Areas,
    transactions: &mut TransactionWriter<'_>,
    now: NaiveDateTime,
    write: bool,
) -> Result<(), RowFailure> {
    let db = row_or_store;
    let stamp = |t: NaiveDateTime| t.format(TIMESTAMP).to_string();
    match parsed {
        ParsedRow::Customer(mut data) => {
            // The same code twice in one file is a mistake whatever the choice.
            if let Some(code) = data.code.as_deref()
                && let Some(&first_row) = customers.in_file.get(code)
            {
                let reason = Reason::RepeatedInFile { code: code.to_owned(), first_row };
                return Err(RowFailure::Row(Some("code"), reason));
            }
            let (existing, taken) = customers.duplicate_of(&data);
            if taken {
                match (customers.duplicates, existing) {
                    (Duplicates::Refuse, _) => {
                        return Err(match &data.code {
                            Some(code) if customers.by_code.contains_key(code) => {
                                let code = code.clone();
                                RowFailure::Row(
                                    Some("code"),
                                    Reason::CodeExists { code, choices: true },
                                )
                            }
                            _ => RowFailure::Row(Some("name"), Reason::SamePerson),
                        });
                    }
                    (Duplicates::Skip, _) => {
                        customers.skipped += 1;
                        return Ok(());
                    }
                    (Duplicates::Update, Some(id)) => {
                        customers.updated += 1;
                        if write && id.0 > 0 {
                            let stored = customers::get(conn, id).map_err(|e| match e {
                                StoreError::Sqlite(e) => row_or_store(e),
                                other => RowFailure::Row(None, Reason::Database(other.to_string())),
                            })?;
                            let code = stored.customer.code.clone();
                            customers::update(conn, id, &code, &data, now).map_err(db)?;
                            let changes = stored
                                .customer
                                .data
                                .diff(&CustomerData { code: Some(code), ..data });
                            history::record(
                                conn,
                                history::CUSTOMER,
                                id.0,
                                Action::Update,
                                now,
                                &changes,
                            )
                            .map_err(db)?;
                        }
                        return Ok(());
                    }
                    (Duplicates::Update, None) => {
                        let code = data.code.clone().unwrap_or_default();
                        return Err(RowFailure::Row(
                            Some("code"),
                            Reason::CustomerInTrash { code },
                        ));
                    }
                    (Duplicates::New, _) => {
                        // Keep the row's own code unless another customer has it.
                        if data.code.as_deref().is_some_and(|c| customers.by_code.contains_key(c)) {
                            data.code = None;
                        }
                    }
                }
            }
            let code = customers
                .new_code(data.code.as_deref())
                .map_err(|r| RowFailure::Row(Some("code"), r))?;
            if data.code.is_some() {
                customers.in_file.insert(code.clone(), row);
            }
            customers.add_code(&code, CustomerId(-1));
            if write {
                let id = customers::insert(conn, None, &code, &data, now).map_err(db)?;
                history::record(conn, history::CUSTOMER, id.0, Action::Create, now, &[])
                    .map_err(db)?;
                customers.by_code.insert(&code, Some(id));
                customers.remember_person(id, &data.name, &data.phone, &data.email);
            }
        }
        ParsedRow::Transaction {
            customer_code,
            date,
            amount_cents,
            order_no,
            product,
            quantity,
        } => {
            let customer = customers.resolve(conn, &customer_code, now, write)?;
            if write {
                let date = date.format("%Y-%m-%d").to_string();
                transactions
                    .insert(customer, &date, amount_cents, &order_no, &product, quantity)
                    .map_err(RowFailure::Store)?;
            }
        }
        ParsedRow::Activity {
            customer_code,
            at,
            kind,
            subject,
            outcome,
            next_step,
            next_step_due,
            opportunity,
        } => {
            // Checked before the customer is resolved (which may create it),
            // so that a skipped row leaves nothing behind, and in a dry run too.
            if let Some(id) = opportunity {
                let exists: bool = conn
                    .query_row(
                        "SELECT EXISTS (SELECT 1 FROM opportunities WHERE id = ?1)",
                        [id],
                        |r| r.get(0),
                    )
                    .map_err(db)?;
                if !exists {
                    return Err(RowFailure::Row(Some("opportunity"), Reason::NoOpportunity { id }));
                }
            }
            let customer = customers.resolve(conn, &customer_code, now, write)?;
            if write {
                conn.execute(
                    "INSERT INTO activities (customer_id, opportunity_id, kind, at, subject, outcome, \
                     next_step, next_step_due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        customer.0,
                        opportunity,
                        kind.code(),
                        stamp(at),
                        subject,
                        outcome,
                        next_step,
                        next_step_due.map(|d| d.to_string())
                    ],
                )
                .map_err(db)?;
            }
        }
        ParsedRow::Complaint {
            customer_code,
            received_at,
            kind,
            channel,
            category,
            description,
            first_handler,
            first_response_at,
            resolved_at,
            resolution,
            status,
        } => {
            let customer = customers.resolve(conn, &customer_code, now, write)?;
            let status = status.unwrap_or(if resolved_at.is_some() {
                ComplaintStatus::Resolved
            } else {
                ComplaintStatus::Open
            });
            if write {
                conn.execute(
                    "INSERT INTO complaints (customer_id, received_at, channel, kind, category, \
                     description, first_handler, first_response_at, resolved_at, resolution, status) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    params![
                        customer.0,
                        stamp(received_at),
                        channel,
                        kind.code(),
                        category,
                        description,
                        first_handler,
                        first_response_at.map(stamp),
                        resolved_at.map(stamp),
                        resolution,
                        status.code()
                    ],
                )
                .map_err(db)?;
            }
        }
        ParsedRow::Survey { customer_code, date, expected, perceived, comment } => {
            let customer = customers.resolve(conn, &customer_code, now, write)?;
            if write {
                conn.execute(
                    "INSERT INTO surveys (customer_id, date, expected, perceived, comment) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![customer.0, date.to_string(), expected, perceived, comment],
                )
                .map_err(db)?;
            }
        }
        ParsedRow::AcCheck {
            area,
            date,
            time,
            kind,
            reference_temp_tenths,
            ac_on,
            set_temp_tenths,
            windows_closed,
            occupied,
            checker,
            note,
        } => {
            let area = areas.resolve(conn, &area, write).map_err(db)?;
            if write {
                // Not recorded counts as closed / occupied: no finding from a blank.
                let row = AcCheckRow {
                    date,
                    time,
                    kind,
                    area,
                    reference_temp_tenths,
                    ac_on,
                    set_temp_tenths,
                    windows_closed: windows_closed.unwrap_or(true),
                    occupied: occupied.unwrap_or(true),
                    checker,
                    note,
                };
                bulk::insert_ac_checks(conn, std::slice::from_ref(&row)).map_err(db)?;
            }
        }
    }
    Ok(())
}

/// The CLI name of every import kind.
pub fn kind_names() -> Vec<&'static str> {
    ImportKind::ALL.iter().map(|k| k.cli_name()).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::command::Command;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 2)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("valid time")
    }

    fn mapping(headers: &[&str]) -> Mapping {
        let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
        map_columns(ImportKind::Transactions, &headers, &[]).expect("headers map")
    }

    const HEADERS: [&str; 6] =
        ["customer_code", "date", "amount", "order_no", "product", "quantity"];

    /// When the fast path reads a row, the row parser reads the same values.
    fn agrees(cells: &[&str]) -> bool {
        let m = mapping(&HEADERS);
        let Some(t) = plain_transaction(&TransactionColumns::new(&m), cells) else {
            return false;
        };
        let Ok(ParsedRow::Transaction {
            customer_code,
            date,
            amount_cents,
            order_no,
            product,
            quantity,
        }) = parse_row(&m, 2, cells)
        else {
            panic!("the fast path took a row the parser refuses: {cells:?}");
        };
        assert_eq!(t.code, customer_code, "{cells:?}");
        assert_eq!(t.date, date.format("%Y-%m-%d").to_string(), "{cells:?}");
        assert_eq!(t.amount_cents, amount_cents, "{cells:?}");
        assert_eq!((t.order_no, t.product), (order_no.as_str(), product.as_str()), "{cells:?}");
        assert_eq!(t.quantity, quantity, "{cells:?}");
        true
    }

    #[test]
    fn the_fast_path_reads_plain_rows_as_the_parser_does() {
        for plain in [
            ["C-0000001", "2026-03-01", "1234.50", "SO-1", "碎纸机", "2"],
            ["C-1", "2024-02-29", "-20", "", "", ""],
            ["C-1", "2026-12-31", "0.5", "", "", "2.5"],
            ["C-1", "2026-01-01", "007", "", "", "1,200"],
            ["C-1", " 2026-01-01 ", " 12.3 ", "", "", ""],
            ["abcdefghijklmnopqrstuvwxyz012345", "2026-01-01", "999999999999999.99", "", "", ""],
        ] {
            assert!(agrees(&plain), "{plain:?} takes the fast path");
        }
        // Everything else is left to the parser, whose messages stay as they are.
        for other in [
            ["C 1", "2026-03-01", "1", "", "", ""],
            ["abcdefghijklmnopqrstuvwxyz0123456", "2026-01-01", "1", "", "", ""],
            ["客户1", "2026-03-01", "1", "", "", ""],
            ["", "2026-03-01", "1", "", "", ""],
            ["C-1", "2026-02-30", "1", "", "", ""],
            ["C-1", "2026/03/01", "1", "", "", ""],
            ["C-1", "2026-3-1", "1", "", "", ""],
            ["C-1", "2026-03-01", "1,234.50", "", "", ""],
            ["C-1", "2026-03-01", "¥12", "", "", ""],
            ["C-1", "2026-03-01", "12.", "", "", ""],
            ["C-1", "2026-03-01", ".5", "", "", ""],
            ["C-1", "2026-03-01", "1.234", "", "", ""],
            ["C-1", "2026-03-01", "-", "", "", ""],
            ["C-1", "2026-03-01", "1234567890123456", "", "", ""],
            ["C-1", "2026-03-01", "1", "'-SO-1", "", ""],
            ["'C-1", "2026-03-01", "1", "", "", ""],
            ["C-1", "2026-03-01", "1", "", "", "1e3"],
            ["C-1", "2026-03-01", "1", "", "", "-1"],
            ["C-1", "1899-12-31", "1", "", "", ""],
            ["C-1", "2101-01-01", "1", "", "", ""],
            ["=C1", "2026-03-01", "1", "", "", ""],
            ["#N/A", "2026-03-01", "1", "", "", ""],
            ["C-1", "2026-03-01", "1", "", "#N/A", ""],
            ["C-1", "2026-03-01", "1", "SO\u{0}1", "", ""],
        ] {
            assert!(!agrees(&other), "{other:?} goes to the parser");
        }
        assert!(!agrees(&["C-1", "2026-03-01", "1", "", ""]), "a short row goes to the parser");
    }

    proptest! {
        #[test]
        fn the_fast_path_never_disagrees_with_the_parser(
            code in "[-C0-9 '客]{0,6}",
            date in "[-0-9/ ]{8,12}|20[0-9]{2}-(0[0-9]|1[0-3])-([0-2][0-9]|3[0-2])",
            amount in "[-0-9.,¥' ]{0,8}",
            order_no in "[-=A-Z0-9' ]{0,4}",
            quantity in "[-0-9.,e]{0,4}",
        ) {
            // `agrees` panics when the fast path takes a row the parser refuses.
            agrees(&[&code, &date, &amount, &order_no, "", &quantity]);
        }
    }

    #[test]
    fn the_reading_thread_prepares_only_plain_rows_of_live_customers() {
        let mut codes = CodeMap::with_capacity(2);
        codes.insert("C-1", Some(CustomerId(7)));
        codes.insert("C-2", None);
        let prepare = ReadyTransaction::preparer(
            TransactionColumns::new(&mapping(&HEADERS)),
            Arc::new(codes),
        );
        let cells = |row: [&str; 6]| row.map(str::to_owned);
        assert_eq!(
            prepare(&cells(["C-1", "2026-03-01", "12.5", "SO-1", "碎纸机", "2"])),
            Some(ReadyTransaction {
                customer: CustomerId(7),
                date: *b"2026-03-01",
                amount_cents: 1250,
                order_no: "SO-1".into(),
                product: "碎纸机".into(),
                quantity: Some(2.0),
            })
        );
        assert_eq!(prepare(&cells(["C-2", "2026-03-01", "1", "", "", ""])), None, "trashed");
        assert_eq!(prepare(&cells(["C-3", "2026-03-01", "1", "", "", ""])), None, "unknown");
        assert_eq!(prepare(&cells(["C-1", "2026/03/01", "1", "", "", ""])), None, "not plain");
    }

    #[test]
    fn a_big_file_is_written_in_file_order_whichever_thread_read_its_rows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::create(&dir.path().join("d.db")).expect("create");
        for name in ["甲", "乙"] {
            store.apply(&Command::CreateCustomer(CustomerData::named(name)), now()).expect("add");
        }
        store.apply(&Command::DeleteCustomer(CustomerId(2)), now()).expect("trash");
        // Far more rows than are read ahead before the customers are known,
        // so that most plain rows are prepared on the reading thread; among
        // them rows it leaves to the writing one.
        let row = |i: usize| -> (String, String, bool) {
            let day = 1 + i % 28;
            match i {
                _ if i.is_multiple_of(13) => {
                    ("C-000002".into(), format!("2026-02-{day:02}"), false)
                }
                _ if i % 7 == 3 => (format!("NEW-{}", i % 5), format!("2026-02-{day:02}"), true),
                _ if i % 11 == 5 => ("C-000001".into(), format!("2026/2/{day}"), true),
                _ => ("C-000001".into(), format!("2026-02-{day:02}"), true),
            }
        };
        let n = 45_000;
        let mut csv = String::from("customer_code,date,amount\n");
        let mut expected = Vec::new();
        let mut trashed_rows = Vec::new();
        for i in 0..n {
            let (code, date, good) = row(i);
            csv.push_str(&format!("{code},{date},{i}.{:02}\n", i % 100));
            if good {
                let date = format!("2026-02-{:02}", 1 + i % 28);
                expected.push(format!("{code} {date} {}", i * 100 + i % 100));
            } else {
                trashed_rows.push(i + 2);
            }
        }
        let path = dir.path().join("sales.csv");
        std::fs::write(&path, csv).expect("write");
        let options = ImportOptions { create_customers: true, skip_bad: true, ..options() };
        let summary = store.import_file(&path, &options, now(), &mut |_| true).expect("import");
        assert_eq!(summary.rows, expected.len());
        assert_eq!(summary.problems_total, trashed_rows.len());
        let rows: Vec<usize> = summary.problems.iter().map(|p| p.row).collect();
        assert_eq!(rows, trashed_rows[..MAX_LISTED.min(trashed_rows.len())]);
        assert_eq!(summary.created_customers, ["NEW-3", "NEW-0", "NEW-2", "NEW-4", "NEW-1"]);
        let sql = "SELECT c.code || ' ' || t.date || ' ' || t.amount_cents FROM transactions t \
                   JOIN customers c ON c.id = t.customer_id ORDER BY t.id";
        assert!(strings(&store, sql) == expected, "the rows as the file has them, in its order");
    }

    #[test]
    fn codes_are_found_inline_and_boxed() {
        let long = "X".repeat(30);
        let mut map = CodeMap::with_capacity(2);
        map.insert("C-000001", 1);
        map.insert(&long, 2);
        map.insert("", 3);
        assert_eq!(map.get("C-000001"), Some(&1));
        assert_eq!(map.get(&long), Some(&2));
        assert_eq!(map.get(""), Some(&3));
        assert_eq!(map.get("C-00000"), None);
        assert_eq!(map.get("C-000001\0"), None, "the length is part of the key");
        assert_eq!(map.len(), 3);
        assert!(ShortCode::new(&"y".repeat(23)).is_some());
        assert!(ShortCode::new(&"y".repeat(24)).is_none());
    }

    fn options() -> ImportOptions {
        ImportOptions {
            duplicates: Duplicates::Refuse,
            kind: ImportKind::Transactions,
            encoding: EncodingChoice::Auto,
            sheet: None,
            map: Vec::new(),
            create_customers: false,
            dry_run: false,
            skip_bad: false,
        }
    }

    #[test]
    fn skip_bad_leaves_nothing_of_a_bad_row_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::create(&dir.path().join("d.db")).expect("create");
        let csv = dir.path().join("activities.csv");
        std::fs::write(
            &csv,
            "customer_code,date,kind,opportunity\n\
             NEW-1,2026-03-01,call,99\n\
             NEW-2,2026-03-01,call,\n\
             NEW-3,2026-02-30,call,\n",
        )
        .expect("write");
        let options =
            ImportOptions { kind: ImportKind::Activities, create_customers: true, ..options() };
        let err = store.import_file(&csv, &options, now(), &mut |_| true).expect_err("refused");
        let ImportError::Rows { listed, total: 2 } = err else { panic!("{err:?}") };
        assert_eq!(
            listed[0].to_string(),
            r#"2:opportunity: opportunity 99 does not exist (value "99")"#
        );

        let options = ImportOptions { skip_bad: true, ..options };
        let summary = store.import_file(&csv, &options, now(), &mut |_| true).expect("skips");
        assert_eq!((summary.rows, summary.bad_skipped, summary.problems_total), (1, 2, 2));
        assert_eq!(summary.created_customers, ["NEW-2"]);
        let rows: Vec<usize> = summary.problems.iter().map(|p| p.row).collect();
        assert_eq!(rows, [2, 4]);
        let codes: Vec<String> = store
            .conn
            .prepare("SELECT code FROM customers ORDER BY code")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("codes");
        assert_eq!(codes, ["NEW-2"], "the bad rows' customers were not created");
        let activities: i64 =
            store.conn.query_row("SELECT count(*) FROM activities", [], |r| r.get(0)).expect("n");
        assert_eq!(activities, 1);
    }

    fn strings(store: &Store, sql: &str) -> Vec<String> {
        store
            .conn
            .prepare(sql)
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("query")
    }

    #[test]
    fn skip_bad_rolls_back_a_row_the_database_refuses_after_its_customer_was_made() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::create(&dir.path().join("d.db")).expect("create");
        // Rules the row parser does not know (as a CHECK constraint would).
        store
            .conn
            .execute_batch(
                "CREATE TRIGGER refuse_survey BEFORE INSERT ON surveys WHEN NEW.comment = 'bad' \
                 BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: comment'); END; \
                 CREATE TRIGGER refuse_check BEFORE INSERT ON ac_checks \
                 WHEN NEW.set_temp_tenths = 199 \
                 BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: set_temp'); END;",
            )
            .expect("triggers");
        let csv = dir.path().join("surveys.csv");
        std::fs::write(
            &csv,
            "customer_code,date,expected,perceived,comment\n\
             NEW-1,2026-03-01,3,4,bad\n\
             NEW-2,2026-03-01,3,4,ok\n\
             NEW-1,2026-03-02,3,4,again\n\
             NEW-3,2026-03-02,3,4,bad\n",
        )
        .expect("write");
        let options = ImportOptions {
            kind: ImportKind::Surveys,
            create_customers: true,
            skip_bad: true,
            ..options()
        };
        let summary = store.import_file(&csv, &options, now(), &mut |_| true).expect("skips");
        assert_eq!((summary.rows, summary.bad_skipped), (2, 2));
        let rows: Vec<usize> = summary.problems.iter().map(|p| p.row).collect();
        assert_eq!(rows, [2, 5]);
        assert!(summary.problems[0].to_string().contains("CHECK constraint failed: comment"));
        assert_eq!(summary.created_customers, ["NEW-2", "NEW-1"]);
        let sql = "SELECT code FROM customers ORDER BY id";
        assert_eq!(strings(&store, sql), ["NEW-2", "NEW-1"], "no customer of a refused row");
        let sql = "SELECT c.code || ' ' || s.comment FROM surveys s \
                   JOIN customers c ON c.id = s.customer_id ORDER BY s.id";
        assert_eq!(strings(&store, sql), ["NEW-2 ok", "NEW-1 again"]);
        let sql = "SELECT c.code FROM history h LEFT JOIN customers c ON c.id = h.entity_id \
                   ORDER BY h.id";
        assert_eq!(strings(&store, sql), ["NEW-2", "NEW-1"], "one history entry each");

        // An area is created with the first row that is written.
        let csv = dir.path().join("checks.csv");
        std::fs::write(
            &csv,
            "date,time,area,reference_temp_c,ac_on,set_temp_c\n\
             2026-07-06,09:30,新区,31.0,yes,19.9\n\
             2026-07-06,10:30,新区,31.0,yes,26\n",
        )
        .expect("write");
        let options = ImportOptions { kind: ImportKind::AcChecks, ..options };
        let summary = store.import_file(&csv, &options, now(), &mut |_| true).expect("skips");
        assert_eq!((summary.rows, summary.bad_skipped), (1, 1));
        assert_eq!(summary.created_areas, ["新区"]);
        let sql = "SELECT a.name FROM ac_checks c JOIN ac_areas a ON a.id = c.area_id";
        assert_eq!(strings(&store, sql), ["新区"]);
        assert_eq!(strings(&store, "SELECT name FROM ac_areas"), ["新区"]);
        let dangling: i64 = store
            .conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(dangling, 0);
    }

    #[test]
    fn skip_bad_does_not_skip_rows_for_a_full_disk() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::create(&dir.path().join("d.db")).expect("create");
        store.apply(&Command::CreateCustomer(CustomerData::named("甲")), now()).expect("add");
        let mut csv = String::from("customer_code,date,expected,perceived,comment\n");
        for day in 1..=28 {
            csv.push_str(&format!("C-000001,2026-02-{day:02},3,4,{}\n", "长".repeat(700)));
        }
        let path = dir.path().join("surveys.csv");
        std::fs::write(&path, csv).expect("write");
        // The file may not grow: as a full disk, every new page is refused.
        let pages: i64 =
            store.conn.pragma_query_value(None, "page_count", |r| r.get(0)).expect("pages");
        store.conn.pragma_update(None, "max_page_count", pages).expect("limit");
        let options = ImportOptions { kind: ImportKind::Surveys, skip_bad: true, ..options() };
        let err = store.import_file(&path, &options, now(), &mut |_| true).expect_err("fails");
        let ImportError::Store(StoreError::Sqlite(e)) = &err else { panic!("{err:?}") };
        assert_eq!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DiskFull), "{e}");
        let surveys: i64 =
            store.conn.query_row("SELECT count(*) FROM surveys", [], |r| r.get(0)).expect("n");
        assert_eq!(surveys, 0, "nothing written");
    }

    fn index_names(store: &Store) -> Vec<String> {
        let mut stmt = store
            .conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'index' \
                 AND tbl_name = 'transactions' ORDER BY name",
            )
            .expect("prepare");
        stmt.query_map([], |r| r.get(0)).and_then(Iterator::collect).expect("names")
    }

    #[test]
    fn a_big_import_builds_the_indexes_again_and_a_failed_one_keeps_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::create(&dir.path().join("d.db")).expect("create");
        for name in ["甲", "乙"] {
            store.apply(&Command::CreateCustomer(CustomerData::named(name)), now()).expect("add");
        }
        let indexes = index_names(&store);
        assert_eq!(indexes, ["transactions_customer_date"]);
        let rows = usize::try_from(TransactionWriter::DEFER_INDEXES_AFTER).expect("small") + 500;
        let mut csv = String::from("customer_code,date,amount\n");
        for i in 0..rows {
            let day = 1 + i % 28;
            csv.push_str(&format!("C-00000{},2026-02-{day:02},{}.{:02}\n", 1 + i % 2, i, i % 100));
        }
        let good = dir.path().join("good.csv");
        std::fs::write(&good, &csv).expect("write");
        let bad = dir.path().join("bad.csv");
        std::fs::write(&bad, format!("{csv}C-000009,2026-02-01,1\n")).expect("write");
        let cache: i64 =
            store.conn.pragma_query_value(None, "cache_size", |r| r.get(0)).expect("cache");

        let err = store.import_file(&bad, &options(), now(), &mut |_| true).expect_err("bad row");
        let ImportError::Rows { listed, total: 1 } = err else { panic!("{err:?}") };
        assert_eq!(listed.len(), 1);
        assert!(listed[0].to_string().starts_with(&format!("{}:customer_code: unknown", rows + 2)));
        assert_eq!(index_names(&store), indexes, "rolled back with the rows");

        let summary = store.import_file(&good, &options(), now(), &mut |_| true).expect("import");
        assert_eq!(summary.rows, rows);
        assert_eq!(index_names(&store), indexes, "built again");
        let (count, total): (i64, i64) = store
            .conn
            .query_row("SELECT count(*), sum(amount_cents) FROM transactions", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("count");
        assert_eq!(usize::try_from(count), Ok(rows));
        let expected: i64 =
            (0..rows).map(|i| i64::try_from(i * 100 + i % 100).expect("small")).sum();
        assert_eq!(total, expected);
        let plan: String = store
            .conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT * FROM transactions WHERE customer_id = 1",
                [],
                |r| r.get(3),
            )
            .expect("plan");
        assert!(plan.contains("transactions_customer_date"), "{plan}");
        let integrity: String =
            store.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
        assert_eq!(integrity, "ok");
        let foreign_keys: bool =
            store.conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).expect("fk");
        assert!(foreign_keys, "checked again after the import");
        let after: i64 =
            store.conn.pragma_query_value(None, "cache_size", |r| r.get(0)).expect("cache");
        assert_eq!(after, cache, "the connection's own cache size is back");
    }
}
