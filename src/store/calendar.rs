//! The working calendar's days (holidays and make-up working days 调休):
//! `Command::SetCalendarDays` applied in the caller's transaction, and the
//! read of every day for the calendar editor.

use std::collections::BTreeMap;

use chrono::{Datelike as _, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension as _};

use super::history;
use super::sql::date_text;
use super::tables::service::CalendarDays;
use super::tables::{Select, insert, select};
use super::{Refusal, StoreError};
use crate::domain::command::{Applied, Command, Effect};
use crate::domain::history::Action;
use crate::domain::records::CalendarDay;

/// The longest name a calendar day takes, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// The history entity of calendar days.
const ENTITY: &str = "calendar_days";

/// Every recorded day, by date.
pub fn days(conn: &Connection) -> rusqlite::Result<Vec<CalendarDay>> {
    select::<CalendarDays>(conn, "ORDER BY date", [])
}

fn day(conn: &Connection, date: NaiveDate) -> rusqlite::Result<Option<CalendarDay>> {
    let sql = format!("{} WHERE date = ?1", CalendarDays::SELECT);
    conn.query_row(&sql, [date_text(date)], CalendarDays::from_row).optional()
}

/// The history id of a day: its date as the number `YYYYMMDD`.
fn history_id(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 10_000 + i64::from(date.month() * 100 + date.day())
}

/// Sets the `set` days and clears the `clear` days; the inverse puts every
/// touched day back. A date given twice, an empty command or a name over
/// [`MAX_NAME_CHARS`] is refused and nothing is written.
pub(super) fn set_days(
    conn: &Connection,
    set: &[CalendarDay],
    clear: &[NaiveDate],
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    let mut wanted: BTreeMap<NaiveDate, Option<CalendarDay>> = BTreeMap::new();
    let given =
        set.iter().map(|d| (d.date, Some(d.clone()))).chain(clear.iter().map(|&d| (d, None)));
    for (date, value) in given {
        if wanted.insert(date, value).is_some() {
            return Err(StoreError::Refused(Refusal::DayTwice(date)));
        }
    }
    if let Some(long) = set.iter().find(|d| d.name.trim().chars().count() > MAX_NAME_CHARS) {
        return Err(StoreError::Refused(Refusal::DayNameTooLong(long.date)));
    }
    let (Some(&first), Some(&last)) = (wanted.keys().next(), wanted.keys().next_back()) else {
        return Err(StoreError::Refused(Refusal::NoCalendarDay));
    };
    let (mut back_set, mut back_clear) = (Vec::new(), Vec::new());
    for (date, value) in &wanted {
        let before = day(conn, *date)?;
        conn.execute("DELETE FROM calendar_days WHERE date = ?1", [date_text(*date)])?;
        let after =
            value.as_ref().map(|d| CalendarDay { name: d.name.trim().to_owned(), ..d.clone() });
        if let Some(after) = &after {
            insert::<CalendarDays>(conn, None, after)?;
        }
        let action = match (&before, &after) {
            (None, _) => Action::Create,
            (Some(_), Some(_)) => Action::Update,
            (Some(_), None) => Action::Delete,
        };
        let text =
            |d: &Option<CalendarDay>| d.as_ref().map(|d| format!("{d:?}")).unwrap_or_default();
        history::record_text(
            conn,
            ENTITY,
            history_id(*date),
            action,
            &now,
            &text(&before),
            &text(&after),
        )?;
        match before {
            Some(before) => back_set.push(before),
            None => back_clear.push(*date),
        }
    }
    Ok(Applied {
        effect: Effect::CalendarChanged { days: wanted.len(), first, last },
        inverse: Command::SetCalendarDays { set: back_set, clear: back_clear },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn now() -> NaiveDateTime {
        d("2026-09-20").and_hms_opt(10, 0, 0).expect("time")
    }

    fn day(date: &str, working: bool, name: &str) -> CalendarDay {
        CalendarDay { date: d(date), working, name: name.into() }
    }

    #[test]
    fn set_and_clear_days_and_the_inverse_puts_each_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::create(&dir.path().join("c.db")).expect("create");
        let first = Command::SetCalendarDays {
            set: vec![day("2026-10-01", false, " 国庆节 "), day("2026-10-10", true, "调休")],
            clear: vec![],
        };
        let applied = store.apply(&first, now()).expect("set");
        assert_eq!(
            applied.effect,
            Effect::CalendarChanged { days: 2, first: d("2026-10-01"), last: d("2026-10-10") }
        );
        assert_eq!(
            days(&store.conn).expect("days"),
            [day("2026-10-01", false, "国庆节"), day("2026-10-10", true, "调休")],
            "names are trimmed"
        );
        // Change one, clear the other, add a third: the inverse restores all.
        let second = Command::SetCalendarDays {
            set: vec![day("2026-10-01", true, "改"), day("2026-10-02", false, "")],
            clear: vec![d("2026-10-10")],
        };
        let undo = store.apply(&second, now()).expect("change").inverse;
        assert_eq!(
            days(&store.conn).expect("days"),
            [day("2026-10-01", true, "改"), day("2026-10-02", false, "")]
        );
        store.apply(&undo, now()).expect("undo");
        assert_eq!(
            days(&store.conn).expect("days"),
            [day("2026-10-01", false, "国庆节"), day("2026-10-10", true, "调休")]
        );
        store.apply(&applied.inverse, now()).expect("undo the first");
        assert!(days(&store.conn).expect("days").is_empty());
    }

    #[test]
    fn a_repeated_date_an_empty_change_or_a_long_name_is_refused_and_nothing_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::create(&dir.path().join("c.db")).expect("create");
        let twice = Command::SetCalendarDays {
            set: vec![day("2026-10-01", false, "a")],
            clear: vec![d("2026-10-01")],
        };
        let long = Command::SetCalendarDays {
            set: vec![day("2026-10-02", false, ""), day("2026-10-01", false, &"节".repeat(101))],
            clear: vec![],
        };
        let empty = Command::SetCalendarDays { set: vec![], clear: vec![] };
        for (command, why) in
            [(twice, "given twice"), (long, "longer than 100"), (empty, "no calendar day")]
        {
            let error = store.apply(&command, now()).expect_err(why);
            assert!(error.to_string().contains(why), "{error}");
        }
        assert!(days(&store.conn).expect("days").is_empty());
    }
}
