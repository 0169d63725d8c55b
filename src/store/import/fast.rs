//! The read-ahead fast path of transactions files: plain rows parsed on the
//! reading thread, their customers found there, without allocating.

use std::sync::Arc;

use chrono::NaiveDate;

use super::codes::CodeMap;
use super::table;
use crate::domain::customer::CustomerId;
use crate::domain::import::Mapping;
use crate::domain::import::problems::{YEARS, cell_problem};
use crate::domain::import::values::parse_quantity;
use crate::store::tables::transactions;

/// The columns of a transactions file, looked up once per import.
#[derive(Clone)]
pub(super) struct TransactionColumns {
    code: Option<usize>,
    date: Option<usize>,
    amount: Option<usize>,
    order_no: Option<usize>,
    product: Option<usize>,
    quantity: Option<usize>,
    /// How many columns the header has: rows with another number of cells
    /// go to the parser.
    width: usize,
}

impl TransactionColumns {
    /// The columns of `mapping`.
    pub(super) fn new(mapping: &Mapping) -> Self {
        Self {
            width: mapping.headers().len(),
            code: mapping.column("customer_code"),
            date: mapping.column("date"),
            amount: mapping.column("amount"),
            order_no: mapping.column("order_no"),
            product: mapping.column("product"),
            quantity: mapping.column("quantity"),
        }
    }
}

/// A transaction row read without allocating, its text borrowed from the
/// row's cells.
#[derive(Debug, PartialEq)]
pub(super) struct PlainTransaction<'a> {
    pub(super) code: &'a str,
    /// The date as stored: `YYYY-MM-DD` (written so, or as `YYYYMMDD`).
    pub(super) date: [u8; 10],
    pub(super) amount_cents: i64,
    pub(super) order_no: &'a str,
    pub(super) product: &'a str,
    pub(super) quantity: Option<f64>,
}

impl<'a> PlainTransaction<'a> {
    /// The row as it is inserted, for `customer`.
    pub(super) fn row(&self, customer: CustomerId) -> transactions::Row<'_> {
        transactions::Row {
            customer,
            date: date_str(&self.date),
            amount_cents: self.amount_cents,
            order_no: self.order_no,
            product: self.product,
            quantity: self.quantity,
        }
    }
}

/// Reads a transaction row whose cells have the plain shapes: as many cells
/// as the header has columns, a customer code of 1–32 visible ASCII
/// characters that does not start like a formula or an Excel error, a
/// `YYYY-MM-DD` or `YYYYMMDD` date in the calendar and in [`YEARS`] (the two
/// shapes exports and old systems' logs write), an amount of digits
/// with an optional `-` and 1–2 decimals within the per-row maximum, a
/// quantity of 0 or more the full parser reads, an order number and product
/// that [`cell_problem`] passes,
/// and no cell starting with the formula escape `'`. `None` for any other
/// row: the full parser reads it then (and says what is wrong with it), so
/// this never decides differently.
pub(super) fn plain_transaction<'a, S: AsRef<str>>(
    columns: &TransactionColumns,
    cells: &'a [S],
) -> Option<PlainTransaction<'a>> {
    // As the row parser reads a cell: trimmed, empty when missing; a cell
    // that starts with `'` goes to the full parser.
    let text = |column: Option<usize>| -> Option<&'a str> {
        let text = column.and_then(|c| cells.get(c)).map_or("", |cell| cell.as_ref().trim());
        (!text.starts_with('\'')).then_some(text)
    };
    if cells.len() != columns.width {
        return None;
    }
    let code = text(columns.code)?;
    // Codes the customer rules accept: no spaces, at most 32 characters.
    if code.is_empty()
        || code.len() > 32
        || !code.bytes().all(|b| b.is_ascii_graphic())
        || code.starts_with(['=', '+', '-', '@', '#'])
    {
        return None;
    }
    let date = plain_date(text(columns.date)?)?;
    let amount_cents = plain_cents(text(columns.amount)?)?;
    let quantity = match text(columns.quantity)? {
        "" => None,
        quantity => Some(parse_quantity(quantity).ok().filter(|q| *q >= 0.0)?),
    };
    let order_no = text(columns.order_no)?;
    let product = text(columns.product)?;
    if cell_problem(order_no).is_some() || cell_problem(product).is_some() {
        return None;
    }
    Some(PlainTransaction { code, date, amount_cents, order_no, product, quantity })
}

/// Whose purchase a ready row is.
#[derive(Debug, PartialEq)]
pub(super) enum Buyer {
    /// A live customer the database held when the import started.
    Known(CustomerId),
    /// A code the database did not hold (when the import creates
    /// customers): the writing thread finds the customer an earlier row of
    /// this import created, or creates it.
    New(String),
}

/// A plain transaction row (see [`plain_transaction`]) that the reading
/// thread parsed, its customer found among the codes the database held when
/// the import started: all the writing thread does is insert it. (That
/// lookup and parse took about a third of the writing thread's time, while
/// the reading thread waited on it most of the time.)
#[derive(Debug, PartialEq)]
pub(super) struct ReadyTransaction {
    pub(super) buyer: Buyer,
    /// `YYYY-MM-DD`.
    pub(super) date: [u8; 10],
    pub(super) amount_cents: i64,
    pub(super) order_no: String,
    pub(super) product: String,
    pub(super) quantity: Option<f64>,
}

impl ReadyTransaction {
    /// What the reading thread makes of the rows of a transactions file:
    /// a plain row with a live customer among `codes`, or (when `creates`)
    /// with a code `codes` does not hold; its cells otherwise (then the
    /// writing thread reads it as before, and says what is wrong with it).
    pub(super) fn preparer(
        columns: TransactionColumns,
        codes: Arc<CodeMap<Option<CustomerId>>>,
        creates: bool,
    ) -> table::Prepare<Self> {
        Box::new(move |cells| {
            let t = plain_transaction(&columns, cells)?;
            let buyer = match codes.get(t.code) {
                // A customer in the trash: the writing thread says so.
                Some(known) => Buyer::Known((*known)?),
                None if creates => Buyer::New(t.code.to_owned()),
                None => return None,
            };
            Some(Self {
                buyer,
                date: t.date,
                amount_cents: t.amount_cents,
                order_no: t.order_no.to_owned(),
                product: t.product.to_owned(),
                quantity: t.quantity,
            })
        })
    }

    /// The row as it is inserted, for `customer`.
    pub(super) fn row(&self, customer: CustomerId) -> transactions::Row<'_> {
        transactions::Row {
            customer,
            date: date_str(&self.date),
            amount_cents: self.amount_cents,
            order_no: &self.order_no,
            product: &self.product,
            quantity: self.quantity,
        }
    }
}

/// The stored text of a date: ten ASCII bytes, as [`plain_date`] wrote them.
fn date_str(date: &[u8; 10]) -> &str {
    std::str::from_utf8(date).unwrap_or_default()
}

/// `YYYY-MM-DD` or `YYYYMMDD` that is a day of the calendar, as the stored
/// `YYYY-MM-DD`.
fn plain_date(text: &str) -> Option<[u8; 10]> {
    let b = text.as_bytes();
    let (year, month, day) = match b.len() {
        10 if b[4] == b'-' && b[7] == b'-' => (&b[0..4], &b[5..7], &b[8..10]),
        8 => (&b[0..4], &b[4..6], &b[6..8]),
        _ => return None,
    };
    let number = |digits: &[u8]| {
        digits
            .iter()
            .try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let y = i32::try_from(number(year)?).ok().filter(|y| YEARS.contains(y))?;
    NaiveDate::from_ymd_opt(y, number(month)?, number(day)?)?;
    let mut stored = *b"0000-00-00";
    stored[0..4].copy_from_slice(year);
    stored[5..7].copy_from_slice(month);
    stored[8..10].copy_from_slice(day);
    Some(stored)
}

/// Cents of `D`, `D.C` or `D.CC` with an optional leading `-` and at most
/// 15 integer digits (so it cannot overflow).
fn plain_cents(text: &str) -> Option<i64> {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if int.is_empty() || int.len() > 15 || (text.contains('.') && frac.is_empty()) {
        return None;
    }
    if frac.len() > 2 {
        return None;
    }
    let mut cents: i64 = 0;
    for d in int.bytes().chain(frac.bytes()) {
        if !d.is_ascii_digit() {
            return None;
        }
        cents = cents * 10 + i64::from(d - b'0');
    }
    if frac.len() < 2 {
        cents *= if frac.is_empty() { 100 } else { 10 };
    }
    // Past the per-row maximum: the full parser says so.
    if cents > crate::domain::money::MAX_ROW_CENTS {
        return None;
    }
    Some(if negative { -cents } else { cents })
}
