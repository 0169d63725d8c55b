//! The `customers` table: reading typed customers, the list rows the library
//! table shows, inserts/updates/trash, generated codes and the CSV listing.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension as _, Row, params};

use super::StoreError;
use super::sql::{bad, iso_date, parse_stamp, stamp_text, vocab, vocab_opt};
use crate::domain::customer::{
    Customer, CustomerData, CustomerId, Field, FieldError, Problem, generated_code,
    generated_code_number,
};
use crate::domain::records::Transaction;
use crate::domain::terms::{
    CreditRating, CustomerKind, Difficulty, Grade, Importance, LadderStep, RelationshipStage,
    RelationshipType, Source,
};

/// The editable columns, in `CustomerData::fields` order after `code`.
const DATA_COLUMNS: &str = "name, kind, industry, source, grade, owner, phone, email, address, \
     demographics, credit_rating, payment_notes, importance_override, difficulty_override, \
     relationship_type, relationship_stage, dissolution_reason, ladder_step, notes, tags";

/// One line of the customer library table (a read model, loaded on change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerRow {
    pub id: CustomerId,
    pub code: String,
    pub name: String,
    pub kind: CustomerKind,
    pub grade: Option<Grade>,
    pub ladder_step: LadderStep,
    pub industry: String,
    pub owner: String,
    pub phone: String,
    pub email: String,
    /// The customer's purchases summed, in cents (`i128`: exact).
    pub revenue_cents: i128,
    pub transactions: i64,
    pub first_purchase: Option<NaiveDate>,
    pub last_purchase: Option<NaiveDate>,
    /// The latest activity (call, visit, …) with the customer.
    pub last_contact: Option<NaiveDateTime>,
    /// The customer's next follow-up: the due date of its latest
    /// activity's next step ([`crate::domain::entry::next_follow_up`]).
    pub next_follow_up: Option<NaiveDate>,
    /// Its contact persons' names and phones, one per line (what the
    /// table's search looks in besides the customer's own fields).
    pub contacts: String,
}

/// Reads `DATA_COLUMNS` starting at column `at`.
fn data_from_row(row: &Row<'_>, at: usize, code: String) -> rusqlite::Result<CustomerData> {
    Ok(CustomerData {
        code: Some(code),
        name: row.get(at)?,
        kind: vocab(row, at + 1, CustomerKind::from_code)?,
        industry: row.get(at + 2)?,
        source: vocab(row, at + 3, Source::from_code)?,
        grade: vocab_opt(row, at + 4, Grade::from_code)?,
        owner: row.get(at + 5)?,
        phone: row.get(at + 6)?,
        email: row.get(at + 7)?,
        address: row.get(at + 8)?,
        demographics: row.get(at + 9)?,
        credit_rating: vocab_opt(row, at + 10, CreditRating::from_code)?,
        payment_notes: row.get(at + 11)?,
        importance_override: vocab_opt(row, at + 12, Importance::from_code)?,
        difficulty_override: vocab_opt(row, at + 13, Difficulty::from_code)?,
        relationship_type: vocab_opt(row, at + 14, RelationshipType::from_code)?,
        relationship_stage: vocab(row, at + 15, RelationshipStage::from_code)?,
        dissolution_reason: row.get(at + 16)?,
        ladder_step: vocab(row, at + 17, LadderStep::from_code)?,
        notes: row.get(at + 18)?,
        tags: row.get(at + 19)?,
    })
}

/// The values bound for `DATA_COLUMNS`, in order.
fn data_values(data: &CustomerData) -> [rusqlite::types::Value; 20] {
    use rusqlite::types::Value;
    let text = |s: &str| Value::Text(s.to_owned());
    let opt = |s: Option<&'static str>| s.map_or(Value::Null, |s| Value::Text(s.to_owned()));
    [
        text(&data.name),
        text(data.kind.code()),
        text(&data.industry),
        text(data.source.code()),
        opt(data.grade.map(Grade::code)),
        text(&data.owner),
        text(&data.phone),
        text(&data.email),
        text(&data.address),
        text(&data.demographics),
        opt(data.credit_rating.map(CreditRating::code)),
        text(&data.payment_notes),
        opt(data.importance_override.map(Importance::code)),
        opt(data.difficulty_override.map(Difficulty::code)),
        opt(data.relationship_type.map(RelationshipType::code)),
        text(data.relationship_stage.code()),
        text(&data.dissolution_reason),
        text(data.ladder_step.code()),
        text(&data.notes),
        text(&data.tags),
    ]
}

/// A customer and whether it is in the trash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredCustomer {
    pub customer: Customer,
    pub deleted: bool,
}

/// Reads one customer (also one in the trash).
pub fn get(conn: &Connection, id: CustomerId) -> Result<StoredCustomer, StoreError> {
    let sql = format!(
        "SELECT id, code, created_at, updated_at, deleted_at IS NOT NULL, {DATA_COLUMNS} \
         FROM customers WHERE id = ?1"
    );
    conn.query_row(&sql, [id.0], |row| {
        let code: String = row.get(1)?;
        let created: String = row.get(2)?;
        let updated: String = row.get(3)?;
        Ok(StoredCustomer {
            customer: Customer {
                id: CustomerId(row.get(0)?),
                code: code.clone(),
                data: data_from_row(row, 5, code)?,
                created_at: parse_stamp(2, &created)?,
                updated_at: parse_stamp(3, &updated)?,
            },
            deleted: row.get(4)?,
        })
    })
    .optional()?
    .ok_or(StoreError::NotFound(id))
}

/// A customer's purchases: how many, their sum, and the latest of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Purchases {
    pub count: i64,
    /// Their sum in cents (`i128`: exact, where SQLite's `sum()` would stop
    /// with "integer overflow").
    pub total_cents: i128,
    /// Newest first (by date, then the order they were recorded in).
    pub latest: Vec<Transaction>,
    /// The row ids of `latest`, in its order (to edit or delete one).
    pub ids: Vec<i64>,
}

/// How many purchases a customer's detail lists.
pub const PURCHASES_LISTED: usize = 200;

/// A customer's purchase amounts, counted and summed in Rust (in `i128`).
const PURCHASES_TOTAL: &str = "SELECT amount_cents FROM transactions WHERE customer_id = ?1";
/// How the newest of a customer's purchases are listed.
const PURCHASES_NEWEST: &str = "SELECT date, amount_cents, order_no, product, quantity, id \
     FROM transactions WHERE customer_id = ?1 ORDER BY date DESC, id DESC LIMIT ?2";

/// A customer's purchases, the newest [`PURCHASES_LISTED`] listed. Found
/// through the `(customer_id, date)` index, so the time grows with that
/// customer's purchases, not with the table (milliseconds for thousands).
pub fn purchases(conn: &Connection, id: CustomerId) -> rusqlite::Result<Purchases> {
    let (mut count, mut total_cents) = (0, 0);
    let mut amounts = conn.prepare_cached(PURCHASES_TOTAL)?;
    let mut amounts = amounts.query([id.0])?;
    while let Some(row) = amounts.next()? {
        count += 1;
        total_cents += i128::from(row.get::<_, i64>(0)?);
    }
    let mut stmt = conn.prepare_cached(PURCHASES_NEWEST)?;
    let limit = i64::try_from(PURCHASES_LISTED).unwrap_or(i64::MAX);
    let rows: Vec<(i64, Transaction)> = stmt
        .query_map(params![id.0, limit], |r| {
            Ok((
                r.get(5)?,
                Transaction {
                    customer: id,
                    date: r.get(0)?,
                    amount_cents: r.get(1)?,
                    order_no: r.get(2)?,
                    product: r.get(3)?,
                    quantity: r.get(4)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (ids, latest) = rows.into_iter().unzip();
    Ok(Purchases { count, total_cents, latest, ids })
}

/// The next free generated code (`C-` + one more than the highest in use).
pub fn next_code(conn: &Connection) -> rusqlite::Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT code FROM customers WHERE code GLOB 'C-[0-9][0-9][0-9][0-9][0-9][0-9]*'",
    )?;
    let mut max = 0;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let code: String = row.get(0)?;
        if let Some(n) = generated_code_number(&code) {
            max = max.max(n);
        }
    }
    Ok(generated_code(max + 1))
}

/// Refuses a code used by another customer (live or in the trash).
pub fn ensure_code_free(
    conn: &Connection,
    code: &str,
    except: Option<CustomerId>,
) -> Result<(), StoreError> {
    let holder: Option<(i64, String, bool)> = conn
        .query_row(
            "SELECT id, name, deleted_at IS NOT NULL FROM customers WHERE code = ?1",
            [code],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match holder {
        Some((id, name, deleted)) if Some(CustomerId(id)) != except => {
            let by = if deleted { format!("{name} (trash)") } else { name };
            Err(StoreError::Invalid(vec![FieldError {
                field: Field::Code,
                problem: Problem::DuplicateCode { by },
            }]))
        }
        _ => Ok(()),
    }
}

/// Inserts a customer; `id` `None` lets SQLite choose. Returns the row id.
pub fn insert(
    conn: &Connection,
    id: Option<CustomerId>,
    code: &str,
    data: &CustomerData,
    created_at: NaiveDateTime,
) -> rusqlite::Result<CustomerId> {
    let sql = format!(
        "INSERT INTO customers (id, code, created_at, updated_at, {DATA_COLUMNS}) \
         VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18, ?19, ?20, ?21, ?22, ?23)"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let stamp = stamp_text(created_at);
    let mut values: Vec<rusqlite::types::Value> = vec![
        id.map_or(rusqlite::types::Value::Null, |id| id.0.into()),
        code.to_owned().into(),
        stamp.into(),
    ];
    values.extend(data_values(data));
    stmt.execute(rusqlite::params_from_iter(values))?;
    Ok(CustomerId(conn.last_insert_rowid()))
}

/// Inserts customers that have only a code, their name the code (as
/// [`insert`] stores `CustomerData::named(code)`), with the ids given, in one
/// statement: what an import creating many customers from a sales file
/// does, at the cost of about one row each instead of one statement each.
pub(crate) fn insert_named(
    conn: &Connection,
    customers: &[(CustomerId, String)],
    created_at: NaiveDateTime,
) -> rusqlite::Result<()> {
    if customers.is_empty() {
        return Ok(());
    }
    // Every column but the id, code and name is the same for each: bound
    // once as ?1 (the stamp) and ?2..=?20 (the data after the name), each
    // row binding only its id and code (binding all 24 values of every row
    // cost a sixth of creating it).
    let sql = crate::store::sql::many_rows_sql("customers::insert_named", customers.len(), |n| {
        let shared = (2..=20).map(|p| format!("?{p}")).collect::<Vec<_>>().join(", ");
        let rows = (0..n)
            .map(|i| {
                let (id, code) = (21 + 2 * i, 22 + 2 * i);
                format!("(?{id}, ?{code}, ?1, ?1, ?{code}, {shared})")
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "INSERT INTO customers (id, code, created_at, updated_at, {DATA_COLUMNS}) \
             VALUES {rows}"
        )
    });
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.raw_bind_parameter(1, stamp_text(created_at))?;
    let data = data_values(&CustomerData::named(""));
    for (j, value) in data.iter().enumerate().skip(1) {
        stmt.raw_bind_parameter(1 + j, value)?;
    }
    for (i, (id, code)) in customers.iter().enumerate() {
        stmt.raw_bind_parameter(21 + 2 * i, id.0)?;
        stmt.raw_bind_parameter(22 + 2 * i, code)?;
    }
    stmt.raw_execute()?;
    Ok(())
}

/// The id SQLite would give the next customer inserted without one.
pub(crate) fn next_id(conn: &Connection) -> rusqlite::Result<CustomerId> {
    conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM customers", [], |r| r.get(0))
        .map(CustomerId)
}

/// Replaces a customer's code and data.
pub fn update(
    conn: &Connection,
    id: CustomerId,
    code: &str,
    data: &CustomerData,
    now: NaiveDateTime,
) -> rusqlite::Result<()> {
    let assignments: Vec<String> = DATA_COLUMNS
        .split(',')
        .enumerate()
        .map(|(i, col)| format!("{} = ?{}", col.trim(), i + 4))
        .collect();
    let sql = format!(
        "UPDATE customers SET code = ?2, updated_at = ?3, {} WHERE id = ?1",
        assignments.join(", ")
    );
    let mut values: Vec<rusqlite::types::Value> =
        vec![id.0.into(), code.to_owned().into(), stamp_text(now).into()];
    values.extend(data_values(data));
    conn.execute(&sql, rusqlite::params_from_iter(values))?;
    Ok(())
}

/// Moves a customer to the trash (`Some(now)`) or back (`None`).
pub fn set_deleted(
    conn: &Connection,
    id: CustomerId,
    at: Option<NaiveDateTime>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE customers SET deleted_at = ?2 WHERE id = ?1",
        params![id.0, at.map(stamp_text)],
    )?;
    Ok(())
}

/// Every live customer with its purchase totals, ordered by code.
pub fn rows(conn: &Connection) -> rusqlite::Result<Vec<CustomerRow>> {
    // Never stopped: the progress callback always says go on.
    Ok(rows_with_progress(conn, &mut |_| true)?.unwrap_or_default())
}

/// Transactions between two progress reports of [`rows_with_progress`].
const PROGRESS_EVERY: u64 = 65_536;

/// Running purchase totals of one customer; dates as their ISO text bytes,
/// which order like the dates themselves.
#[derive(Clone, Copy)]
struct Totals {
    first: [u8; 10],
    last: [u8; 10],
    count: i64,
    cents: i128,
}

/// [`rows`] with progress (the fraction done; return `false` to stop, which
/// gives `Ok(None)`). The purchase totals come from one pass over the
/// transactions in storage order, summed in memory: a `GROUP BY` through
/// the `(customer_id, date)` index visits the table in random order and
/// takes seconds at a million transactions.
///
/// Its several queries read one snapshot (one read transaction, unless the
/// caller has a transaction open already), so that a write another
/// connection commits meanwhile cannot give totals of a later state than
/// the list they are added to.
pub fn rows_with_progress(
    conn: &Connection,
    progress: &mut dyn FnMut(f32) -> bool,
) -> rusqlite::Result<Option<Vec<CustomerRow>>> {
    if !conn.is_autocommit() {
        return rows_in_snapshot(conn, progress);
    }
    // Deferred: the first query starts the read transaction; nothing is
    // locked for writing, so it also works on a read-only connection.
    conn.execute_batch("BEGIN DEFERRED")?;
    let result = rows_in_snapshot(conn, progress);
    let end = conn.execute_batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" });
    let rows = result?;
    end?;
    Ok(rows)
}

/// [`rows_with_progress`] inside the caller's transaction.
fn rows_in_snapshot(
    conn: &Connection,
    progress: &mut dyn FnMut(f32) -> bool,
) -> rusqlite::Result<Option<Vec<CustomerRow>>> {
    // The customer list is about a third of the work, the transactions the rest.
    const LIST_SHARE: f32 = 0.3;
    let live: i64 =
        conn.query_row("SELECT count(*) FROM customers WHERE deleted_at IS NULL", [], |r| {
            r.get(0)
        })?;
    let live = u64::try_from(live).unwrap_or(0).max(1);
    let mut stmt = conn.prepare(
        "SELECT id, code, name, kind, grade, ladder_step, industry, owner, phone, email \
         FROM customers WHERE deleted_at IS NULL ORDER BY code",
    )?;
    let mut read: u64 = 0;
    let mut stopped = false;
    let list: rusqlite::Result<Vec<CustomerRow>> = stmt
        .query_map([], |row| {
            read += 1;
            #[allow(clippy::cast_precision_loss)] // A progress fraction.
            if read.is_multiple_of(PROGRESS_EVERY)
                && !progress(LIST_SHARE * read as f32 / live as f32)
            {
                stopped = true;
                return Err(rusqlite::Error::QueryReturnedNoRows);
            }
            list_row(row)
        })?
        .collect();
    if stopped {
        return Ok(None);
    }
    let mut list = list?;
    let slots = super::analysis::Slots::new(list.iter().map(|c| c.id.0), list.len());

    let total: i64 = conn.query_row("SELECT count(*) FROM transactions", [], |r| r.get(0))?;
    let total = u64::try_from(total).unwrap_or(0).max(1);
    let mut totals: Vec<Option<Totals>> = vec![None; list.len()];
    let mut stmt = conn.prepare("SELECT customer_id, date, amount_cents FROM transactions")?;
    let mut scan = stmt.query([])?;
    let mut seen: u64 = 0;
    while let Some(row) = scan.next()? {
        seen += 1;
        #[allow(clippy::cast_precision_loss)] // A progress fraction.
        if seen.is_multiple_of(PROGRESS_EVERY)
            && !progress(LIST_SHARE + (1.0 - LIST_SHARE) * seen as f32 / total as f32)
        {
            return Ok(None);
        }
        let Some(slot) = slots.get(row.get(0)?) else { continue };
        let text = row.get_ref(1)?.as_bytes().map_err(rusqlite::Error::from)?;
        let Ok(date) = <[u8; 10]>::try_from(text) else {
            return Err(bad(1, &String::from_utf8_lossy(text)));
        };
        let cents: i64 = row.get(2)?;
        match &mut totals[slot] {
            Some(t) => {
                t.first = t.first.min(date);
                t.last = t.last.max(date);
                t.count += 1;
                t.cents += i128::from(cents);
            }
            empty @ None => {
                *empty = Some(Totals { first: date, last: date, count: 1, cents: cents.into() });
            }
        }
    }
    let day = |b: &[u8; 10]| iso_date(b).ok_or_else(|| bad(1, &String::from_utf8_lossy(b)));
    for (c, t) in list.iter_mut().zip(totals) {
        if let Some(t) = t {
            c.revenue_cents = t.cents;
            c.transactions = t.count;
            c.first_purchase = Some(day(&t.first)?);
            c.last_purchase = Some(day(&t.last)?);
        }
    }

    add_last_contacts(conn, &slots, &mut list)?;
    progress(1.0);
    Ok(Some(list))
}

/// The columns of a list row that come from the customer itself (`id`,
/// `code`, `name`, `kind`, `grade`, `ladder_step`, `industry`, `owner`,
/// `phone`, `email`), its purchase totals and last contact still empty.
fn list_row(row: &Row<'_>) -> rusqlite::Result<CustomerRow> {
    Ok(CustomerRow {
        id: CustomerId(row.get(0)?),
        code: row.get(1)?,
        name: row.get(2)?,
        kind: vocab(row, 3, CustomerKind::from_code)?,
        grade: vocab_opt(row, 4, Grade::from_code)?,
        ladder_step: vocab(row, 5, LadderStep::from_code)?,
        industry: row.get(6)?,
        owner: row.get(7)?,
        phone: row.get(8)?,
        email: row.get(9)?,
        revenue_cents: 0,
        transactions: 0,
        first_purchase: None,
        last_purchase: None,
        last_contact: None,
        next_follow_up: None,
        contacts: String::new(),
    })
}

/// Sets each listed customer's latest activity, the follow-up it leaves
/// (DOMAIN §6: a later activity without a next step closes an earlier one;
/// of two at the same moment the one recorded last counts), and its
/// contact persons' names and phones. The activities are read in one
/// sequential pass in storage (id) order, keeping each customer's latest.
fn add_last_contacts(
    conn: &Connection,
    slots: &super::analysis::Slots,
    list: &mut [CustomerRow],
) -> rusqlite::Result<()> {
    let mut latest: Vec<Option<(String, Option<NaiveDate>)>> = vec![None; list.len()];
    let mut stmt =
        conn.prepare("SELECT customer_id, at, next_step_due FROM activities ORDER BY id")?;
    let mut activities = stmt.query([])?;
    while let Some(row) = activities.next()? {
        let Some(slot) = slots.get(row.get(0)?) else { continue };
        let at = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        if latest[slot].as_ref().is_none_or(|(seen, _)| at >= seen.as_str()) {
            latest[slot] = Some((at.to_owned(), row.get(2)?));
        }
    }
    for (c, latest) in list.iter_mut().zip(latest) {
        if let Some((at, due)) = latest {
            c.last_contact = Some(parse_stamp(1, &at)?);
            c.next_follow_up = due;
        }
    }
    let mut stmt = conn.prepare("SELECT customer_id, name, phone FROM contacts ORDER BY id")?;
    let mut contacts = stmt.query([])?;
    while let Some(row) = contacts.next()? {
        if let Some(slot) = slots.get(row.get(0)?) {
            let text = &mut list[slot].contacts;
            for column in [1, 2] {
                let value = row.get_ref(column)?.as_str().map_err(rusqlite::Error::from)?;
                if !value.is_empty() {
                    text.push_str(value);
                    text.push('\n');
                }
            }
        }
    }
    Ok(())
}

/// [`rows_with_progress`] on a reading connection of its own, for a worker
/// thread (the app's connection is not shared across threads). It writes
/// nothing, not even `-wal`/`-shm` files beside a read-only file or in a
/// read-only folder (see [`super::db::read_connection`]).
pub fn rows_from_path(
    path: &std::path::Path,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<Option<Vec<CustomerRow>>, StoreError> {
    let conn = super::db::read_connection(path)?;
    Ok(rows_with_progress(&conn, progress)?)
}

/// The CSV columns of `ladder customers` (the import field names).
pub const CSV_COLUMNS: [&str; 12] = [
    "code",
    "name",
    "kind",
    "industry",
    "source",
    "grade",
    "phone",
    "email",
    "address",
    "credit_rating",
    "ladder_step",
    "notes",
];

/// Writes every live customer as CSV, ordered by code.
pub fn write_csv(conn: &Connection, out: impl std::io::Write) -> Result<(), StoreError> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(CSV_COLUMNS)?;
    let mut stmt = conn.prepare(
        "SELECT code, name, kind, industry, source, coalesce(grade, ''), phone, email, address, \
                coalesce(credit_rating, ''), ladder_step, notes \
         FROM customers WHERE deleted_at IS NULL ORDER BY code",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let mut record = [const { String::new() }; 12];
        for (i, cell) in record.iter_mut().enumerate() {
            *cell = row.get(i)?;
        }
        csv.write_record(&record)?;
    }
    csv.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::DemoOptions;
    use crate::store::Store;

    /// The `GROUP BY` query the one-pass [`rows`] replaced: the reference.
    fn rows_by_sql(conn: &Connection) -> rusqlite::Result<Vec<CustomerRow>> {
        let mut stmt = conn.prepare(
            "SELECT c.id, c.code, c.name, c.kind, c.grade, c.ladder_step, c.industry, c.owner, \
                    c.phone, c.email, coalesce(t.revenue, 0), coalesce(t.n, 0), t.last, t.first, \
                    a.last_contact \
             FROM customers c \
             LEFT JOIN (SELECT customer_id, sum(amount_cents) AS revenue, count(*) AS n, \
                               max(date) AS last, min(date) AS first \
                        FROM transactions GROUP BY customer_id) t ON t.customer_id = c.id \
             LEFT JOIN (SELECT customer_id, max(at) AS last_contact FROM activities \
                        GROUP BY customer_id) a ON a.customer_id = c.id \
             WHERE c.deleted_at IS NULL ORDER BY c.code",
        )?;
        let date =
            |t: Option<String>| t.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok());
        stmt.query_map([], |row| {
            let contact: Option<String> = row.get(14)?;
            Ok(CustomerRow {
                revenue_cents: row.get::<_, i64>(10)?.into(),
                transactions: row.get(11)?,
                last_purchase: date(row.get(12)?),
                first_purchase: date(row.get(13)?),
                last_contact: contact.map(|t| parse_stamp(14, &t)).transpose()?,
                ..list_row(row)?
            })
        })?
        .map(|row| {
            let mut row = row?;
            // Oldest first, so the domain's "last listed" is the one recorded last.
            let mut activities = crate::store::pipeline::activities_of(conn, row.id)?;
            activities.reverse();
            row.next_follow_up = crate::domain::entry::next_follow_up(&activities);
            for (_, c) in crate::store::records::contacts_of(conn, row.id)? {
                for value in [c.name, c.phone].into_iter().filter(|v| !v.is_empty()) {
                    row.contacts.push_str(&value);
                    row.contacts.push('\n');
                }
            }
            Ok(row)
        })
        .collect()
    }

    #[test]
    fn purchases_are_the_customers_own_newest_first_and_counted_beyond_the_list() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::create(&dir.path().join("p.db")).expect("create");
        let conn = &store.conn;
        for name in ["甲", "乙"] {
            let data = CustomerData::named(name);
            insert(conn, None, &next_code(conn).expect("code"), &data, NaiveDateTime::default())
                .expect("insert");
        }
        let day = |n: u32| {
            NaiveDate::from_ymd_opt(2026, 1, 1).expect("date") + chrono::Days::new(n.into())
        };
        let sale = |customer: i64, date: NaiveDate, cents: i64| Transaction {
            customer: CustomerId(customer),
            date,
            amount_cents: cents,
            order_no: String::new(),
            product: String::new(),
            quantity: None,
        };
        // 甲: more purchases than are listed, two on its newest day; 乙: one.
        let mut sales: Vec<Transaction> = (0..PURCHASES_LISTED as u32 + 5)
            .map(|n| sale(1, day(n % 90), i64::from(n) + 1))
            .collect();
        sales.push(sale(1, day(200), 7));
        sales.push(sale(1, day(200), 8));
        sales.push(sale(2, day(300), 999));
        super::super::bulk::insert_transactions(conn, &sales).expect("sales");

        let none = purchases(conn, CustomerId(3)).expect("purchases");
        assert_eq!(none, Purchases::default());
        let mine = purchases(conn, CustomerId(1)).expect("purchases");
        assert_eq!(mine.count, PURCHASES_LISTED as i64 + 7);
        let total: i64 = sales.iter().filter(|s| s.customer.0 == 1).map(|s| s.amount_cents).sum();
        assert_eq!(mine.total_cents, total.into());
        assert_eq!(mine.latest.len(), PURCHASES_LISTED);
        let firsts: Vec<i64> = mine.latest[..2].iter().map(|s| s.amount_cents).collect();
        assert_eq!(firsts, [8, 7], "newest day first, then the later recorded");
        assert!(mine.latest.windows(2).all(|w| w[0].date >= w[1].date));
        assert!(mine.latest.iter().all(|s| s.customer == CustomerId(1)));
        let theirs = purchases(conn, CustomerId(2)).expect("purchases");
        assert_eq!((theirs.count, theirs.total_cents, theirs.latest.len()), (1, 999, 1));

        for (sql, values) in [(PURCHASES_TOTAL, params![1]), (PURCHASES_NEWEST, params![1, 50])] {
            let plan: Vec<String> = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .and_then(|mut s| s.query_map(values, |r| r.get(3))?.collect())
                .expect("plan");
            assert!(plan.iter().any(|p| p.contains("transactions_customer_date")), "{plan:?}");
            assert!(!plan.iter().any(|p| p.contains("TEMP B-TREE")), "no sort: {plan:?}");
        }
    }

    #[test]
    fn revenue_past_i64_is_summed_exactly() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = one_busy_customer(&dir.path().join("big.db"), NaiveDate::default());
        let big = crate::domain::records::Transaction {
            customer: CustomerId(1),
            date: NaiveDate::default(),
            amount_cents: i64::MAX,
            order_no: String::new(),
            product: String::new(),
            quantity: None,
        };
        super::super::bulk::insert_transactions(&store.conn, &[big.clone(), big])
            .expect("two amounts, each under the old limit");
        let expected = i128::from(i64::MAX) * 2 + i128::from(PROGRESS_EVERY + 1) * 100;
        let all = rows(&store.conn).expect("rows");
        assert_eq!(all[0].revenue_cents, expected, "the customer table");
        let mine = purchases(&store.conn, CustomerId(1)).expect("not an integer overflow");
        assert_eq!(mine.total_cents, expected, "the customer's purchases");
    }

    #[test]
    fn one_pass_rows_equal_the_group_by_query() {
        let dir = tempfile::tempdir().expect("tempdir");
        let options = DemoOptions { customers: 150, ..DemoOptions::default() };
        let store = Store::create_demo(&dir.path().join("demo.db"), &options).expect("demo");
        // A trashed customer with sales and activities must not appear.
        let trashed = rows(&store.conn).expect("rows")[3].id;
        set_deleted(&store.conn, trashed, Some(NaiveDateTime::default())).expect("trash");
        // The demo has no contact persons: two for one customer.
        for (name, phone) in [("王经理", "010-8888 6666"), ("李会计", "")] {
            store
                .conn
                .execute(
                    "INSERT INTO contacts (customer_id, name, phone) VALUES (5, ?1, ?2)",
                    [name, phone],
                )
                .expect("contact");
        }
        let fast = rows(&store.conn).expect("rows");
        assert_eq!(fast, rows_by_sql(&store.conn).expect("reference"));
        assert!(fast.iter().all(|c| c.id != trashed));
        assert!(fast.iter().any(|c| c.transactions > 1 && c.first_purchase < c.last_purchase));
        assert!(fast.iter().any(|c| c.transactions == 0 && c.last_purchase.is_none()));
        assert!(fast.iter().any(|c| c.last_contact.is_some()));
        assert!(fast.iter().any(|c| c.next_follow_up.is_some()), "the demo has next steps");
        let five = fast.iter().find(|c| c.id == CustomerId(5)).expect("customer 5");
        assert_eq!(five.contacts, "王经理\n010-8888 6666\n李会计\n");
    }

    /// A store with one customer and [`PROGRESS_EVERY`] + 1 transactions of
    /// 1.00 on `day`, so that loading its rows reports progress once.
    fn one_busy_customer(path: &std::path::Path, day: NaiveDate) -> Store {
        let mut store = Store::create(path).expect("create");
        let customer = crate::domain::records::NewCustomer {
            id: CustomerId(1),
            code: "C-000001".into(),
            data: CustomerData::named("甲"),
            created_at: NaiveDateTime::default(),
        };
        let sale = crate::domain::records::Transaction {
            customer: CustomerId(1),
            date: day,
            amount_cents: 100,
            order_no: String::new(),
            product: String::new(),
            quantity: None,
        };
        let sales = vec![sale; usize::try_from(PROGRESS_EVERY).expect("fits") + 1];
        store
            .in_transaction(|conn| {
                super::super::bulk::insert_customers(conn, [&customer])?;
                Ok(super::super::bulk::insert_transactions(conn, &sales)?)
            })
            .expect("insert");
        store
    }

    #[test]
    fn loading_rows_stops_when_asked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
        let store = one_busy_customer(&dir.path().join("big.db"), day);
        assert_eq!(rows_with_progress(&store.conn, &mut |_| false).expect("ok"), None);
        let all = rows(&store.conn).expect("rows");
        assert_eq!(all[0].transactions, PROGRESS_EVERY as i64 + 1);
        assert_eq!(all[0].revenue_cents, (i128::from(PROGRESS_EVERY) + 1) * 100);
        assert_eq!((all[0].first_purchase, all[0].last_purchase), (Some(day), Some(day)));
    }

    #[test]
    fn the_rows_come_from_one_snapshot_while_another_connection_commits() {
        let dir = tempfile::tempdir().expect("tempdir");
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
        let path = dir.path().join("busy.db");
        let store = one_busy_customer(&path, day);
        // Another connection commits while the transactions are summed (at
        // the first progress report): a contact and a customer.
        let writer = Connection::open(&path).expect("writer");
        let mut wrote = false;
        let mut write = |_| {
            if !wrote {
                writer
                    .execute_batch(
                        "INSERT INTO activities (customer_id, kind, at) \
                         VALUES (1, 'call', '2026-02-01 09:00:00'); \
                         INSERT INTO customers (code, name, kind, created_at, updated_at) \
                         VALUES ('C-000002', '乙', 'individual', '2026-02-01 09:00:00', \
                                 '2026-02-01 09:00:00');",
                    )
                    .expect("commit meanwhile");
                wrote = true;
            }
            true
        };
        let loaded = rows_from_path(&path, &mut write).expect("rows").expect("not stopped");
        assert!(wrote, "the write happened while the rows were read");
        assert_eq!(loaded.len(), 1);
        assert_eq!(loaded[0].last_contact, None, "the contact committed meanwhile is not read");
        assert_eq!(loaded[0].transactions, PROGRESS_EVERY as i64 + 1);
        // The same on the store's own connection; and afterwards both show.
        let mut wrote = false;
        let mut write = |_| {
            if !wrote {
                writer.execute("DELETE FROM activities", []).expect("commit meanwhile");
                wrote = true;
            }
            true
        };
        let loaded = rows_with_progress(&store.conn, &mut write).expect("rows").expect("loaded");
        assert!(wrote);
        assert_eq!(loaded.len(), 2);
        assert!(loaded[0].last_contact.is_some(), "the deleted contact is still read");
        assert!(store.conn.is_autocommit(), "the read transaction ended");
        let after = rows(&store.conn).expect("rows");
        assert_eq!(after[0].last_contact, None);
    }
}
