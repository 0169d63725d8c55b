//! The settings panel's edit buffers: every parameter as the person types
//! it, turned back into settings by `domain::settings::form::parse_form`.

use std::collections::BTreeMap;

use crate::domain::analysis::rfm::SegmentRule;
use crate::domain::compliance::calendar::{parse_ranges, parse_weekdays};
use crate::domain::settings::form::{FieldProblem, Problem, parse_form, texts};
use crate::domain::settings::segments;
use crate::domain::settings::{Acquisition, Settings};

/// A period typed as two times, `HH:MM`.
pub(super) type Period = (String, String);

/// The buffers of the settings form, built from the stored settings.
#[derive(Debug)]
pub(super) struct Form {
    /// The stored settings the buffers started from.
    pub base: Settings,
    /// The typed text of every number field, by key.
    pub texts: BTreeMap<&'static str, String>,
    pub weekdays: [bool; 7],
    pub hours: Vec<Period>,
    pub windows: Vec<Period>,
    pub acquisition: Acquisition,
    pub segments: Vec<SegmentRule>,
    /// The settings the buffers give, or every problem with its field
    /// (worked out again after each edit, not every frame).
    pub parsed: Result<Settings, Vec<FieldProblem>>,
    /// Apply was pressed while some field had a problem.
    pub refused: bool,
}

/// Periods as typed rows (an unreadable text stays as one row).
fn periods(text: &str) -> Vec<Period> {
    match parse_ranges(text) {
        Ok(ranges) => ranges
            .iter()
            .map(|(a, b)| (a.format("%H:%M").to_string(), b.format("%H:%M").to_string()))
            .collect(),
        Err(_) => vec![(text.to_owned(), String::new())],
    }
}

/// Rows back into the stored form `09:00-12:00,13:00-18:00` (empty rows left out).
pub(super) fn periods_text(rows: &[Period]) -> String {
    rows.iter()
        .filter(|(a, b)| !(a.trim().is_empty() && b.trim().is_empty()))
        .map(|(a, b)| format!("{}-{}", a.trim(), b.trim()))
        .collect::<Vec<_>>()
        .join(",")
}

/// Weekday flags as stored: `1,2,3,4,5`.
pub(super) fn weekdays_text(days: [bool; 7]) -> String {
    (1..=7)
        .zip(days)
        .filter(|(_, on)| *on)
        .map(|(n, _)| n.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

impl Form {
    /// Buffers showing `settings`.
    pub fn new(settings: &Settings) -> Self {
        let mut form = Self {
            base: settings.clone(),
            texts: BTreeMap::new(),
            weekdays: [true, true, true, true, true, false, false],
            hours: Vec::new(),
            windows: Vec::new(),
            acquisition: settings.acquisition,
            segments: Vec::new(),
            parsed: Ok(settings.clone()),
            refused: false,
        };
        form.show(settings);
        form
    }

    /// Puts `settings`' values in every buffer (the base stays).
    pub fn show(&mut self, settings: &Settings) {
        self.texts = texts(settings);
        self.weekdays = parse_weekdays(&settings.working_days).unwrap_or(self.weekdays);
        self.hours = periods(&settings.working_hours);
        self.windows = periods(&settings.ac_check_windows);
        self.acquisition = settings.acquisition;
        self.segments.clone_from(&settings.rfm_segments);
        self.edited();
    }

    /// Puts `settings`' value of one parameter back in its buffer.
    pub fn show_one(&mut self, settings: &Settings, key: &'static str) {
        match key {
            "working_days" => {
                self.weekdays = parse_weekdays(&settings.working_days).unwrap_or(self.weekdays);
            }
            "working_hours" => self.hours = periods(&settings.working_hours),
            "ac_check_windows" => self.windows = periods(&settings.ac_check_windows),
            "acquisition" => self.acquisition = settings.acquisition,
            "rfm_segments" => self.segments.clone_from(&settings.rfm_segments),
            _ => {
                if let Some(text) = texts(settings).remove(key) {
                    self.texts.insert(key, text);
                }
            }
        }
        self.edited();
    }

    /// Every buffer as the texts `parse_form` reads.
    fn all_texts(&self) -> BTreeMap<&'static str, String> {
        let mut all = self.texts.clone();
        all.insert("working_days", weekdays_text(self.weekdays));
        all.insert("working_hours", periods_text(&self.hours));
        all.insert("ac_check_windows", periods_text(&self.windows));
        let acquisition = match self.acquisition {
            Acquisition::Transaction => "transaction",
            Acquisition::Process => "process",
        };
        all.insert("acquisition", acquisition.to_owned());
        all.insert("rfm_segments", segments::to_text(&self.segments));
        all
    }

    /// Works the settings out again after an edit.
    pub fn edited(&mut self) {
        let mut parsed = parse_form(&self.base, &self.all_texts());
        // The table is checked as edited, so a name holding the stored
        // form's separator is named as such.
        let table = segments::check(&self.segments);
        if !table.is_empty() {
            let problem = FieldProblem { key: "rfm_segments", problem: Problem::Segments(table) };
            match &mut parsed {
                Ok(_) => parsed = Err(vec![problem]),
                Err(problems) => {
                    problems.retain(|p| p.key != "rfm_segments");
                    problems.push(problem);
                }
            }
        }
        self.parsed = parsed;
        if self.parsed.is_ok() {
            self.refused = false;
        }
    }

    /// True when the buffers differ from the stored settings.
    pub fn is_dirty(&self) -> bool {
        !self.parsed.as_ref().is_ok_and(|s| *s == self.base)
    }

    /// The problem of one field, if any.
    pub fn problem(&self, key: &str) -> Option<&FieldProblem> {
        self.parsed.as_ref().err()?.iter().find(|p| p.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_buffers_of_the_stored_settings_are_clean_and_edits_are_parsed() {
        let mut form = Form::new(&Settings::default());
        assert!(!form.is_dirty());
        assert_eq!(
            form.hours,
            [("09:00".into(), "12:00".into()), ("13:00".into(), "18:00".into())]
        );
        form.weekdays[5] = true;
        form.texts.insert("complaint_minutes", "120".into());
        form.edited();
        let s = form.parsed.clone().expect("valid");
        assert_eq!((s.working_days.as_str(), s.complaint_minutes), ("1,2,3,4,5,6", 120));
        assert!(form.is_dirty());
        form.show_one(&Settings::default(), "complaint_minutes");
        form.show_one(&Settings::default(), "working_days");
        assert!(!form.is_dirty(), "back to default field by field");
    }

    #[test]
    fn a_name_with_a_bar_is_named_as_such() {
        let mut form = Form::new(&Settings::default());
        form.segments[0].name_en = "Champ|ions".into();
        form.edited();
        let problem = form.problem("rfm_segments").expect("problem");
        assert!(matches!(&problem.problem, Problem::Segments(t) if t.rows.len() == 1));
    }
}
