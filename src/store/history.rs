//! The `history` table: an append-only log of changes, kept even for records
//! in the trash.

use chrono::NaiveDateTime;
use rusqlite::{Connection, params};

use super::sql::{stamp, stamp_text, vocab};
use crate::domain::customer::FieldChange;
use crate::domain::history::{Action, HistoryEntry};

/// Entity name of customers in the history table.
pub const CUSTOMER: &str = "customer";
/// Entity name of the settings (one record, id 0).
pub const SETTINGS: &str = "settings";

/// Records an action; an update records one line per changed field.
pub fn record(
    conn: &Connection,
    entity: &str,
    id: i64,
    action: Action,
    at: NaiveDateTime,
    changes: &[FieldChange],
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO history (at, entity, entity_id, action, field, old, new) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let at = stamp_text(at);
    if changes.is_empty() {
        stmt.execute(params![at, entity, id, action.code(), "", "", ""])?;
    }
    for change in changes {
        stmt.execute(params![at, entity, id, action.code(), change.field, change.old, change.new])?;
    }
    Ok(())
}

/// Records the creation of the customers `ids` in one statement (as
/// [`record`] with no changes, one row each).
pub(crate) fn record_customers_created(
    conn: &Connection,
    ids: impl ExactSizeIterator<Item = i64>,
    at: NaiveDateTime,
) -> rusqlite::Result<()> {
    if ids.len() == 0 {
        return Ok(());
    }
    let sql = crate::store::sql::many_rows_sql("history::customers_created", ids.len(), |n| {
        format!(
            "INSERT INTO history (at, entity, entity_id, action, field, old, new) VALUES {}",
            (0..n)
                .map(|i| format!("(?1, ?2, ?{}, ?3, '', '', '')", i + 4))
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.raw_bind_parameter(1, stamp_text(at))?;
    stmt.raw_bind_parameter(2, CUSTOMER)?;
    stmt.raw_bind_parameter(3, Action::Create.code())?;
    for (i, id) in ids.enumerate() {
        stmt.raw_bind_parameter(4 + i, id)?;
    }
    stmt.raw_execute()?;
    Ok(())
}

/// Records a whole-record change as text (compliance records): `old` and
/// `new` describe the record before and after.
pub fn record_text(
    conn: &Connection,
    entity: &str,
    id: i64,
    action: Action,
    at: &NaiveDateTime,
    old: &str,
    new: &str,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO history (at, entity, entity_id, action, field, old, new) \
         VALUES (?1, ?2, ?3, ?4, '', ?5, ?6)",
    )?;
    stmt.execute(params![stamp_text(*at), entity, id, action.code(), old, new])?;
    Ok(())
}

/// The history of one record, oldest first.
pub fn for_entity(conn: &Connection, entity: &str, id: i64) -> rusqlite::Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare(
        "SELECT at, action, field, old, new FROM history \
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
    )?;
    stmt.query_map(params![entity, id], |row| {
        Ok(HistoryEntry {
            at: stamp(row, 0)?,
            action: vocab(row, 1, Action::from_code)?,
            field: row.get(2)?,
            old: row.get(3)?,
            new: row.get(4)?,
        })
    })?
    .collect()
}
