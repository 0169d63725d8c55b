//! Presenter mode's words (View menu, Settings → interface), in 中文 and
//! English.

/// Text of presenter mode in one language.
pub struct TrPresenter {
    /// The switch, in the View menu and in Settings.
    pub mode: &'static str,
    /// What the switch does (its hover text and the line under it).
    pub hint: &'static str,
    /// The label of the size presets.
    pub size: &'static str,
    /// The status line after switching on (with the size) and off.
    pub on: fn(u32) -> String,
    pub off: &'static str,
}

/// English.
pub const EN: TrPresenter = TrPresenter {
    mode: "Presenter mode",
    hint: "A light, high-contrast theme and large type, for a projector.",
    size: "Type size",
    on: |percent| format!("Presenter mode on: type at {percent}%"),
    off: "Presenter mode off",
};

/// 中文.
pub const ZH: TrPresenter = TrPresenter {
    mode: "演示模式",
    hint: "浅色高对比度主题和大字号，适合投影仪。",
    size: "字号",
    on: |percent| format!("演示模式已开启：字号 {percent}%"),
    off: "演示模式已关闭",
};
