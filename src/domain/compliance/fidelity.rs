//! Rule fidelity (issue 12): the boundaries of every rule on both sides,
//! one definition of an active customer, follow-ups over an opportunity's
//! whole open life, missing records judged up to today, and AC-CHECKS from
//! the day an area is in use. Each test failed before its fix.

use super::fixture::{World, check, d, dt, t};
use super::view::build_view;
use super::{RecordSet, Status};
use crate::domain::customer::CustomerId;
use crate::domain::records::{
    AcArea, AcNotice, Activity, Complaint, Opportunity, Overtime, Survey,
};
use crate::domain::settings::Settings;
use crate::domain::terms::{ActivityKind, ComplaintKind, ComplaintStatus, OpportunityStage};

/// A world with customers 1–6 coded C-001 … C-006 and area 1.
fn world() -> World {
    let mut w = World::with_area();
    w.customers = (1..=6).map(|i| (CustomerId(i), format!("C-{i:03}"))).collect();
    w
}

fn activity(customer: i64, kind: ActivityKind, at: &str, opportunity: Option<i64>) -> Activity {
    Activity {
        id: 0,
        customer: CustomerId(customer),
        opportunity,
        complaint: None,
        kind,
        at: dt(&format!("{at} 10:00")),
        subject: String::new(),
        outcome: String::new(),
        next_step: String::new(),
        next_step_due: None,
    }
}

fn opportunity(id: i64, stage: OpportunityStage, created: &str) -> Opportunity {
    Opportunity {
        id,
        customer: CustomerId(1),
        title: format!("项目{id}"),
        stage,
        expected_value_cents: 100_000,
        probability_pct: 50,
        expected_close: None,
        created_at: dt(&format!("{created} 09:00")),
        closed_at: None,
        delivered_at: None,
        owner: "张三".into(),
        notes: String::new(),
    }
}

fn survey(customer: i64, date: &str) -> Survey {
    Survey {
        customer: CustomerId(customer),
        date: d(date),
        expected: 4,
        perceived: 4,
        comment: String::new(),
    }
}

fn buy(w: &mut World, customer: i64, dates: &[&str]) {
    w.purchases.extend(dates.iter().map(|date| (CustomerId(customer), d(date))));
}

fn area(id: i64, name: &str) -> AcArea {
    AcArea {
        id,
        name: name.into(),
        room: String::new(),
        responsible_person: "王经理".into(),
        department: String::new(),
        in_use_since: None,
    }
}

// ---- (1) one definition of an active customer ----

/// A call to someone who last bought 18 months ago does not put them back
/// into SVC-VISIT-50's denominator.
#[test]
fn a_visit_to_a_long_gone_customer_does_not_make_them_active() {
    let mut w = world();
    buy(&mut w, 1, &["2023-01-10"]);
    buy(&mut w, 2, &["2024-06-01"]);
    w.activities.push(activity(1, ActivityKind::Visit, "2024-06-05", None));
    let june = ("2024-06-01", "2024-06-30");
    let found =
        check(&w, "SVC-VISIT-50", june, "2024-07-10", &["violation 2024-06-30  visits 2024-06"]);
    assert!(found[0].detail.starts_with("visits reached 0 of 1 active customers"), "{found:?}");
}

/// The denominator at `churn_days − 1` and `churn_days` days since the
/// latest purchase: 364 days back is active, 365 is churned.
#[test]
fn visit_denominator_counts_364_days_back_and_not_365() {
    let mut w = world();
    buy(&mut w, 1, &["2023-07-02"]); // 364 days before 2024-06-30
    buy(&mut w, 2, &["2023-07-01"]); // 365 days before 2024-06-30
    let june = ("2024-06-01", "2024-06-30");
    let found =
        check(&w, "SVC-VISIT-50", june, "2024-07-10", &["violation 2024-06-30  visits 2024-06"]);
    assert!(found[0].detail.starts_with("visits reached 0 of 1 active customers"), "{found:?}");
}

/// A survey is not due from a customer whose latest purchase is exactly
/// `churn_days` back, whatever activities followed; it is at `churn_days − 1`.
#[test]
fn survey_due_only_from_customers_active_by_their_purchases() {
    let mut w = world();
    buy(&mut w, 1, &["2023-01-10"]);
    w.activities.push(activity(1, ActivityKind::Call, "2023-12-01", None));
    buy(&mut w, 2, &["2023-01-10", "2023-01-11"]);
    let all = ("2023-01-01", "2024-12-31");
    check(&w, "SVC-SURVEY", all, "2024-02-01", &["missing 2024-01-10 C-002 customers#2"]);
}

/// SVC-SURVEY: 365 days between surveys is in time, 366 is late.
#[test]
fn survey_365_days_apart_is_in_time_366_late() {
    let mut w = world();
    for c in [1, 2] {
        buy(&mut w, c, &["2023-01-10", "2023-06-01", "2023-12-01", "2024-06-01"]);
    }
    w.surveys = vec![
        survey(1, "2023-01-10"),
        survey(1, "2024-01-10"),
        survey(2, "2023-01-10"),
        survey(2, "2024-01-11"),
    ];
    let all = ("2023-01-01", "2024-12-31");
    let found =
        check(&w, "SVC-SURVEY", all, "2024-03-01", &["violation 2024-01-10 C-002 customers#2"]);
    assert!(found[0].detail.starts_with("surveyed on 2024-01-11, 366 days after"), "{found:?}");
}

// ---- (2) SVC-FOLLOWUP over the whole open life ----

/// An opportunity won later keeps the months it went without a follow-up;
/// nothing is due after it closed.
#[test]
fn followup_judges_an_opportunity_won_later_over_its_open_life() {
    let mut w = world();
    let mut won = opportunity(1, OpportunityStage::Won, "2024-01-01");
    won.closed_at = Some(d("2024-04-15"));
    let mut lost = opportunity(2, OpportunityStage::Lost, "2024-01-01");
    lost.closed_at = Some(d("2024-01-31")); // closed on its first due day
    w.opportunities = vec![won, lost];
    let year = ("2024-01-01", "2024-12-31");
    check(
        &w,
        "SVC-FOLLOWUP",
        year,
        "2024-12-01",
        &[
            "missing 2024-01-31 C-001 opportunities#1",
            "missing 2024-03-01 C-001 opportunities#1",
            "missing 2024-03-31 C-001 opportunities#1",
        ],
    );
}

/// Due today is not judged yet (today is not over); due yesterday is.
#[test]
fn followup_due_today_is_not_yet_missing() {
    let mut w = world();
    w.opportunities = vec![opportunity(1, OpportunityStage::Lead, "2024-01-01")];
    let year = ("2024-01-01", "2024-12-31");
    check(&w, "SVC-FOLLOWUP", year, "2024-01-31", &[]);
    check(&w, "SVC-FOLLOWUP", year, "2024-02-01", &["missing 2024-01-31 C-001 opportunities#1"]);
    // An activity on the due day itself is in time.
    w.activities.push(activity(1, ActivityKind::Call, "2024-01-31", Some(1)));
    check(&w, "SVC-FOLLOWUP", year, "2024-02-01", &[]);
}

// ---- (3) missing records judged up to today ----

/// The app's view judges up to today, not up to the latest record: the
/// monthly reports due after the last record are missing.
#[test]
fn the_view_judges_missing_records_up_to_today() {
    let set = RecordSet {
        customers: vec![(CustomerId(1), "C-001".into())],
        complaints: vec![Complaint {
            id: 1,
            customer: CustomerId(1),
            received_at: dt("2024-06-10 10:00"),
            channel: "电话".into(),
            kind: ComplaintKind::Query,
            category: "账单".into(),
            description: String::new(),
            first_handler: "小李".into(),
            first_response_at: None,
            resolved_at: Some(dt("2024-06-10 10:05")),
            resolution: "已答复".into(),
            status: ComplaintStatus::Resolved,
        }],
        ..RecordSet::default()
    };
    let view = build_view(set, &Settings::default(), d("2024-09-01"), &mut |_| true).expect("view");
    let missing: Vec<String> = view
        .report
        .findings
        .iter()
        .filter(|f| f.rule_id == "SVC-MONTHLY-REPORT" && f.status == Status::Missing)
        .map(|f| format!("{} {}", f.date, f.record))
        .collect();
    assert!(
        missing.contains(&"2024-08-05 service_reports visits 2024-07".to_owned()),
        "{missing:?}"
    );
    assert_eq!(view.monthly.last().map(|m| (m.0, m.1)), Some((2024, 9)));
}

// ---- (4) AC-CHECKS from the day an area is in use ----

/// Each area is judged from its own first check-sheet row, not from the
/// first row of any area.
#[test]
fn checks_judge_each_area_from_its_own_first_row() {
    let mut w = world();
    w.areas.push(area(2, "销售部"));
    w.row("2024-07-01", "10:00", 300, false);
    w.row("2024-07-01", "16:00", 300, false);
    w.row("2024-07-02", "10:00", 300, false);
    w.row("2024-07-02", "16:00", 300, false);
    for time in ["10:00", "16:00"] {
        w.row("2024-07-03", time, 300, false).area = 2;
        w.row("2024-07-03", time, 300, false);
    }
    check(&w, "AC-CHECKS", ("2024-07-01", "2024-07-03"), "2024-07-04", &[]);
}

/// An area that never filled the sheet but has an in-use date shows its
/// missing checks from that day; the date also overrides the first row.
#[test]
fn an_area_in_use_without_any_check_shows_its_missing_checks() {
    let mut w = world();
    let mut sales = area(2, "销售部");
    sales.in_use_since = Some(d("2024-07-02"));
    w.areas.push(sales);
    w.areas[0].in_use_since = Some(d("2024-07-02")); // its rows start on 07-01
    w.row("2024-07-01", "10:00", 300, false);
    for date in ["2024-07-02", "2024-07-03"] {
        w.row(date, "10:00", 300, false);
        w.row(date, "16:00", 300, false);
    }
    check(
        &w,
        "AC-CHECKS",
        ("2024-07-01", "2024-07-03"),
        "2024-07-04",
        &[
            "missing 2024-07-02 销售部 ac_areas#2 09:00-11:00",
            "missing 2024-07-02 销售部 ac_areas#2 15:00-17:00",
            "missing 2024-07-03 销售部 ac_areas#2 09:00-11:00",
            "missing 2024-07-03 销售部 ac_areas#2 15:00-17:00",
        ],
    );
}

// ---- (5) boundaries ----

#[test]
fn season_month_edges_and_notice_days() {
    let mut w = world();
    w.notices
        .push(AcNotice { from: d("2024-05-10"), to: d("2024-05-20"), reason: "高温".into() });
    for date in ["2024-05-31", "2024-06-01", "2024-10-31", "2024-11-01"] {
        w.row(date, "10:00", 300, true); // #1–#4
    }
    for date in ["2024-05-09", "2024-05-10", "2024-05-20", "2024-05-21"] {
        w.row(date, "10:00", 300, true); // #5–#8
    }
    check(
        &w,
        "AC-SEASON",
        ("2024-01-01", "2024-12-31"),
        "2025-01-01",
        &[
            "violation 2024-05-09 财务部 ac_checks#5",
            "violation 2024-05-21 财务部 ac_checks#8",
            "violation 2024-05-31 财务部 ac_checks#1",
            "violation 2024-11-01 财务部 ac_checks#4",
        ],
    );
}

#[test]
fn check_windows_open_at_09_00_and_15_00_and_close_after_17_00() {
    let mut w = world();
    w.row("2024-07-01", "08:59", 300, false);
    w.row("2024-07-01", "14:59", 300, false);
    w.row("2024-07-02", "09:00", 300, false);
    w.row("2024-07-02", "15:00", 300, false);
    w.row("2024-07-03", "10:00", 300, false);
    w.row("2024-07-03", "17:00", 300, false);
    w.row("2024-07-04", "10:00", 300, false);
    w.row("2024-07-04", "17:01", 300, false);
    check(
        &w,
        "AC-CHECKS",
        ("2024-07-01", "2024-07-04"),
        "2024-07-05",
        &[
            "missing 2024-07-01 财务部 ac_areas#1 09:00-11:00",
            "missing 2024-07-01 财务部 ac_areas#1 15:00-17:00",
            "missing 2024-07-04 财务部 ac_areas#1 15:00-17:00",
        ],
    );
}

#[test]
fn summer_set_25_9_violates_26_0_complies() {
    let mut w = world();
    w.row("2024-07-01", "10:00", 300, true).set_temp_tenths = Some(259);
    w.row("2024-07-01", "15:00", 300, true).set_temp_tenths = Some(260);
    check(
        &w,
        "AC-SUMMER-SET",
        ("2024-07-01", "2024-07-31"),
        "2024-08-01",
        &["violation 2024-07-01 财务部 ac_checks#1"],
    );
}

#[test]
fn winter_set_26_0_complies_26_1_violates_and_heating_starts_below_5_0() {
    let mut w = world();
    w.row("2024-12-02", "10:00", 49, true).set_temp_tenths = Some(260); // #1 fine
    w.row("2024-12-03", "10:00", 49, true).set_temp_tenths = Some(261); // #2 violation
    w.row("2024-12-04", "10:00", 50, true).set_temp_tenths = Some(261); // #3 not heating
    let december = ("2024-12-01", "2024-12-31");
    check(&w, "AC-WINTER", december, "2025-01-01", &["violation 2024-12-03 财务部 ac_checks#2"]);
    assert_eq!(w.checked("AC-WINTER", december, "2025-01-01"), 2);
    // 5.0 is no heating condition: AC-SEASON owns that row.
    check(&w, "AC-SEASON", december, "2025-01-01", &["violation 2024-12-04 财务部 ac_checks#3"]);
}

#[test]
fn off_early_at_17_29_17_30_17_31_and_overtime_covers_only_the_evening() {
    let mut w = world();
    w.overtime.push(Overtime {
        date: d("2024-07-02"),
        area: 1,
        until: t("20:00"),
        who: "李四".into(),
        note: String::new(),
    });
    w.row("2024-07-01", "17:29", 300, true); // #1 fine
    w.row("2024-07-01", "17:30", 300, true); // #2 fine
    w.row("2024-07-01", "17:31", 300, true); // #3 violation
    w.row("2024-07-02", "08:30", 300, true); // #4 the evening's overtime: violation
    w.row("2024-07-02", "19:59", 300, true); // #5 covered
    check(
        &w,
        "AC-OFF-EARLY",
        ("2024-07-01", "2024-07-31"),
        "2024-08-01",
        &["violation 2024-07-01 财务部 ac_checks#3", "violation 2024-07-02 财务部 ac_checks#4"],
    );
}

/// SVC-REVISIT: a revisit on the first or the last day of a month or a
/// quarter counts for it; one a day later counts for the next.
#[test]
fn revisit_on_the_first_and_last_day_of_a_month_and_a_quarter() {
    let mut w = world();
    let mut won = opportunity(1, OpportunityStage::Won, "2024-01-01");
    won.closed_at = Some(d("2024-03-15")); // months Apr 2024 – Mar 2025
    w.opportunities = vec![won];
    let mut on = vec!["2024-04-01", "2024-05-31", "2024-07-01"]; // June only by 07-01: missing
    on.extend(["2024-08-15", "2024-09-15", "2024-10-15", "2024-11-15", "2024-12-15"]);
    on.extend(["2025-01-15", "2025-02-15", "2025-03-31"]);
    on.extend(["2025-04-01", "2025-09-30", "2026-01-01"]); // Q2, Q3, not Q4
    for date in on {
        w.activities.push(activity(1, ActivityKind::Revisit, date, None));
    }
    check(
        &w,
        "SVC-REVISIT",
        ("2024-01-01", "2026-03-31"),
        "2026-02-01",
        &["missing 2024-06-30 C-001 opportunities#1", "missing 2025-12-31 C-001 opportunities#1"],
    );
}
