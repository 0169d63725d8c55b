//! `check`: compliance findings for every rule of DOMAIN.md §4 as CSV, with
//! a per-rule summary on stderr.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Refused;
use crate::domain::compliance::monthly::findings_table;
use crate::domain::compliance::{Period, check_with_stats, rule, rules};
use crate::store::Store;
use crate::store::export::CsvEncoding;
use crate::system::local_now;

/// Accepts a rule id of DOMAIN.md §4 (a usage error otherwise).
pub fn parse_rule(id: &str) -> Result<String, String> {
    match rule(id) {
        Some(r) => Ok(r.id.to_owned()),
        None => {
            let ids: Vec<&str> = rules().iter().map(|r| r.id).collect();
            Err(format!("unknown rule {id:?}; one of: {}", ids.join(", ")))
        }
    }
}

/// `ladder check --db FILE [--rule ID] [--from DATE] [--to DATE] [--out PATH]`.
pub fn run(
    db: &Path,
    only: Option<&str>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    out: Option<&PathBuf>,
    encoding: CsvEncoding,
) -> Result<(), Refused> {
    if let Some(out) = out {
        super::export::check_out(out, encoding)?;
    }
    let now = local_now();
    let store = Store::open_reading(db, now)?;
    let settings = store.settings()?;
    let set = store.compliance_records().map_err(|e| Refused(format!("{}: {e}", db.display())))?;
    let records = set.records();
    // Default: from the first record to today (or the latest record, when
    // later): what is missing is missing whether or not later records exist.
    let covering = Period::covering(&records).map(|p| p.up_to(now.date()));
    let period = match (from, to, covering) {
        (Some(from), Some(to), _) => Some(Period { from, to }),
        (from, to, Some(all)) => {
            Some(Period { from: from.unwrap_or(all.from), to: to.unwrap_or(all.to) })
        }
        (Some(from), None, None) => Some(Period { from, to: from.max(now.date()) }),
        (None, Some(day), None) => Some(Period { from: day, to: day }),
        (None, None, None) => None,
    };
    if let Some(p) = period
        && p.from > p.to
    {
        return Err(Refused(format!("--from {} is after --to {}", p.from, p.to)));
    }
    let report = match period {
        Some(period) => check_with_stats(&records, &settings, period, now.date(), only)
            .map_err(|e| Refused(format!("{}: {e}", db.display())))?,
        None => crate::domain::compliance::Report { findings: Vec::new(), stats: Vec::new() },
    };
    let table = findings_table(&report.findings);
    super::export::emit(&table, "findings", out, encoding)?;
    let mut stderr = std::io::stderr().lock();
    for s in &report.stats {
        // A summary line per rule; a closed stderr is not worth failing for.
        let _ignored = writeln!(
            stderr,
            "{:22} checked {:6}  violations {:5}  missing {:5}",
            s.rule_id, s.checked, s.violations, s.missing
        );
    }
    Ok(())
}
