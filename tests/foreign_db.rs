//! Foreign and damaged databases from the command line: zero-byte and
//! newer-schema files, read-only files and folders, a file another Ladder
//! process holds, another program's write transaction, and a file with a
//! missing table or column. Each gives a clear message (exit 1) for the
//! commands that cannot use it, readers work where they can, and the file
//! stays byte-identical with no side files left beside it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::{Held, beside, init, ladder, ok, p, side_files, stderr};

/// Runs a command that must be refused with exit 1 and a message that
/// contains every one of `says`; returns the message.
fn refused(args: &[&str], says: &[&str]) -> String {
    let out = ladder(args);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{args:?} should be refused: {message}");
    for s in says {
        assert!(message.contains(s), "{args:?}: {message:?} should say {s:?}");
    }
    message
}

/// A small demo company database in `dir`.
fn demo(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    ok(&["demo", "--out", p(&db), "--customers", "40", "--years", "1"]);
    db
}

/// A customers file that imports cleanly into the demo.
fn customers_csv(dir: &Path) -> PathBuf {
    let path = dir.join("new.csv");
    std::fs::write(&path, "name,code\n新客户,N-1\n").expect("write");
    path
}

/// Every command that needs the database, with what it does to it.
fn commands<'a>(db: &'a str, input: &'a str, out: &'a Path) -> Vec<(Vec<String>, bool)> {
    let out = |name: &str| out.join(name).to_string_lossy().into_owned();
    let v = |args: &[&str]| args.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    vec![
        (v(&["check-db", "--db", db]), false),
        (v(&["customers", "--db", db]), false),
        (v(&["report", "--db", db, "summary"]), false),
        (v(&["check", "--db", db]), false),
        (v(&["export", "--db", db, "--table", "customers", "--out", &out("c.csv")]), false),
        (v(&["backup", "--db", db, "--out", &out("copy.db")]), false),
        (v(&["import", "--db", db, "--kind", "customers", "--input", input]), true),
    ]
}

#[test]
fn zero_byte_and_newer_schema_files_are_refused_by_every_command_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("write");
    let newer = init(dir.path(), "newer.db");
    rusqlite::Connection::open(&newer)
        .and_then(|c| c.pragma_update(None, "user_version", 42))
        .expect("bump the schema version");
    let input = customers_csv(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    for (db, says) in [(&empty, "empty (0 bytes)"), (&newer, "newer version of Ladder")] {
        let before = std::fs::read(db).expect("read");
        for (args, _) in commands(p(db), p(&input), &out) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            refused(&args, &[p(db), says]);
            assert_eq!(std::fs::read(db).expect("read"), before, "{args:?} changed the file");
            assert_eq!(side_files(db), Vec::<PathBuf>::new(), "{args:?} left files beside it");
        }
        assert_eq!(std::fs::read_dir(&out).expect("list").count(), 0, "no output written");
    }
}

/// Makes a file or folder read-only by its permission bits (which is what
/// Ladder judges, so this holds when the tests run as root) and back.
fn set_read_only(path: &Path, read_only: bool) {
    let mut perms = std::fs::metadata(path).expect("metadata").permissions();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = path.is_dir();
        perms.set_mode(match (read_only, dir) {
            (true, true) => 0o555,
            (true, false) => 0o444,
            (false, true) => 0o755,
            (false, false) => 0o644,
        });
    }
    #[cfg(not(unix))]
    perms.set_readonly(read_only);
    std::fs::set_permissions(path, perms).expect("chmod");
}

#[test]
fn a_read_only_file_is_read_by_every_reading_command_and_never_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "ro.db");
    let input = customers_csv(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let summary = ok(&["report", "--db", p(&db), "summary"]);
    set_read_only(&db, true);
    let before = std::fs::read(&db).expect("read");
    for (args, writes) in commands(p(&db), p(&input), &out) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        if writes {
            refused(&args, &[p(&db), "read-only", "nothing can be written"]);
        } else {
            ok(&args);
        }
        assert_eq!(std::fs::read(&db).expect("read"), before, "{args:?} changed the file");
        assert_eq!(side_files(&db), Vec::<PathBuf>::new(), "{args:?} left files beside it");
    }
    assert_eq!(ok(&["report", "--db", p(&db), "summary"]), summary, "same figures read-only");
    assert_eq!(ok(&["check-db", "--db", p(&db)]).trim(), "ok");
    set_read_only(&db, false);
}

#[test]
#[cfg_attr(
    windows,
    ignore = "Windows' read-only attribute on a folder does not stop new files in it"
)]
fn a_file_in_a_read_only_folder_is_read_without_creating_wal_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).expect("mkdir");
    let db = demo(&folder, "office.db");
    let input = customers_csv(dir.path());
    set_read_only(&folder, true);
    let before = std::fs::read(&db).expect("read");
    let summary = ladder(&["report", "--db", p(&db), "summary"]);
    let customers = ladder(&["customers", "--db", p(&db)]);
    let import = ladder(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&input)]);
    let listed: Vec<_> = std::fs::read_dir(&folder).expect("list").flatten().collect();
    set_read_only(&folder, false);
    assert!(summary.status.success(), "{}", stderr(&summary));
    assert_eq!(String::from_utf8_lossy(&customers.stdout).lines().count(), 41);
    assert_eq!(import.status.code(), Some(1));
    assert!(stderr(&import).contains("folder of the file is read-only"), "{}", stderr(&import));
    assert_eq!(listed.len(), 1, "nothing beside the database: {listed:?}");
    assert_eq!(std::fs::read(&db).expect("read"), before);
}

#[test]
#[cfg_attr(windows, ignore = "Windows cannot delete the -shm file a connection holds open")]
fn a_read_only_file_with_changes_still_in_its_wal_is_read_or_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "crashed.db");
    // A writer that never closes (as after a crash): its change stays in
    // the -wal file, indexed by the -shm file.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.pragma_update(None, "wal_autocheckpoint", 0).expect("no checkpoint");
    conn.execute("UPDATE customers SET name = '改过的名字' WHERE id = 1", []).expect("update");
    std::mem::forget(conn);
    set_read_only(&db, true);
    let wal_files = side_files(&db);
    assert_eq!(wal_files.len(), 2, "-wal and -shm");
    let listed = ok(&["customers", "--db", p(&db)]);
    assert!(listed.contains("改过的名字"), "the change in the -wal is read");

    // Without the -shm index the -wal cannot be read without writing.
    std::fs::remove_file(beside(&db, "-shm")).expect("remove -shm");
    let before = std::fs::read(&db).expect("read");
    refused(&["customers", "--db", p(&db)], &["read-only", "-wal", "make it writable"]);
    refused(&["check-db", "--db", p(&db)], &["-wal"]);
    assert_eq!(std::fs::read(&db).expect("read"), before);
    assert_eq!(side_files(&db).len(), 1, "no -shm made");
    set_read_only(&db, false);
}

#[test]
fn a_file_another_ladder_holds_refuses_writers_and_serves_readers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "shared.db");
    let input = customers_csv(dir.path());
    let held = Held::start(&db, false);
    let pid = held.pid.to_string();
    let before = std::fs::read(&db).expect("read");
    refused(
        &["import", "--db", p(&db), "--kind", "customers", "--input", p(&input)],
        &[p(&db), "open in another Ladder window", &pid, "nothing was written"],
    );
    refused(&["hold", "--db", p(&db)], &["another Ladder", &pid]);
    assert_eq!(std::fs::read(&db).expect("read"), before, "nothing written");
    assert!(ok(&["report", "--db", p(&db), "summary"]).contains("customers,"));
    assert_eq!(ok(&["check-db", "--db", p(&db)]).trim(), "ok");
    assert_eq!(ok(&["customers", "--db", p(&db)]).lines().count(), 41);
    held.release();
    assert_eq!(side_files(&db), Vec::<PathBuf>::new(), "the lock file goes with its holder");
    let said = ok(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&input)]);
    assert!(said.contains("imported 1 rows"), "{said}");
}

#[test]
fn a_lock_file_left_by_a_killed_process_does_not_block() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "after-crash.db");
    let mut held = Held::start(&db, false);
    held.child.kill().expect("kill");
    held.child.wait().expect("wait");
    let lock = beside(&db, ".lock");
    assert!(lock.exists(), "a killed process leaves its lock file");
    let pid = beside(&db, ".lock.pid");
    assert_eq!(
        std::fs::read_to_string(&pid).expect("and its pid file").trim(),
        held.pid.to_string()
    );
    let input = customers_csv(dir.path());
    let said = ok(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&input)]);
    assert!(said.contains("imported 1 rows"), "{said}");
    assert!(!lock.exists() && !pid.exists(), "and the next writer cleans them up");
}

#[test]
fn another_programs_write_transaction_is_a_clear_message_not_a_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "busy.db");
    let input = customers_csv(dir.path());
    let held = Held::start(&db, true);
    let before = std::fs::read(&db).expect("read");
    let started = Instant::now();
    let out = Command::new(common::BIN)
        .args(["import", "--db", p(&db), "--kind", "customers", "--input", p(&input)])
        .env("LADDER_BUSY_TIMEOUT_MS", "300")
        .output()
        .expect("run");
    assert!(started.elapsed() < Duration::from_secs(4), "gave up after the busy timeout");
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(message.contains("another program is writing to the database"), "{message}");
    assert!(message.contains("waited 0.3 s"), "{message}");
    assert_eq!(std::fs::read(&db).expect("read"), before, "nothing written");
    assert!(!ladder_backups(&db).exists(), "refused before the import's backup was written");
    // Readers are not blocked by a writer (WAL).
    assert!(ok(&["report", "--db", p(&db), "summary"]).contains("customers,"));
    held.release();
    let said = ok(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&input)]);
    assert!(said.contains("imported 1 rows"), "{said}");
}

fn ladder_backups(db: &Path) -> PathBuf {
    db.with_file_name(format!("{}.backups", db.file_stem().and_then(|s| s.to_str()).expect("stem")))
}

#[test]
fn a_missing_table_or_column_is_named_by_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = customers_csv(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let table = demo(dir.path(), "no-table.db");
    rusqlite::Connection::open(&table)
        .and_then(|c| c.execute_batch("DROP TABLE transactions"))
        .expect("drop a table");
    let column = demo(dir.path(), "no-column.db");
    rusqlite::Connection::open(&column)
        .and_then(|c| c.execute_batch("ALTER TABLE surveys DROP COLUMN comment"))
        .expect("drop a column");
    for (db, says) in [
        (&table, "the table \"transactions\" is missing"),
        (&column, "the column \"surveys.comment\" is missing"),
    ] {
        let before = std::fs::read(db).expect("read");
        for (args, _) in commands(p(db), p(&input), &out) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            refused(&args, &[p(db), "damaged", says]);
            assert_eq!(std::fs::read(db).expect("read"), before, "{args:?} changed the file");
            assert_eq!(side_files(db), Vec::<PathBuf>::new(), "{args:?} left files beside it");
        }
    }
    assert_eq!(std::fs::read_dir(&out).expect("list").count(), 0, "no output written");
}
