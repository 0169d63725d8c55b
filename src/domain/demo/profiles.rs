//! Customer profiles: the plan behind every customer (size, ladder step,
//! status, dates).

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::terms::{ChurnReason, CreditRating, CustomerKind, Grade, LadderStep};

use super::calendar::{Period, at, days, office_minute};
use super::names::CHURN_REASONS;
use super::rng::{Rng, quota};

/// Where a customer stands at the end of the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Status {
    /// No purchase yet.
    Prospect,
    /// Last purchase within 182 days before the end.
    Active,
    /// Last purchase 183–364 days before the end.
    AtRisk,
    /// Last purchase 365 days or more before the end.
    Churned,
}

/// The plan behind one customer, decided before any record is written.
#[derive(Clone, Debug)]
pub(super) struct Profile {
    pub(super) step: LadderStep,
    pub(super) kind: CustomerKind,
    pub(super) status: Status,
    /// Relative size of the account (≥ 1 for buyers, 0 for prospects).
    pub(super) size: f64,
    pub(super) grade: Option<Grade>,
    pub(super) credit: Option<CreditRating>,
    pub(super) created: NaiveDateTime,
    pub(super) first: Option<NaiveDate>,
    pub(super) last: Option<NaiveDate>,
    pub(super) purchases: usize,
    pub(super) churn: Option<ChurnReason>,
    pub(super) dissolved: bool,
}

/// Ladder steps in `LadderStep::ALL` order: many at the low steps.
pub(super) const LADDER_WEIGHTS: [u32; 6] = [25, 30, 20, 12, 8, 5];

/// Purchases per year of an account of the given size.
pub(super) fn purchases_per_year(size: f64) -> f64 {
    10.0 + 16.0 * size.powf(0.6)
}

/// A Pareto-distributed account size (shape 1.2, minimum 1, capped at 60).
pub(super) fn pareto_size(rng: &mut Rng) -> f64 {
    (1.0 - rng.unit()).powf(-1.0 / 1.5).min(40.0)
}

pub(super) fn step_rank(step: LadderStep) -> usize {
    LadderStep::ALL.iter().position(|s| *s == step).unwrap_or(0)
}

pub(super) fn plan_profiles(rng: &mut Rng, n: usize, period: Period) -> Vec<Profile> {
    let mut profiles: Vec<Profile> = quota(rng, n, &LADDER_WEIGHTS)
        .into_iter()
        .map(|s| Profile {
            step: LadderStep::ALL[s],
            kind: CustomerKind::Individual,
            status: Status::Prospect,
            size: 0.0,
            grade: None,
            credit: None,
            created: at(period.start, 9 * 60),
            first: None,
            last: None,
            purchases: 0,
            churn: None,
            dissolved: false,
        })
        .collect();

    // Sizes: sorted Pareto draws go to buyers ordered by ladder step plus
    // noise, so partners are mostly big and 顾客 mostly small. Grades follow
    // the size rank: A for the top 15%, B for the next 35%.
    let buyers: Vec<usize> = (0..n).filter(|&i| profiles[i].step != LadderStep::Prospect).collect();
    let mut sizes: Vec<f64> = buyers.iter().map(|_| pareto_size(rng)).collect();
    sizes.sort_by(|a, b| b.total_cmp(a));
    let mut order: Vec<(f64, usize)> = buyers
        .iter()
        .map(|&i| (step_rank(profiles[i].step) as f64 + rng.unit() * 2.5, i))
        .collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (rank, (&(_, i), &size)) in order.iter().zip(&sizes).enumerate() {
        profiles[i].size = size;
        profiles[i].grade = Some(if rank * 100 < buyers.len() * 15 {
            Grade::A
        } else if rank * 100 < buyers.len() * 50 {
            Grade::B
        } else {
            Grade::C
        });
    }

    for profile in &mut profiles {
        plan_one(rng, profile, period);
    }
    let dissolutions = (n / 75).max(1);
    for profile in profiles.iter_mut().filter(|p| p.churn.is_some()).take(dissolutions) {
        profile.dissolved = true;
    }
    profiles
}

pub(super) fn plan_one(rng: &mut Rng, p: &mut Profile, period: Period) {
    use Status::{Active, AtRisk, Churned};
    let Period { start, end } = period;
    if p.step == LadderStep::Prospect {
        p.kind =
            if rng.chance(0.5) { CustomerKind::Organisation } else { CustomerKind::Individual };
        p.grade = match rng.below(10) {
            0 => None,
            1 | 2 => Some(Grade::B),
            _ => Some(Grade::C),
        };
        // Only a few prospects have had a credit check yet.
        p.credit = match rng.below(20) {
            0..=13 => None,
            14..=18 => Some(CreditRating::Good),
            _ => Some(CreditRating::Fair),
        };
        let created = start + days(rng.range(0, (period.days() - 14).max(0)));
        p.created = at(created, office_minute(rng));
        return;
    }

    p.kind = if rng.chance((0.45 + p.size / 20.0).min(0.92)) {
        CustomerKind::Organisation
    } else {
        CustomerKind::Individual
    };
    p.credit = Some(match rng.weighted(&[75, 20, 5]) {
        0 => CreditRating::Good,
        1 => CreditRating::Fair,
        _ => CreditRating::Poor,
    });
    let weights = match p.step {
        LadderStep::Customer => [55, 20, 25],
        LadderStep::Client => [70, 15, 15],
        LadderStep::Supporter => [85, 10, 5],
        LadderStep::Advocate => [92, 8, 0],
        _ => [100, 0, 0],
    };
    let mut status = [Active, AtRisk, Churned][rng.weighted(&weights)];
    // A churned customer needs a purchase at least 365 days before the end
    // and a creation day before that, inside the period.
    if status == Churned && period.days() < 367 {
        status = AtRisk;
    }
    p.status = status;

    let per_year = purchases_per_year(p.size);
    let last = match status {
        Active => end - days(rng.range(0, (365.0 / per_year).clamp(3.0, 150.0) as i64)),
        AtRisk => end - days(rng.range(183, 364)),
        _ => end - days(rng.range(365, (period.days() - 1).min(700))),
    };
    let span = (last - start).num_days() - 1;
    let long_standing = rng.chance(0.35 + 0.1 * step_rank(p.step) as f64);
    let offset = if long_standing { rng.range(0, span.min(60)) } else { rng.range(0, span) };
    let mut first = (start + days(1 + offset)).min(last);
    let years = ((last - first).num_days() as f64 / 365.25).max(1.0 / 12.0);
    let mut count = ((per_year * years).round() as usize).max(1);
    if p.step == LadderStep::Customer {
        count = count.min(4);
    }
    if count == 1 {
        first = last;
    }
    p.first = Some(first);
    p.last = Some(last);
    p.purchases = count;
    let created = (first - days(rng.range(1, 45))).max(start);
    p.created = at(created, office_minute(rng));
    if status == Churned && rng.chance(0.85) {
        let weights: Vec<u32> = CHURN_REASONS.iter().map(|r| r.0).collect();
        p.churn = Some(ChurnReason::ALL[rng.weighted(&weights)]);
    }
}
