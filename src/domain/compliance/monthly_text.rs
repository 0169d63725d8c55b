//! The monthly service report in the reader's language: the keyed table of
//! [`super::monthly::monthly_service`] (the CLI's contract) with its columns,
//! sections, items, kinds and rule names in 中文 or English.

use super::sources;
use crate::domain::Lang;
use crate::domain::records::{ReportKind, ServiceReport};
use crate::domain::table::{Cell, Table};
use crate::domain::terms::ComplaintKind;

/// `(key, English, 中文)` for the columns, sections and fixed items.
const WORDS: &[(&str, &str, &str)] = &[
    ("section", "Section", "部分"),
    ("item", "Item", "项目"),
    ("value", "Value", "数值"),
    ("period", "Period", "报告期"),
    ("month", "Month", "月份"),
    ("ledger", "Ledger", "台账"),
    ("entries", "Entries", "条数"),
    ("by_kind", "By kind", "按类型"),
    ("by_category", "By category", "按类别"),
    ("sla_checked", "Time limits: checked", "时限：检查条数"),
    ("sla_late", "Time limits: late", "时限：超时条数"),
    ("sla_rate", "Time limits: share on time", "时限：按时比例"),
    ("unresolved", "Unresolved", "未解决"),
    ("unresolved_entry", "Unresolved entry", "未解决条目"),
    ("repeat_complaints", "Repeated complaints (per customer)", "重复投诉（按客户）"),
    ("visits", "Visits", "走访"),
    ("active_customers", "Active customers", "活跃客户"),
    ("visited_customers", "Active customers visited", "已走访的活跃客户"),
    ("coverage", "Visit coverage", "走访覆盖率"),
    ("-", "(no category)", "（无类别）"),
    ("none", "none", "无"),
    ("report", "The report as written", "报告正文"),
    (
        "not_written",
        "not recorded yet (record the report with its analysis and solutions)",
        "尚未登记（登记报告及其分析和解决办法）",
    ),
    ("summary", "Summary", "小结"),
    ("analysis", "Analysis of common and individual problems", "共性与个性问题分析"),
    ("solutions", "Solutions", "解决办法"),
];

/// A key's words in `lang`; a complaint kind or rule id by its name;
/// anything else (a category, a customer code) as it is.
fn word(key: &str, lang: Lang) -> String {
    if let Some((_, en, zh)) = WORDS.iter().find(|(k, _, _)| *k == key) {
        return match lang {
            Lang::Zh => (*zh).to_owned(),
            Lang::En => (*en).to_owned(),
        };
    }
    if let Some(kind) = ComplaintKind::from_code(key) {
        return kind.name(lang).to_owned();
    }
    if let Some(text) = sources::text(key) {
        return text.name(lang).to_owned();
    }
    if let Some(n) = key.strip_prefix("complaints#") {
        return match lang {
            Lang::Zh => format!("台账第 {n} 条"),
            Lang::En => format!("ledger entry {n}"),
        };
    }
    key.to_owned()
}

/// An unresolved entry's value, `CODE KIND RECEIVED`, with the kind named.
fn entry_value(text: &str, lang: Lang) -> String {
    match text.splitn(3, ' ').collect::<Vec<_>>()[..] {
        [code, kind, received] => format!("{code} {} {received}", word(kind, lang)),
        _ => text.to_owned(),
    }
}

/// The report with every label in `lang` (values and codes unchanged).
pub fn in_language(table: &Table, lang: Lang) -> Table {
    let columns: Vec<String> = table.columns.iter().map(|c| word(c, lang)).collect();
    let rows = table.rows.iter().map(|row| row_in_language(row, lang)).collect();
    Table { columns, rows }
}

/// One `section,item,value` row with its words in `lang`.
fn row_in_language(row: &[Cell], lang: Lang) -> Vec<Cell> {
    let section = match row.first() {
        Some(Cell::Text(s)) => s.as_str(),
        _ => "",
    };
    row.iter()
        .enumerate()
        .map(|(i, cell)| match (i, cell) {
            (0 | 1, Cell::Text(t)) => Cell::Text(word(t, lang)),
            (2, Cell::Text(t)) if section == "unresolved_entry" => Cell::Text(entry_value(t, lang)),
            _ => cell.clone(),
        })
        .collect()
}

/// The report as the app saves it for people: [`in_language`], with shares
/// as percentages, customers by name and code (`name_of` a code), each
/// unresolved entry said as "kind · name (code)" received at a minute, a
/// line saying none where no customer complained twice, and the report's
/// own text (summary, analysis, solutions) from the stored reports of the
/// month, or a line saying it is not recorded yet.
pub fn for_people(
    table: &Table,
    lang: Lang,
    name_of: &dyn Fn(&str) -> Option<String>,
    reports: &[&ServiceReport],
) -> Table {
    let who =
        |code: &str| name_of(code).map_or_else(|| code.to_owned(), |n| format!("{n} ({code})"));
    let columns = table.columns.iter().map(|c| word(c, lang)).collect();
    let mut out = Table { columns, rows: Vec::new() };
    let section_of = |r: &Vec<Cell>| match r.first() {
        Some(Cell::Text(t)) => t.clone(),
        _ => String::new(),
    };
    let mut say_no_repeats = !table.rows.iter().any(|r| section_of(r) == "repeat_complaints");
    for row in &table.rows {
        let text = |i: usize| match row.get(i) {
            Some(Cell::Text(t)) => t.as_str(),
            _ => "",
        };
        let (section, item) = (text(0), text(1));
        let mut cells = row_in_language(row, lang);
        match (section, row.get(2)) {
            (_, Some(Cell::Float { value, .. })) if matches!(section, "sla_rate" | "visits") => {
                cells[2] = Cell::Text(format!("{:.1}%", value * 100.0));
            }
            ("unresolved_entry", Some(Cell::Text(v))) => {
                if let [code, kind, received] = v.splitn(3, ' ').collect::<Vec<_>>()[..] {
                    cells[1] = Cell::Text(format!("{} · {}", word(kind, lang), who(code)));
                    cells[2] = Cell::Text(received.get(..16).unwrap_or(received).to_owned());
                }
            }
            ("repeat_complaints", _) => cells[1] = Cell::Text(who(item)),
            _ => {}
        }
        // No customer complained twice: said where the section would be.
        if section == "visits" && say_no_repeats {
            say_no_repeats = false;
            out.rows.push(words_row("repeat_complaints", "none", Cell::Empty, lang));
        }
        out.rows.push(cells);
    }
    if reports.is_empty() {
        out.rows.push(words_row("report", "not_written", Cell::Empty, lang));
    }
    for r in reports {
        let kind = match (r.kind, lang) {
            (ReportKind::Complaints, Lang::Zh) => "投诉/查询小结",
            (ReportKind::Complaints, Lang::En) => "Complaints and queries",
            (ReportKind::Visits, Lang::Zh) => "走访小结",
            (ReportKind::Visits, Lang::En) => "Visits",
        };
        for (key, text) in
            [("summary", &r.summary), ("analysis", &r.analysis), ("solutions", &r.solutions)]
        {
            let item = format!("{kind}: {}", word(key, lang));
            out.rows.push(vec![
                Cell::Text(word("report", lang)),
                Cell::Text(item),
                Cell::Text(text.clone()),
            ]);
        }
    }
    out
}

/// A row of keys in `lang`.
fn words_row(section: &str, item: &str, value: Cell, lang: Lang) -> Vec<Cell> {
    vec![Cell::Text(word(section, lang)), Cell::Text(word(item, lang)), value]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn keyed() -> Table {
        let mut t = Table::new(&["section", "item", "value"]);
        for (section, item, value) in [
            ("period", "month", text("2026-10")),
            ("by_kind", "complaint", Cell::Int(2)),
            ("by_category", "-", Cell::Int(1)),
            ("by_category", "配送", Cell::Int(1)),
            ("sla_rate", "SVC-COMPLAINT-HALFDAY", Cell::Float { value: 0.5, decimals: 4 }),
            ("unresolved_entry", "complaints#7", text("C-000001 query 2026-10-05 09:00:00")),
            ("repeat_complaints", "C-000001", Cell::Int(2)),
            ("visits", "coverage", Cell::Float { value: 0.25, decimals: 4 }),
        ] {
            t.push(vec![text(section), text(item), value]);
        }
        t
    }

    #[test]
    fn names_sections_items_kinds_and_rules_in_chinese() {
        let t = in_language(&keyed(), Lang::Zh);
        assert_eq!(t.columns, ["部分", "项目", "数值"]);
        let cells: Vec<Vec<String>> =
            t.rows.iter().map(|r| r.iter().map(Cell::to_text).collect()).collect();
        assert_eq!(cells[0], ["报告期", "月份", "2026-10"]);
        assert_eq!(cells[1][..2], ["按类型", "投诉"]);
        assert_eq!(cells[2][1], "（无类别）");
        assert_eq!(cells[3][1], "配送", "a category stays as the office wrote it");
        assert_eq!(cells[4][..2], ["时限：按时比例", "投诉半个工作日内处理"]);
        assert_eq!(cells[5], ["未解决条目", "台账第 7 条", "C-000001 查询 2026-10-05 09:00:00"]);
        assert_eq!(cells[6][1], "C-000001");
        assert_eq!(cells[7][2], "0.2500", "numbers unchanged");
        for row in &cells {
            assert!(!row.iter().any(|c| c.contains('_') || c.contains('#')), "{row:?}");
        }
    }

    #[test]
    fn names_them_in_english_too() {
        let t = in_language(&keyed(), Lang::En);
        assert_eq!(t.columns, ["Section", "Item", "Value"]);
        assert_eq!(t.rows[4][1], text("Complaint resolved in half a day"));
        assert_eq!(t.rows[5][1], text("ledger entry 7"));
    }

    #[test]
    fn for_people_says_shares_names_entries_and_the_report_text() {
        let names = |code: &str| (code == "C-000001").then(|| "郑五".to_owned());
        let report = ServiceReport {
            year: 2026,
            month: 10,
            kind: ReportKind::Complaints,
            produced_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 3)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .expect("time"),
            summary: "两条投诉".into(),
            analysis: "配送延迟".into(),
            solutions: "更换承运商".into(),
        };
        let t = for_people(&keyed(), Lang::Zh, &names, &[&report]);
        let cells: Vec<Vec<String>> =
            t.rows.iter().map(|r| r.iter().map(Cell::to_text).collect()).collect();
        assert_eq!(cells[4][2], "50.0%");
        assert_eq!(cells[5][1..], ["查询 · 郑五 (C-000001)", "2026-10-05 09:00"]);
        assert_eq!(cells[6][1], "郑五 (C-000001)");
        assert_eq!(cells[7][2], "25.0%");
        assert_eq!(cells[9], ["报告正文", "投诉/查询小结: 共性与个性问题分析", "配送延迟"]);
        for row in &cells {
            assert!(!row.iter().any(|c| c.contains('_') || c.contains('#')), "{row:?}");
        }
        // No repeats and no report written: each said in words.
        let mut quiet = keyed();
        quiet.rows.retain(|r| r[0] != Cell::Text("repeat_complaints".into()));
        let t = for_people(&quiet, Lang::En, &names, &[]);
        let cells: Vec<Vec<String>> =
            t.rows.iter().map(|r| r.iter().map(Cell::to_text).collect()).collect();
        assert!(
            cells.contains(&vec![
                "Repeated complaints (per customer)".into(),
                "none".into(),
                String::new()
            ]),
            "{cells:?}"
        );
        assert_eq!(cells.last().expect("rows")[0], "The report as written");
    }
}
