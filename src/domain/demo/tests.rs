//! Tests of the demo generator: determinism, shape and independent checks of
//! its invariants.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::customer::{CustomerId, generated_code, parse_customer};
use crate::domain::records::{Activity, NewCustomer, StageChange};
use crate::domain::terms::{
    AcCheckKind, ActivityKind, ComplaintKind, ComplaintStatus, CreditRating, CustomerKind,
    FaultCause, LadderStep, OpportunityStage, RelationshipStage, Source,
};

use super::calendar::{HOLIDAYS, MAKEUP_DAYS, at, is_weekend, work_calendar};
use super::{DemoCompany, DemoOptions, generate};

fn opts(seed: u64, customers: usize, years: u32) -> DemoOptions {
    DemoOptions { seed, customers, years, ..DemoOptions::default() }
}

fn start_of(o: &DemoOptions) -> NaiveDate {
    o.end - Duration::days(i64::from(o.years.max(1)) * 365)
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// Working day per DOMAIN §4.1, read from the generated calendar only.
fn working(c: &DemoCompany, d: NaiveDate) -> bool {
    match c.calendar.iter().find(|x| x.date == d) {
        Some(x) => x.working,
        None => d.weekday().num_days_from_monday() < 5,
    }
}

/// Working minutes from `a` to `b`, counted minute by minute.
fn working_minutes(c: &DemoCompany, a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    let mut t = a;
    let mut n = 0;
    while t < b {
        let tm = t.time();
        let in_hours = (hm(9, 0) <= tm && tm < hm(12, 0)) || (hm(13, 0) <= tm && tm < hm(18, 0));
        if in_hours && working(c, t.date()) {
            n += 1;
        }
        t += Duration::minutes(1);
    }
    n
}

/// An independent checker of the AC rules of DOMAIN §4.1: every finding
/// as (rule id, date, area id).
fn ac_findings(c: &DemoCompany, o: &DemoOptions) -> BTreeSet<(&'static str, NaiveDate, i64)> {
    let mut out = BTreeSet::new();
    let in_season = |d: NaiveDate| (6..=10).contains(&d.month());
    let covered = |d: NaiveDate, area: i64, t: NaiveTime| {
        c.overtime.iter().any(|x| x.date == d && x.area == area && t <= x.until)
    };
    for r in &c.ac_checks {
        if !r.ac_on {
            continue;
        }
        let noticed = c.notices.iter().any(|n| n.from <= r.date && r.date <= n.to);
        if !in_season(r.date) && !noticed {
            out.insert(("AC-SEASON", r.date, r.area));
        }
        if r.reference_temp_tenths < 290 {
            out.insert(("AC-HOT", r.date, r.area));
        }
        if r.set_temp_tenths.is_none_or(|s| s < 260) {
            out.insert(("AC-SUMMER-SET", r.date, r.area));
        }
        if !r.windows_closed {
            out.insert(("AC-WINDOWS", r.date, r.area));
        }
        if !r.occupied {
            out.insert(("AC-EMPTY", r.date, r.area));
        }
        let outside = !working(c, r.date) || r.time < hm(9, 0) || r.time > hm(17, 30);
        if outside && !covered(r.date, r.area, r.time) {
            out.insert(("AC-OFF-EARLY", r.date, r.area));
        }
    }
    // Scheduled checks on every working or overtime day of the season
    // on the sheet, clipped to the period.
    if let Some(first) = c.ac_checks.first() {
        let y = first.date.year();
        let from = NaiveDate::from_ymd_opt(y, 6, 1).unwrap().max(start_of(o));
        let to = NaiveDate::from_ymd_opt(y, 10, 31).unwrap().min(o.end);
        for d in from.iter_days().take_while(|d| *d <= to) {
            if !working(c, d) && !c.overtime.iter().any(|x| x.date == d) {
                continue;
            }
            for a in &c.areas {
                for (lo, hi) in [(hm(9, 0), hm(11, 0)), (hm(15, 0), hm(17, 0))] {
                    let found = c.ac_checks.iter().any(|r| {
                        r.date == d
                            && r.area == a.id
                            && r.kind == AcCheckKind::Check
                            && lo <= r.time
                            && r.time <= hi
                    });
                    if !found {
                        out.insert(("AC-CHECKS", d, a.id));
                    }
                }
            }
        }
    }
    for y in start_of(o).year()..=o.end.year() {
        for a in &c.areas {
            if !c.maintenance.iter().any(|m| m.area == a.id && m.date.year() == y) {
                let end = NaiveDate::from_ymd_opt(y, 12, 31).unwrap().min(o.end);
                out.insert(("AC-MAINT", end, a.id));
            }
        }
    }
    for f in &c.faults {
        let repaired = f.repaired_at.map_or(o.end, |t| t.date());
        let spent = f
            .reported_at
            .date()
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= repaired)
            .filter(|d| working(c, *d))
            .count();
        if spent > 5 {
            out.insert(("AC-FAULT", f.reported_at.date(), f.area));
        }
        if f.cause == FaultCause::Misuse {
            assert!(!f.liable_person.is_empty(), "a human-caused fault names the person");
        }
    }
    out
}

fn planted_set(c: &DemoCompany) -> BTreeSet<(&'static str, NaiveDate, i64)> {
    c.planted_ac
        .iter()
        .map(|p| {
            let area = c.areas.iter().find(|a| a.name == p.subject).expect("planted area").id;
            (p.rule_id, p.date, area)
        })
        .collect()
}

/// Invariants that hold for every size of demo.
/// The customer with `id` (ids are 1..=n in order).
fn customer(c: &DemoCompany, id: CustomerId) -> &NewCustomer {
    &c.customers[(id.0 - 1) as usize]
}

/// The default probability of each stage, as the pipeline rules give it.
const EXPECTED_PCT: [(OpportunityStage, u8); 6] = [
    (OpportunityStage::Lead, 10),
    (OpportunityStage::Qualified, 25),
    (OpportunityStage::Proposal, 50),
    (OpportunityStage::Negotiation, 75),
    (OpportunityStage::Won, 100),
    (OpportunityStage::Lost, 0),
];

/// Customers: ids, codes, the parse, the created time.
fn check_customers(c: &DemoCompany, within: &dyn Fn(NaiveDate) -> bool) {
    // Customers: ids, codes, the parse, the created time.
    let mut codes = BTreeSet::new();
    for (k, cu) in c.customers.iter().enumerate() {
        assert_eq!(cu.id, CustomerId(k as i64 + 1));
        assert_eq!(cu.code, generated_code(k as u64 + 1));
        assert_eq!(cu.data.code.as_deref(), Some(cu.code.as_str()));
        assert!(codes.insert(cu.code.clone()), "duplicate code {}", cu.code);
        assert_eq!(parse_customer(cu.data.clone()), Ok(cu.data.clone()), "{}", cu.code);
        assert!(within(cu.created_at.date()));
        assert!(!cu.data.owner.is_empty());
    }
}

/// Transactions; returns every buyer's first purchase date.
fn check_transactions(
    c: &DemoCompany,
    within: &dyn Fn(NaiveDate) -> bool,
) -> BTreeMap<CustomerId, NaiveDate> {
    // Transactions: buyers only, after creation, order numbers unique.
    let mut orders = BTreeSet::new();
    let mut first_purchase: BTreeMap<CustomerId, NaiveDate> = BTreeMap::new();
    for t in &c.transactions {
        assert!(within(t.date));
        assert!(t.amount_cents > 0);
        assert_ne!(customer(c, t.customer).data.ladder_step, LadderStep::Prospect);
        assert!(customer(c, t.customer).created_at.date() < t.date);
        assert!(t.order_no.starts_with(&format!("SO-{}-", t.date.year())));
        assert_eq!(t.order_no.len(), "SO-2025-000123".len());
        assert!(orders.insert(t.order_no.clone()));
        first_purchase.entry(t.customer).or_insert(t.date);
    }
    for cu in &c.customers {
        let buyer = cu.data.ladder_step != LadderStep::Prospect;
        assert_eq!(first_purchase.contains_key(&cu.id), buyer, "{}", cu.code);
    }
    first_purchase
}

/// Opportunities and their stage changes.
fn check_opportunities(c: &DemoCompany, within: &dyn Fn(NaiveDate) -> bool) {
    // Opportunities and their stage changes.
    for (k, op) in c.opportunities.iter().enumerate() {
        assert_eq!(op.id, k as i64 + 1);
        assert!(customer(c, op.customer).created_at < op.created_at);
        let expected_pct = EXPECTED_PCT.iter().find(|(stage, _)| *stage == op.stage);
        assert_eq!(Some(op.probability_pct), expected_pct.map(|(_, pct)| *pct));
        let closed = matches!(op.stage, OpportunityStage::Won | OpportunityStage::Lost);
        assert_eq!(op.closed_at.is_some(), closed);
        assert!(op.expected_value_cents > 0 && op.expected_close.is_some());
        if let Some(d) = op.delivered_at {
            assert_eq!(op.stage, OpportunityStage::Won);
            assert!(d >= op.closed_at.unwrap() && within(d));
        }
        let path: Vec<&StageChange> =
            c.stage_changes.iter().filter(|s| s.opportunity == op.id).collect();
        assert!(!path.is_empty());
        assert_eq!(path[0].from, None);
        assert_eq!(path[0].at, op.created_at);
        for pair in path.windows(2) {
            assert_eq!(pair[1].from, Some(pair[0].to));
            assert!(pair[0].at < pair[1].at);
        }
        let last = path[path.len() - 1];
        assert_eq!(last.to, op.stage);
        assert!(within(path[0].at.date()) && within(last.at.date()));
        if closed {
            assert_eq!(op.closed_at, Some(last.at.date()));
            assert!(within(op.expected_close.unwrap()));
        }
    }
    assert!(
        c.stage_changes
            .iter()
            .all(|s| s.opportunity >= 1 && s.opportunity <= c.opportunities.len() as i64)
    );
}

/// The complaint ledger and the activities.
fn check_service(c: &DemoCompany, within: &dyn Fn(NaiveDate) -> bool) {
    // Complaints.
    for (k, x) in c.complaints.iter().enumerate() {
        assert_eq!(x.id, k as i64 + 1);
        assert!(within(x.received_at.date()));
        assert!(customer(c, x.customer).created_at < x.received_at);
        let resolved = matches!(x.status, ComplaintStatus::Resolved | ComplaintStatus::Closed);
        assert_eq!(x.resolved_at.is_some(), resolved, "complaint {}", x.id);
        if x.status == ComplaintStatus::Open {
            assert!(x.first_response_at.is_none());
        }
        if let Some(f) = x.first_response_at {
            assert!(x.received_at <= f && within(f.date()));
        }
        if let Some(r) = x.resolved_at {
            assert!(x.first_response_at.is_some_and(|f| f <= r));
            assert!(within(r.date()) && !x.resolution.is_empty());
        }
    }

    // Activities: ids, times, consistent references.
    for (k, a) in c.activities.iter().enumerate() {
        assert_eq!(a.id, k as i64 + 1);
        assert!(within(a.at.date()));
        assert!(customer(c, a.customer).created_at < a.at);
        if let Some(id) = a.opportunity {
            let op = &c.opportunities[(id - 1) as usize];
            assert_eq!(op.customer, a.customer);
        }
        if let Some(id) = a.complaint {
            let x = &c.complaints[(id - 1) as usize];
            assert_eq!(x.customer, a.customer);
        }
        assert_eq!(a.next_step.is_empty(), a.next_step_due.is_none());
        if let Some(due) = a.next_step_due {
            assert!(due > a.at.date());
        }
    }
    assert!(c.activities.windows(2).all(|w| w[0].at <= w[1].at));
}

/// Churn, surveys, reports, calendar and the AC records.
fn check_others(
    c: &DemoCompany,
    within: &dyn Fn(NaiveDate) -> bool,
    end: NaiveDate,
    first_purchase: &BTreeMap<CustomerId, NaiveDate>,
) {
    // Churn, surveys, reports, calendar.
    for ch in &c.churn {
        assert!(within(ch.recorded_at) && ch.estimated_loss_cents > 0);
        assert!(!ch.root_cause.is_empty());
        let last =
            c.transactions.iter().filter(|t| t.customer == ch.customer).map(|t| t.date).max();
        assert!(last.is_some_and(|d| (end - d).num_days() >= 365));
    }
    for s in &c.surveys {
        assert!(within(s.date) && (1..=5).contains(&s.expected) && (1..=5).contains(&s.perceived));
        assert!(first_purchase.get(&s.customer).is_some_and(|d| *d < s.date));
    }
    for r in &c.reports {
        assert!(within(r.produced_at.date()));
        assert!((r.year, r.month) < (r.produced_at.year(), r.produced_at.month()));
    }
    for d in &c.calendar {
        assert!(within(d.date));
        assert_eq!(d.working, is_weekend(d.date), "{:?}", d);
    }

    // AC: dates in the period, and exactly the planted findings.
    for r in &c.ac_checks {
        assert!(within(r.date) && (1..=3).contains(&r.area));
    }
    assert!(c.overtime.iter().all(|x| within(x.date)));
    assert!(c.maintenance.iter().all(|x| within(x.date)));
    assert!(c.faults.iter().all(|x| within(x.reported_at.date())
        && x.repaired_at.is_some_and(|r| within(r.date()) && r > x.reported_at)));
    assert!(c.notices.iter().all(|x| within(x.from) && within(x.to) && x.from <= x.to));
}

fn check_invariants(o: &DemoOptions) -> DemoCompany {
    let c = generate(o);
    let (start, end) = (start_of(o), o.end);
    let within = |d: NaiveDate| start <= d && d <= end;
    assert_eq!(c.customers.len(), o.customers);
    check_customers(&c, &within);
    let first_purchase = check_transactions(&c, &within);
    check_opportunities(&c, &within);
    check_service(&c, &within);
    check_others(&c, &within, end, &first_purchase);
    assert_eq!(ac_findings(&c, o), planted_set(&c));
    c
}

#[test]
fn same_seed_same_company_and_other_seed_other_company() {
    let o = DemoOptions::default();
    let a = format!("{:?}", generate(&o));
    assert_eq!(a, format!("{:?}", generate(&o)));
    assert_ne!(a, format!("{:?}", generate(&DemoOptions { seed: 8, ..o })));
}

#[test]
fn default_demo_has_the_expected_shape() {
    let o = DemoOptions::default();
    let c = check_invariants(&o);
    assert_eq!(c.customers.len(), 300);
    assert!((8_000..=15_000).contains(&c.transactions.len()), "{}", c.transactions.len());
    assert!((60..=120).contains(&c.opportunities.len()));
    assert!((40..=80).contains(&c.complaints.len()));
    for step in LadderStep::ALL {
        let n = c.customers.iter().filter(|x| x.data.ladder_step == *step).count();
        assert!(n > 0, "{step:?}");
    }
    let count = |step| c.customers.iter().filter(|x| x.data.ladder_step == step).count();
    assert!(
        count(LadderStep::Prospect) + count(LadderStep::Customer) > 3 * count(LadderStep::Partner)
    );
    for stage in OpportunityStage::ALL {
        assert!(c.opportunities.iter().any(|x| x.stage == *stage), "{stage:?}");
    }
    for kind in ComplaintKind::ALL {
        assert!(c.complaints.iter().any(|x| x.kind == *kind), "{kind:?}");
    }
    for kind in ActivityKind::ALL {
        assert!(c.activities.iter().any(|x| x.kind == *kind), "{kind:?}");
    }
    for source in Source::ALL {
        assert!(c.customers.iter().any(|x| x.data.source == *source), "{source:?}");
    }
    for rating in CreditRating::ALL {
        assert!(c.customers.iter().any(|x| x.data.credit_rating == Some(*rating)));
    }
    for kind in CustomerKind::ALL {
        assert!(c.customers.iter().filter(|x| x.data.kind == *kind).count() > 60);
    }
    let dissolved: Vec<_> = c
        .customers
        .iter()
        .filter(|x| x.data.relationship_stage == RelationshipStage::Dissolution)
        .collect();
    assert!(
        !dissolved.is_empty() && dissolved.iter().all(|x| !x.data.dissolution_reason.is_empty())
    );
    assert!(c.surveys.len() > 150);
    let states: BTreeSet<_> = c.surveys.iter().map(|s| s.perceived.cmp(&s.expected)).collect();
    assert_eq!(states.len(), 3);
    assert!(c.reports.len() >= 40);
    assert!(c.calendar.iter().any(|d| d.name.contains("国庆")));
    assert!(c.calendar.iter().any(|d| d.working));
    assert!((8..=12).contains(&c.planted_ac.len()));
    let rules: BTreeSet<_> = c.planted_ac.iter().map(|p| p.rule_id).collect();
    for rule in [
        "AC-HOT",
        "AC-SUMMER-SET",
        "AC-WINDOWS",
        "AC-EMPTY",
        "AC-CHECKS",
        "AC-OFF-EARLY",
        "AC-FAULT",
        "AC-MAINT",
    ] {
        assert!(rules.contains(rule), "{rule}");
    }
    assert_eq!(c.areas.len(), 3);
    assert_eq!(c.notices.len(), 1);
    assert!(c.overtime.len() >= 3 && c.faults.len() >= 3);
}

#[test]
fn revenue_is_skewed_and_churn_and_risk_exist() {
    for seed in [7, 8, 9, 10, 11] {
        let o = opts(seed, 300, 2);
        let c = generate(&o);
        let mut revenue: BTreeMap<CustomerId, i64> = BTreeMap::new();
        let mut last: BTreeMap<CustomerId, NaiveDate> = BTreeMap::new();
        for t in &c.transactions {
            *revenue.entry(t.customer).or_default() += t.amount_cents;
            last.insert(t.customer, t.date);
        }
        let mut m: Vec<i64> = revenue.values().copied().collect();
        m.sort_by(|a, b| b.cmp(a));
        let total: i64 = m.iter().sum();
        let top: i64 = m.iter().take(m.len().div_ceil(5)).sum();
        assert!(top * 100 >= total * 60, "seed {seed}: top 20% have {top} of {total}");
        let idle = |lo: i64, hi: i64| {
            last.values().filter(|d| (lo..=hi).contains(&(o.end - **d).num_days())).count()
        };
        let churned = idle(365, 10_000);
        assert!(churned >= 10, "seed {seed}");
        assert!(idle(183, 364) >= 10, "seed {seed}");
        // Most churned customers have a churn record.
        assert!(c.churn.len() * 10 >= churned * 7, "seed {seed}");
    }
}

#[test]
fn the_ledger_mostly_meets_its_slas() {
    let c = generate(&DemoOptions::default());
    let mut late = 0;
    for x in &c.complaints {
        let limit = match x.kind {
            ComplaintKind::Query => 10,
            ComplaintKind::Complaint => 240,
            ComplaintKind::Inquiry => 30,
        };
        let until = match x.kind {
            ComplaintKind::Inquiry => x.first_response_at,
            _ => x.resolved_at,
        };
        let until = until.unwrap_or_else(|| {
            c.customers[0].created_at.max(at(DemoOptions::default().end, 23 * 60 + 59))
        });
        if working_minutes(&c, x.received_at, until) > limit {
            late += 1;
        }
    }
    assert!(late >= 2, "some entries are late");
    assert!(late * 100 <= c.complaints.len() * 30, "{late} late of {}", c.complaints.len());
    assert!(c.complaints.iter().any(|x| x.resolved_at.is_none()));
    let mut per_customer: BTreeMap<CustomerId, usize> = BTreeMap::new();
    for x in c.complaints.iter().filter(|x| x.kind == ComplaintKind::Complaint) {
        *per_customer.entry(x.customer).or_default() += 1;
    }
    assert!(per_customer.values().filter(|n| **n >= 2).count() >= 2);
    assert!(
        c.complaints
            .iter()
            .any(|x| !working(&c, x.received_at.date()) || x.received_at.time() >= hm(18, 0)),
        "some entries arrive outside working time"
    );
}

#[test]
fn follow_ups_visits_revisits_and_reports() {
    let o = DemoOptions::default();
    let c = generate(&o);
    // Overdue follow-ups: due before the end with no later activity.
    let mut latest: BTreeMap<CustomerId, &Activity> = BTreeMap::new();
    for a in &c.activities {
        latest.insert(a.customer, a);
    }
    let overdue = latest.values().filter(|a| a.next_step_due.is_some_and(|d| d < o.end)).count();
    assert!(overdue >= 3, "{overdue}");
    // Some activities are linked to opportunities and to complaints.
    assert!(c.activities.iter().filter(|a| a.opportunity.is_some()).count() > 100);
    assert!(c.activities.iter().filter(|a| a.complaint.is_some()).count() > 40);
    // Revisits after won opportunities, not every month.
    let won = c.opportunities.iter().filter(|x| x.stage == OpportunityStage::Won).count();
    let revisits = c
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Revisit && a.opportunity.is_some())
        .count();
    assert!(revisits > won * 3);
    // Visits every month of the period.
    let months: BTreeSet<(i32, u32)> = c
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Visit)
        .map(|a| (a.at.year(), a.at.month()))
        .collect();
    assert!(months.len() >= 24);
    // Reports: most by the 5th of the next month, one or two late.
    let late = c.reports.iter().filter(|r| r.produced_at.day() > 5).count();
    assert!((1..=3).contains(&late), "{late}");
    assert!(c.reports.iter().all(|r| !r.summary.is_empty() && !r.analysis.is_empty()));
}

#[test]
fn ac_season_has_both_windows_every_working_day_except_the_planted_one() {
    let o = DemoOptions::default();
    let c = generate(&o);
    let missing: Vec<_> = c.planted_ac.iter().filter(|p| p.rule_id == "AC-CHECKS").collect();
    assert_eq!(missing.len(), 1);
    // The independent checker finds exactly the planted findings: one
    // missing window, and each planted row breaks only its own rule.
    let found = ac_findings(&c, &o);
    assert_eq!(found, planted_set(&c));
    assert_eq!(found.iter().filter(|f| f.0 == "AC-CHECKS").count(), 1);
    assert_eq!(found.len(), c.planted_ac.len());
    // Every non-planted row is compliant with the row rules.
    let planted = planted_set(&c);
    for r in &c.ac_checks {
        for (rule, bad) in [
            ("AC-HOT", r.ac_on && r.reference_temp_tenths < 290),
            ("AC-SUMMER-SET", r.ac_on && r.set_temp_tenths.is_none_or(|s| s < 260)),
            ("AC-WINDOWS", r.ac_on && !r.windows_closed),
            ("AC-EMPTY", r.ac_on && !r.occupied),
        ] {
            if bad {
                assert!(planted.contains(&(rule, r.date, r.area)), "{rule} {r:?}");
            }
        }
        assert!(!r.ac_on || r.reference_temp_tenths >= 270, "plausible readings");
    }
    // The season is June–October 2026: about 100 working days, 3 areas,
    // 2 checks each, minus the planted gap, plus overtime and spot checks.
    let scheduled = c.ac_checks.iter().filter(|r| r.kind == AcCheckKind::Check).count();
    assert!((550..=700).contains(&scheduled), "{scheduled}");
    assert!(c.ac_checks.iter().any(|r| r.kind == AcCheckKind::Inspection));
    assert!(c.ac_checks.iter().any(|r| r.ac_on) && c.ac_checks.iter().any(|r| !r.ac_on));
    // A weekend overtime day has its checks.
    let weekend = c.overtime.iter().find(|x| !working(&c, x.date)).expect("weekend overtime");
    assert_eq!(c.ac_checks.iter().filter(|r| r.date == weekend.date).count(), 6);
}

#[test]
fn small_demos_work() {
    for o in [opts(7, 20, 1), opts(3, 1, 2), opts(5, 1, 1), opts(7, 0, 2), opts(11, 20, 0)] {
        let c = check_invariants(&o);
        assert_eq!(c.customers.len(), o.customers);
        assert!(!c.planted_ac.is_empty(), "{o:?}");
    }
    let c = generate(&opts(7, 20, 1));
    assert_eq!(c.opportunities.len(), 6);
    for stage in OpportunityStage::ALL {
        assert!(c.opportunities.iter().any(|x| x.stage == *stage));
    }
    for step in LadderStep::ALL {
        assert!(c.customers.iter().any(|x| x.data.ladder_step == *step));
    }
    assert!(!c.transactions.is_empty());
}

#[test]
fn other_end_dates_work() {
    for end in [(2025, 7, 15), (2027, 3, 1), (2026, 6, 20), (2030, 12, 31)] {
        let end = NaiveDate::from_ymd_opt(end.0, end.1, end.2).unwrap();
        let o = DemoOptions { end, customers: 60, ..DemoOptions::default() };
        check_invariants(&o);
        check_invariants(&DemoOptions { years: 1, ..o });
    }
}

#[test]
fn calendar_tables_are_consistent() {
    for &(y, m, d, len, _) in &HOLIDAYS {
        assert!(len >= 1 && NaiveDate::from_ymd_opt(y, m, d).is_some());
    }
    for &(y, m, d, name) in &MAKEUP_DAYS {
        assert!(is_weekend(NaiveDate::from_ymd_opt(y, m, d).unwrap()), "{name} {y}-{m}-{d}");
    }
}

#[test]
fn working_minute_arithmetic() {
    let cal = work_calendar(&[]);
    let fri = NaiveDate::from_ymd_opt(2026, 7, 3).unwrap();
    assert_eq!(cal.add_working_minutes(at(fri, 11 * 60 + 50), 20), at(fri, 13 * 60 + 10));
    let mon = NaiveDate::from_ymd_opt(2026, 7, 6).unwrap();
    assert_eq!(cal.add_working_minutes(at(fri, 19 * 60), 5), at(mon, 9 * 60 + 5));
    assert_eq!(cal.working_minutes_between(at(fri, 17 * 60 + 30), at(mon, 9 * 60 + 30)), 60);
    assert_eq!(cal.add_working_days(fri, 1), mon);
}

#[test]
fn invariants_hold_across_seeds_sizes_and_periods() {
    for seed in 0..6 {
        for (customers, years, (y, m, d)) in
            [(40, 2, (2026, 10, 31)), (5, 1, (2025, 9, 30)), (25, 3, (2031, 2, 28))]
        {
            let end = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            check_invariants(&DemoOptions { seed, customers, years, end });
        }
    }
}
