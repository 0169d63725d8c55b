//! The sentences of an [`Explanation`], in 中文 and English, with the
//! customer's own numbers in the formulas: what `ladder explain --text`
//! prints and the app's Explain window shows (like the other domain
//! vocabularies, they carry both languages here, so the CLI can say them
//! without the interface layer).

use super::explain::{Explanation, Figure, Metric};
use super::rfm::{EmptyCause, EmptyScore, SegmentRule, bucket_start};
use crate::domain::Lang;
use crate::domain::money::format_cents_grouped;
use crate::domain::terms::Tier;

/// One of two texts by language.
fn pick(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A whole number with thousands separators: `23,570`.
pub fn grouped(n: impl Into<i128>) -> String {
    let n: i128 = n.into();
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn count(n: usize) -> String {
    grouped(i128::try_from(n).unwrap_or(i128::MAX))
}

/// Yuan from cents (an `f64` sum), rounded to the cent: `¥1,234.56`.
fn yuan(cents: f64) -> String {
    #[allow(clippy::cast_possible_truncation)] // Display of a money figure.
    let whole = cents.round() as i128;
    format!("¥{}", format_cents_grouped(whole))
}

/// A fraction as a percentage without needless zeros: 0.3 → `30%`.
fn percent(x: f64) -> String {
    let text = format!("{:.2}", x * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

/// The title of a figure's section.
pub fn title(figure: Figure, lang: Lang) -> &'static str {
    let (en, zh) = match figure {
        Figure::Recency => ("Recency R", "最近购买 R"),
        Figure::Frequency => ("Frequency F", "购买频率 F"),
        Figure::Monetary => ("Monetary M", "消费金额 M"),
        Figure::Cell => ("RFM cell", "RFM 单元"),
        Figure::Segment => ("Segment", "客户细分"),
        Figure::Clv => ("Lifetime value (CLV)", "终身价值 CLV"),
        Figure::Importance => ("Strategic importance", "战略重要性"),
        Figure::Difficulty => ("Management difficulty", "管理难度"),
        Figure::Tier => ("Tier", "层级"),
    };
    if lang == Lang::En { en } else { zh }
}

/// Every section with its title, one sentence a line: `--text`.
pub fn text(e: &Explanation, lang: Lang) -> String {
    let mut out = pick(
        lang,
        format!("Customer {} as of {}, among {} customers ranked", e.code, e.snapshot, count(e.n)),
        format!("客户 {}，快照日 {}，参与排名的客户 {} 位", e.code, e.snapshot, count(e.n)),
    );
    out.push('\n');
    for figure in Figure::ALL {
        out.push('\n');
        out.push_str(title(figure, lang));
        out.push('\n');
        for line in section(e, figure, lang) {
            out.push_str("  ");
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The sentences of one figure's derivation.
pub fn section(e: &Explanation, figure: Figure, lang: Lang) -> Vec<String> {
    match figure {
        Figure::Recency | Figure::Frequency | Figure::Monetary => metric_lines(e, figure, lang),
        Figure::Cell => {
            let [r, f, m] = e.metrics.map(|x| x.score);
            vec![pick(
                lang,
                format!(
                    "RFM cell = the scores R, F, M written side by side = {r} {f} {m} → {}.",
                    e.cell
                ),
                format!("RFM 单元 = R、F、M 三个分数依次写在一起 = {r} {f} {m} → {}。", e.cell),
            )]
        }
        Figure::Segment => segment_lines(e, lang),
        Figure::Clv => clv_lines(e, lang),
        Figure::Importance => importance_lines(e, lang),
        Figure::Difficulty => difficulty_lines(e, lang),
        Figure::Tier => tier_lines(e, lang),
    }
}

/// "1 day", "12 days".
fn days_en(n: i64) -> String {
    if n == 1 { "1 day".to_owned() } else { format!("{} days", grouped(n)) }
}

/// "1 purchase", "76 purchases".
fn purchases_en(n: i64) -> String {
    if n == 1 { "1 purchase".to_owned() } else { format!("{} purchases", grouped(n)) }
}

/// A metric's value in words: days, purchases or yuan.
fn value_text(k: usize, value: i64, lang: Lang) -> String {
    match (k, lang) {
        (0, Lang::En) => days_en(value),
        (0, Lang::Zh) => format!("{} 天", grouped(value)),
        (1, Lang::En) => purchases_en(value),
        (1, Lang::Zh) => format!("{} 次", grouped(value)),
        _ => format!("¥{}", format_cents_grouped(value)),
    }
}

fn metric_lines(e: &Explanation, figure: Figure, lang: Lang) -> Vec<String> {
    let k = match figure {
        Figure::Recency => 0,
        Figure::Frequency => 1,
        _ => 2,
    };
    let Metric { value, position, bucket, score, tied } = e.metrics[k];
    let (p, n) = (count(position), count(e.n));
    let letter = ["R", "F", "M"][k];
    let formula = if k == 0 {
        format!("R = 6 − (⌊5 × {p} / {n}⌋ + 1) = 6 − {bucket} = {score}")
    } else {
        format!("{letter} = ⌊5 × {p} / {n}⌋ + 1 = {score}")
    };
    let mut lines = vec![match k {
        0 => pick(
            lang,
            format!(
                "{formula}: last purchase {}, {} before the snapshot; {p} customers bought more recently.",
                e.last,
                days_en(value)
            ),
            format!(
                "{formula}：最近一次购买在 {}，距快照日 {} 天；有 {p} 位客户购买得更近。",
                e.last,
                grouped(value)
            ),
        ),
        1 => pick(
            lang,
            format!("{formula}: {}; {p} customers bought fewer times.", purchases_en(value)),
            format!("{formula}：共购买 {} 次；有 {p} 位客户购买次数更少。", grouped(value)),
        ),
        _ => pick(
            lang,
            format!(
                "{formula}: ¥{} in all; {p} customers spent less.",
                format_cents_grouped(value)
            ),
            format!(
                "{formula}：累计消费 ¥{}；有 {p} 位客户消费更少。",
                format_cents_grouped(value)
            ),
        ),
    }];
    lines.push(pick(
        lang,
        format!(
            "The position is where the value first appears when the {n} customers are sorted ascending{}, counted from 0.",
            if k == 0 { " (most recent first)" } else { "" }
        ),
        format!(
            "位置 = 把 {n} 位客户按该值从小到大排序{}后，该值第一次出现的位置（从 0 数起）。",
            if k == 0 { "（最近购买的在前）" } else { "" }
        ),
    ));
    if tied > 0 {
        lines.push(pick(
            lang,
            format!(
                "{} other customers have the same value and share position {p}: equal values take the score of the first of them.",
                count(tied)
            ),
            format!(
                "另有 {} 位客户的值相同，共用位置 {p}：相同的值取其中第一位的分数。",
                count(tied)
            ),
        ));
    }
    for empty in &e.empty_scores[k] {
        lines.push(empty_line(letter, k, e.n, empty, lang));
    }
    lines
}

/// Why no customer has this score in column `k`.
pub fn empty_line(letter: &str, k: usize, n: usize, empty: &EmptyScore, lang: Lang) -> String {
    let score = empty.score;
    match empty.cause {
        EmptyCause::Tied { value, first, count: tied, score_taken } => {
            let b = if k == 0 { 6 - score } else { score };
            let start = bucket_start(b, n);
            let value = value_text(k, value, lang);
            pick(
                lang,
                format!(
                    "No customer has {letter} {score}: its positions start at ⌈{} × {} / 5⌉ = {}, inside the {} customers tied at {value} from position {}, who all get {letter} {score_taken}.",
                    b - 1,
                    count(n),
                    count(start),
                    count(tied),
                    count(first)
                ),
                format!(
                    "没有客户得到 {letter} {score}：这个分数的位置从 ⌈{} × {} / 5⌉ = {} 开始，正落在从位置 {} 起、值同为 {value} 的 {} 位并列客户之中，他们都得到 {letter} {score_taken}。",
                    b - 1,
                    count(n),
                    count(start),
                    count(first),
                    count(tied)
                ),
            )
        }
        EmptyCause::TooFew => pick(
            lang,
            format!(
                "No customer has {letter} {score}: with {} customers no position gives it.",
                count(n)
            ),
            format!(
                "没有客户得到 {letter} {score}：只有 {} 位客户，没有哪个位置能得到这个分数。",
                count(n)
            ),
        ),
    }
}

/// The ranges of a segment row: `R 4–5, F 4–5, M 4–5`.
fn ranges(rule: &SegmentRule) -> String {
    format!("R {}–{}, F {}–{}, M {}–{}", rule.r.0, rule.r.1, rule.f.0, rule.f.1, rule.m.0, rule.m.1)
}

/// The first score of the customer a row's ranges leave out.
fn first_miss(rule: &SegmentRule, scores: [u8; 3]) -> Option<(&'static str, (u8, u8), u8)> {
    [("R", rule.r), ("F", rule.f), ("M", rule.m)]
        .into_iter()
        .zip(scores)
        .find(|((_, (lo, hi)), s)| s < lo || s > hi)
        .map(|((letter, range), s)| (letter, range, s))
}

fn segment_lines(e: &Explanation, lang: Lang) -> Vec<String> {
    let scores = e.metrics.map(|x| x.score);
    let [r, f, m] = scores;
    let mut lines = vec![pick(
        lang,
        format!(
            "The segment table is tried row by row; the first row whose ranges hold R {r}, F {f} and M {m} wins."
        ),
        format!("按顺序逐行比对细分表，第一个 R、F、M 范围同时包含 {r}、{f}、{m} 的行胜出。"),
    )];
    for (i, rule) in e.rules.iter().enumerate().take(e.segment) {
        if let Some((letter, (lo, hi), s)) = first_miss(rule, scores) {
            let name = rule.name(lang);
            lines.push(pick(
                lang,
                format!("Row {} {name}: needs {letter} {lo}–{hi}, {letter} is {s}.", i + 1),
                format!("第 {} 行 {name}：需要 {letter} {lo}–{hi}，而 {letter} 为 {s}。", i + 1),
            ));
        }
    }
    lines.push(match e.segment_rule() {
        Some(rule) => {
            let name = rule.name(lang);
            pick(
                lang,
                format!(
                    "Row {} {name} ({}) holds all three → {name}.",
                    e.segment + 1,
                    ranges(rule)
                ),
                format!("第 {} 行 {name}（{}）三者都包含 → {name}。", e.segment + 1, ranges(rule)),
            )
        }
        None => pick(
            lang,
            format!("No row holds all three → {}.", e.segment_name(lang)),
            format!("没有任何一行同时包含三者 → {}。", e.segment_name(lang)),
        ),
    });
    lines
}

fn clv_lines(e: &Explanation, lang: Lang) -> Vec<String> {
    let p = &e.clv_params;
    let years = format!("{:.4}", e.observed_years);
    let monetary = format!("¥{}", format_cents_grouped(e.metrics[2].value));
    let m = yuan(e.annual_margin);
    let mut lines = vec![
        pick(
            lang,
            format!(
                "Observed years = max({} days ÷ 365.25, 1/12) = {years} (first purchase {}).",
                grouped(e.observed_days),
                e.first
            ),
            format!(
                "观察年数 = max({} 天 ÷ 365.25, 1/12) = {years}（首次购买 {}）。",
                grouped(e.observed_days),
                e.first
            ),
        ),
        pick(
            lang,
            format!(
                "Annual margin m = (M ÷ observed years) × margin rate = ({monetary} ÷ {years}) × {} = {m}.",
                percent(p.margin_rate)
            ),
            format!(
                "年利润 m = (M ÷ 观察年数) × 利润率 = ({monetary} ÷ {years}) × {} = {m}。",
                percent(p.margin_rate)
            ),
        ),
        pick(
            lang,
            format!(
                "CLV = Σ m · r^(t−1) / (1 + d)^t for t = 1…{}, with retention r = {} and discount d = {}:",
                p.horizon_years,
                percent(p.retention),
                percent(p.discount)
            ),
            format!(
                "CLV = Σ m · r^(t−1) / (1 + d)^t，t = 1…{}，保留率 r = {}，折现率 d = {}：",
                p.horizon_years,
                percent(p.retention),
                percent(p.discount)
            ),
        ),
    ];
    for t in &e.terms {
        let body = format!("{m} × {:.4} ÷ {:.4} = {}", t.kept, t.growth, yuan(t.value));
        lines.push(pick(
            lang,
            format!("year {}: {body}", t.year),
            format!("第 {} 年：{body}", t.year),
        ));
    }
    let sum: Vec<String> = e.terms.iter().map(|t| yuan(t.value)).collect();
    let sum = if sum.is_empty() { "0".to_owned() } else { sum.join(" + ") };
    lines.push(pick(
        lang,
        format!("CLV = {sum} = {}.", yuan(e.clv)),
        format!("CLV = {sum} = {}。", yuan(e.clv)),
    ));
    lines
}

fn importance_lines(e: &Explanation, lang: Lang) -> Vec<String> {
    let (h, n, cut) = (count(e.higher), count(e.n), count(e.critical_cutoff));
    let share = e.tier_params.critical_share;
    let mut lines = vec![
        pick(
            lang,
            format!(
                "Importance = 1 − h / n = 1 − {h} / {n} = {:.4}: {h} customers have a higher CLV.",
                e.importance
            ),
            format!(
                "重要性 = 1 − h / n = 1 − {h} / {n} = {:.4}：有 {h} 位客户的 CLV 更高。",
                e.importance
            ),
        ),
        if e.critical_computed {
            pick(
                lang,
                format!(
                    "Critical when h < ⌈{share} × n⌉ = ⌈{share} × {n}⌉ = {cut}: {h} < {cut}, so critical."
                ),
                format!(
                    "h < ⌈{share} × n⌉ = ⌈{share} × {n}⌉ = {cut} 时为关键：{h} < {cut}，所以关键。"
                ),
            )
        } else {
            pick(
                lang,
                format!(
                    "Critical when h < ⌈{share} × n⌉ = ⌈{share} × {n}⌉ = {cut}: {h} ≥ {cut}, so not critical."
                ),
                format!(
                    "h < ⌈{share} × n⌉ = ⌈{share} × {n}⌉ = {cut} 时为关键：{h} ≥ {cut}，所以不关键。"
                ),
            )
        },
    ];
    if e.importance_override.is_some() {
        lines.push(by_hand(
            e.critical,
            e.critical_computed,
            ("critical", "关键"),
            ("not critical", "不关键"),
            lang,
        ));
    }
    lines
}

/// "Set by hand: X (the rule gives Y)."
fn by_hand(set: bool, computed: bool, yes: (&str, &str), no: (&str, &str), lang: Lang) -> String {
    let word = |b: bool| {
        let (en, zh) = if b { yes } else { no };
        if lang == Lang::En { en } else { zh }
    };
    pick(
        lang,
        format!("Set by hand: {} (the rule gives {}).", word(set), word(computed)),
        format!("手工设定：{}（按规则为{}）。", word(set), word(computed)),
    )
}

fn difficulty_lines(e: &Explanation, lang: Lang) -> Vec<String> {
    let (c, o) = (e.complaints_365, e.overdue_followups);
    let poor = u8::from(e.poor_credit);
    let (d, thr) = (e.difficulty, e.tier_params.difficult_threshold);
    let mut lines = vec![
        pick(
            lang,
            format!(
                "Difficulty = complaints in the 365 days before the snapshot + 0.5 × overdue follow-ups + 1 if credit is poor = {c} + 0.5 × {o} + {poor} = {d:.1}."
            ),
            format!(
                "难度 = 快照日前 365 天内的投诉数 + 0.5 × 逾期未跟进数 + 信用差则加 1 = {c} + 0.5 × {o} + {poor} = {d:.1}。"
            ),
        ),
        if e.difficult_computed {
            pick(
                lang,
                format!("Difficult when ≥ {thr:.1}: {d:.1} ≥ {thr:.1}, so difficult."),
                format!("难度 ≥ {thr:.1} 为困难：{d:.1} ≥ {thr:.1}，所以困难。"),
            )
        } else {
            pick(
                lang,
                format!("Difficult when ≥ {thr:.1}: {d:.1} < {thr:.1}, so easy."),
                format!("难度 ≥ {thr:.1} 为困难：{d:.1} < {thr:.1}，所以容易。"),
            )
        },
    ];
    if e.difficulty_override.is_some() {
        lines.push(by_hand(
            e.difficult,
            e.difficult_computed,
            ("difficult", "困难"),
            ("easy", "容易"),
            lang,
        ));
    }
    lines
}

fn tier_lines(e: &Explanation, lang: Lang) -> Vec<String> {
    let name = |t: Tier| t.name(lang);
    let words = |critical: bool, difficult: bool| match lang {
        Lang::En => format!(
            "{} and {}",
            if critical { "critical" } else { "not critical" },
            if difficult { "difficult" } else { "easy" }
        ),
        Lang::Zh => format!(
            "{}且{}",
            if critical { "关键" } else { "不关键" },
            if difficult { "困难" } else { "容易" }
        ),
    };
    let mut lines = vec![
        pick(
            lang,
            format!(
                "The matrix: critical and easy → {}, critical and difficult → {}, not critical and difficult → {}, not critical and easy → {}.",
                name(Tier::Platinum),
                name(Tier::Gold),
                name(Tier::Steel),
                name(Tier::Lead)
            ),
            format!(
                "矩阵：关键且容易 → {}，关键且困难 → {}，不关键且困难 → {}，不关键且容易 → {}。",
                name(Tier::Platinum),
                name(Tier::Gold),
                name(Tier::Steel),
                name(Tier::Lead)
            ),
        ),
        pick(
            lang,
            format!("This customer: {} → {}.", words(e.critical, e.difficult), name(e.tier)),
            format!("本客户：{} → {}。", words(e.critical, e.difficult), name(e.tier)),
        ),
    ];
    if e.tier_by_hand() {
        lines.push(pick(
            lang,
            format!(
                "Set by hand: the computed figures alone give {} → {}; the chart draws the customer as a ring where they were computed.",
                words(e.critical_computed, e.difficult_computed),
                name(e.tier_computed)
            ),
            format!(
                "手工设定：仅按计算为{} → {}；图中以空心圆画在计算所得的位置。",
                words(e.critical_computed, e.difficult_computed),
                name(e.tier_computed)
            ),
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_percentages() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(3_104), "3,104");
        assert_eq!(grouped(23_570), "23,570");
        assert_eq!(grouped(-1_234_567), "-1,234,567");
        assert_eq!(percent(0.3), "30%");
        assert_eq!(percent(0.125), "12.5%");
        assert_eq!(yuan(123_456.4), "¥1,234.56");
    }
}
