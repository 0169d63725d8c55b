//! Customer lifetime value (DOMAIN §3.4): "the discounted value of the
//! customer's future value", from the observed annual margin.
//!
//! observed years = max(days(first → snapshot) ÷ 365.25, 1/12);
//! m = (M ÷ observed years) × margin rate;
//! CLV = Σ_{t=1..N} m · r^(t−1) / (1 + d)^t.
//!
//! Amounts stay in cents but become `f64` here (a margin per year is not a
//! whole number of cents). A negative M (net refunds) gives a negative CLV;
//! it is not clamped, so the figure stays honest.

use chrono::NaiveDate;

use crate::domain::settings::Settings;

/// The CLV parameters (settings `clv_*`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClvParams {
    /// Margin rate as a fraction (0.30 = 30%).
    pub margin_rate: f64,
    /// Yearly retention r as a fraction.
    pub retention: f64,
    /// Yearly discount rate d as a fraction.
    pub discount: f64,
    /// Horizon N in years.
    pub horizon_years: u32,
}

impl From<&Settings> for ClvParams {
    fn from(s: &Settings) -> Self {
        Self {
            margin_rate: s.clv_margin_rate,
            retention: s.clv_retention,
            discount: s.clv_discount,
            horizon_years: s.clv_horizon_years,
        }
    }
}

impl Default for ClvParams {
    /// DOMAIN's defaults: margin 30%, retention 80%, discount 10%, 5 years.
    fn default() -> Self {
        Self::from(&Settings::default())
    }
}

/// One customer's CLV and the intermediate figures shown beside it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clv {
    /// Observed years, at least 1/12.
    pub observed_years: f64,
    /// Annual margin m, in cents.
    pub annual_margin: f64,
    /// CLV, in cents.
    pub clv: f64,
}

/// Observed years: max(days from the first transaction to the snapshot ÷
/// 365.25, 1/12). A first date on or after the snapshot gets the floor.
pub fn observed_years(first: NaiveDate, snapshot: NaiveDate) -> f64 {
    let days = (snapshot - first).num_days() as f64;
    (days / 365.25).max(1.0 / 12.0)
}

/// Annual margin m = (M ÷ observed years) × margin rate, in cents. M may be
/// an amount or a sum (`i128`).
pub fn annual_margin(
    monetary_cents: impl Into<i128>,
    observed_years: f64,
    margin_rate: f64,
) -> f64 {
    monetary_cents.into() as f64 / observed_years * margin_rate
}

/// One year's term of the CLV sum: m · r^(t−1) / (1 + d)^t.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClvTerm {
    /// The year t, from 1.
    pub year: u32,
    /// r^(t−1): the share of the customer still kept in year t.
    pub kept: f64,
    /// (1 + d)^t: the discount of year t.
    pub growth: f64,
    /// The term m · r^(t−1) / (1 + d)^t, in cents.
    pub value: f64,
}

/// The N terms of the CLV sum, year 1 first (what [`discounted_value`]
/// adds up, computed the same way).
pub fn terms(annual_margin: f64, p: &ClvParams) -> impl Iterator<Item = ClvTerm> + use<> {
    let (discount, retention) = (p.discount, p.retention);
    let mut kept = 1.0; // r^(t−1)
    let mut growth = 1.0; // (1 + d)^t
    (1..=p.horizon_years).map(move |year| {
        growth *= 1.0 + discount;
        let term = ClvTerm { year, kept, growth, value: annual_margin * kept / growth };
        kept *= retention;
        term
    })
}

/// CLV = Σ_{t=1..N} m · r^(t−1) / (1 + d)^t, in cents; 0 when N = 0.
pub fn discounted_value(annual_margin: f64, p: &ClvParams) -> f64 {
    terms(annual_margin, p).fold(0.0, |sum, t| sum + t.value)
}

/// A customer's CLV from its monetary value M (cents), first transaction
/// date and the snapshot.
pub fn clv(
    monetary_cents: impl Into<i128>,
    first: NaiveDate,
    snapshot: NaiveDate,
    p: &ClvParams,
) -> Clv {
    let observed_years = observed_years(first, snapshot);
    let annual_margin = annual_margin(monetary_cents, observed_years, p.margin_rate);
    Clv { observed_years, annual_margin, clv: discounted_value(annual_margin, p) }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{assert_close, d};
    use super::*;

    /// With the defaults, Σ_{t=1..5} 0.8^(t−1) / 1.1^t
    /// = (1/1.1)(1 − (8/11)^5) / (1 − 8/11) = (1 − 32768/161051) / 0.3
    /// = 427610/161051 ≈ 2.655121669533.
    const DEFAULT_FACTOR: f64 = 427_610.0 / 161_051.0;

    /// Checks `(observed_years, annual_margin, clv)` to within 1e-6.
    fn check(m: i64, first: &str, snapshot: &str, p: &ClvParams, expected: (f64, f64, f64)) {
        let got = clv(m, d(first), d(snapshot), p);
        assert_close(got.observed_years, expected.0, 1e-9);
        assert_close(got.annual_margin, expected.1, 1e-6);
        assert_close(got.clv, expected.2, 1e-6);
    }

    #[test]
    fn defaults_come_from_settings() {
        let p = ClvParams::default();
        assert_eq!(
            p,
            ClvParams { margin_rate: 0.30, retention: 0.80, discount: 0.10, horizon_years: 5 }
        );
        // The factor term by term: 1/1.1 + 0.8/1.21 + 0.64/1.331 + 0.512/1.4641
        // + 0.4096/1.61051 = 0.909091 + 0.661157 + 0.480841 + 0.349703 + 0.254330.
        assert_close(discounted_value(1.0, &p), DEFAULT_FACTOR, 1e-12);
        assert_close(DEFAULT_FACTOR, 2.655_121_669_533, 1e-12);
    }

    #[test]
    fn four_years_of_ten_thousand_yuan() {
        // M = 1 000 000 cents; 2020-01-01 → 2024-01-01 = 1461 days = 4 × 365.25 → 4 years.
        // m = 1 000 000 / 4 × 0.3 = 75 000 cents a year.
        // CLV = 75 000 × 427610/161051 = 32 070 750 000/161051 ≈ 199 134.125215 cents.
        check(
            1_000_000,
            "2020-01-01",
            "2024-01-01",
            &ClvParams::default(),
            (4.0, 75_000.0, 199_134.125_214_994),
        );
    }

    #[test]
    fn observed_years_floor_is_one_month() {
        // 1/12 year = 30.4375 days. 10 days → floor 1/12: m = 10 000 × 12 × 0.3 = 36 000,
        // CLV = 36 000 × 427610/161051 ≈ 95 584.380103 cents.
        check(
            10_000,
            "2024-06-21",
            "2024-07-01",
            &ClvParams::default(),
            (1.0 / 12.0, 36_000.0, 95_584.380_103_197),
        );
        // 30 days (0.0821 y) is still floored; 31 days (0.0849 y) is not.
        assert_close(observed_years(d("2024-06-01"), d("2024-07-01")), 1.0 / 12.0, 1e-15);
        assert_close(observed_years(d("2024-05-31"), d("2024-07-01")), 31.0 / 365.25, 1e-15);
        // First purchase on the snapshot's eve (1 day) and on the snapshot itself.
        assert_close(observed_years(d("2024-06-30"), d("2024-07-01")), 1.0 / 12.0, 1e-15);
        assert_close(observed_years(d("2024-07-01"), d("2024-07-01")), 1.0 / 12.0, 1e-15);
    }

    #[test]
    fn zero_and_negative_monetary() {
        // 2023 has 365 days: 365/365.25 years, not 1.
        check(0, "2023-01-01", "2024-01-01", &ClvParams::default(), (365.0 / 365.25, 0.0, 0.0));
        // Net refunds of 365.25 yuan over 365 days = 365/365.25 years:
        // −36 525 × 365.25 / 365 = −36 550.017123…; × 0.3 = −10 965.005137 cents a year.
        let years = 365.0 / 365.25;
        let m = -36_525.0 / years * 0.3;
        assert_close(m, -10_965.005_136_986, 1e-6);
        check(
            -36_525,
            "2023-01-01",
            "2024-01-01",
            &ClvParams::default(),
            (years, m, m * DEFAULT_FACTOR),
        );
    }

    #[test]
    fn horizon_and_rate_edge_cases() {
        let base = ClvParams::default();
        // N = 0: nothing in the future.
        assert_close(discounted_value(1_000.0, &ClvParams { horizon_years: 0, ..base }), 0.0, 0.0);
        // N = 1: m / (1 + d) = 1 100 / 1.1 = 1 000.
        assert_close(
            discounted_value(1_100.0, &ClvParams { horizon_years: 1, ..base }),
            1_000.0,
            1e-9,
        );
        // r = 1, d = 0: N × m.
        let flat = ClvParams { retention: 1.0, discount: 0.0, horizon_years: 7, ..base };
        assert_close(discounted_value(250.0, &flat), 1_750.0, 1e-9);
        // N = 2, r = 0.5, d = 0.25: 100/1.25 + 100 × 0.5/1.5625 = 80 + 32 = 112.
        let two = ClvParams { retention: 0.5, discount: 0.25, horizon_years: 2, ..base };
        assert_close(discounted_value(100.0, &two), 112.0, 1e-9);
        let t: Vec<ClvTerm> = terms(100.0, &two).collect();
        assert_eq!(t.len(), 2);
        assert_close(t[0].value, 80.0, 1e-9);
        assert_close(t[1].kept, 0.5, 0.0);
        assert_close(t[1].growth, 1.5625, 1e-12);
        assert_close(t[1].value, 32.0, 1e-9);
    }
}
