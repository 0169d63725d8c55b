//! Every visible string of the interface, in 中文 and English. A string is a
//! field of [`Tr`], so a language missing one does not compile.

use crate::domain::Lang;
use crate::domain::command::{Effect, Purpose};
use crate::domain::customer::Problem;
use crate::domain::history::Action;
use crate::domain::labels;
use crate::domain::terms::OpportunityStage;
use crate::store::{OpenProblem, ReadOnly, Refusal, StoreError};

/// The interface text of one language.
#[allow(clippy::struct_field_names)] // Field names mirror the UI element they label.
pub struct Tr {
    pub value: &'static super::i18n_value::TrValue,
    pub panel_value: &'static str,
    pub import: &'static super::i18n_import::TrImport,
    pub restore: &'static super::i18n_restore::TrRestore,
    pub files: &'static super::i18n_files::TrFiles,
    pub about_window: &'static super::i18n_about::TrAbout,
    pub lessons: &'static super::i18n_lessons::TrLessons,
    pub explain: &'static super::i18n_explain::TrExplain,
    pub presenter: &'static super::i18n_presenter::TrPresenter,
    pub settings: &'static super::i18n_settings::TrSettings,
    pub today: &'static super::i18n_today::TrToday,
    pub records: &'static super::i18n_records::TrRecords,
    pub pipeline: &'static super::i18n_pipeline::TrPipeline,
    pub panel_pipeline: &'static str,
    pub f_move_reason: &'static str,
    pub activities: &'static str,
    pub compliance: &'static super::i18n_compliance::TrCompliance,
    pub calendar: &'static super::i18n_calendar::TrCalendar,
    pub panel_compliance: &'static str,
    pub e_record_saved: fn(&str) -> String,
    pub e_record_deleted: fn(&str) -> String,
    /// An opportunity (named) won, lost, or moved to a stage (named).
    pub e_won: fn(&str) -> String,
    pub e_lost: fn(&str) -> String,
    pub e_stage: fn(&str, &str) -> String,
    /// A round of AC checks: its time (`MM-DD HH:MM`) and how many areas.
    pub e_ac_round: fn(&str, usize) -> String,
    /// An activity's next step moved: its kind, the customer, the new day.
    pub e_next_step_moved: fn(&str, &str, &str) -> String,
    pub polish: &'static super::i18n_polish::TrPolish,
    pub app_name: &'static str,
    pub menu_file: &'static str,
    pub file_new: &'static str,
    pub file_open: &'static str,
    pub file_save_copy: &'static str,
    pub file_recent: &'static str,
    pub no_recent: &'static str,
    pub file_quit: &'static str,
    pub menu_edit: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub menu_view: &'static str,
    pub menu_help: &'static str,
    pub about: &'static str,
    pub about_text: &'static str,
    pub panel_customers: &'static str,
    pub panel_settings: &'static str,
    pub ready: &'static str,
    /// Shown beside a progress bar while the customer table loads on a worker.
    pub loading_customers: &'static str,
    pub opened: fn(&str) -> String,
    pub copy_saved: fn(&str) -> String,
    pub undone: fn(&str) -> String,
    pub redone: fn(&str) -> String,
    pub nothing_to_undo: &'static str,
    pub nothing_to_redo: &'static str,
    pub dialog_cancelled: &'static str,
    pub demo_title: &'static str,
    pub demo_body: &'static str,
    pub demo_open: &'static str,
    pub demo_empty: &'static str,
    pub demo_written: &'static str,
    pub no_db_title: &'static str,
    pub no_db_body: &'static str,
    pub settings_title: &'static str,
    pub language: &'static str,
    pub db_file: &'static str,
    pub schema_version: &'static str,
    pub csv_encoding: &'static str,
    pub csv_utf8_bom: &'static str,
    pub csv_gbk: &'static str,
    pub csv_encoding_hint: &'static str,
    /// Path, row, column and the code point of a character GBK lacks (the
    /// character itself is never in the GB2312 font, so it is not shown).
    pub export_not_gbk: fn(&str, usize, &str, u32) -> String,
    pub search: &'static str,
    /// The hint in the search field; the argument names its shortcut.
    pub search_hint: fn(&str) -> String,
    pub all: &'static str,
    pub new_customer: &'static str,
    pub edit_customer: &'static str,
    pub n_customers: fn(usize, usize) -> String,
    /// The argument names the new-customer shortcut.
    pub no_customers: fn(&str) -> String,
    pub no_match: &'static str,
    pub col_code: &'static str,
    pub col_name: &'static str,
    pub col_kind: &'static str,
    pub col_grade: &'static str,
    pub col_step: &'static str,
    pub col_industry: &'static str,
    pub col_owner: &'static str,
    pub col_phone: &'static str,
    pub col_revenue: &'static str,
    pub col_last_purchase: &'static str,
    pub f_code: &'static str,
    pub code_hint: &'static str,
    pub f_name: &'static str,
    pub f_source: &'static str,
    pub f_email: &'static str,
    pub f_address: &'static str,
    pub f_demographics_person: &'static str,
    pub f_demographics_org: &'static str,
    pub f_credit: &'static str,
    pub f_payment_notes: &'static str,
    pub f_importance: &'static str,
    pub f_difficulty: &'static str,
    pub f_rel_type: &'static str,
    pub f_rel_stage: &'static str,
    pub f_dissolution_reason: &'static str,
    pub f_tags: &'static str,
    pub f_notes: &'static str,
    pub none: &'static str,
    pub computed: &'static str,
    pub save: &'static str,
    pub close: &'static str,
    pub delete: &'static str,
    pub cancel: &'static str,
    pub confirm_delete_title: &'static str,
    /// The customer, and the name of the undo shortcut.
    pub confirm_delete_body: fn(&str, &str) -> String,
    pub move_to_trash: &'static str,
    pub history: &'static str,
    /// The purchases section of a customer's detail: its heading (count,
    /// total), column headings, how many of all are listed, and none yet.
    pub purchases: fn(i64, &str) -> String,
    pub purchase_columns: [&'static str; 5],
    pub purchases_latest: fn(usize, i64) -> String,
    pub no_purchases: &'static str,
    pub a_create: &'static str,
    pub a_update: &'static str,
    pub a_delete: &'static str,
    pub a_restore: &'static str,
    pub e_created: fn(&str, &str) -> String,
    pub e_updated: fn(&str, &str) -> String,
    pub e_deleted: fn(&str, &str) -> String,
    pub e_restored: fn(&str, &str) -> String,
    pub e_merged: fn(&str, &str) -> String,
    pub merge_into: &'static str,
    pub merge: &'static str,
    pub merge_title: &'static str,
    pub merge_unknown: &'static str,
    /// From, into, and the name of the undo shortcut.
    pub merge_body: fn(&str, &str, &str) -> String,
    pub f_merged: &'static str,
    pub p_required: &'static str,
    pub p_too_long: fn(usize) -> String,
    pub p_has_spaces: &'static str,
    pub p_bad_phone: &'static str,
    pub p_bad_email: &'static str,
    pub p_duplicate_code: fn(&str) -> String,
    pub form_has_problems: fn(usize) -> String,
    pub customer_missing: &'static str,
    pub database_error: &'static str,
    pub cannot_open: fn(&str) -> String,
    pub o_missing: &'static str,
    pub o_exists: &'static str,
    pub o_empty: &'static str,
    pub o_not_sqlite: &'static str,
    pub o_zeros: &'static str,
    pub o_not_a_file: &'static str,
    pub o_foreign: &'static str,
    pub o_truncated: fn(u64, u64) -> String,
    pub o_newer: fn(u32, u32) -> String,
    pub o_corrupt: &'static str,
    /// A writer refused a file that failed SQLite's quick check.
    pub o_damaged: &'static str,
    /// A `-wal` beside the file that does not fit it.
    pub o_stale_wal: &'static str,
    pub o_unreadable: &'static str,
    pub o_missing_tables: fn(&str) -> String,
    pub o_missing_columns: fn(&str) -> String,
    pub o_in_use: fn(Option<u32>) -> String,
    pub o_busy: &'static str,
    pub o_pending_wal: &'static str,
    pub o_old_read_only: fn(u32, u32) -> String,
    pub ro_file: &'static str,
    pub ro_folder: &'static str,
    pub ro_denied: &'static str,
    pub ro_file_system: &'static str,
    pub ro_reading: &'static str,
    /// The banner over a read-only database, with the reason.
    pub read_only_banner: fn(&str) -> String,
    /// A write refused because the database is read-only.
    pub read_only_refused: &'static str,
}

/// English.
pub const EN: Tr = Tr {
    value: &super::i18n_value::EN,
    panel_value: "Value analysis",
    import: &super::i18n_import::EN,
    restore: &super::i18n_restore::EN,
    files: &super::i18n_files::EN,
    about_window: &super::i18n_about::EN,
    lessons: &super::i18n_lessons::EN,
    explain: &super::i18n_explain::EN,
    presenter: &super::i18n_presenter::EN,
    settings: &super::i18n_settings::EN,
    today: &super::i18n_today::EN,
    records: &super::i18n_records::EN,
    pipeline: &super::i18n_pipeline::EN,
    panel_pipeline: "Pipeline",
    f_move_reason: "Reason for the move",
    activities: "Activities…",
    compliance: &super::i18n_compliance::EN,
    calendar: &super::i18n_calendar::EN,
    panel_compliance: "Policy compliance",
    e_record_saved: |name| format!("saved {name}"),
    e_record_deleted: |name| format!("deleted {name}"),
    e_won: |name| format!("won {name}"),
    e_lost: |name| format!("lost {name}"),
    e_stage: |name, stage| format!("moved {name} to stage {stage}"),
    e_ac_round: |at, n| {
        format!("saved AC check round {at}, {n} {}", if n == 1 { "area" } else { "areas" })
    },
    e_next_step_moved: |kind, who, day| {
        format!("moved the next step of the {kind} with {who} to {day}")
    },
    polish: &super::i18n_polish::EN,
    app_name: "Ladder",
    menu_file: "File",
    file_new: "New database…",
    file_open: "Open…",
    file_save_copy: "Save a copy…",
    file_recent: "Recent files",
    no_recent: "(none)",
    file_quit: "Quit",
    menu_edit: "Edit",
    undo: "Undo",
    redo: "Redo",
    menu_view: "View",
    menu_help: "Help",
    about: "About Ladder",
    about_text: "Ladder — an offline CRM for small offices: customers, the relationship ladder, value analysis and policy compliance on one local SQLite file.",
    panel_customers: "Customers",
    panel_settings: "Settings",
    ready: "Ready",
    loading_customers: "Loading customers…",
    opened: |p| format!("Opened {p}"),
    copy_saved: |p| format!("Copy saved to {p}"),
    undone: |d| format!("Undone: {d}"),
    redone: |d| format!("Redone: {d}"),
    nothing_to_undo: "Nothing to undo",
    nothing_to_redo: "Nothing to redo",
    dialog_cancelled: "No file chosen",
    demo_title: "This database is empty",
    demo_body: "Open the demo company — a small firm with two years of customers, sales, complaints and air-conditioning checks — to explore Ladder, or start with an empty database for your own data.",
    demo_open: "Open the demo company",
    demo_empty: "Start empty",
    demo_written: "Demo company created",
    no_db_title: "No database is open",
    no_db_body: "Open an existing Ladder file or create a new one from the File menu.",
    settings_title: "Settings",
    language: "Language",
    db_file: "Database file",
    schema_version: "Schema version",
    csv_encoding: "CSV export encoding",
    csv_utf8_bom: "UTF-8 (BOM)",
    csv_gbk: "GBK",
    csv_encoding_hint: "UTF-8 keeps every character; GBK is for older Excel on Chinese Windows (an export with a character GBK lacks is refused).",
    export_not_gbk: |path, row, column, code| {
        format!(
            "{path}: row {row}, column {column}: the character U+{code:04X} has no GBK form; choose UTF-8 (BOM) in Settings and export again"
        )
    },
    search: "Search",
    search_hint: |keys| format!("Name, code, phone… ({keys})"),
    all: "All",
    new_customer: "New customer",
    edit_customer: "Customer",
    n_customers: |shown, total| format!("{shown} of {total} customers"),
    no_customers: |keys| format!("No customers yet. Use “New customer” ({keys}) to add one."),
    no_match: "No customer matches the search and filters.",
    col_code: labels::CODE.en,
    col_name: labels::NAME.en,
    col_kind: labels::KIND.en,
    col_grade: labels::GRADE.en,
    col_step: labels::LADDER_STEP.en,
    col_industry: labels::INDUSTRY.en,
    col_owner: "Owner",
    col_phone: labels::PHONE.en,
    col_revenue: "Revenue",
    col_last_purchase: "Last purchase",
    f_code: labels::CODE.en,
    code_hint: "empty = generated (C-000123)",
    f_name: labels::NAME.en,
    f_source: labels::SOURCE.en,
    f_email: labels::EMAIL.en,
    f_address: labels::ADDRESS.en,
    f_demographics_person: "Gender, family",
    f_demographics_org: "Business scope, size",
    f_credit: labels::CREDIT_RATING.en,
    f_payment_notes: "Payment notes",
    f_importance: "Importance",
    f_difficulty: "Difficulty",
    f_rel_type: "Relationship type",
    f_rel_stage: "Relationship stage",
    f_dissolution_reason: "Dissolution reason",
    f_tags: "Tags",
    f_notes: labels::NOTES.en,
    none: "—",
    computed: "Computed",
    save: "Save",
    close: "Close",
    delete: "Delete",
    cancel: "Cancel",
    confirm_delete_title: "Delete customer?",
    confirm_delete_body: |name, keys| {
        format!(
            "Move “{name}” to the trash? Its sales and history are kept; Undo ({keys}) brings it back."
        )
    },
    move_to_trash: "Move to trash",
    history: "History",
    purchases: |n, total| format!("Purchases ({n}, total {total})"),
    purchase_columns: [
        labels::DATE.en,
        labels::AMOUNT.en,
        labels::ORDER_NO.en,
        labels::PRODUCT.en,
        labels::QUANTITY.en,
    ],
    purchases_latest: |shown, n| format!("The latest {shown} of {n}."),
    no_purchases: "No purchases yet.",
    a_create: "Created",
    a_update: "Changed",
    a_delete: "Deleted",
    a_restore: "Restored",
    e_created: |code, name| format!("created {name} ({code})"),
    e_updated: |code, name| format!("edited {name} ({code})"),
    e_deleted: |code, name| format!("deleted {name} ({code})"),
    e_restored: |code, name| format!("restored {name} ({code})"),
    e_merged: |from, into| format!("merged {from} into {into}"),
    merge_into: "Merge into",
    merge: "Merge…",
    merge_title: "Merge customers?",
    merge_unknown: "No other customer has that code",
    merge_body: |from, into, keys| {
        format!(
            "Move every sale, activity, complaint, survey and opportunity of {from} to {into}, and put {from} in the trash? Undo ({keys}) separates them again."
        )
    },
    f_merged: "Merged",
    p_required: "Required",
    p_too_long: |max| format!("At most {max} characters"),
    p_has_spaces: "No spaces allowed",
    p_bad_phone: "Not a phone number (digits, +, -, spaces; 5–20 digits)",
    p_bad_email: "Not an e-mail address (name@example.com)",
    p_duplicate_code: |by| format!("Already used by {by}"),
    form_has_problems: |n| format!("Not saved: {n} field(s) need attention"),
    customer_missing: "That customer no longer exists",
    database_error: "Database error",
    cannot_open: |p| format!("Cannot open {p}"),
    o_missing: "the file does not exist",
    o_exists: "the file already exists",
    o_empty: "the file is empty (0 bytes), not a Ladder database",
    o_not_sqlite: "not a database file",
    o_zeros: "not a database file: it holds only zero bytes",
    o_not_a_file: "not a file (a folder, a named pipe or a device)",
    o_foreign: "a SQLite database made by another program, not a Ladder database",
    o_truncated: |expected, actual| {
        format!("the file is truncated or damaged ({actual} of {expected} bytes)")
    },
    o_newer: |found, supported| {
        format!("made by a newer Ladder (schema {found}; this version reads up to {supported})")
    },
    o_corrupt: "the database is damaged",
    o_damaged: "the database is damaged; nothing was written. Open a backup that passes the \
                check (the automatic ones are in the .backups folder beside it) and save a copy \
                of it in its place. SQLite's check of the file says",
    o_stale_wal: "the database is damaged: the -wal file beside it (SQLite's log of the latest \
                  changes) does not fit it. Was the file replaced or copied without it? Nothing \
                  was read or written; move the -wal file away to open the file as it is. \
                  SQLite's check says",
    o_unreadable: "the file cannot be read",
    o_missing_tables: |names| {
        format!("the database is damaged: missing table {names} (changed by another program)")
    },
    o_missing_columns: |names| {
        format!("the database is damaged: missing column {names} (changed by another program)")
    },
    o_in_use: |pid| match pid {
        Some(pid) => format!("open in another Ladder window (process {pid}); close it there first"),
        None => "open in another Ladder window; close it there first".to_owned(),
    },
    o_busy: "another program is writing to the database; nothing was written, try again later",
    o_pending_wal: "the file is read-only and its latest changes are still in its -wal file, \
                    which cannot be read without writing; make it writable and open it once",
    o_old_read_only: |found, supported| {
        format!(
            "the file is read-only and its schema {found} must first be upgraded to {supported}; \
             make it writable and open it once"
        )
    },
    ro_file: "the file is write-protected",
    ro_folder: "its folder is write-protected",
    ro_denied: "you may not write to it",
    ro_file_system: "the disk or share it is on is read-only",
    ro_reading: "opened for reading only",
    read_only_banner: |why| format!("Read-only ({why}): changes are disabled."),
    read_only_refused: "Read-only: changes are disabled, nothing was written",
};

/// 中文.
pub const ZH: Tr = Tr {
    value: &super::i18n_value::ZH,
    panel_value: "客户价值分析",
    import: &super::i18n_import::ZH,
    restore: &super::i18n_restore::ZH,
    files: &super::i18n_files::ZH,
    about_window: &super::i18n_about::ZH,
    lessons: &super::i18n_lessons::ZH,
    explain: &super::i18n_explain::ZH,
    presenter: &super::i18n_presenter::ZH,
    settings: &super::i18n_settings::ZH,
    today: &super::i18n_today::ZH,
    records: &super::i18n_records::ZH,
    pipeline: &super::i18n_pipeline::ZH,
    panel_pipeline: "客户关系阶梯",
    f_move_reason: "移动原因",
    activities: "行动记录…",
    compliance: &super::i18n_compliance::ZH,
    calendar: &super::i18n_calendar::ZH,
    panel_compliance: "制度合规",
    e_record_saved: |name| format!("已保存{name}"),
    e_record_deleted: |name| format!("已删除{name}"),
    e_won: |name| format!("已签约{name}"),
    e_lost: |name| format!("{name}已失败"),
    e_stage: |name, stage| format!("已把{name}移到“{stage}”阶段"),
    e_ac_round: |at, n| format!("已保存空调检查 {at}，{n} 个区域"),
    e_next_step_moved: |kind, who, day| format!("已把与{who}的{kind}的下一步移到 {day}"),
    polish: &super::i18n_polish::ZH,
    app_name: "Ladder 客户阶梯",
    menu_file: "文件",
    file_new: "新建数据库…",
    file_open: "打开…",
    file_save_copy: "另存副本…",
    file_recent: "最近的文件",
    no_recent: "（无）",
    file_quit: "退出",
    menu_edit: "编辑",
    undo: "撤销",
    redo: "重做",
    menu_view: "视图",
    menu_help: "帮助",
    about: "关于 Ladder",
    about_text: "Ladder 客户阶梯——面向小型办公室的离线客户关系管理软件：客户信息库、关系阶梯、客户价值分析与制度合规，数据保存在一个本地 SQLite 文件中。",
    panel_customers: "客户信息库",
    panel_settings: "设置",
    ready: "就绪",
    loading_customers: "正在载入客户…",
    opened: |p| format!("已打开 {p}"),
    copy_saved: |p| format!("副本已保存到 {p}"),
    undone: |d| format!("已撤销：{d}"),
    redone: |d| format!("已重做：{d}"),
    nothing_to_undo: "没有可撤销的操作",
    nothing_to_redo: "没有可重做的操作",
    dialog_cancelled: "未选择文件",
    demo_title: "数据库是空的",
    demo_body: "打开演示公司（一家小公司两年的客户、销售、投诉与空调检查记录）来体验 Ladder，或者从空数据库开始录入您自己的数据。",
    demo_open: "打开演示公司",
    demo_empty: "从空白开始",
    demo_written: "演示公司已生成",
    no_db_title: "没有打开的数据库",
    no_db_body: "请从“文件”菜单打开已有的 Ladder 文件或新建一个。",
    settings_title: "设置",
    language: "语言",
    db_file: "数据库文件",
    schema_version: "数据结构版本",
    csv_encoding: "CSV 导出编码",
    csv_utf8_bom: "UTF-8（BOM）",
    csv_gbk: "GBK",
    csv_encoding_hint: "UTF-8 能保存所有字符；GBK 适合中文 Windows 上的旧版 Excel（含有 GBK 没有的字符时会拒绝导出）。",
    export_not_gbk: |path, row, column, code| {
        format!(
            "{path}：第 {row} 行，{column} 列：字符 U+{code:04X} 无法用 GBK 表示；请在“设置”中选择 UTF-8（BOM）后重新导出"
        )
    },
    search: "搜索",
    search_hint: |keys| format!("名称、代码、电话…（{keys}）"),
    all: "全部",
    new_customer: "新建客户",
    edit_customer: "客户资料",
    n_customers: |shown, total| format!("显示 {shown} / 共 {total} 位客户"),
    no_customers: |keys| format!("还没有客户。点击“新建客户”（{keys}）添加。"),
    no_match: "没有符合搜索和筛选条件的客户。",
    col_code: labels::CODE.zh,
    col_name: labels::NAME.zh,
    col_kind: labels::KIND.zh,
    col_grade: labels::GRADE.zh,
    col_step: labels::LADDER_STEP.zh,
    col_industry: labels::INDUSTRY.zh,
    col_owner: "负责人",
    col_phone: labels::PHONE.zh,
    col_revenue: "消费金额",
    col_last_purchase: "最近购买",
    f_code: labels::CODE.zh,
    code_hint: "留空则自动生成（C-000123）",
    f_name: labels::NAME.zh,
    f_source: labels::SOURCE.zh,
    f_email: labels::EMAIL.zh,
    f_address: labels::ADDRESS.zh,
    f_demographics_person: "性别、家庭结构",
    f_demographics_org: "经营范围、规模",
    f_credit: labels::CREDIT_RATING.zh,
    f_payment_notes: "付款记录备注",
    f_importance: "战略重要性",
    f_difficulty: "管理难度",
    f_rel_type: "关系类型",
    f_rel_stage: "关系阶段",
    f_dissolution_reason: "解散原因",
    f_tags: "标签",
    f_notes: labels::NOTES.zh,
    none: "—",
    computed: "自动计算",
    save: "保存",
    close: "关闭",
    delete: "删除",
    cancel: "取消",
    confirm_delete_title: "删除客户？",
    confirm_delete_body: |name, keys| {
        format!("将“{name}”移入回收站？其销售记录和历史都会保留；撤销（{keys}）可恢复。")
    },
    move_to_trash: "移入回收站",
    history: "变更历史",
    purchases: |n, total| format!("购买记录（{n} 笔，合计 {total}）"),
    purchase_columns: [
        labels::DATE.zh,
        labels::AMOUNT.zh,
        labels::ORDER_NO.zh,
        labels::PRODUCT.zh,
        labels::QUANTITY.zh,
    ],
    purchases_latest: |shown, n| format!("显示最近 {shown} 笔，共 {n} 笔。"),
    no_purchases: "还没有购买记录。",
    a_create: "新建",
    a_update: "修改",
    a_delete: "删除",
    a_restore: "恢复",
    e_created: |code, name| format!("新建 {name}（{code}）"),
    e_updated: |code, name| format!("修改 {name}（{code}）"),
    e_deleted: |code, name| format!("删除 {name}（{code}）"),
    e_restored: |code, name| format!("恢复 {name}（{code}）"),
    e_merged: |from, into| format!("把 {from} 合并到 {into}"),
    merge_into: "合并到",
    merge: "合并…",
    merge_title: "合并客户？",
    merge_unknown: "没有其他客户使用这个代码",
    merge_body: |from, into, keys| {
        format!(
            "把 {from} 的全部销售、行动、投诉、调查和销售机会移到 {into}，并把 {from} 移入回收站？撤销（{keys}）可以再分开。"
        )
    },
    f_merged: "合并",
    p_required: "必填",
    p_too_long: |max| format!("最多 {max} 个字符"),
    p_has_spaces: "不能包含空格",
    p_bad_phone: "电话格式不正确（数字、+、-、空格；5–20 位数字）",
    p_bad_email: "邮箱格式不正确（name@example.com）",
    p_duplicate_code: |by| format!("已被 {by} 使用"),
    form_has_problems: |n| format!("未保存：有 {n} 处需要修改"),
    customer_missing: "该客户已不存在",
    database_error: "数据库错误",
    cannot_open: |p| format!("无法打开 {p}"),
    o_missing: "文件不存在",
    o_exists: "文件已存在",
    o_empty: "文件是空的（0 字节），不是 Ladder 数据库",
    o_not_sqlite: "不是数据库文件",
    o_zeros: "不是数据库文件：文件里全是零字节",
    o_not_a_file: "不是文件（而是文件夹、命名管道或设备）",
    o_foreign: "这是其他程序创建的 SQLite 数据库，不是 Ladder 数据库",
    o_truncated: |expected, actual| format!("文件不完整或已损坏（{actual} / {expected} 字节）"),
    o_newer: |found, supported| {
        format!("由更新版本的 Ladder 创建（数据结构 {found}；本版本最高支持 {supported}）")
    },
    o_corrupt: "数据库已损坏",
    o_damaged: "数据库已损坏；没有写入任何内容。请打开一个通过检查的备份（自动备份在旁边的 \
                .backups 文件夹中），另存一份副本替换它。SQLite 的文件检查结果",
    o_stale_wal: "数据库已损坏：旁边的 -wal 文件（SQLite 最近修改的日志）与它不符。\
                  是否替换过该文件，或复制时漏掉了它？没有读取或写入任何内容；\
                  把 -wal 文件移开即可按原样打开该文件。SQLite 的检查结果",
    o_unreadable: "无法读取文件",
    o_missing_tables: |names| format!("数据库已损坏：缺少数据表 {names}（被其他程序修改过）"),
    o_missing_columns: |names| format!("数据库已损坏：缺少字段 {names}（被其他程序修改过）"),
    o_in_use: |pid| match pid {
        Some(pid) => format!("已在另一个 Ladder 窗口中打开（进程 {pid}），请先在那里关闭"),
        None => "已在另一个 Ladder 窗口中打开，请先在那里关闭".to_owned(),
    },
    o_busy: "另一个程序正在写入数据库；没有写入任何内容，请稍后再试",
    o_pending_wal: "文件是只读的，且最近的修改还在 -wal 文件中，不写入就无法读取；\
                    请先改为可写并打开一次",
    o_old_read_only: |found, supported| {
        format!("文件是只读的，其数据结构 {found} 需要先升级到 {supported}；请先改为可写并打开一次")
    },
    ro_file: "文件设为只读",
    ro_folder: "所在文件夹设为只读",
    ro_denied: "没有写入权限",
    ro_file_system: "所在的磁盘或共享文件夹为只读",
    ro_reading: "以只读方式打开",
    read_only_banner: |why| format!("只读（{why}）：不能修改。"),
    read_only_refused: "只读：不能修改，没有写入任何内容",
};

impl Tr {
    /// The text of a language.
    pub fn of(lang: Lang) -> &'static Self {
        match lang {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// What is wrong with a field, in words.
    pub fn problem(&self, problem: &Problem) -> String {
        match problem {
            Problem::Required => self.p_required.to_owned(),
            Problem::TooLong { max } => (self.p_too_long)(*max),
            Problem::HasSpaces => self.p_has_spaces.to_owned(),
            Problem::BadPhone => self.p_bad_phone.to_owned(),
            Problem::BadEmail => self.p_bad_email.to_owned(),
            Problem::DuplicateCode { by } => (self.p_duplicate_code)(by),
        }
    }

    /// A history action's name.
    pub fn action(&self, action: Action) -> &'static str {
        match action {
            Action::Create => self.a_create,
            Action::Update => self.a_update,
            Action::Delete => self.a_delete,
            Action::Restore => self.a_restore,
        }
    }

    /// What a command did, for the status line and the undo menu.
    pub fn effect(&self, effect: &Effect) -> String {
        match effect {
            Effect::Created { code, name, .. } => (self.e_created)(code, name),
            Effect::Updated { code, name, .. } => (self.e_updated)(code, name),
            Effect::Deleted { code, name, .. } => (self.e_deleted)(code, name),
            Effect::Restored { code, name, .. } => (self.e_restored)(code, name),
            Effect::SettingsChanged { keys } => {
                let labels: Vec<&str> = keys.iter().map(|k| self.settings.label(k)).collect();
                (self.settings.e_settings)(&labels.join(", "))
            }
            Effect::Merged { into, from, .. } => (self.e_merged)(from, into),
            Effect::CalendarChanged { days, first, last } => {
                (self.calendar.changed)(*days, *first, *last)
            }
            Effect::RecordSaved { name, .. } => (self.e_record_saved)(&name.text(self.polish.lang)),
            Effect::RecordDeleted { name, .. } => {
                (self.e_record_deleted)(&name.text(self.polish.lang))
            }
            Effect::StageMoved { name, to, .. } => {
                let (lang, name) = (self.polish.lang, name.text(self.polish.lang));
                match to {
                    OpportunityStage::Won => (self.e_won)(&name),
                    OpportunityStage::Lost => (self.e_lost)(&name),
                    _ => (self.e_stage)(&name, to.name(lang)),
                }
            }
            Effect::Batch { purpose, .. } => self.purpose(purpose),
        }
    }

    /// What a batch of commands did, by what it was for.
    fn purpose(&self, purpose: &Purpose) -> String {
        let lang = self.polish.lang;
        match purpose {
            Purpose::AcRound { at, areas } => {
                (self.e_ac_round)(&at.format("%m-%d %H:%M").to_string(), *areas)
            }
            Purpose::MoveNextStep { kind, who, to } => {
                let kind = kind.name(lang);
                let kind = if lang == Lang::En { kind.to_lowercase() } else { kind.to_owned() };
                (self.e_next_step_moved)(&kind, who, &to.format("%m-%d").to_string())
            }
        }
    }

    /// The label of a customer field as stored in history.
    pub fn field_label(&self, field: &str) -> &'static str {
        match field {
            "code" => self.f_code,
            "name" => self.f_name,
            "kind" => self.col_kind,
            "industry" => self.col_industry,
            "source" => self.f_source,
            "grade" => self.col_grade,
            "owner" => self.col_owner,
            "phone" => self.col_phone,
            "email" => self.f_email,
            "address" => self.f_address,
            "demographics" => self.f_demographics_person,
            "credit_rating" => self.f_credit,
            "payment_notes" => self.f_payment_notes,
            "importance_override" => self.f_importance,
            "difficulty_override" => self.f_difficulty,
            "relationship_type" => self.f_rel_type,
            "relationship_stage" => self.f_rel_stage,
            "dissolution_reason" => self.f_dissolution_reason,
            "ladder_step" => self.col_step,
            "tags" => self.f_tags,
            "move_reason" => self.f_move_reason,
            "merged" => self.f_merged,
            _ => self.f_notes,
        }
    }

    /// Why a file could not be opened, in words.
    pub fn open_problem(&self, problem: &OpenProblem) -> String {
        match problem {
            OpenProblem::Missing => self.o_missing.to_owned(),
            OpenProblem::Exists => self.o_exists.to_owned(),
            OpenProblem::Empty => self.o_empty.to_owned(),
            OpenProblem::NotSqlite { .. } => self.o_not_sqlite.to_owned(),
            OpenProblem::Zeros => self.o_zeros.to_owned(),
            OpenProblem::NotAFile(_) => self.o_not_a_file.to_owned(),
            OpenProblem::Foreign { .. } => self.o_foreign.to_owned(),
            OpenProblem::Truncated { expected, actual } => (self.o_truncated)(*expected, *actual),
            OpenProblem::Newer { found, supported } => (self.o_newer)(*found, *supported),
            OpenProblem::Corrupt { detail } => format!("{}: {detail}", self.o_corrupt),
            OpenProblem::Damaged { detail } => format!("{}: {detail}", self.o_damaged),
            OpenProblem::StaleWal { detail } => format!("{}: {detail}", self.o_stale_wal),
            OpenProblem::MissingTables { tables } => (self.o_missing_tables)(&tables.join(", ")),
            OpenProblem::MissingColumns { columns } => {
                (self.o_missing_columns)(&columns.join(", "))
            }
            OpenProblem::ReadOnly(why) => format!("{}: {}", self.read_only_refused, self.ro(*why)),
            OpenProblem::PendingWal { .. } => self.o_pending_wal.to_owned(),
            OpenProblem::OldReadOnly { found, supported, .. } => {
                (self.o_old_read_only)(*found, *supported)
            }
            OpenProblem::InUse { pid } => (self.o_in_use)(*pid),
            OpenProblem::Busy => self.o_busy.to_owned(),
            OpenProblem::Io(e) => format!("{}: {e}", self.o_unreadable),
            OpenProblem::Sqlite(e) => format!("{}: {e}", self.database_error),
            OpenProblem::Migration(e) => format!("{}: {e}", self.database_error),
            OpenProblem::Setting(e) => format!("{}: {e}", self.database_error),
        }
    }

    /// A failed write, in words.
    pub fn store_error(&self, error: &StoreError) -> String {
        match error {
            StoreError::Invalid(problems) => (self.form_has_problems)(problems.len()),
            StoreError::NotFound(_) => self.customer_missing.to_owned(),
            StoreError::Sqlite(e) => format!("{}: {e}", self.database_error),
            StoreError::Csv(e) => format!("{}: {e}", self.database_error),
            StoreError::Io(e) => format!("{}: {e}", self.o_unreadable),
            StoreError::Exists(path) => format!("{}: {}", path.display(), self.o_exists),
            StoreError::Setting(e) => format!("{}: {e}", self.database_error),
            StoreError::RecordMissing(kind, _) => {
                let noun = crate::domain::naming::noun(*kind);
                (self.polish.record_gone)(if self.polish.lang == Lang::Zh {
                    noun.1
                } else {
                    noun.0
                })
            }
            StoreError::Refused(Refusal::Unwritable(problem)) => self.open_problem(problem),
            StoreError::Refused(why) => refusal_text(why, self.polish.lang),
            StoreError::Constraint(rule) => {
                let zh = self.polish.lang == crate::domain::Lang::Zh;
                constraint_text(rule, zh)
            }
            StoreError::Entry(errors) => {
                let texts: Vec<String> = errors.iter().map(|e| e.text(self.polish.lang)).collect();
                texts.join("; ")
            }
            StoreError::ReadOnly { why, .. } => {
                format!("{} ({})", self.read_only_refused, self.ro(*why))
            }
            StoreError::Busy => self.o_busy.to_owned(),
            StoreError::Damaged { detail, .. } => format!("{}: {detail}", self.o_damaged),
        }
    }

    /// Why a database is read-only, in words.
    pub fn ro(&self, why: ReadOnly) -> &'static str {
        match why {
            ReadOnly::File => self.ro_file,
            ReadOnly::Folder => self.ro_folder,
            ReadOnly::Denied => self.ro_denied,
            ReadOnly::FileSystem => self.ro_file_system,
            ReadOnly::Reading => self.ro_reading,
        }
    }
}

/// A refusal of the store, in the interface language: nothing was written.
pub fn refusal_text(why: &Refusal, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("未保存：{}", why.text(lang)),
        Lang::En => format!("Not saved: {}", why.text(lang)),
    }
}

/// Why the database refused a write, in the interface language: nothing
/// was written.
fn constraint_text(rule: &crate::store::Constraint, zh: bool) -> String {
    use crate::store::Constraint;
    match (rule, zh) {
        (Constraint::Unique, false) => "Not saved: the name is already used".to_owned(),
        (Constraint::Unique, true) => "未保存：名称已被使用".to_owned(),
        (Constraint::ForeignKey, false) => "Not saved: other records still refer to it, or it \
                                            refers to a record that does not exist"
            .to_owned(),
        (Constraint::ForeignKey, true) => {
            "未保存：仍有其他记录引用它，或它引用的记录不存在".to_owned()
        }
        (Constraint::Range(text), false) => format!("Not saved: a value is out of range ({text})"),
        (Constraint::Range(text), true) => format!("未保存：有值超出允许范围（{text}）"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::command::RecordKind;

    /// The store's refusals as the app says them: each in Chinese in the
    /// Chinese interface (they were English there), English in the English one.
    #[test]
    fn store_refusals_are_said_in_the_interface_language() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).expect("date");
        let cases = [
            (
                Refusal::MergeIntoItself,
                "Not saved: a customer cannot be merged into itself",
                "未保存：客户不能合并到它自己",
            ),
            (
                Refusal::MergeNotLive,
                "Not saved: both customers must be live (not in the trash)",
                "未保存：两个客户都必须是在用客户（不在回收站中）",
            ),
            (
                Refusal::DayTwice(date),
                "Not saved: 2026-10-01 is given twice",
                "未保存：2026-10-01 出现了两次",
            ),
            (
                Refusal::NoCalendarDay,
                "Not saved: no calendar day given",
                "未保存：没有给出日历日期",
            ),
            (
                Refusal::Exists(RecordKind::Complaint),
                "Not saved: this complaint exists already",
                "未保存：这条投诉已经存在",
            ),
        ];
        for (why, en, zh) in cases {
            let english = why.to_string();
            let error = StoreError::Refused(why);
            assert_eq!(Tr::of(Lang::En).store_error(&error), en);
            assert_eq!(Tr::of(Lang::Zh).store_error(&error), zh);
            assert_eq!(format!("Not saved: {english}"), en, "the CLI keeps the English");
        }
    }

    /// A file found not writable at the first write is said as any file
    /// that cannot be opened.
    #[test]
    fn an_unwritable_file_is_said_like_an_unopenable_one() {
        let error = StoreError::Refused(Refusal::Unwritable(OpenProblem::Zeros));
        for lang in [Lang::En, Lang::Zh] {
            let t = Tr::of(lang);
            assert_eq!(t.store_error(&error), t.open_problem(&OpenProblem::Zeros));
        }
    }
}
