//! The value-analysis panel on the demo company: the analysis runs on a
//! background thread, the charts render in both languages, and clicks list
//! the customers behind a chart element.

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::demo::DemoOptions;
use ladder::store::Store;
use ladder::ui::AppCommand;
use ladder::ui::value::Tab;

mod common;
use common::{app, harness, wait_for_analysis};

fn demo_app(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, LadderApp> {
    let options = DemoOptions { customers: 120, ..DemoOptions::default() };
    let store = Store::create_demo(&dir.path().join("demo.db"), &options).expect("demo");
    harness(app(store, lang), [1400.0, 900.0])
}

#[test]
fn every_chart_renders_in_both_languages() {
    for (lang, panel, tabs) in [
        (
            Lang::En,
            "Value analysis",
            ["RFM", "80/20", "Four tiers", "Lifetime value", "Loyalty ladder", "Satisfaction"],
        ),
        (
            Lang::Zh,
            "客户价值分析",
            ["RFM 分析", "二八法则", "四分法", "终身价值", "忠诚阶梯", "客户满意"],
        ),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut harness = demo_app(&dir, lang);
        harness.get_by_label(panel).click();
        wait_for_analysis(&mut harness);
        let analysis = harness.state().cache().analysis.clone().expect("analysis");
        assert!(!analysis.customers.is_empty());
        for tab in tabs {
            harness.get_by_label(tab).click();
            harness.run();
            // Open the concept note too, so its text is rendered (and its glyphs checked).
            let about = if lang == Lang::Zh { "图表说明" } else { "About this chart" };
            harness.get_by_label(about).click();
            harness.run();
        }
    }
}

#[test]
fn clicking_an_rfm_cell_lists_its_customers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = demo_app(&dir, Lang::En);
    harness.get_by_label("Value analysis").click();
    wait_for_analysis(&mut harness);
    assert_eq!(harness.state_mut().value_panel().tab(), Tab::Rfm);
    // Click a segment name in the segment table: the customers behind it are listed.
    let analysis = harness.state().cache().analysis.clone().expect("analysis");
    let champions = analysis.customers.iter().filter(|c| c.rfm.segment == 0).count();
    assert!(champions > 0, "the demo has champions");
    harness.get_by_label("Champions").click();
    harness.run();
    assert_eq!(harness.state_mut().value_panel().selected_customers(), champions);
    assert!(
        harness.query_by_label_contains(&format!("Champions: {champions} customers")).is_some()
    );
}

#[test]
fn a_new_snapshot_recomputes_in_the_background_and_keeps_the_old_result_meanwhile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = demo_app(&dir, Lang::En);
    harness.get_by_label("Value analysis").click();
    wait_for_analysis(&mut harness);
    let first = harness.state().cache().analysis.clone().expect("analysis");
    let reads = harness.state().store().expect("store").reads();
    harness.state().send(AppCommand::SetSnapshot(NaiveDate::from_ymd_opt(2025, 11, 1)));
    harness.step();
    assert!(harness.state().is_analysing(), "runs on a worker thread");
    assert!(harness.state().cache().analysis.is_some(), "the last result stays visible");
    wait_for_analysis(&mut harness);
    let second = harness.state().cache().analysis.clone().expect("analysis");
    assert_eq!(second.snapshot, NaiveDate::from_ymd_opt(2025, 11, 1));
    assert!(second.transactions < first.transactions);
    assert_eq!(
        harness.state().store().expect("store").reads(),
        reads,
        "the UI thread ran no query for the analysis"
    );
}

#[test]
fn a_satisfaction_month_lists_the_customers_surveyed_then() {
    use chrono::Datelike as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = demo_app(&dir, Lang::En);
    harness.get_by_label("Value analysis").click();
    wait_for_analysis(&mut harness);
    let analysis = harness.state().cache().analysis.clone().expect("analysis");
    let month = analysis
        .satisfaction
        .iter()
        .max_by_key(|m| m.dissatisfied + m.satisfied + m.delighted)
        .expect("a month");
    let (year, number) = (month.year, month.month);
    let mut expected: Vec<_> = analysis
        .surveys
        .iter()
        .filter(|(_, d, _)| d.year() == year && d.month() == number)
        .map(|(id, _, _)| *id)
        .filter(|id| analysis.customers.iter().any(|c| c.info.id == *id))
        .collect();
    expected.sort_unstable();
    expected.dedup();
    assert!(!expected.is_empty());
    harness.state_mut().value_panel().select_month(&analysis, (year, number), None, Lang::En);
    assert_eq!(harness.state_mut().value_panel().selected_customers(), expected.len());
    // A click on the dissatisfied part of the bar lists only those.
    let dissatisfied = ladder::domain::analysis::satisfaction::SatisfactionState::Dissatisfied;
    let mut unhappy: Vec<_> = analysis
        .surveys
        .iter()
        .filter(|(_, d, s)| d.year() == year && d.month() == number && *s == dissatisfied)
        .map(|(id, _, _)| *id)
        .collect();
    unhappy.sort_unstable();
    unhappy.dedup();
    let panel = harness.state_mut().value_panel();
    panel.select_month(&analysis, (year, number), Some(dissatisfied), Lang::En);
    assert_eq!(panel.selected_customers(), unhappy.len());
    assert!(unhappy.len() < expected.len(), "a part of the month, not all of it");
}

/// A customer whose purchases sum past what an `i64` of cents holds (only
/// data written before the import's per-row maximum can) is named in the
/// interface's language instead of a wrong figure.
#[test]
fn a_customer_whose_purchases_sum_past_i64_is_named_not_analysed_wrong() {
    use ladder::domain::customer::{CustomerData, CustomerId};
    use ladder::domain::records::{NewCustomer, Transaction};
    use ladder::store::bulk;
    for (lang, panel, said) in [
        (Lang::En, "Value analysis", "the purchases of customer C-BIG add up to more than"),
        (Lang::Zh, "客户价值分析", "客户 C-BIG 的交易金额合计超过"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::create(&dir.path().join("big.db")).expect("create");
        let customer = NewCustomer {
            id: CustomerId(1),
            code: "C-BIG".into(),
            data: CustomerData::named("大客户"),
            created_at: common::now(),
        };
        let sale = Transaction {
            customer: CustomerId(1),
            date: NaiveDate::from_ymd_opt(2026, 1, 10).expect("date"),
            amount_cents: i64::MAX,
            order_no: String::new(),
            product: String::new(),
            quantity: None,
        };
        store
            .in_transaction(|conn| {
                bulk::insert_customers(conn, [&customer])?;
                Ok(bulk::insert_transactions(conn, &[sale.clone(), sale])?)
            })
            .expect("insert");
        let mut harness = harness(app(store, lang), [1400.0, 900.0]);
        harness.get_by_label(panel).click();
        common::wait_for(&mut harness, said);
        assert!(harness.state().cache().analysis.is_none(), "no analysis with a wrong figure");
    }
}

/// A CLV parameter typed past its bound is taken as the bound; applied, it
/// is the office's setting; after Edit → Undo the field shows the setting
/// again (it kept the typed text before).
#[test]
fn the_clv_fields_follow_undo() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::NodeT as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = demo_app(&dir, Lang::En);
    harness.get_by_label("Value analysis").click();
    wait_for_analysis(&mut harness);
    harness.get_by_label("Lifetime value").click();
    harness.run_steps(3);
    let margin = |h: &Harness<'_, LadderApp>| {
        h.get_by_role_and_label(Role::SpinButton, "Margin rate").accesskit_node().numeric_value()
    };
    assert_eq!(margin(&harness), Some(30.0));
    harness.get_by_role_and_label(Role::SpinButton, "Margin rate").click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::SpinButton, "Margin rate").type_text("150");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert_eq!(margin(&harness), Some(100.0), "taken as the bound");
    // The CLV parameters' Apply (the snapshot date's comes first).
    harness.get_all_by_label("Apply").last().expect("CLV's Apply").click();
    harness.run_steps(2);
    wait_for_analysis(&mut harness);
    let stored = |h: &Harness<'_, LadderApp>| {
        h.state().store().expect("store").settings().expect("settings").clv_margin_rate
    };
    assert!((stored(&harness) - 1.0).abs() < 1e-9);
    harness.state().send(ladder::ui::AppCommand::Undo);
    harness.run_steps(2);
    wait_for_analysis(&mut harness);
    assert!((stored(&harness) - 0.3).abs() < 1e-9);
    assert_eq!(margin(&harness), Some(30.0), "the field shows the setting again");
}
