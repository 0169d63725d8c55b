//! The customer library driven through the real app with egui_kittest:
//! create, undo/redo, validation, delete with confirmation, history, the
//! Chinese interface, and no database reads while frames are drawn.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::customer::{CustomerData, CustomerId};
use ladder::domain::history::Action;
use ladder::domain::records::{NewCustomer, Transaction};
use ladder::store::{Store, bulk};

mod common;
use common::{add_customer, app, harness, now};

/// The window size of these tests.
const SIZE: [f32; 2] = [1280.0, 800.0];

/// A store with customers already in it (no demo offer).
fn store_with(dir: &tempfile::TempDir, names: &[&str]) -> Store {
    let mut store = Store::create(&dir.path().join("t.db")).expect("create");
    for name in names {
        add_customer(&mut store, name);
    }
    store
}

fn names(harness: &Harness<'_, LadderApp>) -> Vec<String> {
    harness.state().cache().customers.iter().map(|c| c.name.clone()).collect()
}

fn undo(harness: &mut Harness<'_, LadderApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
}

fn redo(harness: &mut Harness<'_, LadderApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
}

#[test]
fn type_a_new_customer_then_undo_and_redo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::create(&dir.path().join("t.db")).expect("create");
    let mut harness = harness(app(store, Lang::En), SIZE);

    // A fresh database offers the demo company first.
    harness.get_by_label("Start empty").click();
    harness.run();
    assert!(!harness.state().cache().offer_demo);

    harness.get_by_label("New customer").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Name").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Name").type_text("测试客户 Ltd");
    harness.get_by_role_and_label(Role::TextInput, "E-mail").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "E-mail").type_text("li@example.cn");
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();

    assert_eq!(names(&harness), ["测试客户 Ltd"]);
    assert!(harness.query_by_label("C-000001").is_some(), "the table shows the new code");

    undo(&mut harness);
    assert!(names(&harness).is_empty(), "Ctrl+Z removes it");
    assert!(harness.query_by_label("C-000001").is_none());

    redo(&mut harness);
    assert_eq!(names(&harness), ["测试客户 Ltd"], "Ctrl+Shift+Z restores it");
    assert!(harness.query_by_label("C-000001").is_some());
}

#[test]
fn saving_with_an_empty_name_shows_the_field_error_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(app(store_with(&dir, &["已有客户"]), Lang::En), SIZE);
    let reads_before = harness.state().store().expect("store").reads();

    harness.get_by_label("New customer").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Phone").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Phone").type_text("abc");
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();

    assert!(harness.query_by_label("Required").is_some(), "name error shown");
    assert!(harness.query_by_label_contains("Not a phone number").is_some(), "phone error shown");
    assert_eq!(names(&harness), ["已有客户"], "nothing written");
    assert_eq!(
        harness.state().store().expect("store").reads(),
        reads_before,
        "the form was refused without touching the database"
    );
}

#[test]
fn a_duplicate_code_comes_back_as_a_field_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(app(store_with(&dir, &["甲"]), Lang::En), SIZE);
    harness.get_by_label("New customer").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Code").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Code").type_text("C-000001");
    harness.get_by_role_and_label(Role::TextInput, "Name").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Name").type_text("乙");
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    assert!(harness.query_by_label("Already used by 甲").is_some());
    assert_eq!(names(&harness), ["甲"]);
}

#[test]
fn delete_asks_first_and_undo_brings_the_customer_back_with_its_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(app(store_with(&dir, &["张三", "李四"]), Lang::En), SIZE);

    harness.get_by_label("张三").click();
    harness.run();
    harness.get_by_label("Delete").click();
    harness.run();
    assert!(harness.query_by_label("Delete customer?").is_some(), "asks first");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(names(&harness), ["张三", "李四"], "Cancel keeps it");

    harness.get_by_label("Delete").click();
    harness.run();
    harness.get_by_label("Move to trash").click();
    harness.run();
    assert_eq!(names(&harness), ["李四"]);

    undo(&mut harness);
    assert_eq!(names(&harness), ["张三", "李四"]);
    let store = harness.state().store().expect("store");
    let actions: Vec<Action> =
        store.customer_history(CustomerId(1)).expect("history").iter().map(|h| h.action).collect();
    assert_eq!(actions, [Action::Create, Action::Delete, Action::Restore]);
    // The restored customer is shown with its history.
    assert!(harness.query_by_label("History (3)").is_some());
}

#[test]
fn a_selected_customer_shows_its_purchases_newest_first_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with(&dir, &["张三", "李四", "王五"]);
    let sale = |customer: i64, date: &str, cents: i64, product: &str| Transaction {
        customer: CustomerId(customer),
        date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date"),
        amount_cents: cents,
        order_no: format!("SO-{cents}"),
        product: product.to_owned(),
        quantity: Some(2.0),
    };
    let sales = [
        sale(1, "2026-03-01", 123_450, "碎纸机"),
        sale(1, "2026-05-20", 8_800, "A4 复印纸"),
        sale(2, "2026-04-01", 99_900, "投影仪"),
        sale(1, "2026-01-15", 50_000, "打印机"),
    ];
    store.in_transaction(|conn| Ok(bulk::insert_transactions(conn, &sales)?)).expect("sales");
    // 王五: more purchases than the detail lists (one a day from 2025-01-01).
    let many: Vec<Transaction> = (0..205)
        .map(|day| Transaction {
            date: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date")
                + chrono::Days::new(day),
            order_no: format!("M-{day}"),
            ..sale(3, "2025-01-01", 100, "")
        })
        .collect();
    store.in_transaction(|conn| Ok(bulk::insert_transactions(conn, &many)?)).expect("many");
    let mut english = harness(app(store, Lang::En), SIZE);
    let harness = &mut english;

    harness.get_by_label("张三").click();
    harness.run();
    assert!(harness.query_by_label("Purchases (3, total 1,822.50)").is_some());
    let detail = harness.state().cache().detail.as_ref().expect("detail");
    let dates: Vec<String> = detail.purchases.latest.iter().map(|p| p.date.to_string()).collect();
    assert_eq!(dates, ["2026-05-20", "2026-03-01", "2026-01-15"], "newest first, only 张三's");
    for shown in ["2026-05-20", "1,234.50", "SO-8800", "A4 复印纸", "Order no."] {
        assert!(harness.query_all_by_label(shown).next().is_some(), "{shown} is shown");
    }
    assert!(harness.query_by_label("投影仪").is_none(), "李四's purchase is not");

    harness.get_by_label("李四").click();
    harness.run();
    assert!(harness.query_by_label("Purchases (1, total 999.00)").is_some());

    harness.get_by_label("王五").click();
    harness.run();
    assert!(harness.query_by_label("Purchases (205, total 205.00)").is_some());
    assert!(harness.query_by_label("The latest 200 of 205.").is_some());
    assert!(harness.query_by_label("M-204").is_some(), "the list opens at the newest");
    assert!(harness.query_by_label("M-150").is_none(), "rows out of sight are not laid out");
    // Drawing the open customer reads nothing from the database.
    let reads = harness.state().store().expect("store").reads();
    for _ in 0..10 {
        harness.step();
    }
    assert_eq!(harness.state().store().expect("store").reads(), reads, "no query per frame");

    drop(english);

    let store = Store::open(&dir.path().join("t.db"), now()).expect("open");
    let mut chinese = common::harness(app(store, Lang::Zh), SIZE);
    let harness = &mut chinese;
    harness.get_by_label("李四").click();
    harness.run();
    assert!(harness.query_by_label("购买记录（1 笔，合计 999.00）").is_some());
    assert!(harness.query_by_label("订单号").is_some());
}

#[test]
fn the_chinese_interface_renders_every_label() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(app(store_with(&dir, &["广州恒信贸易有限公司"]), Lang::Zh), SIZE);
    assert!(harness.query_by_label("客户信息库").is_some());
    harness.get_by_label("广州恒信贸易有限公司").click();
    harness.run();
    assert!(harness.query_by_label("客户资料").is_some());
    harness.get_by_label("文件").click();
    harness.run();
    assert!(harness.query_by_label("另存副本…").is_some());
    harness.key_press(Key::Escape);
    harness.get_by_label("设置").click();
    harness.run();
    // Below the business settings: scrolled into view first.
    harness.get_by_label("English").scroll_to_me();
    harness.run();
    harness.get_by_label("English").click();
    harness.run();
    assert_eq!(harness.state().lang(), Lang::En);
    assert!(harness.query_by_label("Language").is_some());
}

#[test]
fn a_hundred_thousand_customers_are_drawn_without_querying_per_frame() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("big.db")).expect("create");
    let customers: Vec<NewCustomer> = (1..=100_000u32)
        .map(|i| NewCustomer {
            id: CustomerId(i64::from(i)),
            code: format!("C-{i:06}"),
            data: CustomerData::named(format!("客户{i}")),
            created_at: now(),
        })
        .collect();
    store.in_transaction(|conn| Ok(bulk::insert_customers(conn, &customers)?)).expect("bulk");
    let mut harness = harness(app(store, Lang::Zh), SIZE);
    assert_eq!(harness.state().cache().customers.len(), 100_000);

    let reads = harness.state().store().expect("store").reads();
    let mut times = Vec::new();
    for _ in 0..30 {
        let start = std::time::Instant::now();
        harness.step();
        times.push(start.elapsed());
    }
    assert_eq!(harness.state().store().expect("store").reads(), reads, "no query per frame");
    times.sort();
    eprintln!("customer table, 100k rows: median frame {:?} (unoptimised test build)", times[15]);

    // Searching filters in memory, still without a query.
    harness.get_by_role_and_label(Role::TextInput, "搜索").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "搜索").type_text("客户99999");
    harness.run();
    assert_eq!(harness.state().customers_panel().visible_rows(), 1);
    assert_eq!(harness.state().store().expect("store").reads(), reads);
}

#[test]
fn merge_two_customers_from_the_form_and_undo_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(app(store_with(&dir, &["甲公司", "甲"]), Lang::En), SIZE);
    harness.get_by_label("甲").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Merge into").click();
    harness.run();
    // Found by part of its name, chosen with Enter.
    harness.get_by_role_and_label(Role::TextInput, "Merge into").type_text("甲公");
    harness.run();
    assert!(harness.query_by_label("C-000001 · 甲公司").is_some());
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("Merge…").click();
    harness.run();
    assert!(harness.query_by_label("Merge customers?").is_some(), "asks first");
    // The modal's button is the last one with that label.
    harness.get_all_by_label("Merge…").last().expect("confirm").click();
    harness.run();
    assert_eq!(names(&harness), ["甲公司"]);
    undo(&mut harness);
    assert_eq!(names(&harness), ["甲公司", "甲"]);
}
