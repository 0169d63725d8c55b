//! The monthly service report (SVC-MONTHLY-REPORT, DOMAIN §4.2): complaints
//! and queries by kind and category, SLA compliance, unresolved entries,
//! repeated complaints per customer and visit coverage, as one table.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike as _, NaiveDate};

use super::service::Activeness;
use super::{ComplianceError, Finding, Period, Records, check_with_stats};
use crate::domain::settings::Settings;
use crate::domain::table::{Cell, Table};
use crate::domain::terms::{ActivityKind, ComplaintKind};

/// The SLA rules summarised in the report.
const SLA_RULES: [&str; 3] = ["SVC-QUERY-10MIN", "SVC-COMPLAINT-HALFDAY", "SVC-FIRST-30MIN"];

/// The month before `today` (the report is due by the 5th of `today`'s month).
pub fn previous_month(today: NaiveDate) -> (i32, u32) {
    if today.month() == 1 { (today.year() - 1, 12) } else { (today.year(), today.month() - 1) }
}

/// The report for `year`-`month` as `section,item,value` rows.
pub fn monthly_service(
    records: &Records,
    settings: &Settings,
    year: i32,
    month: u32,
    today: NaiveDate,
) -> Result<Table, ComplianceError> {
    let from = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(today);
    let to =
        from.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(from);
    let period = Period { from, to };
    let mut t = Table::new(&["section", "item", "value"]);
    let mut put = |section: &str, item: String, value: Cell| {
        t.push(vec![Cell::Text(section.to_owned()), Cell::Text(item), value]);
    };
    let count = |n: usize| Cell::Int(i64::try_from(n).unwrap_or(i64::MAX));
    put("period", "month".into(), Cell::Text(format!("{year:04}-{month:02}")));

    let entries: Vec<_> =
        records.complaints.iter().filter(|c| period.contains(c.received_at.date())).collect();
    put("ledger", "entries".into(), count(entries.len()));
    for kind in ComplaintKind::ALL {
        put(
            "by_kind",
            kind.code().into(),
            count(entries.iter().filter(|c| c.kind == *kind).count()),
        );
    }
    let mut categories: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &entries {
        *categories.entry(if c.category.is_empty() { "-" } else { &c.category }).or_default() += 1;
    }
    for (category, n) in categories {
        put("by_category", category.to_owned(), count(n));
    }

    let report = check_with_stats(records, settings, period, today, None)?;
    for rule in SLA_RULES {
        if let Some(s) = report.stats.iter().find(|s| s.rule_id == rule) {
            put("sla_checked", rule.into(), Cell::Int(s.checked.into()));
            put("sla_late", rule.into(), Cell::Int(s.violations.into()));
            let rate = s.compliance_rate().unwrap_or(1.0);
            put("sla_rate", rule.into(), Cell::Float { value: rate, decimals: 4 });
        }
    }

    let code = |id| {
        records
            .customers
            .iter()
            .find(|(c, _)| *c == id)
            .map_or(String::new(), |(_, code)| code.clone())
    };
    let unresolved: Vec<_> = entries.iter().filter(|c| c.resolved_at.is_none()).collect();
    put("unresolved", "entries".into(), count(unresolved.len()));
    for c in unresolved {
        put(
            "unresolved_entry",
            format!("complaints#{}", c.id),
            Cell::Text(format!("{} {} {}", code(c.customer), c.kind.code(), c.received_at)),
        );
    }
    let mut repeats: BTreeMap<String, usize> = BTreeMap::new();
    for c in entries.iter().filter(|c| c.kind == ComplaintKind::Complaint) {
        *repeats.entry(code(c.customer)).or_default() += 1;
    }
    for (customer, n) in repeats.into_iter().filter(|(_, n)| *n >= 2) {
        put("repeat_complaints", customer, count(n));
    }

    let activeness = Activeness::new(records, settings.churn_days);
    let active: Vec<_> = records
        .customers
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| activeness.is_active(*id, to))
        .collect();
    let visited: HashSet<_> = records
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Visit && period.contains(a.at.date()))
        .map(|a| a.customer)
        .collect();
    let reached = active.iter().filter(|id| visited.contains(id)).count();
    put("visits", "active_customers".into(), count(active.len()));
    put("visits", "visited_customers".into(), count(reached));
    #[allow(clippy::cast_precision_loss)]
    let coverage = if active.is_empty() { 0.0 } else { reached as f64 / active.len() as f64 };
    put("visits", "coverage".into(), Cell::Float { value: coverage, decimals: 4 });
    Ok(t)
}

/// The findings as the CSV table of CLI.md.
pub fn findings_table(findings: &[Finding]) -> Table {
    let mut t = Table::new(&["rule_id", "status", "date", "subject", "record", "detail"]);
    for f in findings {
        t.push(vec![
            Cell::Text(f.rule_id.to_owned()),
            Cell::Text(f.status.code().to_owned()),
            Cell::Date(f.date),
            Cell::Text(f.subject.clone()),
            Cell::Text(f.record.clone()),
            Cell::Text(f.detail.clone()),
        ]);
    }
    t
}
