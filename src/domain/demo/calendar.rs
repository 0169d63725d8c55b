//! Dates, the demo's period and its working calendar (published holidays and
//! make-up days).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use crate::domain::compliance::calendar::WorkingCalendar;
use crate::domain::records::CalendarDay;
use crate::domain::settings::Settings;

use super::DemoOptions;
use super::rng::Rng;

/// A date from the generator's own tables and arithmetic.
pub(super) fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("the generator only builds valid calendar dates")
}

/// The time `minute` minutes after midnight (clamped to the day).
pub(super) fn time_of(minute: u32) -> NaiveTime {
    let minute = minute.min(24 * 60 - 1);
    NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).expect("a minute of the day is valid")
}

pub(super) fn at(date: NaiveDate, minute: u32) -> NaiveDateTime {
    date.and_time(time_of(minute))
}

pub(super) fn minute_of(t: NaiveDateTime) -> u32 {
    t.hour() * 60 + t.minute()
}

pub(super) fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// Month `k` months after `(y, m)`.
pub(super) fn add_months(y: i32, m: u32, k: i32) -> (i32, u32) {
    let index = y * 12 + m as i32 - 1 + k;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

pub(super) fn month_last(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = add_months(y, m, 1);
    ymd(ny, nm, 1) - days(1)
}

/// A minute of an office day: 09:00–11:50 or 13:30–17:20.
pub(super) fn office_minute(rng: &mut Rng) -> u32 {
    let minute = if rng.chance(0.55) {
        rng.range(9 * 60, 11 * 60 + 50)
    } else {
        rng.range(13 * 60 + 30, 17 * 60 + 20)
    };
    minute as u32
}

pub(super) fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The demo's period `[start, end]`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Period {
    pub(super) start: NaiveDate,
    pub(super) end: NaiveDate,
}

impl Period {
    pub(super) fn new(opts: &DemoOptions) -> Self {
        let years = i64::from(opts.years.max(1));
        Self { start: opts.end - days(years * 365), end: opts.end }
    }

    pub(super) fn days(self) -> i64 {
        (self.end - self.start).num_days()
    }

    pub(super) fn contains(self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// Every month touching the period, in order.
    pub(super) fn months(self) -> Vec<(i32, u32)> {
        let mut out = Vec::new();
        let (mut y, mut m) = (self.start.year(), self.start.month());
        while (y, m) <= (self.end.year(), self.end.month()) {
            out.push((y, m));
            (y, m) = add_months(y, m, 1);
        }
        out
    }
}

/// Published holiday schedules (国务院办公厅 notices), as
/// (year, month, day, length in days, name). Weekend days inside a span are
/// ordinary rest days and are not stored.
pub(super) const HOLIDAYS: [(i32, u32, u32, i64, &str); 20] = [
    (2024, 1, 1, 1, "元旦"),
    (2024, 2, 10, 8, "春节"),
    (2024, 4, 4, 3, "清明节"),
    (2024, 5, 1, 5, "劳动节"),
    (2024, 6, 10, 1, "端午节"),
    (2024, 9, 15, 3, "中秋节"),
    (2024, 10, 1, 7, "国庆节"),
    (2025, 1, 1, 1, "元旦"),
    (2025, 1, 28, 8, "春节"),
    (2025, 4, 4, 3, "清明节"),
    (2025, 5, 1, 5, "劳动节"),
    (2025, 5, 31, 3, "端午节"),
    (2025, 10, 1, 8, "国庆节、中秋节"),
    (2026, 1, 1, 3, "元旦"),
    (2026, 2, 15, 9, "春节"),
    (2026, 4, 4, 3, "清明节"),
    (2026, 5, 1, 5, "劳动节"),
    (2026, 6, 19, 3, "端午节"),
    (2026, 9, 25, 3, "中秋节"),
    (2026, 10, 1, 7, "国庆节"),
];

/// Published make-up working days (调休上班), all on weekends.
pub(super) const MAKEUP_DAYS: [(i32, u32, u32, &str); 19] = [
    (2024, 2, 4, "春节调休"),
    (2024, 2, 18, "春节调休"),
    (2024, 4, 7, "清明节调休"),
    (2024, 4, 28, "劳动节调休"),
    (2024, 5, 11, "劳动节调休"),
    (2024, 9, 14, "中秋节调休"),
    (2024, 9, 29, "国庆节调休"),
    (2024, 10, 12, "国庆节调休"),
    (2025, 1, 26, "春节调休"),
    (2025, 2, 8, "春节调休"),
    (2025, 4, 27, "劳动节调休"),
    (2025, 9, 28, "国庆节调休"),
    (2025, 10, 11, "国庆节调休"),
    (2026, 1, 4, "元旦调休"),
    (2026, 2, 14, "春节调休"),
    (2026, 2, 28, "春节调休"),
    (2026, 5, 9, "劳动节调休"),
    (2026, 9, 20, "国庆节调休"),
    (2026, 10, 10, "国庆节调休"),
];

/// Fixed-date holidays assumed for years without a published schedule above
/// (month, day, length in days, name); no make-up days.
pub(super) const FIXED_HOLIDAYS: [(u32, u32, i64, &str); 3] =
    [(1, 1, 1, "元旦"), (5, 1, 3, "劳动节"), (10, 1, 7, "国庆节")];

/// The calendar exceptions inside the period: weekday holidays and make-up
/// working days, by date.
pub(super) fn calendar_days(period: Period) -> Vec<CalendarDay> {
    let mut out = Vec::new();
    for year in period.start.year()..=period.end.year() {
        let mut spans: Vec<(NaiveDate, i64, &str)> = HOLIDAYS
            .iter()
            .filter(|h| h.0 == year)
            .map(|&(y, m, d, len, name)| (ymd(y, m, d), len, name))
            .collect();
        if spans.is_empty() {
            spans = FIXED_HOLIDAYS
                .iter()
                .map(|&(m, d, len, name)| (ymd(year, m, d), len, name))
                .collect();
        }
        for (first, len, name) in spans {
            for k in 0..len {
                let date = first + days(k);
                if !is_weekend(date) && period.contains(date) {
                    out.push(CalendarDay { date, working: false, name: name.to_owned() });
                }
            }
        }
        for &(y, m, d, name) in MAKEUP_DAYS.iter().filter(|h| h.0 == year) {
            let date = ymd(y, m, d);
            if period.contains(date) {
                out.push(CalendarDay { date, working: true, name: name.to_owned() });
            }
        }
    }
    out.sort_by_key(|c| c.date);
    out
}

/// The demo's working calendar is the domain's own (DOMAIN §4.1), with the
/// default settings' working days and hours (Mon–Fri, 09:00–12:00 and
/// 13:00–18:00) and the demo's holidays and make-up days.
pub(super) fn work_calendar(exceptions: &[CalendarDay]) -> WorkingCalendar {
    WorkingCalendar::from_settings(&Settings::default(), exceptions)
        .expect("the default working days and hours are valid")
}

/// The first working day on or after `d`.
pub(super) fn next_working(cal: &WorkingCalendar, mut d: NaiveDate) -> NaiveDate {
    while !cal.is_working_day(d) {
        d += days(1);
    }
    d
}

/// The working days in `[from, to]`.
pub(super) fn working_days(
    cal: &WorkingCalendar,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<NaiveDate> {
    from.iter_days().take_while(|d| *d <= to).filter(|d| cal.is_working_day(*d)).collect()
}
