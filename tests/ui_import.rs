//! The import wizard driven through the app: preview, check every row,
//! import with a backup, undo the import; a bad file lists its problems and
//! writes nothing.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::command::Command;
use ladder::domain::customer::CustomerData;
use ladder::store::Store;
use ladder::ui::AppCommand;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(10, 0, 0)).expect("time")
}

fn harness(dir: &tempfile::TempDir) -> Harness<'static, LadderApp> {
    let mut store = Store::create(&dir.path().join("w.db")).expect("create");
    store
        .apply(&Command::CreateCustomer(CustomerData::named("已有客户")), now())
        .expect("customer");
    let app = LadderApp::with_store(Some(store), Lang::En, Box::new(now));
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(ladder::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut LadderApp| app.frame(ui), app);
    harness.run();
    harness
}

/// Steps frames until `label` shows (the worker thread finished).
fn wait_for(harness: &mut Harness<'_, LadderApp>, label: &str) {
    let start = Instant::now();
    while harness.query_by_label_contains(label).is_none() {
        assert!(start.elapsed() < Duration::from_secs(30), "{label:?} never showed");
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
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

    harness.get_by_label("Undo import").click();
    harness.run_steps(3);
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
