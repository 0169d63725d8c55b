//! Winning a lost customer back (挽回), DOMAIN §2 "Retention and churn":
//! show the loss, the reason and an estimated win-back cost before
//! suggesting action, and never win back blindly. [`advice`] is the one
//! judgement the churn view shows; [`parse_winback_cost`] reads the form's
//! optional cost (the store keeps each customer's latest record:
//! `Store::latest_churn_records`).

use super::Lang;
use super::import::values::{ValueError, parse_amount_cents};
use super::labels::WINBACK_COST;
use super::pipeline::ChurnState;
use super::records::ChurnRecord;

/// What is wrong with a typed win-back cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WinbackCostError {
    /// Not an amount of money.
    Value(ValueError),
    /// A cost below zero.
    Negative,
}

impl WinbackCostError {
    /// The field's name and what is wrong ("Win-back cost: …").
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let problem = match self {
            // Shorter than the import's message (a cell of the churn view).
            Self::Value(_) => if zh {
                "不是金额，如 1200 或 ¥1,200.50"
            } else {
                "not an amount, such as 1200 or ¥1,200.50"
            }
            .to_owned(),
            Self::Negative => if zh { "不能为负数" } else { "must not be negative" }.to_owned(),
        };
        let sep = if zh { "：" } else { ": " };
        format!("{}{sep}{problem}", WINBACK_COST.text(lang))
    }
}

/// The form's win-back cost: empty is "not estimated" (`None`), else money
/// in cents, at least zero.
pub fn parse_winback_cost(text: &str) -> Result<Option<i64>, WinbackCostError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let cents = parse_amount_cents(text).map_err(WinbackCostError::Value)?;
    if cents < 0 {
        return Err(WinbackCostError::Negative);
    }
    Ok(Some(cents))
}

/// Whether a stored cost is acceptable (the store's re-check; the
/// schema's CHECK says the same).
pub fn check_winback_cost(cost: Option<i64>) -> Result<(), WinbackCostError> {
    match cost {
        Some(c) if c < 0 => Err(WinbackCostError::Negative),
        _ => Ok(()),
    }
}

/// What the churn view suggests for one customer, after showing the loss,
/// the reason and the cost. Amounts are cents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advice {
    /// At risk and nothing recorded yet: act now, before the fact; the
    /// customer's CLV is at stake.
    AtRisk { at_stake: i64 },
    /// Churned and nothing recorded: record the reason and the loss first.
    RecordWhy { loss: i64 },
    /// No win-back cost estimated: estimate it before acting.
    EstimateCost { loss: i64 },
    /// Repair decided and the cost is below the loss: worth trying.
    WorthTrying { cost: i64, loss: i64 },
    /// The cost is below the loss but no repair was decided.
    CheaperThanLoss { cost: i64, loss: i64 },
    /// The cost is at or above the loss: winning back would cost more than
    /// it saves (do not win back blindly).
    CostsMore { cost: i64, loss: i64 },
}

/// The suggestion for a customer in `state` with its current churn record
/// (if any) and its CLV in cents (the loss at stake while no record holds
/// the loss). A cost equal to the loss saves nothing: [`Advice::CostsMore`].
pub fn advice(state: ChurnState, record: Option<&ChurnRecord>, clv_cents: i64) -> Advice {
    let Some(r) = record else {
        return match state {
            ChurnState::Churned => Advice::RecordWhy { loss: clv_cents },
            _ => Advice::AtRisk { at_stake: clv_cents },
        };
    };
    let loss = r.estimated_loss_cents;
    match r.winback_cost_cents {
        None => Advice::EstimateCost { loss },
        Some(cost) if cost >= loss => Advice::CostsMore { cost, loss },
        Some(cost) if r.try_repair => Advice::WorthTrying { cost, loss },
        Some(cost) => Advice::CheaperThanLoss { cost, loss },
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::customer::CustomerId;
    use crate::domain::terms::ChurnReason;

    fn record(try_repair: bool, loss: i64, cost: Option<i64>) -> ChurnRecord {
        ChurnRecord {
            customer: CustomerId(7),
            recorded_at: NaiveDate::from_ymd_opt(2026, 5, 1).expect("day"),
            reason: ChurnReason::Price,
            root_cause: String::new(),
            try_repair,
            estimated_loss_cents: loss,
            winback_cost_cents: cost,
        }
    }

    fn judge(try_repair: bool, loss: i64, cost: Option<i64>) -> Advice {
        advice(ChurnState::Churned, Some(&record(try_repair, loss, cost)), 999)
    }

    #[test]
    fn a_cost_below_the_loss_is_worth_trying_when_repair_was_decided() {
        assert_eq!(
            judge(true, 500_000, Some(120_000)),
            Advice::WorthTrying { cost: 120_000, loss: 500_000 }
        );
        assert_eq!(
            judge(false, 500_000, Some(120_000)),
            Advice::CheaperThanLoss { cost: 120_000, loss: 500_000 }
        );
        assert_eq!(judge(true, 500_000, Some(0)), Advice::WorthTrying { cost: 0, loss: 500_000 });
    }

    #[test]
    fn a_cost_equal_to_or_above_the_loss_warns() {
        assert_eq!(
            judge(true, 500_000, Some(500_000)),
            Advice::CostsMore { cost: 500_000, loss: 500_000 }
        );
        assert_eq!(
            judge(true, 500_000, Some(500_001)),
            Advice::CostsMore { cost: 500_001, loss: 500_000 }
        );
        assert_eq!(
            judge(true, 500_000, Some(499_999)),
            Advice::WorthTrying { cost: 499_999, loss: 500_000 }
        );
        // Nothing to lose: even a free win-back saves nothing.
        assert_eq!(judge(true, 0, Some(0)), Advice::CostsMore { cost: 0, loss: 0 });
        assert_eq!(judge(false, 0, Some(100)), Advice::CostsMore { cost: 100, loss: 0 });
    }

    #[test]
    fn a_missing_cost_asks_for_an_estimate_first() {
        assert_eq!(judge(true, 500_000, None), Advice::EstimateCost { loss: 500_000 });
        assert_eq!(judge(false, 0, None), Advice::EstimateCost { loss: 0 });
    }

    #[test]
    fn without_a_record_at_risk_warns_with_the_clv_at_stake() {
        assert_eq!(advice(ChurnState::AtRisk, None, 80_000), Advice::AtRisk { at_stake: 80_000 });
        assert_eq!(advice(ChurnState::Churned, None, 80_000), Advice::RecordWhy { loss: 80_000 });
        // A record holds its own loss, not today's CLV.
        let r = record(true, 50_000, Some(10_000));
        assert_eq!(
            advice(ChurnState::AtRisk, Some(&r), 80_000),
            Advice::WorthTrying { cost: 10_000, loss: 50_000 }
        );
    }

    #[test]
    fn the_typed_cost_is_optional_money_never_negative() {
        assert_eq!(parse_winback_cost(""), Ok(None));
        assert_eq!(parse_winback_cost("  "), Ok(None));
        assert_eq!(parse_winback_cost("1,200.50"), Ok(Some(120_050)));
        assert_eq!(parse_winback_cost("¥0"), Ok(Some(0)));
        assert_eq!(parse_winback_cost("-5"), Err(WinbackCostError::Negative));
        assert_eq!(parse_winback_cost("abc"), Err(WinbackCostError::Value(ValueError::NotAmount)));
        let en = WinbackCostError::Negative.text(Lang::En);
        assert_eq!(en, "Win-back cost: must not be negative");
        assert_eq!(WinbackCostError::Negative.text(Lang::Zh), "挽回成本：不能为负数");
        assert!(parse_winback_cost("x").unwrap_err().text(Lang::Zh).starts_with("挽回成本："));
        assert_eq!(check_winback_cost(Some(-1)), Err(WinbackCostError::Negative));
        assert_eq!(check_winback_cost(None), Ok(()));
    }
}
