//! Puts the analyses together: from the loaded inputs (customers,
//! aggregates, complaints, activities, surveys) to one [`Analysis`] that the
//! panel draws and the CLI reports, and the report tables of CLI.md.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::clv::{Clv, ClvParams, clv};
use super::loyalty::{LadderRow, loyalty_ladder};
use super::pareto::{Pareto, curve, pareto};
use super::rfm::{EmptyScore, Rfm, SegmentRule, empty_scores, rfm, segment_name};
use super::satisfaction::{MonthCounts, SatisfactionState, by_month, state};
use super::tiers::{TierInput, TierParams, TierResult, classify};
use super::{CustomerAgg, tiers};
use crate::domain::Lang;
use crate::domain::customer::CustomerId;
use crate::domain::settings::Settings;
use crate::domain::table::{Cell, Table};
use crate::domain::terms::{ComplaintKind, Difficulty, Importance, LadderStep, Tier};

/// What the analysis needs to know about a live customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerInfo {
    pub id: CustomerId,
    pub code: String,
    pub ladder_step: LadderStep,
    pub poor_credit: bool,
    pub importance_override: Option<Importance>,
    pub difficulty_override: Option<Difficulty>,
}

/// Everything loaded from the database for one analysis run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnalysisInput {
    pub snapshot: Option<NaiveDate>,
    /// Live customers, any order.
    pub customers: Vec<CustomerInfo>,
    /// Aggregates of transactions dated before the snapshot (live customers).
    pub aggs: Vec<CustomerAgg>,
    /// Number of transactions counted in `aggs`.
    pub transactions: u64,
    pub complaints: Vec<(CustomerId, NaiveDateTime, ComplaintKind)>,
    /// Activities: when, and the next step's due date.
    pub activities: Vec<(CustomerId, NaiveDateTime, Option<NaiveDate>)>,
    pub surveys: Vec<(CustomerId, NaiveDate, u8, u8)>,
}

/// The analysis of one customer with at least one transaction.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerResult {
    pub info: CustomerInfo,
    pub agg: CustomerAgg,
    pub rfm: Rfm,
    pub clv: Clv,
    pub tier: TierResult,
}

impl CustomerResult {
    /// A customer with its aggregate and placeholder scores, filled in by
    /// [`analyse`].
    fn unscored(info: CustomerInfo, agg: CustomerAgg) -> Self {
        let id = info.id;
        Self {
            rfm: Rfm {
                customer: id,
                recency_days: 0,
                frequency: agg.count,
                monetary_cents: agg.monetary_cents,
                r: 0,
                f: 0,
                m: 0,
                segment: 0,
                positions: [0; 3],
            },
            clv: Clv { observed_years: 0.0, annual_margin: 0.0, clv: 0.0 },
            tier: TierResult {
                customer: id,
                higher: 0,
                complaints_365: 0,
                overdue_followups: 0,
                importance: 0.0,
                difficulty: 0.0,
                critical: false,
                difficult: false,
                tier: Tier::Lead,
            },
            info,
            agg,
        }
    }
}

/// The whole value analysis as of one snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub snapshot: Option<NaiveDate>,
    pub transactions: u64,
    /// The customers' monetary values summed, in cents (`i128`: exact).
    pub revenue_cents: i128,
    /// Customers with at least one transaction, sorted by code.
    pub customers: Vec<CustomerResult>,
    /// Ranked by monetary descending, ties by code; indices into `customers`.
    pub pareto: Pareto,
    pub pareto_rank: Vec<usize>,
    pub ladder: Vec<LadderRow>,
    pub satisfaction: Vec<MonthCounts>,
    /// Satisfaction states per tier (customers without a tier: not counted).
    pub satisfaction_by_tier: Vec<(Tier, [u32; 3])>,
    /// The surveys counted (customer, date, state), for listing who
    /// answered when, and how.
    pub surveys: Vec<(CustomerId, NaiveDate, super::satisfaction::SatisfactionState)>,
    pub segments: Vec<SegmentRule>,
    pub clv_params: ClvParams,
    pub tier_params: TierParams,
    /// The scores no customer got, per column (R, F, M), and why (§3.1's
    /// tie rule): what the RFM grid and an explanation say under the chart.
    pub empty_scores: [Vec<EmptyScore>; 3],
}

/// Runs every analysis of DOMAIN §3 over the loaded input (consumed, so the
/// per-customer records move into the result instead of being copied).
pub fn analyse(input: AnalysisInput, settings: &Settings, segments: Vec<SegmentRule>) -> Analysis {
    let AnalysisInput {
        snapshot,
        customers: mut infos,
        mut aggs,
        transactions,
        complaints,
        activities,
        surveys,
    } = input;
    let clv_params = ClvParams::from(settings);

    // Join customers and aggregates by id (a merge of two id-sorted lists).
    infos.sort_unstable_by_key(|c| c.id);
    aggs.sort_unstable_by_key(|a| a.customer);
    // Each result is built once and filled in place, so no second copy of
    // the per-customer data is alive at the peak (a million-row analysis).
    let mut without_sales: Vec<LadderStep> = Vec::new();
    let mut customers: Vec<CustomerResult> = Vec::with_capacity(aggs.len());
    let mut aggs = aggs.into_iter().peekable();
    for info in infos {
        while aggs.next_if(|a| a.customer < info.id).is_some() {}
        match aggs.next_if(|a| a.customer == info.id) {
            Some(agg) => customers.push(CustomerResult::unscored(info, agg)),
            None => without_sales.push(info.ladder_step),
        }
    }
    drop(aggs);
    customers.sort_unstable_by(|a, b| a.info.code.cmp(&b.info.code));

    let empty = match snapshot {
        Some(snapshot) => {
            let scoring = Scoring { snapshot, segments: &segments, clv: &clv_params, settings };
            scoring.score(&mut customers, &complaints, &activities)
        }
        None => Default::default(),
    };

    // Pareto over positions: the "id" handed to `pareto` is the position in
    // `customers`, so its ranking maps straight back.
    let monetary: Vec<(CustomerId, i64)> = customers
        .iter()
        .enumerate()
        .map(|(i, c)| (CustomerId(i64::try_from(i).unwrap_or(i64::MAX)), c.agg.monetary_cents))
        .collect();
    let pareto = pareto(&monetary);
    let pareto_rank =
        pareto.ranked.iter().filter_map(|(position, _)| usize::try_from(position.0).ok()).collect();

    let per_step: Vec<(LadderStep, i64, f64)> = customers
        .iter()
        .map(|c| (c.info.ladder_step, c.agg.monetary_cents, c.clv.clv))
        .chain(without_sales.into_iter().map(|step| (step, 0, 0.0)))
        .collect();

    let surveys: Vec<(CustomerId, NaiveDate, u8, u8)> =
        surveys.into_iter().filter(|s| snapshot.is_none_or(|snap| s.1 < snap)).collect();
    let mut by_tier: Vec<(Tier, [u32; 3])> = Tier::ALL.iter().map(|t| (*t, [0; 3])).collect();
    if !surveys.is_empty() {
        let tier_of: HashMap<CustomerId, Tier> =
            customers.iter().map(|c| (c.info.id, c.tier.tier)).collect();
        for s in &surveys {
            let Some(tier) = tier_of.get(&s.0) else { continue };
            let slot = match state(s.2, s.3) {
                SatisfactionState::Dissatisfied => 0,
                SatisfactionState::Satisfied => 1,
                SatisfactionState::Delighted => 2,
            };
            if let Some(row) = by_tier.iter_mut().find(|(t, _)| t == tier) {
                row.1[slot] += 1;
            }
        }
    }
    let survey_points: Vec<(NaiveDate, u8, u8)> = surveys.iter().map(|s| (s.1, s.2, s.3)).collect();

    Analysis {
        snapshot,
        transactions,
        revenue_cents: customers.iter().map(|c| i128::from(c.agg.monetary_cents)).sum(),
        ladder: loyalty_ladder(&per_step),
        satisfaction: by_month(&survey_points),
        satisfaction_by_tier: by_tier,
        surveys: surveys.iter().map(|s| (s.0, s.1, super::satisfaction::state(s.2, s.3))).collect(),
        customers,
        pareto,
        pareto_rank,
        segments,
        clv_params,
        tier_params: TierParams::from(settings),
        empty_scores: empty,
    }
}

/// What scoring the customers needs besides their records.
struct Scoring<'a> {
    snapshot: NaiveDate,
    segments: &'a [SegmentRule],
    clv: &'a ClvParams,
    settings: &'a Settings,
}

impl Scoring<'_> {
    /// Fills in every customer's RFM, CLV and tier in place; returns the
    /// empty score columns.
    fn score(
        &self,
        customers: &mut [CustomerResult],
        complaints: &[(CustomerId, NaiveDateTime, ComplaintKind)],
        activities: &[(CustomerId, NaiveDateTime, Option<NaiveDate>)],
    ) -> [Vec<EmptyScore>; 3] {
        let snapshot = self.snapshot;
        let plain: Vec<CustomerAgg> = customers.iter().map(|c| c.agg.clone()).collect();
        for (c, scored) in customers.iter_mut().zip(rfm(&plain, snapshot, self.segments)) {
            c.rfm = scored;
        }
        drop(plain);
        let empty = rfm_empty_scores(customers);
        for c in customers.iter_mut() {
            c.clv = clv(c.agg.monetary_cents, c.agg.first, snapshot, self.clv);
        }
        let inputs = tier_inputs(complaints, activities, customers, snapshot);
        let tiers = classify(&inputs, &TierParams::from(self.settings));
        drop(inputs);
        for (c, tier) in customers.iter_mut().zip(tiers) {
            c.tier = tier;
        }
        empty
    }
}

/// [`empty_scores`] of the R, F and M columns of the scored customers.
fn rfm_empty_scores(customers: &[CustomerResult]) -> [Vec<EmptyScore>; 3] {
    let column = |k: usize, value: fn(&Rfm) -> i64| {
        let values: Vec<i64> = customers.iter().map(|c| value(&c.rfm)).collect();
        let positions: Vec<usize> = customers.iter().map(|c| c.rfm.positions[k]).collect();
        empty_scores(&values, &positions, k == 0)
    };
    [
        column(0, |r| r.recency_days),
        column(1, |r| i64::from(r.frequency)),
        column(2, |r| r.monetary_cents),
    ]
}

fn tier_inputs(
    complaints: &[(CustomerId, NaiveDateTime, ComplaintKind)],
    activities: &[(CustomerId, NaiveDateTime, Option<NaiveDate>)],
    customers: &[CustomerResult],
    snapshot: NaiveDate,
) -> Vec<TierInput> {
    let mut by_complaint: HashMap<CustomerId, Vec<(NaiveDateTime, ComplaintKind)>> = HashMap::new();
    for (id, at, kind) in complaints {
        by_complaint.entry(*id).or_default().push((*at, *kind));
    }
    let mut by_activity: HashMap<CustomerId, Vec<(NaiveDateTime, Option<NaiveDate>)>> =
        HashMap::new();
    for (id, at, due) in activities {
        by_activity.entry(*id).or_default().push((*at, *due));
    }
    customers
        .iter()
        .map(|CustomerResult { info, clv, .. }| TierInput {
            customer: info.id,
            clv: clv.clv,
            complaints_365: by_complaint
                .get(&info.id)
                .map_or(0, |c| tiers::complaints_in_year(c, snapshot)),
            overdue_followups: by_activity
                .get(&info.id)
                .map_or(0, |a| tiers::overdue_followups(a, snapshot)),
            poor_credit: info.poor_credit,
            importance_override: info.importance_override,
            difficulty_override: info.difficulty_override,
        })
        .collect()
}

/// The reports of `ladder report` (CLI.md), by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportKind {
    Rfm,
    Clv,
    Tiers,
    Pareto,
    Ladder,
    Satisfaction,
    Summary,
}

impl ReportKind {
    /// Every value-analysis report.
    pub const ALL: [Self; 7] = [
        Self::Rfm,
        Self::Clv,
        Self::Tiers,
        Self::Pareto,
        Self::Ladder,
        Self::Satisfaction,
        Self::Summary,
    ];

    /// The CLI name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Rfm => "rfm",
            Self::Clv => "clv",
            Self::Tiers => "tiers",
            Self::Pareto => "pareto",
            Self::Ladder => "ladder",
            Self::Satisfaction => "satisfaction",
            Self::Summary => "summary",
        }
    }

    /// The report's table.
    pub fn table(self, a: &Analysis) -> Table {
        match self {
            Self::Rfm => rfm_table(a),
            Self::Clv => clv_table(a),
            Self::Tiers => tiers_table(a),
            Self::Pareto => pareto_table(a),
            Self::Ladder => ladder_table(a),
            Self::Satisfaction => satisfaction_table(a),
            Self::Summary => summary_table(a),
        }
    }
}

pub(super) fn yuan(cents: f64) -> Cell {
    Cell::Float { value: cents / 100.0, decimals: 2 }
}

pub(super) fn share(value: f64) -> Cell {
    Cell::Float { value, decimals: 6 }
}

fn usize_cell(n: usize) -> Cell {
    Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// `customer_code,recency_days,frequency,monetary,r,f,m,rfm,segment`.
pub fn rfm_table(a: &Analysis) -> Table {
    let mut t = Table::new(&[
        "customer_code",
        "recency_days",
        "frequency",
        "monetary",
        "r",
        "f",
        "m",
        "rfm",
        "segment",
    ]);
    for c in &a.customers {
        let r = &c.rfm;
        t.push(vec![
            Cell::Text(c.info.code.clone()),
            Cell::Int(r.recency_days),
            Cell::Int(r.frequency.into()),
            Cell::Money(r.monetary_cents.into()),
            Cell::Int(r.r.into()),
            Cell::Int(r.f.into()),
            Cell::Int(r.m.into()),
            Cell::Text(r.cell()),
            Cell::Text(segment_name(&a.segments, r.segment, Lang::En).to_owned()),
        ]);
    }
    t
}

/// `customer_code,monetary,observed_years,annual_margin,clv`.
pub fn clv_table(a: &Analysis) -> Table {
    let mut t =
        Table::new(&["customer_code", "monetary", "observed_years", "annual_margin", "clv"]);
    for c in &a.customers {
        t.push(vec![
            Cell::Text(c.info.code.clone()),
            Cell::Money(c.agg.monetary_cents.into()),
            Cell::Float { value: c.clv.observed_years, decimals: 6 },
            yuan(c.clv.annual_margin),
            yuan(c.clv.clv),
        ]);
    }
    t
}

/// `customer_code,importance,difficulty,critical,difficult,tier`.
pub fn tiers_table(a: &Analysis) -> Table {
    let mut t =
        Table::new(&["customer_code", "importance", "difficulty", "critical", "difficult", "tier"]);
    for c in &a.customers {
        let tier = &c.tier;
        t.push(vec![
            Cell::Text(c.info.code.clone()),
            share(tier.importance),
            Cell::Float { value: tier.difficulty, decimals: 1 },
            Cell::Text(tier.critical.to_string()),
            Cell::Text(tier.difficult.to_string()),
            Cell::Text(tier.tier.code().to_owned()),
        ]);
    }
    t
}

/// `rank,customer_code,monetary,cum_customer_share,cum_revenue_share`.
pub fn pareto_table(a: &Analysis) -> Table {
    let mut t = Table::new(&[
        "rank",
        "customer_code",
        "monetary",
        "cum_customer_share",
        "cum_revenue_share",
    ]);
    let points = curve(&a.pareto);
    for (rank, &i) in a.pareto_rank.iter().enumerate() {
        let c = &a.customers[i];
        let (cum_customers, cum_revenue) = points.get(rank + 1).copied().unwrap_or_default();
        t.push(vec![
            usize_cell(rank + 1),
            Cell::Text(c.info.code.clone()),
            Cell::Money(c.agg.monetary_cents.into()),
            share(cum_customers),
            share(cum_revenue),
        ]);
    }
    t
}

/// `step,customers,revenue,avg_revenue,avg_clv`.
pub fn ladder_table(a: &Analysis) -> Table {
    let mut t = Table::new(&["step", "customers", "revenue", "avg_revenue", "avg_clv"]);
    for row in &a.ladder {
        t.push(vec![
            Cell::Text(row.step.code().to_owned()),
            usize_cell(row.customers),
            Cell::Money(row.revenue_cents),
            yuan(row.avg_revenue),
            yuan(row.avg_clv),
        ]);
    }
    t
}

/// `month,dissatisfied,satisfied,delighted`.
pub fn satisfaction_table(a: &Analysis) -> Table {
    let mut t = Table::new(&["month", "dissatisfied", "satisfied", "delighted"]);
    for m in &a.satisfaction {
        t.push(vec![
            Cell::Text(m.label()),
            Cell::Int(m.dissatisfied.into()),
            Cell::Int(m.satisfied.into()),
            Cell::Int(m.delighted.into()),
        ]);
    }
    t
}

/// Counts of customers per tier and their revenue (summed in `i128`,
/// exactly), in `Tier::ALL` order.
pub fn tier_counts(a: &Analysis) -> Vec<(Tier, usize, i128)> {
    Tier::ALL
        .iter()
        .map(|tier| {
            let members = a.customers.iter().filter(|c| c.tier.tier == *tier);
            let (n, revenue) =
                members.fold((0, 0i128), |(n, r), c| (n + 1, r + i128::from(c.agg.monetary_cents)));
            (*tier, n, revenue)
        })
        .collect()
}

/// `key,value`: snapshot, customers, transactions, revenue, the 80/20
/// headline numbers and the four tier counts ([`super::summary::Summary`]).
pub fn summary_table(a: &Analysis) -> Table {
    super::summary::Summary::of(a).table()
}

#[cfg(test)]
mod tests {
    use super::super::rfm::default_segments;
    use super::super::test_util::d;
    use super::*;

    /// An analysis of customers `C-1`, `C-2`, … with the monetary values
    /// given, one purchase each on 2026-01-10.
    fn analysed(monetary: &[i64]) -> Analysis {
        let ids = (1..).map(CustomerId);
        let customers = ids
            .clone()
            .zip(monetary)
            .map(|(id, _)| CustomerInfo {
                id,
                code: format!("C-{}", id.0),
                ladder_step: LadderStep::Customer,
                poor_credit: false,
                importance_override: None,
                difficulty_override: None,
            })
            .collect();
        let aggs = ids
            .zip(monetary)
            .map(|(customer, &monetary_cents)| CustomerAgg {
                customer,
                first: d("2026-01-10"),
                last: d("2026-01-10"),
                count: 1,
                monetary_cents,
            })
            .collect();
        let input = AnalysisInput {
            snapshot: Some(d("2026-01-11")),
            customers,
            aggs,
            transactions: monetary.len() as u64,
            ..AnalysisInput::default()
        };
        analyse(input, &Settings::default(), default_segments())
    }

    /// The summary's revenue and the tiers' revenues, as `i128`.
    fn revenues(a: &Analysis) -> (i128, i128) {
        let tiers = tier_counts(a).iter().map(|t| t.2).sum();
        (a.revenue_cents, tiers)
    }

    #[test]
    fn revenue_sums_past_i64_stay_exact() {
        let max = i64::MAX;
        let expected = i128::from(max) * 2;
        assert_eq!(revenues(&analysed(&[max, max])), (expected, expected), "ties");
        assert_eq!(revenues(&analysed(&[max])), (i128::from(max), i128::from(max)), "one");
        assert_eq!(revenues(&analysed(&[])), (0, 0), "empty");
        let table = summary_table(&analysed(&[max, max]));
        assert!(
            table.rows.iter().any(|r| r[1] == Cell::Money(expected)),
            "the summary's revenue cell: {:?}",
            table.rows
        );
    }
}
