//! One SQL mapping per table: each table's `INSERT`, its `SELECT` and the
//! decoding of its rows live here once and serve every writer and reader
//! (the record commands, the bulk and demo writers, the importer, the
//! compliance loader and the pipeline's read models). The `customers` table
//! has its own module, [`super::customers`].

pub(crate) mod ac;
pub(crate) mod contacts;
pub(crate) mod pipeline;
pub(crate) mod service;
pub(crate) mod transactions;

use rusqlite::{Connection, Row, Statement};

/// How a table's rows are written.
pub(crate) trait Insert {
    /// The record one row holds.
    type Record;
    /// The statement, with the row's `id` as `?1` (`NULL`: SQLite chooses).
    const INSERT: &'static str;

    /// Binds `record` (under `id` when given) to the prepared
    /// [`Self::INSERT`] and runs it.
    fn execute(
        stmt: &mut Statement<'_>,
        id: Option<i64>,
        record: &Self::Record,
    ) -> rusqlite::Result<()>;
}

/// How a table's rows are read.
pub(crate) trait Select {
    /// What one row decodes to.
    type Loaded;
    /// Every row, without a `WHERE` (callers add one).
    const SELECT: &'static str;

    /// Decodes a row of [`Self::SELECT`] (its columns first, in order).
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self::Loaded>;
}

/// Inserts one row through the connection's statement cache.
pub(crate) fn insert<T: Insert>(
    conn: &Connection,
    id: Option<i64>,
    record: &T::Record,
) -> rusqlite::Result<()> {
    T::execute(&mut *conn.prepare_cached(T::INSERT)?, id, record)
}

/// Inserts rows with one prepared statement.
pub(crate) fn insert_all<'a, T: Insert>(
    conn: &Connection,
    rows: impl IntoIterator<Item = (Option<i64>, &'a T::Record)>,
) -> rusqlite::Result<()>
where
    T::Record: 'a,
{
    let mut stmt = conn.prepare_cached(T::INSERT)?;
    for (id, record) in rows {
        T::execute(&mut stmt, id, record)?;
    }
    Ok(())
}

/// Reads the rows of [`Select::SELECT`] followed by `rest` (a `WHERE` or
/// `ORDER BY`, or nothing), with `params`.
pub(crate) fn select<T: Select>(
    conn: &Connection,
    rest: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<Vec<T::Loaded>> {
    let sql = if rest.is_empty() { T::SELECT.to_owned() } else { format!("{} {rest}", T::SELECT) };
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_map(params, T::from_row)?.collect()
}
