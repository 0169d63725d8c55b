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
pub mod loyalty;
pub mod pareto;
pub mod report;
pub mod rfm;
pub mod satisfaction;
pub mod tiers;

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
/// customer id. O(n log c) for n rows and c customers.
pub fn aggregate<I>(transactions: I, snapshot: NaiveDate) -> Vec<CustomerAgg>
where
    I: IntoIterator<Item = (CustomerId, NaiveDate, i64)>,
{
    let mut by_customer: BTreeMap<CustomerId, CustomerAgg> = BTreeMap::new();
    for (customer, date, amount) in transactions {
        if date >= snapshot {
            continue;
        }
        by_customer
            .entry(customer)
            .and_modify(|a| {
                a.first = a.first.min(date);
                a.last = a.last.max(date);
                a.count = a.count.saturating_add(1);
                a.monetary_cents = a.monetary_cents.saturating_add(amount);
            })
            .or_insert(CustomerAgg {
                customer,
                first: date,
                last: date,
                count: 1,
                monetary_cents: amount,
            });
    }
    by_customer.into_values().collect()
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
        assert_eq!(aggregate(rows, d(snapshot)), expected);
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
}
