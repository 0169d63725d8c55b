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

/// Runs every rule over the records of `set`, then each month of their
/// period (deriving who was active when once for all of them); `progress`
/// returns `false` to cancel.
pub fn build_view(
    set: RecordSet,
    settings: &Settings,
    today: NaiveDate,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<ComplianceView, String> {
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
