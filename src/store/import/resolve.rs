//! What an import finds or creates for its rows: customers by code (and,
//! for a customers file, by name and phone or e-mail), AC areas by name,
//! and the savepoint that lets a bad row leave nothing behind.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::Duplicates;
use super::codes::{CodeMap, KnownCodes};
use crate::domain::customer::{CustomerData, CustomerId, generated_code, generated_code_number};
use crate::domain::history::Action;
use crate::domain::import::Reason;
use crate::domain::records::AcArea;
use crate::store::tables::ac::AcAreas;
use crate::store::tables::insert;
use crate::store::{customers, history};

/// Looks up customers by code and creates missing ones when allowed.
pub(super) struct Customers {
    pub(super) by_code: KnownCodes,
    pub(super) next_number: u64,
    pub(super) create: bool,
    pub(super) created: Vec<String>,
    /// Codes given by rows of a customers file, with the first row of each.
    pub(super) in_file: HashMap<String, usize>,
    /// `(name, phone or e-mail)` of live customers (customers imports only).
    pub(super) by_person: HashMap<(String, String), CustomerId>,
    pub(super) duplicates: Duplicates,
    pub(super) skipped: usize,
    pub(super) updated: usize,
    /// Whether the codes a row adds are kept in `added` (so that a row
    /// rolled back can be forgotten: only while bad rows are skipped).
    pub(super) tracking: bool,
    /// The codes the current row added to `by_code`.
    pub(super) added: Vec<String>,
    /// Customers created by plain rows and not yet inserted, with the ids
    /// they were given (see [`Self::resolve_plain`]).
    pending: Vec<(CustomerId, String)>,
}

impl Customers {
    pub(super) fn load(conn: &Connection, create: bool) -> rusqlite::Result<Self> {
        // Sized once (the count reads the small index of the codes).
        let count: i64 = conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
        let mut by_code = CodeMap::with_capacity(usize::try_from(count).unwrap_or(0));
        let mut stmt = conn.prepare("SELECT code, id, deleted_at IS NULL FROM customers")?;
        let mut next_number = 0;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let code = row.get_ref(0)?.as_str()?;
            let live: bool = row.get(2)?;
            next_number = next_number.max(generated_code_number(code).unwrap_or(0));
            // A trashed customer's code is known but not usable.
            by_code.insert(code, live.then_some(CustomerId(row.get(1)?)));
        }
        Ok(Self {
            by_code: KnownCodes { stored: Arc::new(by_code), added: CodeMap::with_capacity(0) },
            next_number: next_number + 1,
            create,
            created: Vec::new(),
            in_file: HashMap::new(),
            by_person: HashMap::new(),
            duplicates: Duplicates::Refuse,
            skipped: 0,
            updated: 0,
            tracking: false,
            added: Vec::new(),
            pending: Vec::new(),
        })
    }

    /// The customers created by plain rows inserted at a time (one
    /// statement each for the customers and their history).
    pub(super) const NAMED_BATCH: usize = 256;

    /// As [`Self::resolve`], for a plain row's code (see
    /// `fast::plain_transaction`), whose customer cannot be refused by the
    /// table: a new customer gets the next id at once, and is inserted with
    /// others by [`Self::flush`] — the same rows, ids and history as one by
    /// one, at about the cost of a transaction row each.
    pub(super) fn resolve_plain(
        &mut self,
        conn: &Connection,
        code: &str,
        now: NaiveDateTime,
        write: bool,
    ) -> Result<CustomerId, RowFailure> {
        if !write || !self.create || self.by_code.contains_key(code) {
            return self.resolve(conn, code, now, write);
        }
        let id = match self.pending.last() {
            Some((last, _)) => CustomerId(last.0 + 1),
            None => customers::next_id(conn).map_err(RowFailure::Store)?,
        };
        self.pending.push((id, code.to_owned()));
        self.add_code(code, id);
        self.created.push(code.to_owned());
        if self.pending.len() == Self::NAMED_BATCH {
            self.flush(conn, now).map_err(RowFailure::Store)?;
        }
        Ok(id)
    }

    /// Inserts the customers [`Self::resolve_plain`] created, with their
    /// history: before anything else creates a customer or opens a
    /// savepoint, and at the end of the rows.
    pub(super) fn flush(&mut self, conn: &Connection, now: NaiveDateTime) -> rusqlite::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        customers::insert_named(conn, &self.pending, now)?;
        history::record_customers_created(conn, self.pending.iter().map(|(id, _)| id.0), now)?;
        self.pending.clear();
        Ok(())
    }

    /// Adds a code that was not known (a customer this import creates).
    pub(super) fn add_code(&mut self, code: &str, id: CustomerId) {
        if self.tracking && !self.by_code.contains_key(code) {
            self.added.push(code.to_owned());
        }
        self.by_code.insert(code, Some(id));
    }

    /// Loads the name/phone and name/e-mail keys of live customers.
    pub(super) fn load_people(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let mut stmt =
            conn.prepare("SELECT id, name, phone, email FROM customers WHERE deleted_at IS NULL")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id = CustomerId(row.get(0)?);
            let (name, phone, email): (String, String, String) =
                (row.get(1)?, row.get(2)?, row.get(3)?);
            self.remember_person(id, &name, &phone, &email);
        }
        Ok(())
    }

    pub(super) fn remember_person(&mut self, id: CustomerId, name: &str, phone: &str, email: &str) {
        for contact in [phone, email] {
            if let Some(key) = contact_key(contact) {
                self.by_person.insert((name.trim().to_owned(), key), id);
            }
        }
    }

    /// The live customer this row duplicates (same code, or same name and
    /// phone or e-mail), and whether its code is taken at all.
    pub(super) fn duplicate_of(&self, data: &CustomerData) -> (Option<CustomerId>, bool) {
        let by_code = data.code.as_deref().and_then(|c| self.by_code.get(c).copied());
        let person = [&data.phone, &data.email].into_iter().find_map(|contact| {
            let key = contact_key(contact)?;
            self.by_person.get(&(data.name.trim().to_owned(), key)).copied()
        });
        (by_code.flatten().or(person), by_code.is_some() || person.is_some())
    }

    /// The id for a code, creating the customer when allowed (the customer
    /// and its history entry, or neither). `Err` is what is wrong with the
    /// row (at its `customer_code`), or a database failure.
    pub(super) fn resolve(
        &mut self,
        conn: &Connection,
        code: &str,
        now: NaiveDateTime,
        write: bool,
    ) -> Result<CustomerId, RowFailure> {
        let refused = |reason| Err(RowFailure::customer(reason));
        match self.by_code.get(code) {
            Some(Some(id)) => return Ok(*id),
            Some(None) => return refused(Reason::CustomerInTrash { code: code.to_owned() }),
            None if !self.create => {
                return refused(Reason::UnknownCustomer { code: code.to_owned() });
            }
            None => {}
        }
        let id = if write {
            self.flush(conn, now).map_err(RowFailure::Store)?;
            let create = || {
                let id = customers::insert(conn, None, code, &CustomerData::named(code), now)?;
                history::record(conn, history::CUSTOMER, id.0, Action::Create, now, &[])?;
                Ok(id)
            };
            in_savepoint(conn, "import_customer", create).map_err(|e| match row_or_store(e) {
                RowFailure::Row(_, reason) => RowFailure::customer(reason),
                fatal @ RowFailure::Store(_) => fatal,
            })?
        } else {
            CustomerId(-1)
        };
        self.add_code(code, id);
        self.created.push(code.to_owned());
        Ok(id)
    }

    /// A code for a new customer from the file: its own, or the next
    /// generated one.
    pub(super) fn new_code(&mut self, wanted: Option<&str>) -> Result<String, Reason> {
        match wanted {
            Some(code) if self.by_code.contains_key(code) => {
                Err(Reason::CodeExists { code: code.to_owned(), choices: false })
            }
            Some(code) => Ok(code.to_owned()),
            None => loop {
                let code = generated_code(self.next_number);
                self.next_number += 1;
                if !self.by_code.contains_key(&code) {
                    break Ok(code);
                }
            },
        }
    }
}

/// How a phone or e-mail is compared: e-mails without case, phones by their
/// digits only (`138 0013 8000` = `13800138000`); `None` when empty.
fn contact_key(contact: &str) -> Option<String> {
    let contact = contact.trim();
    let key = if contact.contains('@') {
        contact.to_lowercase()
    } else {
        contact.chars().filter(char::is_ascii_digit).collect()
    };
    (!key.is_empty()).then_some(key)
}

/// Runs `write` inside a savepoint named `name`: what it wrote stays when
/// it succeeds and is undone when it fails, leaving the transaction open.
fn in_savepoint<T>(
    conn: &Connection,
    name: &str,
    write: impl FnOnce() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    conn.prepare_cached(&format!("SAVEPOINT {name}"))?.execute([])?;
    match write() {
        Ok(value) => {
            conn.prepare_cached(&format!("RELEASE {name}"))?.execute([])?;
            Ok(value)
        }
        Err(e) => {
            conn.execute_batch(&format!("ROLLBACK TO {name}; RELEASE {name}"))?;
            Err(e)
        }
    }
}

/// A database error about the row itself (a value the table's constraints
/// or triggers refuse, one too big) is a problem with that row; any other
/// (I/O, a full disk, a busy or damaged file) stops the whole import.
pub(super) fn row_or_store(e: rusqlite::Error) -> RowFailure {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation | rusqlite::ErrorCode::TooBig) => {
            RowFailure::Row(None, Reason::Database(e.to_string()))
        }
        _ => RowFailure::Store(e),
    }
}

/// What the import knew before a row that is written inside a savepoint, so
/// that a row rolled back is forgotten too (with `--skip-bad`).
pub(super) struct RowMark {
    created: usize,
    updated: usize,
    next_number: u64,
    areas: usize,
}

impl RowMark {
    /// Opens the row's savepoint and notes what is known.
    pub(super) fn start(
        conn: &Connection,
        customers: &mut Customers,
        areas: &Areas,
        now: NaiveDateTime,
    ) -> rusqlite::Result<Self> {
        // What was written before the row stays, whatever becomes of it.
        customers.flush(conn, now)?;
        conn.prepare_cached("SAVEPOINT import_row")?.execute([])?;
        customers.added.clear();
        Ok(Self {
            created: customers.created.len(),
            updated: customers.updated,
            next_number: customers.next_number,
            areas: areas.created.len(),
        })
    }

    /// Keeps what the row wrote.
    pub(super) fn keep(conn: &Connection) -> rusqlite::Result<()> {
        conn.prepare_cached("RELEASE import_row")?.execute([])?;
        Ok(())
    }

    /// Undoes what the row wrote, and forgets the customers and areas it
    /// created.
    pub(super) fn undo(
        self,
        conn: &Connection,
        customers: &mut Customers,
        areas: &mut Areas,
    ) -> rusqlite::Result<()> {
        conn.prepare_cached("ROLLBACK TO import_row")?.execute([])?;
        conn.prepare_cached("RELEASE import_row")?.execute([])?;
        for code in customers.added.drain(..) {
            customers.by_code.remove(&code);
            customers.in_file.remove(&code);
        }
        customers.created.truncate(self.created);
        customers.updated = self.updated;
        customers.next_number = self.next_number;
        for name in areas.created.drain(self.areas..) {
            areas.by_name.remove(&name);
        }
        Ok(())
    }
}

/// AC areas by name; unknown ones are created.
pub(super) struct Areas {
    pub(super) by_name: HashMap<String, i64>,
    pub(super) created: Vec<String>,
}

impl Areas {
    pub(super) fn load(conn: &Connection) -> rusqlite::Result<Self> {
        let mut stmt = conn.prepare("SELECT name, id FROM ac_areas")?;
        let by_name =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        Ok(Self { by_name, created: Vec::new() })
    }

    pub(super) fn resolve(
        &mut self,
        conn: &Connection,
        name: &str,
        write: bool,
    ) -> rusqlite::Result<i64> {
        if let Some(id) = self.by_name.get(name) {
            return Ok(*id);
        }
        let id = if write {
            // A new area has only its name; the rest stays empty.
            let area = AcArea {
                id: 0,
                name: name.to_owned(),
                room: String::new(),
                responsible_person: String::new(),
                department: String::new(),
                in_use_since: None,
            };
            insert::<AcAreas>(conn, None, &area)?;
            conn.last_insert_rowid()
        } else {
            -1 - i64::try_from(self.created.len()).unwrap_or(0)
        };
        self.by_name.insert(name.to_owned(), id);
        self.created.push(name.to_owned());
        Ok(id)
    }
}

/// Why a row was not written: a problem with the row (the field whose cell
/// it is about, `None` for the row as a whole, and the reason), or a
/// database failure that stops the whole import.
pub(super) enum RowFailure {
    Row(Option<&'static str>, Reason),
    Store(rusqlite::Error),
}

impl RowFailure {
    /// A problem with the customer code (`customer_code`; `code` in a
    /// customers file).
    pub(super) fn customer(reason: Reason) -> Self {
        Self::Row(Some("customer_code"), reason)
    }
}
