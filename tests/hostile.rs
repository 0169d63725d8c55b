//! The hostile-spreadsheet corpus `tests/data/hostile/` (see its README.md):
//! every file refused by `ladder import` saying where and what, within
//! 1 GB of address space, the database byte-identical and nothing left
//! beside it; and the same files through the import wizard's preview.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{data, init, ok, p, side_files};
use ladder::domain::Lang;
use ladder::domain::import::ImportKind;
use ladder::store::import::EncodingChoice;
use ladder::store::import::preview::preview;

/// The address space each `ladder import` may use.
const LIMIT: &str = "--as=1073741824";

/// One row of the manifest: file, where, what.
fn cases() -> Vec<(String, String, String)> {
    let manifest = std::fs::read_to_string(data("hostile/README.md")).expect("manifest");
    let unquote = |cell: &str| cell.trim().trim_matches('`').to_owned();
    manifest
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.trim().trim_matches('|').split(" | ").collect();
            assert_eq!(cells.len(), 3, "{line}");
            (unquote(cells[0]), unquote(cells[1]), unquote(cells[2]))
        })
        .collect()
}

/// `ladder import` of `input` into `db` under the address-space limit.
fn import_limited(db: &Path, input: &Path) -> Output {
    Command::new("prlimit")
        .args([LIMIT, "--", common::BIN, "import", "--db", p(db), "--kind", "customers"])
        .args(["--input", p(input)])
        .output()
        .expect("run prlimit ladder")
}

/// The database's bytes, and the names in its folder.
fn state(db: &Path) -> (Vec<u8>, Vec<PathBuf>) {
    let dir = db.parent().expect("folder");
    let mut names: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("folder").map(|e| e.expect("entry").path()).collect();
    names.sort();
    (std::fs::read(db).expect("db"), names)
}

#[test]
fn every_hostile_spreadsheet_is_refused_in_bounded_memory_leaving_the_database_as_it_was() {
    let cases = cases();
    let mut listed: Vec<&str> = cases.iter().map(|(file, _, _)| file.as_str()).collect();
    listed.sort_unstable();
    let mut present: Vec<String> = std::fs::read_dir(data("hostile"))
        .expect("corpus")
        .map(|e| e.expect("entry").file_name().into_string().expect("name"))
        .filter(|name| name.ends_with(".xlsx"))
        .collect();
    present.sort_unstable();
    assert_eq!(listed, present, "tests/data/hostile and its README.md");

    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "base.db");
    ok(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&data("customers.xlsx"))]);
    std::fs::remove_dir_all(dir.path().join("base.backups")).expect("the import's backup");
    let before = state(&db);
    assert!(side_files(&db).is_empty(), "{:?}", side_files(&db));

    // A good workbook imports under the same limit (the limit is not what
    // refuses the others).
    let control = tempfile::tempdir().expect("tempdir");
    let fresh = init(control.path(), "fresh.db");
    let out = import_limited(&fresh, &data("customers.xlsx"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let started = Instant::now();
    for (file, at, what) in &cases {
        let input = data("hostile").join(file);
        let out = import_limited(&db, &input);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{file}: {stderr}");
        assert!(!stderr.contains("panicked"), "{file}: {stderr}");
        let at = format!("{}{at}", input.display());
        assert!(stderr.contains(&at), "{file}: expected {at:?} in\n{stderr}");
        assert!(stderr.contains(what.as_str()), "{file}: expected {what:?} in\n{stderr}");
        assert!(stderr.contains("nothing was imported"), "{file}: {stderr}");
        assert!(state(&db) == before, "{file}: the database or its folder changed");
    }
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}

#[test]
fn the_wizard_preview_gets_each_refusal_as_a_message_in_both_languages() {
    for (file, _, what) in cases() {
        let input = data("hostile").join(&file);
        for lang in [Lang::En, Lang::Zh] {
            let shown =
                preview(&input, ImportKind::Customers, EncodingChoice::Auto, None, &[], lang);
            let Err(message) = shown else { panic!("{file}: previewed {shown:?}") };
            if lang == Lang::En {
                assert!(message.contains(what.as_str()), "{file}: {message}");
            } else {
                assert!(!message.is_ascii(), "{file}: not in Chinese: {message}");
            }
        }
    }
}
