//! `ladder import` feeds the same engine as the app: GBK check-sheet rows
//! and complaint-ledger rows become findings of `ladder check`; bad rows are
//! all listed and nothing is written.

use std::path::Path;

mod common;
use common::{import_customers, init, ladder, ok, p};

/// Findings as `rule,status,date,subject,record` (without the detail).
fn findings(db: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["check", "--db", p(db)];
    args.extend_from_slice(extra);
    ok(&args)
        .lines()
        .skip(1)
        .map(|l| l.splitn(6, ',').take(5).collect::<Vec<_>>().join(","))
        .collect()
}

#[test]
fn a_gbk_check_sheet_becomes_the_expected_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    // Monday 2026-07-06 and Tuesday 2026-07-07, one area, as Excel writes a
    // CSV on Chinese Windows (GBK) with Chinese headers.
    let text = "日期,时间,区域,参考温度,空调开启,设定温度,门窗关闭,有人\r\n\
        2026-07-06,09:30,会议室,31.0,是,26,是,是\r\n\
        2026-07-06,15:30,会议室,29.0,是,26,是,是\r\n\
        2026-07-07,10:00,会议室,28.9,是,26,是,是\r\n\
        2026-07-07,15:10,会议室,30.5,是,25,是,是\r\n\
        2026-07-07,17:00,会议室,30.5,是,26,否,否\r\n";
    let (bytes, _, failed) = encoding_rs::GBK.encode(text);
    assert!(!failed);
    let csv = dir.path().join("检查表.csv");
    std::fs::write(&csv, &bytes).expect("write");
    let out = ok(&["import", "--db", p(&db), "--kind", "ac-checks", "--input", p(&csv)]);
    assert!(out.contains("imported 5 rows"), "{out}");
    assert!(out.contains("会议室"), "the new area is listed: {out}");

    let got = findings(&db, &["--from", "2026-07-06", "--to", "2026-07-07"]);
    assert_eq!(
        got,
        [
            // The 17:00 row: nobody in and windows open with AC on.
            "AC-EMPTY,violation,2026-07-07,会议室,ac_checks#5",
            // 29.0 °C with AC on is compliant; 28.9 is not.
            "AC-HOT,violation,2026-07-07,会议室,ac_checks#3",
            // Set to 25 °C.
            "AC-SUMMER-SET,violation,2026-07-07,会议室,ac_checks#4",
            "AC-WINDOWS,violation,2026-07-07,会议室,ac_checks#5",
        ]
    );
}

#[test]
fn complaint_ledger_rows_are_judged_by_the_working_calendar() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    let csv = dir.path().join("ledger.csv");
    std::fs::write(
        &csv,
        "received_at,customer_code,kind,category,first_handler,first_response_at,resolved_at,resolution\n\
         2026-03-02 10:00,C-1,query,账单,王芳,2026-03-02 10:05,2026-03-02 10:10,已答复\n\
         2026-03-02 11:00,C-1,query,账单,王芳,2026-03-02 11:05,2026-03-02 11:11,已答复\n\
         2026-03-06 17:00,C-2,complaint,配送,李强,2026-03-06 17:10,2026-03-09 11:00,已补发\n\
         2026-03-13 17:00,C-2,complaint,配送,李强,2026-03-13 17:10,2026-03-16 14:30,已补发\n",
    )
    .expect("write");
    // Unknown customer codes are refused unless asked to create them.
    let refused = ladder(&["import", "--db", p(&db), "--kind", "complaints", "--input", p(&csv)]);
    assert_eq!(refused.status.code(), Some(1));
    let out = ok(&[
        "import",
        "--db",
        p(&db),
        "--kind",
        "complaints",
        "--input",
        p(&csv),
        "--create-customers",
    ]);
    assert!(out.contains("imported 4 rows") && out.contains("created 2 customers"), "{out}");

    let got = findings(&db, &["--rule", "SVC-QUERY-10MIN"]);
    assert_eq!(
        got,
        ["SVC-QUERY-10MIN,violation,2026-03-02,C-1,complaints#2"],
        "11 minutes is late"
    );
    // Friday 17:00 → Monday 11:00 is 180 working minutes (compliant);
    // → Monday 14:30 is 330 (over half a working day).
    let got = findings(&db, &["--rule", "SVC-COMPLAINT-HALFDAY"]);
    assert_eq!(got, ["SVC-COMPLAINT-HALFDAY,violation,2026-03-13,C-2,complaints#4"]);
}

#[test]
fn bad_rows_are_all_listed_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "\u{feff}客户代码,日期,金额\nC-1,2026/01/02,\"¥1,234.50\"\n")
        .expect("write");
    ok(&[
        "import",
        "--db",
        p(&db),
        "--kind",
        "transactions",
        "--input",
        p(&good),
        "--create-customers",
    ]);
    let before = ok(&["report", "--db", p(&db), "summary"]);

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "customer_code,date,amount\nC-1,2026-01-03,10.00\nC-1,2026-02-30,10.00\nC-1,2026-01-04,1.234\nC-9,2026-01-05,5\n",
    )
    .expect("write");
    let out = ladder(&["import", "--db", p(&db), "--kind", "transactions", "--input", p(&bad)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let path = p(&bad);
    for expected in
        [format!("{path}:3:date:"), format!("{path}:4:amount:"), format!("{path}:5:customer_code:")]
    {
        assert!(stderr.contains(&expected), "{expected} in {stderr}");
    }
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert_eq!(ok(&["report", "--db", p(&db), "summary"]), before, "the database is unchanged");

    // A dry run checks and counts but writes nothing either.
    let fine = dir.path().join("fine.csv");
    std::fs::write(&fine, "customer_code,date,amount\nC-1,20260105,7\n").expect("write");
    let out =
        ok(&["import", "--db", p(&db), "--kind", "transactions", "--input", p(&fine), "--dry-run"]);
    assert!(out.contains("would import 1 rows"), "{out}");
    assert_eq!(ok(&["report", "--db", p(&db), "summary"]), before);
}

#[test]
fn duplicate_customers_are_refused_skipped_updated_or_imported_as_new() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    let first = dir.path().join("first.csv");
    import_customers(&db, &first, "code,name,phone\nK-1,王芳,13800138000\nK-2,李强,\n");
    // Row 2: K-2 again by code. Row 3: 王芳 again by name and phone (written
    // differently) under a new code. Row 4: a new customer.
    let again = dir.path().join("again.csv");
    std::fs::write(
        &again,
        "code,name,phone\nK-2,李强,020-1234 5678\nK-9,王芳,138 0013 8000\nK-3,张伟,\n",
    )
    .expect("write");
    let list = || ok(&["customers", "--db", p(&db)]);
    let before = list();
    let import = |choice: &str| {
        ok(&[
            "import",
            "--db",
            p(&db),
            "--kind",
            "customers",
            "--input",
            p(&again),
            "--duplicates",
            choice,
        ])
    };

    let refused = ladder(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&again)]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains(":2:") && stderr.contains("customer code K-2 already exists"),
        "{stderr}"
    );
    assert!(stderr.contains(":3:") && stderr.contains("same name and phone"), "{stderr}");
    assert_eq!(list(), before, "nothing written");

    let out = ok(&[
        "import",
        "--db",
        p(&db),
        "--kind",
        "customers",
        "--input",
        p(&again),
        "--duplicates",
        "skip",
        "--dry-run",
    ]);
    assert!(out.contains("skipped 2 duplicates"), "{out}");
    assert_eq!(list(), before, "a dry run writes nothing");

    let out = import("update");
    assert!(out.contains("updated 2 customers"), "{out}");
    let after = list();
    assert!(
        after.contains("K-2,李强,individual,,other,,020-1234 5678,"),
        "updated in place: {after}"
    );
    assert!(
        after.contains("K-1,王芳,individual,,other,,138 0013 8000,"),
        "matched by phone: {after}"
    );
    assert!(after.contains("K-3,张伟,"), "the new one imported: {after}");
    assert!(!after.contains("K-9"), "王芳 was not added twice: {after}");

    let out = import("new");
    assert!(out.contains("imported 3 rows"), "{out}");
    let last = list();
    assert!(last.contains("K-9,王芳,"), "its own free code kept: {last}");
    assert_eq!(last.lines().count(), after.lines().count() + 3, "three new customers");
}

#[test]
fn map_leaves_a_field_out_with_an_empty_column_and_takes_a_column_by_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    import_customers(&db, &dir.path().join("c.csv"), "code,name\nC-1,张三\n");
    let csv = dir.path().join("sales.csv");
    std::fs::write(&csv, "customer_code,date,实收,product\nC-1,2026-03-01,12.50,碎纸机\n")
        .expect("write");
    let import = ["import", "--db", p(&db), "--kind", "transactions", "--input", p(&csv)];
    // Without the mapping the amount column is not found.
    assert_eq!(ladder(&import).status.code(), Some(1));
    let mut args = import.to_vec();
    args.extend(["--map", "amount=#3", "--map", "product="]);
    let said = ok(&args);
    assert!(said.contains("imported 1 rows"), "{said}");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let row: (i64, String) = conn
        .query_row("SELECT amount_cents, product FROM transactions", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("the row");
    assert_eq!(row, (1250, String::new()), "the amount from column 3, no product");
    // A field name is still needed.
    assert_eq!(ladder(&[&import[..], &["--map", "=product"]].concat()).status.code(), Some(2));
}

#[test]
fn an_amount_above_the_per_row_maximum_is_refused_naming_row_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    let sales = dir.path().join("sales.csv");
    // Row 2 is the largest amount a row may hold; rows 3 and 4 are one cent
    // over it and far over it (but each under the old limit, i64::MAX cents).
    std::fs::write(
        &sales,
        "customer_code,date,amount\nC-1,2026-01-03,1000000000.00\nC-1,2026-01-04,1000000000.01\n\
         C-1,2026-01-05,\"¥92,233,720,368,547,758.07\"\n",
    )
    .expect("write");
    let args = [
        "import",
        "--db",
        p(&db),
        "--kind",
        "transactions",
        "--input",
        p(&sales),
        "--create-customers",
    ];
    let out = ladder(&args);
    assert_eq!(out.status.code(), Some(1), "refused");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let path = p(&sales);
    for expected in [format!("{path}:3:amount:"), format!("{path}:4:amount:")] {
        assert!(stderr.contains(&expected), "{expected} in {stderr}");
    }
    assert!(!stderr.contains(&format!("{path}:2:")), "the maximum itself is fine: {stderr}");
    assert!(stderr.contains("1,000,000,000.00"), "the maximum is named: {stderr}");
}
