//! `ladder report`: exact scores on a hand-built table, and the summary's
//! 80/20 numbers re-derived independently from the rfm output.

use std::path::Path;

use chrono::NaiveDate;
use ladder::domain::customer::{CustomerData, CustomerId};
use ladder::domain::records::{NewCustomer, Transaction};
use ladder::store::{Store, bulk};

mod common;
use common::{ladder, ok};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// Six customers with ties in every metric (worked out in the test below).
fn hand_built(path: &Path) {
    let mut store = Store::create(path).expect("create");
    let created = day("2025-01-01").and_hms_opt(9, 0, 0).expect("time");
    let customers: Vec<NewCustomer> = ["A", "B", "C", "D", "E", "F"]
        .iter()
        .enumerate()
        .map(|(i, name)| NewCustomer {
            id: CustomerId(i64::try_from(i).expect("small") + 1),
            code: format!("C-{name}"),
            data: CustomerData::named(*name),
            created_at: created,
        })
        .collect();
    let tx = |id: i64, date: &str, cents: i64| Transaction {
        customer: CustomerId(id),
        date: day(date),
        amount_cents: cents,
        order_no: String::new(),
        product: String::new(),
        quantity: None,
    };
    let rows = vec![
        tx(1, "2026-01-10", 10_000),
        tx(1, "2026-01-05", 5_000),
        tx(2, "2026-01-10", 15_000),
        tx(3, "2026-01-01", 2_000),
        tx(3, "2025-12-01", 2_000),
        tx(3, "2025-11-01", 2_000),
        tx(4, "2025-06-01", 50_000),
        tx(5, "2026-01-10", 0),
        tx(6, "2026-01-11", 10_000), // on the snapshot day: not counted
        tx(6, "2025-12-31", 1_000),
    ];
    store
        .in_transaction(|conn| {
            bulk::insert_customers(conn, &customers)?;
            Ok(bulk::insert_transactions(conn, &rows)?)
        })
        .expect("insert");
}

#[test]
fn rfm_scores_match_the_hand_worked_values() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("hand.db");
    hand_built(&db);
    let out =
        ok(&["report", "--db", db.to_str().expect("path"), "rfm", "--snapshot", "2026-01-11"]);
    // n = 6, bucket = floor(5p/6) + 1: p 0..5 → 1,1,2,3,4,5.
    // R ascending 1,1,1 (A,B,E; p0→b1→R5), 10 (C; p3→b3→R3), 11 (F; p4→b4→R2),
    //   224 (D, 2025-06-01 → 2026-01-11; p5→b5→R1).
    // F ascending 1,1,1,1 (B,D,E,F; b1), 2 (A; p4→b4), 3 (C; p5→b5).
    // M ascending 0 (E; b1), 10 (F; p1→b1), 60 (C; p2→b2), 150,150 (A,B; p3→b3), 500 (D; b5).
    // Segments, first match in DOMAIN §3.1 order: A 543 Loyal customers (R2-5 F3-5 M3-5);
    // B 513 and E 511 Potential loyalists (R3-5 F1-3 M1-3); C 352 and D 115 match nothing;
    // F 211 About to sleep (R2-3 F1-2 M1-2).
    let expected = "\
customer_code,recency_days,frequency,monetary,r,f,m,rfm,segment
C-A,1,2,150.00,5,4,3,543,Loyal customers
C-B,1,1,150.00,5,1,3,513,Potential loyalists
C-C,10,3,60.00,3,5,2,352,Others
C-D,224,1,500.00,1,1,5,115,Others
C-E,1,1,0.00,5,1,1,511,Potential loyalists
C-F,11,1,10.00,2,1,1,211,About to sleep
";
    assert_eq!(out, expected);

    // The default snapshot is the day after the latest transaction (2026-01-12):
    // F's purchase on 2026-01-11 now counts.
    let summary = ok(&["report", "--db", db.to_str().expect("path"), "summary"]);
    assert!(summary.contains("snapshot,2026-01-12\n"), "{summary}");
    assert!(summary.contains("transactions,10\n"), "{summary}");
    assert!(summary.contains("revenue,970.00\n"), "{summary}");
}

/// The segment table is a setting: an office's own table (edited in
/// Settings, stored through `UpdateSettings`) is the one the report uses.
#[test]
fn rfm_segments_follow_the_office_s_own_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("hand.db");
    hand_built(&db);
    let mut store = Store::open(&db, common::now()).expect("open");
    let mut settings = store.settings().expect("settings");
    settings.rfm_segments = ladder::domain::settings::segments::parse(
        "Recent|近期|5|1-5|1-5\nBig spenders|大客户|1-5|1-5|5",
    )
    .expect("table");
    let write = ladder::domain::command::Command::UpdateSettings(Box::new(settings));
    store.apply(&write, common::now()).expect("stored");
    drop(store);
    let out =
        ok(&["report", "--db", db.to_str().expect("path"), "rfm", "--snapshot", "2026-01-11"]);
    let segments: Vec<&str> =
        out.lines().skip(1).map(|l| l.rsplit(',').next().expect("segment")).collect();
    // Scores as worked out above: A 543, B 513, C 352, D 115, E 511, F 211.
    assert_eq!(segments, ["Recent", "Recent", "Others", "Big spenders", "Recent", "Others"]);
}

#[test]
fn summary_80_20_numbers_are_rederived_from_the_rfm_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    ok(&["demo", "--out", db.to_str().expect("path"), "--seed", "7"]);
    let db = db.to_str().expect("path");

    let rfm = ok(&["report", "--db", db, "rfm"]);
    let mut cents: Vec<i64> = rfm
        .lines()
        .skip(1)
        .map(|line| {
            let monetary = line.split(',').nth(3).expect("monetary column");
            let (yuan, fen) = monetary.split_once('.').expect("D.CC");
            yuan.parse::<i64>().expect("yuan") * 100 + fen.parse::<i64>().expect("fen")
        })
        .collect();
    cents.sort_unstable_by(|a, b| b.cmp(a));
    let n = cents.len();
    let total: i64 = cents.iter().sum();
    let top = n.div_ceil(5);
    #[allow(clippy::cast_precision_loss)]
    let share = cents[..top].iter().sum::<i64>() as f64 / total as f64;
    let mut running = 0;
    let k80 = cents
        .iter()
        .position(|c| {
            running += c;
            running * 5 >= total * 4
        })
        .expect("reaches 80%")
        + 1;

    let summary = ok(&["report", "--db", db, "summary"]);
    let value = |key: &str| {
        summary
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key},")))
            .unwrap_or_else(|| panic!("{key} missing in {summary}"))
            .to_owned()
    };
    assert_eq!(value("customers"), n.to_string());
    assert_eq!(value("top20_revenue_share"), format!("{share:.6}"));
    assert_eq!(value("customers_for_80pct_revenue"), k80.to_string());
    let tiers: usize = ["platinum", "gold", "steel", "lead"]
        .iter()
        .map(|t| value(t).parse::<usize>().expect("count"))
        .sum();
    assert_eq!(tiers, n, "every customer is in exactly one tier");
}

#[test]
fn every_report_has_the_columns_of_the_contract_and_writes_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    ok(&["demo", "--out", db.to_str().expect("path"), "--customers", "40", "--years", "1"]);
    let db = db.to_str().expect("path");
    for (report, header) in [
        ("rfm", "customer_code,recency_days,frequency,monetary,r,f,m,rfm,segment"),
        ("clv", "customer_code,monetary,observed_years,annual_margin,clv"),
        ("tiers", "customer_code,importance,difficulty,critical,difficult,tier"),
        ("pareto", "rank,customer_code,monetary,cum_customer_share,cum_revenue_share"),
        ("ladder", "step,customers,revenue,avg_revenue,avg_clv"),
        ("satisfaction", "month,dissatisfied,satisfied,delighted"),
        ("summary", "key,value"),
    ] {
        let out = ok(&["report", "--db", db, report]);
        assert_eq!(out.lines().next(), Some(header), "{report}");
        let xlsx = dir.path().join(format!("{report}.xlsx"));
        ok(&["report", "--db", db, report, "--out", xlsx.to_str().expect("path")]);
        assert!(std::fs::read(&xlsx).expect("xlsx").starts_with(b"PK"), "{report}.xlsx");
    }
    let ladder_rows = ok(&["report", "--db", db, "ladder"]);
    assert_eq!(ladder_rows.lines().count(), 7, "one row per ladder step");
}

#[test]
fn an_unknown_report_is_a_usage_error() {
    let out = ladder(&["report", "--db", "x.db", "nonsense"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Customers `C-A`, `C-B`, … with the sales `(customer number, cents)`, all
/// on 2026-01-10.
fn with_sales(path: &Path, customers: usize, sales: &[(i64, i64)]) {
    let mut store = Store::create(path).expect("create");
    let created = day("2025-01-01").and_hms_opt(9, 0, 0).expect("time");
    let customers: Vec<NewCustomer> = ["A", "B", "C"][..customers]
        .iter()
        .enumerate()
        .map(|(i, name)| NewCustomer {
            id: CustomerId(i64::try_from(i).expect("small") + 1),
            code: format!("C-{name}"),
            data: CustomerData::named(*name),
            created_at: created,
        })
        .collect();
    let rows: Vec<Transaction> = sales
        .iter()
        .map(|&(id, cents)| Transaction {
            customer: CustomerId(id),
            date: day("2026-01-10"),
            amount_cents: cents,
            order_no: String::new(),
            product: String::new(),
            quantity: None,
        })
        .collect();
    store
        .in_transaction(|conn| {
            bulk::insert_customers(conn, &customers)?;
            Ok(bulk::insert_transactions(conn, &rows)?)
        })
        .expect("insert");
}

#[test]
fn amounts_under_the_old_limit_that_sum_past_i64_give_the_exact_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("big.db");
    // Each amount was accepted by the importer before (the old limit was
    // i64::MAX cents, 92,233,720,368,547,758.07); their sum is not an i64.
    with_sales(&db, 2, &[(1, i64::MAX), (2, i64::MAX - 1)]);
    let summary = ok(&["report", "--db", db.to_str().expect("path"), "summary"]);
    assert!(summary.contains("revenue,184467440737095516.13\n"), "{summary}");
    let value = |key: &str| -> f64 {
        summary
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key},")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{key} in {summary}"))
    };
    let share = value("top20_revenue_share");
    assert!((share - 0.5).abs() < 1e-6, "one of two equal customers holds half: {share}");
    assert!(value("customers_for_80pct_share") <= 1.0, "{summary}");
    let rfm = ok(&["report", "--db", db.to_str().expect("path"), "rfm"]);
    assert!(rfm.contains("C-A,1,1,92233720368547758.07,"), "{rfm}");
}

#[test]
fn one_customer_whose_purchases_sum_past_i64_is_named_not_summed_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("big.db");
    with_sales(&db, 2, &[(1, 10_000), (2, i64::MAX), (2, 1)]);
    let out = ladder(&["report", "--db", db.to_str().expect("path"), "summary"]);
    assert_eq!(out.status.code(), Some(1), "refused, not a wrong figure");
    let said = common::stderr(&out);
    assert!(said.contains("C-B") && said.contains("add up to more than"), "{said}");
    assert!(out.stdout.is_empty(), "no summary written");
}
