//! `export`: one table to a new CSV (UTF-8 with BOM) or XLSX file, in the
//! columns `import` reads, so the file imports again unchanged.

use std::path::Path;

use super::Refused;
use crate::app::local_now;
use crate::store::Store;
use crate::store::export::write_file;
use crate::store::export_tables::ExportTable;

/// Parses `--table`.
pub fn parse_table(name: &str) -> Result<ExportTable, String> {
    ExportTable::from_cli(name).ok_or_else(|| {
        let names: Vec<&str> = ExportTable::ALL.iter().map(|t| t.cli_name()).collect();
        format!("unknown table {name:?}; one of: {}", names.join(", "))
    })
}

/// `ladder export --db FILE --table TABLE --out PATH.csv|PATH.xlsx`.
pub fn run(db: &Path, table: ExportTable, out: &Path) -> Result<(), Refused> {
    let shown = out.display();
    let ext = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("csv" | "xlsx")) {
        return Err(Refused(format!("{shown}: unknown file type; use .csv or .xlsx")));
    }
    if out.exists() {
        return Err(Refused(format!("{shown}: the file already exists; refusing to overwrite it")));
    }
    let store = Store::open_reading(db, local_now())?;
    let data = store.export_table(table).map_err(|e| Refused(format!("{}: {e}", db.display())))?;
    if let Err(e) = write_file(&data, table.cli_name(), out) {
        // A half-written file is worse than none.
        let _ignored = std::fs::remove_file(out);
        return Err(e.into());
    }
    println!("exported {} rows of {table} to {shown}", data.rows.len());
    Ok(())
}
