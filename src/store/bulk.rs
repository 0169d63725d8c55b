//! Bulk insert paths (demo company, imports, benchmarks): one prepared
//! statement per table, run inside the caller's transaction.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{Connection, params};

use super::records::{self, pipeline_records};
use super::{StoreError, TIMESTAMP, customers};
use crate::domain::command::Record;
use crate::domain::demo::DemoCompany;
use crate::domain::records::{
    AcArea, AcCheckRow, AcNotice, Activity, CalendarDay, ChurnRecord, Complaint, Fault,
    Maintenance, NewCustomer, Opportunity, Overtime, ServiceReport, StageChange, Survey,
    Transaction,
};
use crate::domain::terms::OpportunityStage;

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn stamp(t: NaiveDateTime) -> String {
    t.format(TIMESTAMP).to_string()
}

fn time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Inserts transactions with one prepared statement; returns the count.
/// Call inside a transaction (see [`super::Store::in_transaction`]).
pub fn insert_transactions<'a>(
    conn: &Connection,
    rows: impl IntoIterator<Item = &'a Transaction>,
) -> rusqlite::Result<usize> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO transactions (customer_id, date, amount_cents, order_no, product, quantity) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut n = 0;
    for t in rows {
        stmt.execute(params![
            t.customer.0,
            date(t.date),
            t.amount_cents,
            t.order_no,
            t.product,
            t.quantity
        ])?;
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

fn opt_stamp(t: Option<NaiveDateTime>) -> Option<String> {
    t.map(stamp)
}

fn insert_opportunities(conn: &Connection, rows: &[Opportunity]) -> rusqlite::Result<()> {
    rows.iter().try_for_each(|o| pipeline_records::insert_opportunity(conn, Some(o.id), o))
}

fn insert_stage_changes(conn: &Connection, rows: &[StageChange]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO opportunity_stage_history (opportunity_id, from_stage, to_stage, changed_at, \
         note) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for s in rows {
        stmt.execute(params![
            s.opportunity,
            s.from.map(OpportunityStage::code),
            s.to.code(),
            stamp(s.at),
            s.note
        ])?;
    }
    Ok(())
}

fn insert_complaints(conn: &Connection, rows: &[Complaint]) -> rusqlite::Result<()> {
    rows.iter().try_for_each(|c| {
        records::insert(conn, Some(c.id), &Record::Complaint(c.clone())).map(|_| ())
    })
}

fn insert_activities(conn: &Connection, rows: &[Activity]) -> rusqlite::Result<()> {
    rows.iter().try_for_each(|a| pipeline_records::insert_activity(conn, Some(a.id), a))
}

fn insert_churn(conn: &Connection, rows: &[ChurnRecord]) -> rusqlite::Result<()> {
    rows.iter().try_for_each(|c| pipeline_records::insert_churn(conn, None, c))
}

fn insert_surveys(conn: &Connection, rows: &[Survey]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO surveys (customer_id, date, expected, perceived, comment) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for s in rows {
        stmt.execute(params![s.customer.0, date(s.date), s.expected, s.perceived, s.comment])?;
    }
    Ok(())
}

fn insert_areas(conn: &Connection, rows: &[AcArea]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO ac_areas (id, name, room, responsible_person, department) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for a in rows {
        stmt.execute(params![a.id, a.name, a.room, a.responsible_person, a.department])?;
    }
    Ok(())
}

/// Inserts AC check-sheet rows.
pub fn insert_ac_checks(conn: &Connection, rows: &[AcCheckRow]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO ac_checks (date, time, kind, area_id, reference_temp_tenths, ac_on, \
         set_temp_tenths, windows_closed, occupied, checker, note) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for c in rows {
        stmt.execute(params![
            date(c.date),
            time(c.time),
            c.kind.code(),
            c.area,
            c.reference_temp_tenths,
            c.ac_on,
            c.set_temp_tenths,
            c.windows_closed,
            c.occupied,
            c.checker,
            c.note
        ])?;
    }
    Ok(())
}

fn insert_ac_companions(
    conn: &Connection,
    notices: &[AcNotice],
    overtime: &[Overtime],
    maintenance: &[Maintenance],
    faults: &[Fault],
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO ac_notices (date_from, date_to, reason) VALUES (?1, ?2, ?3)",
    )?;
    for n in notices {
        stmt.execute(params![date(n.from), date(n.to), n.reason])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO ac_overtime (date, area_id, until, who, note) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for o in overtime {
        stmt.execute(params![date(o.date), o.area, time(o.until), o.who, o.note])?;
    }
    let mut stmt = conn
        .prepare_cached("INSERT INTO ac_maintenance (area_id, date, what) VALUES (?1, ?2, ?3)")?;
    for m in maintenance {
        stmt.execute(params![m.area, date(m.date), m.what])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO ac_faults (area_id, reported_at, cause, liable_person, repaired_at, note) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for f in faults {
        stmt.execute(params![
            f.area,
            stamp(f.reported_at),
            f.cause.code(),
            f.liable_person,
            opt_stamp(f.repaired_at),
            f.note
        ])?;
    }
    Ok(())
}

fn insert_reports_and_calendar(
    conn: &Connection,
    reports: &[ServiceReport],
    calendar: &[CalendarDay],
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO service_reports (year, month, kind, produced_at, summary, analysis, solutions) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for r in reports {
        stmt.execute(params![
            r.year,
            r.month,
            r.kind.code(),
            stamp(r.produced_at),
            r.summary,
            r.analysis,
            r.solutions
        ])?;
    }
    let mut stmt =
        conn.prepare_cached("INSERT INTO calendar_days (date, working, name) VALUES (?1, ?2, ?3)")?;
    for d in calendar {
        stmt.execute(params![date(d.date), d.working, d.name])?;
    }
    Ok(())
}

/// Writes a whole demo company (call inside one transaction on an empty
/// database).
pub fn write_demo(conn: &Connection, demo: &DemoCompany) -> Result<(), StoreError> {
    insert_customers(conn, &demo.customers)?;
    insert_transactions(conn, &demo.transactions)?;
    insert_opportunities(conn, &demo.opportunities)?;
    insert_stage_changes(conn, &demo.stage_changes)?;
    insert_complaints(conn, &demo.complaints)?;
    insert_activities(conn, &demo.activities)?;
    insert_churn(conn, &demo.churn)?;
    insert_surveys(conn, &demo.surveys)?;
    insert_areas(conn, &demo.areas)?;
    insert_ac_checks(conn, &demo.ac_checks)?;
    insert_ac_companions(conn, &demo.notices, &demo.overtime, &demo.maintenance, &demo.faults)?;
    insert_reports_and_calendar(conn, &demo.reports, &demo.calendar)?;
    Ok(())
}
