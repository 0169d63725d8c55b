//! The pipeline's tables: activities, opportunities and their stage
//! history, and churn records.

use rusqlite::types::Value;
use rusqlite::{Connection, Row, Statement, params, params_from_iter};

use super::{Insert, Select};
use crate::domain::customer::CustomerId;
use crate::domain::records::{Activity, ChurnRecord, Opportunity, StageChange};
use crate::domain::terms::{ActivityKind, ChurnReason, OpportunityStage};
use crate::store::sql::{date, date_text, opt_date, stamp, stamp_text, vocab};

/// The `activities` table.
pub(crate) struct Activities;

impl Insert for Activities {
    type Record = Activity;
    const INSERT: &'static str = "INSERT INTO activities (id, customer_id, opportunity_id, \
         complaint_id, kind, at, subject, outcome, next_step, next_step_due) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, a: &Activity) -> rusqlite::Result<()> {
        stmt.execute(params![
            id,
            a.customer.0,
            a.opportunity,
            a.complaint,
            a.kind.code(),
            stamp_text(a.at),
            a.subject,
            a.outcome,
            a.next_step,
            a.next_step_due.map(date_text)
        ])?;
        Ok(())
    }
}

impl Select for Activities {
    type Loaded = Activity;
    const SELECT: &'static str = "SELECT id, customer_id, opportunity_id, complaint_id, kind, \
         at, subject, outcome, next_step, next_step_due FROM activities";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Activity> {
        Ok(Activity {
            id: r.get(0)?,
            customer: CustomerId(r.get(1)?),
            opportunity: r.get(2)?,
            complaint: r.get(3)?,
            kind: vocab(r, 4, ActivityKind::from_code)?,
            at: stamp(r, 5)?,
            subject: r.get(6)?,
            outcome: r.get(7)?,
            next_step: r.get(8)?,
            next_step_due: opt_date(r, 9)?,
        })
    }
}

/// The `opportunities` table.
pub(crate) struct Opportunities;

impl Opportunities {
    /// The 12 values of an opportunity row, in column order (`id` first).
    fn values(id: Option<i64>, o: &Opportunity) -> [Value; 12] {
        let date = |d: Option<chrono::NaiveDate>| d.map_or(Value::Null, |d| date_text(d).into());
        [
            id.map_or(Value::Null, Value::from),
            o.customer.0.into(),
            o.title.clone().into(),
            o.stage.code().to_owned().into(),
            o.expected_value_cents.into(),
            i64::from(o.probability_pct).into(),
            date(o.expected_close),
            stamp_text(o.created_at).into(),
            date(o.closed_at),
            date(o.delivered_at),
            o.owner.clone().into(),
            o.notes.clone().into(),
        ]
    }

    /// Replaces an opportunity's fields in place (its stage history and
    /// activities keep pointing at it).
    pub(crate) fn update(conn: &Connection, id: i64, o: &Opportunity) -> rusqlite::Result<()> {
        conn.execute(
            "UPDATE opportunities SET customer_id = ?2, title = ?3, stage = ?4, \
             expected_value_cents = ?5, probability_pct = ?6, expected_close = ?7, created_at = ?8, \
             closed_at = ?9, delivered_at = ?10, owner = ?11, notes = ?12 WHERE id = ?1",
            params_from_iter(Self::values(Some(id), o)),
        )?;
        Ok(())
    }
}

impl Insert for Opportunities {
    type Record = Opportunity;
    const INSERT: &'static str = "INSERT INTO opportunities (id, customer_id, title, stage, \
         expected_value_cents, probability_pct, expected_close, created_at, closed_at, \
         delivered_at, owner, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, o: &Opportunity) -> rusqlite::Result<()> {
        stmt.execute(params_from_iter(Self::values(id, o)))?;
        Ok(())
    }
}

impl Select for Opportunities {
    type Loaded = Opportunity;
    const SELECT: &'static str = "SELECT id, customer_id, title, stage, expected_value_cents, \
         probability_pct, expected_close, created_at, closed_at, delivered_at, owner, notes \
         FROM opportunities";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Opportunity> {
        Ok(Opportunity {
            id: r.get(0)?,
            customer: CustomerId(r.get(1)?),
            title: r.get(2)?,
            stage: vocab(r, 3, OpportunityStage::from_code)?,
            expected_value_cents: r.get(4)?,
            probability_pct: r.get(5)?,
            expected_close: opt_date(r, 6)?,
            created_at: stamp(r, 7)?,
            closed_at: opt_date(r, 8)?,
            delivered_at: opt_date(r, 9)?,
            owner: r.get(10)?,
            notes: r.get(11)?,
        })
    }
}

/// The `opportunity_stage_history` table (every move between stages).
pub(crate) struct StageHistory;

impl Insert for StageHistory {
    type Record = StageChange;
    const INSERT: &'static str = "INSERT INTO opportunity_stage_history (id, opportunity_id, \
         from_stage, to_stage, changed_at, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, s: &StageChange) -> rusqlite::Result<()> {
        stmt.execute(params![
            id,
            s.opportunity,
            s.from.map(OpportunityStage::code),
            s.to.code(),
            stamp_text(s.at),
            s.note
        ])?;
        Ok(())
    }
}

/// The `churn_records` table.
pub(crate) struct ChurnRecords;

impl Insert for ChurnRecords {
    type Record = ChurnRecord;
    const INSERT: &'static str = "INSERT INTO churn_records (id, customer_id, recorded_at, \
         reason, root_cause, try_repair, estimated_loss_cents, winback_cost_cents) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, c: &ChurnRecord) -> rusqlite::Result<()> {
        stmt.execute(params![
            id,
            c.customer.0,
            date_text(c.recorded_at),
            c.reason.code(),
            c.root_cause,
            c.try_repair,
            c.estimated_loss_cents,
            c.winback_cost_cents
        ])?;
        Ok(())
    }
}

impl ChurnRecords {
    /// [`Select::SELECT`] as a file of schema 3 or older (no
    /// `winback_cost_cents` column: `NULL`) can answer it, for readers that
    /// read an older file as it is.
    pub(crate) const SELECT_BEFORE_4: &'static str = "SELECT customer_id, recorded_at, reason, \
         root_cause, try_repair, estimated_loss_cents, NULL FROM churn_records";

    /// Whether this connection's schema has the `winback_cost_cents`
    /// column (schema 4 and later).
    pub(crate) fn has_winback_cost(conn: &rusqlite::Connection) -> rusqlite::Result<bool> {
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info('churn_records') \
             WHERE name = 'winback_cost_cents')",
            [],
            |r| r.get(0),
        )
    }

    /// The SELECT this connection's schema answers.
    pub(crate) fn select_for(conn: &rusqlite::Connection) -> rusqlite::Result<&'static str> {
        let has = Self::has_winback_cost(conn)?;
        Ok(if has { <Self as Select>::SELECT } else { Self::SELECT_BEFORE_4 })
    }
}

impl Select for ChurnRecords {
    type Loaded = ChurnRecord;
    const SELECT: &'static str = "SELECT customer_id, recorded_at, reason, root_cause, \
         try_repair, estimated_loss_cents, winback_cost_cents FROM churn_records";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<ChurnRecord> {
        let reason: String = r.get(2)?;
        Ok(ChurnRecord {
            customer: CustomerId(r.get(0)?),
            recorded_at: date(r, 1)?,
            // An unknown reason reads as "other".
            reason: ChurnReason::from_code(&reason).unwrap_or(ChurnReason::Other),
            root_cause: r.get(3)?,
            try_repair: r.get(4)?,
            estimated_loss_cents: r.get(5)?,
            winback_cost_cents: r.get(6)?,
        })
    }
}
