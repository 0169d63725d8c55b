//! The pipeline panel on the demo company, driven through card menus (the
//! keyboard/menu equivalent of dragging): ladder moves with counts, history
//! and undo; a skip that asks for a reason; an opportunity won.

use chrono::NaiveDateTime;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::demo::DemoOptions;
use ladder::domain::terms::{LadderStep, OpportunityStage};
use ladder::store::Store;
use ladder::store::pipeline::StageTotal;

mod common;

fn now() -> NaiveDateTime {
    common::datetime(2026, 11, 2, 10, 0)
}

fn harness(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, LadderApp> {
    let options = DemoOptions { customers: 120, ..DemoOptions::default() };
    let store = Store::create_demo(&dir.path().join("demo.db"), &options).expect("demo");
    let app = LadderApp::with_store(Some(store), lang, Box::new(now));
    common::harness(app, [1600.0, 1000.0])
}

fn count(harness: &Harness<'_, LadderApp>, step: LadderStep) -> i64 {
    harness.state().cache().ladder_totals.iter().find(|t| t.step == step).map_or(0, |t| t.customers)
}

/// The top card of a ladder column (cards are sorted by revenue, then code).
fn top_card(harness: &Harness<'_, LadderApp>, step: LadderStep, skip: usize) -> (String, i64) {
    let mut rows: Vec<_> =
        harness.state().cache().customers.iter().filter(|c| c.ladder_step == step).collect();
    rows.sort_by(|a, b| b.revenue_cents.cmp(&a.revenue_cents).then_with(|| a.code.cmp(&b.code)));
    (rows[skip].name.clone(), rows[skip].id.0)
}

#[test]
fn move_a_customer_up_one_step_then_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, Lang::En);
    harness.get_by_label("Pipeline").click();
    harness.run();
    let (customers, clients) =
        (count(&harness, LadderStep::Customer), count(&harness, LadderStep::Client));
    let (name, id) = top_card(&harness, LadderStep::Customer, 0);

    harness.get_by_label(&name).click_secondary();
    harness.run();
    harness.get_by_label("Move to Client").click();
    harness.run();
    assert_eq!(count(&harness, LadderStep::Customer), customers - 1);
    assert_eq!(count(&harness, LadderStep::Client), clients + 1);
    let history = harness
        .state()
        .store()
        .expect("store")
        .customer_history(ladder::domain::customer::CustomerId(id))
        .expect("history");
    let last = history.last().expect("recorded");
    assert_eq!(
        (last.field.as_str(), last.old.as_str(), last.new.as_str()),
        ("ladder_step", "customer", "client")
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(count(&harness, LadderStep::Customer), customers, "Ctrl+Z moves it back");
    assert_eq!(count(&harness, LadderStep::Client), clients);
}

#[test]
fn a_skip_asks_for_a_reason_and_cancel_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, Lang::En);
    harness.get_by_label("Pipeline").click();
    harness.run();
    let before = harness.state().cache().ladder_totals.clone();
    let (name, _) = top_card(&harness, LadderStep::Customer, 1);
    harness.get_by_label(&name).click_secondary();
    harness.run();
    harness.get_by_label("Move to Advocate").click();
    harness.run();
    assert!(harness.state_mut().pipeline_panel().is_asking_reason());
    assert!(harness.query_by_label("Move with a reason").is_some());
    // An empty reason is refused.
    harness.get_by_label("Move").click();
    harness.run();
    assert!(harness.query_by_label("A reason is required").is_some());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!harness.state_mut().pipeline_panel().is_asking_reason());
    assert_eq!(harness.state().cache().ladder_totals, before, "nothing moved");
}

fn won(harness: &Harness<'_, LadderApp>) -> StageTotal {
    *harness
        .state()
        .cache()
        .stage_totals
        .iter()
        .find(|t| t.stage == OpportunityStage::Won)
        .expect("won")
}

#[test]
fn winning_an_opportunity_updates_the_weighted_total() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(&dir, Lang::Zh);
    harness.get_by_label("客户关系阶梯").click();
    harness.run();
    harness.get_by_label("销售机会").click();
    harness.run();
    let before = won(&harness);
    let all = harness.state().cache().opportunities.clone();
    // One in negotiation whose title no other opportunity shares.
    let negotiation = all
        .iter()
        .find(|o| {
            o.opportunity.stage == OpportunityStage::Negotiation
                && all.iter().filter(|x| x.opportunity.title == o.opportunity.title).count() == 1
        })
        .cloned()
        .expect("an opportunity in negotiation");
    // Its card shows the expected close whole (it was cut to "2027-…").
    let close = negotiation.opportunity.expected_close.expect("an expected close").to_string();
    assert!(harness.query_all_by_label(&close).next().is_some(), "{close} on its card");
    harness.get_by_label(&negotiation.opportunity.title).click_secondary();
    harness.run();
    harness.get_by_label("移到 签约").click();
    harness.run();
    let after = won(&harness);
    assert_eq!(after.count, before.count + 1);
    assert_eq!(
        after.weighted_cents,
        before.weighted_cents + i128::from(negotiation.opportunity.expected_value_cents),
        "won at 100%"
    );
}
