//! `ladder check` on the demo company finds exactly the AC violations the
//! generator planted, and follows the CLI contract.

use ladder::domain::demo::{DemoOptions, generate};

mod common;
use common::ladder;

#[test]
fn the_planted_ac_violations_are_found_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let db = db.to_str().expect("path");
    assert!(ladder(&["demo", "--out", db, "--seed", "7"]).status.success());
    let out = ladder(&["check", "--db", db]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("rule_id,status,date,subject,record,detail"));
    let mut found: Vec<(String, String, String)> = lines
        .filter(|l| l.starts_with("AC-"))
        .map(|l| {
            let cells: Vec<&str> = l.splitn(6, ',').collect();
            (cells[0].to_owned(), cells[2].to_owned(), cells[3].to_owned())
        })
        .collect();
    found.sort();
    let mut planted: Vec<(String, String, String)> = generate(&DemoOptions::default())
        .planted_ac
        .iter()
        .map(|p| (p.rule_id.to_owned(), p.date.to_string(), p.subject.clone()))
        .collect();
    planted.sort();
    assert!(!planted.is_empty());
    assert_eq!(found, planted);

    // The per-rule summary goes to stderr.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("AC-HOT"), "{stderr}");
    assert!(stderr.contains("checked"), "{stderr}");
}

#[test]
fn one_rule_and_a_period_narrow_the_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let db = db.to_str().expect("path");
    assert!(ladder(&["demo", "--out", db, "--seed", "7"]).status.success());
    let out = ladder(&[
        "check",
        "--db",
        db,
        "--rule",
        "AC-HOT",
        "--from",
        "2026-08-01",
        "--to",
        "2026-08-31",
    ]);
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).expect("utf-8");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(rows.iter().all(|r| r.starts_with("AC-HOT,violation,2026-08-")), "{csv}");
    assert!(!rows.is_empty());

    let unknown = ladder(&["check", "--db", db, "--rule", "NO-SUCH-RULE"]);
    assert_eq!(unknown.status.code(), Some(2), "an unknown rule is a usage error");
    let missing = ladder(&["check", "--db", &format!("{db}.nope")]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn the_monthly_service_report_summarises_the_previous_month() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let db = db.to_str().expect("path");
    assert!(ladder(&["demo", "--out", db, "--seed", "7"]).status.success());
    // "Today" 2026-10-03: the report covers September 2026.
    let out = ladder(&["report", "--db", db, "monthly-service", "--snapshot", "2026-10-03"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("section,item,value"));
    assert!(csv.contains("period,month,2026-09\n"), "{csv}");
    for needle in
        ["by_kind,query,", "by_kind,complaint,", "sla_rate,SVC-QUERY-10MIN,", "visits,coverage,"]
    {
        assert!(csv.contains(needle), "{needle} in {csv}");
    }
    let xlsx = dir.path().join("service.xlsx");
    let out = ladder(&[
        "report",
        "--db",
        db,
        "monthly-service",
        "--snapshot",
        "2026-10-03",
        "--out",
        xlsx.to_str().expect("path"),
    ]);
    assert!(out.status.success());
    assert!(std::fs::read(&xlsx).expect("xlsx").starts_with(b"PK"));
}
