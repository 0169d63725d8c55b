//! Writing a lesson's worksheet (`domain::lessons::worksheet`) as one XLSX
//! workbook: a sheet per step (its lines of text, then its table) and the
//! answers last. Whole or not at all, as every output
//! ([`super::output::write_atomically`]).

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::output::{Existing, OutputError, write_atomically};
use crate::domain::lessons::Sheet;
use crate::domain::table::Cell;

/// Why a worksheet was not written (nothing is left at its name).
#[derive(Debug, thiserror::Error)]
pub enum WorksheetError {
    #[error("{path}: {source}")]
    Xlsx { path: String, source: XlsxError },
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{0}: a worksheet is written as .xlsx")]
    NotXlsx(String),
}

/// Writes the sheets to `path` (`.xlsx`), replacing a file there (the file
/// dialog asked).
pub fn write_worksheet(sheets: &[Sheet], path: &Path) -> Result<(), WorksheetError> {
    let shown = path.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if ext.as_deref() != Some("xlsx") {
        return Err(WorksheetError::NotXlsx(shown));
    }
    let written = write_atomically(path, Existing::Replace, |partial| {
        write_book(sheets, partial)
            .map_err(|source| WorksheetError::Xlsx { path: shown.clone(), source })
    });
    written.map_err(|e| match e {
        OutputError::Write(e) => e,
        OutputError::Exists(_) => WorksheetError::Io {
            path: shown.clone(),
            source: std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        },
        OutputError::Io { source, .. } => WorksheetError::Io { path: shown.clone(), source },
    })
}

fn write_book(sheets: &[Sheet], path: &Path) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let money = Format::new().set_num_format("#,##0.00");
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        let mut row: u32 = 0;
        for (i, line) in sheet.lines.iter().enumerate() {
            if i == 0 {
                ws.write_string_with_format(row, 0, line, &title)?;
            } else {
                ws.write_string(row, 0, line)?;
            }
            row += 1;
        }
        row += 1;
        for (c, name) in sheet.table.columns.iter().enumerate() {
            ws.write_string_with_format(row, col(c), name, &bold)?;
            ws.set_column_width(col(c), 14)?;
        }
        for cells in &sheet.table.rows {
            row += 1;
            for (c, cell) in cells.iter().enumerate() {
                let c = col(c);
                match cell {
                    Cell::Text(_) => {
                        ws.write_string(row, c, cell.xlsx_text())?;
                    }
                    #[allow(clippy::cast_precision_loss)] // Report integers are far below 2^53.
                    Cell::Int(n) => {
                        ws.write_number(row, c, *n as f64)?;
                    }
                    #[allow(clippy::cast_precision_loss)] // Cents below 2^53 are exact.
                    Cell::Money(cents) => {
                        ws.write_number_with_format(row, c, *cents as f64 / 100.0, &money)?;
                    }
                    Cell::Float { value, .. } => {
                        ws.write_number(row, c, *value)?;
                    }
                    Cell::Date(d) => {
                        ws.write_datetime_with_format(row, c, d, &date)?;
                    }
                    Cell::DateTime(t) => {
                        ws.write_datetime_with_format(row, c, t, &datetime)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
    }
    book.save(path)
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader as _, Xlsx, open_workbook};

    use super::*;
    use crate::domain::Lang;
    use crate::domain::analysis::CustomerAgg;
    use crate::domain::analysis::report::{AnalysisInput, CustomerInfo, analyse};
    use crate::domain::analysis::rfm::default_segments;
    use crate::domain::customer::CustomerId;
    use crate::domain::lessons::{LESSONS, worksheet};
    use crate::domain::settings::Settings;
    use crate::domain::terms::LadderStep;

    fn analysis() -> crate::domain::analysis::report::Analysis {
        let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let input = AnalysisInput {
            snapshot: Some(date("2025-01-01")),
            customers: (1..=5)
                .map(|i| CustomerInfo {
                    id: CustomerId(i),
                    code: format!("C-{i}"),
                    ladder_step: LadderStep::Client,
                    poor_credit: false,
                    importance_override: None,
                    difficulty_override: None,
                })
                .collect(),
            aggs: (1..=5)
                .map(|i| CustomerAgg {
                    customer: CustomerId(i),
                    first: date("2024-01-01"),
                    last: date("2024-03-01"),
                    count: 2,
                    monetary_cents: i * 1_000,
                })
                .collect(),
            transactions: 10,
            ..AnalysisInput::default()
        };
        analyse(input, &Settings::default(), default_segments())
    }

    #[test]
    fn a_lesson_worksheet_reads_back_with_its_steps_and_answers() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = analysis();
        for lang in [Lang::En, Lang::Zh] {
            let lesson = &LESSONS[3]; // The four tiers.
            let sheets = worksheet(lesson, &a, lang);
            let path = dir.path().join(format!("tiers-{lang:?}.xlsx"));
            write_worksheet(&sheets, &path).expect("written");
            let mut book: Xlsx<_> = open_workbook(&path).expect("a valid XLSX");
            let names = book.sheet_names();
            assert_eq!(names.len(), lesson.steps.len() + 1);
            for (i, step) in lesson.steps.iter().enumerate() {
                let range = book.worksheet_range(&names[i]).expect("sheet");
                let question = range.get_value((1, 0)).expect("question").to_string();
                assert!(question.contains(step.question.get(lang)), "{question}");
                // The tiers table: a header row and one row per customer.
                let header = range.get_value((4, 0)).expect("header").to_string();
                assert_eq!(header, "customer_code");
                assert_eq!(range.get_value((5, 0)), Some(&Data::String("C-1".into())));
                assert_eq!(range.height(), 5 + a.customers.len());
            }
            let answers = book.worksheet_range(names.last().expect("answers")).expect("sheet");
            let second = answers.get_value((4, 2)).expect("answer").to_string();
            assert_eq!(second, lesson.steps[1].answer(Some(&a), lang));
        }
        // Not .xlsx: refused, nothing written.
        let csv = dir.path().join("w.csv");
        assert!(matches!(
            write_worksheet(&worksheet(&LESSONS[0], &a, Lang::En), &csv),
            Err(WorksheetError::NotXlsx(_))
        ));
        assert!(!csv.exists());
    }
}
