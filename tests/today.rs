//! `ladder today` on a hand-made database (CLI.md `today`): overdue, today
//! and week items in their columns, readable references, and a later
//! activity without a next step closing an earlier next step.

mod common;

use std::path::Path;

use common::{init, ladder, ok, p, stderr};

/// Imports `text` as `kind` into `db` (must succeed).
fn import(db: &Path, kind: &str, text: &str) {
    let csv = db.with_extension(format!("{kind}.csv"));
    std::fs::write(&csv, text).expect("write");
    ok(&["import", "--db", p(db), "--kind", kind, "--input", p(&csv)]);
}

/// A small office on Wednesday 2026-07-08: three customers, next steps,
/// an opportunity, a complaint and an AC area checked in the morning.
fn office(dir: &Path) -> std::path::PathBuf {
    let db = init(dir, "office.db");
    import(&db, "customers", "code,name\nC-1,郑五\nC-2,李雷\nC-3,王芳\n");
    import(
        &db,
        "opportunities",
        "id,customer_code,title,stage,created_at\n12,C-2,会议室改造,proposal,2026-06-01 09:00\n",
    );
    import(
        &db,
        "activities",
        "customer_code,date,kind,subject,next_step_due,opportunity\n\
         C-1,2026-07-01 10:00,call,报价,2026-07-06,\n\
         C-2,2026-06-10 10:00,call,方案沟通,2026-07-01,12\n\
         C-2,2026-06-25 10:00,visit,回复已收到,,\n\
         C-3,2026-07-02 10:00,call,约见,2026-07-08,\n\
         C-3,2026-07-02 11:00,email,资料,2026-07-12,\n",
    );
    import(
        &db,
        "complaints",
        "received_at,customer_code,kind,category,first_handler\n\
         2026-07-07 09:00,C-1,complaint,配送,张三\n",
    );
    import(
        &db,
        "ac-checks",
        "date,time,area,reference_temp_c,ac_on,set_temp_c\n2026-07-08,09:30,财务部,30.5,yes,26\n",
    );
    db
}

#[test]
fn today_lists_overdue_today_and_week_items_as_cli_md_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = office(dir.path());
    let out = ok(&["today", "--db", p(&db), "--date", "2026-07-08"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "section,due,item,customer_code,record,detail");
    let short: Vec<String> =
        lines[1..].iter().map(|l| l.splitn(6, ',').take(5).collect::<Vec<_>>().join(",")).collect();
    assert_eq!(
        short,
        [
            "overdue,2026-07-05,monthly-report,,monthly service report: 2026-06",
            "overdue,2026-07-06,follow-up,C-1,activity 1: 报价",
            "overdue,2026-07-07 14:00:00,complaint,C-1,complaint 1: 07-07 09:00 配送",
            "today,2026-07-08 17:00:00,ac-check,,check window: 财务部 15:00-17:00",
            "week,2026-07-10,follow-up,C-2,opportunity 12: 会议室改造",
            "week,2026-07-12,follow-up,C-3,activity 5: 资料",
        ],
        "{out}"
    );
    // Nothing names a table: the references are words.
    assert!(!out.contains('#'), "{out}");
    // C-2's next step of 06-10 was closed by the visit of 06-25 (no next
    // step), and C-3's earlier next step by the later e-mail.
    assert!(!out.contains("activity 2:") && !out.contains("activity 4:"), "{out}");
}

#[test]
fn today_writes_a_file_and_refuses_what_it_cannot_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = office(dir.path());
    let csv = dir.path().join("today.csv");
    ok(&["today", "--db", p(&db), "--date", "2026-07-08", "--out", p(&csv)]);
    let text = std::fs::read_to_string(&csv).expect("written");
    assert!(text.contains("opportunity 12: 会议室改造"), "{text}");

    let missing = dir.path().join("nothing.db");
    let refused = ladder(&["today", "--db", p(&missing)]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(!missing.exists(), "no file is created");
    let usage = ladder(&["today", "--db", p(&db), "--date", "2026-13-01"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn the_demo_company_ends_today_unless_end_is_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let latest = |db: &Path| -> String {
        let conn = rusqlite::Connection::open(db).expect("open");
        conn.query_row("SELECT max(date) FROM transactions", [], |r| r.get(0)).expect("max")
    };
    let before = chrono::Local::now().date_naive();
    let db = dir.path().join("today.db");
    ok(&["demo", "--out", p(&db), "--customers", "40", "--years", "1"]);
    let after = chrono::Local::now().date_naive();
    let last = latest(&db);
    assert!(
        last <= after.to_string() && last >= (before - chrono::Days::new(7)).to_string(),
        "{last}"
    );
    let fixed = dir.path().join("fixed.db");
    ok(&["demo", "--out", p(&fixed), "--customers", "40", "--years", "1", "--end", "2026-10-31"]);
    let last = latest(&fixed);
    assert!(("2026-10-01"..="2026-10-31").contains(&last.as_str()), "{last}");
}

/// The overdue items of a rule are the slots `ladder check` finds missing
/// for it: (due day, customer code) of each overdue item is a finding of
/// the rule on that day about that customer.
#[test]
fn overdue_items_agree_with_the_compliance_findings_on_the_demo_company() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    ok(&["demo", "--out", p(&db)]);
    let today = ok(&["today", "--db", p(&db)]);
    let pairs =
        [("follow-up", "SVC-FOLLOWUP"), ("survey", "SVC-SURVEY"), ("revisit", "SVC-REVISIT")];
    for (item, rule) in pairs {
        let found = ok(&["check", "--db", p(&db), "--rule", rule]);
        let findings: std::collections::HashSet<(String, String)> = found
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.splitn(5, ',').collect();
                (f[2].to_owned(), f[3].to_owned())
            })
            .collect();
        let overdue: Vec<(String, String)> = today
            .lines()
            .filter(|l| l.starts_with("overdue,") && l.contains(&format!(",{item},")))
            .filter(|l| item != "follow-up" || l.contains(",opportunity "))
            .map(|l| {
                let f: Vec<&str> = l.splitn(5, ',').collect();
                (f[1].to_owned(), f[3].to_owned())
            })
            .collect();
        assert!(item == "revisit" || !overdue.is_empty(), "the demo company has overdue {item}s");
        for key in &overdue {
            assert!(findings.contains(key), "{item} {key:?} is not a {rule} finding");
        }
    }
}
