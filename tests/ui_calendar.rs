//! The working calendar editor driven like a person would, in both
//! languages: an open complaint received before National Day is overdue on
//! 8 October; marking 1–7 October as holidays in the editor gives it time
//! left again in the ledger, and undo takes the holidays back.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::command::{Command, Record};
use ladder::domain::customer::{CustomerData, CustomerId};
use ladder::domain::records::Complaint;
use ladder::domain::terms::{ComplaintKind, ComplaintStatus};
use ladder::store::Store;

mod common;

/// Thursday 2026-10-08, 10:00: the first working day after National Day.
fn now() -> NaiveDateTime {
    common::datetime(2026, 10, 8, 10, 0)
}

/// A store with one open complaint received on Wednesday 2026-09-30 16:00.
fn harness(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, LadderApp> {
    let mut store = Store::create(&dir.path().join("c.db")).expect("create");
    store.apply(&Command::CreateCustomer(CustomerData::named("张三")), now()).expect("customer");
    let complaint = Complaint {
        id: 0,
        customer: CustomerId(1),
        received_at: common::datetime(2026, 9, 30, 16, 0),
        channel: "电话".into(),
        kind: ComplaintKind::Complaint,
        category: "账单".into(),
        description: "多收费".into(),
        first_handler: "小李".into(),
        first_response_at: None,
        resolved_at: None,
        resolution: String::new(),
        status: ComplaintStatus::Open,
    };
    let save = Command::SaveRecord { id: None, record: Box::new(Record::Complaint(complaint)) };
    store.apply(&save, now()).expect("complaint");
    let app = LadderApp::with_store(Some(store), lang, Box::new(now));
    common::harness(app, [1400.0, 1000.0])
}

/// Steps until the background compliance check has caught up.
fn settle(harness: &mut Harness<'_, LadderApp>) {
    let start = Instant::now();
    harness.run_steps(2);
    loop {
        harness.step();
        if !harness.state().is_checking() && harness.state().cache().compliance.is_some() {
            harness.step();
            if !harness.state().is_checking() {
                break;
            }
        }
        assert!(start.elapsed() < Duration::from_secs(30), "the check did not finish");
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.run_steps(3);
}

fn type_into(harness: &mut Harness<'_, LadderApp>, label: &str, text: &str) {
    type_into_role(harness, Role::TextInput, label, text);
}

fn type_into_role(harness: &mut Harness<'_, LadderApp>, role: Role, label: &str, text: &str) {
    harness.get_by_role_and_label(role, label).click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.run();
}

/// The words of one language the test reads and clicks.
struct Words {
    panel: &'static str,
    calendar: &'static str,
    ledger: &'static str,
    notice: &'static str,
    through: &'static str,
    name: &'static str,
    apply: &'static str,
    holiday: &'static str,
    overdue: &'static str,
    /// 120 working minutes on 30 September and 60 on 8 October: 1 h left.
    left: &'static str,
    rules: &'static str,
    run: &'static str,
    open_editor: &'static str,
    halfday: &'static str,
}

const EN: Words = Words {
    panel: "Policy compliance",
    calendar: "Working calendar",
    ledger: "Complaint ledger",
    notice: "No holidays recorded for 2026: time limits count every weekday.",
    through: "Through",
    name: "Name",
    apply: "Apply",
    holiday: "Holiday",
    overdue: "overdue by",
    left: "1h 00m left",
    rules: "Rules",
    run: "国庆节: 1 Oct – 7 Oct (7 days, holiday)",
    open_editor: "Open the calendar…",
    halfday: "Complaint resolved in half a day",
};

const ZH: Words = Words {
    panel: "制度合规",
    calendar: "工作日历",
    ledger: "投诉管理台账",
    notice: "2026 年没有登记节假日：时限按每个工作日计算。",
    through: "至",
    name: "名称",
    apply: "应用",
    holiday: "节假日",
    overdue: "已超时",
    left: "剩余 1 小时 00 分",
    rules: "制度条款",
    run: "国庆节：10月1日 至 10月7日（7 天，节假日）",
    open_editor: "打开工作日历…",
    halfday: "投诉半个工作日内处理",
};

fn national_day_in_the_editor(lang: Lang, w: &Words) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, lang);
    harness.get_by_label(w.panel).click();
    settle(&mut harness);
    assert!(common::shows(&harness, w.notice), "the notice of a year without holidays");
    // Findings name their rule in words, not by id.
    assert!(common::shows(&harness, w.halfday), "the half-day rule by its name");
    assert!(!common::shows(&harness, "SVC-COMPLAINT-HALFDAY"));

    // The tab (a finding of the ledger rule has the same name, below it).
    harness.get_all_by_label(w.ledger).next().expect("the ledger tab").click();
    harness.run();
    assert!(common::shows(&harness, w.overdue), "overdue without the holidays");
    assert!(!common::shows(&harness, w.left));
    assert!(common::shows(&harness, "张三"), "the ledger names the customer");

    harness.get_by_label(w.calendar).click();
    harness.run();
    harness.get_by_label("2026-10-01").click();
    harness.run();
    harness.get_by_role_and_label(Role::RadioButton, w.holiday).click(); // chosen for a Thursday
    harness.run();
    type_into(&mut harness, w.name, "国庆节");
    type_into(&mut harness, w.through, "2026-10-07");
    harness.get_by_label(w.apply).click();
    settle(&mut harness);
    let view = harness.state().cache().compliance.clone().expect("view");
    assert_eq!(view.set.calendar.len(), 7, "{:?}", view.set.calendar);
    assert!(view.set.calendar.iter().all(|d| !d.working && d.name == "国庆节"));
    assert!(!common::shows(&harness, w.notice), "the year has holidays now");

    // The rules view shows the calendar the rules count on; its button
    // opens the editor.
    harness.get_by_label(w.rules).click();
    harness.run();
    assert!(common::shows(&harness, w.run), "{:?} in the rules view", w.run);
    harness.get_by_label(w.open_editor).click();
    harness.run();
    assert_eq!(harness.state_mut().compliance_panel().tab(), ladder::ui::compliance::Tab::Calendar);

    // The tab (a finding of the ledger rule has the same name, below it).
    harness.get_all_by_label(w.ledger).next().expect("the ledger tab").click();
    harness.run();
    assert!(common::shows(&harness, w.left), "time left with the holidays");
    assert!(!common::shows(&harness, w.overdue));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    assert!(harness.state().cache().compliance.clone().expect("view").set.calendar.is_empty());
    assert!(common::shows(&harness, w.overdue), "overdue again after undo");
    assert!(common::shows(&harness, w.notice));
}

#[test]
fn national_day_marked_in_the_editor_gives_a_complaint_time_left_and_undo_takes_it_back_en() {
    national_day_in_the_editor(Lang::En, &EN);
}

#[test]
fn national_day_marked_in_the_editor_gives_a_complaint_time_left_and_undo_takes_it_back_zh() {
    national_day_in_the_editor(Lang::Zh, &ZH);
}

/// "Copy a year from a CSV file…" opens the import wizard on the calendar
/// kind, whatever the file is called, and the import fills the editor.
#[test]
fn copy_from_csv_opens_the_import_wizard_on_the_calendar() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("holidays 2026.csv");
    std::fs::write(&file, "date,working,name\n2026-10-01,no,国庆节\n2026-10-10,yes,调休\n")
        .expect("write");
    let mut store = Store::create(&dir.path().join("c.db")).expect("create");
    store.apply(&Command::CreateCustomer(CustomerData::named("张三")), now()).expect("customer");
    let mut app = LadderApp::with_store(Some(store), Lang::En, Box::new(now));
    app.use_built_in_file_dialog();
    let mut harness = common::harness(app, [1400.0, 1000.0]);
    harness.get_by_label("Policy compliance").click();
    settle(&mut harness);
    harness.get_by_label("Working calendar").click();
    harness.run();
    harness.get_by_label("Copy a year from a CSV file…").click();
    harness.run();
    type_into(&mut harness, "Path", &file.display().to_string());
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert!(common::shows(&harness, "What the rows are"), "{}", harness.state().status_text());
    let kind = harness.get_by_role_and_label(Role::ComboBox, "What the rows are");
    let kind = kind.accesskit_node().value().unwrap_or_default();
    assert_eq!(kind, "working calendar (holidays, make-up days)", "not guessed from the name");
}

/// Pasted lines become calendar days in one undoable change; a bad line is
/// named and nothing is added.
#[test]
fn pasted_days_are_added_and_a_bad_line_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, Lang::En);
    harness.get_by_label("Policy compliance").click();
    settle(&mut harness);
    harness.get_by_label("Working calendar").click();
    harness.run();
    type_into_role(
        &mut harness,
        Role::MultilineTextInput,
        "Paste days",
        "2026-10-01,no,National Day\n2026-10-32,no\n",
    );
    harness.get_by_label("Add the pasted days").click();
    harness.run();
    assert!(common::shows(&harness, "Line 2: \"2026-10-32\" is not a date"), "the bad line");
    type_into_role(
        &mut harness,
        Role::MultilineTextInput,
        "Paste days",
        "2026-10-01,no,National Day\n2026-10-10,yes,调休\n",
    );
    harness.get_by_label("Add the pasted days").click();
    settle(&mut harness);
    let days = harness.state().cache().compliance.clone().expect("view").set.calendar.clone();
    assert_eq!(days.len(), 2, "{days:?}");
    assert!(common::shows(&harness, "Days recorded in 2026: 2"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    assert!(harness.state().cache().compliance.clone().expect("view").set.calendar.is_empty());
}

/// A holiday name over 100 characters, typed in the day's popup: the
/// store refuses it, and the status line says so in the interface's
/// language (it was English in the Chinese interface).
fn long_holiday_name_is_refused_in(lang: Lang, w: &Words, refusal: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, lang);
    harness.get_by_label(w.panel).click();
    settle(&mut harness);
    harness.get_by_label(w.calendar).click();
    harness.run();
    harness.get_by_label("2026-10-01").click();
    harness.run();
    harness.get_by_role_and_label(Role::RadioButton, w.holiday).click();
    harness.run();
    type_into(&mut harness, w.name, &"节".repeat(101));
    harness.get_by_label(w.apply).click();
    settle(&mut harness);
    assert!(harness.state().cache().compliance.clone().expect("view").set.calendar.is_empty());
    let status = harness.state().status_text();
    assert_eq!(status, refusal, "the refusal in the status line");
}

#[test]
fn a_long_holiday_name_is_refused_in_english() {
    let refusal = "Not saved: the name of 2026-10-01 is longer than 100 characters";
    long_holiday_name_is_refused_in(Lang::En, &EN, refusal);
}

#[test]
fn a_long_holiday_name_is_refused_in_chinese() {
    long_holiday_name_is_refused_in(Lang::Zh, &ZH, "未保存：2026-10-01 的名称超过 100 个字");
}
