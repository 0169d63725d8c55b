//! The chart data of one analysis, derived once per analysis on the
//! analysis worker, never per frame.

use std::collections::BTreeMap;

use egui_plot::PlotPoint;

use crate::domain::analysis::pareto::curve;
use crate::domain::analysis::report::{Analysis, tier_counts};
use crate::domain::terms::Tier;

/// Customers and their monetary sum (in `i128`, exactly) in one RFM cell or
/// segment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Tally {
    pub(super) count: usize,
    pub(super) monetary_cents: i128,
}

impl Tally {
    /// The average monetary value in cents (0 for an empty tally).
    pub(super) fn average_cents(self) -> i128 {
        if self.count == 0 {
            0
        } else {
            self.monetary_cents / i128::try_from(self.count).unwrap_or(1)
        }
    }
}

/// One of the most common RFM cells and how many customers are in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct CellCount {
    pub(super) cell: String,
    pub(super) count: usize,
}

/// What the charts derive from one analysis: computed once per analysis on
/// the analysis worker ([`derive`]), never per frame (at a million
/// transactions these are hundreds of thousands of customers).
#[derive(Debug, Default)]
pub struct Derived {
    /// Count and monetary sum per (R, F) cell, `cells[r - 1][f - 1]`.
    pub(super) cells: [[Tally; 5]; 5],
    /// Count and monetary sum per segment index.
    pub(super) segments: BTreeMap<usize, Tally>,
    /// The 15 most common RFM cells with their counts.
    pub(super) top_cells: Vec<CellCount>,
    /// The Pareto curve in percent.
    pub(super) pareto: Vec<PlotPoint>,
    /// Importance of the least important critical customer (the quadrant line).
    pub(super) critical_cut: f64,
    /// (difficulty, importance) per tier, of the customers whose tier is
    /// computed.
    pub(super) tier_points: Vec<(Tier, Vec<PlotPoint>)>,
    /// The same of the customers whose tier was set by hand (drawn as rings,
    /// where their figures put them; every one of them).
    pub(super) hand_points: Vec<(Tier, Vec<PlotPoint>)>,
    pub(super) max_difficulty: f64,
    /// Where the matrix's difficulty line is drawn: see [`difficult_line`].
    pub(super) difficult_line: f64,
    /// CLV histogram: lowest value, bin width (yuan) and members per bin.
    pub(super) clv_lo: f64,
    pub(super) clv_step: f64,
    pub(super) clv_bins: Vec<Vec<usize>>,
    /// The 15 customers with the highest CLV.
    pub(super) clv_top: Vec<usize>,
    /// Customers and revenue per tier.
    pub(super) tier_counts: Vec<(Tier, usize, i128)>,
}

/// Number of bins of the CLV histogram.
pub(super) const CLV_BINS: usize = 20;

/// Points the Pareto curve keeps at most (a chart is narrower than this).
const CURVE_POINTS: usize = 2_000;

/// Grid cells per axis of the tier scatter within which dots are merged.
const SCATTER_CELLS: u32 = 1_000;

/// The Pareto curve in percent with at most about `CURVE_POINTS` points:
/// every k-th point, the first and the last kept, so the drawn line stays
/// the same (it is monotone and changes slowly between neighbours).
fn thin_curve(points: &[(f64, f64)]) -> Vec<PlotPoint> {
    let step = points.len().div_ceil(CURVE_POINTS).max(1);
    let last = points.len().saturating_sub(1);
    points
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0 || *i == last)
        .map(|(_, &(x, y))| PlotPoint::new(x * 100.0, y * 100.0))
        .collect()
}

/// Whether the customer's tier was set by hand (an importance or difficulty
/// override).
fn by_hand(c: &crate::domain::analysis::report::CustomerResult) -> bool {
    c.info.importance_override.is_some() || c.info.difficulty_override.is_some()
}

/// Where the difficulty line of the matrix goes: half-way between the
/// highest difficulty below `threshold` and the threshold, so that every
/// customer left of it is easy and every one right of it (or on the
/// threshold itself) is difficult, as the rule `difficulty ≥ threshold`
/// says; at the threshold when no customer is below it.
pub fn difficult_line(difficulties: impl Iterator<Item = f64>, threshold: f64) -> f64 {
    let below = difficulties.filter(|d| *d < threshold).fold(f64::NEG_INFINITY, f64::max);
    if below.is_finite() { (below + threshold) / 2.0 } else { threshold }
}

/// The chart data of one analysis (the app calls it on the worker thread);
/// `critical_share` is the setting that places the matrix's importance line.
pub fn derive(a: &Analysis, critical_share: f64) -> Derived {
    let mut d = Derived::default();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for c in &a.customers {
        let cell = &mut d.cells[usize::from(c.rfm.r.max(1) - 1)][usize::from(c.rfm.f.max(1) - 1)];
        cell.count += 1;
        cell.monetary_cents += i128::from(c.rfm.monetary_cents);
        let seg = d.segments.entry(c.rfm.segment).or_default();
        seg.count += 1;
        seg.monetary_cents += i128::from(c.rfm.monetary_cents);
        *counts.entry(c.rfm.cell()).or_default() += 1;
    }
    d.top_cells = counts.into_iter().map(|(cell, count)| CellCount { cell, count }).collect();
    d.top_cells.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.cell.cmp(&y.cell)));
    d.top_cells.truncate(15);
    d.pareto = thin_curve(&curve(&a.pareto));
    // Between the last computed-critical importance and the next one down
    // (critical ⇔ h < ⌈share·n⌉, importance = 1 − h/n), so that the line
    // splits the axis as the rule does; a customer whose importance was set
    // by hand keeps its dot where it was computed, in its tier's colour.
    #[allow(clippy::cast_precision_loss)] // Customer counts.
    let n = a.customers.len() as f64;
    #[allow(clippy::cast_precision_loss)]
    let cut =
        crate::domain::analysis::tiers::critical_count(critical_share, a.customers.len()) as f64;
    d.critical_cut = if n > 0.0 { 1.0 - (cut - 0.5) / n } else { 1.0 };
    d.max_difficulty = a.customers.iter().map(|c| c.tier.difficulty).fold(0.0, f64::max);
    d.difficult_line = difficult_line(
        a.customers.iter().map(|c| c.tier.difficulty),
        a.tier_params.difficult_threshold,
    );
    // One dot per tier and cell of a fine grid: customers whose dots would
    // cover each other on screen are drawn once (there can be hundreds of
    // thousands; what the matrix shows does not change).
    let x_cell = d.max_difficulty.max(1.0) / f64::from(SCATTER_CELLS);
    d.tier_points = Tier::ALL
        .iter()
        .map(|tier| {
            let mut seen = std::collections::HashSet::new();
            let pts = a
                .customers
                .iter()
                .filter(|c| c.tier.tier == *tier && !by_hand(c))
                .filter(|c| {
                    #[allow(clippy::cast_possible_truncation)] // Grid cells are small.
                    let cell = (
                        (c.tier.difficulty / x_cell).round() as i64,
                        (c.tier.importance * f64::from(SCATTER_CELLS)).round() as i64,
                    );
                    seen.insert(cell)
                })
                .map(|c| PlotPoint::new(c.tier.difficulty, c.tier.importance))
                .collect();
            (*tier, pts)
        })
        .collect();
    d.hand_points = Tier::ALL
        .iter()
        .map(|tier| {
            let pts = a
                .customers
                .iter()
                .filter(|c| c.tier.tier == *tier && by_hand(c))
                .map(|c| PlotPoint::new(c.tier.difficulty, c.tier.importance))
                .collect();
            (*tier, pts)
        })
        .filter(|(_, pts): &(Tier, Vec<PlotPoint>)| !pts.is_empty())
        .collect();
    let values: Vec<f64> = a.customers.iter().map(|c| c.clv.clv / 100.0).collect();
    let (lo, hi) = values.iter().fold((f64::MAX, f64::MIN), |(lo, hi), x| (lo.min(*x), hi.max(*x)));
    d.clv_lo = if values.is_empty() { 0.0 } else { lo };
    #[allow(clippy::cast_precision_loss)]
    let step = ((hi - lo) / CLV_BINS as f64).max(1.0);
    d.clv_step = step;
    d.clv_bins = vec![Vec::new(); CLV_BINS];
    for (i, x) in values.iter().enumerate() {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let b = (((x - lo) / step) as usize).min(CLV_BINS - 1);
        d.clv_bins[b].push(i);
    }
    let mut top: Vec<usize> = (0..a.customers.len()).collect();
    top.sort_by(|&i, &j| a.customers[j].clv.clv.total_cmp(&a.customers[i].clv.clv));
    top.truncate(15);
    d.clv_top = top;
    d.tier_counts = tier_counts(a);
    d
}

#[cfg(test)]
mod tests;
