//! Customer satisfaction (DOMAIN §3.6): the state of a survey from expected
//! and perceived levels, and the count of each state per month.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::Lang;
use crate::domain::terms::Vocabulary;

/// The state of one survey: perceived below, equal to or above expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SatisfactionState {
    /// Perceived < expected (不满意).
    Dissatisfied,
    /// Perceived = expected (满意).
    Satisfied,
    /// Perceived > expected (兴奋).
    Delighted,
}

impl SatisfactionState {
    /// Every state, from worst to best.
    pub const ALL: &'static [Self] = &[Self::Dissatisfied, Self::Satisfied, Self::Delighted];

    /// The stable code, used in CSV.
    pub fn code(self) -> &'static str {
        match self {
            Self::Dissatisfied => "dissatisfied",
            Self::Satisfied => "satisfied",
            Self::Delighted => "delighted",
        }
    }

    /// The display name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Dissatisfied, Lang::Zh) => "不满意",
            (Self::Satisfied, Lang::Zh) => "满意",
            (Self::Delighted, Lang::Zh) => "兴奋",
            (Self::Dissatisfied, Lang::En) => "Dissatisfied",
            (Self::Satisfied, Lang::En) => "Satisfied",
            (Self::Delighted, Lang::En) => "Delighted",
        }
    }
}

impl Vocabulary for SatisfactionState {
    fn all() -> &'static [Self] {
        Self::ALL
    }

    fn label(self, lang: Lang) -> &'static str {
        self.name(lang)
    }
}

/// The state of a survey. Levels are 1–5 (checked where surveys are parsed);
/// the comparison itself needs no range.
pub fn state(expected: u8, perceived: u8) -> SatisfactionState {
    match perceived.cmp(&expected) {
        std::cmp::Ordering::Less => SatisfactionState::Dissatisfied,
        std::cmp::Ordering::Equal => SatisfactionState::Satisfied,
        std::cmp::Ordering::Greater => SatisfactionState::Delighted,
    }
}

/// Counts of each state in one calendar month.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonthCounts {
    pub year: i32,
    /// 1–12.
    pub month: u32,
    pub dissatisfied: u32,
    pub satisfied: u32,
    pub delighted: u32,
}

impl MonthCounts {
    /// The month as `YYYY-MM`, the `month` column of the satisfaction report.
    pub fn label(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// Adds one survey in `state`.
    pub fn add(&mut self, state: SatisfactionState) {
        let slot = match state {
            SatisfactionState::Dissatisfied => &mut self.dissatisfied,
            SatisfactionState::Satisfied => &mut self.satisfied,
            SatisfactionState::Delighted => &mut self.delighted,
        };
        *slot = slot.saturating_add(1);
    }
}

/// Counts states per month from `(date, expected, perceived)`; months in
/// ascending order, only months with at least one survey. O(n log m).
pub fn by_month(surveys: &[(NaiveDate, u8, u8)]) -> Vec<MonthCounts> {
    let mut months: BTreeMap<(i32, u32), MonthCounts> = BTreeMap::new();
    for &(date, expected, perceived) in surveys {
        let (year, month) = (date.year(), date.month());
        months
            .entry((year, month))
            .or_insert_with(|| MonthCounts { year, month, ..MonthCounts::default() })
            .add(state(expected, perceived));
    }
    months.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_util::d;
    use super::*;

    fn check(expected_level: u8, perceived: u8, state_code: &str) {
        assert_eq!(
            state(expected_level, perceived).code(),
            state_code,
            "{expected_level} → {perceived}"
        );
    }

    #[test]
    fn state_boundaries() {
        check(3, 2, "dissatisfied");
        check(3, 3, "satisfied");
        check(3, 4, "delighted");
        check(1, 1, "satisfied");
        check(5, 5, "satisfied");
        check(1, 2, "delighted");
        check(1, 5, "delighted");
        check(2, 1, "dissatisfied");
        check(5, 4, "dissatisfied");
        check(5, 1, "dissatisfied");
    }

    #[test]
    fn names_in_both_languages() {
        assert_eq!(SatisfactionState::Delighted.name(Lang::Zh), "兴奋");
        assert_eq!(SatisfactionState::Dissatisfied.name(Lang::En), "Dissatisfied");
        let codes: Vec<&str> = SatisfactionState::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, ["dissatisfied", "satisfied", "delighted"]);
    }

    fn month(label: &str, dis: u32, sat: u32, del: u32) -> (String, u32, u32, u32) {
        (label.to_owned(), dis, sat, del)
    }

    #[test]
    fn counts_per_month_sorted_and_sparse() {
        assert_eq!(by_month(&[]), []);
        let surveys = [
            (d("2024-02-01"), 3, 3),
            (d("2024-01-31"), 3, 2),
            (d("2023-12-15"), 2, 5),
            (d("2024-01-01"), 4, 4),
            (d("2024-01-15"), 4, 5),
            (d("2024-01-20"), 5, 1),
            // March has none; April has one.
            (d("2024-04-30"), 1, 1),
        ];
        let got: Vec<_> = by_month(&surveys)
            .iter()
            .map(|m| (m.label(), m.dissatisfied, m.satisfied, m.delighted))
            .collect();
        assert_eq!(
            got,
            [
                month("2023-12", 0, 0, 1),
                month("2024-01", 2, 1, 1),
                month("2024-02", 0, 1, 0),
                month("2024-04", 0, 1, 0),
            ]
        );
    }
}
