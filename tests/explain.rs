//! `ladder explain` on the demo company: for every ranked customer, every
//! value recomputes by hand from the positions and parameters printed, and
//! equals what `ladder report rfm/clv/tiers` says of that customer. The
//! library is called once per customer (one analysis); the CLI itself runs
//! for a few customers, and must print the same rows.

use std::collections::HashMap;
use std::path::Path;

use ladder::domain::Lang;
use ladder::domain::analysis::explain::{explain, find, table};
use ladder::domain::analysis::explain_text::text;
use ladder::domain::analysis::report::{Analysis, analyse};
use ladder::domain::analysis::rfm::default_segments;
use ladder::store::Store;

mod common;
use common::{ladder, ok, p, stderr};

/// A report's rows by customer code, each as column name → text.
fn report(db: &Path, name: &str) -> HashMap<String, HashMap<String, String>> {
    let csv = ok(&["report", "--db", p(db), name]);
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    lines
        .map(|line| {
            let row: HashMap<String, String> = header
                .iter()
                .zip(line.split(','))
                .map(|(h, v)| ((*h).to_owned(), v.to_owned()))
                .collect();
            (row["customer_code"].clone(), row)
        })
        .collect()
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("demo.db");
    ok(&["demo", "--out", p(&db), "--end", "2026-10-31"]);
    db
}

fn analysis(db: &Path) -> Analysis {
    let store = Store::open_reading(db, common::now()).expect("open");
    let settings = store.settings().expect("settings");
    let input = store.analysis_input(None, &mut |_| true).expect("input");
    analyse(input, &settings, default_segments())
}

/// The explanation's `name,value` rows as a map.
fn rows(a: &Analysis, i: usize) -> HashMap<String, String> {
    let t = table(&explain(a, i).expect("explained"));
    t.rows.iter().map(|r| (r[0].to_text(), r[1].to_text())).collect()
}

fn num(row: &HashMap<String, String>, name: &str) -> f64 {
    row[name].parse().unwrap_or_else(|_| panic!("{name} = {:?} is not a number", row[name]))
}

fn int(row: &HashMap<String, String>, name: &str) -> usize {
    row[name].parse().unwrap_or_else(|_| panic!("{name} = {:?} is not a count", row[name]))
}

fn close(what: &str, got: f64, expected: f64, eps: f64) {
    assert!((got - expected).abs() <= eps, "{what}: got {got}, by hand {expected}");
}

#[test]
fn every_customer_of_the_demo_recomputes_by_hand_and_equals_the_reports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let (rfm, clv, tiers) = (report(&db, "rfm"), report(&db, "clv"), report(&db, "tiers"));
    let a = analysis(&db);
    assert_eq!(a.customers.len(), rfm.len());
    let n = rfm.len();
    // The report's own columns, for positions and h counted by hand.
    let column = |name: &str, from: &HashMap<String, HashMap<String, String>>| -> Vec<f64> {
        from.values().map(|r| r[name].parse::<f64>().expect("number")).collect()
    };
    let (recency, frequency, monetary) =
        (column("recency_days", &rfm), column("frequency", &rfm), column("monetary", &rfm));
    let clvs = column("clv", &clv);
    let rules = default_segments();
    let mut by_hand = 0;
    let mut empty_f = 0;
    for (i, c) in a.customers.iter().enumerate() {
        let code = &c.info.code;
        let e = rows(&a, i);
        let (r_row, c_row, t_row) = (&rfm[code], &clv[code], &tiers[code]);
        assert_eq!(int(&e, "customers_ranked"), n);
        // R, F, M: the position is the number of customers with a strictly
        // smaller value (counted here from the report), the score ⌊5p/n⌋ + 1.
        for (metric, values, score, flip) in [
            ("recency", &recency, "r", true),
            ("frequency", &frequency, "f", false),
            ("monetary", &monetary, "m", false),
        ] {
            let value_name = if metric == "recency" { "recency_days" } else { metric };
            let value = num(&e, value_name);
            assert_eq!(e[value_name], r_row[value_name], "{code} {value_name}");
            let position = int(&e, &format!("{metric}_position"));
            assert_eq!(position, values.iter().filter(|v| **v < value).count(), "{code} {metric}");
            let tied = values.iter().filter(|v| **v == value).count() - 1;
            assert_eq!(int(&e, &format!("{metric}_tied")), tied, "{code} {metric} ties");
            let bucket = 5 * position / n + 1;
            let expected = if flip { 6 - bucket } else { bucket };
            assert_eq!(int(&e, score), expected, "{code} {score}");
            assert_eq!(e[score], r_row[score], "{code} {score} against the report");
        }
        assert_eq!(e["rfm"], format!("{}{}{}", e["r"], e["f"], e["m"]));
        assert_eq!(e["rfm"], r_row["rfm"]);
        // The segment: the first row of the table holding all three scores.
        let scores =
            [int(&e, "r"), int(&e, "f"), int(&e, "m")].map(|s| u8::try_from(s).expect("score"));
        let first = rules.iter().position(|rule| rule.contains(scores[0], scores[1], scores[2]));
        match first {
            Some(row) => {
                assert_eq!(int(&e, "segment_row"), row + 1, "{code}");
                let rule = &rules[row];
                assert_eq!(e["segment_r"], format!("{}-{}", rule.r.0, rule.r.1));
            }
            None => assert_eq!(e["segment_row"], "", "{code}"),
        }
        assert_eq!(e["segment"], r_row["segment"]);
        if !e["f_empty_scores"].is_empty() {
            empty_f += 1;
        }
        // CLV: observed years, the annual margin, each year's term, the sum.
        let days = num(&e, "observed_days");
        let years = (days / 365.25).max(1.0 / 12.0);
        assert_eq!(e["observed_years"], format!("{years:.6}"), "{code}");
        let (rate, keep, disc) =
            (num(&e, "clv_margin_rate"), num(&e, "clv_retention"), num(&e, "clv_discount"));
        let margin = num(&e, "monetary") / num(&e, "observed_years") * rate;
        close(
            &format!("{code} annual margin"),
            num(&e, "annual_margin"),
            margin,
            0.01 + margin.abs() * 1e-5,
        );
        let horizon = int(&e, "clv_horizon_years");
        let mut sum = 0.0;
        for t in 1..=horizon {
            let term = num(&e, "annual_margin") * keep.powi(i32::try_from(t).expect("t") - 1)
                / (1.0 + disc).powi(i32::try_from(t).expect("t"));
            let printed = num(&e, &format!("clv_year_{t}"));
            close(&format!("{code} year {t}"), printed, term, 0.01);
            sum += printed;
        }
        close(&format!("{code} CLV"), num(&e, "clv"), sum, 0.01);
        for name in ["monetary", "observed_years", "annual_margin", "clv"] {
            assert_eq!(e[name], c_row[name], "{code} {name} against the clv report");
        }
        // Importance: h counted from the clv report; critical when h < ⌈share·n⌉.
        let own = num(&e, "clv");
        let h = clvs.iter().filter(|v| **v > own).count();
        assert_eq!(int(&e, "customers_with_higher_clv"), h, "{code} h");
        #[allow(clippy::cast_precision_loss)]
        let importance = 1.0 - h as f64 / n as f64;
        assert_eq!(e["importance"], format!("{importance:.6}"));
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let cutoff = (num(&e, "critical_share") * n as f64).ceil() as usize;
        assert_eq!(int(&e, "critical_cutoff"), cutoff);
        let critical = match e["importance_set_by_hand"].as_str() {
            "" => h < cutoff,
            set => set == "true",
        };
        assert_eq!(e["critical"], critical.to_string(), "{code}");
        // Difficulty from its parts.
        let poor = if e["credit_poor"] == "true" { 1.0 } else { 0.0 };
        let difficulty = num(&e, "complaints_365d") + 0.5 * num(&e, "overdue_followups") + poor;
        assert_eq!(e["difficulty"], format!("{difficulty:.1}"), "{code}");
        let difficult = match e["difficulty_set_by_hand"].as_str() {
            "" => difficulty >= num(&e, "difficult_threshold"),
            set => set == "true",
        };
        assert_eq!(e["difficult"], difficult.to_string(), "{code}");
        let tier = match (critical, difficult) {
            (true, false) => "platinum",
            (true, true) => "gold",
            (false, true) => "steel",
            (false, false) => "lead",
        };
        assert_eq!(e["tier"], tier, "{code}");
        if e["tier_set_by_hand"] == "true" {
            by_hand += 1;
        }
        for name in ["importance", "difficulty", "critical", "difficult", "tier"] {
            assert_eq!(e[name], t_row[name], "{code} {name} against the tiers report");
        }
    }
    assert!(by_hand > 0, "the demo has customers whose tier was set by hand");
    assert_eq!(empty_f, n, "the demo's F 2 column is empty, and every explanation says so");
}

#[test]
fn the_cli_prints_the_librarys_rows_and_sentences_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let a = analysis(&db);
    for code in ["C-000001", "C-000006", &a.customers[a.customers.len() - 1].info.code.clone()] {
        let i = find(&a, code).expect("ranked");
        let e = explain(&a, i).expect("explained");
        let csv = ok(&["explain", "--db", p(&db), "--customer", code]);
        let mut expected = String::from("name,value\n");
        for row in &table(&e).rows {
            expected.push_str(&format!("{},{}\n", row[0].to_text(), row[1].to_text()));
        }
        assert_eq!(csv.trim_start_matches('\u{feff}').replace("\r\n", "\n"), expected, "{code}");
        let [_, f, _] = e.metrics;
        for (lang, flag, said) in [
            (Lang::En, "en", "customers bought fewer times"),
            (Lang::Zh, "zh", "位客户购买次数更少"),
        ] {
            let sentences =
                ok(&["explain", "--db", p(&db), "--customer", code, "--text", "--lang", flag]);
            assert_eq!(sentences, text(&e, lang));
            let formula = format!(
                "F = ⌊5 × {} / {}⌋ + 1 = {}",
                ladder::domain::analysis::explain_text::grouped(
                    i128::try_from(f.position).expect("p")
                ),
                ladder::domain::analysis::explain_text::grouped(
                    i128::try_from(a.customers.len()).expect("n")
                ),
                f.score
            );
            assert!(sentences.contains(&formula), "{formula} in {sentences}");
            assert!(sentences.contains(said), "{said} in {sentences}");
        }
    }
    // The hand-set tier is said, in both languages.
    let hand = a
        .customers
        .iter()
        .position(|c| c.info.importance_override.is_some() || c.info.difficulty_override.is_some())
        .expect("a hand-set tier");
    let code = &a.customers[hand].info.code;
    let en = ok(&["explain", "--db", p(&db), "--customer", code, "--text", "--lang", "en"]);
    assert!(en.contains("Set by hand: the computed figures alone give"), "{en}");
    let zh = ok(&["explain", "--db", p(&db), "--customer", code, "--text", "--lang", "zh"]);
    assert!(zh.contains("手工设定：仅按计算为"), "{zh}");
    assert!(zh.contains("没有客户得到 F 2"), "{zh}");
}

#[test]
fn unknown_unranked_and_bad_arguments_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let before = std::fs::read(&db).expect("read");
    let out = ladder(&["explain", "--db", p(&db), "--customer", "NOPE"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no customer with the code \"NOPE\""), "{}", stderr(&out));
    // A customer with no purchases before the snapshot is not ranked.
    let a = analysis(&db);
    let customers = ok(&["customers", "--db", p(&db)]);
    let unranked = customers
        .lines()
        .skip(1)
        .filter_map(|l| l.trim_start_matches('\u{feff}').split(',').next())
        .find(|code| find(&a, code).is_none())
        .expect("a customer without purchases")
        .to_owned();
    let out = ladder(&["explain", "--db", p(&db), "--customer", &unranked]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("has no purchases before"), "{}", stderr(&out));
    // Before the first purchase nobody is ranked.
    let out =
        ladder(&["explain", "--db", p(&db), "--customer", "C-000001", "--snapshot", "2000-01-01"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = ladder(&["explain", "--db", p(&db), "--customer", "C-000001", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    let missing = dir.path().join("missing.db");
    let out = ladder(&["explain", "--db", p(&missing), "--customer", "C-000001"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!missing.exists(), "no file created");
    assert_eq!(std::fs::read(&db).expect("read"), before, "the database is unchanged");
}
