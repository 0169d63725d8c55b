//! Lessons in the app: the lesson under way (`ui::lessons::LessonState`),
//! its commands (open, walk the steps, what-if changes and their undo,
//! reset, list who moved, export the worksheet), the view each step opens,
//! and the lesson bar above the panels. What-if parameters reach the
//! analysis worker through `lesson_what_if` (`jobs.rs`); the office's
//! settings in the database are never changed by a lesson.

use std::path::Path;

use super::LadderApp;
use super::dialogs::{FileRequest, FileTask, Filter, dated};
use crate::domain::analysis::whatif::WhatIf;
use crate::domain::lessons::{LESSONS, worksheet};
use crate::ui::lessons::{LessonBar, LessonCommand, LessonState, value_tab};
use crate::ui::{AppCtx, Panel};

/// The name of the demo company's file (`session::open_demo`).
pub(super) const DEMO_FILE: &str = "demo-company.db";

/// The lesson under way, if any, and its bar.
#[derive(Debug, Default)]
pub(super) struct Lessons {
    pub(super) state: Option<LessonState>,
    bar: LessonBar,
}

impl LadderApp {
    /// The lesson under way.
    pub fn lesson(&self) -> Option<&LessonState> {
        self.lessons.state.as_ref()
    }

    /// The what-if parameters the analysis should use now (a lesson whose
    /// parameters differ from the office's).
    pub(super) fn lesson_what_if(&self) -> Option<WhatIf> {
        let state = self.lessons.state.as_ref()?;
        state.active_what_if(&self.cache.settings).cloned()
    }

    /// Whether the open file is the demo company.
    fn is_demo(&self) -> bool {
        self.cache.db_path.as_deref().and_then(Path::file_name).is_some_and(|n| n == DEMO_FILE)
    }

    /// Does what the lesson bar or menu asks.
    pub(super) fn lesson_command(&mut self, command: LessonCommand, ctx: &egui::Context) {
        if let LessonCommand::Open(n) = command {
            self.lessons.state = Some(LessonState::new(n, &self.cache.settings));
            self.show_step();
            return;
        }
        let Some(state) = &mut self.lessons.state else { return };
        match command {
            LessonCommand::Open(_) => {}
            LessonCommand::Next => {
                if state.step + 1 < state.lesson().steps.len() {
                    state.step += 1;
                } else if state.lesson + 1 < LESSONS.len() {
                    state.lesson += 1;
                    state.step = 0;
                }
                self.show_step();
            }
            LessonCommand::Back => {
                state.step = state.step.saturating_sub(1);
                self.show_step();
            }
            LessonCommand::ShowAnswer(shown) => state.answer_shown = shown,
            LessonCommand::SetWhatIf(what_if) => state.set_what_if(what_if.clamped()),
            LessonCommand::UndoWhatIf => {
                state.undo_what_if();
            }
            LessonCommand::Reset => {
                state.set_what_if(WhatIf::from_settings(&self.cache.settings));
                self.set_status(self.t().lessons.reset_done.to_owned());
            }
            LessonCommand::ListMoved => self.list_moved(),
            LessonCommand::Export => self.export_worksheet(ctx),
            LessonCommand::Close => {
                self.lessons.state = None;
                self.cache.lesson_moves = None;
            }
        }
    }

    /// Opens the view of the step shown (panel and tab), answer hidden.
    fn show_step(&mut self) {
        let Some(state) = &mut self.lessons.state else { return };
        state.answer_shown = false;
        match value_tab(state.step().view) {
            Some(tab) => {
                self.session.prefs.panel = Panel::Value;
                self.panels.value.set_tab(tab);
            }
            None => {
                self.session.prefs.panel = Panel::Pipeline;
                self.panels.pipeline.set_tab(crate::ui::pipeline::Tab::Ladder);
            }
        }
    }

    /// Lists the customers that moved under the value panel's chart.
    fn list_moved(&mut self) {
        let generation = self.cache.analysis.generation();
        let Some((_, moves)) = self.cache.lesson_moves.as_ref().filter(|(g, _)| *g == generation)
        else {
            return;
        };
        let what = self.t().lessons.moved.to_owned();
        let indices = moves.indices();
        self.panels.value.select_customers(what, indices);
    }

    /// Asks where to save the lesson's worksheet (`lesson-N-DATE.xlsx`).
    fn export_worksheet(&mut self, ctx: &egui::Context) {
        let Some(state) = &self.lessons.state else { return };
        if self.cache.analysis.is_none() {
            self.set_error(self.t().lessons.export_wait.to_owned());
            return;
        }
        let stem = format!("{}-{}", self.t().lessons.file_stem, state.lesson + 1);
        let name = dated(&stem, (self.clock)().date(), "xlsx");
        let (folder, task) = (self.documents_folder(), FileTask::Worksheet);
        let request = FileRequest { save: true, filter: Filter::Workbook, folder, name, task };
        self.ask_file(request, ctx);
    }

    /// Writes the lesson's worksheet (every step's question and data, the
    /// answers last) from the analysis shown, in the interface language.
    pub fn write_worksheet(&mut self, path: &Path) {
        let (Some(state), Some(a)) = (&self.lessons.state, self.cache.analysis.clone()) else {
            self.set_error(self.t().lessons.export_wait.to_owned());
            return;
        };
        let sheets = worksheet(state.lesson(), &a, self.lang);
        match crate::store::worksheet::write_worksheet(&sheets, path) {
            Ok(()) => self.set_status((self.t().copy_saved)(&path.display().to_string())),
            Err(e) => self.set_error(e.to_string()),
        }
    }

    /// The lesson bar above the panels, while a lesson is under way.
    pub(super) fn lesson_bar_ui(&mut self, ui: &mut egui::Ui) {
        let Some(state) = &self.lessons.state else { return };
        let is_demo = self.is_demo();
        let ctx = AppCtx {
            lang: self.lang,
            t: self.t(),
            data: &self.cache,
            now: (self.clock)(),
            out: &self.out,
        };
        let bar = &mut self.lessons.bar;
        egui::Panel::top("lesson_bar").show(ui, |ui| bar.ui(ui, &ctx, state, is_demo));
    }
}
