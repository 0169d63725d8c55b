//! Writes the benchmark data set: one Ladder database and the same
//! transactions as a CSV (for pandas), deterministically.
//!
//! `cargo bench --bench bigdata -- DIR [TRANSACTIONS] [CUSTOMERS]`
//! (defaults: target/bench-data, 1,000,000, 340,000). Skips files that
//! already exist. Rows are streamed in chunks, so the 10,000,000-row set
//! needs little memory.

mod common;

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use ladder::domain::customer::{CustomerData, CustomerId};
use ladder::domain::records::{NewCustomer, Transaction};
use ladder::domain::terms::LadderStep;
use ladder::store::{Store, bulk};

/// Transactions generated, inserted and written per step.
const CHUNK: usize = 100_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let dir = PathBuf::from(args.first().cloned().unwrap_or_else(|| "target/bench-data".into()));
    let transactions: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let customers: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(340_000);
    std::fs::create_dir_all(&dir).expect("create the data directory");
    let db = dir.join(format!("tx{transactions}.db"));
    let csv = dir.join(format!("tx{transactions}.csv"));
    if db.exists() && csv.exists() {
        println!("exists: {} and {}", db.display(), csv.display());
        return;
    }
    // Written under temporary names and renamed at the end, so an
    // interrupted run is never mistaken for a finished one.
    let (db_part, csv_part) = (db.with_extension("db.partial"), csv.with_extension("csv.partial"));
    for stale in [&db, &db_part, &csv_part] {
        let _ignored = std::fs::remove_file(stale);
    }
    let start = Instant::now();
    let created =
        NaiveDate::from_ymd_opt(2024, 1, 1).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("date");
    let first_day = NaiveDate::from_ymd_opt(2024, 11, 1).expect("date");
    let mut rng = common::Rng(20_261_123);
    let people: Vec<NewCustomer> = (1..=customers)
        .map(|i| {
            let mut data = CustomerData::named(format!("客户{i}"));
            data.ladder_step = LadderStep::ALL[i % LadderStep::ALL.len()];
            NewCustomer {
                id: CustomerId(i64::try_from(i).expect("fits")),
                code: format!("C-{i:07}"),
                data,
                created_at: created,
            }
        })
        .collect();
    let mut store = Store::create(&db_part).expect("create the database");
    store.in_transaction(|conn| Ok(bulk::insert_customers(conn, &people)?)).expect("insert");
    drop(people);
    let mut out =
        std::io::BufWriter::new(std::fs::File::create(&csv_part).expect("create the CSV"));
    writeln!(out, "customer_code,date,amount").expect("write");
    // Streamed in chunks (one transaction each), so 10,000,000 rows need
    // no more memory than 100,000.
    let mut left = transactions;
    while left > 0 {
        let n = left.min(CHUNK);
        left -= n;
        let rows: Vec<Transaction> =
            (0..n).map(|_| common::sale(&mut rng, customers, first_day)).collect();
        store.in_transaction(|conn| Ok(bulk::insert_transactions(conn, &rows)?)).expect("insert");
        for t in &rows {
            writeln!(
                out,
                "C-{:07},{},{}.{:02}",
                t.customer.0,
                t.date.format("%Y-%m-%d"),
                t.amount_cents / 100,
                t.amount_cents % 100
            )
            .expect("write");
        }
    }
    drop(store);
    out.flush().expect("flush");
    drop(out);
    std::fs::rename(&db_part, &db).expect("rename the database");
    std::fs::rename(&csv_part, &csv).expect("rename the CSV");
    println!(
        "wrote {} ({transactions} transactions, {customers} customers) and {} in {:.1} s",
        db.display(),
        csv.display(),
        start.elapsed().as_secs_f64()
    );
}
