//! Frame time of every panel and sub-view with 100,000 customers and
//! 1,000,000 transactions, driven through the real app with egui_kittest
//! (layout, accessibility tree and tessellation input; no GPU).
//!
//! `cargo bench --bench panels -- [DB] [FRAMES] [today]`. The database (default
//! `target/bench-data/panels/c100000-tx1000000.db`) is written on first use:
//! the demo company (300 customers with opportunities, activities,
//! complaints, surveys and a season of AC checks) plus 99,700 more customers
//! and their sales up to 1,000,000 transactions, deterministically.
//!
//! For each view it waits for the background jobs (value analysis,
//! compliance check), warms up, then steps FRAMES frames (default 200) and
//! prints the median, p99 and maximum of the wall time and of the UI
//! thread's CPU time per frame, and checks that no query ran while drawing.
//! The Today panel (the start page) comes first; a third argument `today`
//! measures it alone.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate, NaiveDateTime};
use egui_kittest::Harness;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::customer::{CustomerData, CustomerId};
use ladder::domain::demo::{DemoOptions, generate};
use ladder::domain::records::{NewCustomer, Transaction};
use ladder::domain::terms::{Grade, LadderStep};
use ladder::store::{Store, bulk};
use ladder::ui::{AppCommand, Panel, compliance, pipeline, value};

const CUSTOMERS: usize = 100_000;
const TRANSACTIONS: usize = 1_000_000;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(10, 0, 0)).expect("time")
}

/// Writes the benchmark database: the demo company plus customers and sales
/// up to `CUSTOMERS` / `TRANSACTIONS`.
fn write_database(path: &Path) {
    let start = Instant::now();
    let demo = generate(&DemoOptions::default());
    let first_extra = demo.customers.len() + 1;
    let created = now() - Days::days(800);
    let extra: Vec<NewCustomer> = (first_extra..=CUSTOMERS)
        .map(|i| {
            let mut data = CustomerData::named(format!("客户{i} 商贸有限公司"));
            data.ladder_step = LadderStep::ALL[i % LadderStep::ALL.len()];
            data.grade = Some(Grade::ALL[i % Grade::ALL.len()]);
            data.phone = format!("139{i:08}");
            NewCustomer {
                id: CustomerId(i64::try_from(i).expect("fits")),
                code: format!("C-{i:06}"),
                data,
                created_at: created,
            }
        })
        .collect();
    let first_day = NaiveDate::from_ymd_opt(2024, 11, 1).expect("date");
    let mut rng = common::Rng(20_261_123);
    let wanted = TRANSACTIONS - demo.transactions.len();
    let sales: Vec<Transaction> =
        (0..wanted).map(|_| common::sale(&mut rng, CUSTOMERS, first_day)).collect();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create the data directory");
    }
    let partial = path.with_extension("partial");
    let _ignored = std::fs::remove_file(&partial);
    let mut store = Store::create(&partial).expect("create the database");
    store
        .in_transaction(|conn| {
            bulk::write_demo(conn, &demo)?;
            bulk::insert_customers(conn, &extra)?;
            Ok(bulk::insert_transactions(conn, &sales)?)
        })
        .expect("insert");
    drop(store);
    std::fs::rename(&partial, path).expect("rename");
    println!(
        "wrote {} ({CUSTOMERS} customers, {TRANSACTIONS} transactions) in {:.1} s",
        path.display(),
        start.elapsed().as_secs_f64()
    );
}

/// CPU time the calling thread has used (Linux `schedstat`), if readable.
fn thread_cpu() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}

/// Steps frames until no background job runs and the analysis (if the value
/// panel is shown) or the compliance view (if that panel is shown) is there.
/// Returns the time of the first frame (the one that switched the view and
/// derived what it shows) and the whole wait.
fn settle(harness: &mut Harness<'_, LadderApp>) -> (Duration, Duration) {
    let start = Instant::now();
    let mut first = None;
    loop {
        let t0 = Instant::now();
        harness.step();
        first.get_or_insert(t0.elapsed());
        let app = harness.state();
        let waiting = app.is_analysing()
            || app.is_checking()
            || (app.panel() == Panel::Value && app.cache().analysis.is_none())
            || (app.panel() == Panel::Compliance && app.cache().compliance.is_none());
        if !waiting {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(300), "background job did not finish");
        std::thread::sleep(Duration::from_millis(2));
    }
    (first.unwrap_or_default(), start.elapsed())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Steps `frames` frames and prints one line of statistics for `view`
/// (`first`: the frame that switched to it); returns the median wall time.
fn measure(
    harness: &mut Harness<'_, LadderApp>,
    view: &str,
    first: Duration,
    frames: usize,
) -> f64 {
    for _ in 0..10 {
        harness.step();
    }
    let reads = harness.state().store().map(Store::reads);
    let mut wall = Vec::with_capacity(frames);
    let cpu_start = thread_cpu();
    for _ in 0..frames {
        let t0 = Instant::now();
        harness.step();
        wall.push(t0.elapsed());
    }
    // The scheduler's CPU clock ticks in milliseconds here: total over all frames.
    let cpu = cpu_start.zip(thread_cpu()).map(|(a, b)| b.saturating_sub(a));
    assert_eq!(harness.state().store().map(Store::reads), reads, "{view}: a query ran per frame");
    wall.sort();
    let pick = |q: usize| wall.get(wall.len() * q / 100).copied().unwrap_or_default();
    #[allow(clippy::cast_precision_loss)] // Frame counts are small.
    let cpu_mean = cpu.map_or(f64::NAN, |c| ms(c) / frames as f64);
    println!(
        "{view:<30} {:>8.3} {:>8.3} {:>8.3} {:>9.3} {:>9.1}",
        ms(pick(50)),
        ms(pick(99)),
        ms(wall.last().copied().unwrap_or_default()),
        cpu_mean,
        ms(first),
    );
    ms(pick(50))
}

/// Frames of the customer table while the mouse wheel scrolls it.
fn measure_scrolling(harness: &mut Harness<'_, LadderApp>, frames: usize) {
    let mut wall = Vec::with_capacity(frames);
    harness.hover_at(egui::pos2(700.0, 400.0));
    for _ in 0..frames {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -90.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        let t0 = Instant::now();
        harness.step();
        wall.push(t0.elapsed());
    }
    wall.sort();
    let pick = |q: usize| ms(wall.get(wall.len() * q / 100).copied().unwrap_or_default());
    println!(
        "{:<30} {:>8.3} {:>8.3} {:>8.3}",
        "customers: scrolling",
        pick(50),
        pick(99),
        ms(wall.last().copied().unwrap_or_default())
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let db = args.first().map_or_else(
        || PathBuf::from("target/bench-data/panels/c100000-tx1000000.db"),
        PathBuf::from,
    );
    let frames: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    if !db.exists() {
        write_database(&db);
    }

    let start = Instant::now();
    let store = Store::open(&db, now()).expect("open");
    // What the first frame spends building the day's list in place.
    let settings = store.settings().expect("settings");
    let t0 = Instant::now();
    store.today(&settings, now()).expect("the day's list");
    let today_built = t0.elapsed();
    let start = start + today_built;
    let opened = start.elapsed();
    let app = LadderApp::with_store(Some(store), Lang::Zh, Box::new(now));
    let loaded = start.elapsed();
    let customers = app.cache().customers.len();
    // Building the harness runs the first frame (the table view is derived).
    let t0 = Instant::now();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(ladder::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut LadderApp| app.frame(ui), app);
    let first_frame = t0.elapsed();
    println!(
        "{}: {customers} live customers; open {:.0} ms, customer rows {:.0} ms, \
         first frame (the day's list built and drawn) {:.1} ms",
        db.display(),
        ms(opened),
        ms(loaded - opened),
        ms(first_frame),
    );
    println!(
        "{:<30} {:>8} {:>8} {:>8} {:>9} {:>9}   (ms; {frames} frames, 1280×800, 中文)",
        "view", "median", "p99", "max", "cpu mean", "switch"
    );

    let mut worst: (f64, String) = (0.0, String::new());
    let mut view = |harness: &mut Harness<'_, LadderApp>, name: &str| {
        let (first, _) = settle(harness);
        let median = measure(harness, name, first, frames);
        if median > worst.0 {
            worst = (median, name.to_owned());
        }
    };

    // The start page: the day's list was built in place by the first
    // frame (the window builds it on a worker).
    harness.state().send(AppCommand::ShowPanel(Panel::Today));
    let items = harness.state().cache().today.as_ref().map_or(0, |l| l.items.len());
    println!("  (the day's list: {items} items, built in place in {:.0} ms)", ms(today_built));
    view(&mut harness, "today");
    if args.get(2).is_some_and(|a| a == "today") {
        return;
    }

    harness.state().send(AppCommand::ShowPanel(Panel::Customers));
    view(&mut harness, "customers: table");
    measure_scrolling(&mut harness, frames);
    harness.state().send(AppCommand::Select(CustomerId(1)));
    view(&mut harness, "customers: table + form");
    harness.state().send(AppCommand::Deselect);

    harness.state().send(AppCommand::ShowPanel(Panel::Pipeline));
    for (tab, name) in [
        (pipeline::Tab::Ladder, "pipeline: ladder board"),
        (pipeline::Tab::Board, "pipeline: opportunity board"),
        (pipeline::Tab::List, "pipeline: opportunity list"),
        (pipeline::Tab::Activities, "pipeline: activities"),
        (pipeline::Tab::Churn, "pipeline: churn"),
        (pipeline::Tab::Proposals, "pipeline: proposals"),
    ] {
        harness.state_mut().pipeline_panel().set_tab(tab);
        if tab == pipeline::Tab::Activities {
            harness.state().send(AppCommand::ShowActivities(CustomerId(1)));
        }
        view(&mut harness, name);
    }

    harness.state().send(AppCommand::ShowPanel(Panel::Value));
    let (_, analysed) = settle(&mut harness);
    println!("  (value analysis on its worker: {:.2} s)", analysed.as_secs_f64());
    for (tab, name) in [
        (value::Tab::Rfm, "value: RFM"),
        (value::Tab::Pareto, "value: 80/20"),
        (value::Tab::Tiers, "value: four tiers"),
        (value::Tab::Clv, "value: lifetime value"),
        (value::Tab::Loyalty, "value: loyalty ladder"),
        (value::Tab::Satisfaction, "value: satisfaction"),
    ] {
        harness.state_mut().value_panel().set_tab(tab);
        view(&mut harness, name);
    }

    harness.state().send(AppCommand::ShowPanel(Panel::Compliance));
    let (_, checked) = settle(&mut harness);
    println!("  (compliance check on its worker: {:.2} s)", checked.as_secs_f64());
    for (tab, name) in [
        (compliance::Tab::Findings, "compliance: findings"),
        (compliance::Tab::AcSheet, "compliance: AC check sheet"),
        (compliance::Tab::Ledger, "compliance: complaint ledger"),
        (compliance::Tab::Rules, "compliance: rules"),
    ] {
        harness.state_mut().compliance_panel().set_tab(tab);
        view(&mut harness, name);
    }

    harness.state().send(AppCommand::ShowPanel(Panel::Settings));
    view(&mut harness, "settings");
    println!("slowest median frame: {:.3} ms ({}); target <= 2 ms", worst.0, worst.1);
}
