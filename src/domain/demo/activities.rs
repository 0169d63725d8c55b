//! Activities: follow-ups of opportunities and complaints, visits, revisits and
//! general contacts.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::domain::compliance::calendar::WorkingCalendar;
use crate::domain::customer::CustomerId;
use crate::domain::records::{Activity, Complaint, Opportunity, StageChange};
use crate::domain::terms::{ActivityKind, ComplaintKind, OpportunityStage};

use super::calendar::{
    Period, add_months, at, days, month_last, next_working, office_minute, working_days, ymd,
};
use super::profiles::{Profile, Status};
use super::rng::Rng;
use super::sales::customer_id;

/// (subject, outcome) of general calls, e-mails, meetings and notes.
pub(super) const CALLS: [(&str, &str); 5] = [
    ("确认订单交期", "客户确认下周三到货即可"),
    ("报价跟进", "客户在比价，约定周五前答复"),
    ("了解设备使用情况", "设备运行正常，暂无新需求"),
    ("对账与回款提醒", "客户答应本月底前付款"),
    ("新品推荐", "客户对新款多功能一体机感兴趣"),
];
pub(super) const EMAILS: [(&str, &str); 4] = [
    ("发送报价单", "客户回复已收到"),
    ("发送产品目录", "已发送新版产品目录"),
    ("发送月度对账单", "客户确认无误"),
    ("发送节日问候及促销信息", "已发送"),
];
pub(super) const MEETINGS: [(&str, &str); 3] = [
    ("年度合作洽谈", "初步确定明年采购框架"),
    ("需求调研会", "梳理了三个部门的办公设备需求"),
    ("季度业务回顾", "客户对交付及时性表示满意"),
];
pub(super) const NOTES: [(&str, &str); 4] = [
    ("客户更换采购负责人", "新联系人为行政部刘主管"),
    ("客户反馈价格偏高", "需准备更有竞争力的方案"),
    ("客户办公室搬迁", "已更新地址"),
    ("记录客户沟通偏好", "偏好微信沟通，工作日上午联系"),
];
pub(super) const VISIT_OUTCOMES: [&str; 5] = [
    "了解设备使用情况，运行正常",
    "客户提出增加两台打印机的需求",
    "现场检查耗材库存，建议补货",
    "客户对服务表示满意",
    "收集到客户对送货时间的意见",
];
pub(super) const REVISIT_OUTCOMES: [&str; 4] = [
    "客户对交付设备使用满意",
    "反馈一处小问题，已安排工程师处理",
    "客户暂无新需求",
    "客户询问延保服务",
];
pub(super) const NEXT_STEPS: [&str; 6] =
    ["发送正式报价", "安排上门演示", "确认合同条款", "跟进付款进度", "预约下次拜访", "寄送样品"];

/// What the activity generator reads.
pub(super) struct World<'a> {
    pub(super) period: Period,
    pub(super) cal: &'a WorkingCalendar,
    pub(super) profiles: &'a [Profile],
    pub(super) opportunities: &'a [Opportunity],
    pub(super) stage_changes: &'a [StageChange],
    pub(super) complaints: &'a [Complaint],
}

/// Per month: (customers visited, customers eligible for a visit).
pub(super) type VisitStats = BTreeMap<(i32, u32), (usize, usize)>;

pub(super) fn activity(
    customer: CustomerId,
    kind: ActivityKind,
    at: NaiveDateTime,
    subject: String,
    outcome: &str,
) -> Activity {
    Activity {
        id: 0,
        customer,
        opportunity: None,
        complaint: None,
        kind,
        at,
        subject,
        outcome: outcome.to_owned(),
        next_step: String::new(),
        next_step_due: None,
    }
}

pub(super) fn with_next_step(rng: &mut Rng, mut a: Activity) -> Activity {
    a.next_step = rng.pick(&NEXT_STEPS).to_owned();
    a.next_step_due = Some(a.at.date() + days(rng.range(3, 14)));
    a
}

/// A random working day in `[from, to]`, if there is one.
pub(super) fn working_day_between(
    rng: &mut Rng,
    cal: &WorkingCalendar,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<NaiveDate> {
    let choices = working_days(cal, from, to);
    (!choices.is_empty()).then(|| choices[rng.index(choices.len())])
}

pub(super) fn build_activities(rng: &mut Rng, w: &World) -> (Vec<Activity>, VisitStats) {
    let mut acts = Vec::new();
    opportunity_activities(rng, w, &mut acts);
    revisits(rng, w, &mut acts);
    complaint_activities(rng, w, &mut acts);
    general_activities(rng, w, &mut acts);
    let stats = monthly_visits(rng, w, &mut acts);
    acts.retain(|a| {
        let created = w.profiles[(a.customer.0 - 1) as usize].created;
        a.at.date() <= w.period.end && a.at > created
    });
    acts.sort_by(|a, b| {
        a.at.cmp(&b.at).then(a.customer.cmp(&b.customer)).then(a.kind.cmp(&b.kind))
    });
    plant_overdue_follow_ups(rng, w, &mut acts);
    for (k, a) in acts.iter_mut().enumerate() {
        a.id = k as i64 + 1;
    }
    (acts, stats)
}

/// One activity per stage change, follow-up calls on open opportunities
/// (about a quarter of them neglected), and a next step on the latest one.
pub(super) fn opportunity_activities(rng: &mut Rng, w: &World, acts: &mut Vec<Activity>) {
    for o in w.opportunities {
        let mut latest: Option<Activity> = None;
        for change in w.stage_changes.iter().filter(|c| c.opportunity == o.id) {
            let (kind, subject, outcome) = match change.to {
                OpportunityStage::Lead => (ActivityKind::Call, "初次沟通", "客户有初步意向"),
                OpportunityStage::Qualified => {
                    (ActivityKind::Meeting, "需求调研", "确认预算与时间表")
                }
                OpportunityStage::Proposal => {
                    (ActivityKind::Email, "发送方案与报价", "客户已收到方案")
                }
                OpportunityStage::Negotiation => {
                    (ActivityKind::Meeting, "商务谈判", "就付款条件进行磋商")
                }
                OpportunityStage::Won => (ActivityKind::Meeting, "签约", "合同签订"),
                OpportunityStage::Lost => {
                    (ActivityKind::Call, "确认未成交原因", "客户选择了报价更低的对手")
                }
            };
            let mut a =
                activity(o.customer, kind, change.at, format!("{subject}：{}", o.title), outcome);
            a.opportunity = Some(o.id);
            if let Some(previous) = latest.replace(a) {
                acts.push(previous);
            }
        }
        let open = !matches!(o.stage, OpportunityStage::Won | OpportunityStage::Lost);
        if open
            && !rng.chance(0.25)
            && let Some(mut day) = latest.as_ref().map(|a| a.at.date())
        {
            loop {
                day += days(rng.range(7, 25));
                if day > w.period.end {
                    break;
                }
                let mut a = activity(
                    o.customer,
                    ActivityKind::Call,
                    at(day, office_minute(rng)),
                    format!("跟进：{}", o.title),
                    rng.pick(&CALLS).1,
                );
                a.opportunity = Some(o.id);
                if let Some(previous) = latest.replace(a) {
                    acts.push(previous);
                }
            }
        }
        if let Some(a) = latest {
            acts.push(if open { with_next_step(rng, a) } else { a });
        }
    }
}

/// SVC-REVISIT: revisits (回访) in months 1–12 after delivery, then each
/// calendar quarter; about one in eight is skipped.
pub(super) fn revisits(rng: &mut Rng, w: &World, acts: &mut Vec<Activity>) {
    for o in w.opportunities.iter().filter(|o| o.stage == OpportunityStage::Won) {
        let Some(delivered) = o.delivered_at.or(o.closed_at) else { continue };
        let (y0, m0) = (delivered.year(), delivered.month());
        let mut slots: Vec<(NaiveDate, NaiveDate, String)> = (1..=12)
            .map(|k| {
                let (y, m) = add_months(y0, m0, k);
                (ymd(y, m, 1), month_last(y, m), format!("交付后第{k}个月回访：{}", o.title))
            })
            .collect();
        let (mut y, mut m) = add_months(y0, m0, 13);
        while m % 3 != 1 {
            (y, m) = add_months(y, m, 1);
        }
        while ymd(y, m, 1) <= w.period.end {
            let (qy, qm) = add_months(y, m, 2);
            slots.push((ymd(y, m, 1), month_last(qy, qm), format!("季度回访：{}", o.title)));
            (y, m) = add_months(y, m, 3);
        }
        for (from, to, subject) in slots {
            if from > w.period.end || rng.chance(0.12) {
                continue;
            }
            let from = from.max(delivered + days(1));
            let Some(day) = working_day_between(rng, w.cal, from, to.min(w.period.end)) else {
                continue;
            };
            let mut a = activity(
                o.customer,
                ActivityKind::Revisit,
                at(day, office_minute(rng)),
                subject,
                rng.pick(&REVISIT_OUTCOMES),
            );
            a.opportunity = Some(o.id);
            acts.push(a);
        }
    }
}

/// The first response to every ledger entry, and a revisit after each
/// resolved complaint.
pub(super) fn complaint_activities(rng: &mut Rng, w: &World, acts: &mut Vec<Activity>) {
    for c in w.complaints {
        let Some(first) = c.first_response_at else { continue };
        let kind = if c.channel == "邮件" { ActivityKind::Email } else { ActivityKind::Call };
        let mut a = activity(
            c.customer,
            kind,
            first,
            format!("{}受理：{}", c.kind.name(crate::domain::Lang::Zh), c.category),
            &format!("已受理，由{}负责跟进到底", c.first_handler),
        );
        a.complaint = Some(c.id);
        if c.resolved_at.is_none() {
            a.next_step = "跟进处理结果并答复客户".to_owned();
            a.next_step_due = Some(first.date() + days(2));
        }
        acts.push(a);
        if let (ComplaintKind::Complaint, Some(resolved)) = (c.kind, c.resolved_at) {
            let day = w.cal.add_working_days(resolved.date(), rng.range(1, 3) as u32);
            if day <= w.period.end {
                let outcome = if rng.chance(0.8) {
                    "客户对处理结果满意"
                } else {
                    "客户基本满意，希望加快响应"
                };
                let mut a = activity(
                    c.customer,
                    ActivityKind::Revisit,
                    at(day, office_minute(rng)),
                    format!("投诉处理回访：{}", c.category),
                    outcome,
                );
                a.complaint = Some(c.id);
                acts.push(a);
            }
        }
    }
}

/// A first contact for prospects and, for everyone, about two calls,
/// e-mails, meetings or notes a year; a third of them with a next step.
pub(super) fn general_activities(rng: &mut Rng, w: &World, acts: &mut Vec<Activity>) {
    for (i, p) in w.profiles.iter().enumerate() {
        let created = p.created.date();
        if p.status == Status::Prospect {
            let day = next_working(w.cal, created + days(rng.range(1, 3)));
            let kind = if rng.chance(0.3) { ActivityKind::Visit } else { ActivityKind::Call };
            let subject = if kind == ActivityKind::Visit {
                "上门拜访，介绍公司产品"
            } else {
                "首次电话联系"
            };
            let a = activity(
                customer_id(i),
                kind,
                at(day, office_minute(rng)),
                subject.to_owned(),
                "客户愿意进一步了解",
            );
            acts.push(with_next_step(rng, a));
        }
        let lifetime = (w.period.end - created).num_days();
        let count = rng.range(0, 2) + lifetime * 2 / 365;
        for _ in 0..count {
            let day = next_working(w.cal, created + days(rng.range(1, lifetime.max(1))));
            let kind = [
                ActivityKind::Call,
                ActivityKind::Email,
                ActivityKind::Meeting,
                ActivityKind::Note,
            ][rng.weighted(&[40, 25, 10, 25])];
            let (subject, outcome) = match kind {
                ActivityKind::Call => rng.pick(&CALLS),
                ActivityKind::Email => rng.pick(&EMAILS),
                ActivityKind::Meeting => rng.pick(&MEETINGS),
                _ => rng.pick(&NOTES),
            };
            let a = activity(
                customer_id(i),
                kind,
                at(day, office_minute(rng)),
                subject.to_owned(),
                outcome,
            );
            acts.push(if rng.chance(0.35) { with_next_step(rng, a) } else { a });
        }
    }
}

/// Whether a customer counts for the month's visit target at `day`: created
/// by then and not churned (a purchase in the 365 days before, or none yet).
pub(super) fn visit_eligible(p: &Profile, day: NaiveDate) -> bool {
    p.created.date() < day
        && match (p.first, p.last) {
            (Some(first), Some(last)) => first > day || last > day || (day - last).num_days() < 365,
            _ => true,
        }
}

/// SVC-VISIT-50: each month, visits (走访) to 56–70% of the eligible
/// customers, except two months that fall short (35–44%).
pub(super) fn monthly_visits(rng: &mut Rng, w: &World, acts: &mut Vec<Activity>) -> VisitStats {
    let months = w.period.months();
    let mut low = BTreeSet::new();
    if months.len() >= 6 {
        while low.len() < 2 {
            low.insert(rng.range(1, months.len() as i64 - 2) as usize);
        }
    }
    let mut stats = VisitStats::new();
    for (k, &(y, m)) in months.iter().enumerate() {
        let from = ymd(y, m, 1).max(w.period.start);
        let to = month_last(y, m).min(w.period.end);
        let working = working_days(w.cal, from, to);
        if working.is_empty() {
            continue;
        }
        let mut eligible: Vec<usize> =
            (0..w.profiles.len()).filter(|&i| visit_eligible(&w.profiles[i], to)).collect();
        let share = if low.contains(&k) { rng.range(35, 44) } else { rng.range(56, 70) } as usize;
        let target = (eligible.len() * share).div_ceil(100);
        rng.shuffle(&mut eligible);
        let mut visited = 0;
        for &i in eligible.iter().take(target) {
            let created = w.profiles[i].created.date();
            let days_left: Vec<NaiveDate> =
                working.iter().copied().filter(|d| *d > created).collect();
            if days_left.is_empty() {
                continue;
            }
            let day = days_left[rng.index(days_left.len())];
            let a = activity(
                customer_id(i),
                ActivityKind::Visit,
                at(day, office_minute(rng)),
                "月度走访".to_owned(),
                rng.pick(&VISIT_OUTCOMES),
            );
            acts.push(if rng.chance(0.1) { with_next_step(rng, a) } else { a });
            visited += 1;
        }
        stats.insert((y, m), (visited, eligible.len()));
    }
    stats
}

/// Gives a few customers an overdue follow-up: a next step on their latest
/// activity (at least three weeks old) that is due before the end.
pub(super) fn plant_overdue_follow_ups(rng: &mut Rng, w: &World, acts: &mut [Activity]) {
    let mut latest: BTreeMap<CustomerId, usize> = BTreeMap::new();
    for (k, a) in acts.iter().enumerate() {
        latest.insert(a.customer, k);
    }
    let mut candidates: Vec<usize> = latest
        .values()
        .copied()
        .filter(|&k| acts[k].at.date() + days(21) <= w.period.end)
        .collect();
    rng.shuffle(&mut candidates);
    for k in candidates.into_iter().take((w.profiles.len() / 40).max(1)) {
        let a = &mut acts[k];
        if a.next_step.is_empty() {
            a.next_step = "约定下次拜访时间".to_owned();
        }
        a.next_step_due = Some(a.at.date() + days(rng.range(7, 14)));
    }
}
