//! Writing a [`Table`] to CSV (UTF-8 with BOM, so Excel reads Chinese, or
//! GBK for older Excel on Chinese Windows) or XLSX (typed cells: numbers as
//! numbers, dates as dates, bold header), chosen by the file extension; or
//! CSV to any writer (stdout).
//!
//! A GBK export never writes `&#NNNN;` or `?` for a character GBK lacks: the
//! table is checked first, and such a cell refuses the export with its row,
//! column and character, before the file is created.

use std::io::Write;
use std::path::Path;

use encoding_rs::{EncoderResult, GBK};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::output::{Existing, OutputError, write_atomically};
use crate::domain::table::{Cell, Table};

/// Why a table could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}: unknown file type; use .csv or .xlsx")]
    UnknownExtension(String),
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{0}: the file already exists; refusing to overwrite it")]
    Exists(String),
    #[error("{path}: {source}")]
    Csv { path: String, source: csv::Error },
    #[error("{path}: {source}")]
    Xlsx { path: String, source: XlsxError },
    /// A cell holds a character GBK cannot encode (row 1 is the header).
    #[error(
        "{path}: row {row}, column {column}: the character {ch} (U+{code:04X}) has no GBK form; \
         export as UTF-8 instead",
        code = u32::from(*ch)
    )]
    Unmappable { path: String, row: usize, column: String, ch: char },
}

/// The text encoding of an exported CSV file.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum CsvEncoding {
    /// UTF-8 with a byte-order mark, so Excel reads Chinese correctly.
    #[default]
    Utf8Bom,
    /// GBK without a byte-order mark, as Excel on Chinese Windows writes CSV.
    Gbk,
}

impl CsvEncoding {
    /// Every choice, in menu order.
    pub const ALL: [Self; 2] = [Self::Utf8Bom, Self::Gbk];

    /// Reads an `--encoding` value: `utf-8` (or `utf8`) or `gbk`, ignoring case.
    pub fn from_cli(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Self::Utf8Bom),
            "gbk" => Some(Self::Gbk),
            _ => None,
        }
    }

    /// The name used on the command line.
    pub fn cli_name(self) -> &'static str {
        match self {
            Self::Utf8Bom => "utf-8",
            Self::Gbk => "gbk",
        }
    }
}

/// The first cell (header included) holding a character GBK cannot encode:
/// `(row, column, character)`, where row 1 is the header and row 2 the first
/// data row, as a spreadsheet numbers the file's lines.
pub fn first_non_gbk(table: &Table) -> Option<(usize, usize, char)> {
    let unmappable = |text: &str| {
        if text.is_ascii() || !GBK.encode(text).2 {
            return None;
        }
        text.chars().find(|&ch| {
            let mut utf8 = [0; 4];
            GBK.encode(ch.encode_utf8(&mut utf8)).2
        })
    };
    let header =
        table.columns.iter().enumerate().find_map(|(c, name)| Some((1, c, unmappable(name)?)));
    header.or_else(|| {
        table.rows.iter().enumerate().find_map(|(r, row)| {
            row.iter().enumerate().find_map(|(c, cell)| match cell {
                Cell::Text(text) => Some((r + 2, c, unmappable(text)?)),
                _ => None,
            })
        })
    })
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
    write_file_as(table, sheet, path, CsvEncoding::Utf8Bom)
}

/// Writes the table to `path`: `.csv` in `encoding`, or `.xlsx` (which has
/// no text encoding to choose: `encoding` does not apply). A GBK export that
/// would lose a character is refused before the file is created. A file
/// already at `path` is replaced, only once the new one is whole.
pub fn write_file_as(
    table: &Table,
    sheet: &str,
    path: &Path,
    encoding: CsvEncoding,
) -> Result<(), ExportError> {
    write_output(table, sheet, path, encoding, Existing::Replace)
}

/// [`write_file_as`] to a new file: a file at `path` (checked before
/// writing and again at the rename) refuses the export.
pub fn write_new_file_as(
    table: &Table,
    sheet: &str,
    path: &Path,
    encoding: CsvEncoding,
) -> Result<(), ExportError> {
    write_output(table, sheet, path, encoding, Existing::Refuse)
}

/// Writes the file beside `path` and names it when whole (see
/// [`write_atomically`]); a failure leaves nothing.
fn write_output(
    table: &Table,
    sheet: &str,
    path: &Path,
    encoding: CsvEncoding,
    existing: Existing,
) -> Result<(), ExportError> {
    let shown = path.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let xlsx = match ext.as_deref() {
        Some("csv") => false,
        Some("xlsx") => true,
        _ => return Err(ExportError::UnknownExtension(shown)),
    };
    if !xlsx
        && encoding == CsvEncoding::Gbk
        && let Some((row, c, ch)) = first_non_gbk(table)
    {
        let column = table.columns.get(c).cloned().unwrap_or_default();
        return Err(ExportError::Unmappable { path: shown, row, column, ch });
    }
    let written = write_atomically(path, existing, |partial| {
        if xlsx {
            // rust_xlsxwriter's constant-memory sheets panic when their
            // temporary file cannot be written (a full disk): an error here.
            let written = std::panic::catch_unwind(|| write_xlsx(table, sheet, partial));
            match written {
                Ok(done) => {
                    done.map_err(|source| ExportError::Xlsx { path: shown.clone(), source })
                }
                Err(panic) => {
                    Err(ExportError::Io { path: shown.clone(), source: panicked(&*panic) })
                }
            }
        } else {
            write_csv_file(table, partial, &shown, encoding)
        }
    });
    written.map_err(|e| match e {
        OutputError::Exists(_) => ExportError::Exists(shown.clone()),
        OutputError::Io { source, .. } => ExportError::Io { path: shown.clone(), source },
        OutputError::Write(e) => e,
    })
}

/// The message of a caught panic, as an I/O error.
fn panicked(payload: &(dyn std::any::Any + Send)) -> std::io::Error {
    let text = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("the workbook writer failed");
    std::io::Error::other(text.to_owned())
}

/// Writes the table as CSV in `encoding` to `path` (messages name `shown`,
/// the user's name for the file).
fn write_csv_file(
    table: &Table,
    path: &Path,
    shown: &str,
    encoding: CsvEncoding,
) -> Result<(), ExportError> {
    let io = |source| ExportError::Io { path: shown.to_owned(), source };
    let csv = |source| ExportError::Csv { path: shown.to_owned(), source };
    let file = std::fs::File::create(path).map_err(io)?;
    let mut out = std::io::BufWriter::new(file);
    match encoding {
        CsvEncoding::Utf8Bom => {
            out.write_all(b"\xEF\xBB\xBF").map_err(io)?;
            write_csv(table, &mut out).map_err(csv)?;
        }
        CsvEncoding::Gbk => {
            let mut gbk = GbkWriter::new(&mut out);
            write_csv(table, &mut gbk).map_err(csv)?;
            gbk.finish().map_err(io)?;
        }
    }
    out.flush().map_err(io)
}

/// Turns the UTF-8 bytes written into it into GBK for `out`, streaming. A
/// character split across two writes waits for its rest; a character GBK
/// lacks is an error (callers check with [`first_non_gbk`] first, so that
/// the user learns the row and column).
struct GbkWriter<W: Write> {
    out: W,
    encoder: encoding_rs::Encoder,
    /// UTF-8 bytes not yet encoded (at most the start of one character).
    pending: Vec<u8>,
    buf: Vec<u8>,
}

impl<W: Write> GbkWriter<W> {
    fn new(out: W) -> Self {
        Self { out, encoder: GBK.new_encoder(), pending: Vec::new(), buf: vec![0; 8 * 1024] }
    }

    /// Checks that nothing is left half-written and flushes.
    fn finish(mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            return Err(invalid("the text ends inside a character"));
        }
        self.out.flush()
    }
}

fn invalid(why: impl Into<String>) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, why.into())
}

impl<W: Write> Write for GbkWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => return Err(invalid("not UTF-8 text")),
        };
        let text =
            std::str::from_utf8(&self.pending[..whole]).map_err(|e| invalid(e.to_string()))?;
        let mut rest = text;
        loop {
            let (result, read, written) =
                self.encoder.encode_from_utf8_without_replacement(rest, &mut self.buf, false);
            self.out.write_all(&self.buf[..written])?;
            rest = &rest[read..];
            match result {
                EncoderResult::InputEmpty => break,
                EncoderResult::OutputFull => {}
                EncoderResult::Unmappable(ch) => {
                    return Err(invalid(format!("{ch} (U+{:04X}) has no GBK form", u32::from(ch))));
                }
            }
        }
        self.pending.drain(..whole);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
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
                    ws.write_string(r, col, cell.xlsx_text())?;
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
    fn a_gbk_csv_holds_the_same_text_as_the_utf8_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut table = sample();
        table.push(vec![
            Cell::Text("广州市天河区 \"引号\", 逗号".into()),
            Cell::Text("张三丰\n第二行".into()),
            Cell::Money(-5),
            Cell::Empty,
        ]);
        let utf8 = dir.path().join("u.csv");
        let gbk = dir.path().join("g.csv");
        write_file(&table, "t", &utf8).expect("utf-8");
        write_file_as(&table, "t", &gbk, CsvEncoding::Gbk).expect("gbk");
        let utf8 = std::fs::read(&utf8).expect("read");
        let gbk = std::fs::read(&gbk).expect("read");
        assert!(!gbk.starts_with(b"\xEF\xBB\xBF"), "no BOM in GBK");
        let (text, had_errors) = GBK.decode_without_bom_handling(&gbk);
        assert!(!had_errors);
        assert_eq!(text.as_bytes(), &utf8[3..]);
        assert!(gbk.windows(2).any(|w| w == [0xB9, 0xE3]), "广 as GBK bytes");
    }

    #[test]
    fn the_gbk_writer_joins_characters_split_across_writes() {
        let text = "客户,€ 价值\n";
        let mut out = Vec::new();
        let mut writer = GbkWriter::new(&mut out);
        for byte in text.as_bytes() {
            writer.write_all(std::slice::from_ref(byte)).expect("write");
        }
        writer.finish().expect("finish");
        assert_eq!(out, GBK.encode(text).0.as_ref());
        let mut writer = GbkWriter::new(Vec::new());
        assert!(writer.write_all("𠀀".as_bytes()).is_err(), "not in GBK");
    }

    #[test]
    fn a_character_gbk_lacks_refuses_the_export_naming_row_and_column() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut table = sample();
        table.push(vec![
            Cell::Text("C-2".into()),
            Cell::Text("王𠀀".into()),
            Cell::Empty,
            Cell::Empty,
        ]);
        let path = dir.path().join("g.csv");
        let err = write_file_as(&table, "t", &path, CsvEncoding::Gbk).expect_err("refused");
        assert!(
            matches!(&err, ExportError::Unmappable { row: 3, ch: '𠀀', column, .. } if column == "name")
        );
        let text = err.to_string();
        assert!(text.contains("row 3, column name") && text.contains("U+20000"), "{text}");
        assert!(text.contains("UTF-8"), "suggests UTF-8: {text}");
        assert!(!path.exists(), "nothing written");
        // The same table exports fine as UTF-8.
        write_file(&table, "t", &path).expect("utf-8");
        // A workbook has no text encoding: the choice does not apply.
        let xlsx = dir.path().join("g.xlsx");
        write_file_as(&table, "t", &xlsx, CsvEncoding::Gbk).expect("xlsx");
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
