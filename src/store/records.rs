//! Generic reads and writes of the compliance records behind
//! `Command::SaveRecord` / `DeleteRecord` / `RestoreRecord`.

use rusqlite::{Connection, OptionalExtension as _, params};

use super::compliance::RecordSet;
use super::{StoreError, TIMESTAMP};
use crate::domain::command::{Record, RecordKind};
use crate::domain::records::{AcCheckRow, Complaint};

fn stamp(t: chrono::NaiveDateTime) -> String {
    t.format(TIMESTAMP).to_string()
}

/// Reads one record by kind and id (through the compliance loader's row
/// mapping, so there is one mapping per table).
pub fn get(conn: &Connection, kind: RecordKind, id: i64) -> Result<Record, StoreError> {
    let set = super::compliance::load_one(conn, kind, id)?;
    pick(set, kind, id).ok_or(StoreError::RecordMissing(kind.table(), id))
}

fn pick(set: RecordSet, kind: RecordKind, id: i64) -> Option<Record> {
    match kind {
        RecordKind::AcCheck => {
            set.ac_checks.into_iter().find(|r| r.0 == id).map(|r| Record::AcCheck(r.1))
        }
        RecordKind::Area => set.areas.into_iter().find(|a| a.id == id).map(Record::Area),
        RecordKind::Notice => set.notices.into_iter().next().map(Record::Notice),
        RecordKind::Overtime => set.overtime.into_iter().next().map(Record::Overtime),
        RecordKind::Maintenance => set.maintenance.into_iter().next().map(Record::Maintenance),
        RecordKind::Fault => set.faults.into_iter().find(|f| f.0 == id).map(|f| Record::Fault(f.1)),
        RecordKind::Complaint => {
            set.complaints.into_iter().find(|c| c.id == id).map(Record::Complaint)
        }
    }
}

/// Inserts `record` (under `id` when given) and returns its id.
pub fn insert(conn: &Connection, id: Option<i64>, record: &Record) -> rusqlite::Result<i64> {
    match record {
        Record::AcCheck(c) => check_row(
            conn,
            "INSERT INTO ac_checks (id, date, time, kind, area_id, \
            reference_temp_tenths, ac_on, set_temp_tenths, windows_closed, occupied, checker, note) \
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            id,
            c,
        )?,
        Record::Area(a) => {
            conn.execute(
                "INSERT INTO ac_areas (id, name, room, responsible_person, department) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, a.name, a.room, a.responsible_person, a.department],
            )?;
        }
        Record::Notice(n) => {
            conn.execute(
                "INSERT INTO ac_notices (id, date_from, date_to, reason) VALUES (?1, ?2, ?3, ?4)",
                params![id, n.from.to_string(), n.to.to_string(), n.reason],
            )?;
        }
        Record::Overtime(o) => {
            conn.execute(
                "INSERT INTO ac_overtime (id, date, area_id, until, who, note) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    o.date.to_string(),
                    o.area,
                    o.until.format("%H:%M").to_string(),
                    o.who,
                    o.note
                ],
            )?;
        }
        Record::Maintenance(m) => {
            conn.execute(
                "INSERT INTO ac_maintenance (id, area_id, date, what) VALUES (?1, ?2, ?3, ?4)",
                params![id, m.area, m.date.to_string(), m.what],
            )?;
        }
        Record::Fault(f) => {
            conn.execute(
                "INSERT INTO ac_faults (id, area_id, reported_at, cause, liable_person, repaired_at, \
                 note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    id,
                    f.area,
                    stamp(f.reported_at),
                    f.cause.code(),
                    f.liable_person,
                    f.repaired_at.map(stamp),
                    f.note
                ],
            )?;
        }
        Record::Complaint(c) => complaint(
            conn,
            "INSERT INTO complaints (id, customer_id, received_at, \
            channel, kind, category, description, first_handler, first_response_at, resolved_at, \
            resolution, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            id,
            c,
        )?,
    }
    Ok(conn.last_insert_rowid())
}

fn check_row(
    conn: &Connection,
    sql: &str,
    id: Option<i64>,
    c: &AcCheckRow,
) -> rusqlite::Result<()> {
    conn.execute(
        sql,
        params![
            id,
            c.date.to_string(),
            c.time.format("%H:%M").to_string(),
            c.kind.code(),
            c.area,
            c.reference_temp_tenths,
            c.ac_on,
            c.set_temp_tenths,
            c.windows_closed,
            c.occupied,
            c.checker,
            c.note
        ],
    )?;
    Ok(())
}

fn complaint(conn: &Connection, sql: &str, id: Option<i64>, c: &Complaint) -> rusqlite::Result<()> {
    conn.execute(
        sql,
        params![
            id,
            c.customer.0,
            stamp(c.received_at),
            c.channel,
            c.kind.code(),
            c.category,
            c.description,
            c.first_handler,
            c.first_response_at.map(stamp),
            c.resolved_at.map(stamp),
            c.resolution,
            c.status.code()
        ],
    )?;
    Ok(())
}

/// Deletes a record; returns whether it existed.
pub fn delete(conn: &Connection, kind: RecordKind, id: i64) -> rusqlite::Result<bool> {
    let sql = format!("DELETE FROM {} WHERE id = ?1", kind.table());
    Ok(conn.execute(&sql, [id])? > 0)
}

/// Whether a record exists.
pub fn exists(conn: &Connection, kind: RecordKind, id: i64) -> rusqlite::Result<bool> {
    let sql = format!("SELECT 1 FROM {} WHERE id = ?1", kind.table());
    Ok(conn.query_row(&sql, [id], |_| Ok(())).optional()?.is_some())
}
