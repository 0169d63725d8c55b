//! Guided lessons (DOMAIN §7): one short path per concept — the ladder,
//! RFM, 80/20, the four tiers, CLV, loyalty and satisfaction — each step
//! naming the view it opens, one question for the class and its answer,
//! in 中文 and English. Answers that depend on the data are filled in from
//! the analysis shown. Also the worksheet a lesson exports: each step's
//! question and data, and the answers on a sheet of their own.
//!
//! Domain text (not the UI's), so that the worksheet and any tool can say
//! it; the app's own labels around it live in `ui::i18n_lessons`.

use super::Lang;
use super::analysis::report::{Analysis, ReportKind, tier_counts};
use super::money::format_cents_grouped;
use super::table::{Cell, Table};

/// The view a step opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The relationship ladder board (pipeline panel).
    Ladder,
    Rfm,
    Pareto,
    Tiers,
    Clv,
    Loyalty,
    Satisfaction,
}

impl View {
    /// The report table that holds this view's data (the worksheet's).
    pub fn report(self) -> ReportKind {
        match self {
            Self::Ladder | Self::Loyalty => ReportKind::Ladder,
            Self::Rfm => ReportKind::Rfm,
            Self::Pareto => ReportKind::Pareto,
            Self::Tiers => ReportKind::Tiers,
            Self::Clv => ReportKind::Clv,
            Self::Satisfaction => ReportKind::Satisfaction,
        }
    }
}

/// A text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

const fn t(zh: &'static str, en: &'static str) -> Text {
    Text { zh, en }
}

/// What a step's answer adds from the data shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fact {
    None,
    LadderLargest,
    LargestSegment,
    TopShare,
    K80,
    LargestTier,
    TopClv,
    BestStep,
    SatisfactionByTier,
}

/// One step: the view it opens, a title, the question and the answer
/// (with a fact from the data appended).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub view: View,
    pub title: Text,
    pub question: Text,
    answer: Text,
    fact: Fact,
    /// The what-if controls are shown on this step.
    pub what_if: bool,
}

/// A lesson: one concept and its steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lesson {
    pub title: Text,
    pub steps: &'static [Step],
}

const fn step(view: View, title: Text, question: Text, answer: Text, fact: Fact) -> Step {
    Step { view, title, question, answer, fact, what_if: false }
}

const fn what_if(view: View, title: Text, question: Text, answer: Text) -> Step {
    Step { view, title, question, answer, fact: Fact::None, what_if: true }
}

/// Every lesson, in teaching order.
pub const LESSONS: &[Lesson] = &[
    Lesson {
        title: t("客户关系阶梯", "The relationship ladder"),
        steps: &[
            step(
                View::Ladder,
                t("阶梯上的客户", "Customers on the ladder"),
                t(
                    "哪一级的客户最多？哪一级带来的收入最多？",
                    "Which step holds the most customers, and which brings the most revenue?",
                ),
                t(
                    "底层人多，高层钱多：越往上，每位客户的收入越高。",
                    "The lower steps are crowded, the higher ones pay: revenue per customer grows up the ladder.",
                ),
                Fact::LadderLargest,
            ),
            step(
                View::Ladder,
                t("为什么要往上走", "Why move customers up"),
                t(
                    "公司为什么要把客户推上阶梯，而不只是争取新客户？",
                    "Why does a company move customers up the ladder instead of only winning new ones?",
                ),
                t(
                    "留住并培养老客户比获取新客户便宜；支持者和宣传者还会带来新客户。",
                    "Keeping and growing a customer costs less than winning a new one, and supporters and advocates bring new customers themselves.",
                ),
                Fact::None,
            ),
        ],
    },
    Lesson {
        title: t("RFM 分析", "RFM"),
        steps: &[
            step(
                View::Rfm,
                t("R、F、M 是什么", "What R, F and M measure"),
                t(
                    "R、F、M 各衡量什么？为什么 R 分低是坏事？",
                    "What do R, F and M measure, and why is a low R score bad news?",
                ),
                t(
                    "R 是距最近一次购买的天数（越近分越高），F 是购买次数，M 是购买金额。R 分低说明客户很久没来了。",
                    "R is the days since the last purchase (more recent scores higher), F the number of purchases, M the amount spent. A low R means the customer has not been back for a long time.",
                ),
                Fact::None,
            ),
            step(
                View::Rfm,
                t("细分", "Segments"),
                t(
                    "冠军客户有多少？哪个细分最大？",
                    "How many Champions are there, and which segment is the largest?",
                ),
                t(
                    "细分表从上往下找，客户落入第一个三项分数都符合的细分。",
                    "The segment table is read from the top: a customer falls into the first row whose three ranges all hold its scores.",
                ),
                Fact::LargestSegment,
            ),
            what_if(
                View::Rfm,
                t("假如：改细分表", "What if: edit the segment table"),
                t(
                    "把冠军客户的 R 范围改为 5–5：离开冠军的客户去了哪里？",
                    "Narrow Champions to R 5–5: where do the customers who leave it go?",
                ),
                t(
                    "他们落入下一个符合的细分，多半是忠诚客户：第一条匹配的规则胜出。",
                    "They fall to the next row that holds their scores, mostly Loyal customers: the first matching row wins.",
                ),
            ),
        ],
    },
    Lesson {
        title: t("二分法（80/20）", "The 80/20 rule"),
        steps: &[
            step(
                View::Pareto,
                t("前 20% 的客户", "The top 20%"),
                t(
                    "收入最高的 20% 客户带来多少收入？",
                    "What share of revenue do the top 20% of customers bring?",
                ),
                t(
                    "按金额从高到低排，看曲线在横轴 20% 处的高度。",
                    "Rank customers by amount, highest first, and read the curve at 20% of customers.",
                ),
                Fact::TopShare,
            ),
            step(
                View::Pareto,
                t("80% 的收入", "80% of revenue"),
                t("多少位客户带来 80% 的收入？", "How many customers make 80% of revenue?"),
                t(
                    "从曲线在纵轴 80% 处往下读。比例越小，收入越依赖少数客户。",
                    "Read down from 80% on the revenue axis. The smaller the share, the more revenue depends on a few customers.",
                ),
                Fact::K80,
            ),
        ],
    },
    Lesson {
        title: t("四分法", "The four tiers"),
        steps: &[
            step(
                View::Tiers,
                t("四个层级", "Four tiers"),
                t(
                    "哪个层级人数最多？哪个层级收入最多？",
                    "Which tier is the largest, and which brings the most revenue?",
                ),
                t(
                    "关键（按 CLV 前 20%）且容易的是铂金，关键且困难的是黄金，不关键且困难的是钢铁，其余是重铅。",
                    "Critical (top 20% by CLV) and easy is Platinum, critical and difficult Gold, not critical and difficult Steel, the rest Lead.",
                ),
                Fact::LargestTier,
            ),
            what_if(
                View::Tiers,
                t("假如：关键客户比例", "What if: the critical share"),
                t(
                    "把关键客户比例从 20% 提高到 25%：谁移动了，从哪个层级到哪个层级？",
                    "Raise the critical share from 20% to 25%: who moves, and from which tier to which?",
                ),
                t(
                    "刚好在原分界线下的客户变为关键：重铅 → 铂金（容易的），钢铁 → 黄金（困难的）。没有人往下走。",
                    "Customers just below the old cut-off become critical: Lead → Platinum (the easy ones) and Steel → Gold (the difficult ones). Nobody moves down.",
                ),
            ),
        ],
    },
    Lesson {
        title: t("客户终身价值", "Customer lifetime value"),
        steps: &[
            step(
                View::Clv,
                t("CLV 公式", "The CLV formula"),
                t(
                    "谁的 CLV 最高？公式把哪些项加起来？",
                    "Who has the highest CLV, and what does the formula add up?",
                ),
                t(
                    "CLV = Σ m·r^(t−1)/(1+d)^t：每年的利润乘以留存概率，再折现到今天。",
                    "CLV = Σ m·r^(t−1)/(1+d)^t: each year's margin, times the chance the customer is still there, discounted to today.",
                ),
                Fact::TopClv,
            ),
            what_if(
                View::Clv,
                t("假如：留存率", "What if: retention"),
                t(
                    "把留存率从 80% 降到 60%：CLV 和层级会怎样？",
                    "Lower retention from 80% to 60%: what happens to CLV, and to the tiers?",
                ),
                t(
                    "每位客户的 CLV 都按同一比例下降，排名不变，所以没有人改变层级。改变关键客户比例才会让人移动。",
                    "Every CLV falls by the same factor, so the ranking stays and nobody changes tier. Only the critical share or the difficulty threshold move customers.",
                ),
            ),
        ],
    },
    Lesson {
        title: t("忠诚与满意", "Loyalty and satisfaction"),
        steps: &[
            step(
                View::Loyalty,
                t("忠诚阶梯", "The loyalty ladder"),
                t("哪一级的每位客户价值最高？", "On which step is a customer worth the most?"),
                t(
                    "柱宽是人数，柱高是每位客户的价值，面积是这一级的总收入。",
                    "A bar's width is the number of customers, its height the value per customer, its area the step's revenue.",
                ),
                Fact::BestStep,
            ),
            step(
                View::Satisfaction,
                t("满意状态", "Satisfaction states"),
                t(
                    "哪个层级的不满意答卷最多？公司应该先做什么？",
                    "Which tier has the most dissatisfied answers, and what should the office do first?",
                ),
                t(
                    "感知低于期望就是不满意。先处理关键层级（铂金、黄金）的不满意客户，他们的流失代价最大。",
                    "Perceived below expected is dissatisfied. Start with the dissatisfied customers of the critical tiers (Platinum, Gold): losing them costs most.",
                ),
                Fact::SatisfactionByTier,
            ),
        ],
    },
];

/// Percent with one decimal.
fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// The fact a step adds from the analysis, in `lang` (`None` when the step
/// has none or the data has no customers).
fn fact(fact: Fact, a: &Analysis, lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    let money = |cents: i128| format_cents_grouped(cents);
    match fact {
        Fact::None => None,
        Fact::LadderLargest => ladder_fact(a, lang),
        Fact::LargestSegment => segment_fact(a, lang),
        Fact::TopShare => {
            let p = &a.pareto;
            (p.n > 0).then(|| {
                if zh {
                    format!(
                        "本公司：前 {} 位客户带来 {} 的收入。",
                        p.top20_count,
                        pct(p.top20_share)
                    )
                } else {
                    format!(
                        "Here: the top {} customers bring {} of revenue.",
                        p.top20_count,
                        pct(p.top20_share)
                    )
                }
            })
        }
        Fact::K80 => {
            let p = &a.pareto;
            (p.n > 0).then(|| {
                if zh {
                    format!(
                        "本公司：{} 位（共 {} 位的 {}）。",
                        p.k80,
                        p.n,
                        pct(p.k80_share_of_customers)
                    )
                } else {
                    format!(
                        "Here: {} of {} customers ({}).",
                        p.k80,
                        p.n,
                        pct(p.k80_share_of_customers)
                    )
                }
            })
        }
        Fact::LargestTier => tier_fact(a, lang),
        Fact::TopClv => {
            let top = a.customers.iter().max_by(|x, y| x.clv.clv.total_cmp(&y.clv.clv))?;
            #[allow(clippy::cast_possible_truncation)] // CLV in cents, far below i64::MAX.
            let clv = money(i128::from(top.clv.clv.round() as i64));
            Some(if zh {
                format!("本公司：{} 的 CLV 最高（{clv}）。", top.info.code)
            } else {
                format!("Here: {} has the highest CLV ({clv}).", top.info.code)
            })
        }
        Fact::BestStep => {
            let best = a
                .ladder
                .iter()
                .filter(|r| r.customers > 0)
                .max_by(|x, y| x.avg_revenue.total_cmp(&y.avg_revenue))?;
            #[allow(clippy::cast_possible_truncation)]
            let avg = money(i128::from(best.avg_revenue.round() as i64));
            Some(if zh {
                format!("本公司：{}（每位 {avg}）。", best.step.name(lang))
            } else {
                format!("Here: {} ({avg} per customer).", best.step.name(lang))
            })
        }
        Fact::SatisfactionByTier => {
            let (tier, counts) = a.satisfaction_by_tier.iter().max_by_key(|(_, c)| c[0])?;
            (counts[0] > 0).then(|| {
                let total: u32 = a.satisfaction_by_tier.iter().map(|(_, c)| c[0]).sum();
                if zh {
                    format!(
                        "本公司：{}（{} 份，共 {total} 份不满意）。",
                        tier.name(lang),
                        counts[0]
                    )
                } else {
                    format!(
                        "Here: {} ({} of {total} dissatisfied answers).",
                        tier.name(lang),
                        counts[0]
                    )
                }
            })
        }
    }
}

/// The ladder step with the most customers and the one with the most revenue.
fn ladder_fact(a: &Analysis, lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    let money = |cents: i128| format_cents_grouped(cents);
    let most = a.ladder.iter().max_by_key(|r| r.customers)?;
    let rich = a.ladder.iter().max_by_key(|r| r.revenue_cents)?;
    Some(if zh {
        format!(
            "本公司：{}的客户最多（{} 位）；{}的收入最多（{}）。",
            most.step.name(lang),
            most.customers,
            rich.step.name(lang),
            money(rich.revenue_cents)
        )
    } else {
        format!(
            "Here: {} has the most customers ({}); {} brings the most revenue ({}).",
            most.step.name(lang),
            most.customers,
            rich.step.name(lang),
            money(rich.revenue_cents)
        )
    })
}

/// How many customers the first segment has, and the largest segment.
fn segment_fact(a: &Analysis, lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    let mut counts = vec![0usize; a.segments.len() + 1];
    for c in &a.customers {
        if let Some(n) = counts.get_mut(c.rfm.segment) {
            *n += 1;
        }
    }
    let (largest, n) = counts.iter().enumerate().max_by_key(|(i, n)| (**n, usize::MAX - i))?;
    let name = super::analysis::rfm::segment_name(&a.segments, largest, lang);
    let first = super::analysis::rfm::segment_name(&a.segments, 0, lang);
    Some(if zh {
        format!("本公司：{first} {} 位；最大的细分是{name}（{n} 位）。", counts[0])
    } else {
        format!("Here: {} {first}; the largest segment is {name} ({n}).", counts[0])
    })
}

/// The largest tier and the one with the most revenue.
fn tier_fact(a: &Analysis, lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    let money = |cents: i128| format_cents_grouped(cents);
    let counts = tier_counts(a);
    let big = counts.iter().max_by_key(|(_, n, _)| *n)?;
    let rich = counts.iter().max_by_key(|(_, _, r)| *r)?;
    Some(if zh {
        format!(
            "本公司：{}人数最多（{} 位）；{}收入最多（{}）。",
            big.0.name(lang),
            big.1,
            rich.0.name(lang),
            money(rich.2)
        )
    } else {
        format!(
            "Here: {} is the largest ({}); {} brings the most revenue ({}).",
            big.0.name(lang),
            big.1,
            rich.0.name(lang),
            money(rich.2)
        )
    })
}

impl Step {
    /// The answer in `lang`, with what the data shown says (when there is
    /// an analysis).
    pub fn answer(&self, a: Option<&Analysis>, lang: Lang) -> String {
        let text = self.answer.get(lang);
        match a.and_then(|a| fact(self.fact, a, lang)) {
            Some(f) => format!("{text}\n{f}"),
            None => text.to_owned(),
        }
    }
}

/// One sheet of a worksheet: lines of text above a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// At most 31 characters, none of `[]:*?/\` (a spreadsheet's rule).
    pub name: String,
    pub lines: Vec<String>,
    pub table: Table,
}

/// A lesson as a worksheet: a sheet per step (its title, question and data)
/// and, last, the answers for the trainer.
pub fn worksheet(lesson: &Lesson, a: &Analysis, lang: Lang) -> Vec<Sheet> {
    let zh = lang == Lang::Zh;
    let mut sheets: Vec<Sheet> = lesson
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let snapshot = a.snapshot.map(|d| d.to_string()).unwrap_or_default();
            Sheet {
                name: sheet_name(i + 1, s.title.get(lang)),
                lines: vec![
                    format!("{} · {}", lesson.title.get(lang), s.title.get(lang)),
                    format!("{}{}", if zh { "问题：" } else { "Question: " }, s.question.get(lang)),
                    if zh {
                        format!("数据截至 {snapshot}")
                    } else {
                        format!("Data as of {snapshot}")
                    },
                ],
                table: s.view.report().table(a),
            }
        })
        .collect();
    let header: [&str; 3] =
        if zh { ["步骤", "问题", "答案"] } else { ["step", "question", "answer"] };
    let mut answers = Table::new(&header);
    for (i, s) in lesson.steps.iter().enumerate() {
        answers.push(vec![
            Cell::Int(i64::try_from(i + 1).unwrap_or(i64::MAX)),
            Cell::Text(s.question.get(lang).to_owned()),
            Cell::Text(s.answer(Some(a), lang)),
        ]);
    }
    sheets.push(Sheet {
        name: (if zh { "答案" } else { "Answers" }).to_owned(),
        lines: vec![format!(
            "{} · {}",
            lesson.title.get(lang),
            if zh { "答案（给讲师）" } else { "Answers (for the trainer)" }
        )],
        table: answers,
    });
    sheets
}

/// `"N title"` cut to a spreadsheet's 31 characters, without the characters
/// a sheet name may not hold.
fn sheet_name(n: usize, title: &str) -> String {
    let clean: String =
        title.chars().map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c }).collect();
    format!("{n} {clean}").chars().take(31).collect::<String>().trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_says_everything_in_both_languages() {
        let mut views = Vec::new();
        for lesson in LESSONS {
            assert!(!lesson.title.zh.is_empty() && !lesson.title.en.is_empty());
            assert!(!lesson.steps.is_empty());
            for s in lesson.steps {
                for text in [s.title, s.question, s.answer] {
                    assert!(!text.zh.is_empty() && !text.en.is_empty(), "{text:?}");
                    assert!(text.zh.chars().any(|c| c > '\u{2e80}'), "中文: {text:?}");
                    assert_ne!(text.zh, text.en);
                }
                views.push(s.view);
            }
        }
        // The path of DOMAIN §7, in its order, with every view.
        let firsts: Vec<View> = LESSONS.iter().map(|l| l.steps[0].view).collect();
        assert_eq!(
            firsts,
            [View::Ladder, View::Rfm, View::Pareto, View::Tiers, View::Clv, View::Loyalty]
        );
        assert!(views.contains(&View::Satisfaction));
        let what_ifs: Vec<View> =
            LESSONS.iter().flat_map(|l| l.steps).filter(|s| s.what_if).map(|s| s.view).collect();
        assert_eq!(what_ifs, [View::Rfm, View::Tiers, View::Clv]);
    }

    #[test]
    fn sheet_names_fit_a_spreadsheet() {
        assert_eq!(
            sheet_name(1, "What if: edit the segment table"),
            "1 What if  edit the segment tab"
        );
        assert_eq!(sheet_name(2, "细分"), "2 细分");
        for lesson in LESSONS {
            for (i, s) in lesson.steps.iter().enumerate() {
                for lang in [Lang::En, Lang::Zh] {
                    let name = sheet_name(i + 1, s.title.get(lang));
                    assert!(name.chars().count() <= 31 && !name.contains(':'), "{name}");
                }
            }
        }
    }
}
