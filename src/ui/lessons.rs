//! Lessons in the window: the lesson's state (which step, whether the
//! answer shows, the what-if parameters and their undo), the lesson bar
//! drawn above the panels (step n/N, Back/Next, Show answer, the what-if
//! controls on the RFM, tiers and CLV steps, who moved, Reset the lesson,
//! Export worksheet) and the Lessons menu. The bar only sends
//! [`LessonCommand`]s; the app changes the state.

use egui::{RichText, Role, WidgetInfo};

use super::{AppCommand, AppCtx, theme};
use crate::domain::Lang;
use crate::domain::analysis::whatif::{WhatIf, summary};
use crate::domain::lessons::{LESSONS, Lesson, Step, View};
use crate::domain::settings::Settings;

/// What the lesson bar and menu ask the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum LessonCommand {
    /// Start lesson `n` at its first step.
    Open(usize),
    Next,
    Back,
    ShowAnswer(bool),
    /// New what-if parameters (the old ones go on the lesson's undo stack).
    SetWhatIf(Box<WhatIf>),
    UndoWhatIf,
    /// The office's parameters again (undoable too).
    Reset,
    /// List the customers that moved under the value panel's chart.
    ListMoved,
    /// Save the lesson as a worksheet (XLSX) through a file dialog.
    Export,
    Close,
}

/// A lesson under way. Its what-if parameters are the lesson's own: the
/// office's settings in the database never change.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonState {
    pub lesson: usize,
    pub step: usize,
    pub answer_shown: bool,
    pub what_if: WhatIf,
    /// Earlier parameters, the last one on top.
    pub undo: Vec<WhatIf>,
    /// Moves on every change of `what_if`, so the bar's draft follows.
    pub generation: u64,
}

impl LessonState {
    /// Lesson `lesson` at its first step with the office's parameters.
    pub fn new(lesson: usize, office: &Settings) -> Self {
        Self {
            lesson: lesson.min(LESSONS.len() - 1),
            step: 0,
            answer_shown: false,
            what_if: WhatIf::from_settings(office),
            undo: Vec::new(),
            generation: 0,
        }
    }

    /// The lesson.
    pub fn lesson(&self) -> &'static Lesson {
        &LESSONS[self.lesson.min(LESSONS.len() - 1)]
    }

    /// The step shown.
    pub fn step(&self) -> &'static Step {
        let steps = self.lesson().steps;
        &steps[self.step.min(steps.len() - 1)]
    }

    /// The parameters the analysis should use, when they differ from the
    /// office's.
    pub fn active_what_if(&self, office: &Settings) -> Option<&WhatIf> {
        (self.what_if != WhatIf::from_settings(office)).then_some(&self.what_if)
    }

    /// Replaces the parameters, keeping the old ones for undo.
    pub fn set_what_if(&mut self, what_if: WhatIf) {
        if what_if != self.what_if {
            self.undo.push(std::mem::replace(&mut self.what_if, what_if));
            self.generation += 1;
        }
    }

    /// Takes back the last change; false when there was none.
    pub fn undo_what_if(&mut self) -> bool {
        let Some(previous) = self.undo.pop() else { return false };
        self.what_if = previous;
        self.generation += 1;
        true
    }
}

/// The value-panel tab of a lesson view (`None`: the pipeline's ladder).
pub fn value_tab(view: View) -> Option<super::value::Tab> {
    use super::value::Tab;
    match view {
        View::Ladder => None,
        View::Rfm => Some(Tab::Rfm),
        View::Pareto => Some(Tab::Pareto),
        View::Tiers => Some(Tab::Tiers),
        View::Clv => Some(Tab::Clv),
        View::Loyalty => Some(Tab::Loyalty),
        View::Satisfaction => Some(Tab::Satisfaction),
    }
}

/// The Lessons menu: one entry per lesson.
pub fn menu_ui(ui: &mut egui::Ui, lang: Lang, t: &super::Tr, out: &super::Outbox) {
    ui.menu_button(t.lessons.menu, |ui| {
        for (i, lesson) in LESSONS.iter().enumerate() {
            if ui.button(format!("{}. {}", i + 1, lesson.title.get(lang))).clicked() {
                out.send(AppCommand::Lesson(LessonCommand::Open(i)));
            }
        }
    });
}

/// The lesson bar's own state: the what-if parameters being edited.
#[derive(Debug, Default)]
pub struct LessonBar {
    /// The parameters shown by the controls, and the state generation they
    /// were taken from.
    draft: Option<(u64, WhatIf)>,
}

/// A button whose accessible name is `name` (the text may be a sign only).
fn named_button(ui: &mut egui::Ui, text: &str, name: &str) -> bool {
    let response = ui.button(text);
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, name));
    response.clicked()
}

/// `label value [−] [+]`: returns −1, 0 or +1.
fn stepper(ui: &mut egui::Ui, label: &str, value: &str) -> i32 {
    let mut delta = 0;
    ui.label(label);
    ui.label(RichText::new(value).strong().monospace());
    if named_button(ui, "−", &format!("{label} −")) {
        delta = -1;
    }
    if named_button(ui, "+", &format!("{label} +")) {
        delta = 1;
    }
    ui.add_space(8.0);
    delta
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// `x + delta·step`, rounded to the step (so repeated clicks stay exact).
fn nudge(x: f64, delta: i32, step: f64) -> f64 {
    ((x / step).round() + f64::from(delta)) * step
}

impl LessonBar {
    /// Draws the bar for `state`; `is_demo`: the open file is the demo
    /// company.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, state: &LessonState, is_demo: bool) {
        let (l, lang) = (ctx.t.lessons, ctx.lang);
        let send = |c: LessonCommand| ctx.send(AppCommand::Lesson(c));
        let (lesson, step) = (state.lesson(), state.step());
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            let title = (l.bar_title)(lesson.title.get(lang), state.step + 1, lesson.steps.len());
            ui.label(RichText::new(title).strong().color(theme::ACCENT));
            ui.label(RichText::new(step.title.get(lang)).strong());
            ui.separator();
            if ui.add_enabled(state.step > 0, egui::Button::new(l.back)).clicked() {
                send(LessonCommand::Back);
            }
            let last = state.step + 1 >= lesson.steps.len();
            let more = state.lesson + 1 < LESSONS.len();
            let next = if last { l.next_lesson } else { l.next };
            if ui.add_enabled(!last || more, egui::Button::new(next)).clicked() {
                send(LessonCommand::Next);
            }
            let toggle = if state.answer_shown { l.hide_answer } else { l.show_answer };
            if ui.button(toggle).clicked() {
                send(LessonCommand::ShowAnswer(!state.answer_shown));
            }
            if ui.button(l.export).clicked() {
                send(LessonCommand::Export);
            }
            if ui.button(l.end).clicked() {
                send(LessonCommand::Close);
            }
        });
        if !is_demo {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(theme::WARNING, l.not_demo);
                if ui.button(l.open_demo).clicked() {
                    ctx.send(AppCommand::OpenDemo);
                }
            });
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(l.question).strong());
            ui.label(RichText::new(step.question.get(lang)).size(17.0).strong());
        });
        if state.answer_shown {
            let answer = step.answer(ctx.data.analysis.as_deref(), lang);
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(l.answer).strong());
                ui.label(RichText::new(answer).color(theme::OK));
            });
        }
        if step.what_if {
            self.what_if_ui(ui, ctx, state);
        }
        ui.add_space(4.0);
    }

    /// The what-if controls of the step's view, who moved, undo and reset.
    fn what_if_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, state: &LessonState) {
        let l = ctx.t.lessons;
        if self.draft.as_ref().is_none_or(|(g, _)| *g != state.generation) {
            self.draft = Some((state.generation, state.what_if.clone()));
        }
        let Some((_, draft)) = &mut self.draft else { return };
        let before = draft.clone();
        ui.separator();
        ui.label(RichText::new(l.what_if).strong());
        let view = state.step().view;
        let steppers = matches!(view, View::Tiers | View::Clv);
        if steppers {
            ui.horizontal_wrapped(|ui| match view {
                View::Tiers => {
                    let d = stepper(ui, l.critical_share, &pct(draft.critical_share));
                    draft.critical_share = nudge(draft.critical_share, d, 0.05);
                    let text = format!("{:.1}", draft.difficult_threshold);
                    let d = stepper(ui, l.difficult_threshold, &text);
                    draft.difficult_threshold = nudge(draft.difficult_threshold, d, 0.5);
                }
                View::Clv => {
                    let c = &mut draft.clv;
                    let d = stepper(ui, l.margin, &pct(c.margin_rate));
                    c.margin_rate = nudge(c.margin_rate, d, 0.05);
                    let d = stepper(ui, l.retention, &pct(c.retention));
                    c.retention = nudge(c.retention, d, 0.05);
                    let d = stepper(ui, l.discount, &pct(c.discount));
                    c.discount = nudge(c.discount, d, 0.01);
                    let d = stepper(ui, l.horizon, &c.horizon_years.to_string());
                    c.horizon_years = c.horizon_years.saturating_add_signed(d);
                    let d = stepper(ui, l.critical_share, &pct(draft.critical_share));
                    draft.critical_share = nudge(draft.critical_share, d, 0.05);
                }
                _ => {}
            });
            moved_ui(ui, ctx, state);
        } else {
            ui.horizontal_top(|ui| {
                segments_ui(ui, ctx, draft);
                ui.separator();
                ui.vertical(|ui| moved_ui(ui, ctx, state));
            });
        }
        let edited = draft.clone().clamped();
        *draft = edited.clone();
        if edited != before {
            ctx.send(AppCommand::Lesson(LessonCommand::SetWhatIf(Box::new(edited))));
        }
    }
}

/// Who moved (from the last analysis), and undo/reset.
fn moved_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, state: &LessonState) {
    let l = ctx.t.lessons;
    let office = WhatIf::from_settings(&ctx.data.settings);
    ui.horizontal_wrapped(|ui| {
        if ui.add_enabled(!state.undo.is_empty(), egui::Button::new(l.undo)).clicked() {
            ctx.send(AppCommand::Lesson(LessonCommand::UndoWhatIf));
        }
        if ui.add_enabled(state.what_if != office, egui::Button::new(l.reset)).clicked() {
            ctx.send(AppCommand::Lesson(LessonCommand::Reset));
        }
        ui.label(RichText::new(l.reset_note).weak());
        if ctx.data.analysis_progress.is_some() {
            ui.spinner();
            ui.label(l.computing);
        }
    });
    let generation = ctx.data.analysis.generation();
    let moves = ctx.data.lesson_moves.as_ref().filter(|(g, _)| *g == generation);
    if let Some((_, moves)) = moves {
        ui.label(RichText::new(l.changed).weak());
        let lines = summary(moves, ctx.lang, 4);
        let last = lines.len().saturating_sub(1);
        for (i, line) in lines.into_iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(line).strong());
                if i == last && !moves.moved.is_empty() && ui.button(l.list_moved).clicked() {
                    ctx.send(AppCommand::Lesson(LessonCommand::ListMoved));
                }
            });
        }
    }
}

/// The segment table: each rule's R, F and M ranges, editable; two rules
/// a row, so the table stays short above the chart.
fn segments_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, draft: &mut WhatIf) {
    let (l, lang) = (ctx.t.lessons, ctx.lang);
    let half = draft.segments.len().div_ceil(2);
    let (left, right) = draft.segments.split_at_mut(half);
    egui::Grid::new("lesson_segment_grid").striped(true).show(ui, |ui| {
        for _ in 0..2 {
            for head in [l.segments, "R", "F", "M"] {
                ui.strong(head);
            }
        }
        ui.end_row();
        for (i, rule) in left.iter_mut().enumerate() {
            rule_cells(ui, rule, lang);
            if let Some(other) = right.get_mut(i) {
                rule_cells(ui, other, lang);
            }
            ui.end_row();
        }
    });
}

/// One rule's name and its three ranges (accessible as "Champions R min").
fn rule_cells(ui: &mut egui::Ui, rule: &mut crate::domain::analysis::rfm::SegmentRule, lang: Lang) {
    let name = rule.name(lang).to_owned();
    ui.label(&name);
    for (axis, range) in [("R", &mut rule.r), ("F", &mut rule.f), ("M", &mut rule.m)] {
        ui.horizontal(|ui| {
            for (end, value) in [("min", &mut range.0), ("max", &mut range.1)] {
                if end == "max" {
                    ui.label("–");
                }
                let r = ui.add(egui::DragValue::new(value).range(1..=5));
                let label = format!("{name} {axis} {end}");
                r.widget_info(|| WidgetInfo::labeled(Role::SpinButton, true, &label));
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_if_changes_undo_one_by_one() {
        let office = Settings::default();
        let mut s = LessonState::new(3, &office);
        assert_eq!(s.active_what_if(&office), None);
        let wider = WhatIf { critical_share: 0.25, ..s.what_if.clone() };
        s.set_what_if(wider.clone());
        s.set_what_if(wider.clone()); // The same again: nothing to undo.
        assert_eq!(s.active_what_if(&office), Some(&wider));
        assert_eq!((s.undo.len(), s.generation), (1, 1));
        assert!(s.undo_what_if());
        assert_eq!(s.active_what_if(&office), None);
        assert!(!s.undo_what_if());
        assert_eq!(nudge(0.2, 1, 0.05), 0.25);
        assert_eq!(nudge(0.25, -1, 0.05), 0.2);
    }
}
