//! An import in the undo history: after the wizard is closed, Edit → Undo
//! names the import ("Undo import of 2 sales") and undoes it like the
//! wizard's button; once the data changed since, the menu says why it
//! cannot, and Undo goes to the change before it. In both languages.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::customer::CustomerData;
use ladder::store::Store;
use ladder::ui::{AppCommand, Tr};

mod common;
use common::{add_customer, app, shows, wait_for};

fn harness(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, LadderApp> {
    let mut store = Store::create(&dir.path().join("u.db")).expect("create");
    add_customer(&mut store, "已有客户");
    common::harness(app(store, lang), [1400.0, 900.0])
}

fn sales(harness: &Harness<'_, LadderApp>) -> usize {
    let store = harness.state().store().expect("store");
    store.customer_rows().expect("rows").iter().map(|r| r.transactions).sum::<i64>() as usize
}

/// Imports two sales of the customer through the wizard, then closes it.
fn import_two_sales(harness: &mut Harness<'_, LadderApp>, dir: &tempfile::TempDir, t: &Tr) {
    let file = dir.path().join("sales.csv");
    std::fs::write(
        &file,
        "customer_code,date,amount\nC-000001,2026-01-05,10\nC-000001,2026-02-05,20\n",
    )
    .expect("write");
    harness.state().send(AppCommand::ImportPath(file));
    harness.run_steps(3);
    harness.get_by_label(t.import.check).click();
    wait_for(harness, &(t.import.checked_ok)(2, 0));
    harness.get_by_role_and_label(Role::Button, t.import.import).click();
    wait_for(harness, &(t.import.done)(2, 0));
    assert_eq!(sales(harness), 2);
    harness.get_by_role_and_label(Role::Button, t.import.close).click();
    harness.run_steps(2);
    assert!(!shows(harness, &(t.import.done)(2, 0)), "the wizard is closed");
}

fn open_edit_menu(harness: &mut Harness<'_, LadderApp>, t: &Tr) {
    harness.get_by_label(t.menu_edit).click();
    harness.run();
}

fn undo_closed_import(lang: Lang, label: &str) {
    let t = Tr::of(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, lang);
    import_two_sales(&mut harness, &dir, t);

    open_edit_menu(&mut harness, t);
    let entry = harness.get_by_label_contains(label);
    assert!(!entry.accesskit_node().is_disabled(), "Edit → Undo names the import");
    entry.click();
    common::step_while(&mut harness, "the import was never undone", |h| {
        h.state().status_text() != t.import.undone
    });
    harness.run_steps(2);
    assert_eq!(sales(&harness), 0, "undone: the database as before the import");
    assert_eq!(harness.state().cache().customers.len(), 1, "the customer there before stays");
    open_edit_menu(&mut harness, t);
    assert!(!shows(&harness, label), "nothing left to undo of it");
}

#[test]
fn edit_undo_names_and_undoes_the_import_after_the_wizard_is_closed_in_english() {
    undo_closed_import(Lang::En, "Undo import of 2 sales");
}

#[test]
fn edit_undo_names_and_undoes_the_import_after_the_wizard_is_closed_in_chinese() {
    undo_closed_import(Lang::Zh, "撤销导入 2 条销售");
}

fn stale_import(lang: Lang, label: &str) {
    let t = Tr::of(lang);
    let p = t.polish;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, lang);
    import_two_sales(&mut harness, &dir, t);

    // A change after the import: Undo undoes that change first.
    let data = CustomerData::named("新客户");
    harness
        .state()
        .send(AppCommand::Write(Box::new(ladder::domain::command::Command::CreateCustomer(data))));
    harness.run_steps(3);
    open_edit_menu(&mut harness, t);
    assert!(!shows(&harness, label), "the later change is undone first");
    harness.key_press(egui::Key::Escape);
    harness.state().send(AppCommand::Undo);
    harness.run_steps(3);
    assert_eq!(harness.state().cache().customers.len(), 1);

    // The import is next, but the data changed since: the menu says why.
    open_edit_menu(&mut harness, t);
    let why = harness.get_by_label(p.undo_import_stale);
    assert!(why.accesskit_node().is_disabled(), "said, not offered");
    assert!(!shows(&harness, label));
    harness.key_press(egui::Key::Escape);
    harness.state().send(AppCommand::Undo);
    harness.run_steps(3);
    assert_eq!(harness.state().status_text(), p.undo_import_stale, "said on the status line too");
    assert_eq!(sales(&harness), 2, "nothing restored");
}

#[test]
fn an_import_the_data_changed_after_cannot_be_undone_and_the_menu_says_why_in_english() {
    stale_import(Lang::En, "Undo import of 2 sales");
}

#[test]
fn an_import_the_data_changed_after_cannot_be_undone_and_the_menu_says_why_in_chinese() {
    stale_import(Lang::Zh, "撤销导入 2 条销售");
}
