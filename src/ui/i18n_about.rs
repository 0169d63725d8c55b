//! The About window's text (Help → About), in 中文 and English.

/// Text of Help → About in one language.
pub struct TrAbout {
    pub version: &'static str,
    pub licence: &'static str,
    /// Ladder's own licence in words (the SPDX expression follows it).
    pub licence_text: &'static str,
    pub data_dir: &'static str,
    pub database: &'static str,
    /// Shown for a folder or file that is not there.
    pub none: &'static str,
    pub read_only: &'static str,
    pub font: &'static str,
    pub font_text: &'static str,
    pub third_party: &'static str,
    /// "Ladder is built from N crates …", above the licence texts.
    pub third_party_intro: fn(usize) -> String,
}

/// English.
pub const EN: TrAbout = TrAbout {
    version: "Version",
    licence: "Licence",
    licence_text: "MIT or Apache-2.0, at your choice",
    data_dir: "Data folder",
    database: "Database in use",
    none: "none",
    read_only: "(read-only)",
    font: "Chinese font",
    font_text: "WenQuanYi Micro Hei (a subset), Apache-2.0",
    third_party: "Third-party licences",
    third_party_intro: |n| {
        format!("Ladder is built from {n} open-source crates; their licences and authors:")
    },
};

/// 中文.
pub const ZH: TrAbout = TrAbout {
    version: "版本",
    licence: "许可证",
    licence_text: "MIT 或 Apache-2.0，任选其一",
    data_dir: "数据文件夹",
    database: "当前数据库",
    none: "无",
    read_only: "（只读）",
    font: "中文字体",
    font_text: "文泉驿微米黑（子集），Apache-2.0",
    third_party: "第三方许可证",
    third_party_intro: |n| format!("Ladder 使用了 {n} 个开源软件包（crate），其许可证与作者如下："),
};
