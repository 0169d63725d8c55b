//! The 80/20 split (DOMAIN §3.2): customers ranked by monetary value, the
//! revenue share of the top ⌈0.2·n⌉, the smallest k reaching 80% of revenue,
//! and the Pareto curve.
//!
//! Edge cases, decided here:
//! - ties in M keep the order they were given in (stable sort); the caller
//!   passes customers sorted by customer code, so ties rank by code;
//! - n = 0: everything is zero and the curve is the single point (0, 0);
//! - total ≤ 0 (all amounts zero, or refunds outweighing sales): revenue
//!   shares are meaningless and reported as 0.0, and k80 = 0, which is what
//!   the definition gives literally (0 customers already reach 80% of a total
//!   that is not positive);
//! - negative M (net refunds) ranks last; the cumulative revenue is then not
//!   monotone and can exceed the total (share > 1.0) before the negative
//!   customers bring it back to exactly 1.0 at the end. k80 still exists and
//!   lies among the customers with M > 0, since their sum is ≥ the total.

use crate::domain::customer::CustomerId;

/// The result of the 80/20 analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Pareto {
    /// Number of customers (those with at least one transaction before the
    /// snapshot).
    pub n: usize,
    /// Sum of all monetary values, in cents (`i128`: many amounts near the
    /// largest `i64` still sum exactly).
    pub total_cents: i128,
    /// Customers by monetary value, highest first; ties in input order.
    pub ranked: Vec<(CustomerId, i64)>,
    /// ⌈0.2·n⌉.
    pub top20_count: usize,
    /// Revenue share of the first `top20_count` customers of `ranked`.
    pub top20_share: f64,
    /// The smallest k such that the first k customers' revenue reaches at
    /// least 80% of the total.
    pub k80: usize,
    /// k80 / n (0.0 when n = 0).
    pub k80_share_of_customers: f64,
}

/// ⌈0.2·n⌉, in exact integer arithmetic.
pub fn top20_count(n: usize) -> usize {
    n.div_ceil(5)
}

/// Whether a cumulative revenue reaches at least 80% of the total, exactly:
/// cum ≥ 0.8·total ⇔ 5·cum ≥ 4·total.
pub fn reaches_80pct(cum_cents: i128, total_cents: i128) -> bool {
    5 * cum_cents >= 4 * total_cents
}

/// `part / total` as a share; 0.0 when the total is not positive.
pub fn revenue_share(part_cents: i128, total_cents: i128) -> f64 {
    if total_cents <= 0 { 0.0 } else { part_cents as f64 / total_cents as f64 }
}

/// `count / n` as a share of customers; 0.0 when n = 0.
pub fn customer_share(count: usize, n: usize) -> f64 {
    if n == 0 { 0.0 } else { count as f64 / n as f64 }
}

/// Ranks `monetary` (customer, M in cents) and computes the 80/20 figures.
/// O(n log n).
pub fn pareto(monetary: &[(CustomerId, i64)]) -> Pareto {
    let mut ranked = monetary.to_vec();
    // Stable: ties keep their input order.
    ranked.sort_by_key(|&(_, m)| std::cmp::Reverse(m));
    let h = headline(ranked.len(), |i| ranked[i].1);
    Pareto {
        n: h.n,
        total_cents: h.total_cents,
        ranked,
        top20_count: h.top20_count,
        top20_share: h.top20_share,
        k80: h.k80,
        k80_share_of_customers: h.k80_share_of_customers,
    }
}

/// The headline figures of [`Pareto`], without the ranking.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Headline {
    pub n: usize,
    pub total_cents: i128,
    pub top20_count: usize,
    pub top20_share: f64,
    pub k80: usize,
    pub k80_share_of_customers: f64,
}

impl Headline {
    /// The figures of a [`Pareto`].
    pub fn of(p: &Pareto) -> Self {
        Self {
            n: p.n,
            total_cents: p.total_cents,
            top20_count: p.top20_count,
            top20_share: p.top20_share,
            k80: p.k80,
            k80_share_of_customers: p.k80_share_of_customers,
        }
    }
}

/// The figures of `n` monetary values ranked highest first, `m(i)` being
/// rank i's (0-based). They do not depend on the order of tied values, so
/// any descending sort gives the same figures. O(n).
pub fn headline(n: usize, m: impl Fn(usize) -> i64) -> Headline {
    // Sums in i128, which no sum of i64 amounts can overflow.
    let total: i128 = (0..n).map(|i| i128::from(m(i))).sum();
    let top20 = top20_count(n);
    let top20_sum: i128 = (0..top20).map(|i| i128::from(m(i))).sum();
    let mut k80 = 0;
    let mut cum: i128 = 0;
    while !reaches_80pct(cum, total) && k80 < n {
        cum += i128::from(m(k80));
        k80 += 1;
    }
    Headline {
        n,
        total_cents: total,
        top20_count: top20,
        top20_share: revenue_share(top20_sum, total),
        k80,
        k80_share_of_customers: customer_share(k80, n),
    }
}

/// The Pareto curve: (cumulative share of customers, cumulative share of
/// revenue) after each ranked customer, starting at (0, 0); n + 1 points.
/// Point i (1-based) is rank i of the `pareto` report.
pub fn curve(p: &Pareto) -> Vec<(f64, f64)> {
    let total = p.total_cents;
    let mut points = Vec::with_capacity(p.n + 1);
    points.push((0.0, 0.0));
    let mut cum: i128 = 0;
    for (i, &(_, m)) in p.ranked.iter().enumerate() {
        cum += i128::from(m);
        points.push((customer_share(i + 1, p.n), revenue_share(cum, total)));
    }
    points
}

#[cfg(test)]
mod tests {
    use super::super::test_util::assert_close;
    use super::*;

    fn input(amounts: &[i64]) -> Vec<(CustomerId, i64)> {
        (1..).zip(amounts).map(|(id, &m)| (CustomerId(id), m)).collect()
    }

    /// Checks `(top20_count, top20_share, k80, k80/n)` for the amounts of
    /// customers 1, 2, 3, ….
    fn check(amounts: &[i64], expected: (usize, f64, usize, f64)) {
        let p = pareto(&input(amounts));
        assert_eq!(p.n, amounts.len());
        assert_eq!(p.total_cents, amounts.iter().map(|&m| i128::from(m)).sum::<i128>());
        assert_eq!(p.top20_count, expected.0, "top20_count of {amounts:?}");
        assert_close(p.top20_share, expected.1, 1e-12);
        assert_eq!(p.k80, expected.2, "k80 of {amounts:?}");
        assert_close(p.k80_share_of_customers, expected.3, 1e-12);
    }

    #[test]
    fn top20_count_is_the_ceiling_of_a_fifth() {
        for (n, expected) in [(0, 0), (1, 1), (2, 1), (4, 1), (5, 1), (6, 2), (10, 2), (11, 3)] {
            assert_eq!(top20_count(n), expected, "n = {n}");
        }
    }

    #[test]
    fn no_customers() {
        check(&[], (0, 0.0, 0, 0.0));
        assert_eq!(curve(&pareto(&[])), [(0.0, 0.0)]);
    }

    #[test]
    fn small_n() {
        // n = 1: ⌈0.2⌉ = 1 customer holds 100%; k80 = 1 of 1.
        check(&[500], (1, 1.0, 1, 1.0));
        // n = 2: ⌈0.4⌉ = 1; top 300 of 400 = 0.75; 300 < 320 → k80 = 2, 2/2.
        check(&[100, 300], (1, 0.75, 2, 1.0));
        // n = 5: ⌈1.0⌉ = 1; 500/1000 = 0.5; cum 500, 700, 800 ≥ 800 → k80 = 3, 3/5.
        check(&[100, 500, 100, 200, 100], (1, 0.5, 3, 0.6));
        // n = 6: ⌈1.2⌉ = 2; (400 + 300)/1000 = 0.7; cum 400, 700, 850 → k80 = 3, 3/6.
        check(&[50, 400, 100, 300, 150, 0], (2, 0.7, 3, 0.5));
    }

    #[test]
    fn k80_on_exact_80_percent_boundaries() {
        // Exactly 80% with one customer: 80 of 100 → k = 1.
        check(&[80, 20], (1, 0.8, 1, 0.5));
        // One cent short: 79 of 100 → needs the second.
        check(&[79, 21], (1, 0.79, 2, 1.0));
        // Exactly 80% after two: 40 + 40 = 80 of 100 → k = 2.
        check(&[40, 20, 40], (1, 0.4, 2, 2.0 / 3.0));
        // 40 + 39 = 79 < 80 → k = 3.
        check(&[40, 39, 21], (1, 0.4, 3, 1.0));
        // Cents matter: 8 000 of 10 001 is 79.99…% → k = 2.
        check(&[8_000, 2_001], (1, 8_000.0 / 10_001.0, 2, 1.0));
    }

    #[test]
    fn zero_totals_give_zero_shares_and_k80_zero() {
        // All zero amounts: shares 0.0, and 0 customers reach 80% of 0.
        check(&[0, 0, 0], (1, 0.0, 0, 0.0));
        let p = pareto(&input(&[0, 0]));
        assert_eq!(curve(&p), [(0.0, 0.0), (0.5, 0.0), (1.0, 0.0)]);
        // Refunds outweigh sales: total −50, also shares 0.0 and k80 = 0.
        check(&[100, -150], (1, 0.0, 0, 0.0));
    }

    #[test]
    fn negative_monetary_ranks_last_and_the_curve_can_overshoot() {
        // Total 100 − 20 + 20 = 100. Ranked 100, 20, −20.
        let p = pareto(&input(&[100, -20, 20]));
        assert_eq!(p.ranked, [(CustomerId(1), 100), (CustomerId(3), 20), (CustomerId(2), -20)]);
        assert_eq!((p.top20_count, p.k80), (1, 1));
        assert_close(p.top20_share, 1.0, 1e-12);
        let c = curve(&p);
        assert_eq!(c.len(), 4);
        assert_close(c[2].1, 1.2, 1e-12);
        assert_close(c[3].1, 1.0, 1e-12);
    }

    #[test]
    fn ties_keep_input_order() {
        let p = pareto(&input(&[100, 200, 100, 200]));
        let order: Vec<i64> = p.ranked.iter().map(|(c, _)| c.0).collect();
        assert_eq!(order, [2, 4, 1, 3]);
    }

    #[test]
    fn curve_points_by_hand() {
        // Ranked 500, 200, 100, 100, 100 of 1000.
        let p = pareto(&input(&[100, 500, 100, 200, 100]));
        let expected = [(0.0, 0.0), (0.2, 0.5), (0.4, 0.7), (0.6, 0.8), (0.8, 0.9), (1.0, 1.0)];
        let got = curve(&p);
        assert_eq!(got.len(), expected.len());
        for (g, e) in got.iter().zip(expected) {
            assert_close(g.0, e.0, 1e-12);
            assert_close(g.1, e.1, 1e-12);
        }
    }

    #[test]
    fn amounts_that_sum_past_i64_keep_exact_totals_and_shares() {
        let max = i64::MAX;
        // One customer: holds everything.
        let p = pareto(&input(&[max]));
        assert_eq!((p.total_cents, p.k80), (i128::from(max), 1));
        assert_close(p.top20_share, 1.0, 1e-12);
        // Ties at the largest amount: the curve ends at exactly 1.0.
        let p = pareto(&input(&[max, max, max, max, max, max]));
        assert_eq!(p.total_cents, i128::from(max) * 6);
        assert_close(p.top20_share, 2.0 / 6.0, 1e-12);
        assert_eq!(p.k80, 5, "5 of 6 equal customers reach 80%");
        let c = curve(&p);
        assert!(c.iter().all(|&(_, share)| share <= 1.0 + 1e-12), "{c:?}");
        assert_close(c[6].1, 1.0, 1e-12);
        // No customers: still empty.
        assert_eq!(pareto(&[]).total_cents, 0);
    }
}
