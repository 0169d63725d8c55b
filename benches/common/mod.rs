//! What the benchmarks that write big data share: one random generator and
//! one way to draw a sale, so every data set has the same shape.

use chrono::{Days, NaiveDate};
use ladder::domain::customer::CustomerId;
use ladder::domain::records::Transaction;

/// SplitMix64: tiny, fast, and stable across versions.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn unit(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let x = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        x
    }
}

/// One sale to one of customers `1..=customers` on one of the 730 days from
/// `first_day`, with a Pareto-like skew: the customer index is a power of a
/// uniform number, and one sale in ten is ten times bigger.
pub fn sale(rng: &mut Rng, customers: usize, first_day: NaiveDate) -> Transaction {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let who = ((rng.unit().powf(2.2) * customers as f64) as usize).min(customers - 1) + 1;
    let day = first_day + Days::new(rng.below(730));
    let cents = i64::try_from(500 + rng.below(200_000)).expect("small")
        * if rng.below(10) == 0 { 10 } else { 1 };
    Transaction {
        customer: CustomerId(i64::try_from(who).expect("fits")),
        date: day,
        amount_cents: cents,
        order_no: String::new(),
        product: String::new(),
        quantity: None,
    }
}
