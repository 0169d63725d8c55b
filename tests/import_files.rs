//! `ladder import` on real files: `--skip-bad` leaves the bad rows out and
//! says so; the fixture files in `tests/data/` (the same customers as UTF-8,
//! UTF-8 with BOM, GBK, GB18030, UTF-16 and XLSX) import to identical rows.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ladder(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ladder")).args(args).output().expect("run ladder")
}

fn ok(args: &[&str]) -> String {
    let out = ladder(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A fixture file in `tests/data/`.
fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

/// A new, empty database in `dir`.
fn init(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    ok(&["init", "--db", p(&db)]);
    db
}

/// `ladder export --table TABLE` as bytes.
fn export(db: &Path, table: &str) -> Vec<u8> {
    let out = db.with_extension(format!("{table}.csv"));
    let _ = std::fs::remove_file(&out);
    ok(&["export", "--db", p(db), "--table", table, "--out", p(&out)]);
    std::fs::read(&out).expect("read export")
}

#[test]
fn skip_bad_imports_every_good_row_and_lists_the_bad_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    let customers = dir.path().join("customers.csv");
    std::fs::write(&customers, "code,name\nC-1,甲\nC-2,乙\n").expect("write");
    ok(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&customers)]);
    let csv = dir.path().join("sales.csv");
    std::fs::write(
        &csv,
        "customer_code,date,amount\n\
         C-1,2026-03-01,10\n\
         C-1,2026-02-30,12.345\n\
         C-9,2026-03-02,5\n\
         C-2,2026/3/3,7.50\n",
    )
    .expect("write");
    let base = ["import", "--db", p(&db), "--kind", "transactions", "--input", p(&csv)];

    // Without --skip-bad: all or nothing.
    let out = ladder(&base);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("3 problems; nothing was imported"), "{stderr}");
    assert_eq!(export(&db, "transactions").iter().filter(|&&b| b == b'\n').count(), 1);

    // A dry run with --skip-bad counts without writing.
    let mut args = base.to_vec();
    args.extend(["--skip-bad", "--dry-run"]);
    let out = ladder(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("would import 2 rows"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("would skip 2 bad rows"));
    assert_eq!(export(&db, "transactions").iter().filter(|&&b| b == b'\n').count(), 1);

    let mut args = base.to_vec();
    args.push("--skip-bad");
    let out = ladder(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(stdout.contains("imported 2 rows"), "{stdout}");
    let at = p(&csv);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines[0], "skipped 2 bad rows", "{stderr}");
    assert!(lines[1].starts_with(&format!("{at}:3:date: no such day")), "{stderr}");
    assert!(lines[2].starts_with(&format!("{at}:3:amount: too many decimals")), "{stderr}");
    assert!(lines[3].starts_with(&format!("{at}:4:customer_code: unknown customer")), "{stderr}");
    assert_eq!(lines.len(), 4, "{stderr}");
    let exported = String::from_utf8(export(&db, "transactions")).expect("utf-8");
    let rows: Vec<&str> = exported.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{exported}");
    assert!(rows[0].starts_with("C-1,2026-03-01,10.00"), "{exported}");
    assert!(rows[1].starts_with("C-2,2026-03-03,7.50"), "{exported}");
}
