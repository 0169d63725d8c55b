//! Loading the value analysis's inputs in one pass over the transactions:
//! rows are read in storage order and summed per customer in memory (no
//! sort, no temporary B-tree), with progress and cancel for the caller.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::StoreError;
use super::sql::{bad, date_text, iso_date, parse_stamp};
use crate::domain::analysis::report::{AnalysisInput, CustomerInfo};
use crate::domain::analysis::summary::{SummaryCustomer, SummaryInput};
use crate::domain::analysis::{CustomerAgg, default_snapshot};
use crate::domain::customer::CustomerId;
use crate::domain::terms::{ComplaintKind, Difficulty, Importance, LadderStep};

/// Rows between two progress reports.
const PROGRESS_EVERY: u64 = 65_536;

/// The reason a load stopped early.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cancelled")]
    Cancelled,
    /// A customer's purchases sum past what an `i64` of cents holds (only
    /// amounts written before the import's per-row maximum can do that).
    #[error(
        "the purchases of customer {code} add up to more than {}, more than Ladder can add \
         up; one of their amounts is wrong",
        crate::domain::money::MAX_SUM_TEXT
    )]
    SumTooLarge { code: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for LoadError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    <&[u8; 10]>::try_from(text.as_bytes()).ok().and_then(iso_date)
}

/// Maps customer ids to positions: a dense table when ids are compact (the
/// usual case), a hash map otherwise.
pub(super) enum Slots {
    Dense(Vec<u32>),
    Sparse(HashMap<i64, u32>),
}

impl Slots {
    pub(super) fn new(ids: impl Iterator<Item = i64> + Clone, n: usize) -> Self {
        let max = ids.clone().max().unwrap_or(0);
        match usize::try_from(max) {
            Ok(max)
                if max <= n.saturating_mul(4).saturating_add(1024)
                    && ids.clone().all(|i| i >= 0) =>
            {
                let mut table = vec![u32::MAX; max + 1];
                for (slot, id) in ids.enumerate() {
                    if let (Ok(id), Ok(slot)) = (usize::try_from(id), u32::try_from(slot)) {
                        table[id] = slot;
                    }
                }
                Self::Dense(table)
            }
            _ => Self::Sparse(
                ids.enumerate().filter_map(|(s, id)| Some((id, u32::try_from(s).ok()?))).collect(),
            ),
        }
    }

    pub(super) fn get(&self, id: i64) -> Option<usize> {
        let slot = match self {
            Self::Dense(table) => *table.get(usize::try_from(id).ok()?)?,
            Self::Sparse(map) => *map.get(&id)?,
        };
        (slot != u32::MAX).then_some(slot as usize)
    }
}

/// A `YYYY-MM-DD` date as the number `YYYYMMDD`, which orders like the date
/// (checked to be a date only where one is kept: first and last).
fn date_key(text: &[u8]) -> Option<u32> {
    let b = <&[u8; 10]>::try_from(text).ok()?;
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    [0, 1, 2, 3, 5, 6, 8, 9].iter().try_fold(0u32, |n, &i| {
        let digit = b[i].wrapping_sub(b'0');
        (digit < 10).then(|| n * 10 + u32::from(digit))
    })
}

/// The date of a [`date_key`], or the error naming it.
fn key_date(key: u32) -> Result<NaiveDate, rusqlite::Error> {
    let (year, month, day) = (key / 10_000, key / 100 % 100, key % 100);
    i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .ok_or_else(|| bad(1, &format!("{year:04}-{month:02}-{day:02}")))
}

/// Running totals of one customer (`first == u32::MAX`: no transaction
/// yet); dates as [`date_key`]s. Cents are summed in `i64`; a customer whose
/// running sum leaves it continues in `i128` in [`Totals::wide`] (only the
/// end result must fit M's `i64`).
#[derive(Clone, Copy)]
struct Acc {
    first: u32,
    last: u32,
    count: u32,
    cents: i64,
}

const NO_SALES: Acc = Acc { first: u32::MAX, last: 0, count: 0, cents: 0 };

/// Every slot's totals after one pass over the transactions.
struct Totals {
    accs: Vec<Acc>,
    /// Sums that left `i64` on the way, by slot.
    wide: HashMap<usize, i128>,
    /// Transactions counted (dated before the snapshot, of a live customer).
    counted: u64,
}

impl Totals {
    /// The slot's first and last dates, count and monetary sum; `None` for a
    /// customer without sales; `Err(())` when the sum does not fit an `i64`.
    #[allow(clippy::type_complexity)]
    fn get(
        &self,
        slot: usize,
    ) -> Result<Option<(NaiveDate, NaiveDate, u32, Result<i64, ()>)>, LoadError> {
        let acc = self.accs[slot];
        if acc.first == u32::MAX {
            return Ok(None);
        }
        let cents = match self.wide.get(&slot) {
            Some(&sum) => i64::try_from(sum).map_err(|_| ()),
            None => Ok(acc.cents),
        };
        Ok(Some((key_date(acc.first)?, key_date(acc.last)?, acc.count, cents)))
    }
}

/// One pass over the transactions in storage order, summing each row dated
/// before `cutoff` into its customer's slot (rows of other customers are
/// skipped).
fn scan(
    conn: &Connection,
    snapshot: NaiveDate,
    slots: &Slots,
    n: usize,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<Totals, LoadError> {
    let cutoff = date_key(date_text(snapshot).as_bytes()).unwrap_or(u32::MAX);
    let mut accs = vec![NO_SALES; n];
    let mut wide: HashMap<usize, i128> = HashMap::new();
    let total: i64 = conn.query_row("SELECT count(*) FROM transactions", [], |r| r.get(0))?;
    let total = u64::try_from(total).unwrap_or(0).max(1);
    let mut stmt = conn.prepare("SELECT customer_id, date, amount_cents FROM transactions")?;
    let mut rows = stmt.query([])?;
    let mut seen: u64 = 0;
    let mut counted: u64 = 0;
    while let Some(row) = rows.next()? {
        seen += 1;
        if seen.is_multiple_of(PROGRESS_EVERY) {
            #[allow(clippy::cast_precision_loss)] // A progress fraction.
            let done = seen as f32 / total as f32;
            if !progress(done) {
                return Err(LoadError::Cancelled);
            }
        }
        let Some(slot) = slots.get(row.get::<_, i64>(0)?) else { continue };
        let text = row.get_ref(1)?.as_bytes().map_err(rusqlite::Error::from)?;
        let Some(date) = date_key(text) else {
            return Err(bad(1, &String::from_utf8_lossy(text)).into());
        };
        if date >= cutoff {
            continue;
        }
        let cents: i64 = row.get(2)?;
        counted += 1;
        let acc = &mut accs[slot];
        if acc.first == u32::MAX {
            *acc = Acc { first: date, last: date, count: 1, cents };
            continue;
        }
        acc.first = acc.first.min(date);
        acc.last = acc.last.max(date);
        acc.count = acc.count.saturating_add(1);
        if let Some(sum) = (!wide.is_empty()).then(|| wide.get_mut(&slot)).flatten() {
            *sum += i128::from(cents);
        } else if let Some(sum) = acc.cents.checked_add(cents) {
            acc.cents = sum;
        } else {
            wide.insert(slot, i128::from(acc.cents) + i128::from(cents));
        }
    }
    Ok(Totals { accs, wide, counted })
}

/// The code of a customer, for an error message.
fn code_of(conn: &Connection, id: i64) -> Result<String, LoadError> {
    Ok(conn.query_row("SELECT code FROM customers WHERE id = ?1", [id], |r| r.get(0))?)
}

/// The snapshot asked for, or the day after the latest transaction.
fn snapshot_of(
    conn: &Connection,
    snapshot: Option<NaiveDate>,
) -> rusqlite::Result<Option<NaiveDate>> {
    let latest: Option<String> =
        conn.query_row("SELECT max(date) FROM transactions", [], |r| r.get(0))?;
    Ok(snapshot.or_else(|| default_snapshot(latest.as_deref().and_then(parse_date))))
}

/// Loads everything the value analysis needs, as of `snapshot` (default: the
/// day after the latest transaction). `progress` receives the fraction done
/// and returns `false` to cancel.
pub fn load_input(
    conn: &Connection,
    snapshot: Option<NaiveDate>,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<AnalysisInput, LoadError> {
    let customers = live_customers(conn)?;
    let snapshot = snapshot_of(conn, snapshot)?;
    let mut input = AnalysisInput { snapshot, customers, ..AnalysisInput::default() };
    let Some(snapshot) = snapshot else {
        // No sales yet: no RFM, but the surveys still make the
        // satisfaction chart (a survey entered before any sale).
        input.surveys = surveys(conn)?;
        return Ok(input);
    };
    let slots = Slots::new(input.customers.iter().map(|c| c.id.0), input.customers.len());
    let totals = scan(conn, snapshot, &slots, input.customers.len(), progress)?;
    drop(slots);
    input.transactions = totals.counted;
    for (slot, info) in input.customers.iter().enumerate() {
        let Some((first, last, count, cents)) = totals.get(slot)? else { continue };
        let monetary_cents =
            cents.map_err(|()| LoadError::SumTooLarge { code: info.code.clone() })?;
        input.aggs.push(CustomerAgg { customer: info.id, first, last, count, monetary_cents });
    }
    drop(totals);
    input.complaints = complaints(conn)?;
    input.activities = activities(conn)?;
    input.surveys = surveys(conn)?;
    progress(1.0);
    Ok(input)
}

/// Loads what the summary report needs (see [`SummaryInput`]): the same
/// pass as [`load_input`], without the customers' codes and steps, the
/// surveys and the per-customer records.
pub fn load_summary_input(
    conn: &Connection,
    snapshot: Option<NaiveDate>,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<SummaryInput, LoadError> {
    let snapshot = snapshot_of(conn, snapshot)?;
    let mut input = SummaryInput { snapshot, ..SummaryInput::default() };
    let Some(snapshot) = snapshot else { return Ok(input) };
    let mut stmt = conn.prepare(
        "SELECT id, credit_rating = 'poor', importance_override, difficulty_override \
         FROM customers WHERE deleted_at IS NULL",
    )?;
    let mut ids: Vec<i64> = Vec::new();
    let mut flags: Vec<(bool, Option<Importance>, Option<Difficulty>)> = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        ids.push(r.get(0)?);
        let text = |i: usize| r.get_ref(i).and_then(|v| Ok(v.as_str_or_null()?));
        flags.push((
            r.get::<_, Option<bool>>(1)?.unwrap_or(false),
            text(2)?.and_then(Importance::from_code),
            text(3)?.and_then(Difficulty::from_code),
        ));
    }
    drop(rows);
    drop(stmt);
    let slots = Slots::new(ids.iter().copied(), ids.len());
    let totals = scan(conn, snapshot, &slots, ids.len(), progress)?;
    drop(slots);
    input.transactions = totals.counted;
    let with_sales = totals.accs.iter().filter(|a| a.first != u32::MAX).count();
    input.customers.reserve_exact(with_sales);
    for (slot, (&id, &flag)) in ids.iter().zip(&flags).enumerate() {
        let Some((first, _, _, cents)) = totals.get(slot)? else { continue };
        let Ok(monetary_cents) = cents else {
            return Err(LoadError::SumTooLarge { code: code_of(conn, id)? });
        };
        input.customers.push(SummaryCustomer {
            id: CustomerId(id),
            monetary_cents,
            first,
            poor_credit: flag.0,
            importance_override: flag.1,
            difficulty_override: flag.2,
        });
    }
    drop(totals);
    input.complaints = complaints(conn)?;
    input.activities = activities(conn)?;
    progress(1.0);
    Ok(input)
}

fn live_customers(conn: &Connection) -> rusqlite::Result<Vec<CustomerInfo>> {
    let mut stmt = conn.prepare(
        "SELECT id, code, ladder_step, credit_rating = 'poor', importance_override, \
                difficulty_override \
         FROM customers WHERE deleted_at IS NULL",
    )?;
    stmt.query_map([], |r| {
        let step = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
        let importance: Option<String> = r.get(4)?;
        let difficulty: Option<String> = r.get(5)?;
        Ok(CustomerInfo {
            id: CustomerId(r.get(0)?),
            code: r.get(1)?,
            ladder_step: LadderStep::from_code(step).ok_or_else(|| bad(2, step))?,
            poor_credit: r.get::<_, Option<bool>>(3)?.unwrap_or(false),
            importance_override: importance.as_deref().and_then(Importance::from_code),
            difficulty_override: difficulty.as_deref().and_then(Difficulty::from_code),
        })
    })?
    .collect()
}

fn complaints(
    conn: &Connection,
) -> rusqlite::Result<Vec<(CustomerId, NaiveDateTime, ComplaintKind)>> {
    let mut stmt = conn.prepare("SELECT customer_id, received_at, kind FROM complaints")?;
    stmt.query_map([], |r| {
        let at: String = r.get(1)?;
        let kind: String = r.get(2)?;
        Ok((
            CustomerId(r.get(0)?),
            parse_stamp(1, &at)?,
            ComplaintKind::from_code(&kind).ok_or_else(|| bad(2, &kind))?,
        ))
    })?
    .collect()
}

fn activities(
    conn: &Connection,
) -> rusqlite::Result<Vec<(CustomerId, NaiveDateTime, Option<NaiveDate>)>> {
    let mut stmt = conn.prepare("SELECT customer_id, at, next_step_due FROM activities")?;
    stmt.query_map([], |r| {
        let at: String = r.get(1)?;
        let due: Option<String> = r.get(2)?;
        let due = match due {
            Some(d) => Some(parse_date(&d).ok_or_else(|| bad(2, &d))?),
            None => None,
        };
        Ok((CustomerId(r.get(0)?), parse_stamp(1, &at)?, due))
    })?
    .collect()
}

fn surveys(conn: &Connection) -> rusqlite::Result<Vec<(CustomerId, NaiveDate, u8, u8)>> {
    let mut stmt = conn.prepare("SELECT customer_id, date, expected, perceived FROM surveys")?;
    stmt.query_map([], |r| {
        let date: String = r.get(1)?;
        Ok((
            CustomerId(r.get(0)?),
            parse_date(&date).ok_or_else(|| bad(1, &date))?,
            r.get(2)?,
            r.get(3)?,
        ))
    })?
    .collect()
}

/// Opens `path` read-only on the calling thread (a worker) and loads the
/// analysis input; the app's own connection is not shared across threads.
pub fn load_from_path(
    path: &std::path::Path,
    snapshot: Option<NaiveDate>,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<AnalysisInput, LoadError> {
    let conn = super::db::read_connection(path)?;
    load_input(&conn, snapshot, progress)
}
