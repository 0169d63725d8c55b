//! The records entered in the app (DOMAIN §6) through `Store::apply`: a
//! sale, a survey and a contact person are saved, changed, deleted and put
//! back under the same id by undo; the store refuses what the forms refuse,
//! and a refused write changes nothing.

use chrono::NaiveDate;
use ladder::domain::command::{Command, Record, RecordKind};
use ladder::domain::customer::{CustomerData, CustomerId};
use ladder::domain::records::{Contact, Survey, Transaction};
use ladder::domain::terms::CustomerKind;
use ladder::store::{Store, StoreError};

mod common;
use common::now;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// A store with an organisation (id 1) and a person (id 2).
fn store(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::create(&dir.path().join("r.db")).expect("create");
    let org =
        CustomerData { kind: CustomerKind::Organisation, ..CustomerData::named("华信公司") };
    store.apply(&Command::CreateCustomer(org), now()).expect("org");
    store.apply(&Command::CreateCustomer(CustomerData::named("张三")), now()).expect("person");
    store
}

fn save(store: &mut Store, id: Option<i64>, record: Record) -> Result<Command, StoreError> {
    store
        .apply(&Command::SaveRecord { id, record: Box::new(record) }, now())
        .map(|applied| applied.inverse)
}

fn sale(amount_cents: i64) -> Transaction {
    Transaction {
        customer: CustomerId(1),
        date: day("2026-11-20"),
        amount_cents,
        order_no: "SO-7".into(),
        product: "空调清洗".into(),
        quantity: Some(2.0),
    }
}

#[test]
fn a_sale_is_saved_edited_deleted_and_put_back_under_its_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let undo_create = save(&mut store, None, Record::Sale(sale(12_000))).expect("saved");
    let Command::DeleteRecord { kind: RecordKind::Sale, id } = undo_create else {
        panic!("undo of a new sale deletes it: {undo_create:?}");
    };
    let purchases = store.customer_purchases(CustomerId(1)).expect("purchases");
    assert_eq!(
        (purchases.count, purchases.total_cents, purchases.ids.clone()),
        (1, 12_000, vec![id])
    );
    let rows = store.customer_rows().expect("rows");
    assert_eq!(rows[0].revenue_cents, 12_000, "the customer table counts it");

    let undo_edit = save(&mut store, Some(id), Record::Sale(sale(15_000))).expect("edited");
    assert_eq!(store.customer_purchases(CustomerId(1)).expect("p").total_cents, 15_000);
    store.apply(&undo_edit, now()).expect("undo the edit");
    assert_eq!(store.customer_purchases(CustomerId(1)).expect("p").latest, [sale(12_000)]);

    let undo_delete =
        store.apply(&Command::DeleteRecord { kind: RecordKind::Sale, id }, now()).expect("deleted");
    assert_eq!(store.customer_purchases(CustomerId(1)).expect("p").count, 0);
    store.apply(&undo_delete.inverse, now()).expect("undo the delete");
    let back = store.customer_purchases(CustomerId(1)).expect("p");
    assert_eq!((back.ids, back.latest), (vec![id], vec![sale(12_000)]), "the same id again");
}

#[test]
fn a_survey_and_a_contact_are_listed_on_their_customer_and_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let survey = Survey {
        customer: CustomerId(2),
        date: day("2026-11-21"),
        expected: 4,
        perceived: 3,
        comment: "等待太久".into(),
    };
    let undo = save(&mut store, None, Record::Survey(survey.clone())).expect("survey");
    let surveys = store.customer_surveys(CustomerId(2)).expect("surveys");
    assert_eq!(surveys.len(), 1);
    assert_eq!(surveys[0].1, survey);
    store.apply(&undo, now()).expect("undo");
    assert!(store.customer_surveys(CustomerId(2)).expect("surveys").is_empty());

    let contact = Contact {
        customer: CustomerId(1),
        name: "王经理".into(),
        role: "采购".into(),
        phone: "13800138000".into(),
        email: String::new(),
        notes: String::new(),
    };
    save(&mut store, None, Record::Contact(contact.clone())).expect("contact");
    let (id, stored) = store.customer_contacts(CustomerId(1)).expect("contacts")[0].clone();
    assert_eq!(stored, contact);
    let rows = store.customer_rows().expect("rows");
    assert!(rows[0].contacts.contains("王经理") && rows[0].contacts.contains("13800138000"));
    let deleted =
        store.apply(&Command::DeleteRecord { kind: RecordKind::Contact, id }, now()).expect("del");
    assert!(store.customer_contacts(CustomerId(1)).expect("contacts").is_empty());
    store.apply(&deleted.inverse, now()).expect("undo");
    assert_eq!(store.customer_contacts(CustomerId(1)).expect("contacts"), [(id, contact)]);
}

#[test]
fn what_the_forms_refuse_the_store_refuses_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let zero = save(&mut store, None, Record::Sale(sale(0))).expect_err("zero");
    assert!(zero.to_string().contains("Amount"), "{zero}");
    let survey = Survey {
        customer: CustomerId(1),
        date: day("2026-11-21"),
        expected: 6,
        perceived: 3,
        comment: String::new(),
    };
    let level = save(&mut store, None, Record::Survey(survey)).expect_err("level 6");
    assert!(level.to_string().contains("Expected: not a level"), "{level}");
    let person = Contact {
        customer: CustomerId(2),
        name: "家属".into(),
        role: String::new(),
        phone: String::new(),
        email: String::new(),
        notes: String::new(),
    };
    let refused = save(&mut store, None, Record::Contact(person)).expect_err("a person");
    assert!(refused.to_string().contains("organisation"), "{refused}");
    assert_eq!(store.customer_purchases(CustomerId(1)).expect("p").count, 0);
    assert!(store.customer_surveys(CustomerId(1)).expect("s").is_empty());
    assert!(store.customer_contacts(CustomerId(2)).expect("c").is_empty());
}
