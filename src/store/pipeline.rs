//! Read models of the pipeline panel: ladder column totals (from every live
//! customer's row) and opportunity rows and totals (SQL), always over the
//! whole database (never from the cards a board happens to show), and a
//! customer's activity timeline.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::CustomerRow;
use super::sql::{opt_date, opt_stamp};
use super::tables::pipeline::{Activities, ChurnRecords, Opportunities};
use super::tables::{Select, select};
use crate::domain::customer::CustomerId;
use crate::domain::pipeline::weighted_cents;
use crate::domain::records::{Activity, ChurnRecord, Opportunity};
use crate::domain::terms::{LadderStep, OpportunityStage};

/// One ladder column's count and revenue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepTotal {
    pub step: LadderStep,
    pub customers: i64,
    /// Summed in `i128`, exactly.
    pub revenue_cents: i128,
}

/// Count and revenue of live customers per ladder step (all six steps), over
/// the whole database.
pub fn ladder_totals(conn: &Connection) -> rusqlite::Result<Vec<StepTotal>> {
    Ok(ladder_totals_of(&super::customers::rows(conn)?))
}

/// Count and revenue per ladder step (all six steps) of the customer
/// library's rows, which hold every live customer with its revenue: the app
/// sums the rows it already loaded instead of asking SQLite again (a
/// `GROUP BY` over a million transactions takes seconds).
pub fn ladder_totals_of(rows: &[CustomerRow]) -> Vec<StepTotal> {
    crate::domain::pipeline::ladder_totals(rows.iter().map(|r| (r.ladder_step, r.revenue_cents)))
        .into_iter()
        .map(|(step, customers, revenue_cents)| StepTotal { step, customers, revenue_cents })
        .collect()
}

/// An opportunity with what its card and list row show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpportunityRow {
    pub opportunity: Opportunity,
    pub customer_code: String,
    pub customer_name: String,
    pub last_activity: Option<NaiveDateTime>,
    /// The latest activity's next-step due date.
    pub next_step_due: Option<NaiveDate>,
}

/// One opportunity column's count, value and weighted value (summed in
/// `i128`, exactly).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageTotal {
    pub stage: OpportunityStage,
    pub count: i64,
    pub value_cents: i128,
    pub weighted_cents: i128,
}

/// Every opportunity of a live customer, newest first.
pub fn opportunity_rows(conn: &Connection) -> rusqlite::Result<Vec<OpportunityRow>> {
    let mut stmt = conn.prepare(
        "SELECT o.id, o.customer_id, o.title, o.stage, o.expected_value_cents, o.probability_pct, \
                o.expected_close, o.created_at, o.closed_at, o.delivered_at, o.owner, o.notes, \
                c.code, c.name, \
                (SELECT max(at) FROM activities a WHERE a.opportunity_id = o.id), \
                (SELECT next_step_due FROM activities a WHERE a.opportunity_id = o.id \
                 ORDER BY at DESC LIMIT 1) \
         FROM opportunities o JOIN customers c ON c.id = o.customer_id \
         WHERE c.deleted_at IS NULL ORDER BY o.created_at DESC, o.id DESC",
    )?;
    stmt.query_map([], |r| {
        // The opportunity's own columns first, as its table reads them.
        Ok(OpportunityRow {
            opportunity: Opportunities::from_row(r)?,
            customer_code: r.get(12)?,
            customer_name: r.get(13)?,
            last_activity: opt_stamp(r, 14)?,
            next_step_due: opt_date(r, 15)?,
        })
    })?
    .collect()
}

/// Count, value and weighted value (rounded per opportunity) per stage,
/// summed here in `i128` (SQLite's `sum()` stops at "integer overflow").
pub fn stage_totals(conn: &Connection) -> rusqlite::Result<Vec<StageTotal>> {
    let mut totals: Vec<StageTotal> = OpportunityStage::ALL
        .iter()
        .map(|stage| StageTotal { stage: *stage, count: 0, value_cents: 0, weighted_cents: 0 })
        .collect();
    let mut stmt = conn.prepare(
        "SELECT o.stage, o.expected_value_cents, o.probability_pct \
         FROM opportunities o JOIN customers c ON c.id = o.customer_id \
         WHERE c.deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let code = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        let Some(t) = totals.iter_mut().find(|t| t.stage.code() == code) else { continue };
        let (value, probability): (i64, u8) = (row.get(1)?, row.get(2)?);
        t.count += 1;
        t.value_cents += i128::from(value);
        t.weighted_cents += i128::from(weighted_cents(value, probability));
    }
    Ok(totals)
}

/// A customer's activities, newest first.
pub fn activities_of(conn: &Connection, customer: CustomerId) -> rusqlite::Result<Vec<Activity>> {
    select::<Activities>(conn, "WHERE customer_id = ?1 ORDER BY at DESC, id DESC", [customer.0])
}

/// The latest churn record of each live customer that has one (the latest
/// recorded, then the last stored of a day), for the churn view: a few
/// lookups per churn record (by customer index and primary key), never a
/// pass over the customers. A file of schema 3 or older reads every
/// win-back cost as not estimated.
pub fn latest_churn_records(conn: &Connection) -> rusqlite::Result<Vec<ChurnRecord>> {
    let select = ChurnRecords::select_for(conn)?;
    let sql = format!(
        "{select} WHERE id = (SELECT r.id FROM churn_records r \
             WHERE r.customer_id = churn_records.customer_id \
             ORDER BY r.recorded_at DESC, r.id DESC LIMIT 1) \
           AND EXISTS (SELECT 1 FROM customers c \
             WHERE c.id = churn_records.customer_id AND c.deleted_at IS NULL) \
         ORDER BY customer_id"
    );
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_map([], ChurnRecords::from_row)?.collect()
}
