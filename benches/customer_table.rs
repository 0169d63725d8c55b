//! Frame time of the customer library with 100,000 customers, driven through
//! the real app with egui_kittest (layout and tessellation input, no GPU).
//! Run with `cargo bench --bench customer_table`; prints median and p99.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use egui_kittest::Harness;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::customer::{CustomerData, CustomerId};
use ladder::domain::records::NewCustomer;
use ladder::domain::terms::{CustomerKind, Grade, LadderStep};
use ladder::store::{Store, bulk};

const CUSTOMERS: u32 = 100_000;
const FRAMES: usize = 300;

fn main() {
    let now = NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid time");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(&dir.path().join("bench.db")).expect("create");
    let customers: Vec<NewCustomer> = (1..=CUSTOMERS)
        .map(|i| {
            let mut data = CustomerData::named(format!("客户{i} 贸易有限公司"));
            data.kind =
                if i % 3 == 0 { CustomerKind::Organisation } else { CustomerKind::Individual };
            data.grade = Some(Grade::ALL[(i % 3) as usize]);
            data.ladder_step = LadderStep::ALL[(i % 6) as usize];
            data.phone = format!("138{i:08}");
            NewCustomer {
                id: CustomerId(i64::from(i)),
                code: format!("C-{i:06}"),
                data,
                created_at: now,
            }
        })
        .collect();
    store.in_transaction(|conn| Ok(bulk::insert_customers(conn, &customers)?)).expect("insert");

    for lang in [Lang::Zh, Lang::En] {
        let app = LadderApp::with_store(
            Some(Store::open(store.path(), now).expect("open")),
            lang,
            Box::new(move || now),
        );
        let mut harness = Harness::builder()
            .with_size([1280.0, 800.0])
            .with_context_setup(ladder::ui::theme::install_fonts)
            .build_ui_state(|ui, app: &mut LadderApp| app.frame(ui), app);
        harness.run();
        let reads = harness.state().store().map(Store::reads);
        let mut times: Vec<Duration> = (0..FRAMES)
            .map(|_| {
                let start = Instant::now();
                harness.step();
                start.elapsed()
            })
            .collect();
        assert_eq!(harness.state().store().map(Store::reads), reads, "no query per frame");
        times.sort();
        println!(
            "customer table, {CUSTOMERS} customers, {lang:?}: median {:.3} ms, p99 {:.3} ms over {FRAMES} frames",
            times[FRAMES / 2].as_secs_f64() * 1e3,
            times[FRAMES * 99 / 100].as_secs_f64() * 1e3,
        );
    }
}
