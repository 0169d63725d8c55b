//! `customers`: every customer as CSV on stdout.

use std::io::Write as _;
use std::path::Path;

use super::Refused;
use crate::store::{Store, StoreError};
use crate::system::local_now;

/// `ladder customers --db FILE`.
pub fn list(path: &Path) -> Result<(), Refused> {
    let store = Store::open_reading(path, local_now())?;
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(stdout);
    match store.write_customers_csv(&mut out).and_then(|()| Ok(out.flush()?)) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(StoreError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(StoreError::Csv(e)) if e.is_io_error() => Ok(()),
        Err(e) => Err(Refused(format!("{}: {e}", path.display()))),
    }
}
