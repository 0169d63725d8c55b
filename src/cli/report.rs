//! `report`: the value-analysis reports of CLI.md, from the same code as the
//! value panel.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Refused;
use super::progress::Progress;
use crate::app::local_now;
use crate::domain::analysis::report::{ReportKind, analyse};
use crate::domain::analysis::rfm::default_segments;
use crate::store::{Store, export};

/// Parses a report name (`rfm`, `summary`, …).
pub fn parse_kind(name: &str) -> Result<ReportKind, String> {
    ReportKind::ALL.into_iter().find(|k| k.name() == name).ok_or_else(|| {
        let names: Vec<&str> = ReportKind::ALL.iter().map(|k| k.name()).collect();
        format!("unknown report {name:?}; one of: {}", names.join(", "))
    })
}

/// `ladder report --db FILE REPORT [--snapshot DATE] [--out PATH]`.
pub fn run(
    db: &Path,
    kind: ReportKind,
    snapshot: Option<NaiveDate>,
    out: Option<&PathBuf>,
) -> Result<(), Refused> {
    let store = Store::open(db, local_now())?;
    let settings = store.settings()?;
    let mut bar = Progress::new("reading transactions");
    let input = store
        .analysis_input(snapshot, &mut |done| {
            bar.set(done);
            true
        })
        .map_err(|e| Refused(format!("{}: {e}", db.display())))?;
    bar.finish();
    let analysis = analyse(input, &settings, default_segments());
    let table = kind.table(&analysis);
    match out {
        Some(path) => export::write_file(&table, kind.name(), path)?,
        None => {
            let stdout = std::io::stdout().lock();
            let mut out = std::io::BufWriter::new(stdout);
            let written = export::write_csv(&table, &mut out).map_err(std::io::Error::from);
            match written.and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
                _ => {}
            }
        }
    }
    Ok(())
}
