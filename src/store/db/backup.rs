//! Automatic backups: the rotating folder `<stem>.backups/` (the newest
//! [`BACKUPS_KEPT`] kept), backups written under a temporary name until
//! kept, and plain copies through SQLite's online backup API.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::Connection;

/// The reason written into the name of the backup made before migrating a
/// file from schema version `from_version`.
pub fn migration_backup_reason(from_version: u32) -> String {
    format!("schema{from_version}")
}

/// Backs up the file into its rotating backup folder before a migration
/// (see [`rotating_backup`]); returns the copy's path.
pub(super) fn backup_before_migration(
    conn: &Connection,
    path: &Path,
    from_version: u32,
    now: NaiveDateTime,
) -> rusqlite::Result<PathBuf> {
    rotating_backup(conn, path, &migration_backup_reason(from_version), now, BACKUPS_KEPT)
}

/// How many automatic backups of a file are kept (the oldest go first).
pub const BACKUPS_KEPT: usize = 10;

/// The folder of a file's automatic backups: `<dir>/<file-stem>.backups`.
pub fn backups_dir(db_path: &Path) -> PathBuf {
    let mut name = db_path.file_stem().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".backups");
    db_path.with_file_name(name)
}

/// The time stamp at the start of an automatic backup's name:
/// `YYYYMMDD-HHMMSS-mmm`, so that names sort oldest first.
const STAMP: &str = "%Y%m%d-%H%M%S-%3f";
/// Length of a formatted [`STAMP`].
const STAMP_LEN: usize = 19;

/// True for a name [`rotating_backup`] writes: `<stamp>-<reason>.db`.
fn is_backup_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    name.len() > STAMP_LEN + 4
        && name.ends_with(".db")
        && bytes[..STAMP_LEN].iter().enumerate().all(|(i, b)| match i {
            8 | 15 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
        && bytes[STAMP_LEN] == b'-'
}

/// Writes a consistent copy of the open database (SQLite's online backup
/// API) to `<dir>/<file-stem>.backups/<stamp>-<reason>.db` and then deletes
/// the oldest automatic backups beyond `keep` (at least the new one stays).
/// Other files in the folder are left alone. Returns the new copy's path.
///
/// The copy is written under a temporary name and renamed when complete, so
/// the folder never holds a half-written backup under a backup's name.
/// Two backups in the same millisecond get successive stamps.
pub fn rotating_backup(
    conn: &Connection,
    db_path: &Path,
    reason: &str,
    now: NaiveDateTime,
    keep: usize,
) -> rusqlite::Result<PathBuf> {
    pending_backup(conn, db_path, reason, now)?.keep(keep)
}

/// The ending of a backup being written.
const PARTIAL: &str = ".partial";

/// A rotating backup written under a temporary name: [`PendingBackup::keep`]
/// gives it its name (and prunes the folder); dropped unkept, it is deleted,
/// so that an import that did not go ahead leaves none (and pushes none of
/// the kept ones out).
#[derive(Debug)]
pub struct PendingBackup {
    partial: PathBuf,
    out: PathBuf,
    kept: bool,
}

impl PendingBackup {
    /// Names the backup and keeps the newest `keep` of its folder.
    pub fn keep(mut self, keep: usize) -> rusqlite::Result<PathBuf> {
        let dir = self.out.parent().map(Path::to_owned).unwrap_or_default();
        fs::rename(&self.partial, &self.out).map_err(|e| backup_io(&dir, &e))?;
        self.kept = true;
        prune_backups(&dir, keep.max(1), &self.out);
        Ok(self.out.clone())
    }
}

impl Drop for PendingBackup {
    fn drop(&mut self) {
        if !self.kept {
            let _ignored = fs::remove_file(&self.partial);
            // The folder too, if this made it and nothing else is in it.
            if let Some(dir) = self.partial.parent() {
                let _ignored = fs::remove_dir(dir);
            }
        }
    }
}

/// A file error of the backups folder as SQLite's own I/O error, with the path.
fn backup_io(dir: &Path, e: &std::io::Error) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR),
        Some(format!("{}: {e}", dir.display())),
    )
}

/// Writes the backup of [`rotating_backup`] under a temporary name (see
/// [`PendingBackup`]).
pub fn pending_backup(
    conn: &Connection,
    db_path: &Path,
    reason: &str,
    now: NaiveDateTime,
) -> rusqlite::Result<PendingBackup> {
    let dir = backups_dir(db_path);
    let io = |e: std::io::Error| backup_io(&dir, &e);
    super::private::create_dir_all(&dir).map_err(io)?;
    let reason: String =
        reason.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '-' }).collect();
    let mut at = now;
    let out = loop {
        let out = dir.join(format!("{}-{reason}.db", at.format(STAMP)));
        if !out.exists() {
            break out;
        }
        at += chrono::Duration::milliseconds(1);
    };
    let mut partial = out.clone().into_os_string();
    partial.push(PARTIAL);
    let partial = PathBuf::from(partial);
    // Leftovers of interrupted backups are worthless (only the one process
    // that holds the database's lock writes backups of it).
    // Best effort, as pruning: one that cannot go is tried again next time.
    for entry in fs::read_dir(&dir).map_err(io)?.flatten() {
        if entry.file_name().to_string_lossy().ends_with(PARTIAL) {
            let _ignored = fs::remove_file(entry.path());
        }
    }
    let pending = PendingBackup { partial, out, kept: false };
    // The user's alone, like the database (the name keeps it when kept).
    super::private::create_file(&pending.partial).map_err(io)?;
    conn.backup(rusqlite::MAIN_DB, &pending.partial, None)?;
    Ok(pending)
}

/// The names of the automatic backups in `dir`, oldest first.
fn backup_names(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names: Vec<String> = fs::read_dir(dir)?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| is_backup_name(name))
        .collect();
    names.sort_unstable();
    Ok(names)
}

/// Deletes the oldest automatic backups in `dir` beyond `keep`, with the
/// `-wal`/`-shm` files SQLite leaves beside a copy someone opened. The
/// backup `just_written` is always kept, whatever the time in its name (a
/// clock set back gives it an older name than the ones written while it was
/// ahead), then the newest of the others by the time in their names. So the
/// newest good backup is never deleted: only a writer that found its file
/// intact ([`super::quick_check`]) writes a backup, a copy of that file.
///
/// Best effort: a backup that cannot be deleted stays, and the import or
/// restore that wrote the new one goes on (Windows refuses to delete a file
/// another program has open, say an old backup someone is looking at in a
/// database browser); the next backup tries again. Returns what stayed.
fn prune_backups(dir: &Path, keep: usize, just_written: &Path) -> Vec<PathBuf> {
    let Ok(mut names) = backup_names(dir) else { return Vec::new() };
    let just_written = just_written.file_name().and_then(std::ffi::OsStr::to_str);
    names.retain(|name| Some(name.as_str()) != just_written);
    let extra = names.len().saturating_sub(keep.saturating_sub(1));
    let mut stayed = Vec::new();
    for name in &names[..extra] {
        for suffix in ["", "-wal", "-shm"] {
            let path = dir.join(format!("{name}{suffix}"));
            match fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => stayed.push(path),
                _ => {}
            }
        }
    }
    stayed
}

/// The automatic backups of `db_path`, oldest first.
pub fn list_backups(db_path: &Path) -> std::io::Result<Vec<PathBuf>> {
    let dir = backups_dir(db_path);
    if !dir.exists() {
        return Ok(Vec::new());
    }
    Ok(backup_names(&dir)?.into_iter().map(|name| dir.join(name)).collect())
}

impl crate::store::Store {
    /// Writes an automatic backup of this file into its backup folder and
    /// keeps the newest [`BACKUPS_KEPT`] (see [`rotating_backup`]).
    pub fn rotating_backup(
        &self,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<PathBuf, crate::store::StoreError> {
        // A damaged file is refused before its copy pushes good ones out.
        self.writable()?;
        Ok(rotating_backup(&self.conn, &self.path, reason, now, BACKUPS_KEPT)?)
    }
}

/// Writes a consistent copy of the open database to `out` (SQLite's online
/// backup API), refusing to overwrite an existing file. The copy is written
/// beside `out` and named when complete; a failure leaves nothing, neither
/// the copy nor its journal (see [`crate::store::output::write_atomically`]).
/// A copy of the customers is the user's alone, like the database.
pub fn backup(
    conn: &Connection,
    out: &Path,
) -> Result<(), crate::store::output::OutputError<rusqlite::Error>> {
    use crate::store::output::{Existing, write_atomically};
    write_atomically(out, Existing::Refuse, |partial| {
        super::private::restrict_file(partial).map_err(|e| backup_io(partial, &e))?;
        conn.backup(rusqlite::MAIN_DB, partial, None)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("valid date")
    }

    #[test]
    fn a_backup_that_cannot_be_deleted_stays_and_the_backup_goes_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.db");
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch("CREATE TABLE t (a)").expect("table");
        let folder = backups_dir(&path);
        fs::create_dir_all(&folder).expect("mkdir");
        // The oldest "backup" cannot be deleted: a folder under its name
        // fails `remove_file` here as an open file does on Windows.
        let stuck = folder.join("20261101-100000-000-import.db");
        fs::create_dir(&stuck).expect("mkdir");
        fs::write(stuck.join("inside"), b"x").expect("write");
        for day in 2..=4 {
            rotating_backup(&conn, &path, "import", at(day), 3).expect("backup");
        }
        let kept = rotating_backup(&conn, &path, "restore", at(5), 3).expect("not refused");
        assert!(kept.exists());
        let names = backup_names(&folder).expect("list");
        assert_eq!(
            names,
            [
                "20261101-100000-000-import.db",
                "20261103-100000-000-import.db",
                "20261104-100000-000-import.db",
                "20261105-100000-000-restore.db",
            ],
            "the stuck one stays beside the newest 3; the others went"
        );
        assert_eq!(prune_backups(&folder, 1, &kept), [stuck], "says what stayed");
    }
}
