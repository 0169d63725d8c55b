//! `today`: what needs doing, as the Today panel shows it (CLI.md
//! `today`), as CSV `section,due,item,customer_code,record,detail`.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};

use super::Refused;
use crate::store::Store;
use crate::store::export::CsvEncoding;
use crate::system::local_now;

/// `ladder today --db FILE [--date D] [--out PATH]`. With `--date` the list
/// is as of the start of that day (time limits count from 00:00); without,
/// as of now.
pub fn run(
    db: &Path,
    date: Option<NaiveDate>,
    out: Option<&PathBuf>,
    encoding: CsvEncoding,
) -> Result<(), Refused> {
    if let Some(out) = out {
        super::export::check_out(out, encoding)?;
    }
    let clock = local_now();
    let now = date.map_or(clock, |d| d.and_time(NaiveTime::MIN));
    let store = Store::open_reading(db, clock)?;
    let settings = store.settings()?;
    let list =
        store.today(&settings, now).map_err(|e| Refused(format!("{}: {e}", db.display())))?;
    if let Some(year) = list.no_holidays {
        eprintln!("note: no holidays recorded for {year}: time limits count every weekday");
    }
    super::export::emit(&list.table(), "today", out, encoding)
}
