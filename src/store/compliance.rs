//! Loading every record the compliance rules read (AC check sheet and its
//! companions, the complaint ledger, activities, opportunities, surveys,
//! service reports, customers, purchases, churn, the calendar).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{Connection, Row};

use super::TIMESTAMP;
use crate::domain::command::RecordKind;
use crate::domain::customer::CustomerId;
use crate::domain::records::{
    AcArea, AcCheckRow, AcNotice, Activity, CalendarDay, Complaint, Fault, Maintenance,
    Opportunity, Overtime, ReportKind, ServiceReport, Survey,
};
use crate::domain::terms::{
    AcCheckKind, ActivityKind, ComplaintKind, ComplaintStatus, FaultCause, OpportunityStage,
};

/// The owned records live in the domain, beside the borrowed
/// [`crate::domain::compliance::Records`] they lend; the loaders below fill them.
pub use crate::domain::compliance::RecordSet;

fn bad(idx: usize, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        rusqlite::types::Type::Text,
        format!("unexpected value {text:?}").into(),
    )
}

fn date(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(idx)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| bad(idx, &text))
}

fn opt_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| bad(idx, &t))).transpose()
}

fn stamp(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDateTime> {
    let text: String = row.get(idx)?;
    NaiveDateTime::parse_from_str(&text, TIMESTAMP).map_err(|_| bad(idx, &text))
}

fn opt_stamp(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDateTime>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| NaiveDateTime::parse_from_str(&t, TIMESTAMP).map_err(|_| bad(idx, &t))).transpose()
}

fn time(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveTime> {
    let text: String = row.get(idx)?;
    NaiveTime::parse_from_str(&text, "%H:%M").map_err(|_| bad(idx, &text))
}

fn code<T>(row: &Row<'_>, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| bad(idx, &text))
}

/// Runs `sql` (when there is one) and maps every row.
fn some<T>(
    conn: &Connection,
    sql: Option<String>,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let Some(sql) = sql else { return Ok(Vec::new()) };
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_map([], map)?.collect()
}

/// Reads every record the rules need.
pub fn load(conn: &Connection) -> rusqlite::Result<RecordSet> {
    load_filtered(conn, None)
}

/// Reads one record of one kind (the other tables stay empty).
pub fn load_one(conn: &Connection, kind: RecordKind, id: i64) -> rusqlite::Result<RecordSet> {
    load_filtered(conn, Some((kind, id)))
}

fn load_filtered(
    conn: &Connection,
    only: Option<(RecordKind, i64)>,
) -> rusqlite::Result<RecordSet> {
    // The query for a record table: all rows, one row, or none at all.
    let sel = |kind: RecordKind, sql: &str| match only {
        None => Some(sql.to_owned()),
        Some((k, id)) if k == kind => Some(format!("{sql} WHERE id = {id}")),
        Some(_) => None,
    };
    let others = only.is_none();
    Ok(RecordSet {
        areas: some(conn, sel(RecordKind::Area, "SELECT id, name, room, responsible_person, department FROM ac_areas"),
            |r| {
                Ok(AcArea {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    room: r.get(2)?,
                    responsible_person: r.get(3)?,
                    department: r.get(4)?,
                })
            },
        )?,
        ac_checks: some(conn, sel(RecordKind::AcCheck, "SELECT id, date, time, kind, area_id, reference_temp_tenths, ac_on, set_temp_tenths, \
             windows_closed, occupied, checker, note FROM ac_checks"),
            |r| {
                Ok((
                    r.get(0)?,
                    AcCheckRow {
                        date: date(r, 1)?,
                        time: time(r, 2)?,
                        kind: code(r, 3, AcCheckKind::from_code)?,
                        area: r.get(4)?,
                        reference_temp_tenths: r.get(5)?,
                        ac_on: r.get(6)?,
                        set_temp_tenths: r.get(7)?,
                        windows_closed: r.get(8)?,
                        occupied: r.get(9)?,
                        checker: r.get(10)?,
                        note: r.get(11)?,
                    },
                ))
            },
        )?,
        notices: some(conn, sel(RecordKind::Notice, "SELECT date_from, date_to, reason FROM ac_notices"), |r| {
            Ok(AcNotice { from: date(r, 0)?, to: date(r, 1)?, reason: r.get(2)? })
        })?,
        overtime: some(conn, sel(RecordKind::Overtime, "SELECT date, area_id, until, who, note FROM ac_overtime"), |r| {
            Ok(Overtime {
                date: date(r, 0)?,
                area: r.get(1)?,
                until: time(r, 2)?,
                who: r.get(3)?,
                note: r.get(4)?,
            })
        })?,
        maintenance: some(conn, sel(RecordKind::Maintenance, "SELECT area_id, date, what FROM ac_maintenance"), |r| {
            Ok(Maintenance { area: r.get(0)?, date: date(r, 1)?, what: r.get(2)? })
        })?,
        faults: some(conn, sel(RecordKind::Fault, "SELECT id, area_id, reported_at, cause, liable_person, repaired_at, note FROM ac_faults"),
            |r| {
                Ok((
                    r.get(0)?,
                    Fault {
                        area: r.get(1)?,
                        reported_at: stamp(r, 2)?,
                        cause: code(r, 3, FaultCause::from_code)?,
                        liable_person: r.get(4)?,
                        repaired_at: opt_stamp(r, 5)?,
                        note: r.get(6)?,
                    },
                ))
            },
        )?,
        complaints: some(conn, sel(RecordKind::Complaint, "SELECT id, customer_id, received_at, channel, kind, category, description, \
             first_handler, first_response_at, resolved_at, resolution, status FROM complaints"),
            |r| {
                Ok(Complaint {
                    id: r.get(0)?,
                    customer: CustomerId(r.get(1)?),
                    received_at: stamp(r, 2)?,
                    channel: r.get(3)?,
                    kind: code(r, 4, ComplaintKind::from_code)?,
                    category: r.get(5)?,
                    description: r.get(6)?,
                    first_handler: r.get(7)?,
                    first_response_at: opt_stamp(r, 8)?,
                    resolved_at: opt_stamp(r, 9)?,
                    resolution: r.get(10)?,
                    status: code(r, 11, ComplaintStatus::from_code)?,
                })
            },
        )?,
        activities: some(conn, sel(RecordKind::Activity, "SELECT id, customer_id, opportunity_id, complaint_id, kind, at, subject, outcome, \
             next_step, next_step_due FROM activities"),
            |r| {
                Ok(Activity {
                    id: r.get(0)?,
                    customer: CustomerId(r.get(1)?),
                    opportunity: r.get(2)?,
                    complaint: r.get(3)?,
                    kind: code(r, 4, ActivityKind::from_code)?,
                    at: stamp(r, 5)?,
                    subject: r.get(6)?,
                    outcome: r.get(7)?,
                    next_step: r.get(8)?,
                    next_step_due: opt_date(r, 9)?,
                })
            },
        )?,
        opportunities: some(conn, sel(RecordKind::Opportunity, "SELECT id, customer_id, title, stage, expected_value_cents, probability_pct, \
             expected_close, created_at, closed_at, delivered_at, owner, notes FROM opportunities"),
            |r| {
                Ok(Opportunity {
                    id: r.get(0)?,
                    customer: CustomerId(r.get(1)?),
                    title: r.get(2)?,
                    stage: code(r, 3, OpportunityStage::from_code)?,
                    expected_value_cents: r.get(4)?,
                    probability_pct: r.get(5)?,
                    expected_close: opt_date(r, 6)?,
                    created_at: stamp(r, 7)?,
                    closed_at: opt_date(r, 8)?,
                    delivered_at: opt_date(r, 9)?,
                    owner: r.get(10)?,
                    notes: r.get(11)?,
                })
            },
        )?,
        surveys: some(conn, others.then(|| "SELECT customer_id, date, expected, perceived, comment FROM surveys".to_owned()),
            |r| {
                Ok(Survey {
                    customer: CustomerId(r.get(0)?),
                    date: date(r, 1)?,
                    expected: r.get(2)?,
                    perceived: r.get(3)?,
                    comment: r.get(4)?,
                })
            },
        )?,
        reports: some(conn, others.then(|| "SELECT year, month, kind, produced_at, summary, analysis, solutions FROM service_reports".to_owned()),
            |r| {
                let kind: String = r.get(2)?;
                Ok(ServiceReport {
                    year: r.get(0)?,
                    month: r.get(1)?,
                    kind: match kind.as_str() {
                        "complaints" => ReportKind::Complaints,
                        "visits" => ReportKind::Visits,
                        other => return Err(bad(2, other)),
                    },
                    produced_at: stamp(r, 3)?,
                    summary: r.get(4)?,
                    analysis: r.get(5)?,
                    solutions: r.get(6)?,
                })
            },
        )?,
        customers: some(conn, others.then(|| "SELECT id, code FROM customers WHERE deleted_at IS NULL".to_owned()), |r| {
            Ok((CustomerId(r.get(0)?), r.get(1)?))
        })?,
        purchases: some(conn, others.then(|| "SELECT DISTINCT customer_id, date FROM transactions".to_owned()), |r| {
            Ok((CustomerId(r.get(0)?), date(r, 1)?))
        })?,
        churned: some(conn, others.then(|| "SELECT customer_id, recorded_at FROM churn_records".to_owned()), |r| {
            Ok((CustomerId(r.get(0)?), date(r, 1)?))
        })?,
        calendar: some(conn, others.then(|| "SELECT date, working, name FROM calendar_days".to_owned()), |r| {
            Ok(CalendarDay { date: date(r, 0)?, working: r.get(1)?, name: r.get(2)? })
        })?,
    })
}

/// The view and its month loop are pure and live in the domain.
pub use crate::domain::compliance::view::{ComplianceView, build_view};

/// Loads the records from `path` (read-only, on the calling worker thread)
/// and runs every rule; `progress` returns `false` to cancel.
pub fn compute_view(
    path: &std::path::Path,
    settings: &crate::domain::settings::Settings,
    today: NaiveDate,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<ComplianceView, String> {
    let conn = super::db::read_connection(path).map_err(|e| e.to_string())?;
    let set = load(&conn).map_err(|e| e.to_string())?;
    build_view(set, settings, today, progress)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::demo::DemoOptions;
    use crate::store::Store;

    /// The view read from a file is the domain's view of the records the
    /// loader reads (the month loop itself is tested in the domain).
    #[test]
    fn the_view_of_a_file_is_the_view_of_its_records() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("demo.db");
        let options = DemoOptions { customers: 120, ..DemoOptions::default() };
        let store = Store::create_demo(&path, &options).expect("demo");
        let settings = crate::store::settings::load(&store.conn).expect("settings");
        let today = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
        let view = compute_view(&path, &settings, today, &mut |_| true).expect("view");

        let set = load(&store.conn).expect("records");
        let direct = build_view(set, &settings, today, &mut |_| true).expect("view");
        assert_eq!(view.period, direct.period);
        assert_eq!(view.report, direct.report);
        assert_eq!(view.monthly, direct.monthly);
        assert!(view.monthly.len() >= 12, "{} months", view.monthly.len());
    }
}
