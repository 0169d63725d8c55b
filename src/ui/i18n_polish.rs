//! Strings of the import in the undo history, readable record references
//! and the refusals shown where the user looks, in 中文 and English.

use crate::domain::Lang;
use crate::domain::import::ImportKind;

/// Text of the Edit menu's import entry and a few refusals, in one language.
pub struct TrPolish {
    /// The language of this text (for the domain's names of records).
    pub lang: Lang,
    /// "Undo import of 69,659 sales": the count (grouped) and the kind.
    pub undo_import: fn(&str, usize, ImportKind) -> String,
    /// The Edit menu's entry when the import can no longer be undone.
    pub undo_import_stale: &'static str,
    /// The status line while an import is undone with the wizard closed.
    pub undoing_import: &'static str,
    /// A record that is not in the database any more, by its noun.
    pub record_gone: fn(&str) -> String,
    /// The import preview's status of a row that reads well but is not
    /// checked against the database yet.
    pub not_checked: &'static str,
    /// Shown for a customer that is not among the live ones (in the trash).
    pub customer_gone: &'static str,
    /// The title of the window saying a file cannot be opened.
    pub cannot_open_title: &'static str,
    /// Closes that window.
    pub close: &'static str,
}

/// English.
pub const EN: TrPolish = TrPolish {
    lang: Lang::En,
    undo_import: |count, n, kind| {
        let (one, many) = match kind {
            ImportKind::Customers => ("customer", "customers"),
            ImportKind::Contacts => ("contact", "contacts"),
            ImportKind::Transactions => ("sale", "sales"),
            ImportKind::Opportunities => ("opportunity", "opportunities"),
            ImportKind::Activities => ("activity", "activities"),
            ImportKind::Complaints => ("ledger entry", "ledger entries"),
            ImportKind::Surveys => ("satisfaction survey", "satisfaction surveys"),
            ImportKind::AcChecks => ("AC check", "AC checks"),
            ImportKind::Calendar => ("calendar day", "calendar days"),
            ImportKind::Churn => ("churn record", "churn records"),
        };
        format!("Undo import of {count} {}", if n == 1 { one } else { many })
    },
    undo_import_stale: "Cannot undo the import: the data changed since",
    undoing_import: "Undoing the import…",
    record_gone: |noun| format!("This {noun} is no longer in the database"),
    not_checked: "not checked yet",
    customer_gone: "(customer in the trash)",
    cannot_open_title: "This file cannot be opened",
    close: "Close",
};

/// 中文.
pub const ZH: TrPolish = TrPolish {
    lang: Lang::Zh,
    undo_import: |count, _, kind| {
        let what = match kind {
            ImportKind::Customers => "位客户",
            ImportKind::Contacts => "位联系人",
            ImportKind::Transactions => "条销售",
            ImportKind::Opportunities => "个销售机会",
            ImportKind::Activities => "条联系活动",
            ImportKind::Complaints => "条投诉台账",
            ImportKind::Surveys => "份满意度调查",
            ImportKind::AcChecks => "条空调检查",
            ImportKind::Calendar => "个日历日",
            ImportKind::Churn => "条流失记录",
        };
        format!("撤销导入 {count} {what}")
    },
    undo_import_stale: "无法撤销导入：导入后数据已有改动",
    undoing_import: "正在撤销导入…",
    record_gone: |noun| format!("数据库中已没有这条{noun}"),
    not_checked: "尚未检查",
    customer_gone: "（已删除的客户）",
    cannot_open_title: "无法打开此文件",
    close: "关闭",
};
