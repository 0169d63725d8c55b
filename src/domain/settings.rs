//! Business settings with DOMAIN.md's defaults. Stored in the database's
//! `settings` table as key/value text (never in UI preferences).

use std::collections::BTreeMap;

use super::analysis::rfm::{SegmentRule, default_segments};

pub mod form;
pub mod segments;

/// Acquisition definition (客户获取, DOMAIN §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acquisition {
    /// 交易观: acquired at the first purchase.
    Transaction,
    /// 过程观: acquired at the first repeat purchase.
    Process,
}

/// Every business setting, typed. Percentages and rates are in basis points
/// or per-mille where exactness matters; temperatures in tenths of °C.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub churn_days: u32,
    pub acquisition: Acquisition,
    pub rotting_days: u32,
    /// CLV margin rate, retention and discount as fractions (0.30 = 30%).
    pub clv_margin_rate: f64,
    pub clv_retention: f64,
    pub clv_discount: f64,
    pub clv_horizon_years: u32,
    /// Share of customers (by CLV) counted as critical (0.2 = top 20%).
    pub tier_critical_share: f64,
    /// Difficulty score at or above which a customer is difficult.
    pub tier_difficult_threshold: f64,
    pub followup_days: u32,
    pub query_minutes: u32,
    pub complaint_minutes: u32,
    pub inquiry_first_response_minutes: u32,
    pub fault_repair_working_days: u32,
    pub visit_coverage_share: f64,
    pub survey_interval_days: u32,
    pub monthly_report_day: u32,
    pub ac_season_first_month: u32,
    pub ac_season_last_month: u32,
    pub ac_hot_threshold_tenths: i32,
    pub ac_summer_min_set_tenths: i32,
    pub ac_winter_threshold_tenths: i32,
    pub ac_winter_max_set_tenths: i32,
    pub ac_off_before_end_minutes: u32,
    /// Check windows and working hours as `HH:MM-HH:MM` lists.
    pub ac_check_windows: String,
    pub working_hours: String,
    /// Working weekdays, 1 = Monday … 7 = Sunday, e.g. `1,2,3,4,5`.
    pub working_days: String,
    /// The RFM segment table (DOMAIN §3.1), first match wins.
    pub rfm_segments: Vec<SegmentRule>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            churn_days: 365,
            acquisition: Acquisition::Transaction,
            rotting_days: 30,
            clv_margin_rate: 0.30,
            clv_retention: 0.80,
            clv_discount: 0.10,
            clv_horizon_years: 5,
            tier_critical_share: 0.20,
            tier_difficult_threshold: 2.0,
            followup_days: 30,
            query_minutes: 10,
            complaint_minutes: 240,
            inquiry_first_response_minutes: 30,
            fault_repair_working_days: 5,
            visit_coverage_share: 0.5,
            survey_interval_days: 365,
            monthly_report_day: 5,
            ac_season_first_month: 6,
            ac_season_last_month: 10,
            ac_hot_threshold_tenths: 290,
            ac_summer_min_set_tenths: 260,
            ac_winter_threshold_tenths: 50,
            ac_winter_max_set_tenths: 260,
            ac_off_before_end_minutes: 30,
            ac_check_windows: "09:00-11:00,15:00-17:00".into(),
            working_hours: "09:00-12:00,13:00-18:00".into(),
            working_days: "1,2,3,4,5".into(),
            rfm_segments: default_segments(),
        }
    }
}

/// A stored setting that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("setting {key} has the value {value:?}, which is not a valid {expected}")]
pub struct SettingError {
    pub key: String,
    pub value: String,
    pub expected: &'static str,
}

impl Settings {
    /// Every setting as `(key, text)`, the form stored in the database.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let acquisition = match self.acquisition {
            Acquisition::Transaction => "transaction",
            Acquisition::Process => "process",
        };
        vec![
            ("churn_days", self.churn_days.to_string()),
            ("acquisition", acquisition.to_owned()),
            ("rotting_days", self.rotting_days.to_string()),
            ("clv_margin_rate", self.clv_margin_rate.to_string()),
            ("clv_retention", self.clv_retention.to_string()),
            ("clv_discount", self.clv_discount.to_string()),
            ("clv_horizon_years", self.clv_horizon_years.to_string()),
            ("tier_critical_share", self.tier_critical_share.to_string()),
            ("tier_difficult_threshold", self.tier_difficult_threshold.to_string()),
            ("followup_days", self.followup_days.to_string()),
            ("query_minutes", self.query_minutes.to_string()),
            ("complaint_minutes", self.complaint_minutes.to_string()),
            ("inquiry_first_response_minutes", self.inquiry_first_response_minutes.to_string()),
            ("fault_repair_working_days", self.fault_repair_working_days.to_string()),
            ("visit_coverage_share", self.visit_coverage_share.to_string()),
            ("survey_interval_days", self.survey_interval_days.to_string()),
            ("monthly_report_day", self.monthly_report_day.to_string()),
            ("ac_season_first_month", self.ac_season_first_month.to_string()),
            ("ac_season_last_month", self.ac_season_last_month.to_string()),
            ("ac_hot_threshold_tenths", self.ac_hot_threshold_tenths.to_string()),
            ("ac_summer_min_set_tenths", self.ac_summer_min_set_tenths.to_string()),
            ("ac_winter_threshold_tenths", self.ac_winter_threshold_tenths.to_string()),
            ("ac_winter_max_set_tenths", self.ac_winter_max_set_tenths.to_string()),
            ("ac_off_before_end_minutes", self.ac_off_before_end_minutes.to_string()),
            ("ac_check_windows", self.ac_check_windows.clone()),
            ("working_hours", self.working_hours.clone()),
            ("working_days", self.working_days.clone()),
            ("rfm_segments", segments::to_text(&self.rfm_segments)),
        ]
    }

    /// Reads settings from stored pairs; a missing key keeps its default,
    /// an unreadable one is an error naming the key and value.
    pub fn from_pairs(pairs: &BTreeMap<String, String>) -> Result<Self, SettingError> {
        let mut s = Self::default();
        macro_rules! read {
            ($($field:ident),+) => {$(
                if let Some(v) = pairs.get(stringify!($field)) {
                    s.$field = v.trim().parse().map_err(|_| SettingError {
                        key: stringify!($field).into(),
                        value: v.clone(),
                        expected: "number",
                    })?;
                }
            )+};
        }
        read!(
            churn_days,
            rotting_days,
            clv_margin_rate,
            clv_retention,
            clv_discount,
            clv_horizon_years,
            tier_critical_share,
            tier_difficult_threshold,
            followup_days,
            query_minutes,
            complaint_minutes,
            inquiry_first_response_minutes,
            fault_repair_working_days,
            visit_coverage_share,
            survey_interval_days,
            monthly_report_day,
            ac_season_first_month,
            ac_season_last_month,
            ac_hot_threshold_tenths,
            ac_summer_min_set_tenths,
            ac_winter_threshold_tenths,
            ac_winter_max_set_tenths,
            ac_off_before_end_minutes
        );
        if let Some(v) = pairs.get("acquisition") {
            s.acquisition = match v.as_str() {
                "transaction" => Acquisition::Transaction,
                "process" => Acquisition::Process,
                _ => {
                    return Err(SettingError {
                        key: "acquisition".into(),
                        value: v.clone(),
                        expected: "acquisition (transaction/process)",
                    });
                }
            };
        }
        for (key, field) in [
            ("ac_check_windows", &mut s.ac_check_windows),
            ("working_hours", &mut s.working_hours),
            ("working_days", &mut s.working_days),
        ] {
            if let Some(v) = pairs.get(key) {
                v.clone_into(field);
            }
        }
        if let Some(v) = pairs.get("rfm_segments") {
            s.rfm_segments = segments::parse(v).map_err(|_| SettingError {
                key: "rfm_segments".into(),
                value: v.clone(),
                expected: "RFM segment table",
            })?;
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_pairs() {
        let mut s =
            Settings { churn_days: 200, acquisition: Acquisition::Process, ..Settings::default() };
        s.clv_discount = 0.125;
        let pairs: BTreeMap<String, String> =
            s.to_pairs().into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        assert_eq!(Settings::from_pairs(&pairs), Ok(s));
    }

    #[test]
    fn missing_keys_keep_defaults_and_bad_values_are_named() {
        assert_eq!(Settings::from_pairs(&BTreeMap::new()), Ok(Settings::default()));
        let bad = BTreeMap::from([("churn_days".to_owned(), "soon".to_owned())]);
        let err = Settings::from_pairs(&bad).expect_err("bad value");
        assert_eq!(err.key, "churn_days");
    }
}
