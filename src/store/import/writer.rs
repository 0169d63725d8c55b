//! The import's writer: transactions through one prepared statement (with
//! the indexes built at the end of a big import), and every other parsed
//! row through its table's own insert, one function per kind. Opportunities
//! keep the file's ids, so that the activities naming them import after.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, Statement};

use super::Duplicates;
use super::fast::ReadyTransaction;
use super::resolve::{Areas, Customers, RowFailure, row_or_store};
use crate::domain::customer::{CustomerData, CustomerId};
use crate::domain::history::Action;
use crate::domain::import::{ParsedRow, Reason};
use crate::domain::records::{
    AcCheckRow, Activity, CalendarDay, Complaint, Contact, Opportunity, Survey,
};
use crate::domain::terms::ComplaintStatus;
use crate::store::sql::date_text;
use crate::store::tables::ac::AcChecks;
use crate::store::tables::contacts::Contacts;
use crate::store::tables::pipeline::{Activities, ChurnRecords, Opportunities};
use crate::store::tables::service::{CalendarDays, Complaints, Surveys};
use crate::store::tables::{Insert, insert, transactions};
use crate::store::{StoreError, customers, history};

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
///
/// Rows that come in the order of the `(customer_id, date)` index (a log
/// sorted by customer, its customers' ids given in that order) go into it
/// at its end, which costs less than sorting them afterwards (0.29 s
/// against 0.17 + 0.23 s for a million rows): the indexes are dropped only
/// once a window of [`Self::DEFER_INDEXES_AFTER`] rows has more than 1 in
/// 100 rows before the row inserted ahead of it (checked again for every
/// window, so a file sorted only at its start still drops them).
pub(super) struct TransactionWriter<'conn> {
    conn: &'conn Connection,
    stmt: Statement<'conn>,
    /// The statement inserting [`Self::BATCH`] rows, once prepared: formatting
    /// its text and finding it in the statement cache again for every batch
    /// cost about a twentieth of the writer's time.
    batch: Option<Statement<'conn>>,
    /// Plain rows waiting to be inserted [`Self::BATCH`] at a time, with
    /// their customers.
    queued: Vec<(CustomerId, ReadyTransaction)>,
    inserted: u64,
    /// Rows after which the indexes are dropped; `u64::MAX` once they are.
    defer_after: u64,
    /// The `CREATE INDEX` statements of dropped indexes.
    dropped: Vec<String>,
    order: Order,
}

/// The index key of the last row inserted, and the rows of the current
/// window and how many of them came before the row ahead of them.
struct Order {
    last: (i64, [u8; 10]),
    window: u64,
    descents: u64,
}

impl Order {
    /// Notes the index key of a row inserted (`date` as stored).
    fn note(&mut self, customer: CustomerId, date: &[u8]) {
        let mut key = (customer.0, [0u8; 10]);
        if let Some(d) = key.1.get_mut(..date.len()) {
            d.copy_from_slice(date);
        }
        if key < self.last {
            self.descents += 1;
        }
        self.last = key;
        self.window += 1;
    }
}

impl<'conn> TransactionWriter<'conn> {
    /// The fewest rows for which building the indexes at the end pays.
    pub(super) const DEFER_INDEXES_AFTER: u64 = 20_000;
    /// The page cache while the indexes are built, in KiB (SQLite's default).
    const SORT_CACHE_KIB: i64 = 2_048;
    /// Helper threads SQLite may sort with while the indexes are built.
    const SORT_THREADS: i64 = 2;
    /// Queued rows inserted by one statement: one statement per row cost
    /// about a fifth of a big import's time in statement steps and binding.
    const BATCH: usize = 64;

    /// A writer for the transactions of one import.
    pub(super) fn new(conn: &'conn Connection) -> rusqlite::Result<Self> {
        let existing: Option<i64> =
            conn.query_row("SELECT max(rowid) FROM transactions", [], |r| r.get(0))?;
        let existing = u64::try_from(existing.unwrap_or(0)).unwrap_or(0);
        Ok(Self {
            conn,
            stmt: conn.prepare(transactions::INSERT)?,
            batch: None,
            queued: Vec::with_capacity(Self::BATCH),
            inserted: 0,
            defer_after: existing.max(Self::DEFER_INDEXES_AFTER),
            dropped: Vec::new(),
            order: Order { last: (i64::MIN, [0; 10]), window: 0, descents: 0 },
        })
    }

    /// Inserts one transaction row (after the queued ones).
    pub(super) fn insert(&mut self, row: &transactions::Row<'_>) -> rusqlite::Result<()> {
        self.flush()?;
        transactions::execute(&mut self.stmt, row)?;
        self.order.note(row.customer, row.date.as_bytes());
        self.count(1)
    }

    /// Queues a plain row of `customer`, inserted with others by
    /// [`Self::flush`] (in the order queued).
    pub(super) fn queue(
        &mut self,
        customer: CustomerId,
        row: ReadyTransaction,
    ) -> rusqlite::Result<()> {
        self.queued.push((customer, row));
        if self.queued.len() == Self::BATCH { self.flush() } else { Ok(()) }
    }

    /// Inserts the queued rows: before any other row is inserted or a
    /// savepoint opened, and at the end.
    pub(super) fn flush(&mut self) -> rusqlite::Result<()> {
        if self.queued.is_empty() {
            return Ok(());
        }
        let full = self.queued.len() == Self::BATCH;
        if full && self.batch.is_none() {
            self.batch = Some(self.conn.prepare(&transactions::insert_many(Self::BATCH))?);
        }
        let mut cached;
        let stmt = match &mut self.batch {
            Some(stmt) if full => stmt,
            _ => {
                cached = self.conn.prepare_cached(&transactions::insert_many(self.queued.len()))?;
                &mut cached
            }
        };
        for (i, (customer, row)) in self.queued.iter().enumerate() {
            transactions::bind(stmt, i, &row.row(*customer))?;
        }
        stmt.raw_execute()?;
        let n = self.queued.len() as u64;
        for (customer, row) in &self.queued {
            self.order.note(*customer, &row.date);
        }
        self.queued.clear();
        self.count(n)
    }

    /// Counts `n` rows inserted, and drops the indexes when it is time.
    fn count(&mut self, n: u64) -> rusqlite::Result<()> {
        self.inserted += n;
        let order = &mut self.order;
        if self.inserted >= self.defer_after && order.window >= Self::DEFER_INDEXES_AFTER {
            let unsorted = order.descents * 100 > order.window;
            (order.window, order.descents) = (0, 0);
            if unsorted {
                self.drop_indexes()?;
            }
        }
        Ok(())
    }

    /// Whether the indexes were dropped (to be built in [`Self::finish`]).
    #[cfg(test)]
    pub(super) fn deferred(&self) -> bool {
        !self.dropped.is_empty()
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

    /// Inserts the queued rows and creates the dropped indexes again.
    pub(super) fn finish(mut self) -> rusqlite::Result<()> {
        self.flush()?;
        if self.dropped.is_empty() {
            return Ok(());
        }
        // SQLite sorts the keys in runs the size of the page cache and then
        // merges them: runs of a few MiB stay in the processor's caches,
        // while one run of a million keys in the import's big page cache
        // sorts about twice as slowly. The runs are sorted by helper
        // threads (the reading thread is done by now): 0.29 s → 0.23 s for
        // a million rows on two cores.
        let cache: i64 = self.conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        let threads: i64 = self.conn.pragma_query_value(None, "threads", |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", -Self::SORT_CACHE_KIB)?;
        self.conn.pragma_update(None, "threads", Self::SORT_THREADS)?;
        let built = self.dropped.iter().try_for_each(|sql| self.conn.execute_batch(sql));
        self.conn.pragma_update(None, "threads", threads)?;
        self.conn.pragma_update(None, "cache_size", cache)?;
        built?;
        Ok(())
    }
}

/// The keys that rows of this file gave so far (opportunity ids, calendar
/// days), each with its first row: a second row with the same key is
/// refused, in a dry run too.
#[derive(Default)]
pub(super) struct InFile {
    opportunities: HashMap<i64, usize>,
    days: HashMap<NaiveDate, usize>,
}

/// Writes one parsed row (or, when `write` is false, only resolves it).
#[allow(clippy::too_many_arguments)] // The import's state, passed apart for the borrow checker.
pub(super) fn write_row(
    conn: &Connection,
    row: usize,
    parsed: ParsedRow,
    (customers, areas, in_file): (&mut Customers, &mut Areas, &mut InFile),
    transactions: &mut TransactionWriter<'_>,
    now: NaiveDateTime,
    write: bool,
) -> Result<(), RowFailure> {
    match parsed {
        ParsedRow::Opportunity { customer_code, id, record, created_at } => {
            let at = created_at.unwrap_or(now);
            let record = Opportunity { created_at: at, ..*record };
            write_opportunity(
                conn,
                row,
                (&customer_code, id, record),
                customers,
                in_file,
                now,
                write,
            )
        }
        ParsedRow::CalendarDay(day) => write_day(conn, row, &day, in_file, write),
        ParsedRow::Customer(data) => write_customer(conn, row, data, customers, now, write),
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
                let date = date_text(date);
                let row = transactions::Row {
                    customer,
                    date: &date,
                    amount_cents,
                    order_no: &order_no,
                    product: &product,
                    quantity,
                };
                transactions.insert(&row).map_err(RowFailure::Store)?;
            }
            Ok(())
        }
        ParsedRow::Activity { .. }
        | ParsedRow::Complaint { .. }
        | ParsedRow::Survey { .. }
        | ParsedRow::Contact { .. } => write_customer_record(conn, parsed, customers, now, write),
        ParsedRow::Churn { customer_code, record } => ForCustomer { conn, now, write }
            .insert::<ChurnRecords>(customers, &customer_code, record, |c, id| {
                c.customer = id;
            }),
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
            let area = areas.resolve(conn, &area, write).map_err(row_or_store)?;
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
                insert::<AcChecks>(conn, None, &row).map_err(row_or_store)?;
            }
            Ok(())
        }
    }
}

/// Writes a row of the kinds that belong to a customer and hold nothing
/// else of note: activities, complaints and surveys.
fn write_customer_record(
    conn: &Connection,
    parsed: ParsedRow,
    customers: &mut Customers,
    now: NaiveDateTime,
    write: bool,
) -> Result<(), RowFailure> {
    let for_customer = ForCustomer { conn, now, write };
    match parsed {
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
                check_opportunity(conn, id)?;
            }
            let activity = Activity {
                id: 0,
                customer: CustomerId(-1),
                opportunity,
                complaint: None,
                kind,
                at,
                subject,
                outcome,
                next_step,
                next_step_due,
            };
            for_customer.insert::<Activities>(customers, &customer_code, activity, |a, id| {
                a.customer = id;
            })
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
            // Without a status in the file, a complaint with a resolution
            // time is resolved and any other open.
            let status = status.unwrap_or(if resolved_at.is_some() {
                ComplaintStatus::Resolved
            } else {
                ComplaintStatus::Open
            });
            let complaint = Complaint {
                id: 0,
                customer: CustomerId(-1),
                received_at,
                channel,
                kind,
                category,
                description,
                first_handler,
                first_response_at,
                resolved_at,
                resolution,
                status,
            };
            for_customer.insert::<Complaints>(customers, &customer_code, complaint, |c, id| {
                c.customer = id;
            })
        }
        ParsedRow::Survey { customer_code, date, expected, perceived, comment } => {
            let survey = Survey { customer: CustomerId(-1), date, expected, perceived, comment };
            for_customer.insert::<Surveys>(customers, &customer_code, survey, |s, id| {
                s.customer = id;
            })
        }
        ParsedRow::Contact { customer_code, name, role, phone, email, notes } => {
            let contact = Contact { customer: CustomerId(-1), name, role, phone, email, notes };
            for_customer.insert::<Contacts>(customers, &customer_code, contact, |c, id| {
                c.customer = id;
            })
        }
        // Written by `write_row` itself.
        ParsedRow::Churn { .. }
        | ParsedRow::Customer(_)
        | ParsedRow::Transaction { .. }
        | ParsedRow::AcCheck { .. }
        | ParsedRow::Opportunity { .. }
        | ParsedRow::CalendarDay(_) => Ok(()),
    }
}

/// Writes an opportunity under the file's id (or a new one): an id given by
/// an earlier row or already in the database refuses the row, checked
/// before the customer is resolved (which may create it).
fn write_opportunity(
    conn: &Connection,
    row: usize,
    (code, id, record): (&str, Option<i64>, Opportunity),
    customers: &mut Customers,
    in_file: &mut InFile,
    now: NaiveDateTime,
    write: bool,
) -> Result<(), RowFailure> {
    if let Some(id) = id {
        if let Some(&first_row) = in_file.opportunities.get(&id) {
            return Err(RowFailure::Row(Some("id"), Reason::OpportunityRepeated { id, first_row }));
        }
        let exists: bool = conn
            .query_row("SELECT EXISTS (SELECT 1 FROM opportunities WHERE id = ?1)", [id], |r| {
                r.get(0)
            })
            .map_err(row_or_store)?;
        if exists {
            return Err(RowFailure::Row(Some("id"), Reason::OpportunityExists { id }));
        }
    }
    let customer = customers.resolve(conn, code, now, write)?;
    if write {
        let record = Opportunity { customer, ..record };
        insert::<Opportunities>(conn, id, &record).map_err(row_or_store)?;
    }
    if let Some(id) = id {
        in_file.opportunities.insert(id, row);
    }
    Ok(())
}

/// Writes a day of the working calendar; a day given by an earlier row or
/// already in the calendar refuses the row.
fn write_day(
    conn: &Connection,
    row: usize,
    day: &CalendarDay,
    in_file: &mut InFile,
    write: bool,
) -> Result<(), RowFailure> {
    let date = date_text(day.date);
    if let Some(&first_row) = in_file.days.get(&day.date) {
        return Err(RowFailure::Row(Some("date"), Reason::DayRepeated { date, first_row }));
    }
    let exists: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM calendar_days WHERE date = ?1)", [&date], |r| {
            r.get(0)
        })
        .map_err(row_or_store)?;
    if exists {
        return Err(RowFailure::Row(Some("date"), Reason::DayExists { date }));
    }
    if write {
        insert::<CalendarDays>(conn, None, day).map_err(row_or_store)?;
    }
    in_file.days.insert(day.date, row);
    Ok(())
}

/// Refuses an activity row naming an opportunity that does not exist.
fn check_opportunity(conn: &Connection, id: i64) -> Result<(), RowFailure> {
    let exists: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM opportunities WHERE id = ?1)", [id], |r| r.get(0))
        .map_err(row_or_store)?;
    if exists {
        Ok(())
    } else {
        Err(RowFailure::Row(Some("opportunity"), Reason::NoOpportunity { id }))
    }
}

/// How a row that belongs to a customer is written.
struct ForCustomer<'c> {
    conn: &'c Connection,
    now: NaiveDateTime,
    write: bool,
}

impl ForCustomer<'_> {
    /// Finds (or creates) the customer of `code`, gives it to `record`
    /// through `set`, and inserts the record into table `T`.
    fn insert<T: Insert>(
        &self,
        customers: &mut Customers,
        code: &str,
        mut record: T::Record,
        set: fn(&mut T::Record, CustomerId),
    ) -> Result<(), RowFailure> {
        let customer = customers.resolve(self.conn, code, self.now, self.write)?;
        if self.write {
            set(&mut record, customer);
            insert::<T>(self.conn, None, &record).map_err(row_or_store)?;
        }
        Ok(())
    }
}

/// Writes a row of a customers file, deciding what a duplicate does.
fn write_customer(
    conn: &Connection,
    row: usize,
    mut data: CustomerData,
    customers: &mut Customers,
    now: NaiveDateTime,
    write: bool,
) -> Result<(), RowFailure> {
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
                        RowFailure::Row(Some("code"), Reason::CodeExists { code, choices: true })
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
                    update_customer(conn, id, data, now)?;
                }
                return Ok(());
            }
            (Duplicates::Update, None) => {
                let code = data.code.clone().unwrap_or_default();
                return Err(RowFailure::Row(Some("code"), Reason::CustomerInTrash { code }));
            }
            (Duplicates::New, _) => {
                // Keep the row's own code unless another customer has it.
                if data.code.as_deref().is_some_and(|c| customers.by_code.contains_key(c)) {
                    data.code = None;
                }
            }
        }
    }
    let code =
        customers.new_code(data.code.as_deref()).map_err(|r| RowFailure::Row(Some("code"), r))?;
    if data.code.is_some() {
        customers.in_file.insert(code.clone(), row);
    }
    customers.add_code(&code, CustomerId(-1));
    if write {
        let id = customers::insert(conn, None, &code, &data, now).map_err(row_or_store)?;
        history::record(conn, history::CUSTOMER, id.0, Action::Create, now, &[])
            .map_err(row_or_store)?;
        customers.by_code.insert(&code, Some(id));
        customers.remember_person(id, &data.name, &data.phone, &data.email);
    }
    Ok(())
}

/// Replaces a duplicate customer's details with the row's (its code stays).
fn update_customer(
    conn: &Connection,
    id: CustomerId,
    data: CustomerData,
    now: NaiveDateTime,
) -> Result<(), RowFailure> {
    let stored = customers::get(conn, id).map_err(|e| match e {
        StoreError::Sqlite(e) => row_or_store(e),
        other => RowFailure::Row(None, Reason::Database(other.to_string())),
    })?;
    let code = stored.customer.code.clone();
    customers::update(conn, id, &code, &data, now).map_err(row_or_store)?;
    let changes = stored.customer.data.diff(&CustomerData { code: Some(code), ..data });
    history::record(conn, history::CUSTOMER, id.0, Action::Update, now, &changes)
        .map_err(row_or_store)?;
    Ok(())
}
