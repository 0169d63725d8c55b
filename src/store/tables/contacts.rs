//! The `contacts` table (a customer's contact persons).

use rusqlite::{Row, Statement, params};

use super::{Insert, Select};
use crate::domain::customer::CustomerId;
use crate::domain::records::Contact;

/// The `contacts` table.
pub(crate) struct Contacts;

impl Insert for Contacts {
    type Record = Contact;
    const INSERT: &'static str = "INSERT INTO contacts (id, customer_id, name, role, phone, \
         email, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

    fn execute(stmt: &mut Statement<'_>, id: Option<i64>, c: &Contact) -> rusqlite::Result<()> {
        stmt.execute(params![id, c.customer.0, c.name, c.role, c.phone, c.email, c.notes])?;
        Ok(())
    }
}

impl Select for Contacts {
    type Loaded = Contact;
    const SELECT: &'static str =
        "SELECT customer_id, name, role, phone, email, notes FROM contacts";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Contact> {
        Ok(Contact {
            customer: CustomerId(r.get(0)?),
            name: r.get(1)?,
            role: r.get(2)?,
            phone: r.get(3)?,
            email: r.get(4)?,
            notes: r.get(5)?,
        })
    }
}
