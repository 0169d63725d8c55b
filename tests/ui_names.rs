//! Records are named in words where a person looks: the status line, the
//! Edit menu's undo and redo, and the compliance findings say "complaint of
//! 郑五 received 11-16 09:30" or "opportunity 会议室改造", in both
//! languages, never a table name and a row id.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::command::{Command, Record, RecordKind};
use ladder::domain::customer::CustomerId;
use ladder::domain::records::{Complaint, Opportunity};
use ladder::domain::terms::{ComplaintKind, ComplaintStatus, OpportunityStage};
use ladder::store::Store;
use ladder::ui::{AppCommand, Panel};

mod common;
use common::{add_customer, datetime};

fn complaint(customer: CustomerId) -> Record {
    Record::Complaint(Complaint {
        id: 0,
        customer,
        // Monday 09:30, never answered: a finding of the half-day rule.
        received_at: datetime(2026, 11, 16, 9, 30),
        channel: "电话".into(),
        kind: ComplaintKind::Complaint,
        category: String::new(),
        description: "空调不制冷".into(),
        first_handler: String::new(),
        first_response_at: None,
        resolved_at: None,
        resolution: String::new(),
        status: ComplaintStatus::Open,
    })
}

fn opportunity(customer: CustomerId) -> Record {
    Record::Opportunity(Opportunity {
        id: 0,
        customer,
        title: "会议室改造".into(),
        stage: OpportunityStage::Lead,
        expected_value_cents: 1_000_000,
        probability_pct: 10,
        expected_close: None,
        created_at: datetime(2026, 11, 2, 10, 0),
        closed_at: None,
        delivered_at: None,
        owner: String::new(),
        notes: String::new(),
    })
}

fn harness(dir: &tempfile::TempDir, lang: Lang) -> (Harness<'static, LadderApp>, CustomerId) {
    let mut store = Store::create(&dir.path().join("n.db")).expect("create");
    add_customer(&mut store, "郑五");
    let id = store.customer_rows().expect("rows")[0].id;
    (common::harness(common::app(store, lang), [1400.0, 900.0]), id)
}

fn write(harness: &mut Harness<'_, LadderApp>, command: Command) {
    harness.state().send(AppCommand::Write(Box::new(command)));
    harness.run_steps(3);
}

/// The Edit menu's first entry (undo), read by opening the menu.
fn undo_label(harness: &mut Harness<'_, LadderApp>, edit: &str, undo: &str) -> String {
    harness.get_by_label(edit).click();
    harness.run();
    let label = harness
        .query_all_by_label_contains(undo)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with(undo))
        .expect("the undo entry");
    harness.key_press(egui::Key::Escape);
    harness.run();
    label
}

fn names_in(lang: Lang, saved: &str, opportunity_text: &str, edit: &str, undo: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut harness, customer) = harness(&dir, lang);

    write(&mut harness, Command::SaveRecord { id: None, record: Box::new(complaint(customer)) });
    let status = harness.state().status_text().to_owned();
    assert!(status.contains(saved), "status line: {status}");
    assert!(!status.contains('#') && !status.contains("complaints"), "{status}");
    let label = undo_label(&mut harness, edit, undo);
    assert!(label.contains(saved), "Edit → Undo names it: {label}");

    write(&mut harness, Command::SaveRecord { id: None, record: Box::new(opportunity(customer)) });
    let store = harness.state().store().expect("store");
    let id = store.opportunity_rows().expect("rows")[0].opportunity.id;
    write(&mut harness, Command::DeleteRecord { kind: RecordKind::Opportunity, id });
    let status = harness.state().status_text().to_owned();
    assert!(status.contains(opportunity_text), "status line: {status}");
    let label = undo_label(&mut harness, edit, undo);
    assert!(label.contains(opportunity_text), "{label}");

    // The findings name the complaint the same way.
    harness.state().send(AppCommand::ShowPanel(Panel::Compliance));
    let start = Instant::now();
    harness.run_steps(2);
    while harness.state().is_checking() || harness.state().cache().compliance.is_none() {
        assert!(start.elapsed() < Duration::from_secs(30), "check did not finish");
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    harness.run_steps(3);
    let view = harness.state().cache().compliance.clone().expect("view");
    assert!(view.report.findings.iter().any(|f| f.record.starts_with("complaints#")));
    assert!(
        harness.query_all_by_label_contains(saved).next().is_some(),
        "the findings table names the complaint: {saved}"
    );
    assert!(harness.query_all_by_label_contains("complaints#").next().is_none());
}

#[test]
fn records_are_named_in_words_in_english() {
    names_in(
        Lang::En,
        "complaint of 郑五 received 11-16 09:30",
        "deleted opportunity 会议室改造",
        "Edit",
        "Undo",
    );
}

#[test]
fn records_are_named_in_words_in_chinese() {
    names_in(Lang::Zh, "郑五 11-16 09:30 收到的投诉", "已删除销售机会 会议室改造", "编辑", "撤销");
}
