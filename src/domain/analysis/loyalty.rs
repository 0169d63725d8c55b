//! The loyalty ladder chart (DOMAIN §3.5, after Kotler): per ladder step the
//! number of customers (the width), the average revenue or CLV per customer
//! (the height) and the total revenue (the stepped area).

use crate::domain::terms::LadderStep;

/// One step of the ladder chart.
#[derive(Clone, Debug, PartialEq)]
pub struct LadderRow {
    pub step: LadderStep,
    /// Number of customers on the step (the bar's width).
    pub customers: usize,
    /// Total revenue of those customers, in cents (`i128`: exact for any
    /// number of customers).
    pub revenue_cents: i128,
    /// Average revenue per customer, in cents (0.0 for an empty step).
    pub avg_revenue: f64,
    /// Average CLV per customer, in cents (0.0 for an empty step).
    pub avg_clv: f64,
}

/// `sum / count` as an average; 0.0 for no items.
pub fn average(sum: f64, count: usize) -> f64 {
    if count == 0 { 0.0 } else { sum / count as f64 }
}

/// One row per ladder step, all six in ladder order (prospect → partner),
/// zeros for empty steps. Input: `(step, revenue in cents, CLV in cents)` per
/// customer; every customer given is counted, so the caller decides whether
/// customers without transactions (typically prospects, with revenue 0 and
/// CLV 0) are part of the chart. O(n).
pub fn loyalty_ladder(per_customer: &[(LadderStep, i64, f64)]) -> Vec<LadderRow> {
    // Per step: customers, revenue (i128 so the sum cannot overflow), CLV.
    let mut sums = vec![(0usize, 0i128, 0.0f64); LadderStep::ALL.len()];
    for &(step, revenue, clv) in per_customer {
        // Every step is in ALL, so the position always exists.
        if let Some(i) = LadderStep::ALL.iter().position(|s| *s == step) {
            sums[i].0 += 1;
            sums[i].1 += i128::from(revenue);
            sums[i].2 += clv;
        }
    }
    LadderStep::ALL
        .iter()
        .zip(sums)
        .map(|(&step, (customers, revenue, clv))| LadderRow {
            step,
            customers,
            revenue_cents: revenue,
            avg_revenue: average(revenue as f64, customers),
            avg_clv: average(clv, customers),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_util::assert_close;
    use super::*;

    /// Checks `(step, customers, revenue, avg_revenue, avg_clv)` for all six rows.
    fn check(input: &[(LadderStep, i64, f64)], expected: &[(LadderStep, usize, i64, f64, f64)]) {
        let got = loyalty_ladder(input);
        assert_eq!(got.len(), expected.len());
        for (g, &(step, customers, revenue, avg_revenue, avg_clv)) in got.iter().zip(expected) {
            assert_eq!((g.step, g.customers, g.revenue_cents), (step, customers, revenue.into()));
            assert_close(g.avg_revenue, avg_revenue, 1e-9);
            assert_close(g.avg_clv, avg_clv, 1e-9);
        }
    }

    use LadderStep::{Advocate, Client, Customer, Partner, Prospect, Supporter};

    #[test]
    fn empty_input_gives_six_zero_rows() {
        check(
            &[],
            &[
                (Prospect, 0, 0, 0.0, 0.0),
                (Customer, 0, 0, 0.0, 0.0),
                (Client, 0, 0, 0.0, 0.0),
                (Supporter, 0, 0, 0.0, 0.0),
                (Advocate, 0, 0, 0.0, 0.0),
                (Partner, 0, 0, 0.0, 0.0),
            ],
        );
    }

    #[test]
    fn sums_and_averages_per_step() {
        // Customer step: 1 000 + 3 000 = 4 000 over 2 → 2 000; CLV (500 + 1 500)/2 = 1 000.
        // Partner: one customer. Prospect: one with no revenue. Client: a refund
        // of −300 and a sale of 100 → −200 over 2 → −100.
        check(
            &[
                (Partner, 10_000, 9_000.0),
                (Customer, 1_000, 500.0),
                (Prospect, 0, 0.0),
                (Customer, 3_000, 1_500.0),
                (Client, -300, -90.0),
                (Client, 100, 30.0),
            ],
            &[
                (Prospect, 1, 0, 0.0, 0.0),
                (Customer, 2, 4_000, 2_000.0, 1_000.0),
                (Client, 2, -200, -100.0, -30.0),
                (Supporter, 0, 0, 0.0, 0.0),
                (Advocate, 0, 0, 0.0, 0.0),
                (Partner, 1, 10_000, 10_000.0, 9_000.0),
            ],
        );
    }

    #[test]
    fn revenues_that_sum_past_i64_stay_exact() {
        let max = i64::MAX;
        let rows =
            loyalty_ladder(&[(Customer, max, 0.0), (Customer, max, 0.0), (Partner, max, 0.0)]);
        let revenue = |step| rows.iter().find(|r| r.step == step).map(|r| r.revenue_cents);
        assert_eq!(revenue(Customer), Some(i128::from(max) * 2), "two ties at the largest amount");
        assert_eq!(revenue(Partner), Some(i128::from(max)), "one customer");
        assert_eq!(revenue(Prospect), Some(0), "empty");
        assert_close(rows[1].avg_revenue, max as f64, 1.0);
    }
}
