//! Other accounts cannot read the customers: a new database, its
//! `-wal`/`-shm` files, the backups folder and every backup in it are the
//! user's alone (0600 files, a 0700 folder), even under a umask of 022,
//! and they stay so through imports and restores.
#![cfg(unix)]

use std::io::BufRead as _;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

mod common;
use common::{BIN, beside, p};

/// Runs `ladder args` under a umask of 022 (group and others may read what
/// a program creates unless it says otherwise); it must succeed.
fn ladder_022(args: &[&str]) -> Output {
    let out = Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" \"$@\"")
        .arg(BIN)
        .args(args)
        .output()
        .expect("run ladder");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The permission bits of `path` that group and others have.
fn shared_bits(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o077
}

fn assert_private(path: &Path) {
    assert_eq!(shared_bits(path), 0, "{} is readable by others", path.display());
}

/// `db` held open as a window holds it (under a umask of 022): its `-wal`
/// and `-shm` files exist meanwhile, and are the user's alone.
fn assert_side_files_private(db: &Path) {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" hold --db \"$1\"")
        .arg(BIN)
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn ladder hold");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    std::io::BufReader::new(stdout).read_line(&mut line).expect("read");
    assert!(line.starts_with("holding"), "{line:?}");
    for suffix in ["-wal", "-shm"] {
        assert_private(&beside(db, suffix));
    }
    drop(child.stdin.take());
    assert!(child.wait().expect("wait").success());
}

#[test]
fn new_databases_their_side_files_and_backups_are_the_users_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.db");
    ladder_022(&["init", "--db", p(&empty)]);
    assert_private(&empty);
    assert_side_files_private(&empty);
    let db = dir.path().join("demo.db");
    ladder_022(&["demo", "--out", p(&db), "--customers", "20", "--years", "1"]);
    assert_private(&db);
    assert_side_files_private(&db);

    // An import backs the file up first.
    let csv = dir.path().join("c.csv");
    std::fs::write(&csv, "name,code\n新客户,N-1\n").expect("write");
    ladder_022(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&csv)]);
    let folder = ladder::store::db::backups_dir(&db);
    assert_private(&folder);
    let backups = ladder::store::db::list_backups(&db).expect("list");
    assert_eq!(backups.len(), 1);
    assert_private(&backups[0]);
    assert_private(&db);

    // A restore backs the current state up first, and keeps the file's mode.
    ladder_022(&["restore", "--db", p(&db), "--from", p(&backups[0])]);
    let backups = ladder::store::db::list_backups(&db).expect("list");
    assert_eq!(backups.len(), 2);
    for path in backups.iter().chain([&folder, &db]) {
        assert_private(path);
    }
    assert_side_files_private(&db);

    // A copy written by `ladder backup` holds the same customers.
    let copy = dir.path().join("copy.db");
    ladder_022(&["backup", "--db", p(&db), "--out", p(&copy)]);
    assert_private(&copy);
}

#[test]
fn a_backups_folder_an_older_version_left_open_is_closed_to_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("old.db");
    ladder_022(&["init", "--db", p(&db)]);
    let folder = ladder::store::db::backups_dir(&db);
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let csv = dir.path().join("c.csv");
    std::fs::write(
        &csv,
        "name,code
新客户,N-1
",
    )
    .expect("write");
    ladder_022(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&csv)]);
    assert_private(&folder);
}
