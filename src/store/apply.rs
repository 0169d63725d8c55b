//! `Store::apply`'s work: one function per command, each validating,
//! writing, recording history and returning what it did with its inverse,
//! inside the caller's transaction.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension as _};

use super::tables::insert;
use super::tables::pipeline::{Opportunities, StageHistory};
use super::{OpenProblem, Refusal, StoreError, customers, history, records, refused, settings};
use crate::domain::command::{Applied, Command, Effect, Purpose, Record, RecordKind};
use crate::domain::customer::{CustomerData, CustomerId, FieldChange, parse_customer};
use crate::domain::entry;
use crate::domain::history::Action;
use crate::domain::naming::{Owner, RecordName, owner_of};
use crate::domain::records::{Opportunity, StageChange};
use crate::domain::settings::Settings;
use crate::domain::terms::{CustomerKind, LadderStep, OpportunityStage};

/// The tables whose rows belong to a customer and move in a merge.
const MERGED_TABLES: [&str; 7] = [
    "transactions",
    "activities",
    "complaints",
    "surveys",
    "opportunities",
    "churn_records",
    "contacts",
];

/// Applies one command inside the caller's transaction.
pub(super) fn apply_in(
    conn: &Connection,
    command: &Command,
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    match command {
        Command::CreateCustomer(data) => create_customer(conn, data, now),
        Command::UpdateCustomer { id, data } => update_customer(conn, *id, data, now),
        Command::DeleteCustomer(id) => trash_customer(conn, *id, Some(now), now),
        Command::RestoreCustomer(id) => trash_customer(conn, *id, None, now),
        Command::SaveRecord { id: None, record } => {
            check_entry(conn, record)?;
            insert_record(conn, None, record, now)
        }
        Command::SaveRecord { id: Some(id), record } => {
            check_entry(conn, record)?;
            update_record(conn, *id, record, now)
        }
        Command::DeleteRecord { kind, id } => delete_record(conn, *kind, *id, now),
        Command::RestoreRecord { id, record } => insert_record(conn, Some(*id), record, now),
        Command::MoveStep { id, to, reason } => move_step(conn, *id, *to, reason, now),
        Command::MoveOpportunity { id, to, note } => move_opportunity(conn, *id, *to, note, now),
        Command::MergeCustomers { keep, remove } => merge_customers(conn, *keep, *remove, now),
        Command::UnmergeCustomers { keep, remove, moved } => {
            unmerge_customers(conn, *keep, *remove, moved, now)
        }
        Command::UpdateSettings(new) => update_settings(conn, new, now),
        Command::SetCalendarDays { set, clear } => super::calendar::set_days(conn, set, clear, now),
        Command::Batch { purpose, commands } => batch(conn, purpose, commands, now),
    }
}

/// Applies `commands` in order as one change; the inverse undoes them in
/// the reverse order, as one change again.
fn batch(
    conn: &Connection,
    purpose: &Purpose,
    commands: &[Command],
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    let mut effects = Vec::with_capacity(commands.len());
    let mut inverses = Vec::with_capacity(commands.len());
    for command in commands {
        let applied = apply_in(conn, command, now)?;
        effects.push(applied.effect);
        inverses.push(applied.inverse);
    }
    inverses.reverse();
    Ok(Applied {
        effect: Effect::Batch { purpose: purpose.clone(), effects },
        inverse: Command::Batch { purpose: purpose.clone(), commands: inverses },
    })
}

fn create_customer(
    conn: &Connection,
    data: &CustomerData,
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    let data = parse_customer(data.clone()).map_err(StoreError::Invalid)?;
    let code = match &data.code {
        Some(code) => {
            customers::ensure_code_free(conn, code, None)?;
            code.clone()
        }
        None => customers::next_code(conn)?,
    };
    let id = customers::insert(conn, None, &code, &data, now)?;
    history::record(conn, history::CUSTOMER, id.0, Action::Create, now, &[])?;
    Ok(Applied {
        effect: Effect::Created { id, code, name: data.name },
        inverse: Command::DeleteCustomer(id),
    })
}

fn update_customer(
    conn: &Connection,
    id: CustomerId,
    data: &CustomerData,
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    let stored = customers::get(conn, id)?;
    let before = stored.customer.data;
    let mut data = parse_customer(data.clone()).map_err(StoreError::Invalid)?;
    // An emptied code keeps the customer's code: codes are stable.
    let code = data.code.get_or_insert_with(|| stored.customer.code.clone()).clone();
    customers::ensure_code_free(conn, &code, Some(id))?;
    customers::update(conn, id, &code, &data, now)?;
    history::record(conn, history::CUSTOMER, id.0, Action::Update, now, &before.diff(&data))?;
    Ok(Applied {
        effect: Effect::Updated { id, code, name: data.name.clone() },
        inverse: Command::UpdateCustomer { id, data: before },
    })
}

/// Moves a customer to the trash (`at` is `Some`) or back out of it.
fn trash_customer(
    conn: &Connection,
    id: CustomerId,
    at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    let c = customers::get(conn, id)?.customer;
    let (code, name) = (c.code, c.data.name);
    let (effect, action, inverse) = if at.is_some() {
        (Effect::Deleted { id, code, name }, Action::Delete, Command::RestoreCustomer(id))
    } else {
        (Effect::Restored { id, code, name }, Action::Restore, Command::DeleteCustomer(id))
    };
    customers::set_deleted(conn, id, at)?;
    history::record(conn, history::CUSTOMER, id.0, action, now, &[])?;
    Ok(Applied { effect, inverse })
}

/// Records a record's change in the history (`before`/`after` as debug text,
/// empty for none).
fn record_history(
    conn: &Connection,
    kind: RecordKind,
    id: i64,
    action: Action,
    now: NaiveDateTime,
    before: Option<&Record>,
    after: Option<&Record>,
) -> Result<(), StoreError> {
    let text = |r: Option<&Record>| r.map(|r| format!("{r:?}")).unwrap_or_default();
    history::record_text(conn, kind.table(), id, action, &now, &text(before), &text(after))?;
    Ok(())
}

/// Checks a sale, survey or contact person as the app's forms do (a
/// contact person only on an organisation) before it is saved; the other
/// records carry their own checks in their tables.
fn check_entry(conn: &Connection, record: &Record) -> Result<(), StoreError> {
    let checked = match record {
        Record::Sale(t) => entry::check_sale(t),
        Record::Survey(s) => entry::check_survey(s),
        Record::Contact(c) => {
            let customer = customers::get(conn, c.customer)?.customer;
            entry::check_contact(c, customer.data.kind == CustomerKind::Organisation)
        }
        _ => Ok(()),
    };
    checked.map_err(StoreError::Entry)
}

/// The record in words: its customer's or area's name looked up (empty
/// when that row is gone).
fn record_name(conn: &Connection, record: &Record) -> Result<RecordName, StoreError> {
    let (sql, id) = match owner_of(record) {
        Owner::Customer(id) => ("SELECT name FROM customers WHERE id = ?1", id.0),
        Owner::Area(id) => ("SELECT name FROM ac_areas WHERE id = ?1", id),
        Owner::None => return Ok(RecordName::of(record, "")),
    };
    let owner: Option<String> = conn.query_row(sql, [id], |r| r.get(0)).optional()?;
    Ok(RecordName::of(record, owner.as_deref().unwrap_or_default()))
}

/// Inserts a new record (`id` `None`) or puts a deleted one back under
/// its old id (refused when the id is taken).
fn insert_record(
    conn: &Connection,
    id: Option<i64>,
    record: &Record,
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    let kind = record.kind();
    if let Some(id) = id
        && records::exists(conn, kind, id)?
    {
        return Err(StoreError::Refused(Refusal::Exists(kind)));
    }
    let action = if id.is_some() { Action::Restore } else { Action::Create };
    let id = records::insert(conn, id, record).map_err(refused)?;
    record_history(conn, kind, id, action, now, None, Some(record))?;
    Ok(Applied {
        effect: Effect::RecordSaved { kind, id, name: record_name(conn, record)? },
        inverse: Command::DeleteRecord { kind, id },
    })
}

/// Notes an opportunity's move from one stage to another.
fn note_stage_change(
    conn: &Connection,
    opportunity: i64,
    from: OpportunityStage,
    to: OpportunityStage,
    note: &str,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let change = StageChange { opportunity, from: Some(from), to, at: now, note: note.to_owned() };
    Ok(insert::<StageHistory>(conn, None, &change)?)
}

fn update_record(
    conn: &Connection,
    id: i64,
    record: &Record,
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    let kind = record.kind();
    let before = records::get(conn, kind, id)?;
    match record {
        // Deleting an opportunity would cascade to its stage history.
        Record::Opportunity(o) => {
            Opportunities::update(conn, id, o).map_err(refused)?;
            if let Record::Opportunity(old) = &before
                && old.stage != o.stage
            {
                note_stage_change(conn, id, old.stage, o.stage, "", now)?;
            }
        }
        _ => {
            // Replace under the same id; rows pointing at it (an
            // activity at a complaint) are checked at commit.
            conn.pragma_update(None, "defer_foreign_keys", true)?;
            records::delete(conn, kind, id).map_err(refused)?;
            records::insert(conn, Some(id), record).map_err(refused)?;
        }
    }
    record_history(conn, kind, id, Action::Update, now, Some(&before), Some(record))?;
    Ok(Applied {
        effect: Effect::RecordSaved { kind, id, name: record_name(conn, record)? },
        inverse: Command::SaveRecord { id: Some(id), record: Box::new(before) },
    })
}

fn delete_record(
    conn: &Connection,
    kind: RecordKind,
    id: i64,
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    let before = records::get(conn, kind, id)?;
    records::delete(conn, kind, id).map_err(refused)?;
    record_history(conn, kind, id, Action::Delete, now, Some(&before), None)?;
    Ok(Applied {
        effect: Effect::RecordDeleted { kind, id, name: record_name(conn, &before)? },
        inverse: Command::RestoreRecord { id, record: Box::new(before) },
    })
}

fn move_step(
    conn: &Connection,
    id: CustomerId,
    to: LadderStep,
    reason: &str,
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    let stored = customers::get(conn, id)?;
    let from = stored.customer.data.ladder_step;
    let mut data = stored.customer.data.clone();
    data.ladder_step = to;
    customers::update(conn, id, &stored.customer.code, &data, now)?;
    let mut changes = stored.customer.data.diff(&data);
    if !reason.trim().is_empty() {
        changes.push(FieldChange {
            field: "move_reason",
            old: String::new(),
            new: reason.trim().to_owned(),
        });
    }
    history::record(conn, history::CUSTOMER, id.0, Action::Update, now, &changes)?;
    Ok(Applied {
        effect: Effect::Updated { id, code: stored.customer.code, name: data.name },
        inverse: Command::MoveStep { id, to: from, reason: String::new() },
    })
}

fn move_opportunity(
    conn: &Connection,
    id: i64,
    to: OpportunityStage,
    note: &str,
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    let Record::Opportunity(before) = records::get(conn, RecordKind::Opportunity, id)? else {
        return Err(StoreError::RecordMissing(RecordKind::Opportunity, id));
    };
    let after = Opportunity {
        stage: to,
        probability_pct: crate::domain::pipeline::default_probability(to),
        closed_at: (!crate::domain::pipeline::is_open(to)).then(|| now.date()),
        ..before.clone()
    };
    Opportunities::update(conn, id, &after).map_err(refused)?;
    note_stage_change(conn, id, before.stage, to, note, now)?;
    let name = record_name(conn, &Record::Opportunity(after))?;
    Ok(Applied {
        effect: Effect::StageMoved { id, name, to },
        inverse: Command::SaveRecord {
            id: Some(id),
            record: Box::new(Record::Opportunity(before)),
        },
    })
}

/// A history note of a merge: the customer merged away, and the one kept.
fn merge_note(old: &str, new: &str) -> FieldChange {
    FieldChange { field: "merged", old: old.to_owned(), new: new.to_owned() }
}

/// What a merge (or its undoing) did, naming both customers.
fn merged_effect(
    keep: CustomerId,
    into: &customers::StoredCustomer,
    from: &customers::StoredCustomer,
) -> Effect {
    let named =
        |c: &customers::StoredCustomer| format!("{} ({})", c.customer.data.name, c.customer.code);
    Effect::Merged { keep, into: named(into), from: named(from) }
}

fn merge_customers(
    conn: &Connection,
    keep: CustomerId,
    remove: CustomerId,
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    if keep == remove {
        return Err(StoreError::Refused(Refusal::MergeIntoItself));
    }
    let into = customers::get(conn, keep)?;
    let from = customers::get(conn, remove)?;
    if into.deleted || from.deleted {
        return Err(StoreError::Refused(Refusal::MergeNotLive));
    }
    let mut moved = Vec::new();
    for table in MERGED_TABLES {
        let mut stmt =
            conn.prepare(&format!("SELECT id FROM {table} WHERE customer_id = ?1 ORDER BY id"))?;
        let ids: Vec<i64> = stmt.query_map([remove.0], |r| r.get(0))?.collect::<Result<_, _>>()?;
        conn.execute(
            &format!("UPDATE {table} SET customer_id = ?1 WHERE customer_id = ?2"),
            [keep.0, remove.0],
        )?;
        moved.push((table, ids));
    }
    customers::set_deleted(conn, remove, Some(now))?;
    let note = [merge_note(&from.customer.code, &into.customer.code)];
    history::record(conn, history::CUSTOMER, remove.0, Action::Delete, now, &note)?;
    history::record(conn, history::CUSTOMER, keep.0, Action::Update, now, &note)?;
    Ok(Applied {
        effect: merged_effect(keep, &into, &from),
        inverse: Command::UnmergeCustomers { keep, remove, moved },
    })
}

fn unmerge_customers(
    conn: &Connection,
    keep: CustomerId,
    remove: CustomerId,
    moved: &[(&'static str, Vec<i64>)],
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    let into = customers::get(conn, keep)?;
    let from = customers::get(conn, remove)?;
    for (table, ids) in moved {
        if !MERGED_TABLES.contains(table) {
            return Err(StoreError::Refused(Refusal::UnknownTable((*table).to_owned())));
        }
        let mut stmt =
            conn.prepare_cached(&format!("UPDATE {table} SET customer_id = ?1 WHERE id = ?2"))?;
        for id in ids {
            stmt.execute([remove.0, *id])?;
        }
    }
    customers::set_deleted(conn, remove, None)?;
    let note = [merge_note(&into.customer.code, &from.customer.code)];
    history::record(conn, history::CUSTOMER, remove.0, Action::Restore, now, &note)?;
    Ok(Applied {
        effect: merged_effect(keep, &into, &from),
        inverse: Command::MergeCustomers { keep, remove },
    })
}

fn update_settings(
    conn: &Connection,
    new: &Settings,
    now: NaiveDateTime,
) -> Result<Applied, StoreError> {
    let old = settings::load(conn).map_err(|e| match e {
        OpenProblem::Sqlite(e) => StoreError::Sqlite(e),
        other => StoreError::Setting(other.to_string()),
    })?;
    let changes: Vec<FieldChange> = old
        .to_pairs()
        .into_iter()
        .zip(new.to_pairs())
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, old), (_, new))| FieldChange { field, old, new })
        .collect();
    settings::save(conn, new)?;
    history::record(conn, history::SETTINGS, 0, Action::Update, now, &changes)?;
    Ok(Applied {
        effect: Effect::SettingsChanged { keys: changes.iter().map(|c| c.field).collect() },
        inverse: Command::UpdateSettings(Box::new(old)),
    })
}
