//! The figures of the summary report (CLI.md `report summary`) from compact
//! per-customer columns: what the summary prints and nothing more. No code
//! strings, no per-customer result records, no ranking kept: the 80/20
//! figures come from the monetary values sorted alone (they do not depend
//! on the order of ties), and the critical axis from the CLV at the cut
//! (a selection, not a sort). [`Summary::of`] takes the same figures from a
//! full [`Analysis`]; the tests check both agree.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::clv::{ClvParams, clv};
use super::pareto::{Headline, headline};
use super::report::{Analysis, share, tier_counts};
use super::tiers::{
    TierParams, axes, complaints_in_year, cut_key, difficulty, overdue_followups, ranking_key,
    tier_of, within_cut,
};
use crate::domain::customer::CustomerId;
use crate::domain::settings::Settings;
use crate::domain::table::{Cell, Table};
use crate::domain::terms::{ComplaintKind, Difficulty, Importance, Tier};

/// What the summary needs of one live customer with at least one
/// transaction before the snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryCustomer {
    pub id: CustomerId,
    /// M: the transactions' amounts summed, in cents.
    pub monetary_cents: i64,
    /// The first transaction's date.
    pub first: NaiveDate,
    pub poor_credit: bool,
    pub importance_override: Option<Importance>,
    pub difficulty_override: Option<Difficulty>,
}

/// Everything loaded for a summary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SummaryInput {
    pub snapshot: Option<NaiveDate>,
    /// Number of transactions dated before the snapshot (live customers).
    pub transactions: u64,
    /// Customers with sales, any order.
    pub customers: Vec<SummaryCustomer>,
    pub complaints: Vec<(CustomerId, NaiveDateTime, ComplaintKind)>,
    /// Activities: when, and the next step's due date.
    pub activities: Vec<(CustomerId, NaiveDateTime, Option<NaiveDate>)>,
}

/// The figures of the summary report.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub snapshot: Option<NaiveDate>,
    pub transactions: u64,
    /// Customers with sales, their revenue and the 80/20 figures.
    pub headline: Headline,
    /// Customers per tier, in `Tier::ALL` order.
    pub tiers: Vec<(Tier, usize)>,
}

impl Summary {
    /// The summary of a full analysis.
    pub fn of(a: &Analysis) -> Self {
        Self {
            snapshot: a.snapshot,
            transactions: a.transactions,
            headline: Headline { total_cents: a.revenue_cents, ..Headline::of(&a.pareto) },
            tiers: tier_counts(a).into_iter().map(|(tier, n, _)| (tier, n)).collect(),
        }
    }

    /// `key,value`: snapshot, customers, transactions, revenue, the 80/20
    /// headline numbers and the four tier counts.
    pub fn table(&self) -> Table {
        let count = |n: usize| Cell::Int(i64::try_from(n).unwrap_or(i64::MAX));
        let h = &self.headline;
        let mut t = Table::new(&["key", "value"]);
        let mut put = |key: &str, value: Cell| t.push(vec![Cell::Text(key.to_owned()), value]);
        put("snapshot", self.snapshot.map_or(Cell::Empty, Cell::Date));
        put("customers", count(h.n));
        put("transactions", Cell::Int(i64::try_from(self.transactions).unwrap_or(i64::MAX)));
        put("revenue", Cell::Money(h.total_cents));
        put("top20_customers", count(h.top20_count));
        put("top20_revenue_share", share(h.top20_share));
        put("customers_for_80pct_revenue", count(h.k80));
        put("customers_for_80pct_share", share(h.k80_share_of_customers));
        for &(tier, n) in &self.tiers {
            put(tier.code(), count(n));
        }
        t
    }
}

/// The summary of the loaded columns, by the rules of the full analysis
/// (`report::analyse`): O(n log n) for the monetary sort, O(n) otherwise.
pub fn summarise(input: SummaryInput, settings: &Settings) -> Summary {
    let SummaryInput { snapshot, transactions, customers, complaints, activities } = input;
    let mut monetary: Vec<i64> = customers.iter().map(|c| c.monetary_cents).collect();
    monetary.sort_unstable_by(|a, b| b.cmp(a));
    let headline = headline(monetary.len(), |i| monetary[i]);
    drop(monetary);
    let mut counts = [0usize; 4];
    let slot = |tier: Tier| Tier::ALL.iter().position(|t| *t == tier).unwrap_or(0);
    match snapshot {
        // Unscored customers keep the placeholder tier, as in the analysis.
        None => counts[slot(Tier::Lead)] = customers.len(),
        Some(snapshot) => {
            let params = TierParams::from(settings);
            let clv_params = ClvParams::from(settings);
            let keys: Vec<f64> = customers
                .iter()
                .map(|c| ranking_key(clv(c.monetary_cents, c.first, snapshot, &clv_params).clv))
                .collect();
            let mut scratch = keys.clone();
            let cut = cut_key(&mut scratch, &params);
            drop(scratch);
            let parts = difficulty_parts(&complaints, &activities, snapshot);
            for (c, key) in customers.iter().zip(keys) {
                let (complaints, overdue) = parts.get(&c.id).copied().unwrap_or((0, 0));
                let (critical, difficult) = axes(
                    within_cut(key, cut),
                    difficulty(complaints, overdue, c.poor_credit),
                    c.importance_override,
                    c.difficulty_override,
                    &params,
                );
                counts[slot(tier_of(critical, difficult))] += 1;
            }
        }
    }
    Summary {
        snapshot,
        transactions,
        headline,
        tiers: Tier::ALL.iter().zip(counts).map(|(t, n)| (*t, n)).collect(),
    }
}

/// Complaints in the year before the snapshot and overdue follow-ups, per
/// customer who has any complaint or activity.
fn difficulty_parts(
    complaints: &[(CustomerId, NaiveDateTime, ComplaintKind)],
    activities: &[(CustomerId, NaiveDateTime, Option<NaiveDate>)],
    snapshot: NaiveDate,
) -> HashMap<CustomerId, (u32, u32)> {
    let mut by_complaint: HashMap<CustomerId, Vec<(NaiveDateTime, ComplaintKind)>> = HashMap::new();
    for (id, at, kind) in complaints {
        by_complaint.entry(*id).or_default().push((*at, *kind));
    }
    let mut by_activity: HashMap<CustomerId, Vec<(NaiveDateTime, Option<NaiveDate>)>> =
        HashMap::new();
    for (id, at, due) in activities {
        by_activity.entry(*id).or_default().push((*at, *due));
    }
    let mut parts: HashMap<CustomerId, (u32, u32)> = HashMap::new();
    for (id, list) in by_complaint {
        parts.entry(id).or_default().0 = complaints_in_year(&list, snapshot);
    }
    for (id, list) in by_activity {
        parts.entry(id).or_default().1 = overdue_followups(&list, snapshot);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::super::CustomerAgg;
    use super::super::report::{AnalysisInput, CustomerInfo, analyse, summary_table};
    use super::super::rfm::default_segments;
    use super::super::test_util::d;
    use super::*;
    use crate::domain::terms::LadderStep;

    /// A 64-bit LCG (Knuth's MMIX constants); the high bits are the random part.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, bound: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % bound.max(1)
        }
        fn small(&mut self, bound: u64) -> i64 {
            i64::try_from(self.next(bound)).expect("small")
        }
    }

    /// The same customers as a full analysis input and as a summary input.
    fn inputs(rnd: &mut Lcg, n: i64) -> (AnalysisInput, SummaryInput) {
        let snapshot = d("2025-01-01");
        let mut full = AnalysisInput { snapshot: Some(snapshot), ..AnalysisInput::default() };
        let mut small = SummaryInput { snapshot: Some(snapshot), ..SummaryInput::default() };
        // Small ranges force ties in M and CLV.
        let spread = [3, 50, 1_000_000][usize::try_from(rnd.next(3)).expect("small")];
        for id in 1..=n {
            let importance_override = [None, None, None, Some(Importance::Critical)]
                [usize::try_from(rnd.next(4)).expect("small")];
            let difficulty_override = [None, None, None, Some(Difficulty::Easy)]
                [usize::try_from(rnd.next(4)).expect("small")];
            let poor_credit = rnd.next(5) == 0;
            full.customers.push(CustomerInfo {
                id: CustomerId(id),
                code: format!("K{}", rnd.next(1000)),
                ladder_step: LadderStep::Customer,
                poor_credit,
                importance_override,
                difficulty_override,
            });
            if rnd.next(4) == 0 {
                continue; // no sales
            }
            let first = snapshot - chrono::Days::new(1 + rnd.next(3) * 200);
            let monetary_cents = rnd.small(spread) * 100 - 50;
            let count = 1 + u32::try_from(rnd.next(3)).expect("small");
            full.aggs.push(CustomerAgg {
                customer: CustomerId(id),
                first,
                last: first,
                count,
                monetary_cents,
            });
            full.transactions += u64::from(count);
            small.transactions += u64::from(count);
            small.customers.push(SummaryCustomer {
                id: CustomerId(id),
                monetary_cents,
                first,
                poor_credit,
                importance_override,
                difficulty_override,
            });
            for _ in 0..rnd.next(3) {
                let at = (snapshot - chrono::Days::new(1 + rnd.next(500)))
                    .and_hms_opt(9, 0, 0)
                    .expect("time");
                full.complaints.push((CustomerId(id), at, ComplaintKind::Complaint));
            }
            if rnd.next(3) == 0 {
                let at = (snapshot - chrono::Days::new(30)).and_hms_opt(9, 0, 0).expect("time");
                full.activities.push((CustomerId(id), at, Some(snapshot - chrono::Days::new(2))));
            }
        }
        small.complaints = full.complaints.clone();
        small.activities = full.activities.clone();
        // The summary's customers in another order than the analysis's.
        small.customers.reverse();
        (full, small)
    }

    #[test]
    fn the_summary_of_the_columns_is_the_summary_of_the_full_analysis() {
        let mut rnd = Lcg(0x2545_F491_4F6C_DD1D);
        for case in 0..120 {
            let n = rnd.small([0, 1, 4, 9, 60, 400][case % 6] + 1);
            let (full, small) = inputs(&mut rnd, n);
            let settings = Settings::default();
            let analysis = analyse(full, &settings, default_segments());
            let summary = summarise(small, &settings);
            assert_eq!(summary, Summary::of(&analysis), "case {case}");
            assert_eq!(summary.table(), summary_table(&analysis), "case {case}");
        }
    }

    #[test]
    fn without_a_snapshot_everything_is_zero() {
        let s = summarise(SummaryInput::default(), &Settings::default());
        assert_eq!(
            s,
            Summary::of(&analyse(AnalysisInput::default(), &Settings::default(), vec![]))
        );
        assert_eq!(s.table().rows[0][1], Cell::Empty);
    }
}
