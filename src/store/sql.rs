//! The row-decoding helpers and the text forms of dates and times that every
//! table's SQL shares: one way to read a stored date, timestamp, time or
//! vocabulary code, and one way to write each.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::Row;

use super::TIMESTAMP;

/// How dates are stored.
const DATE: &str = "%Y-%m-%d";
/// How times of day are stored.
const TIME: &str = "%H:%M";

/// The error for a stored text that is not what its column holds.
pub(crate) fn bad(idx: usize, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        rusqlite::types::Type::Text,
        format!("unexpected value {text:?}").into(),
    )
}

/// A `YYYY-MM-DD` column.
pub(crate) fn date(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(idx)?;
    parse_date(idx, &text)
}

/// A `YYYY-MM-DD` column that may be NULL.
pub(crate) fn opt_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| parse_date(idx, &t)).transpose()
}

/// A timestamp column ([`TIMESTAMP`]).
pub(crate) fn stamp(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDateTime> {
    let text: String = row.get(idx)?;
    parse_stamp(idx, &text)
}

/// A timestamp column that may be NULL.
pub(crate) fn opt_stamp(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDateTime>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| parse_stamp(idx, &t)).transpose()
}

/// An `HH:MM` column.
pub(crate) fn time(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveTime> {
    let text: String = row.get(idx)?;
    NaiveTime::parse_from_str(&text, TIME).map_err(|_| bad(idx, &text))
}

/// A vocabulary code column, read with the vocabulary's `from_code`.
pub(crate) fn vocab<T>(
    row: &Row<'_>,
    idx: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| bad(idx, &text))
}

/// A vocabulary code column that may be NULL.
pub(crate) fn vocab_opt<T>(
    row: &Row<'_>,
    idx: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| parse(&t).ok_or_else(|| bad(idx, &t))).transpose()
}

/// A stored date's text (of column `idx`, for the error).
pub(crate) fn parse_date(idx: usize, text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, DATE).map_err(|_| bad(idx, text))
}

/// A stored timestamp's text (of column `idx`, for the error).
pub(crate) fn parse_stamp(idx: usize, text: &str) -> rusqlite::Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, TIMESTAMP).map_err(|_| bad(idx, text))
}

/// `YYYY-MM-DD` bytes to a date, without chrono's general parser (this runs
/// for every customer of a million-row analysis).
pub(crate) fn iso_date(b: &[u8; 10]) -> Option<NaiveDate> {
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// A date as it is stored.
pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

/// A timestamp as it is stored.
pub(crate) fn stamp_text(t: NaiveDateTime) -> String {
    t.format(TIMESTAMP).to_string()
}

/// A time of day as it is stored.
pub(crate) fn time_text(t: NaiveTime) -> String {
    t.format(TIME).to_string()
}

/// The text of a many-row statement, `build(n)`, kept for the next call
/// with the same `kind` and `n`: an import inserts thousands of full
/// batches, and formatting a statement of 256 rows for each cost more than
/// binding their values. One text is kept per kind (the last one asked for).
pub(crate) fn many_rows_sql(
    kind: &'static str,
    n: usize,
    build: impl FnOnce(usize) -> String,
) -> std::rc::Rc<str> {
    thread_local! {
        static LAST: std::cell::RefCell<std::collections::HashMap<&'static str, (usize, std::rc::Rc<str>)>> =
            std::cell::RefCell::default();
    }
    LAST.with_borrow_mut(|last| match last.get(kind) {
        Some((kept, sql)) if *kept == n => std::rc::Rc::clone(sql),
        _ => {
            let sql: std::rc::Rc<str> = build(n).into();
            last.insert(kind, (n, std::rc::Rc::clone(&sql)));
            sql
        }
    })
}

#[cfg(test)]
mod many_rows_tests {
    use super::many_rows_sql;

    #[test]
    fn the_text_is_built_once_per_kind_and_size() {
        let mut built = 0;
        let mut get = |kind: &'static str, n: usize| {
            many_rows_sql(kind, n, |n| {
                built += 1;
                format!("{kind} {n}")
            })
        };
        assert_eq!(&*get("a", 3), "a 3");
        assert_eq!(&*get("a", 3), "a 3");
        assert_eq!(&*get("b", 3), "b 3");
        assert_eq!(&*get("a", 4), "a 4");
        assert_eq!(&*get("a", 4), "a 4");
        assert_eq!(built, 3);
    }
}
