//! `init`, `demo`, `check-db` and `backup`: whole database files.

use std::io::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use super::Refused;
use crate::domain::demo::DemoOptions;
use crate::store::{Store, db};
use crate::system::local_now;

/// `ladder init --db FILE`.
pub fn init(path: &Path) -> Result<(), Refused> {
    Store::create(path)?;
    println!("created {}", path.display());
    Ok(())
}

/// `ladder demo --out FILE [--seed N] [--customers N] [--years N] [--end DATE]`.
pub fn demo(
    out: &Path,
    seed: u64,
    customers: usize,
    years: u32,
    end: Option<NaiveDate>,
) -> Result<(), Refused> {
    if customers == 0 || years == 0 {
        return Err(Refused("--customers and --years must be at least 1".into()));
    }
    // Without --end the history ends today, so the demo looks like a
    // living office on the day it is written.
    let end = end.unwrap_or_else(|| crate::system::local_now().date());
    let options = DemoOptions { seed, customers, years, end };
    Store::create_demo(out, &options)?;
    println!("wrote the demo company to {}", out.display());
    Ok(())
}

/// `ladder check-db --db FILE`: prints `ok` or the problem.
pub fn check_db(path: &Path) -> Result<(), Refused> {
    db::check(path)?;
    println!("ok");
    Ok(())
}

/// `ladder backup --db FILE --out FILE`.
pub fn backup(path: &Path, out: &Path) -> Result<(), Refused> {
    if out.exists() {
        return Err(Refused(format!(
            "{}: the file already exists; refusing to overwrite it",
            out.display()
        )));
    }
    let store = Store::open_reading(path, local_now())?;
    store.backup_to(out).map_err(|e| match e {
        // It names the file already.
        crate::store::StoreError::Exists(_) => Refused(e.to_string()),
        e => Refused(format!("{}: {e}", out.display())),
    })?;
    println!("backed up {} to {}", path.display(), out.display());
    Ok(())
}

/// `ladder hold --db FILE [--transaction]` (hidden, for tests): holds the
/// file the way a Ladder window does (its lock) or, with `--transaction`, an
/// SQLite write transaction the way another program would, prints
/// `holding PID`, and lets go when stdin closes. Writes nothing.
pub fn hold(path: &Path, transaction: bool) -> Result<(), Refused> {
    let held: Box<dyn std::any::Any> = if transaction {
        Box::new(db::hold_write_transaction(path)?)
    } else {
        Box::new(Store::open(path, local_now())?)
    };
    println!("holding {}", std::process::id());
    std::io::stdout().flush()?;
    // Whatever arrives on stdin is ignored; its end is the signal to stop.
    std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink())?;
    drop(held);
    Ok(())
}
