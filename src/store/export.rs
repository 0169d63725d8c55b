//! Writing a [`Table`] to CSV (UTF-8 with BOM, so Excel reads Chinese) or
//! XLSX (typed cells: numbers as numbers, dates as dates, bold header),
//! chosen by the file extension; or CSV to any writer (stdout).

use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::domain::table::{Cell, Table};

/// Why a table could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}: unknown file type; use .csv or .xlsx")]
    UnknownExtension(String),
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: {source}")]
    Csv { path: String, source: csv::Error },
    #[error("{path}: {source}")]
    Xlsx { path: String, source: XlsxError },
}

/// Writes the table as CSV (no BOM) to `out`; text cells that could run as
/// spreadsheet formulas are escaped.
pub fn write_csv(table: &Table, out: impl Write) -> Result<(), csv::Error> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(&table.columns)?;
    for row in &table.rows {
        csv.write_record(row.iter().map(Cell::escaped_text))?;
    }
    csv.flush()?;
    Ok(())
}

/// Writes the table to `path`: `.csv` (UTF-8 with BOM) or `.xlsx`.
pub fn write_file(table: &Table, sheet: &str, path: &Path) -> Result<(), ExportError> {
    let shown = path.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv") => {
            let io = |source| ExportError::Io { path: shown.clone(), source };
            let file = std::fs::File::create(path).map_err(io)?;
            let mut out = std::io::BufWriter::new(file);
            out.write_all(b"\xEF\xBB\xBF").map_err(io)?;
            write_csv(table, &mut out)
                .map_err(|source| ExportError::Csv { path: shown.clone(), source })?;
            out.flush().map_err(io)
        }
        Some("xlsx") => write_xlsx(table, sheet, path)
            .map_err(|source| ExportError::Xlsx { path: shown.clone(), source }),
        _ => Err(ExportError::UnknownExtension(shown)),
    }
}

fn write_xlsx(table: &Table, sheet: &str, path: &Path) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet_with_constant_memory()?;
    ws.set_name(sheet)?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let money = Format::new().set_num_format("#,##0.00");
    let mut widths: Vec<usize> = table.columns.iter().map(|c| display_width(c)).collect();
    for (col, name) in table.columns.iter().enumerate() {
        ws.write_string_with_format(0, col_index(col), name, &bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in row.iter().enumerate() {
            let col = col_index(c);
            match cell {
                Cell::Text(s) => {
                    ws.write_string(r, col, cell.escaped_text())?;
                    widths[c] = widths[c].max(display_width(s));
                }
                #[allow(clippy::cast_precision_loss)] // Integers in reports are far below 2^53.
                Cell::Int(n) => {
                    ws.write_number(r, col, *n as f64)?;
                }
                #[allow(clippy::cast_precision_loss)] // Cents below 2^53 are exact in f64.
                Cell::Money(cents) => {
                    ws.write_number_with_format(r, col, *cents as f64 / 100.0, &money)?;
                    widths[c] = widths[c].max(14);
                }
                Cell::Float { value, .. } => {
                    ws.write_number(r, col, *value)?;
                }
                Cell::Date(d) => {
                    ws.write_datetime_with_format(r, col, d, &date)?;
                    widths[c] = widths[c].max(11);
                }
                Cell::DateTime(t) => {
                    ws.write_datetime_with_format(r, col, t, &datetime)?;
                    widths[c] = widths[c].max(19);
                }
                Cell::Empty => {}
            }
        }
    }
    for (c, width) in widths.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)] // Widths are small.
        ws.set_column_width(col_index(c), (*width).min(60) as f64 + 2.0)?;
    }
    book.save(path)
}

fn col_index(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Approximate display width: CJK characters count double.
fn display_width(s: &str) -> usize {
    s.chars().map(|ch| if ch.is_ascii() { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(&["code", "name", "monetary", "day"]);
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 2).expect("date");
        t.push(vec![
            Cell::Text("C-000001".into()),
            Cell::Text("=HYPERLINK(\"x\")".into()),
            Cell::Money(123_456),
            Cell::Date(day),
        ]);
        t
    }

    #[test]
    fn csv_file_has_a_bom_and_escapes_formulas() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.csv");
        write_file(&sample(), "t", &path).expect("write");
        let bytes = std::fs::read(&path).expect("read");
        assert!(bytes.starts_with(b"\xEF\xBB\xBFcode,name,monetary,day\n"));
        let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
        assert!(text.contains("C-000001,\"'=HYPERLINK(\"\"x\"\")\",1234.56,2026-01-02"), "{text}");
    }

    #[test]
    fn xlsx_is_written_and_unknown_extensions_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.xlsx");
        write_file(&sample(), "t", &path).expect("write");
        assert!(std::fs::read(&path).expect("read").starts_with(b"PK"), "a zip container");
        let err = write_file(&sample(), "t", &dir.path().join("t.txt")).expect_err("txt");
        assert!(matches!(err, ExportError::UnknownExtension(_)));
    }
}
