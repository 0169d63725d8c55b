//! Automatic rotating backups: every import first copies the database into
//! `<stem>.backups/`, each copy is a whole Ladder database, and only the
//! newest ones are kept. `ladder restore` puts a backup's content back,
//! after backing up the current state; a file that is not a backup we can
//! open is refused and nothing changes.

use std::path::Path;

use chrono::NaiveDateTime;
use ladder::store::db::{self, BACKUPS_KEPT, backups_dir, list_backups, rotating_backup};

mod common;
use common::{TABLES, import_customers, init, ladder, ok, p, schema_1_file};

fn at(minute: u32) -> NaiveDateTime {
    common::datetime(2026, 11, 2, 9, minute)
}

fn customer_count(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0)).expect("count")
}

#[test]
fn each_import_first_writes_a_backup_that_checks_ok() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "office.db");
    let csv = dir.path().join("c.csv");
    import_customers(&db, &csv, "name,code\n张三,C-1\n李四,C-2\n");
    import_customers(&db, &csv, "name,code\n王五,C-3\n");
    // A dry run writes nothing, so it needs no backup.
    std::fs::write(&csv, "name,code\n赵六,C-4\n").expect("write");
    ok(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&csv), "--dry-run"]);

    assert_eq!(backups_dir(&db), dir.path().join("office.backups"));
    let backups = list_backups(&db).expect("list");
    assert_eq!(backups.len(), 2, "{backups:?}");
    for backup in &backups {
        let name = backup.file_name().and_then(|n| n.to_str()).expect("name");
        assert!(name.ends_with("-import.db"), "{name}");
        assert_eq!(ok(&["check-db", "--db", p(backup)]).trim(), "ok");
    }
    // Each copy holds the data as it was before its import.
    assert_eq!(customer_count(&backups[0]), 0);
    assert_eq!(customer_count(&backups[1]), 2);
    assert_eq!(customer_count(&db), 3);
}

#[test]
fn a_refused_import_writes_no_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    let before = std::fs::read(&db).expect("read");
    let csv = dir.path().join("t.csv");
    std::fs::write(&csv, "customer_code,date,amount\nC-404,2026-01-02,1.00\n").expect("write");
    let out = ladder(&["import", "--db", p(&db), "--kind", "transactions", "--input", p(&csv)]);
    assert_eq!(out.status.code(), Some(1));
    // The backup is kept only when the rows are committed: a refused file
    // changed nothing, so it leaves none (and pushes no kept one out).
    assert_eq!(list_backups(&db).expect("list"), Vec::<std::path::PathBuf>::new());
    assert_eq!(std::fs::read(&db).expect("read"), before);
}

#[test]
fn only_the_newest_backups_are_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    // Not a backup: rotation never deletes it.
    std::fs::create_dir_all(backups_dir(&db)).expect("mkdir");
    let mine = backups_dir(&db).join("my notes.txt");
    std::fs::write(&mine, "keep").expect("write");

    let conn = rusqlite::Connection::open(&db).expect("open");
    let written: Vec<_> = (0..5)
        .map(|minute| rotating_backup(&conn, &db, "test", at(minute), 3).expect("backup"))
        .collect();
    let kept = list_backups(&db).expect("list");
    assert_eq!(kept, written[2..], "the three newest remain");
    assert!(!written[0].exists() && !written[1].exists());
    assert!(mine.exists());
    let names: Vec<_> =
        kept.iter().filter_map(|k| k.file_name()?.to_str().map(str::to_owned)).collect();
    assert_eq!(
        names,
        [
            "20261102-090200-000-test.db",
            "20261102-090300-000-test.db",
            "20261102-090400-000-test.db"
        ]
    );

    // Two backups at the same moment do not overwrite each other.
    let again = rotating_backup(&conn, &db, "test", at(4), 3).expect("backup");
    assert_eq!(again.file_name().and_then(|n| n.to_str()), Some("20261102-090400-001-test.db"));
    assert_eq!(list_backups(&db).expect("list").len(), 3);
    assert!(db::probe(&again).is_ok(), "a Ladder database");
    assert_eq!(BACKUPS_KEPT, 10);
}

/// Every table as CSV (`ladder export`), concatenated: equal text means
/// equal data.
fn all_data(db: &Path, out_dir: &Path) -> String {
    std::fs::create_dir_all(out_dir).expect("mkdir");
    let mut text = String::new();
    for table in TABLES {
        let out = out_dir.join(format!("{table}.csv"));
        ok(&["export", "--db", p(db), "--table", table, "--out", p(&out)]);
        text.push_str(&std::fs::read_to_string(&out).expect("read"));
    }
    text
}

#[test]
fn restore_puts_the_backup_back_after_backing_up_the_current_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    ok(&["demo", "--out", p(&db), "--customers", "40", "--years", "1"]);
    let saved = dir.path().join("saved.db");
    ok(&["backup", "--db", p(&db), "--out", p(&saved)]);
    let before = all_data(&saved, &dir.path().join("saved"));
    // Change the data after the backup.
    let csv = dir.path().join("c.csv");
    import_customers(&db, &csv, "name,code\n新客户,C-900001\n");
    let changed = all_data(&db, &dir.path().join("changed"));
    assert_ne!(changed, before);
    let kept = list_backups(&db).expect("list");

    let said = ok(&["restore", "--db", p(&db), "--from", p(&saved)]);
    assert!(said.contains("backed up the current state of"), "{said}");
    assert!(said.contains("restored") && said.contains("40 customers"), "{said}");
    assert_eq!(all_data(&db, &dir.path().join("restored")), before, "the backup's data");
    assert_eq!(ok(&["check-db", "--db", p(&db)]).trim(), "ok");

    // The state before the restore is the newest backup, and restoring it undoes.
    let backups = list_backups(&db).expect("list");
    assert_eq!(backups.len(), kept.len() + 1);
    let pre = backups.last().expect("newest");
    assert!(pre.to_str().is_some_and(|n| n.ends_with("-restore.db")), "{pre:?}");
    assert!(said.contains(p(pre)), "names the backup it wrote: {said}");
    ok(&["restore", "--db", p(&db), "--from", p(pre)]);
    assert_eq!(all_data(&db, &dir.path().join("undone")), changed);
}

#[test]
fn restore_refuses_what_is_not_a_backup_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "office.db");
    let csv = dir.path().join("c.csv");
    import_customers(&db, &csv, "name,code\n张三,C-1\n");
    let bytes = std::fs::read(&db).expect("read");
    let backups = list_backups(&db).expect("list");

    let newer = dir.path().join("newer.db");
    ok(&["backup", "--db", p(&db), "--out", p(&newer)]);
    let conn = rusqlite::Connection::open(&newer).expect("open");
    conn.pragma_update(None, "user_version", 99).expect("bump the version");
    drop(conn);
    let other = dir.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&other).expect("open");
    conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hi');")
        .expect("create");
    drop(conn);
    let cases = [
        (csv.clone(), "not a Ladder database"),
        (newer, "newer version of Ladder"),
        (other, "another program"),
        (dir.path().join("missing.db"), "file not found"),
        (db.clone(), "the database itself"),
    ];
    for (from, why) in &cases {
        let out = ladder(&["restore", "--db", p(&db), "--from", p(from)]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{from:?}: {stderr}");
        assert!(stderr.contains(why) && stderr.contains("nothing was restored"), "{stderr}");
        assert!(stderr.contains(p(from)), "names the file: {stderr}");
        assert!(std::fs::read(&db).expect("read") == bytes, "{from:?}: the database changed");
        assert_eq!(list_backups(&db).expect("list"), backups, "{from:?}: no backup written");
    }
    let out = ladder(&["restore", "--db", p(&dir.path().join("none.db")), "--from", p(&db)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("none.db").exists(), "a missing database is not created");
    assert_eq!(ladder(&["restore", "--db", p(&db)]).status.code(), Some(2), "usage");
}

#[test]
fn restore_judges_the_backup_before_it_migrates_an_older_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = schema_1_file(dir.path(), "old.db");
    let bytes = std::fs::read(&db).expect("read");
    let damaged = init(dir.path(), "damaged.db");
    rusqlite::Connection::open(&damaged)
        .and_then(|c| c.execute_batch("DROP TABLE surveys"))
        .expect("drop a table");
    for (from, why) in [(&damaged, "\"surveys\" is missing"), (&db, "the database itself")] {
        let out = ladder(&["restore", "--db", p(&db), "--from", p(from)]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(why) && stderr.contains("nothing was restored"), "{stderr}");
        assert!(std::fs::read(&db).expect("read") == bytes, "{from:?}: the database changed");
        assert!(!backups_dir(&db).exists(), "{from:?}: no migration backup written");
    }
    // A good backup: the old file is backed up before it is migrated, and
    // the migrated one before it is restored (maybe in the same millisecond).
    let good = init(dir.path(), "good.db");
    let said = ok(&["restore", "--db", p(&db), "--from", p(&good)]);
    assert!(said.contains("(0 customers"), "{said}");
    let mut reasons: Vec<String> = list_backups(&db)
        .expect("list")
        .iter()
        .map(|b| b.file_name().and_then(|n| n.to_str()).expect("name")[20..].to_owned())
        .collect();
    reasons.sort();
    assert_eq!(reasons, ["restore.db", "schema1.db"]);
    assert_eq!(db::probe(&db).expect("probe").schema_version, db::schema_version());
}

#[test]
fn a_new_backup_is_kept_when_the_kept_ones_carry_later_times() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "skew.db");
    let conn = rusqlite::Connection::open(&db).expect("open");
    // Written while the clock ran an hour ahead.
    let ahead: Vec<_> = (0..3)
        .map(|minute| {
            let later = at(minute) + chrono::Duration::hours(1);
            rotating_backup(&conn, &db, "test", later, 3).expect("backup")
        })
        .collect();
    // The clock set right: the backup just written is kept, then the
    // newest of the others by the time in their names.
    let first = rotating_backup(&conn, &db, "test", at(0), 3).expect("backup");
    assert!(first.exists(), "the backup just written is kept");
    assert_eq!(
        list_backups(&db).expect("list"),
        [first.clone(), ahead[1].clone(), ahead[2].clone()]
    );
    let second = rotating_backup(&conn, &db, "test", at(1), 3).expect("backup");
    assert!(second.exists() && !first.exists(), "the backup just written is kept");
    assert_eq!(list_backups(&db).expect("list"), [second, ahead[1].clone(), ahead[2].clone()]);
    // Once the clock passes them, the ones written ahead go first.
    let later = rotating_backup(&conn, &db, "test", at(2) + chrono::Duration::hours(2), 3);
    let later = later.expect("backup");
    assert_eq!(list_backups(&db).expect("list"), [ahead[1].clone(), ahead[2].clone(), later]);
}
