//! `ladder export` (CLI.md `export`): every table in the columns `import`
//! reads, so that an export imports into a new database and exports again
//! byte for byte; formula-like text is escaped and comes back unchanged;
//! refusals write nothing. `--encoding gbk` writes the same text in GBK,
//! which imports back to the same rows, and refuses a character GBK lacks.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use ladder::domain::command::{Command as Write, Effect};
use ladder::domain::customer::{CustomerData, CustomerId};
use ladder::store::Store;

mod common;
use common::{TABLES, import_customers, init, ladder, ok, p};

fn now() -> NaiveDateTime {
    common::datetime(2026, 11, 2, 9, 0)
}

/// The demo company plus a customer whose name, phone and notes look like
/// formulas, with customer #1 in the trash.
fn demo_with_formula_customer(dir: &Path) -> PathBuf {
    let db = dir.join("demo.db");
    ok(&["demo", "--out", p(&db)]);
    let mut store = Store::open(&db, now()).expect("open");
    let mut data = CustomerData::named("=SUM(A1)");
    data.code = Some("C-900001".into());
    data.phone = "+86 20 8765 4321".into();
    data.notes = "@everyone -5% next time".into();
    let applied = store.apply(&Write::CreateCustomer(data), now()).expect("create");
    assert!(matches!(applied.effect, Effect::Created { .. }));
    store.apply(&Write::DeleteCustomer(CustomerId(1)), now()).expect("trash #1");
    drop(store);
    // The demo has no contact persons: two customers get some.
    let contacts = dir.join("contacts-in.csv");
    std::fs::write(
        &contacts,
        "客户代码,联系人,职务,电话,邮箱,备注\n\
         C-000002,王芳,采购经理,020-8765 4321,wang@example.com,\n\
         C-000002,李强,=财务,,,'@每月对账\n\
         C-900001,Ann Lee,,+86 20 1234 5678,,\n",
    )
    .expect("write contacts");
    let said = ok(&["import", "--db", p(&db), "--kind", "contacts", "--input", p(&contacts)]);
    assert!(said.contains("imported 3 "), "{said}");
    db
}

/// Exports every table of `db` into `dir` as `TABLE.EXT`.
fn export_all(db: &Path, dir: &Path, ext: &str) {
    std::fs::create_dir_all(dir).expect("mkdir");
    for table in TABLES {
        let out = dir.join(format!("{table}.{ext}"));
        let said = ok(&["export", "--db", p(db), "--table", table, "--out", p(&out)]);
        assert!(said.starts_with("exported "), "{said}");
    }
}

/// A new database holding what the files in `dir` hold, every table
/// imported in the order of CLI.md.
fn import_all(dir: &Path, ext: &str) -> PathBuf {
    let db = init(dir, "again.db");
    for table in TABLES {
        let input = dir.join(format!("{table}.{ext}"));
        let said = ok(&["import", "--db", p(&db), "--kind", table, "--input", p(&input)]);
        assert!(said.contains("imported "), "{table}: {said}");
    }
    db
}

fn assert_same_files(a: &Path, b: &Path) {
    for table in TABLES {
        let name = format!("{table}.csv");
        let first = std::fs::read(a.join(&name)).expect("read first");
        let second = std::fs::read(b.join(&name)).expect("read second");
        assert!(first == second, "{table}: the second export differs from the first");
    }
}

#[test]
fn every_table_exports_imports_and_exports_again_byte_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = demo_with_formula_customer(dir.path());
    let first = dir.path().join("first");
    export_all(&demo, &first, "csv");

    let customers = std::fs::read(first.join("customers.csv")).expect("read");
    assert!(customers.starts_with(b"\xEF\xBB\xBFname,code,kind,industry,source,grade,phone,"));
    let customers = String::from_utf8(customers[3..].to_vec()).expect("utf-8");
    assert!(
        customers.contains("'=SUM(A1),C-900001,individual,,other,,'+86 20 8765 4321,"),
        "formula-like text is escaped: {customers}"
    );
    assert!(customers.contains(",'@everyone -5% next time\n"), "{customers}");
    assert!(!customers.contains(",C-000001,"), "customers in the trash are not exported");
    let transactions = std::fs::read_to_string(first.join("transactions.csv")).expect("read");
    assert!(transactions.lines().nth(1).is_some_and(|l| l.contains(",2024-")), "{transactions}");
    assert!(!transactions.contains("C-000001,"), "nor are their records");
    let checks = std::fs::read_to_string(first.join("ac-checks.csv")).expect("read");
    assert!(checks.contains(",yes,") && checks.contains(",no,"), "booleans as yes/no");
    let rows = |table: &str| -> Vec<String> {
        let text = std::fs::read_to_string(first.join(format!("{table}.csv"))).expect("read");
        text.lines().skip(1).map(str::to_owned).collect()
    };
    assert!(rows("activities").iter().any(|l| !l.ends_with(',')), "activities name opportunities");
    assert!(rows("opportunities").len() > 10, "the demo's opportunities, with their ids");
    assert!(rows("calendar").iter().any(|l| l.contains(",no,")), "holidays");
    assert!(rows("calendar").iter().any(|l| l.contains(",yes,")), "make-up working days");
    assert_eq!(
        rows("contacts"),
        [
            "C-000002,王芳,采购经理,020-8765 4321,wang@example.com,",
            "C-000002,李强,'=财务,,,'@每月对账",
            "C-900001,Ann Lee,,'+86 20 1234 5678,,",
        ]
    );

    let again = import_all(&first, "csv");
    let second = dir.path().join("second");
    export_all(&again, &second, "csv");
    assert_same_files(&first, &second);

    let store = Store::open(&again, now()).expect("open");
    let rows = store.customer_rows().expect("rows");
    let formula = rows.iter().find(|r| r.code == "C-900001").expect("imported");
    assert_eq!(formula.name, "=SUM(A1)", "the escape is removed again on import");
    assert_eq!(formula.phone, "+86 20 8765 4321");
}

#[test]
fn xlsx_exports_import_back_to_the_same_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = demo_with_formula_customer(dir.path());
    let csv = dir.path().join("csv");
    export_all(&demo, &csv, "csv");
    let xlsx = dir.path().join("xlsx");
    export_all(&demo, &xlsx, "xlsx");
    assert!(std::fs::read(xlsx.join("customers.xlsx")).expect("read").starts_with(b"PK"));

    let again = import_all(&xlsx, "xlsx");
    let second = dir.path().join("second");
    export_all(&again, &second, "csv");
    assert_same_files(&csv, &second);

    // And the workbooks exported again hold the same typed cells (their
    // bytes differ only in the creation time a workbook records).
    let xlsx_again = dir.path().join("xlsx-again");
    export_all(&again, &xlsx_again, "xlsx");
    for table in TABLES {
        let name = format!("{table}.xlsx");
        assert_eq!(cells(&xlsx.join(&name)), cells(&xlsx_again.join(&name)), "{table}");
    }
}

/// Every cell of a workbook's first sheet, typed as calamine reads it.
fn cells(path: &Path) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader as _;
    let mut book = calamine::open_workbook_auto(path).expect("open workbook");
    let sheet = book.sheet_names().first().cloned().expect("a sheet");
    let range = book.worksheet_range(&sheet).expect("sheet");
    assert!(range.height() > 0, "{}: empty", path.display());
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

#[test]
fn refusals_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    let export = |db: &Path, table: &str, out: &Path| {
        ladder(&["export", "--db", p(db), "--table", table, "--out", p(out)])
    };

    let existing = dir.path().join("old.csv");
    std::fs::write(&existing, "keep me").expect("write");
    let out = export(&db, "customers", &existing);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&existing).expect("read"), "keep me");

    let txt = dir.path().join("t.txt");
    let out = export(&db, "customers", &txt);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("use .csv or .xlsx"));
    assert!(!txt.exists());

    let fresh = dir.path().join("t.csv");
    let out = export(&dir.path().join("missing.db"), "customers", &fresh);
    assert_eq!(out.status.code(), Some(1));
    assert!(!fresh.exists());
    assert!(!dir.path().join("missing.db").exists(), "a missing database is not created");

    let foreign = dir.path().join("notes.db");
    std::fs::write(&foreign, "not a database").expect("write");
    let out = export(&foreign, "customers", &fresh);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&foreign).expect("read"), "not a database");
    assert!(!fresh.exists());

    let out = export(&db, "contact", &fresh);
    assert_eq!(out.status.code(), Some(2), "an unknown table is a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("contacts, transactions, opportunities"));
    assert!(!fresh.exists());

    let said = ok(&["export", "--db", p(&db), "--table", "opportunities", "--out", p(&fresh)]);
    assert_eq!(said.trim(), format!("exported 0 rows of opportunities to {}", p(&fresh)));
    let text = std::fs::read_to_string(&fresh).expect("read");
    assert_eq!(
        text,
        "\u{feff}id,customer_code,title,stage,expected_value,probability_pct,expected_close,\
         created_at,closed_at,delivered_at,owner,notes\n"
    );
}

#[test]
fn a_gbk_export_is_the_utf8_text_in_gbk_and_imports_back_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = demo_with_formula_customer(dir.path());
    let utf8 = dir.path().join("utf8.csv");
    let gbk = dir.path().join("gbk.csv");
    let export = |out: &Path, encoding: &str| {
        let args = ["export", "--db", p(&demo), "--table", "customers", "--out", p(out)];
        ok(&[&args[..], &["--encoding", encoding]].concat())
    };
    export(&utf8, "utf-8");
    let said = export(&gbk, "GBK");
    assert!(said.starts_with("exported "), "{said}");
    let utf8_bytes = std::fs::read(&utf8).expect("read");
    let default = dir.path().join("default.csv");
    ok(&["export", "--db", p(&demo), "--table", "customers", "--out", p(&default)]);
    assert!(std::fs::read(&default).expect("read") == utf8_bytes, "utf-8 is the default");

    let gbk_bytes = std::fs::read(&gbk).expect("read");
    assert!(!gbk_bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM");
    assert!(std::str::from_utf8(&gbk_bytes).is_err(), "Chinese text really is GBK bytes");
    let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&gbk_bytes);
    assert!(!had_errors);
    assert!(text.as_bytes() == &utf8_bytes[3..], "the same text as the UTF-8 export");

    // Imported with the encoding detected, the rows are the same.
    let again = init(dir.path(), "again.db");
    ok(&["import", "--db", p(&again), "--kind", "customers", "--input", p(&gbk)]);
    let second = dir.path().join("second.csv");
    ok(&["export", "--db", p(&again), "--table", "customers", "--out", p(&second)]);
    assert!(std::fs::read(&second).expect("read") == utf8_bytes, "the same rows");
}

#[test]
fn a_character_gbk_lacks_refuses_a_gbk_export_naming_row_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    let csv = dir.path().join("c.csv");
    import_customers(&db, &csv, "name,code,notes\n张三,C-1,\n李四,C-2,生僻字𠀀在这里\n");
    let out_path = dir.path().join("out.csv");
    let args = ["export", "--db", p(&db), "--table", "customers", "--out", p(&out_path)];
    let out = ladder(&[&args[..], &["--encoding", "gbk"]].concat());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("row 3, column notes"), "{stderr}");
    assert!(stderr.contains("U+20000") && stderr.contains("UTF-8"), "{stderr}");
    assert!(!out_path.exists(), "nothing written");
    // UTF-8 keeps it.
    ok(&args);
    assert!(std::fs::read_to_string(&out_path).expect("read").contains("生僻字𠀀在这里"));

    let xlsx = dir.path().join("out.xlsx");
    let args = ["export", "--db", p(&db), "--table", "customers", "--out", p(&xlsx)];
    let out = ladder(&[&args[..], &["--encoding", "gbk"]].concat());
    assert_eq!(out.status.code(), Some(1), "a workbook has no text encoding");
    assert!(String::from_utf8_lossy(&out.stderr).contains(".csv files only"));
    assert!(!xlsx.exists());
    let out = ladder(&[&args[..], &["--encoding", "latin1"]].concat());
    assert_eq!(out.status.code(), Some(2), "an unknown encoding is a usage error");
}

#[test]
fn reports_and_findings_take_the_gbk_encoding_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    ok(&["demo", "--out", p(&db), "--customers", "60", "--years", "1"]);
    for (args, name) in [
        (vec!["report", "--db", p(&db), "rfm"], "rfm"),
        (vec!["check", "--db", p(&db)], "findings"),
    ] {
        let utf8 = dir.path().join(format!("{name}-utf8.csv"));
        let gbk = dir.path().join(format!("{name}-gbk.csv"));
        let with = |out: &Path, encoding: &str| {
            let mut all = args.clone();
            all.extend(["--out", p(out), "--encoding", encoding]);
            ladder(&all)
        };
        assert!(with(&utf8, "utf-8").status.success(), "{name}");
        assert!(with(&gbk, "gbk").status.success(), "{name}");
        let utf8 = std::fs::read(&utf8).expect("read");
        let gbk = std::fs::read(&gbk).expect("read");
        let (text, _, bad) = encoding_rs::GBK.decode(&gbk);
        assert!(!bad, "{name}: valid GBK");
        assert_eq!(text.as_bytes(), utf8.strip_prefix(b"\xEF\xBB\xBF").expect("BOM"), "{name}");
        let xlsx = dir.path().join(format!("{name}.xlsx"));
        let refused = with(&xlsx, "gbk");
        assert_eq!(refused.status.code(), Some(1), "{name}");
        assert!(String::from_utf8_lossy(&refused.stderr).contains("applies to .csv files only"));
        assert!(!xlsx.exists());
    }
}

/// Names that start like a formula, as people write them.
const FORMULA_NAMES: [&str; 4] =
    ["@Home Café", "=HYPERLINK(\"http://x.cn\",\"点我\")", "+86 Trading", "-minus Ltd"];

/// The names of the live customers of `db`, sorted.
fn customer_names(db: &Path) -> Vec<String> {
    let store = Store::open(db, now()).expect("open");
    let mut names: Vec<String> =
        store.customer_rows().expect("rows").into_iter().map(|r| r.name).collect();
    names.sort();
    names
}

#[test]
fn names_that_start_like_a_formula_import_as_they_are_from_csv_and_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut expected: Vec<String> = FORMULA_NAMES.iter().map(|n| (*n).to_owned()).collect();
    expected.sort();

    let csv_db = init(dir.path(), "csv.db");
    let mut text = String::from("code,name\n");
    for (i, name) in FORMULA_NAMES.iter().enumerate() {
        text.push_str(&format!("C-{i},\"{}\"\n", name.replace('"', "\"\"")));
    }
    import_customers(&csv_db, &dir.path().join("names.csv"), &text);
    assert_eq!(customer_names(&csv_db), expected, "CSV");

    let xlsx_db = init(dir.path(), "xlsx.db");
    let xlsx = dir.path().join("names.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "code").expect("cell");
    sheet.write_string(0, 1, "name").expect("cell");
    for (i, name) in FORMULA_NAMES.iter().enumerate() {
        let row = u32::try_from(i + 1).expect("row");
        sheet.write_string(row, 0, format!("C-{i}")).expect("cell");
        sheet.write_string(row, 1, *name).expect("cell");
    }
    book.save(&xlsx).expect("save");
    ok(&["import", "--db", p(&xlsx_db), "--kind", "customers", "--input", p(&xlsx)]);
    assert_eq!(customer_names(&xlsx_db), expected, "XLSX");
}

#[test]
fn every_text_round_trips_exactly_through_csv_and_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "texts.db");
    let texts =
        ["=x", "'=x", "''=x", "'x", "''", "'@a b", "@Home Café", "-5", "'-5", "+86", "a'=b", "'"];
    let mut store = Store::open(&db, now()).expect("open");
    for (i, text) in texts.iter().enumerate() {
        let mut data = CustomerData::named(*text);
        data.code = Some(format!("C-{i}"));
        store.apply(&Write::CreateCustomer(data), now()).expect("create");
    }
    drop(store);
    let mut expected: Vec<String> = texts.iter().map(|t| (*t).to_owned()).collect();
    expected.sort();
    assert_eq!(customer_names(&db), expected, "stored as given");
    for ext in ["csv", "xlsx"] {
        let out = dir.path().join(format!("customers.{ext}"));
        ok(&["export", "--db", p(&db), "--table", "customers", "--out", p(&out)]);
        let again = init(dir.path(), &format!("again-{ext}.db"));
        ok(&["import", "--db", p(&again), "--kind", "customers", "--input", p(&out)]);
        assert_eq!(customer_names(&again), expected, "{ext}");
    }
}

#[test]
fn xlsx_export_writes_text_cells_without_a_prefix() {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = demo_with_formula_customer(dir.path());
    let out = dir.path().join("customers.xlsx");
    ok(&["export", "--db", p(&demo), "--table", "customers", "--out", p(&out)]);
    let mut book = calamine::open_workbook_auto(&out).expect("open");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("sheet");
    let cells: Vec<&Data> = range.rows().flatten().collect();
    for text in ["=SUM(A1)", "+86 20 8765 4321", "@everyone -5% next time"] {
        assert!(cells.contains(&&Data::String(text.into())), "{text} as a text cell");
    }
    assert!(
        !cells.iter().any(|c| matches!(c, Data::String(s) if s.starts_with('\''))),
        "no cell carries a prefix"
    );
}
