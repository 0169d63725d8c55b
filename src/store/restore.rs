//! Whole-database restore: the content of a backup replaces the content of
//! the database file through SQLite's online backup API. The copy is one
//! write transaction on the database, so a failure or a cancel leaves it as
//! it was; and before it starts, the current state is written into the
//! file's rotating backup folder, so a restore can itself be undone.
//!
//! The backup is judged first, like any file the app opens ([`db::check`]:
//! header, integrity, settings): a text file, another program's database or
//! a newer schema is refused and nothing is written anywhere.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::db::{self, BACKUPS_KEPT, OpenError};

/// The reason written into the name of the backup made before a restore.
pub const RESTORE_REASON: &str = "restore";

/// Pages copied between two progress reports.
const PAGES_PER_STEP: std::ffi::c_int = 256;

/// How often a step that found the database busy is retried (with a short
/// pause) before the restore gives up.
const BUSY_RETRIES: u32 = 100;

/// One automatic backup in a database's backup folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// When it was written (from its name), if the name says.
    pub taken: Option<NaiveDateTime>,
    /// Why it was written: `import`, `restore`, `schema1` (before migrating
    /// from schema 1), or whatever an older version wrote.
    pub reason: String,
    /// Its size in bytes.
    pub bytes: u64,
}

impl BackupInfo {
    /// The schema version a `schema<N>` reason names (a migration backup).
    pub fn migrated_from(&self) -> Option<u32> {
        self.reason.strip_prefix("schema")?.parse().ok()
    }
}

/// The automatic backups of `db_path`, newest first, with time, reason and size.
pub fn list_backups(db_path: &Path) -> std::io::Result<Vec<BackupInfo>> {
    let mut list = Vec::new();
    for path in db::list_backups(db_path)?.into_iter().rev() {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        // Names are `<YYYYMMDD-HHMMSS-mmm>-<reason>.db` (see `db::rotating_backup`).
        let stem = name.strip_suffix(".db").unwrap_or(name);
        let (stamp, reason) = stem.split_at(stem.len().min(19));
        let taken = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S-%3f").ok();
        let reason = reason.strip_prefix('-').unwrap_or(reason).to_owned();
        let bytes = std::fs::metadata(&path)?.len();
        list.push(BackupInfo { path, taken, reason, bytes });
    }
    Ok(list)
}

/// What a restore did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    /// The backup of the state before the restore (restoring it undoes).
    pub backup: PathBuf,
    /// The schema version of the restored content (older ones are migrated
    /// the next time the file is opened).
    pub schema_version: u32,
    /// Live customers and transactions now in the database.
    pub customers: i64,
    pub transactions: i64,
}

/// Why a restore did not happen. In every case the database is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The backup is not a Ladder database this version can open.
    #[error("{0}; nothing was restored")]
    Source(OpenError),
    /// The database to restore into cannot be used.
    #[error("{0}; nothing was restored")]
    Target(OpenError),
    /// The backup named is the database itself.
    #[error("{}: this is the database itself, not a backup of it; nothing was restored", .0.display())]
    SameFile(PathBuf),
    /// The backup of the current state could not be written.
    #[error("{}: cannot write the backup of the current state: {source}; nothing was restored", .path.display())]
    Backup { path: PathBuf, source: rusqlite::Error },
    /// Copying failed (the database is as it was).
    #[error("{}: the restore failed: {source}; the database is unchanged", .path.display())]
    Copy { path: PathBuf, source: rusqlite::Error },
    /// The backup's page size differs from the database's (WAL cannot change it).
    #[error(
        "{}: the backup uses {from}-byte pages and the database {into}-byte pages; \
         open the backup and save a copy instead; nothing was restored",
        .path.display()
    )]
    PageSize { path: PathBuf, from: i64, into: i64 },
    #[error("the restore was cancelled; the database is unchanged")]
    Cancelled,
}

impl RestoreError {
    /// Whether the backup or the copy failed because another program was
    /// writing to the database.
    pub fn is_busy(&self) -> bool {
        match self {
            Self::Backup { source, .. } | Self::Copy { source, .. } => matches!(
                source.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ),
            _ => false,
        }
    }

    /// The refusal of the backup file (or the database), if that is what it is.
    pub fn open_error(&self) -> Option<&OpenError> {
        match self {
            Self::Source(e) | Self::Target(e) => Some(e),
            _ => None,
        }
    }
}

impl super::Store {
    /// Replaces this database's content with the backup `from` on this
    /// connection (see [`restore_file`]). Reopen the store afterwards to
    /// migrate an older schema and to reload everything.
    pub fn restore_from(
        &mut self,
        from: &Path,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(f32) -> bool,
    ) -> Result<Restored, RestoreError> {
        let path = self.path.clone();
        if let Some(why) = self.read_only() {
            let problem = db::OpenProblem::ReadOnly(why);
            return Err(RestoreError::Target(OpenError { path, problem }));
        }
        restore_into(&mut self.conn, &path, from, now, progress)
    }
}

/// Replaces the content of the database `db_path` with the backup `from`,
/// on a store of its own (a worker thread's; other connections, such as the
/// app's, may stay open and see the new content). `progress` gets the
/// fraction copied and returns `false` to cancel.
pub fn restore_file(
    db_path: &Path,
    from: &Path,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<Restored, RestoreError> {
    // Judged before the database is opened, which may migrate it.
    judge_backup(db_path, from)?;
    let mut store = super::Store::open(db_path, now).map_err(RestoreError::Target)?;
    store.restore_from(from, now, progress)
}

/// Judges `from` as a backup to restore into the database `db_path`,
/// writing nothing anywhere: it is not the database itself, and it passes
/// the full [`db::check`] (header, integrity, schema, settings). Run it
/// before the database is opened to write, since opening migrates an
/// older file and writes a backup of it; the restore judges it again.
pub fn judge_backup(db_path: &Path, from: &Path) -> Result<db::Header, RestoreError> {
    if same_file(db_path, from) {
        return Err(RestoreError::SameFile(from.to_owned()));
    }
    let header = db::probe(from).map_err(RestoreError::Source)?;
    db::check(from).map_err(RestoreError::Source)?;
    Ok(header)
}

fn open_error(path: &Path, e: rusqlite::Error) -> OpenError {
    OpenError { path: path.to_owned(), problem: e.into() }
}

/// True when both paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Opens the backup to copy from, writing nothing (see
/// [`db::read_connection`]): a writable file read-write with `query_only`
/// on, so that closing the last connection removes the `-wal`/`-shm` files
/// SQLite makes beside a WAL file; a read-only file, or one in a read-only
/// folder, without creating them at all.
fn read_source(from: &Path) -> rusqlite::Result<Connection> {
    db::read_connection(from)
}

fn restore_into(
    conn: &mut Connection,
    db_path: &Path,
    from: &Path,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<Restored, RestoreError> {
    let header = judge_backup(db_path, from)?;
    let source = read_source(from).map_err(|e| RestoreError::Source(open_error(from, e)))?;
    let copy = |source| RestoreError::Copy { path: db_path.to_owned(), source };
    let page_size =
        |c: &Connection| c.pragma_query_value(None, "page_size", |r| r.get::<_, i64>(0));
    let (from_pages, into_pages) =
        (page_size(&source).map_err(copy)?, page_size(conn).map_err(copy)?);
    let journal: String =
        conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).map_err(copy)?;
    if from_pages != into_pages && journal.eq_ignore_ascii_case("wal") {
        return Err(RestoreError::PageSize {
            path: from.to_owned(),
            from: from_pages,
            into: into_pages,
        });
    }
    // Pruning must not delete the backup being restored (it may be the
    // oldest in the folder): when it is one of them, prune at the next
    // backup instead.
    let in_folder = from.parent().is_some_and(|dir| same_file(dir, &db::backups_dir(db_path)));
    let keep = if in_folder { usize::MAX } else { BACKUPS_KEPT };
    if !progress(0.0) {
        return Err(RestoreError::Cancelled);
    }
    let backup = db::rotating_backup(conn, db_path, RESTORE_REASON, now, keep)
        .map_err(|source| RestoreError::Backup { path: db_path.to_owned(), source })?;
    {
        let step = Backup::new(&source, conn).map_err(copy)?;
        let (mut busy, mut done) = (0, 0.0);
        loop {
            // Dropping the unfinished backup rolls the copy back.
            if !progress(done) {
                return Err(RestoreError::Cancelled);
            }
            match step.step(PAGES_PER_STEP).map_err(copy)? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked => {
                    busy += 1;
                    if busy > BUSY_RETRIES {
                        return Err(copy(rusqlite::Error::SqliteFailure(
                            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                            Some("the database is busy (another program is writing)".into()),
                        )));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                // A future result kind: treat it like a busy step.
                _ => std::thread::sleep(Duration::from_millis(50)),
            }
            let p = step.progress();
            #[allow(clippy::cast_precision_loss)] // A progress fraction.
            if p.pagecount > 0 {
                done = ((p.pagecount - p.remaining) as f32 / p.pagecount as f32).min(0.99);
            }
        }
    }
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).map_err(copy);
    let customers = count("SELECT count(*) FROM customers WHERE deleted_at IS NULL")?;
    let transactions = count("SELECT count(*) FROM transactions")?;
    progress(1.0);
    Ok(Restored { backup, schema_version: header.schema_version, customers, transactions })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::command::Command;
    use crate::domain::customer::CustomerData;
    use crate::store::Store;

    fn at(minute: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .and_then(|d| d.and_hms_opt(10, minute, 0))
            .expect("valid time")
    }

    fn add(store: &mut Store, name: &str) {
        store.apply(&Command::CreateCustomer(CustomerData::named(name)), at(0)).expect("add");
    }

    #[test]
    fn backups_are_listed_newest_first_with_time_reason_and_size() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.db");
        let store = Store::create(&path).expect("create");
        store.rotating_backup("import", at(1)).expect("backup");
        store.rotating_backup("schema1", at(2)).expect("backup");
        let list = list_backups(&path).expect("list");
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].taken, Some(at(2)));
        assert_eq!(list[0].reason, "schema1");
        assert_eq!(list[0].migrated_from(), Some(1));
        assert_eq!(list[1].reason, "import");
        assert_eq!(list[1].migrated_from(), None);
        assert!(list[1].bytes > 0);
        assert_eq!(list_backups(&dir.path().join("none.db")).expect("none"), []);
    }

    #[test]
    fn a_restore_backs_up_first_and_a_cancel_changes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.db");
        let mut store = Store::create(&path).expect("create");
        add(&mut store, "甲");
        let one = store.rotating_backup("test", at(1)).expect("backup");
        add(&mut store, "乙");

        let cancelled = restore_file(&path, &one, at(2), &mut |_| false);
        assert!(matches!(cancelled, Err(RestoreError::Cancelled)), "{cancelled:?}");
        assert_eq!(store.customer_rows().expect("rows").len(), 2, "unchanged");
        assert_eq!(list_backups(&path).expect("list").len(), 1, "cancelled before the backup");

        let restored = restore_file(&path, &one, at(3), &mut |_| true).expect("restore");
        assert_eq!(restored.customers, 1);
        assert_eq!(store.customer_rows().expect("rows").len(), 1, "the open store sees it");
        let before = list_backups(&path).expect("list");
        assert_eq!(before[0].path, restored.backup);
        assert_eq!(before[0].reason, RESTORE_REASON);

        // Restoring the backup written first undoes the restore.
        let undone = store.restore_from(&restored.backup, at(4), &mut |_| true).expect("undo");
        assert_eq!(undone.customers, 2);
        assert_eq!(store.customer_rows().expect("rows").len(), 2);
        db::check(&path).expect("still a good database");

        let same = store.restore_from(&path, at(5), &mut |_| true);
        assert!(matches!(same, Err(RestoreError::SameFile(_))), "{same:?}");
    }

    #[test]
    fn a_restore_cancelled_half_way_rolls_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.db");
        let mut store = Store::create(&path).expect("create");
        let big: Vec<_> = (1..=10_000)
            .map(|i| crate::domain::records::NewCustomer {
                id: crate::domain::customer::CustomerId(i),
                code: format!("C-{i:06}"),
                data: CustomerData::named(format!("客户{i}，地址在广州市天河区体育西路{i}号")),
                created_at: at(0),
            })
            .collect();
        store
            .in_transaction(|conn| Ok(crate::store::bulk::insert_customers(conn, &big)?))
            .expect("bulk");
        let full = store.rotating_backup("test", at(1)).expect("backup");
        let pages: i64 = Connection::open(&full)
            .and_then(|c| c.pragma_query_value(None, "page_count", |r| r.get(0)))
            .expect("pages");
        assert!(pages > 2 * i64::from(PAGES_PER_STEP), "{pages} pages: more than one step");
        let empty = dir.path().join("empty.db");
        drop(Store::create(&empty).expect("create"));

        // Into the big file from the empty one, cancelled after the first step.
        let mut calls = 0;
        let mut seen = Vec::new();
        let result = store.restore_from(&full, at(2), &mut |done| {
            seen.push(done);
            true
        });
        assert!(result.is_ok());
        assert!(seen.iter().any(|d| *d > 0.0 && *d < 1.0), "progress in between: {seen:?}");
        let result = restore_file(&empty, &full, at(3), &mut |_| {
            calls += 1;
            calls < 3
        });
        assert!(matches!(result, Err(RestoreError::Cancelled)), "{result:?}");
        let rows = Store::open(&empty, at(4)).expect("open").customer_rows().expect("rows");
        assert!(rows.is_empty(), "the half-copied pages are rolled back");
        db::check(&empty).expect("still a good database");
    }

    #[test]
    fn the_oldest_backup_survives_its_own_restore() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.db");
        let mut store = Store::create(&path).expect("create");
        let oldest = store.rotating_backup("test", at(0)).expect("backup");
        for minute in 1..u32::try_from(BACKUPS_KEPT).expect("small") {
            store.rotating_backup("test", at(minute)).expect("backup");
        }
        add(&mut store, "甲");
        store.restore_from(&oldest, at(30), &mut |_| true).expect("restore");
        assert!(oldest.exists(), "not pruned while being restored");
        assert_eq!(store.customer_rows().expect("rows").len(), 0);
    }

    #[test]
    #[cfg(unix)] // Windows has no read-only folders and no file modes.
    fn a_read_only_backup_is_read_without_files_beside_it() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let folder = dir.path().join("kept");
        std::fs::create_dir(&folder).expect("mkdir");
        // A WAL-mode Ladder file, as a copy of the database would be.
        let from = folder.join("copy.db");
        add(&mut Store::create(&from).expect("create"), "甲");
        let listed = || -> Vec<PathBuf> {
            std::fs::read_dir(&folder).expect("list").map(|e| e.expect("entry").path()).collect()
        };
        let chmod = |path: &Path, mode: u32| {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        };
        for (protected, mode, writable) in [(&from, 0o444, 0o644), (&folder, 0o555, 0o755)] {
            chmod(protected, mode);
            let source = read_source(&from).expect("opens");
            let n: i64 =
                source.query_row("SELECT count(*) FROM customers", [], |r| r.get(0)).expect("n");
            assert_eq!(n, 1);
            let open = listed();
            drop(source);
            let path = dir.path().join(format!("into-{mode:o}.db"));
            let mut store = Store::create(&path).expect("create");
            let restored = store.restore_from(&from, at(1), &mut |_| true).expect("restore");
            assert_eq!(restored.customers, 1);
            let after = listed();
            chmod(protected, writable);
            assert_eq!(
                open,
                std::slice::from_ref(&from),
                "nothing beside it while it is read ({mode:o})"
            );
            assert_eq!(after, std::slice::from_ref(&from), "nor after the restore ({mode:o})");
        }
    }
}
