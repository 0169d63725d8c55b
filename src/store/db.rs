//! Opening, creating, checking, migrating and backing up a Ladder database
//! file. A file is inspected from its header before SQLite writes anything,
//! so a foreign, damaged or newer file is refused byte-identical.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};

use crate::domain::settings::Settings;

/// `PRAGMA application_id` of a Ladder database: "LADR".
pub const APPLICATION_ID: u32 = 0x4C41_4452;

/// The schema migrations, in order; `user_version` counts how many ran.
const MIGRATION_SQL: &[&str] = &[include_str!("migrations/001_initial.sql")];

/// The schema version this build writes and reads.
pub fn schema_version() -> u32 {
    u32::try_from(MIGRATION_SQL.len()).unwrap_or(u32::MAX)
}

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect())
}

/// Why a file cannot be used as a Ladder database.
#[derive(Debug, thiserror::Error)]
pub enum OpenProblem {
    #[error("file not found")]
    Missing,
    #[error("the file already exists; refusing to overwrite it")]
    Exists,
    #[error("the file is empty (0 bytes), not a Ladder database")]
    Empty,
    #[error("not a Ladder database: the file is {what}, not SQLite")]
    NotSqlite { what: &'static str },
    #[error(
        "a SQLite database made by another program (application id {id:#010x}), not a Ladder database"
    )]
    Foreign { id: u32 },
    #[error("truncated or damaged: the header says {expected} bytes, the file has {actual}")]
    Truncated { expected: u64, actual: u64 },
    #[error(
        "made by a newer version of Ladder (schema version {found}; this version reads up to {supported})"
    )]
    Newer { found: u32, supported: u32 },
    #[error("damaged: {detail}")]
    Corrupt { detail: String },
    #[error("cannot be read: {0}")]
    Io(#[from] std::io::Error),
    #[error("SQLite error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{0}")]
    Setting(#[from] crate::domain::settings::SettingError),
}

/// A refused file: which one and why. Displays as `PATH: problem`.
#[derive(Debug, thiserror::Error)]
#[error("{}: {problem}", path.display())]
pub struct OpenError {
    pub path: PathBuf,
    pub problem: OpenProblem,
}

impl OpenError {
    fn new(path: &Path, problem: impl Into<OpenProblem>) -> Self {
        Self { path: path.to_owned(), problem: problem.into() }
    }
}

/// What the 100-byte SQLite header of a Ladder file says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub schema_version: u32,
}

/// Reads and judges a file's header without opening it in SQLite.
pub fn probe(path: &Path) -> Result<Header, OpenError> {
    let err = |p: OpenProblem| OpenError::new(path, p);
    let mut file = fs::File::open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            err(OpenProblem::Missing)
        } else {
            err(OpenProblem::Io(e))
        }
    })?;
    let len = file.metadata().map_err(|e| err(e.into()))?.len();
    if len == 0 {
        return Err(err(OpenProblem::Empty));
    }
    let mut head = Vec::with_capacity(100);
    file.by_ref().take(100).read_to_end(&mut head).map_err(|e| err(e.into()))?;
    if head.len() < 100 || !head.starts_with(b"SQLite format 3\0") {
        let what = if std::str::from_utf8(&head).is_ok() { "a text file" } else { "binary data" };
        return Err(err(OpenProblem::NotSqlite { what }));
    }
    let be32 = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    // The in-header page count is valid when the change counter matches.
    if be32(24) == be32(92) {
        let expected = u64::from(be32(28)) * page_size;
        if len < expected {
            return Err(err(OpenProblem::Truncated { expected, actual: len }));
        }
    }
    let application_id = be32(68);
    if application_id != APPLICATION_ID {
        return Err(err(OpenProblem::Foreign { id: application_id }));
    }
    let found = be32(60);
    if found > schema_version() {
        return Err(err(OpenProblem::Newer { found, supported: schema_version() }));
    }
    Ok(Header { schema_version: found })
}

/// Full read-only check of a Ladder file: header, SQLite integrity and
/// foreign keys, and that the settings can be read. Writes nothing.
pub fn check(path: &Path) -> Result<(), OpenError> {
    probe(path)?;
    let err = |p: OpenProblem| OpenError::new(path, p);
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| err(e.into()))?;
    let corrupt = |detail: String| err(OpenProblem::Corrupt { detail });
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(|e| corrupt(e.to_string()))?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(Iterator::collect)
        .map_err(|e| corrupt(e.to_string()))?;
    if lines != ["ok"] {
        return Err(corrupt(lines.join("; ")));
    }
    let dangling: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .map_err(|e| corrupt(e.to_string()))?;
    if dangling > 0 {
        return Err(corrupt(format!("{dangling} rows refer to records that do not exist")));
    }
    super::settings::load(&conn).map_err(err)?;
    Ok(())
}

/// Applies the connection settings every Ladder connection uses.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "busy_timeout", 5_000)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Creates a new, empty Ladder database; refuses an existing file.
pub fn create(path: &Path) -> Result<Connection, OpenError> {
    let err = |p: OpenProblem| OpenError::new(path, p);
    if path.exists() {
        return Err(err(OpenProblem::Exists));
    }
    let result = (|| {
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
        // Header fields and the schema are written before WAL is switched
        // on, so the file itself always says what it is (another process
        // probing the header never sees a half-made database).
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        migrations().to_latest(&mut conn)?;
        super::settings::insert_missing(&conn, &Settings::default())?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        Ok::<_, OpenProblem>(conn)
    })();
    result.map_err(|problem| {
        // A half-created file is worthless: remove it so a retry starts clean.
        let _ignored = fs::remove_file(path);
        err(problem)
    })
}

/// Opens an existing Ladder database for writing: checks the header first,
/// writes a backup copy into the file's rotating backup folder before
/// migrating an older schema (see [`rotating_backup`]), then migrates.
pub fn open(path: &Path, now: NaiveDateTime) -> Result<Connection, OpenError> {
    let header = probe(path)?;
    let err = |p: OpenProblem| OpenError::new(path, p);
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| err(e.into()))?;
    configure(&conn).map_err(|e| err(e.into()))?;
    if header.schema_version < schema_version() {
        backup_before_migration(&conn, path, header.schema_version, now)
            .map_err(|e| err(e.into()))?;
        migrate(&mut conn, &migrations()).map_err(|e| err(e.into()))?;
        // Put the new schema version into the file's header right away.
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").map_err(|e| err(e.into()))?;
    }
    super::settings::insert_missing(&conn, &Settings::default()).map_err(|e| err(e.into()))?;
    Ok(conn)
}

/// Runs pending migrations (the list is a parameter so tests can add one).
fn migrate(conn: &mut Connection, migrations: &Migrations<'_>) -> rusqlite_migration::Result<()> {
    migrations.to_latest(conn)
}

/// The reason written into the name of the backup made before migrating a
/// file from schema version `from_version`.
pub fn migration_backup_reason(from_version: u32) -> String {
    format!("schema{from_version}")
}

/// Backs up the file into its rotating backup folder before a migration
/// (see [`rotating_backup`]); returns the copy's path.
fn backup_before_migration(
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
    let dir = backups_dir(db_path);
    // File errors come back as SQLite's own I/O error, with the path.
    let io = |e: std::io::Error| {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR),
            Some(format!("{}: {e}", dir.display())),
        )
    };
    fs::create_dir_all(&dir).map_err(io)?;
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
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    // A leftover from an interrupted backup is worthless.
    if partial.exists() {
        fs::remove_file(&partial).map_err(io)?;
    }
    if let Err(e) = conn.backup(rusqlite::MAIN_DB, &partial, None) {
        let _ignored = fs::remove_file(&partial);
        return Err(e);
    }
    fs::rename(&partial, &out).map_err(io)?;
    prune_backups(&dir, keep.max(1)).map_err(io)?;
    Ok(out)
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
/// `-wal`/`-shm` files SQLite leaves beside a copy someone opened.
fn prune_backups(dir: &Path, keep: usize) -> std::io::Result<()> {
    let names = backup_names(dir)?;
    let extra = names.len().saturating_sub(keep);
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

impl super::Store {
    /// Writes an automatic backup of this file into its backup folder and
    /// keeps the newest [`BACKUPS_KEPT`] (see [`rotating_backup`]).
    pub fn rotating_backup(
        &self,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<PathBuf, super::StoreError> {
        Ok(rotating_backup(&self.conn, &self.path, reason, now, BACKUPS_KEPT)?)
    }
}

/// Writes a consistent copy of the open database to `out` (SQLite's online
/// backup API), refusing to overwrite an existing file.
pub fn backup(conn: &Connection, out: &Path) -> rusqlite::Result<()> {
    if out.exists() {
        return Err(rusqlite::Error::InvalidPath(out.to_owned()));
    }
    conn.backup(rusqlite::MAIN_DB, out, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("valid date")
    }

    #[test]
    fn created_file_passes_probe_and_check() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.db");
        drop(create(&path).expect("create"));
        assert_eq!(probe(&path).expect("probe").schema_version, schema_version());
        check(&path).expect("check");
        assert!(matches!(create(&path), Err(OpenError { problem: OpenProblem::Exists, .. })));
    }

    #[test]
    fn migration_of_an_older_file_writes_a_backup_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("old.db");
        drop(create(&path).expect("create"));
        let mut conn = Connection::open(&path).expect("open");
        let mut steps: Vec<M<'_>> = MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect();
        steps.push(M::up("ALTER TABLE customers ADD COLUMN extra TEXT;"));
        let newer = Migrations::new(steps);
        let backup =
            backup_before_migration(&conn, &path, schema_version(), now()).expect("backup");
        assert_eq!(backup, dir.path().join("old.backups/20261123-100000-000-schema1.db"));
        migrate(&mut conn, &newer).expect("migrate");
        assert_eq!(probe(&backup).expect("backup is a Ladder file").schema_version, 1);
        let version: u32 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
        assert_eq!(version, schema_version() + 1);
        drop(conn);
        assert!(matches!(probe(&path), Err(OpenError { problem: OpenProblem::Newer { .. }, .. })));
    }
}
