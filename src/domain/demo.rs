//! Placeholder until the generator lands (replaced in the same session).
use super::records::*;
use chrono::NaiveDate;

pub struct DemoOptions {
    pub seed: u64,
    pub customers: usize,
    pub years: u32,
    pub end: NaiveDate,
}
impl Default for DemoOptions {
    fn default() -> Self {
        Self {
            seed: 7,
            customers: 300,
            years: 2,
            end: NaiveDate::from_ymd_opt(2026, 10, 31).expect("date"),
        }
    }
}
pub struct PlantedFinding {
    pub rule_id: &'static str,
    pub date: NaiveDate,
    pub subject: String,
    pub detail: String,
}
#[derive(Default)]
pub struct DemoCompany {
    pub customers: Vec<NewCustomer>,
    pub transactions: Vec<Transaction>,
    pub opportunities: Vec<Opportunity>,
    pub stage_changes: Vec<StageChange>,
    pub activities: Vec<Activity>,
    pub churn: Vec<ChurnRecord>,
    pub complaints: Vec<Complaint>,
    pub surveys: Vec<Survey>,
    pub areas: Vec<AcArea>,
    pub ac_checks: Vec<AcCheckRow>,
    pub notices: Vec<AcNotice>,
    pub overtime: Vec<Overtime>,
    pub maintenance: Vec<Maintenance>,
    pub faults: Vec<Fault>,
    pub reports: Vec<ServiceReport>,
    pub calendar: Vec<CalendarDay>,
    pub planted_ac: Vec<PlantedFinding>,
}
pub fn generate(opts: &DemoOptions) -> DemoCompany {
    let at = opts.end.and_hms_opt(9, 0, 0).expect("time");
    DemoCompany {
        customers: (1..=opts.customers)
            .map(|i| NewCustomer {
                id: super::customer::CustomerId(i as i64),
                code: super::customer::generated_code(i as u64),
                data: super::customer::CustomerData::named(format!("客户{i}")),
                created_at: at,
            })
            .collect(),
        ..Default::default()
    }
}
