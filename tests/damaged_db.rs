//! A database with a damaged page: every writer (import, restore into it,
//! the app's first write) refuses it before any backup or write, and the
//! file stays byte-identical; the backup folder keeps the newest good copy.

use std::path::{Path, PathBuf};

use ladder::domain::Lang;
use ladder::domain::command::Command;
use ladder::domain::customer::CustomerData;
use ladder::store::Store;
use ladder::ui::AppCommand;

mod common;
use common::{app, harness, ladder, now, ok, p, shows, side_files, stderr};

/// A small demo company database in `dir`.
fn demo(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    ok(&["demo", "--out", p(&db), "--customers", "40", "--years", "1"]);
    db
}

/// Overwrites the middle of the first leaf page of the `transactions`
/// table (which a customers import does not read), as a bad disk sector or
/// a stray write would: the header still reads as Ladder's, but
/// `PRAGMA quick_check` fails.
fn damage_a_page(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open");
    let page_size: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0)).expect("size");
    let page: i64 = conn
        .query_row(
            "SELECT pageno FROM dbstat WHERE name = 'transactions' AND pagetype = 'leaf' \
             ORDER BY pageno LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a leaf page of transactions");
    drop(conn);
    assert!(side_files(db).is_empty(), "checkpointed");
    let mut bytes = std::fs::read(db).expect("read");
    let start = usize::try_from((page - 1) * page_size + page_size / 4).expect("fits");
    let end = usize::try_from((page - 1) * page_size + page_size / 2).expect("fits");
    bytes[start..end].iter_mut().enumerate().for_each(|(i, b)| *b = (i % 251) as u8);
    std::fs::write(db, bytes).expect("write");
}

fn customers_csv(dir: &Path) -> PathBuf {
    let path = dir.join("new.csv");
    std::fs::write(&path, "name,code\n新客户,N-1\n").expect("write");
    path
}

#[test]
fn import_into_a_damaged_database_is_refused_and_the_file_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "damaged.db");
    damage_a_page(&db);
    let out = ladder(&["check-db", "--db", p(&db)]);
    assert_eq!(out.status.code(), Some(1), "check-db: {}", stderr(&out));
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
    let before = std::fs::read(&db).expect("read");
    let customers = customers_csv(dir.path());
    let sales = dir.path().join("sales.csv");
    std::fs::write(&sales, "customer_code,date,amount\nN-9,2026-01-02,10.00\n").expect("write");
    // The check runs beside the import's first reads: the fast path of
    // sales creating a customer waits for it as a customers import does.
    let imports: [&[&str]; 2] = [
        &["--kind", "customers", "--input", p(&customers)],
        &["--kind", "transactions", "--create-customers", "--input", p(&sales)],
    ];
    for args in imports {
        let out = ladder(&[&["import", "--db", p(&db)], args].concat());
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?} must be refused: {message}");
        assert!(message.contains(p(&db)) && message.contains("damaged"), "{message}");
        assert!(message.contains("nothing was written"), "{message}");
        assert_eq!(std::fs::read(&db).expect("read"), before, "the file is byte-identical");
        assert!(side_files(&db).is_empty(), "nothing beside it: {:?}", side_files(&db));
        assert!(!dir.path().join("damaged.backups").exists(), "no backup written");
    }
}

#[test]
fn restore_into_a_damaged_database_is_refused_and_the_file_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = demo(dir.path(), "good.db");
    let db = demo(dir.path(), "damaged.db");
    damage_a_page(&db);
    let before = std::fs::read(&db).expect("read");
    let out = ladder(&["restore", "--db", p(&db), "--from", p(&good)]);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "restore into it must be refused: {message}");
    assert!(message.contains(p(&db)) && message.contains("damaged"), "{message}");
    assert_eq!(std::fs::read(&db).expect("read"), before, "the file is byte-identical");
    assert!(side_files(&db).is_empty(), "nothing beside it");
    assert!(!dir.path().join("damaged.backups").exists(), "no backup written");
}

#[test]
fn the_app_refuses_its_first_write_to_a_damaged_database_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "damaged.db");
    damage_a_page(&db);
    let before = std::fs::read(&db).expect("read");
    for (lang, says) in [
        (Lang::En, "the database is damaged; nothing was written"),
        (Lang::Zh, "数据库已损坏；没有写入任何内容"),
    ] {
        // The app opens it (reading what it can); its first write is refused.
        let store = Store::open_or_read_only(&db, now()).expect("opens");
        let mut harness = harness(app(store, lang), [1200.0, 800.0]);
        let customers = harness.state().cache().customers.len();
        for _ in 0..2 {
            let write = Command::CreateCustomer(CustomerData::named("新客户"));
            harness.state().send(AppCommand::Write(write.into()));
            harness.run();
            let status = harness.state().status_text().to_owned();
            assert!(status.contains(says), "{status:?} should say {says:?}");
            assert!(shows(&harness, says), "shown in the window");
            assert_eq!(harness.state().cache().customers.len(), customers, "nothing written");
        }
        drop(harness);
        assert_eq!(std::fs::read(&db).expect("read"), before, "the file is byte-identical");
        assert!(side_files(&db).is_empty(), "nothing beside it: {:?}", side_files(&db));
        assert!(!dir.path().join("damaged.backups").exists(), "no backup written");
    }
}

#[test]
fn a_damaged_database_never_pushes_its_good_backups_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "office.db");
    let input = customers_csv(dir.path());
    ok(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&input)]);
    let good = ladder::store::db::list_backups(&db).expect("list");
    assert_eq!(good.len(), 1);
    damage_a_page(&db);
    for n in 0..=ladder::store::db::BACKUPS_KEPT {
        let csv = dir.path().join(format!("more-{n}.csv"));
        std::fs::write(&csv, format!("name,code\n客户{n},M-{n}\n")).expect("write");
        let out = ladder(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&csv)]);
        assert_eq!(out.status.code(), Some(1), "refused: {}", stderr(&out));
    }
    assert_eq!(ladder::store::db::list_backups(&db).expect("list"), good, "the good one stays");
    assert_eq!(ok(&["check-db", "--db", p(&good[0])]).trim(), "ok");
}

/// `x.db`: the demo file `b.db` copied over a file whose `-wal` (the log of
/// `a.db`'s latest changes, never checkpointed) stayed beside it.
fn replaced_file_with_a_stale_wal(dir: &Path) -> PathBuf {
    let a = demo(dir, "a.db");
    let b = dir.join("b.db");
    ok(&["demo", "--out", p(&b), "--customers", "60", "--years", "1"]);
    let conn = rusqlite::Connection::open(&a).expect("open");
    conn.pragma_update(None, "wal_autocheckpoint", 0).expect("no checkpoints");
    for i in 0..60 {
        conn.execute("UPDATE customers SET name = name || 'x' WHERE id % 3 = ?1", [i % 3])
            .expect("update");
    }
    let x = dir.join("x.db");
    std::fs::copy(common::beside(&a, "-wal"), common::beside(&x, "-wal")).expect("copy -wal");
    std::fs::copy(&b, &x).expect("copy over");
    x
}

#[test]
fn a_stale_wal_beside_a_replaced_file_gets_one_verdict_from_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = replaced_file_with_a_stale_wal(dir.path());
    let wal = common::beside(&db, "-wal");
    let (before, wal_before) =
        (std::fs::read(&db).expect("read"), std::fs::read(&wal).expect("read"));
    let input = customers_csv(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let (csv, copy) = (out.join("c.csv"), out.join("copy.db"));
    let commands: [&[&str]; 6] = [
        &["check-db", "--db", p(&db)],
        &["customers", "--db", p(&db)],
        &["report", "--db", p(&db), "summary"],
        &["export", "--db", p(&db), "--table", "customers", "--out", p(&csv)],
        &["backup", "--db", p(&db), "--out", p(&copy)],
        &["import", "--db", p(&db), "--kind", "customers", "--input", p(&input)],
    ];
    for args in commands {
        let run = ladder(args);
        let message = stderr(&run);
        assert_eq!(run.status.code(), Some(1), "{args:?} must be refused: {message}");
        assert!(message.contains("damaged") && message.contains("-wal"), "{args:?}: {message}");
        assert_eq!(std::fs::read(&db).expect("read"), before, "{args:?} changed the file");
        assert_eq!(std::fs::read(&wal).expect("read"), wal_before, "{args:?} changed the -wal");
        assert!(!common::beside(&db, "-shm").exists(), "{args:?} left a -shm");
    }
    assert_eq!(std::fs::read_dir(&out).expect("list").count(), 0, "no output written");
    // The app says the same.
    for (lang, says) in [(Lang::En, "-wal"), (Lang::Zh, "-wal")] {
        let problem = Store::open_or_read_only(&db, now()).expect_err("refused").problem;
        let text = ladder::ui::i18n::Tr::of(lang).open_problem(&problem);
        assert!(text.contains(says), "{text}");
    }
    assert_eq!(std::fs::read(&db).expect("read"), before, "the app changed the file");
}
