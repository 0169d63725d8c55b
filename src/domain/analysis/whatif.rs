//! "What if" in a lesson (DOMAIN §7): the parameters a trainer may change
//! live — the critical share and the difficulty threshold of the four
//! tiers, the RFM segment table and the CLV parameters — and who moved
//! from what to what when the analysis is run again with them.
//!
//! The parameters are a lesson's state, never the office's settings: the
//! analysis is [`super::report::analyse`] with [`WhatIf::settings`], and the
//! database is not touched.

use std::collections::BTreeMap;

use super::clv::ClvParams;
use super::report::Analysis;
use super::rfm::{SegmentRule, segment_name};
use crate::domain::Lang;
use crate::domain::settings::Settings;
use crate::domain::terms::Tier;

/// The parameters a lesson may change.
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIf {
    /// Share of customers (by CLV) that are critical, 0–1.
    pub critical_share: f64,
    /// Difficulty at or above which a customer is difficult.
    pub difficult_threshold: f64,
    /// The RFM segment table, in its order (the first match wins).
    pub segments: Vec<SegmentRule>,
    pub clv: ClvParams,
}

impl WhatIf {
    /// The office's parameters: its settings and the segment table.
    pub fn from_settings(settings: &Settings) -> Self {
        Self {
            critical_share: settings.tier_critical_share,
            difficult_threshold: settings.tier_difficult_threshold,
            segments: settings.rfm_segments.clone(),
            clv: ClvParams::from(settings),
        }
    }

    /// The office's settings with this lesson's parameters in place (for
    /// the analysis only; never stored).
    pub fn settings(&self, office: &Settings) -> Settings {
        Settings {
            tier_critical_share: self.critical_share,
            tier_difficult_threshold: self.difficult_threshold,
            clv_margin_rate: self.clv.margin_rate,
            clv_retention: self.clv.retention,
            clv_discount: self.clv.discount,
            clv_horizon_years: self.clv.horizon_years,
            ..office.clone()
        }
    }

    /// These parameters kept within what the formulas accept: shares and
    /// rates between 0 and 1, a threshold of at least 0, a horizon of 1 to
    /// 50 years, score ranges within 1–5 with low ≤ high.
    #[must_use]
    pub fn clamped(mut self) -> Self {
        let unit = |x: f64| if x.is_finite() { x.clamp(0.0, 1.0) } else { 0.0 };
        self.critical_share = unit(self.critical_share);
        self.difficult_threshold = if self.difficult_threshold.is_finite() {
            self.difficult_threshold.max(0.0)
        } else {
            0.0
        };
        self.clv.margin_rate = unit(self.clv.margin_rate);
        self.clv.retention = unit(self.clv.retention);
        self.clv.discount = unit(self.clv.discount);
        self.clv.horizon_years = self.clv.horizon_years.clamp(1, 50);
        for rule in &mut self.segments {
            for range in [&mut rule.r, &mut rule.f, &mut rule.m] {
                let lo = range.0.clamp(1, 5);
                *range = (lo, range.1.clamp(lo, 5));
            }
        }
        self
    }
}

/// One customer whose tier or segment differs between two analyses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    /// Index into the second analysis's `customers`.
    pub index: usize,
    pub code: String,
    pub tier: (Tier, Tier),
    /// The segment's English name before and after (the tables may differ).
    pub segment_en: (String, String),
    pub segment_zh: (String, String),
}

impl Move {
    /// Whether the tier changed.
    pub fn tier_moved(&self) -> bool {
        self.tier.0 != self.tier.1
    }

    /// Whether the segment changed.
    pub fn segment_moved(&self) -> bool {
        self.segment_en.0 != self.segment_en.1
    }

    /// The segment names before and after in `lang`.
    pub fn segment(&self, lang: Lang) -> (&str, &str) {
        let s = match lang {
            Lang::En => &self.segment_en,
            Lang::Zh => &self.segment_zh,
        };
        (&s.0, &s.1)
    }
}

/// Who moved between two analyses of the same data: every customer whose
/// tier or segment changed, in code order, and how many went each way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Moves {
    pub moved: Vec<Move>,
    /// (from, to) tier and how many customers, most first.
    pub tier_flows: Vec<((Tier, Tier), usize)>,
    /// (from, to) segment (English name) and how many, most first.
    pub segment_flows: Vec<((String, String), usize)>,
}

impl Moves {
    /// Customers whose tier changed.
    pub fn tier_count(&self) -> usize {
        self.tier_flows.iter().map(|(_, n)| n).sum()
    }

    /// Customers whose segment changed.
    pub fn segment_count(&self) -> usize {
        self.segment_flows.iter().map(|(_, n)| n).sum()
    }

    /// Indices (into the second analysis) of the customers that moved.
    pub fn indices(&self) -> Vec<usize> {
        self.moved.iter().map(|m| m.index).collect()
    }
}

/// Sorts counted flows most first, then by name (a stable order to show).
fn ranked<K: Ord + Clone>(counts: BTreeMap<K, usize>) -> Vec<(K, usize)> {
    let mut flows: Vec<(K, usize)> = counts.into_iter().collect();
    flows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    flows
}

/// Who moved from `before` to `after` (two analyses of the same customers,
/// e.g. the office's parameters and a lesson's): customers are matched by
/// code; a customer in only one of them is not a move.
pub fn moves(before: &Analysis, after: &Analysis) -> Moves {
    let old: std::collections::HashMap<&str, usize> =
        before.customers.iter().enumerate().map(|(i, c)| (c.info.code.as_str(), i)).collect();
    let mut out = Moves::default();
    let mut tiers: BTreeMap<(Tier, Tier), usize> = BTreeMap::new();
    let mut segments: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (index, c) in after.customers.iter().enumerate() {
        let Some(&i) = old.get(c.info.code.as_str()) else { continue };
        let b = &before.customers[i];
        let name = |a: &Analysis, s: usize, lang| segment_name(&a.segments, s, lang).to_owned();
        let m = Move {
            index,
            code: c.info.code.clone(),
            tier: (b.tier.tier, c.tier.tier),
            segment_en: (
                name(before, b.rfm.segment, Lang::En),
                name(after, c.rfm.segment, Lang::En),
            ),
            segment_zh: (
                name(before, b.rfm.segment, Lang::Zh),
                name(after, c.rfm.segment, Lang::Zh),
            ),
        };
        if m.tier_moved() {
            *tiers.entry(m.tier).or_default() += 1;
        }
        if m.segment_moved() {
            *segments.entry(m.segment_en.clone()).or_default() += 1;
        }
        if m.tier_moved() || m.segment_moved() {
            out.moved.push(m);
        }
    }
    out.tier_flows = ranked(tiers);
    out.segment_flows = ranked(segments);
    out
}

/// "12 customers moved: 8 Gold → Platinum, 4 Lead → Steel" (tiers) and the
/// same of segments, in `lang`; at most `most` flows each, then "…".
pub fn summary(m: &Moves, lang: Lang, most: usize) -> Vec<String> {
    let zh_name = |en: &str| {
        m.moved
            .iter()
            .find_map(|x| {
                if x.segment_en.0 == en {
                    Some(x.segment_zh.0.clone())
                } else if x.segment_en.1 == en {
                    Some(x.segment_zh.1.clone())
                } else {
                    None
                }
            })
            .unwrap_or_else(|| en.to_owned())
    };
    let list = |flows: Vec<String>| {
        let more = flows.len() > most;
        let mut parts: Vec<String> = flows.into_iter().take(most).collect();
        if more {
            parts.push("…".to_owned());
        }
        parts.join(if lang == Lang::Zh { "；" } else { ", " })
    };
    let tier_parts: Vec<String> = m
        .tier_flows
        .iter()
        .map(|((a, b), n)| format!("{n} {} → {}", a.name(lang), b.name(lang)))
        .collect();
    let segment_parts: Vec<String> = m
        .segment_flows
        .iter()
        .map(|((a, b), n)| match lang {
            Lang::En => format!("{n} {a} → {b}"),
            Lang::Zh => format!("{n} {} → {}", zh_name(a), zh_name(b)),
        })
        .collect();
    let (t, s) = (m.tier_count(), m.segment_count());
    match lang {
        Lang::En => vec![
            if t == 0 {
                "No customer changed tier.".to_owned()
            } else {
                let who = if t == 1 { "customer" } else { "customers" };
                format!("{t} {who} changed tier: {}", list(tier_parts))
            },
            if s == 0 {
                "No customer changed segment.".to_owned()
            } else {
                let who = if s == 1 { "customer" } else { "customers" };
                format!("{s} {who} changed segment: {}", list(segment_parts))
            },
        ],
        Lang::Zh => vec![
            if t == 0 {
                "没有客户改变层级。".to_owned()
            } else {
                format!("{t} 位客户改变了层级：{}", list(tier_parts))
            },
            if s == 0 {
                "没有客户改变细分。".to_owned()
            } else {
                format!("{s} 位客户改变了细分：{}", list(segment_parts))
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::analysis::CustomerAgg;
    use crate::domain::analysis::report::{AnalysisInput, CustomerInfo, analyse};
    use crate::domain::analysis::test_util::d;
    use crate::domain::customer::CustomerId;
    use crate::domain::terms::LadderStep;

    /// Ten customers C-01 … C-10 with one purchase each, C-10 the largest.
    fn input() -> AnalysisInput {
        let customers = (1..=10)
            .map(|i| CustomerInfo {
                id: CustomerId(i),
                code: format!("C-{i:02}"),
                ladder_step: LadderStep::Customer,
                poor_credit: false,
                importance_override: None,
                difficulty_override: None,
            })
            .collect();
        let aggs = (1..=10)
            .map(|i| CustomerAgg {
                customer: CustomerId(i),
                first: d("2024-01-01"),
                last: d("2024-06-01"),
                count: 1,
                monetary_cents: i * 10_000,
            })
            .collect();
        AnalysisInput {
            snapshot: Some(d("2025-01-01")),
            customers,
            aggs,
            transactions: 10,
            ..AnalysisInput::default()
        }
    }

    fn run(w: &WhatIf) -> Analysis {
        analyse(input(), &w.settings(&Settings::default()), w.segments.clone())
    }

    #[test]
    fn the_office_parameters_move_nobody() {
        let office = WhatIf::from_settings(&Settings::default());
        assert_eq!(office.settings(&Settings::default()), Settings::default());
        let a = run(&office);
        assert_eq!(moves(&a, &a), Moves::default());
        assert_eq!(
            summary(&Moves::default(), Lang::En, 3),
            ["No customer changed tier.", "No customer changed segment."]
        );
    }

    #[test]
    fn a_larger_critical_share_moves_the_next_customers_from_lead_to_platinum() {
        let office = WhatIf::from_settings(&Settings::default());
        let wider = WhatIf { critical_share: 0.4, ..office.clone() };
        let (before, after) = (run(&office), run(&wider));
        let m = moves(&before, &after);
        // Top 20% of 10 = C-10, C-09; top 40% adds C-08 and C-07 (no
        // complaints: easy, so critical means Platinum).
        let codes: Vec<&str> = m.moved.iter().map(|x| x.code.as_str()).collect();
        assert_eq!(codes, ["C-07", "C-08"]);
        assert_eq!(m.tier_flows, [((Tier::Lead, Tier::Platinum), 2)]);
        assert_eq!(m.segment_count(), 0, "the RFM scores do not depend on the share");
        assert_eq!(after.customers[m.moved[0].index].info.code, "C-07");
        assert_eq!(summary(&m, Lang::En, 3)[0], "2 customers changed tier: 2 Lead → Platinum");
        assert_eq!(summary(&m, Lang::Zh, 3)[0], "2 位客户改变了层级：2 重铅层级 → 铂金层级");
        // And back: the reverse moves the same customers the other way.
        let back = moves(&after, &before);
        assert_eq!(back.tier_flows, [((Tier::Platinum, Tier::Lead), 2)]);
    }

    #[test]
    fn a_lower_difficulty_threshold_makes_everyone_difficult() {
        let office = WhatIf::from_settings(&Settings::default());
        let zero = WhatIf { difficult_threshold: 0.0, ..office.clone() };
        let m = moves(&run(&office), &run(&zero));
        assert_eq!(
            m.tier_flows,
            [((Tier::Lead, Tier::Steel), 8), ((Tier::Platinum, Tier::Gold), 2)]
        );
        assert_eq!(m.moved.len(), 10);
    }

    #[test]
    fn retention_scales_every_clv_alike_so_nobody_changes_tier() {
        let office = WhatIf::from_settings(&Settings::default());
        let low = WhatIf { clv: ClvParams { retention: 0.5, ..office.clv }, ..office.clone() };
        let (before, after) = (run(&office), run(&low));
        assert!(after.customers[9].clv.clv < before.customers[9].clv.clv);
        assert_eq!(moves(&before, &after).moved, []);
    }

    #[test]
    fn an_edited_segment_table_moves_customers_between_segments() {
        let office = WhatIf::from_settings(&Settings::default());
        // Champions need R 5 only: customers with R 4 fall to the next rule.
        let mut narrow = office.clone();
        narrow.segments[0].r = (5, 5);
        let (before, after) = (run(&office), run(&narrow));
        let m = moves(&before, &after);
        assert!(m.segment_count() > 0 || before.customers.iter().all(|c| c.rfm.segment != 0));
        for x in &m.moved {
            let c = &after.customers[x.index];
            assert_eq!(
                x.segment(Lang::En).1,
                segment_name(&after.segments, c.rfm.segment, Lang::En)
            );
            assert_eq!(x.segment_en.0, "Champions");
            assert!(!x.tier_moved());
        }
    }

    #[test]
    fn summary_names_at_most_the_largest_flows() {
        let m = Moves {
            moved: Vec::new(),
            tier_flows: vec![
                ((Tier::Gold, Tier::Platinum), 8),
                ((Tier::Lead, Tier::Steel), 3),
                ((Tier::Steel, Tier::Gold), 1),
            ],
            segment_flows: Vec::new(),
        };
        assert_eq!(
            summary(&m, Lang::En, 2)[0],
            "12 customers changed tier: 8 Gold → Platinum, 3 Lead → Steel, …"
        );
    }

    #[test]
    fn clamped_keeps_parameters_the_formulas_accept() {
        let mut w = WhatIf::from_settings(&Settings::default());
        w.critical_share = 1.7;
        w.difficult_threshold = -1.0;
        w.clv.retention = f64::NAN;
        w.clv.horizon_years = 0;
        w.segments[0].r = (4, 2);
        w.segments[1].f = (0, 9);
        let w = w.clamped();
        assert_eq!(
            (w.critical_share, w.difficult_threshold, w.clv.retention, w.clv.horizon_years),
            (1.0, 0.0, 0.0, 1)
        );
        assert_eq!((w.segments[0].r, w.segments[1].f), ((4, 4), (1, 5)));
    }
}
