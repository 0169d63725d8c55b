//! The settings as a person edits them: every parameter with its group,
//! unit and the text shown in its field (°C with one decimal, shares as
//! percentages), and [`parse_form`], which turns the edited texts back into
//! [`Settings`] or returns every problem tied to its field.

use std::collections::BTreeMap;

use chrono::NaiveTime;

use super::Settings;
use super::segments::{self, TableProblems};
use crate::domain::compliance::calendar::{CalendarError, parse_ranges, parse_weekdays};

/// The groups of the settings panel (the interface group is the app's own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    WorkingTime,
    AirConditioning,
    ServiceLimits,
    CustomersAnalysis,
}

impl Group {
    /// Every group, in the panel's order.
    pub const ALL: [Self; 4] =
        [Self::WorkingTime, Self::AirConditioning, Self::ServiceLimits, Self::CustomersAnalysis];
}

/// The unit a parameter is shown and typed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Minutes,
    WorkingDays,
    Days,
    Celsius,
    Percent,
    Years,
    /// A month of the year, 1–12.
    Month,
    /// A day of the month.
    DayOfMonth,
    /// A score without unit (the difficulty threshold).
    Score,
    /// Not a number: weekdays, time ranges, a choice, a table.
    None,
}

/// How a parameter's text is read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A whole number in `min..=max`; `ranged` reports a value outside as
    /// out of range (months, days of the month) rather than negative/zero.
    Whole { min: u32, max: u32, ranged: bool },
    /// Tenths of a degree, typed with at most one decimal, in `min..=max` tenths.
    Tenths { min: i32, max: i32 },
    /// A share typed as a percentage in 0–100 (`positive`: above 0).
    Percent { positive: bool },
    /// A decimal number, 0 or more, at most `max`.
    Decimal { max: f64 },
    /// Edited with its own widget (weekdays, ranges, a switch, a table).
    Special,
}

/// One parameter of the settings panel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    /// The stored key (never shown: the interface names it).
    pub key: &'static str,
    pub group: Group,
    pub unit: Unit,
    pub kind: Kind,
}

const fn whole(key: &'static str, group: Group, unit: Unit, min: u32, max: u32) -> Field {
    Field { key, group, unit, kind: Kind::Whole { min, max, ranged: false } }
}

const fn ranged(key: &'static str, group: Group, unit: Unit, min: u32, max: u32) -> Field {
    Field { key, group, unit, kind: Kind::Whole { min, max, ranged: true } }
}

const fn celsius(key: &'static str) -> Field {
    Field {
        key,
        group: Group::AirConditioning,
        unit: Unit::Celsius,
        kind: Kind::Tenths { min: -500, max: 600 },
    }
}

const fn percent(key: &'static str, group: Group, positive: bool) -> Field {
    Field { key, group, unit: Unit::Percent, kind: Kind::Percent { positive } }
}

const fn special(key: &'static str, group: Group) -> Field {
    Field { key, group, unit: Unit::None, kind: Kind::Special }
}

use Group::{
    AirConditioning as Ac, CustomersAnalysis as Ca, ServiceLimits as Sl, WorkingTime as Wt,
};

/// Minutes in a day: the longest an AC may be off before the end of the day.
const DAY_MINUTES: u32 = 24 * 60;
/// The longest time limit in minutes (ten weeks of working days).
const MAX_MINUTES: u32 = 100_000;

/// Every parameter, by group, in the panel's order (DOMAIN §2–§4).
pub const FIELDS: &[Field] = &[
    special("working_days", Wt),
    special("working_hours", Wt),
    special("ac_check_windows", Wt),
    ranged("ac_season_first_month", Ac, Unit::Month, 1, 12),
    ranged("ac_season_last_month", Ac, Unit::Month, 1, 12),
    celsius("ac_hot_threshold_tenths"),
    celsius("ac_summer_min_set_tenths"),
    celsius("ac_winter_threshold_tenths"),
    celsius("ac_winter_max_set_tenths"),
    whole("ac_off_before_end_minutes", Ac, Unit::Minutes, 0, DAY_MINUTES),
    whole("fault_repair_working_days", Ac, Unit::WorkingDays, 1, 365),
    whole("query_minutes", Sl, Unit::Minutes, 1, MAX_MINUTES),
    whole("complaint_minutes", Sl, Unit::Minutes, 1, MAX_MINUTES),
    whole("inquiry_first_response_minutes", Sl, Unit::Minutes, 1, MAX_MINUTES),
    whole("followup_days", Sl, Unit::Days, 1, 3650),
    percent("visit_coverage_share", Sl, false),
    whole("survey_interval_days", Sl, Unit::Days, 1, 3650),
    ranged("monthly_report_day", Sl, Unit::DayOfMonth, 1, 28),
    whole("churn_days", Ca, Unit::Days, 1, 36_500),
    special("acquisition", Ca),
    whole("rotting_days", Ca, Unit::Days, 1, 3650),
    percent("clv_margin_rate", Ca, false),
    percent("clv_retention", Ca, false),
    percent("clv_discount", Ca, false),
    whole("clv_horizon_years", Ca, Unit::Years, 1, 50),
    percent("tier_critical_share", Ca, true),
    Field {
        key: "tier_difficult_threshold",
        group: Ca,
        unit: Unit::Score,
        kind: Kind::Decimal { max: 1000.0 },
    },
    special("rfm_segments", Ca),
];

/// The parameter with this key.
pub fn field(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key)
}

/// What is wrong with the text of one parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not a number at all.
    NotANumber,
    /// A fraction where a whole number is asked.
    NotWhole,
    Negative,
    Zero,
    /// More than the largest value allowed (shown in the field's unit).
    TooLarge {
        max: String,
    },
    /// Outside `min`–`max` (shown in the field's unit).
    OutOfRange {
        min: String,
        max: String,
    },
    /// More than one decimal (temperatures are kept in tenths).
    TooManyDecimals,
    /// A part that is not `HH:MM-HH:MM` with the start before the end.
    BadTime {
        part: String,
    },
    /// Two time ranges share minutes.
    Overlap,
    /// No time range at all.
    NoRanges,
    /// A check window reaches outside the working hours.
    WindowOutsideHours {
        part: String,
    },
    /// No working weekday.
    NoWeekday,
    /// Neither of the two definitions.
    Acquisition,
    /// The segment table's problems, by row.
    Segments(TableProblems),
}

/// A problem and the parameter it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub key: &'static str,
    pub problem: Problem,
}

/// A number with at most four decimals, without trailing zeros.
fn decimal_text(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The text a field shows for a stored value (stored text in, shown text out).
fn shown(kind: Kind, stored: &str) -> String {
    match kind {
        Kind::Tenths { .. } => stored
            .parse::<i32>()
            .map_or_else(|_| stored.to_owned(), |t| format!("{:.1}", f64::from(t) / 10.0)),
        Kind::Percent { .. } => {
            stored.parse::<f64>().map_or_else(|_| stored.to_owned(), |v| decimal_text(v * 100.0))
        }
        _ => stored.to_owned(),
    }
}

/// Every parameter's text as its field shows it (°C as `26.0`, shares as
/// percentages, the rest as stored), keyed by the stored key.
pub fn texts(settings: &Settings) -> BTreeMap<&'static str, String> {
    settings
        .to_pairs()
        .into_iter()
        .map(|(key, stored)| {
            let text = field(key).map_or_else(|| stored.clone(), |f| shown(f.kind, &stored));
            (key, text)
        })
        .collect()
}

/// Reads a shown number text into the stored text, or says what is wrong.
fn stored(kind: Kind, text: &str) -> Result<String, Problem> {
    let text = text.trim().replace(['，', ','], "");
    let number: f64 = text.parse().map_err(|_| Problem::NotANumber)?;
    if !number.is_finite() {
        return Err(Problem::NotANumber);
    }
    match kind {
        Kind::Whole { min, max, ranged } => {
            let out_of_range =
                || Problem::OutOfRange { min: min.to_string(), max: max.to_string() };
            if ranged && (number < f64::from(min) || number > f64::from(max)) {
                return Err(out_of_range());
            }
            if number.fract() != 0.0 {
                return Err(Problem::NotWhole);
            }
            if number < 0.0 {
                return Err(Problem::Negative);
            }
            if number < f64::from(min) {
                return Err(if number == 0.0 { Problem::Zero } else { out_of_range() });
            }
            if number > f64::from(max) {
                return Err(Problem::TooLarge { max: max.to_string() });
            }
            Ok(format!("{number:.0}"))
        }
        Kind::Tenths { min, max } => {
            if text.split_once('.').is_some_and(|(_, d)| d.len() > 1) {
                return Err(Problem::TooManyDecimals);
            }
            let tenths = (number * 10.0).round();
            if tenths < f64::from(min) || tenths > f64::from(max) {
                let show = |t: i32| format!("{:.1}", f64::from(t) / 10.0);
                return Err(Problem::OutOfRange { min: show(min), max: show(max) });
            }
            Ok(format!("{tenths:.0}"))
        }
        Kind::Percent { positive } => {
            if number < 0.0 {
                return Err(Problem::Negative);
            }
            if positive && number == 0.0 {
                return Err(Problem::Zero);
            }
            if number > 100.0 {
                return Err(Problem::TooLarge { max: "100".into() });
            }
            Ok((number / 100.0).to_string())
        }
        Kind::Decimal { max } => {
            if number < 0.0 {
                return Err(Problem::Negative);
            }
            if number > max {
                return Err(Problem::TooLarge { max: decimal_text(max) });
            }
            Ok(number.to_string())
        }
        Kind::Special => Ok(text),
    }
}

/// A calendar text's problem, for its field.
fn range_problem(error: CalendarError) -> Problem {
    match error {
        CalendarError::BadRange { part, .. } => Problem::BadTime { part },
        CalendarError::Overlap { .. } => Problem::Overlap,
        CalendarError::BadWeekday { part, .. } => Problem::BadTime { part },
        CalendarError::NoRanges { .. } => Problem::NoRanges,
        CalendarError::NoWeekdays { .. } => Problem::NoWeekday,
    }
}

/// Checks the parameters edited with their own widgets; returns the
/// working-hour ranges when they are readable (the check windows need them).
fn check_special(
    texts: &BTreeMap<&'static str, String>,
    base: &Settings,
    problems: &mut Vec<FieldProblem>,
) {
    let get = |key: &str, fallback: &str| texts.get(key).cloned().unwrap_or(fallback.to_owned());
    let mut fail = |key, problem| problems.push(FieldProblem { key, problem });
    if let Err(e) = parse_weekdays(&get("working_days", &base.working_days)) {
        fail("working_days", range_problem(e));
    }
    let hours = parse_ranges(&get("working_hours", &base.working_hours));
    if let Err(e) = &hours {
        fail("working_hours", range_problem(e.clone()));
    }
    match parse_ranges(&get("ac_check_windows", &base.ac_check_windows)) {
        Err(e) => fail("ac_check_windows", range_problem(e)),
        Ok(windows) => {
            if let Ok(hours) = hours
                && let Some(part) = outside(&windows, &hours)
            {
                fail("ac_check_windows", Problem::WindowOutsideHours { part });
            }
        }
    }
    if !matches!(
        texts.get("acquisition").map(String::as_str),
        None | Some("transaction" | "process")
    ) {
        fail("acquisition", Problem::Acquisition);
    }
    if let Some(text) = texts.get("rfm_segments")
        && let Err(table) = segments::parse(text)
    {
        fail("rfm_segments", Problem::Segments(table));
    }
}

/// The first check window that is not within the working day (from the
/// first start to the last end: the lunch break is working time's inside).
fn outside(windows: &[(NaiveTime, NaiveTime)], hours: &[(NaiveTime, NaiveTime)]) -> Option<String> {
    let (Some(first), Some(last)) = (hours.first(), hours.last()) else { return None };
    windows
        .iter()
        .find(|(from, to)| *from < first.0 || *to > last.1)
        .map(|(from, to)| format!("{}-{}", from.format("%H:%M"), to.format("%H:%M")))
}

/// Turns the edited texts (keyed as [`texts`] gives them; a missing key
/// keeps `base`'s value) into settings, or every problem with its field.
pub fn parse_form(
    base: &Settings,
    texts: &BTreeMap<&'static str, String>,
) -> Result<Settings, Vec<FieldProblem>> {
    let shown_base = self::texts(base);
    let mut pairs: BTreeMap<String, String> =
        base.to_pairs().into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    let mut problems = Vec::new();
    for (key, text) in texts {
        let Some(field) = field(key) else { continue };
        if field.kind == Kind::Special {
            pairs.insert((*key).to_owned(), text.clone()); // checked below
            continue;
        }
        if shown_base.get(key) == Some(text) {
            continue; // unchanged: keep the stored value exactly
        }
        match stored(field.kind, text) {
            Ok(value) => {
                pairs.insert((*key).to_owned(), value);
            }
            Err(problem) => problems.push(FieldProblem { key: field.key, problem }),
        }
    }
    check_special(texts, base, &mut problems);
    if !problems.is_empty() {
        problems.sort_by_key(|p| FIELDS.iter().position(|f| f.key == p.key));
        return Err(problems);
    }
    Settings::from_pairs(&pairs).map_err(|e| {
        let key = field(&e.key).map_or("rfm_segments", |f| f.key);
        vec![FieldProblem { key, problem: Problem::NotANumber }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::Acquisition;

    fn with(edits: &[(&'static str, &str)]) -> Result<Settings, Vec<FieldProblem>> {
        let base = Settings::default();
        let mut t = texts(&base);
        for (key, text) in edits {
            t.insert(key, (*text).to_owned());
        }
        parse_form(&base, &t)
    }

    fn problem(edits: &[(&'static str, &str)]) -> Vec<(&'static str, Problem)> {
        with(edits).expect_err("refused").into_iter().map(|p| (p.key, p.problem)).collect()
    }

    #[test]
    fn every_setting_has_exactly_one_field() {
        let keys: Vec<_> = Settings::default().to_pairs().into_iter().map(|(k, _)| k).collect();
        for key in &keys {
            assert_eq!(FIELDS.iter().filter(|f| f.key == *key).count(), 1, "{key}");
        }
        assert_eq!(FIELDS.len(), keys.len());
    }

    #[test]
    fn shows_tenths_as_degrees_and_shares_as_percentages() {
        let t = texts(&Settings::default());
        assert_eq!(t["ac_summer_min_set_tenths"], "26.0");
        assert_eq!(t["ac_winter_threshold_tenths"], "5.0");
        assert_eq!(t["clv_margin_rate"], "30");
        assert_eq!(t["visit_coverage_share"], "50");
        assert_eq!(t["complaint_minutes"], "240");
        assert_eq!(t["acquisition"], "transaction");
    }

    #[test]
    fn the_unedited_form_gives_back_the_same_settings() {
        assert_eq!(with(&[]), Ok(Settings::default()));
        let odd = Settings { clv_discount: 0.123_456_789, ..Settings::default() };
        assert_eq!(parse_form(&odd, &texts(&odd)), Ok(odd), "kept exactly though shown rounded");
    }

    #[test]
    fn reads_edited_values_in_their_units() {
        let s = with(&[
            ("complaint_minutes", " 120 "),
            ("ac_summer_min_set_tenths", "25.5"),
            ("ac_winter_threshold_tenths", "-3"),
            ("clv_margin_rate", "12.5"),
            ("tier_difficult_threshold", "2.5"),
            ("acquisition", "process"),
            ("working_days", "1,2,3,4,5,6"),
            ("ac_season_first_month", "11"),
            ("ac_season_last_month", "3"),
        ])
        .expect("valid");
        assert_eq!(s.complaint_minutes, 120);
        assert_eq!(s.ac_summer_min_set_tenths, 255);
        assert_eq!(s.ac_winter_threshold_tenths, -30);
        assert!((s.clv_margin_rate - 0.125).abs() < 1e-12);
        assert!((s.tier_difficult_threshold - 2.5).abs() < 1e-12);
        assert_eq!(s.acquisition, Acquisition::Process);
        assert_eq!(s.working_days, "1,2,3,4,5,6");
        assert_eq!((s.ac_season_first_month, s.ac_season_last_month), (11, 3), "a season may wrap");
    }

    #[test]
    fn refuses_negative_zero_and_unreadable_numbers_naming_the_field() {
        assert_eq!(
            problem(&[("complaint_minutes", "-5")]),
            [("complaint_minutes", Problem::Negative)]
        );
        assert_eq!(problem(&[("churn_days", "0")]), [("churn_days", Problem::Zero)]);
        assert_eq!(problem(&[("rotting_days", "soon")]), [("rotting_days", Problem::NotANumber)]);
        assert_eq!(problem(&[("followup_days", "2.5")]), [("followup_days", Problem::NotWhole)]);
        assert_eq!(
            problem(&[("query_minutes", "100001")]),
            [("query_minutes", Problem::TooLarge { max: "100000".into() })]
        );
        assert_eq!(problem(&[("clv_discount", "-1")]), [("clv_discount", Problem::Negative)]);
        assert_eq!(
            problem(&[("tier_critical_share", "0")]),
            [("tier_critical_share", Problem::Zero)]
        );
        assert_eq!(
            problem(&[("visit_coverage_share", "120")]),
            [("visit_coverage_share", Problem::TooLarge { max: "100".into() })]
        );
    }

    #[test]
    fn zero_minutes_before_the_end_of_the_day_is_allowed() {
        assert_eq!(
            with(&[("ac_off_before_end_minutes", "0")]).map(|s| s.ac_off_before_end_minutes),
            Ok(0)
        );
    }

    #[test]
    fn refuses_months_out_of_1_to_12_and_report_days_out_of_1_to_28() {
        let range = |min: &str, max: &str| Problem::OutOfRange { min: min.into(), max: max.into() };
        assert_eq!(
            problem(&[("ac_season_first_month", "0")]),
            [("ac_season_first_month", range("1", "12"))]
        );
        assert_eq!(
            problem(&[("ac_season_last_month", "13")]),
            [("ac_season_last_month", range("1", "12"))]
        );
        assert_eq!(
            problem(&[("monthly_report_day", "31")]),
            [("monthly_report_day", range("1", "28"))]
        );
    }

    #[test]
    fn temperatures_take_one_decimal_within_a_plausible_range() {
        assert_eq!(
            problem(&[("ac_hot_threshold_tenths", "29.05")]),
            [("ac_hot_threshold_tenths", Problem::TooManyDecimals)]
        );
        assert_eq!(
            problem(&[("ac_hot_threshold_tenths", "290")]),
            [(
                "ac_hot_threshold_tenths",
                Problem::OutOfRange { min: "-50.0".into(), max: "60.0".into() }
            )]
        );
    }

    #[test]
    fn refuses_bad_times_overlaps_and_windows_outside_working_hours() {
        assert_eq!(
            problem(&[("working_hours", "9h-12:00,13:00-18:00")]),
            [("working_hours", Problem::BadTime { part: "9h-12:00".into() })]
        );
        assert_eq!(
            problem(&[("working_hours", "09:00-13:00,12:00-18:00")]),
            [("working_hours", Problem::Overlap)]
        );
        assert_eq!(problem(&[("working_hours", " ")]), [("working_hours", Problem::NoRanges)]);
        assert_eq!(
            problem(&[("ac_check_windows", "08:00-11:00,15:00-17:00")]),
            [("ac_check_windows", Problem::WindowOutsideHours { part: "08:00-11:00".into() })]
        );
        assert_eq!(
            problem(&[("working_hours", "09:00-12:00,13:00-16:30")]),
            [("ac_check_windows", Problem::WindowOutsideHours { part: "15:00-17:00".into() })],
            "shorter hours leave the afternoon window outside"
        );
        assert!(with(&[("ac_check_windows", "11:00-14:00")]).is_ok(), "the lunch break is inside");
        assert_eq!(problem(&[("working_days", "")]), [("working_days", Problem::NoWeekday)]);
    }

    #[test]
    fn every_problem_of_the_form_comes_back_at_once_in_panel_order() {
        let keys: Vec<_> =
            problem(&[("churn_days", "x"), ("query_minutes", "-1"), ("working_days", "9")])
                .into_iter()
                .map(|(k, _)| k)
                .collect();
        assert_eq!(keys, ["working_days", "query_minutes", "churn_days"]);
    }

    #[test]
    fn a_bad_segment_table_is_the_table_field_s_problem() {
        let got = problem(&[("rfm_segments", "A|甲|4-5|4-5|9")]);
        assert_eq!(got.len(), 1);
        assert!(matches!(&got[0], ("rfm_segments", Problem::Segments(t)) if t.rows.len() == 1));
        let s = with(&[("rfm_segments", "All|全部|1-5|1-5|1-5")]).expect("one rule");
        assert_eq!(s.rfm_segments.len(), 1);
    }
}
