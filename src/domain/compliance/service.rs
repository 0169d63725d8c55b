//! Customer service rules (客户服务制度, DOMAIN §4.2): SLA clocks on the
//! complaint ledger, follow-up and revisit cadences, monthly visit coverage
//! and reports, and yearly satisfaction surveys.
//!
//! Subjects are customer codes (empty for the monthly rules about all
//! customers). Boundaries (defaults from the settings):
//! - SLA clocks count working minutes from `received_at` (see
//!   [`super::calendar`]): a query answered after exactly 10, a complaint
//!   resolved after exactly 240, an inquiry first answered after exactly 30
//!   working minutes is compliant; one more minute is a violation. An item
//!   without the answer is a violation once more than the limit had elapsed
//!   by the start of `today`, and is not judged before that. An inquiry
//!   without `first_response_at` but with `resolved_at` counts the
//!   resolution as its first response.
//! - SVC-FOLLOWUP: every opportunity over the whole time it was open, from
//!   its creation to the day it was won or lost (`closed_at`; a due day on
//!   or after that day requires nothing) or, while open, to `today`; a
//!   closed one without `closed_at` is not judged. The next activity linked
//!   to the opportunity is due at most 30 calendar days after its creation
//!   or last activity (30 days is fine, 31 is late; due today is not judged
//!   yet). A late activity is one violation dated on the due day; no
//!   activity is a missing record on the due day and again every 30 days.
//! - SVC-REVISIT: delivery = `delivered_at`, else the won date (`closed_at`
//!   of a won opportunity); lost opportunities are skipped. Slots are the
//!   calendar months 1–12 after the delivery month, then the rest of the
//!   calendar quarter the 13th month falls in, then every calendar quarter. A
//!   `revisit` activity for the customer counts when it is not linked to
//!   another opportunity. A slot is judged once it has ended (before
//!   `today`) and is skipped when the customer is churned at its end.
//! - Active customer at a date D ([`pipeline::is_active`], DOMAIN §4.2): the
//!   latest purchase on or before D lies fewer than `churn_days` days back
//!   (exactly `churn_days` is churned) and no churn record was made on or
//!   after it. Activities never make a customer active. Churned at D (for
//!   SVC-REVISIT): a churn record on or after the latest purchase.
//! - SVC-VISIT-50: each calendar month that has ended and whose last day is
//!   in the period: customers with a `visit` activity in the month, among
//!   those active on its last day, must be at least `visit_coverage_share`
//!   of them (rounded up: 2 of 4 is enough, 2 of 5 is not). No active
//!   customer: nothing required.
//! - SVC-MONTHLY-REPORT: each month's two summaries are due on the
//!   `monthly_report_day` (5th) of the next month, any time that day
//!   (23:59 is in time, the 6th is late). The due day must be in the period.
//! - SVC-LEDGER: every entry received in the period needs a category and a
//!   first handler (首问负责制); a resolved one (resolved time or a
//!   resolved/closed status) needs a resolution, a resolved time and a
//!   matching status; no time may come before `received_at`. An entry that
//!   is otherwise complete but unresolved before `today` is listed as a
//!   missing record (its resolution).
//! - SVC-SURVEY: the clock starts at the customer's first purchase or
//!   survey; the next survey is due at most 365 days later
//!   (365 is fine). A due day on which the customer is not active requires
//!   nothing and restarts the clock from that day. Late and absent surveys
//!   follow SVC-FOLLOWUP (violation once, missing every interval).

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rustc_hash::FxHashMap;

use super::{Context, Records, Tally, Why, add_days};
use crate::domain::Lang;
use crate::domain::customer::CustomerId;
use crate::domain::pipeline;
use crate::domain::records::{Complaint, ReportKind};
use crate::domain::terms::{ActivityKind, ComplaintKind, ComplaintStatus, OpportunityStage};

/// The start of `today`: "now" for open items.
fn now(ctx: &Context) -> NaiveDateTime {
    ctx.today.and_time(chrono::NaiveTime::MIN)
}

fn hm(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// Months as one number, `year * 12 + month0`, for month arithmetic.
pub(crate) fn month_index(date: NaiveDate) -> i32 {
    date.year() * 12 + date.month0() as i32
}

pub(crate) fn month_first(index: i32) -> Option<NaiveDate> {
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    NaiveDate::from_ymd_opt(index.div_euclid(12), month, 1)
}

pub(crate) fn month_last(index: i32) -> Option<NaiveDate> {
    month_first(index + 1)?.pred_opt()
}

fn month_label(index: i32) -> String {
    format!("{}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1)
}

/// Who is active or churned when; built on first use by [`Context::active`]
/// and kept in the [`super::Derived`] of the checks that share it.
/// (Keyed with rustc's Fx hash: the rules look up every customer once per
/// month checked, and SipHash was a fifth of the app's compliance run.)
pub(crate) struct Activeness {
    /// Purchase (transaction) dates per customer, sorted, unique. Activities
    /// are not events here: they never make a customer active (DOMAIN §4.2).
    events: FxHashMap<CustomerId, Vec<NaiveDate>>,
    /// Churn record dates per customer, sorted.
    churn: FxHashMap<CustomerId, Vec<NaiveDate>>,
    churn_days: u32,
    /// How many purchases and churn records it was built from.
    built_from: (usize, usize),
}

impl Activeness {
    pub(crate) fn new(records: &Records, churn_days: u32) -> Self {
        let mut events: FxHashMap<CustomerId, Vec<NaiveDate>> = FxHashMap::default();
        for &(customer, date) in records.purchases {
            events.entry(customer).or_default().push(date);
        }
        for dates in events.values_mut() {
            dates.sort_unstable();
            dates.dedup();
        }
        let mut churn: FxHashMap<CustomerId, Vec<NaiveDate>> = FxHashMap::default();
        for &(customer, date) in records.churned {
            churn.entry(customer).or_default().push(date);
        }
        for dates in churn.values_mut() {
            dates.sort_unstable();
        }
        let built_from = (records.purchases.len(), records.churned.len());
        Self { events, churn, churn_days, built_from }
    }

    /// Whether this could have been built from `records` and `churn_days`
    /// (a check that shares it with checks of other records would be wrong).
    pub(crate) fn fits(&self, records: &Records, churn_days: u32) -> bool {
        let counts = (records.purchases.len(), records.churned.len());
        self.churn_days == churn_days && self.built_from == counts
    }

    /// The customer's first purchase.
    pub(crate) fn first_event(&self, customer: CustomerId) -> Option<NaiveDate> {
        self.events.get(&customer).and_then(|d| d.first().copied())
    }

    /// One customer's events and churn records, looked up once for the
    /// many dates a rule asks about.
    pub(crate) fn of(&self, customer: CustomerId) -> Lifeline<'_> {
        Lifeline {
            events: self.events.get(&customer).map_or(&[], Vec::as_slice),
            churn: self.churn.get(&customer).map_or(&[], Vec::as_slice),
            churn_days: self.churn_days,
        }
    }

    pub(crate) fn is_active(&self, customer: CustomerId, date: NaiveDate) -> bool {
        self.of(customer).is_active(date)
    }
}

/// A customer's purchase and churn dates (see [`Activeness::of`]).
pub(crate) struct Lifeline<'a> {
    events: &'a [NaiveDate],
    churn: &'a [NaiveDate],
    churn_days: u32,
}

impl Lifeline<'_> {
    fn last_on_or_before(dates: &[NaiveDate], date: NaiveDate) -> Option<NaiveDate> {
        let n = dates.partition_point(|&d| d <= date);
        n.checked_sub(1).map(|i| dates[i])
    }

    pub(crate) fn is_churned(&self, date: NaiveDate) -> bool {
        let churn = Self::last_on_or_before(self.churn, date);
        let event = Self::last_on_or_before(self.events, date);
        match (churn, event) {
            (Some(churn), Some(event)) => churn >= event,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    /// Whether the customer is active on `date`: the one definition of
    /// [`pipeline::is_active`] on its latest purchase and churn record.
    pub(crate) fn is_active(&self, date: NaiveDate) -> bool {
        let purchase = Self::last_on_or_before(self.events, date);
        let churn = Self::last_on_or_before(self.churn, date);
        pipeline::is_active(purchase, churn, date, self.churn_days)
    }
}

/// One SLA clock on the ledger: which entries, the limit and the words.
struct Sla {
    kind: ComplaintKind,
    limit: u32,
    done_at: fn(&Complaint) -> Option<NaiveDateTime>,
    done_en: &'static str,
    not_done_en: &'static str,
    done_zh: &'static str,
}

impl Sla {
    /// A clock on entries of `kind`; `words` are the English "done" and "not
    /// done" and the Chinese "done".
    fn new(
        kind: ComplaintKind,
        limit: u32,
        done_at: fn(&Complaint) -> Option<NaiveDateTime>,
        words: [&'static str; 3],
    ) -> Self {
        let [done_en, not_done_en, done_zh] = words;
        Self { kind, limit, done_at, done_en, not_done_en, done_zh }
    }
}

fn sla(ctx: &Context, tally: &mut Tally, clock: &Sla) {
    let limit = i64::from(clock.limit);
    let entries = ctx.records.complaints.iter().filter(|c| c.kind == clock.kind);
    for entry in entries.filter(|c| ctx.period.contains(c.received_at.date())) {
        let received = hm(entry.received_at);
        let why = if let Some(at) = (clock.done_at)(entry) {
            tally.judged();
            let minutes = ctx.calendar.working_minutes_between(entry.received_at, at);
            if minutes <= limit {
                continue;
            }
            Why::new(
                format!(
                    "{} {minutes} working minutes after receipt at {received} (limit {limit})",
                    clock.done_en
                ),
                format!("{received}收到,{minutes}个工作分钟后才{}(限{limit}分钟)", clock.done_zh),
            )
        } else {
            let minutes = ctx.calendar.working_minutes_between(entry.received_at, now(ctx));
            if minutes <= limit {
                continue; // still inside its deadline
            }
            tally.judged();
            Why::new(
                format!(
                    "{} by the start of {}: {minutes} working minutes since receipt at {received} \
                     (limit {limit})",
                    clock.not_done_en, ctx.today
                ),
                format!(
                    "截至{}仍未{},{received}收到后已过{minutes}个工作分钟(限{limit}分钟)",
                    ctx.today, clock.done_zh
                ),
            )
        };
        let subject = ctx.customer_code(entry.customer);
        tally.violation(entry.received_at.date(), subject, format!("complaints#{}", entry.id), why);
    }
}

/// SVC-QUERY-10MIN: a query is answered within 10 working minutes.
pub(crate) fn query(ctx: &Context, tally: &mut Tally) {
    let words = ["answered", "not answered", "答复"];
    let clock =
        Sla::new(ComplaintKind::Query, ctx.settings.query_minutes, |c| c.resolved_at, words);
    sla(ctx, tally, &clock);
}

/// SVC-COMPLAINT-HALFDAY: a complaint is resolved within 240 working minutes.
pub(crate) fn complaint(ctx: &Context, tally: &mut Tally) {
    let words = ["resolved", "not resolved", "处理完毕"];
    let limit = ctx.settings.complaint_minutes;
    let clock = Sla::new(ComplaintKind::Complaint, limit, |c| c.resolved_at, words);
    sla(ctx, tally, &clock);
}

/// SVC-FIRST-30MIN: an inquiry gets a first response within 30 working minutes.
pub(crate) fn first_response(ctx: &Context, tally: &mut Tally) {
    let words = ["first response", "no first response", "首次响应"];
    let limit = ctx.settings.inquiry_first_response_minutes;
    let done_at = |c: &Complaint| c.first_response_at.or(c.resolved_at);
    let clock = Sla::new(ComplaintKind::Inquiry, limit, done_at, words);
    sla(ctx, tally, &clock);
}

/// SVC-LEDGER: ledger entries are complete; unresolved ones stay listed.
pub(crate) fn ledger(ctx: &Context, tally: &mut Tally) {
    for entry in ctx.records.complaints.iter().filter(|c| ctx.period.contains(c.received_at.date()))
    {
        tally.judged();
        let closed_status =
            matches!(entry.status, ComplaintStatus::Resolved | ComplaintStatus::Closed);
        let resolved = entry.resolved_at.is_some() || closed_status;
        let mut reasons = Vec::new();
        if entry.category.trim().is_empty() {
            reasons.push(Why::new("no category", "未分类"));
        }
        if entry.first_handler.trim().is_empty() {
            reasons.push(Why::new("no first handler (首问负责制)", "未登记首问负责人"));
        }
        if resolved && entry.resolution.trim().is_empty() {
            reasons
                .push(Why::new("resolved without a recorded resolution", "已解决但未记录处理结果"));
        }
        if closed_status && entry.resolved_at.is_none() {
            reasons.push(Why::new(
                format!("status {} but no resolved time", entry.status.code()),
                "状态为已解决/已关闭但无解决时间",
            ));
        }
        if !closed_status && entry.resolved_at.is_some() {
            reasons.push(Why::new(
                format!("has a resolved time but status is {}", entry.status.code()),
                "有解决时间但状态仍未解决",
            ));
        }
        let early = |at: Option<NaiveDateTime>| at.is_some_and(|at| at < entry.received_at);
        if early(entry.first_response_at) || early(entry.resolved_at) {
            reasons.push(Why::new(
                "a response or resolution time before receipt",
                "响应或解决时间早于收到时间",
            ));
        }
        let subject = ctx.customer_code(entry.customer);
        let record = format!("complaints#{}", entry.id);
        let date = entry.received_at.date();
        if !reasons.is_empty() {
            if !resolved {
                reasons.push(Why::new("still unresolved", "仍未解决"));
            }
            tally.violation(date, subject, record, Why::join(&reasons));
        } else if !resolved && date < ctx.today {
            let why = Why::new(
                format!(
                    "unresolved since {} ({}, {} {})",
                    hm(entry.received_at),
                    entry.status.name(Lang::En).to_lowercase(),
                    entry.kind.name(Lang::En).to_lowercase(),
                    entry.category
                ),
                format!(
                    "自{}起未解决({}，{}：{})",
                    hm(entry.received_at),
                    entry.status.name(Lang::Zh),
                    entry.kind.name(Lang::Zh),
                    entry.category
                ),
            );
            tally.missing(date, subject, record, why);
        }
    }
}

/// The day `days` days after `prev` when it is still to be judged: in the
/// period and before `until` (today, or an earlier end such as the day an
/// opportunity closed).
fn next_due(ctx: &Context, prev: NaiveDate, days: i64, until: NaiveDate) -> Option<NaiveDate> {
    let due = add_days(prev, days);
    (due <= ctx.period.to && due < until.min(ctx.today)).then_some(due)
}

/// The first of the sorted `dates` after `prev`; `next` is moved past the
/// earlier ones (it only moves forward, as `prev` does).
fn first_after(dates: &[NaiveDate], next: &mut usize, prev: NaiveDate) -> Option<NaiveDate> {
    while dates.get(*next).is_some_and(|&d| d <= prev) {
        *next += 1;
    }
    dates.get(*next).copied()
}

/// SVC-FOLLOWUP: an open opportunity has an activity at least every 30 days.
pub(crate) fn followup(ctx: &Context, tally: &mut Tally) {
    let mut dates: HashMap<i64, Vec<NaiveDate>> = HashMap::new();
    for activity in ctx.records.activities {
        if let Some(id) = activity.opportunity {
            dates.entry(id).or_default().push(activity.at.date());
        }
    }
    for list in dates.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    let days = i64::from(ctx.settings.followup_days);
    for opp in ctx.records.opportunities {
        // Judged over its open life: to the day it closed, or to today.
        let until = match (pipeline::is_open(opp.stage), opp.closed_at) {
            (true, _) => ctx.today,
            (false, Some(closed)) => closed,
            (false, None) => continue,
        };
        let subject = ctx.customer_code(opp.customer);
        let record = format!("opportunities#{}", opp.id);
        let acts = dates.get(&opp.id).map_or(&[][..], Vec::as_slice);
        let mut prev = opp.created_at.date();
        let mut last = (prev, "its creation", "创建");
        let mut next = 0;
        while let Some(due) = next_due(ctx, prev, days, until) {
            let judged = ctx.period.contains(due);
            match first_after(acts, &mut next, prev) {
                Some(at) if at <= due => {}
                Some(at) if judged => {
                    let gap = (at - last.0).num_days();
                    tally.violation(
                        due,
                        subject.clone(),
                        record.clone(),
                        Why::new(
                            format!(
                                "next activity on {at}, {gap} days after {} on {} (limit {days})",
                                last.1, last.0
                            ),
                            format!(
                                "{}({})后{gap}天才有下一次行动({at}),超过{days}天",
                                last.0, last.2
                            ),
                        ),
                    );
                }
                Some(_) => {}
                None if judged => {
                    let gap = (due - last.0).num_days();
                    tally.missing(
                        due,
                        subject.clone(),
                        record.clone(),
                        Why::new(
                            format!(
                                "no activity since {} on {} ({gap} days by {due}; limit {days})",
                                last.1, last.0
                            ),
                            format!("自{}({})起至{due}已{gap}天无行动(限{days}天)", last.0, last.2),
                        ),
                    );
                }
                None => {}
            }
            if judged {
                tally.judged();
            }
            match acts.get(next).copied() {
                Some(at) => {
                    prev = at;
                    last = (at, "the last activity", "上次行动");
                }
                None => prev = due,
            }
        }
    }
}

/// SVC-REVISIT: monthly revisits in months 1–12 after delivery, then quarterly.
pub(crate) fn revisit(ctx: &Context, tally: &mut Tally) {
    let active = ctx.active();
    let mut revisits: HashMap<CustomerId, Vec<(NaiveDate, Option<i64>)>> = HashMap::new();
    for a in ctx.records.activities.iter().filter(|a| a.kind == ActivityKind::Revisit) {
        revisits.entry(a.customer).or_default().push((a.at.date(), a.opportunity));
    }
    for opp in ctx.records.opportunities {
        let delivered = match opp.stage {
            OpportunityStage::Lost => None,
            OpportunityStage::Won => opp.delivered_at.or(opp.closed_at),
            _ => opp.delivered_at,
        };
        let Some(delivered) = delivered else { continue };
        let done = revisits.get(&opp.customer).map_or(&[][..], Vec::as_slice);
        let subject = ctx.customer_code(opp.customer);
        let base = month_index(delivered);
        let mut start = base + 1;
        loop {
            let end = if start <= base + 12 { start } else { start + 2 - start.rem_euclid(3) };
            let (Some(first), Some(last)) = (month_first(start), month_last(end)) else { break };
            if last > ctx.period.to || last >= ctx.today {
                break;
            }
            if ctx.period.contains(last) && !active.of(opp.customer).is_churned(last) {
                tally.judged();
                let counts = |&(date, linked): &(NaiveDate, Option<i64>)| {
                    first <= date && date <= last && linked.is_none_or(|id| id == opp.id)
                };
                if !done.iter().any(counts) {
                    let (which_en, which_zh) = if start <= base + 12 {
                        let n = start - base;
                        (format!("month {n} of 12 after delivery"), format!("交付后第{n}个月"))
                    } else {
                        let q = end.rem_euclid(12) / 3 + 1;
                        let y = end.div_euclid(12);
                        (
                            format!("quarterly after the first year, {y}-Q{q}"),
                            format!("交付满一年后每季度一次,{y}年第{q}季度"),
                        )
                    };
                    let why = Why::new(
                        format!(
                            "no revisit between {first} and {last} ({which_en}; delivered \
                             {delivered})"
                        ),
                        format!("{first}至{last}无回访({which_zh};交付日期{delivered})"),
                    );
                    tally.missing(last, subject.clone(), format!("opportunities#{}", opp.id), why);
                }
            }
            start = end + 1;
        }
    }
}

/// SVC-VISIT-50: each month, visits reach half of the active customers.
pub(crate) fn visits(ctx: &Context, tally: &mut Tally) {
    let active = ctx.active();
    let mut visited: HashMap<i32, HashSet<CustomerId>> = HashMap::new();
    for a in ctx.records.activities.iter().filter(|a| a.kind == ActivityKind::Visit) {
        visited.entry(month_index(a.at.date())).or_default().insert(a.customer);
    }
    let share = ctx.settings.visit_coverage_share.clamp(0.0, 1.0);
    // The months judged, with how many customers were active at each
    // month's end and how many of those were visited in it (counted
    // customer by customer: one lookup of each customer's dates).
    let months: Vec<(i32, NaiveDate, Option<&HashSet<CustomerId>>)> = (month_index(ctx.period.from)
        ..=month_index(ctx.period.to))
        .filter_map(|month| Some((month, month_last(month)?, visited.get(&month))))
        .filter(|&(_, last, _)| ctx.period.contains(last) && last < ctx.today)
        .collect();
    let mut active_and_visited = vec![(0usize, 0usize); months.len()];
    for (id, _) in ctx.records.customers {
        let lifeline = active.of(*id);
        for (&(_, last, seen), counts) in months.iter().zip(&mut active_and_visited) {
            if lifeline.is_active(last) {
                counts.0 += 1;
                counts.1 += usize::from(seen.is_some_and(|s| s.contains(id)));
            }
        }
    }
    for (&(month, last, _), &(total, count)) in months.iter().zip(&active_and_visited) {
        tally.judged();
        // Rounded up, with a little slack so 0.5 × 4 is 2, not 2.0000001.
        let required = (share * total as f64 - 1e-9).ceil().max(0.0) as usize;
        if count < required {
            let pct = (count * 100).checked_div(total).unwrap_or(0);
            let need = (share * 100.0).round();
            let label = month_label(month);
            let why = Why::new(
                format!(
                    "visits reached {count} of {total} active customers ({pct}%) in {label}; \
                     at least {need}% ({required}) required"
                ),
                format!(
                    "{label}走访{count}/{total}位活跃客户({pct}%),要求至少{need}%({required}位)"
                ),
            );
            tally.violation(last, String::new(), format!("visits {label}"), why);
        }
    }
}

/// SVC-MONTHLY-REPORT: last month's two summaries by the 5th of this month.
pub(crate) fn monthly_report(ctx: &Context, tally: &mut Tally) {
    let mut produced: HashMap<(i32, u32, &'static str), NaiveDateTime> = HashMap::new();
    for r in ctx.records.reports {
        let at = produced.entry((r.year, r.month, r.kind.code())).or_insert(r.produced_at);
        *at = (*at).min(r.produced_at);
    }
    let day = ctx.settings.monthly_report_day.max(1);
    for month in month_index(ctx.period.from) - 1..=month_index(ctx.period.to) {
        let (Some(first), Some(last)) = (month_first(month + 1), month_last(month + 1)) else {
            continue;
        };
        let Some(due) = first.with_day(day.min(last.day())) else { continue };
        if !ctx.period.contains(due) {
            continue;
        }
        let label = month_label(month);
        let (year, number) = (month.div_euclid(12), month.rem_euclid(12) as u32 + 1);
        for kind in [ReportKind::Complaints, ReportKind::Visits] {
            let (name_en, name_zh) = match kind {
                ReportKind::Complaints => ("complaint/query summary", "投诉查询汇总"),
                ReportKind::Visits => ("visit summary", "走访总结"),
            };
            let record = format!("service_reports {} {label}", kind.code());
            match produced.get(&(year, number, kind.code())) {
                Some(at) if at.date() <= due => tally.judged(),
                Some(at) => {
                    tally.judged();
                    let at = hm(*at);
                    let why = Why::new(
                        format!(
                            "the {name_en} for {label} was produced at {at}, after the due date \
                             {due}"
                        ),
                        format!("{label}{name_zh}于{at}完成,晚于{due}"),
                    );
                    tally.violation(due, String::new(), record, why);
                }
                None if due < ctx.today => {
                    tally.judged();
                    tally.missing(
                        due,
                        String::new(),
                        record,
                        Why::new(
                            format!("no {name_en} for {label} (due {due})"),
                            format!("缺少{label}{name_zh}(应于{due}前完成)"),
                        ),
                    );
                }
                None => {}
            }
        }
    }
}

/// SVC-SURVEY: each active customer is surveyed at least every 365 days.
pub(crate) fn survey(ctx: &Context, tally: &mut Tally) {
    let active = ctx.active();
    let mut surveys: FxHashMap<CustomerId, Vec<NaiveDate>> = FxHashMap::default();
    for s in ctx.records.surveys {
        surveys.entry(s.customer).or_default().push(s.date);
    }
    for list in surveys.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    let days = i64::from(ctx.settings.survey_interval_days);
    for (customer, code) in ctx.records.customers {
        let done = surveys.get(customer).map_or(&[][..], Vec::as_slice);
        let start = match (active.first_event(*customer), done.first().copied()) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => match a.or(b) {
                Some(start) => start,
                None => continue,
            },
        };
        let record = format!("customers#{}", customer.0);
        let lifeline = active.of(*customer);
        let mut prev = start;
        let mut last = if done.first() == Some(&start) {
            (start, "the last survey", "上次调查")
        } else {
            (start, "the first purchase", "首次购买")
        };
        let mut next = 0;
        while let Some(due) = next_due(ctx, prev, days, ctx.today) {
            let judged = ctx.period.contains(due);
            match first_after(done, &mut next, prev) {
                Some(at) if at <= due => {
                    if judged && lifeline.is_active(due) {
                        tally.judged();
                    }
                    prev = at;
                    last = (at, "the last survey", "上次调查");
                }
                _ if !lifeline.is_active(due) => {
                    // Nothing was due then: the clock restarts that day.
                    prev = due;
                    last = (due, "the last due day while not active", "上次到期日(当时非活跃)");
                }
                Some(at) => {
                    if judged {
                        tally.judged();
                        let gap = (at - last.0).num_days();
                        tally.violation(
                            due,
                            code.clone(),
                            record.clone(),
                            Why::new(
                                format!(
                                    "surveyed on {at}, {gap} days after {} on {} (limit {days})",
                                    last.1, last.0
                                ),
                                format!(
                                    "{}({})后{gap}天才做满意度调查({at}),超过{days}天",
                                    last.0, last.2
                                ),
                            ),
                        );
                    }
                    prev = at;
                    last = (at, "the last survey", "上次调查");
                }
                None => {
                    if judged {
                        tally.judged();
                        let gap = (due - last.0).num_days();
                        let (since, since_en, since_zh) = last;
                        let why = Why::new(
                            format!(
                                "no satisfaction survey since {since_en} on {since} ({gap} days \
                                 by {due}; limit {days})"
                            ),
                            format!(
                                "自{since}({since_zh})起至{due}已{gap}天无满意度调查(限{days}天)"
                            ),
                        );
                        tally.missing(due, code.clone(), record.clone(), why);
                    }
                    prev = due;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
