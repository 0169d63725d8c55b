//! The Explain window's text and the hints on explainable figures, in 中文
//! and English. (The derivation's sentences are the domain's, in
//! `domain::analysis::explain_text`, shared with `ladder explain --text`.)

/// Text of the Explain window in one language.
pub struct TrExplain {
    /// The window's title: the customer's name and code.
    pub title: fn(&str, &str) -> String,
    /// The hover hint on every figure that opens an explanation.
    pub hint: &'static str,
    /// Above the derivation: the snapshot and how many customers are ranked.
    pub intro: fn(&str, usize) -> String,
    /// Shown while the analysis the explanation needs is not there yet.
    pub waiting: &'static str,
    /// The customer has no purchase before the snapshot.
    pub not_ranked: &'static str,
    pub close: &'static str,
    /// The heading of the figures in the customer detail.
    pub figures: &'static str,
    /// In the customer detail, before the value analysis has run.
    pub no_analysis: &'static str,
    pub open_value: &'static str,
    /// The label of the importance and difficulty columns.
    pub importance: &'static str,
    pub difficulty: &'static str,
    /// The name of the tiers chart's ring series (hand-set tiers).
    pub set_by_hand: &'static str,
    /// Under the RFM grid: no score column is empty.
    pub no_empty: &'static str,
    /// The R score and the days since the last purchase.
    pub recency_value: fn(u8, i64) -> String,
    /// The F score and the number of purchases.
    pub frequency_value: fn(u8, u32) -> String,
}

/// English.
pub const EN: TrExplain = TrExplain {
    title: |name, code| format!("Explain: {name} ({code})"),
    hint: "Click: where does this number come from?",
    intro: |snapshot, n| format!("As of {snapshot}, among {n} customers ranked."),
    waiting: "The value analysis is still running…",
    not_ranked: "No purchase before the snapshot: this customer is not ranked, so it has no R, F, M, CLV or tier.",
    close: "Close",
    figures: "Value figures (click one to explain it)",
    no_analysis: "The value analysis has not run yet.",
    open_value: "Open Value analysis",
    importance: "Importance",
    difficulty: "Difficulty",
    set_by_hand: "set by hand",
    no_empty: "Every score from 1 to 5 has customers in R and in F.",
    recency_value: |r, days| {
        if days == 1 { format!("{r} (1 day ago)") } else { format!("{r} ({days} days ago)") }
    },
    frequency_value: |f, n| format!("{f} ({n} purchases)"),
};

/// 中文.
pub const ZH: TrExplain = TrExplain {
    title: |name, code| format!("数字解释：{name}（{code}）"),
    hint: "点击查看：这个数字是怎么来的？",
    intro: |snapshot, n| format!("快照日 {snapshot}，参与排名的客户 {n} 位。"),
    waiting: "客户价值分析仍在计算……",
    not_ranked: "快照日前没有购买：该客户不参与排名，没有 R、F、M、CLV 和层级。",
    close: "关闭",
    figures: "价值指标（点击任一数字查看解释）",
    no_analysis: "客户价值分析尚未运行。",
    open_value: "打开客户价值分析",
    importance: "重要性",
    difficulty: "难度",
    set_by_hand: "手工设定",
    no_empty: "R 与 F 的 1 至 5 分都有客户。",
    recency_value: |r, days| format!("{r}（{days} 天前）"),
    frequency_value: |f, n| format!("{f}（{n} 次）"),
};
