//! The change history: who (the local user), when, what, old → new.

use chrono::NaiveDateTime;

/// What happened to a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
    Restore,
}

impl Action {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Delete => "delete",
            Self::Restore => "restore",
        }
    }

    /// The action for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Create, Self::Update, Self::Delete, Self::Restore]
            .into_iter()
            .find(|a| a.code() == code)
    }
}

/// One history line. `field` is empty for whole-record actions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub at: NaiveDateTime,
    pub action: Action,
    pub field: String,
    pub old: String,
    pub new: String,
}
