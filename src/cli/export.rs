//! `export`: one table to a new CSV (UTF-8 with BOM, or GBK) or XLSX file,
//! in the columns `import` reads, so the file imports again unchanged.

use std::path::Path;

use super::Refused;
use crate::store::Store;
use crate::store::export::{CsvEncoding, write_file_as, write_new_file_as};
use crate::store::export_tables::ExportTable;
use crate::system::local_now;

/// Parses `--table`.
pub fn parse_table(name: &str) -> Result<ExportTable, String> {
    ExportTable::from_cli(name).ok_or_else(|| {
        let names: Vec<&str> = ExportTable::ALL.iter().map(|t| t.cli_name()).collect();
        format!("unknown table {name:?}; one of: {}", names.join(", "))
    })
}

/// Parses `--encoding` (`utf-8` or `gbk`).
pub fn parse_encoding(name: &str) -> Result<CsvEncoding, String> {
    CsvEncoding::from_cli(name)
        .ok_or_else(|| format!("unknown encoding {name:?}; one of: utf-8, gbk"))
}

/// `ladder export --db FILE --table TABLE --out PATH.csv|PATH.xlsx [--encoding utf-8|gbk]`.
pub fn run(
    db: &Path,
    table: ExportTable,
    out: &Path,
    encoding: CsvEncoding,
) -> Result<(), Refused> {
    check_out(out, encoding)?;
    if out.exists() {
        let shown = out.display();
        return Err(Refused(format!("{shown}: the file already exists; refusing to overwrite it")));
    }
    let store = Store::open_reading(db, local_now())?;
    let data = store.export_table(table).map_err(|e| Refused(format!("{}: {e}", db.display())))?;
    write_new_file_as(&data, table.cli_name(), out, encoding)?;
    println!("exported {} rows of {table} to {}", data.rows.len(), out.display());
    Ok(())
}

/// Refuses an `--out` that is neither `.csv` nor `.xlsx`, and `--encoding`
/// other than UTF-8 for a workbook (checked before any work is done).
pub fn check_out(out: &Path, encoding: CsvEncoding) -> Result<(), Refused> {
    let shown = out.display();
    let ext = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("csv" | "xlsx")) {
        return Err(Refused(format!("{shown}: unknown file type; use .csv or .xlsx")));
    }
    if ext.as_deref() == Some("xlsx") && encoding != CsvEncoding::Utf8Bom {
        return Err(Refused(format!(
            "{shown}: --encoding {} applies to .csv files only",
            encoding.cli_name()
        )));
    }
    Ok(())
}

/// Writes a table to `out` (CSV in `encoding` or XLSX, by extension) or,
/// without `out`, as UTF-8 CSV to stdout (a closed pipe is not an error).
pub fn emit(
    table: &crate::domain::table::Table,
    sheet: &str,
    out: Option<&std::path::PathBuf>,
    encoding: CsvEncoding,
) -> Result<(), Refused> {
    use std::io::Write as _;
    match out {
        // Replaces a file already there, once the new one is whole.
        Some(path) => write_file_as(table, sheet, path, encoding)?,
        None => {
            let stdout = std::io::stdout().lock();
            let mut out = std::io::BufWriter::new(stdout);
            let written =
                crate::store::export::write_csv(table, &mut out).map_err(std::io::Error::from);
            match written.and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
                _ => {}
            }
        }
    }
    Ok(())
}
