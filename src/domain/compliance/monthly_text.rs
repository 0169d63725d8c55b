//! The monthly service report in the reader's language: the keyed table of
//! [`super::monthly::monthly_service`] (the CLI's contract) with its columns,
//! sections, items, kinds and rule names in 中文 or English.

use super::sources;
use crate::domain::Lang;
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
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let section = match row.first() {
                Some(Cell::Text(s)) => s.as_str(),
                _ => "",
            };
            row.iter()
                .enumerate()
                .map(|(i, cell)| match (i, cell) {
                    (0 | 1, Cell::Text(t)) => Cell::Text(word(t, lang)),
                    (2, Cell::Text(t)) if section == "unresolved_entry" => {
                        Cell::Text(entry_value(t, lang))
                    }
                    _ => cell.clone(),
                })
                .collect()
        })
        .collect();
    Table { columns, rows }
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
}
