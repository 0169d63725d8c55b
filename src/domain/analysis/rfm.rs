//! RFM scores and segments (DOMAIN §3.1): recency, frequency and monetary
//! value scored 1–5 by position in a sorted list, ties sharing a score, and
//! the first matching segment rule.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::CustomerAgg;
use crate::domain::Lang;
use crate::domain::customer::CustomerId;

/// English name of the fallback segment for a customer no rule matches.
pub const OTHERS_EN: &str = "Others";
/// Chinese name of the fallback segment.
pub const OTHERS_ZH: &str = "其他";

/// §3.1 step 2 for one position: bucket = ⌊5·p / n⌋ + 1, where `p` is the
/// 0-based position at which the value first appears in ascending order and
/// `n` the number of customers scored. Always 1..=5 for `p < n`.
pub fn bucket(p: usize, n: usize) -> u8 {
    if n == 0 {
        return 1;
    }
    // u128 so that 5·p cannot overflow; p < n makes the quotient at most 4.
    let b = 5 * p as u128 / n as u128 + 1;
    u8::try_from(b.min(5)).unwrap_or(5)
}

/// The first 0-based position whose [`bucket`] among `n` is `b` (1–5):
/// ⌈(b − 1)·n / 5⌉. It may be `n` or more, or give another bucket, when n
/// is below 5 (then no position has bucket `b`).
pub fn bucket_start(b: u8, n: usize) -> usize {
    (usize::from(b.max(1)) - 1).saturating_mul(n).div_ceil(5)
}

/// The tie rule of §3.1 over a whole column: for each value, the 0-based
/// position at which that value first appears in ascending order (the
/// number of values strictly smaller), so equal values share a position.
/// Output is in the order of `values`. O(n log n).
pub fn first_positions(values: &[i64]) -> Vec<usize> {
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    // Unstable is fine: tied values get the same position whatever their order.
    order.sort_unstable_by_key(|&i| values[i]);
    let mut out = vec![0; n];
    let mut first = 0;
    for (p, &i) in order.iter().enumerate() {
        if p > 0 && values[i] != values[order[p - 1]] {
            first = p;
        }
        out[i] = first;
    }
    out
}

/// The buckets of a whole column: each value gets [`bucket`] of its
/// [`first_positions`], so equal values share a bucket. Output is in the
/// order of `values`. O(n log n).
pub fn buckets(values: &[i64]) -> Vec<u8> {
    let n = values.len();
    first_positions(values).into_iter().map(|p| bucket(p, n)).collect()
}

/// §3.1 step 3 for R: the most recent customers are in bucket 1 and get 5.
pub fn recency_score(bucket: u8) -> u8 {
    6u8.saturating_sub(bucket)
}

/// Recency R: whole days from the customer's last transaction date to the
/// snapshot date (1 for a purchase on the snapshot's eve).
pub fn recency_days(last: NaiveDate, snapshot: NaiveDate) -> i64 {
    (snapshot - last).num_days()
}

/// The RFM cell: the three scores as digits, e.g. `"545"`.
pub fn cell(r: u8, f: u8, m: u8) -> String {
    format!("{r}{f}{m}")
}

/// One segment rule: a name and an inclusive score range for each of R, F
/// and M. The rules are a setting, so the names are owned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentRule {
    pub name_en: String,
    pub name_zh: String,
    /// Inclusive `(low, high)` range of the R score.
    pub r: (u8, u8),
    /// Inclusive `(low, high)` range of the F score.
    pub f: (u8, u8),
    /// Inclusive `(low, high)` range of the M score.
    pub m: (u8, u8),
}

impl SegmentRule {
    /// A rule from its names and ranges.
    pub fn new(name_en: &str, name_zh: &str, r: (u8, u8), f: (u8, u8), m: (u8, u8)) -> Self {
        Self { name_en: name_en.to_owned(), name_zh: name_zh.to_owned(), r, f, m }
    }

    /// Whether all three scores lie in this rule's ranges (inclusive).
    pub fn contains(&self, r: u8, f: u8, m: u8) -> bool {
        let within = |(lo, hi): (u8, u8), v: u8| lo <= v && v <= hi;
        within(self.r, r) && within(self.f, f) && within(self.m, m)
    }

    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }
}

/// The segment table of §3.1 (from the documentation of R's `rfm` package up
/// to 0.2.2), in its order. The first rule that contains a customer's scores
/// wins, so with this table some rules are shadowed by earlier ones (see the
/// test `default_table_shadows_three_rules`).
pub fn default_segments() -> Vec<SegmentRule> {
    vec![
        SegmentRule::new("Champions", "冠军客户", (4, 5), (4, 5), (4, 5)),
        SegmentRule::new("Loyal customers", "忠诚客户", (2, 5), (3, 5), (3, 5)),
        SegmentRule::new("Potential loyalists", "潜力客户", (3, 5), (1, 3), (1, 3)),
        SegmentRule::new("New customers", "新客户", (4, 5), (1, 1), (1, 1)),
        SegmentRule::new("Promising", "有潜力", (3, 4), (1, 1), (1, 1)),
        SegmentRule::new("Need attention", "需要关注", (2, 3), (2, 3), (2, 3)),
        SegmentRule::new("About to sleep", "即将沉睡", (2, 3), (1, 2), (1, 2)),
        SegmentRule::new("At risk", "有流失风险", (1, 2), (2, 5), (2, 5)),
        SegmentRule::new("Can't lose them", "不能失去", (1, 1), (4, 5), (4, 5)),
        SegmentRule::new("Lost", "已流失", (1, 2), (1, 2), (1, 2)),
    ]
}

/// Index of the first rule containing the scores, or `rules.len()` for
/// Others when none does.
pub fn segment_of(rules: &[SegmentRule], r: u8, f: u8, m: u8) -> usize {
    rules.iter().position(|rule| rule.contains(r, f, m)).unwrap_or(rules.len())
}

/// Display name of a segment index from [`segment_of`]: the rule's name, or
/// Others / 其他 for `rules.len()` (and any index past it).
pub fn segment_name(rules: &[SegmentRule], segment: usize, lang: Lang) -> &str {
    match (rules.get(segment), lang) {
        (Some(rule), _) => rule.name(lang),
        (None, Lang::En) => OTHERS_EN,
        (None, Lang::Zh) => OTHERS_ZH,
    }
}

/// One customer's RFM values, scores and segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rfm {
    pub customer: CustomerId,
    pub recency_days: i64,
    pub frequency: u32,
    pub monetary_cents: i64,
    pub r: u8,
    pub f: u8,
    pub m: u8,
    /// Index into the rules, or `rules.len()` for Others.
    pub segment: usize,
    /// The [`first_positions`] of recency, frequency and monetary value in
    /// their ascending sorts (the p of §3.1 each score was computed from).
    pub positions: [usize; 3],
}

impl Rfm {
    /// The RFM cell, e.g. `"545"`.
    pub fn cell(&self) -> String {
        cell(self.r, self.f, self.m)
    }
}

/// Scores every aggregate (n = `aggs.len()`) as of `snapshot` and assigns
/// its segment. Output is in the order of `aggs`. O(n log n).
pub fn rfm(aggs: &[CustomerAgg], snapshot: NaiveDate, rules: &[SegmentRule]) -> Vec<Rfm> {
    let recency: Vec<i64> = aggs.iter().map(|a| recency_days(a.last, snapshot)).collect();
    let frequency: Vec<i64> = aggs.iter().map(|a| i64::from(a.count)).collect();
    let monetary: Vec<i64> = aggs.iter().map(|a| a.monetary_cents).collect();
    let n = aggs.len();
    let (rp, fp, mp) =
        (first_positions(&recency), first_positions(&frequency), first_positions(&monetary));
    aggs.iter()
        .enumerate()
        .map(|(i, a)| {
            let (r, f, m) = (recency_score(bucket(rp[i], n)), bucket(fp[i], n), bucket(mp[i], n));
            Rfm {
                customer: a.customer,
                recency_days: recency[i],
                frequency: a.count,
                monetary_cents: a.monetary_cents,
                r,
                f,
                m,
                segment: segment_of(rules, r, f, m),
                positions: [rp[i], fp[i], mp[i]],
            }
        })
        .collect()
}

/// Why no customer got a score in one column (§3.1's tie rule at work).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmptyCause {
    /// The positions whose bucket would give this score are held by `count`
    /// customers tied at `value`, who first appear at position `first` and so
    /// all take the score of that position, `score_taken`.
    Tied { value: i64, first: usize, count: usize, score_taken: u8 },
    /// Fewer than five customers: no position 0..n gives this score.
    TooFew,
}

/// A score 1–5 that no customer got in one column, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EmptyScore {
    pub score: u8,
    pub cause: EmptyCause,
}

/// The scores no value of a column gets, in ascending order, with their
/// cause. `values` and their `positions` ([`first_positions`]) are in the
/// same order; `recency` turns buckets into R scores (6 − bucket). Nothing
/// for an empty column. O(n log k) for k distinct values.
pub fn empty_scores(values: &[i64], positions: &[usize], recency: bool) -> Vec<EmptyScore> {
    let n = values.len();
    // The runs of tied values: first position → (value, how many).
    let mut runs: BTreeMap<usize, (i64, usize)> = BTreeMap::new();
    for (&v, &p) in values.iter().zip(positions) {
        runs.entry(p).or_insert((v, 0)).1 += 1;
    }
    let score = |b: u8| if recency { recency_score(b) } else { b };
    let used: Vec<u8> = runs.keys().map(|&p| bucket(p, n)).collect();
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    for b in 1..=5u8 {
        if used.contains(&b) {
            continue;
        }
        // The first position whose bucket is b, if any.
        let p0 = bucket_start(b, n);
        let cause = match runs.range(..=p0).next_back() {
            Some((&first, &(value, count))) if p0 < n && bucket(p0, n) == b => {
                EmptyCause::Tied { value, first, count, score_taken: score(bucket(first, n)) }
            }
            _ => EmptyCause::TooFew,
        };
        out.push(EmptyScore { score: score(b), cause });
    }
    out.sort_by_key(|e| e.score);
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_util::d;
    use super::*;

    fn check(values: &[i64], expected: &[u8]) {
        assert_eq!(buckets(values), expected, "buckets of {values:?}");
    }

    #[test]
    fn buckets_by_hand() {
        // Empty: nothing to score.
        check(&[], &[]);
        // n = 1: p = 0 → ⌊0⌋ + 1 = 1.
        check(&[42], &[1]);
        // n = 2, input [5, 3]: ascending 3 (p 0 → 1), 5 (p 1 → ⌊5/2⌋ + 1 = 3).
        check(&[5, 3], &[3, 1]);
        // n = 2 tied: both first appear at p 0 → 1.
        check(&[5, 5], &[1, 1]);
        // All equal: everyone shares p 0 → bucket 1.
        check(&[7, 7, 7, 7], &[1, 1, 1, 1]);
        // n = 3: p 0 → 1, p 1 → ⌊5/3⌋ + 1 = 2, p 2 → ⌊10/3⌋ + 1 = 4 (3 and 5 unused).
        check(&[30, 10, 20], &[4, 1, 2]);
        // Negative values sort like any other (refunds in M).
        check(&[-5, 0, 5], &[1, 2, 4]);
        // n = 5 distinct: bucket = p + 1.
        check(&[50, 40, 30, 20, 10], &[5, 4, 3, 2, 1]);
        // n = 10 distinct: bucket = ⌊p/2⌋ + 1.
        check(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], &[1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    }

    #[test]
    fn tied_values_share_the_bucket_of_their_first_position() {
        // n = 6, ascending 10 10 20 30 30 30:
        // 10 first at p 0 → 1; 20 at p 2 → ⌊10/6⌋ + 1 = 2; 30 at p 3 → ⌊15/6⌋ + 1 = 3.
        check(&[10, 10, 20, 30, 30, 30], &[1, 1, 2, 3, 3, 3]);
        // Same values shuffled: same bucket per value.
        check(&[30, 10, 30, 20, 10, 30], &[3, 1, 3, 2, 1, 3]);
        // n = 5, ascending 1 2 2 2 9: 2 first at p 1 → 2, so 9 (p 4 → 5) keeps 5.
        check(&[2, 9, 2, 1, 2], &[2, 5, 2, 1, 2]);
    }

    /// The §3.1 definition read literally: the first position of a value in
    /// ascending order is the number of values strictly smaller than it.
    fn naive_buckets(values: &[i64]) -> Vec<u8> {
        let n = values.len();
        values
            .iter()
            .map(|v| {
                let p = values.iter().filter(|w| *w < v).count();
                u8::try_from(5 * p / n + 1).expect("bucket fits")
            })
            .collect()
    }

    #[test]
    fn buckets_match_the_naive_definition_on_pseudo_random_inputs() {
        // A 64-bit LCG (Knuth's MMIX constants); the high bits are the random part.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move |bound: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % bound
        };
        for case in 0..400 {
            let len = usize::try_from(next(80)).expect("small");
            // Small ranges force many ties; wide ones mostly distinct values.
            let range = [2, 5, 20, 1_000_000][case % 4];
            let values: Vec<i64> = (0..len)
                .map(|_| {
                    i64::try_from(next(range)).expect("small")
                        - i64::try_from(range / 2).expect("small")
                })
                .collect();
            assert_eq!(buckets(&values), naive_buckets(&values), "case {case}: {values:?}");
        }
    }

    #[test]
    fn cells_and_recency() {
        assert_eq!(cell(5, 4, 5), "545");
        assert_eq!(cell(1, 1, 1), "111");
        assert_eq!(recency_score(1), 5);
        assert_eq!(recency_score(5), 1);
        assert_eq!(recency_days(d("2024-06-30"), d("2024-07-01")), 1);
        assert_eq!(recency_days(d("2023-07-01"), d("2024-07-01")), 366); // leap year
    }

    fn check_segment(scores: (u8, u8, u8), expected: &str) {
        let rules = default_segments();
        let (r, f, m) = scores;
        let segment = segment_of(&rules, r, f, m);
        assert_eq!(segment_name(&rules, segment, Lang::En), expected, "cell {}", cell(r, f, m));
    }

    #[test]
    fn default_table_names_and_order() {
        let rules = default_segments();
        let names: Vec<&str> = rules.iter().map(|r| r.name_en.as_str()).collect();
        assert_eq!(
            names,
            [
                "Champions",
                "Loyal customers",
                "Potential loyalists",
                "New customers",
                "Promising",
                "Need attention",
                "About to sleep",
                "At risk",
                "Can't lose them",
                "Lost"
            ]
        );
        assert_eq!(segment_name(&rules, 0, Lang::Zh), "冠军客户");
        assert_eq!(segment_name(&rules, rules.len(), Lang::En), "Others");
        assert_eq!(segment_name(&rules, rules.len(), Lang::Zh), "其他");
    }

    #[test]
    fn first_matching_segment_wins() {
        check_segment((5, 5, 5), "Champions");
        check_segment((4, 4, 4), "Champions");
        check_segment((3, 5, 5), "Loyal customers");
        check_segment((2, 3, 3), "Loyal customers");
        check_segment((5, 1, 1), "Potential loyalists");
        check_segment((3, 3, 2), "Potential loyalists");
        check_segment((3, 3, 3), "Loyal customers");
        check_segment((2, 2, 2), "Need attention");
        check_segment((2, 2, 3), "Need attention");
        check_segment((2, 1, 2), "About to sleep");
        check_segment((2, 1, 1), "About to sleep");
        check_segment((1, 5, 5), "At risk");
        check_segment((2, 2, 5), "At risk");
        check_segment((1, 1, 1), "Lost");
        check_segment((1, 2, 1), "Lost");
        // No rule: R 1 with F 1 and M 5, or R 3 with F 1 and M 4.
        check_segment((1, 1, 5), "Others");
        check_segment((3, 1, 4), "Others");
        check_segment((5, 5, 1), "Others");
    }

    #[test]
    fn default_table_shadows_three_rules() {
        // §3.1 says the first match wins, and in the table as given every
        // score triple of these rules also matches an earlier rule, so no
        // customer ever lands in them. This test records that on purpose:
        // reordering the default table should be a visible decision.
        let rules = default_segments();
        for shadowed in ["New customers", "Promising", "Can't lose them"] {
            let idx = rules.iter().position(|r| r.name_en == shadowed).expect("rule exists");
            for r in 1..=5 {
                for f in 1..=5 {
                    for m in 1..=5 {
                        assert_ne!(segment_of(&rules, r, f, m), idx, "{shadowed} reached");
                    }
                }
            }
        }
    }

    fn agg(c: i64, last: &str, count: u32, m: i64) -> CustomerAgg {
        CustomerAgg {
            customer: CustomerId(c),
            first: d("2020-01-01"),
            last: d(last),
            count,
            monetary_cents: m,
        }
    }

    /// Runs RFM with the default rules and compares
    /// `(recency_days, cell, segment name)` per customer, in input order.
    fn check_rfm(aggs: &[CustomerAgg], snapshot: &str, expected: &[(i64, &str, &str)]) {
        let rules = default_segments();
        let got: Vec<(i64, String, &str)> = rfm(aggs, d(snapshot), &rules)
            .iter()
            .map(|x| (x.recency_days, x.cell(), segment_name(&rules, x.segment, Lang::En)))
            .collect();
        let expected: Vec<(i64, String, &str)> =
            expected.iter().map(|&(r, c, s)| (r, c.to_owned(), s)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn rfm_of_no_customers_is_empty() {
        check_rfm(&[], "2024-01-01", &[]);
    }

    #[test]
    fn one_customer_who_bought_on_the_snapshots_eve() {
        // n = 1: every metric at p 0 → bucket 1 → R = 6 − 1 = 5, F = 1, M = 1.
        // 511: not Champions/Loyal (F 1); Potential loyalists (R 3–5, F 1–3, M 1–3).
        check_rfm(
            &[agg(1, "2024-06-30", 1, 1_999)],
            "2024-07-01",
            &[(1, "511", "Potential loyalists")],
        );
    }

    #[test]
    fn two_customers() {
        // n = 2. Recency ascending: A 1 (p 0 → 1 → R 5), B 31 (p 1 → 3 → R 3).
        // F ascending: B 1 (→ 1), A 3 (→ 3). M ascending: A 100 (→ 1), B 200 (→ 3).
        // A 531: Potential loyalists? F 3 ok, M 1 ok, R 5 ok → yes (Loyal needs M ≥ 3).
        // B 313: Loyal needs F ≥ 3 (no); Potential loyalists needs M ≤ 3 → yes.
        check_rfm(
            &[agg(1, "2024-06-30", 3, 100), agg(2, "2024-05-31", 1, 200)],
            "2024-07-01",
            &[(1, "531", "Potential loyalists"), (31, "313", "Potential loyalists")],
        );
    }

    #[test]
    fn all_equal_customers_share_511() {
        let same = |c| agg(c, "2024-03-01", 2, 5_000);
        check_rfm(
            &[same(1), same(2), same(3)],
            "2024-03-11",
            &[(10, "511", "Potential loyalists"); 3],
        );
    }

    #[test]
    fn five_customers_worked_by_hand() {
        // Snapshot 2024-01-01, n = 5; with distinct values bucket = p + 1.
        //        last        rec  count  M
        // A  2023-12-31       1    10   100000
        // B  2023-12-22      10     1      500
        // C  2022-11-27     400     1      800
        // D  2023-06-15     200     4    20000
        // E  2023-12-02      30     6    20000
        // R: rec ascending A B E D C → buckets 1..5 → R = A5 B4 E3 D2 C1.
        // F: 1(B) 1(C) 4(D) 6(E) 10(A) → B,C 1; D p2 → 3; E p3 → 4; A p4 → 5.
        // M: 500(B) 800(C) 20000(D,E) 100000(A) → B 1, C 2, D,E p2 → 3, A 5.
        // A 555 Champions; B 411 Potential loyalists (shadows New customers);
        // C 112 Lost; D 233 Loyal customers; E 343 Loyal customers.
        check_rfm(
            &[
                agg(1, "2023-12-31", 10, 100_000),
                agg(2, "2023-12-22", 1, 500),
                agg(3, "2022-11-27", 1, 800),
                agg(4, "2023-06-15", 4, 20_000),
                agg(5, "2023-12-02", 6, 20_000),
            ],
            "2024-01-01",
            &[
                (1, "555", "Champions"),
                (10, "411", "Potential loyalists"),
                (400, "112", "Lost"),
                (200, "233", "Loyal customers"),
                (30, "343", "Loyal customers"),
            ],
        );
    }

    #[test]
    fn zero_and_negative_monetary_score_lowest() {
        // n = 3, same recency and frequency → R 5, F 1 for all.
        // M ascending: −300 (p0 → 1), 0 (p1 → 2), 700 (p2 → 4).
        // 512 and 514: Potential loyalists needs M ≤ 3 → 511, 512 yes; 514 → Others
        // (Loyal needs F ≥ 3, Champions F ≥ 4; nothing else allows R 5 with M 4).
        check_rfm(
            &[
                agg(1, "2024-01-01", 2, 0),
                agg(2, "2024-01-01", 2, 700),
                agg(3, "2024-01-01", 2, -300),
            ],
            "2024-01-02",
            &[
                (1, "512", "Potential loyalists"),
                (1, "514", "Others"),
                (1, "511", "Potential loyalists"),
            ],
        );
    }

    #[test]
    fn custom_rules_and_no_rules() {
        let rules = vec![SegmentRule::new("Top", "顶级", (5, 5), (1, 5), (1, 5))];
        let out = rfm(&[agg(1, "2024-01-01", 1, 1)], d("2024-01-02"), &rules);
        assert_eq!(out[0].segment, 0);
        let out = rfm(&[agg(1, "2024-01-01", 1, 1)], d("2024-01-02"), &[]);
        assert_eq!(out[0].segment, 0); // = rules.len(): Others
        assert_eq!(segment_name(&[], out[0].segment, Lang::En), "Others");
    }

    #[test]
    fn empty_scores_name_the_tie_that_hides_them() {
        // n = 10: 1 ×5 (p 0 → 1), 2 ×3 (p 5 → ⌊25/10⌋ + 1 = 3), 3 ×2 (p 8 → 5).
        // Bucket 2 starts at p ⌈10/5⌉ = 2, inside the run of 1s from p 0;
        // bucket 4 at p ⌈30/5⌉ = 6, inside the run of 2s from p 5.
        let values = [1, 1, 2, 3, 1, 2, 1, 3, 2, 1];
        let positions = first_positions(&values);
        assert_eq!(positions, [0, 0, 5, 8, 0, 5, 0, 8, 5, 0]);
        let tied = |score, value, first, count, score_taken| EmptyScore {
            score,
            cause: EmptyCause::Tied { value, first, count, score_taken },
        };
        assert_eq!(
            empty_scores(&values, &positions, false),
            [tied(2, 1, 0, 5, 1), tied(4, 2, 5, 3, 3)]
        );
        // As recency: buckets 2 and 4 are R 4 and R 2; ascending by score.
        assert_eq!(
            empty_scores(&values, &positions, true),
            [tied(2, 2, 5, 3, 3), tied(4, 1, 0, 5, 5)]
        );
        // Distinct values, n = 10: every score is used.
        let distinct: Vec<i64> = (1..=10).collect();
        assert_eq!(empty_scores(&distinct, &first_positions(&distinct), false), []);
        assert_eq!(empty_scores(&[], &[], false), []);
    }

    #[test]
    fn empty_scores_with_fewer_than_five_customers() {
        // n = 3 distinct: buckets 1, 2, 4; 3 and 5 have no position at all.
        let values = [10, 20, 30];
        let too_few = |score| EmptyScore { score, cause: EmptyCause::TooFew };
        assert_eq!(
            empty_scores(&values, &first_positions(&values), false),
            [too_few(3), too_few(5)]
        );
    }
}
