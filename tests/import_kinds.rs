//! Issue 16 item 9: the kinds `contacts`, `opportunities` (keeping ids) and
//! `calendar` import like the others (CLI.md `import`): all rows or none,
//! each problem named by row and column in both languages, the database
//! unchanged by a refused file.

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

fn import(db: &Path, kind: &str, input: &Path) -> std::process::Output {
    ladder(&["import", "--db", p(db), "--kind", kind, "--input", p(input)])
}

fn export(db: &Path, table: &str, dir: &Path) -> String {
    let out = dir.join(format!("{table}-out.csv"));
    let _ = std::fs::remove_file(&out);
    ok(&["export", "--db", p(db), "--table", table, "--out", p(&out)]);
    let text = std::fs::read_to_string(&out).expect("read");
    text.trim_start_matches('\u{feff}').to_owned()
}

/// The problems `Store::import_file` lists for `input`, in `lang`.
fn problems(db: &Path, kind: ImportKind, input: &Path, lang: Lang) -> Vec<String> {
    let mut store = Store::open(db, now()).expect("open");
    let options = ImportOptions {
        kind,
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

#[test]
fn opportunities_keep_their_ids_so_the_activities_naming_them_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = office(dir.path());
    let activities = write(
        dir.path(),
        "activities.csv",
        "customer_code,date,kind,subject,opportunity\nC-2,2026-03-02 10:00,visit,报价,42\n",
    );
    let refused = import(&db, "activities", &activities);
    assert!(stderr(&refused).contains("opportunity 42 does not exist"), "{}", stderr(&refused));

    let opportunities = write(
        dir.path(),
        "opportunities.csv",
        "id,客户代码,名称,阶段,预计金额,成功率 %,预计成交,创建\n\
         42,C-2,会议室改造,方案,\"12,000.00\",40%,2026-04-30,2026-02-01 09:30:00\n\
         7,C-1,年度维保,签约,5000,,,2026-01-05\n\
         ,C-1,新线索,,,,,\n",
    );
    let said =
        ok(&["import", "--db", p(&db), "--kind", "opportunities", "--input", p(&opportunities)]);
    assert!(said.contains("imported 3 rows"), "{said}");
    let said = ok(&["import", "--db", p(&db), "--kind", "activities", "--input", p(&activities)]);
    assert!(said.contains("imported 1 rows"), "{said}");

    let exported = export(&db, "opportunities", dir.path());
    let lines: Vec<&str> = exported.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "id,customer_code,title,stage,expected_value,probability_pct,expected_close,\
             created_at,closed_at,delivered_at,owner,notes",
            "7,C-1,年度维保,won,5000.00,100,,2026-01-05 00:00:00,,,,",
            "42,C-2,会议室改造,proposal,12000.00,40,2026-04-30,2026-02-01 09:30:00,,,,",
        ],
        "ids kept; the stage's default probability when none is given"
    );
    assert!(lines[3].starts_with("43,C-1,新线索,lead,0.00,10,,20"), "created now: {}", lines[3]);
    assert!(export(&db, "activities", dir.path()).contains(",报价,,,,42\n"));
}

#[test]
fn an_opportunity_id_taken_or_repeated_refuses_its_row_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = office(dir.path());
    let first = write(dir.path(), "o1.csv", "id,customer_code,title\n5,C-1,甲\n");
    ok(&["import", "--db", p(&db), "--kind", "opportunities", "--input", p(&first)]);
    let before = std::fs::read(&db).expect("read");

    let clash = write(
        dir.path(),
        "o2.csv",
        "id,customer_code,title\n6,C-2,乙\n5,C-2,丙\n8,C-1,丁\n8,C-2,戊\n",
    );
    let refused = import(&db, "opportunities", &clash);
    assert_eq!(refused.status.code(), Some(1));
    let said = stderr(&refused);
    assert!(said.contains("o2.csv:3:id: opportunity 5 already exists"), "{said}");
    assert!(said.contains("o2.csv:5:id: opportunity 8 is already on row 4 of this file"), "{said}");
    assert_eq!(std::fs::read(&db).expect("read"), before, "nothing written");
    assert!(export(&db, "opportunities", dir.path()).lines().count() == 2);

    let zh = problems(&db, ImportKind::Opportunities, &clash, Lang::Zh);
    assert_eq!(zh.len(), 2, "{zh:?}");
    assert!(zh[0].contains("编号为 5 的销售机会已存在"), "{zh:?}");
    assert!(zh[1].contains("销售机会编号 8 在本文件第 4 行已出现过"), "{zh:?}");

    // A dry run finds the repeated id too, though it writes nothing.
    let out = ladder(&[
        "import",
        "--db",
        p(&db),
        "--kind",
        "opportunities",
        "--input",
        p(&clash),
        "--dry-run",
    ]);
    assert!(stderr(&out).contains("already on row 4"), "{}", stderr(&out));
}

#[test]
fn the_working_calendar_imports_and_refuses_a_day_it_has() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = office(dir.path());
    let days = write(
        dir.path(),
        "calendar.csv",
        "日期,工作日,名称\n2026-10-01,否,国庆节\n2026-10-10,是,调休\n",
    );
    let said = ok(&["import", "--db", p(&db), "--kind", "calendar", "--input", p(&days)]);
    assert!(said.contains("imported 2 rows"), "{said}");
    assert_eq!(
        export(&db, "calendar", dir.path()),
        "date,working,name\n2026-10-01,no,国庆节\n2026-10-10,yes,调休\n"
    );
    let before = std::fs::read(&db).expect("read");
    let again = write(
        dir.path(),
        "again.csv",
        "date,working\n2026-10-02,no\n2026-10-01,no\n2026-10-03,maybe\n2026-10-02,no\n",
    );
    let refused = import(&db, "calendar", &again);
    let said = stderr(&refused);
    assert!(
        said.contains("again.csv:3:date: 2026-10-01 is already in the working calendar"),
        "{said}"
    );
    assert!(said.contains("again.csv:4:working: not yes or no"), "{said}");
    assert!(
        said.contains("again.csv:5:date: 2026-10-02 is already on row 2 of this file"),
        "{said}"
    );
    assert_eq!(std::fs::read(&db).expect("read"), before, "nothing written");
    let zh = problems(&db, ImportKind::Calendar, &again, Lang::Zh);
    assert!(zh[0].contains("工作日历中已有 2026-10-01"), "{zh:?}");
}

#[test]
fn contacts_import_for_known_customers_with_checked_phones_and_emails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = office(dir.path());
    let before = std::fs::read(&db).expect("read");
    let bad = write(
        dir.path(),
        "contacts.csv",
        "customer_code,name,phone,email\nC-1,王芳,12,wang@example.com\nC-9,李强,,\nC-2,,,x@\n",
    );
    let refused = import(&db, "contacts", &bad);
    let said = stderr(&refused);
    assert!(said.contains("contacts.csv:2:phone: not a phone number"), "{said}");
    assert!(said.contains("contacts.csv:3:customer_code: unknown customer code \"C-9\""), "{said}");
    assert!(said.contains("contacts.csv:4:name: missing: name is required"), "{said}");
    assert!(said.contains("contacts.csv:4:email: not an e-mail address"), "{said}");
    assert_eq!(std::fs::read(&db).expect("read"), before, "nothing written");
    let zh = problems(&db, ImportKind::Contacts, &bad, Lang::Zh);
    assert!(zh[0].contains("不是电话号码"), "{zh:?}");

    let good =
        write(dir.path(), "good.csv", "客户代码,姓名,职务,电话\nC-1,王芳,采购经理,020-8765 4321\n");
    let said = ok(&["import", "--db", p(&db), "--kind", "contacts", "--input", p(&good)]);
    assert!(said.contains("imported 1 rows"), "{said}");
    assert_eq!(
        export(&db, "contacts", dir.path()),
        "customer_code,name,role,phone,email,notes\nC-1,王芳,采购经理,020-8765 4321,,\n"
    );
}
