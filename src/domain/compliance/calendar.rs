//! The working calendar (工作日历, DOMAIN §4.1): which days are working days,
//! which minutes of them are working time, and the SLA clocks built on them.
//!
//! # Conventions
//!
//! - **Minutes.** Clocks run at minute resolution: seconds are dropped from
//!   every timestamp before counting (the ledger records times to the minute).
//! - **Working minutes.** The minute starting at `t` is working time when the
//!   day is a working day and `start <= t < end` for one of the working-hour
//!   ranges. With `09:00-12:00,13:00-18:00` a day has 480 working minutes;
//!   12:00–13:00 (lunch) and evenings count nothing. A record received outside
//!   working time therefore starts counting at the next working minute
//!   (received 12:30 → the clock starts at 13:00).
//! - **Working days.** The working weekdays from the settings, except dates
//!   listed in the calendar exceptions: a holiday (`working = false`) is never
//!   a working day, a make-up day (调休, `working = true`) always is.
//! - **Deadlines are inclusive.** [`WorkingCalendar::add_working_minutes`]
//!   returns the *earliest* instant at which the minutes have elapsed; an item
//!   resolved exactly then is compliant. The rules judge by the count
//!   ([`WorkingCalendar::working_minutes_between`] `<= limit`), so an item
//!   resolved in a non-working gap right after the deadline (e.g. at 12:30
//!   when the deadline is 12:00) used no further working minutes and is
//!   compliant too.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::domain::records::CalendarDay;
use crate::domain::settings::Settings;

/// A time-range list or weekday list that cannot be read; every variant names
/// the whole text it was reading.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// One part is not `HH:MM-HH:MM` with the start before the end.
    #[error("time range {part:?} in {text:?} is not HH:MM-HH:MM with the start before the end")]
    BadRange { text: String, part: String },
    /// The text holds no range at all.
    #[error("{text:?} lists no time ranges (expected e.g. 09:00-12:00,13:00-18:00)")]
    NoRanges { text: String },
    /// Two ranges share some minutes.
    #[error("time ranges in {text:?} overlap")]
    Overlap { text: String },
    /// One part is not a weekday number.
    #[error("weekday {part:?} in {text:?} is not a number from 1 (Monday) to 7 (Sunday)")]
    BadWeekday { text: String, part: String },
    /// The text holds no weekday at all.
    #[error("{text:?} lists no working weekdays (expected e.g. 1,2,3,4,5)")]
    NoWeekdays { text: String },
}

/// Reads a list of time ranges such as `09:00-12:00,13:00-18:00`.
///
/// Parts are separated by `,` (also `，` or `;`); empty parts are skipped.
/// Each part is `HH:MM-HH:MM` (`~` is accepted for `-`) with the start before
/// the end. The result is sorted by start; overlapping ranges are refused.
pub fn parse_ranges(text: &str) -> Result<Vec<(NaiveTime, NaiveTime)>, CalendarError> {
    let mut ranges = Vec::new();
    for part in text.split([',', '，', ';']).map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || CalendarError::BadRange { text: text.to_owned(), part: part.to_owned() };
        let (from, to) = part.split_once(['-', '~']).ok_or_else(bad)?;
        let parse = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| bad());
        let (from, to) = (parse(from)?, parse(to)?);
        if from >= to {
            return Err(bad());
        }
        ranges.push((from, to));
    }
    if ranges.is_empty() {
        return Err(CalendarError::NoRanges { text: text.to_owned() });
    }
    ranges.sort();
    if ranges.windows(2).any(|w| w[1].0 < w[0].1) {
        return Err(CalendarError::Overlap { text: text.to_owned() });
    }
    Ok(ranges)
}

/// Reads working weekdays such as `1,2,3,4,5` or `1-5` (1 = Monday … 7 =
/// Sunday) into flags indexed by days from Monday.
pub fn parse_weekdays(text: &str) -> Result<[bool; 7], CalendarError> {
    let mut days = [false; 7];
    for part in text.split([',', '，', ';']).map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || CalendarError::BadWeekday { text: text.to_owned(), part: part.to_owned() };
        let number = |s: &str| match s.trim().parse::<usize>() {
            Ok(n @ 1..=7) => Ok(n),
            _ => Err(bad()),
        };
        let (first, last) = match part.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => (number(part)?, number(part)?),
        };
        if first > last {
            return Err(bad());
        }
        for day in &mut days[first - 1..last] {
            *day = true;
        }
    }
    if !days.contains(&true) {
        return Err(CalendarError::NoWeekdays { text: text.to_owned() });
    }
    Ok(days)
}

/// Drops seconds and sub-seconds: clocks run at minute resolution.
fn to_minute(at: NaiveDateTime) -> NaiveDateTime {
    at.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(at)
}

/// Working days and working hours, with the holiday / make-up-day exceptions.
///
/// Always has at least one working weekday and one working-hour range, so
/// every search for the next working minute ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkingCalendar {
    /// Working weekdays, indexed by days from Monday.
    weekdays: [bool; 7],
    /// Working-hour ranges, sorted, not overlapping, each `start < end`.
    hours: Vec<(NaiveTime, NaiveTime)>,
    /// Exceptions: `true` = make-up working day, `false` = holiday.
    exceptions: HashMap<NaiveDate, bool>,
}

impl WorkingCalendar {
    /// A calendar from weekday and hour texts (the settings' forms) and the
    /// exception days. A date listed twice keeps its last entry.
    pub fn new(
        working_days: &str,
        working_hours: &str,
        exceptions: &[CalendarDay],
    ) -> Result<Self, CalendarError> {
        Ok(Self {
            weekdays: parse_weekdays(working_days)?,
            hours: parse_ranges(working_hours)?,
            exceptions: exceptions.iter().map(|d| (d.date, d.working)).collect(),
        })
    }

    /// The calendar of the settings' `working_days` and `working_hours`.
    pub fn from_settings(
        settings: &Settings,
        exceptions: &[CalendarDay],
    ) -> Result<Self, CalendarError> {
        Self::new(&settings.working_days, &settings.working_hours, exceptions)
    }

    /// The working-hour ranges, sorted.
    pub fn hours(&self) -> &[(NaiveTime, NaiveTime)] {
        &self.hours
    }

    /// When the working day starts (start of the first range) and ends (end
    /// of the last range). Breaks between ranges are inside this span.
    pub fn day_span(&self) -> (NaiveTime, NaiveTime) {
        let first = self.hours.first().map_or(NaiveTime::MIN, |r| r.0);
        let last = self.hours.last().map_or(NaiveTime::MIN, |r| r.1);
        (first, last)
    }

    /// Whether `date` is a working day: a make-up day (调休) always is, a
    /// holiday never is, other days by weekday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.exceptions.get(&date) {
            Some(&working) => working,
            None => self.weekdays[date.weekday().num_days_from_monday() as usize],
        }
    }

    /// Whether the minute starting at `at` is working time (see the module
    /// conventions: `start <= t < end`).
    pub fn is_working_time(&self, at: NaiveDateTime) -> bool {
        let time = to_minute(at).time();
        self.is_working_day(at.date()) && self.hours.iter().any(|&(s, e)| s <= time && time < e)
    }

    /// Working minutes in `[start, end)`; 0 when `end <= start`.
    pub fn working_minutes_between(&self, start: NaiveDateTime, end: NaiveDateTime) -> i64 {
        let (start, end) = (to_minute(start), to_minute(end));
        let mut total = 0;
        let mut day = start.date();
        while day <= end.date() {
            if self.is_working_day(day) {
                for &(from, to) in &self.hours {
                    let a = day.and_time(from).max(start);
                    let b = day.and_time(to).min(end);
                    if b > a {
                        total += (b - a).num_minutes();
                    }
                }
            }
            let Some(next) = day.succ_opt() else { break };
            day = next;
        }
        total
    }

    /// The deadline: the earliest instant at which `minutes` working minutes
    /// have elapsed since `start` (`start` itself for `minutes <= 0`). Friday
    /// 17:00 + 60 → Friday 18:00; + 61 → Monday 09:01 (or the next working day).
    pub fn add_working_minutes(&self, start: NaiveDateTime, minutes: i64) -> NaiveDateTime {
        let start = to_minute(start);
        if minutes <= 0 {
            return start;
        }
        let mut left = minutes;
        let mut day = start.date();
        loop {
            if self.is_working_day(day) {
                for &(from, to) in &self.hours {
                    let a = day.and_time(from).max(start);
                    let b = day.and_time(to);
                    if b > a {
                        let available = (b - a).num_minutes();
                        if left <= available {
                            return a + Duration::minutes(left);
                        }
                        left -= available;
                    }
                }
            }
            let Some(next) = day.succ_opt() else { return NaiveDateTime::MAX };
            day = next;
        }
    }

    /// The date `days` working days after `date` (`date` itself not counted;
    /// `date` for 0). Monday + 5 → next Monday with no holiday between.
    pub fn add_working_days(&self, date: NaiveDate, days: u32) -> NaiveDate {
        let mut day = date;
        let mut left = days;
        while left > 0 {
            let Some(next) = day.succ_opt() else { return NaiveDate::MAX };
            day = next;
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days `d` with `from < d <= to` (0 when `to <= from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0;
        let mut day = from;
        while day < to {
            let Some(next) = day.succ_opt() else { break };
            day = next;
            if self.is_working_day(day) {
                count += 1;
            }
        }
        count
    }
}

/// The year whose holidays are not recorded, when `today`'s year has no
/// calendar day at all (no holiday, no make-up day): then every time limit
/// counts every working weekday, National Day included, and the compliance
/// panel and Today say so. `None` when the year has at least one day.
pub fn calendar_notice(days: &[CalendarDay], today: NaiveDate) -> Option<i32> {
    let year = today.year();
    (!days.iter().any(|d| d.date.year() == year)).then_some(year)
}

/// A run of recorded calendar days of one kind and name on consecutive
/// dates (e.g. 国庆节 2026-10-01 … 10-08), as the rules view lists a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarRun {
    pub name: String,
    /// Make-up working days (调休) when true, holidays when false.
    pub working: bool,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub days: usize,
}

/// The recorded days of `year` as runs: consecutive dates with the same
/// kind and name make one run; in date order.
pub fn calendar_runs(days: &[CalendarDay], year: i32) -> Vec<CalendarRun> {
    let mut of_year: Vec<&CalendarDay> = days.iter().filter(|d| d.date.year() == year).collect();
    of_year.sort_by_key(|d| d.date);
    let mut runs: Vec<CalendarRun> = Vec::new();
    for day in of_year {
        if let Some(run) = runs.last_mut() {
            let next = run.last.succ_opt() == Some(day.date);
            if next && run.working == day.working && run.name == day.name {
                run.last = day.date;
                run.days += 1;
                continue;
            }
        }
        runs.push(CalendarRun {
            name: day.name.clone(),
            working: day.working,
            first: day.date,
            last: day.date,
            days: 1,
        });
    }
    runs
}

/// A line of pasted calendar days that cannot be read: its number (from 1)
/// and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteProblem {
    pub line: usize,
    pub why: PasteWhy,
}

/// Why a pasted line cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasteWhy {
    /// The first field is not a date (the text given).
    BadDate(String),
    /// The second field is not yes/no (是/否) (the text given; empty: none).
    BadWorking(String),
    /// The date was given on an earlier line too.
    Repeated(NaiveDate),
}

/// Reads pasted lines `date,working,name` (also separated by tabs, `，` or
/// `;`): `working` is yes/no (是/否, 1/0; a holiday is no, a make-up working
/// day 调休 is yes). Empty lines and a header line (`date,…` / `日期,…`) are
/// skipped. Every problem is listed with its line; nothing is returned
/// then.
pub fn parse_calendar_lines(text: &str) -> Result<Vec<CalendarDay>, Vec<PasteProblem>> {
    use crate::domain::import::values::{parse_bool, parse_date};
    let (mut days, mut problems) = (Vec::<CalendarDay>::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split([',', '\t', '，', ';']).map(str::trim).collect();
        let first = fields.first().copied().unwrap_or("");
        if first.is_empty() && fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if i == 0 && matches!(first.to_lowercase().as_str(), "date" | "日期") {
            continue;
        }
        let line = i + 1;
        let Ok(date) = parse_date(first) else {
            problems.push(PasteProblem { line, why: PasteWhy::BadDate(first.to_owned()) });
            continue;
        };
        let working_text = fields.get(1).copied().unwrap_or("");
        let Ok(working) = parse_bool(working_text) else {
            problems.push(PasteProblem { line, why: PasteWhy::BadWorking(working_text.into()) });
            continue;
        };
        if days.iter().any(|d| d.date == date) {
            problems.push(PasteProblem { line, why: PasteWhy::Repeated(date) });
            continue;
        }
        let name = fields.get(2..).map(|rest| rest.join(",")).unwrap_or_default();
        days.push(CalendarDay { date, working, name: name.trim().to_owned() });
    }
    if problems.is_empty() { Ok(days) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
    }

    fn dt(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("test date-time")
    }

    fn t(text: &str) -> NaiveTime {
        NaiveTime::parse_from_str(text, "%H:%M").expect("test time")
    }

    fn default_calendar(exceptions: &[CalendarDay]) -> WorkingCalendar {
        WorkingCalendar::from_settings(&Settings::default(), exceptions).expect("default settings")
    }

    /// National Day 2024: 10-01 (Tue) a holiday, 10-12 (Sat) a make-up day.
    fn national_day() -> Vec<CalendarDay> {
        vec![
            CalendarDay { date: d("2024-10-01"), working: false, name: "国庆节".into() },
            CalendarDay { date: d("2024-10-12"), working: true, name: "调休".into() },
        ]
    }

    /// Asserts the working minutes between two instants.
    fn check_minutes(cal: &WorkingCalendar, from: &str, to: &str, expected: i64) {
        assert_eq!(cal.working_minutes_between(dt(from), dt(to)), expected, "{from} → {to}");
    }

    #[test]
    fn parses_ranges_and_names_the_text_in_errors() {
        assert_eq!(
            parse_ranges("13:00-18:00, 09:00-12:00"),
            Ok(vec![(t("09:00"), t("12:00")), (t("13:00"), t("18:00"))])
        );
        assert_eq!(parse_ranges("9:00~11:00,").map(|r| r.len()), Ok(1));
        let err = parse_ranges("09:00-12:00,25:00-26:00").expect_err("hour 25");
        assert_eq!(
            err,
            CalendarError::BadRange {
                text: "09:00-12:00,25:00-26:00".into(),
                part: "25:00-26:00".into()
            }
        );
        assert!(err.to_string().contains("\"09:00-12:00,25:00-26:00\""), "{err}");
        assert!(matches!(parse_ranges("12:00-09:00"), Err(CalendarError::BadRange { .. })));
        assert!(matches!(parse_ranges("09:00"), Err(CalendarError::BadRange { .. })));
        assert!(matches!(parse_ranges(" , "), Err(CalendarError::NoRanges { .. })));
        assert!(matches!(
            parse_ranges("09:00-12:00,11:00-13:00"),
            Err(CalendarError::Overlap { .. })
        ));
    }

    #[test]
    fn notice_when_the_year_has_no_calendar_day() {
        assert_eq!(calendar_notice(&[], d("2027-03-01")), Some(2027));
        let days = national_day();
        assert_eq!(calendar_notice(&days, d("2024-01-01")), None);
        assert_eq!(calendar_notice(&days, d("2024-12-31")), None);
        assert_eq!(calendar_notice(&days, d("2025-01-01")), Some(2025));
        assert_eq!(calendar_notice(&days, d("2023-12-31")), Some(2023));
    }

    #[test]
    fn runs_join_consecutive_days_of_one_kind_and_name() {
        let day = |date: &str, working: bool, name: &str| CalendarDay {
            date: d(date),
            working,
            name: name.into(),
        };
        // Out of order, a gap inside one name, another year, a make-up day
        // next to the holiday.
        let days = vec![
            day("2026-10-02", false, "国庆节"),
            day("2026-10-01", false, "国庆节"),
            day("2026-10-03", false, "国庆节"),
            day("2026-10-05", false, "国庆节"),
            day("2026-10-04", true, "国庆节调休"),
            day("2025-10-01", false, "国庆节"),
        ];
        let runs: Vec<(String, bool, String, String, usize)> = calendar_runs(&days, 2026)
            .into_iter()
            .map(|r| (r.name, r.working, r.first.to_string(), r.last.to_string(), r.days))
            .collect();
        let run = |name: &str, working, first: &str, last: &str, n| {
            (name.to_owned(), working, first.to_owned(), last.to_owned(), n)
        };
        assert_eq!(
            runs,
            [
                run("国庆节", false, "2026-10-01", "2026-10-03", 3),
                run("国庆节调休", true, "2026-10-04", "2026-10-04", 1),
                run("国庆节", false, "2026-10-05", "2026-10-05", 1),
            ]
        );
        assert!(calendar_runs(&days, 2027).is_empty());
        assert_eq!(calendar_runs(&days, 2025).len(), 1);
    }

    #[test]
    fn pasted_lines_are_read_or_every_bad_line_is_named() {
        let text = "日期,是否工作日,名称\n2026-10-01,否,国庆节\n\n2026/10/10\t是\t国庆节调休\n";
        let days = parse_calendar_lines(text).expect("good lines");
        assert_eq!(
            days,
            vec![
                CalendarDay { date: d("2026-10-01"), working: false, name: "国庆节".into() },
                CalendarDay {
                    date: d("2026-10-10"), working: true, name: "国庆节调休".into()
                },
            ]
        );
        let bad = "2026-10-01,no,a\n2026-13-01,no\n2026-10-02\n2026-10-01,yes";
        assert_eq!(
            parse_calendar_lines(bad),
            Err(vec![
                PasteProblem { line: 2, why: PasteWhy::BadDate("2026-13-01".into()) },
                PasteProblem { line: 3, why: PasteWhy::BadWorking(String::new()) },
                PasteProblem { line: 4, why: PasteWhy::Repeated(d("2026-10-01")) },
            ])
        );
        assert_eq!(parse_calendar_lines(" \n"), Ok(vec![]));
    }

    #[test]
    fn parses_weekdays() {
        assert_eq!(parse_weekdays("1,2,3,4,5"), parse_weekdays("1-5"));
        assert_eq!(parse_weekdays("6,7"), Ok([false, false, false, false, false, true, true]));
        assert!(matches!(parse_weekdays("0"), Err(CalendarError::BadWeekday { .. })));
        assert!(matches!(parse_weekdays("Mon"), Err(CalendarError::BadWeekday { .. })));
        assert!(matches!(parse_weekdays(""), Err(CalendarError::NoWeekdays { .. })));
    }

    #[test]
    fn holiday_and_make_up_day_override_the_weekday() {
        let cal = default_calendar(&national_day());
        assert!(cal.is_working_day(d("2024-09-30")), "Monday");
        assert!(!cal.is_working_day(d("2024-10-01")), "Tuesday, but a holiday");
        assert!(!cal.is_working_day(d("2024-10-05")), "Saturday");
        assert!(cal.is_working_day(d("2024-10-12")), "Saturday, but a make-up day");
        assert!(!default_calendar(&[]).is_working_day(d("2024-10-12")));
        // Minutes follow the days: Mon 17:00 → Wed 10:00 skips the holiday.
        check_minutes(&cal, "2024-09-30 17:00", "2024-10-02 10:00", 60 + 60);
        // Sat 12 October is worked.
        check_minutes(&cal, "2024-10-12 09:00", "2024-10-12 18:00", 480);
        assert_eq!(cal.add_working_days(d("2024-09-30"), 1), d("2024-10-02"));
    }

    #[test]
    fn counts_working_minutes_only() {
        let cal = default_calendar(&[]);
        // 2024-06-07 is a Friday, 2024-06-10 a Monday.
        check_minutes(&cal, "2024-06-07 17:00", "2024-06-10 11:00", 60 + 120);
        check_minutes(&cal, "2024-06-07 17:00", "2024-06-10 14:30", 60 + 180 + 90);
        check_minutes(&cal, "2024-06-03 09:00", "2024-06-03 18:00", 480);
        // Received at lunch: the clock starts at 13:00.
        check_minutes(&cal, "2024-06-03 12:30", "2024-06-03 13:10", 10);
        check_minutes(&cal, "2024-06-03 12:30", "2024-06-03 12:59", 0);
        // Received in the evening or at the weekend: starts next working morning.
        check_minutes(&cal, "2024-06-03 20:00", "2024-06-04 09:30", 30);
        check_minutes(&cal, "2024-06-08 10:00", "2024-06-10 09:30", 30);
        // Reversed or empty spans count nothing; seconds are dropped.
        check_minutes(&cal, "2024-06-03 10:00", "2024-06-03 09:00", 0);
        let start = dt("2024-06-03 10:00") + Duration::seconds(59);
        assert_eq!(cal.working_minutes_between(start, dt("2024-06-03 10:10")), 10);
    }

    #[test]
    fn deadlines_are_the_earliest_instant() {
        let cal = default_calendar(&[]);
        let deadline = |from: &str, minutes| cal.add_working_minutes(dt(from), minutes);
        assert_eq!(deadline("2024-06-07 17:00", 60), dt("2024-06-07 18:00"));
        assert_eq!(deadline("2024-06-07 17:00", 61), dt("2024-06-10 09:01"));
        assert_eq!(deadline("2024-06-07 17:00", 240), dt("2024-06-10 12:00"));
        assert_eq!(deadline("2024-06-03 12:30", 10), dt("2024-06-03 13:10"));
        assert_eq!(deadline("2024-06-03 11:55", 10), dt("2024-06-03 13:05"));
        assert_eq!(deadline("2024-06-03 12:30", 0), dt("2024-06-03 12:30"));
        // The count and the deadline agree: exactly the limit at the deadline.
        for (from, minutes) in [("2024-06-07 17:00", 240), ("2024-06-03 12:30", 30)] {
            let end = deadline(from, minutes);
            assert_eq!(cal.working_minutes_between(dt(from), end), minutes);
            let before = end - Duration::minutes(1);
            assert_eq!(cal.working_minutes_between(dt(from), before), minutes - 1);
        }
    }

    #[test]
    fn adds_and_counts_working_days() {
        let cal = default_calendar(&[]);
        assert_eq!(cal.add_working_days(d("2024-06-03"), 5), d("2024-06-10"));
        assert_eq!(cal.add_working_days(d("2024-06-08"), 5), d("2024-06-14"), "from a Saturday");
        assert_eq!(cal.add_working_days(d("2024-06-03"), 0), d("2024-06-03"));
        assert_eq!(cal.working_days_between(d("2024-06-03"), d("2024-06-10")), 5);
        assert_eq!(cal.working_days_between(d("2024-06-10"), d("2024-06-03")), 0);
        assert_eq!(cal.day_span(), (t("09:00"), t("18:00")));
        assert!(cal.is_working_time(dt("2024-06-03 11:59")));
        assert!(!cal.is_working_time(dt("2024-06-03 12:00")), "lunch");
        assert!(!cal.is_working_time(dt("2024-06-08 10:00")), "Saturday");
    }
}
