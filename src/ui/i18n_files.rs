//! Text of File → Export and of the built-in file dialog, in 中文 and
//! English.

use crate::domain::import::ImportKind;
use crate::store::export_tables::ExportTable;

/// Text of the export menu and the built-in file dialog in one language.
pub struct TrFiles {
    /// File → Export (a submenu, one entry per table).
    pub menu_export: &'static str,
    /// A table's entry in File → Export.
    pub table: fn(ExportTable) -> &'static str,
    /// "Exported N rows to PATH".
    pub exported: fn(usize, &str) -> String,
    /// The built-in dialog's title: choosing a file to open.
    pub title_open: &'static str,
    /// The built-in dialog's title: naming a file to write.
    pub title_save: &'static str,
    /// Why the built-in dialog shows, and what to install for the system's.
    pub no_native: &'static str,
    /// The label of the path field.
    pub path: &'static str,
    /// Under the field: Tab completes, a click on a name takes it.
    pub hint: &'static str,
    pub open: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    /// The file to open does not exist.
    pub no_such_file: fn(&str) -> String,
    /// The folder of the file to write does not exist.
    pub no_such_folder: fn(&str) -> String,
    /// A folder was named where a file is wanted.
    pub is_folder: fn(&str) -> String,
    /// The file to write has an ending that is not offered (path, endings).
    pub wrong_type: fn(&str, &str) -> String,
    /// The file to write exists: a second click replaces it.
    pub replace: fn(&str) -> String,
    /// The folder typed cannot be listed.
    pub cannot_list: fn(&str) -> String,
}

/// English.
pub const EN: TrFiles = TrFiles {
    menu_export: "Export",
    table: |table| match table.0 {
        ImportKind::Customers => "Customers…",
        ImportKind::Contacts => "Contact persons…",
        ImportKind::Transactions => "Sales…",
        ImportKind::Opportunities => "Opportunities…",
        ImportKind::Activities => "Activities…",
        ImportKind::Complaints => "Complaints…",
        ImportKind::Surveys => "Satisfaction surveys…",
        ImportKind::AcChecks => "Air-conditioning checks…",
        ImportKind::Calendar => "Working calendar…",
        ImportKind::Churn => "Churn records…",
    },
    exported: |n, path| format!("Exported {n} rows to {path}"),
    title_open: "Choose a file",
    title_save: "Save as",
    no_native: "The system's file dialog could not open: this desktop has neither \
                xdg-desktop-portal (with xdg-desktop-portal-gtk or -kde) nor zenity. \
                Install one of them (for example: sudo apt install zenity) to use it. \
                Meanwhile, type the file's path here.",
    path: "Path",
    hint: "Tab completes a name; click a name below to take it.",
    open: "Open",
    save: "Save",
    cancel: "Cancel",
    no_such_file: |path| format!("{path}: no such file"),
    no_such_folder: |path| format!("{path}: the folder does not exist"),
    is_folder: |path| format!("{path} is a folder; name a file in it"),
    wrong_type: |path, endings| format!("{path}: name a file ending in {endings}"),
    replace: |path| format!("{path} exists already; Save again to replace it"),
    cannot_list: |path| format!("{path}: the folder cannot be read"),
};

/// 中文.
pub const ZH: TrFiles = TrFiles {
    menu_export: "导出",
    table: |table| match table.0 {
        ImportKind::Customers => "客户…",
        ImportKind::Contacts => "联系人…",
        ImportKind::Transactions => "交易记录…",
        ImportKind::Opportunities => "销售机会…",
        ImportKind::Activities => "联系活动…",
        ImportKind::Complaints => "投诉台账…",
        ImportKind::Surveys => "满意度调查…",
        ImportKind::AcChecks => "空调检查表…",
        ImportKind::Calendar => "工作日历…",
        ImportKind::Churn => "流失记录…",
    },
    exported: |n, path| format!("已导出 {n} 行到 {path}"),
    title_open: "选择文件",
    title_save: "另存为",
    no_native: "无法打开系统的文件对话框：本桌面既没有 xdg-desktop-portal\
                （及 xdg-desktop-portal-gtk 或 -kde），也没有 zenity。\
                安装其中之一（例如：sudo apt install zenity）即可使用系统对话框。\
                现在请在这里输入文件路径。",
    path: "路径",
    hint: "按 Tab 补全名称；点击下面的名称即可选用。",
    open: "打开",
    save: "保存",
    cancel: "取消",
    no_such_file: |path| format!("{path}：文件不存在"),
    no_such_folder: |path| format!("{path}：文件夹不存在"),
    is_folder: |path| format!("{path} 是文件夹，请输入其中的文件名"),
    wrong_type: |path, endings| format!("{path}：文件名须以 {endings} 结尾"),
    replace: |path| format!("{path} 已存在；再次点击“保存”将替换它"),
    cannot_list: |path| format!("{path}：无法读取该文件夹"),
};
