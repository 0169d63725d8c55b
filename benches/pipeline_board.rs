//! Frame time of the pipeline's ladder board with 5,000 customers and 2,000
//! opportunities, driven through the real app with egui_kittest. Run with
//! `cargo bench --bench pipeline_board`; prints median and p99.

use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::customer::{CustomerData, CustomerId};
use ladder::domain::records::{NewCustomer, Opportunity, Transaction};
use ladder::domain::terms::{LadderStep, OpportunityStage};
use ladder::store::{Store, bulk};

const CUSTOMERS: usize = 5_000;
const OPPORTUNITIES: usize = 2_000;
const FRAMES: usize = 200;

fn main() {
    let now = NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid time");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("board.db")).expect("create");
    let customers: Vec<NewCustomer> = (1..=CUSTOMERS)
        .map(|i| {
            let mut data = CustomerData::named(format!("客户{i}"));
            data.ladder_step = LadderStep::ALL[i % LadderStep::ALL.len()];
            NewCustomer {
                id: CustomerId(i64::try_from(i).expect("fits")),
                code: format!("C-{i:06}"),
                data,
                created_at: now,
            }
        })
        .collect();
    let sales: Vec<Transaction> = (1..=CUSTOMERS * 4)
        .map(|i| Transaction {
            customer: CustomerId(i64::try_from(i % CUSTOMERS + 1).expect("fits")),
            date: now.date() - Days::days(i64::try_from(i % 700).expect("fits")),
            amount_cents: i64::try_from(1_000 + i % 90_000).expect("fits"),
            order_no: String::new(),
            product: String::new(),
            quantity: None,
        })
        .collect();
    store
        .in_transaction(|conn| {
            bulk::insert_customers(conn, &customers)?;
            bulk::insert_transactions(conn, &sales)?;
            Ok(())
        })
        .expect("insert");
    for i in 0..OPPORTUNITIES {
        let o = Opportunity {
            id: 0,
            customer: CustomerId(i64::try_from(i % CUSTOMERS + 1).expect("fits")),
            title: format!("机会 {i}"),
            stage: OpportunityStage::ALL[i % OpportunityStage::ALL.len()],
            expected_value_cents: 1_000_000,
            probability_pct: 50,
            expected_close: None,
            created_at: now,
            closed_at: None,
            delivered_at: None,
            owner: String::new(),
            notes: String::new(),
        };
        let command = ladder::domain::command::Command::SaveRecord {
            id: None,
            record: Box::new(ladder::domain::command::Record::Opportunity(o)),
        };
        store.apply(&command, now).expect("opportunity");
    }
    let app = LadderApp::with_store(Some(store), Lang::Zh, Box::new(move || now));
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_context_setup(ladder::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut LadderApp| app.frame(ui), app);
    harness.run();
    harness.get_by_label("客户关系阶梯").click();
    harness.run();
    for (board, label) in [("ladder", None), ("opportunities", Some("销售机会"))] {
        if let Some(label) = label {
            harness.get_by_label(label).click();
            harness.run();
        }
        let mut times: Vec<Duration> = (0..FRAMES)
            .map(|_| {
                let start = Instant::now();
                harness.step();
                start.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "pipeline {board} board, {CUSTOMERS} customers / {OPPORTUNITIES} opportunities: \
             median {:.3} ms, p99 {:.3} ms over {FRAMES} frames",
            times[FRAMES / 2].as_secs_f64() * 1e3,
            times[FRAMES * 99 / 100].as_secs_f64() * 1e3,
        );
    }
}
