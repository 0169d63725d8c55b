//! The import wizard driven through the app: preview, check every row,
//! import with a backup, undo the import; a bad file lists its problems and
//! writes nothing.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::customer::CustomerId;
use ladder::store::Store;
use ladder::ui::AppCommand;

mod common;
use common::{add_customer, app, step_while};

fn harness(dir: &tempfile::TempDir) -> Harness<'static, LadderApp> {
    let mut store = Store::create(&dir.path().join("w.db")).expect("create");
    add_customer(&mut store, "已有客户");
    common::harness(app(store, Lang::En), [1400.0, 900.0])
}

/// Steps frames until `label` shows (the worker thread finished); two
/// widgets saying it fail the test.
fn wait_for(harness: &mut Harness<'_, LadderApp>, label: &str) {
    step_while(harness, &format!("{label:?} never showed"), |h| {
        h.query_by_label_contains(label).is_none()
    });
    harness.run_steps(2);
}

/// Steps frames until the undone import (a restore on a worker) is done.
fn wait_until_undone(harness: &mut Harness<'_, LadderApp>) {
    step_while(harness, "the import was never undone", |h| {
        h.query_all_by_label_contains("The import was undone").next().is_none()
    });
    harness.run_steps(2);
}

fn customers(harness: &Harness<'_, LadderApp>) -> usize {
    harness.state().cache().customers.len()
}

#[test]
fn check_import_and_undo_a_customers_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("customers.csv");
    let (gbk, _, _) =
        encoding_rs::GBK.encode("客户名称,电话\r\n王芳,13800138000\r\n李强,020-8765 4321\r\n");
    std::fs::write(&file, &gbk).expect("write");
    let mut harness = harness(&dir);
    assert_eq!(customers(&harness), 1);

    harness.state().send(AppCommand::ImportPath(file));
    harness.run_steps(3);
    assert!(harness.query_by_label_contains("Read as GBK").is_some(), "encoding detected");
    assert!(harness.query_by_label("王芳").is_some(), "previewed as it will be stored");

    harness.get_by_label("Check every row").click();
    wait_for(&mut harness, "All 2 rows are good");
    assert_eq!(customers(&harness), 1, "a check writes nothing");

    harness.get_by_role_and_label(Role::Button, "Import").click();
    wait_for(&mut harness, "Imported 2 rows");
    assert_eq!(customers(&harness), 3);
    assert!(harness.query_by_label_contains("A backup was written first").is_some());
    let backups = ladder::store::db::list_backups(&dir.path().join("w.db")).expect("list");
    assert_eq!(backups.len(), 1, "one backup, kept for the import that went ahead");

    harness.get_by_label("Undo import").click();
    wait_until_undone(&mut harness);
    assert_eq!(customers(&harness), 1, "undo puts the database back");
    assert!(harness.query_all_by_label_contains("The import was undone").count() >= 1);
}

#[test]
fn a_bad_file_lists_every_problem_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("transactions.csv");
    std::fs::write(
        &file,
        "customer_code,date,amount\nC-000001,2026-02-30,10\nC-000001,2026-03-01,1.234\n",
    )
    .expect("write");
    let mut harness = harness(&dir);
    harness.state().send(AppCommand::ImportPath(file));
    harness.run_steps(3);
    harness.get_by_label("Check every row").click();
    wait_for(&mut harness, "2 problems");
    assert!(harness.query_by_label_contains(":2:date:").is_some());
    assert!(harness.query_by_label_contains(":3:amount:").is_some());
    assert_eq!(
        harness.state().store().expect("store").customer_rows().expect("rows")[0].transactions,
        0
    );
}

/// The transactions in the database, oldest first, as `date amount_cents`.
fn transactions(dir: &tempfile::TempDir) -> Vec<String> {
    let conn = rusqlite::Connection::open(dir.path().join("w.db")).expect("open");
    let mut stmt =
        conn.prepare("SELECT date, amount_cents FROM transactions ORDER BY id").expect("prepare");
    stmt.query_map([], |r| Ok(format!("{} {}", r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn the_open_customer_shows_the_purchases_an_import_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir);
    harness.state().send(AppCommand::Select(CustomerId(1)));
    harness.run_steps(2);
    let purchases = |harness: &Harness<'_, LadderApp>| {
        harness.state().cache().detail.as_ref().map(|d| d.purchases.count)
    };
    assert_eq!(purchases(&harness), Some(0));
    assert!(harness.query_by_label("Purchases (0, total 0.00)").is_some());
    // Something typed into the open form and not saved yet.
    harness.get_by_role_and_label(Role::TextInput, "Phone").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Phone").type_text("13800138000");
    harness.run();
    let sales = dir.path().join("sales.csv");
    std::fs::write(&sales, "customer_code,date,amount\nC-000001,2026-01-05,10\n").expect("write");
    harness.state().send(AppCommand::ImportPath(sales));
    harness.run_steps(3);
    harness.get_by_label("Check every row").click();
    wait_for(&mut harness, "All 1 rows are good");
    harness.get_by_role_and_label(Role::Button, "Import").click();
    wait_for(&mut harness, "Imported 1 rows");
    assert_eq!(purchases(&harness), Some(1), "reloaded after the import");
    assert!(harness.query_by_label("Purchases (1, total 10.00)").is_some());
    let phone = harness.get_by_role_and_label(Role::TextInput, "Phone");
    assert_eq!(phone.accesskit_node().value().as_deref(), Some("13800138000"), "still typed");
}

#[test]
fn columns_chosen_by_hand_bad_rows_left_out_by_choice_and_the_import_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir);
    // Transactions already there, which undo must keep.
    let earlier = dir.path().join("earlier.csv");
    std::fs::write(&earlier, "customer_code,date,amount\nC-000001,2026-01-05,10\n").expect("write");
    harness.state().send(AppCommand::ImportPath(earlier));
    harness.run_steps(3);
    harness.get_by_label("Check every row").click();
    wait_for(&mut harness, "All 1 rows are good");
    harness.get_by_role_and_label(Role::Button, "Import").click();
    wait_for(&mut harness, "Imported 1 rows");
    harness.get_by_label("Close").click();
    harness.run_steps(2);
    let before = transactions(&dir);
    assert_eq!(before, ["2026-01-05 1000"]);

    // The file names the customer column `Kunde`, which matches no field.
    let data = common::data("wizard");
    harness.state().send(AppCommand::ImportPath(data.join("transactions-march.csv")));
    harness.run_steps(3);
    assert!(
        harness.query_by_label_contains("no column for the required field customer_code").is_some()
    );
    assert!(
        harness.get_by_label("Check every row").accesskit_node().is_disabled(),
        "no check without the column"
    );
    // Mapping shown: the other fields found their columns by their Chinese names.
    for (field, column) in [("date", "日期"), ("amount", "金额"), ("product", "商品")] {
        let list = harness.get_by_role_and_label(Role::ComboBox, field);
        assert_eq!(list.accesskit_node().value().as_deref(), Some(column), "{field}");
    }

    harness.get_by_role_and_label(Role::ComboBox, "customer_code (required)").click();
    harness.run();
    harness.get_by_role(Role::ListBox).get_by_label("Kunde").click();
    harness.run_steps(3);
    assert!(harness.query_by_label_contains("no column for the required field").is_none());
    assert!(harness.query_by_label("茶具").is_some(), "the preview shows the rows now");

    harness.get_by_label("Check every row").click();
    wait_for(&mut harness, "1 problem:");
    assert!(harness.query_by_label_contains(":4:金额:").is_some(), "row 4, column 金额");
    let import = harness.get_by_role_and_label(Role::Button, "Import");
    assert!(import.accesskit_node().is_disabled(), "no import while a row is bad and kept in");
    assert_eq!(transactions(&dir), before, "a check writes nothing");

    harness.get_by_label("Leave out the rows with problems and import the others").click();
    harness.run_steps(2);
    let import = harness.get_by_role_and_label(Role::Button, "Import");
    assert!(!import.accesskit_node().is_disabled(), "leaving the bad rows out allows the import");
    import.click();
    wait_for(&mut harness, "Imported 2 rows");
    assert!(harness.query_by_label("1 bad rows were left out.").is_some());
    assert_eq!(transactions(&dir), ["2026-01-05 1000", "2026-03-01 12050", "2026-03-02 8000"]);

    harness.get_by_label("Undo import").click();
    wait_until_undone(&mut harness);
    assert_eq!(transactions(&dir), before, "undo removes exactly the imported rows");
    harness.get_by_label("Close").click();
    harness.run_steps(2);

    // A second file with the same headers: the column chosen by hand is remembered.
    harness.state().send(AppCommand::ImportPath(data.join("transactions-april.csv")));
    harness.run_steps(3);
    assert!(harness.query_by_label_contains("Columns as you chose them").is_some());
    assert!(harness.query_by_label_contains("no column for the required field").is_none());
    harness.get_by_label("Check every row").click();
    wait_for(&mut harness, "All 1 rows are good");
}

#[test]
fn while_a_check_holds_the_file_edits_and_other_files_wait() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir);
    let file = dir.path().join("transactions.csv");
    let mut csv = String::from("customer_code,date,amount\n");
    for i in 0..300_000 {
        csv.push_str(&format!("C-000001,2026-03-{:02},{}.50\n", 1 + i % 28, i % 1000));
    }
    std::fs::write(&file, csv).expect("write");
    let other = dir.path().join("other.db");
    drop(ladder::store::Store::create(&other).expect("create"));
    let open = harness.state().store().expect("store").path().to_owned();

    harness.state().send(AppCommand::ImportPath(file));
    harness.run_steps(3);
    harness.get_by_label("Check every row").click();
    harness.run_steps(2);
    assert!(harness.query_by_label_contains("Checking").is_some(), "the check is running");
    harness.state().send(AppCommand::OpenPath(other.clone()));
    let create = ladder::domain::command::Command::CreateCustomer(
        ladder::domain::customer::CustomerData::named("乙"),
    );
    harness.state().send(AppCommand::Write(Box::new(create)));
    harness.step();
    assert_eq!(harness.state().store().expect("store").path(), open, "the file stays open");
    assert!(harness.query_by_label_contains("Wait until the running import").is_some());
    assert_eq!(customers(&harness), 1, "the edit waited");

    harness.get_by_label("Cancel").click();
    wait_for(&mut harness, "Cancelled");
    harness.state().send(AppCommand::OpenPath(other.clone()));
    harness.run_steps(2);
    assert_eq!(harness.state().store().expect("store").path(), other, "free again");
}

/// The ids of the opportunities in the database.
fn opportunity_ids(dir: &tempfile::TempDir) -> Vec<i64> {
    let conn = rusqlite::Connection::open(dir.path().join("w.db")).expect("open");
    let mut stmt = conn.prepare("SELECT id FROM opportunities ORDER BY id").expect("prepare");
    stmt.query_map([], |r| r.get(0)).expect("query").collect::<Result<_, _>>().expect("rows")
}

#[test]
fn the_wizard_offers_opportunities_keeps_their_ids_and_undoes_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("opportunities.csv");
    std::fs::write(&file, "id,客户代码,名称,阶段\n42,C-000001,会议室改造,方案\n").expect("write");
    let mut harness = harness(&dir);
    harness.state().send(AppCommand::ImportPath(file));
    harness.run_steps(3);
    harness.get_by_label("Check every row").click();
    wait_for(&mut harness, "All 1 rows are good");
    harness.get_by_role_and_label(Role::Button, "Import").click();
    wait_for(&mut harness, "Imported 1 rows");
    assert_eq!(opportunity_ids(&dir), [42], "the file's id is kept");

    harness.get_by_label("Undo import").click();
    wait_until_undone(&mut harness);
    assert!(opportunity_ids(&dir).is_empty(), "undo puts the database back");
}
