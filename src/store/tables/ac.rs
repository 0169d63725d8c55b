//! The AC check sheet's tables: areas, check rows, temporary notices,
//! overtime, maintenance and faults.

use rusqlite::{Row, Statement, params};

use super::{Insert, Select};
use crate::domain::records::{AcArea, AcCheckRow, AcNotice, Fault, Maintenance, Overtime};
use crate::domain::terms::{AcCheckKind, FaultCause};
use crate::store::sql::{
    date, date_text, opt_date, opt_stamp, stamp, stamp_text, time, time_text, vocab,
};

/// The `ac_areas` table.
pub(crate) struct AcAreas;

impl Insert for AcAreas {
    type Record = AcArea;
    const INSERT: &'static str = "INSERT INTO ac_areas (id, name, room, responsible_person, \
         department, in_use_since) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, a: &AcArea) -> rusqlite::Result<()> {
        let since = a.in_use_since.map(date_text);
        stmt.execute(params![id, a.name, a.room, a.responsible_person, a.department, since])?;
        Ok(())
    }
}

impl AcAreas {
    /// [`Select::SELECT`] as a file of schema 2 or older (no
    /// `in_use_since` column: `NULL`) can answer it, for readers that read
    /// an older file as it is.
    pub(crate) const SELECT_BEFORE_3: &'static str =
        "SELECT id, name, room, responsible_person, department, NULL FROM ac_areas";

    /// The SELECT this connection's schema answers.
    pub(crate) fn select_for(conn: &rusqlite::Connection) -> rusqlite::Result<&'static str> {
        let has: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info('ac_areas') \
             WHERE name = 'in_use_since')",
            [],
            |r| r.get(0),
        )?;
        Ok(if has { <Self as Select>::SELECT } else { Self::SELECT_BEFORE_3 })
    }
}

impl Select for AcAreas {
    type Loaded = AcArea;
    const SELECT: &'static str =
        "SELECT id, name, room, responsible_person, department, in_use_since FROM ac_areas";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<AcArea> {
        Ok(AcArea {
            id: r.get(0)?,
            name: r.get(1)?,
            room: r.get(2)?,
            responsible_person: r.get(3)?,
            department: r.get(4)?,
            in_use_since: opt_date(r, 5)?,
        })
    }
}

/// The `ac_checks` table (the check sheet's rows).
pub(crate) struct AcChecks;

impl Insert for AcChecks {
    type Record = AcCheckRow;
    const INSERT: &'static str = "INSERT INTO ac_checks (id, date, time, kind, area_id, \
         reference_temp_tenths, ac_on, set_temp_tenths, windows_closed, occupied, checker, note) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, c: &AcCheckRow) -> rusqlite::Result<()> {
        stmt.execute(params![
            id,
            date_text(c.date),
            time_text(c.time),
            c.kind.code(),
            c.area,
            c.reference_temp_tenths,
            c.ac_on,
            c.set_temp_tenths,
            c.windows_closed,
            c.occupied,
            c.checker,
            c.note
        ])?;
        Ok(())
    }
}

impl Select for AcChecks {
    type Loaded = (i64, AcCheckRow);
    const SELECT: &'static str = "SELECT id, date, time, kind, area_id, reference_temp_tenths, \
         ac_on, set_temp_tenths, windows_closed, occupied, checker, note FROM ac_checks";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<(i64, AcCheckRow)> {
        Ok((
            r.get(0)?,
            AcCheckRow {
                date: date(r, 1)?,
                time: time(r, 2)?,
                kind: vocab(r, 3, AcCheckKind::from_code)?,
                area: r.get(4)?,
                reference_temp_tenths: r.get(5)?,
                ac_on: r.get(6)?,
                set_temp_tenths: r.get(7)?,
                windows_closed: r.get(8)?,
                occupied: r.get(9)?,
                checker: r.get(10)?,
                note: r.get(11)?,
            },
        ))
    }
}

/// The `ac_notices` table (temporary notices).
pub(crate) struct AcNotices;

impl Insert for AcNotices {
    type Record = AcNotice;
    const INSERT: &'static str =
        "INSERT INTO ac_notices (id, date_from, date_to, reason) VALUES (?1, ?2, ?3, ?4)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, n: &AcNotice) -> rusqlite::Result<()> {
        stmt.execute(params![id, date_text(n.from), date_text(n.to), n.reason])?;
        Ok(())
    }
}

impl Select for AcNotices {
    type Loaded = AcNotice;
    const SELECT: &'static str = "SELECT date_from, date_to, reason FROM ac_notices";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<AcNotice> {
        Ok(AcNotice { from: date(r, 0)?, to: date(r, 1)?, reason: r.get(2)? })
    }
}

/// The `ac_overtime` table.
pub(crate) struct AcOvertime;

impl Insert for AcOvertime {
    type Record = Overtime;
    const INSERT: &'static str = "INSERT INTO ac_overtime (id, date, area_id, until, who, note) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, o: &Overtime) -> rusqlite::Result<()> {
        stmt.execute(params![id, date_text(o.date), o.area, time_text(o.until), o.who, o.note])?;
        Ok(())
    }
}

impl Select for AcOvertime {
    type Loaded = Overtime;
    const SELECT: &'static str = "SELECT date, area_id, until, who, note FROM ac_overtime";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Overtime> {
        Ok(Overtime {
            date: date(r, 0)?,
            area: r.get(1)?,
            until: time(r, 2)?,
            who: r.get(3)?,
            note: r.get(4)?,
        })
    }
}

/// The `ac_maintenance` table.
pub(crate) struct AcMaintenance;

impl Insert for AcMaintenance {
    type Record = Maintenance;
    const INSERT: &'static str =
        "INSERT INTO ac_maintenance (id, area_id, date, what) VALUES (?1, ?2, ?3, ?4)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, m: &Maintenance) -> rusqlite::Result<()> {
        stmt.execute(params![id, m.area, date_text(m.date), m.what])?;
        Ok(())
    }
}

impl Select for AcMaintenance {
    type Loaded = Maintenance;
    const SELECT: &'static str = "SELECT area_id, date, what FROM ac_maintenance";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Maintenance> {
        Ok(Maintenance { area: r.get(0)?, date: date(r, 1)?, what: r.get(2)? })
    }
}

/// The `ac_faults` table.
pub(crate) struct AcFaults;

impl Insert for AcFaults {
    type Record = Fault;
    const INSERT: &'static str = "INSERT INTO ac_faults (id, area_id, reported_at, cause, \
         liable_person, repaired_at, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, f: &Fault) -> rusqlite::Result<()> {
        stmt.execute(params![
            id,
            f.area,
            stamp_text(f.reported_at),
            f.cause.code(),
            f.liable_person,
            f.repaired_at.map(stamp_text),
            f.note
        ])?;
        Ok(())
    }
}

impl Select for AcFaults {
    type Loaded = (i64, Fault);
    const SELECT: &'static str = "SELECT id, area_id, reported_at, cause, liable_person, \
         repaired_at, note FROM ac_faults";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<(i64, Fault)> {
        Ok((
            r.get(0)?,
            Fault {
                area: r.get(1)?,
                reported_at: stamp(r, 2)?,
                cause: vocab(r, 3, FaultCause::from_code)?,
                liable_person: r.get(4)?,
                repaired_at: opt_stamp(r, 5)?,
                note: r.get(6)?,
            },
        ))
    }
}
