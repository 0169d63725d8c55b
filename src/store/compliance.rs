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
use crate::domain::compliance::Records;
use crate::domain::customer::CustomerId;
use crate::domain::records::{
    AcArea, AcCheckRow, AcNotice, Activity, CalendarDay, Complaint, Fault, Maintenance,
    Opportunity, Overtime, ServiceReport, Survey,
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
        let sql = match self.0 {
            None => Some(T::SELECT.to_owned()),
            Some((k, id)) if k == kind => Some(format!("{} WHERE id = {id}", T::SELECT)),
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
        areas: only.rows::<AcAreas>(conn, RecordKind::Area)?,
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

/// Everything the compliance panel shows: the records, the findings over
/// all records, and the per-rule counts of each month (for the rate chart).
#[derive(Debug)]
pub struct ComplianceView {
    pub set: RecordSet,
    pub period: Option<crate::domain::compliance::Period>,
    pub report: crate::domain::compliance::Report,
    /// `(year, month, stats)` for every month of the period.
    pub monthly: Vec<(i32, u32, Vec<crate::domain::compliance::RuleStats>)>,
    pub today: NaiveDate,
}

/// Loads the records from `path` (read-only, on the calling worker thread)
/// and runs every rule; `progress` returns `false` to cancel.
pub fn compute_view(
    path: &std::path::Path,
    settings: &crate::domain::settings::Settings,
    today: NaiveDate,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<ComplianceView, String> {
    use chrono::Datelike as _;

    use crate::domain::compliance::{Derived, Period, Report, check_derived};
    let conn = super::db::read_connection(path).map_err(|e| e.to_string())?;
    let set = load(&conn).map_err(|e| e.to_string())?;
    let records = set.records();
    let period = Period::covering(&records);
    let Some(all) = period else {
        return Ok(ComplianceView {
            report: Report { findings: Vec::new(), stats: Vec::new() },
            monthly: Vec::new(),
            period,
            today,
            set,
        });
    };
    let derived = Derived::default();
    let report =
        check_derived(&records, settings, all, today, None, &derived).map_err(|e| e.to_string())?;
    let mut monthly = Vec::new();
    let mut month =
        NaiveDate::from_ymd_opt(all.from.year(), all.from.month(), 1).unwrap_or(all.from);
    let months = (all.to.year() - month.year()) * 12 + i32::try_from(all.to.month()).unwrap_or(1)
        - i32::try_from(month.month()).unwrap_or(1)
        + 1;
    let mut done = 0;
    while month <= all.to {
        let next = month.checked_add_months(chrono::Months::new(1)).unwrap_or(all.to);
        let last = next.pred_opt().unwrap_or(next).min(all.to);
        let stats = check_derived(
            &records,
            settings,
            Period { from: month.max(all.from), to: last },
            today,
            None,
            &derived,
        )
        .map_err(|e| e.to_string())?
        .stats;
        monthly.push((month.year(), month.month(), stats));
        done += 1;
        #[allow(clippy::cast_precision_loss)]
        if !progress(done as f32 / months.max(1) as f32) {
            return Err("cancelled".into());
        }
        if next <= month {
            break;
        }
        month = next;
    }
    Ok(ComplianceView { set, period, report, monthly, today })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::compliance::{Period, check_with_stats};
    use crate::domain::demo::DemoOptions;
    use crate::store::Store;

    /// The view checks the whole period and then each month, deriving who
    /// was active when once for all of them: the same as checking each
    /// afresh.
    #[test]
    fn the_view_shares_its_derivations_and_finds_what_fresh_checks_find() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("demo.db");
        let options = DemoOptions { customers: 120, ..DemoOptions::default() };
        let store = Store::create_demo(&path, &options).expect("demo");
        let settings = crate::store::settings::load(&store.conn).expect("settings");
        let today = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
        let view = compute_view(&path, &settings, today, &mut |_| true).expect("view");

        let set = load(&store.conn).expect("records");
        let records = set.records();
        let all = Period::covering(&records).expect("a period");
        let fresh = check_with_stats(&records, &settings, all, today, None).expect("check");
        assert_eq!(view.report, fresh);
        assert!(view.monthly.len() >= 12, "{} months", view.monthly.len());
        let visits = |stats: &[crate::domain::compliance::RuleStats]| {
            stats.iter().find(|s| s.rule_id == "SVC-VISIT-50").map(|s| s.checked)
        };
        assert!(view.monthly.iter().any(|(_, _, stats)| visits(stats) > Some(0)));
        for (year, month, stats) in &view.monthly {
            let from = NaiveDate::from_ymd_opt(*year, *month, 1).expect("month").max(all.from);
            let next = NaiveDate::from_ymd_opt(*year, *month, 1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)));
            let to = next.and_then(|d| d.pred_opt()).expect("month end").min(all.to);
            let fresh = check_with_stats(&records, &settings, Period { from, to }, today, None)
                .expect("check");
            assert_eq!(stats, &fresh.stats, "{year}-{month}");
        }
    }
}
