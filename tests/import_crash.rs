//! Crash safety of `ladder import` (issue 7, point 3): an import of a large
//! transactions file is killed with SIGKILL at 20 moments chosen by a fixed
//! seed; after each, `ladder check-db` says ok and the database holds either
//! all of the file's rows or none of them. Most kills must have hit a
//! running import (not one that had already finished), or the test proved
//! nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::time::{Duration, Instant};

mod common;
use common::{beside, init, ladder, ok, p};

/// Rows in the transactions file: a debug build imports them in about two
/// seconds on the 2-core machine.
const ROWS: usize = 300_000;
const CUSTOMERS: usize = 1_000;
const KILLS: usize = 20;

/// A small deterministic generator (Knuth's MMIX LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 11
    }

    /// A fraction in [0, 1).
    fn fraction(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)] // 53 bits fit an f64 exactly.
        let f = self.next() as f64 / (1u64 << 53) as f64;
        f
    }
}

/// Writes the customers and the transactions files (deterministic).
fn write_files(dir: &Path) -> (PathBuf, PathBuf) {
    use std::fmt::Write as _;
    let customers = dir.join("customers.csv");
    let mut text = String::from("code,name\n");
    for i in 1..=CUSTOMERS {
        writeln!(text, "C-{i:06},客户{i}").expect("write");
    }
    std::fs::write(&customers, text).expect("write");
    let sales = dir.join("sales.csv");
    let mut rng = Lcg(2026);
    let mut text = String::with_capacity(ROWS * 56);
    text.push_str("customer_code,date,amount,order_no,product,quantity\n");
    for i in 0..ROWS {
        let customer = 1 + rng.next() % CUSTOMERS as u64;
        let (month, day) = (1 + i % 12, 1 + rng.next() % 28);
        let cents = rng.next() % 10_000_000;
        writeln!(
            text,
            "C-{customer:06},2025-{month:02}-{day:02},{}.{:02},SO-{i:07},办公用品,{}",
            cents / 100,
            cents % 100,
            1 + i % 5
        )
        .expect("write");
    }
    std::fs::write(&sales, text).expect("write");
    (customers, sales)
}

/// How many transactions the database holds (read-only).
fn transactions(db: &Path) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open");
    conn.query_row("SELECT count(*) FROM transactions", [], |r| r.get(0)).expect("count")
}

/// True when the kill ended the process (it was still running), false when
/// it had exited by itself before.
fn killed(status: ExitStatus) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        status.signal() == Some(9)
    }
    #[cfg(not(unix))]
    {
        !status.success()
    }
}

/// Puts the database back to `base`: its file, no WAL, no backups.
fn reset(base: &Path, db: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(beside(db, suffix));
    }
    let _ = std::fs::remove_dir_all(db.with_extension("backups"));
    std::fs::copy(base, db).expect("copy");
}

#[test]
fn an_import_killed_at_any_moment_leaves_all_rows_or_none() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("tempdir");
    let (customers, sales) = write_files(dir.path());
    let base = init(dir.path(), "base.db");
    ok(&["import", "--db", p(&base), "--kind", "customers", "--input", p(&customers)]);
    let _ = std::fs::remove_dir_all(base.with_extension("backups"));
    let db = dir.path().join("d.db");
    let import = ["import", "--db", p(&db), "--kind", "transactions", "--input", p(&sales)];

    // Imports to the end: the new count, and how long an import takes at
    // the least (the shorter of two, so that a run slowed by other work on
    // the machine does not put the kills after the end).
    let mut full = Duration::MAX;
    let mut counts = (0, 0);
    for _ in 0..2 {
        reset(&base, &db);
        let old = transactions(&db);
        let clock = Instant::now();
        let said = ok(&import);
        full = full.min(clock.elapsed());
        assert!(said.contains(&format!("imported {ROWS} rows")), "{said}");
        counts = (old, transactions(&db));
    }
    let (old, new) = counts;
    assert_eq!(new, old + i64::try_from(ROWS).expect("small"));

    reset(&base, &db);
    let mut rng = Lcg(7);
    let (mut none, mut all, mut running) = (0, 0, 0);
    for kill in 0..KILLS {
        // From just after the start to the end of a whole run, so that some
        // kills land while the rows are read, the indexes are built, the
        // backup is written or the rows are committed.
        let after = full.mul_f64(0.02 + 1.03 * rng.fraction());
        let mut child = Command::new(common::BIN)
            .args(import)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("run ladder");
        std::thread::sleep(after);
        // SIGKILL; an import that already ended is simply reaped.
        let _ = child.kill();
        let status = child.wait().expect("wait");
        let hit = killed(status);
        if hit {
            running += 1;
        } else {
            assert!(status.success(), "kill {kill}: the import ended by itself with {status}");
        }

        let out = ladder(&["check-db", "--db", p(&db)]);
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && said.trim() == "ok",
            "kill {kill} after {after:?}: check-db said {said} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let count = transactions(&db);
        if !hit {
            assert_eq!(count, new, "kill {kill}: the import had finished");
        }
        if count == old {
            // Nothing was written: go on from this (recovered) database.
            none += 1;
        } else {
            assert_eq!(count, new, "kill {kill} after {after:?}: a part of the rows");
            all += 1;
            reset(&base, &db);
        }
    }
    eprintln!(
        "{KILLS} kills over a {full:?} import: {running} hit it running, {none} left nothing, \
         {all} left every row; {:?} in all",
        started.elapsed()
    );
    // Kills after the end prove nothing: most must have hit a running
    // import (a busier machine only makes the import slower, and more hit).
    assert!(
        running * 2 > KILLS,
        "only {running} of {KILLS} kills hit a running import of {full:?}"
    );
}
