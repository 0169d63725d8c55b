//! Loading the value analysis's inputs in one pass over the transactions:
//! rows are read in storage order and summed per customer in memory (no
//! sort, no temporary B-tree), with progress and cancel for the caller.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::StoreError;
use super::sql::{bad, date_text, iso_date, parse_stamp};
use crate::domain::analysis::report::{AnalysisInput, CustomerInfo};
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

/// Running totals of one customer; dates kept as their ISO text bytes, which
/// order like the dates themselves; cents summed in `i128`, checked to fit
/// the customer's `i64` at the end.
struct Acc {
    first: [u8; 10],
    last: [u8; 10],
    count: u32,
    cents: i128,
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
    let latest: Option<String> =
        conn.query_row("SELECT max(date) FROM transactions", [], |r| r.get(0))?;
    let snapshot = snapshot.or_else(|| default_snapshot(latest.as_deref().and_then(parse_date)));
    let mut input = AnalysisInput { snapshot, customers, ..AnalysisInput::default() };
    let Some(snapshot) = snapshot else {
        // No sales yet: no RFM, but the surveys still make the
        // satisfaction chart (a survey entered before any sale).
        input.surveys = surveys(conn)?;
        return Ok(input);
    };
    let cutoff = date_text(snapshot);
    let cutoff = cutoff.as_bytes();

    let slots = Slots::new(input.customers.iter().map(|c| c.id.0), input.customers.len());
    let mut accs: Vec<Option<Acc>> = (0..input.customers.len()).map(|_| None).collect();
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
        let date = row.get_ref(1)?.as_bytes().map_err(rusqlite::Error::from)?;
        let Ok(date) = <[u8; 10]>::try_from(date) else {
            return Err(bad(1, &String::from_utf8_lossy(date)).into());
        };
        if date.as_slice() >= cutoff {
            continue;
        }
        let cents: i64 = row.get(2)?;
        counted += 1;
        match &mut accs[slot] {
            Some(acc) => {
                acc.first = acc.first.min(date);
                acc.last = acc.last.max(date);
                acc.count = acc.count.saturating_add(1);
                acc.cents += i128::from(cents);
            }
            empty @ None => {
                *empty = Some(Acc { first: date, last: date, count: 1, cents: cents.into() });
            }
        }
    }
    input.transactions = counted;
    for (info, acc) in input.customers.iter().zip(accs) {
        let Some(acc) = acc else { continue };
        let text = |b: &[u8; 10]| String::from_utf8_lossy(b).into_owned();
        let first = iso_date(&acc.first).ok_or_else(|| bad(1, &text(&acc.first)))?;
        let last = iso_date(&acc.last).ok_or_else(|| bad(1, &text(&acc.last)))?;
        let monetary_cents = i64::try_from(acc.cents)
            .map_err(|_| LoadError::SumTooLarge { code: info.code.clone() })?;
        input.aggs.push(CustomerAgg {
            customer: info.id,
            first,
            last,
            count: acc.count,
            monetary_cents,
        });
    }
    input.complaints = complaints(conn)?;
    input.activities = activities(conn)?;
    input.surveys = surveys(conn)?;
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
