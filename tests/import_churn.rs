//! The `churn` import kind and export table (DOMAIN §2, "Retention and
//! churn"): churn records with their optional estimated win-back cost
//! (`winback_cost`, or the form's label 挽回成本 / Win-back cost), imported
//! all or nothing, exported in the import's columns.

use std::path::{Path, PathBuf};

use ladder::domain::Lang;
use ladder::domain::import::ImportKind;
use ladder::store::Store;
use ladder::store::import::{Duplicates, EncodingChoice, ImportError, ImportOptions};

mod common;
use common::{import_customers, init, ladder, ok, p, stderr};

fn now() -> chrono::NaiveDateTime {
    common::datetime(2026, 11, 2, 9, 0)
}

/// A database with the customers C-1 and C-2.
fn office(dir: &Path) -> PathBuf {
    let db = init(dir, "office.db");
    import_customers(&db, &dir.join("c.csv"), "code,name\nC-1,广州白云\nC-2,深圳南山\n");
    db
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn import(db: &Path, input: &Path) -> std::process::Output {
    ladder(&["import", "--db", p(db), "--kind", "churn", "--input", p(input)])
}

fn export(db: &Path, dir: &Path) -> String {
    let out = dir.join("churn-out.csv");
    let _ = std::fs::remove_file(&out);
    ok(&["export", "--db", p(db), "--table", "churn", "--out", p(&out)]);
    let text = std::fs::read_to_string(&out).expect("read");
    text.trim_start_matches('\u{feff}').to_owned()
}

/// The problems `Store::import_file` lists for `input`, in `lang`.
fn problems(db: &Path, input: &Path, lang: Lang) -> Vec<String> {
    let mut store = Store::open(db, now()).expect("open");
    let options = ImportOptions {
        kind: ImportKind::Churn,
        encoding: EncodingChoice::Auto,
        sheet: None,
        map: Vec::new(),
        create_customers: false,
        dry_run: false,
        duplicates: Duplicates::Refuse,
        skip_bad: false,
    };
    match store.import_file(input, &options, now(), &mut |_| true) {
        Err(ImportError::Rows { listed, .. }) => listed.iter().map(|e| e.text(lang)).collect(),
        other => panic!("refused rows expected: {other:?}"),
    }
}

const HEADER: &str = "customer_code,recorded_at,reason,root_cause,try_repair,estimated_loss,\
                      winback_cost";

#[test]
fn churn_records_import_with_their_winback_cost_and_export_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = office(dir.path());
    let text = format!(
        "{HEADER}\nC-1,2026-03-01,price,对手降价,yes,5000.00,1200.50\n\
         C-2,2026-04-02,moved,,no,800,\n"
    );
    let out = ok(&[
        "import",
        "--db",
        p(&db),
        "--kind",
        "churn",
        "--input",
        p(&write(dir.path(), "churn.csv", &text)),
    ]);
    assert!(out.contains("imported 2 rows"), "{out}");
    let store = Store::open_reading(&db, now()).expect("open");
    let records = store.latest_churn_records().expect("records");
    let costs: Vec<_> =
        records.iter().map(|r| (r.estimated_loss_cents, r.winback_cost_cents)).collect();
    assert_eq!(costs, [(500_000, Some(120_050)), (80_000, None)]);
    drop(store);
    let exported = export(&db, dir.path());
    let lines: Vec<&str> = exported.lines().collect();
    assert_eq!(
        lines,
        [
            HEADER,
            "C-1,2026-03-01,price,对手降价,yes,5000.00,1200.50",
            "C-2,2026-04-02,moved,,no,800.00,",
        ]
    );
}

#[test]
fn the_chinese_label_selects_the_cost_and_a_file_without_it_imports_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = office(dir.path());
    let zh = "客户代码,记录日期,流失原因,挽回成本\nC-1,2026-03-01,价格,\"¥3,000\"\n";
    let out = ok(&[
        "import",
        "--db",
        p(&db),
        "--kind",
        "churn",
        "--input",
        p(&write(dir.path(), "zh.csv", zh)),
    ]);
    assert!(out.contains("imported 1 rows") || out.contains("imported 1 row"), "{out}");
    let en = "customer_code,recorded_at,reason,Win-back cost\nC-2,2026-03-02,service,0\n";
    ok(&[
        "import",
        "--db",
        p(&db),
        "--kind",
        "churn",
        "--input",
        p(&write(dir.path(), "en.csv", en)),
    ]);
    let none = "customer_code,recorded_at,reason\nC-2,2026-05-02,competitor\n";
    ok(&[
        "import",
        "--db",
        p(&db),
        "--kind",
        "churn",
        "--input",
        p(&write(dir.path(), "none.csv", none)),
    ]);
    let store = Store::open_reading(&db, now()).expect("open");
    let records = store.latest_churn_records().expect("records");
    let got: Vec<_> =
        records.iter().map(|r| (r.reason.code(), r.winback_cost_cents, r.try_repair)).collect();
    // C-2's latest record is the one without a cost.
    assert_eq!(got, [("price", Some(300_000), false), ("competitor", None, false)]);
}

#[test]
fn a_bad_cost_names_its_row_and_column_and_imports_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = office(dir.path());
    let text = format!(
        "{HEADER}\nC-1,2026-03-01,price,,yes,5000,100\nC-2,2026-03-01,price,,yes,5000,-1\n\
         C-1,2026-03-02,price,,yes,5000,lots\n"
    );
    let input = write(dir.path(), "bad.csv", &text);
    let before = export(&db, dir.path());
    let out = import(&db, &input);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(":3:winback_cost: negative cost"), "{err}");
    assert!(err.contains(":4:winback_cost:"), "{err}");
    assert_eq!(export(&db, dir.path()), before, "nothing imported");
    assert_eq!(before.lines().count(), 1, "only the header");
    let zh = problems(&db, &input, Lang::Zh);
    assert_eq!(zh.len(), 2, "{zh:?}");
    assert!(zh[0].contains("第 3 行") || zh[0].contains('3'), "{zh:?}");
    assert!(zh[0].contains("winback_cost") && zh[0].contains("成本不能为负数"), "{zh:?}");
    let en = problems(&db, &input, Lang::En);
    assert!(en[1].contains("winback_cost"), "{en:?}");
}
