//! Opportunities and their stage paths.

use chrono::Datelike;

use crate::domain::pipeline::default_probability;
use crate::domain::records::{NewCustomer, Opportunity, StageChange};
use crate::domain::terms::{LadderStep, OpportunityStage};

use super::calendar::{Period, at, days, office_minute};
use super::profiles::{Profile, Status};
use super::rng::{Rng, quota};
use super::sales::{EQUIPMENT, customer_id};

/// Opportunity stages in `OpportunityStage::ALL` order.
pub(super) const OPPORTUNITY_WEIGHTS: [u32; 6] = [14, 14, 14, 12, 28, 18];

pub(super) const OPPORTUNITY_TITLES: [&str; 8] = [
    "办公设备年度框架协议",
    "新办公区整体配置方案",
    "打印设备租赁项目",
    "会议室视听系统改造",
    "年度维保服务续约",
    "监控系统升级项目",
    "分公司开业办公用品采购",
    "财务部文印中心建设",
];

/// The funnel before the outcome.
pub(super) const FUNNEL: [OpportunityStage; 4] = [
    OpportunityStage::Lead,
    OpportunityStage::Qualified,
    OpportunityStage::Proposal,
    OpportunityStage::Negotiation,
];

pub(super) fn stage_note(stage: OpportunityStage) -> &'static str {
    match stage {
        OpportunityStage::Lead => "录入线索",
        OpportunityStage::Qualified => "确认需求与预算",
        OpportunityStage::Proposal => "提交方案与报价",
        OpportunityStage::Negotiation => "进入商务谈判",
        OpportunityStage::Won => "签订合同",
        OpportunityStage::Lost => "客户选择了其他供应商",
    }
}

/// The stages an opportunity went through to reach `last`.
pub(super) fn stage_path(rng: &mut Rng, last: OpportunityStage) -> Vec<OpportunityStage> {
    match last {
        OpportunityStage::Won => FUNNEL.iter().copied().chain([last]).collect(),
        OpportunityStage::Lost => {
            FUNNEL[..=rng.index(FUNNEL.len())].iter().copied().chain([last]).collect()
        }
        open => {
            let reached = FUNNEL.iter().position(|s| *s == open).unwrap_or(0);
            FUNNEL[..=reached].to_vec()
        }
    }
}

/// A customer suited to an opportunity that ends in `stage`, created at
/// least ten days before the end.
pub(super) fn opportunity_customer(
    rng: &mut Rng,
    profiles: &[Profile],
    stage: OpportunityStage,
    period: Period,
) -> usize {
    let latest = period.end - days(10);
    let fits = |p: &Profile| match stage {
        OpportunityStage::Won => matches!(p.status, Status::Active | Status::AtRisk),
        OpportunityStage::Lost => p.step != LadderStep::Partner,
        _ => matches!(p.status, Status::Active | Status::Prospect),
    };
    let candidates: Vec<usize> = (0..profiles.len())
        .filter(|&i| fits(&profiles[i]) && profiles[i].created.date() <= latest)
        .collect();
    if !candidates.is_empty() {
        return candidates[rng.index(candidates.len())];
    }
    let early: Vec<usize> =
        (0..profiles.len()).filter(|&i| profiles[i].created.date() <= latest).collect();
    if early.is_empty() { rng.index(profiles.len()) } else { early[rng.index(early.len())] }
}

/// One opportunity that ends in `stage` (id 0) and its stage changes.
pub(super) fn draft_opportunity(
    rng: &mut Rng,
    profiles: &[Profile],
    customers: &[NewCustomer],
    period: Period,
    stage: OpportunityStage,
) -> (Opportunity, Vec<StageChange>) {
    let path = stage_path(rng, stage);
    let c = opportunity_customer(rng, profiles, stage, period);
    let closed = matches!(stage, OpportunityStage::Won | OpportunityStage::Lost);
    let mut gaps: Vec<i64> = (1..path.len()).map(|_| rng.range(3, 20)).collect();
    let total: i64 = gaps.iter().sum();
    let earliest = (profiles[c].created.date() + days(1)).max(period.start);
    let mut first = if closed {
        period.start + days(rng.range(0, (period.days() - total - 1).max(0)))
    } else {
        period.end - days(total + rng.range(1, 40))
    };
    first = first.max(earliest);
    let room = (period.end - first).num_days();
    if total > room {
        let k = gaps.len().max(1) as i64;
        gaps = vec![(room / k).max(1); gaps.len()];
        first = first.min(period.end - days(gaps.iter().sum()));
    }

    let mut date = first;
    let mut changes = Vec::with_capacity(path.len());
    for (k, &to) in path.iter().enumerate() {
        if k > 0 {
            date += days(gaps[k - 1]);
        }
        changes.push(StageChange {
            opportunity: 0,
            from: k.checked_sub(1).map(|j| path[j]),
            to,
            at: at(date, office_minute(rng)),
            note: stage_note(to).to_owned(),
        });
    }
    let last_date = date;
    let size = profiles[c].size.max(1.0);
    let yuan = 20_000.0 * (0.6 + size.sqrt() * 0.5) * (0.5 + rng.unit());
    let expected_value_cents = ((yuan / 1000.0).round().max(3.0) as i64) * 1000 * 100;
    let product = rng.pick(&EQUIPMENT).0;
    let title = if rng.chance(0.4) {
        format!("{product}采购项目")
    } else {
        rng.pick(&OPPORTUNITY_TITLES).to_owned()
    };
    let expected_close = if closed {
        (last_date + days(rng.range(-10, 10))).clamp(first, period.end)
    } else {
        last_date + days(rng.range(14, 75))
    };
    let delivered_at = (stage == OpportunityStage::Won && rng.chance(0.65))
        .then(|| last_date + days(rng.range(7, 40)))
        .filter(|d| *d <= period.end);
    let notes = match stage {
        OpportunityStage::Won => {
            format!("合同编号 HT-{}-{:03}", last_date.year(), rng.range(1, 999))
        }
        OpportunityStage::Lost => "价格高于竞争对手约8%，客户选择了对方".to_owned(),
        _ => String::new(),
    };
    let opportunity = Opportunity {
        id: 0,
        customer: customer_id(c),
        title,
        stage,
        expected_value_cents,
        probability_pct: default_probability(stage),
        expected_close: Some(expected_close),
        created_at: changes[0].at,
        closed_at: closed.then_some(last_date),
        delivered_at,
        owner: customers[c].data.owner.clone(),
        notes,
    };
    (opportunity, changes)
}

pub(super) fn build_opportunities(
    rng: &mut Rng,
    profiles: &[Profile],
    customers: &[NewCustomer],
    period: Period,
) -> (Vec<Opportunity>, Vec<StageChange>) {
    let n = profiles.len();
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    let count = ((n as f64 * 0.28).round() as usize).max(6);
    let mut drafts: Vec<(Opportunity, Vec<StageChange>)> = Vec::new();
    for s in quota(rng, count, &OPPORTUNITY_WEIGHTS) {
        drafts.push(draft_opportunity(rng, profiles, customers, period, OpportunityStage::ALL[s]));
    }
    drafts
        .sort_by(|a, b| a.0.created_at.cmp(&b.0.created_at).then(a.0.customer.cmp(&b.0.customer)));
    let mut opportunities = Vec::with_capacity(drafts.len());
    let mut stage_changes = Vec::new();
    for (k, (mut opportunity, changes)) in drafts.into_iter().enumerate() {
        opportunity.id = k as i64 + 1;
        for mut change in changes {
            change.opportunity = opportunity.id;
            stage_changes.push(change);
        }
        opportunities.push(opportunity);
    }
    (opportunities, stage_changes)
}
