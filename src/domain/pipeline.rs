//! The customer pipeline's rules (DOMAIN §2): churn and at-risk states,
//! acquisition under both definitions, rotting opportunities, ladder moves
//! that need a reason, and weighted pipeline values.

use chrono::{NaiveDate, NaiveDateTime};

use super::settings::Acquisition;
use super::terms::{LadderStep, OpportunityStage};

/// Where a customer stands on retention (DOMAIN §2, "Retention and churn").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChurnState {
    /// Bought within the last `churn_days / 2` days.
    Active,
    /// No purchase for at least `churn_days / 2` days.
    AtRisk,
    /// No purchase for at least `churn_days` days.
    Churned,
    /// Never bought (a prospect): neither at risk nor churned.
    NoPurchases,
}

/// The churn state of a customer whose last purchase was `last` (`None`:
/// never), as of `today`. Boundaries are inclusive: exactly `churn_days`
/// days without a purchase is churned, exactly `churn_days / 2` (rounded
/// down) is at risk.
pub fn churn_state(last: Option<NaiveDate>, today: NaiveDate, churn_days: u32) -> ChurnState {
    let Some(last) = last else { return ChurnState::NoPurchases };
    let days = (today - last).num_days();
    if days >= i64::from(churn_days) {
        ChurnState::Churned
    } else if days >= i64::from(churn_days / 2) {
        ChurnState::AtRisk
    } else {
        ChurnState::Active
    }
}

/// Whether a customer is active on `day` (DOMAIN §4.2): its latest purchase
/// on or before `day` lies fewer than `churn_days` days back (exactly
/// `churn_days` is churned, the boundary of [`churn_state`]) and no churn
/// record was made on or after that purchase. `last_purchase` and
/// `last_churn` are the latest on or before `day`. Activities never make a
/// customer active. The pipeline, the service rules (SVC-VISIT-50,
/// SVC-SURVEY) and the monthly report all ask this function.
pub fn is_active(
    last_purchase: Option<NaiveDate>,
    last_churn: Option<NaiveDate>,
    day: NaiveDate,
    churn_days: u32,
) -> bool {
    let Some(last) = last_purchase.filter(|&p| p <= day) else { return false };
    matches!(churn_state(Some(last), day, churn_days), ChurnState::Active | ChurnState::AtRisk)
        && last_churn.is_none_or(|churn| churn < last || churn > day)
}

/// When a customer was acquired, from its purchase dates (any order):
/// 交易观 at the first purchase; 过程观 at the first *repeat* purchase, i.e.
/// the first purchase on a later day than the first one (two lines of one
/// order on the same day are not a repeat).
pub fn acquired_on(purchases: &[NaiveDate], definition: Acquisition) -> Option<NaiveDate> {
    let first = purchases.iter().min().copied()?;
    match definition {
        Acquisition::Transaction => Some(first),
        Acquisition::Process => purchases.iter().filter(|d| **d > first).min().copied(),
    }
}

/// Whether a customer is acquired, from the summary of its purchases: the
/// same answer as [`acquired_on`] without the full list (a repeat purchase
/// exists when the last purchase day is later than the first).
pub fn is_acquired(
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    definition: Acquisition,
) -> bool {
    match (first, last, definition) {
        (Some(_), _, Acquisition::Transaction) => true,
        (Some(first), Some(last), Acquisition::Process) => last > first,
        _ => false,
    }
}

/// A prospect that qualifies as acquired: the app proposes moving it to 顾客.
pub fn proposes_customer(step: LadderStep, acquired: Option<NaiveDate>) -> bool {
    step == LadderStep::Prospect && acquired.is_some()
}

/// Whether a ladder move skips steps or goes down (both ask for a reason).
pub fn move_needs_reason(from: LadderStep, to: LadderStep) -> bool {
    let (from, to) = (from as u8, to as u8);
    to < from || to > from + 1
}

/// Whether an opportunity is still open (not won or lost).
pub fn is_open(stage: OpportunityStage) -> bool {
    !matches!(stage, OpportunityStage::Won | OpportunityStage::Lost)
}

/// Rotting: an open opportunity with no activity for `rotting_days` since
/// its creation or its last activity — unless a next step is scheduled
/// after `today`. Exactly `rotting_days` days is rotting.
pub fn is_rotting(
    stage: OpportunityStage,
    created: NaiveDateTime,
    last_activity: Option<NaiveDateTime>,
    next_step_due: Option<NaiveDate>,
    today: NaiveDate,
    rotting_days: u32,
) -> bool {
    if !is_open(stage) || next_step_due.is_some_and(|due| due > today) {
        return false;
    }
    let since = last_activity.map_or(created, |a| a.max(created)).date();
    (today - since).num_days() >= i64::from(rotting_days)
}

/// Expected value × probability, in cents, rounded half away from zero.
pub fn weighted_cents(expected_value_cents: i64, probability_pct: u8) -> i64 {
    let product = i128::from(expected_value_cents) * i128::from(probability_pct.min(100));
    let rounded = if product >= 0 { (product + 50) / 100 } else { (product - 50) / 100 };
    i64::try_from(rounded).unwrap_or(i64::MAX)
}

/// The default win probability of a stage, used when a card is moved.
pub fn default_probability(stage: OpportunityStage) -> u8 {
    match stage {
        OpportunityStage::Lead => 10,
        OpportunityStage::Qualified => 25,
        OpportunityStage::Proposal => 50,
        OpportunityStage::Negotiation => 75,
        OpportunityStage::Won => 100,
        OpportunityStage::Lost => 0,
    }
}

/// Count and revenue (cents) per ladder step, all six steps in ladder
/// order, of customers given as `(ladder step, revenue in cents)`; the
/// revenues of a step are summed in `i128`, exactly.
pub fn ladder_totals(
    customers: impl IntoIterator<Item = (LadderStep, i128)>,
) -> Vec<(LadderStep, i64, i128)> {
    let mut totals: Vec<(LadderStep, i64, i128)> =
        LadderStep::ALL.iter().map(|step| (*step, 0, 0)).collect();
    for (step, revenue_cents) in customers {
        if let Some(t) = totals.iter_mut().find(|t| t.0 == step) {
            t.1 += 1;
            t.2 += revenue_cents;
        }
    }
    totals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time")
    }

    #[test]
    fn active_until_churn_days_minus_one_and_not_after_a_churn_record() {
        let day = d("2024-06-30");
        let active = |purchase: &str, churn: Option<&str>| {
            is_active(Some(d(purchase)), churn.map(d), day, 365)
        };
        assert!(active("2023-07-02", None), "364 days back: active");
        assert!(!active("2023-07-01", None), "365 days back: churned");
        assert!(active("2024-06-30", None), "bought today");
        assert!(!active("2024-07-01", None), "a purchase after the day does not count");
        assert!(!is_active(None, None, day, 365), "never bought");
        assert!(!active("2024-01-10", Some("2024-03-01")), "churn record after the purchase");
        assert!(!active("2024-01-10", Some("2024-01-10")), "churn record on the purchase day");
        assert!(active("2024-03-10", Some("2024-03-01")), "bought again after the churn record");
        // The same boundary as the pipeline's churn state.
        for back in [0, 181, 182, 364, 365, 400] {
            let last = day - chrono::Duration::days(back);
            let churned = churn_state(Some(last), day, 365) == ChurnState::Churned;
            assert_eq!(is_active(Some(last), None, day, 365), !churned, "{back} days");
        }
    }

    #[test]
    fn churn_boundaries() {
        let today = d("2026-11-23");
        let check = |days: i64, expected| {
            let last = today - chrono::Duration::days(days);
            assert_eq!(churn_state(Some(last), today, 365), expected, "{days} days");
        };
        check(0, ChurnState::Active);
        check(181, ChurnState::Active);
        check(182, ChurnState::AtRisk); // 365 / 2 = 182, inclusive
        check(364, ChurnState::AtRisk);
        check(365, ChurnState::Churned); // exactly churn_days
        check(900, ChurnState::Churned);
        assert_eq!(churn_state(None, today, 365), ChurnState::NoPurchases);
        // An odd setting: 30 days → at risk from 15.
        assert_eq!(churn_state(Some(d("2026-11-08")), today, 30), ChurnState::AtRisk);
        assert_eq!(churn_state(Some(d("2026-11-09")), today, 30), ChurnState::Active);
    }

    #[test]
    fn acquisition_under_both_definitions() {
        let one = [d("2026-03-01")];
        let same_day = [d("2026-03-01"), d("2026-03-01")];
        let repeat = [d("2026-05-09"), d("2026-03-01"), d("2026-03-01"), d("2026-04-02")];
        assert_eq!(acquired_on(&[], Acquisition::Transaction), None);
        assert_eq!(acquired_on(&one, Acquisition::Transaction), Some(d("2026-03-01")));
        assert_eq!(acquired_on(&one, Acquisition::Process), None);
        assert_eq!(acquired_on(&same_day, Acquisition::Process), None);
        assert_eq!(acquired_on(&repeat, Acquisition::Process), Some(d("2026-04-02")));
        assert!(proposes_customer(LadderStep::Prospect, Some(d("2026-03-01"))));
        assert!(!proposes_customer(LadderStep::Client, Some(d("2026-03-01"))));
        assert!(!proposes_customer(LadderStep::Prospect, None));
        // The summary form agrees with the full list.
        for dates in [&one[..], &same_day[..], &repeat[..], &[][..]] {
            for def in [Acquisition::Transaction, Acquisition::Process] {
                let (first, last) = (dates.iter().min().copied(), dates.iter().max().copied());
                assert_eq!(is_acquired(first, last, def), acquired_on(dates, def).is_some());
            }
        }
    }

    #[test]
    fn rotting_with_and_without_a_future_next_step() {
        let today = d("2026-11-23");
        let created = t("2026-09-01 10:00");
        let quiet = Some(t("2026-10-24 09:00")); // 30 days before today
        let recent = Some(t("2026-10-25 09:00")); // 29 days
        let open = OpportunityStage::Proposal;
        assert!(is_rotting(open, created, quiet, None, today, 30));
        assert!(!is_rotting(open, created, recent, None, today, 30));
        // A next step scheduled in the future keeps it fresh; today or past does not.
        assert!(!is_rotting(open, created, quiet, Some(d("2026-11-24")), today, 30));
        assert!(is_rotting(open, created, quiet, Some(d("2026-11-23")), today, 30));
        // No activity at all: counted from creation.
        assert!(is_rotting(open, created, None, None, today, 30));
        assert!(!is_rotting(open, t("2026-11-01 09:00"), None, None, today, 30));
        // Won and lost never rot.
        assert!(!is_rotting(OpportunityStage::Won, created, None, None, today, 30));
        assert!(!is_rotting(OpportunityStage::Lost, created, None, None, today, 30));
    }

    #[test]
    fn skips_and_downward_moves_need_a_reason() {
        use LadderStep::*;
        assert!(!move_needs_reason(Customer, Client));
        assert!(!move_needs_reason(Prospect, Customer));
        assert!(move_needs_reason(Customer, Supporter));
        assert!(move_needs_reason(Client, Customer));
        assert!(move_needs_reason(Partner, Prospect));
    }

    #[test]
    fn weighted_values_round_half_away_from_zero() {
        assert_eq!(weighted_cents(100_000, 25), 25_000);
        assert_eq!(weighted_cents(333, 50), 167); // 166.5 → 167
        assert_eq!(weighted_cents(-333, 50), -167);
        assert_eq!(weighted_cents(1_000, 0), 0);
        assert_eq!(weighted_cents(1_000, 150), 1_000, "probability capped at 100");
    }

    #[test]
    fn ladder_totals_list_every_step() {
        let rows = [
            (LadderStep::Customer, 500),
            (LadderStep::Customer, i128::from(i64::MAX)),
            (LadderStep::Partner, 7),
        ];
        let totals = ladder_totals(rows);
        assert_eq!(totals.len(), LadderStep::ALL.len());
        assert!(totals.iter().map(|t| t.0).eq(LadderStep::ALL.iter().copied()));
        let of = |step| totals.iter().find(|t| t.0 == step).map(|t| (t.1, t.2));
        assert_eq!(of(LadderStep::Customer), Some((2, i128::from(i64::MAX) + 500)));
        assert_eq!(of(LadderStep::Partner), Some((1, 7)));
        assert_eq!(of(LadderStep::Prospect), Some((0, 0)));
    }

    #[test]
    fn ladder_totals_past_i64_stay_exact() {
        let max = i64::MAX;
        let totals = ladder_totals([
            (LadderStep::Customer, max.into()),
            (LadderStep::Customer, max.into()),
            (LadderStep::Partner, max.into()),
        ]);
        let of = |step| totals.iter().find(|t| t.0 == step).map(|t| (t.1, t.2));
        assert_eq!(of(LadderStep::Customer), Some((2, i128::from(max) * 2)), "ties");
        assert_eq!(of(LadderStep::Partner), Some((1, i128::from(max))), "one customer");
        assert_eq!(of(LadderStep::Prospect), Some((0, 0)), "empty");
    }
}
