//! The `transactions` table (purchases): one insert statement shared by the
//! bulk writers and the importer's fast path, bound without allocating.

use rusqlite::Statement;

use crate::domain::customer::CustomerId;
use crate::domain::records::Transaction;
use crate::store::sql::date_text;

/// How a transaction row is inserted.
pub(crate) const INSERT: &str = "INSERT INTO transactions \
     (customer_id, date, amount_cents, order_no, product, quantity) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/// Binds one row's values (the date as its stored `YYYY-MM-DD` text) to the
/// prepared [`INSERT`] and runs it.
pub(crate) fn execute(
    stmt: &mut Statement<'_>,
    customer: CustomerId,
    date: &str,
    amount_cents: i64,
    order_no: &str,
    product: &str,
    quantity: Option<f64>,
) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(1, customer.0)?;
    stmt.raw_bind_parameter(2, date)?;
    stmt.raw_bind_parameter(3, amount_cents)?;
    stmt.raw_bind_parameter(4, order_no)?;
    stmt.raw_bind_parameter(5, product)?;
    stmt.raw_bind_parameter(6, quantity)?;
    stmt.raw_execute()?;
    Ok(())
}

/// Inserts a typed transaction.
pub(crate) fn execute_typed(stmt: &mut Statement<'_>, t: &Transaction) -> rusqlite::Result<()> {
    let date = date_text(t.date);
    execute(stmt, t.customer, &date, t.amount_cents, &t.order_no, &t.product, t.quantity)
}
