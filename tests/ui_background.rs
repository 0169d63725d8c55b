//! No frame longer than 50 ms while a million-row value analysis runs in the
//! background: the real app, opened as the window opens it and driven by
//! egui_kittest, on a database with 1,000,000 transactions. The first frame
//! comes before the customer table, which loads on a worker; then, while the
//! analysis worker computes, frames switch panels and scroll the customer
//! table; each frame's wall time is measured with `Instant`, less the time
//! the thread waited for a CPU held by other processes (Linux schedstat
//! `run_delay`). Runs in CI's debug build (dependencies at opt-level 2).

use std::time::{Duration, Instant};

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::store::Store;
use ladder::ui::{AppCommand, Panel, Tr};

const CUSTOMERS: u32 = 50_000;
const TRANSACTIONS: u32 = 1_000_000;
/// The longest frame allowed while the customer table loads and while the
/// analysis runs.
const FRAME_LIMIT: Duration = Duration::from_millis(50);
/// At least this many frames must be drawn while the worker computes.
const MIN_FRAMES_DURING: usize = 20;

/// Writes the customers and the million transactions with SQL inside
/// SQLite (seconds even in a debug build): a Pareto-like skew of customers,
/// two years of dates, amounts from 5 to 2,005 yuan, all deterministic.
fn million_row_db(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("million.db");
    let mut store = Store::create(&path).expect("create");
    let sql = format!(
        "PRAGMA cache_size = -400000; \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {CUSTOMERS}) \
         INSERT INTO customers (id, code, name, grade, ladder_step, created_at, updated_at) \
         SELECT i, printf('C-%06d', i), '客户' || i || ' 贸易有限公司', \
                substr('ABC', 1 + i % 3, 1), \
                CASE i % 6 WHEN 0 THEN 'prospect' WHEN 1 THEN 'customer' WHEN 2 THEN 'client' \
                           WHEN 3 THEN 'supporter' WHEN 4 THEN 'advocate' ELSE 'partner' END, \
                '2024-01-01 09:00:00', '2024-01-01 09:00:00' FROM n; \
         CREATE TEMP TABLE days (k INTEGER PRIMARY KEY, d TEXT NOT NULL); \
         WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 729) \
         INSERT INTO days SELECT k, date('2024-11-01', '+' || k || ' days') FROM n; \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {TRANSACTIONS}), \
              h(x) AS (SELECT (i * 2654435761) % 4294967296 FROM n) \
         INSERT INTO transactions (customer_id, date, amount_cents) \
         SELECT 1 + ((x % {CUSTOMERS}) * (x % {CUSTOMERS})) / {CUSTOMERS}, \
                (SELECT d FROM days WHERE k = (x / 65536) % 730), 500 + (x / 7) % 200000 FROM h; \
         DROP TABLE days; \
         PRAGMA cache_size = -2000;"
    );
    store.in_transaction(|conn| Ok(conn.execute_batch(&sql)?)).expect("insert");
    path
}

/// How long this thread has waited, runnable, for a CPU (Linux schedstat
/// `run_delay`; zero where unknown).
fn run_delay() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

/// One frame: its wall time and the part of it the thread spent waiting for
/// a CPU that other processes held (parallel builds on a 2-core machine).
#[derive(Clone, Copy, Debug)]
struct Frame {
    wall: Duration,
    waiting: Duration,
    panel: Panel,
}

impl Frame {
    /// The frame's own time: wall time less the wait for a CPU.
    fn own(&self) -> Duration {
        self.wall.saturating_sub(self.waiting)
    }
}

/// Steps one frame and measures it.
fn timed_step(harness: &mut Harness<'_, LadderApp>) -> Frame {
    let (delay, start) = (run_delay(), Instant::now());
    harness.step();
    let wall = start.elapsed();
    Frame { wall, waiting: run_delay().saturating_sub(delay), panel: harness.state().panel() }
}

/// Shows `panel` and lets it settle.
fn visit(harness: &mut Harness<'_, LadderApp>, panel: Panel) {
    harness.state().send(AppCommand::ShowPanel(panel));
    harness.run();
}

#[test]
fn no_frame_takes_over_50_ms_while_a_million_row_analysis_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let start = Instant::now();
    let path = million_row_db(&dir);
    let written = start.elapsed();

    // Opened as the window opens it (building the harness runs the first
    // frames): the customer table loads on a worker meanwhile.
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(|cc| LadderApp::new(cc, Some(path)));
    let first = start.elapsed() - written;
    let app = harness.state();
    let reads = app.store().expect("the database is open").reads();
    assert!(app.is_loading_customers(), "the table loads on a worker thread");
    assert!(app.cache().customers.is_empty(), "the first frames came before the rows");
    let loading = Tr::of(app.lang()).loading_customers;
    // The start page is Today, so the status line says so (the table
    // would too, once shown).
    assert_eq!(harness.query_all_by_label_contains(loading).count(), 1, "the status line says so");
    let mut frames: Vec<Frame> = Vec::new();
    while harness.state().is_loading_customers() {
        assert!(start.elapsed() < Duration::from_secs(120), "the customers did not load");
        frames.push(timed_step(&mut harness));
        std::thread::sleep(Duration::from_millis(2));
    }
    let loaded = start.elapsed() - written;
    assert_eq!(harness.state().cache().customers.len(), CUSTOMERS as usize);
    assert_eq!(
        harness.state().store().expect("store").reads(),
        reads,
        "the UI thread ran no query for the rows"
    );
    // The day's list (the start page) is built on its own worker too.
    while harness.state().is_building_today() {
        assert!(start.elapsed() < Duration::from_secs(120), "the day's list was not built");
        frames.push(timed_step(&mut harness));
        std::thread::sleep(Duration::from_millis(2));
    }
    harness.run();
    // Each panel derives its views once per data change: visit them first,
    // as a user would have, so the frames below show the steady state.
    for panel in [Panel::Pipeline, Panel::Settings, Panel::Customers] {
        visit(&mut harness, panel);
    }
    let ready = start.elapsed();

    // Showing the value panel starts the analysis on its worker thread.
    harness.state().send(AppCommand::ShowPanel(Panel::Value));
    let mut progress_seen: Vec<f32> = Vec::new();
    // (Not the compliance panel: its check would start a second worker and,
    // with the analysis, take both cores of the CI machine from the frames.)
    let cycle = [Panel::Value, Panel::Customers, Panel::Pipeline, Panel::Settings];
    let analysis_start = Instant::now();
    let mut i = 0usize;
    let before = frames.len();
    frames.push(timed_step(&mut harness));
    assert!(harness.state().is_analysing(), "the analysis runs on a worker thread");
    while harness.state().is_analysing() {
        assert!(analysis_start.elapsed() < Duration::from_secs(240), "the analysis did not finish");
        i += 1;
        if i.is_multiple_of(8) {
            let panel = cycle[(i / 8) % cycle.len()];
            harness.state().send(AppCommand::ShowPanel(panel));
        }
        if harness.state().panel() == Panel::Customers {
            // Scroll the customer table by a few rows.
            harness.hover_at(egui::pos2(700.0, 400.0));
            harness.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -120.0),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::NONE,
            });
        }
        frames.push(timed_step(&mut harness));
        if let Some(done) = harness.state().cache().analysis_progress {
            progress_seen.push(done);
        }
        // A short pause between frames, as when the window waits for input.
        std::thread::sleep(Duration::from_millis(2));
    }
    let drawn_during = frames.len() - before;
    let analysis_time = analysis_start.elapsed();
    // The result arrives with the chart data the worker derived from it.
    harness.state().send(AppCommand::ShowPanel(Panel::Value));
    for _ in 0..5 {
        frames.push(timed_step(&mut harness));
    }

    let analysis = harness.state().cache().analysis.clone().expect("the analysis finished");
    assert_eq!(analysis.transactions, u64::from(TRANSACTIONS), "every row was analysed");
    assert!(!analysis.customers.is_empty());
    assert!(
        progress_seen.iter().any(|p| *p > 0.0 && *p < 1.0),
        "progress between 0 and 1 was seen while frames were drawn: {progress_seen:?}"
    );
    assert!(
        drawn_during >= MIN_FRAMES_DURING,
        "only {drawn_during} frames were drawn while the analysis ran ({analysis_time:?})"
    );
    let mut walls: Vec<Duration> = frames.iter().map(|f| f.wall).collect();
    walls.sort();
    let mut worst = frames.clone();
    worst.sort_by_key(|f| std::cmp::Reverse(f.own()));
    worst.truncate(5);
    eprintln!(
        "data {written:?}, first frames {first:?}, customer rows on the worker {loaded:?}, \
         app ready {ready:?}; analysis {analysis_time:?} with {drawn_during} frames drawn \
         meanwhile; {} frames: median {:?}, slowest wall {:?}; slowest five: {worst:?}",
        frames.len(),
        walls[walls.len() / 2],
        walls[walls.len() - 1],
    );
    // Time the thread waited for a CPU other processes held is not the
    // frame's own: everything else (drawing, queries, locks, I/O) counts.
    let slowest = worst[0];
    assert!(
        slowest.own() < FRAME_LIMIT,
        "a frame of the {:?} panel took {:?} ({:?} of it waiting for a CPU)",
        slowest.panel,
        slowest.wall,
        slowest.waiting
    );
}
