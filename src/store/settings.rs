//! The `settings` table: DOMAIN's defaults written on creation, read typed.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};

use crate::domain::settings::Settings;

/// The key in `settings` that marks a file written as the demo company
/// (not a business setting: `Settings` never reads it).
pub const DEMO_KEY: &str = "demo_company";

/// Whether the file was written as the demo company.
pub fn is_demo(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?1)", [DEMO_KEY], |r| {
        r.get(0)
    })
}

/// Writes every setting that is not stored yet (new keys keep their default).
pub fn insert_missing(conn: &Connection, settings: &Settings) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES (?1, ?2)")?;
    for (key, value) in settings.to_pairs() {
        stmt.execute(params![key, value])?;
    }
    Ok(())
}

/// Reads the typed settings.
pub fn load(conn: &Connection) -> Result<Settings, super::db::OpenProblem> {
    let mut stmt = conn.prepare("SELECT key, value FROM settings")?;
    let pairs: BTreeMap<String, String> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    Ok(Settings::from_pairs(&pairs)?)
}

/// Stores every setting (replacing the stored values).
pub fn save(conn: &Connection, settings: &Settings) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)")?;
    for (key, value) in settings.to_pairs() {
        stmt.execute(params![key, value])?;
    }
    Ok(())
}
