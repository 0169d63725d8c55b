//! Generic reads and writes of the compliance records behind
//! `Command::SaveRecord` / `DeleteRecord` / `RestoreRecord`, through the
//! tables' own mappings ([`super::tables`]).

use rusqlite::{Connection, OptionalExtension as _};

use super::StoreError;
use super::compliance::RecordSet;
use super::tables::ac::{AcAreas, AcChecks, AcFaults, AcMaintenance, AcNotices, AcOvertime};
use super::tables::contacts::Contacts;
use super::tables::pipeline::{Activities, ChurnRecords, Opportunities};
use super::tables::service::{Complaints, Surveys};
use super::tables::transactions::Transactions;
use super::tables::{Select, insert as insert_row};
use crate::domain::command::{Record, RecordKind};
use crate::domain::records::ChurnRecord;

/// Reads one record by kind and id (through the compliance loader's row
/// mapping, so there is one mapping per table).
pub fn get(conn: &Connection, kind: RecordKind, id: i64) -> Result<Record, StoreError> {
    let direct = match kind {
        RecordKind::Churn => Some(churn(conn, id)?.map(Record::Churn)),
        RecordKind::Sale => Some(one::<Transactions>(conn, id)?.map(Record::Sale)),
        RecordKind::Survey => Some(one::<Surveys>(conn, id)?.map(Record::Survey)),
        RecordKind::Contact => Some(one::<Contacts>(conn, id)?.map(Record::Contact)),
        _ => None,
    };
    if let Some(record) = direct {
        return record.ok_or(StoreError::RecordMissing(kind, id));
    }
    let set = super::compliance::load_one(conn, kind, id)?;
    pick(set, kind, id).ok_or(StoreError::RecordMissing(kind, id))
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
        RecordKind::Activity => {
            set.activities.into_iter().find(|a| a.id == id).map(Record::Activity)
        }
        RecordKind::Opportunity => {
            set.opportunities.into_iter().find(|o| o.id == id).map(Record::Opportunity)
        }
        RecordKind::Churn | RecordKind::Sale | RecordKind::Survey | RecordKind::Contact => None,
    }
}

/// Inserts `record` (under `id` when given) and returns its id.
pub fn insert(conn: &Connection, id: Option<i64>, record: &Record) -> rusqlite::Result<i64> {
    match record {
        Record::AcCheck(c) => insert_row::<AcChecks>(conn, id, c)?,
        Record::Area(a) => insert_row::<AcAreas>(conn, id, a)?,
        Record::Notice(n) => insert_row::<AcNotices>(conn, id, n)?,
        Record::Overtime(o) => insert_row::<AcOvertime>(conn, id, o)?,
        Record::Maintenance(m) => insert_row::<AcMaintenance>(conn, id, m)?,
        Record::Fault(f) => insert_row::<AcFaults>(conn, id, f)?,
        Record::Complaint(c) => insert_row::<Complaints>(conn, id, c)?,
        Record::Activity(a) => insert_row::<Activities>(conn, id, a)?,
        Record::Opportunity(o) => insert_row::<Opportunities>(conn, id, o)?,
        Record::Churn(c) => insert_row::<ChurnRecords>(conn, id, c)?,
        Record::Sale(t) => insert_row::<Transactions>(conn, id, t)?,
        Record::Survey(s) => insert_row::<Surveys>(conn, id, s)?,
        Record::Contact(c) => insert_row::<Contacts>(conn, id, c)?,
    }
    Ok(conn.last_insert_rowid())
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

/// Reads the row of table `T` with this id.
fn one<T: Select>(conn: &Connection, id: i64) -> rusqlite::Result<Option<T::Loaded>> {
    let sql = format!("{} WHERE id = ?1", T::SELECT);
    conn.query_row(&sql, [id], T::from_row).optional()
}

/// Reads one churn record (the compliance loader reads only their dates).
fn churn(conn: &Connection, id: i64) -> rusqlite::Result<Option<ChurnRecord>> {
    let sql = format!("{} WHERE id = ?1", ChurnRecords::SELECT);
    conn.query_row(&sql, [id], ChurnRecords::from_row).optional()
}

/// A customer's satisfaction surveys, newest first, with their ids.
pub fn surveys_of(
    conn: &Connection,
    customer: crate::domain::customer::CustomerId,
) -> rusqlite::Result<Vec<(i64, crate::domain::records::Survey)>> {
    with_ids::<Surveys>(conn, "WHERE customer_id = ?1 ORDER BY date DESC, id DESC", customer.0)
}

/// A customer's contact persons, in the order they were added, with their ids.
pub fn contacts_of(
    conn: &Connection,
    customer: crate::domain::customer::CustomerId,
) -> rusqlite::Result<Vec<(i64, crate::domain::records::Contact)>> {
    with_ids::<Contacts>(conn, "WHERE customer_id = ?1 ORDER BY id", customer.0)
}

/// A customer's complaints, queries and inquiries, newest first, with
/// their ids (the activity form offers them by words).
pub fn complaints_of(
    conn: &Connection,
    customer: crate::domain::customer::CustomerId,
) -> rusqlite::Result<Vec<(i64, crate::domain::records::Complaint)>> {
    with_ids::<Complaints>(
        conn,
        "WHERE customer_id = ?1 ORDER BY received_at DESC, id DESC",
        customer.0,
    )
}

/// The rows of table `T` selected by `rest` (one parameter), each with its id.
fn with_ids<T: Select>(
    conn: &Connection,
    rest: &str,
    param: i64,
) -> rusqlite::Result<Vec<(i64, T::Loaded)>> {
    // The id goes last, so the table's own decoding reads its columns first.
    let select = T::SELECT.replacen(" FROM ", ", id FROM ", 1);
    let mut stmt = conn.prepare_cached(&format!("{select} {rest}"))?;
    let columns = stmt.column_count();
    stmt.query_map([param], |r| Ok((r.get(columns - 1)?, T::from_row(r)?)))?.collect()
}
