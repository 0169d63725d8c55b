//! What Ladder says about itself: `ladder --version` (CLI.md: `ladder
//! X.Y.Z`), `ladder about [--licences]`, and Help → About in the window (the
//! version, the licence, the data folder, the database in use and the
//! third-party licences), in both languages.

use std::process::Command;

use egui_kittest::kittest::Queryable as _;
use ladder::domain::Lang;
use ladder::store::Store;

mod common;
use common::{BIN, add_customer, app, harness, ladder, ok, shows};

#[test]
fn version_prints_ladder_and_the_cargo_version() {
    for flag in ["--version", "-V"] {
        let out = ladder(&[flag]);
        assert_eq!(out.status.code(), Some(0), "{flag}");
        let stdout = String::from_utf8(out.stdout).expect("utf-8");
        assert_eq!(stdout, format!("ladder {}\n", env!("CARGO_PKG_VERSION")), "{flag}");
        assert!(out.stderr.is_empty(), "{flag}: nothing on stderr");
    }
}

#[test]
fn about_names_the_licence_and_the_data_folder_of_this_user() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    let out = Command::new(BIN)
        .arg("about")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", &data)
        .output()
        .expect("run ladder about");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("Ladder {}", env!("CARGO_PKG_VERSION")));
    assert!(lines.contains(&"licence: MIT OR Apache-2.0 (MIT or Apache-2.0, at your choice)"));
    let folder = data.join("ladder");
    assert!(lines.contains(&format!("data folder: {}", folder.display()).as_str()), "{text}");
    let db = folder.join("ladder.db");
    assert!(lines.contains(&format!("default database: {}", db.display()).as_str()), "{text}");
    assert!(!folder.exists(), "about only reads: no folder made");
    let crates = ladder::about::third_party_crates(ladder::about::THIRD_PARTY_LICENSES).len();
    assert!(text.contains(&format!("third-party licences: {crates} crates")), "{text}");
}

#[test]
fn about_licences_prints_the_embedded_text_and_a_closed_pipe_is_no_error() {
    let text = ok(&["about", "--licences"]);
    assert_eq!(text, ladder::about::THIRD_PARTY_LICENSES);
    assert!(text.contains("rusqlite 0.40.2"), "the crates are listed with their versions");

    // `ladder about --licences | head -1`: the reader goes away early.
    let mut child = Command::new(BIN)
        .args(["about", "--licences"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn help_about_shows_version_licence_database_and_third_party_licences() {
    for (lang, help, about, licence, third_party, intro) in [
        (Lang::En, "Help", "About Ladder", "MIT or Apache-2.0", "Third-party licences", "crates"),
        (Lang::Zh, "帮助", "关于 Ladder", "MIT 或 Apache-2.0", "第三方许可证", "开源软件包"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("关于.db");
        let mut store = Store::create(&db).expect("create");
        add_customer(&mut store, "张三"); // An empty file would offer the demo first.
        let mut harness = harness(app(store, lang), [1200.0, 800.0]);
        assert!(!shows(&harness, third_party), "{lang:?}: closed at first");
        harness.get_by_label(help).click();
        harness.run();
        harness.get_by_label(about).click();
        harness.run();

        let version = format!("Ladder {}", env!("CARGO_PKG_VERSION"));
        for text in [version.as_str(), licence, "(MIT OR Apache-2.0)", third_party, intro] {
            assert!(shows(&harness, text), "{lang:?}: {text:?} is not shown");
        }
        let path = db.display().to_string();
        assert!(shows(&harness, &path), "{lang:?}: the database in use {path} is not shown");
        // The licence text itself, from its first line.
        assert!(shows(&harness, "Third-party licences of Ladder"), "{lang:?}: no licence text");

        let close = if lang == Lang::Zh { "关闭" } else { "Close" };
        harness.get_by_label(close).click();
        harness.run_steps(2);
        assert!(!shows(&harness, third_party), "{lang:?}: Close closes it");
    }
}
