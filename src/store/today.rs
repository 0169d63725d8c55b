//! Loading what the day's list reads (the compliance records and the
//! customers' names) and building it: for `ladder today` on an open store,
//! and for the app's worker on its own read-only connection.

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::Store;
use crate::domain::customer::CustomerId;
use crate::domain::settings::Settings;
use crate::domain::today::{Names, TodayList, today};

/// The names of the live customers.
fn names(conn: &Connection) -> rusqlite::Result<Names> {
    let mut stmt = conn.prepare("SELECT id, name FROM customers WHERE deleted_at IS NULL")?;
    stmt.query_map([], |r| Ok((CustomerId(r.get(0)?), r.get(1)?)))?.collect()
}

/// Reads the records and builds the list at `now`; the error is in words.
pub fn build(
    conn: &Connection,
    settings: &Settings,
    now: NaiveDateTime,
) -> Result<TodayList, String> {
    let set = super::compliance::load(conn).map_err(|e| e.to_string())?;
    let names = names(conn).map_err(|e| e.to_string())?;
    today(&set.records(), &names, settings, now).map_err(|e| e.to_string())
}

/// [`build`] on a read-only connection of its own to `path` (the app's
/// worker thread).
pub fn compute(
    path: &std::path::Path,
    settings: &Settings,
    now: NaiveDateTime,
) -> Result<TodayList, String> {
    let conn = super::db::read_connection(path).map_err(|e| e.to_string())?;
    build(&conn, settings, now)
}

impl Store {
    /// The day's list at `now` with the stored settings.
    pub fn today(&self, settings: &Settings, now: NaiveDateTime) -> Result<TodayList, String> {
        build(&self.conn, settings, now)
    }
}
