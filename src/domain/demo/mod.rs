//! Teaching mode (DOMAIN §6): a seeded, deterministic and pure generator of a
//! believable small Chinese company, an office-equipment dealer in Guangzhou,
//! with its customers, transactions, opportunities, activities, complaint
//! ledger, surveys, monthly service reports, working calendar and one cooling
//! season of the air-conditioning check sheet with a few planted violations.
//!
//! Pure means: no clock, no I/O, no global state and no external random
//! number crate. The same [`DemoOptions`] always give the same
//! [`DemoCompany`], byte for byte, and no collection with an unspecified
//! iteration order is ever iterated.

mod ac;
mod activities;
mod calendar;
mod customers;
mod names;
mod opportunities;
mod profiles;
mod rng;
mod sales;
mod service;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use crate::domain::records::{
    AcArea, AcCheckRow, AcNotice, Activity, CalendarDay, ChurnRecord, Complaint, Fault,
    Maintenance, NewCustomer, Opportunity, Overtime, ServiceReport, StageChange, Survey,
    Transaction,
};
use crate::domain::settings::Settings;

use ac::build_ac;
use activities::{World, build_activities};
use calendar::{Period, calendar_days, work_calendar, ymd};
use customers::build_customers;
use opportunities::build_opportunities;
use profiles::plan_profiles;
use rng::Rng;
use sales::{build_churn, build_transactions};
use service::{build_complaints, build_reports, build_surveys};

// ---------------------------------------------------------------------------
// Options and output
// ---------------------------------------------------------------------------

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoOptions {
    /// Seed of the generator: the same seed gives the same company.
    pub seed: u64,
    /// Number of customers.
    pub customers: usize,
    /// Length of the period in years of 365 days, ending at `end` (0 counts as 1).
    pub years: u32,
    /// Last day of the period: the demo's "today".
    pub end: NaiveDate,
}

impl Default for DemoOptions {
    /// Seed 7, 300 customers, two years ending 2026-10-31.
    fn default() -> Self {
        Self { seed: 7, customers: 300, years: 2, end: ymd(2026, 10, 31) }
    }
}

/// An AC-policy violation or missing record the generator planted on purpose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlantedFinding {
    /// The rule id of DOMAIN §4.1, e.g. `AC-HOT`.
    pub rule_id: &'static str,
    /// The day of the finding.
    pub date: NaiveDate,
    /// The area's name.
    pub subject: String,
    /// Why it is a finding, in Chinese and English.
    pub detail: String,
}

/// A whole demo company, ready to be stored in a fresh database.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoCompany {
    /// Customers with ids 1..=n and codes `C-000001`…, in id order.
    pub customers: Vec<NewCustomer>,
    /// Purchases by date, with order numbers `SO-<year>-<sequence>`.
    pub transactions: Vec<Transaction>,
    /// Opportunities with ids 1.. in order of creation.
    pub opportunities: Vec<Opportunity>,
    /// Every opportunity's path, from `None` to its current stage.
    pub stage_changes: Vec<StageChange>,
    /// General actions with ids 1.. in time order.
    pub activities: Vec<Activity>,
    /// Churn records of most churned customers.
    pub churn: Vec<ChurnRecord>,
    /// The complaint ledger, ids 1.. in order of receipt.
    pub complaints: Vec<Complaint>,
    /// Satisfaction surveys by date.
    pub surveys: Vec<Survey>,
    /// The three AC areas, ids 1..=3.
    pub areas: Vec<AcArea>,
    /// One cooling season of the AC check sheet, by date, time and area.
    pub ac_checks: Vec<AcCheckRow>,
    /// The temporary AC notice.
    pub notices: Vec<AcNotice>,
    /// Overtime records in the season.
    pub overtime: Vec<Overtime>,
    /// Annual AC cleanings.
    pub maintenance: Vec<Maintenance>,
    /// The AC fault log.
    pub faults: Vec<Fault>,
    /// Monthly complaint and visit summaries.
    pub reports: Vec<ServiceReport>,
    /// Weekday holidays and make-up working days in the period.
    pub calendar: Vec<CalendarDay>,
    /// The AC-policy violations the generator planted on purpose (rule id, date, area name, why).
    pub planted_ac: Vec<PlantedFinding>,
}

/// Generates the demo company described by `opts`.
///
/// Every event date lies in `[end - years·365 days, end]`. Only forecasts may
/// lie after `end`: the expected close date of an open opportunity and the
/// due date of a recent activity's next step.
pub fn generate(opts: &DemoOptions) -> DemoCompany {
    let settings = Settings::default();
    let period = Period::new(opts);
    let calendar = calendar_days(period);
    let cal = work_calendar(&calendar);
    let seed = opts.seed;

    let profiles = plan_profiles(&mut Rng::stream(seed, 1), opts.customers, period);
    let customers = build_customers(&mut Rng::stream(seed, 2), &profiles);
    let transactions = build_transactions(&mut Rng::stream(seed, 3), &profiles);
    let churn = build_churn(&mut Rng::stream(seed, 4), &profiles, &transactions, period);
    let (opportunities, stage_changes) =
        build_opportunities(&mut Rng::stream(seed, 5), &profiles, &customers, period);
    let ledger = build_complaints(&mut Rng::stream(seed, 6), &profiles, period, &cal, &settings);
    let surveys = build_surveys(&mut Rng::stream(seed, 7), &profiles, period);
    let world = World {
        period,
        cal: &cal,
        profiles: &profiles,
        opportunities: &opportunities,
        stage_changes: &stage_changes,
        complaints: &ledger.complaints,
    };
    let (activities, visit_stats) = build_activities(&mut Rng::stream(seed, 8), &world);
    let reports = build_reports(&mut Rng::stream(seed, 9), period, &cal, &ledger, &visit_stats);
    let ac = build_ac(&mut Rng::stream(seed, 10), period, &cal, &settings);

    DemoCompany {
        customers,
        transactions,
        opportunities,
        stage_changes,
        activities,
        churn,
        complaints: ledger.complaints,
        surveys,
        areas: ac.areas,
        ac_checks: ac.checks,
        notices: ac.notices,
        overtime: ac.overtime,
        maintenance: ac.maintenance,
        faults: ac.faults,
        reports,
        calendar,
        planted_ac: ac.planted,
    }
}
