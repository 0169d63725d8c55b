//! Transactions and churn records.

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::domain::customer::CustomerId;
use crate::domain::records::{ChurnRecord, Transaction};
use crate::domain::settings::Settings;
use crate::domain::terms::ChurnReason;

use super::calendar::{Period, days};
use super::customers::reason_index;
use super::names::CHURN_REASONS;
use super::profiles::Profile;
use super::rng::Rng;

/// Consumables: (product, unit price in cents).
pub(super) const CONSUMABLES: [(&str, i64); 8] = [
    ("A4复印纸（箱）", 12_800),
    ("硒鼓", 35_650),
    ("碳粉盒", 26_800),
    ("墨盒套装", 19_900),
    ("文件夹（百个装）", 8_650),
    ("签字笔（盒）", 3_600),
    ("净水器滤芯", 26_800),
    ("标签打印纸（卷）", 2_850),
];

/// Equipment: (product, unit price in cents).
pub(super) const EQUIPMENT: [(&str, i64); 10] = [
    ("激光打印机", 128_000),
    ("彩色多功能一体机", 468_000),
    ("办公椅", 89_900),
    ("会议桌", 368_000),
    ("文件柜", 115_000),
    ("投影仪", 429_900),
    ("笔记本电脑", 599_900),
    ("网络交换机", 238_000),
    ("监控摄像头", 69_900),
    ("碎纸机", 135_600),
];

/// Services: (product, price in cents).
pub(super) const SERVICES: [(&str, i64); 3] =
    [("安装调试服务", 80_000), ("年度维保服务", 1_200_000), ("设备租赁（月）", 350_000)];

/// One order line for an account of the given size: (product, cents, quantity).
pub(super) fn pick_item(rng: &mut Rng, size: f64) -> (&'static str, i64, i64) {
    let bigness = size.min(30.0) / 30.0;
    let (product, price, quantity) = if rng.chance(0.03 + 0.05 * bigness) {
        let (product, price) = rng.pick(&SERVICES);
        (product, price, 1)
    } else if rng.chance(0.12 + 0.45 * bigness) {
        let (product, price) = rng.pick(&EQUIPMENT);
        (product, price, 1 + rng.below(1 + (size.sqrt() * 1.5) as u64) as i64)
    } else {
        let (product, price) = rng.pick(&CONSUMABLES);
        (product, price, 1 + rng.below(2 + (size.powf(0.6) * 3.0) as u64) as i64)
    };
    let mut amount = price * quantity;
    if rng.chance(0.1) {
        // A 5% discount, rounded down to whole yuan.
        amount = amount * 95 / 100 / 100 * 100;
    }
    (product, amount, quantity)
}

pub(super) fn customer_id(index: usize) -> CustomerId {
    CustomerId(index as i64 + 1)
}

pub(super) fn build_transactions(rng: &mut Rng, profiles: &[Profile]) -> Vec<Transaction> {
    let mut out = Vec::new();
    for (i, p) in profiles.iter().enumerate() {
        let (Some(first), Some(last)) = (p.first, p.last) else { continue };
        let span = (last - first).num_days();
        let mut dates = vec![first];
        if p.purchases >= 2 {
            dates.push(last);
        }
        for _ in 2..p.purchases {
            dates.push(first + days(rng.range(0, span)));
        }
        dates.sort();
        for date in dates {
            let (product, amount_cents, quantity) = pick_item(rng, p.size);
            out.push(Transaction {
                customer: customer_id(i),
                date,
                amount_cents,
                order_no: String::new(),
                product: product.to_owned(),
                quantity: Some(quantity as f64),
            });
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.customer.cmp(&b.customer)));
    let mut sequence: BTreeMap<i32, u32> = BTreeMap::new();
    for t in &mut out {
        let n = sequence.entry(t.date.year()).or_insert(0);
        *n += 1;
        t.order_no = format!("SO-{}-{:06}", t.date.year(), n);
    }
    out
}

/// A plausible estimated win-back cost of the churned customer at `index`
/// whose loss is `loss` (cents), without drawing from the generator (so the
/// rest of the demo stays as it was): a quarter are not estimated yet, the
/// others cost 30 %, 70 % or 130 % of the loss, in whole yuan.
fn winback_cost(index: usize, loss: i64) -> Option<i64> {
    let pct = match index % 4 {
        0 => return None,
        1 => 30,
        2 => 70,
        _ => 130,
    };
    Some((loss * pct / 100 / 100).max(1) * 100)
}

pub(super) fn build_churn(
    rng: &mut Rng,
    profiles: &[Profile],
    transactions: &[Transaction],
    period: Period,
) -> Vec<ChurnRecord> {
    let s = Settings::default();
    let clv_factor: f64 = (1..=s.clv_horizon_years as i32)
        .map(|t| s.clv_retention.powi(t - 1) / (1.0 + s.clv_discount).powi(t))
        .sum();
    let mut revenue = vec![0i64; profiles.len()];
    for t in transactions {
        revenue[(t.customer.0 - 1) as usize] += t.amount_cents;
    }
    let snapshot = period.end + days(1);
    let mut out = Vec::new();
    for (i, p) in profiles.iter().enumerate() {
        let (Some(reason), Some(first), Some(last)) = (p.churn, p.first, p.last) else { continue };
        let years = ((snapshot - first).num_days() as f64 / 365.25).max(1.0 / 12.0);
        let margin = revenue[i] as f64 / years * s.clv_margin_rate;
        let loss = ((margin * clv_factor).round() as i64).max(100);
        let try_repair = match reason {
            ChurnReason::Price | ChurnReason::Service | ChurnReason::Quality => rng.chance(0.75),
            ChurnReason::Competitor | ChurnReason::ContractEnded => rng.chance(0.5),
            _ => false,
        };
        out.push(ChurnRecord {
            customer: customer_id(i),
            recorded_at: (last + days(365 + rng.range(0, 30))).min(period.end),
            reason,
            root_cause: CHURN_REASONS[reason_index(reason)].1.to_owned(),
            try_repair,
            estimated_loss_cents: loss,
            winback_cost_cents: try_repair.then(|| winback_cost(i, loss)).flatten(),
        });
    }
    out.sort_by(|a, b| a.recorded_at.cmp(&b.recorded_at).then(a.customer.cmp(&b.customer)));
    out
}
