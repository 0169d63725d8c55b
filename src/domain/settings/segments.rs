//! The RFM segment table as a setting (DOMAIN §3.1): stored as text, one
//! rule a line, `English name|中文名|R|F|M`, each score range `low-high` (or
//! one score), and checked row by row.

use crate::domain::analysis::rfm::SegmentRule;

/// Which score a range is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Score {
    R,
    F,
    M,
}

/// What is wrong with one row of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SegmentProblem {
    /// The stored line does not have five parts.
    Parts,
    /// A name is empty.
    EmptyName,
    /// A name holds `|` or a line break (the stored form's separators).
    BadCharacter,
    /// Another row has the same name (English or Chinese).
    Duplicate,
    /// A score range is not `low-high` with 1 ≤ low ≤ high ≤ 5.
    BadRange { score: Score, text: String },
}

/// The problems of a whole table: each with its row (1-based); `empty` when
/// the table has no rule at all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableProblems {
    pub empty: bool,
    pub rows: Vec<(usize, SegmentProblem)>,
}

impl TableProblems {
    /// True when the table is fine.
    pub fn is_empty(&self) -> bool {
        !self.empty && self.rows.is_empty()
    }
}

/// The stored text of a table.
pub fn to_text(rules: &[SegmentRule]) -> String {
    let range = |(lo, hi): (u8, u8)| format!("{lo}-{hi}");
    rules
        .iter()
        .map(|r| {
            format!("{}|{}|{}|{}|{}", r.name_en, r.name_zh, range(r.r), range(r.f), range(r.m))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads a score range: `4-5`, `4–5` or `3` (one score).
fn parse_range(text: &str, score: Score) -> Result<(u8, u8), SegmentProblem> {
    let bad = || SegmentProblem::BadRange { score, text: text.trim().to_owned() };
    let one = |s: &str| match s.trim().parse::<u8>() {
        Ok(n @ 1..=5) => Ok(n),
        _ => Err(bad()),
    };
    let (lo, hi) = match text.split_once(['-', '–', '~']) {
        Some((a, b)) => (one(a)?, one(b)?),
        None => (one(text)?, one(text)?),
    };
    if lo > hi {
        return Err(bad());
    }
    Ok((lo, hi))
}

/// Reads a stored table; every problem comes back with its row.
pub fn parse(text: &str) -> Result<Vec<SegmentRule>, TableProblems> {
    let mut rows = Vec::new();
    let mut problems = TableProblems::default();
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let [en, zh, r, f, m] = parts[..] else {
            problems.rows.push((i + 1, SegmentProblem::Parts));
            continue;
        };
        match (parse_range(r, Score::R), parse_range(f, Score::F), parse_range(m, Score::M)) {
            (Ok(r), Ok(f), Ok(m)) => rows.push((i + 1, SegmentRule::new(en, zh, r, f, m))),
            (r, f, m) => {
                for e in [r.err(), f.err(), m.err()].into_iter().flatten() {
                    problems.rows.push((i + 1, e));
                }
            }
        }
    }
    let checked = check_rows(&rows);
    problems.empty = rows.is_empty() && problems.rows.is_empty();
    problems.rows.extend(checked);
    problems.rows.sort_by_key(|(row, _)| *row);
    if problems.is_empty() {
        Ok(rows.into_iter().map(|(_, rule)| rule).collect())
    } else {
        Err(problems)
    }
}

/// Checks a table as edited: names present, without separators, unique;
/// ranges within 1–5, low ≤ high; at least one rule.
pub fn check(rules: &[SegmentRule]) -> TableProblems {
    let rows: Vec<(usize, SegmentRule)> =
        rules.iter().enumerate().map(|(i, r)| (i + 1, r.clone())).collect();
    TableProblems { empty: rules.is_empty(), rows: check_rows(&rows) }
}

/// The problems of rules read from the given rows.
fn check_rows(rules: &[(usize, SegmentRule)]) -> Vec<(usize, SegmentProblem)> {
    let mut problems = Vec::new();
    for (i, (row, rule)) in rules.iter().enumerate() {
        let row = *row;
        let names = [rule.name_en.trim(), rule.name_zh.trim()];
        if names.iter().any(|n| n.is_empty()) {
            problems.push((row, SegmentProblem::EmptyName));
        } else if names.iter().any(|n| n.contains(['|', '\n', '\r'])) {
            problems.push((row, SegmentProblem::BadCharacter));
        } else if rules[..i].iter().any(|(_, earlier)| {
            earlier.name_en.trim() == names[0] || earlier.name_zh.trim() == names[1]
        }) {
            problems.push((row, SegmentProblem::Duplicate));
        }
        for (score, (lo, hi)) in [(Score::R, rule.r), (Score::F, rule.f), (Score::M, rule.m)] {
            if !(1..=5).contains(&lo) || !(1..=5).contains(&hi) || lo > hi {
                let text = format!("{lo}-{hi}");
                problems.push((row, SegmentProblem::BadRange { score, text }));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::analysis::rfm::default_segments;

    #[test]
    fn the_default_table_round_trips_through_its_text() {
        let text = to_text(&default_segments());
        assert!(text.starts_with("Champions|冠军客户|4-5|4-5|4-5\n"), "{text}");
        assert_eq!(parse(&text), Ok(default_segments()));
    }

    #[test]
    fn reads_single_scores_dashes_and_blank_lines() {
        let rules = parse("\nNew|新|4–5|1|1\n\n  Old | 旧 | 1-2 | 1 - 2 | 1~2 \n").expect("parse");
        assert_eq!(rules.len(), 2);
        assert_eq!((rules[0].r, rules[0].f, rules[0].m), ((4, 5), (1, 1), (1, 1)));
        assert_eq!(rules[1].name_zh, "旧");
        assert_eq!((rules[1].f, rules[1].m), ((1, 2), (1, 2)));
    }

    #[test]
    fn names_the_row_and_the_score_of_every_problem() {
        let err = parse("A|甲|4-5|4-5|4-5\nB|乙|0-3|2|5-4\nC|丙|1\n|丁|1|1|1\nA|戊|1|1|1")
            .expect_err("bad rows");
        assert_eq!(
            err.rows,
            vec![
                (2, SegmentProblem::BadRange { score: Score::R, text: "0-3".into() }),
                (2, SegmentProblem::BadRange { score: Score::M, text: "5-4".into() }),
                (3, SegmentProblem::Parts),
                (4, SegmentProblem::EmptyName),
                (5, SegmentProblem::Duplicate),
            ]
        );
        assert!(!err.empty);
    }

    #[test]
    fn an_empty_table_is_refused() {
        assert!(parse("").expect_err("empty").empty);
        assert!(parse(" \n ").expect_err("blank").empty);
        assert!(check(&[]).empty);
    }

    #[test]
    fn an_edited_name_with_a_separator_is_refused() {
        let rules = vec![SegmentRule::new("A|B", "甲", (1, 5), (1, 5), (1, 5))];
        assert_eq!(check(&rules).rows, vec![(1, SegmentProblem::BadCharacter)]);
        let rules = vec![SegmentRule::new("A", "甲", (3, 2), (1, 6), (1, 5))];
        assert_eq!(check(&rules).rows.len(), 2, "low above high, and 6");
    }
}
