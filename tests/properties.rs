//! Property tests (issue 8): every import-cell parser, header mapping and row
//! parsing, the value analyses of DOMAIN.md §3 (RFM buckets and segments, the
//! 80/20 split, tiers, CLV), money formatting and the working calendar, each
//! checked against a naive reference implementation written in this file
//! from the documentation (DOMAIN.md §3, the parsers' doc comments), not
//! from the code under test.
//!
//! # Determinism
//!
//! No `proptest!` macro is used. Every `#[test]` calls [`check`], which
//! builds its own [`TestRunner`] with [`TestRunner::new_with_rng`] and a
//! ChaCha RNG seeded from the fixed 32 bytes of [`SEED`], under a [`Config`]
//! that sets every field that affects generation, shrinking or forking
//! (cases, reject limits, size range, shrink limits, `fork`, `timeout`,
//! algorithm). The `PROPTEST_*` environment variables (`PROPTEST_CASES`,
//! `PROPTEST_RNG_SEED`, …) therefore change nothing, and CI generates the
//! same cases on every run. Failure persistence is off
//! (`failure_persistence: None`), so no file is ever written; a failing case
//! is shrunk and printed in the panic message.
//!
//! # Case counts
//!
//! | property | cases |
//! |---|---:|
//! | `dates_round_trip_in_every_format` | 10,000 |
//! | `impossible_dates_are_refused` | 5,000 |
//! | `times_round_trip_and_out_of_range_times_are_refused` | 5,000 |
//! | `date_times_round_trip` | 6,000 |
//! | `date_time_separators_work_alike_for_every_date_shape` | 3,000 |
//! | `date_and_time_near_misses_match_the_reference` | 8,000 |
//! | `amounts_round_trip_in_every_written_form` | 12,000 |
//! | `amounts_with_three_or_more_decimals_are_refused` | 5,000 |
//! | `amount_errors_follow_the_documented_grammar` | 8,000 |
//! | `amount_near_misses_match_the_reference` | 6,000 |
//! | `format_cents_round_trips_through_parse_amount_cents` | 10,000 |
//! | `booleans_round_trip_and_match_the_reference` | 4,000 |
//! | `temperatures_round_trip_and_match_the_reference` | 6,000 |
//! | `levels_round_trip_and_match_the_reference` | 3,000 |
//! | `quantities_round_trip_and_match_the_reference` | 5,000 |
//! | `parsers_never_panic_on_printable_text` | 10,000 |
//! | `parsers_never_panic_on_arbitrary_unicode` | 5,000 |
//! | `mapping_and_rows_never_panic` | 4,000 |
//! | `required_headers_map_to_their_columns` | 6,000 |
//! | `transaction_rows_parse_to_the_generated_values` | 3,000 |
//! | `rfm_buckets_match_the_naive_definition` | 5,000 |
//! | `rfm_scores_and_segments_match_the_naive_definition` | 4,000 |
//! | `pareto_matches_the_naive_definition` | 5,000 |
//! | `higher_counts_match_the_naive_definition` | 4,000 |
//! | `critical_count_is_the_exact_ceiling` | 5,000 |
//! | `tiers_match_the_naive_definition` | 5,000 |
//! | `clv_matches_direct_summation` | 10,000 |
//! | `working_minutes_match_a_minute_by_minute_count` | 2,500 |
//! | `adding_working_minutes_inverts_the_count` | 3,000 |
//! | **total** | **183,500** |
//!
//! The whole target runs in well under a minute in a debug build (about
//! 5–9 s of test time on a 2-core machine, the tests running in parallel).

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed, TestCaseError, TestRng, TestRunner};

use ladder::domain::Lang;
use ladder::domain::analysis::CustomerAgg;
use ladder::domain::analysis::clv::{ClvParams, clv};
use ladder::domain::analysis::pareto::{curve, pareto};
use ladder::domain::analysis::rfm::{SegmentRule, buckets, default_segments, rfm, segment_name};
use ladder::domain::analysis::tiers::{
    TierInput, TierParams, classify, critical_count, higher_counts,
};
use ladder::domain::compliance::calendar::WorkingCalendar;
use ladder::domain::customer::CustomerId;
use ladder::domain::import::values::{
    ValueError, parse_amount_cents, parse_bool, parse_date, parse_date_maybe_time, parse_datetime,
    parse_level_1_5, parse_quantity, parse_temp_tenths, parse_time,
};
use ladder::domain::import::{ImportKind, ParsedRow, map_columns, parse_row};
use ladder::domain::money::{MAX_ROW_CENTS, format_cents, format_cents_grouped};
use ladder::domain::records::CalendarDay;
use ladder::domain::terms::{Difficulty, Importance, Tier};

// ---------------------------------------------------------------------------
// The runner
// ---------------------------------------------------------------------------

/// The fixed seed of every runner in this file (32 bytes, as ChaCha needs).
const SEED: [u8; 32] = *b"Ladder property tests, seed 0001";

/// A configuration that depends on nothing but `cases`.
fn config(cases: u32) -> Config {
    Config {
        cases,
        max_local_rejects: 65_536,
        max_global_rejects: 1_024,
        max_flat_map_regens: 1_000_000,
        max_default_size_range: 100,
        max_shrink_iters: 8_192,
        max_shrink_time: 0,
        fork: false,
        timeout: 0,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        // Unused: the runner gets its RNG from `SEED` below.
        rng_seed: RngSeed::Fixed(1),
        ..Config::default()
    }
}

/// Runs `test` on `cases` values of `strategy` with the fixed seed, and
/// panics with the (shrunk) failing input if one fails.
fn check<S: Strategy>(
    cases: u32,
    strategy: &S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &SEED);
    let mut runner = TestRunner::new_with_rng(config(cases), rng);
    if let Err(failure) = runner.run(strategy, test) {
        panic!("{failure}");
    }
}

/// Strings made of 0..=`max` pieces of `pool`, for near misses of a format.
fn pieces(pool: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pool), 0..=max).prop_map(|parts| parts.concat())
}

/// Whitespace a cell may carry around its value (`str::trim` removes all of it).
const PADS: &[&str] = &["", " ", "  ", "\t", "\u{3000}"];

fn padding() -> impl Strategy<Value = (&'static str, &'static str)> {
    (prop::sample::select(PADS), prop::sample::select(PADS))
}

/// `a == b`, or within `rel` of the larger magnitude.
fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs())
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a generated date is in the calendar")
}

// ---------------------------------------------------------------------------
// Naive references of the value parsers
// ---------------------------------------------------------------------------

/// Days in a month by the Gregorian rule; 0 for a month that does not exist.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn all_ascii_digits(chars: &[char]) -> bool {
    !chars.is_empty() && chars.iter().all(char::is_ascii_digit)
}

fn digits_value(chars: &[char]) -> u32 {
    chars.iter().fold(0, |v, c| v * 10 + c.to_digit(10).expect("an ASCII digit"))
}

/// The (year, month, day) written in `text` if it has exactly one of the
/// documented shapes `YYYY-M-D`, `YYYY/M/D` (month and day of 1–2 digits),
/// `YYYYMMDD` or `YYYY年M月D日`, checked character by character.
fn ref_date_shape(text: &str) -> Option<(i32, u32, u32)> {
    let c: Vec<char> = text.chars().collect();
    if c.len() == 8 && all_ascii_digits(&c) {
        let year = i32::try_from(digits_value(&c[..4])).expect("4 digits fit");
        return Some((year, digits_value(&c[4..6]), digits_value(&c[6..])));
    }
    for (sep1, sep2, end) in [('-', '-', None), ('/', '/', None), ('年', '月', Some('日'))] {
        for month_len in 1..=2 {
            for day_len in 1..=2 {
                let len = 4 + 1 + month_len + 1 + day_len + usize::from(end.is_some());
                if c.len() != len {
                    continue;
                }
                let month_at = 5;
                let day_at = month_at + month_len + 1;
                let ok = all_ascii_digits(&c[..4])
                    && c[4] == sep1
                    && all_ascii_digits(&c[month_at..month_at + month_len])
                    && c[month_at + month_len] == sep2
                    && all_ascii_digits(&c[day_at..day_at + day_len])
                    && end.is_none_or(|e| c[len - 1] == e);
                if ok {
                    let year = i32::try_from(digits_value(&c[..4])).expect("4 digits fit");
                    let month = digits_value(&c[month_at..month_at + month_len]);
                    let day = digits_value(&c[day_at..day_at + day_len]);
                    return Some((year, month, day));
                }
            }
        }
    }
    None
}

fn ref_date(text: &str) -> Result<NaiveDate, ValueError> {
    let (year, month, day) = ref_date_shape(text.trim()).ok_or(ValueError::NotDate)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(ValueError::NoSuchDay { year, month, day })
}

/// `H:MM`, `HH:MM` or `H:MM:SS`/`HH:MM:SS`, as numbers (not range-checked).
fn ref_time_shape(text: &str) -> Option<(u32, u32, u32)> {
    let c: Vec<char> = text.chars().collect();
    for hour_len in 1..=2 {
        for seconds in [false, true] {
            let len = hour_len + 3 + if seconds { 3 } else { 0 };
            if c.len() != len {
                continue;
            }
            let ok = all_ascii_digits(&c[..hour_len])
                && c[hour_len] == ':'
                && all_ascii_digits(&c[hour_len + 1..hour_len + 3])
                && (!seconds || (c[hour_len + 3] == ':' && all_ascii_digits(&c[hour_len + 4..])));
            if ok {
                let second = if seconds { digits_value(&c[hour_len + 4..]) } else { 0 };
                return Some((
                    digits_value(&c[..hour_len]),
                    digits_value(&c[hour_len + 1..hour_len + 3]),
                    second,
                ));
            }
        }
    }
    None
}

fn ref_time(text: &str) -> Option<NaiveTime> {
    let (h, m, s) = ref_time_shape(text.trim())?;
    (h < 24 && m < 60 && s < 60).then(|| NaiveTime::from_hms_opt(h, m, s).expect("in range"))
}

/// What the reference makes of a date-time text: a value, or the numbers of
/// a well-shaped date that is not in the calendar (followed by a valid time).
#[derive(Debug, PartialEq)]
enum RefDateTime {
    Value(NaiveDateTime),
    NoSuchDay(i32, u32, u32),
    Refused,
}

/// A date, then `T` (with optional whitespace around it), whitespace, or
/// nothing after `日`, then a time.
fn ref_datetime(text: &str) -> RefDateTime {
    let t = text.trim();
    let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
    let mut no_such_day = None;
    // Date shapes are 8 to 13 characters long.
    for &i in bounds.iter().skip(8).take(6) {
        let Some((y, m, d)) = ref_date_shape(&t[..i]) else { continue };
        for &j in bounds.iter().filter(|&&j| j >= i) {
            let sep = &t[i..j];
            let sep_ok = sep.trim() == "T"
                || (!sep.is_empty() && sep.chars().all(char::is_whitespace))
                || (sep.is_empty() && t[..i].ends_with('日'));
            let Some(time) =
                ref_time(&t[j..]).filter(|_| sep_ok && ref_time_shape(&t[j..]).is_some())
            else {
                continue;
            };
            match NaiveDate::from_ymd_opt(y, m, d) {
                Some(date) => return RefDateTime::Value(date.and_time(time)),
                None => no_such_day = Some(RefDateTime::NoSuchDay(y, m, d)),
            }
        }
    }
    no_such_day.unwrap_or(RefDateTime::Refused)
}

const CURRENCIES: &[&str] = &["", "¥", "￥", "$", "RMB", "rmb", "CNY", "cny"];

/// The digits of an amount: plain (`1234`) or grouped by threes after a
/// first group of 1–3 (`1,234`), then optionally `.` and 1–2 decimals. The
/// value in cents, if it fits in `i64`.
fn ref_amount_number(text: &str) -> Option<i64> {
    let (int, frac) = match text.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (text, None),
    };
    let plain_ok = !int.is_empty() && int.chars().all(|c| c.is_ascii_digit());
    let grouped_ok = {
        let groups: Vec<&str> = int.split(',').collect();
        groups.len() > 1
            && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
    };
    let frac_ok =
        frac.is_none_or(|f| (1..=2).contains(&f.len()) && f.chars().all(|c| c.is_ascii_digit()));
    if !(plain_ok || grouped_ok) || !frac_ok {
        return None;
    }
    let digits: String = int.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    if digits.len() > 30 {
        return None;
    }
    let whole: u128 = if digits.is_empty() { 0 } else { digits.parse().expect("ASCII digits") };
    let frac = frac.unwrap_or("");
    let cents_part: u128 = format!("{frac:0<2}").parse().expect("two ASCII digits");
    // A row holds at most MAX_ROW_CENTS (1,000,000,000.00) either way.
    i64::try_from(whole * 100 + cents_part).ok().filter(|c| *c <= MAX_ROW_CENTS)
}

/// An amount as the doc comment of `parse_amount_cents` describes it, tried
/// every possible way: in parentheses (negative, no sign) or not; an optional
/// sign before or after an optional currency sign, whitespace after each;
/// the number; an optional `元` with whitespace before it.
fn ref_amount(text: &str) -> Option<i64> {
    let t = text.trim();
    let mut bodies = vec![(t, true)];
    for open in ['(', '（'] {
        for close in [')', '）'] {
            if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
                bodies.push((inner.trim(), false));
            }
        }
    }
    for (body, bare) in bodies {
        let signs: &[(&str, bool)] = if bare {
            &[("", false), ("-", true), ("−", true), ("+", false)]
        } else {
            &[("", false)]
        };
        for &(sign, negative) in signs {
            for sign_after_currency in [false, true] {
                for currency in CURRENCIES {
                    for yuan in [false, true] {
                        let mut s = body;
                        let mut strip = |prefix: &str| -> bool {
                            if prefix.is_empty() {
                                return true;
                            }
                            match s.strip_prefix(prefix) {
                                Some(rest) => {
                                    s = rest.trim_start();
                                    true
                                }
                                None => false,
                            }
                        };
                        let order =
                            if sign_after_currency { [currency, sign] } else { [sign, currency] };
                        if !order.into_iter().all(&mut strip) {
                            continue;
                        }
                        if yuan {
                            match s.strip_suffix('元') {
                                Some(rest) => s = rest.trim_end(),
                                None => continue,
                            }
                        }
                        if let Some(v) = ref_amount_number(s) {
                            return Some(if negative || !bare { -v } else { v });
                        }
                    }
                }
            }
        }
    }
    None
}

/// `yes/no, y/n, true/false, 1/0` in any ASCII case, `是/否` and the check
/// marks, around which spaces are allowed.
fn ref_bool(text: &str) -> Option<bool> {
    let t = text.trim();
    let word = |w: &str| t.eq_ignore_ascii_case(w);
    if ["yes", "y", "true", "1"].into_iter().any(word) || ["是", "√", "✓", "✔"].contains(&t)
    {
        Some(true)
    } else if ["no", "n", "false", "0"].into_iter().any(word) || ["否", "×", "✗", "✘"].contains(&t)
    {
        Some(false)
    } else {
        None
    }
}

fn ref_level(text: &str) -> Option<u8> {
    ["1", "2", "3", "4", "5"].iter().position(|l| *l == text.trim()).map(|i| i as u8 + 1)
}

/// Signs the value parsers accept: `-`, `−` (U+2212) and `+`.
const SIGNS: &[(&str, bool)] = &[("", false), ("-", true), ("−", true), ("+", false)];

/// Degrees with at most one decimal, an optional sign (whitespace may follow
/// it) and unit (whitespace may precede it), within −50…60 °C, in tenths.
fn ref_temp(text: &str) -> Option<i32> {
    let t = text.trim();
    for unit in ["", "°C", "°c", "℃", "°"] {
        let Some(body) = t.strip_suffix(unit) else { continue };
        let body = body.trim_end();
        for &(sign, negative) in SIGNS {
            let Some(number) = body.strip_prefix(sign) else { continue };
            let number = number.trim_start();
            let (int, frac) = match number.split_once('.') {
                Some((int, frac)) => (int, Some(frac)),
                None => (number, None),
            };
            let int_ok = !int.is_empty() && int.chars().all(|c| c.is_ascii_digit());
            let frac_ok =
                frac.is_none_or(|f| f.len() == 1 && f.chars().all(|c| c.is_ascii_digit()));
            let int = int.trim_start_matches('0');
            if !int_ok || !frac_ok || int.len() > 6 {
                continue;
            }
            let whole: i32 = if int.is_empty() { 0 } else { int.parse().expect("digits") };
            let tenth: i32 = frac.map_or(0, |f| f.parse().expect("a digit"));
            let tenths = (whole * 10 + tenth) * if negative { -1 } else { 1 };
            if (-500..=600).contains(&tenths) {
                return Some(tenths);
            }
        }
    }
    None
}

/// A number with an optional sign, plain or grouped digits and an optional
/// decimal part, read by the standard library's correctly rounded parser.
fn ref_quantity(text: &str) -> Option<f64> {
    let t = text.trim();
    for &(sign, negative) in SIGNS {
        let Some(body) = t.strip_prefix(sign) else { continue };
        let body = body.trim_start();
        let (int, frac) = match body.split_once('.') {
            Some((int, frac)) => (int, Some(frac)),
            None => (body, None),
        };
        let groups: Vec<&str> = int.split(',').collect();
        let int_ok = groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
            && !groups[0].is_empty()
            && (groups.len() == 1
                || ((1..=3).contains(&groups[0].len())
                    && groups[1..].iter().all(|g| g.len() == 3)));
        let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
        if !int_ok || !frac_ok {
            continue;
        }
        let plain = format!("{}.{}", groups.concat(), frac.unwrap_or("0"));
        let value: f64 = plain.parse().expect("digits and a point");
        if value.is_finite() {
            return Some(if negative { -value } else { value });
        }
    }
    None
}

/// Compares every parser with its reference on one text; used by the
/// near-miss and arbitrary-text properties.
fn parsers_agree_with_references(text: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(parse_date(text), ref_date(text), "parse_date({:?})", text);
    prop_assert_eq!(parse_time(text).ok(), ref_time(text), "parse_time({:?})", text);
    let datetime = parse_datetime(text);
    match ref_datetime(text) {
        RefDateTime::Value(value) => {
            prop_assert_eq!(datetime.clone(), Ok(value), "parse_datetime({:?})", text);
        }
        RefDateTime::NoSuchDay(year, month, day) => prop_assert_eq!(
            datetime.clone(),
            Err(ValueError::NoSuchDay { year, month, day }),
            "parse_datetime({:?})",
            text
        ),
        RefDateTime::Refused => prop_assert!(
            matches!(datetime, Err(ValueError::NotDateTime | ValueError::NoSuchDay { .. })),
            "parse_datetime({:?}) = {:?}, expected an error",
            text,
            datetime
        ),
    }
    let maybe = parse_date_maybe_time(text);
    match ref_date(text) {
        Ok(date) => prop_assert_eq!(maybe, Ok(date.and_time(NaiveTime::MIN)), "{:?}", text),
        Err(no_such_day @ ValueError::NoSuchDay { .. }) => {
            prop_assert_eq!(maybe, Err(no_such_day), "{:?}", text);
        }
        Err(_) => prop_assert_eq!(maybe, datetime, "{:?}", text),
    }
    prop_assert_eq!(
        parse_amount_cents(text).ok(),
        ref_amount(text),
        "parse_amount_cents({:?})",
        text
    );
    prop_assert_eq!(parse_bool(text).ok(), ref_bool(text), "parse_bool({:?})", text);
    prop_assert_eq!(parse_level_1_5(text).ok(), ref_level(text), "parse_level_1_5({:?})", text);
    prop_assert_eq!(parse_temp_tenths(text).ok(), ref_temp(text), "parse_temp_tenths({:?})", text);
    prop_assert_eq!(parse_quantity(text).ok(), ref_quantity(text), "parse_quantity({:?})", text);
    Ok(())
}

// ---------------------------------------------------------------------------
// Writing values the way people do
// ---------------------------------------------------------------------------

/// Any date with a four-digit year (0000–9999); month ends and 29 February
/// are over-represented.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (0i32..=9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| ymd(y, m, d)),
        (0i32..=9999, 1u32..=12, 0u32..4)
            .prop_map(|(y, m, back)| { ymd(y, m, days_in_month(y, m) - back) }),
        (0i32..=2499).prop_map(|q| ymd(q * 4, 2, days_in_month(q * 4, 2))),
    ]
}

/// One of the accepted date shapes, and whether month and day are padded
/// to two digits (`YYYYMMDD` always is).
#[derive(Clone, Copy, Debug)]
struct DateStyle {
    /// 0 `-`, 1 `/`, 2 `YYYYMMDD`, 3 `年月日`.
    shape: u8,
    pad_month: bool,
    pad_day: bool,
}

fn date_style() -> impl Strategy<Value = DateStyle> {
    (0u8..4, any::<bool>(), any::<bool>()).prop_map(|(shape, pad_month, pad_day)| DateStyle {
        shape,
        pad_month,
        pad_day,
    })
}

fn write_ymd(year: i32, month: u32, day: u32, style: DateStyle) -> String {
    let two = |v: u32, pad: bool| if pad { format!("{v:02}") } else { v.to_string() };
    let (m, d) = (two(month, style.pad_month), two(day, style.pad_day));
    match style.shape {
        0 => format!("{year:04}-{m}-{d}"),
        1 => format!("{year:04}/{m}/{d}"),
        2 => format!("{year:04}{month:02}{day:02}"),
        _ => format!("{year:04}年{m}月{d}日"),
    }
}

fn write_date(date: NaiveDate, style: DateStyle) -> String {
    write_ymd(date.year(), date.month(), date.day(), style)
}

/// `H:MM` or `HH:MM`, with or without `:SS`.
#[derive(Clone, Copy, Debug)]
struct TimeStyle {
    short_hour: bool,
    seconds: bool,
}

fn time_style() -> impl Strategy<Value = TimeStyle> {
    (any::<bool>(), any::<bool>())
        .prop_map(|(short_hour, seconds)| TimeStyle { short_hour, seconds })
}

fn write_hms(h: u32, m: u32, s: u32, style: TimeStyle) -> String {
    let hour = if style.short_hour { h.to_string() } else { format!("{h:02}") };
    if style.seconds { format!("{hour}:{m:02}:{s:02}") } else { format!("{hour}:{m:02}") }
}

/// Thousands separators, built from the right in groups of three.
fn group_thousands(mut v: u64) -> String {
    let mut parts = Vec::new();
    while v >= 1000 {
        parts.push(format!("{:03}", v % 1000));
        v /= 1000;
    }
    parts.push(v.to_string());
    parts.reverse();
    parts.join(",")
}

/// How an amount is written.
#[derive(Clone, Copy, Debug)]
struct AmountStyle {
    grouped: bool,
    /// 0: no decimals if the cents allow, 1: one decimal if they allow, 2: two.
    decimals: u8,
    /// For negatives: 0 `-`, 1 `−`, 2 `(…)`, 3 `（…）`, 4 `(…）`.
    negative: u8,
    /// For positives: a leading `+`.
    plus: bool,
    /// Index into [`CURRENCIES`].
    currency: usize,
    space_after_currency: bool,
    sign_after_currency: bool,
    /// 0 none, 1 `元`, 2 ` 元`.
    yuan: u8,
    pad: (&'static str, &'static str),
}

fn amount_style() -> impl Strategy<Value = AmountStyle> {
    (
        any::<bool>(),
        0u8..3,
        0u8..5,
        any::<bool>(),
        0..CURRENCIES.len(),
        any::<bool>(),
        any::<bool>(),
        0u8..3,
        padding(),
    )
        .prop_map(|(grouped, decimals, negative, plus, currency, space, after, yuan, pad)| {
            AmountStyle {
                grouped,
                decimals,
                negative,
                plus,
                currency,
                space_after_currency: space,
                sign_after_currency: after,
                yuan,
                pad,
            }
        })
}

fn write_amount(cents: i64, s: AmountStyle) -> String {
    let abs = cents.unsigned_abs();
    let (int, frac) = (abs / 100, abs % 100);
    let int_text = if s.grouped { group_thousands(int) } else { int.to_string() };
    let frac_text = match s.decimals {
        0 if frac == 0 => String::new(),
        0 | 1 if frac % 10 == 0 => format!(".{}", frac / 10),
        _ => format!(".{frac:02}"),
    };
    let (sign, parens) = match (cents < 0, s.negative) {
        (false, _) => (if s.plus { "+" } else { "" }, None),
        (true, 0) => ("-", None),
        (true, 1) => ("−", None),
        (true, 2) => ("", Some(("(", ")"))),
        (true, 3) => ("", Some(("（", "）"))),
        (true, _) => ("", Some(("(", "）"))),
    };
    let currency = CURRENCIES[s.currency];
    let space = if s.space_after_currency && !currency.is_empty() { " " } else { "" };
    let yuan = ["", "元", " 元"][usize::from(s.yuan % 3)];
    let core = if s.sign_after_currency {
        format!("{currency}{space}{sign}{int_text}{frac_text}{yuan}")
    } else {
        format!("{sign}{currency}{space}{int_text}{frac_text}{yuan}")
    };
    let core = match parens {
        Some((open, close)) => format!("{open}{core}{close}"),
        None => core,
    };
    format!("{}{core}{}", s.pad.0, s.pad.1)
}

/// Cents over the whole parseable range (|c| ≤ `MAX_ROW_CENTS`), small
/// values and the limits.
fn any_cents() -> impl Strategy<Value = i64> {
    prop_oneof![
        4 => -MAX_ROW_CENTS..=MAX_ROW_CENTS,
        4 => -100_000_000i64..=100_000_000,
        1 => prop::sample::select(vec![0, 1, -1, 99, 100, -100, MAX_ROW_CENTS, -MAX_ROW_CENTS]),
    ]
}

// ---------------------------------------------------------------------------
// Dates and times
// ---------------------------------------------------------------------------

/// A date written in any accepted shape, padded or not, parses back exactly.
#[test]
fn dates_round_trip_in_every_format() {
    check(10_000, &(any_date(), date_style(), padding()), |(date, style, pad)| {
        let text = format!("{}{}{}", pad.0, write_date(date, style), pad.1);
        prop_assert_eq!(parse_date(&text), Ok(date), "{:?}", text);
        Ok(())
    });
}

/// Well-shaped dates that are not in the calendar (30 February, month 13,
/// day 0) are `NoSuchDay` with the numbers as written.
#[test]
fn impossible_dates_are_refused() {
    let day_past_the_end = (0i32..=9999, 1u32..=12)
        .prop_flat_map(|(y, m)| (Just(y), Just(m), days_in_month(y, m) + 1..=99));
    let impossible = prop_oneof![
        3 => day_past_the_end,
        1 => (0i32..=9999, prop_oneof![Just(0u32), 13u32..=99], 0u32..=99),
        1 => (0i32..=9999, 1u32..=12, Just(0u32)),
    ];
    check(5_000, &(impossible, date_style(), padding()), |((year, month, day), style, pad)| {
        let text = format!("{}{}{}", pad.0, write_ymd(year, month, day, style), pad.1);
        prop_assert_eq!(
            parse_date(&text),
            Err(ValueError::NoSuchDay { year, month, day }),
            "{:?}",
            text
        );
        Ok(())
    });
}

/// Times written as `H:MM`, `HH:MM` or `HH:MM:SS` parse back; hours ≥ 24,
/// minutes or seconds ≥ 60 are refused.
#[test]
fn times_round_trip_and_out_of_range_times_are_refused() {
    let valid = (0u32..24, 0u32..60, 0u32..60);
    let invalid = prop_oneof![
        (24u32..=99, 0u32..60, 0u32..60),
        (0u32..24, 60u32..=99, 0u32..60),
        (0u32..24, 0u32..60, 60u32..=99),
    ];
    let strategy = (valid, invalid, time_style(), padding());
    check(5_000, &strategy, |((h, m, s), (bh, bm, bs), style, pad)| {
        let text = format!("{}{}{}", pad.0, write_hms(h, m, s, style), pad.1);
        let second = if style.seconds { s } else { 0 };
        let expected = NaiveTime::from_hms_opt(h, m, second).expect("valid time");
        prop_assert_eq!(parse_time(&text), Ok(expected), "{:?}", text);

        // Only a written seconds field can be out of range.
        let style = TimeStyle { seconds: style.seconds || bs >= 60, ..style };
        let bad = write_hms(bh, bm, bs, style);
        prop_assert_eq!(parse_time(&bad), Err(ValueError::NotTime), "{:?}", bad);
        Ok(())
    });
}

/// The documented separators between the date and the time of a date-time
/// ("spaces or a T"; nothing only after `日`).
const DATE_TIME_SEPARATORS: &[&str] = &["", " ", "  ", "T", "\t", "\u{3000}"];

/// A date and a time, joined by a space, `T` or (after `日`) nothing, parse
/// back; a valid time after an impossible date is `NoSuchDay`.
#[test]
fn date_times_round_trip() {
    let strategy = (
        any_date(),
        date_style(),
        (0u32..24, 0u32..60, 0u32..60),
        time_style(),
        prop::sample::select(DATE_TIME_SEPARATORS),
        padding(),
    );
    check(6_000, &strategy, |(date, style, (h, m, s), tstyle, sep, pad)| {
        // Nothing between date and time only after `日`.
        let sep = if sep.is_empty() && style.shape != 3 { " " } else { sep };
        let text = format!(
            "{}{}{sep}{}{}",
            pad.0,
            write_date(date, style),
            write_hms(h, m, s, tstyle),
            pad.1
        );
        let second = if tstyle.seconds { s } else { 0 };
        let time = NaiveTime::from_hms_opt(h, m, second).expect("valid time");
        prop_assert_eq!(parse_datetime(&text), Ok(date.and_time(time)), "{:?}", text);
        prop_assert_eq!(parse_date_maybe_time(&text), Ok(date.and_time(time)), "{:?}", text);
        prop_assert_eq!(
            parse_date_maybe_time(&write_date(date, style)),
            Ok(date.and_time(NaiveTime::MIN))
        );

        let (y, mo) = (date.year(), date.month());
        let bad_day = days_in_month(y, mo) + 1;
        let bad =
            format!("{}{sep}{}", write_ymd(y, mo, bad_day, style), write_hms(h, m, s, tstyle));
        prop_assert_eq!(
            parse_datetime(&bad),
            Err(ValueError::NoSuchDay { year: y, month: mo, day: bad_day }),
            "{:?}",
            bad
        );
        Ok(())
    });
}

/// Separators, documented or not, between the date and the time.
const ANY_SEPARATORS: &[&str] =
    &[" ", "  ", "T", "\t", "\u{3000}", " T ", " T", "T ", "\tT", "  T  ", "t", "TT", "T\t"];

/// Whether a date-time is accepted, and as what, does not depend on which of
/// the four date shapes the date is written in: a separator accepted after
/// `2026-03-01` is accepted after `2026/3/1`, `20260301` and `2026年3月1日`.
#[test]
fn date_time_separators_work_alike_for_every_date_shape() {
    let strategy = (
        any_date(),
        (any::<bool>(), any::<bool>()),
        (0u32..24, 0u32..60, 0u32..60),
        time_style(),
        prop::sample::select(ANY_SEPARATORS),
    );
    check(3_000, &strategy, |(date, (pad_month, pad_day), (h, m, s), tstyle, sep)| {
        let time = write_hms(h, m, s, tstyle);
        let results: Vec<(String, Option<NaiveDateTime>)> = (0..4)
            .map(|shape| {
                let text = format!(
                    "{}{sep}{time}",
                    write_date(date, DateStyle { shape, pad_month, pad_day })
                );
                let parsed = parse_datetime(&text).ok();
                (text, parsed)
            })
            .collect();
        prop_assert!(
            results.iter().all(|(_, r)| *r == results[0].1),
            "the shapes disagree: {:?}",
            results
        );
        Ok(())
    });
}

const DATE_PIECES: &[&str] = &[
    "2026", "2024", "1900", "0000", "9999", "1", "2", "3", "9", "0", "01", "02", "12", "13", "28",
    "29", "30", "31", "00", "99", "-", "/", "年", "月", "日", " ", "\t", "T", ":", "10:05", "9:30",
    "23:59:59", "24:00", "00:00:60", ".", "20240229", "20230229", "１", "a",
];

/// Near misses of dates and date-times: built from the right pieces in a
/// mostly right order, with wrong pieces mixed in.
fn date_time_near_miss() -> impl Strategy<Value = String> {
    let sel = |pool: &'static [&'static str]| prop::sample::select(pool);
    let structured = (
        sel(&["2024", "2023", "2000", "1900", "0000", "9999", "202", "20245", ""]),
        sel(&["-", "/", "年", "", "--", " ", "."]),
        sel(&["1", "01", "2", "02", "12", "13", "0", "00", "012", ""]),
        sel(&["-", "/", "月", "", " "]),
        sel(&["1", "01", "28", "29", "30", "31", "32", "0", "001", ""]),
        sel(&["", "", "日", " ", "日日"]),
        sel(&["", " ", "  ", "T", " T ", "\t", "t", "日", "TT"]),
        sel(&[
            "", "9:30", "09:30", "9:3", "23:59:59", "24:00", "12:60", "00:00:00", "7:05:09",
            "1:2:3", "10:05:", ":", "10:05:60", "123:00",
        ]),
        sel(&["", "", " ", "x", "日"]),
    )
        .prop_map(|(y, s1, m, s2, d, end, sep, time, tail)| {
            format!("{y}{s1}{m}{s2}{d}{end}{sep}{time}{tail}")
        });
    // A date in one consistent shape, then any separator and a time.
    let coherent = (
        sel(&["2024", "2023", "2000", "1900", "0000", "9999"]),
        prop::sample::select(
            &[("-", "-", ""), ("/", "/", ""), ("年", "月", "日"), ("", "", "")][..],
        ),
        sel(&["1", "01", "2", "02", "12", "13", "00"]),
        sel(&["1", "01", "28", "29", "30", "31", "32"]),
        prop_oneof![sel(ANY_SEPARATORS), Just("")],
        sel(&["9:30", "09:30", "23:59:59", "24:00", "00:00:00", "7:05:09", "10:05:60"]),
    )
        .prop_map(|(y, (s1, s2, end), m, d, sep, time)| {
            format!("{y}{s1}{m}{s2}{d}{end}{sep}{time}")
        });
    prop_oneof![3 => structured, 2 => coherent, 1 => pieces(DATE_PIECES, 9)]
}

/// On near misses of dates, times and date-times, every parser agrees with
/// its naive reference (value and, for dates, the error).
#[test]
fn date_and_time_near_misses_match_the_reference() {
    check(8_000, &date_time_near_miss(), |text| parsers_agree_with_references(&text));
}

// ---------------------------------------------------------------------------
// Amounts and money
// ---------------------------------------------------------------------------

/// An amount in cents written with or without separators, decimals, sign,
/// parentheses, currency sign and `元` parses back to the same cents.
#[test]
fn amounts_round_trip_in_every_written_form() {
    check(12_000, &(any_cents(), amount_style()), |(cents, style)| {
        let text = write_amount(cents, style);
        prop_assert_eq!(parse_amount_cents(&text), Ok(cents), "{:?}", text);
        Ok(())
    });
}

/// Three or more decimals are refused, never rounded.
#[test]
fn amounts_with_three_or_more_decimals_are_refused() {
    let strategy = (any::<u64>(), any::<bool>(), "[0-9]{3,7}", any::<bool>(), 0..CURRENCIES.len());
    check(5_000, &strategy, |(int, grouped, frac, negative, currency)| {
        let int = if grouped { group_thousands(int) } else { int.to_string() };
        let sign = if negative { "-" } else { "" };
        let text = format!("{sign}{}{int}.{frac}", CURRENCIES[currency]);
        prop_assert_eq!(parse_amount_cents(&text), Err(ValueError::AmountDecimals), "{:?}", text);
        Ok(())
    });
}

/// A number part of an amount and its decorations, some of them wrong.
#[derive(Clone, Debug)]
struct AmountParts {
    int: String,
    frac: Option<String>,
    /// 0 none, 1 `(…)`, 2 `(…` without the closing parenthesis.
    parens: u8,
    /// Signs; the first goes before the currency, the second after it.
    signs: Vec<&'static str>,
    currency: usize,
}

/// The documented order of checks on the number: not a number (empty
/// integer part or decimal point without decimals), too many decimals,
/// misplaced separators, too large.
fn spec_amount_number(int: &str, frac: Option<&str>) -> Result<i64, ValueError> {
    if int.is_empty() || frac == Some("") {
        return Err(ValueError::NotAmount);
    }
    if frac.is_some_and(|f| f.len() > 2) {
        return Err(ValueError::AmountDecimals);
    }
    let groups: Vec<&str> = int.split(',').collect();
    if groups.len() > 1
        && (!(1..=3).contains(&groups[0].len()) || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(ValueError::Grouping);
    }
    let text = match frac {
        Some(f) => format!("{int}.{f}"),
        None => int.to_owned(),
    };
    ref_amount_number(&text).ok_or(ValueError::AmountTooLarge)
}

/// Amounts built from well-formed or faulty parts get exactly the error
/// the parts call for: unbalanced parentheses or two signs are not an
/// amount; then the number's own checks in their documented order.
#[test]
fn amount_errors_follow_the_documented_grammar() {
    let int = prop_oneof![
        "[0-9]{1,24}",
        any::<u64>().prop_map(group_thousands),
        "[0-9]{0,4}(,[0-9]{0,4}){1,3}",
        Just(String::new()),
    ];
    let strategy = (
        int,
        prop::option::of("[0-9]{0,4}"),
        0u8..3,
        prop::collection::vec(prop::sample::select(&["-", "−", "+"][..]), 0..=2),
        0..CURRENCIES.len(),
    )
        .prop_map(|(int, frac, parens, signs, currency)| AmountParts {
            int,
            frac,
            parens,
            signs,
            currency,
        });
    check(8_000, &strategy, |p| {
        let number = match &p.frac {
            Some(f) => format!("{}.{f}", p.int),
            None => p.int.clone(),
        };
        let before = p.signs.first().copied().unwrap_or("");
        let after = p.signs.get(1).copied().unwrap_or("");
        let core = format!("{before}{}{after}{number}", CURRENCIES[p.currency]);
        let text = match p.parens {
            0 => core,
            1 => format!("({core})"),
            _ => format!("({core}"),
        };
        let negative = p.parens == 1 || p.signs.first().is_some_and(|s| *s != "+");
        let expected = if p.parens == 2 || p.signs.len() + usize::from(p.parens == 1) > 1 {
            Err(ValueError::NotAmount)
        } else {
            spec_amount_number(&p.int, p.frac.as_deref()).map(|v| if negative { -v } else { v })
        };
        prop_assert_eq!(parse_amount_cents(&text), expected, "{:?}", text);
        Ok(())
    });
}

const AMOUNT_PIECES: &[&str] = &[
    "0",
    "1",
    "5",
    "9",
    "12",
    "123",
    "1234",
    ",",
    ",000",
    ",00",
    ".",
    ".5",
    ".05",
    ".123",
    "-",
    "−",
    "+",
    "¥",
    "￥",
    "$",
    "RMB",
    "rmb",
    "CNY",
    "Rmb",
    "元",
    "(",
    ")",
    "（",
    "）",
    " ",
    "\t",
    "e",
    "92233720368547758",
    ".07",
    ".08",
];

fn amount_near_miss() -> impl Strategy<Value = String> {
    let sel = |pool: &'static [&'static str]| prop::sample::select(pool);
    let sign = || sel(&["", "", "-", "−", "+", "- ", "--", "+-"]);
    let structured = (
        sel(&["", "", "(", "（", " ("]),
        sign(),
        sel(&["", "¥", "￥", "$", "RMB", "rmb", "CNY", "cny", "Rmb", "¥ ", "€", "¥¥"]),
        sign(),
        sel(&[
            "0",
            "1",
            "12",
            "123",
            "1234",
            "1,234",
            "12,345,678",
            "1,23",
            "1234,567",
            ",123",
            "1,,234",
            "",
            "92233720368547758",
            "92233720368547759",
            "00001",
            "１",
            "0,000",
        ]),
        sel(&["", "", ".", ".5", ".50", ".05", ".505", ".5.5", "..5", ".07", ".08"]),
        sel(&["", "", "元", " 元", "元元", " "]),
        sel(&["", "", ")", "）", " )", "))"]),
    )
        .prop_map(|(open, s1, cur, s2, int, frac, yuan, close)| {
            format!("{open}{s1}{cur}{s2}{int}{frac}{yuan}{close}")
        });
    prop_oneof![3 => structured, 1 => pieces(AMOUNT_PIECES, 9)]
}

/// On near misses of amounts, `parse_amount_cents` accepts exactly what the
/// naive reference accepts, with the same value (and the other parsers agree
/// with theirs).
#[test]
fn amount_near_misses_match_the_reference() {
    check(6_000, &amount_near_miss(), |text| parsers_agree_with_references(&text));
}

/// `format_cents` and `format_cents_grouped` write `D.CC` exactly, and
/// `parse_amount_cents` reads both back within the per-row maximum and
/// refuses both beyond it.
#[test]
fn format_cents_round_trips_through_parse_amount_cents() {
    let cents = prop_oneof![i64::MIN + 1..=i64::MAX, -10_000i64..=10_000];
    check(10_000, &cents, |cents| {
        let sign = if cents < 0 { "-" } else { "" };
        let abs = i128::from(cents).unsigned_abs();
        let int = u64::try_from(abs / 100).expect("fits");
        let plain = format!("{sign}{int}.{:02}", abs % 100);
        let grouped = format!("{sign}{}.{:02}", group_thousands(int), abs % 100);
        prop_assert_eq!(format_cents(cents), plain.clone());
        prop_assert_eq!(format_cents_grouped(cents), grouped.clone());
        let read = if cents.unsigned_abs() <= MAX_ROW_CENTS.unsigned_abs() {
            Ok(cents)
        } else {
            Err(ValueError::AmountTooLarge)
        };
        prop_assert_eq!(parse_amount_cents(&plain), read.clone(), "{:?}", plain);
        prop_assert_eq!(parse_amount_cents(&grouped), read, "{:?}", grouped);
        Ok(())
    });
}

// ---------------------------------------------------------------------------
// Booleans, temperatures, levels, quantities
// ---------------------------------------------------------------------------

const BOOL_WORDS: &[(&str, bool)] = &[
    ("yes", true),
    ("y", true),
    ("true", true),
    ("1", true),
    ("是", true),
    ("√", true),
    ("✓", true),
    ("✔", true),
    ("no", false),
    ("n", false),
    ("false", false),
    ("0", false),
    ("否", false),
    ("×", false),
    ("✗", false),
    ("✘", false),
];

const BOOL_PIECES: &[&str] = &[
    "yes", "no", "y", "n", "true", "false", "1", "0", "是", "否", "√", "✓", "✔", "×", "✗", "✘",
    "YES", "Tru", "x", " ", "2", "开",
];

/// Every accepted yes/no word, in any ASCII case and padding, parses to its
/// value; near misses agree with the reference.
#[test]
fn booleans_round_trip_and_match_the_reference() {
    let strategy =
        (prop::sample::select(BOOL_WORDS), any::<u64>(), padding(), pieces(BOOL_PIECES, 3));
    check(4_000, &strategy, |((word, value), upper, pad, near)| {
        let cased: String = word
            .chars()
            .enumerate()
            .map(|(i, c)| if upper >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c })
            .collect();
        let text = format!("{}{cased}{}", pad.0, pad.1);
        prop_assert_eq!(parse_bool(&text), Ok(value), "{:?}", text);
        prop_assert_eq!(parse_bool(&near).ok(), ref_bool(&near), "{:?}", near);
        Ok(())
    });
}

fn temp_near_miss() -> impl Strategy<Value = String> {
    let sel = |pool: &'static [&'static str]| prop::sample::select(pool);
    (
        sel(&["", "", "-", "−", "+", "- ", "--", "+-"]),
        sel(&["0", "5", "28", "60", "61", "50", "51", "0000000000028", "285", "99999", "", "2,8"]),
        sel(&["", "", ".", ".5", ".0", ".55", ".9", ".5.5"]),
        sel(&["", "", "°C", "°c", "℃", "°", " ℃", "C", "°F", "°C°"]),
        padding(),
    )
        .prop_map(|(sign, int, frac, unit, pad)| {
            format!("{}{sign}{int}{frac}{unit}{}", pad.0, pad.1)
        })
}

/// Temperatures in range written with or without a decimal, sign and unit
/// parse to tenths; out of range is `TempRange`, two decimals
/// `TempDecimals`; near misses agree with the reference.
#[test]
fn temperatures_round_trip_and_match_the_reference() {
    let units = prop::sample::select(&["", "°C", "°c", "℃", "°", " ℃", " °C"][..]);
    let strategy = (
        -500i32..=600,
        prop_oneof![-99_999i32..=-501, 601i32..=99_999],
        any::<bool>(),
        units,
        "[0-9]{2,3}",
        temp_near_miss(),
    );
    check(6_000, &strategy, |(tenths, outside, short, unit, decimals, near)| {
        let write = |t: i32, short: bool| {
            let sign = if t < 0 { "-" } else { "" };
            let abs = t.unsigned_abs();
            if short && abs.is_multiple_of(10) {
                format!("{sign}{}{unit}", abs / 10)
            } else {
                format!("{sign}{}.{}{unit}", abs / 10, abs % 10)
            }
        };
        let text = write(tenths, short);
        prop_assert_eq!(parse_temp_tenths(&text), Ok(tenths), "{:?}", text);
        let text = write(outside, short);
        prop_assert_eq!(parse_temp_tenths(&text), Err(ValueError::TempRange), "{:?}", text);
        let text = format!("{}.{decimals}{unit}", tenths / 10);
        prop_assert_eq!(parse_temp_tenths(&text), Err(ValueError::TempDecimals), "{:?}", text);
        parsers_agree_with_references(&near)
    });
}

/// 1 to 5 (padded) parse; any other short text agrees with the reference.
#[test]
fn levels_round_trip_and_match_the_reference() {
    let strategy =
        (1u8..=5, padding(), pieces(&["1", "5", "6", "0", " ", ".", "3.0", "a", "２"], 3));
    check(3_000, &strategy, |(level, pad, near)| {
        let text = format!("{}{level}{}", pad.0, pad.1);
        prop_assert_eq!(parse_level_1_5(&text), Ok(level), "{:?}", text);
        prop_assert_eq!(parse_level_1_5(&near).ok(), ref_level(&near), "{:?}", near);
        Ok(())
    });
}

fn quantity_near_miss() -> impl Strategy<Value = String> {
    let sel = |pool: &'static [&'static str]| prop::sample::select(pool);
    (
        sel(&["", "", "-", "−", "+", "- ", "--"]),
        sel(&["0", "3", "1,200", "1,20", "1234,567", "", ",1", "12345678901234567890", "1e3"]),
        sel(&["", "", ".", ".5", ".123456", "e3", ".5.5", "inf", "NaN"]),
        padding(),
    )
        .prop_map(|(sign, int, frac, pad)| format!("{}{sign}{int}{frac}{}", pad.0, pad.1))
}

/// Quantities written with sign, separators and decimals parse to the
/// correctly rounded value of their digits; near misses agree with the
/// reference.
#[test]
fn quantities_round_trip_and_match_the_reference() {
    let strategy = (
        0u64..=1_000_000_000_000_000,
        any::<bool>(),
        prop::option::of("[0-9]{1,6}"),
        prop::sample::select(SIGNS),
        quantity_near_miss(),
    );
    check(5_000, &strategy, |(int, grouped, frac, (sign, negative), near)| {
        let int_text = if grouped { group_thousands(int) } else { int.to_string() };
        let frac_text = frac.as_ref().map_or(String::new(), |f| format!(".{f}"));
        let text = format!("{sign}{int_text}{frac_text}");
        let magnitude: f64 =
            format!("{int}.{}", frac.as_deref().unwrap_or("0")).parse().expect("digits");
        let expected = if negative { -magnitude } else { magnitude };
        prop_assert_eq!(parse_quantity(&text), Ok(expected), "{:?}", text);
        prop_assert_eq!(parse_quantity(&near).ok(), ref_quantity(&near), "{:?}", near);
        Ok(())
    });
}

/// No parser panics on printable text, and each agrees with its reference.
#[test]
fn parsers_never_panic_on_printable_text() {
    check(10_000, &"\\PC*", |text| parsers_agree_with_references(&text));
}

/// No parser panics on any Unicode text (control characters, surrogate
/// neighbours, combining marks), and each agrees with its reference.
#[test]
fn parsers_never_panic_on_arbitrary_unicode() {
    check(5_000, &any::<String>(), |text| parsers_agree_with_references(&text));
}

// ---------------------------------------------------------------------------
// Header mapping and rows
// ---------------------------------------------------------------------------

/// Every header name (field names and aliases) of every kind.
fn all_header_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = ImportKind::ALL
        .iter()
        .flat_map(|k| k.fields())
        .flat_map(|f| std::iter::once(f.name).chain(f.aliases.iter().copied()))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Cell texts that parse as something, or nearly do.
const CELL_SAMPLES: &[&str] = &[
    "",
    " ",
    "C-1",
    "C 1",
    "2026-03-01",
    "2026-02-30",
    "2026-03-01 10:05",
    "2026-03-02 10:00",
    "¥1,234.50",
    "12.345",
    "是",
    "否",
    "28.5℃",
    "3",
    "0",
    "6",
    "投诉",
    "complaint",
    "call",
    "回访",
    "'=1+1",
    "'-5",
    "'",
    "check",
    "企业",
    "good",
    "client",
    "a@b.cn",
    "13800138000",
    "abc",
    "1,20",
    "09:30",
    "24:00",
    "resolved",
];

fn any_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(CELL_SAMPLES).prop_map(String::from),
        2 => "\\PC{0,12}",
        1 => any::<String>(),
        1 => "[a-z]{195,205}",
    ]
}

fn junk_header(names: Vec<&'static str>) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(names).prop_map(String::from),
        2 => "\\PC{0,10}",
        1 => Just(String::new()),
        1 => "\u{feff}?[ _A-Za-z-]{0,12}( ?\\((元|°C)\\))?",
    ]
}

/// One input of `map_columns` and `parse_row`.
#[derive(Clone, Debug)]
struct MappingInput {
    kind: ImportKind,
    headers: Vec<String>,
    user_map: Vec<(String, String)>,
    row: usize,
    cells: Vec<String>,
}

fn mapping_input() -> impl Strategy<Value = MappingInput> {
    (0..ImportKind::ALL.len())
        .prop_flat_map(|k| {
            let kind = ImportKind::ALL[k];
            let own: Vec<String> = kind.fields().iter().map(|f| f.name.to_owned()).collect();
            let names = all_header_names();
            let field_names: Vec<&'static str> =
                ImportKind::ALL.iter().flat_map(|k| k.fields()).map(|f| f.name).collect();
            let headers = prop_oneof![
                prop::collection::vec(junk_header(names.clone()), 0..12),
                (Just(own).prop_shuffle(), prop::collection::vec(junk_header(names.clone()), 0..3))
                    .prop_map(|(mut own, junk)| {
                        own.extend(junk);
                        own
                    }),
            ];
            let user_map = prop::collection::vec(
                (
                    prop_oneof![
                        prop::sample::select(field_names).prop_map(String::from),
                        "\\PC{0,6}"
                    ],
                    junk_header(names),
                ),
                0..3,
            );
            (
                Just(kind),
                headers,
                user_map,
                any::<usize>(),
                prop::collection::vec(any_cell(), 0..16),
            )
        })
        .prop_map(|(kind, headers, user_map, row, cells)| MappingInput {
            kind,
            headers,
            user_map,
            row,
            cells,
        })
}

/// `map_columns` and `parse_row` never panic on arbitrary headers, `--map`
/// pairs and cells; every failure lists at least one problem, and every row
/// error names the row.
#[test]
fn mapping_and_rows_never_panic() {
    check(4_000, &mapping_input(), |input| {
        match map_columns(input.kind, &input.headers, &input.user_map) {
            Err(errors) => prop_assert!(!errors.is_empty()),
            Ok(mapping) => {
                prop_assert_eq!(mapping.kind(), input.kind);
                if let Err(errors) = parse_row(&mapping, input.row, &input.cells) {
                    prop_assert!(!errors.is_empty());
                    prop_assert!(errors.iter().all(|e| e.row == input.row), "{:?}", errors);
                }
            }
        }
        Ok(())
    });
}

/// How one field's header is written: which of its names, which ASCII
/// letters are upper case, separators inserted, a unit, padding.
#[derive(Clone, Debug)]
struct HeaderDress {
    include_optional: bool,
    name: Index,
    upper: u64,
    inserts: Vec<(Index, char)>,
    unit: &'static str,
    pad: (&'static str, &'static str),
}

fn header_dress() -> impl Strategy<Value = HeaderDress> {
    (
        any::<bool>(),
        any::<Index>(),
        any::<u64>(),
        prop::collection::vec((any::<Index>(), prop::sample::select(vec![' ', '_', '-'])), 0..3),
        prop::sample::select(&["", "", "(元)", "（元）", " (°C)", "（CNY）"][..]),
        (
            prop::sample::select(&["", " ", "\u{feff}", "\u{feff} ", "\t"][..]),
            prop::sample::select(&["", " ", "\t"][..]),
        ),
    )
        .prop_map(|(include_optional, name, upper, inserts, unit, pad)| HeaderDress {
            include_optional,
            name,
            upper,
            inserts,
            unit,
            pad,
        })
}

fn dress(name: &str, d: &HeaderDress) -> String {
    let mut chars: Vec<char> = name
        .chars()
        .enumerate()
        .map(|(i, c)| if d.upper >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c })
        .collect();
    for (at, sep) in &d.inserts {
        chars.insert(at.index(chars.len() + 1), *sep);
    }
    let name: String = chars.into_iter().collect();
    format!("{}{name}{}{}", d.pad.0, d.unit, d.pad.1)
}

/// One header row: the kind, a dress per field, extra columns, and sort keys
/// that shuffle the columns.
#[derive(Clone, Debug)]
struct HeaderRow {
    kind: ImportKind,
    dresses: Vec<HeaderDress>,
    extras: Vec<String>,
    order: Vec<u32>,
}

fn header_row() -> impl Strategy<Value = HeaderRow> {
    (0..ImportKind::ALL.len())
        .prop_flat_map(|k| {
            let kind = ImportKind::ALL[k];
            (
                Just(kind),
                prop::collection::vec(header_dress(), kind.fields().len()),
                // No field name or alias starts with "zz", so these never match.
                prop::collection::vec("zz[a-zA-Z0-9 _额外]{0,8}", 0..4),
                prop::collection::vec(any::<u32>(), 32),
            )
        })
        .prop_map(|(kind, dresses, extras, order)| HeaderRow { kind, dresses, extras, order })
}

/// A header row naming each required field (and some optional ones) by its
/// name or any alias, in random ASCII case, with `_`/`-`/space inserted, a
/// unit in brackets, a byte-order mark or spaces, shuffled among unknown
/// columns, maps every named field to its column and lists the unknown
/// columns in order.
#[test]
fn required_headers_map_to_their_columns() {
    check(6_000, &header_row(), |row| {
        let fields = row.kind.fields();
        // (header, field index or None for an extra column)
        let mut columns: Vec<(String, Option<usize>)> = Vec::new();
        for (fi, (field, d)) in fields.iter().zip(&row.dresses).enumerate() {
            if field.required || d.include_optional {
                let names: Vec<&str> =
                    std::iter::once(field.name).chain(field.aliases.iter().copied()).collect();
                columns.push((dress(names[d.name.index(names.len())], d), Some(fi)));
            }
        }
        columns.extend(row.extras.iter().map(|e| (e.clone(), None)));
        let mut keyed: Vec<(u32, usize, (String, Option<usize>))> = columns
            .into_iter()
            .enumerate()
            .map(|(i, c)| (row.order[i % row.order.len()], i, c))
            .collect();
        keyed.sort_by_key(|(key, i, _)| (*key, *i));
        let headers: Vec<String> = keyed.iter().map(|(_, _, (h, _))| h.clone()).collect();

        let mapping = match map_columns(row.kind, &headers, &[]) {
            Ok(mapping) => mapping,
            Err(errors) => {
                return Err(TestCaseError::fail(format!("{headers:?} refused: {errors:?}")));
            }
        };
        for (fi, field) in fields.iter().enumerate() {
            let expected = keyed.iter().position(|(_, _, (_, f))| *f == Some(fi));
            prop_assert_eq!(
                mapping.column(field.name),
                expected,
                "{} in {:?}",
                field.name,
                headers
            );
        }
        let unknown: Vec<String> = keyed
            .iter()
            .filter(|(_, _, (_, f))| f.is_none())
            .map(|(_, _, (h, _))| h.trim().to_owned())
            .collect();
        prop_assert_eq!(mapping.unknown_columns(), unknown.as_slice());
        Ok(())
    });
}

/// One generated transaction row.
#[derive(Clone, Debug)]
struct TransactionRow {
    code: String,
    date: NaiveDate,
    date_style: DateStyle,
    cents: i64,
    amount_style: AmountStyle,
    order_no: String,
    escaped: bool,
    product: String,
    quantity: Option<(u64, Option<String>)>,
}

fn transaction_row() -> impl Strategy<Value = TransactionRow> {
    (
        "[A-Z]{1,3}-[0-9]{1,8}",
        // Import rows refuse years outside 1900–2100 (`problems::YEARS`).
        (1900i32..=2100, 1u32..=12, 1u32..=31)
            .prop_map(|(y, m, d)| ymd(y, m, d.min(days_in_month(y, m)))),
        date_style(),
        any_cents(),
        amount_style(),
        "[=+@-][A-Za-z0-9]{0,6}|[A-Za-z0-9]{0,8}",
        any::<bool>(),
        "[a-z空调维修]{0,8}",
        prop::option::of((0u64..100_000, prop::option::of("[0-9]{1,3}"))),
    )
        .prop_map(
            |(
                code,
                date,
                date_style,
                cents,
                amount_style,
                order_no,
                escaped,
                product,
                quantity,
            )| {
                TransactionRow {
                    code,
                    date,
                    date_style,
                    cents,
                    amount_style,
                    order_no,
                    escaped,
                    product,
                    quantity,
                }
            },
        )
}

/// A transaction row of generated valid values, written the way a file
/// might (any date shape, any amount form, an export's `'` before text
/// starting with `=`/`+`/`-`/`@`), parses to exactly those values.
#[test]
fn transaction_rows_parse_to_the_generated_values() {
    let headers: Vec<String> = ["客户代码", "Date", "金额（元）", "Order No", "产品", "qty"]
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
    let mapping = map_columns(ImportKind::Transactions, &headers, &[]).expect("headers map");
    check(3_000, &transaction_row(), |t| {
        let escape = t.escaped && t.order_no.starts_with(['=', '+', '-', '@']);
        let order_cell = if escape { format!("'{}", t.order_no) } else { t.order_no.clone() };
        let quantity_cell = match &t.quantity {
            None => String::new(),
            Some((int, None)) => int.to_string(),
            Some((int, Some(frac))) => format!("{int}.{frac}"),
        };
        let cells = [
            format!(" {} ", t.code),
            write_date(t.date, t.date_style),
            write_amount(t.cents, t.amount_style),
            order_cell,
            t.product.clone(),
            quantity_cell.clone(),
        ];
        let expected = ParsedRow::Transaction {
            customer_code: t.code.clone(),
            date: t.date,
            amount_cents: t.cents,
            order_no: t.order_no.clone(),
            product: t.product.clone(),
            quantity: (!quantity_cell.is_empty())
                .then(|| quantity_cell.parse::<f64>().expect("digits")),
        };
        prop_assert_eq!(parse_row(&mapping, 2, &cells), Ok(expected), "{:?}", cells);
        Ok(())
    });
}

// ---------------------------------------------------------------------------
// RFM (DOMAIN §3.1)
// ---------------------------------------------------------------------------

/// §3.1 step 2 read literally: sort ascending, find the 0-based position p
/// of the first occurrence of the value, bucket = ⌊5·p / n⌋ + 1. O(n²).
fn naive_buckets(values: &[i64]) -> Vec<u8> {
    let n = values.len();
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    values
        .iter()
        .map(|v| {
            let p = sorted.iter().position(|w| w == v).expect("the value is in the list");
            u8::try_from(5 * p / n + 1).expect("a bucket is 1..=5")
        })
        .collect()
}

/// Columns with many ties (tiny ranges) and columns of mostly distinct values.
fn tie_heavy_values(max_len: usize) -> impl Strategy<Value = Vec<i64>> {
    prop_oneof![
        prop::collection::vec(Just(7i64), 0..=max_len),
        prop::collection::vec(-1i64..=1, 0..=max_len),
        prop::collection::vec(0i64..5, 0..=max_len),
        prop::collection::vec(-10i64..10, 0..=max_len),
        prop::collection::vec(-1_000i64..1_000, 0..=max_len),
        prop::collection::vec(any::<i64>(), 0..=max_len),
    ]
}

/// `buckets` gives every value the bucket of its first position in ascending
/// order, exactly as the naive O(n²) reading of §3.1.
#[test]
fn rfm_buckets_match_the_naive_definition() {
    check(5_000, &tie_heavy_values(60), |values| {
        prop_assert_eq!(buckets(&values), naive_buckets(&values), "{:?}", values);
        Ok(())
    });
}

/// The segment table of DOMAIN §3.1: names and inclusive R, F, M ranges.
const DOMAIN_SEGMENTS: [(&str, &str, [u8; 6]); 10] = [
    ("Champions", "冠军客户", [4, 5, 4, 5, 4, 5]),
    ("Loyal customers", "忠诚客户", [2, 5, 3, 5, 3, 5]),
    ("Potential loyalists", "潜力客户", [3, 5, 1, 3, 1, 3]),
    ("New customers", "新客户", [4, 5, 1, 1, 1, 1]),
    ("Promising", "有潜力", [3, 4, 1, 1, 1, 1]),
    ("Need attention", "需要关注", [2, 3, 2, 3, 2, 3]),
    ("About to sleep", "即将沉睡", [2, 3, 1, 2, 1, 2]),
    ("At risk", "有流失风险", [1, 2, 2, 5, 2, 5]),
    ("Can't lose them", "不能失去", [1, 1, 4, 5, 4, 5]),
    ("Lost", "已流失", [1, 2, 1, 2, 1, 2]),
];

/// The first of `table` whose three ranges contain the scores; `table.len()`
/// (Others) when none does.
fn naive_segment(table: &[[u8; 6]], r: u8, f: u8, m: u8) -> usize {
    let within = |lo: u8, hi: u8, v: u8| lo <= v && v <= hi;
    table
        .iter()
        .position(|t| within(t[0], t[1], r) && within(t[2], t[3], f) && within(t[4], t[5], m))
        .unwrap_or(table.len())
}

/// One RFM input: the snapshot, per customer (days before the snapshot of
/// the last purchase, extra days back to the first, count, monetary), and
/// custom rules (`None`: the default table).
#[derive(Clone, Debug)]
struct RfmCase {
    snapshot: NaiveDate,
    customers: Vec<(i64, i64, u32, i64)>,
    rules: Option<Vec<[u8; 6]>>,
}

fn rfm_case() -> impl Strategy<Value = RfmCase> {
    let tight = (1i64..=3, 0i64..=3, 1u32..=3, (0i64..=3).prop_map(|m| m * 100));
    let medium = (-2i64..=30, 0i64..=60, 1u32..=10, -1_000i64..=10_000);
    let wide = (1i64..=3_000, 0i64..=3_000, 1u32..=500, -1_000_000_000i64..=1_000_000_000_000);
    let customers = prop_oneof![
        prop::collection::vec(tight, 0..=50),
        prop::collection::vec(medium, 0..=50),
        prop::collection::vec(wide, 0..=50),
    ];
    let rules = prop::option::of(prop::collection::vec(prop::array::uniform6(1u8..=5), 0..=6));
    (0i64..3_000, customers, rules).prop_map(|(offset, customers, rules)| RfmCase {
        snapshot: ymd(2020, 1, 1) + Duration::days(offset),
        customers,
        rules,
    })
}

/// `rfm` scores R = 6 − bucket of recency, F and M = bucket, and assigns the
/// first matching segment (DOMAIN's table, or custom rules), as the naive
/// reference does; `default_segments` is DOMAIN's table.
#[test]
fn rfm_scores_and_segments_match_the_naive_definition() {
    let defaults = default_segments();
    let domain: Vec<SegmentRule> = DOMAIN_SEGMENTS
        .iter()
        .map(|(en, zh, t)| SegmentRule::new(en, zh, (t[0], t[1]), (t[2], t[3]), (t[4], t[5])))
        .collect();
    assert_eq!(defaults, domain, "default_segments() is the table of DOMAIN §3.1");

    check(4_000, &rfm_case(), |case| {
        let aggs: Vec<CustomerAgg> = case
            .customers
            .iter()
            .zip(1..)
            .map(|(&(rec, extra, count, monetary), id)| {
                let last = case.snapshot - Duration::days(rec);
                CustomerAgg {
                    customer: CustomerId(id),
                    first: last - Duration::days(extra),
                    last,
                    count,
                    monetary_cents: monetary,
                }
            })
            .collect();
        let (table, rules): (Vec<[u8; 6]>, Vec<SegmentRule>) = match &case.rules {
            None => (DOMAIN_SEGMENTS.iter().map(|s| s.2).collect(), default_segments()),
            Some(custom) => (
                custom.clone(),
                custom
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let name = format!("rule {i}");
                        SegmentRule::new(&name, &name, (t[0], t[1]), (t[2], t[3]), (t[4], t[5]))
                    })
                    .collect(),
            ),
        };
        let got = rfm(&aggs, case.snapshot, &rules);
        prop_assert_eq!(got.len(), aggs.len());

        let snapshot_day = i64::from(case.snapshot.num_days_from_ce());
        let recency: Vec<i64> =
            aggs.iter().map(|a| snapshot_day - i64::from(a.last.num_days_from_ce())).collect();
        let frequency: Vec<i64> = aggs.iter().map(|a| i64::from(a.count)).collect();
        let monetary: Vec<i64> = aggs.iter().map(|a| a.monetary_cents).collect();
        let (rb, fb, mb) =
            (naive_buckets(&recency), naive_buckets(&frequency), naive_buckets(&monetary));
        for (i, (g, a)) in got.iter().zip(&aggs).enumerate() {
            let (r, f, m) = (6 - rb[i], fb[i], mb[i]);
            let segment = naive_segment(&table, r, f, m);
            prop_assert_eq!(g.customer, a.customer);
            prop_assert_eq!(g.recency_days, recency[i]);
            prop_assert_eq!(g.frequency, a.count);
            prop_assert_eq!(g.monetary_cents, a.monetary_cents);
            prop_assert_eq!((g.r, g.f, g.m), (r, f, m), "customer {}", i);
            prop_assert_eq!(g.cell(), format!("{r}{f}{m}"));
            prop_assert_eq!(g.segment, segment, "customer {} scored {}{}{}", i, r, f, m);
            if case.rules.is_none() {
                let name = DOMAIN_SEGMENTS.get(segment).map_or("Others", |s| s.0);
                prop_assert_eq!(segment_name(&rules, g.segment, Lang::En), name);
                let name_zh = DOMAIN_SEGMENTS.get(segment).map_or("其他", |s| s.1);
                prop_assert_eq!(segment_name(&rules, g.segment, Lang::Zh), name_zh);
            }
        }
        Ok(())
    });
}

// ---------------------------------------------------------------------------
// The 80/20 split (DOMAIN §3.2)
// ---------------------------------------------------------------------------

/// Ranks by M descending, ties in input order: repeatedly takes the first of
/// the highest remaining. O(n²).
fn naive_rank(monetary: &[(CustomerId, i64)]) -> Vec<(CustomerId, i64)> {
    let mut left = monetary.to_vec();
    let mut ranked = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let mut best = 0;
        for i in 1..left.len() {
            if left[i].1 > left[best].1 {
                best = i;
            }
        }
        ranked.push(left.remove(best));
    }
    ranked
}

fn pareto_amounts() -> impl Strategy<Value = Vec<i64>> {
    prop_oneof![
        prop::collection::vec(0i64..=5, 0..=60),
        prop::collection::vec(0i64..=10_000, 0..=60),
        prop::collection::vec(-2_000i64..=10_000, 0..=60),
        prop::collection::vec(-1_000_000_000_000_000i64..=1_000_000_000_000_000, 0..=60),
        prop::collection::vec(prop_oneof![Just(0i64), 1i64..=100, Just(1_000_000)], 0..=60),
    ]
}

/// `pareto` ranks stably by M descending, reports the share of the top
/// ⌈0.2·n⌉ and the smallest k whose cumulative revenue reaches ≥ 80% (exact
/// integer comparison); `curve` is the cumulative shares after each rank.
#[test]
fn pareto_matches_the_naive_definition() {
    check(5_000, &pareto_amounts(), |amounts| {
        let input: Vec<(CustomerId, i64)> =
            amounts.iter().zip(1..).map(|(&m, id)| (CustomerId(id), m)).collect();
        let n = input.len();
        let ranked = naive_rank(&input);
        let total: i128 = amounts.iter().map(|&m| i128::from(m)).sum();
        let prefix = |k: usize| -> i128 { ranked[..k].iter().map(|&(_, m)| i128::from(m)).sum() };
        let top = (0..=n).find(|&t| 5 * t >= n).expect("t = n qualifies");
        let k80 = (0..=n).find(|&k| 5 * prefix(k) >= 4 * total).expect("k = n qualifies");
        let share = |part: i128| if total > 0 { part as f64 / total as f64 } else { 0.0 };

        let p = pareto(&input);
        prop_assert_eq!(p.n, n);
        prop_assert_eq!(p.total_cents, total);
        prop_assert_eq!(&p.ranked, &ranked);
        prop_assert_eq!(p.top20_count, top);
        prop_assert!(
            close(p.top20_share, share(prefix(top)), 1e-12),
            "{} vs {}",
            p.top20_share,
            share(prefix(top))
        );
        prop_assert_eq!(p.k80, k80);
        let k_share = if n == 0 { 0.0 } else { k80 as f64 / n as f64 };
        prop_assert!(close(p.k80_share_of_customers, k_share, 1e-12));

        let points = curve(&p);
        prop_assert_eq!(points.len(), n + 1);
        prop_assert_eq!(points[0], (0.0, 0.0));
        for (k, &(x, y)) in points.iter().enumerate().skip(1) {
            prop_assert!(close(x, k as f64 / n as f64, 1e-12), "x of point {}", k);
            prop_assert!(
                close(y, share(prefix(k)), 1e-12),
                "y of point {}: {} vs {}",
                k,
                y,
                share(prefix(k))
            );
        }
        Ok(())
    });
}

// ---------------------------------------------------------------------------
// Tiers (DOMAIN §3.3)
// ---------------------------------------------------------------------------

/// CLVs with many ties, −0.0 next to 0.0, and wide values.
fn tie_heavy_clv() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => (-3i32..=8).prop_map(f64::from),
        1 => Just(-0.0),
        1 => Just(0.0),
        2 => -1e12f64..1e12,
        1 => prop::sample::select(vec![f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN]),
    ]
}

/// h = the number of strictly higher CLVs, ranking NaN lowest (as documented).
fn naive_higher(clvs: &[f64]) -> Vec<usize> {
    let key = |c: f64| if c.is_nan() { f64::NEG_INFINITY } else { c };
    clvs.iter().map(|&c| clvs.iter().filter(|&&o| key(o) > key(c)).count()).collect()
}

/// `higher_counts` is the number of strictly higher CLVs (−0.0 = 0.0, NaN
/// ranked lowest).
#[test]
fn higher_counts_match_the_naive_definition() {
    let clv = prop_oneof![8 => tie_heavy_clv(), 1 => Just(f64::NAN)];
    check(4_000, &prop::collection::vec(clv, 0..=60), |clvs| {
        prop_assert_eq!(higher_counts(&clvs), naive_higher(&clvs), "{:?}", clvs);
        Ok(())
    });
}

/// `critical_count(k/d, n)` is ⌈k·n/d⌉ (clamped to 0..=n), computed exactly
/// in integers, for shares with small denominators.
#[test]
fn critical_count_is_the_exact_ceiling() {
    let strategy = prop::sample::select(vec![1u64, 3, 5, 7, 10, 20, 100, 1000])
        .prop_flat_map(|d| (Just(d), 0..=2 * d, 0usize..=100_000));
    check(5_000, &strategy, |(d, k, n)| {
        let exact = usize::try_from((k * n as u64).div_ceil(d)).expect("fits").min(n);
        let share = k as f64 / d as f64;
        prop_assert_eq!(critical_count(share, n), exact, "⌈{}/{}·{}⌉", k, d, n);
        Ok(())
    });
}

/// CLV, complaints, overdue follow-ups, poor credit and the two overrides.
type TierCustomer = (f64, u32, u32, bool, Option<Importance>, Option<Difficulty>);

/// One tier input: per customer (CLV, complaints, overdue follow-ups, poor
/// credit, overrides), the critical share in hundredths and the threshold
/// in halves.
#[derive(Clone, Debug)]
struct TierCase {
    customers: Vec<TierCustomer>,
    share_percent: u64,
    threshold_halves: u32,
}

fn tier_case() -> impl Strategy<Value = TierCase> {
    let importance = prop::option::weighted(
        0.2,
        prop::sample::select(vec![Importance::Critical, Importance::NotCritical]),
    );
    let difficulty = prop::option::weighted(
        0.2,
        prop::sample::select(vec![Difficulty::Difficult, Difficulty::Easy]),
    );
    let customer = (tie_heavy_clv(), 0u32..5, 0u32..6, any::<bool>(), importance, difficulty);
    let share = prop_oneof![Just(20u64), 0u64..=120];
    let threshold = prop_oneof![Just(4u32), 0u32..=10];
    (prop::collection::vec(customer, 0..=40), share, threshold).prop_map(
        |(customers, share_percent, threshold_halves)| TierCase {
            customers,
            share_percent,
            threshold_halves,
        },
    )
}

/// `classify` follows §3.3: critical when h < ⌈share·n⌉, difficulty =
/// complaints + ½·overdue + 1 if poor credit, difficult at ≥ threshold,
/// overrides replacing the axes (not the scores), and the quadrant table
/// platinum/gold/steel/lead.
#[test]
fn tiers_match_the_naive_definition() {
    check(5_000, &tier_case(), |case| {
        let n = case.customers.len();
        let inputs: Vec<TierInput> = case
            .customers
            .iter()
            .zip(1..)
            .map(|(&(clv, complaints, overdue, poor, imp, dif), id)| TierInput {
                customer: CustomerId(id),
                clv,
                complaints_365: complaints,
                overdue_followups: overdue,
                poor_credit: poor,
                importance_override: imp,
                difficulty_override: dif,
            })
            .collect();
        let params = TierParams {
            critical_share: case.share_percent as f64 / 100.0,
            difficult_threshold: f64::from(case.threshold_halves) / 2.0,
        };
        let cut =
            usize::try_from((case.share_percent * n as u64).div_ceil(100)).expect("fits").min(n);
        let got = classify(&inputs, &params);
        prop_assert_eq!(got.len(), n);
        for (g, input) in got.iter().zip(&inputs) {
            let h = inputs.iter().filter(|o| o.clv > input.clv).count();
            let importance = 1.0 - h as f64 / n as f64;
            let difficulty = f64::from(input.complaints_365)
                + f64::from(input.overdue_followups) / 2.0
                + if input.poor_credit { 1.0 } else { 0.0 };
            let critical = match input.importance_override {
                Some(Importance::Critical) => true,
                Some(Importance::NotCritical) => false,
                None => h < cut,
            };
            let difficult = match input.difficulty_override {
                Some(Difficulty::Difficult) => true,
                Some(Difficulty::Easy) => false,
                None => 2.0 * difficulty >= f64::from(case.threshold_halves),
            };
            let tier = match (critical, difficult) {
                (true, false) => Tier::Platinum,
                (true, true) => Tier::Gold,
                (false, true) => Tier::Steel,
                (false, false) => Tier::Lead,
            };
            prop_assert_eq!(g.customer, input.customer);
            prop_assert!(
                close(g.importance, importance, 1e-12),
                "{} vs {}",
                g.importance,
                importance
            );
            prop_assert_eq!(g.difficulty, difficulty);
            prop_assert_eq!(
                (g.critical, g.difficult, g.tier),
                (critical, difficult, tier),
                "h {} of {}, cut {}",
                h,
                n,
                cut
            );
        }
        Ok(())
    });
}

// ---------------------------------------------------------------------------
// CLV (DOMAIN §3.4)
// ---------------------------------------------------------------------------

/// One CLV input.
#[derive(Clone, Debug)]
struct ClvCase {
    monetary: i64,
    snapshot: NaiveDate,
    /// Days from the first purchase to the snapshot (negative: after it).
    days: i64,
    params: (f64, f64, f64, u32),
}

fn clv_case() -> impl Strategy<Value = ClvCase> {
    (
        prop_oneof![-1_000_000_000i64..=1_000_000_000_000, -10_000i64..=10_000, Just(0)],
        0i64..10_000,
        prop_oneof![-100i64..=40, 0i64..=8_000],
        prop_oneof![
            1 => Just((0.30, 0.80, 0.10, 5)),
            4 => (0.0f64..=1.0, 0.0f64..=1.0, 0.0f64..=1.0, 0u32..=40),
        ],
    )
        .prop_map(|(monetary, offset, days, params)| ClvCase {
            monetary,
            snapshot: ymd(2000, 1, 1) + Duration::days(offset),
            days,
            params,
        })
}

/// `clv` agrees within 1e-6 (relative) with the §3.4 formula summed term by
/// term: years = max(days / 365.25, 1/12), m = M / years × margin,
/// CLV = Σ_{t=1..N} m·r^(t−1) / (1+d)^t. The defaults are DOMAIN's.
#[test]
fn clv_matches_direct_summation() {
    assert_eq!(
        ClvParams::default(),
        ClvParams { margin_rate: 0.30, retention: 0.80, discount: 0.10, horizon_years: 5 }
    );
    check(10_000, &clv_case(), |case| {
        let (margin_rate, retention, discount, horizon_years) = case.params;
        let params = ClvParams { margin_rate, retention, discount, horizon_years };
        let first = case.snapshot - Duration::days(case.days);
        let got = clv(case.monetary, first, case.snapshot, &params);

        let days = f64::from(case.snapshot.num_days_from_ce() - first.num_days_from_ce());
        let years = (days / 365.25).max(1.0 / 12.0);
        let margin = case.monetary as f64 / years * margin_rate;
        let mut value = 0.0;
        for t in 1..=i32::try_from(horizon_years).expect("small") {
            value += margin * retention.powi(t - 1) / (1.0 + discount).powi(t);
        }
        prop_assert!(
            close(got.observed_years, years, 1e-12),
            "years {} vs {}",
            got.observed_years,
            years
        );
        prop_assert!(
            close(got.annual_margin, margin, 1e-9),
            "m {} vs {}",
            got.annual_margin,
            margin
        );
        prop_assert!(close(got.clv, value, 1e-6), "CLV {} vs {}", got.clv, value);
        Ok(())
    });
}

// ---------------------------------------------------------------------------
// The working calendar (DOMAIN §4.1)
// ---------------------------------------------------------------------------

/// A calendar and instants within a few days of `base`.
#[derive(Clone, Debug)]
struct CalendarCase {
    weekdays: [bool; 7],
    /// Working-hour ranges in minutes of the day, sorted, disjoint.
    ranges: Vec<(u32, u32)>,
    separator: &'static str,
    dash: &'static str,
    /// (days after `base`, working)
    exceptions: Vec<(i64, bool)>,
    base: NaiveDate,
    /// Minutes and seconds after `base` 00:00 of the first instant.
    start: (i64, i64),
    /// Minutes (may be negative) and seconds of the second instant after the first.
    span: (i64, i64),
    /// Working minutes to add.
    add: i64,
}

/// Days after `base` that the naive count looks at.
const WINDOW_DAYS: i64 = 9;

fn calendar_case() -> impl Strategy<Value = CalendarCase> {
    let weekdays = (prop::array::uniform7(any::<bool>()), 0usize..7).prop_map(|(mut w, i)| {
        if !w.contains(&true) {
            w[i] = true;
        }
        w
    });
    let ranges = prop_oneof![
        Just(vec![(540, 720), (780, 1080)]),
        prop::collection::btree_set(0u32..1440, 2..=6).prop_map(|bounds| {
            let b: Vec<u32> = bounds.into_iter().collect();
            b.chunks_exact(2).map(|p| (p[0], p[1])).collect()
        }),
    ];
    (
        (weekdays, ranges),
        (prop::sample::select(&[",", "，", ";", ", "][..]), prop::sample::select(&["-", "~"][..])),
        prop::collection::vec((0i64..WINDOW_DAYS, any::<bool>()), 0..4),
        0i64..3_650,
        ((0i64..3 * 1440), 0i64..60),
        ((-600i64..3 * 1440), 0i64..60),
        prop_oneof![-3i64..=0, 1i64..=600, 1i64..=2_000],
    )
        .prop_map(
            |((weekdays, ranges), (separator, dash), exceptions, day, start, span, add)| {
                CalendarCase {
                    weekdays,
                    ranges,
                    separator,
                    dash,
                    exceptions,
                    base: ymd(2020, 1, 1) + Duration::days(day),
                    start,
                    span,
                    add,
                }
            },
        )
}

impl CalendarCase {
    fn calendar(&self) -> WorkingCalendar {
        let days: Vec<String> =
            (1..=7).filter(|d| self.weekdays[d - 1]).map(|d| d.to_string()).collect();
        let hm = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
        let hours: Vec<String> =
            self.ranges.iter().map(|&(a, b)| format!("{}{}{}", hm(a), self.dash, hm(b))).collect();
        let exceptions: Vec<CalendarDay> = self
            .exceptions
            .iter()
            .map(|&(d, working)| CalendarDay {
                date: self.base + Duration::days(d),
                working,
                name: String::new(),
            })
            .collect();
        WorkingCalendar::new(&days.join(","), &hours.join(self.separator), &exceptions)
            .expect("generated calendar texts are valid")
    }

    fn at(&self, minutes: i64, seconds: i64) -> NaiveDateTime {
        self.base.and_time(NaiveTime::MIN) + Duration::minutes(minutes) + Duration::seconds(seconds)
    }

    /// Whether each day of the window is a working day: the last exception
    /// listed for it, else its weekday.
    fn working_days(&self) -> Vec<bool> {
        let mut exceptions = HashMap::new();
        for &(d, working) in &self.exceptions {
            exceptions.insert(d, working);
        }
        (0..WINDOW_DAYS)
            .map(|d| {
                let weekday = (self.base + Duration::days(d)).weekday().num_days_from_monday();
                exceptions.get(&d).copied().unwrap_or(self.weekdays[weekday as usize])
            })
            .collect()
    }

    /// Working minutes in [from, to) (minutes after `base` 00:00), counted
    /// one minute at a time.
    fn naive_count(&self, from: i64, to: i64) -> i64 {
        let days = self.working_days();
        let mut count = 0;
        for minute in from..to {
            let day = usize::try_from(minute / 1440).expect("within the window");
            let of_day = u32::try_from(minute % 1440).expect("a minute of the day");
            if days[day] && self.ranges.iter().any(|&(a, b)| a <= of_day && of_day < b) {
                count += 1;
            }
        }
        count
    }
}

/// `working_minutes_between(a, b)` equals a minute-by-minute count of the
/// working minutes in [a, b) (seconds dropped, 0 when b ≤ a), for random
/// weekdays, hours, holidays and make-up days.
#[test]
fn working_minutes_match_a_minute_by_minute_count() {
    check(2_500, &calendar_case(), |case| {
        let cal = case.calendar();
        let (from, from_s) = case.start;
        let to = from + case.span.0;
        let got = cal.working_minutes_between(case.at(from, from_s), case.at(to, case.span.1));
        prop_assert_eq!(got, case.naive_count(from, to.max(from)));
        Ok(())
    });
}

/// `add_working_minutes(start, m)` is the earliest instant with exactly m
/// working minutes since start: the count to it is m, to the minute before
/// it m − 1; m ≤ 0 gives start (to the minute).
#[test]
fn adding_working_minutes_inverts_the_count() {
    check(3_000, &calendar_case(), |case| {
        let cal = case.calendar();
        let (from, from_s) = case.start;
        let start = case.at(from, from_s);
        let end = cal.add_working_minutes(start, case.add);
        if case.add <= 0 {
            prop_assert_eq!(end, case.at(from, 0));
            return Ok(());
        }
        prop_assert!(end > case.at(from, 0));
        prop_assert_eq!(cal.working_minutes_between(start, end), case.add);
        let before = end - Duration::minutes(1);
        prop_assert_eq!(cal.working_minutes_between(start, before), case.add - 1);
        let end_minutes = (end - case.at(0, 0)).num_minutes();
        prop_assert_eq!(case.at(end_minutes, 0), end, "whole minutes");
        if end_minutes < WINDOW_DAYS * 1440 {
            prop_assert_eq!(case.naive_count(from, end_minutes), case.add);
        }
        Ok(())
    });
}
