//! The restore window's text, in 中文 and English.

/// Text of File → Restore from backup… in one language.
pub struct TrRestore {
    pub menu: &'static str,
    pub title: &'static str,
    pub intro: fn(&str) -> String,
    pub col_time: &'static str,
    pub col_reason: &'static str,
    pub col_size: &'static str,
    pub reason_import: &'static str,
    pub reason_restore: &'static str,
    pub reason_schema: fn(u32) -> String,
    pub no_backups: &'static str,
    pub cannot_list: fn(&str) -> String,
    pub restore_this: &'static str,
    pub choose_file: &'static str,
    pub confirm: fn(&str, &str) -> String,
    pub confirm_note: &'static str,
    pub restore: &'static str,
    pub back: &'static str,
    pub restoring: &'static str,
    pub undoing: &'static str,
    pub done: fn(&str, i64, i64) -> String,
    pub saved_before: fn(&str) -> String,
    pub undo: &'static str,
    pub undone: &'static str,
    pub undo_stale: &'static str,
    pub cancelled: &'static str,
    pub refused: fn(&str) -> String,
    pub failed: &'static str,
    pub same_file: &'static str,
    pub page_size: fn(i64, i64) -> String,
    pub busy: &'static str,
}

/// English.
pub const EN: TrRestore = TrRestore {
    menu: "Restore from backup…",
    title: "Restore from backup",
    intro: |db| {
        format!(
            "Automatic backups of {db}, newest first. Restoring replaces everything in the database with the backup's content."
        )
    },
    col_time: "Written",
    col_reason: "Reason",
    col_size: "Size",
    reason_import: "Before an import",
    reason_restore: "Before a restore",
    reason_schema: |from| format!("Before upgrading from schema {from}"),
    no_backups: "No automatic backups yet. One is written before every import, restore and upgrade.",
    cannot_list: |why| format!("Cannot list the backups: {why}"),
    restore_this: "Restore…",
    choose_file: "Choose a file…",
    confirm: |db, from| format!("Replace everything in {db} with the content of {from}?"),
    confirm_note: "The current data is backed up first, so the restore can be undone.",
    restore: "Restore",
    back: "Back",
    restoring: "Restoring…",
    undoing: "Undoing the restore…",
    done: |from, customers, transactions| {
        format!(
            "Restored from {from}. Now in the database: customers {customers}, transactions {transactions}."
        )
    },
    saved_before: |path| format!("The data as it was before is saved in {path}."),
    undo: "Undo restore",
    undone: "The restore was undone.",
    undo_stale: "The data changed after the restore. To go back, restore the backup written before it (“Before a restore”).",
    cancelled: "The restore was cancelled; nothing changed.",
    refused: |path| format!("Cannot restore from {path}"),
    failed: "The restore failed; the database is unchanged",
    same_file: "this is the open database itself, not a backup",
    page_size: |from, into| {
        format!(
            "the backup uses {from}-byte pages and the database {into}-byte pages; open the backup and save a copy instead"
        )
    },
    busy: "Wait until the running import or restore has finished.",
};

/// 中文.
pub const ZH: TrRestore = TrRestore {
    menu: "从备份恢复…",
    title: "从备份恢复",
    intro: |db| format!("{db} 的自动备份，最新的在前。恢复会用备份的内容替换数据库中的全部数据。"),
    col_time: "备份时间",
    col_reason: "原因",
    col_size: "大小",
    reason_import: "导入前",
    reason_restore: "恢复前",
    reason_schema: |from| format!("从数据结构 {from} 升级前"),
    no_backups: "还没有自动备份。每次导入、恢复和升级之前都会自动备份。",
    cannot_list: |why| format!("无法列出备份：{why}"),
    restore_this: "恢复…",
    choose_file: "选择文件…",
    confirm: |db, from| format!("用 {from} 的内容替换 {db} 中的全部数据？"),
    confirm_note: "恢复之前会先备份当前数据，因此可以撤销。",
    restore: "恢复",
    back: "返回",
    restoring: "正在恢复…",
    undoing: "正在撤销恢复…",
    done: |from, customers, transactions| {
        format!("已从 {from} 恢复：{customers} 位客户，{transactions} 条交易记录。")
    },
    saved_before: |path| format!("恢复前的数据已保存在 {path}。"),
    undo: "撤销恢复",
    undone: "已撤销恢复。",
    undo_stale: "恢复之后数据又有改动。如需回到恢复前，请恢复原因为“恢复前”的备份。",
    cancelled: "已取消恢复，数据没有改变。",
    refused: |path| format!("无法从 {path} 恢复"),
    failed: "恢复失败，数据库没有改变",
    same_file: "这是当前打开的数据库本身，不是备份",
    page_size: |from, into| {
        format!("备份的页大小是 {from} 字节，数据库是 {into} 字节；请打开备份后另存副本")
    },
    busy: "请等正在进行的导入或恢复完成。",
};
