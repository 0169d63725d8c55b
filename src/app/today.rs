//! The day's list: built on a worker when the data, the day or the ten
//! minutes change (never per frame; its time limits say "time left" as of
//! the build; tests and benchmarks build it in place), and opening what an
//! item is about.

use std::sync::Arc;

use chrono::{NaiveDate, Timelike};

use super::LadderApp;
use super::jobs::spawn;
use crate::domain::today::Target;
use crate::ui::Panel;
use crate::ui::today::TodayPanel;

/// What a list is built for: the data version, the day, and the ten
/// minutes of the day (so "time left" stays current).
pub(super) type TodayKey = (u64, NaiveDate, u32);

impl LadderApp {
    /// The Today panel.
    pub fn today_panel(&mut self) -> &mut TodayPanel {
        &mut self.panels.today
    }

    /// True while the day's list is built on a worker.
    pub fn is_building_today(&self) -> bool {
        self.jobs.today.is_running()
    }

    /// Takes a finished list, and starts one when the data or the time
    /// changed (whatever panel is shown: the navigation shows its overdue
    /// count).
    pub(super) fn poll_today(&mut self, ctx: &egui::Context) {
        match self.jobs.today.poll_done(&mut self.jobs.today_progress) {
            Some(Ok(list)) => self.cache.today.set(Some(Arc::new(list))),
            Some(Err(e)) => self.set_error(e),
            None => {}
        }
        let now = (self.clock)();
        let key = (self.data_version, now.date(), now.num_seconds_from_midnight() / 600);
        if self.jobs.today.is_done_for(&key) || self.jobs.today.is_running() {
            return;
        }
        let Some(store) = &self.store else { return };
        if !self.jobs.customers_async {
            // Tests and benchmarks build it in place, as they load the
            // customer table (the window does both on workers).
            let built = store.today(&self.cache.settings, now);
            self.jobs.today.finish(key);
            match built {
                Ok(list) => self.cache.today.set(Some(Arc::new(list))),
                Err(e) => self.set_error(e),
            }
            return;
        }
        let (path, settings) = (store.path().to_owned(), self.cache.settings.clone());
        let job = spawn(ctx, "today", move |_| crate::store::today::compute(&path, &settings, now));
        if let Err(e) = self.jobs.today.start(key, job, &mut self.jobs.today_progress) {
            self.set_error(e);
        }
    }

    /// Shows what a Today item is about.
    pub(super) fn open_today(&mut self, target: Target) {
        match target {
            Target::Customer(id) => self.show_customer(id),
            Target::Activity(activity) => self.show_customer(activity.customer),
            Target::Opportunity(opportunity) => {
                self.session.prefs.panel = Panel::Pipeline;
                self.panels.pipeline.show_opportunity(&opportunity.title);
            }
            Target::Complaint(complaint) => {
                self.session.prefs.panel = Panel::Compliance;
                let code = self.cache.customers.by_id(complaint.customer);
                let code = code.map(|c| c.code.clone()).unwrap_or_default();
                self.panels.compliance.open_complaint(&complaint, &code);
            }
            Target::AcSheet { day, .. } => {
                self.session.prefs.panel = Panel::Compliance;
                self.panels.compliance.open_ac_day(day);
            }
            Target::Fault(_, fault) => {
                self.session.prefs.panel = Panel::Compliance;
                self.panels.compliance.open_ac_day(fault.reported_at.date());
            }
            Target::MonthlyReport { year, month } => {
                self.session.prefs.panel = Panel::Compliance;
                self.panels.compliance.open_report(year, month);
            }
            Target::Calendar { year } => {
                self.session.prefs.panel = Panel::Compliance;
                self.panels.compliance.open_calendar(year);
            }
        }
    }
}
