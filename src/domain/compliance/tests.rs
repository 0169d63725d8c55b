//! Tests of the rule catalogue, the report and the helpers shared by the rules.

use super::fixture::{World, d};
use super::*;

#[test]
fn catalogue_lists_every_rule_of_domain_section_4_once() {
    let ids: Vec<&str> = rules().iter().map(|r| r.id).collect();
    assert_eq!(
        ids,
        [
            "AC-SEASON",
            "AC-CHECKS",
            "AC-HOT",
            "AC-SUMMER-SET",
            "AC-WINTER",
            "AC-WINDOWS",
            "AC-EMPTY",
            "AC-OFF-EARLY",
            "AC-MAINT",
            "AC-FAULT",
            "SVC-FOLLOWUP",
            "SVC-QUERY-10MIN",
            "SVC-COMPLAINT-HALFDAY",
            "SVC-FIRST-30MIN",
            "SVC-REVISIT",
            "SVC-VISIT-50",
            "SVC-MONTHLY-REPORT",
            "SVC-LEDGER",
            "SVC-SURVEY",
        ]
    );
    for r in rules() {
        assert!(!r.original_zh.is_empty() && !r.summary_en.is_empty(), "{}", r.id);
        assert!(!r.summary_zh.is_empty() && !r.clause.is_empty(), "{}", r.id);
        assert!(!r.summary_en.contains("  "), "{}: {}", r.id, r.summary_en);
        assert_eq!(r.group == RuleGroup::Ac, r.id.starts_with("AC-"), "{}", r.id);
    }
}

/// The seeds live beside the project in `shared/seeds/`; where they are
/// not present (a checkout without them) there is nothing to compare.
#[test]
fn original_texts_are_copied_from_the_seeds() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no seeds at {}; skipped", dir.display());
        return;
    };
    // Seeds wrap lines inside sentences; compare without whitespace.
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut seeds = String::new();
    for entry in entries.flatten() {
        seeds += &squash(&std::fs::read_to_string(entry.path()).unwrap_or_default());
    }
    for r in rules() {
        for part in r.original_zh.split('\n') {
            // A quote may skip the start of a clause ("……") and ends at a
            // sentence; its clause number may be written differently.
            let part = part.split("……").last().unwrap_or(part);
            let part = part.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
            let part = part.trim_end_matches(['。', ';']);
            assert!(seeds.contains(&squash(part)), "{}: {part}", r.id);
        }
    }
}

#[test]
fn unknown_rule_and_bad_settings_are_errors() {
    let world = World::default();
    let period = Period { from: d("2024-06-01"), to: d("2024-06-30") };
    let err = check(&world.records(), &world.settings, period, d("2024-07-01"), Some("AC-X"))
        .expect_err("unknown rule");
    assert!(err.to_string().contains("AC-HOT"), "{err}");
    let mut settings = Settings { working_hours: "9-18".into(), ..Settings::default() };
    let err =
        check(&world.records(), &settings, period, d("2024-07-01"), None).expect_err("bad hours");
    assert_eq!(
        err.to_string(),
        "setting working_hours: time range \"9-18\" in \"9-18\" is not HH:MM-HH:MM with the \
         start before the end"
    );
    settings = Settings { ac_check_windows: String::new(), ..Settings::default() };
    let err =
        check(&world.records(), &settings, period, d("2024-07-01"), None).expect_err("no windows");
    assert!(matches!(err, ComplianceError::Setting { key: "ac_check_windows", .. }));
}

#[test]
fn findings_are_sorted_and_counted_per_rule() {
    let mut world = World::with_area();
    world.row("2024-07-02", "10:00", 285, true); // AC-HOT violation, row 1
    world.row("2024-07-01", "10:00", 280, true); // AC-HOT violation, row 2
    world.row("2024-07-01", "15:00", 300, true); // compliant, row 3
    let period = Period { from: d("2024-07-01"), to: d("2024-07-02") };
    let report = check_with_stats(&world.records(), &world.settings, period, d("2024-07-03"), None)
        .expect("runs");
    let keys: Vec<(String, &str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.date.to_string(), f.rule_id, f.record.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("2024-07-01".into(), "AC-HOT", "ac_checks#2"),
            ("2024-07-02".into(), "AC-CHECKS", "ac_areas#1 15:00-17:00"),
            ("2024-07-02".into(), "AC-HOT", "ac_checks#1"),
        ]
    );
    let hot = report.stats.iter().find(|s| s.rule_id == "AC-HOT").expect("AC-HOT stats");
    assert_eq!((hot.checked, hot.violations, hot.missing), (3, 2, 0));
    assert_eq!(hot.compliance_rate(), Some(1.0 / 3.0));
    let checks = report.stats.iter().find(|s| s.rule_id == "AC-CHECKS").expect("stats");
    assert_eq!((checks.checked, checks.violations, checks.missing), (4, 0, 1));
    assert_eq!(report.stats.len(), rules().len());
    assert_eq!(Status::Missing.code(), "missing");
    assert_eq!(Status::Violation.code(), "violation");
}

#[test]
fn covering_period_spans_all_records() {
    let mut world = World::with_area();
    assert_eq!(Period::covering(&world.records()), None);
    world.row("2024-07-02", "10:00", 300, false);
    world.row("2024-06-20", "10:00", 300, false);
    assert_eq!(
        Period::covering(&world.records()),
        Some(Period { from: d("2024-06-20"), to: d("2024-07-02") })
    );
}

#[test]
fn formats_temperatures() {
    assert_eq!(format_temp(290), "29.0 °C");
    assert_eq!(format_temp(289), "28.9 °C");
    assert_eq!(format_temp(-5), "-0.5 °C");
}
