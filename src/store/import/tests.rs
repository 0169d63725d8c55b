//! Tests of the importer: the fast path against the parser, the code map,
//! skipped bad rows leaving nothing behind, and the deferred indexes.

use proptest::prelude::*;

use chrono::NaiveDate;

use super::codes::{CodeMap, ShortCode};
use super::*;
use crate::domain::command::Command;
use crate::domain::customer::{CustomerData, CustomerId};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 2).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("valid time")
}

fn mapping(headers: &[&str]) -> Mapping {
    let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    map_columns(ImportKind::Transactions, &headers, &[]).expect("headers map")
}

const HEADERS: [&str; 6] = ["customer_code", "date", "amount", "order_no", "product", "quantity"];

/// When the fast path reads a row, the row parser reads the same values.
fn agrees(cells: &[&str]) -> bool {
    let m = mapping(&HEADERS);
    let Some(t) = plain_transaction(&TransactionColumns::new(&m), cells) else {
        return false;
    };
    let Ok(ParsedRow::Transaction {
        customer_code,
        date,
        amount_cents,
        order_no,
        product,
        quantity,
    }) = parse_row(&m, 2, cells)
    else {
        panic!("the fast path took a row the parser refuses: {cells:?}");
    };
    assert_eq!(t.code, customer_code, "{cells:?}");
    assert_eq!(t.date, date.format("%Y-%m-%d").to_string().as_bytes(), "{cells:?}");
    assert_eq!(t.amount_cents, amount_cents, "{cells:?}");
    assert_eq!((t.order_no, t.product), (order_no.as_str(), product.as_str()), "{cells:?}");
    assert_eq!(t.quantity, quantity, "{cells:?}");
    true
}

#[test]
fn the_fast_path_reads_plain_rows_as_the_parser_does() {
    for plain in [
        ["C-0000001", "2026-03-01", "1234.50", "SO-1", "碎纸机", "2"],
        ["C-1", "2024-02-29", "-20", "", "", ""],
        ["C-1", "2026-12-31", "0.5", "", "", "2.5"],
        ["C-1", "2026-01-01", "007", "", "", "1,200"],
        ["C-1", " 2026-01-01 ", " 12.3 ", "", "", ""],
        ["abcdefghijklmnopqrstuvwxyz012345", "2026-01-01", "1000000000.00", "", "", ""],
        ["C-1", "2026-01-01", "-1000000000", "", "", ""],
        ["C-1", "20260301", "1", "", "", ""],
        ["C-1", "20240229", "1", "", "", ""],
    ] {
        assert!(agrees(&plain), "{plain:?} takes the fast path");
    }
    // Everything else is left to the parser, whose messages stay as they are.
    for other in [
        ["C 1", "2026-03-01", "1", "", "", ""],
        ["abcdefghijklmnopqrstuvwxyz0123456", "2026-01-01", "1", "", "", ""],
        ["客户1", "2026-03-01", "1", "", "", ""],
        ["", "2026-03-01", "1", "", "", ""],
        ["C-1", "2026-02-30", "1", "", "", ""],
        ["C-1", "2026/03/01", "1", "", "", ""],
        ["C-1", "2026-3-1", "1", "", "", ""],
        ["C-1", "20260230", "1", "", "", ""],
        ["C-1", "2026031", "1", "", "", ""],
        ["C-1", "202603011", "1", "", "", ""],
        ["C-1", "18991231", "1", "", "", ""],
        ["C-1", "2026 301", "1", "", "", ""],
        ["C-1", "2026-03-01", "1,234.50", "", "", ""],
        ["C-1", "2026-03-01", "¥12", "", "", ""],
        ["C-1", "2026-03-01", "12.", "", "", ""],
        ["C-1", "2026-03-01", ".5", "", "", ""],
        ["C-1", "2026-03-01", "1.234", "", "", ""],
        ["C-1", "2026-03-01", "-", "", "", ""],
        ["C-1", "2026-03-01", "1234567890123456", "", "", ""],
        ["C-1", "2026-03-01", "1000000000.01", "", "", ""],
        ["C-1", "2026-03-01", "-999999999999999.99", "", "", ""],
        ["C-1", "2026-03-01", "1", "'-SO-1", "", ""],
        ["'C-1", "2026-03-01", "1", "", "", ""],
        ["C-1", "2026-03-01", "1", "", "", "1e3"],
        ["C-1", "2026-03-01", "1", "", "", "-1"],
        ["C-1", "1899-12-31", "1", "", "", ""],
        ["C-1", "2101-01-01", "1", "", "", ""],
        ["=C1", "2026-03-01", "1", "", "", ""],
        ["#N/A", "2026-03-01", "1", "", "", ""],
        ["C-1", "2026-03-01", "1", "", "#N/A", ""],
        ["C-1", "2026-03-01", "1", "SO\u{0}1", "", ""],
    ] {
        assert!(!agrees(&other), "{other:?} goes to the parser");
    }
    assert!(!agrees(&["C-1", "2026-03-01", "1", "", ""]), "a short row goes to the parser");
}

proptest! {
    #[test]
    fn the_fast_path_never_disagrees_with_the_parser(
        code in "[-C0-9 '客]{0,6}",
        date in "[-0-9/ ]{8,12}|20[0-9]{2}-?(0[0-9]|1[0-3])-?([0-2][0-9]|3[0-2])",
        amount in "[-0-9.,¥' ]{0,8}",
        order_no in "[-=A-Z0-9' ]{0,4}",
        quantity in "[-0-9.,e]{0,4}",
    ) {
        // `agrees` panics when the fast path takes a row the parser refuses.
        agrees(&[&code, &date, &amount, &order_no, "", &quantity]);
    }
}

#[test]
fn the_reading_thread_prepares_only_plain_rows_of_live_customers() {
    let mut codes = CodeMap::with_capacity(2);
    codes.insert("C-1", Some(CustomerId(7)));
    codes.insert("C-2", None);
    let codes = Arc::new(codes);
    let columns = TransactionColumns::new(&mapping(&HEADERS));
    let prepare = ReadyTransaction::preparer(columns.clone(), Arc::clone(&codes), false);
    let cells = |row: [&str; 6]| row.map(str::to_owned);
    assert_eq!(
        prepare(&cells(["C-1", "2026-03-01", "12.5", "SO-1", "碎纸机", "2"])),
        Some(ReadyTransaction {
            buyer: Buyer::Known(CustomerId(7)),
            date: *b"2026-03-01",
            amount_cents: 1250,
            order_no: "SO-1".into(),
            product: "碎纸机".into(),
            quantity: Some(2.0),
        })
    );
    assert_eq!(prepare(&cells(["C-2", "2026-03-01", "1", "", "", ""])), None, "trashed");
    assert_eq!(prepare(&cells(["C-3", "2026-03-01", "1", "", "", ""])), None, "unknown");
    assert_eq!(prepare(&cells(["C-1", "2026/03/01", "1", "", "", ""])), None, "not plain");
    // An import that creates customers sends new codes ready too, and
    // still leaves a trashed customer's rows to the writing thread.
    let creating = ReadyTransaction::preparer(columns, codes, true);
    let new = creating(&cells(["C-3", "20260301", "1", "", "", ""])).expect("ready");
    assert_eq!((new.buyer, new.date), (Buyer::New("C-3".into()), *b"2026-03-01"));
    assert_eq!(creating(&cells(["C-2", "2026-03-01", "1", "", "", ""])), None, "trashed");
}

/// Imports `csv` with `--create-customers` into a new database and
/// returns its customers, history and transactions as text.
fn created_by(csv: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("d.db")).expect("create");
    store.apply(&Command::CreateCustomer(CustomerData::named("甲")), now()).expect("add");
    let path = dir.path().join("sales.csv");
    std::fs::write(&path, csv).expect("write");
    let options = ImportOptions { create_customers: true, ..options() };
    store.import_file(&path, &options, now(), &mut |_| true).expect("import");
    [
        "SELECT group_concat(id || ' ' || code || ' ' || name || ' ' || kind || ' ' || \
         ladder_step || ' ' || created_at, '; ') FROM (SELECT * FROM customers ORDER BY id)",
        "SELECT group_concat(id || ' ' || at || ' ' || entity || ' ' || entity_id || ' ' || \
         action, '; ') FROM (SELECT * FROM history ORDER BY id)",
        "SELECT group_concat(id || ' ' || customer_id || ' ' || date || ' ' || amount_cents, \
         '; ') FROM (SELECT * FROM transactions ORDER BY id)",
    ]
    .iter()
    .flat_map(|sql| strings(&store, sql))
    .collect()
}

#[test]
fn customers_created_in_batches_are_those_created_one_by_one_in_file_order() {
    // Enough new codes for several batches, some of them repeated, with
    // rows that only the full parser reads (`2026/3/d`) among them: those
    // create their customers one by one, in between.
    let mut plain = String::from("customer_code,date,amount\n");
    let mut parsed = plain.clone();
    for i in 0..3_000 {
        let code = format!("N-{}", (i * 7) % 1_100);
        let day = 1 + i % 28;
        let slow = i % 97 == 5;
        let date = if slow { format!("2026/3/{day}") } else { format!("2026-03-{day:02}") };
        plain.push_str(&format!("{code},{date},{i}\n"));
        parsed.push_str(&format!("{code},2026/3/{day},{i}\n"));
    }
    let batched = created_by(&plain);
    assert_eq!(batched, created_by(&parsed), "customers, history and sales alike");
    assert_eq!(batched[0].matches("; ").count(), 1_100, "甲 and 1,100 new customers");
    assert!(batched[0].contains("; 1101 N-1093 N-1093 individual prospect 2026-11-02"));
}

#[test]
fn a_big_file_is_written_in_file_order_whichever_thread_read_its_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("d.db")).expect("create");
    for name in ["甲", "乙"] {
        store.apply(&Command::CreateCustomer(CustomerData::named(name)), now()).expect("add");
    }
    store.apply(&Command::DeleteCustomer(CustomerId(2)), now()).expect("trash");
    // Far more rows than are read ahead before the customers are known,
    // so that most plain rows are prepared on the reading thread; among
    // them rows it leaves to the writing one.
    let row = |i: usize| -> (String, String, bool) {
        let day = 1 + i % 28;
        match i {
            _ if i.is_multiple_of(13) => ("C-000002".into(), format!("2026-02-{day:02}"), false),
            _ if i % 7 == 3 => (format!("NEW-{}", i % 5), format!("2026-02-{day:02}"), true),
            _ if i % 11 == 5 => ("C-000001".into(), format!("2026/2/{day}"), true),
            _ => ("C-000001".into(), format!("2026-02-{day:02}"), true),
        }
    };
    let n = 45_000;
    let mut csv = String::from("customer_code,date,amount\n");
    let mut expected = Vec::new();
    let mut trashed_rows = Vec::new();
    for i in 0..n {
        let (code, date, good) = row(i);
        csv.push_str(&format!("{code},{date},{i}.{:02}\n", i % 100));
        if good {
            let date = format!("2026-02-{:02}", 1 + i % 28);
            expected.push(format!("{code} {date} {}", i * 100 + i % 100));
        } else {
            trashed_rows.push(i + 2);
        }
    }
    let path = dir.path().join("sales.csv");
    std::fs::write(&path, csv).expect("write");
    let options = ImportOptions { create_customers: true, skip_bad: true, ..options() };
    let summary = store.import_file(&path, &options, now(), &mut |_| true).expect("import");
    assert_eq!(summary.rows, expected.len());
    assert_eq!(summary.problems_total, trashed_rows.len());
    let rows: Vec<usize> = summary.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, trashed_rows[..MAX_LISTED.min(trashed_rows.len())]);
    assert_eq!(summary.created_customers, ["NEW-3", "NEW-0", "NEW-2", "NEW-4", "NEW-1"]);
    let sql = "SELECT c.code || ' ' || t.date || ' ' || t.amount_cents FROM transactions t \
               JOIN customers c ON c.id = t.customer_id ORDER BY t.id";
    assert!(strings(&store, sql) == expected, "the rows as the file has them, in its order");
}

#[test]
fn codes_are_found_inline_and_boxed() {
    let long = "X".repeat(30);
    let mut map = CodeMap::with_capacity(2);
    map.insert("C-000001", 1);
    map.insert(&long, 2);
    map.insert("", 3);
    assert_eq!(map.get("C-000001"), Some(&1));
    assert_eq!(map.get(&long), Some(&2));
    assert_eq!(map.get(""), Some(&3));
    assert_eq!(map.get("C-00000"), None);
    assert_eq!(map.get("C-000001\0"), None, "the length is part of the key");
    assert_eq!(map.len(), 3);
    assert!(ShortCode::new(&"y".repeat(23)).is_some());
    assert!(ShortCode::new(&"y".repeat(24)).is_none());
}

fn options() -> ImportOptions {
    ImportOptions {
        duplicates: Duplicates::Refuse,
        kind: ImportKind::Transactions,
        encoding: EncodingChoice::Auto,
        sheet: None,
        map: Vec::new(),
        create_customers: false,
        dry_run: false,
        skip_bad: false,
    }
}

#[test]
fn skip_bad_leaves_nothing_of_a_bad_row_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("d.db")).expect("create");
    let csv = dir.path().join("activities.csv");
    std::fs::write(
        &csv,
        "customer_code,date,kind,opportunity\n\
         NEW-1,2026-03-01,call,99\n\
         NEW-2,2026-03-01,call,\n\
         NEW-3,2026-02-30,call,\n",
    )
    .expect("write");
    let options =
        ImportOptions { kind: ImportKind::Activities, create_customers: true, ..options() };
    let err = store.import_file(&csv, &options, now(), &mut |_| true).expect_err("refused");
    let ImportError::Rows { listed, total: 2 } = err else { panic!("{err:?}") };
    assert_eq!(
        listed[0].to_string(),
        r#"2:opportunity: opportunity 99 does not exist (value "99")"#
    );

    let options = ImportOptions { skip_bad: true, ..options };
    let summary = store.import_file(&csv, &options, now(), &mut |_| true).expect("skips");
    assert_eq!((summary.rows, summary.bad_skipped, summary.problems_total), (1, 2, 2));
    assert_eq!(summary.created_customers, ["NEW-2"]);
    let rows: Vec<usize> = summary.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, [2, 4]);
    let codes: Vec<String> = store
        .conn
        .prepare("SELECT code FROM customers ORDER BY code")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("codes");
    assert_eq!(codes, ["NEW-2"], "the bad rows' customers were not created");
    let activities: i64 =
        store.conn.query_row("SELECT count(*) FROM activities", [], |r| r.get(0)).expect("n");
    assert_eq!(activities, 1);
}

fn strings(store: &Store, sql: &str) -> Vec<String> {
    store
        .conn
        .prepare(sql)
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("query")
}

#[test]
fn skip_bad_rolls_back_a_row_the_database_refuses_after_its_customer_was_made() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("d.db")).expect("create");
    // Rules the row parser does not know (as a CHECK constraint would).
    store
        .conn
        .execute_batch(
            "CREATE TRIGGER refuse_survey BEFORE INSERT ON surveys WHEN NEW.comment = 'bad' \
             BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: comment'); END; \
             CREATE TRIGGER refuse_check BEFORE INSERT ON ac_checks \
             WHEN NEW.set_temp_tenths = 199 \
             BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: set_temp'); END;",
        )
        .expect("triggers");
    let csv = dir.path().join("surveys.csv");
    std::fs::write(
        &csv,
        "customer_code,date,expected,perceived,comment\n\
         NEW-1,2026-03-01,3,4,bad\n\
         NEW-2,2026-03-01,3,4,ok\n\
         NEW-1,2026-03-02,3,4,again\n\
         NEW-3,2026-03-02,3,4,bad\n",
    )
    .expect("write");
    let options = ImportOptions {
        kind: ImportKind::Surveys,
        create_customers: true,
        skip_bad: true,
        ..options()
    };
    let summary = store.import_file(&csv, &options, now(), &mut |_| true).expect("skips");
    assert_eq!((summary.rows, summary.bad_skipped), (2, 2));
    let rows: Vec<usize> = summary.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, [2, 5]);
    assert!(summary.problems[0].to_string().contains("CHECK constraint failed: comment"));
    assert_eq!(summary.created_customers, ["NEW-2", "NEW-1"]);
    let sql = "SELECT code FROM customers ORDER BY id";
    assert_eq!(strings(&store, sql), ["NEW-2", "NEW-1"], "no customer of a refused row");
    let sql = "SELECT c.code || ' ' || s.comment FROM surveys s \
               JOIN customers c ON c.id = s.customer_id ORDER BY s.id";
    assert_eq!(strings(&store, sql), ["NEW-2 ok", "NEW-1 again"]);
    let sql = "SELECT c.code FROM history h LEFT JOIN customers c ON c.id = h.entity_id \
               ORDER BY h.id";
    assert_eq!(strings(&store, sql), ["NEW-2", "NEW-1"], "one history entry each");

    // An area is created with the first row that is written.
    let csv = dir.path().join("checks.csv");
    std::fs::write(
        &csv,
        "date,time,area,reference_temp_c,ac_on,set_temp_c\n\
         2026-07-06,09:30,新区,31.0,yes,19.9\n\
         2026-07-06,10:30,新区,31.0,yes,26\n",
    )
    .expect("write");
    let options = ImportOptions { kind: ImportKind::AcChecks, ..options };
    let summary = store.import_file(&csv, &options, now(), &mut |_| true).expect("skips");
    assert_eq!((summary.rows, summary.bad_skipped), (1, 1));
    assert_eq!(summary.created_areas, ["新区"]);
    let sql = "SELECT a.name FROM ac_checks c JOIN ac_areas a ON a.id = c.area_id";
    assert_eq!(strings(&store, sql), ["新区"]);
    assert_eq!(strings(&store, "SELECT name FROM ac_areas"), ["新区"]);
    let dangling: i64 = store
        .conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(dangling, 0);
}

#[test]
fn skip_bad_does_not_skip_rows_for_a_full_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("d.db")).expect("create");
    store.apply(&Command::CreateCustomer(CustomerData::named("甲")), now()).expect("add");
    let mut csv = String::from("customer_code,date,expected,perceived,comment\n");
    for day in 1..=28 {
        csv.push_str(&format!("C-000001,2026-02-{day:02},3,4,{}\n", "长".repeat(700)));
    }
    let path = dir.path().join("surveys.csv");
    std::fs::write(&path, csv).expect("write");
    // The file may not grow: as a full disk, every new page is refused.
    let pages: i64 =
        store.conn.pragma_query_value(None, "page_count", |r| r.get(0)).expect("pages");
    store.conn.pragma_update(None, "max_page_count", pages).expect("limit");
    let options = ImportOptions { kind: ImportKind::Surveys, skip_bad: true, ..options() };
    let err = store.import_file(&path, &options, now(), &mut |_| true).expect_err("fails");
    let ImportError::Store(StoreError::Sqlite(e)) = &err else { panic!("{err:?}") };
    assert_eq!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DiskFull), "{e}");
    let surveys: i64 =
        store.conn.query_row("SELECT count(*) FROM surveys", [], |r| r.get(0)).expect("n");
    assert_eq!(surveys, 0, "nothing written");
}

fn index_names(store: &Store) -> Vec<String> {
    let mut stmt = store
        .conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'index' \
             AND tbl_name = 'transactions' ORDER BY name",
        )
        .expect("prepare");
    stmt.query_map([], |r| r.get(0)).and_then(Iterator::collect).expect("names")
}

#[test]
fn a_big_import_builds_the_indexes_again_and_a_failed_one_keeps_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("d.db")).expect("create");
    for name in ["甲", "乙"] {
        store.apply(&Command::CreateCustomer(CustomerData::named(name)), now()).expect("add");
    }
    let indexes = index_names(&store);
    assert_eq!(indexes, ["transactions_customer_date"]);
    let rows = usize::try_from(TransactionWriter::DEFER_INDEXES_AFTER).expect("small") + 500;
    let mut csv = String::from("customer_code,date,amount\n");
    for i in 0..rows {
        let day = 1 + i % 28;
        csv.push_str(&format!("C-00000{},2026-02-{day:02},{}.{:02}\n", 1 + i % 2, i, i % 100));
    }
    let good = dir.path().join("good.csv");
    std::fs::write(&good, &csv).expect("write");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, format!("{csv}C-000009,2026-02-01,1\n")).expect("write");
    let cache: i64 =
        store.conn.pragma_query_value(None, "cache_size", |r| r.get(0)).expect("cache");

    let err = store.import_file(&bad, &options(), now(), &mut |_| true).expect_err("bad row");
    let ImportError::Rows { listed, total: 1 } = err else { panic!("{err:?}") };
    assert_eq!(listed.len(), 1);
    assert!(listed[0].to_string().starts_with(&format!("{}:customer_code: unknown", rows + 2)));
    assert_eq!(index_names(&store), indexes, "rolled back with the rows");

    let summary = store.import_file(&good, &options(), now(), &mut |_| true).expect("import");
    assert_eq!(summary.rows, rows);
    assert_eq!(index_names(&store), indexes, "built again");
    let (count, total): (i64, i64) = store
        .conn
        .query_row("SELECT count(*), sum(amount_cents) FROM transactions", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("count");
    assert_eq!(usize::try_from(count), Ok(rows));
    let expected: i64 = (0..rows).map(|i| i64::try_from(i * 100 + i % 100).expect("small")).sum();
    assert_eq!(total, expected);
    let plan: String = store
        .conn
        .query_row("EXPLAIN QUERY PLAN SELECT * FROM transactions WHERE customer_id = 1", [], |r| {
            r.get(3)
        })
        .expect("plan");
    assert!(plan.contains("transactions_customer_date"), "{plan}");
    let integrity: String =
        store.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(integrity, "ok");
    let foreign_keys: bool =
        store.conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).expect("fk");
    assert!(foreign_keys, "checked again after the import");
    let after: i64 =
        store.conn.pragma_query_value(None, "cache_size", |r| r.get(0)).expect("cache");
    assert_eq!(after, cache, "the connection's own cache size is back");
}

/// Whether the connection evaluates CHECK constraints.
fn checks_on(store: &Store) -> bool {
    let ignored: bool = store
        .conn
        .pragma_query_value(None, "ignore_check_constraints", |r| r.get(0))
        .expect("pragma");
    !ignored
}

#[test]
fn a_transactions_import_writes_what_the_check_constraints_accept_and_turns_them_back_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("d.db")).expect("create");
    // Plain rows (the fast path, creating customers), and rows only the
    // full parser reads (a slashed date, a thousands separator).
    let csv = "customer_code,date,amount,quantity\n\
               K1,2026-02-01,10.50,1\n\
               K1,20260203,3,\n\
               K2,2026/02/04,\"1,200.00\",2\n\
               K3,2026-02-05,7.25,0\n";
    let good = dir.path().join("good.csv");
    std::fs::write(&good, csv).expect("write");
    let options = ImportOptions { create_customers: true, ..options() };
    let summary = store.import_file(&good, &options, now(), &mut |_| true).expect("import");
    assert_eq!((summary.rows, summary.created_customers.len()), (4, 3));
    assert!(checks_on(&store), "checked again after the import");
    // integrity_check evaluates every CHECK and NOT NULL constraint.
    let integrity: String =
        store.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(integrity, "ok");
    let dates: Vec<String> = store
        .conn
        .prepare("SELECT date FROM transactions ORDER BY id")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(dates, ["2026-02-01", "2026-02-03", "2026-02-04", "2026-02-05"]);
    // The constraints hold again for the connection's own writes.
    let refused = store.conn.execute(
        "INSERT INTO transactions (customer_id, date, amount_cents) VALUES (1, '2026-2-1', 1)",
        [],
    );
    assert!(refused.is_err(), "{refused:?}");

    // A refused file turns them back on too.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "customer_code,date,amount\nK1,2026-02-30,1\n").expect("write");
    store.import_file(&bad, &options, now(), &mut |_| true).expect_err("no such day");
    assert!(checks_on(&store), "checked again after a refused import");
}

/// Inserts `rows` transactions of the customers 1 and 2 through a writer,
/// the customer and day of row i given by `key(i)`; whether the writer
/// dropped the indexes, and whether they are there after it finished.
fn write_in_order(rows: u64, key: impl Fn(u64) -> (i64, u64)) -> (bool, Vec<String>, i64) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("d.db")).expect("create");
    for name in ["甲", "乙"] {
        store.apply(&Command::CreateCustomer(CustomerData::named(name)), now()).expect("add");
    }
    let tx = store.conn.unchecked_transaction().expect("tx");
    let mut writer = TransactionWriter::new(&tx).expect("writer");
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    for i in 0..rows {
        let (customer, day) = key(i);
        let date = crate::store::sql::date_text(first + chrono::Days::new(day));
        let row = crate::store::tables::transactions::Row {
            customer: CustomerId(customer),
            date: &date,
            amount_cents: 100,
            order_no: "",
            product: "",
            quantity: None,
        };
        writer.insert(&row).expect("insert");
    }
    let deferred = writer.deferred();
    writer.finish().expect("finish");
    tx.commit().expect("commit");
    let count: i64 =
        store.conn.query_row("SELECT count(*) FROM transactions", [], |r| r.get(0)).expect("n");
    (deferred, index_names(&store), count)
}

#[test]
fn rows_in_the_index_order_go_into_the_index_and_others_have_it_built_at_the_end() {
    let rows = TransactionWriter::DEFER_INDEXES_AFTER * 2 + 100;
    let half = rows / 2;
    // Sorted by customer, then by day.
    let sorted =
        write_in_order(rows, |i| if i < half { (1, i / 50) } else { (2, (i - half) / 50) });
    let count = i64::try_from(rows).expect("small");
    assert_eq!(sorted, (false, vec!["transactions_customer_date".to_owned()], count));
    // The two customers' purchases interleaved, as a log by date lists them.
    let by_date = write_in_order(rows, |i| (1 + i64::try_from(i % 2).expect("small"), i / 50));
    assert_eq!(by_date, (true, vec!["transactions_customer_date".to_owned()], count));
    // Sorted in its first window only: dropped at the second.
    let later = write_in_order(rows, |i| {
        if i < TransactionWriter::DEFER_INDEXES_AFTER {
            (1, i / 50)
        } else {
            (1 + i64::try_from(i % 2).expect("small"), 400 + i / 50)
        }
    });
    assert_eq!(later, (true, vec!["transactions_customer_date".to_owned()], count));
}

/// Records what an import told its hooks, in order.
#[derive(Default)]
struct Heard(Vec<&'static str>);

impl ImportHooks for Heard {
    fn progress(&mut self, _rows: usize) -> bool {
        true
    }
    fn sound(&mut self) {
        self.0.push("sound");
    }
    fn before_commit(&mut self) -> Result<(), StoreError> {
        self.0.push("before commit");
        Ok(())
    }
}

#[test]
fn a_store_opened_checking_later_checks_its_file_once_before_the_first_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.db");
    drop(Store::create(&path).expect("create"));
    let mut store = Store::open_checking_later(&path, now()).expect("open");
    assert!(store.damaged.get().is_none(), "not checked at open");
    let csv = dir.path().join("sales.csv");
    std::fs::write(&csv, "customer_code,date,amount\nC-1,2026-03-01,12.50\n").expect("write");
    let options = ImportOptions { create_customers: true, ..options() };
    let mut heard = Heard::default();
    store.import_file_then(&csv, &options, now(), &mut heard).expect("imports");
    assert_eq!(heard.0, ["sound", "before commit"]);
    assert_eq!(store.damaged.get(), Some(&None), "the verdict is kept for later writes");
    // A dry run hears that the file is sound, and nothing of a commit.
    let mut heard = Heard::default();
    let dry = ImportOptions { dry_run: true, ..options };
    store.import_file_then(&csv, &dry, now(), &mut heard).expect("checks");
    assert_eq!(heard.0, ["sound"]);
}

#[test]
fn with_backup_keeps_a_copy_only_for_an_import_that_goes_ahead() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.db");
    drop(Store::create(&path).expect("create"));
    let mut store = Store::open_checking_later(&path, now()).expect("open");
    let (good, bad) = (dir.path().join("good.csv"), dir.path().join("bad.csv"));
    std::fs::write(&good, "customer_code,date,amount\nC-1,2026-03-01,12.50\n").expect("write");
    std::fs::write(&bad, "customer_code,date,amount\nC-2,2026-02-30,1.00\n").expect("write");
    let options = ImportOptions { create_customers: true, ..options() };
    let mut progress = |_| true;

    let mut hooks = WithBackup::new(&store, now(), &options, &mut progress);
    store.import_file_then(&bad, &options, now(), &mut hooks).expect_err("refused");
    assert!(hooks.kept.is_none() && hooks.failed.is_none());
    drop(hooks);
    assert!(crate::store::db::list_backups(&path).expect("list").is_empty(), "none kept");
    assert!(!crate::store::db::backups_dir(&path).exists(), "nor a folder left");

    let mut hooks = WithBackup::new(&store, now(), &options, &mut progress);
    store.import_file_then(&good, &options, now(), &mut hooks).expect("imports");
    let kept = hooks.kept.take().expect("a backup kept");
    drop(hooks);
    assert_eq!(crate::store::db::list_backups(&path).expect("list"), std::slice::from_ref(&kept));
    // The copy is the database as it was: no customer yet.
    let copy = rusqlite::Connection::open(&kept).expect("open the copy");
    let n: i64 = copy.query_row("SELECT count(*) FROM customers", [], |r| r.get(0)).expect("n");
    assert_eq!(n, 0);
}
