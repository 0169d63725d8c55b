//! Hand-built scenarios for the rule tests: a `World` owns the records, and
//! `check` runs one rule and compares the findings.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use std::ops::{Deref, DerefMut};

use super::{Finding, Period, RecordSet, check_with_stats};
use crate::domain::records::{AcArea, AcCheckRow};
use crate::domain::settings::Settings;
use crate::domain::terms::AcCheckKind;

pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

pub fn dt(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("test date-time")
}

pub fn t(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").expect("test time")
}

/// Owned records and settings of one scenario; it derefs to its
/// [`RecordSet`], so a test fills `world.complaints` and the like directly.
#[derive(Default)]
pub struct World {
    pub settings: Settings,
    pub set: RecordSet,
}

impl Deref for World {
    type Target = RecordSet;

    fn deref(&self) -> &RecordSet {
        &self.set
    }
}

impl DerefMut for World {
    fn deref_mut(&mut self) -> &mut RecordSet {
        &mut self.set
    }
}

impl World {
    /// A world with area 1, "财务部", responsible 王经理.
    pub fn with_area() -> Self {
        let mut world = Self::default();
        world.areas.push(AcArea {
            id: 1,
            name: "财务部".into(),
            room: "201".into(),
            responsible_person: "王经理".into(),
            department: "财务部".into(),
            in_use_since: None,
        });
        world
    }

    /// Adds a compliant-looking scheduled check of area 1 (row id = count)
    /// and returns it for changes.
    pub fn row(&mut self, date: &str, time: &str, reference: i32, ac_on: bool) -> &mut AcCheckRow {
        let id = i64::try_from(self.ac_checks.len()).expect("few rows") + 1;
        self.ac_checks.push((
            id,
            AcCheckRow {
                date: d(date),
                time: t(time),
                kind: AcCheckKind::Check,
                area: 1,
                reference_temp_tenths: reference,
                ac_on,
                set_temp_tenths: ac_on.then_some(260),
                windows_closed: true,
                occupied: true,
                checker: "人力行政部".into(),
                note: String::new(),
            },
        ));
        &mut self.ac_checks.last_mut().expect("just pushed").1
    }

    /// Runs one rule; `period` is `(from, to)`.
    pub fn findings(&self, rule: &str, period: (&str, &str), today: &str) -> Vec<Finding> {
        let period = Period { from: d(period.0), to: d(period.1) };
        check_with_stats(&self.records(), &self.settings, period, d(today), Some(rule))
            .expect("check runs")
            .findings
    }

    /// Items the rule judged.
    pub fn checked(&self, rule: &str, period: (&str, &str), today: &str) -> u32 {
        let period = Period { from: d(period.0), to: d(period.1) };
        check_with_stats(&self.records(), &self.settings, period, d(today), Some(rule))
            .expect("check runs")
            .stats[0]
            .checked
    }
}

/// Runs `rule` over `period` at `today` and asserts the findings, each
/// written `status date subject record`; returns them for detail checks.
pub fn check(
    world: &World,
    rule: &str,
    period: (&str, &str),
    today: &str,
    expected: &[&str],
) -> Vec<Finding> {
    let findings = world.findings(rule, period, today);
    let got: Vec<String> = findings
        .iter()
        .map(|f| format!("{} {} {} {}", f.status.code(), f.date, f.subject, f.record))
        .collect();
    assert_eq!(got, expected, "{rule}: {findings:#?}");
    findings
}
