//! The churn view's win-back cost (DOMAIN §2): typed on a customer's churn
//! form (a bad cost refused under the field, naming it, with what was typed
//! kept and nothing stored), shown with the loss, the reason and the
//! suggestion, and taken back by Edit → Undo; in both languages.

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable as _, by};
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::analysis::clv::{ClvParams, clv};
use ladder::domain::command::{Command, Record};
use ladder::domain::customer::CustomerId;
use ladder::domain::demo::DemoOptions;
use ladder::domain::money::format_cents_grouped;
use ladder::domain::records::{ChurnRecord, Transaction};
use ladder::store::Store;
use ladder::ui::i18n::Tr;

mod common;

fn harness(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, LadderApp> {
    let options = DemoOptions { customers: 120, ..DemoOptions::default() };
    let store = Store::create_demo(&dir.path().join("demo.db"), &options).expect("demo");
    common::harness(common::app(store, lang), [1700.0, 1000.0])
}

fn records(harness: &Harness<'_, LadderApp>) -> Vec<ChurnRecord> {
    harness.state().store().expect("store").latest_churn_records().expect("churn records")
}

fn yuan(cents: i64) -> String {
    format!("¥{}", format_cents_grouped(cents))
}

/// Types `text` into the first churn form's win-back cost, which holds
/// `old` (found by its hint while empty), replacing it.
fn type_cost(harness: &mut Harness<'_, LadderApp>, t: &'static Tr, old: &str, text: &str) {
    harness.query_all(cost_field(t, old)).next().expect("a cost field").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.query_all(cost_field(t, old)).next().expect("a cost field").type_text(text);
    harness.run();
}

/// A text field holding `typed`, or (empty) the cost field by its hint.
fn cost_field<'a>(t: &'static Tr, typed: &'a str) -> egui_kittest::kittest::By<'a> {
    let hint = t.pipeline.winback_cost;
    if typed.is_empty() {
        by().role(Role::TextInput).predicate(move |n| n.placeholder() == Some(hint))
    } else {
        by().role(Role::TextInput).value(typed)
    }
}

/// Whether a text field still holds `typed`.
fn still_typed(harness: &Harness<'_, LadderApp>, t: &'static Tr, typed: &str) -> bool {
    harness.query_all(cost_field(t, typed)).next().is_some()
}

fn click_record(harness: &mut Harness<'_, LadderApp>, t: &'static Tr) {
    let record = harness.query_all_by_role_and_label(Role::Button, t.pipeline.record_churn).next();
    record.expect("a Record button").click();
    harness.run();
}

fn winback_cost_round_trip(lang: Lang) {
    let t = Tr::of(lang);
    let p = t.pipeline;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, lang);
    harness.get_by_label(if lang == Lang::Zh { "客户关系阶梯" } else { "Pipeline" }).click();
    harness.run();
    harness.get_by_label(p.tab_churn).click();
    harness.run();
    let before = records(&harness);
    // The demo's records show their cost and suggestion (one estimated
    // below its loss with repair decided is worth trying).
    let demo = before
        .iter()
        .find(|r| r.try_repair && r.winback_cost_cents.is_some_and(|c| c < r.estimated_loss_cents))
        .expect("a demo record worth trying");
    let cost = demo.winback_cost_cents.expect("cost");
    let worth = (p.advice_worth)(&yuan(cost), &yuan(demo.estimated_loss_cents));
    assert!(common::shows(&harness, &worth), "{lang:?}: {worth}");

    // A negative cost is refused under its field, naming it; what was
    // typed stays and nothing is stored.
    type_cost(&mut harness, t, "", "-5");
    click_record(&mut harness, t);
    let negative = ladder::domain::winback::WinbackCostError::Negative.text(lang);
    assert!(common::shows(&harness, &negative), "{lang:?}: {negative}");
    assert!(negative.starts_with(p.winback_cost));
    assert!(still_typed(&harness, t, "-5"), "{lang:?}: what was typed stays");
    assert_eq!(records(&harness), before, "nothing stored");
    // Not a number: refused the same way.
    type_cost(&mut harness, t, "-5", "abc");
    click_record(&mut harness, t);
    assert!(common::shows(&harness, p.winback_cost), "{lang:?}: names the field");
    assert!(still_typed(&harness, t, "abc"));
    assert_eq!(records(&harness), before, "nothing stored");

    // A cost of ¥1.00 with repair decided: recorded and worth trying.
    type_cost(&mut harness, t, "abc", "1");
    harness.query_all_by_label(p.try_repair).next().expect("try repair").click();
    harness.run();
    click_record(&mut harness, t);
    let after = records(&harness);
    let new: Vec<&ChurnRecord> = after.iter().filter(|r| !before.contains(r)).collect();
    assert_eq!(new.len(), 1, "{lang:?}: one record more");
    let new = new[0].clone();
    assert_eq!(new.winback_cost_cents, Some(100));
    assert!(new.try_repair);
    assert!(new.estimated_loss_cents > 100, "a customer with a loss");
    let worth = (p.advice_worth)(&yuan(100), &yuan(new.estimated_loss_cents));
    assert!(common::shows(&harness, &worth), "{lang:?}: {worth}");
    assert!(common::shows(&harness, "¥1.00"), "the cost in its column");
    assert!(!common::shows(&harness, &negative), "the message is gone");

    // Edit → Undo takes it back: the form again, as typed.
    harness.get_by_label(t.menu_edit).click();
    harness.run();
    harness.get_by_label_contains(&format!("{}: ", t.undo)).click();
    harness.run();
    assert_eq!(records(&harness), before, "{lang:?}: undone");
    assert!(!common::shows(&harness, &worth), "{lang:?}: its suggestion is gone");
    let customer: CustomerId = new.customer;
    assert!(!harness.state().cache().churn_records.contains_key(&customer));
    assert!(still_typed(&harness, t, "1"), "{lang:?}: the form again, as typed");
}

#[test]
fn a_win_back_cost_is_entered_shown_with_its_suggestion_and_undone_in_english() {
    winback_cost_round_trip(Lang::En);
}

#[test]
fn a_win_back_cost_is_entered_shown_with_its_suggestion_and_undone_in_chinese() {
    winback_cost_round_trip(Lang::Zh);
}

/// A store of two customers: 王五 last bought ¥50,000.00 236 days before
/// `now()` (at risk), 赵六 ¥8,000.00 500 days before (churned); neither has
/// a churn record.
fn two_customers(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::create(&dir.path().join("w.db")).expect("create");
    for (name, date, cents) in [("王五", (2026, 4, 1), 5_000_000), ("赵六", (2025, 7, 11), 800_000)]
    {
        common::add_customer(&mut store, name);
        let id =
            store.customer_rows().expect("rows").iter().find(|c| c.name == name).expect("row").id;
        let sale = Transaction {
            customer: id,
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).expect("day"),
            amount_cents: cents,
            order_no: String::new(),
            product: String::new(),
            quantity: None,
        };
        let write = Command::SaveRecord { id: None, record: Box::new(Record::Sale(sale)) };
        store.apply(&write, common::now()).expect("sale");
    }
    store
}

#[test]
fn at_risk_customers_are_warned_with_their_clv_at_stake() {
    for lang in [Lang::En, Lang::Zh] {
        let p = Tr::of(lang).pipeline;
        let dir = tempfile::tempdir().expect("tempdir");
        let store = two_customers(&dir);
        let rows = store.customer_rows().expect("rows");
        let params = ClvParams::from(&store.settings().expect("settings"));
        let today = common::now().date();
        let at_stake = |name: &str| {
            let c = rows.iter().find(|c| c.name == name).expect("row");
            let value = clv(c.revenue_cents, c.first_purchase.expect("bought"), today, &params).clv;
            #[allow(clippy::cast_possible_truncation)]
            let cents = value.round() as i64;
            assert!(cents > 0, "{name} has a CLV");
            yuan(cents)
        };
        let mut harness = common::harness(common::app(store, lang), [1700.0, 700.0]);
        harness.get_by_label(if lang == Lang::Zh { "客户关系阶梯" } else { "Pipeline" }).click();
        harness.run();
        harness.get_by_label(p.tab_churn).click();
        harness.run();
        let warning = (p.advice_at_risk)(&at_stake("王五"));
        assert!(common::shows(&harness, &warning), "{lang:?}: {warning}");
        let record_why = (p.advice_record_why)(&at_stake("赵六"));
        assert!(common::shows(&harness, &record_why), "{lang:?}: {record_why}");
        assert!(common::shows(&harness, p.at_risk) && common::shows(&harness, p.churned));
    }
}
