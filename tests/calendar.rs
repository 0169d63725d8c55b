//! The working calendar through the CLI (issue 12): `ladder import --kind
//! calendar` then `ladder check` moves a complaint's clock across National
//! Day; and `ladder check` without a period judges missing records up to
//! today, not up to the latest record.

mod common;
use common::{import_customers, init, ok, p};

/// A database with customer C-1 and one complaint received on Wednesday
/// 2026-09-30 at 16:00 and resolved on Thursday 2026-10-08 at 11:00: 120
/// working minutes that Wednesday and 120 on the 8th when 1–7 October are
/// holidays (exactly the 240 allowed), far more when they are not.
fn national_day_complaint(dir: &std::path::Path) -> std::path::PathBuf {
    let db = init(dir, "office.db");
    import_customers(&db, &dir.join("customers.csv"), "code,name\nC-1,张三\n");
    let complaints = dir.join("complaints.csv");
    std::fs::write(
        &complaints,
        "received_at,customer_code,kind,category,first_handler,resolved_at,resolution\n\
         2026-09-30 16:00,C-1,complaint,账单,小李,2026-10-08 11:00,已退款\n",
    )
    .expect("write");
    ok(&["import", "--db", p(&db), "--kind", "complaints", "--input", p(&complaints)]);
    db
}

fn complaint_findings(db: &std::path::Path) -> Vec<String> {
    let args = [
        "check",
        "--db",
        p(db),
        "--rule",
        "SVC-COMPLAINT-HALFDAY",
        "--from",
        "2026-09-01",
        "--to",
        "2026-10-31",
    ];
    ok(&args).lines().skip(1).map(str::to_owned).collect()
}

#[test]
fn a_complaint_across_national_day_is_compliant_only_with_the_holidays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = national_day_complaint(dir.path());
    let without = complaint_findings(&db);
    assert_eq!(without.len(), 1, "{without:?}");
    assert!(
        without[0].starts_with("SVC-COMPLAINT-HALFDAY,violation,2026-09-30,C-1,"),
        "{without:?}"
    );

    let calendar = dir.path().join("holidays.csv");
    let mut text = String::from("date,working,name\n");
    for day in 1..=7 {
        text.push_str(&format!("2026-10-{day:02},no,国庆节\n"));
    }
    text.push_str("2026-10-10,yes,国庆节调休\n");
    std::fs::write(&calendar, text).expect("write");
    let said = ok(&["import", "--db", p(&db), "--kind", "calendar", "--input", p(&calendar)]);
    assert!(said.contains("imported 8 rows"), "{said}");
    assert_eq!(complaint_findings(&db), Vec::<String>::new());
}

/// Without `--to`, `ladder check` judges up to today: the monthly reports
/// due after the only record (in 2024) are missing.
#[test]
fn check_without_a_period_judges_missing_records_up_to_today() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "office.db");
    import_customers(&db, &dir.path().join("customers.csv"), "code,name\nC-1,张三\n");
    let complaints = dir.path().join("complaints.csv");
    std::fs::write(
        &complaints,
        "received_at,customer_code,kind,category,first_handler,resolved_at,resolution\n\
         2024-06-10 10:00,C-1,query,账单,小李,2024-06-10 10:05,已答复\n",
    )
    .expect("write");
    ok(&["import", "--db", p(&db), "--kind", "complaints", "--input", p(&complaints)]);
    let csv = ok(&["check", "--db", p(&db), "--rule", "SVC-MONTHLY-REPORT"]);
    assert!(
        csv.contains("SVC-MONTHLY-REPORT,missing,2024-08-05,,service_reports visits 2024-07,"),
        "{csv}"
    );
    // `--to` ends the judging earlier.
    let csv = ok(&["check", "--db", p(&db), "--rule", "SVC-MONTHLY-REPORT", "--to", "2024-07-31"]);
    assert!(!csv.contains("2024-08-05"), "{csv}");
    assert!(csv.contains("missing,2024-07-05,"), "{csv}");
}
