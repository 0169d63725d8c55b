//! `export`: one table to a new CSV (UTF-8 with BOM, or GBK) or XLSX file,
//! in the columns `import` reads, so the file imports again unchanged.

use std::path::Path;

use super::Refused;
use crate::app::local_now;
use crate::store::Store;
use crate::store::export::{CsvEncoding, write_file_as};
use crate::store::export_tables::ExportTable;

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
    if out.exists() {
        return Err(Refused(format!("{shown}: the file already exists; refusing to overwrite it")));
    }
    let store = Store::open_reading(db, local_now())?;
    let data = store.export_table(table).map_err(|e| Refused(format!("{}: {e}", db.display())))?;
    if let Err(e) = write_file_as(&data, table.cli_name(), out, encoding) {
        // A half-written file is worse than none.
        let _ignored = std::fs::remove_file(out);
        return Err(e.into());
    }
    println!("exported {} rows of {table} to {shown}", data.rows.len());
    Ok(())
}
