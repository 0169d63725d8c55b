//! Loading every record the compliance rules read (AC check sheet and its
//! companions, the complaint ledger, activities, opportunities, surveys,
//! service reports, customers, purchases, churn, the calendar).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{Connection, Row};

use super::TIMESTAMP;
use crate::domain::compliance::Records;
use crate::domain::customer::CustomerId;
use crate::domain::records::{
    AcArea, AcCheckRow, AcNotice, Activity, CalendarDay, Complaint, Fault, Maintenance,
    Opportunity, Overtime, ReportKind, ServiceReport, Survey,
};
use crate::domain::terms::{
    AcCheckKind, ActivityKind, ComplaintKind, ComplaintStatus, FaultCause, OpportunityStage,
};

/// Owned records; [`RecordSet::records`] lends them to the rules.
#[derive(Debug, Default)]
pub struct RecordSet {
    pub areas: Vec<AcArea>,
    pub ac_checks: Vec<(i64, AcCheckRow)>,
    pub notices: Vec<AcNotice>,
    pub overtime: Vec<Overtime>,
    pub maintenance: Vec<Maintenance>,
    pub faults: Vec<(i64, Fault)>,
    pub complaints: Vec<Complaint>,
    pub activities: Vec<Activity>,
    pub opportunities: Vec<Opportunity>,
    pub surveys: Vec<Survey>,
    pub reports: Vec<ServiceReport>,
    pub customers: Vec<(CustomerId, String)>,
    pub purchases: Vec<(CustomerId, NaiveDate)>,
    pub churned: Vec<(CustomerId, NaiveDate)>,
    pub calendar: Vec<CalendarDay>,
}

impl RecordSet {
    /// The records as the rules take them.
    pub fn records(&self) -> Records<'_> {
        Records {
            areas: &self.areas,
            ac_checks: &self.ac_checks,
            notices: &self.notices,
            overtime: &self.overtime,
            maintenance: &self.maintenance,
            faults: &self.faults,
            complaints: &self.complaints,
            activities: &self.activities,
            opportunities: &self.opportunities,
            surveys: &self.surveys,
            reports: &self.reports,
            customers: &self.customers,
            purchases: &self.purchases,
            churned: &self.churned,
            calendar: &self.calendar,
        }
    }
}

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

fn all<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([], map)?.collect()
}

/// Reads every record the rules need.
pub fn load(conn: &Connection) -> rusqlite::Result<RecordSet> {
    Ok(RecordSet {
        areas: all(
            conn,
            "SELECT id, name, room, responsible_person, department FROM ac_areas",
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
        ac_checks: all(
            conn,
            "SELECT id, date, time, kind, area_id, reference_temp_tenths, ac_on, set_temp_tenths, \
             windows_closed, occupied, checker, note FROM ac_checks",
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
        notices: all(conn, "SELECT date_from, date_to, reason FROM ac_notices", |r| {
            Ok(AcNotice { from: date(r, 0)?, to: date(r, 1)?, reason: r.get(2)? })
        })?,
        overtime: all(conn, "SELECT date, area_id, until, who, note FROM ac_overtime", |r| {
            Ok(Overtime {
                date: date(r, 0)?,
                area: r.get(1)?,
                until: time(r, 2)?,
                who: r.get(3)?,
                note: r.get(4)?,
            })
        })?,
        maintenance: all(conn, "SELECT area_id, date, what FROM ac_maintenance", |r| {
            Ok(Maintenance { area: r.get(0)?, date: date(r, 1)?, what: r.get(2)? })
        })?,
        faults: all(
            conn,
            "SELECT id, area_id, reported_at, cause, liable_person, repaired_at, note FROM ac_faults",
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
        complaints: all(
            conn,
            "SELECT id, customer_id, received_at, channel, kind, category, description, \
             first_handler, first_response_at, resolved_at, resolution, status FROM complaints",
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
        activities: all(
            conn,
            "SELECT id, customer_id, opportunity_id, complaint_id, kind, at, subject, outcome, \
             next_step, next_step_due FROM activities",
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
        opportunities: all(
            conn,
            "SELECT id, customer_id, title, stage, expected_value_cents, probability_pct, \
             expected_close, created_at, closed_at, delivered_at, owner, notes FROM opportunities",
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
        surveys: all(
            conn,
            "SELECT customer_id, date, expected, perceived, comment FROM surveys",
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
        reports: all(
            conn,
            "SELECT year, month, kind, produced_at, summary, analysis, solutions FROM service_reports",
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
        customers: all(conn, "SELECT id, code FROM customers WHERE deleted_at IS NULL", |r| {
            Ok((CustomerId(r.get(0)?), r.get(1)?))
        })?,
        purchases: all(conn, "SELECT DISTINCT customer_id, date FROM transactions", |r| {
            Ok((CustomerId(r.get(0)?), date(r, 1)?))
        })?,
        churned: all(conn, "SELECT customer_id, recorded_at FROM churn_records", |r| {
            Ok((CustomerId(r.get(0)?), date(r, 1)?))
        })?,
        calendar: all(conn, "SELECT date, working, name FROM calendar_days", |r| {
            Ok(CalendarDay { date: date(r, 0)?, working: r.get(1)?, name: r.get(2)? })
        })?,
    })
}
