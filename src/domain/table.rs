//! A report or export as data: named columns and typed cells, written to CSV
//! or XLSX by `store::export` (so dates stay dates and money stays exact).

use chrono::{NaiveDate, NaiveDateTime};

/// One typed cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Integer cents, written as `D.CC` (and as a number in XLSX); `i128`
    /// so that a sum of amounts is never cut short.
    Money(i128),
    /// A number written with the given decimals.
    Float {
        value: f64,
        decimals: usize,
    },
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    Empty,
}

impl Cell {
    /// The cell as CSV text (no formula escaping: see `escaped_text`).
    pub fn to_text(&self) -> String {
        match self {
            Self::Text(s) => s.clone(),
            Self::Int(n) => n.to_string(),
            Self::Money(c) => super::money::format_cents(*c),
            Self::Float { value, decimals } => format!("{value:.decimals$}"),
            Self::Date(d) => d.format("%Y-%m-%d").to_string(),
            Self::DateTime(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            Self::Empty => String::new(),
        }
    }

    /// Text for a CSV file: a text cell that starts with `=`, `+`, `-`,
    /// `@`, tab or carriage return gets a leading `'` so it cannot run as a
    /// formula (DOMAIN §5), and so does one that starts with `'`s before
    /// such a character, so that [`unescape_text`] gives every text back
    /// exactly. Numbers, money and dates are never text.
    pub fn escaped_text(&self) -> String {
        match self {
            Self::Text(s) if s.trim_start_matches('\'').starts_with(FORMULA_START) => {
                format!("'{s}")
            }
            other => other.to_text(),
        }
    }

    /// The text of a text cell for XLSX, where cells are text cells that no
    /// spreadsheet evaluates: no prefix, except the `'` that keeps a text
    /// which itself starts with `'` before a formula character from losing
    /// its `'` on import ([`unescape_text`]).
    pub fn xlsx_text(&self) -> String {
        match self {
            Self::Text(s) if s.starts_with('\'') => self.escaped_text(),
            other => other.to_text(),
        }
    }
}

/// The characters after which a spreadsheet may read a text as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// An imported cell with the `'` that an export put before it removed: one
/// `'` goes when the text is one or more `'`s and then a character of
/// [`FORMULA_START`], so `'=x` reads `=x` and `''=x` reads `'=x`; any other
/// text (`'x`, `=x`) is read as it is.
pub fn unescape_text(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => text,
    }
}

/// A table with a header row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with these column names.
    pub fn new(columns: &[&str]) -> Self {
        Self { columns: columns.iter().map(|c| (*c).to_owned()).collect(), rows: Vec::new() }
    }

    /// Appends a row (one cell per column).
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "one cell per column");
        self.rows.push(row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_escaped_but_numbers_are_not() {
        for risky in ["=1+1", "+86", "-x", "@SUM(A1)", "\tA", "\rA"] {
            assert!(Cell::Text(risky.into()).escaped_text().starts_with('\''), "{risky:?}");
        }
        assert_eq!(Cell::Text("张三".into()).escaped_text(), "张三");
        assert_eq!(Cell::Money(-1250).escaped_text(), "-12.50");
        assert_eq!(Cell::Int(-3).escaped_text(), "-3");
        assert_eq!(Cell::Float { value: 0.1234567, decimals: 6 }.to_text(), "0.123457");
    }

    #[test]
    fn every_text_comes_back_exactly_from_csv_and_xlsx() {
        for text in ["=x", "'=x", "''=x", "'x", "'", "''", "x'", "-5", "'-5", "@a", "\tA", "张三"]
        {
            let cell = Cell::Text(text.into());
            assert_eq!(unescape_text(&cell.escaped_text()), text, "CSV {text:?}");
            assert_eq!(unescape_text(&cell.xlsx_text()), text, "XLSX {text:?}");
        }
        assert_eq!(Cell::Text("=SUM(A1)".into()).xlsx_text(), "=SUM(A1)", "no prefix in XLSX");
        assert_eq!(Cell::Text("'=x".into()).escaped_text(), "''=x");
        assert_eq!(Cell::Text("'x".into()).escaped_text(), "'x", "nothing to remove");
    }
}
