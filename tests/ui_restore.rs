//! File → Restore from backup… driven through the app: the open database's
//! backups are listed, one is restored after a confirmation (the customer
//! table changes), and Undo restore puts the data back; a file that is not a
//! backup is refused and changes nothing; the CSV export encoding is chosen
//! in Settings, in both languages.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::command::Command;
use ladder::domain::customer::CustomerData;
use ladder::store::Store;
use ladder::store::export::CsvEncoding;
use ladder::ui::AppCommand;
use ladder::ui::restore::RestoreCommand;

mod common;
use common::{add_customer, app, harness, now, shows, wait_for};

/// The window size of these tests.
const SIZE: [f32; 2] = [1400.0, 900.0];

/// A database with one customer in an import backup, and two more since.
fn store_with_backup(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::create(&dir.path().join("w.db")).expect("create");
    add_customer(&mut store, "甲方公司");
    store.rotating_backup("import", now()).expect("backup");
    add_customer(&mut store, "乙方公司");
    add_customer(&mut store, "丙方公司");
    store
}

fn names(harness: &Harness<'_, LadderApp>) -> Vec<String> {
    let mut names: Vec<String> =
        harness.state().cache().customers.iter().map(|c| c.name.clone()).collect();
    names.sort();
    names
}

#[test]
fn a_listed_backup_is_restored_after_confirming_and_the_restore_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(app(store_with_backup(&dir), Lang::En), SIZE);
    assert!(harness.query_by_label("乙方公司").is_some(), "the table shows three customers");

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Restore from backup…").click();
    harness.run_steps(3);
    assert!(harness.query_by_label("2026-11-23 10:00:00").is_some(), "the backup is listed");
    assert!(harness.query_by_label("Before an import").is_some());
    assert!(harness.query_by_label("Choose a file…").is_some());

    harness.get_by_label("Restore…").click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("Replace everything in w.db with the content of 2026-11-23")
            .is_some(),
        "the confirmation names what will be replaced"
    );
    assert_eq!(names(&harness).len(), 3, "nothing happens before the confirmation");
    harness.get_by_role_and_label(Role::Button, "Restore").click();
    wait_for(&mut harness, "Restored from");
    assert_eq!(names(&harness), ["甲方公司"]);
    assert!(harness.query_by_label("乙方公司").is_none(), "the customer table changed");
    assert!(harness.query_by_label("甲方公司").is_some());
    assert!(harness.query_by_label_contains("The data as it was before is saved").is_some());
    assert!(shows(&harness, "customers 1, transactions 0"));
    assert!(harness.state().status_text().starts_with("Restored from"));

    harness.get_by_label("Undo restore").click();
    wait_for(&mut harness, "The restore was undone");
    assert_eq!(names(&harness), ["丙方公司", "乙方公司", "甲方公司"]);
    assert!(harness.query_by_label("乙方公司").is_some());
    // Each restore backed up the state it replaced.
    let reasons: Vec<String> = ladder::store::restore::list_backups(&dir.path().join("w.db"))
        .expect("list")
        .into_iter()
        .map(|b| b.reason)
        .collect();
    assert_eq!(reasons, ["restore", "restore", "import"]);
    harness.get_by_label("Close").click();
    harness.run();
    assert!(harness.query_by_label("Undo restore").is_none(), "the window is closed");
}

#[test]
fn a_file_that_is_not_a_backup_is_refused_and_nothing_changes_in_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(app(store_with_backup(&dir), Lang::Zh), SIZE);
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "这不是数据库").expect("write");
    harness.state().send(AppCommand::Restore(RestoreCommand::Show));
    harness.run_steps(2);
    assert!(harness.query_by_label("导入前").is_some());
    harness.state().send(AppCommand::Restore(RestoreCommand::Pick(text.clone())));
    harness.run_steps(2);
    assert!(harness.query_by_label_contains("无法从").is_some(), "refused in Chinese");
    assert!(harness.query_by_label_contains("不是数据库文件").is_some());
    assert_eq!(names(&harness).len(), 3);
    assert_eq!(std::fs::read_to_string(&text).expect("read"), "这不是数据库");

    // A copy chosen from elsewhere is confirmed and restored the same way.
    harness.get_by_label("返回").click();
    harness.run();
    let copy = dir.path().join("copy.db");
    let mut other = Store::create(&copy).expect("create");
    add_customer(&mut other, "丁方公司");
    drop(other);
    harness.state().send(AppCommand::Restore(RestoreCommand::Pick(copy)));
    harness.run_steps(2);
    assert!(harness.query_by_label_contains("用 copy.db 的内容替换 w.db 中的全部数据").is_some());
    harness.get_by_role_and_label(Role::Button, "恢复").click();
    wait_for(&mut harness, "已从 copy.db 恢复");
    assert_eq!(names(&harness), ["丁方公司"]);

    // After another change, Undo restore would lose it: it says what to do instead.
    harness.state().send(AppCommand::Write(Box::new(Command::CreateCustomer(
        CustomerData::named("戊方公司"),
    ))));
    harness.run_steps(2);
    harness.get_by_label("撤销恢复").click();
    harness.run_steps(2);
    assert!(shows(&harness, "恢复之后数据又有改动"));
    assert_eq!(names(&harness), ["丁方公司", "戊方公司"], "nothing restored");
}

#[test]
fn the_csv_export_encoding_is_chosen_in_settings() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (lang, settings, gbk, utf8) in
        [(Lang::En, "Settings", "GBK", "UTF-8 (BOM)"), (Lang::Zh, "设置", "GBK", "UTF-8（BOM）")]
    {
        let mut store = Store::create(&dir.path().join(format!("{lang:?}.db"))).expect("create");
        add_customer(&mut store, "甲方公司"); // Not empty: no demo offer in front.
        let mut harness = harness(app(store, lang), SIZE);
        assert_eq!(harness.state().csv_encoding(), CsvEncoding::Utf8Bom, "the default");
        harness.get_by_label(settings).click();
        harness.run();
        // Below the business settings: scrolled into view first.
        harness.get_by_label(gbk).scroll_to_me();
        harness.run();
        harness.get_by_label(gbk).click();
        harness.run();
        assert_eq!(harness.state().csv_encoding(), CsvEncoding::Gbk);
        harness.get_by_label(utf8).click();
        harness.run();
        assert_eq!(harness.state().csv_encoding(), CsvEncoding::Utf8Bom);
    }
}
