//! The day's list on a hand-made day: Wednesday 2026-07-08, 10:30, in the
//! AC season, with three customers.

use super::*;
use crate::domain::compliance::fixture::{World, d, dt, t};
use crate::domain::pipeline::{ChurnState, churn_state};
use crate::domain::records::{Opportunity, ReportKind, Survey};
use crate::domain::terms::{
    ActivityKind, ComplaintKind, ComplaintStatus, FaultCause, OpportunityStage,
};

const NOW: &str = "2026-07-08 10:30";

fn world() -> (World, Names) {
    let mut w = World::with_area();
    let mut names = Names::default();
    for (id, code, name) in [(1, "C-1", "郑五"), (2, "C-2", "李雷"), (3, "C-3", "王芳")] {
        w.customers.push((CustomerId(id), code.into()));
        names.insert(CustomerId(id), name.into());
    }
    for kind in [ReportKind::Complaints, ReportKind::Visits] {
        w.reports.push(crate::domain::records::ServiceReport {
            year: 2026,
            month: 6,
            kind,
            produced_at: dt("2026-07-03 16:00"),
            summary: String::new(),
            analysis: String::new(),
            solutions: String::new(),
        });
    }
    (w, names)
}

fn activity<'a>(w: &'a mut World, customer: i64, at: &str, due: Option<&str>) -> &'a mut Activity {
    let id = i64::try_from(w.activities.len()).expect("few") + 1;
    w.activities.push(Activity {
        id,
        customer: CustomerId(customer),
        opportunity: None,
        complaint: None,
        kind: ActivityKind::Call,
        at: dt(at),
        subject: format!("call {id}"),
        outcome: String::new(),
        next_step: due.map_or(String::new(), |_| "send the quote".into()),
        next_step_due: due.map(d),
    });
    w.activities.last_mut().expect("pushed")
}

fn complaint<'a>(w: &'a mut World, id: i64, kind: ComplaintKind, at: &str) -> &'a mut Complaint {
    w.complaints.push(Complaint {
        id,
        customer: CustomerId(1),
        received_at: dt(at),
        channel: "phone".into(),
        kind,
        category: "billing".into(),
        description: String::new(),
        first_handler: "张三".into(),
        first_response_at: None,
        resolved_at: None,
        resolution: String::new(),
        status: ComplaintStatus::Open,
    });
    w.complaints.last_mut().expect("pushed")
}

fn opportunity<'a>(
    w: &'a mut World,
    id: i64,
    stage: OpportunityStage,
    created: &str,
) -> &'a mut Opportunity {
    w.opportunities.push(Opportunity {
        id,
        customer: CustomerId(2),
        title: "会议室改造".into(),
        stage,
        expected_value_cents: 100_000,
        probability_pct: 50,
        expected_close: None,
        created_at: dt(created),
        closed_at: None,
        delivered_at: None,
        owner: String::new(),
        notes: String::new(),
    });
    w.opportunities.last_mut().expect("pushed")
}

/// The list at `now`, written `section due item customer_code record`.
fn list(w: &World, names: &Names, now: &str) -> Vec<String> {
    let list = today(&w.records(), names, &w.settings, dt(now)).expect("today runs");
    list.items
        .iter()
        .map(|i| {
            let due = match i.due_time {
                Some(t) => format!("{} {}", i.due, t.format("%H:%M")),
                None => i.due.to_string(),
            };
            format!(
                "{} {due} {} {} {}",
                i.section.code(),
                i.kind.code(),
                i.customer_code,
                i.record.cli()
            )
        })
        .collect()
}

fn only(w: &World, names: &Names, now: &str, kind: &str) -> Vec<String> {
    // `section due [time] kind …`: the kind follows the time when there is one.
    let kind_of = |l: &String| {
        let words: Vec<&str> = l.split(' ').collect();
        let at = if words.get(2).is_some_and(|w| w.contains(':')) { 3 } else { 2 };
        words.get(at).map(|w| (*w).to_owned())
    };
    list(w, names, now).into_iter().filter(|l| kind_of(l).as_deref() == Some(kind)).collect()
}

#[test]
fn a_later_activity_without_a_next_step_closes_an_earlier_next_step() {
    let (mut w, names) = world();
    activity(&mut w, 1, "2026-07-01 10:00", Some("2026-07-06")); // overdue
    activity(&mut w, 2, "2026-06-20 10:00", Some("2026-07-01")); // closed by #3
    activity(&mut w, 2, "2026-06-25 10:00", None);
    activity(&mut w, 3, "2026-07-02 10:00", Some("2026-07-08")); // today
    activity(&mut w, 3, "2026-07-01 10:00", Some("2026-07-03")); // earlier: not the latest
    assert_eq!(
        only(&w, &names, NOW, "follow-up"),
        [
            "overdue 2026-07-06 follow-up C-1 activity 1: call 1",
            "today 2026-07-08 follow-up C-3 activity 4: call 4",
        ]
    );
    // A next step beyond the week is not listed yet; a later one with a
    // next step replaces the earlier one.
    activity(&mut w, 1, "2026-07-07 10:00", Some("2026-07-20"));
    activity(&mut w, 2, "2026-07-07 11:00", Some("2026-07-15"));
    assert_eq!(
        only(&w, &names, NOW, "follow-up"),
        [
            "today 2026-07-08 follow-up C-3 activity 4: call 4",
            "week 2026-07-15 follow-up C-2 activity 7: call 7",
        ]
    );
}

#[test]
fn open_opportunities_are_due_thirty_days_after_their_last_activity() {
    let (mut w, names) = world();
    opportunity(&mut w, 12, OpportunityStage::Proposal, "2026-06-01 09:00");
    opportunity(&mut w, 13, OpportunityStage::Lead, "2026-06-01 09:00");
    opportunity(&mut w, 14, OpportunityStage::Lost, "2026-05-01 09:00");
    activity(&mut w, 2, "2026-06-10 09:00", None).opportunity = Some(12);
    assert_eq!(
        only(&w, &names, NOW, "follow-up"),
        [
            "overdue 2026-07-01 follow-up C-2 opportunity 13: 会议室改造",
            "week 2026-07-10 follow-up C-2 opportunity 12: 会议室改造",
        ]
    );
}

#[test]
fn open_ledger_entries_are_due_at_their_limit_in_working_time() {
    let (mut w, names) = world();
    w.areas.clear();
    complaint(&mut w, 61, ComplaintKind::Complaint, "2026-07-08 09:00");
    complaint(&mut w, 62, ComplaintKind::Query, "2026-07-07 10:00");
    complaint(&mut w, 63, ComplaintKind::Complaint, "2026-07-08 09:10").resolved_at =
        Some(dt("2026-07-08 09:40"));
    complaint(&mut w, 64, ComplaintKind::Inquiry, "2026-07-08 10:20");
    complaint(&mut w, 65, ComplaintKind::Inquiry, "2026-07-08 08:00").first_response_at =
        Some(dt("2026-07-08 09:05"));
    assert_eq!(
        list(&w, &names, NOW),
        [
            "overdue 2026-07-07 10:10 query C-1 query 62: 07-07 10:00 billing",
            "today 2026-07-08 10:50 inquiry C-1 inquiry 64: 07-08 10:20 billing",
            "today 2026-07-08 14:00 complaint C-1 complaint 61: 07-08 09:00 billing",
        ]
    );
    let items = today(&w.records(), &names, &w.settings, dt(NOW)).expect("runs").items;
    assert_eq!(
        items[2].detail.en,
        "2 h 30 min of working time left (limit 240 working minutes) (billing)"
    );
    assert_eq!(items[2].detail.zh, "剩余2小时30分工作时间(限240个工作分钟) (billing)");
    assert!(
        items[0].detail.en.starts_with("over its limit by 8 h 20 min"),
        "{}",
        items[0].detail.en
    );
}

#[test]
fn todays_check_windows_without_a_check_are_listed_per_area() {
    let (mut w, names) = world();
    w.row("2026-07-08", "09:30", 300, true);
    w.row("2026-07-07", "15:30", 300, true); // yesterday's: not today's
    assert_eq!(
        list(&w, &names, NOW),
        ["today 2026-07-08 17:00 ac-check  check window: 财务部 15:00-17:00"]
    );
    // A Saturday needs no checks; out of season neither.
    assert_eq!(list(&w, &names, "2026-07-11 10:00"), Vec::<String>::new());
    assert_eq!(only(&w, &names, "2026-11-11 10:00", "ac-check"), Vec::<String>::new());
    // An area is in use from its in-use date, else its first row: before
    // that it needs no checks; with neither, none.
    let ac = |w: &World, now: &str| only(w, &names, now, "ac-check").len();
    assert_eq!(ac(&w, "2026-07-06 10:00"), 0, "before its first row (07-07)");
    w.areas[0].in_use_since = Some(d("2026-07-01"));
    assert_eq!(ac(&w, "2026-07-06 10:00"), 2, "in use since 07-01");
    w.areas[0].in_use_since = None;
    w.ac_checks.clear();
    assert_eq!(ac(&w, NOW), 0, "never in use");
}

#[test]
fn unrepaired_faults_are_due_after_five_working_days() {
    let (mut w, names) = world();
    let fault = |at: &str, repaired: Option<&str>| Fault {
        area: 1,
        reported_at: dt(at),
        cause: FaultCause::Wear,
        liable_person: String::new(),
        repaired_at: repaired.map(dt),
        note: String::new(),
    };
    w.faults.push((7, fault("2026-07-01 11:00", None)));
    w.faults.push((8, fault("2026-07-02 11:00", Some("2026-07-03 10:00"))));
    w.row("2026-07-08", "09:30", 300, true).time = t("15:30");
    w.row("2026-07-08", "09:30", 300, true);
    assert_eq!(list(&w, &names, NOW), ["today 2026-07-08 fault  AC fault 7: 财务部 07-01 11:00"]);
}

#[test]
fn a_missed_revisit_is_overdue_until_a_revisit_is_made() {
    let (mut w, names) = world();
    let won = opportunity(&mut w, 12, OpportunityStage::Won, "2026-03-01 09:00");
    won.closed_at = Some(d("2026-05-15"));
    w.purchases.push((CustomerId(2), d("2026-05-15")));
    assert_eq!(
        only(&w, &names, NOW, "revisit"),
        ["overdue 2026-06-30 revisit C-2 opportunity 12: 会议室改造"]
    );
    // June was kept: July is due at its end (beyond the week on the 8th).
    activity(&mut w, 2, "2026-06-12 10:00", None).kind = ActivityKind::Revisit;
    assert_eq!(only(&w, &names, NOW, "revisit"), Vec::<String>::new());
    assert_eq!(
        only(&w, &names, "2026-07-27 10:00", "revisit"),
        ["week 2026-07-31 revisit C-2 opportunity 12: 会议室改造"]
    );
    // A late revisit (in July) closes the missed one.
    w.activities.clear();
    activity(&mut w, 2, "2026-07-02 10:00", None).kind = ActivityKind::Revisit;
    assert_eq!(only(&w, &names, NOW, "revisit"), Vec::<String>::new());
}

#[test]
fn active_customers_are_due_a_survey_a_year_after_the_last() {
    let (mut w, names) = world();
    w.purchases.push((CustomerId(1), d("2025-07-10")));
    w.purchases.push((CustomerId(2), d("2026-03-01")));
    w.surveys.push(Survey {
        customer: CustomerId(2),
        date: d("2025-07-01"),
        expected: 4,
        perceived: 4,
        comment: String::new(),
    });
    w.purchases.push((CustomerId(3), d("2024-01-01"))); // churned: none due
    assert_eq!(
        only(&w, &names, NOW, "survey"),
        [
            "overdue 2026-07-01 survey C-2 satisfaction survey: 李雷",
            "week 2026-07-10 survey C-1 satisfaction survey: 郑五"
        ]
    );
}

#[test]
fn the_monthly_report_is_due_on_the_fifth_until_it_is_produced() {
    let (mut w, names) = world();
    let produced = std::mem::take(&mut w.reports);
    assert_eq!(
        only(&w, &names, NOW, "monthly-report"),
        ["overdue 2026-07-05 monthly-report  monthly service report: 2026-06"]
    );
    assert_eq!(
        only(&w, &names, "2026-07-29 10:00", "monthly-report"),
        [
            "overdue 2026-07-05 monthly-report  monthly service report: 2026-06",
            "week 2026-08-05 monthly-report  monthly service report: 2026-07",
        ]
    );
    w.reports = produced;
    assert_eq!(only(&w, &names, NOW, "monthly-report"), Vec::<String>::new());
}

#[test]
fn customers_newly_at_risk_are_listed_within_a_week_either_side() {
    let (mut w, names) = world();
    w.purchases.push((CustomerId(1), d("2026-01-07"))); // at risk from today
    w.purchases.push((CustomerId(2), d("2026-01-01"))); // from 07-02: newly
    w.purchases.push((CustomerId(3), d("2025-12-01"))); // since 06-01: not newly
    let got = only(&w, &names, NOW, "at-risk");
    assert_eq!(
        got,
        [
            "overdue 2026-07-02 at-risk C-2 customer: 李雷",
            "today 2026-07-08 at-risk C-1 customer: 郑五"
        ]
    );
    // The day agrees with the pipeline's churn state.
    let s = w.settings.churn_days;
    assert_eq!(churn_state(Some(d("2026-01-07")), d("2026-07-08"), s), ChurnState::AtRisk);
    assert_eq!(churn_state(Some(d("2026-01-07")), d("2026-07-07"), s), ChurnState::Active);
    // A churn record after the last purchase takes the customer off.
    w.churned.push((CustomerId(1), d("2026-06-01")));
    assert_eq!(only(&w, &names, NOW, "at-risk"), ["overdue 2026-07-02 at-risk C-2 customer: 李雷"]);
}

#[test]
fn the_table_has_the_cli_columns_and_deleted_customers_are_left_out() {
    let (mut w, names) = world();
    w.areas.clear();
    activity(&mut w, 1, "2026-07-01 10:00", Some("2026-07-06"));
    activity(&mut w, 9, "2026-07-01 10:00", Some("2026-07-06")); // not a live customer
    let list = today(&w.records(), &names, &w.settings, dt(NOW)).expect("runs");
    let table = list.table();
    assert_eq!(table.columns, ["section", "due", "item", "customer_code", "record", "detail"]);
    assert_eq!(list.items.len(), 1, "{:#?}", list.items);
    assert_eq!(list.overdue(), 1);
    assert_eq!(Section::of(d("2026-07-15"), d("2026-07-08")), Some(Section::Week));
    assert_eq!(Section::of(d("2026-07-16"), d("2026-07-08")), None);
}

#[test]
fn a_survey_day_passed_while_inactive_starts_the_interval_again() {
    let (mut w, names) = world();
    w.purchases.push((CustomerId(3), d("2024-05-01")));
    w.purchases.push((CustomerId(3), d("2026-05-01")));
    w.surveys.push(Survey {
        customer: CustomerId(3),
        date: d("2024-06-01"),
        expected: 4,
        perceived: 3,
        comment: String::new(),
    });
    // Due 2025-06-01, when nothing had happened for over 365 days: the
    // next one is due a year later (as SVC-SURVEY judges it).
    assert_eq!(
        only(&w, &names, NOW, "survey"),
        ["overdue 2026-06-01 survey C-3 satisfaction survey: 王芳"]
    );
}
