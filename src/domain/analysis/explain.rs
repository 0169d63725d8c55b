//! "Explain this number" (DOMAIN §7, CLI.md `explain`): every step behind
//! one customer's R, F, M, RFM cell, segment, CLV, importance, difficulty
//! and tier, taken from the very [`Analysis`] the reports and the value
//! panel show, and re-derived through the same functions (`rfm::bucket`,
//! `clv::terms`, `tiers::critical_count`, …), so that each figure can be
//! checked by hand from the positions and parameters printed beside it.
//!
//! [`explain`] is O(n) for one customer (it counts the customers tied with
//! it); the sentences of `--text` and of the app's window are in
//! [`super::explain_text`].

use chrono::NaiveDate;

use super::clv::{ClvParams, ClvTerm, terms};
use super::report::{Analysis, share, yuan};
use super::rfm::{EmptyScore, SegmentRule, bucket, segment_name};
use super::tiers::{TierParams, critical_count, tier_of};
use crate::domain::Lang;
use crate::domain::table::{Cell, Table};
use crate::domain::terms::{Difficulty, Importance, Tier};

/// The figures a user can ask about, in the order they are explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Figure {
    Recency,
    Frequency,
    Monetary,
    Cell,
    Segment,
    Clv,
    Importance,
    Difficulty,
    Tier,
}

impl Figure {
    /// Every figure, in order.
    pub const ALL: [Self; 9] = [
        Self::Recency,
        Self::Frequency,
        Self::Monetary,
        Self::Cell,
        Self::Segment,
        Self::Clv,
        Self::Importance,
        Self::Difficulty,
        Self::Tier,
    ];
}

/// One RFM metric of the customer: its value, the 0-based first position
/// of that value in the ascending sort of the n ranked customers, the
/// bucket ⌊5·p / n⌋ + 1 and the score (the bucket, or 6 − bucket for R).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Metric {
    /// Days, purchases or cents.
    pub value: i64,
    pub position: usize,
    pub bucket: u8,
    pub score: u8,
    /// Other customers with the same value (they share the position).
    pub tied: usize,
}

/// Every step behind one customer's numbers as of the analysis' snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub code: String,
    pub snapshot: NaiveDate,
    /// n: the customers ranked (those with a purchase before the snapshot).
    pub n: usize,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// R, F and M.
    pub metrics: [Metric; 3],
    /// The RFM cell, e.g. `"545"`.
    pub cell: String,
    /// The segment table in force and the index of the row that matched
    /// (`rules.len()` for Others).
    pub rules: Vec<SegmentRule>,
    pub segment: usize,
    /// Days from the first purchase to the snapshot.
    pub observed_days: i64,
    pub observed_years: f64,
    pub clv_params: ClvParams,
    /// Annual margin m, in cents.
    pub annual_margin: f64,
    /// Each year's term of the CLV sum (they add up to `clv`).
    pub terms: Vec<ClvTerm>,
    /// CLV in cents.
    pub clv: f64,
    /// h: customers with a strictly higher CLV.
    pub higher: usize,
    pub tier_params: TierParams,
    /// ⌈critical share · n⌉: critical when h is below it.
    pub critical_cutoff: usize,
    pub importance: f64,
    /// h < cutoff, before any override.
    pub critical_computed: bool,
    pub importance_override: Option<Importance>,
    pub critical: bool,
    pub complaints_365: u32,
    pub overdue_followups: u32,
    pub poor_credit: bool,
    pub difficulty: f64,
    /// difficulty ≥ threshold, before any override.
    pub difficult_computed: bool,
    pub difficulty_override: Option<Difficulty>,
    pub difficult: bool,
    pub tier: Tier,
    /// The tier the computed axes give (differs from `tier` only by hand).
    pub tier_computed: Tier,
    /// The scores no customer got, per column (R, F, M), and why.
    pub empty_scores: [Vec<EmptyScore>; 3],
}

impl Explanation {
    /// Whether the tier was set by hand (an importance or difficulty
    /// override on the customer).
    pub fn tier_by_hand(&self) -> bool {
        self.importance_override.is_some() || self.difficulty_override.is_some()
    }

    /// The segment's name in `lang` (Others / 其他 when no row matched).
    pub fn segment_name(&self, lang: Lang) -> &str {
        segment_name(&self.rules, self.segment, lang)
    }

    /// The segment row that matched, if any.
    pub fn segment_rule(&self) -> Option<&SegmentRule> {
        self.rules.get(self.segment)
    }
}

/// The index in `a.customers` of the customer with this code (they are
/// sorted by code), if it was ranked.
pub fn find(a: &Analysis, code: &str) -> Option<usize> {
    a.customers.binary_search_by(|c| c.info.code.as_str().cmp(code)).ok()
}

/// The explanation of `a.customers[index]`; `None` without a snapshot or
/// for an index past the end. O(n) (the ties are counted).
pub fn explain(a: &Analysis, index: usize) -> Option<Explanation> {
    let snapshot = a.snapshot?;
    let c = a.customers.get(index)?;
    let n = a.customers.len();
    let value = |k: usize, r: &super::rfm::Rfm| match k {
        0 => r.recency_days,
        1 => i64::from(r.frequency),
        _ => r.monetary_cents,
    };
    let scores = [c.rfm.r, c.rfm.f, c.rfm.m];
    let metrics = [0, 1, 2].map(|k| {
        let own = value(k, &c.rfm);
        Metric {
            value: own,
            position: c.rfm.positions[k],
            bucket: bucket(c.rfm.positions[k], n),
            score: scores[k],
            tied: a.customers.iter().filter(|o| value(k, &o.rfm) == own).count() - 1,
        }
    });
    let t = &c.tier;
    let critical_cutoff = critical_count(a.tier_params.critical_share, n);
    let critical_computed = t.higher < critical_cutoff;
    let difficult_computed = t.difficulty >= a.tier_params.difficult_threshold;
    Some(Explanation {
        code: c.info.code.clone(),
        snapshot,
        n,
        first: c.agg.first,
        last: c.agg.last,
        metrics,
        cell: c.rfm.cell(),
        rules: a.segments.clone(),
        segment: c.rfm.segment,
        observed_days: (snapshot - c.agg.first).num_days(),
        observed_years: c.clv.observed_years,
        clv_params: a.clv_params,
        annual_margin: c.clv.annual_margin,
        terms: terms(c.clv.annual_margin, &a.clv_params).collect(),
        clv: c.clv.clv,
        higher: t.higher,
        tier_params: a.tier_params,
        critical_cutoff,
        importance: t.importance,
        critical_computed,
        importance_override: c.info.importance_override,
        critical: t.critical,
        complaints_365: t.complaints_365,
        overdue_followups: t.overdue_followups,
        poor_credit: c.info.poor_credit,
        difficulty: t.difficulty,
        difficult_computed,
        difficulty_override: c.info.difficulty_override,
        difficult: t.difficult,
        tier: t.tier,
        tier_computed: tier_of(critical_computed, difficult_computed),
        empty_scores: a.empty_scores.clone(),
    })
}

/// The scores of an empty-score list as text, e.g. `"2 4"`.
fn score_list(empty: &[EmptyScore]) -> String {
    empty.iter().map(|e| e.score.to_string()).collect::<Vec<_>>().join(" ")
}

/// A score range as `"4-5"`.
fn range((lo, hi): (u8, u8)) -> Cell {
    Cell::Text(format!("{lo}-{hi}"))
}

fn usize_cell(n: usize) -> Cell {
    Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The `name,value` rows of CLI.md `explain`, in the formats of the
/// reports (monetary and CLV as `ladder report rfm/clv` write them).
pub fn table(e: &Explanation) -> Table {
    let mut t = Table::new(&["name", "value"]);
    let mut put = |name: &str, value: Cell| t.push(vec![Cell::Text(name.to_owned()), value]);
    let [r, f, m] = &e.metrics;
    put("customer_code", Cell::Text(e.code.clone()));
    put("snapshot", Cell::Date(e.snapshot));
    put("customers_ranked", usize_cell(e.n));
    put("last_purchase", Cell::Date(e.last));
    put("recency_days", Cell::Int(r.value));
    put("recency_position", usize_cell(r.position));
    put("recency_tied", usize_cell(r.tied));
    put("recency_bucket", Cell::Int(r.bucket.into()));
    put("r", Cell::Int(r.score.into()));
    put("frequency", Cell::Int(f.value));
    put("frequency_position", usize_cell(f.position));
    put("frequency_tied", usize_cell(f.tied));
    put("f", Cell::Int(f.score.into()));
    put("monetary", Cell::Money(m.value.into()));
    put("monetary_position", usize_cell(m.position));
    put("monetary_tied", usize_cell(m.tied));
    put("m", Cell::Int(m.score.into()));
    put("rfm", Cell::Text(e.cell.clone()));
    put("r_empty_scores", Cell::Text(score_list(&e.empty_scores[0])));
    put("f_empty_scores", Cell::Text(score_list(&e.empty_scores[1])));
    put("m_empty_scores", Cell::Text(score_list(&e.empty_scores[2])));
    put("segment", Cell::Text(e.segment_name(Lang::En).to_owned()));
    match e.segment_rule() {
        Some(rule) => {
            put("segment_row", usize_cell(e.segment + 1));
            put("segment_r", range(rule.r));
            put("segment_f", range(rule.f));
            put("segment_m", range(rule.m));
        }
        None => put("segment_row", Cell::Empty),
    }
    put("first_purchase", Cell::Date(e.first));
    put("observed_days", Cell::Int(e.observed_days));
    put("observed_years", Cell::Float { value: e.observed_years, decimals: 6 });
    put("annual_margin", yuan(e.annual_margin));
    put("clv_margin_rate", Cell::Float { value: e.clv_params.margin_rate, decimals: 4 });
    put("clv_retention", Cell::Float { value: e.clv_params.retention, decimals: 4 });
    put("clv_discount", Cell::Float { value: e.clv_params.discount, decimals: 4 });
    put("clv_horizon_years", Cell::Int(e.clv_params.horizon_years.into()));
    for term in &e.terms {
        put(
            &format!("clv_year_{}", term.year),
            Cell::Float { value: term.value / 100.0, decimals: 6 },
        );
    }
    put("clv", yuan(e.clv));
    put("customers_with_higher_clv", usize_cell(e.higher));
    put("importance", share(e.importance));
    put("critical_share", Cell::Float { value: e.tier_params.critical_share, decimals: 4 });
    put("critical_cutoff", usize_cell(e.critical_cutoff));
    put("critical_computed", Cell::Text(e.critical_computed.to_string()));
    put(
        "importance_set_by_hand",
        e.importance_override
            .map_or(Cell::Empty, |o| Cell::Text((o == Importance::Critical).to_string())),
    );
    put("critical", Cell::Text(e.critical.to_string()));
    put("complaints_365d", Cell::Int(e.complaints_365.into()));
    put("overdue_followups", Cell::Int(e.overdue_followups.into()));
    put("credit_poor", Cell::Text(e.poor_credit.to_string()));
    put("difficulty", Cell::Float { value: e.difficulty, decimals: 1 });
    put(
        "difficult_threshold",
        Cell::Float { value: e.tier_params.difficult_threshold, decimals: 1 },
    );
    put("difficult_computed", Cell::Text(e.difficult_computed.to_string()));
    put(
        "difficulty_set_by_hand",
        e.difficulty_override
            .map_or(Cell::Empty, |o| Cell::Text((o == Difficulty::Difficult).to_string())),
    );
    put("difficult", Cell::Text(e.difficult.to_string()));
    put("tier_computed", Cell::Text(e.tier_computed.code().to_owned()));
    put("tier_set_by_hand", Cell::Text(e.tier_by_hand().to_string()));
    put("tier", Cell::Text(e.tier.code().to_owned()));
    t
}

#[cfg(test)]
mod tests {
    use super::super::CustomerAgg;
    use super::super::report::{AnalysisInput, CustomerInfo, analyse};
    use super::super::rfm::{EmptyCause, default_segments};
    use super::super::test_util::{assert_close, d};
    use super::*;
    use crate::domain::customer::CustomerId;
    use crate::domain::settings::Settings;
    use crate::domain::terms::LadderStep;

    /// Customers C-1 … with (last purchase, count, monetary), first purchase
    /// 2025-01-11, snapshot 2026-01-11; customer 2 set critical by hand.
    fn analysed(rows: &[(&str, u32, i64)]) -> Analysis {
        let ids = (1..).map(CustomerId);
        let customers = ids
            .clone()
            .take(rows.len())
            .map(|id| CustomerInfo {
                id,
                code: format!("C-{}", id.0),
                ladder_step: LadderStep::Customer,
                poor_credit: id.0 == 3,
                importance_override: (id.0 == 2).then_some(Importance::Critical),
                difficulty_override: None,
            })
            .collect();
        let aggs = ids
            .zip(rows)
            .map(|(customer, &(last, count, monetary_cents))| CustomerAgg {
                customer,
                first: d("2025-01-11"),
                last: d(last),
                count,
                monetary_cents,
            })
            .collect();
        let input = AnalysisInput {
            snapshot: Some(d("2026-01-11")),
            customers,
            aggs,
            transactions: 0,
            ..AnalysisInput::default()
        };
        analyse(input, &Settings::default(), default_segments())
    }

    #[test]
    fn five_customers_explained_by_hand() {
        // n = 5. Frequencies 1 1 1 2 5: the 1s take positions 0–2, so F 2
        // (from position ⌈5/5⌉ = 1) and F 3 (from ⌈10/5⌉ = 2) are empty.
        let a = analysed(&[
            ("2026-01-10", 5, 100_000),
            ("2026-01-01", 1, 500),
            ("2025-12-01", 1, 800),
            ("2025-06-01", 2, 20_000),
            ("2026-01-05", 1, 20_000),
        ]);
        let e = explain(&a, find(&a, "C-4").expect("C-4")).expect("explained");
        assert_eq!(e.n, 5);
        // R: recency 224 days (2025-06-01 → 2026-01-11), the largest: p 4, bucket 5, R 1.
        assert_eq!(e.metrics[0], Metric { value: 224, position: 4, bucket: 5, score: 1, tied: 0 });
        // F 2 is at p 3 → ⌊15/5⌋ + 1 = 4.
        assert_eq!(e.metrics[1], Metric { value: 2, position: 3, bucket: 4, score: 4, tied: 0 });
        // M 20 000 is tied with C-5 at p 2 → 3.
        assert_eq!(
            e.metrics[2],
            Metric { value: 20_000, position: 2, bucket: 3, score: 3, tied: 1 }
        );
        assert_eq!(e.cell, "143");
        assert_eq!(e.segment_name(Lang::En), "At risk");
        assert_eq!(e.segment, 7);
        let empty_f: Vec<u8> = e.empty_scores[1].iter().map(|x| x.score).collect();
        assert_eq!(empty_f, [2, 3]);
        assert_eq!(
            e.empty_scores[1][0].cause,
            EmptyCause::Tied { value: 1, first: 0, count: 3, score_taken: 1 }
        );
        // CLV: 365 days, so observed years 365/365.25; the terms add up to it.
        assert_eq!(e.observed_days, 365);
        assert_close(e.observed_years, 365.0 / 365.25, 1e-12);
        assert_eq!(e.terms.len(), 5);
        assert_eq!(e.terms.iter().fold(0.0, |s, t| s + t.value), e.clv);
        // h: C-1 has a higher CLV; C-5 ties with C-4. Cutoff ⌈0.2 × 5⌉ = 1.
        assert_eq!((e.higher, e.critical_cutoff, e.critical), (1, 1, false));
        assert_close(e.importance, 0.8, 1e-12);
        assert_eq!((e.tier, e.tier_by_hand()), (Tier::Lead, false));
        // C-2 is critical by hand: gold/platinum by hand, lead computed.
        let hand = explain(&a, find(&a, "C-2").expect("C-2")).expect("explained");
        assert!(hand.tier_by_hand() && hand.critical && !hand.critical_computed);
        assert_eq!((hand.tier, hand.tier_computed), (Tier::Platinum, Tier::Lead));
        // C-3 has poor credit: difficulty 1, not difficult.
        let poor = explain(&a, find(&a, "C-3").expect("C-3")).expect("explained");
        assert_close(poor.difficulty, 1.0, 0.0);
        assert!(poor.poor_credit && !poor.difficult);
        assert_eq!(find(&a, "C-9"), None);
    }

    #[test]
    fn the_sentences_fill_in_the_formulas_in_both_languages() {
        use super::super::explain_text::section;
        let a = analysed(&[
            ("2026-01-10", 5, 100_000),
            ("2026-01-01", 1, 500),
            ("2025-12-01", 1, 800),
            ("2025-06-01", 2, 20_000),
            ("2026-01-05", 1, 20_000),
        ]);
        let e = explain(&a, find(&a, "C-4").expect("C-4")).expect("explained");
        let f = section(&e, Figure::Frequency, Lang::En);
        assert_eq!(f[0], "F = ⌊5 × 3 / 5⌋ + 1 = 4: 2 purchases; 3 customers bought fewer times.");
        assert_eq!(
            f[2],
            "No customer has F 2: its positions start at ⌈1 × 5 / 5⌉ = 1, inside the 3 customers \
             tied at 1 purchase from position 0, who all get F 1."
        );
        let zh = section(&e, Figure::Frequency, Lang::Zh);
        assert_eq!(zh[0], "F = ⌊5 × 3 / 5⌋ + 1 = 4：共购买 2 次；有 3 位客户购买次数更少。");
        let r = section(&e, Figure::Recency, Lang::En);
        assert!(
            r[0].starts_with("R = 6 − (⌊5 × 4 / 5⌋ + 1) = 6 − 5 = 1: last purchase 2025-06-01")
        );
        let seg = section(&e, Figure::Segment, Lang::En);
        assert_eq!(seg[1], "Row 1 Champions: needs R 4–5, R is 1.");
        assert_eq!(
            seg.last().map(String::as_str),
            Some("Row 8 At risk (R 1–2, F 2–5, M 2–5) holds all three → At risk.")
        );
        let importance = section(&e, Figure::Importance, Lang::En);
        assert_eq!(
            importance[1],
            "Critical when h < ⌈0.2 × n⌉ = ⌈0.2 × 5⌉ = 1: 1 ≥ 1, so not critical."
        );
        let hand = explain(&a, find(&a, "C-2").expect("C-2")).expect("explained");
        let tier = section(&hand, Figure::Tier, Lang::Zh);
        assert_eq!(tier[1], "本客户：关键且容易 → 铂金层级。");
        assert!(tier[2].starts_with("手工设定：仅按计算为不关键且容易 → 重铅层级"), "{}", tier[2]);
    }

    #[test]
    fn the_table_has_every_name_of_the_contract() {
        let a = analysed(&[("2026-01-10", 2, 1_000), ("2025-12-10", 1, 3_000)]);
        let t = table(&explain(&a, 0).expect("explained"));
        let names: Vec<String> = t.rows.iter().map(|r| r[0].to_text()).collect();
        for name in [
            "customers_ranked",
            "recency_days",
            "recency_position",
            "r",
            "frequency",
            "frequency_position",
            "f",
            "monetary",
            "monetary_position",
            "m",
            "rfm",
            "segment",
            "observed_years",
            "annual_margin",
            "clv_margin_rate",
            "clv_retention",
            "clv_discount",
            "clv_horizon_years",
            "clv",
            "customers_with_higher_clv",
            "critical_cutoff",
            "critical",
            "complaints_365d",
            "overdue_followups",
            "credit_poor",
            "difficulty",
            "difficult",
            "tier",
        ] {
            assert!(names.iter().any(|n| n == name), "{name} missing from {names:?}");
        }
    }
}
