//! Helpers shared by the integration tests: running the `ladder` binary,
//! paths, a fixed clock, stores with customers, and the app in an
//! egui_kittest harness with waits for its worker threads.
//!
//! Each file in `tests/` is its own crate and includes this module with
//! `mod common;`; no test uses every helper, so the ones a crate leaves
//! unused would each warn there.
#![allow(dead_code)]

use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::command::Command as Write;
use ladder::domain::customer::CustomerData;
use ladder::store::Store;

// ---------------------------------------------------------------------------
// The command line.

/// The `ladder` binary built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_ladder");

/// Every table `ladder export` writes, in the order of CLI.md (an order in
/// which they import: customers before what refers to them, opportunities
/// before the activities that name them).
pub const TABLES: [&str; 10] = [
    "customers",
    "contacts",
    "transactions",
    "opportunities",
    "activities",
    "complaints",
    "surveys",
    "ac-checks",
    "calendar",
    "churn",
];

/// Runs `ladder` with `args` and returns what it did.
pub fn ladder(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run ladder")
}

/// What a run of `ladder` wrote to stderr.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs a command that must succeed; returns its stdout.
pub fn ok(args: &[&str]) -> String {
    let out = ladder(args);
    assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A temporary path as a command-line argument.
pub fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A new, empty database `name` in `dir` (`ladder init`).
pub fn init(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    ok(&["init", "--db", p(&db)]);
    db
}

/// Writes `text` to the file `csv` and imports it into `db` as customers
/// (`ladder import`, which must succeed); returns what it said.
pub fn import_customers(db: &Path, csv: &Path, text: &str) -> String {
    std::fs::write(csv, text).expect("write");
    ok(&["import", "--db", p(db), "--kind", "customers", "--input", p(csv)])
}

/// A database `name` in `dir` as a Ladder of schema version 1 left it,
/// holding the customer `C-1 张三`: made by `ladder init` and an import, and
/// then the changes of migrations 004, 003 and 002 undone (no backup folder
/// left).
pub fn schema_1_file(dir: &Path, name: &str) -> PathBuf {
    assert_eq!(ladder::store::db::schema_version(), 4, "undo the newer migrations here too");
    let db = init(dir, name);
    import_customers(&db, &dir.join(format!("{name}.csv")), "code,name\nC-1,张三\n");
    std::fs::remove_dir_all(ladder::store::db::backups_dir(&db)).expect("no backups");
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch(
        "ALTER TABLE churn_records DROP COLUMN winback_cost_cents; \
         ALTER TABLE ac_areas DROP COLUMN in_use_since; \
         CREATE INDEX transactions_date ON transactions (date); PRAGMA user_version = 1;",
    )
    .expect("schema 1");
    drop(conn);
    assert_eq!(ladder::store::db::probe(&db).expect("probe").schema_version, 1);
    db
}

/// A fixture file (or folder) in `tests/data/`.
pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

/// The file next to `db` with `suffix` added (`-wal`, `-shm`, `.lock`).
pub fn beside(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The files beside `db` that SQLite or Ladder may create (the lock file,
/// and the holder's pid beside it).
pub fn side_files(db: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", ".lock", ".lock.pid"]
        .iter()
        .map(|suffix| beside(db, suffix))
        .filter(|p| p.exists())
        .collect()
}

/// A `ladder hold` process: holds a database as an open window does, until
/// released.
pub struct Held {
    pub child: Child,
    pub pid: u32,
}

impl Held {
    /// Starts `ladder hold` on `db` and waits until it holds it.
    pub fn start(db: &Path, transaction: bool) -> Self {
        let mut command = Command::new(BIN);
        command.args(["hold", "--db", p(db)]);
        if transaction {
            command.arg("--transaction");
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn ladder hold");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        std::io::BufReader::new(stdout).read_line(&mut line).expect("read");
        let pid = line
            .strip_prefix("holding ")
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("ladder hold said {line:?}"));
        assert_eq!(pid, child.id());
        Self { child, pid }
    }

    /// Lets go (closes its stdin) and waits for it to finish cleanly.
    pub fn release(mut self) {
        drop(self.child.stdin.take());
        let status = self.child.wait().expect("wait");
        assert!(status.success(), "ladder hold ended with {status}");
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        // After a failed assertion: do not leave the process behind.
        if self.child.try_wait().is_ok_and(|done| done.is_none()) {
            let _ignored = self.child.kill();
            let _ignored = self.child.wait();
        }
    }
}

// ---------------------------------------------------------------------------
// Time and stores.

/// A moment, for a clock that does not move.
pub fn datetime(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_opt(hour, minute, 0))
        .expect("valid time")
}

/// "Now" for the app tests: Monday 2026-11-23, 10:00.
pub fn now() -> NaiveDateTime {
    datetime(2026, 11, 23, 10, 0)
}

/// Adds a customer named `name` to `store`, at `now()`.
pub fn add_customer(store: &mut Store, name: &str) {
    store.apply(&Write::CreateCustomer(CustomerData::named(name)), now()).expect("customer");
}

// ---------------------------------------------------------------------------
// The app in an egui_kittest harness.

/// The app on `store` in `lang`, its clock stopped at `now()`, showing the
/// customer library (the start page, Today, has its own tests in
/// `ui_today.rs`).
pub fn app(store: Store, lang: Lang) -> LadderApp {
    let app = LadderApp::with_store(Some(store), lang, Box::new(now));
    app.send(ladder::ui::AppCommand::ShowPanel(ladder::ui::Panel::Customers));
    app
}

/// `app` in a harness of `size` (with the UI fonts), after its first frames.
pub fn harness(app: LadderApp, size: [f32; 2]) -> Harness<'static, LadderApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        // A worker that finishes during `run` asks for one more frame; on a
        // loaded machine that can come late, so `run` may take a few steps
        // more than egui's default 4 before the app is idle.
        .with_max_steps(16)
        .with_context_setup(ladder::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut LadderApp| app.frame(ui), app);
    harness.run();
    harness
}

/// Steps frames, 5 ms apart, while `busy` holds (a worker thread is still
/// at it); fails saying `what` after 30 s.
pub fn step_while(
    harness: &mut Harness<'_, LadderApp>,
    what: &str,
    busy: impl Fn(&Harness<'_, LadderApp>) -> bool,
) {
    let start = Instant::now();
    while busy(harness) {
        assert!(start.elapsed() < Duration::from_secs(30), "{what}");
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
}

/// True when some widget's label contains `text` (the window and the
/// status line may both say it).
pub fn shows(harness: &Harness<'_, LadderApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// Steps frames until `label` shows (the worker thread finished).
pub fn wait_for(harness: &mut Harness<'_, LadderApp>, label: &str) {
    step_while(harness, &format!("{label:?} never showed"), |h| !shows(h, label));
    harness.run_steps(2);
}

/// Steps frames until the background value analysis has finished.
pub fn wait_for_analysis(harness: &mut Harness<'_, LadderApp>) {
    harness.step();
    step_while(harness, "analysis did not finish", |h| {
        h.state().is_analysing() || h.state().cache().analysis.is_none()
    });
    harness.run();
}

/// eframe's storage kept in memory, as a restart would read it from disk.
#[derive(Default)]
pub struct Memory(std::collections::HashMap<String, String>);

impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}
