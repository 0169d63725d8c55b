//! Presenter mode: the View menu and F5 switch a light, high-contrast theme
//! and large type, the size presets set egui's zoom, and the choice is
//! remembered by a restarted app; the value panel's customer lists belong
//! to the chart they were clicked in. The app opens on Today whichever panel
//! it closed on.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::{LadderApp, Prefs};
use ladder::domain::Lang;
use ladder::domain::demo::DemoOptions;
use ladder::store::Store;
use ladder::ui::Panel;
use ladder::ui::presenter::{Presenter, Size};
use ladder::ui::value::Tab;

mod common;
use common::{Memory, app, harness, now, wait_for_analysis};

/// The app opens on Today whichever panel it closed on; preferences saved
/// by an earlier version (with a panel) still load.
#[test]
fn the_app_opens_on_today_whichever_panel_it_closed_on() {
    use eframe::Storage as _;
    let mut storage = Memory::default();
    let closed = Prefs { panel: Panel::Compliance, ..Prefs::default() };
    eframe::set_value(&mut storage, eframe::APP_KEY, &closed);
    let opened: Prefs = eframe::get_value(&storage, eframe::APP_KEY).expect("read back");
    assert_eq!(opened.panel, Panel::Today);
    let old = r#"(lang: Some(Zh), panel: Customers)"#;
    storage.set_string(eframe::APP_KEY, old.to_owned());
    let opened: Prefs = eframe::get_value(&storage, eframe::APP_KEY).expect("read old");
    assert_eq!((opened.panel, opened.lang), (Panel::Today, Some(Lang::Zh)));
}

struct Words {
    view: &'static str,
    settings: &'static str,
    mode: &'static str,
    on_200: &'static str,
    panel: &'static str,
    champions: &'static str,
    pareto: &'static str,
    rfm: &'static str,
    clear: &'static str,
    open: &'static str,
}

const EN: Words = Words {
    view: "View",
    settings: "Settings",
    mode: "Presenter mode (F5)",
    on_200: "Presenter mode on: type at 200%",
    panel: "Value analysis",
    champions: "Champions",
    pareto: "80/20",
    rfm: "RFM",
    clear: "Clear list",
    open: "Open",
};

const ZH: Words = Words {
    view: "视图",
    settings: "设置",
    mode: "演示模式 (F5)",
    on_200: "演示模式已开启：字号 200%",
    panel: "客户价值分析",
    champions: "冠军客户",
    pareto: "二八法则",
    rfm: "RFM 分析",
    clear: "清除列表",
    open: "打开",
};

fn demo_store(dir: &tempfile::TempDir) -> Store {
    let options = DemoOptions { customers: 120, ..DemoOptions::default() };
    Store::create_demo(&dir.path().join("demo.db"), &options).expect("demo")
}

fn zoom(harness: &Harness<'_, LadderApp>) -> f32 {
    harness.ctx.zoom_factor()
}

fn dark(harness: &Harness<'_, LadderApp>) -> bool {
    harness.ctx.global_style().visuals.dark_mode
}

fn open_view_menu(harness: &mut Harness<'_, LadderApp>, w: &Words) {
    harness.get_by_label(w.view).click();
    harness.run();
}

fn presenter_mode_switches_and_is_remembered(lang: Lang, w: &Words) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app(demo_store(&dir), lang), [1280.0, 800.0]);
    assert!((zoom(&h) - 1.0).abs() < 1e-6);
    let dark_before = dark(&h);

    // View → Presenter mode: the light theme at the 150 % preset.
    open_view_menu(&mut h, w);
    h.get_by_label(w.mode).click();
    h.run();
    assert_eq!(h.state().presenter(), Presenter { on: true, size: Size::P150 });
    assert!((zoom(&h) - 1.5).abs() < 1e-6, "zoom {}", zoom(&h));
    assert!(!dark(&h), "presenter mode is light");
    let ink = h.ctx.global_style().visuals.override_text_color;
    assert_eq!(ink, Some(egui::Color32::from_rgb(0x0a, 0x0a, 0x0a)), "black text");

    // The 200 % preset, and the status line says so.
    open_view_menu(&mut h, w);
    h.get_by_label("200%").click();
    h.run();
    assert!((zoom(&h) - 2.0).abs() < 1e-6, "zoom {}", zoom(&h));
    assert!(h.query_by_label_contains(w.on_200).is_some(), "status: {}", w.on_200);

    // Quit and start again from the same storage: still presenting at 200 %.
    let mut storage = Memory::default();
    eframe::App::save(h.state_mut(), &mut storage);
    drop(h);
    let restarted =
        LadderApp::restored(Some(demo_store_again(&dir)), lang, Box::new(now), &storage);
    let mut h = harness(restarted, [1280.0, 800.0]);
    assert_eq!(h.state().presenter(), Presenter { on: true, size: Size::P200 });
    assert!((zoom(&h) - 2.0).abs() < 1e-6, "restored zoom {}", zoom(&h));
    assert!(!dark(&h));

    // F5 turns it off: 100 % and the theme from before.
    h.key_press(Key::F5);
    h.run();
    assert!(!h.state().presenter().on);
    assert!((zoom(&h) - 1.0).abs() < 1e-6, "zoom {}", zoom(&h));
    assert_eq!(dark(&h), dark_before);
    assert_eq!(h.ctx.global_style().visuals.override_text_color, None);
}

/// The demo database made by [`demo_store`], opened again.
fn demo_store_again(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("demo.db"), now()).expect("reopen")
}

#[test]
fn presenter_mode_switches_and_is_remembered_en() {
    presenter_mode_switches_and_is_remembered(Lang::En, &EN);
}

#[test]
fn presenter_mode_switches_and_is_remembered_zh() {
    presenter_mode_switches_and_is_remembered(Lang::Zh, &ZH);
}

fn settings_choose_a_size(lang: Lang, w: &Words) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app(demo_store(&dir), lang), [1280.0, 800.0]);
    h.get_by_label(w.settings).click();
    h.run();
    // Settings → Interface: choosing a size turns presenter mode on at it.
    h.get_by_label("125%").click();
    h.run();
    assert_eq!(h.state().presenter(), Presenter { on: true, size: Size::P125 });
    assert!((zoom(&h) - 1.25).abs() < 1e-6, "zoom {}", zoom(&h));
    assert!(!dark(&h));
    // The switch there turns it off and keeps the size for next time.
    h.get_by_label(w.mode).click();
    h.run();
    assert_eq!(h.state().presenter(), Presenter { on: false, size: Size::P125 });
    assert!((zoom(&h) - 1.0).abs() < 1e-6, "zoom {}", zoom(&h));
}

#[test]
fn settings_choose_a_size_en() {
    settings_choose_a_size(Lang::En, &EN);
}

#[test]
fn settings_choose_a_size_zh() {
    settings_choose_a_size(Lang::Zh, &ZH);
}

/// The heading of the list under the chart, when one is shown.
fn list_heading(h: &Harness<'_, LadderApp>, what: &str) -> bool {
    h.query_by_label_contains(&format!("{what}:")).is_some()
        || h.query_by_label_contains(&format!("{what}：")).is_some()
}

fn a_customer_list_belongs_to_its_chart(lang: Lang, w: &Words) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app(demo_store(&dir), lang), [1400.0, 900.0]);
    h.get_by_label(w.panel).click();
    wait_for_analysis(&mut h);
    let analysis = h.state().cache().analysis.clone().expect("analysis");
    let champions = analysis.customers.iter().filter(|c| c.rfm.segment == 0).count();
    assert!(champions > 0, "the demo has champions");

    h.get_by_label(w.champions).click();
    h.run();
    assert_eq!(h.state_mut().value_panel().selected_customers(), champions);
    assert!(list_heading(&h, w.champions));

    // Another chart: the RFM list is not under it.
    h.get_by_label(w.pareto).click();
    h.run();
    assert_eq!(h.state_mut().value_panel().tab(), Tab::Pareto);
    assert_eq!(h.state_mut().value_panel().selected_customers(), 0);
    assert!(!list_heading(&h, w.champions), "the RFM list stays with the RFM chart");

    // Back to RFM: its list is back; Clear list takes it away for good.
    h.get_by_label(w.rfm).click();
    h.run();
    assert_eq!(h.state_mut().value_panel().selected_customers(), champions);
    assert!(list_heading(&h, w.champions));
    h.get_by_label(w.clear).click();
    h.run();
    assert_eq!(h.state_mut().value_panel().selected_customers(), 0);
    h.get_by_label(w.pareto).click();
    h.run();
    h.get_by_label(w.rfm).click();
    h.run();
    assert_eq!(h.state_mut().value_panel().selected_customers(), 0);
    assert!(!list_heading(&h, w.champions));
}

#[test]
fn a_customer_list_belongs_to_its_chart_en() {
    a_customer_list_belongs_to_its_chart(Lang::En, &EN);
}

#[test]
fn a_customer_list_belongs_to_its_chart_zh() {
    a_customer_list_belongs_to_its_chart(Lang::Zh, &ZH);
}

/// At 200 % in a 1280 × 800 window the list of a chart keeps rows of one
/// line (its columns scroll sideways; a squeezed Open button once wrapped
/// to four lines and made every row as tall).
fn a_list_at_200_percent_keeps_one_line_rows(lang: Lang, w: &Words) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app(demo_store(&dir), lang), [1280.0, 800.0]);
    h.state().send(ladder::ui::AppCommand::SetPresenter(Presenter { on: true, size: Size::P200 }));
    h.run();
    assert!((zoom(&h) - 2.0).abs() < 1e-6);
    h.get_by_label(w.panel).click();
    wait_for_analysis(&mut h);
    // The cell R 1 · F 1 (as a click on the grid lists it).
    let analysis = h.state().cache().analysis.clone().expect("analysis");
    let n = analysis.customers.iter().filter(|c| c.rfm.r == 1 && c.rfm.f == 1).count();
    assert!(n >= 3, "the demo has customers in R 1 · F 1");
    h.state_mut().value_panel().select_cell(&analysis, 1, 1);
    h.run();
    assert!(list_heading(&h, "R 1 · F 1"));
    let mut tops: Vec<f32> = h.query_all_by_label(w.open).map(|n| n.rect().top()).collect();
    tops.sort_by(f32::total_cmp);
    assert!(tops.len() >= 3, "rows drawn: {}", tops.len());
    for pair in tops.windows(2) {
        let step = pair[1] - pair[0];
        assert!(
            step < 30.0,
            "rows {step} points apart (one line is {})",
            ladder::ui::theme::ROW_HEIGHT
        );
    }
}

#[test]
fn a_list_at_200_percent_keeps_one_line_rows_en() {
    a_list_at_200_percent_keeps_one_line_rows(Lang::En, &EN);
}

#[test]
fn a_list_at_200_percent_keeps_one_line_rows_zh() {
    a_list_at_200_percent_keeps_one_line_rows(Lang::Zh, &ZH);
}

/// At 200 % in a 1280 × 800 window Today's items take two lines, so that
/// every item's buttons stay inside the window (on one line they were
/// pushed past its right edge), one under the other at a steady step.
fn today_at_200_percent_keeps_its_buttons_in_the_window(lang: Lang) {
    let t = ladder::ui::Tr::of(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app(demo_store(&dir), lang), [1280.0, 800.0]);
    h.state().send(ladder::ui::AppCommand::SetPresenter(Presenter { on: true, size: Size::P200 }));
    h.state().send(ladder::ui::AppCommand::ShowPanel(ladder::ui::Panel::Today));
    h.run();
    assert!((zoom(&h) - 2.0).abs() < 1e-6);
    let opens: Vec<egui::Rect> = h.query_all_by_label(t.today.open).map(|n| n.rect()).collect();
    assert!(opens.len() >= 3, "Today lists the demo's items: {}", opens.len());
    for open in &opens {
        assert!(open.right() <= 640.0, "an Open button past the window's edge: {open:?}");
    }
    let mut tops: Vec<f32> = opens.iter().map(egui::Rect::top).collect();
    tops.sort_by(f32::total_cmp);
    for pair in tops.windows(2) {
        let step = pair[1] - pair[0];
        assert!(step > 40.0, "items {step} points apart (two lines are 52)");
    }
}

#[test]
fn today_at_200_percent_keeps_its_buttons_in_the_window_en() {
    today_at_200_percent_keeps_its_buttons_in_the_window(Lang::En);
}

#[test]
fn today_at_200_percent_keeps_its_buttons_in_the_window_zh() {
    today_at_200_percent_keeps_its_buttons_in_the_window(Lang::Zh);
}

/// At 200 % the customer library's filters wrap as whole groups (a label
/// with its list): none runs past the window's right edge.
fn customer_filters_at_200_percent_stay_in_the_window(lang: Lang) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app(demo_store(&dir), lang), [1280.0, 800.0]);
    h.state().send(ladder::ui::AppCommand::SetPresenter(Presenter { on: true, size: Size::P200 }));
    h.run();
    let combos: Vec<egui::Rect> =
        h.query_all_by_role(egui::accesskit::Role::ComboBox).map(|n| n.rect()).collect();
    assert!(combos.len() >= 3, "the kind, grade and step filters: {}", combos.len());
    for combo in &combos {
        assert!(combo.right() <= 640.0, "a filter past the window's edge: {combo:?}");
    }
}

#[test]
fn customer_filters_at_200_percent_stay_in_the_window_en() {
    customer_filters_at_200_percent_stay_in_the_window(Lang::En);
}

#[test]
fn customer_filters_at_200_percent_stay_in_the_window_zh() {
    customer_filters_at_200_percent_stay_in_the_window(Lang::Zh);
}

/// At 200 % the last columns of a pipeline tab's table (`far`) are out of
/// sight at first and come into the window when the table is scrolled
/// sideways (the pointer over the column headed `near`).
fn a_pipeline_table_at_200_percent_scrolls_sideways(lang: Lang, tab: &str, near: &str, far: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app(demo_store(&dir), lang), [1280.0, 800.0]);
    h.state().send(ladder::ui::AppCommand::SetPresenter(Presenter { on: true, size: Size::P200 }));
    h.state().send(ladder::ui::AppCommand::ShowPanel(ladder::ui::Panel::Pipeline));
    h.run();
    h.get_by_label(tab).click();
    h.run();
    // The heading: the topmost node so named (a row's field may take the
    // heading's name too).
    let far_rect = |h: &Harness<'_, LadderApp>| {
        let mut rects: Vec<egui::Rect> = h.query_all_by_label(far).map(|n| n.rect()).collect();
        rects.sort_by(|a, b| a.top().total_cmp(&b.top()));
        *rects.first().expect("the heading")
    };
    assert!(far_rect(&h).left() > 640.0, "at first out of sight: {:?}", far_rect(&h));
    let near = h.get_by_label(near).rect();
    h.hover_at(egui::pos2(near.left() + 10.0, near.bottom() + 40.0));
    for _ in 0..10 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(-400.0, 0.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
    }
    let shown = far_rect(&h);
    assert!(shown.right() <= 640.0 && shown.left() > 200.0, "scrolled into sight: {shown:?}");
}

/// The opportunity list: expected close.
fn the_opportunity_list_at_200_percent_scrolls_sideways(lang: Lang) {
    let p = ladder::ui::Tr::of(lang).pipeline;
    a_pipeline_table_at_200_percent_scrolls_sideways(
        lang,
        p.tab_list,
        p.title_col,
        p.expected_close,
    );
}

/// Churn and at risk: the suggestion column (after the win-back cost).
fn the_churn_table_at_200_percent_scrolls_sideways(lang: Lang) {
    let p = ladder::ui::Tr::of(lang).pipeline;
    a_pipeline_table_at_200_percent_scrolls_sideways(
        lang,
        p.tab_churn,
        p.last_purchase,
        p.suggestion,
    );
}

#[test]
fn the_churn_table_at_200_percent_scrolls_sideways_en() {
    the_churn_table_at_200_percent_scrolls_sideways(Lang::En);
}

#[test]
fn the_churn_table_at_200_percent_scrolls_sideways_zh() {
    the_churn_table_at_200_percent_scrolls_sideways(Lang::Zh);
}

#[test]
fn the_opportunity_list_at_200_percent_scrolls_sideways_en() {
    the_opportunity_list_at_200_percent_scrolls_sideways(Lang::En);
}

#[test]
fn the_opportunity_list_at_200_percent_scrolls_sideways_zh() {
    the_opportunity_list_at_200_percent_scrolls_sideways(Lang::Zh);
}

/// At 200 % a customer's detail panel takes at most 60 % of the room
/// beside the navigation, so the table keeps a readable part.
fn the_customer_detail_at_200_percent_leaves_room_for_the_table(lang: Lang) {
    let t = ladder::ui::Tr::of(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app(demo_store(&dir), lang), [1280.0, 800.0]);
    h.state().send(ladder::ui::AppCommand::SetPresenter(Presenter { on: true, size: Size::P200 }));
    h.run();
    let id = h.state().cache().customers[0].id;
    h.state().send(ladder::ui::AppCommand::Select(id));
    h.run();
    let heading = h.get_by_label(t.edit_customer).rect();
    let navigation = h.get_by_label(t.panel_customers).rect().right();
    let room = 640.0 - navigation;
    assert!(
        heading.left() >= navigation + 0.35 * room,
        "the detail panel leaves the table too little: it starts at {} (room {room})",
        heading.left()
    );
}

#[test]
fn the_customer_detail_at_200_percent_leaves_room_for_the_table_en() {
    the_customer_detail_at_200_percent_leaves_room_for_the_table(Lang::En);
}

#[test]
fn the_customer_detail_at_200_percent_leaves_room_for_the_table_zh() {
    the_customer_detail_at_200_percent_leaves_room_for_the_table(Lang::Zh);
}

/// Without presenter mode a 1024 × 768 window keeps Today's items on one
/// line each (two lines are only for a panel too narrow for one).
#[test]
fn today_in_a_1024_window_keeps_one_line_items() {
    let t = ladder::ui::Tr::of(Lang::En);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app(demo_store(&dir), Lang::En), [1024.0, 768.0]);
    h.state().send(ladder::ui::AppCommand::ShowPanel(ladder::ui::Panel::Today));
    h.run();
    let mut tops: Vec<f32> = h.query_all_by_label(t.today.open).map(|n| n.rect().top()).collect();
    tops.sort_by(f32::total_cmp);
    assert!(tops.len() >= 3, "Today lists the demo's items: {}", tops.len());
    for pair in tops.windows(2) {
        assert!(pair[1] - pair[0] < 30.0, "items {} points apart", pair[1] - pair[0]);
    }
}
