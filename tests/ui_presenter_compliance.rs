//! Policy compliance in presenter mode at 200 % in a 1280 × 800 window, in
//! both languages: the working calendar's copy button and months stay
//! inside the window (months wrap to fewer per row), the complaint form
//! under the ledger and the rate chart under the findings can be scrolled
//! to, and the ledger's last column scrolls into view sideways.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::demo::DemoOptions;
use ladder::store::Store;
use ladder::ui::compliance::Tab;
use ladder::ui::presenter::{Presenter, Size};
use ladder::ui::{AppCommand, Panel, Tr};

mod common;
use common::{app, harness};

/// The demo company at 200 % on the compliance panel, its check finished.
fn at_200(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, LadderApp> {
    let options = DemoOptions { customers: 120, ..DemoOptions::default() };
    let store = Store::create_demo(&dir.path().join("demo.db"), &options).expect("demo");
    let mut h = harness(app(store, lang), [1280.0, 800.0]);
    h.state().send(AppCommand::SetPresenter(Presenter { on: true, size: Size::P200 }));
    h.state().send(AppCommand::ShowPanel(Panel::Compliance));
    h.run();
    common::step_while(&mut h, "the compliance check did not finish", |h| {
        h.state().is_checking() || h.state().cache().compliance.is_none()
    });
    h.run();
    assert!((h.ctx.zoom_factor() - 2.0).abs() < 1e-6);
    h
}

/// Whether the widget labelled `label` lies wholly inside the window.
fn inside(h: &Harness<'_, LadderApp>, label: &str) -> bool {
    let screen = h.ctx.content_rect();
    let rect = h.get_by_label(label).rect();
    screen.contains_rect(rect)
}

fn calendar_fits(lang: Lang) {
    let (dir, t) = (tempfile::tempdir().expect("tempdir"), Tr::of(lang));
    let mut h = at_200(&dir, lang);
    h.state_mut().compliance_panel().set_tab(Tab::Calendar);
    h.run();
    let copy = h.get_by_label(t.calendar.copy_csv).rect();
    assert!(copy.right() <= h.ctx.content_rect().right(), "copy button cut: {copy:?}");
    let month = |m| h.get_by_label(&(t.calendar.month)(m)).rect();
    assert!(month(3).top() > month(1).top() + 50.0, "March wraps below January");
    assert!(month(2).right() <= h.ctx.content_rect().right(), "February inside");
}

fn ledger_form_and_columns_reachable(lang: Lang) {
    let (dir, t) = (tempfile::tempdir().expect("tempdir"), Tr::of(lang));
    let mut h = at_200(&dir, lang);
    h.state_mut().compliance_panel().set_tab(Tab::Ledger);
    h.run();
    h.get_by_label(t.compliance.add_complaint).click();
    h.run();
    // The line under the form (the form itself scrolls sideways too).
    h.get_by_label(t.compliance.about).scroll_to_me();
    h.run();
    let save = h.get_by_label(t.compliance.save).rect();
    let screen = h.ctx.content_rect();
    assert!(save.bottom() <= screen.bottom(), "Save scrolls into view: {save:?} in {screen:?}");
    let description = h.get_all_by_label(t.compliance.description).next().expect("header");
    description.scroll_to_me();
    h.run();
    let rect = h.get_all_by_label(t.compliance.description).next().expect("header").rect();
    assert!(rect.right() <= h.ctx.content_rect().right(), "the last column scrolls in");
}

fn findings_chart_reachable(lang: Lang) {
    let (dir, t) = (tempfile::tempdir().expect("tempdir"), Tr::of(lang));
    let mut h = at_200(&dir, lang);
    h.state_mut().compliance_panel().set_tab(Tab::Findings);
    h.run();
    h.get_by_label(t.compliance.rate_title).scroll_to_me();
    h.run();
    assert!(inside(&h, t.compliance.rate_title), "the rate chart scrolls into view");
}

#[test]
fn the_calendar_fits_at_200_percent_en() {
    calendar_fits(Lang::En);
}

#[test]
fn the_calendar_fits_at_200_percent_zh() {
    calendar_fits(Lang::Zh);
}

#[test]
fn the_ledger_form_and_columns_are_reachable_at_200_percent_en() {
    ledger_form_and_columns_reachable(Lang::En);
}

#[test]
fn the_ledger_form_and_columns_are_reachable_at_200_percent_zh() {
    ledger_form_and_columns_reachable(Lang::Zh);
}

#[test]
fn the_findings_chart_is_reachable_at_200_percent_en() {
    findings_chart_reachable(Lang::En);
}

#[test]
fn the_findings_chart_is_reachable_at_200_percent_zh() {
    findings_chart_reachable(Lang::Zh);
}
