//! The items of the day's list, one method per kind (see the parent
//! module's documentation for when each is due).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rustc_hash::FxHashMap;

use super::{ItemKind, Names, Reference, Section, Target, TodayItem, WEEK_DAYS, Words};
use crate::domain::compliance::Context;
use crate::domain::compliance::service::{month_first, month_index, month_last};
use crate::domain::customer::CustomerId;
use crate::domain::pipeline::is_open;
use crate::domain::records::{Activity, Complaint, ReportKind};
use crate::domain::terms::{AcCheckKind, ActivityKind, ComplaintKind, ComplaintStatus};

/// Collects the items for `now` from the compliance context's records.
pub(super) struct Builder<'a> {
    ctx: &'a Context<'a>,
    names: &'a Names,
    codes: FxHashMap<CustomerId, &'a str>,
    now: NaiveDateTime,
    date: NaiveDate,
    pub(super) items: Vec<TodayItem>,
}

/// `date` plus `days`, saturating at the ends of the calendar.
fn plus(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(Duration::days(days)).unwrap_or(if days < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

fn hm(at: NaiveDateTime) -> String {
    at.format("%m-%d %H:%M").to_string()
}

/// Working minutes as `3 h 20 min` / `3小时20分`.
fn duration(minutes: i64) -> Words {
    let (h, m) = (minutes / 60, minutes % 60);
    match h {
        0 => Words::new(format!("{m} min"), format!("{m}分钟")),
        _ => Words::new(format!("{h} h {m} min"), format!("{h}小时{m}分")),
    }
}

impl<'a> Builder<'a> {
    pub(super) fn new(ctx: &'a Context<'a>, names: &'a Names, now: NaiveDateTime) -> Self {
        let codes = ctx.records.customers.iter().map(|(id, code)| (*id, code.as_str())).collect();
        Self { ctx, names, codes, now, date: now.date(), items: Vec::new() }
    }

    /// Adds an item when `due` is overdue, today or in the week.
    fn push(
        &mut self,
        kind: ItemKind,
        (due, due_time): (NaiveDate, Option<NaiveTime>),
        customer: Option<CustomerId>,
        record: Reference,
        detail: Words,
        target: Target,
    ) {
        let Some(section) = Section::of(due, self.date) else { return };
        let (customer_code, customer_name) = customer.map_or_else(Default::default, |id| {
            let code = self.codes.get(&id).map_or("", |c| c);
            let name = self.names.get(&id).map_or(code, String::as_str);
            (code.to_owned(), name.to_owned())
        });
        self.items.push(TodayItem {
            section,
            kind,
            due,
            due_time,
            customer,
            customer_code,
            customer_name,
            record,
            detail,
            target,
        });
    }

    /// Whether the customer is live (not deleted).
    fn live(&self, id: CustomerId) -> bool {
        self.codes.contains_key(&id)
    }

    fn name(&self, id: CustomerId) -> String {
        self.names.get(&id).cloned().unwrap_or_default()
    }

    /// The next step of each customer's latest activity.
    pub(super) fn follow_ups(&mut self) {
        let mut latest: FxHashMap<CustomerId, &'a Activity> = FxHashMap::default();
        for a in self.ctx.records.activities {
            let slot = latest.entry(a.customer).or_insert(a);
            if (a.at, a.id) > (slot.at, slot.id) {
                *slot = a;
            }
        }
        let mut due: Vec<&Activity> = latest
            .into_values()
            .filter(|a| self.live(a.customer) && a.next_step_due.is_some())
            .collect();
        due.sort_by_key(|a| a.id);
        for a in due {
            let Some(day) = a.next_step_due else { continue };
            let step = if a.next_step.trim().is_empty() { &a.subject } else { &a.next_step };
            let (kind_en, kind_zh) =
                (a.kind.name(crate::domain::Lang::En), a.kind.name(crate::domain::Lang::Zh));
            let detail = Words::new(
                format!("next step of the {} on {}: {step}", kind_en.to_lowercase(), a.at.date()),
                format!("{}{}的下一步:{step}", a.at.date(), kind_zh),
            );
            let record = Reference {
                noun_en: "activity",
                noun_zh: "行动",
                number: Some(a.id),
                label: a.subject.clone(),
            };
            self.push(
                ItemKind::FollowUp,
                (day, None),
                Some(a.customer),
                record,
                detail,
                Target::Activity(a.clone()),
            );
        }
    }

    /// SVC-FOLLOWUP: each open opportunity's next activity.
    pub(super) fn opportunity_follow_ups(&mut self) {
        let mut last: FxHashMap<i64, NaiveDate> = FxHashMap::default();
        for a in self.ctx.records.activities {
            if let Some(id) = a.opportunity {
                let day = last.entry(id).or_insert(a.at.date());
                *day = (*day).max(a.at.date());
            }
        }
        let days = i64::from(self.ctx.settings.followup_days);
        for o in self.ctx.records.opportunities {
            if !is_open(o.stage) || !self.live(o.customer) {
                continue;
            }
            let created = o.created_at.date();
            let (since, what_en, what_zh) = match last.get(&o.id) {
                Some(&day) if day >= created => (day, "the last activity", "上次行动"),
                _ => (created, "its creation", "创建"),
            };
            let due = plus(since, days);
            let detail = Words::new(
                format!(
                    "{what_en} on {since}; an activity at least every {days} days (SVC-FOLLOWUP)"
                ),
                format!("{what_zh}于{since};每{days}天至少一次一般行动(SVC-FOLLOWUP)"),
            );
            let record = opportunity_ref(o.id, &o.title);
            let target = Target::Opportunity(o.clone());
            self.push(ItemKind::FollowUp, (due, None), Some(o.customer), record, detail, target);
        }
    }

    /// Open queries, complaints and inquiries, due at their time limits.
    pub(super) fn ledger(&mut self) {
        let s = self.ctx.settings;
        for c in self.ctx.records.complaints {
            let closed = matches!(c.status, ComplaintStatus::Resolved | ComplaintStatus::Closed);
            if closed || c.resolved_at.is_some() || !self.live(c.customer) {
                continue;
            }
            let (kind, limit, noun_en, noun_zh) = match c.kind {
                ComplaintKind::Query => (ItemKind::Query, s.query_minutes, "query", "查询"),
                ComplaintKind::Complaint => {
                    (ItemKind::Complaint, s.complaint_minutes, "complaint", "投诉")
                }
                ComplaintKind::Inquiry if c.first_response_at.is_none() => {
                    (ItemKind::Inquiry, s.inquiry_first_response_minutes, "inquiry", "咨询")
                }
                ComplaintKind::Inquiry => continue,
            };
            let limit = i64::from(limit);
            let due = self.ctx.calendar.add_working_minutes(c.received_at, limit);
            let detail = self.time_left(c, due, limit);
            let label = format!("{} {}", hm(c.received_at), c.category).trim_end().to_owned();
            let record = Reference { noun_en, noun_zh, number: Some(c.id), label };
            let target = Target::Complaint(c.clone());
            self.push(
                kind,
                (due.date(), Some(due.time())),
                Some(c.customer),
                record,
                detail,
                target,
            );
        }
    }

    /// The working time left to (or past) `due`, with the limit.
    fn time_left(&self, c: &Complaint, due: NaiveDateTime, limit: i64) -> Words {
        let cal = &self.ctx.calendar;
        let category =
            if c.category.is_empty() { String::new() } else { format!(" ({})", c.category) };
        if self.now < due {
            let left = duration(cal.working_minutes_between(self.now, due));
            Words::new(
                format!(
                    "{} of working time left (limit {limit} working minutes){category}",
                    left.en
                ),
                format!("剩余{}工作时间(限{limit}个工作分钟){category}", left.zh),
            )
        } else {
            let over = duration(cal.working_minutes_between(due, self.now));
            Words::new(
                format!(
                    "over its limit by {} of working time (limit {limit} working \
                     minutes){category}",
                    over.en
                ),
                format!("已超时{}工作时间(限{limit}个工作分钟){category}", over.zh),
            )
        }
    }

    /// Today's check windows with no scheduled check yet, per area.
    pub(super) fn ac_checks(&mut self) {
        let (ctx, date) = (self.ctx, self.date);
        if !ctx.in_season(date) {
            return;
        }
        let working = ctx.calendar.is_working_day(date);
        // As AC-CHECKS: an area needs checks from the day it is in use (its
        // in-use date, else its first check-sheet row).
        let mut first_rows: FxHashMap<i64, NaiveDate> = FxHashMap::default();
        for (_, row) in ctx.records.ac_checks {
            let first = first_rows.entry(row.area).or_insert(row.date);
            *first = (*first).min(row.date);
        }
        for area in ctx.records.areas {
            let in_use = area.in_use_since.or_else(|| first_rows.get(&area.id).copied());
            if in_use.is_none_or(|since| since > date) {
                continue;
            }
            let overtime = ctx.records.overtime.iter().any(|o| o.area == area.id && o.date == date);
            if !working && !overtime {
                continue;
            }
            let times: Vec<NaiveTime> = ctx
                .records
                .ac_checks
                .iter()
                .filter(|(_, r)| {
                    r.kind == AcCheckKind::Check && r.area == area.id && r.date == date
                })
                .map(|(_, r)| r.time)
                .collect();
            for &(from, to) in &ctx.windows {
                if times.iter().any(|&t| from <= t && t <= to) {
                    continue;
                }
                let window = format!("{}-{}", from.format("%H:%M"), to.format("%H:%M"));
                let who = &area.responsible_person;
                let detail = Words::new(
                    format!(
                        "{}: no scheduled check in {window} yet (AC-CHECKS); responsible: {who}",
                        area.name
                    ),
                    format!("{}:{window}尚无例行检查(AC-CHECKS);责任人:{who}", area.name),
                );
                let record = Reference {
                    noun_en: "check window",
                    noun_zh: "检查时段",
                    number: None,
                    label: format!("{} {window}", area.name),
                };
                let target = Target::AcSheet { area: area.id, day: date };
                self.push(ItemKind::AcCheck, (date, Some(to)), None, record, detail, target);
            }
        }
    }

    /// Unrepaired AC faults, due after the repair target in working days.
    pub(super) fn faults(&mut self) {
        let days = self.ctx.settings.fault_repair_working_days;
        for (id, f) in self.ctx.records.faults {
            if f.repaired_at.is_some() {
                continue;
            }
            let reported = f.reported_at.date();
            let due = self.ctx.calendar.add_working_days(reported, days);
            let area = self.ctx.area_name(f.area);
            let cause =
                (f.cause.name(crate::domain::Lang::En), f.cause.name(crate::domain::Lang::Zh));
            let detail = Words::new(
                format!(
                    "{area}: reported {}, {}; repair within {days} working days (office target)",
                    hm(f.reported_at),
                    cause.0.to_lowercase()
                ),
                format!(
                    "{area}:{}报修,{};{days}个工作日内修复(办公室目标)",
                    hm(f.reported_at),
                    cause.1
                ),
            );
            let record = Reference {
                noun_en: "AC fault",
                noun_zh: "空调故障",
                number: Some(*id),
                label: format!("{area} {}", hm(f.reported_at)),
            };
            let target = Target::Fault(*id, f.clone());
            self.push(ItemKind::Fault, (due, None), None, record, detail, target);
        }
    }

    /// SVC-REVISIT: the current slot (and a missed one just before it).
    pub(super) fn revisits(&mut self) {
        let mut done: FxHashMap<CustomerId, Vec<(NaiveDate, Option<i64>)>> = FxHashMap::default();
        for a in self.ctx.records.activities.iter().filter(|a| a.kind == ActivityKind::Revisit) {
            done.entry(a.customer).or_default().push((a.at.date(), a.opportunity));
        }
        let active = self.ctx.active();
        for o in self.ctx.records.opportunities {
            let delivered = match o.stage {
                crate::domain::terms::OpportunityStage::Lost => None,
                crate::domain::terms::OpportunityStage::Won => o.delivered_at.or(o.closed_at),
                _ => o.delivered_at,
            };
            let Some(delivered) = delivered else { continue };
            if !self.live(o.customer) || active.of(o.customer).is_churned(self.date) {
                continue;
            }
            let Some((prev, current)) = revisit_slots(delivered, self.date) else { continue };
            let visits = done.get(&o.customer).map_or(&[][..], Vec::as_slice);
            let visited = |(first, last): (NaiveDate, NaiveDate)| {
                visits.iter().any(|&(d, linked)| {
                    first <= d && d <= last && linked.is_none_or(|id| id == o.id)
                })
            };
            let since_prev = prev.map(|(first, _)| (first, self.date));
            let slot = if visited(current) {
                None
            } else if let Some(p) =
                prev.filter(|&p| !visited(p) && !since_prev.is_some_and(visited))
            {
                Some(p)
            } else {
                Some(current)
            };
            let Some((first, last)) = slot else { continue };
            let detail = Words::new(
                format!(
                    "a revisit between {first} and {last} (SVC-REVISIT; delivered {delivered})"
                ),
                format!("{first}至{last}须回访一次(SVC-REVISIT;交付日期{delivered})"),
            );
            let record = opportunity_ref(o.id, &o.title);
            let target = Target::Opportunity(o.clone());
            self.push(ItemKind::Revisit, (last, None), Some(o.customer), record, detail, target);
        }
    }

    /// SVC-SURVEY: each active customer's next survey.
    pub(super) fn surveys(&mut self) {
        let mut last: FxHashMap<CustomerId, NaiveDate> = FxHashMap::default();
        for s in self.ctx.records.surveys {
            let day = last.entry(s.customer).or_insert(s.date);
            *day = (*day).max(s.date);
        }
        let days = i64::from(self.ctx.settings.survey_interval_days);
        let active = self.ctx.active();
        for (id, _) in self.ctx.records.customers {
            if !active.is_active(*id, self.date) {
                continue;
            }
            let (since, what_en, what_zh) = match last.get(id) {
                Some(&day) => (day, "the last survey", "上次调查"),
                None => match active.first_event(*id) {
                    Some(day) => (day, "the first purchase or activity", "首次交易或行动"),
                    None => continue,
                },
            };
            // As SVC-SURVEY: a due day on which the customer was not active
            // requires nothing and starts the interval again.
            let mut due = plus(since, days);
            while due < self.date && !active.is_active(*id, due) {
                due = plus(due, days);
            }
            let detail = Words::new(
                format!(
                    "{what_en} on {since}; a satisfaction survey at least every {days} days \
                     (SVC-SURVEY)"
                ),
                format!("{what_zh}于{since};每{days}天至少一次满意度调查(SVC-SURVEY)"),
            );
            let record = Reference {
                noun_en: "satisfaction survey",
                noun_zh: "满意度调查",
                number: None,
                label: self.name(*id),
            };
            self.push(
                ItemKind::Survey,
                (due, None),
                Some(*id),
                record,
                detail,
                Target::Customer(*id),
            );
        }
    }

    /// SVC-MONTHLY-REPORT: last month's summaries (and this month's when
    /// their day falls in the week).
    pub(super) fn monthly_report(&mut self) {
        let day = self.ctx.settings.monthly_report_day.max(1);
        let this = month_index(self.date);
        for month in [this - 1, this] {
            let (Some(first), Some(last)) = (month_first(month + 1), month_last(month + 1)) else {
                continue;
            };
            let Some(due) = first.with_day(day.min(last.day())) else { continue };
            let (year, number) = (month.div_euclid(12), month.rem_euclid(12) as u32 + 1);
            let produced = |kind: ReportKind| {
                self.ctx
                    .records
                    .reports
                    .iter()
                    .any(|r| r.year == year && r.month == number && r.kind == kind)
            };
            let missing: Vec<(&str, &str)> = [
                (ReportKind::Complaints, "complaint/query summary", "投诉查询汇总"),
                (ReportKind::Visits, "visit summary", "走访总结"),
            ]
            .into_iter()
            .filter(|(kind, _, _)| !produced(*kind))
            .map(|(_, en, zh)| (en, zh))
            .collect();
            if missing.is_empty() {
                continue;
            }
            let label = format!("{year}-{number:02}");
            let en: Vec<&str> = missing.iter().map(|m| m.0).collect();
            let zh: Vec<&str> = missing.iter().map(|m| m.1).collect();
            let detail = Words::new(
                format!("{} for {label}, due on {due} (SVC-MONTHLY-REPORT)", en.join(" and ")),
                format!("{label}{},应于{due}前完成(SVC-MONTHLY-REPORT)", zh.join("和")),
            );
            let record = Reference {
                noun_en: "monthly service report",
                noun_zh: "月度服务报告",
                number: None,
                label,
            };
            let target = Target::MonthlyReport { year, month: number };
            self.push(ItemKind::MonthlyReport, (due, None), None, record, detail, target);
        }
    }

    /// Customers who cross into "at risk" within a week either side.
    pub(super) fn at_risk(&mut self) {
        let mut last: FxHashMap<CustomerId, NaiveDate> = FxHashMap::default();
        for &(customer, day) in self.ctx.records.purchases {
            let slot = last.entry(customer).or_insert(day);
            *slot = (*slot).max(day);
        }
        let mut churn: FxHashMap<CustomerId, NaiveDate> = FxHashMap::default();
        for &(customer, day) in self.ctx.records.churned {
            let slot = churn.entry(customer).or_insert(day);
            *slot = (*slot).max(day);
        }
        let churn_days = self.ctx.settings.churn_days;
        let half = i64::from(churn_days / 2);
        for (id, _) in self.ctx.records.customers {
            let Some(&bought) = last.get(id) else { continue };
            if churn.get(id).is_some_and(|&c| c >= bought) {
                continue;
            }
            let from = plus(bought, half);
            let newly = (from - self.date).num_days().abs() <= WEEK_DAYS;
            let churned = (self.date - bought).num_days() >= i64::from(churn_days);
            if !newly || churned || half == 0 {
                continue;
            }
            let detail = Words::new(
                format!(
                    "no purchase since {bought}: at risk from {from} ({half} days, half the churn \
                     days)"
                ),
                format!("自{bought}起无购买:{from}起有流失风险({half}天,流失天数的一半)"),
            );
            let record = customer_ref(self.name(*id));
            self.push(
                ItemKind::AtRisk,
                (from, None),
                Some(*id),
                record,
                detail,
                Target::Customer(*id),
            );
        }
    }
}

fn opportunity_ref(id: i64, title: &str) -> Reference {
    Reference {
        noun_en: "opportunity",
        noun_zh: "销售机会",
        number: Some(id),
        label: title.to_owned(),
    }
}

fn customer_ref(name: String) -> Reference {
    Reference { noun_en: "customer", noun_zh: "客户", number: None, label: name }
}

/// A revisit slot: its first and last day.
type Slot = (NaiveDate, NaiveDate);

/// The SVC-REVISIT slots around `date` for a delivery on `delivered`: the
/// slot before the one holding `date` (if any) and the one holding it (or
/// the first slot, before it starts). Slots are months 1–12 after the
/// delivery month, then the rest of the quarter, then quarters.
fn revisit_slots(delivered: NaiveDate, date: NaiveDate) -> Option<(Option<Slot>, Slot)> {
    let base = month_index(delivered);
    let mut start = base + 1;
    let mut prev = None;
    loop {
        let end = if start <= base + 12 { start } else { start + 2 - start.rem_euclid(3) };
        let slot = (month_first(start)?, month_last(end)?);
        if date <= slot.1 {
            return Some((prev, slot));
        }
        prev = Some(slot);
        start = end + 1;
    }
}
