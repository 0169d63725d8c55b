//! Bulk insert paths (demo company, imports, benchmarks): one prepared
//! statement per table (the tables' own, [`super::tables`]), run inside the
//! caller's transaction.

use rusqlite::Connection;

use super::tables::ac::{AcAreas, AcChecks, AcFaults, AcMaintenance, AcNotices, AcOvertime};
use super::tables::pipeline::{Activities, ChurnRecords, Opportunities, StageHistory};
use super::tables::service::{CalendarDays, Complaints, ServiceReports, Surveys};
use super::tables::{insert_all, transactions};
use super::{StoreError, customers};
use crate::domain::demo::DemoCompany;
use crate::domain::records::{AcCheckRow, NewCustomer, Transaction};

/// Inserts transactions with one prepared statement; returns the count.
/// Call inside a transaction (see [`super::Store::in_transaction`]).
pub fn insert_transactions<'a>(
    conn: &Connection,
    rows: impl IntoIterator<Item = &'a Transaction>,
) -> rusqlite::Result<usize> {
    let mut stmt = conn.prepare_cached(transactions::INSERT)?;
    let mut n = 0;
    for t in rows {
        transactions::execute_typed(&mut stmt, t)?;
        n += 1;
    }
    Ok(n)
}

/// Inserts customers under their given ids and codes.
pub fn insert_customers<'a>(
    conn: &Connection,
    rows: impl IntoIterator<Item = &'a NewCustomer>,
) -> rusqlite::Result<usize> {
    let mut n = 0;
    for c in rows {
        customers::insert(conn, Some(c.id), &c.code, &c.data, c.created_at)?;
        n += 1;
    }
    Ok(n)
}

/// Inserts AC check-sheet rows.
pub fn insert_ac_checks(conn: &Connection, rows: &[AcCheckRow]) -> rusqlite::Result<()> {
    insert_all::<AcChecks>(conn, rows.iter().map(|c| (None, c)))
}

/// Writes a whole demo company (call inside one transaction on an empty
/// database).
pub fn write_demo(conn: &Connection, demo: &DemoCompany) -> Result<(), StoreError> {
    insert_customers(conn, &demo.customers)?;
    insert_transactions(conn, &demo.transactions)?;
    insert_all::<Opportunities>(conn, demo.opportunities.iter().map(|o| (Some(o.id), o)))?;
    insert_all::<StageHistory>(conn, demo.stage_changes.iter().map(|s| (None, s)))?;
    insert_all::<Complaints>(conn, demo.complaints.iter().map(|c| (Some(c.id), c)))?;
    insert_all::<Activities>(conn, demo.activities.iter().map(|a| (Some(a.id), a)))?;
    insert_all::<ChurnRecords>(conn, demo.churn.iter().map(|c| (None, c)))?;
    insert_all::<Surveys>(conn, demo.surveys.iter().map(|s| (None, s)))?;
    insert_all::<AcAreas>(conn, demo.areas.iter().map(|a| (Some(a.id), a)))?;
    insert_ac_checks(conn, &demo.ac_checks)?;
    insert_all::<AcNotices>(conn, demo.notices.iter().map(|n| (None, n)))?;
    insert_all::<AcOvertime>(conn, demo.overtime.iter().map(|o| (None, o)))?;
    insert_all::<AcMaintenance>(conn, demo.maintenance.iter().map(|m| (None, m)))?;
    insert_all::<AcFaults>(conn, demo.faults.iter().map(|f| (None, f)))?;
    insert_all::<ServiceReports>(conn, demo.reports.iter().map(|r| (None, r)))?;
    insert_all::<CalendarDays>(conn, demo.calendar.iter().map(|d| (None, d)))?;
    // The mark of the demo company (the lessons are written for it),
    // whatever the file is called; business settings ignore the key.
    conn.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, 'yes')",
        [super::settings::DEMO_KEY],
    )?;
    Ok(())
}
