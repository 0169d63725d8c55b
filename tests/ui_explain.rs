//! "Explain this number" in the app, in both languages: an explanation
//! opens from a customer of an RFM cell and from a CLV figure with the
//! domain's numbers; the customer detail's figures open it too; a hand-set
//! tier and the empty F column are said where they show.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::analysis::explain::{Figure, explain};
use ladder::domain::analysis::explain_text::section;
use ladder::domain::demo::DemoOptions;
use ladder::domain::money::format_cents_grouped;
use ladder::store::Store;
use ladder::ui::AppCommand;

mod common;
use common::{app, harness, shows, wait_for_analysis};

struct Words {
    panel: &'static str,
    clv_tab: &'static str,
    rfm_tab: &'static str,
    set_by_hand: &'static str,
    empty_f: &'static str,
}

const EN: Words = Words {
    panel: "Value analysis",
    clv_tab: "Lifetime value",
    rfm_tab: "RFM",
    set_by_hand: "set by hand",
    empty_f: "No customer has F 2",
};

const ZH: Words = Words {
    panel: "客户价值分析",
    clv_tab: "终身价值",
    rfm_tab: "RFM 分析",
    set_by_hand: "手工设定",
    empty_f: "没有客户得到 F 2",
};

fn demo_app(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, LadderApp> {
    demo_app_sized(dir, lang, [1400.0, 900.0])
}

fn demo_app_sized(
    dir: &tempfile::TempDir,
    lang: Lang,
    size: [f32; 2],
) -> Harness<'static, LadderApp> {
    let options = DemoOptions { customers: 120, ..DemoOptions::default() };
    let store = Store::create_demo(&dir.path().join("demo.db"), &options).expect("demo");
    let mut harness = harness(app(store, lang), size);
    let words = if lang == Lang::En { &EN } else { &ZH };
    harness.get_by_label(words.panel).click();
    wait_for_analysis(&mut harness);
    harness
}

/// The window is open on `figure` of the customer at `index`, with the
/// domain's explanation, and shows its sentences.
fn check_window(harness: &Harness<'_, LadderApp>, index: usize, figure: Figure, lang: Lang) {
    let a = harness.state().cache().analysis.clone().expect("analysis");
    let window = harness.state().explain_window().expect("the Explain window is open");
    assert_eq!(window.customer(), a.customers[index].info.id);
    assert_eq!(window.focus(), figure);
    let expected = explain(&a, index).expect("explained");
    assert_eq!(window.explanation(), Some(&expected), "the domain's numbers");
    for figure in [Figure::Frequency, figure] {
        for line in section(&expected, figure, lang) {
            assert!(shows(harness, &line), "{line:?} is shown");
        }
    }
}

#[test]
fn an_explanation_opens_from_a_customer_of_an_rfm_cell() {
    for lang in [Lang::En, Lang::Zh] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut harness = demo_app(&dir, lang);
        let words = if lang == Lang::En { &EN } else { &ZH };
        // The grid says under it which score column is empty, and why.
        assert!(shows(&harness, words.empty_f), "{lang:?}: the empty F column is explained");
        let a = harness.state().cache().analysis.clone().expect("analysis");
        // The cell of the customer with the highest monetary value.
        let index = (0..a.customers.len())
            .max_by_key(|&i| a.customers[i].agg.monetary_cents)
            .expect("customers");
        let c = &a.customers[index];
        harness.state_mut().value_panel().select_cell(&a, c.rfm.r, c.rfm.f);
        harness.run();
        // Its M in the list (unique: the largest) opens the window on M.
        let monetary = format_cents_grouped(c.agg.monetary_cents);
        harness.get_by_label(&monetary).click();
        harness.run();
        check_window(&harness, index, Figure::Monetary, lang);
        // The window stays below the menu bar.
        let menu = harness.get_by_label(if lang == Lang::En { "File" } else { "文件" }).rect();
        let windows: Vec<_> = harness.query_all_by_role(egui::accesskit::Role::Window).collect();
        assert!(!windows.is_empty(), "the Explain window is a window");
        for window in windows {
            assert!(window.rect().top() >= menu.bottom(), "{lang:?}: a window over the menu");
        }
        // The RFM cell of the list's first customer opens it on the cell.
        let first = (0..a.customers.len())
            .find(|&i| a.customers[i].rfm.r == c.rfm.r && a.customers[i].rfm.f == c.rfm.f)
            .expect("the first of the cell");
        let cell = a.customers[first].rfm.cell();
        harness.get_all_by_label(&cell).next().expect("the cell's link").click();
        harness.run();
        check_window(&harness, first, Figure::Cell, lang);
        let _ = words.rfm_tab;
    }
}

#[test]
fn an_explanation_opens_from_a_clv_figure() {
    for lang in [Lang::En, Lang::Zh] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut harness = demo_app(&dir, lang);
        let words = if lang == Lang::En { &EN } else { &ZH };
        harness.get_by_label(words.clv_tab).click();
        harness.run();
        let a = harness.state().cache().analysis.clone().expect("analysis");
        let index = (0..a.customers.len())
            .max_by(|&i, &j| a.customers[i].clv.clv.total_cmp(&a.customers[j].clv.clv))
            .expect("customers");
        #[allow(clippy::cast_possible_truncation)]
        let clv = format!("¥{}", format_cents_grouped(a.customers[index].clv.clv.round() as i64));
        let reads = harness.state().store().expect("store").reads();
        harness.get_by_label(&clv).click();
        harness.run();
        check_window(&harness, index, Figure::Clv, lang);
        harness.run_steps(5);
        assert_eq!(
            harness.state().store().expect("store").reads(),
            reads,
            "the explanation is computed from the cached analysis: no query"
        );
        // The window's CLV is the domain's sum of its terms.
        let e = harness.state().explain_window().and_then(|w| w.explanation()).expect("shown");
        assert_eq!(e.terms.iter().fold(0.0, |s, t| s + t.value), a.customers[index].clv.clv);
        // Close it.
        let close = if lang == Lang::En { "Close" } else { "关闭" };
        harness.get_all_by_label(close).last().expect("close").click();
        harness.run();
        assert!(harness.state().explain_window().is_none());
    }
}

#[test]
fn a_hand_set_tier_is_said_in_the_customer_detail_and_its_explanation() {
    for lang in [Lang::En, Lang::Zh] {
        let dir = tempfile::tempdir().expect("tempdir");
        // Tall enough for the whole customer detail, figures at its end.
        let mut harness = demo_app_sized(&dir, lang, [1400.0, 2400.0]);
        let words = if lang == Lang::En { &EN } else { &ZH };
        let a = harness.state().cache().analysis.clone().expect("analysis");
        let index = (0..a.customers.len())
            .find(|&i| {
                let info = &a.customers[i].info;
                info.importance_override.is_some() || info.difficulty_override.is_some()
            })
            .expect("the demo has a hand-set tier");
        let c = &a.customers[index];
        harness.state().send(AppCommand::ShowCustomer(c.info.id));
        harness.run();
        let tier = format!("{} · {}", c.tier.tier.name(lang), words.set_by_hand);
        harness.get_by_label(&tier).click();
        harness.run();
        check_window(&harness, index, Figure::Tier, lang);
        let set = if lang == Lang::En { "Set by hand:" } else { "手工设定：" };
        assert!(shows(&harness, set), "{lang:?}: the hand-set tier is said");
    }
}
