//! Loading every record the compliance rules read (AC check sheet and its
//! companions, the complaint ledger, activities, opportunities, surveys,
//! service reports, customers, purchases, churn, the calendar).

use chrono::NaiveDate;
use rusqlite::{Connection, Row};

use super::sql::date;
use super::tables::Select;
use super::tables::ac::{AcAreas, AcChecks, AcFaults, AcMaintenance, AcNotices, AcOvertime};
use super::tables::pipeline::{Activities, Opportunities};
use super::tables::service::{CalendarDays, Complaints, ServiceReports, Surveys};
use crate::domain::command::RecordKind;
use crate::domain::customer::CustomerId;

/// The owned records live in the domain, beside the borrowed
/// [`crate::domain::compliance::Records`] they lend; the loaders below fill them.
pub use crate::domain::compliance::RecordSet;

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

/// Which rows of a record table to read: all of them, one, or none.
#[derive(Clone, Copy)]
struct Only(Option<(RecordKind, i64)>);

impl Only {
    /// The rows of table `T` (holding records of `kind`).
    fn rows<T: Select>(
        self,
        conn: &Connection,
        kind: RecordKind,
    ) -> rusqlite::Result<Vec<T::Loaded>> {
        self.rows_of::<T>(conn, kind, T::SELECT)
    }

    /// [`Self::rows`] through another SELECT of the same columns.
    fn rows_of<T: Select>(
        self,
        conn: &Connection,
        kind: RecordKind,
        select: &str,
    ) -> rusqlite::Result<Vec<T::Loaded>> {
        let sql = match self.0 {
            None => Some(select.to_owned()),
            Some((k, id)) if k == kind => Some(format!("{select} WHERE id = {id}")),
            Some(_) => None,
        };
        some(conn, sql, T::from_row)
    }

    /// The rows of a table that only the whole set reads (`sql`, mapped by
    /// `map`): none when one record is read.
    fn all<T>(
        self,
        conn: &Connection,
        sql: &str,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Vec<T>> {
        some(conn, self.0.is_none().then(|| sql.to_owned()), map)
    }
}

fn load_filtered(
    conn: &Connection,
    only: Option<(RecordKind, i64)>,
) -> rusqlite::Result<RecordSet> {
    let only = Only(only);
    let customer_date = |r: &Row<'_>| -> rusqlite::Result<(CustomerId, NaiveDate)> {
        Ok((CustomerId(r.get(0)?), date(r, 1)?))
    };
    Ok(RecordSet {
        areas: only.rows_of::<AcAreas>(conn, RecordKind::Area, AcAreas::select_for(conn)?)?,
        ac_checks: only.rows::<AcChecks>(conn, RecordKind::AcCheck)?,
        notices: only.rows::<AcNotices>(conn, RecordKind::Notice)?,
        overtime: only.rows::<AcOvertime>(conn, RecordKind::Overtime)?,
        maintenance: only.rows::<AcMaintenance>(conn, RecordKind::Maintenance)?,
        faults: only.rows::<AcFaults>(conn, RecordKind::Fault)?,
        complaints: only.rows::<Complaints>(conn, RecordKind::Complaint)?,
        activities: only.rows::<Activities>(conn, RecordKind::Activity)?,
        opportunities: only.rows::<Opportunities>(conn, RecordKind::Opportunity)?,
        surveys: only.all(conn, Surveys::SELECT, Surveys::from_row)?,
        reports: only.all(conn, ServiceReports::SELECT, ServiceReports::from_row)?,
        customers: only.all(
            conn,
            "SELECT id, code FROM customers WHERE deleted_at IS NULL",
            |r| Ok((CustomerId(r.get(0)?), r.get(1)?)),
        )?,
        purchases: only.all(
            conn,
            "SELECT DISTINCT customer_id, date FROM transactions",
            customer_date,
        )?,
        churned: only.all(
            conn,
            "SELECT customer_id, recorded_at FROM churn_records",
            customer_date,
        )?,
        calendar: only.all(conn, CalendarDays::SELECT, CalendarDays::from_row)?,
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
