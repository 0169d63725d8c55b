//! Lessons in the app, in both languages: a lesson opens from the Help
//! menu and walks its steps (Next opens the right panel and tab, Show
//! answer shows the answer); a what-if change of the critical share moves a
//! named customer between tiers — the one the domain says moves — and
//! "Reset the lesson" puts it back, the office's settings untouched; the
//! worksheet is a valid XLSX with the lesson's steps.

use calamine::{Reader as _, Xlsx, open_workbook};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::analysis::report::analyse;
use ladder::domain::analysis::rfm::default_segments;
use ladder::domain::demo::DemoOptions;
use ladder::domain::lessons::{LESSONS, View};
use ladder::domain::settings::Settings;
use ladder::domain::terms::Tier;
use ladder::store::Store;
use ladder::ui::Panel;
use ladder::ui::lessons::value_tab;

mod common;
use common::{app, harness, shows, wait_for_analysis};

/// The demo company (120 customers) under its own name, or another name.
fn lesson_app(dir: &tempfile::TempDir, lang: Lang, name: &str) -> Harness<'static, LadderApp> {
    let options = DemoOptions { customers: 120, ..DemoOptions::default() };
    let store = Store::create_demo(&dir.path().join(name), &options).expect("demo");
    harness(app(store, lang), [1500.0, 1000.0])
}

fn t(lang: Lang) -> &'static ladder::ui::i18n_lessons::TrLessons {
    ladder::ui::Tr::of(lang).lessons
}

/// Opens lesson `n` (0-based) from Help → Lessons.
fn open_lesson(harness: &mut Harness<'_, LadderApp>, lang: Lang, n: usize) {
    harness.get_by_label(if lang == Lang::Zh { "帮助" } else { "Help" }).click();
    harness.run_steps(3);
    harness.get_by_label(t(lang).menu).click();
    harness.run_steps(3);
    let entry = format!("{}. {}", n + 1, LESSONS[n].title.get(lang));
    harness.get_by_label(&entry).click();
    harness.run_steps(3);
}

/// The step shown is lesson `l`, step `s`, on its view.
fn check_view(harness: &mut Harness<'_, LadderApp>, l: usize, s: usize) {
    let state = harness.state().lesson().expect("a lesson").clone();
    assert_eq!((state.lesson, state.step), (l, s));
    let view = LESSONS[l].steps[s].view;
    match value_tab(view) {
        Some(tab) => {
            assert_eq!(harness.state().panel(), Panel::Value, "{view:?}");
            assert_eq!(harness.state_mut().value_panel().tab(), tab, "{view:?}");
        }
        None => {
            assert_eq!(view, View::Ladder);
            assert_eq!(harness.state().panel(), Panel::Pipeline);
        }
    }
}

#[test]
fn a_lesson_walks_its_steps_and_shows_each_answer() {
    for lang in [Lang::En, Lang::Zh] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut harness = lesson_app(&dir, lang, "demo-company.db");
        let l = t(lang);
        open_lesson(&mut harness, lang, 0);
        wait_for_analysis(&mut harness);
        assert!(!shows(&harness, l.not_demo), "{lang:?}: the demo company is open");
        // Every step of every lesson, in order, with Next.
        let mut walked = 0;
        for (i, lesson) in LESSONS.iter().enumerate() {
            for (s, step) in lesson.steps.iter().enumerate() {
                check_view(&mut harness, i, s);
                let title = (l.bar_title)(lesson.title.get(lang), s + 1, lesson.steps.len());
                assert!(shows(&harness, &title), "{lang:?}: {title}");
                assert!(shows(&harness, step.question.get(lang)), "{lang:?}: the question");
                let a = harness.state().cache().analysis.clone().expect("analysis");
                let answer = step.answer(Some(&a), lang);
                assert!(!shows(&harness, &answer), "{lang:?}: the answer waits for the click");
                harness.get_by_label(l.show_answer).click();
                harness.run_steps(3);
                assert!(shows(&harness, &answer), "{lang:?}: {answer}");
                assert_eq!(step.what_if, shows(&harness, l.reset), "{lang:?}: what-if controls");
                walked += 1;
                let next = if s + 1 == lesson.steps.len() { l.next_lesson } else { l.next };
                if i + 1 < LESSONS.len() || s + 1 < lesson.steps.len() {
                    harness.get_by_label(next).click();
                    harness.run_steps(3);
                }
            }
        }
        assert_eq!(walked, LESSONS.iter().map(|x| x.steps.len()).sum::<usize>());
        // Back goes to the step before, with its view.
        harness.get_by_label(l.back).click();
        harness.run_steps(3);
        let last = LESSONS.len() - 1;
        check_view(&mut harness, last, LESSONS[last].steps.len() - 2);
        harness.get_by_label(l.end).click();
        harness.run_steps(3);
        assert!(harness.state().lesson().is_none());
        assert!(!shows(&harness, l.back), "{lang:?}: the bar is gone");
    }
}

#[test]
fn another_file_is_offered_the_demo_company() {
    for lang in [Lang::En, Lang::Zh] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut harness = lesson_app(&dir, lang, "office.db");
        open_lesson(&mut harness, lang, 1);
        assert!(shows(&harness, t(lang).not_demo), "{lang:?}");
        assert!(shows(&harness, t(lang).open_demo), "{lang:?}");
    }
}

/// The tier of the customer `code` in the app's analysis.
fn tier_of(harness: &Harness<'_, LadderApp>, code: &str) -> Tier {
    let a = harness.state().cache().analysis.clone().expect("analysis");
    a.customers.iter().find(|c| c.info.code == code).expect("the customer").tier.tier
}

#[test]
fn a_larger_critical_share_moves_a_named_customer_and_reset_puts_it_back() {
    for lang in [Lang::En, Lang::Zh] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("demo-company.db");
        let mut harness = lesson_app(&dir, lang, "demo-company.db");
        let l = t(lang);
        // What the domain says a 25% critical share does to this company.
        let input =
            ladder::store::analysis::load_from_path(&path, None, &mut |_| true).expect("input");
        let office = analyse(input.clone(), &Settings::default(), default_segments());
        let wider = Settings { tier_critical_share: 0.25, ..Settings::default() };
        let lesson = analyse(input, &wider, default_segments());
        let (before, after) = office
            .customers
            .iter()
            .zip(&lesson.customers)
            .find(|(b, a)| b.tier.tier != a.tier.tier)
            .expect("someone moves at 25%");
        let code = before.info.code.clone();
        let (from, to) = (before.tier.tier, after.tier.tier);

        open_lesson(&mut harness, lang, 3);
        harness.get_by_label(l.next).click();
        harness.run_steps(3);
        wait_for_analysis(&mut harness);
        check_view(&mut harness, 3, 1);
        assert_eq!(tier_of(&harness, &code), from, "{lang:?}: {code} before");

        harness.get_by_label(&format!("{} +", l.critical_share)).click();
        harness.run_steps(3);
        wait_for_analysis(&mut harness);
        assert_eq!(harness.state().lesson().expect("lesson").what_if.critical_share, 0.25);
        assert_eq!(tier_of(&harness, &code), to, "{lang:?}: {code} moved {from:?} → {to:?}");
        let flow = format!("{} → {}", from.name(lang), to.name(lang));
        assert!(shows(&harness, &flow), "{lang:?}: the summary names {flow}");
        harness.get_by_label(l.list_moved).click();
        harness.run_steps(3);
        assert!(shows(&harness, l.moved), "{lang:?}: the moved customers are listed");
        assert!(shows(&harness, &code), "{lang:?}: {code} is in the list");

        harness.get_by_label(l.reset).click();
        harness.run_steps(3);
        wait_for_analysis(&mut harness);
        assert_eq!(tier_of(&harness, &code), from, "{lang:?}: Reset puts {code} back");
        assert!(harness.state().cache().lesson_moves.is_none());
        // Undo takes back the reset; the office's settings never changed.
        harness.get_by_label(l.undo).click();
        harness.run_steps(3);
        wait_for_analysis(&mut harness);
        assert_eq!(tier_of(&harness, &code), to, "{lang:?}: undo of the reset");
        let stored = harness.state().store().expect("store").settings().expect("settings");
        assert_eq!(stored.tier_critical_share, 0.2, "{lang:?}: the database keeps 20%");
    }
}

#[test]
fn a_lesson_worksheet_is_an_xlsx_with_its_steps() {
    for lang in [Lang::En, Lang::Zh] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut harness = lesson_app(&dir, lang, "demo-company.db");
        open_lesson(&mut harness, lang, 2);
        wait_for_analysis(&mut harness);
        let out = dir.path().join("lesson.xlsx");
        harness.state_mut().write_worksheet(&out);
        let lesson = &LESSONS[2];
        let mut book: Xlsx<_> = open_workbook(&out).expect("a valid XLSX");
        let names = book.sheet_names();
        assert_eq!(names.len(), lesson.steps.len() + 1, "{lang:?}: {names:?}");
        let a = harness.state().cache().analysis.clone().expect("analysis");
        for (i, step) in lesson.steps.iter().enumerate() {
            let range = book.worksheet_range(&names[i]).expect("sheet");
            let question = range.get_value((1, 0)).expect("question").to_string();
            assert!(question.contains(step.question.get(lang)), "{lang:?}: {question}");
            // The Pareto table: one row per customer under its header.
            assert_eq!(range.height(), 5 + a.customers.len(), "{lang:?}");
        }
        let answers = book.worksheet_range(&names[lesson.steps.len()]).expect("answers");
        let first = answers.get_value((3, 2)).expect("answer").to_string();
        assert_eq!(first, lesson.steps[0].answer(Some(&a), lang));
    }
}
