//! The background jobs that fill the caches: the customer table (in the
//! window), the value analysis and the compliance check. Each is a
//! [`KeyedJob`] started for what it reads (the data version, the snapshot
//! date); a result for older data is dropped, and the caches keep the last
//! result while a new one runs.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use super::LadderApp;
use crate::domain::analysis::report::{Analysis, analyse};
use crate::domain::analysis::whatif::{Moves, WhatIf, moves};
use crate::domain::settings::Settings;
use crate::job::{Job, JobHandle, KeyedJob, KeyedPoll};
use crate::store::CustomerRow;
use crate::store::compliance::ComplianceView;
use crate::ui::Panel;
use crate::ui::value::Derived;

/// What an analysis run depends on: the data, the snapshot and a lesson's
/// what-if parameters (when they differ from the office's).
type AnalysisKey = (u64, Option<NaiveDate>, Option<WhatIf>);

/// An analysis, its chart data, and who moved under a lesson's parameters.
type AnalysisResult = (Analysis, Derived, Option<Moves>);

/// The workers that fill the caches, and what their results were for.
#[derive(Default)]
pub(super) struct Jobs {
    /// The window loads the customer table on a worker (a million
    /// transactions take a few hundred ms to sum), so the first frame and
    /// every frame after a write come at once; tests load it in place.
    pub(super) customers_async: bool,
    /// The customer table loading, for a data version (`None` rows: the
    /// load was cancelled).
    pub(super) customers: KeyedJob<u64, Option<Vec<CustomerRow>>>,
    /// The file the cached customer rows were loaded from.
    pub(super) customers_file: Option<PathBuf>,
    /// The value analysis's snapshot date (`None`: the default).
    pub(super) snapshot: Option<NaiveDate>,
    /// The value analysis; it also derives the value panel's chart data, so
    /// no frame does that O(customers) work.
    pub(super) analysis: KeyedJob<AnalysisKey, AnalysisResult>,
    /// The compliance check, for a data version.
    pub(super) compliance: KeyedJob<u64, ComplianceView>,
    /// The day's list, for a data version, day and ten minutes of it.
    pub(super) today: KeyedJob<super::today::TodayKey, crate::domain::today::TodayList>,
    /// Its progress (not shown: the panel shows the last list meanwhile).
    pub(super) today_progress: Option<f32>,
}

/// Starts `work` on a thread named `name` that repaints the window whenever
/// it has news.
pub(super) fn spawn<T: Send + 'static>(
    ctx: &egui::Context,
    name: &str,
    work: impl FnOnce(&JobHandle) -> Result<T, String> + Send + 'static,
) -> std::io::Result<Job<T>> {
    let repaint = ctx.clone();
    Job::spawn(name, move || repaint.request_repaint(), work)
}

impl LadderApp {
    /// Loads the customer table on a worker when the data changed (the
    /// window only; see `customers_async`). The old rows stay shown
    /// meanwhile; a result for an older data version is dropped.
    pub(super) fn poll_customers(&mut self, ctx: &egui::Context) {
        match self.jobs.customers.poll(&mut self.cache.customers_loading) {
            KeyedPoll::Done(key, Ok(Some(rows))) if key == self.data_version => {
                self.cache.customers.set(rows.into());
                self.jobs.customers.finish(key);
                self.jobs.customers_file = self.store.as_ref().map(|s| s.path().to_owned());
            }
            KeyedPoll::Done(key, Err(e)) => {
                self.jobs.customers.finish(key);
                self.set_error(e);
            }
            // Stale or cancelled: the next poll starts again.
            KeyedPoll::Done(_, Ok(_)) | KeyedPoll::Running(_) | KeyedPoll::Idle => {}
        }
        self.start_customers(ctx);
    }

    /// Starts loading the customer table for the current data version
    /// (cancelling a load for an older one first).
    fn start_customers(&mut self, ctx: &egui::Context) {
        let key = self.data_version;
        if !self.jobs.customers_async || self.jobs.customers.is_done_for(&key) {
            return;
        }
        if let Some(running) = self.jobs.customers.running_key() {
            if *running != key {
                self.jobs.customers.cancel();
            }
            return;
        }
        let Some(store) = &self.store else { return };
        let path = store.path().to_owned();
        if self.jobs.customers_file.as_ref() != Some(&path) && !self.cache.customers.is_empty() {
            // Another file's rows must not stay clickable while these load.
            self.cache.customers.set(Vec::new().into());
        }
        let t = self.t();
        let job = spawn(ctx, "customer-table", move |handle| {
            crate::store::customers::rows_from_path(&path, &mut |done| handle.progress(done))
                .map_err(|e| t.store_error(&e))
        });
        if let Err(e) = self.jobs.customers.start(key, job, &mut self.cache.customers_loading) {
            self.set_error(e);
        }
    }

    /// Takes a finished value analysis, and starts one while the value
    /// panel is shown and its inputs changed.
    pub(super) fn poll_analysis(&mut self, ctx: &egui::Context) {
        match self.jobs.analysis.poll_done(&mut self.cache.analysis_progress) {
            Some(Ok((analysis, charts, moved))) => {
                self.cache.analysis.set(Some(Arc::new(analysis)));
                let generation = self.cache.analysis.generation();
                self.cache.value_charts = Some((generation, Arc::new(charts)));
                self.cache.lesson_moves = moved.map(|m| (generation, Arc::new(m)));
            }
            Some(Err(e)) => self.set_error(e),
            None => {}
        }
        self.start_analysis(ctx);
    }

    fn start_analysis(&mut self, ctx: &egui::Context) {
        let what_if = self.lesson_what_if();
        let key = (self.data_version, self.jobs.snapshot, what_if.clone());
        let Some((path, settings)) = self.job_input(Panel::Value, &self.jobs.analysis, &key) else {
            return;
        };
        let (snapshot, t) = (self.jobs.snapshot, self.t());
        let job = spawn(ctx, "value-analysis", move |handle| {
            let input = crate::store::analysis::load_from_path(&path, snapshot, &mut |done| {
                handle.progress(done * 0.9)
            })
            .map_err(|e| match e {
                crate::store::analysis::LoadError::Store(e) => t.store_error(&e),
                crate::store::analysis::LoadError::SumTooLarge { code } => {
                    (t.value.sum_too_large)(&code)
                }
                cancelled @ crate::store::analysis::LoadError::Cancelled => cancelled.to_string(),
            })?;
            let (analysis, moved) = match what_if {
                // A lesson's parameters: the office's analysis too, to say
                // who moved (the same input, analysed twice).
                Some(w) => {
                    let office = analyse(input.clone(), &settings, settings.rfm_segments.clone());
                    let lesson = analyse(input, &w.settings(&settings), w.segments.clone());
                    let moved = moves(&office, &lesson);
                    (lesson, Some(moved))
                }
                None => (analyse(input, &settings, settings.rfm_segments.clone()), None),
            };
            let charts = crate::ui::value::derive(&analysis, analysis.tier_params.critical_share);
            handle.progress(1.0);
            Ok((analysis, charts, moved))
        });
        if let Err(e) = self.jobs.analysis.start(key, job, &mut self.cache.analysis_progress) {
            self.set_error(e);
        }
    }

    /// Takes a finished compliance check, and starts one while the
    /// compliance panel is shown and the data changed.
    pub(super) fn poll_compliance(&mut self, ctx: &egui::Context) {
        match self.jobs.compliance.poll_done(&mut self.cache.compliance_progress) {
            Some(Ok(view)) => self.cache.compliance.set(Some(Arc::new(view))),
            Some(Err(e)) => self.set_error(e),
            None => {}
        }
        self.start_compliance(ctx);
    }

    fn start_compliance(&mut self, ctx: &egui::Context) {
        let key = self.data_version;
        let Some((path, settings)) = self.job_input(Panel::Compliance, &self.jobs.compliance, &key)
        else {
            return;
        };
        let today = (self.clock)().date();
        let job = spawn(ctx, "compliance", move |handle| {
            crate::store::compliance::compute_view(&path, &settings, today, &mut |done| {
                handle.progress(done)
            })
        });
        if let Err(e) = self.jobs.compliance.start(key, job, &mut self.cache.compliance_progress) {
            self.set_error(e);
        }
    }

    /// What `panel`'s job reads (the open file and the settings), when it
    /// should start for `key`: the panel is shown, no run is going, and the
    /// last one was for other data.
    fn job_input<K: PartialEq, T: Send + 'static>(
        &self,
        panel: Panel,
        job: &KeyedJob<K, T>,
        key: &K,
    ) -> Option<(PathBuf, Settings)> {
        // A lesson analyses for every step (its answers and worksheet).
        let shown = self.session.prefs.panel == panel
            || (panel == Panel::Value && self.lessons.state.is_some());
        let wanted = shown && !job.is_done_for(key) && !job.is_running();
        let store = self.store.as_ref().filter(|_| wanted)?;
        Some((store.path().to_owned(), self.cache.settings.clone()))
    }

    /// Drops the results and running jobs that belonged to the previous file.
    pub(super) fn forget_results(&mut self) {
        self.jobs.analysis.reset();
        self.cache.analysis.set(None);
        self.cache.analysis_progress = None;
        self.jobs.compliance.reset();
        self.cache.compliance.set(None);
        self.cache.compliance_progress = None;
        self.jobs.today.reset();
        self.cache.today.set(None);
    }
}
