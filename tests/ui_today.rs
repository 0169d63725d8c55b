//! The Today panel on a hand-made day, in both languages: it is the start
//! page; it lists an overdue follow-up, a complaint with its working time
//! left and a missing AC check; a row opens its record; "done" and "move"
//! are undoable.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::command::{Command, Record};
use ladder::domain::customer::{CustomerData, CustomerId};
use ladder::domain::records::{AcArea, AcCheckRow, Activity, CalendarDay, Complaint};
use ladder::domain::terms::{AcCheckKind, ActivityKind, ComplaintKind, ComplaintStatus};
use ladder::domain::today::{ItemKind, Section};
use ladder::store::Store;
use ladder::ui::Panel;
use ladder::ui::compliance::Tab;

mod common;

/// Friday 2026-07-03, 10:30: in the AC season, a working day.
fn now() -> NaiveDateTime {
    common::datetime(2026, 7, 3, 10, 30)
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("time")
}

/// The office: 郑五's next step was due on 07-01, 李雷 complained at 09:00
/// today, and the finance office was checked this morning only.
fn office(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::create(&dir.path().join("t.db")).expect("create");
    let mut write = |command: Command| {
        store.apply(&command, now()).expect("write");
    };
    write(Command::CreateCustomer(CustomerData::named("郑五")));
    write(Command::CreateCustomer(CustomerData::named("李雷")));
    let save = |record| Command::SaveRecord { id: None, record: Box::new(record) };
    write(save(Record::Activity(Activity {
        id: 0,
        customer: CustomerId(1),
        opportunity: None,
        complaint: None,
        kind: ActivityKind::Call,
        at: at("2026-06-25 10:00"),
        subject: "询价".into(),
        outcome: String::new(),
        next_step: "寄送样品".into(),
        next_step_due: Some(at("2026-07-01 00:00").date()),
    })));
    write(save(Record::Complaint(Complaint {
        id: 0,
        customer: CustomerId(2),
        received_at: at("2026-07-03 09:00"),
        channel: "电话".into(),
        kind: ComplaintKind::Complaint,
        category: "配送".into(),
        description: "送货晚了".into(),
        first_handler: "张三".into(),
        first_response_at: None,
        resolved_at: None,
        resolution: String::new(),
        status: ComplaintStatus::Open,
    })));
    write(save(Record::Area(AcArea {
        id: 0,
        name: "财务部".into(),
        room: "201".into(),
        responsible_person: "陈静".into(),
        department: "财务部".into(),
        in_use_since: None,
    })));
    write(save(Record::AcCheck(AcCheckRow {
        date: now().date(),
        time: at("2026-07-03 09:40").time(),
        kind: AcCheckKind::Check,
        area: 1,
        reference_temp_tenths: 305,
        ac_on: true,
        set_temp_tenths: Some(260),
        windows_closed: true,
        occupied: true,
        checker: "人力行政部".into(),
        note: String::new(),
    })));
    store
}

fn harness(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, LadderApp> {
    let app = LadderApp::with_store(Some(office(dir)), lang, Box::new(now));
    let mut harness = common::harness(app, [1400.0, 900.0]);
    settle(&mut harness);
    harness
}

/// Steps until the day's list has been built for the data as it is.
fn settle(harness: &mut Harness<'_, LadderApp>) {
    let start = Instant::now();
    harness.run_steps(2);
    while harness.state().is_building_today() || harness.state().cache().today.is_none() {
        assert!(start.elapsed() < Duration::from_secs(30), "the list was never built");
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    harness.run_steps(3);
}

/// The kinds in each section, as the list holds them.
fn kinds(harness: &Harness<'_, LadderApp>) -> Vec<(Section, ItemKind)> {
    let list = harness.state().cache().today.clone().expect("list");
    list.items.iter().map(|i| (i.section, i.kind)).collect()
}

fn click_nth(harness: &mut Harness<'_, LadderApp>, label: &str, n: usize) {
    harness.get_all_by_label(label).nth(n).expect("button").click();
    harness.run_steps(2);
}

fn undo(harness: &mut Harness<'_, LadderApp>) {
    harness.state().send(ladder::ui::AppCommand::Undo);
    harness.run_steps(2);
    settle(harness);
}

const DAY: [(Section, ItemKind); 4] = [
    (Section::Overdue, ItemKind::FollowUp),
    (Section::Today, ItemKind::Complaint),
    (Section::Today, ItemKind::AcCheck),
    (Section::Week, ItemKind::MonthlyReport),
];

fn the_day_in(lang: Lang, words: &Words) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, lang);
    assert_eq!(harness.state().panel(), Panel::Today, "Today is the start page");
    assert_eq!(kinds(&harness), DAY);
    for text in [words.nav, "寄送样品", "李雷", words.left, "财务部 15:00-17:00", words.overdue]
    {
        assert!(common::shows(&harness, text), "{text:?} is not shown");
    }

    // Each row opens its record: the complaint in the ledger, the check
    // window on the AC sheet, the follow-up on its customer.
    click_nth(&mut harness, words.open, 1);
    assert_eq!(harness.state().panel(), Panel::Compliance);
    assert_eq!(harness.state_mut().compliance_panel().tab(), Tab::Ledger);
    harness.state().send(ladder::ui::AppCommand::ShowPanel(Panel::Today));
    harness.run_steps(2);
    click_nth(&mut harness, words.open, 2);
    assert_eq!(harness.state_mut().compliance_panel().tab(), Tab::AcSheet);
    harness.state().send(ladder::ui::AppCommand::ShowPanel(Panel::Today));
    harness.run_steps(2);
    click_nth(&mut harness, words.open, 0);
    assert_eq!(harness.state().panel(), Panel::Customers);
    let detail = harness.state().cache().detail.clone().expect("a customer is open");
    assert_eq!(detail.customer.data.name, "郑五");

    // Done logs the call, which closes the next step; undo brings it back.
    harness.state().send(ladder::ui::AppCommand::ShowPanel(Panel::Today));
    harness.run_steps(2);
    click_nth(&mut harness, words.done, 0);
    settle(&mut harness);
    assert_eq!(kinds(&harness), DAY[1..]);
    undo(&mut harness);
    assert_eq!(kinds(&harness), DAY);

    // No holidays recorded for 2026: Today says so, its button opens the
    // calendar at 2026; once a holiday is recorded the notice goes.
    assert!(common::shows(&harness, words.notice), "the no-holidays notice");
    click_nth(&mut harness, words.notice_open, 0);
    assert_eq!(harness.state().panel(), Panel::Compliance);
    assert_eq!(harness.state_mut().compliance_panel().tab(), Tab::Calendar);
    let holiday =
        CalendarDay {
            date: at("2026-10-01 00:00").date(), working: false, name: "国庆节".into()
        };
    harness.state().send(ladder::ui::AppCommand::Write(Box::new(Command::SetCalendarDays {
        set: vec![holiday],
        clear: Vec::new(),
    })));
    harness.state().send(ladder::ui::AppCommand::ShowPanel(Panel::Today));
    harness.run_steps(2);
    settle(&mut harness);
    assert!(!common::shows(&harness, words.notice), "2026 has a holiday now");
    undo(&mut harness);
    assert!(common::shows(&harness, words.notice));

    // Move to tomorrow: the follow-up leaves the overdue section; undo.
    click_nth(&mut harness, words.move_to, 0);
    click_nth(&mut harness, words.tomorrow, 0);
    settle(&mut harness);
    let list = harness.state().cache().today.clone().expect("list");
    let moved = list.items.iter().find(|i| i.kind == ItemKind::FollowUp).expect("still listed");
    assert_eq!((moved.section, moved.due.to_string()), (Section::Week, "2026-07-04".into()));
    undo(&mut harness);
    assert_eq!(kinds(&harness), DAY);

    // Move to a typed day: a click in the day field keeps the menu open.
    click_nth(&mut harness, words.move_to, 0);
    harness.get_by_role_and_label(Role::TextInput, words.day).click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::TextInput, words.day).type_text("2026-07-09");
    harness.run_steps(2);
    click_nth(&mut harness, words.move_button, 0);
    settle(&mut harness);
    let list = harness.state().cache().today.clone().expect("list");
    let moved = list.items.iter().find(|i| i.kind == ItemKind::FollowUp).expect("still listed");
    assert_eq!(moved.due.to_string(), "2026-07-09");
    undo(&mut harness);
    assert_eq!(kinds(&harness), DAY);
}

/// The words of one language the test looks for.
struct Words {
    nav: &'static str,
    overdue: &'static str,
    left: &'static str,
    open: &'static str,
    done: &'static str,
    move_to: &'static str,
    tomorrow: &'static str,
    notice: &'static str,
    notice_open: &'static str,
    day: &'static str,
    move_button: &'static str,
}

#[test]
fn the_day_in_english() {
    the_day_in(
        Lang::En,
        &Words {
            nav: "Today (1)",
            overdue: "Overdue (1)",
            left: "2 h 30 min of working time left",
            open: "Open",
            done: "Done",
            move_to: "Move to…",
            tomorrow: "Tomorrow",
            notice: "No holidays recorded for 2026: time limits count every weekday.",
            notice_open: "Record holidays…",
            day: "Day",
            move_button: "Move",
        },
    );
}

#[test]
fn the_day_in_chinese() {
    the_day_in(
        Lang::Zh,
        &Words {
            nav: "今日 (1)",
            overdue: "已逾期 (1)",
            left: "剩余2小时30分工作时间",
            open: "打开",
            done: "完成",
            move_to: "改期到…",
            tomorrow: "明天",
            notice: "2026 年没有登记节假日：时限按每个工作日计算。",
            notice_open: "登记节假日…",
            day: "日期",
            move_button: "改期",
        },
    );
}

#[test]
fn the_demo_company_opened_from_the_app_ends_on_its_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::create(&dir.path().join("empty.db")).expect("create");
    let app = LadderApp::with_store(Some(store), Lang::En, Box::new(now));
    let mut harness = common::harness(app, [1400.0, 900.0]);
    harness.get_by_label("Open the demo company").click();
    harness.run_steps(3);
    settle(&mut harness);
    let demo = dir.path().join("demo-company.db");
    assert_eq!(harness.state().cache().db_path.as_deref(), Some(demo.as_path()));
    let conn = rusqlite::Connection::open(&demo).expect("open");
    let last: String =
        conn.query_row("SELECT max(date) FROM transactions", [], |r| r.get(0)).expect("max");
    assert!(("2026-06-26"..="2026-07-03").contains(&last.as_str()), "last sale {last}");
    // Its day has work in it: overdue items and today's AC windows.
    let list = harness.state().cache().today.clone().expect("list");
    assert!(list.overdue() > 0, "{list:#?}");
    assert!(list.items.iter().any(|i| i.kind == ItemKind::AcCheck), "{:#?}", list.items);
}
