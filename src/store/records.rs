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
    if kind == RecordKind::Churn {
        let churn = pipeline_records::churn(conn, id)?;
        return churn.map(Record::Churn).ok_or(StoreError::RecordMissing(kind.table(), id));
    }
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
        RecordKind::Activity => {
            set.activities.into_iter().find(|a| a.id == id).map(Record::Activity)
        }
        RecordKind::Opportunity => {
            set.opportunities.into_iter().find(|o| o.id == id).map(Record::Opportunity)
        }
        RecordKind::Churn => None,
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
        Record::Activity(a) => pipeline_records::insert_activity(conn, id, a)?,
        Record::Opportunity(o) => pipeline_records::insert_opportunity(conn, id, o)?,
        Record::Churn(c) => pipeline_records::insert_churn(conn, id, c)?,
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

/// Activities, opportunities and churn records: inserts and reads that the
/// compliance loader does not cover.
pub mod pipeline_records {
    use rusqlite::types::Value;
    use rusqlite::{Connection, OptionalExtension as _, params, params_from_iter};

    use super::stamp;
    use crate::domain::customer::CustomerId;
    use crate::domain::records::{Activity, ChurnRecord, Opportunity};
    use crate::domain::terms::ChurnReason;

    /// Inserts an activity (under `id` when given).
    pub fn insert_activity(
        conn: &Connection,
        id: Option<i64>,
        a: &Activity,
    ) -> rusqlite::Result<()> {
        conn.execute(
            "INSERT INTO activities (id, customer_id, opportunity_id, complaint_id, kind, at, subject, \
             outcome, next_step, next_step_due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id,
                a.customer.0,
                a.opportunity,
                a.complaint,
                a.kind.code(),
                stamp(a.at),
                a.subject,
                a.outcome,
                a.next_step,
                a.next_step_due.map(|d| d.to_string())
            ],
        )?;
        Ok(())
    }

    /// The 12 values of an opportunity row, in column order (`id` first).
    fn opportunity_values(id: Option<i64>, o: &Opportunity) -> [Value; 12] {
        let date = |d: Option<chrono::NaiveDate>| d.map_or(Value::Null, |d| d.to_string().into());
        [
            id.map_or(Value::Null, Value::from),
            o.customer.0.into(),
            o.title.clone().into(),
            o.stage.code().to_owned().into(),
            o.expected_value_cents.into(),
            i64::from(o.probability_pct).into(),
            date(o.expected_close),
            stamp(o.created_at).into(),
            date(o.closed_at),
            date(o.delivered_at),
            o.owner.clone().into(),
            o.notes.clone().into(),
        ]
    }

    /// Inserts an opportunity (under `id` when given).
    pub fn insert_opportunity(
        conn: &Connection,
        id: Option<i64>,
        o: &Opportunity,
    ) -> rusqlite::Result<()> {
        conn.execute(
            "INSERT INTO opportunities (id, customer_id, title, stage, expected_value_cents, \
             probability_pct, expected_close, created_at, closed_at, delivered_at, owner, notes) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params_from_iter(opportunity_values(id, o)),
        )?;
        Ok(())
    }

    /// Replaces an opportunity's fields in place (its stage history and
    /// activities keep pointing at it).
    pub fn update_opportunity(conn: &Connection, id: i64, o: &Opportunity) -> rusqlite::Result<()> {
        conn.execute(
            "UPDATE opportunities SET customer_id = ?2, title = ?3, stage = ?4, \
             expected_value_cents = ?5, probability_pct = ?6, expected_close = ?7, created_at = ?8, \
             closed_at = ?9, delivered_at = ?10, owner = ?11, notes = ?12 WHERE id = ?1",
            params_from_iter(opportunity_values(Some(id), o)),
        )?;
        Ok(())
    }

    /// Inserts a churn record (under `id` when given).
    pub fn insert_churn(
        conn: &Connection,
        id: Option<i64>,
        c: &ChurnRecord,
    ) -> rusqlite::Result<()> {
        conn.execute(
            "INSERT INTO churn_records (id, customer_id, recorded_at, reason, root_cause, try_repair, \
             estimated_loss_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                c.customer.0,
                c.recorded_at.to_string(),
                c.reason.code(),
                c.root_cause,
                c.try_repair,
                c.estimated_loss_cents
            ],
        )?;
        Ok(())
    }

    /// Reads one churn record.
    pub fn churn(conn: &Connection, id: i64) -> rusqlite::Result<Option<ChurnRecord>> {
        conn.query_row(
            "SELECT customer_id, recorded_at, reason, root_cause, try_repair, estimated_loss_cents \
             FROM churn_records WHERE id = ?1",
            [id],
            |r| {
                let date: String = r.get(1)?;
                let reason: String = r.get(2)?;
                Ok(ChurnRecord {
                    customer: CustomerId(r.get(0)?),
                    recorded_at: chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(
                        |e| {
                            rusqlite::Error::FromSqlConversionFailure(
                                1,
                                rusqlite::types::Type::Text,
                                e.into(),
                            )
                        },
                    )?,
                    reason: ChurnReason::from_code(&reason).unwrap_or(ChurnReason::Other),
                    root_cause: r.get(3)?,
                    try_repair: r.get(4)?,
                    estimated_loss_cents: r.get(5)?,
                })
            },
        )
        .optional()
    }
}
