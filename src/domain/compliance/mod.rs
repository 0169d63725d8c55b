//! Policy compliance (制度合规, DOMAIN §4): the rule catalogue with the
//! original Chinese clauses, and the checks that turn records into findings.
//!
//! A finding is a *violation* (a record breaks a rule, or a deadline passed
//! with nothing done) or a *missing* record (a record the policy requires for
//! a slot — a check window, a year, a month, an interval — does not exist).
//! Compliant items produce no finding; they are only counted in
//! [`RuleStats::checked`].
//!
//! # Conventions shared by every rule
//!
//! - **Period.** [`Period`] is inclusive at both ends. Record-based findings
//!   carry the record's date (check row date, fault reported date, ledger
//!   received date) and are reported when that date is in the period.
//!   Slot-based findings (a missing check window, year, month, quarter,
//!   interval) carry the *last day on which the slot could still have been
//!   met* (the window's day, 31 December, the month's last day, the report's
//!   due day, the follow-up or survey due date) and are reported when that
//!   date is in the period.
//! - **Now.** `today` is the day the check runs, and it is not over: a slot
//!   is judged *missing* only when its date is before `today`, and open items
//!   (unresolved complaints, unrepaired faults) are judged against the start
//!   of `today` (00:00). An item still inside its deadline produces nothing.
//! - **One finding per judged item and rule.** When one record breaks a
//!   rule in several ways (AC-FAULT, SVC-LEDGER), the reasons are joined in
//!   one finding.
//! - **Sorting.** Findings are sorted by (date, rule id, subject, record,
//!   detail).
//! - Working time, SLA clocks and their boundaries: see [`calendar`].

pub mod ac;
pub mod calendar;
pub mod monthly;
pub mod monthly_text;
pub mod service;
pub mod sources;
pub mod view;

use std::cell::OnceCell;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::domain::Lang;
use crate::domain::customer::CustomerId;
use crate::domain::records::{
    AcArea, AcCheckRow, AcNotice, Activity, CalendarDay, Complaint, Fault, Maintenance,
    Opportunity, Overtime, ServiceReport, Survey,
};
use crate::domain::settings::Settings;

use self::calendar::{CalendarError, WorkingCalendar, parse_ranges};

/// What kind of finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// A record breaks the rule, or a deadline passed with nothing done.
    Violation,
    /// A record the rule requires does not exist.
    Missing,
}

impl Status {
    /// The code written to CSV: `violation` or `missing`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Violation => "violation",
            Self::Missing => "missing",
        }
    }

    /// The display name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Violation, Lang::En) => "Violation",
            (Self::Violation, Lang::Zh) => "违规",
            (Self::Missing, Lang::En) => "Missing record",
            (Self::Missing, Lang::Zh) => "缺少记录",
        }
    }
}

/// One finding of one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule_id: &'static str,
    pub status: Status,
    /// The record's date, or the last day of the slot that was missed.
    pub date: NaiveDate,
    /// The area name (AC rules) or the customer code (service rules); empty
    /// for rules about all customers (SVC-VISIT-50, SVC-MONTHLY-REPORT).
    pub subject: String,
    /// What the finding is about, e.g. `ac_checks#12`, `complaints#5`,
    /// `ac_areas#3 09:00-11:00`, `service_reports visits 2024-06`.
    pub record: String,
    /// Why, in English words with the numbers.
    pub detail: String,
    /// Why, in Chinese.
    pub detail_zh: String,
}

impl Finding {
    /// The detail in `lang`.
    pub fn detail(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.detail,
            Lang::Zh => &self.detail_zh,
        }
    }
}

/// Which policy a rule belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleGroup {
    /// Office air-conditioning policy (空调使用管理规定, §4.1).
    Ac,
    /// Customer service rules (客户服务制度, §4.2).
    Service,
}

impl RuleGroup {
    /// The display name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Ac, Lang::En) => "Office air-conditioning policy",
            (Self::Ac, Lang::Zh) => "空调使用管理规定",
            (Self::Service, Lang::En) => "Customer service rules",
            (Self::Service, Lang::Zh) => "客户服务制度",
        }
    }
}

/// A rule of the catalogue (DOMAIN §4.1, §4.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, e.g. `AC-HOT`.
    pub id: &'static str,
    pub group: RuleGroup,
    /// The clause or source it comes from, e.g. `AC 4.1.1.3`.
    pub clause: &'static str,
    /// The original Chinese text, copied from the seed document.
    pub original_zh: &'static str,
    pub summary_en: &'static str,
    pub summary_zh: &'static str,
    /// The settings keys that parametrise the rule.
    pub params: &'static [&'static str],
}

/// Every rule, AC first, in DOMAIN order.
pub fn rules() -> &'static [Rule] {
    RULES
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

const AC_4_1_1_2: &str = "4.1.1.2使用空调时,应先关闭门窗,禁止开窗的情况下同时开启空调。下班须提前30分钟关闭空调,长时间(30分钟以上)离开时,要关闭空调。";
const AC_4_1_1_3: &str = "4.1.1.3参考温度计悬挂于没有安装空调的室内房间,当温度计显示温度高于29度以上时方可开启空调,人力行政部需在空调使用月份的每天查看两次温度,填写好《空调开关温度检查表》,检查时间分别为上午10点钟左右和下午4点钟左右,当温度计显示温度低于29度时,需关闭已开启的空调。";
const AC_4_2_1: &str = "4.2.1空调作为办公设施,仅用于各办公室在办公期间使用,不允许在非办公时间使用(加班除外),办公人员离开或办公室无人的情况下应关闭空调遥控器,严禁室内无人空调机照常使用开机;下班前半小时,一律将空调关闭,晚上非工作加班不能开机。";
const SVC_004_3_2_2_6: &str =
    "6.对客户的查询,要在十分钟内给予明确的答复;对于投诉客户,要求在半个工作日内妥善处理完毕。";
/// 004 3.2.4 (7), quoted by two rules.
macro_rules! svc_004_3_2_4_7 {
    () => {
        "7.详细地记录客户每一次投诉查询,并定期进行汇总,进行归类分析找出个性与共性问题,针对问题改进工作。在每个月5日前把上一月的投诉查询记录、分析报告以及解决方案上报总公司。"
    };
}

const RULES: &[Rule] = &[
    Rule {
        id: "AC-SEASON",
        group: RuleGroup::Ac,
        clause: "AC 4.1.1.1",
        original_zh: "4.1.1.1开启空调的月份为6月-10月。其它季节出现气温反常的,由人力行政部发布的临时公告统一执行空调使用管理。",
        summary_en: "Cooling season is June–October. Outside it, AC on is allowed only in heating \
            conditions (reference below 5 °C) or on a date covered by a temporary notice.",
        summary_zh: "空调开启月份为6月–10月;其他月份仅在制热条件(参考温度低于5 °C)或临时公告期间可开启。",
        params: &["ac_season_first_month", "ac_season_last_month", "ac_winter_threshold_tenths"],
    },
    Rule {
        id: "AC-CHECKS",
        group: RuleGroup::Ac,
        clause: "AC 4.1.1.3",
        original_zh: AC_4_1_1_3,
        summary_en: "In season, two scheduled checks per area on every working day and every day \
            with an overtime record: one in [09:00, 11:00] and one in [15:00, 17:00], both \
            inclusive.",
        summary_zh: "空调使用月份内,每个工作日及有加班记录的日子,每个区域例行检查两次:9:00–11:00与15:00–17:00各一次(含端点)。",
        params: &[
            "ac_check_windows",
            "working_days",
            "ac_season_first_month",
            "ac_season_last_month",
        ],
    },
    Rule {
        id: "AC-HOT",
        group: RuleGroup::Ac,
        clause: "AC 4.1.1.3",
        original_zh: AC_4_1_1_3,
        summary_en: "In season, AC on at a check or inspection whose reference reading is below \
            29.0 °C is a violation (exactly 29.0 °C is compliant).",
        summary_zh: "空调使用月份内,参考温度低于29.0 °C时空调应关闭(恰为29.0 °C不违规)。",
        params: &["ac_hot_threshold_tenths"],
    },
    Rule {
        id: "AC-SUMMER-SET",
        group: RuleGroup::Ac,
        clause: "AC 4.1.1.4",
        original_zh: "4.1.1.4为做到节能降耗,要求夏季空调设置在26度以上,以免空调长时间工作,造成损坏,影响正常使用。",
        summary_en: "In season, the set temperature of a running AC is 26.0 °C or higher.",
        summary_zh: "夏季空调设定温度不低于26.0 °C。",
        params: &["ac_summer_min_set_tenths"],
    },
    Rule {
        id: "AC-WINTER",
        group: RuleGroup::Ac,
        clause: "AC 4.1.2.1 / 4.1.2.3",
        original_zh: "4.1.2.1当室内温度低于5度时,可以开启空调。其它季节出现气温反常的,由人力行政部发布的临时公告统一执行空调使用管理。\n4.1.2.3为做到节能降耗,要求冬季空调设置在26度,以免空调长时间工作,造成损坏,影响正常使用。",
        summary_en: "Heating only when the reference (indoor) reading is below 5 °C, set to 26 \
            °C: a higher setting is a violation, a lower one is allowed.",
        summary_zh: "室内温度低于5 °C时方可制热,设定26 °C:高于26 °C违规,低于可以。",
        params: &["ac_winter_threshold_tenths", "ac_winter_max_set_tenths"],
    },
    Rule {
        id: "AC-WINDOWS",
        group: RuleGroup::Ac,
        clause: "AC 4.1.1.2 / 4.1.2.2",
        original_zh: AC_4_1_1_2,
        summary_en: "Doors and windows are closed whenever the AC is on.",
        summary_zh: "开启空调时门窗必须关闭。",
        params: &[],
    },
    Rule {
        id: "AC-EMPTY",
        group: RuleGroup::Ac,
        clause: "AC 4.1.1.2 / 4.2.1",
        original_zh: "4.1.1.2长时间(30分钟以上)离开时,要关闭空调。\n4.2.1办公人员离开或办公室无人的情况下应关闭空调遥控器,严禁室内无人空调机照常使用开机。",
        summary_en: "AC off when the room is empty for over 30 minutes: a row recording the room \
            unoccupied with the AC on is a violation.",
        summary_zh: "人员离开30分钟以上须关闭空调:检查记录为室内无人而空调开启即违规。",
        params: &[],
    },
    Rule {
        id: "AC-OFF-EARLY",
        group: RuleGroup::Ac,
        clause: "AC 4.1.1.2 / 4.2.1",
        original_zh: AC_4_2_1,
        summary_en: "AC off at least 30 minutes before the end of the working day (18:00 → off \
            after 17:30), and never on outside working hours unless an overtime record covers \
            that area and time.",
        summary_zh: "下班前30分钟关闭空调(18:00下班则17:30后不得开启);非办公时间不得开启,加班记录覆盖的区域和时间除外。",
        params: &["working_hours", "working_days", "ac_off_before_end_minutes"],
    },
    Rule {
        id: "AC-MAINT",
        group: RuleGroup::Ac,
        clause: "AC 4.2.3.1",
        original_zh: "4.2.3.1每年在进行大扫除清洁时,对空调进行一次保养清洁,清除表面灰尘,清洗滤网。",
        summary_en: "Each area's units are cleaned (filters washed) once every calendar year; a \
            year with no maintenance record for an area is a missing record.",
        summary_zh: "每年大扫除时对空调保养清洁一次、清洗滤网;某区域全年无保养记录即缺少记录。",
        params: &[],
    },
    Rule {
        id: "AC-FAULT",
        group: RuleGroup::Ac,
        clause: "AC 4.2.3.2 / 4.2.2",
        original_zh: "4.2.3.2当空调出现故障时,要及时上报人力行政部,人力行政部将安排专业工程师上门检修。若是人为原因损坏,要照价赔偿。\n4.2.2由于空调的使用开启不当,造成空调损坏或不能正常运行,要追究其使用者的责任。",
        summary_en: "A reported fault is repaired or closed within 5 working days; a fault caused \
            by human misuse names the person liable.",
        summary_zh: "故障上报后5个工作日内修复或关闭;人为损坏须写明责任人。",
        params: &["fault_repair_working_days", "working_days"],
    },
    Rule {
        id: "SVC-FOLLOWUP",
        group: RuleGroup::Service,
        clause: "CRM system rules (seed 002), art. 3",
        original_zh: "所有录入系统的线索/销售机会需要保证一个月至少有一个跟进更新的“一般行动”以记录最新的销售进展,即使客户的购买意向并没有进一步变化或推进,也需要做下记录以方便管理人员查看。",
        summary_en: "An open lead or opportunity never goes more than 30 calendar days since its \
            creation or its last activity without an activity.",
        summary_zh: "未关闭的线索/销售机会,自创建或上次行动起不得超过30个自然日没有“一般行动”。",
        params: &["followup_days"],
    },
    Rule {
        id: "SVC-QUERY-10MIN",
        group: RuleGroup::Service,
        clause: "Baiyun airport plan (seed 004) 3.2.2 (6)",
        original_zh: SVC_004_3_2_2_6,
        summary_en: "A customer query is answered (resolved) within 10 working minutes of receipt.",
        summary_zh: "客户查询须在收到后10个工作分钟内给予明确答复。",
        params: &["query_minutes", "working_hours", "working_days"],
    },
    Rule {
        id: "SVC-COMPLAINT-HALFDAY",
        group: RuleGroup::Service,
        clause: "Baiyun airport plan (seed 004) 3.2.2 (6)",
        original_zh: SVC_004_3_2_2_6,
        summary_en: "A complaint is resolved within half a working day (240 working minutes) of \
            receipt; an unresolved complaint past that is a violation too.",
        summary_zh: "投诉须在半个工作日(240个工作分钟)内处理完毕;超时未处理同样违规。",
        params: &["complaint_minutes", "working_hours", "working_days"],
    },
    Rule {
        id: "SVC-FIRST-30MIN",
        group: RuleGroup::Service,
        clause: "CRM notes (seed 002), “30分钟原则”",
        original_zh: "“30分钟原则“:对于客户来说,企业良好的“第一印象”尤为关键。比如,在30分钟以内响应企业质询的潜在客户转化为实际客户的几率是在第二天才响应的客户的几率的两倍。",
        summary_en: "An inquiry gets its first response within 30 working minutes.",
        summary_zh: "咨询须在30个工作分钟内首次响应。",
        params: &["inquiry_first_response_minutes", "working_hours", "working_days"],
    },
    Rule {
        id: "SVC-REVISIT",
        group: RuleGroup::Service,
        clause: "Customer service system (seed 003), §5",
        original_zh: "五、客户回访制度 建立定期客户回访制度,客服部对交付使用的项目建立回访档案,进行定期的电话回访,即一年内项目每月回访一次;一年以上的项目每季回访一次,以满足客户的要求。",
        summary_en: "After delivery, a revisit in each calendar month of months 1–12, then in \
            each calendar quarter.",
        summary_zh: "项目交付使用后,第1–12个月每月回访一次,此后每季度回访一次。",
        params: &[],
    },
    Rule {
        id: "SVC-VISIT-50",
        group: RuleGroup::Service,
        clause: "Baiyun airport plan (seed 004) 3.2.4 (5)",
        original_zh: "5.每个月至少走访其配送范围内50%的客户,加强与客户的沟通,了解客户的需求,并在每月的5日前向总公司上交上一月的客户走访总结。",
        summary_en: "Each calendar month, visits reach at least 50% of active customers.",
        summary_zh: "每个自然月走访至少50%的活跃客户。",
        params: &["visit_coverage_share", "churn_days"],
    },
    Rule {
        id: "SVC-MONTHLY-REPORT",
        group: RuleGroup::Service,
        clause: "Baiyun airport plan (seed 004) 3.2.4 (5), (7)",
        original_zh: concat!(
            "5.……并在每月的5日前向总公司上交上一月的客户走访总结。\n",
            svc_004_3_2_4_7!()
        ),
        summary_en: "The previous month's complaint/query summary and visit summary are produced \
            on or before the 5th, 23:59.",
        summary_zh: "上月投诉查询汇总(含分析与解决方案)及走访总结须在每月5日23:59前完成。",
        params: &["monthly_report_day"],
    },
    Rule {
        id: "SVC-LEDGER",
        group: RuleGroup::Service,
        clause: "Power supply rules (seed 001) art. 17–18; seed 004 3.2.4 (7)",
        original_zh: concat!(
            "第十七条供电企业应当建立客户投诉处理制度,及时、准确地处理用户投诉,解决用户问题。\n",
            "第十八条供电企业应当建立投诉管理台账,并定期进行投诉处理情况的分析和评估。\n",
            svc_004_3_2_4_7!()
        ),
        summary_en: "Every complaint, query and inquiry is in the ledger with category, first \
            handler, resolution and consistent times; unresolved entries stay listed.",
        summary_zh: "每条投诉、查询、咨询均登记台账,含分类、首问负责人、处理结果及时间;未解决的持续列出。",
        params: &[],
    },
    Rule {
        id: "SVC-SURVEY",
        group: RuleGroup::Service,
        clause: "Power supply rules (seed 001) art. 16",
        original_zh: "第十六条供电企业应当制定客户满意度调查机制,定期对用户进行满意度调查,并据此改进服务质量。",
        summary_en: "A satisfaction survey is recorded for each active customer at least once \
            every 365 days.",
        summary_zh: "每个活跃客户每365天至少做一次满意度调查。",
        params: &["survey_interval_days", "churn_days"],
    },
];

/// The records the checks read, borrowed from the store's caches.
///
/// Rows that carry an `i64` are `(row id, record)`, used in
/// [`Finding::record`]; the other records carry their own id or need none.
#[derive(Clone, Copy, Debug, Default)]
pub struct Records<'a> {
    pub areas: &'a [AcArea],
    pub ac_checks: &'a [(i64, AcCheckRow)],
    pub notices: &'a [AcNotice],
    pub overtime: &'a [Overtime],
    pub maintenance: &'a [Maintenance],
    pub faults: &'a [(i64, Fault)],
    pub complaints: &'a [Complaint],
    pub activities: &'a [Activity],
    pub opportunities: &'a [Opportunity],
    pub surveys: &'a [Survey],
    pub reports: &'a [ServiceReport],
    /// Every customer to judge, with its code (the finding's subject).
    pub customers: &'a [(CustomerId, String)],
    /// The customer and date of every transaction (any order; one entry per
    /// customer and day is enough). Needed to tell active customers.
    pub purchases: &'a [(CustomerId, NaiveDate)],
    /// Churn records (流失记录): the customer and the date recorded. A
    /// customer is churned from that date until a later transaction or
    /// activity.
    pub churned: &'a [(CustomerId, NaiveDate)],
    /// Holidays and make-up working days.
    pub calendar: &'a [CalendarDay],
}

/// The owned records the store loads (and the rule tests build);
/// [`RecordSet::records`] lends them to the rules. The fields mean what the
/// fields of [`Records`] of the same names mean.
#[derive(Debug, Default)]
pub struct RecordSet {
    pub areas: Vec<AcArea>,
    pub ac_checks: Vec<(i64, AcCheckRow)>,
    pub notices: Vec<AcNotice>,
    pub overtime: Vec<Overtime>,
    pub maintenance: Vec<Maintenance>,
    pub faults: Vec<(i64, Fault)>,
    pub complaints: Vec<Complaint>,
    pub activities: Vec<Activity>,
    pub opportunities: Vec<Opportunity>,
    pub surveys: Vec<Survey>,
    pub reports: Vec<ServiceReport>,
    pub customers: Vec<(CustomerId, String)>,
    pub purchases: Vec<(CustomerId, NaiveDate)>,
    pub churned: Vec<(CustomerId, NaiveDate)>,
    pub calendar: Vec<CalendarDay>,
}

impl RecordSet {
    /// The records as the rules take them.
    pub fn records(&self) -> Records<'_> {
        Records {
            areas: &self.areas,
            ac_checks: &self.ac_checks,
            notices: &self.notices,
            overtime: &self.overtime,
            maintenance: &self.maintenance,
            faults: &self.faults,
            complaints: &self.complaints,
            activities: &self.activities,
            opportunities: &self.opportunities,
            surveys: &self.surveys,
            reports: &self.reports,
            customers: &self.customers,
            purchases: &self.purchases,
            churned: &self.churned,
            calendar: &self.calendar,
        }
    }
}

/// A date range, inclusive at both ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// Whether `date` is in the period (both ends included).
    pub fn contains(self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// The period stretched to end no earlier than `today`: missing records
    /// are judged up to today, not up to the latest record.
    pub fn up_to(self, today: NaiveDate) -> Self {
        Self { from: self.from.min(today), to: self.to.max(today) }
    }

    /// The period from the earliest to the latest date of any record, for
    /// "all records"; `None` when there are no dated records.
    pub fn covering(records: &Records) -> Option<Self> {
        let r = records;
        let dates = r
            .ac_checks
            .iter()
            .map(|(_, c)| c.date)
            .chain(r.notices.iter().flat_map(|n| [n.from, n.to]))
            .chain(r.overtime.iter().map(|o| o.date))
            .chain(r.maintenance.iter().map(|m| m.date))
            .chain(r.faults.iter().map(|(_, f)| f.reported_at.date()))
            .chain(r.complaints.iter().map(|c| c.received_at.date()))
            .chain(r.activities.iter().map(|a| a.at.date()))
            .chain(r.opportunities.iter().map(|o| o.created_at.date()))
            .chain(r.surveys.iter().map(|s| s.date))
            .chain(r.reports.iter().map(|s| s.produced_at.date()))
            .chain(r.purchases.iter().map(|p| p.1));
        dates.fold(None, |acc: Option<Self>, d| match acc {
            None => Some(Self { from: d, to: d }),
            Some(p) => Some(Self { from: p.from.min(d), to: p.to.max(d) }),
        })
    }
}

/// Per-rule counts of one check run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleStats {
    pub rule_id: &'static str,
    /// Items judged (rows, slots, ledger entries, months, …).
    pub checked: u32,
    pub violations: u32,
    pub missing: u32,
}

impl RuleStats {
    /// Share of judged items without a finding, 0–1; `None` when nothing
    /// was judged.
    pub fn compliance_rate(&self) -> Option<f64> {
        let bad = self.violations.saturating_add(self.missing);
        (self.checked > 0)
            .then(|| f64::from(self.checked.saturating_sub(bad)) / f64::from(self.checked))
    }
}

/// The findings and the per-rule counts of one check run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Sorted by (date, rule id, subject, record, detail).
    pub findings: Vec<Finding>,
    /// One entry per rule run, in [`rules`] order.
    pub stats: Vec<RuleStats>,
}

/// Why a check could not run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ComplianceError {
    /// A calendar or window setting cannot be read.
    #[error("setting {key}: {source}")]
    Setting {
        key: &'static str,
        #[source]
        source: CalendarError,
    },
    /// `only_rule` names no rule.
    #[error("unknown rule {0:?}; known rules: {known}", known = rule_ids())]
    UnknownRule(String),
}

fn rule_ids() -> String {
    RULES.iter().map(|r| r.id).collect::<Vec<_>>().join(", ")
}

/// Runs every rule (or only `only_rule`) over `period` and returns the
/// sorted findings. See [`check_with_stats`].
pub fn check(
    records: &Records,
    settings: &Settings,
    period: Period,
    today: NaiveDate,
    only_rule: Option<&str>,
) -> Result<Vec<Finding>, ComplianceError> {
    check_with_stats(records, settings, period, today, only_rule).map(|r| r.findings)
}

/// Runs every rule (or only `only_rule`) over `period` with `today` as
/// "now", and returns the sorted findings with per-rule counts.
///
/// Fails when the working calendar or check-window settings cannot be read,
/// or `only_rule` is not a rule id.
pub fn check_with_stats(
    records: &Records,
    settings: &Settings,
    period: Period,
    today: NaiveDate,
    only_rule: Option<&str>,
) -> Result<Report, ComplianceError> {
    check_derived(records, settings, period, today, only_rule, &Derived::default())
}

/// What the rules derive from the records and settings alone, whatever the
/// period: built on first use and kept for the next check of the same
/// records and settings (the app checks the whole period and then each
/// month of it).
#[derive(Default)]
pub struct Derived {
    active: OnceCell<service::Activeness>,
}

/// [`check_with_stats`] with what an earlier check of the same `records`
/// and `settings` derived from them.
pub fn check_derived(
    records: &Records,
    settings: &Settings,
    period: Period,
    today: NaiveDate,
    only_rule: Option<&str>,
    derived: &Derived,
) -> Result<Report, ComplianceError> {
    if let Some(id) = only_rule
        && rule(id).is_none()
    {
        return Err(ComplianceError::UnknownRule(id.to_owned()));
    }
    let ctx = Context::new(records, settings, period, today, derived)?;
    let mut findings = Vec::new();
    let mut stats = Vec::new();
    for rule in RULES.iter().filter(|r| only_rule.is_none_or(|id| id == r.id)) {
        let mut tally = Tally::new(rule.id);
        run_rule(&ctx, &mut tally);
        stats.push(tally.stats());
        findings.append(&mut tally.findings);
    }
    findings.sort_by(|a, b| {
        (a.date, a.rule_id, &a.subject, &a.record, &a.detail)
            .cmp(&(b.date, b.rule_id, &b.subject, &b.record, &b.detail))
    });
    Ok(Report { findings, stats })
}

/// Runs the rule named by `tally`.
fn run_rule(ctx: &Context, tally: &mut Tally) {
    let run: fn(&Context, &mut Tally) = match tally.rule_id {
        "AC-SEASON" => ac::season,
        "AC-CHECKS" => ac::checks,
        "AC-HOT" => ac::hot,
        "AC-SUMMER-SET" => ac::summer_set,
        "AC-WINTER" => ac::winter,
        "AC-WINDOWS" => ac::windows,
        "AC-EMPTY" => ac::empty,
        "AC-OFF-EARLY" => ac::off_early,
        "AC-MAINT" => ac::maintenance,
        "AC-FAULT" => ac::fault,
        "SVC-FOLLOWUP" => service::followup,
        "SVC-QUERY-10MIN" => service::query,
        "SVC-COMPLAINT-HALFDAY" => service::complaint,
        "SVC-FIRST-30MIN" => service::first_response,
        "SVC-REVISIT" => service::revisit,
        "SVC-VISIT-50" => service::visits,
        "SVC-MONTHLY-REPORT" => service::monthly_report,
        "SVC-LEDGER" => service::ledger,
        "SVC-SURVEY" => service::survey,
        _ => return,
    };
    run(ctx, tally);
}

/// Everything a rule reads: the records, the settings, the period, "now",
/// and what is derived from them once per run.
pub(crate) struct Context<'a> {
    pub records: &'a Records<'a>,
    pub settings: &'a Settings,
    pub period: Period,
    pub today: NaiveDate,
    pub calendar: WorkingCalendar,
    /// The AC check windows, inclusive at both ends.
    pub windows: Vec<(NaiveTime, NaiveTime)>,
    areas: HashMap<i64, &'a AcArea>,
    codes: HashMap<CustomerId, &'a str>,
    derived: &'a Derived,
}

impl<'a> Context<'a> {
    /// Reads the calendar and windows from `settings`.
    pub fn new(
        records: &'a Records<'a>,
        settings: &'a Settings,
        period: Period,
        today: NaiveDate,
        derived: &'a Derived,
    ) -> Result<Self, ComplianceError> {
        let setting = |key| move |source| ComplianceError::Setting { key, source };
        let calendar =
            WorkingCalendar::new(&settings.working_days, &settings.working_hours, records.calendar)
                .map_err(|e| match e {
                    CalendarError::BadWeekday { .. } | CalendarError::NoWeekdays { .. } => {
                        setting("working_days")(e)
                    }
                    _ => setting("working_hours")(e),
                })?;
        let windows =
            parse_ranges(&settings.ac_check_windows).map_err(setting("ac_check_windows"))?;
        Ok(Self {
            records,
            settings,
            period,
            today,
            calendar,
            windows,
            areas: records.areas.iter().map(|a| (a.id, a)).collect(),
            codes: records.customers.iter().map(|(id, code)| (*id, code.as_str())).collect(),
            derived,
        })
    }

    /// Who is active or churned when (built on first use).
    pub(crate) fn active(&self) -> &service::Activeness {
        let (records, churn_days) = (self.records, self.settings.churn_days);
        let active =
            self.derived.active.get_or_init(|| service::Activeness::new(records, churn_days));
        debug_assert!(active.fits(records, churn_days), "a Derived of other records or settings");
        active
    }

    /// The area with this id, if known.
    pub fn area(&self, id: i64) -> Option<&'a AcArea> {
        self.areas.get(&id).copied()
    }

    /// The subject of a finding about an area: its name, or `area#ID`.
    pub fn area_name(&self, id: i64) -> String {
        self.area(id).map_or_else(|| format!("area#{id}"), |a| a.name.clone())
    }

    /// The code of a customer, or `#ID` for one not in the list.
    pub fn customer_code(&self, id: CustomerId) -> String {
        self.codes.get(&id).map_or_else(|| format!("#{}", id.0), |c| (*c).to_owned())
    }

    /// Whether `date` is in the AC cooling season (months may wrap the year).
    pub fn in_season(&self, date: NaiveDate) -> bool {
        let (first, last) =
            (self.settings.ac_season_first_month, self.settings.ac_season_last_month);
        let m = date.month();
        if first <= last { first <= m && m <= last } else { m >= first || m <= last }
    }
}

/// The findings and count of one rule while it runs.
pub(crate) struct Tally {
    rule_id: &'static str,
    checked: u32,
    findings: Vec<Finding>,
}

impl Tally {
    fn new(rule_id: &'static str) -> Self {
        Self { rule_id, checked: 0, findings: Vec::new() }
    }

    /// Counts one judged item.
    pub fn judged(&mut self) {
        self.checked += 1;
    }

    /// Records a violation.
    pub fn violation(&mut self, date: NaiveDate, subject: String, record: String, why: Why) {
        self.push(Status::Violation, date, subject, record, why);
    }

    /// Records a missing record.
    pub fn missing(&mut self, date: NaiveDate, subject: String, record: String, why: Why) {
        self.push(Status::Missing, date, subject, record, why);
    }

    fn push(&mut self, status: Status, date: NaiveDate, subject: String, record: String, why: Why) {
        self.findings.push(Finding {
            rule_id: self.rule_id,
            status,
            date,
            subject,
            record,
            detail: why.en,
            detail_zh: why.zh,
        });
    }

    fn stats(&self) -> RuleStats {
        let count = |s| u32::try_from(self.findings.iter().filter(|f| f.status == s).count());
        RuleStats {
            rule_id: self.rule_id,
            checked: self.checked,
            violations: count(Status::Violation).unwrap_or(u32::MAX),
            missing: count(Status::Missing).unwrap_or(u32::MAX),
        }
    }
}

/// The detail of a finding in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Why {
    pub en: String,
    pub zh: String,
}

impl Why {
    /// A detail from its two texts.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Self { en: en.into(), zh: zh.into() }
    }

    /// Joins several reasons with `; ` / `;`.
    pub fn join(parts: &[Why]) -> Self {
        let en = parts.iter().map(|w| w.en.as_str()).collect::<Vec<_>>().join("; ");
        let zh = parts.iter().map(|w| w.zh.as_str()).collect::<Vec<_>>().join(";");
        Self { en, zh }
    }
}

/// `date` plus `days` (may be negative), saturating at the ends of the
/// calendar instead of panicking.
pub(crate) fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(chrono::Duration::days(days)).unwrap_or(if days < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// Formats tenths of a degree as `28.9 °C`.
pub fn format_temp(tenths: i32) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.unsigned_abs();
    format!("{sign}{}.{} °C", abs / 10, abs % 10)
}

/// Hand-built scenarios for the rule tests: a [`fixture::World`] owns the
/// records, and [`fixture::check`] runs one rule and compares the findings.
#[cfg(test)]
pub(crate) mod fixture;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod fidelity;
