//! The four tiers and the matrix (DOMAIN §3.3): strategic importance from
//! the CLV rank, management difficulty from complaints, overdue follow-ups
//! and credit, and the tier of each quadrant.
//!
//! The inputs are counted as of the snapshot by [`complaints_in_year`] and
//! [`overdue_followups`]; records on or after the snapshot date do not exist
//! yet, as of the snapshot, and are ignored.

use chrono::{Days, NaiveDate, NaiveDateTime};

use crate::domain::customer::CustomerId;
use crate::domain::settings::Settings;
use crate::domain::terms::{ComplaintKind, Difficulty, Importance, Tier};

/// What the tiering needs to know about one customer (one with at least one
/// transaction before the snapshot).
#[derive(Clone, Debug, PartialEq)]
pub struct TierInput {
    pub customer: CustomerId,
    /// CLV in cents ([`super::clv::clv`]).
    pub clv: f64,
    /// Complaints (kind 投诉 only) in the 365 days before the snapshot.
    pub complaints_365: u32,
    /// Overdue follow-ups as of the snapshot.
    pub overdue_followups: u32,
    /// Whether the credit rating is poor (差).
    pub poor_credit: bool,
    pub importance_override: Option<Importance>,
    pub difficulty_override: Option<Difficulty>,
}

/// The tier thresholds (settings `tier_*`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TierParams {
    /// Share of customers by CLV that are critical (0.2 = top 20%).
    pub critical_share: f64,
    /// Difficulty at or above which a customer is difficult.
    pub difficult_threshold: f64,
}

impl From<&Settings> for TierParams {
    fn from(s: &Settings) -> Self {
        Self {
            critical_share: s.tier_critical_share,
            difficult_threshold: s.tier_difficult_threshold,
        }
    }
}

impl Default for TierParams {
    /// DOMAIN's defaults: top 20% critical, difficult at 2.
    fn default() -> Self {
        Self::from(&Settings::default())
    }
}

/// One customer's scores, axes and tier.
#[derive(Clone, Debug, PartialEq)]
pub struct TierResult {
    pub customer: CustomerId,
    /// h: how many customers have a strictly higher CLV.
    pub higher: usize,
    /// The parts of the difficulty: complaints in the 365 days before the
    /// snapshot and overdue follow-ups (the credit is the customer's own).
    pub complaints_365: u32,
    pub overdue_followups: u32,
    /// 1 − h/n, computed (overrides do not change it).
    pub importance: f64,
    /// The difficulty score, computed (overrides do not change it).
    pub difficulty: f64,
    /// Computed, or the importance override when there is one.
    pub critical: bool,
    /// Computed, or the difficulty override when there is one.
    pub difficult: bool,
    pub tier: Tier,
}

/// ⌈share·n⌉, clamped to 0..=n. A product within 1e-9 (relative) of a whole
/// number counts as that number, so that binary rounding does not add a
/// customer: 0.07 × 100 is 7.000000000000001 in `f64`, and must give 7.
pub fn critical_count(share: f64, n: usize) -> usize {
    let x = share * n as f64;
    if x.is_nan() || x <= 0.0 {
        return 0;
    }
    let nearest = x.round();
    let cut = if (x - nearest).abs() <= 1e-9 * x.max(1.0) { nearest } else { x.ceil() };
    // `as` saturates for huge values; the min keeps it within n.
    (cut as usize).min(n)
}

/// Importance = 1 − h/n, where h is the number of customers with a strictly
/// higher CLV (so 1.0 for the top customer).
pub fn importance(h: usize, n: usize) -> f64 {
    if n == 0 { 0.0 } else { 1.0 - h as f64 / n as f64 }
}

/// Difficulty = complaints + 0.5 × overdue follow-ups + 1 if credit is poor.
pub fn difficulty(complaints: u32, overdue_followups: u32, poor_credit: bool) -> f64 {
    f64::from(complaints) + 0.5 * f64::from(overdue_followups) + if poor_credit { 1.0 } else { 0.0 }
}

/// The matrix: critical & easy = platinum, critical & difficult = gold,
/// not critical & difficult = steel, not critical & easy = lead (重铅).
pub fn tier_of(critical: bool, difficult: bool) -> Tier {
    match (critical, difficult) {
        (true, false) => Tier::Platinum,
        (true, true) => Tier::Gold,
        (false, true) => Tier::Steel,
        (false, false) => Tier::Lead,
    }
}

/// The ranking key of a CLV: −0.0 counts as 0.0, and NaN (which correct
/// inputs never produce) as the lowest value, so it is never critical.
fn rank_key(clv: f64) -> f64 {
    if clv.is_nan() {
        f64::NEG_INFINITY
    } else if clv == 0.0 {
        0.0
    } else {
        clv
    }
}

/// For each CLV, h = how many CLVs are strictly higher; same order as the
/// input. O(n log n).
pub fn higher_counts(clvs: &[f64]) -> Vec<usize> {
    let keys: Vec<f64> = clvs.iter().map(|&c| rank_key(c)).collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by(|&a, &b| keys[b].total_cmp(&keys[a]));
    let mut h = vec![0; keys.len()];
    let mut first = 0;
    for (p, &i) in order.iter().enumerate() {
        // In descending order, the first position of a value is the number of
        // strictly higher values. Keys have no NaN, so `!=` is exact.
        if p > 0 && keys[i] != keys[order[p - 1]] {
            first = p;
        }
        h[i] = first;
    }
    h
}

/// Classifies every customer (n = `inputs.len()`). Critical when
/// h < ⌈share·n⌉, so customers tied at the cut-off are all critical; difficult
/// when difficulty ≥ the threshold; an override replaces the computed axis
/// (not the score). Output in input order. O(n log n).
pub fn classify(inputs: &[TierInput], p: &TierParams) -> Vec<TierResult> {
    let n = inputs.len();
    let clvs: Vec<f64> = inputs.iter().map(|i| i.clv).collect();
    let h = higher_counts(&clvs);
    let cut = critical_count(p.critical_share, n);
    inputs
        .iter()
        .zip(h)
        .map(|(input, h)| {
            let importance = importance(h, n);
            let difficulty =
                difficulty(input.complaints_365, input.overdue_followups, input.poor_credit);
            let (critical, difficult) =
                axes(h < cut, difficulty, input.importance_override, input.difficulty_override, p);
            TierResult {
                customer: input.customer,
                higher: h,
                complaints_365: input.complaints_365,
                overdue_followups: input.overdue_followups,
                importance,
                difficulty,
                critical,
                difficult,
                tier: tier_of(critical, difficult),
            }
        })
        .collect()
}

/// The two axes of one customer: critical when its CLV ranks within the cut
/// (`within_cut`), difficult when its difficulty reaches the threshold; an
/// override replaces the computed axis.
pub fn axes(
    within_cut: bool,
    difficulty: f64,
    importance_override: Option<Importance>,
    difficulty_override: Option<Difficulty>,
    p: &TierParams,
) -> (bool, bool) {
    let critical = match importance_override {
        Some(o) => o == Importance::Critical,
        None => within_cut,
    };
    let difficult = match difficulty_override {
        Some(o) => o == Difficulty::Difficult,
        None => difficulty >= p.difficult_threshold,
    };
    (critical, difficult)
}

/// The lowest ranking key still within the cut of [`classify`]: a CLV is
/// within the cut (h < ⌈share·n⌉) exactly when [`within_cut`] says so with
/// this key. `None` when the cut is empty. O(n) (a selection, not a sort);
/// reorders `keys`, which are [`ranking_key`]s.
pub fn cut_key(keys: &mut [f64], p: &TierParams) -> Option<f64> {
    let cut = critical_count(p.critical_share, keys.len());
    let k = cut.checked_sub(1)?;
    // The k-th highest key: exactly k keys rank before it, so a key is
    // preceded by fewer than `cut` strictly higher keys iff it is ≥ this one.
    let (_, kth, _) = keys.select_nth_unstable_by(k, |a, b| b.total_cmp(a));
    Some(*kth)
}

/// The ranking keys of CLVs (as [`higher_counts`] ranks them).
pub fn ranking_key(clv: f64) -> f64 {
    rank_key(clv)
}

/// Whether a CLV's ranking key is within the cut found by [`cut_key`].
pub fn within_cut(key: f64, cut: Option<f64>) -> bool {
    cut.is_some_and(|cut| key.total_cmp(&cut).is_ge())
}

/// Number of complaints (kind 投诉 only) received in the 365 days before the
/// snapshot: on a date from snapshot − 365 days to snapshot − 1 day,
/// inclusive. Input: one customer's ledger entries `(received_at, kind)`.
pub fn complaints_in_year(received: &[(NaiveDateTime, ComplaintKind)], snapshot: NaiveDate) -> u32 {
    let from = snapshot.checked_sub_days(Days::new(365)).unwrap_or(NaiveDate::MIN);
    let count = received
        .iter()
        .filter(|(at, kind)| {
            *kind == ComplaintKind::Complaint && from <= at.date() && at.date() < snapshot
        })
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Overdue follow-ups of one customer as of the snapshot: activities whose
/// next-step due date is before the snapshot and after which the customer
/// has no later activity. Input: the customer's activities as
/// `(at, next_step_due)`, in any order.
///
/// Only activities dated before the snapshot are considered, both as
/// candidates and as "later activity". Only activities at the customer's
/// latest time can have no later activity, so the count is usually 0 or 1;
/// several activities at exactly that latest time all count. O(n).
pub fn overdue_followups(
    activities: &[(NaiveDateTime, Option<NaiveDate>)],
    snapshot: NaiveDate,
) -> u32 {
    let before = || activities.iter().filter(|(at, _)| at.date() < snapshot);
    let Some(latest) = before().map(|(at, _)| *at).max() else {
        return 0;
    };
    let count =
        before().filter(|(at, due)| *at == latest && due.is_some_and(|due| due < snapshot)).count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{assert_close, d};
    use super::*;

    fn input(c: i64, clv: f64) -> TierInput {
        TierInput {
            customer: CustomerId(c),
            clv,
            complaints_365: 0,
            overdue_followups: 0,
            poor_credit: false,
            importance_override: None,
            difficulty_override: None,
        }
    }

    /// Classifies customers 1, 2, … with these CLVs (all easy) and checks
    /// `(importance, critical)` for each.
    fn check(clvs: &[f64], expected: &[(f64, bool)]) {
        let inputs: Vec<TierInput> = (1..).zip(clvs).map(|(c, &v)| input(c, v)).collect();
        let got = classify(&inputs, &TierParams::default());
        assert_eq!(got.len(), expected.len());
        for (g, &(imp, crit)) in got.iter().zip(expected) {
            assert_close(g.importance, imp, 1e-12);
            assert_eq!(g.critical, crit, "customer {:?} of {clvs:?}", g.customer);
            assert_eq!(g.tier, if crit { Tier::Platinum } else { Tier::Lead });
        }
    }

    #[test]
    fn critical_count_is_a_robust_ceiling() {
        for (share, n, expected) in [
            (0.2, 0, 0),
            (0.2, 1, 1),
            (0.2, 2, 1),
            (0.2, 5, 1),
            (0.2, 6, 2),
            (0.2, 35, 7),
            // 0.07 × 100 = 7.000000000000001 in binary floating point.
            (0.07, 100, 7),
            (0.14, 50, 7),
            (0.0, 10, 0),
            (-1.0, 10, 0),
            (1.0, 10, 10),
            (1.5, 10, 10),
            (f64::NAN, 10, 0),
        ] {
            assert_eq!(critical_count(share, n), expected, "⌈{share}·{n}⌉");
        }
    }

    #[test]
    fn importance_by_hand() {
        check(&[], &[]);
        // n = 1: h = 0 → 1.0; ⌈0.2⌉ = 1 → critical.
        check(&[123.0], &[(1.0, true)]);
        // n = 2: ⌈0.4⌉ = 1. h = 1, 0 → 0.5, 1.0.
        check(&[10.0, 20.0], &[(0.5, false), (1.0, true)]);
        // n = 5, cut ⌈1⌉ = 1: h = 0, 1, 1, 3, 4 → 1, 0.8, 0.8, 0.4, 0.2; only h 0 critical.
        check(
            &[500.0, 400.0, 400.0, 300.0, 100.0],
            &[(1.0, true), (0.8, false), (0.8, false), (0.4, false), (0.2, false)],
        );
    }

    #[test]
    fn ties_at_the_cut_off_are_all_critical() {
        // n = 5, cut 1: two tied at the top both have h 0 < 1.
        check(
            &[400.0, 300.0, 400.0, 200.0, 100.0],
            &[(1.0, true), (0.6, false), (1.0, true), (0.4, false), (0.2, false)],
        );
        // n = 10, cut 2: 100 has h 0; the three 90s have h 1 < 2 → 4 critical;
        // 80 has h 4 → 0.6.
        check(
            &[90.0, 100.0, 90.0, 80.0, 90.0, 70.0, 60.0, 50.0, 40.0, 30.0],
            &[
                (0.9, true),
                (1.0, true),
                (0.9, true),
                (0.6, false),
                (0.9, true),
                (0.5, false),
                (0.4, false),
                (0.3, false),
                (0.2, false),
                (0.1, false),
            ],
        );
        // All equal: everyone has h 0 → all critical.
        check(&[5.0, 5.0, 5.0], &[(1.0, true); 3]);
        // −0.0 and 0.0 are the same CLV.
        check(&[0.0, -0.0, -1.0], &[(1.0, true), (1.0, true), (1.0 / 3.0, false)]);
    }

    #[test]
    fn difficulty_threshold_is_inclusive() {
        let p = TierParams::default();
        for (complaints, overdue, poor, score, difficult) in [
            (0, 0, false, 0.0, false),
            (2, 0, false, 2.0, true),
            (1, 1, false, 1.5, false),
            (1, 2, false, 2.0, true),
            (0, 3, false, 1.5, false),
            (0, 4, false, 2.0, true),
            (1, 0, true, 2.0, true),
            (0, 1, true, 1.5, false),
            (0, 2, true, 2.0, true),
            (3, 1, true, 4.5, true),
        ] {
            let one = TierInput {
                complaints_365: complaints,
                overdue_followups: overdue,
                poor_credit: poor,
                ..input(1, 10.0)
            };
            let got = &classify(&[one], &p)[0];
            assert_close(got.difficulty, score, 0.0);
            assert_eq!(got.difficult, difficult, "{complaints} + 0.5·{overdue} + {poor}");
            // n = 1 → critical; the tier follows the difficulty.
            assert_eq!(got.tier, if difficult { Tier::Gold } else { Tier::Platinum });
        }
    }

    #[test]
    fn the_matrix() {
        assert_eq!(tier_of(true, false), Tier::Platinum);
        assert_eq!(tier_of(true, true), Tier::Gold);
        assert_eq!(tier_of(false, true), Tier::Steel);
        assert_eq!(tier_of(false, false), Tier::Lead);
    }

    #[test]
    fn overrides_replace_the_axes_not_the_scores() {
        // n = 2: customer 1 computes critical & easy (platinum), customer 2
        // not critical & difficult (steel, 2 complaints).
        let top = input(1, 100.0);
        let low = TierInput { complaints_365: 2, ..input(2, 1.0) };
        let p = TierParams::default();
        let tiers = |a: &TierInput, b: &TierInput| {
            let r = classify(&[a.clone(), b.clone()], &p);
            (r[0].tier, r[1].tier)
        };
        assert_eq!(tiers(&top, &low), (Tier::Platinum, Tier::Steel));
        let top_nc =
            TierInput { importance_override: Some(Importance::NotCritical), ..top.clone() };
        assert_eq!(tiers(&top_nc, &low).0, Tier::Lead);
        let top_diff =
            TierInput { difficulty_override: Some(Difficulty::Difficult), ..top.clone() };
        assert_eq!(tiers(&top_diff, &low).0, Tier::Gold);
        let low_crit = TierInput { importance_override: Some(Importance::Critical), ..low.clone() };
        assert_eq!(tiers(&top, &low_crit).1, Tier::Gold);
        let low_easy = TierInput {
            importance_override: Some(Importance::Critical),
            difficulty_override: Some(Difficulty::Easy),
            ..low
        };
        let r = classify(&[top, low_easy], &p);
        assert_eq!(r[1].tier, Tier::Platinum);
        // Scores stay computed: importance 1 − 1/2, difficulty 2.
        assert_close(r[1].importance, 0.5, 0.0);
        assert_close(r[1].difficulty, 2.0, 0.0);
    }

    #[test]
    fn critical_share_setting() {
        // Share 0.5 of n = 4 → cut 2; h = 0, 1, 2, 3.
        let inputs: Vec<TierInput> =
            (1..).zip([4.0, 3.0, 2.0, 1.0]).map(|(c, v)| input(c, v)).collect();
        let p = TierParams { critical_share: 0.5, difficult_threshold: 2.0 };
        let crit: Vec<bool> = classify(&inputs, &p).iter().map(|r| r.critical).collect();
        assert_eq!(crit, [true, true, false, false]);
        let p = TierParams { critical_share: 0.0, difficult_threshold: 2.0 };
        assert!(classify(&inputs, &p).iter().all(|r| !r.critical));
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test date-time")
    }

    fn check_overdue(activities: &[(&str, Option<&str>)], snapshot: &str, expected: u32) {
        let acts: Vec<(NaiveDateTime, Option<NaiveDate>)> =
            activities.iter().map(|&(a, due)| (at(a), due.map(d))).collect();
        assert_eq!(overdue_followups(&acts, d(snapshot)), expected, "{activities:?} @ {snapshot}");
    }

    #[test]
    fn overdue_followups_by_hand() {
        check_overdue(&[], "2024-02-01", 0);
        // One activity due 01-20: overdue from snapshot 01-21 on, not on 01-20 itself.
        let one = [("2024-01-10 09:00", Some("2024-01-20"))];
        check_overdue(&one, "2024-02-01", 1);
        check_overdue(&one, "2024-01-21", 1);
        check_overdue(&one, "2024-01-20", 0);
        // No due date: nothing to be overdue.
        check_overdue(&[("2024-01-10 09:00", None)], "2024-02-01", 0);
        // A later activity (before its due date or after it) means it was followed up.
        check_overdue(
            &[("2024-01-10 09:00", Some("2024-01-20")), ("2024-01-25 10:00", None)],
            "2024-02-01",
            0,
        );
        // Same, given in reverse order.
        check_overdue(
            &[("2024-01-25 10:00", None), ("2024-01-10 09:00", Some("2024-01-20"))],
            "2024-02-01",
            0,
        );
        // The later activity's own due date has passed: that one counts.
        check_overdue(
            &[("2024-01-10 09:00", Some("2024-01-20")), ("2024-01-25 10:00", Some("2024-01-30"))],
            "2024-02-01",
            1,
        );
        // A later activity on or after the snapshot does not exist yet, as of the snapshot.
        check_overdue(
            &[("2024-01-10 09:00", Some("2024-01-20")), ("2024-02-01 08:00", None)],
            "2024-02-01",
            1,
        );
        // Activities on or after the snapshot are not candidates either.
        check_overdue(&[("2024-02-01 08:00", Some("2024-01-15"))], "2024-02-01", 0);
        // Two at exactly the latest time, both overdue: neither is later than the other.
        check_overdue(
            &[("2024-01-10 09:00", Some("2024-01-20")), ("2024-01-10 09:00", Some("2024-01-21"))],
            "2024-02-01",
            2,
        );
    }

    #[test]
    fn complaints_in_the_365_days_before_the_snapshot() {
        let rows = [
            // Snapshot 2024-07-01; the window is 2023-07-02 ..= 2024-06-30 (2024 is a leap year).
            (at("2023-07-01 23:59"), ComplaintKind::Complaint), // one day too early
            (at("2023-07-02 00:00"), ComplaintKind::Complaint), // first day in
            (at("2024-06-30 23:59"), ComplaintKind::Complaint), // last day in
            (at("2024-07-01 00:00"), ComplaintKind::Complaint), // the snapshot day: not yet
            (at("2024-03-01 12:00"), ComplaintKind::Query),     // not a complaint
            (at("2024-03-01 12:00"), ComplaintKind::Inquiry),   // not a complaint
        ];
        assert_eq!(complaints_in_year(&rows, d("2024-07-01")), 2);
        assert_eq!(complaints_in_year(&[], d("2024-07-01")), 0);
    }
}
