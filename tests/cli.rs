//! The command line as users and scripts see it (../shared/CLI.md).

use std::path::{Path, PathBuf};

mod common;
use common::{ladder, ok, p, schema_1_file, side_files};

/// A demo database written once per test into its own temp dir.
fn demo(dir: &Path, name: &str, seed: &str) -> PathBuf {
    let out = dir.join(name);
    ok(&["demo", "--out", p(&out), "--seed", seed]);
    out
}

#[test]
fn demo_then_customers_lists_at_least_300_and_is_deterministic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = demo(dir.path(), "a.db", "7");
    let b = demo(dir.path(), "b.db", "7");
    let list_a = ladder(&["customers", "--db", p(&a)]);
    let list_b = ladder(&["customers", "--db", p(&b)]);
    assert!(list_a.status.success());
    let text = String::from_utf8(list_a.stdout.clone()).expect("utf-8 csv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "code,name,kind,industry,source,grade,phone,email,address,credit_rating,ladder_step,notes"
        )
    );
    assert!(lines.count() >= 300, "at least 300 customers");
    assert!(list_a.stdout == list_b.stdout, "same seed, same output");

    let c = demo(dir.path(), "c.db", "8");
    let list_c = ladder(&["customers", "--db", p(&c)]);
    assert!(list_a.stdout != list_c.stdout, "another seed, another company");
}

#[test]
fn demo_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let existing = dir.path().join("x.db");
    std::fs::write(&existing, b"keep me").expect("write");
    let result = ladder(&["demo", "--out", p(&existing)]);
    assert_eq!(result.status.code(), Some(1));
    assert_eq!(std::fs::read(&existing).expect("read"), b"keep me");
    assert!(String::from_utf8_lossy(&result.stderr).contains("already exists"));
}

#[test]
fn init_creates_an_empty_database_that_checks_ok() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("new.db");
    assert!(ladder(&["init", "--db", p(&db)]).status.success());
    let check = ladder(&["check-db", "--db", p(&db)]);
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&check.stdout).trim(), "ok");
    let list = ladder(&["customers", "--db", p(&db)]);
    assert_eq!(String::from_utf8_lossy(&list.stdout).lines().count(), 1, "header only");
    assert_eq!(ladder(&["init", "--db", p(&db)]).status.code(), Some(1));
}

/// Runs `check-db` on a file that must be refused: exit 1, one line on
/// stderr containing `expect`, and the file byte-identical afterwards.
fn assert_refused(path: &Path, expect: &str) {
    let before = std::fs::read(path).expect("read before");
    let result = ladder(&["check-db", "--db", p(path)]);
    assert_eq!(result.status.code(), Some(1), "{}", path.display());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(expect), "{stderr:?} should say {expect:?}");
    assert!(result.stdout.is_empty());
    assert_eq!(std::fs::read(path).expect("read after"), before, "file unchanged");
    // Every command that opens a database refuses it the same way.
    let list = ladder(&["customers", "--db", p(path)]);
    assert_eq!(list.status.code(), Some(1));
    assert_eq!(std::fs::read(path).expect("read after"), before, "file unchanged");
}

#[test]
fn check_db_accepts_the_demo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "d.db", "7");
    let result = ladder(&["check-db", "--db", p(&db)]);
    assert_eq!(result.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&result.stdout), "ok\n");
}

#[test]
fn check_db_refuses_an_empty_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").expect("write");
    assert_refused(&path, "empty (0 bytes)");
}

#[test]
fn check_db_refuses_a_text_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "客户,金额\n张三,100\n").expect("write");
    assert_refused(&path, "a text file");
}

#[test]
fn check_db_refuses_a_truncated_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "d.db", "7");
    let bytes = std::fs::read(&db).expect("read");
    let path = dir.path().join("truncated.db");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("write");
    assert_refused(&path, "truncated");
}

/// A log beside a truncated file does not excuse it unless it can hold the
/// missing pages: a small log of this file, or bytes that are not a log.
#[test]
fn check_db_refuses_a_truncated_copy_whatever_log_lies_beside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "d.db", "7");
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch(
        "PRAGMA wal_autocheckpoint = 0; \
         UPDATE customers SET notes = 'x' WHERE id = 1;",
    )
    .expect("a small change");
    let bytes = std::fs::read(&db).expect("read");
    let small_log = std::fs::read(common::beside(&db, "-wal")).expect("wal");
    drop(conn);
    assert!(small_log.len() > 32 && small_log.len() < bytes.len() / 4, "{}", small_log.len());
    let noise: Vec<u8> = (0..bytes.len()).map(|i| (i * 7919 % 251) as u8).collect();
    for (name, log) in [("small-log.db", small_log), ("not-a-log.db", noise)] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("write");
        std::fs::write(common::beside(&path, "-wal"), &log).expect("write log");
        assert_refused(&path, "truncated");
        let after = std::fs::read(common::beside(&path, "-wal")).expect("log kept");
        assert!(after == log, "{name}: the log is left as it was");
    }
}

/// The state a crash half-way through a checkpoint leaves: the log holds
/// committed pages beyond the end of the file, and page 1 (the first a
/// checkpoint copies) already has the new page count.
#[test]
#[cfg_attr(
    windows,
    ignore = "Windows cannot fs::copy a database a connection holds open (locked byte ranges)"
)]
fn check_db_accepts_a_file_caught_half_way_through_a_checkpoint() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "d.db", "7");
    let before = std::fs::metadata(&db).expect("size").len();
    let conn = rusqlite::Connection::open(&db).expect("open");
    let count = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM transactions", [], |r| r.get(0)).expect("count")
    };
    let old = count(&conn);
    conn.execute_batch(
        "PRAGMA wal_autocheckpoint = 0; \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) \
         INSERT INTO transactions (customer_id, date, amount_cents) \
         SELECT 1, '2026-01-01', i FROM n;",
    )
    .expect("insert");
    // The committed state as a crash leaves it: the file and its log, copied
    // before this connection's checkpoint.
    let crashed = dir.path().join("crashed.db");
    std::fs::copy(&db, &crashed).expect("copy");
    let wal = std::fs::read(common::beside(&db, "-wal")).expect("wal");
    drop(conn);
    assert_eq!(std::fs::metadata(&crashed).expect("size").len(), before, "nothing copied back");
    // Page 1 from its last frame in the log (frames: a 24-byte header whose
    // first 4 bytes are the page number, then the page).
    let page_size = usize::from(u16::from_be_bytes([wal[10], wal[11]]));
    let page1 = wal[32..]
        .chunks_exact(24 + page_size)
        .rfind(|frame| frame[..4] == 1u32.to_be_bytes())
        .map(|frame| frame[24..].to_vec())
        .expect("page 1 is in the log");
    let mut bytes = std::fs::read(&crashed).expect("read");
    bytes[..page_size].copy_from_slice(&page1);
    std::fs::write(&crashed, &bytes).expect("write");
    std::fs::write(common::beside(&crashed, "-wal"), &wal).expect("write wal");
    let pages = u64::from(u32::from_be_bytes([page1[28], page1[29], page1[30], page1[31]]));
    assert!(pages * page_size as u64 > before, "the header promises more than the file has");

    assert_eq!(ok(&["check-db", "--db", p(&crashed)]).trim(), "ok");
    let conn = rusqlite::Connection::open(&crashed).expect("open");
    assert_eq!(count(&conn), old + 20_000, "the rows in the log are there");
}

#[test]
fn check_db_refuses_a_database_of_another_program() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hi');")
        .expect("create");
    drop(conn);
    assert_refused(&path, "made by another program");
}

#[test]
fn check_db_refuses_a_newer_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("newer.db");
    assert!(ladder(&["init", "--db", p(&db)]).status.success());
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.pragma_update(None, "user_version", 99).expect("bump version");
    drop(conn);
    assert_refused(&db, "newer version of Ladder");
}

#[test]
fn check_db_refuses_a_missing_file_without_creating_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nothing.db");
    let result = ladder(&["check-db", "--db", p(&path)]);
    assert_eq!(result.status.code(), Some(1));
    assert!(!path.exists());
}

#[test]
fn backup_writes_a_copy_that_checks_ok() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "d.db", "7");
    let copy = dir.path().join("copy.db");
    let result = ladder(&["backup", "--db", p(&db), "--out", p(&copy)]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert_eq!(ladder(&["check-db", "--db", p(&copy)]).status.code(), Some(0));
    let a = ladder(&["customers", "--db", p(&db)]).stdout;
    let b = ladder(&["customers", "--db", p(&copy)]).stdout;
    assert!(a == b, "the copy lists the same customers");
    // Refuses to overwrite.
    let again = ladder(&["backup", "--db", p(&db), "--out", p(&copy)]);
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(ladder(&["no-such-command"]).status.code(), Some(2));
    assert_eq!(ladder(&["demo"]).status.code(), Some(2), "--out is required");
    let help = ladder(&["--help"]);
    assert!(help.status.success());
    for sub in ["init", "demo", "check-db", "backup", "customers"] {
        assert!(String::from_utf8_lossy(&help.stdout).contains(sub), "{sub} in help");
    }
}

#[test]
fn reading_commands_read_an_older_schema_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = schema_1_file(dir.path(), "old.db");
    let bytes = std::fs::read(&db).expect("read");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let copy = out.join("copy.db");
    let export = out.join("customers.csv");
    let reads: [&[&str]; 6] = [
        &["customers", "--db", p(&db)],
        &["export", "--db", p(&db), "--table", "customers", "--out", p(&export)],
        &["backup", "--db", p(&db), "--out", p(&copy)],
        &["report", "--db", p(&db), "summary"],
        &["check", "--db", p(&db)],
        &["check-db", "--db", p(&db)],
    ];
    for args in reads {
        let said = ok(args);
        if args[0] == "customers" {
            assert!(said.contains("C-1,张三"), "{said}");
        }
        assert!(std::fs::read(&db).expect("read") == bytes, "{args:?} changed the file");
        assert_eq!(side_files(&db), Vec::<PathBuf>::new(), "{args:?}: no lock, no -wal");
        let backups = ladder::store::db::backups_dir(&db);
        assert!(!backups.exists(), "{args:?} wrote a migration backup");
    }
    assert!(std::fs::read_to_string(&export).expect("export").contains("张三,C-1"));
    let version = ladder::store::db::probe(&copy).expect("a Ladder file").schema_version;
    assert_eq!(version, 1, "the backup is a copy of the file as it is");
}
