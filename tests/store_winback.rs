//! The churn record's estimated win-back cost (migration 004): stored,
//! edited and undone like any field, kept in the history, refused below
//! zero by the store and by `check-db`, and read as "not estimated" from a
//! file older than the column.

use chrono::{NaiveDate, NaiveDateTime};
use ladder::domain::command::{Command, Effect, Record};
use ladder::domain::customer::{CustomerData, CustomerId};
use ladder::domain::records::ChurnRecord;
use ladder::domain::terms::ChurnReason;
use ladder::store::Store;

mod common;

fn at(h: u32) -> NaiveDateTime {
    common::datetime(2026, 11, 23, h, 0)
}

fn churn(customer: CustomerId, cost: Option<i64>) -> ChurnRecord {
    ChurnRecord {
        customer,
        recorded_at: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
        reason: ChurnReason::Price,
        root_cause: "竞争对手降价".into(),
        try_repair: true,
        estimated_loss_cents: 500_000,
        winback_cost_cents: cost,
    }
}

fn save(id: Option<i64>, record: ChurnRecord) -> Command {
    Command::SaveRecord { id, record: Box::new(Record::Churn(record)) }
}

/// A store with one customer; its id.
fn store_with_customer(dir: &std::path::Path) -> (Store, CustomerId) {
    let mut store = Store::create(&dir.join("t.db")).expect("create");
    let created = store.apply(&Command::CreateCustomer(CustomerData::named("张三")), at(9));
    match created.expect("customer").effect {
        Effect::Created { id, .. } => (store, id),
        other => panic!("unexpected effect {other:?}"),
    }
}

fn costs(store: &Store) -> Vec<Option<i64>> {
    let records = store.latest_churn_records().expect("churn records");
    records.iter().map(|r| r.winback_cost_cents).collect()
}

#[test]
fn a_cost_is_stored_edited_and_undone_with_its_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, id) = store_with_customer(dir.path());
    let undo_insert = store.apply(&save(None, churn(id, Some(120_000))), at(10)).expect("save");
    assert_eq!(costs(&store), [Some(120_000)]);
    let undo_edit = store.apply(&save(Some(1), churn(id, None)), at(11)).expect("edit").inverse;
    assert_eq!(costs(&store), [None], "the cost taken away again");
    let redo = store.apply(&undo_edit, at(12)).expect("undo the edit").inverse;
    assert_eq!(costs(&store), [Some(120_000)], "undo puts the cost back");
    store.apply(&redo, at(13)).expect("redo");
    assert_eq!(costs(&store), [None]);
    store.apply(&undo_insert.inverse, at(14)).expect("undo the insert");
    assert!(costs(&store).is_empty());
    // The history names the cost on the record's lines.
    let conn = rusqlite::Connection::open(dir.path().join("t.db")).expect("open");
    let texts: Vec<String> = conn
        .prepare(
            "SELECT coalesce(old, '') || coalesce(new, '') FROM history \
                  WHERE entity = 'churn_records' ORDER BY id",
        )
        .expect("history")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("texts");
    assert!(texts.len() >= 4, "{texts:?}");
    assert!(texts[0].contains("winback_cost_cents: Some(120000)"), "{}", texts[0]);
}

#[test]
fn the_latest_record_of_each_live_customer_is_the_one_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, id) = store_with_customer(dir.path());
    let mut older = churn(id, Some(1));
    older.recorded_at = NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
    store.apply(&save(None, churn(id, Some(300))), at(10)).expect("newer");
    store.apply(&save(None, older), at(10)).expect("older, stored later");
    store.apply(&save(None, churn(id, Some(200))), at(10)).expect("same day, later id");
    assert_eq!(costs(&store), [Some(200)]);
    store.apply(&Command::DeleteCustomer(id), at(11)).expect("trash");
    assert!(costs(&store).is_empty(), "a trashed customer's record is not shown");
}

#[test]
fn a_negative_cost_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, id) = store_with_customer(dir.path());
    assert!(store.apply(&save(None, churn(id, Some(-1))), at(10)).is_err());
    assert!(costs(&store).is_empty());
    store.apply(&save(None, churn(id, Some(0))), at(10)).expect("zero is a cost");
    assert_eq!(costs(&store), [Some(0)]);
}

#[test]
fn check_db_refuses_a_negative_cost_written_behind_the_apps_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, id) = store_with_customer(dir.path());
    store.apply(&save(None, churn(id, Some(100))), at(10)).expect("save");
    drop(store);
    let db = dir.path().join("t.db");
    assert!(ladder::store::db::check(&db).is_ok());
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON; \
         UPDATE churn_records SET winback_cost_cents = -5;",
    )
    .expect("smuggle");
    drop(conn);
    let problem = ladder::store::db::check(&db).expect_err("refused").to_string();
    assert!(problem.contains("churn_records"), "{problem}");
}

#[test]
fn an_older_file_reads_every_cost_as_not_estimated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::schema_1_file(dir.path(), "old.db");
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute(
        "INSERT INTO churn_records (customer_id, recorded_at, reason, estimated_loss_cents) \
         VALUES (1, '2026-01-05', 'price', 700)",
        [],
    )
    .expect("churn record");
    drop(conn);
    let before = std::fs::read(&db).expect("bytes");
    let store = Store::open_reading(&db, at(9)).expect("read as it is");
    let records = store.latest_churn_records().expect("churn records");
    assert_eq!(records.len(), 1);
    assert_eq!((records[0].estimated_loss_cents, records[0].winback_cost_cents), (700, None));
    drop(store);
    assert_eq!(std::fs::read(&db).expect("bytes"), before, "nothing written");
}
