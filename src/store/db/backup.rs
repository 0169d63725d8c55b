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
        prune_backups(&dir, keep.max(1), &self.out).map_err(|e| backup_io(&dir, &e))?;
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
    for entry in fs::read_dir(&dir).map_err(io)?.flatten() {
        if entry.file_name().to_string_lossy().ends_with(PARTIAL) {
            fs::remove_file(entry.path()).map_err(io)?;
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
fn prune_backups(dir: &Path, keep: usize, just_written: &Path) -> std::io::Result<()> {
    let mut names = backup_names(dir)?;
    let just_written = just_written.file_name().and_then(std::ffi::OsStr::to_str);
    names.retain(|name| Some(name.as_str()) != just_written);
    let extra = names.len().saturating_sub(keep.saturating_sub(1));
    for name in &names[..extra] {
        fs::remove_file(dir.join(name))?;
        for suffix in ["-wal", "-shm"] {
            match fs::remove_file(dir.join(format!("{name}{suffix}"))) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
    }
    Ok(())
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
