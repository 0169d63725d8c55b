//! Pure domain types and rules: no egui, no rusqlite, no clock.
//!
//! Everything here is deterministic; callers pass "now" and the data in.

pub mod analysis;
pub mod command;
pub mod compliance;
pub mod customer;
pub mod demo;
pub mod entry;
pub mod history;
pub mod import;
pub mod labels;
pub mod lessons;
pub mod money;
pub mod naming;
pub mod pipeline;
pub mod records;
pub mod settings;
pub mod table;
pub mod terms;
pub mod today;
pub mod winback;

/// The two languages of the product.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    /// 中文 (Simplified Chinese).
    Zh,
    /// English.
    #[default]
    En,
}

impl Lang {
    /// Picks the language for a BCP-47 locale such as `zh-CN` or `en-US`.
    pub fn from_locale(locale: &str) -> Self {
        if locale.to_ascii_lowercase().starts_with("zh") { Self::Zh } else { Self::En }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn locale_picks_language() {
        assert_eq!(Lang::from_locale("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh_TW.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("en-GB"), Lang::En);
        assert_eq!(Lang::from_locale("de"), Lang::En);
    }
}
