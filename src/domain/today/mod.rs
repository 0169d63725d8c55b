//! The day's work (今日工作, DOMAIN §6): what is overdue, due today and due
//! in the next 7 days, built from the same records and rules as compliance.
//!
//! One function, [`today`], makes the list the Today panel shows and
//! `ladder today` prints. Each item names when it is due, what it is about
//! in words (never a table id alone), and the record that opens it or that
//! "done" and "move" change ([`Target`]).
//!
//! What is due, item by item (settings in brackets):
//! - **follow-up** (a customer's next step): the `next_step_due` of the
//!   customer's latest activity; a later activity without a next step
//!   closes it (the latest activity decides).
//! - **follow-up** (SVC-FOLLOWUP): an open opportunity's next activity is
//!   due `followup_days` after its creation or its last linked activity.
//! - **query / complaint / inquiry**: an open ledger entry is due at its
//!   SLA limit in working time (`query_minutes`, `complaint_minutes`, or an
//!   inquiry's `inquiry_first_response_minutes` to its first response),
//!   counted on the working calendar; the detail says the working time left
//!   (or over) at `now`.
//! - **ac-check**: on a day in season that needs checks (a working day, or
//!   a day with overtime in the area), each check window of each area in use
//!   (since its in-use date, else its first check-sheet row, as AC-CHECKS
//!   judges it) with no scheduled check in it yet, due at the window's end.
//! - **fault**: an unrepaired fault, due `fault_repair_working_days` working
//!   days after its report.
//! - **revisit** (SVC-REVISIT): the revisit slot (month, then quarter after
//!   the first year) that holds today is due on its last day while no
//!   revisit is recorded in it; the slot before it is overdue when it had
//!   none and none has been made since.
//! - **survey** (SVC-SURVEY): an active customer's next survey is due
//!   `survey_interval_days` after the last survey (or the first purchase or
//!   activity).
//! - **monthly-report** (SVC-MONTHLY-REPORT): last month's summaries are due
//!   on the `monthly_report_day` of this month (overdue after it until
//!   produced), and this month's on that day of next month.
//! - **at-risk**: a customer who crosses into "at risk" (no purchase for
//!   half the `churn_days`, as [`crate::domain::pipeline::churn_state`]
//!   says) within 7 days either side of today: *newly* at risk (crossed in
//!   the last 7 days: overdue or today) or about to be (the next 7 days).
//!   Customers already at risk for longer are the churn view's, not today's.
//!
//! Sections: due before today is *overdue*, today is *today*, the 7 days
//! after are *week*; anything later is not listed.

mod items;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rustc_hash::FxHashMap;

use super::Lang;
use super::compliance::{ComplianceError, Derived, Period, Records};
use super::customer::CustomerId;
use super::records::{Activity, Complaint, Fault, Opportunity};
use super::settings::Settings;
use super::table::{Cell, Table};

/// How many days after today the list looks ahead.
pub const WEEK_DAYS: i64 = 7;

/// Where an item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Due before today.
    Overdue,
    /// Due today.
    Today,
    /// Due in the 7 days after today.
    Week,
}

impl Section {
    /// Every section, in display order.
    pub const ALL: [Self; 3] = [Self::Overdue, Self::Today, Self::Week];

    /// The code written to CSV: `overdue`, `today`, `week`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Overdue => "overdue",
            Self::Today => "today",
            Self::Week => "week",
        }
    }

    /// The section of a due date, as of `date`; `None` when after the week.
    pub fn of(due: NaiveDate, date: NaiveDate) -> Option<Self> {
        let days = (due - date).num_days();
        match days {
            ..0 => Some(Self::Overdue),
            0 => Some(Self::Today),
            1..=WEEK_DAYS => Some(Self::Week),
            _ => None,
        }
    }
}

/// What kind of work an item is; the list is grouped by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    /// A customer's next step, or an open opportunity's monthly follow-up.
    FollowUp,
    Complaint,
    Query,
    Inquiry,
    AcCheck,
    Fault,
    Revisit,
    Survey,
    MonthlyReport,
    AtRisk,
}

impl ItemKind {
    /// Every kind, in display order.
    pub const ALL: [Self; 10] = [
        Self::FollowUp,
        Self::Complaint,
        Self::Query,
        Self::Inquiry,
        Self::AcCheck,
        Self::Fault,
        Self::Revisit,
        Self::Survey,
        Self::MonthlyReport,
        Self::AtRisk,
    ];

    /// The code written to CSV (CLI.md `today`).
    pub fn code(self) -> &'static str {
        match self {
            Self::FollowUp => "follow-up",
            Self::Complaint => "complaint",
            Self::Query => "query",
            Self::Inquiry => "inquiry",
            Self::AcCheck => "ac-check",
            Self::Fault => "fault",
            Self::Revisit => "revisit",
            Self::Survey => "survey",
            Self::MonthlyReport => "monthly-report",
            Self::AtRisk => "at-risk",
        }
    }

    /// The group's name in `lang` (plural, as a heading).
    pub fn name(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Self::FollowUp => ("Follow-ups", "跟进"),
            Self::Complaint => ("Complaints", "投诉"),
            Self::Query => ("Queries", "查询"),
            Self::Inquiry => ("Inquiries", "咨询"),
            Self::AcCheck => ("AC check windows", "空调检查时段"),
            Self::Fault => ("Unrepaired AC faults", "未修复的空调故障"),
            Self::Revisit => ("Revisits", "回访"),
            Self::Survey => ("Satisfaction surveys", "满意度调查"),
            Self::MonthlyReport => ("Monthly service report", "月度服务报告"),
            Self::AtRisk => ("Customers newly at risk", "新近有流失风险的客户"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// A text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    pub en: String,
    pub zh: String,
}

impl Words {
    /// A text from its two forms.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Self { en: en.into(), zh: zh.into() }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// What an item is about, in words: a noun, the record's number where it
/// has one, and a label made of names, titles and times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// `opportunity` / `销售机会`.
    pub noun_en: &'static str,
    pub noun_zh: &'static str,
    /// The record's number, shown by `ladder today` (`opportunity 12: …`).
    pub number: Option<i64>,
    /// Names, titles and times (the same in both languages).
    pub label: String,
}

impl Reference {
    /// As `ladder today` writes it: `opportunity 12: 会议室改造`.
    pub fn cli(&self) -> String {
        match self.number {
            Some(n) => format!("{} {n}: {}", self.noun_en, self.label),
            None => format!("{}: {}", self.noun_en, self.label),
        }
    }

    /// As the panel shows it: `opportunity 会议室改造` / `销售机会 会议室改造`.
    pub fn words(&self, lang: Lang) -> String {
        let noun = match lang {
            Lang::En => self.noun_en,
            Lang::Zh => self.noun_zh,
        };
        format!("{noun} {}", self.label)
    }
}

/// The record an item opens, and that "done" or "move" changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The customer (surveys, at-risk customers).
    Customer(CustomerId),
    /// The activity whose next step is due: done logs a new activity, move
    /// changes its `next_step_due`.
    Activity(Activity),
    /// An opportunity that needs an activity (follow-up) or a revisit.
    Opportunity(Opportunity),
    /// An open ledger entry: done opens it in the ledger to record the
    /// resolution.
    Complaint(Complaint),
    /// The AC check sheet of an area on a day.
    AcSheet { area: i64, day: NaiveDate },
    /// An unrepaired fault (row id and record): done marks it repaired.
    Fault(i64, Fault),
    /// The monthly service report of (year, month).
    MonthlyReport { year: i32, month: u32 },
}

/// One thing to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TodayItem {
    pub section: Section,
    pub kind: ItemKind,
    /// The day it is due.
    pub due: NaiveDate,
    /// The time it is due, for time limits (ledger SLAs, check windows).
    pub due_time: Option<NaiveTime>,
    /// The customer it is about (`None` for office items: AC, the report).
    pub customer: Option<CustomerId>,
    /// The customer's code and name (empty for office items).
    pub customer_code: String,
    pub customer_name: String,
    pub record: Reference,
    /// Why it is due, in words with the numbers.
    pub detail: Words,
    pub target: Target,
}

impl TodayItem {
    /// The due date and time as `ladder today` writes it.
    pub fn due_cell(&self) -> Cell {
        match self.due_time {
            Some(time) => Cell::DateTime(self.due.and_time(time)),
            None => Cell::Date(self.due),
        }
    }
}

/// The day's list: sorted by section, then due date and time, then kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TodayList {
    /// The day it is for.
    pub date: Option<NaiveDate>,
    pub items: Vec<TodayItem>,
}

impl TodayList {
    /// How many items are overdue (they come first: a binary search, so
    /// the navigation can ask every frame).
    pub fn overdue(&self) -> usize {
        self.items.partition_point(|i| i.section == Section::Overdue)
    }

    /// The list as `ladder today` writes it (CLI.md): columns
    /// `section,due,item,customer_code,record,detail`.
    pub fn table(&self) -> Table {
        let mut t = Table::new(&["section", "due", "item", "customer_code", "record", "detail"]);
        for item in &self.items {
            t.push(vec![
                Cell::Text(item.section.code().to_owned()),
                item.due_cell(),
                Cell::Text(item.kind.code().to_owned()),
                Cell::Text(item.customer_code.clone()),
                Cell::Text(item.record.cli()),
                Cell::Text(item.detail.en.clone()),
            ]);
        }
        t
    }
}

/// The names of customers, by id (codes come with the records).
pub type Names = FxHashMap<CustomerId, String>;

/// What is overdue, due today and due in the next 7 days at `now` (see the
/// module documentation for each kind of item). `names` gives customers'
/// names for the words; `records.customers` lists the live customers (a
/// deleted one's records are left out).
///
/// Fails only when the working calendar or check-window settings cannot
/// be read (as the compliance check does).
pub fn today(
    records: &Records,
    names: &Names,
    settings: &Settings,
    now: NaiveDateTime,
) -> Result<TodayList, ComplianceError> {
    let date = now.date();
    let period = Period { from: date, to: date };
    let derived = Derived::default();
    let ctx = super::compliance::Context::new(records, settings, period, date, &derived)?;
    let mut list = items::Builder::new(&ctx, names, now);
    list.follow_ups();
    list.opportunity_follow_ups();
    list.ledger();
    list.ac_checks();
    list.faults();
    list.revisits();
    list.surveys();
    list.monthly_report();
    list.at_risk();
    let mut items = list.items;
    items.sort_by(|a, b| {
        (a.section, a.due, a.due_time, a.kind, &a.customer_code, &a.record.label).cmp(&(
            b.section,
            b.due,
            b.due_time,
            b.kind,
            &b.customer_code,
            &b.record.label,
        ))
    });
    Ok(TodayList { date: Some(date), items })
}

#[cfg(test)]
mod tests;
