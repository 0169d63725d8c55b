//! Tests of the chart data: the thinned Pareto curve.

use super::*;

#[test]
fn a_long_pareto_curve_is_thinned_keeping_both_ends() {
    let n = 294_301;
    #[allow(clippy::cast_precision_loss)]
    let points: Vec<(f64, f64)> =
        (0..n).map(|i| (i as f64 / (n - 1) as f64, (i as f64 / (n - 1) as f64).sqrt())).collect();
    let thin = thin_curve(&points);
    assert!(thin.len() <= CURVE_POINTS + 1, "{} points", thin.len());
    assert!(thin.len() >= CURVE_POINTS / 2);
    assert_eq!((thin[0].x, thin[0].y), (0.0, 0.0));
    let end = thin.last().expect("points");
    assert_eq!((end.x, end.y), (100.0, 100.0));
    assert!(thin.windows(2).all(|w| w[0].x < w[1].x && w[0].y <= w[1].y), "still monotone");
}

#[test]
fn a_short_pareto_curve_is_kept_whole() {
    let points = [(0.0, 0.0), (0.5, 0.8), (1.0, 1.0)];
    let thin = thin_curve(&points);
    let got: Vec<(f64, f64)> = thin.iter().map(|p| (p.x, p.y)).collect();
    assert_eq!(got, vec![(0.0, 0.0), (50.0, 80.0), (100.0, 100.0)]);
}

#[test]
fn rfm_tallies_past_i64_stay_exact() {
    use crate::domain::analysis::CustomerAgg;
    use crate::domain::analysis::report::{AnalysisInput, CustomerInfo, analyse};
    use crate::domain::analysis::rfm::default_segments;
    use crate::domain::customer::CustomerId;
    use crate::domain::settings::Settings;
    use crate::domain::terms::LadderStep;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 10).expect("date");
    // Two customers alike in everything (one RFM cell, one segment), each at
    // the largest amount an i64 of cents holds.
    let ids = [CustomerId(1), CustomerId(2)];
    let input = AnalysisInput {
        snapshot: day.succ_opt(),
        customers: ids
            .iter()
            .map(|&id| CustomerInfo {
                id,
                code: format!("C-{}", id.0),
                ladder_step: LadderStep::Customer,
                poor_credit: false,
                importance_override: None,
                difficulty_override: None,
            })
            .collect(),
        aggs: ids
            .iter()
            .map(|&customer| CustomerAgg {
                customer,
                first: day,
                last: day,
                count: 1,
                monetary_cents: i64::MAX,
            })
            .collect(),
        transactions: 2,
        ..AnalysisInput::default()
    };
    let d = derive(&analyse(input, &Settings::default(), default_segments()), 0.2);
    let sum = i128::from(i64::MAX) * 2;
    let cells: Vec<Tally> = d.cells.iter().flatten().filter(|t| t.count > 0).copied().collect();
    assert_eq!(cells.len(), 1, "one cell");
    assert_eq!((cells[0].count, cells[0].monetary_cents), (2, sum));
    assert_eq!(cells[0].average_cents(), i128::from(i64::MAX));
    let segments: Vec<&Tally> = d.segments.values().collect();
    assert_eq!(segments.len(), 1, "one segment");
    assert_eq!(segments[0].monetary_cents, sum);
}

#[test]
fn the_difficulty_line_splits_easy_from_difficult_customers() {
    let line = |ds: &[f64], t| super::difficult_line(ds.iter().copied(), t);
    // Half-way between the last easy value and the threshold.
    assert!((line(&[0.0, 0.5, 1.5, 2.0, 3.0], 2.0) - 1.75).abs() < 1e-12);
    // A threshold between values: 2.0 is easy under 2.3, so the line is
    // right of it.
    assert!((line(&[0.0, 2.0, 2.5], 2.3) - 2.15).abs() < 1e-12);
    // Everybody difficult, or nobody there: at the threshold.
    assert!((line(&[2.0, 4.0], 2.0) - 2.0).abs() < 1e-12);
    assert!((line(&[], 2.0) - 2.0).abs() < 1e-12);
}
