//! The `transactions` table (purchases): one insert statement shared by the
//! bulk writers and the importer's fast path, bound without allocating.

use rusqlite::Statement;

use crate::domain::customer::CustomerId;
use crate::domain::records::Transaction;
use crate::store::sql::date_text;

/// How a transaction row is inserted.
pub(crate) const INSERT: &str = "INSERT INTO transactions \
     (customer_id, date, amount_cents, order_no, product, quantity) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/// One transaction row's values, its text borrowed.
pub(crate) struct Row<'a> {
    pub(crate) customer: CustomerId,
    /// The stored `YYYY-MM-DD` text.
    pub(crate) date: &'a str,
    pub(crate) amount_cents: i64,
    pub(crate) order_no: &'a str,
    pub(crate) product: &'a str,
    pub(crate) quantity: Option<f64>,
}

/// Binds one row's values to the prepared [`INSERT`] and runs it.
pub(crate) fn execute(stmt: &mut Statement<'_>, row: &Row<'_>) -> rusqlite::Result<()> {
    bind(stmt, 0, row)?;
    stmt.raw_execute()?;
    Ok(())
}

/// How `n` rows are inserted by one statement (in the order bound).
pub(crate) fn insert_many(n: usize) -> String {
    let rows: Vec<String> = (0..n)
        .map(|i| {
            let p = i * COLUMNS;
            format!("(?{}, ?{}, ?{}, ?{}, ?{}, ?{})", p + 1, p + 2, p + 3, p + 4, p + 5, p + 6)
        })
        .collect();
    format!(
        "INSERT INTO transactions \
         (customer_id, date, amount_cents, order_no, product, quantity) VALUES {}",
        rows.join(", ")
    )
}

/// Binds one row's values as row `i` (from 0) of [`INSERT`] or
/// [`insert_many`].
pub(crate) fn bind(stmt: &mut Statement<'_>, i: usize, row: &Row<'_>) -> rusqlite::Result<()> {
    let p = i * COLUMNS;
    stmt.raw_bind_parameter(p + 1, row.customer.0)?;
    stmt.raw_bind_parameter(p + 2, row.date)?;
    stmt.raw_bind_parameter(p + 3, row.amount_cents)?;
    stmt.raw_bind_parameter(p + 4, row.order_no)?;
    stmt.raw_bind_parameter(p + 5, row.product)?;
    stmt.raw_bind_parameter(p + 6, row.quantity)?;
    Ok(())
}

/// The values of one row.
const COLUMNS: usize = 6;

/// Inserts a typed transaction.
pub(crate) fn execute_typed(stmt: &mut Statement<'_>, t: &Transaction) -> rusqlite::Result<()> {
    let date = date_text(t.date);
    let row = Row {
        customer: t.customer,
        date: &date,
        amount_cents: t.amount_cents,
        order_no: &t.order_no,
        product: &t.product,
        quantity: t.quantity,
    };
    execute(stmt, &row)
}

/// The `transactions` table as a record table: one sale written under a
/// given id (a sale entered in the app, or put back by undo) and read back.
pub(crate) struct Transactions;

impl super::Insert for Transactions {
    type Record = Transaction;
    const INSERT: &'static str = "INSERT INTO transactions \
         (id, customer_id, date, amount_cents, order_no, product, quantity) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, t: &Transaction) -> rusqlite::Result<()> {
        stmt.execute(rusqlite::params![
            id,
            t.customer.0,
            date_text(t.date),
            t.amount_cents,
            t.order_no,
            t.product,
            t.quantity
        ])?;
        Ok(())
    }
}

impl super::Select for Transactions {
    type Loaded = Transaction;
    const SELECT: &'static str =
        "SELECT customer_id, date, amount_cents, order_no, product, quantity FROM transactions";

    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Transaction> {
        Ok(Transaction {
            customer: CustomerId(r.get(0)?),
            date: crate::store::sql::date(r, 1)?,
            amount_cents: r.get(2)?,
            order_no: r.get(3)?,
            product: r.get(4)?,
            quantity: r.get(5)?,
        })
    }
}
