//! `report`: the value-analysis reports of CLI.md, from the same code as the
//! value panel.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Refused;
use super::export::emit;
use super::progress::Progress;
use crate::domain::analysis::report::{ReportKind, analyse};
use crate::domain::analysis::summary::summarise;
use crate::domain::compliance::monthly;
use crate::store::Store;
use crate::store::export::CsvEncoding;
use crate::system::local_now;

/// A report the CLI can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CliReport {
    /// A value-analysis report.
    Value(ReportKind),
    /// The previous month's service summary (compliance).
    MonthlyService,
}

/// Parses a report name (`rfm`, `summary`, `monthly-service`, …).
pub fn parse_kind(name: &str) -> Result<CliReport, String> {
    if name == "monthly-service" {
        return Ok(CliReport::MonthlyService);
    }
    ReportKind::ALL.into_iter().find(|k| k.name() == name).map(CliReport::Value).ok_or_else(|| {
        let names: Vec<&str> = ReportKind::ALL.iter().map(|k| k.name()).collect();
        format!("unknown report {name:?}; one of: {}, monthly-service", names.join(", "))
    })
}

/// `ladder report --db FILE REPORT [--snapshot DATE] [--out PATH]`.
pub fn run(
    db: &Path,
    report: CliReport,
    snapshot: Option<NaiveDate>,
    out: Option<&PathBuf>,
    encoding: CsvEncoding,
) -> Result<(), Refused> {
    if let Some(out) = out {
        super::export::check_out(out, encoding)?;
    }
    let store = Store::open_reading(db, local_now())?;
    let settings = store.settings()?;
    let kind = match report {
        CliReport::Value(kind) => kind,
        CliReport::MonthlyService => {
            let today = snapshot.unwrap_or_else(|| local_now().date());
            let (year, month) = monthly::previous_month(today);
            let set = store
                .compliance_records()
                .map_err(|e| Refused(format!("{}: {e}", db.display())))?;
            let table = monthly::monthly_service(&set.records(), &settings, year, month, today)
                .map_err(|e| Refused(format!("{}: {e}", db.display())))?;
            return emit(&table, "monthly-service", out, encoding);
        }
    };
    let mut bar = Progress::new("reading transactions");
    if kind == ReportKind::Summary {
        // The summary's figures from compact columns (no per-customer records).
        let input = store
            .summary_input(snapshot, &mut |done| {
                bar.set(done);
                true
            })
            .map_err(|e| Refused(format!("{}: {e}", db.display())))?;
        bar.finish();
        return emit(&summarise(input, &settings).table(), kind.name(), out, encoding);
    }
    let input = store
        .analysis_input(snapshot, &mut |done| {
            bar.set(done);
            true
        })
        .map_err(|e| Refused(format!("{}: {e}", db.display())))?;
    bar.finish();
    let analysis = analyse(input, &settings, settings.rfm_segments.clone());
    emit(&kind.table(&analysis), kind.name(), out, encoding)
}
