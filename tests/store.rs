//! The store on a temporary database file: commands, undo inverses,
//! history, generated codes, validation, bulk inserts and settings.

use chrono::{NaiveDate, NaiveDateTime};
use ladder::domain::command::{Command, Effect};
use ladder::domain::customer::{CustomerData, CustomerId, Field, Problem};
use ladder::domain::history::Action;
use ladder::domain::records::Transaction;
use ladder::domain::settings::Settings;
use ladder::domain::terms::{Grade, LadderStep};
use ladder::store::{Store, StoreError, bulk};

mod common;

fn at(h: u32) -> NaiveDateTime {
    common::datetime(2026, 11, 23, h, 0)
}

fn new_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::create(&dir.path().join("t.db")).expect("create");
    (dir, store)
}

fn create(store: &mut Store, name: &str) -> CustomerId {
    match store.apply(&Command::CreateCustomer(CustomerData::named(name)), at(9)) {
        Ok(applied) => match applied.effect {
            Effect::Created { id, .. } => id,
            other => panic!("unexpected effect {other:?}"),
        },
        Err(e) => panic!("create failed: {e}"),
    }
}

#[test]
fn codes_are_generated_in_sequence_and_kept_on_edit() {
    let (_dir, mut store) = new_store();
    let a = create(&mut store, "甲公司");
    let b = create(&mut store, "乙公司");
    assert_eq!(store.customer(a).expect("a").customer.code, "C-000001");
    assert_eq!(store.customer(b).expect("b").customer.code, "C-000002");
    // An emptied code on edit keeps the existing one.
    let mut data = store.customer(b).expect("b").customer.data;
    data.code = None;
    data.grade = Some(Grade::A);
    store.apply(&Command::UpdateCustomer { id: b, data }, at(10)).expect("update");
    assert_eq!(store.customer(b).expect("b").customer.code, "C-000002");
}

#[test]
fn a_duplicate_code_is_refused_and_nothing_is_written() {
    let (_dir, mut store) = new_store();
    let mut data = CustomerData::named("A");
    data.code = Some("VIP-1".into());
    store.apply(&Command::CreateCustomer(data.clone()), at(9)).expect("first");
    data.name = "B".into();
    let err = store.apply(&Command::CreateCustomer(data), at(9)).expect_err("duplicate");
    match err {
        StoreError::Invalid(problems) => {
            assert_eq!(problems[0].field, Field::Code);
            assert!(matches!(&problems[0].problem, Problem::DuplicateCode { by } if by == "A"));
        }
        other => panic!("unexpected {other}"),
    }
    assert_eq!(store.customer_rows().expect("rows").len(), 1);
}

#[test]
fn invalid_data_is_refused_by_the_store_too() {
    let (_dir, mut store) = new_store();
    let err = store.apply(&Command::CreateCustomer(CustomerData::named(" ")), at(9));
    assert!(matches!(err, Err(StoreError::Invalid(_))));
    assert!(store.is_empty().expect("empty"));
}

#[test]
fn inverses_undo_create_update_delete_and_history_records_each() {
    let (_dir, mut store) = new_store();
    let created =
        store.apply(&Command::CreateCustomer(CustomerData::named("王芳")), at(9)).expect("create");
    let Effect::Created { id, .. } = created.effect else { panic!("created") };
    assert_eq!(created.inverse, Command::DeleteCustomer(id));

    let mut data = store.customer(id).expect("get").customer.data;
    data.ladder_step = LadderStep::Client;
    let updated = store.apply(&Command::UpdateCustomer { id, data }, at(10)).expect("update");
    // Undo the update: back to the prospect step.
    store.apply(&updated.inverse, at(11)).expect("undo update");
    assert_eq!(store.customer(id).expect("get").customer.data.ladder_step, LadderStep::Prospect);

    let deleted = store.apply(&Command::DeleteCustomer(id), at(12)).expect("delete");
    assert!(store.customer_rows().expect("rows").is_empty(), "gone from the library");
    assert!(store.customer(id).expect("still stored").deleted);
    store.apply(&deleted.inverse, at(13)).expect("restore");
    assert_eq!(store.customer_rows().expect("rows").len(), 1);

    let history = store.customer_history(id).expect("history");
    let actions: Vec<Action> = history.iter().map(|h| h.action).collect();
    assert_eq!(
        actions,
        [Action::Create, Action::Update, Action::Update, Action::Delete, Action::Restore]
    );
    assert_eq!(history[1].field, "ladder_step");
    assert_eq!((history[1].old.as_str(), history[1].new.as_str()), ("prospect", "client"));
    assert_eq!((history[2].old.as_str(), history[2].new.as_str()), ("client", "prospect"));
    assert_eq!(history[3].at, at(12));
}

#[test]
fn bulk_transactions_feed_the_library_totals() {
    let (_dir, mut store) = new_store();
    let a = create(&mut store, "A");
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).expect("date");
    let rows = vec![
        Transaction {
            customer: a,
            date: day(1),
            amount_cents: 12_345,
            order_no: "SO-1".into(),
            product: "x".into(),
            quantity: None,
        },
        Transaction {
            customer: a,
            date: day(9),
            amount_cents: 55,
            order_no: String::new(),
            product: String::new(),
            quantity: Some(2.0),
        },
    ];
    let n = store.in_transaction(|conn| Ok(bulk::insert_transactions(conn, &rows)?)).expect("bulk");
    assert_eq!(n, 2);
    let list = store.customer_rows().expect("rows");
    assert_eq!(list[0].revenue_cents, 12_400);
    assert_eq!(list[0].transactions, 2);
    assert_eq!(list[0].last_purchase, Some(day(9)));
}

#[test]
fn a_failed_bulk_insert_writes_nothing() {
    let (_dir, mut store) = new_store();
    let a = create(&mut store, "A");
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let good = Transaction {
        customer: a,
        date: day,
        amount_cents: 100,
        order_no: String::new(),
        product: String::new(),
        quantity: None,
    };
    let orphan = Transaction { customer: CustomerId(999), ..good.clone() };
    let result = store.in_transaction(|conn| Ok(bulk::insert_transactions(conn, &[good, orphan])?));
    assert!(result.is_err(), "unknown customer refused by the foreign key");
    assert_eq!(store.customer_rows().expect("rows")[0].transactions, 0);
}

#[test]
fn settings_start_at_the_domain_defaults_and_round_trip() {
    let (_dir, store) = new_store();
    assert_eq!(store.settings().expect("settings"), Settings::default());
    let changed = Settings { churn_days: 200, ..Settings::default() };
    store.save_settings(&changed).expect("save");
    assert_eq!(store.settings().expect("settings").churn_days, 200);
}

#[test]
fn reopening_keeps_data_and_open_refuses_missing_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    let mut store = Store::create(&path).expect("create");
    create(&mut store, "留存");
    drop(store);
    let store = Store::open(&path, at(9)).expect("reopen");
    assert_eq!(store.customer_rows().expect("rows")[0].name, "留存");
    assert!(Store::open(&dir.path().join("none.db"), at(9)).is_err());
    assert!(!dir.path().join("none.db").exists(), "open never creates");
}

#[test]
fn the_demo_company_is_written_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = ladder::domain::demo::DemoOptions::default();
    let store = Store::create_demo(&dir.path().join("demo.db"), &options).expect("demo");
    let rows = store.customer_rows().expect("rows");
    assert_eq!(rows.len(), options.customers);
    ladder::store::db::check(store.path()).expect("demo file checks ok");
}

#[test]
fn merging_moves_everything_and_undo_separates_them_again() {
    let (_dir, mut store) = new_store();
    let keep = create(&mut store, "广州恒信贸易有限公司");
    let remove = create(&mut store, "恒信贸易");
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let sale = |customer, cents| Transaction {
        customer,
        date: day,
        amount_cents: cents,
        order_no: String::new(),
        product: String::new(),
        quantity: None,
    };
    let rows = vec![sale(keep, 100), sale(remove, 250), sale(remove, 50)];
    store.in_transaction(|conn| Ok(bulk::insert_transactions(conn, &rows)?)).expect("sales");

    let merged = store.apply(&Command::MergeCustomers { keep, remove }, at(10)).expect("merge");
    let list = store.customer_rows().expect("rows");
    assert_eq!(list.len(), 1, "the merged customer is in the trash");
    assert_eq!((list[0].id, list[0].revenue_cents, list[0].transactions), (keep, 400, 3));

    store.apply(&merged.inverse, at(11)).expect("undo");
    let list = store.customer_rows().expect("rows");
    let by_id = |id| list.iter().find(|c| c.id == id).expect("listed");
    assert_eq!((by_id(keep).revenue_cents, by_id(remove).revenue_cents), (100, 300));
    assert!(matches!(
        store.apply(&Command::MergeCustomers { keep, remove: keep }, at(12)),
        Err(StoreError::Refused(_))
    ));
}

/// An area's in-use date (migration 003) is stored, edited (the check rows
/// pointing at the area stay) and undone like any record field.
#[test]
fn an_area_keeps_its_in_use_date_through_edit_and_undo() {
    use ladder::domain::command::Record;
    use ladder::domain::records::AcArea;
    let (_dir, mut store) = new_store();
    let mut area = AcArea {
        id: 0,
        name: "财务部".into(),
        room: "201".into(),
        responsible_person: "王经理".into(),
        department: "财务部".into(),
        in_use_since: None,
    };
    let save = Command::SaveRecord { id: None, record: Box::new(Record::Area(area.clone())) };
    store.apply(&save, at(9)).expect("area");
    let since = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    area.id = 1;
    area.in_use_since = Some(since);
    let edit = Command::SaveRecord { id: Some(1), record: Box::new(Record::Area(area)) };
    let undo = store.apply(&edit, at(10)).expect("edit").inverse;
    let areas = store.compliance_records().expect("records").areas;
    assert_eq!(areas[0].in_use_since, Some(since));
    store.apply(&undo, at(11)).expect("undo");
    assert_eq!(store.compliance_records().expect("records").areas[0].in_use_since, None);
}

/// The demo company is known as such whatever its file is called (the
/// lessons are written for it); an office's file is not; the mark is no
/// business setting.
#[test]
fn the_demo_company_is_marked_whatever_its_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = ladder::domain::demo::DemoOptions {
        customers: 20,
        ..ladder::domain::demo::DemoOptions::default()
    };
    let demo = Store::create_demo(&dir.path().join("class-monday.db"), &options).expect("demo");
    assert!(demo.is_demo());
    assert_eq!(demo.settings().expect("settings"), Settings::default());
    let office = Store::create(&dir.path().join("demo-company.db")).expect("create");
    assert!(!office.is_demo());
}
