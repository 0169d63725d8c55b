//! Defects seen in the running app, held by tests in both languages: the
//! import preview does not call a row "ok" that the full check refuses,
//! and a file that is not a database is refused in a window where the
//! user looks, not only on the status line.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::store::Store;
use ladder::ui::{AppCommand, Tr};

mod common;
use common::{add_customer, app, shows, wait_for};

fn harness(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, LadderApp> {
    let mut store = Store::create(&dir.path().join("p.db")).expect("create");
    add_customer(&mut store, "已有客户");
    common::harness(app(store, lang), [1400.0, 900.0])
}

fn preview_promises_nothing_the_check_refuses(lang: Lang) {
    let t = Tr::of(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, lang);
    // A sale of a customer code the database does not have: every cell
    // reads well, the full check refuses the row.
    let file = dir.path().join("sales.csv");
    std::fs::write(&file, "customer_code,date,amount\nC-999999,2026-01-05,10\n").expect("write");
    harness.state().send(AppCommand::ImportPath(file));
    harness.run_steps(3);
    assert!(shows(&harness, "C-999999"), "previewed");
    assert!(shows(&harness, t.polish.not_checked), "the preview says the row is not checked yet");
    for ok in ["ok", "正确"] {
        assert!(harness.query_by_label(ok).is_none(), "no row is called {ok:?} before the check");
    }
    harness.get_by_label(t.import.check).click();
    wait_for(&mut harness, &(t.import.checked_bad)(1));
    assert!(!shows(&harness, &(t.import.checked_ok)(1, 0)), "the check refuses it");
}

#[test]
fn the_import_preview_says_not_checked_yet_in_english() {
    preview_promises_nothing_the_check_refuses(Lang::En);
}

#[test]
fn the_import_preview_says_not_checked_yet_in_chinese() {
    preview_promises_nothing_the_check_refuses(Lang::Zh);
}

fn a_non_database_file_is_refused_in_a_window(lang: Lang) {
    let t = Tr::of(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, lang);
    let notes = dir.path().join("notes.db");
    std::fs::write(&notes, "这不是数据库 — just some text\n".repeat(40)).expect("write");
    let good = harness.state().store().expect("store").path().to_owned();

    harness.state().send(AppCommand::OpenPath(notes.clone()));
    harness.run_steps(2);
    assert!(
        harness.query_by_label(t.polish.cannot_open_title).is_some(),
        "a window says the file cannot be opened"
    );
    let why = harness.query_all_by_label_contains(t.o_not_sqlite).count();
    assert!(why >= 2, "the window and the status line both say why ({why})");
    assert_eq!(harness.state().store().map(|s| s.path().to_owned()), Some(good), "still open");

    harness.get_by_role_and_label(Role::Button, t.polish.close).click();
    harness.run_steps(2);
    assert!(harness.query_by_label(t.polish.cannot_open_title).is_none(), "closed");
    assert_eq!(harness.state().cache().customers.len(), 1, "the open database is usable");
}

#[test]
fn a_non_database_file_is_refused_in_a_window_in_english() {
    a_non_database_file_is_refused_in_a_window(Lang::En);
}

#[test]
fn a_non_database_file_is_refused_in_a_window_in_chinese() {
    a_non_database_file_is_refused_in_a_window(Lang::Zh);
}

/// At every window width, each filter label of the customer library (with
/// the detail form open beside it) stays on one line: in a wrapped row it
/// broke as "关 / 系阶梯".
fn filter_labels_never_break(lang: Lang) {
    let t = Tr::of(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, lang);
    let id = harness.state().cache().customers[0].id;
    harness.state().send(AppCommand::Select(id));
    harness.run_steps(2);
    let text = |label| egui_kittest::kittest::by().label(label).include_labels().role(Role::Label);
    let line = harness.get_all(text(t.search)).next().expect("search label").rect().height();
    for width in (640..=1400).step_by(4) {
        #[allow(clippy::cast_precision_loss)] // Small widths.
        harness.set_size(egui::vec2(width as f32, 800.0));
        harness.run_steps(2);
        for label in [t.col_kind, t.col_grade, t.col_step] {
            let heights: Vec<f32> =
                harness.get_all(text(label)).map(|n| n.rect().height()).collect();
            assert!(
                heights.iter().all(|h| *h <= line + 1.0),
                "{label:?} broke over lines at width {width}: {heights:?} (one line: {line})"
            );
        }
    }
}

#[test]
fn filter_labels_never_break_in_english() {
    filter_labels_never_break(Lang::En);
}

#[test]
fn filter_labels_never_break_in_chinese() {
    filter_labels_never_break(Lang::Zh);
}

/// The complaint ledger says a long overdue time limit on one line ("已超时
/// 1,000 小时 12 分" wrapped while the table's right side was empty).
fn overdue_time_limits_stay_on_one_line(lang: Lang) {
    use ladder::domain::command::{Command, Record};
    use ladder::domain::records::Complaint;
    use ladder::domain::terms::{ComplaintKind, ComplaintStatus};
    let t = Tr::of(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("l.db")).expect("create");
    add_customer(&mut store, "郑五");
    let customer = store.customer_rows().expect("rows")[0].id;
    let complaint = Complaint {
        id: 0,
        customer,
        // Months before the tests' "now": well over 999 working hours.
        received_at: common::datetime(2026, 3, 2, 9, 30),
        channel: String::new(),
        kind: ComplaintKind::Complaint,
        category: "配送".into(),
        description: "送货比约定时间晚了两天".into(),
        first_handler: String::new(),
        first_response_at: None,
        resolved_at: None,
        resolution: String::new(),
        status: ComplaintStatus::Open,
    };
    let record = Box::new(Record::Complaint(complaint));
    store.apply(&Command::SaveRecord { id: None, record }, common::now()).expect("complaint");
    let mut harness = common::harness(app(store, lang), [1280.0, 800.0]);
    harness.state_mut().compliance_panel().set_tab(ladder::ui::compliance::Tab::Ledger);
    harness.state().send(AppCommand::ShowPanel(ladder::ui::Panel::Compliance));
    let overdue = (t.compliance.overdue_by)(0);
    let prefix = overdue.split('0').next().expect("prefix").trim().to_owned();
    let found = |h: &Harness<'_, LadderApp>| {
        let by = egui_kittest::kittest::by().label_contains(&prefix).include_labels();
        h.query_all(by).map(|n| n.rect().height()).collect::<Vec<f32>>()
    };
    common::step_while(&mut harness, "the ledger never showed the time limit", |h| {
        found(h).is_empty()
    });
    harness.run_steps(2);
    let line = harness.get_by_label(t.compliance.received_at).rect().height();
    let heights = found(&harness);
    assert!(
        heights.iter().all(|h| *h <= line + 1.0),
        "{prefix:?} over lines: {heights:?} ({line})"
    );
}

#[test]
fn overdue_time_limits_stay_on_one_line_in_english() {
    overdue_time_limits_stay_on_one_line(Lang::En);
}

#[test]
fn overdue_time_limits_stay_on_one_line_in_chinese() {
    overdue_time_limits_stay_on_one_line(Lang::Zh);
}

/// The customer detail panel keeps its width whatever the customer shows:
/// a customer with long purchase lines widened it and squeezed the table.
fn the_detail_panel_keeps_its_width(lang: Lang) {
    use ladder::domain::import::ImportKind;
    use ladder::store::import::{Duplicates, EncodingChoice, ImportOptions};
    let t = Tr::of(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("d.db")).expect("create");
    add_customer(&mut store, "短");
    add_customer(&mut store, "长");
    let sales = dir.path().join("sales.csv");
    let product = "多功能彩色激光一体机（含三年上门维保与耗材套装）".repeat(2);
    let rows: String = (1..=5)
        .map(|d| {
            format!("C-000002,2026-11-0{d},123456.78,SO-2026-LONG-ORDER-NUMBER-{d},{product},12\n")
        })
        .collect();
    std::fs::write(&sales, format!("customer_code,date,amount,order_no,product,quantity\n{rows}"))
        .expect("write");
    let options = ImportOptions {
        kind: ImportKind::Transactions,
        encoding: EncodingChoice::Auto,
        sheet: None,
        map: Vec::new(),
        create_customers: false,
        dry_run: false,
        duplicates: Duplicates::Refuse,
        skip_bad: false,
    };
    store.import_file(&sales, &options, common::now(), &mut |_| true).expect("import");
    let mut harness = common::harness(app(store, lang), [1280.0, 800.0]);
    let ids: Vec<_> = harness.state().cache().customers.iter().map(|c| c.id).collect();
    let mut lefts = Vec::new();
    for id in [ids[0], ids[1], ids[0]] {
        harness.state().send(AppCommand::Select(id));
        harness.run_steps(4);
        let field = harness.get_by_role_and_label(Role::TextInput, t.f_code);
        lefts.push(field.rect().left());
    }
    assert!(
        lefts.iter().all(|x| (x - lefts[0]).abs() < 0.5),
        "the panel's edge moved with its content: {lefts:?}"
    );
}

#[test]
fn the_detail_panel_keeps_its_width_in_english() {
    the_detail_panel_keeps_its_width(Lang::En);
}

#[test]
fn the_detail_panel_keeps_its_width_in_chinese() {
    the_detail_panel_keeps_its_width(Lang::Zh);
}

/// At 1024 × 768 the customer detail's purchases table fits its panel: the
/// product is cut short (the whole text stays its label, shown on hover)
/// and the quantity column is still inside the window.
fn the_purchases_table_fits_a_narrow_panel(lang: Lang) {
    let t = Tr::of(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("p.db")).expect("create");
    add_customer(&mut store, "长");
    let product = "多功能彩色激光一体机（含三年上门维保与耗材套装）";
    let sale = ladder::domain::records::Transaction {
        customer: ladder::domain::customer::CustomerId(1),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 3).expect("date"),
        amount_cents: 12_345_678,
        order_no: "SO-2026-LONG-ORDER-NUMBER-1".to_owned(),
        product: product.to_owned(),
        quantity: Some(12.0),
    };
    store
        .in_transaction(|conn| Ok(ladder::store::bulk::insert_transactions(conn, &[sale])?))
        .expect("sale");
    let mut harness = common::harness(app(store, lang), [1024.0, 768.0]);
    let id = harness.state().cache().customers[0].id;
    harness.state().send(AppCommand::Select(id));
    harness.run_steps(4);
    let quantity = harness.get_by_label(t.purchase_columns[4]).rect();
    let product_cell = harness.get_by_label(product).rect();
    let order_cell = harness.get_by_label("SO-2026-LONG-ORDER-NUMBER-1").rect();
    assert!(quantity.right() <= 1024.0, "the quantity column is off the window: {quantity:?}");
    assert!(product_cell.right() <= quantity.left(), "{product_cell:?} runs into {quantity:?}");
    assert!(order_cell.right() <= product_cell.left(), "{order_cell:?} runs into {product_cell:?}");
    assert!(product_cell.width() >= 40.0, "the product keeps a readable width: {product_cell:?}");
    assert!(harness.query_all_by_label("12").next().is_some(), "the quantity is shown");
}

#[test]
fn the_purchases_table_fits_a_narrow_panel_in_english() {
    the_purchases_table_fits_a_narrow_panel(Lang::En);
}

#[test]
fn the_purchases_table_fits_a_narrow_panel_in_chinese() {
    the_purchases_table_fits_a_narrow_panel(Lang::Zh);
}
