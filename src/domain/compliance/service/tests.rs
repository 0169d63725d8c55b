//! Tests of the service rules, on hand-built ledgers, activities and reports.

use super::super::RecordSet;
use super::super::fixture::{World, check, d, dt};
use crate::domain::customer::CustomerId;
use crate::domain::records::{
    Activity, CalendarDay, Complaint, Opportunity, ReportKind, ServiceReport, Survey,
};
use crate::domain::terms::{ActivityKind, ComplaintKind, ComplaintStatus, OpportunityStage};

const JUNE: (&str, &str) = ("2024-06-01", "2024-06-30");

/// A world with customers 1–6 coded C-001 … C-006.
fn world() -> World {
    let customers = (1..=6).map(|i| (CustomerId(i), format!("C-{i:03}"))).collect();
    World { set: RecordSet { customers, ..RecordSet::default() }, ..World::default() }
}

/// A complete ledger entry; resolved when `resolved` is given.
fn entry(id: i64, kind: ComplaintKind, received: &str, resolved: Option<&str>) -> Complaint {
    Complaint {
        id,
        customer: CustomerId(1),
        received_at: dt(received),
        channel: "电话".into(),
        kind,
        category: "服务态度".into(),
        description: String::new(),
        first_handler: "小李".into(),
        first_response_at: None,
        resolved_at: resolved.map(dt),
        resolution: if resolved.is_some() { "已解释并致歉".into() } else { String::new() },
        status: if resolved.is_some() { ComplaintStatus::Resolved } else { ComplaintStatus::Open },
    }
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

fn opportunity(id: i64, customer: i64, stage: OpportunityStage, created: &str) -> Opportunity {
    Opportunity {
        id,
        customer: CustomerId(customer),
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

fn day(date: &str, working: bool) -> CalendarDay {
    CalendarDay { date: d(date), working, name: String::new() }
}

#[test]
fn complaint_from_friday_17_00_resolved_monday_11_00_vs_14_30() {
    use ComplaintKind::{Complaint as C, Query};
    let mut w = world();
    // 2024-06-07 is a Friday, 06-10 a Monday.
    w.complaints = vec![
        entry(1, C, "2024-06-07 17:00", Some("2024-06-10 11:00")), // 60+120 = 180
        entry(2, C, "2024-06-07 17:00", Some("2024-06-10 14:30")), // 60+180+90 = 330
        entry(3, C, "2024-06-10 09:00", None),                     // 480 by 06-11 00:00: late
        entry(4, C, "2024-06-10 16:00", None),                     // 120 by 06-11: still in time
        entry(5, C, "2024-06-10 12:30", Some("2024-06-10 17:00")), // lunch: 240 exactly
        entry(6, C, "2024-06-10 12:30", Some("2024-06-10 17:01")), // 241
        entry(7, Query, "2024-06-07 17:00", Some("2024-06-10 14:30")), // not a complaint
    ];
    let found = check(
        &w,
        "SVC-COMPLAINT-HALFDAY",
        JUNE,
        "2024-06-11",
        &[
            "violation 2024-06-07 C-001 complaints#2",
            "violation 2024-06-10 C-001 complaints#3",
            "violation 2024-06-10 C-001 complaints#6",
        ],
    );
    assert_eq!(
        found[0].detail,
        "resolved 330 working minutes after receipt at 2024-06-07 17:00 (limit 240)"
    );
    assert_eq!(
        found[1].detail,
        "not resolved by the start of 2024-06-11: 480 working minutes since receipt at \
         2024-06-10 09:00 (limit 240)"
    );
    assert_eq!(w.checked("SVC-COMPLAINT-HALFDAY", JUNE, "2024-06-11"), 5);
}

#[test]
fn complaint_clock_skips_holidays_and_counts_make_up_days() {
    use ComplaintKind::Complaint as C;
    let mut w = world();
    w.complaints = vec![
        // Fri 17:00 → Tue 12:00: 60 + 480 + 180 = 720 on a normal week.
        entry(1, C, "2024-06-07 17:00", Some("2024-06-11 12:00")),
        // Saturday 2024-10-12, 09:00 → 17:00: nothing on a normal weekend.
        entry(2, C, "2024-10-12 09:00", Some("2024-10-12 17:00")),
    ];
    let all = ("2024-06-01", "2024-10-31");
    check(
        &w,
        "SVC-COMPLAINT-HALFDAY",
        all,
        "2024-11-01",
        &["violation 2024-06-07 C-001 complaints#1"],
    );
    // Dragon Boat Festival on Monday 06-10; Saturday 10-12 a make-up working day.
    w.calendar = vec![day("2024-06-10", false), day("2024-10-12", true)];
    let found = check(
        &w,
        "SVC-COMPLAINT-HALFDAY",
        all,
        "2024-11-01",
        &["violation 2024-10-12 C-001 complaints#2"],
    );
    assert!(found[0].detail.starts_with("resolved 420 working minutes"), "{}", found[0].detail);
}

#[test]
fn query_answered_in_10_working_minutes_not_11() {
    use ComplaintKind::Query;
    let mut w = world();
    w.complaints = vec![
        entry(1, Query, "2024-06-03 09:00", Some("2024-06-03 09:10")),
        entry(2, Query, "2024-06-03 09:00", Some("2024-06-03 09:11")),
        entry(3, Query, "2024-06-03 12:30", Some("2024-06-03 13:10")), // from 13:00
        entry(4, Query, "2024-06-03 12:30", Some("2024-06-03 13:11")),
        entry(5, Query, "2024-06-03 10:00", None),
        entry(6, Query, "2024-06-03 17:55", None), // 5 minutes by 06-04 00:00
    ];
    let found = check(
        &w,
        "SVC-QUERY-10MIN",
        JUNE,
        "2024-06-04",
        &[
            "violation 2024-06-03 C-001 complaints#2",
            "violation 2024-06-03 C-001 complaints#4",
            "violation 2024-06-03 C-001 complaints#5",
        ],
    );
    assert_eq!(
        found[0].detail,
        "answered 11 working minutes after receipt at 2024-06-03 09:00 (limit 10)"
    );
    assert_eq!(found[0].detail_zh, "2024-06-03 09:00收到,11个工作分钟后才答复(限10分钟)");
    assert!(found[2].detail.starts_with("not answered by the start of 2024-06-04"));
}

#[test]
fn inquiry_first_response_in_30_working_minutes_not_31() {
    use ComplaintKind::Inquiry;
    let mut w = world();
    let mut answered = |id, received, first: Option<&str>, resolved| {
        let mut e = entry(id, Inquiry, received, resolved);
        e.first_response_at = first.map(dt);
        w.complaints.push(e);
    };
    answered(1, "2024-06-03 09:00", Some("2024-06-03 09:30"), None);
    answered(2, "2024-06-03 09:00", Some("2024-06-03 09:31"), Some("2024-06-03 11:00"));
    answered(3, "2024-06-03 09:00", None, Some("2024-06-03 09:20")); // resolved = response
    answered(4, "2024-06-03 09:00", None, None); // never answered
    answered(5, "2024-06-07 17:50", Some("2024-06-10 09:20"), None); // 10 + 20 over a weekend
    let found = check(
        &w,
        "SVC-FIRST-30MIN",
        JUNE,
        "2024-06-11",
        &["violation 2024-06-03 C-001 complaints#2", "violation 2024-06-03 C-001 complaints#4"],
    );
    assert!(found[0].detail.starts_with("first response 31 working minutes"));
    assert!(found[1].detail.starts_with("no first response by the start of 2024-06-11"));
}

#[test]
fn ledger_needs_category_handler_and_resolution_and_lists_open_entries() {
    use ComplaintKind::{Complaint as C, Query};
    let mut w = world();
    let mut e2 = entry(2, C, "2024-06-03 09:00", Some("2024-06-03 10:00"));
    e2.category = String::new();
    let mut e3 = entry(3, C, "2024-06-03 09:00", Some("2024-06-03 10:00"));
    e3.resolution = " ".into();
    let mut e4 = entry(4, Query, "2024-06-03 09:00", None);
    e4.status = ComplaintStatus::Closed;
    e4.resolution = "已答复".into();
    let mut e6 = entry(6, C, "2024-06-03 09:00", None);
    e6.first_handler = String::new();
    let mut e7 = entry(7, C, "2024-06-03 09:00", Some("2024-06-02 10:00"));
    e7.status = ComplaintStatus::InProgress;
    w.complaints = vec![
        entry(1, C, "2024-06-03 09:00", Some("2024-06-03 10:00")), // complete
        e2,
        e3,
        e4,
        entry(5, C, "2024-06-04 09:00", None), // complete but open: listed
        e6,
        e7,
        entry(8, C, "2024-06-05 09:00", None), // received today: not yet listed
    ];
    let found = check(
        &w,
        "SVC-LEDGER",
        JUNE,
        "2024-06-05",
        &[
            "violation 2024-06-03 C-001 complaints#2",
            "violation 2024-06-03 C-001 complaints#3",
            "violation 2024-06-03 C-001 complaints#4",
            "violation 2024-06-03 C-001 complaints#6",
            "violation 2024-06-03 C-001 complaints#7",
            "missing 2024-06-04 C-001 complaints#5",
        ],
    );
    let details: Vec<&str> = found.iter().map(|f| f.detail.as_str()).collect();
    assert_eq!(
        details,
        [
            "no category",
            "resolved without a recorded resolution",
            "status closed but no resolved time",
            "no first handler (首问负责制); still unresolved",
            "has a resolved time but status is in_progress; a response or resolution time \
             before receipt",
            "unresolved since 2024-06-04 09:00 (open, complaint 服务态度)",
        ]
    );
    assert_eq!(w.checked("SVC-LEDGER", JUNE, "2024-06-05"), 8);
}

#[test]
fn followup_within_30_days_of_creation_or_last_activity() {
    use OpportunityStage::{Lead, Lost, Proposal, Won};
    let mut w = world();
    w.opportunities = vec![
        opportunity(1, 1, Lead, "2024-01-01"),
        opportunity(2, 2, Proposal, "2024-01-01"),
        opportunity(3, 3, Won, "2024-01-01"),
        opportunity(4, 4, Lost, "2024-01-01"),
    ];
    w.activities = vec![
        activity(1, ActivityKind::Call, "2024-01-20", Some(1)),
        activity(1, ActivityKind::Call, "2024-02-19", Some(1)), // 30 days later: fine
        activity(1, ActivityKind::Call, "2024-03-10", None),    // not linked: no follow-up
        activity(2, ActivityKind::Visit, "2024-02-01", Some(2)), // 31 days: late
        activity(2, ActivityKind::Email, "2024-02-20", Some(2)),
        activity(2, ActivityKind::Call, "2024-03-15", Some(2)),
    ];
    let year = ("2024-01-01", "2024-12-31");
    let found = check(
        &w,
        "SVC-FOLLOWUP",
        year,
        "2024-04-01",
        &["violation 2024-01-31 C-002 opportunities#2", "missing 2024-03-20 C-001 opportunities#1"],
    );
    assert_eq!(
        found[0].detail,
        "next activity on 2024-02-01, 31 days after its creation on 2024-01-01 (limit 30)"
    );
    assert_eq!(
        found[1].detail,
        "no activity since the last activity on 2024-02-19 (30 days by 2024-03-20; limit 30)"
    );
    // Still nothing a month later: missing again every 30 days.
    check(
        &w,
        "SVC-FOLLOWUP",
        year,
        "2024-05-01",
        &[
            "violation 2024-01-31 C-002 opportunities#2",
            "missing 2024-03-20 C-001 opportunities#1",
            "missing 2024-04-14 C-002 opportunities#2",
            "missing 2024-04-19 C-001 opportunities#1",
        ],
    );
    // The period filters by the due date.
    check(
        &w,
        "SVC-FOLLOWUP",
        ("2024-04-01", "2024-04-30"),
        "2024-05-01",
        &["missing 2024-04-14 C-002 opportunities#2", "missing 2024-04-19 C-001 opportunities#1"],
    );
}

#[test]
fn revisits_monthly_for_a_year_then_quarterly() {
    use OpportunityStage::{Lost, Negotiation, Won};
    let mut w = world();
    let mut won = opportunity(1, 1, Won, "2024-01-01");
    won.closed_at = Some(d("2024-03-15")); // delivery defaults to the won date
    let mut delivered = opportunity(2, 2, Won, "2024-01-01");
    delivered.closed_at = Some(d("2024-03-01"));
    delivered.delivered_at = Some(d("2024-04-15"));
    let mut lost = opportunity(3, 3, Lost, "2024-01-01");
    lost.delivered_at = Some(d("2024-01-15"));
    w.opportunities = vec![won, delivered, lost, opportunity(4, 4, Negotiation, "2024-01-01")];
    // Customer 1: every month Apr 2024 – Mar 2025 except July (whose only
    // revisit is for another project), then 2025-Q2 but not Q3.
    for month in ["2024-04", "2024-05", "2024-06", "2024-08", "2024-09", "2024-10", "2024-11"] {
        w.activities.push(activity(1, ActivityKind::Revisit, &format!("{month}-10"), None));
    }
    for month in ["2024-12", "2025-01", "2025-02", "2025-03"] {
        w.activities.push(activity(1, ActivityKind::Revisit, &format!("{month}-10"), Some(1)));
    }
    w.activities.push(activity(1, ActivityKind::Revisit, "2024-07-10", Some(99)));
    w.activities.push(activity(1, ActivityKind::Call, "2024-07-11", None)); // not a revisit
    w.activities.push(activity(1, ActivityKind::Revisit, "2025-05-10", None));
    // Customer 2: delivered 04-15, churned 06-10: only May 2024 is required.
    w.churned = vec![(CustomerId(2), d("2024-06-10"))];
    let found = check(
        &w,
        "SVC-REVISIT",
        ("2024-01-01", "2025-12-31"),
        "2025-10-15",
        &[
            "missing 2024-05-31 C-002 opportunities#2",
            "missing 2024-07-31 C-001 opportunities#1",
            "missing 2025-09-30 C-001 opportunities#1",
        ],
    );
    assert_eq!(
        found[1].detail,
        "no revisit between 2024-07-01 and 2024-07-31 (month 4 of 12 after delivery; \
         delivered 2024-03-15)"
    );
    assert_eq!(
        found[2].detail,
        "no revisit between 2025-07-01 and 2025-09-30 (quarterly after the first year, \
         2025-Q3; delivered 2024-03-15)"
    );
    // 12 months + 2025-Q2 + 2025-Q3 for #1, May 2024 for #2.
    assert_eq!(w.checked("SVC-REVISIT", ("2024-01-01", "2025-12-31"), "2025-10-15"), 15);
}

#[test]
fn revisit_quarters_start_with_the_rest_of_the_13th_months_quarter() {
    let mut w = world();
    let mut won = opportunity(1, 1, OpportunityStage::Won, "2024-01-01");
    won.closed_at = Some(d("2024-04-15")); // months May 2024 – Apr 2025
    w.opportunities = vec![won];
    for month in 5..=12 {
        w.activities.push(activity(1, ActivityKind::Revisit, &format!("2024-{month:02}-02"), None));
    }
    for month in 1..=4 {
        w.activities.push(activity(1, ActivityKind::Revisit, &format!("2025-{month:02}-02"), None));
    }
    // Then May–June 2025 (rest of Q2), Q3 2025: none recorded.
    let found = check(
        &w,
        "SVC-REVISIT",
        ("2024-01-01", "2025-12-31"),
        "2025-10-01",
        &["missing 2025-06-30 C-001 opportunities#1", "missing 2025-09-30 C-001 opportunities#1"],
    );
    assert!(found[0].detail.starts_with("no revisit between 2025-05-01 and 2025-06-30"));
}

#[test]
fn visits_reach_half_of_the_active_customers_each_month() {
    let mut w = world();
    for id in 1..=4 {
        w.purchases.push((CustomerId(id), d("2024-01-10"))); // active all year
    }
    w.purchases.push((CustomerId(5), d("2022-01-01"))); // long inactive
    w.purchases.push((CustomerId(6), d("2024-01-05")));
    w.churned.push((CustomerId(6), d("2024-03-01"))); // churned
    // June: 2 of 4 = 50%: enough. July: 1 of 4 (a call does not count).
    w.activities = vec![
        activity(1, ActivityKind::Visit, "2024-06-05", None),
        activity(2, ActivityKind::Visit, "2024-06-25", None),
        activity(2, ActivityKind::Visit, "2024-06-26", None),
        activity(1, ActivityKind::Visit, "2024-07-05", None),
        activity(2, ActivityKind::Call, "2024-07-06", None),
    ];
    let summer = ("2024-06-01", "2024-08-31");
    let found =
        check(&w, "SVC-VISIT-50", summer, "2024-08-15", &["violation 2024-07-31  visits 2024-07"]);
    assert_eq!(
        found[0].detail,
        "visits reached 1 of 4 active customers (25%) in 2024-07; at least 50% (2) required"
    );
    // June and July judged; August has not ended.
    assert_eq!(w.checked("SVC-VISIT-50", summer, "2024-08-15"), 2);
    // A fifth active customer makes 2 of 5 too few in June.
    w.purchases.push((CustomerId(5), d("2024-05-01")));
    check(
        &w,
        "SVC-VISIT-50",
        summer,
        "2024-08-15",
        &["violation 2024-06-30  visits 2024-06", "violation 2024-07-31  visits 2024-07"],
    );
}

#[test]
fn monthly_reports_on_the_5th_are_in_time_on_the_6th_late() {
    let mut w = world();
    let report = |month, kind, at: &str| ServiceReport {
        year: 2024,
        month,
        kind,
        produced_at: dt(at),
        summary: String::new(),
        analysis: String::new(),
        solutions: String::new(),
    };
    w.reports = vec![
        report(5, ReportKind::Complaints, "2024-06-05 23:59"), // in time
        report(5, ReportKind::Visits, "2024-06-06 08:00"),     // late
        report(6, ReportKind::Complaints, "2024-07-03 10:00"), // in time
    ]; // June's visit summary is never produced.
    let summer = ("2024-06-01", "2024-08-31");
    let found = check(
        &w,
        "SVC-MONTHLY-REPORT",
        summer,
        "2024-07-10",
        &[
            "violation 2024-06-05  service_reports visits 2024-05",
            "missing 2024-07-05  service_reports visits 2024-06",
        ],
    );
    assert_eq!(
        found[0].detail,
        "the visit summary for 2024-05 was produced at 2024-06-06 08:00, after the due date \
         2024-06-05"
    );
    assert_eq!(found[1].detail, "no visit summary for 2024-06 (due 2024-07-05)");
    // On the due day itself nothing is missing yet.
    check(
        &w,
        "SVC-MONTHLY-REPORT",
        summer,
        "2024-07-05",
        &["violation 2024-06-05  service_reports visits 2024-05"],
    );
}

#[test]
fn surveys_at_least_every_365_days_for_active_customers() {
    let mut w = world();
    let survey = |customer, date| Survey {
        customer: CustomerId(customer),
        date: d(date),
        expected: 4,
        perceived: 4,
        comment: String::new(),
    };
    // C-001: surveyed 365 days apart (fine), then nothing while active.
    w.purchases.push((CustomerId(1), d("2023-01-10")));
    w.purchases.push((CustomerId(1), d("2024-03-01")));
    w.purchases.push((CustomerId(1), d("2025-03-01")));
    w.surveys = vec![survey(1, "2023-06-01"), survey(1, "2024-05-31")];
    // C-002: first surveyed 416 days after becoming a customer (late), then inactive.
    w.purchases.push((CustomerId(2), d("2023-01-10")));
    w.purchases.push((CustomerId(2), d("2023-02-01"))); // still active on 2024-01-10
    w.surveys.push(survey(2, "2024-03-01"));
    // C-003: churned before its first survey was due.
    w.purchases.push((CustomerId(3), d("2024-02-01")));
    w.churned.push((CustomerId(3), d("2024-06-01")));
    let all = ("2023-01-01", "2025-12-31");
    let found = check(
        &w,
        "SVC-SURVEY",
        all,
        "2025-07-01",
        &["violation 2024-01-10 C-002 customers#2", "missing 2025-05-31 C-001 customers#1"],
    );
    assert_eq!(
        found[0].detail,
        "surveyed on 2024-03-01, 416 days after the first purchase on \
         2023-01-10 (limit 365)"
    );
    assert_eq!(
        found[1].detail,
        "no satisfaction survey since the last survey on 2024-05-31 (365 days by 2025-05-31; \
         limit 365)"
    );
    // C-001 on 2024-05-31 (in time) and 2025-05-31, C-002 once; C-001 was
    // not active on 2024-01-10 (its only purchase exactly 365 days back).
    assert_eq!(w.checked("SVC-SURVEY", all, "2025-07-01"), 3);
    // Without the 2024 purchase C-001 was inactive on 2024-05-31: not judged.
    w.purchases.retain(|p| p.1 != d("2024-03-01"));
    assert_eq!(w.checked("SVC-SURVEY", all, "2025-07-01"), 2);
}
