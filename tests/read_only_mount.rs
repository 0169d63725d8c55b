//! Issue 16 item 6: a database on a read-only mount (a CD, a card locked
//! against writing, a share mounted read-only), whose permission bits still
//! say read-write, is read as a read-only file is: every reading command
//! works, every writing one is refused with the reason, and nothing beside
//! the file changes.
//!
//! The mount is made in a private mount namespace (`unshare -r -m`, no
//! privileges needed where user namespaces are allowed); where they are
//! not, the test says so and checks nothing.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{BIN, ok, p};

/// Runs `ladder args` with `dir` bind-mounted read-only over itself, or
/// `None` where this machine cannot make such a mount.
fn ladder_on_read_only(dir: &Path, args: &[&str]) -> Option<Output> {
    let d = p(dir);
    let script = format!(
        "mount --bind '{d}' '{d}' && mount -o remount,ro,bind '{d}' '{d}' || exit 97; \
         exec \"$0\" \"$@\""
    );
    let out = Command::new("unshare")
        .args(["-r", "-m", "sh", "-c", &script, BIN])
        .args(args)
        .output()
        .ok()?;
    (out.status.code() != Some(97)).then_some(out)
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_database_on_a_read_only_mount_is_read_and_never_written() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("cd");
    std::fs::create_dir(&dir).expect("mkdir");
    let db = dir.join("office.db");
    ok(&["demo", "--out", p(&db)]);
    let before = std::fs::read(&db).expect("read");
    let listed = names(&dir);
    let out_dir = root.path().join("out");
    std::fs::create_dir(&out_dir).expect("mkdir");
    let csv = out_dir.join("customers.csv");

    let Some(export) = ladder_on_read_only(
        &dir,
        &["export", "--db", p(&db), "--table", "customers", "--out", p(&csv)],
    ) else {
        eprintln!("skipped: this machine cannot make a read-only mount (no user namespaces)");
        return;
    };
    let err = String::from_utf8_lossy(&export.stderr);
    assert!(export.status.success(), "export from a read-only mount: {err}");
    assert_eq!(
        std::fs::read(&csv).expect("export written"),
        std::fs::read({
            let writable = out_dir.join("writable.csv");
            ok(&["export", "--db", p(&db), "--table", "customers", "--out", p(&writable)]);
            writable
        })
        .expect("read"),
        "the same export as from a writable folder"
    );

    for args in [
        vec!["check-db", "--db", p(&db)],
        vec!["customers", "--db", p(&db)],
        vec!["report", "--db", p(&db), "summary"],
    ] {
        let out = ladder_on_read_only(&dir, &args).expect("mount made once already");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} on a read-only mount: {err}");
        assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
    }

    // A writer is refused with the reason, not "unable to open".
    let sales = out_dir.join("sales.csv");
    std::fs::write(&sales, "customer_code,date,amount\nC0001,2026-11-02,10.00\n").expect("write");
    let import = ladder_on_read_only(
        &dir,
        &["import", "--db", p(&db), "--kind", "transactions", "--input", p(&sales)],
    )
    .expect("mount");
    let err = String::from_utf8_lossy(&import.stderr);
    assert_eq!(import.status.code(), Some(1), "import on a read-only mount: {err}");
    assert!(err.contains("read-only"), "the reason named: {err}");
    assert!(!err.contains("unable to open"), "SQLite's words are not the message: {err}");

    assert_eq!(std::fs::read(&db).expect("read"), before, "the database is byte-identical");
    assert_eq!(names(&dir), listed, "nothing was left beside it");
}
