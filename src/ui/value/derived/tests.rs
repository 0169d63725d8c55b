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
