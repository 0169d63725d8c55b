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
//! is read without allocating and inserted with one prepared statement;
//! any other row goes through the full parser, so every value and message
//! is exactly what [`parse_row`] says.

pub mod decode;
pub mod table;

use std::collections::HashMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, Statement, params};

pub use decode::{DecodeError, EncodingChoice};
pub use table::{ReadError, RowSource, sheet_names};

use super::{Store, StoreError, TIMESTAMP, bulk, customers, history};
use crate::domain::customer::{CustomerData, CustomerId, generated_code, generated_code_number};
use crate::domain::history::Action;
use crate::domain::import::values::parse_quantity;
use crate::domain::import::{ImportKind, MapError, Mapping, ParsedRow, map_columns, parse_row};
use crate::domain::records::AcCheckRow;
use crate::domain::terms::ComplaintStatus;

/// How many row problems are kept in full (the rest are only counted).
const MAX_LISTED: usize = 1_000;
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
}

/// What an import did (or, for a dry run, would do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub rows: usize,
    pub created_customers: Vec<String>,
    pub created_areas: Vec<String>,
    /// Columns of the file that no field uses (ignored).
    pub unknown_columns: Vec<String>,
    /// The encoding the text was read in (CSV), e.g. `GBK`.
    pub encoding: Option<&'static str>,
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Map(Vec<MapError>),
    /// Every bad row as `ROW:COLUMN: message`, and how many there were.
    #[error("{} bad rows", .total)]
    Rows { listed: Vec<String>, total: usize },
    #[error("cancelled")]
    Cancelled,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

/// Looks up customers by code and creates missing ones when allowed.
struct Customers {
    by_code: HashMap<String, Option<CustomerId>>,
    next_number: u64,
    create: bool,
    created: Vec<String>,
}

impl Customers {
    fn load(conn: &Connection, create: bool) -> rusqlite::Result<Self> {
        let mut stmt = conn.prepare("SELECT code, id, deleted_at IS NULL FROM customers")?;
        let mut by_code = HashMap::new();
        let mut next_number = 0;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let code: String = row.get(0)?;
            let live: bool = row.get(2)?;
            next_number = next_number.max(generated_code_number(&code).unwrap_or(0));
            // A trashed customer's code is known but not usable.
            by_code.insert(code, live.then_some(CustomerId(row.get(1)?)));
        }
        Ok(Self { by_code, next_number: next_number + 1, create, created: Vec::new() })
    }

    /// The id for a code, creating the customer when allowed. `Err` is the
    /// message for the row.
    fn resolve(
        &mut self,
        conn: &Connection,
        code: &str,
        now: NaiveDateTime,
        write: bool,
    ) -> Result<CustomerId, String> {
        match self.by_code.get(code) {
            Some(Some(id)) => return Ok(*id),
            Some(None) => return Err(format!("customer {code} is in the trash")),
            None if !self.create => {
                return Err(format!(
                    "unknown customer code {code:?} (add the customer first, or use --create-customers)"
                ));
            }
            None => {}
        }
        let id = if write {
            let id = customers::insert(conn, None, code, &CustomerData::named(code), now)
                .map_err(|e| e.to_string())?;
            history::record(conn, history::CUSTOMER, id.0, Action::Create, now, &[])
                .map_err(|e| e.to_string())?;
            id
        } else {
            CustomerId(-1)
        };
        self.by_code.insert(code.to_owned(), Some(id));
        self.created.push(code.to_owned());
        Ok(id)
    }

    /// A code for a new customer from the file: its own, or the next
    /// generated one.
    fn new_code(&mut self, wanted: Option<&str>) -> Result<String, String> {
        match wanted {
            Some(code) if self.by_code.contains_key(code) => {
                Err(format!("customer code {code} already exists"))
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
        let mut source = table::open(path, options.encoding, options.sheet.as_deref())?;
        let headers = source.headers().to_vec();
        let mapping =
            map_columns(options.kind, &headers, &options.map).map_err(ImportError::Map)?;
        // A big page cache for this import only; the connection's own size
        // comes back afterwards, whatever happened.
        let cache: i64 = self.conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        let result = (|| {
            let tx = self.conn.transaction()?;
            let summary = import_rows(&tx, source.as_mut(), &mapping, options, now, progress)?;
            if options.dry_run {
                tx.rollback()?;
            } else {
                tx.commit()?;
            }
            Ok::<_, ImportError>(summary)
        })();
        let restored = self.conn.pragma_update(None, "cache_size", cache);
        let summary = result?;
        restored?;
        Ok(ImportSummary { unknown_columns: mapping.unknown_columns().to_vec(), ..summary })
    }
}

/// The columns of a transactions file, looked up once per import.
struct TransactionColumns {
    code: Option<usize>,
    date: Option<usize>,
    amount: Option<usize>,
    order_no: Option<usize>,
    product: Option<usize>,
    quantity: Option<usize>,
}

impl TransactionColumns {
    fn new(mapping: &Mapping) -> Self {
        Self {
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

/// Reads a transaction row whose cells have the plain shapes: a customer
/// code of 1–32 visible ASCII characters, a `YYYY-MM-DD` date in the
/// calendar, an amount of digits with an optional `-` and 1–2 decimals, a
/// quantity the full parser reads, and no cell starting with the formula
/// escape `'`. `None` for any other row: the full parser reads it then
/// (and says what is wrong with it), so this never decides differently.
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
    let code = text(columns.code)?;
    // Codes the customer rules accept: no spaces, at most 32 characters.
    if code.is_empty() || code.len() > 32 || !code.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    let date = text(columns.date)?;
    plain_date(date)?;
    let amount_cents = plain_cents(text(columns.amount)?)?;
    let quantity = match text(columns.quantity)? {
        "" => None,
        quantity => Some(parse_quantity(quantity).ok()?),
    };
    Some(PlainTransaction {
        code,
        date,
        amount_cents,
        order_no: text(columns.order_no)?,
        product: text(columns.product)?,
        quantity,
    })
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
    let year = i32::try_from(digits(0..4)?).ok()?;
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

/// Inserts one transaction row.
fn insert_transaction(
    stmt: &mut Statement<'_>,
    customer: CustomerId,
    date: &str,
    amount_cents: i64,
    order_no: &str,
    product: &str,
    quantity: Option<f64>,
) -> rusqlite::Result<()> {
    stmt.execute(params![customer.0, date, amount_cents, order_no, product, quantity])?;
    Ok(())
}

fn import_rows(
    conn: &Connection,
    source: &mut dyn RowSource,
    mapping: &Mapping,
    options: &ImportOptions,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<ImportSummary, ImportError> {
    let mut customers = Customers::load(conn, options.create_customers)?;
    let mut areas = Areas::load(conn)?;
    let mut listed: Vec<String> = Vec::new();
    let mut total_bad = 0usize;
    let mut rows = 0usize;
    let mut fail = |message: String, listed: &mut Vec<String>| {
        total_bad += 1;
        if listed.len() < MAX_LISTED {
            listed.push(message);
        }
    };
    let code_column = options
        .kind
        .field("customer_code")
        .and_then(|_| mapping.header_of("customer_code"))
        .unwrap_or("customer_code")
        .to_owned();
    // Where a problem the store found (not the row parser) is shown.
    let column_of =
        |message: &str| if message.contains("customer") { code_column.as_str() } else { "" };
    let transactions =
        (options.kind == ImportKind::Transactions).then(|| TransactionColumns::new(mapping));
    let mut insert = match transactions {
        Some(_) => Some(conn.prepare(INSERT_TRANSACTION)?),
        None => None,
    };
    while let Some(next) = source.next_row() {
        let (row, cells) = next?;
        rows += 1;
        if rows.is_multiple_of(PROGRESS_EVERY) && !progress(rows) {
            return Err(ImportError::Cancelled);
        }
        // Once a row failed nothing more is written; the rest is only checked.
        let write = listed.is_empty();
        if let (Some(columns), Some(stmt)) = (&transactions, insert.as_mut())
            && let Some(t) = plain_transaction(columns, &cells)
        {
            match customers.resolve(conn, t.code, now, write) {
                Ok(customer) if write => insert_transaction(
                    stmt,
                    customer,
                    t.date,
                    t.amount_cents,
                    t.order_no,
                    t.product,
                    t.quantity,
                )?,
                Ok(_) => {}
                Err(message) => {
                    fail(format!("{row}:{}: {message}", column_of(&message)), &mut listed)
                }
            }
            continue;
        }
        let parsed = match parse_row(mapping, row, &cells) {
            Ok(parsed) => parsed,
            Err(errors) => {
                for e in errors {
                    fail(e.to_string(), &mut listed);
                }
                continue;
            }
        };
        let result =
            write_row(conn, parsed, &mut customers, &mut areas, insert.as_mut(), now, write);
        match result {
            Ok(()) => {}
            Err(RowFailure::Row(message)) => {
                fail(format!("{row}:{}: {message}", column_of(&message)), &mut listed);
            }
            Err(RowFailure::Store(e)) => return Err(e.into()),
        }
    }
    if !listed.is_empty() {
        return Err(ImportError::Rows { listed, total: total_bad });
    }
    progress(rows);
    Ok(ImportSummary {
        rows,
        created_customers: customers.created,
        created_areas: areas.created,
        unknown_columns: Vec::new(),
        encoding: source.encoding().map(encoding_rs::Encoding::name),
    })
}

/// Why a row was not written: a problem with the row (its message), or a
/// database failure that stops the whole import.
enum RowFailure {
    Row(String),
    Store(rusqlite::Error),
}

impl From<String> for RowFailure {
    fn from(message: String) -> Self {
        Self::Row(message)
    }
}

/// Writes one parsed row (or, when `write` is false, only resolves it).
/// `Err` is the message for the row.
fn write_row(
    conn: &Connection,
    parsed: ParsedRow,
    customers: &mut Customers,
    areas: &mut Areas,
    insert_transactions: Option<&mut Statement<'_>>,
    now: NaiveDateTime,
    write: bool,
) -> Result<(), RowFailure> {
    let db = |e: rusqlite::Error| e.to_string();
    let stamp = |t: NaiveDateTime| t.format(TIMESTAMP).to_string();
    match parsed {
        ParsedRow::Customer(data) => {
            let code = customers.new_code(data.code.as_deref())?;
            customers.by_code.insert(code.clone(), Some(CustomerId(-1)));
            if write {
                let id = customers::insert(conn, None, &code, &data, now).map_err(db)?;
                history::record(conn, history::CUSTOMER, id.0, Action::Create, now, &[])
                    .map_err(db)?;
                customers.by_code.insert(code, Some(id));
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
                match insert_transactions {
                    Some(stmt) => insert_transaction(
                        stmt,
                        customer,
                        &date,
                        amount_cents,
                        &order_no,
                        &product,
                        quantity,
                    ),
                    None => conn.prepare_cached(INSERT_TRANSACTION).and_then(|mut stmt| {
                        insert_transaction(
                            &mut stmt,
                            customer,
                            &date,
                            amount_cents,
                            &order_no,
                            &product,
                            quantity,
                        )
                    }),
                }
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
                .map_err(|e| match e {
                    rusqlite::Error::SqliteFailure(f, _)
                        if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                    {
                        format!("opportunity {} does not exist", opportunity.unwrap_or_default())
                    }
                    other => other.to_string(),
                })?;
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
