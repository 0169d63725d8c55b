//! The records other than customers (DOMAIN §1–§4): contacts, transactions,
//! opportunities, activities, churn, the complaint ledger, surveys, the AC
//! check sheet and its companions, service reports and the calendar.
//!
//! Ids are plain `i64` row ids; a record that is not stored yet may carry the
//! id it should be stored under (the demo generator does) or 0.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::customer::{CustomerData, CustomerId};
use super::terms::{
    AcCheckKind, ActivityKind, ChurnReason, ComplaintKind, ComplaintStatus, FaultCause,
    OpportunityStage,
};

/// A customer to be stored under a given id (bulk paths: demo, import).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCustomer {
    pub id: CustomerId,
    /// The code to store (bulk paths always give one).
    pub code: String,
    pub data: CustomerData,
    pub created_at: NaiveDateTime,
}

/// A contact person of a customer (联系人).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub customer: CustomerId,
    pub name: String,
    pub role: String,
    pub phone: String,
    pub email: String,
    pub notes: String,
}

/// A purchase. Amounts are integer cents.
#[derive(Clone, Debug, PartialEq)]
pub struct Transaction {
    pub customer: CustomerId,
    pub date: NaiveDate,
    pub amount_cents: i64,
    pub order_no: String,
    pub product: String,
    pub quantity: Option<f64>,
}

/// A sales opportunity (销售机会).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opportunity {
    pub id: i64,
    pub customer: CustomerId,
    pub title: String,
    pub stage: OpportunityStage,
    pub expected_value_cents: i64,
    /// Win probability in percent, 0–100.
    pub probability_pct: u8,
    pub expected_close: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    /// When it was won or lost.
    pub closed_at: Option<NaiveDate>,
    /// Delivery (交付使用) date; SVC-REVISIT defaults it to the won date.
    pub delivered_at: Option<NaiveDate>,
    pub owner: String,
    pub notes: String,
}

/// One stage change of an opportunity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageChange {
    pub opportunity: i64,
    pub from: Option<OpportunityStage>,
    pub to: OpportunityStage,
    pub at: NaiveDateTime,
    pub note: String,
}

/// A general action (一般行动).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    pub id: i64,
    pub customer: CustomerId,
    pub opportunity: Option<i64>,
    pub complaint: Option<i64>,
    pub kind: ActivityKind,
    pub at: NaiveDateTime,
    pub subject: String,
    pub outcome: String,
    pub next_step: String,
    pub next_step_due: Option<NaiveDate>,
}

/// An ended or lost relationship (流失记录).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChurnRecord {
    pub customer: CustomerId,
    pub recorded_at: NaiveDate,
    pub reason: ChurnReason,
    pub root_cause: String,
    pub try_repair: bool,
    pub estimated_loss_cents: i64,
    /// The estimated cost of winning the customer back (`None`: not
    /// estimated yet); never negative.
    pub winback_cost_cents: Option<i64>,
}

/// A complaint-ledger entry (投诉管理台账).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Complaint {
    pub id: i64,
    pub customer: CustomerId,
    pub received_at: NaiveDateTime,
    pub channel: String,
    pub kind: ComplaintKind,
    pub category: String,
    pub description: String,
    pub first_handler: String,
    pub first_response_at: Option<NaiveDateTime>,
    pub resolved_at: Option<NaiveDateTime>,
    pub resolution: String,
    pub status: ComplaintStatus,
}

/// A satisfaction survey; levels 1–5.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Survey {
    pub customer: CustomerId,
    pub date: NaiveDate,
    pub expected: u8,
    pub perceived: u8,
    pub comment: String,
}

/// An office area with air conditioning and its responsible person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcArea {
    pub id: i64,
    pub name: String,
    pub room: String,
    /// 第一责任人: the department head responsible.
    pub responsible_person: String,
    pub department: String,
    /// The day the area's AC is in use from: AC-CHECKS judges it from then
    /// (when `None`, from the date of its first check-sheet row).
    pub in_use_since: Option<NaiveDate>,
}

/// One row of the AC check sheet (空调开关温度检查表): one area at one check.
/// Temperatures are tenths of a degree Celsius (29.0 °C = 290).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcCheckRow {
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub kind: AcCheckKind,
    pub area: i64,
    pub reference_temp_tenths: i32,
    pub ac_on: bool,
    pub set_temp_tenths: Option<i32>,
    pub windows_closed: bool,
    pub occupied: bool,
    pub checker: String,
    pub note: String,
}

/// A temporary notice (临时公告) allowing AC outside the season.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcNotice {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
}

/// An overtime record (加班) allowing AC after hours in an area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overtime {
    pub date: NaiveDate,
    pub area: i64,
    pub until: NaiveTime,
    pub who: String,
    pub note: String,
}

/// Maintenance (cleaning, filters) of an area's units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Maintenance {
    pub area: i64,
    pub date: NaiveDate,
    pub what: String,
}

/// A fault-log entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub area: i64,
    pub reported_at: NaiveDateTime,
    pub cause: FaultCause,
    pub liable_person: String,
    pub repaired_at: Option<NaiveDateTime>,
    pub note: String,
}

/// Which monthly summary a service report is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportKind {
    /// Complaint/query summary.
    Complaints,
    /// Visit summary.
    Visits,
}

impl ReportKind {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Complaints => "complaints",
            Self::Visits => "visits",
        }
    }
}

/// A produced monthly service report (SVC-MONTHLY-REPORT).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceReport {
    pub year: i32,
    pub month: u32,
    pub kind: ReportKind,
    pub produced_at: NaiveDateTime,
    pub summary: String,
    pub analysis: String,
    pub solutions: String,
}

/// A calendar exception: a holiday on a weekday, or a make-up working day
/// (调休) on a weekend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarDay {
    pub date: NaiveDate,
    /// `true` = working day (调休), `false` = holiday.
    pub working: bool,
    pub name: String,
}
