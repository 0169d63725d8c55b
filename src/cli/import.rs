//! `import`: a CSV or spreadsheet into the database, all rows or none.

use std::path::Path;

use super::Refused;
use super::progress::Progress;
use crate::domain::import::{ImportKind, RowProblem};
use crate::store::import::{
    EncodingChoice, ImportError, ImportOptions, ImportSummary, backup_committed, kind_names,
};
use crate::store::{Refusal, Store, StoreError};
use crate::system::local_now;

/// Parses `--kind`.
pub fn parse_kind(name: &str) -> Result<ImportKind, String> {
    ImportKind::from_cli(name)
        .ok_or_else(|| format!("unknown kind {name:?}; one of: {}", kind_names().join(", ")))
}

/// Parses `--encoding`.
pub fn parse_encoding(name: &str) -> Result<EncodingChoice, String> {
    EncodingChoice::from_cli(name)
        .ok_or_else(|| format!("unknown encoding {name:?}; one of: auto, utf-8, gbk, gb18030"))
}

/// Parses `--duplicates`.
pub fn parse_duplicates(name: &str) -> Result<crate::store::import::Duplicates, String> {
    crate::store::import::Duplicates::ALL
        .into_iter()
        .find(|d| d.cli_name() == name)
        .ok_or_else(|| format!("unknown choice {name:?}; one of: refuse, skip, update, new"))
}

/// Parses one `--map FIELD=COLUMN`. An empty COLUMN (`FIELD=`) leaves the field out even when a column has
/// its name; `#N` names the N-th column (see `map_columns`).
pub fn parse_map(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((field, column)) if !field.trim().is_empty() => {
            Ok((field.trim().to_owned(), column.trim().to_owned()))
        }
        _ => Err(format!("expected FIELD=COLUMN or FIELD=, got {text:?}")),
    }
}

/// `ladder import --db FILE --kind KIND --input PATH …`.
pub fn run(db: &Path, input: &Path, options: &ImportOptions) -> Result<(), Refused> {
    let now = local_now();
    let mut store = Store::open(db, now)?;
    let mut bar = Progress::new("importing");
    // An automatic copy to go back to if the imported data is not wanted:
    // the database as it was, written on a thread of its own while the rows
    // are read (its connection sees only what was committed) and kept just
    // before they are committed, so that a refused file leaves no backup
    // behind (and pushes none of the kept ones out).
    let mut writing = (!options.dry_run).then(|| {
        let db = store.path().to_owned();
        std::thread::spawn(move || backup_committed(&db, "import", now))
    });
    let mut backup_error = None;
    let result = store.import_file_then(
        input,
        options,
        now,
        &mut |rows| {
            // The total is unknown while streaming: show rows read on a log scale.
            #[allow(clippy::cast_precision_loss)]
            bar.set((rows as f32).log10() / 7.0);
            true
        },
        &mut |_| {
            let written = match writing.take().map(std::thread::JoinHandle::join) {
                Some(Ok(written)) => written,
                Some(Err(_)) => Err(StoreError::Refused(Refusal::Said("the backup thread failed"))),
                None => Err(StoreError::Refused(Refusal::Said("no backup was started"))),
            };
            written
                .and_then(|pending| Ok(pending.keep(crate::store::db::BACKUPS_KEPT)?))
                .map(drop)
                .inspect_err(|e| backup_error = Some(e.to_string()))
        },
    );
    // A refused or cancelled import: the unkept backup is deleted.
    if let Some(writing) = writing {
        drop(writing.join());
    }
    bar.finish();
    if let Some(e) = backup_error {
        return Err(Refused(format!(
            "{}: cannot write the backup before importing: {e}; nothing was imported",
            db.display()
        )));
    }
    let at = input.display();
    match result {
        Ok(summary) => {
            report(&at, &summary, options.dry_run);
            Ok(())
        }
        Err(ImportError::Rows { listed, total }) => {
            print_problems(&at, &listed, total);
            Err(Refused(format!("{at}: {total} problems; nothing was imported")))
        }
        Err(ImportError::Map(errors)) => {
            for e in &errors {
                if e.in_header() {
                    eprintln!("{at}:1: the header row: {e}");
                } else {
                    eprintln!("{at}: {e}");
                }
            }
            Err(Refused(format!("{at}: the columns do not fit; nothing was imported")))
        }
        Err(e) => Err(Refused(format!("{at}: {e}; nothing was imported"))),
    }
}

/// Prints the listed row problems of the file `at`, and how many more
/// there were (`total` in all).
fn print_problems(at: &impl std::fmt::Display, listed: &[RowProblem], total: usize) {
    for problem in listed {
        eprintln!("{at}:{problem}");
    }
    if total > listed.len() {
        eprintln!("{at}: … and {} more problems", total - listed.len());
    }
}

/// Prints what an import did (or, for a dry run, would do).
fn report(at: &impl std::fmt::Display, summary: &ImportSummary, dry_run: bool) {
    if !summary.unknown_columns.is_empty() {
        eprintln!("ignored columns: {}", summary.unknown_columns.join(", "));
    }
    if !summary.created_areas.is_empty() {
        println!("created areas: {}", summary.created_areas.join(", "));
    }
    let verb = if dry_run { "would import" } else { "imported" };
    println!("{verb} {} rows", summary.rows);
    if summary.skipped > 0 {
        println!("skipped {} duplicates", summary.skipped);
    }
    if summary.updated > 0 {
        println!("updated {} customers", summary.updated);
    }
    if summary.bad_skipped > 0 {
        let verb = if dry_run { "would skip" } else { "skipped" };
        eprintln!("{verb} {} bad rows", summary.bad_skipped);
        print_problems(at, &summary.problems, summary.problems_total);
    }
    if !summary.created_customers.is_empty() {
        let verb = if dry_run { "would create" } else { "created" };
        println!("{verb} {} customers", summary.created_customers.len());
    }
}
