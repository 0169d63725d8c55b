//! Value analysis (DOMAIN §3): RFM scores and segments, the 80/20 split, the
//! four tiers, customer lifetime value, the loyalty ladder and satisfaction.
//!
//! Everything here is a pure function over plain values: no clock, no I/O,
//! money in integer cents (`i64`), dates as [`NaiveDate`]. Every analysis is
//! taken *as of a snapshot date*:
//!
//! - the default snapshot is the day after the latest transaction date
//!   ([`default_snapshot`]); the user may pick another;
//! - the per-customer aggregates ([`CustomerAgg`]) are built by the caller
//!   from the transactions dated **strictly before** the snapshot (a
//!   transaction on the snapshot day or later does not exist yet, as of the
//!   snapshot). [`aggregate`] is the reference implementation of that rule;
//!   the store may do the same in SQL (`WHERE date < ?snapshot GROUP BY
//!   customer`).
//!
//! With the default snapshot every transaction is included and every
//! customer's recency is at least one day.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::customer::CustomerId;

pub mod clv;
pub mod explain;
pub mod explain_text;
pub mod loyalty;
pub mod pareto;
pub mod report;
pub mod rfm;
pub mod satisfaction;
pub mod summary;
pub mod tiers;
pub mod whatif;

/// One customer's transactions before the snapshot, summed up. Only
/// customers with at least one such transaction have an aggregate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerAgg {
    pub customer: CustomerId,
    /// Date of the first transaction.
    pub first: NaiveDate,
    /// Date of the last transaction.
    pub last: NaiveDate,
    /// Number of transactions (F of RFM).
    pub count: u32,
    /// Sum of the amounts in cents (M of RFM); refunds may make it zero or
    /// negative.
    pub monetary_cents: i64,
}

/// DOMAIN §3: the default snapshot is the day after the latest transaction
/// date; `None` when there are no transactions (or the date is the last one
/// chrono can represent).
pub fn default_snapshot(latest: Option<NaiveDate>) -> Option<NaiveDate> {
    latest.and_then(|d| d.succ_opt())
}

/// Builds the aggregates from `(customer, date, amount_cents)` rows, keeping
/// only rows dated strictly before `snapshot`. The result is sorted by
/// customer id. O(n log c) for n rows and c customers. Amounts are summed in
/// `i128`; a customer whose sum does not fit M's `i64` is the error.
pub fn aggregate<I>(transactions: I, snapshot: NaiveDate) -> Result<Vec<CustomerAgg>, CustomerId>
where
    I: IntoIterator<Item = (CustomerId, NaiveDate, i64)>,
{
    let mut by_customer: BTreeMap<CustomerId, (CustomerAgg, i128)> = BTreeMap::new();
    for (customer, date, amount) in transactions {
        if date >= snapshot {
            continue;
        }
        by_customer
            .entry(customer)
            .and_modify(|(a, sum)| {
                a.first = a.first.min(date);
                a.last = a.last.max(date);
                a.count = a.count.saturating_add(1);
                *sum += i128::from(amount);
            })
            .or_insert((
                CustomerAgg { customer, first: date, last: date, count: 1, monetary_cents: 0 },
                amount.into(),
            ));
    }
    by_customer
        .into_values()
        .map(|(a, sum)| {
            Ok(CustomerAgg { monetary_cents: i64::try_from(sum).map_err(|_| a.customer)?, ..a })
        })
        .collect()
}

/// Test helpers shared by the analysis modules.
#[cfg(test)]
pub(crate) mod test_util {
    use chrono::NaiveDate;

    /// A date from `YYYY-MM-DD`; panics on a typo in a test.
    pub fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    /// Asserts two floats agree to within `eps`, with both in the message.
    #[track_caller]
    pub fn assert_close(actual: f64, expected: f64, eps: f64) {
        assert!(
            (actual - expected).abs() <= eps,
            "expected {expected}, got {actual} (difference {})",
            actual - expected
        );
    }
}

#[cfg(test)]
mod tests {
    use super::test_util::d;
    use super::*;

    fn check_snapshot(latest: Option<&str>, expected: Option<&str>) {
        assert_eq!(default_snapshot(latest.map(d)), expected.map(d));
    }

    #[test]
    fn default_snapshot_is_the_day_after_the_latest_transaction() {
        check_snapshot(None, None);
        check_snapshot(Some("2024-03-14"), Some("2024-03-15"));
        // Month, year and leap-day boundaries.
        check_snapshot(Some("2024-12-31"), Some("2025-01-01"));
        check_snapshot(Some("2024-02-28"), Some("2024-02-29"));
        check_snapshot(Some("2023-02-28"), Some("2023-03-01"));
        // The last representable date has no successor.
        assert_eq!(default_snapshot(Some(NaiveDate::MAX)), None);
    }

    fn check_aggregate(rows: &[(i64, &str, i64)], snapshot: &str, expected: &[CustomerAgg]) {
        let rows = rows.iter().map(|&(c, date, amount)| (CustomerId(c), d(date), amount));
        assert_eq!(aggregate(rows, d(snapshot)).as_deref(), Ok(expected));
    }

    fn agg(c: i64, first: &str, last: &str, count: u32, m: i64) -> CustomerAgg {
        CustomerAgg {
            customer: CustomerId(c),
            first: d(first),
            last: d(last),
            count,
            monetary_cents: m,
        }
    }

    #[test]
    fn aggregate_keeps_only_rows_strictly_before_the_snapshot() {
        check_aggregate(&[], "2024-01-01", &[]);
        check_aggregate(
            &[
                (2, "2023-05-01", 1_000),
                (1, "2023-12-31", 250),
                (2, "2023-01-15", 500),
                // On the snapshot day and after: not yet, as of the snapshot.
                (2, "2024-01-01", 99_999),
                (3, "2024-02-01", 99_999),
                // A refund and a zero-amount row still count as transactions.
                (1, "2023-06-30", -250),
                (1, "2023-07-01", 0),
            ],
            "2024-01-01",
            &[
                // Customer 1: 250 − 250 + 0 = 0 over three rows.
                agg(1, "2023-06-30", "2023-12-31", 3, 0),
                agg(2, "2023-01-15", "2023-05-01", 2, 1_500),
            ],
        );
    }

    #[test]
    fn aggregate_names_a_customer_whose_sum_does_not_fit() {
        let max = i64::MAX;
        let rows = |amounts: &[(i64, i64)]| -> Vec<(CustomerId, NaiveDate, i64)> {
            amounts.iter().map(|&(c, m)| (CustomerId(c), d("2023-01-01"), m)).collect()
        };
        assert_eq!(
            aggregate(rows(&[(1, 5), (2, max), (2, 1)]), d("2024-01-01")),
            Err(CustomerId(2))
        );
        // A refund brings the running sum back: only the end must fit.
        let back = aggregate(rows(&[(1, max), (1, max), (1, -max)]), d("2024-01-01"));
        assert_eq!(back.map(|a| a[0].monetary_cents), Ok(max));
        check_aggregate(
            &[(1, "2023-01-01", max)],
            "2024-01-01",
            &[agg(1, "2023-01-01", "2023-01-01", 1, max)],
        );
    }
}
