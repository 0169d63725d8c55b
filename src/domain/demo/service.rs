//! The service desk: the complaint ledger, surveys and monthly service reports.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::domain::compliance::calendar::WorkingCalendar;
use crate::domain::customer::CustomerId;
use crate::domain::records::{Complaint, ReportKind, ServiceReport, Survey};
use crate::domain::settings::Settings;
use crate::domain::terms::{ComplaintKind, ComplaintStatus};

use super::activities::{VisitStats, working_day_between};
use super::calendar::{Period, add_months, at, days, next_working, office_minute, ymd};
use super::names::{SERVICE_DESK, STAFF};
use super::profiles::{Profile, Status};
use super::rng::{Rng, quota};
use super::sales::customer_id;

pub(super) const CHANNELS: [&str; 4] = ["电话", "微信", "邮件", "现场"];
pub(super) const CHANNEL_WEIGHTS: [u32; 4] = [45, 25, 15, 15];

/// (category, description, resolution) of queries (查询).
pub(super) const QUERY_TOPICS: [(&str, &str, &str); 4] = [
    ("账单", "查询上月对账单金额", "核对后告知金额并重发对账单"),
    ("配送", "查询订单的配送进度", "告知物流单号及预计到货时间"),
    ("订单", "查询订单是否已发货", "确认已出库并告知发货时间"),
    ("账单", "查询发票开具进度", "告知发票已开具并寄出"),
];

/// (category, description, resolution) of complaints (投诉).
pub(super) const COMPLAINT_TOPICS: [(&str, &str, &str); 6] = [
    ("产品质量", "新购硒鼓漏粉，打印件有黑条", "上门更换硒鼓并赠送清洁套装"),
    ("配送", "送货比约定时间晚了两天", "致歉并减免本单运费，调整配送排班"),
    ("账单", "发票金额与合同不符", "重开发票并加急寄出"),
    ("服务态度", "客服电话中答复不耐烦", "主管致电道歉，对客服进行培训"),
    ("安装", "打印机安装后无法联网打印", "工程师上门重新配置网络"),
    ("产品质量", "办公椅扶手断裂", "更换新椅并延长保修一年"),
];

/// (category, description, resolution) of inquiries (咨询).
pub(super) const INQUIRY_TOPICS: [(&str, &str, &str); 5] = [
    ("产品咨询", "咨询彩色多功能一体机的耗材成本", "发送耗材价格表与单页成本测算"),
    ("价格", "咨询批量采购办公椅的优惠政策", "提供阶梯报价方案"),
    ("安装", "咨询会议室投影仪的安装条件", "说明安装要求并预约现场勘测"),
    ("售后维修", "咨询过保设备的维修收费标准", "发送维修收费标准"),
    ("产品咨询", "咨询设备租赁与购买的区别", "发送租购对比方案"),
];

/// The ledger with, per entry, whether it missed its SLA.
pub(super) struct Ledger {
    pub(super) complaints: Vec<Complaint>,
    pub(super) late: Vec<bool>,
}

pub(super) fn topic(
    rng: &mut Rng,
    kind: ComplaintKind,
) -> (&'static str, &'static str, &'static str) {
    match kind {
        ComplaintKind::Query => rng.pick(&QUERY_TOPICS),
        ComplaintKind::Complaint => rng.pick(&COMPLAINT_TOPICS),
        ComplaintKind::Inquiry => rng.pick(&INQUIRY_TOPICS),
    }
}

/// Whether a ledger entry missed its SLA as of the end of the period.
pub(super) fn misses_sla(
    c: &Complaint,
    cal: &WorkingCalendar,
    s: &Settings,
    now: NaiveDateTime,
) -> bool {
    let minutes =
        |to: Option<NaiveDateTime>| cal.working_minutes_between(c.received_at, to.unwrap_or(now));
    match c.kind {
        ComplaintKind::Query => minutes(c.resolved_at) > i64::from(s.query_minutes),
        ComplaintKind::Complaint => minutes(c.resolved_at) > i64::from(s.complaint_minutes),
        ComplaintKind::Inquiry => {
            minutes(c.first_response_at) > i64::from(s.inquiry_first_response_minutes)
        }
    }
}

/// When an entry is received: a day in `[lo, hi]`, mostly an office minute
/// of a working day, sometimes an evening.
pub(super) fn received_time(
    rng: &mut Rng,
    cal: &WorkingCalendar,
    period: Period,
    lo: NaiveDate,
    hi: NaiveDate,
) -> NaiveDateTime {
    let mut date = (lo + days(rng.range(0, (hi - lo).num_days()))).min(period.end);
    let minute = if rng.chance(0.88) {
        let working = next_working(cal, date);
        if working <= period.end {
            date = working;
        }
        office_minute(rng)
    } else {
        // Evening messages: the SLA clock starts at the next working minute.
        rng.range(18 * 60 + 30, 21 * 60) as u32
    };
    at(date, minute)
}

/// Working minutes to resolve and to respond first to an entry of `kind`;
/// about one in seven is late.
pub(super) fn handling_minutes(rng: &mut Rng, kind: ComplaintKind) -> (i64, i64) {
    let late = rng.chance(0.15);
    match kind {
        ComplaintKind::Query => {
            let r = if late { rng.range(15, 90) } else { rng.range(2, 9) };
            (r, rng.range(1, 3).min(r))
        }
        ComplaintKind::Complaint => {
            let r = if late { rng.range(300, 960) } else { rng.range(40, 225) };
            (r, rng.range(5, 25))
        }
        ComplaintKind::Inquiry => {
            let f = if late { rng.range(45, 150) } else { rng.range(3, 25) };
            (f + rng.range(10, 600), f)
        }
    }
}

pub(super) fn build_complaints(
    rng: &mut Rng,
    profiles: &[Profile],
    period: Period,
    cal: &WorkingCalendar,
    s: &Settings,
) -> Ledger {
    let n = profiles.len();
    if n == 0 {
        return Ledger { complaints: Vec::new(), late: Vec::new() };
    }
    let count = ((n as f64 * 0.2).round() as usize).max(3);
    let kinds: Vec<ComplaintKind> =
        quota(rng, count, &[35, 35, 30]).into_iter().map(|k| ComplaintKind::ALL[k]).collect();
    let complaint_kinds = kinds.iter().filter(|k| **k == ComplaintKind::Complaint).count();
    let buyers: Vec<usize> = (0..n).filter(|&i| profiles[i].first.is_some()).collect();
    let mut repeaters: Vec<usize> =
        buyers.iter().copied().filter(|&i| profiles[i].status == Status::Active).collect();
    rng.shuffle(&mut repeaters);
    let repeat = repeaters.len() >= 2 && complaint_kinds >= 6;
    let unresolved = match count {
        10.. => 3,
        4.. => 1,
        _ => 0,
    };
    let now = at(period.end, 23 * 60 + 59);

    let mut drafts = Vec::with_capacity(count);
    let mut complaint_no = 0;
    for (k, &kind) in kinds.iter().enumerate() {
        let c = if kind == ComplaintKind::Complaint && repeat && complaint_no < 5 {
            repeaters[usize::from(complaint_no >= 3)]
        } else if kind == ComplaintKind::Inquiry || buyers.is_empty() {
            rng.index(n)
        } else {
            buyers[rng.index(buyers.len())]
        };
        if kind == ComplaintKind::Complaint {
            complaint_no += 1;
        }
        let p = &profiles[c];
        let earliest =
            p.first.unwrap_or(p.created.date() + days(1)).max(p.created.date() + days(1));
        let open = k >= count - unresolved;
        let (lo, hi) = if open {
            (earliest.max(period.end - days(6)), period.end)
        } else {
            (earliest, period.end - days(10))
        };
        let received_at = received_time(rng, cal, period, lo, hi);
        let (resolve_minutes, first_minutes) = handling_minutes(rng, kind);
        let (category, description, resolution) = topic(rng, kind);
        let handler = if rng.chance(0.7) {
            rng.pick(&SERVICE_DESK).to_owned()
        } else {
            rng.pick(&STAFF).to_owned()
        };
        let mut first_response_at = Some(cal.add_working_minutes(received_at, first_minutes));
        let mut resolved_at = Some(cal.add_working_minutes(received_at, resolve_minutes));
        if open || resolved_at.is_some_and(|t| t > now) {
            resolved_at = None;
        }
        if first_response_at.is_some_and(|t| t > now) || (open && k + 1 == count) {
            first_response_at = None;
        }
        let status = match (resolved_at, first_response_at) {
            (Some(r), _) if r.date() + days(30) < period.end => ComplaintStatus::Closed,
            (Some(_), _) => ComplaintStatus::Resolved,
            (None, Some(_)) => ComplaintStatus::InProgress,
            (None, None) => ComplaintStatus::Open,
        };
        drafts.push(Complaint {
            id: 0,
            customer: customer_id(c),
            received_at,
            channel: CHANNELS[rng.weighted(&CHANNEL_WEIGHTS)].to_owned(),
            kind,
            category: category.to_owned(),
            description: description.to_owned(),
            first_handler: handler,
            first_response_at,
            resolved_at,
            resolution: if resolved_at.is_some() { resolution.to_owned() } else { String::new() },
            status,
        });
    }
    drafts.sort_by(|a, b| a.received_at.cmp(&b.received_at).then(a.customer.cmp(&b.customer)));
    for (k, c) in drafts.iter_mut().enumerate() {
        c.id = k as i64 + 1;
    }
    let late = drafts.iter().map(|c| misses_sla(c, cal, s, now)).collect();
    Ledger { complaints: drafts, late }
}

// ---------------------------------------------------------------------------
// Surveys
// ---------------------------------------------------------------------------

pub(super) const SURVEY_COMMENTS_LOW: [&str; 4] =
    ["送货不够及时", "价格偏高", "售后响应慢", "耗材质量不稳定"];
pub(super) const SURVEY_COMMENTS_EQUAL: [&str; 4] = ["整体满意", "服务正常", "符合预期", ""];
pub(super) const SURVEY_COMMENTS_HIGH: [&str; 4] =
    ["工程师很专业，超出预期", "响应非常快", "主动提供了节省耗材的建议", "包装和送货都很用心"];

pub(super) fn build_surveys(rng: &mut Rng, profiles: &[Profile], period: Period) -> Vec<Survey> {
    let mut out = Vec::new();
    for (i, p) in profiles.iter().enumerate() {
        let (Some(first), Some(last)) = (p.first, p.last) else { continue };
        let stop = if p.status == Status::Churned { last + days(60) } else { period.end };
        let mut from = first + days(20);
        while from <= stop {
            let to = (from + days(364)).min(stop);
            if rng.chance(0.7) {
                let date = from + days(rng.range(0, (to - from).num_days()));
                let expected = [3, 4, 5][rng.weighted(&[30, 50, 20])];
                let mut shift = [-2, -1, 0, 1, 2][rng.weighted(&[6, 22, 44, 22, 6])];
                if matches!(p.status, Status::Churned | Status::AtRisk) && shift > 0 {
                    shift = -shift;
                }
                let perceived = (expected + shift).clamp(1, 5);
                let comment = match perceived.cmp(&expected) {
                    std::cmp::Ordering::Less => rng.pick(&SURVEY_COMMENTS_LOW),
                    std::cmp::Ordering::Equal => rng.pick(&SURVEY_COMMENTS_EQUAL),
                    std::cmp::Ordering::Greater => rng.pick(&SURVEY_COMMENTS_HIGH),
                };
                out.push(Survey {
                    customer: customer_id(i),
                    date,
                    expected: expected as u8,
                    perceived: perceived as u8,
                    comment: comment.to_owned(),
                });
            }
            from += days(365);
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.customer.cmp(&b.customer)));
    out
}

// ---------------------------------------------------------------------------
// Monthly service reports
// ---------------------------------------------------------------------------

pub(super) const COMPLAINT_ANALYSES: [&str; 4] = [
    "共性问题：月底订单集中导致配送延迟；个性问题：个别客户对发票格式有特殊要求。",
    "共性问题：耗材质量投诉集中在同一批次硒鼓；个性问题：一位客户的网络打印配置较复杂。",
    "共性问题：对账单查询较多，说明对账单不够清晰；个性问题：一位客户多次投诉送货时间。",
    "共性问题：咨询集中在设备租赁方案；个性问题：个别客户对客服答复态度不满。",
];
pub(super) const COMPLAINT_SOLUTIONS: [&str; 4] = [
    "月底增加一条配送线路，并提前一天确认送货时间。",
    "暂停该批次硒鼓出库并联系厂家质检；为复杂网络客户建立配置档案。",
    "改版对账单，增加明细与汇总页；对重复投诉客户指定专人跟进。",
    "整理租赁方案常见问答；对客服开展服务礼仪培训。",
];
pub(super) const VISIT_ANALYSES: [&str; 3] = [
    "多数客户对设备运行情况满意，部分客户提出耗材补货需求。",
    "走访发现三家客户计划扩充办公区，存在新增设备机会。",
    "部分客户反映送货时间不固定，希望提前预约。",
];
pub(super) const VISIT_SOLUTIONS: [&str; 3] = [
    "建立耗材自动补货提醒。",
    "将扩充办公区的客户转为销售线索并指定负责人。",
    "推行送货前一天电话预约。",
];

pub(super) fn build_reports(
    rng: &mut Rng,
    period: Period,
    cal: &WorkingCalendar,
    ledger: &Ledger,
    visits: &VisitStats,
) -> Vec<ServiceReport> {
    // Months whose report is due (the 5th of the next month) by the end.
    let months: Vec<(i32, u32)> = period
        .months()
        .into_iter()
        .filter(|&(y, m)| {
            let (ny, nm) = add_months(y, m, 1);
            ymd(ny, nm, 5) <= period.end
        })
        .collect();
    // Two reports produced late and one visit summary never produced.
    let mut late = BTreeSet::new();
    let mut missing = None;
    if months.len() >= 6 {
        while late.len() < 2 {
            late.insert((rng.index(months.len()), rng.index(2)));
        }
        missing = Some(loop {
            let k = rng.index(months.len());
            if !late.contains(&(k, 1)) {
                break k;
            }
        });
    }
    let mut out = Vec::new();
    for (k, &(y, m)) in months.iter().enumerate() {
        let (ny, nm) = add_months(y, m, 1);
        for (j, kind) in [ReportKind::Complaints, ReportKind::Visits].into_iter().enumerate() {
            if kind == ReportKind::Visits && missing == Some(k) {
                continue;
            }
            let (lo, hi) = if late.contains(&(k, j)) { (6, 12) } else { (1, 5) };
            let day = working_day_between(rng, cal, ymd(ny, nm, lo), ymd(ny, nm, hi))
                .unwrap_or(ymd(ny, nm, hi))
                .min(period.end);
            let produced_at = at(day, office_minute(rng));
            let (summary, analysis, solutions) = match kind {
                ReportKind::Complaints => {
                    let summary = complaint_summary(ledger, y, m);
                    let t = rng.index(COMPLAINT_ANALYSES.len());
                    (summary, COMPLAINT_ANALYSES[t], COMPLAINT_SOLUTIONS[t])
                }
                ReportKind::Visits => {
                    let (visited, eligible) = visits.get(&(y, m)).copied().unwrap_or((0, 0));
                    let pct = (visited * 100).checked_div(eligible).unwrap_or(0);
                    let summary = format!(
                        "{y}年{m}月走访客户 {visited} 家，\
                         占应走访（活跃）客户 {eligible} 家的 {pct}%。"
                    );
                    let t = rng.index(VISIT_ANALYSES.len());
                    (summary, VISIT_ANALYSES[t], VISIT_SOLUTIONS[t])
                }
            };
            out.push(ServiceReport {
                year: y,
                month: m,
                kind,
                produced_at,
                summary,
                analysis: analysis.to_owned(),
                solutions: solutions.to_owned(),
            });
        }
    }
    out
}

/// Counts by kind and category, SLA misses, open items and repeated
/// complaints of one month of the ledger.
pub(super) fn complaint_summary(ledger: &Ledger, y: i32, m: u32) -> String {
    let in_month: Vec<(&Complaint, bool)> = ledger
        .complaints
        .iter()
        .zip(&ledger.late)
        .filter(|(c, _)| c.received_at.year() == y && c.received_at.month() == m)
        .map(|(c, late)| (c, *late))
        .collect();
    if in_month.is_empty() {
        return format!("{y}年{m}月未收到查询、投诉或咨询。");
    }
    let count = |kind: ComplaintKind| in_month.iter().filter(|(c, _)| c.kind == kind).count();
    let mut categories: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_customer: BTreeMap<CustomerId, usize> = BTreeMap::new();
    for (c, _) in &in_month {
        *categories.entry(c.category.as_str()).or_default() += 1;
        if c.kind == ComplaintKind::Complaint {
            *per_customer.entry(c.customer).or_default() += 1;
        }
    }
    let categories: Vec<String> = categories.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let late = in_month.iter().filter(|(_, late)| *late).count();
    let open = in_month.iter().filter(|(c, _)| c.resolved_at.is_none()).count();
    let repeated = per_customer.values().filter(|v| **v > 1).count();
    let (total, categories) = (in_month.len(), categories.join("，"));
    let (query, complaint, inquiry) = (
        count(ComplaintKind::Query),
        count(ComplaintKind::Complaint),
        count(ComplaintKind::Inquiry),
    );
    format!(
        "{y}年{m}月共受理 {total} 件：查询 {query} 件、投诉 {complaint} 件、咨询 {inquiry} 件。\
         按类别：{categories}。超出时限 {late} 件，未解决 {open} 件，重复投诉客户 {repeated} 家。"
    )
}
