//! The compliance panel driven like a person would: record a check with the
//! AC on at 28 °C, see the violation, fix the row, undo the fix.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::command::{Command, Record};
use ladder::domain::records::AcArea;
use ladder::store::Store;

mod common;

/// Monday 2026-07-06, 10:00: in the cooling season, a working day.
fn now() -> NaiveDateTime {
    common::datetime(2026, 7, 6, 10, 0)
}

fn harness(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, LadderApp> {
    let mut store = Store::create(&dir.path().join("c.db")).expect("create");
    let area = AcArea {
        id: 0,
        name: "财务部".into(),
        room: "201".into(),
        responsible_person: "陈静".into(),
        department: "财务部".into(),
        in_use_since: None,
    };
    store
        .apply(&Command::SaveRecord { id: None, record: Box::new(Record::Area(area)) }, now())
        .expect("area");
    let app = LadderApp::with_store(Some(store), lang, Box::new(now));
    // No customers yet: the app offers the demo company first; decline it.
    app.send(ladder::ui::AppCommand::DismissDemoOffer);
    common::harness(app, [1400.0, 900.0])
}

/// Steps until the background compliance check has caught up.
fn settle(harness: &mut Harness<'_, LadderApp>) {
    let start = Instant::now();
    // The worker thread asks for repaints while it runs: step, don't settle.
    harness.run_steps(2);
    loop {
        harness.step();
        let app = harness.state();
        if !app.is_checking() && app.cache().compliance.is_some() {
            harness.step();
            if !harness.state().is_checking() {
                break;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "check did not finish: {} {:?} {}",
            harness.state().status_text(),
            harness.state().panel(),
            harness.state().is_checking()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.run_steps(3);
}

fn hot_findings(harness: &Harness<'_, LadderApp>) -> usize {
    let view = harness.state().cache().compliance.clone().expect("view");
    view.report.findings.iter().filter(|f| f.rule_id == "AC-HOT").count()
}

/// Types into the check form's field (the last field with that label: the
/// round-of-checks grid above it has one too).
fn type_into(harness: &mut Harness<'_, LadderApp>, label: &str, text: &str) {
    harness.get_all_by_role_and_label(Role::TextInput, label).last().expect("field").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_all_by_role_and_label(Role::TextInput, label)
        .last()
        .expect("field")
        .type_text(text);
    harness.run();
}

#[test]
fn a_hot_check_shows_a_violation_a_fix_clears_it_and_undo_brings_it_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, Lang::En);
    harness.get_by_label("Policy compliance").click();
    settle(&mut harness);
    assert_eq!(hot_findings(&harness), 0);

    harness.get_by_label("AC check sheet").click();
    harness.run();
    harness.get_by_label("Record a check").click();
    harness.run();
    type_into(&mut harness, "Reference °C", "28.0");
    type_into(&mut harness, "Set °C", "26");
    harness.get_all_by_label("AC on").last().expect("the form's checkbox").click();
    harness.run();
    harness.get_by_label("Save").click();
    settle(&mut harness);
    assert_eq!(hot_findings(&harness), 1, "AC on at 28 °C is a violation");

    harness.get_by_label("Findings").click();
    harness.run();
    assert!(
        harness.query_by_label_contains("AC on at 28.0 °C").is_some(),
        "listed in the findings view"
    );

    // Open the finding's record and fix the reading.
    harness.get_by_label_contains("AC on at 28.0 °C").click();
    harness.run();
    type_into(&mut harness, "Reference °C", "30.5");
    harness.get_by_label("Save").click();
    settle(&mut harness);
    assert_eq!(hot_findings(&harness), 0, "fixed");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    assert_eq!(hot_findings(&harness), 1, "undo brings the violation back");
}

#[test]
fn every_tab_renders_in_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, Lang::Zh);
    harness.get_by_label("制度合规").click();
    settle(&mut harness);
    for tab in ["空调开关温度检查表", "投诉管理台账", "制度条款", "检查结果"]
    {
        harness.get_by_label(tab).click();
        harness.run();
    }
    harness.get_by_label("空调开关温度检查表").click();
    harness.run();
    harness.get_by_label("记录检查").click();
    harness.run();
    assert!(harness.query_all_by_label("参考温度 °C").count() >= 1);
}
