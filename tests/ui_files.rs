//! Opening foreign and damaged files from the app: a clear message, the
//! file untouched, and the database that was open stays open and usable. A
//! read-only file opens read-only: a banner says so, every write is refused
//! and nothing is written, not even `-wal`/`-shm` files beside it.

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable as _;
use ladder::domain::Lang;
use ladder::domain::command::Command;
use ladder::domain::customer::CustomerData;
use ladder::store::{ReadOnly, Store};
use ladder::ui::{AppCommand, Panel};

mod common;
use common::{Held, add_customer, app, harness, now, side_files, wait_for_analysis};

/// The window size of these tests.
const SIZE: [f32; 2] = [1200.0, 800.0];

#[test]
fn foreign_and_damaged_files_are_refused_and_the_open_database_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.db");
    let mut store = Store::create(&good).expect("create");
    add_customer(&mut store, "留下");

    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("write");
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "客户,金额\n").expect("write");
    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);"))
        .expect("other program's database");
    let newer = dir.path().join("newer.db");
    drop(Store::create(&newer).expect("create"));
    rusqlite::Connection::open(&newer)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("bump");
    let missing = dir.path().join("missing.db");

    for (lang, cases) in [
        (
            Lang::En,
            [
                (&empty, "empty (0 bytes)"),
                (&text, "not a database file"),
                (&other, "another program"),
                (&newer, "newer Ladder"),
                (&missing, "does not exist"),
            ],
        ),
        (
            Lang::Zh,
            [
                (&empty, "文件是空的"),
                (&text, "不是数据库文件"),
                (&other, "其他程序"),
                (&newer, "更新版本"),
                (&missing, "文件不存在"),
            ],
        ),
    ] {
        let store = Store::open(&good, now()).expect("reopen");
        let mut harness = harness(app(store, lang), SIZE);
        for (path, expected) in cases {
            let before = std::fs::read(path).ok();
            harness.state().send(AppCommand::OpenPath(path.clone()));
            harness.run();
            let status = harness.state().status_text().to_owned();
            assert!(
                status.contains(expected),
                "{}: {status:?} should say {expected:?}",
                path.display()
            );
            assert_eq!(std::fs::read(path).ok(), before, "{} unchanged", path.display());
            assert!(!missing.exists(), "opening never creates a file");
            let app = harness.state();
            assert_eq!(app.store().map(|s| s.path().to_owned()), Some(good.clone()), "still open");
            assert_eq!(app.cache().customers.len(), 1, "and usable");
        }
    }
}

/// A database with one customer named `name`, closed again.
fn one_customer(path: &Path, name: &str) {
    let mut store = Store::create(path).expect("create");
    add_customer(&mut store, name);
}

#[test]
fn read_only_locked_and_damaged_files_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.db");
    one_customer(&good, "留下");
    let read_only = dir.path().join("read-only.db");
    one_customer(&read_only, "只读客户");
    let writable = std::fs::metadata(&read_only).expect("metadata").permissions();
    let mut perms = writable.clone();
    perms.set_readonly(true);
    std::fs::set_permissions(&read_only, perms).expect("chmod");
    let damaged = dir.path().join("damaged.db");
    one_customer(&damaged, "缺表");
    rusqlite::Connection::open(&damaged)
        .and_then(|c| c.execute_batch("DROP TABLE transactions"))
        .expect("drop a table");
    let locked = dir.path().join("locked.db");
    one_customer(&locked, "别处打开");
    let holder = Held::start(&locked, false);
    let pid = holder.pid;

    for (lang, in_use, missing, banner, refused) in [
        (
            Lang::En,
            format!("open in another Ladder window (process {pid})"),
            "missing table transactions",
            "Read-only (the file is write-protected): changes are disabled.",
            "Read-only: changes are disabled",
        ),
        (
            Lang::Zh,
            format!("已在另一个 Ladder 窗口中打开（进程 {pid}）"),
            "缺少数据表 transactions",
            "只读（文件设为只读）：不能修改。",
            "只读：不能修改",
        ),
    ] {
        let store = Store::open(&good, now()).expect("open");
        let mut harness = harness(app(store, lang), SIZE);
        let customers = harness.state().cache().customers.len();

        // Refused: the file untouched, the good database still open and usable.
        for (path, expected) in [(&locked, in_use.as_str()), (&damaged, missing)] {
            let before = std::fs::read(path).expect("read");
            harness.state().send(AppCommand::OpenPath(path.clone()));
            harness.run();
            let status = harness.state().status_text().to_owned();
            assert!(status.contains(expected), "{status:?} should say {expected:?}");
            assert_eq!(std::fs::read(path).expect("read"), before, "{} unchanged", path.display());
            let app = harness.state();
            assert_eq!(app.store().map(|s| s.path().to_owned()), Some(good.clone()), "still open");
            assert_eq!(app.cache().customers.len(), customers, "and usable");
        }
        assert_eq!(side_files(&damaged), Vec::<PathBuf>::new(), "nothing beside it");
        harness
            .state()
            .send(AppCommand::Write(Command::CreateCustomer(CustomerData::named("新")).into()));
        harness.run();
        let customers = customers + 1;
        assert_eq!(harness.state().cache().customers.len(), customers, "still takes writes");

        // Read-only: opens, says so, refuses every write, writes nothing.
        let before = std::fs::read(&read_only).expect("read");
        harness.state().send(AppCommand::OpenPath(read_only.clone()));
        harness.run();
        assert_eq!(harness.state().store().and_then(Store::read_only), Some(ReadOnly::File));
        assert_eq!(harness.state().cache().customers[0].name, "只读客户", "its data is shown");
        harness.get_by_label(banner);
        let attempts = [
            AppCommand::Write(Command::CreateCustomer(CustomerData::named("不会保存")).into()),
            AppCommand::ImportPath(dir.path().join("any.csv")),
        ];
        for attempt in attempts {
            harness.state().send(attempt);
            harness.run();
            let status = harness.state().status_text().to_owned();
            assert!(status.contains(refused), "{status:?} should say {refused:?}");
            assert_eq!(harness.state().cache().customers.len(), 1, "nothing added");
        }
        // The value analysis reads it on its own worker connection.
        harness.state().send(AppCommand::ShowPanel(Panel::Value));
        wait_for_analysis(&mut harness);
        assert_eq!(std::fs::read(&read_only).expect("read"), before, "the file is unchanged");
        assert_eq!(side_files(&read_only), Vec::<PathBuf>::new(), "and nothing beside it");

        // Back to a writable file: no banner, writes work again.
        harness.state().send(AppCommand::ShowPanel(Panel::Customers));
        harness.state().send(AppCommand::OpenPath(good.clone()));
        harness.run();
        assert_eq!(harness.state().store().and_then(Store::read_only), None);
        assert!(harness.query_by_label(banner).is_none(), "the banner goes");
        assert_eq!(harness.state().cache().customers.len(), customers);
    }
    holder.release();
    std::fs::set_permissions(&read_only, writable).expect("chmod back");
}

/// Makes a file or folder read-only by its permission bits (which is what
/// Ladder judges, so this holds when the tests run as root) and back.
fn set_read_only(path: &Path, read_only: bool) {
    let mut perms = std::fs::metadata(path).expect("metadata").permissions();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        perms.set_mode(match (read_only, path.is_dir()) {
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
fn the_window_loads_the_customers_of_a_read_only_file_or_folder_writing_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A read-only file, and a writable file in a read-only folder (Windows
    // has no read-only folders).
    let cases: &[bool] = if cfg!(unix) { &[false, true] } else { &[false] };
    for &folder_read_only in cases {
        let folder = dir.path().join(if folder_read_only { "shared" } else { "own" });
        std::fs::create_dir(&folder).expect("mkdir");
        // A WAL-mode file, as every Ladder file is.
        let db = folder.join("office.db");
        one_customer(&db, "只读客户");
        let protected = if folder_read_only { folder.clone() } else { db.clone() };
        set_read_only(&protected, true);
        let before = std::fs::read(&db).expect("read");

        // Opened as the window opens it: the customer table loads on a worker.
        let mut harness = egui_kittest::Harness::builder()
            .with_size(SIZE)
            .build_eframe(|cc| ladder::app::LadderApp::new(cc, Some(db.clone())));
        common::step_while(&mut harness, "the customers did not load", |h| {
            h.state().is_loading_customers()
        });
        harness.run();
        let why = if folder_read_only { ReadOnly::Folder } else { ReadOnly::File };
        assert_eq!(harness.state().store().and_then(Store::read_only), Some(why));
        let customers = &harness.state().cache().customers;
        assert_eq!(customers.len(), 1, "{}", harness.state().status_text());
        assert_eq!(customers[0].name, "只读客户");
        drop(harness);

        let listed: Vec<PathBuf> =
            std::fs::read_dir(&folder).expect("list").map(|e| e.expect("entry").path()).collect();
        set_read_only(&protected, false);
        assert_eq!(listed, std::slice::from_ref(&db), "nothing beside the database");
        assert_eq!(std::fs::read(&db).expect("read"), before, "the file is unchanged");
    }
}
