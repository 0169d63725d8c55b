//! The pipeline's column totals equal direct SQL sums over the demo database.

use ladder::domain::demo::DemoOptions;
use ladder::domain::terms::{LadderStep, OpportunityStage};
use ladder::store::Store;

#[test]
fn ladder_and_stage_totals_match_direct_sums() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.db");
    let store = Store::create_demo(&path, &DemoOptions::default()).expect("demo");
    let ladder = store.ladder_totals().expect("ladder");
    let stages = store.stage_totals().expect("stages");
    let conn = rusqlite::Connection::open(&path).expect("open");
    for step in LadderStep::ALL {
        // Correlated sums: an independent way of asking the same question.
        let (n, revenue): (i64, i64) = conn
            .query_row(
                "SELECT count(*), coalesce(sum((SELECT coalesce(sum(amount_cents), 0) \
                 FROM transactions t WHERE t.customer_id = c.id)), 0) \
                 FROM customers c WHERE c.ladder_step = ?1 AND c.deleted_at IS NULL",
                [step.code()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("sum");
        let t = ladder.iter().find(|t| t.step == *step).expect("step");
        assert_eq!((t.customers, t.revenue_cents), (n, revenue.into()), "{step:?}");
    }
    assert_eq!(ladder.iter().map(|t| t.customers).sum::<i64>(), 300);
    for stage in OpportunityStage::ALL {
        let mut stmt = conn
            .prepare(
                "SELECT expected_value_cents, probability_pct FROM opportunities WHERE stage = ?1",
            )
            .expect("prepare");
        let rows: Vec<(i64, i64)> = stmt
            .query_map([stage.code()], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        let value: i64 = rows.iter().map(|r| r.0).sum();
        let weighted: i64 = rows
            .iter()
            .map(|(v, p)| {
                ladder::domain::pipeline::weighted_cents(*v, u8::try_from(*p).expect("pct"))
            })
            .sum();
        let t = stages.iter().find(|t| t.stage == *stage).expect("stage");
        assert_eq!(
            (t.count, t.value_cents, t.weighted_cents),
            (rows.len() as i64, value.into(), weighted.into()),
            "{stage:?}"
        );
    }
}

#[test]
fn stage_totals_past_i64_are_exact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.db");
    drop(Store::create_demo(&path, &DemoOptions::default()).expect("demo"));
    let conn = rusqlite::Connection::open(&path).expect("open");
    // Two opportunities of one stage at the largest amount an i64 holds.
    let stage = OpportunityStage::Proposal;
    let n = conn
        .execute(
            "UPDATE opportunities SET expected_value_cents = ?1, probability_pct = 100 \
             WHERE id IN (SELECT o.id FROM opportunities o JOIN customers c \
                          ON c.id = o.customer_id WHERE c.deleted_at IS NULL AND o.stage = ?2 \
                          LIMIT 2)",
            rusqlite::params![i64::MAX, stage.code()],
        )
        .expect("update");
    assert_eq!(n, 2, "the demo has two proposals");
    let rows: Vec<(i64, u8)> = conn
        .prepare(
            "SELECT o.expected_value_cents, o.probability_pct FROM opportunities o \
             JOIN customers c ON c.id = o.customer_id \
             WHERE c.deleted_at IS NULL AND o.stage = ?1",
        )
        .and_then(|mut s| s.query_map([stage.code()], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("rows");
    let value: i128 = rows.iter().map(|r| i128::from(r.0)).sum();
    let weighted: i128 =
        rows.iter().map(|&(v, p)| i128::from(ladder::domain::pipeline::weighted_cents(v, p))).sum();
    drop(conn);
    let store = Store::open(&path, chrono::NaiveDateTime::default()).expect("open");
    let stages = store.stage_totals().expect("no integer overflow");
    let t = stages.iter().find(|t| t.stage == stage).expect("stage");
    assert_eq!((t.value_cents, t.weighted_cents), (value, weighted));
}
