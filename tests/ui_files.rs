//! Opening foreign and damaged files from the app: a clear message, the
//! file untouched, and the database that was open stays open and usable.

use chrono::{NaiveDate, NaiveDateTime};
use egui_kittest::Harness;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::command::Command;
use ladder::domain::customer::CustomerData;
use ladder::store::Store;
use ladder::ui::AppCommand;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(10, 0, 0)).expect("time")
}

#[test]
fn foreign_and_damaged_files_are_refused_and_the_open_database_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.db");
    let mut store = Store::create(&good).expect("create");
    store.apply(&Command::CreateCustomer(CustomerData::named("留下")), now()).expect("customer");

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
        let app = LadderApp::with_store(Some(store), lang, Box::new(now));
        let mut harness = Harness::builder()
            .with_size([1200.0, 800.0])
            .with_context_setup(ladder::ui::theme::install_fonts)
            .build_ui_state(|ui, app: &mut LadderApp| app.frame(ui), app);
        harness.run();
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
