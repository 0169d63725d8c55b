//! The service tables: the complaint ledger, satisfaction surveys, the
//! monthly service reports and the working calendar's exceptions.

use rusqlite::{Row, Statement, params};

use super::{Insert, Select};
use crate::domain::customer::CustomerId;
use crate::domain::records::{CalendarDay, Complaint, ReportKind, ServiceReport, Survey};
use crate::domain::terms::{ComplaintKind, ComplaintStatus};
use crate::store::sql::{bad, date, date_text, opt_stamp, stamp, stamp_text, vocab};

/// The `complaints` table (the complaint ledger).
pub(crate) struct Complaints;

impl Insert for Complaints {
    type Record = Complaint;
    const INSERT: &'static str = "INSERT INTO complaints (id, customer_id, received_at, \
         channel, kind, category, description, first_handler, first_response_at, resolved_at, \
         resolution, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, c: &Complaint) -> rusqlite::Result<()> {
        stmt.execute(params![
            id,
            c.customer.0,
            stamp_text(c.received_at),
            c.channel,
            c.kind.code(),
            c.category,
            c.description,
            c.first_handler,
            c.first_response_at.map(stamp_text),
            c.resolved_at.map(stamp_text),
            c.resolution,
            c.status.code()
        ])?;
        Ok(())
    }
}

impl Select for Complaints {
    type Loaded = Complaint;
    const SELECT: &'static str = "SELECT id, customer_id, received_at, channel, kind, category, \
         description, first_handler, first_response_at, resolved_at, resolution, status \
         FROM complaints";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Complaint> {
        Ok(Complaint {
            id: r.get(0)?,
            customer: CustomerId(r.get(1)?),
            received_at: stamp(r, 2)?,
            channel: r.get(3)?,
            kind: vocab(r, 4, ComplaintKind::from_code)?,
            category: r.get(5)?,
            description: r.get(6)?,
            first_handler: r.get(7)?,
            first_response_at: opt_stamp(r, 8)?,
            resolved_at: opt_stamp(r, 9)?,
            resolution: r.get(10)?,
            status: vocab(r, 11, ComplaintStatus::from_code)?,
        })
    }
}

/// The `surveys` table (satisfaction surveys).
pub(crate) struct Surveys;

impl Insert for Surveys {
    type Record = Survey;
    const INSERT: &'static str = "INSERT INTO surveys (id, customer_id, date, expected, \
         perceived, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, s: &Survey) -> rusqlite::Result<()> {
        stmt.execute(params![
            id,
            s.customer.0,
            date_text(s.date),
            s.expected,
            s.perceived,
            s.comment
        ])?;
        Ok(())
    }
}

impl Select for Surveys {
    type Loaded = Survey;
    const SELECT: &'static str =
        "SELECT customer_id, date, expected, perceived, comment FROM surveys";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Survey> {
        Ok(Survey {
            customer: CustomerId(r.get(0)?),
            date: date(r, 1)?,
            expected: r.get(2)?,
            perceived: r.get(3)?,
            comment: r.get(4)?,
        })
    }
}

/// The `service_reports` table (the produced monthly reports).
pub(crate) struct ServiceReports;

impl Insert for ServiceReports {
    type Record = ServiceReport;
    const INSERT: &'static str = "INSERT INTO service_reports (id, year, month, kind, \
         produced_at, summary, analysis, solutions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

    fn execute(
        stmt: &mut Statement<'_>,
        id: Option<i64>,
        r: &ServiceReport,
    ) -> rusqlite::Result<()> {
        stmt.execute(params![
            id,
            r.year,
            r.month,
            r.kind.code(),
            stamp_text(r.produced_at),
            r.summary,
            r.analysis,
            r.solutions
        ])?;
        Ok(())
    }
}

impl Select for ServiceReports {
    type Loaded = ServiceReport;
    const SELECT: &'static str = "SELECT year, month, kind, produced_at, summary, analysis, \
         solutions FROM service_reports";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<ServiceReport> {
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
    }
}

/// The `calendar_days` table (holidays and working weekends). Its key is
/// the date: the `id` of [`Insert::execute`] is not used.
pub(crate) struct CalendarDays;

impl Insert for CalendarDays {
    type Record = CalendarDay;
    const INSERT: &'static str =
        "INSERT INTO calendar_days (date, working, name) VALUES (?1, ?2, ?3)";

    fn execute(stmt: &mut Statement<'_>, _: Option<i64>, d: &CalendarDay) -> rusqlite::Result<()> {
        stmt.execute(params![date_text(d.date), d.working, d.name])?;
        Ok(())
    }
}

impl Select for CalendarDays {
    type Loaded = CalendarDay;
    const SELECT: &'static str = "SELECT date, working, name FROM calendar_days";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<CalendarDay> {
        Ok(CalendarDay { date: date(r, 0)?, working: r.get(1)?, name: r.get(2)? })
    }
}
