//! The compliance panel's view: the findings over all records and the
//! per-rule counts of each month, from records already loaded.

use chrono::{Datelike as _, NaiveDate};

use super::{Derived, Period, RecordSet, Report, RuleStats, check_derived};
use crate::domain::settings::Settings;

/// Everything the compliance panel shows: the records, the findings over
/// all records, and the per-rule counts of each month (for the rate chart).
#[derive(Debug)]
pub struct ComplianceView {
    pub set: RecordSet,
    pub period: Option<Period>,
    pub report: Report,
    /// `(year, month, stats)` for every month of the period.
    pub monthly: Vec<(i32, u32, Vec<RuleStats>)>,
    pub today: NaiveDate,
}

/// Runs every rule over the records of `set` from the first record to today
/// (or to the latest record, when later): what is missing is missing
/// whether or not later records exist (DOMAIN §4.2, "Periods"); then each
/// month of that period (deriving who was active when once for all of
/// them); `progress` returns `false` to cancel.
pub fn build_view(
    set: RecordSet,
    settings: &Settings,
    today: NaiveDate,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<ComplianceView, String> {
    let records = set.records();
    let period = Period::covering(&records).map(|p| p.up_to(today));
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
    use crate::domain::compliance::check_with_stats;
    use crate::domain::demo::{DemoCompany, DemoOptions, generate};

    /// The demo's records as the store would load them (row ids in order).
    fn record_set(c: DemoCompany) -> RecordSet {
        let numbered = |n: usize| (1..=n).map(|i| i64::try_from(i).expect("few rows"));
        RecordSet {
            areas: c.areas,
            ac_checks: numbered(c.ac_checks.len()).zip(c.ac_checks).collect(),
            notices: c.notices,
            overtime: c.overtime,
            maintenance: c.maintenance,
            faults: numbered(c.faults.len()).zip(c.faults).collect(),
            complaints: c.complaints,
            activities: c.activities,
            opportunities: c.opportunities,
            surveys: c.surveys,
            reports: c.reports,
            customers: c.customers.iter().map(|x| (x.id, x.code.clone())).collect(),
            purchases: c.transactions.iter().map(|t| (t.customer, t.date)).collect(),
            churned: c.churn.iter().map(|x| (x.customer, x.recorded_at)).collect(),
            calendar: c.calendar,
        }
    }

    /// The view checks the whole period and then each month, deriving who
    /// was active when once for all of them: the same as checking each
    /// afresh.
    #[test]
    fn the_view_shares_its_derivations_and_finds_what_fresh_checks_find() {
        let options = DemoOptions { customers: 120, ..DemoOptions::default() };
        let settings = Settings::default();
        let today = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
        let view = build_view(record_set(generate(&options)), &settings, today, &mut |_| true)
            .expect("view");

        let records = view.set.records();
        let all = Period::covering(&records).expect("a period").up_to(today);
        let fresh = check_with_stats(&records, &settings, all, today, None).expect("check");
        assert_eq!(view.report, fresh);
        assert!(view.monthly.len() >= 12, "{} months", view.monthly.len());
        let visits = |stats: &[RuleStats]| {
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

    /// Records without a period give an empty view.
    #[test]
    fn no_records_no_months() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
        let view = build_view(RecordSet::default(), &Settings::default(), today, &mut |_| true)
            .expect("view");
        assert!(view.period.is_none() && view.monthly.is_empty());
    }
}
