//! Reading a whole table for export (CLI.md `export`): the columns are the
//! import field names, customers are referred to by code and AC areas by
//! name, so that an export imports again unchanged.
//!
//! Customers in the trash are not exported, and neither are the records
//! that belong to them (they would not import: their code is not usable).

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::ValueRef;

use super::{Store, StoreError, TIMESTAMP};
use crate::domain::import::ImportKind;
use crate::domain::table::{Cell, Table};

/// The churn query's win-back cost column (`NULL` in a file older than it).
const WINBACK_COST: &str = "r.winback_cost_cents AS";

/// A table `ladder export --table TABLE` writes: one per import kind, its
/// columns the kind's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExportTable(pub ImportKind);

impl ExportTable {
    /// Every table, in the order of CLI.md (an order in which they import).
    pub const ALL: &'static [Self] = &[
        Self(ImportKind::Customers),
        Self(ImportKind::Contacts),
        Self(ImportKind::Transactions),
        Self(ImportKind::Opportunities),
        Self(ImportKind::Activities),
        Self(ImportKind::Complaints),
        Self(ImportKind::Surveys),
        Self(ImportKind::AcChecks),
        Self(ImportKind::Calendar),
        Self(ImportKind::Churn),
    ];

    /// The table named on the command line (`ac-checks`, `opportunities`).
    pub fn from_cli(name: &str) -> Option<Self> {
        ImportKind::from_cli(name).map(Self)
    }

    /// The name used on the command line (also the XLSX sheet name).
    pub fn cli_name(self) -> &'static str {
        self.0.cli_name()
    }

    /// The column names, in file order: the import field names.
    pub fn columns(self) -> Vec<&'static str> {
        self.0.fields().iter().map(|f| f.name).collect()
    }

    /// The query (its result columns are named like [`Self::columns`]) and
    /// the shape of each column.
    fn query(self) -> (&'static str, &'static [Shape]) {
        use Shape::{Date, DateTime, Int, Money, Number, Tenths, Text, YesNo};
        match self.0 {
            ImportKind::Customers => (
                "SELECT name, code, kind, industry, source, grade, phone, email, address, \
                        credit_rating, ladder_step, notes \
                 FROM customers WHERE deleted_at IS NULL ORDER BY id",
                &[Text, Text, Text, Text, Text, Text, Text, Text, Text, Text, Text, Text],
            ),
            ImportKind::Transactions => (
                "SELECT c.code AS customer_code, t.date, t.amount_cents AS amount, t.order_no, \
                        t.product, t.quantity \
                 FROM transactions t JOIN customers c ON c.id = t.customer_id \
                 WHERE c.deleted_at IS NULL ORDER BY t.id",
                &[Text, Date, Money, Text, Text, Number],
            ),
            ImportKind::Activities => (
                "SELECT c.code AS customer_code, a.at AS date, a.kind, a.subject, a.outcome, \
                        a.next_step, a.next_step_due, a.opportunity_id AS opportunity \
                 FROM activities a JOIN customers c ON c.id = a.customer_id \
                 WHERE c.deleted_at IS NULL ORDER BY a.id",
                &[Text, DateTime, Text, Text, Text, Text, Date, Int],
            ),
            ImportKind::Complaints => (
                "SELECT k.received_at, c.code AS customer_code, k.kind, k.channel, k.category, \
                        k.description, k.first_handler, k.first_response_at, k.resolved_at, \
                        k.resolution, k.status \
                 FROM complaints k JOIN customers c ON c.id = k.customer_id \
                 WHERE c.deleted_at IS NULL ORDER BY k.id",
                &[DateTime, Text, Text, Text, Text, Text, Text, DateTime, DateTime, Text, Text],
            ),
            ImportKind::Surveys => (
                "SELECT c.code AS customer_code, s.date, s.expected, s.perceived, s.comment \
                 FROM surveys s JOIN customers c ON c.id = s.customer_id \
                 WHERE c.deleted_at IS NULL ORDER BY s.id",
                &[Text, Date, Int, Int, Text],
            ),
            ImportKind::AcChecks => (
                "SELECT k.date, k.time, a.name AS area, \
                        k.reference_temp_tenths AS reference_temp_c, k.ac_on, \
                        k.set_temp_tenths AS set_temp_c, k.windows_closed, k.occupied, k.kind, \
                        k.checker, k.note \
                 FROM ac_checks k JOIN ac_areas a ON a.id = k.area_id ORDER BY k.id",
                &[Date, Text, Text, Tenths, YesNo, Tenths, YesNo, YesNo, Text, Text, Text],
            ),
            ImportKind::Contacts => (
                "SELECT c.code AS customer_code, k.name, k.role, k.phone, k.email, k.notes \
                 FROM contacts k JOIN customers c ON c.id = k.customer_id \
                 WHERE c.deleted_at IS NULL ORDER BY k.id",
                &[Text, Text, Text, Text, Text, Text],
            ),
            ImportKind::Calendar => (
                "SELECT date, working, name FROM calendar_days ORDER BY date",
                &[Date, YesNo, Text],
            ),
            ImportKind::Churn => (
                "SELECT c.code AS customer_code, r.recorded_at, r.reason, r.root_cause, \
                        r.try_repair, r.estimated_loss_cents AS estimated_loss, \
                        r.winback_cost_cents AS winback_cost \
                 FROM churn_records r JOIN customers c ON c.id = r.customer_id \
                 WHERE c.deleted_at IS NULL ORDER BY r.id",
                &[Text, Date, Text, Text, YesNo, Money, Money],
            ),
            ImportKind::Opportunities => (
                "SELECT o.id, c.code AS customer_code, o.title, o.stage, \
                        o.expected_value_cents AS expected_value, o.probability_pct, \
                        o.expected_close, o.created_at, o.closed_at, o.delivered_at, o.owner, \
                        o.notes \
                 FROM opportunities o JOIN customers c ON c.id = o.customer_id \
                 WHERE c.deleted_at IS NULL ORDER BY o.id",
                &[Int, Text, Text, Text, Money, Int, Date, DateTime, Date, Date, Text, Text],
            ),
        }
    }
}

impl std::fmt::Display for ExportTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.cli_name())
    }
}

/// How a stored column becomes a typed cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Text,
    /// `TEXT 'YYYY-MM-DD'`.
    Date,
    /// `TEXT 'YYYY-MM-DD HH:MM:SS'`.
    DateTime,
    /// Integer cents, written `D.CC`.
    Money,
    Int,
    /// 0/1, written `yes`/`no`.
    YesNo,
    /// Tenths of a degree, written `D.D`.
    Tenths,
    /// A real number, written in its shortest exact form.
    Number,
}

/// The cell for one stored value. A value that does not have the column's
/// shape (which the app never writes) is exported as it is stored.
fn cell(value: ValueRef<'_>, shape: Shape) -> Cell {
    match (value, shape) {
        (ValueRef::Null, _) => Cell::Empty,
        (ValueRef::Text(bytes), _) => {
            let text = String::from_utf8_lossy(bytes);
            let typed = match shape {
                Shape::Date => NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok().map(Cell::Date),
                Shape::DateTime => {
                    NaiveDateTime::parse_from_str(&text, TIMESTAMP).ok().map(Cell::DateTime)
                }
                _ => None,
            };
            typed.unwrap_or_else(|| Cell::Text(text.into_owned()))
        }
        (ValueRef::Integer(n), Shape::Money) => Cell::Money(n.into()),
        (ValueRef::Integer(n), Shape::YesNo) => {
            Cell::Text(if n == 0 { "no" } else { "yes" }.into())
        }
        #[allow(clippy::cast_precision_loss)] // Temperatures are small.
        (ValueRef::Integer(n), Shape::Tenths) => {
            Cell::Float { value: n as f64 / 10.0, decimals: 1 }
        }
        (ValueRef::Integer(n), _) => Cell::Int(n),
        (ValueRef::Real(value), _) => Cell::Float { value, decimals: shortest_decimals(value) },
        (ValueRef::Blob(bytes), _) => Cell::Text(String::from_utf8_lossy(bytes).into_owned()),
    }
}

/// How many decimals `value` needs to be written exactly as Rust shows it
/// (`2` → 0, `2.5` → 1, `0.125` → 3).
fn shortest_decimals(value: f64) -> usize {
    value.to_string().split_once('.').map_or(0, |(_, frac)| frac.len())
}

impl Store {
    /// Every row of `table` as a typed table (see the module docs).
    pub fn export_table(&self, table: ExportTable) -> Result<Table, StoreError> {
        let (sql, shapes) = table.query();
        let mut out = Table::new(&table.columns());
        // A file of schema 3 or older (read as it is) has no win-back cost.
        let older = table.0 == ImportKind::Churn
            && !super::tables::pipeline::ChurnRecords::has_winback_cost(&self.conn)?;
        let sql = if older { sql.replace(WINBACK_COST, "NULL AS") } else { sql.to_owned() };
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let mut cells = Vec::with_capacity(shapes.len());
            for (i, shape) in shapes.iter().enumerate() {
                cells.push(cell(row.get_ref(i)?, *shape));
            }
            out.push(cells);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_names_its_columns_like_the_import_fields() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::create(&dir.path().join("a.db")).expect("create");
        for table in ExportTable::ALL {
            let (sql, shapes) = table.query();
            let stmt = store.conn.prepare(sql).expect("the query is valid");
            let names: Vec<&str> = stmt.column_names();
            assert_eq!(names, table.columns(), "{table}");
            assert_eq!(shapes.len(), names.len(), "{table}");
            assert_eq!(ExportTable::from_cli(table.cli_name()), Some(*table));
        }
        assert_eq!(ExportTable::from_cli("ac_checks"), None);
    }

    #[test]
    fn cells_have_the_import_formats() {
        fn text(s: &str) -> ValueRef<'_> {
            ValueRef::Text(s.as_bytes())
        }
        assert_eq!(cell(ValueRef::Integer(-1250), Shape::Money).to_text(), "-12.50");
        assert_eq!(cell(ValueRef::Integer(285), Shape::Tenths).to_text(), "28.5");
        assert_eq!(cell(ValueRef::Integer(-35), Shape::Tenths).to_text(), "-3.5");
        assert_eq!(cell(ValueRef::Integer(1), Shape::YesNo).to_text(), "yes");
        assert_eq!(cell(ValueRef::Integer(0), Shape::YesNo).to_text(), "no");
        assert_eq!(cell(ValueRef::Real(2.0), Shape::Number).to_text(), "2");
        assert_eq!(cell(ValueRef::Real(2.125), Shape::Number).to_text(), "2.125");
        assert_eq!(cell(text("2026-03-01"), Shape::Date).to_text(), "2026-03-01");
        assert!(matches!(cell(text("2026-03-01"), Shape::Date), Cell::Date(_)));
        assert_eq!(
            cell(text("2026-03-01 09:30:00"), Shape::DateTime).to_text(),
            "2026-03-01 09:30:00"
        );
        assert_eq!(cell(text("soon"), Shape::Date), Cell::Text("soon".into()));
        assert_eq!(cell(ValueRef::Null, Shape::Date), Cell::Empty);
    }
}
