//! `restore`: a backup's content replaces the database's, after the current
//! state was written into the file's rotating backup folder (so the restore
//! can be undone by restoring that copy).

use std::path::Path;

use super::Refused;
use super::progress::Progress;
use crate::store::{Store, restore};
use crate::system::local_now;

/// `ladder restore --db FILE --from BACKUP`.
pub fn run(db: &Path, from: &Path) -> Result<(), Refused> {
    let now = local_now();
    // The backup is judged in full before the database is opened at all:
    // opening it to write migrates an older file (and backs it up first),
    // which a refused restore must not have done.
    restore::judge_backup(db, from)?;
    let mut store = Store::open(db, now)?;
    let mut bar = Progress::new("restoring");
    let result = store.restore_from(from, now, &mut |done| {
        bar.set(done);
        true
    });
    bar.finish();
    let restored = result?;
    // Reopening migrates a backup of an older schema and proves the file opens.
    drop(store);
    Store::open(db, now)?;
    println!("backed up the current state of {} to {}", db.display(), restored.backup.display());
    println!(
        "restored {} from {} ({} customers, {} transactions)",
        db.display(),
        from.display(),
        restored.customers,
        restored.transactions
    );
    Ok(())
}
