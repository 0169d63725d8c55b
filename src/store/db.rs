//! Opening, creating, checking, migrating and backing up a Ladder database
//! file. A file is inspected from its header before SQLite writes anything,
//! so a foreign, damaged or newer file is refused byte-identical.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};

use backup::backup_before_migration;
pub use backup::{
    BACKUPS_KEPT, PendingBackup, backup, backups_dir, list_backups, migration_backup_reason,
    pending_backup, rotating_backup,
};
pub use lock::{DbLock, held, lock, lock_path};
use uri::sqlite_uri;
use verdict::judge_pending_wal;
pub use verdict::{Header, SpecialFile, check, probe, quick_check};

use crate::domain::settings::Settings;

mod backup;
mod lock;
mod private;
mod uri;
mod verdict;

/// `PRAGMA application_id` of a Ladder database: "LADR".
pub const APPLICATION_ID: u32 = 0x4C41_4452;

/// The schema migrations, in order; `user_version` counts how many ran.
const MIGRATION_SQL: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_no_transaction_date_index.sql"),
    include_str!("migrations/003_area_in_use_since.sql"),
    include_str!("migrations/004_churn_winback_cost.sql"),
];

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
    #[error("not a Ladder database: the file holds only zero bytes")]
    Zeros,
    #[error("{0}, not a file; name a Ladder database file")]
    NotAFile(SpecialFile),
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
    /// Refused to a writer: `PRAGMA quick_check` found the file damaged.
    #[error("{}", damaged_text(.detail))]
    Damaged { detail: String },
    #[error(
        "damaged: the {} {} missing (the file was changed by another program)",
        plural(.tables.len(), "table", "tables"),
        quoted_list(.tables)
    )]
    MissingTables { tables: Vec<String> },
    #[error(
        "damaged: the {} {} missing (the file was changed by another program)",
        plural(.columns.len(), "column", "columns"),
        quoted_list(.columns)
    )]
    MissingColumns { columns: Vec<String> },
    /// A `-wal` beside the file that does not fit it: SQLite would apply it.
    #[error(
        "damaged: the -wal file beside it (SQLite's log of the latest changes) does not fit it \
         ({detail}): was the file replaced or copied without it? Nothing was read or written; \
         move the -wal file away to use the file as it is"
    )]
    StaleWal { detail: String },
    #[error("{0}; nothing can be written to it")]
    ReadOnly(ReadOnly),
    #[error(
        "{why}, and its latest changes are still in its -wal file, which cannot be read \
         without writing a -shm file beside it; make it writable and open it once"
    )]
    PendingWal { why: ReadOnly },
    #[error(
        "{why}, and its schema (version {found}) must be upgraded to version {supported} \
         before this version of Ladder can read it; make it writable and open it once"
    )]
    OldReadOnly { why: ReadOnly, found: u32, supported: u32 },
    #[error("{}; nothing was written", in_use(.pid))]
    InUse { pid: Option<u32> },
    #[error(
        "another program is writing to the database (waited {} for it); nothing was \
         written, try again when it has finished",
        waited()
    )]
    Busy,
    #[error("cannot be read: {0}")]
    Io(#[from] std::io::Error),
    #[error("SQLite error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{0}")]
    Setting(#[from] crate::domain::settings::SettingError),
}

impl From<rusqlite::Error> for OpenProblem {
    /// A busy or locked database becomes [`OpenProblem::Busy`].
    fn from(e: rusqlite::Error) -> Self {
        if is_busy(&e) { Self::Busy } else { Self::Sqlite(e) }
    }
}

/// True when SQLite gave up waiting for another connection's lock.
pub fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// The busy timeout in words: `5 s`, `0.3 s`.
fn waited() -> String {
    let ms = busy_timeout_ms();
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", f64::from(ms) / 1000.0)
    }
}

/// The refusal of a damaged file to a writer, in words.
pub fn damaged_text(detail: &str) -> String {
    format!(
        "damaged: SQLite's check of the file failed ({detail}); nothing was written. \
         Put a copy of a backup that `ladder check-db` calls ok in its place (the automatic \
         ones are in the .backups folder beside it)"
    )
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

fn quoted_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let verb = if names.len() == 1 { "is" } else { "are" };
    format!("{} {verb}", quoted.join(", "))
}

fn in_use(pid: &Option<u32>) -> String {
    match pid {
        Some(pid) => format!("open in another Ladder window or command (process {pid})"),
        None => "open in another Ladder window or command".to_owned(),
    }
}

/// Why a database is open for reading only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadOnly {
    /// The file's permissions allow nobody to write it (decided from the
    /// permission bits, so it holds for root too).
    #[error("the file is read-only")]
    File,
    /// The folder's permissions allow nobody to create files in it, and
    /// SQLite must create its `-wal` and `-shm` files beside the database.
    #[error("the folder of the file is read-only")]
    Folder,
    /// This user may not write the file (the operating system refused).
    #[error("this user may not write the file")]
    Denied,
    /// The disk, card or share holding the file is mounted read-only
    /// (`EROFS`), whatever the permission bits say.
    #[error("the disk holding the file is read-only")]
    FileSystem,
    /// Opened by a command that only reads.
    #[error("opened for reading only")]
    Reading,
}

/// Whether the file at `path` (which exists) can be written, judged from
/// the permission bits of the file and its folder and from the operating
/// system refusing to open it for writing (also a read-only mount, whose
/// permission bits still allow writing). Writes nothing.
pub fn read_only_reason(path: &Path) -> Option<ReadOnly> {
    let meta = fs::metadata(path).ok()?;
    if meta.permissions().readonly() {
        return Some(ReadOnly::File);
    }
    // Windows' read-only attribute on a folder does not stop new files.
    #[cfg(unix)]
    {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        if fs::metadata(dir).is_ok_and(|m| m.permissions().readonly()) {
            return Some(ReadOnly::Folder);
        }
    }
    fs::OpenOptions::new().read(true).write(true).open(path).err().and_then(|e| refusal(&e))
}

/// What an operating system's refusal to open a file for writing says
/// about it: `None` for an error that is not a refusal to write.
fn refusal(e: &std::io::Error) -> Option<ReadOnly> {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => Some(ReadOnly::Denied),
        std::io::ErrorKind::ReadOnlyFilesystem => Some(ReadOnly::FileSystem),
        _ => None,
    }
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

/// How long a connection waits for another one's write lock before it gives
/// up with [`OpenProblem::Busy`]: 5 s, or `LADDER_BUSY_TIMEOUT_MS` (tests).
pub fn busy_timeout_ms() -> u32 {
    std::env::var("LADDER_BUSY_TIMEOUT_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(5_000)
}

/// Applies the connection settings every Ladder connection uses.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "busy_timeout", busy_timeout_ms())?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// The file beside the database with `suffix` appended to its name.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A read-only connection that writes nothing at all, not even the `-wal`
/// and `-shm` files a WAL database normally needs: with no pending `-wal`
/// the file alone is the database and SQLite reads it as `immutable`
/// (no locks, no side files); with a pending `-wal` it must be read through
/// its `-shm` index, which has to exist already.
fn read_only_connection(path: &Path, why: ReadOnly) -> Result<Connection, OpenProblem> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let pending = fs::metadata(sidecar(path, "-wal")).is_ok_and(|m| m.len() > 0);
    if !pending {
        let uri = sqlite_uri(path, "immutable=1")?;
        return Ok(Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?);
    }
    if !sidecar(path, "-shm").exists() {
        return Err(OpenProblem::PendingWal { why });
    }
    let conn = Connection::open_with_flags(path, flags)?;
    conn.pragma_update(None, "busy_timeout", busy_timeout_ms())?;
    // The first read opens the -wal through the -shm, or says it cannot.
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(conn),
        Err(e) if is_busy(&e) => Err(OpenProblem::Busy),
        Err(_) => Err(OpenProblem::PendingWal { why }),
    }
}

/// A connection for reading only: a read-only file through
/// [`read_only_connection`]; a writable one read-write (so that the last
/// connection to close cleans up the `-wal`/`-shm` files as usual) but with
/// `query_only` on, so no statement can change it.
fn read_connection_for(path: &Path, why: Option<ReadOnly>) -> Result<Connection, OpenProblem> {
    if let Some(why) = why {
        return read_only_connection(path, why);
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    configure(&conn)?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

/// [`quick_check`] of the file at `path` on a reading connection of its
/// own, so that it can run on another thread while the writer reads: what
/// it finds is what the writer's own connection would find before its
/// first write.
pub fn quick_check_file(path: &Path) -> Result<(), OpenProblem> {
    quick_check(&read_connection_for(path, None)?)
}

/// A reading connection for a worker thread (value analysis, compliance):
/// never writes the file, nor creates `-wal`/`-shm` files beside a
/// read-only one. The file was judged when the app opened it.
pub fn read_connection(path: &Path) -> rusqlite::Result<Connection> {
    read_connection_for(path, read_only_reason(path)).map_err(|problem| match problem {
        OpenProblem::Sqlite(e) => e,
        other => rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
            Some(format!("{}: {other}", path.display())),
        ),
    })
}

/// Every `(table, column)` of a database's own tables, sorted.
type Schema = Vec<(String, String)>;

/// The [`Schema`] of a database.
fn schema_of(conn: &Connection) -> rusqlite::Result<Schema> {
    let mut stmt = conn.prepare(
        "SELECT m.name, p.name FROM sqlite_schema AS m, pragma_table_info(m.name) AS p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1, 2",
    )?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect()
}

/// The tables and columns the migrations up to `version` create (run once
/// per version on an in-memory database).
fn expected_schema(version: u32) -> Result<Arc<Schema>, OpenProblem> {
    static SCHEMAS: Mutex<Vec<(u32, Arc<Schema>)>> = Mutex::new(Vec::new());
    let mut known = SCHEMAS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, schema)) = known.iter().find(|(v, _)| *v == version) {
        return Ok(Arc::clone(schema));
    }
    let mut conn = Connection::open_in_memory()?;
    if version > 0 {
        let steps = usize::try_from(version).unwrap_or(usize::MAX);
        migrations().to_version(&mut conn, steps)?;
    }
    let schema = Arc::new(schema_of(&conn)?);
    known.push((version, Arc::clone(&schema)));
    Ok(schema)
}

/// Refuses a file that lacks a table or column its schema version has (a
/// table someone dropped, an old copy edited by hand). Reads only.
fn check_schema(conn: &Connection, version: u32) -> Result<(), OpenProblem> {
    let expected = expected_schema(version)?;
    let found: std::collections::HashSet<(String, String)> = schema_of(conn)?.into_iter().collect();
    let tables: std::collections::HashSet<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    let mut missing_tables: Vec<String> = Vec::new();
    let mut missing_columns: Vec<String> = Vec::new();
    for (table, column) in expected.iter() {
        if !tables.contains(table.as_str()) {
            if missing_tables.last() != Some(table) {
                missing_tables.push(table.clone());
            }
        } else if !found.contains(&(table.clone(), column.clone())) {
            missing_columns.push(format!("{table}.{column}"));
        }
    }
    if !missing_tables.is_empty() {
        return Err(OpenProblem::MissingTables { tables: missing_tables });
    }
    if !missing_columns.is_empty() {
        return Err(OpenProblem::MissingColumns { columns: missing_columns });
    }
    Ok(())
}

/// How a file is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// To write: refuses a read-only file, one another Ladder process holds,
    /// and one another program is writing to.
    Write,
    /// As [`Mode::Write`], but SQLite's check of the file is left to the
    /// first write (an import runs it on a connection of its own, see
    /// [`quick_check_file`], while it loads what it needs, and waits for it
    /// before it writes anything).
    WriteCheckingLater,
    /// To write when the file can be written, else read-only (the app).
    WriteOrReadOnly,
    /// To read only: never writes and never takes the lock, so it also
    /// reads a file another Ladder window has open (reading commands).
    Read,
}

/// An open database: the connection, the lock when it may be written, and
/// why not when it may not.
#[derive(Debug)]
pub struct Opened {
    pub conn: Connection,
    pub lock: Option<DbLock>,
    pub read_only: Option<ReadOnly>,
    /// Whether [`quick_check`] passed already ([`Mode::Write`], a new file).
    pub checked: bool,
}

/// Creates a new, empty Ladder database; refuses an existing file. The new
/// file is locked for this process (see [`DbLock`]).
pub fn create(path: &Path) -> Result<Opened, OpenError> {
    let err = |p: OpenProblem| OpenError::new(path, p);
    if path.exists() {
        return Err(err(OpenProblem::Exists));
    }
    let lock = lock(path).map_err(err)?;
    let result = (|| {
        // The user's alone (and so its -wal and -shm), before SQLite fills it in.
        private::create_file(path)?;
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
    match result {
        Ok(conn) => Ok(Opened { conn, lock: Some(lock), read_only: None, checked: true }),
        Err(problem) => {
            // A half-created file is worthless: remove it so a retry starts clean.
            let _ignored = fs::remove_file(path);
            Err(err(problem))
        }
    }
}

/// True when SQLite could not open or write the file for lack of rights.
fn is_denied(problem: &OpenProblem) -> bool {
    if matches!(problem, OpenProblem::ReadOnly(_)) {
        return true;
    }
    let OpenProblem::Sqlite(e) = problem else { return false };
    matches!(
        e.sqlite_error_code(),
        Some(
            rusqlite::ErrorCode::CannotOpen
                | rusqlite::ErrorCode::ReadOnly
                | rusqlite::ErrorCode::PermissionDenied
        )
    )
}

/// Opens an existing Ladder database. Checks the header and the schema
/// before anything is written; then, by `mode`:
/// - a read-only file (permission bits, or the system refusing) is refused
///   for [`Mode::Write`] and read without writing anything otherwise;
/// - [`Mode::Read`] reads a writable file with `query_only` on; an older
///   schema is read as it is (checked against what its own version has),
///   neither migrated nor backed up, so reading never writes;
/// - writing takes the [`DbLock`], backs an older schema up into the
///   rotating backup folder (see [`rotating_backup`]) and migrates it.
pub fn open(path: &Path, now: NaiveDateTime, mode: Mode) -> Result<Opened, OpenError> {
    let header = probe(path)?;
    let err = |p: OpenProblem| OpenError::new(path, p);
    let current = header.schema_version == schema_version();
    let writer = matches!(mode, Mode::Write | Mode::WriteCheckingLater);
    let read_only = |why: ReadOnly| {
        if writer {
            return Err(OpenProblem::ReadOnly(why));
        }
        // The app cannot upgrade it; a reading command reads it as it is.
        if !current && mode != Mode::Read {
            let (found, supported) = (header.schema_version, schema_version());
            return Err(OpenProblem::OldReadOnly { why, found, supported });
        }
        let conn = read_only_connection(path, why)?;
        check_schema(&conn, header.schema_version)?;
        Ok(Opened { conn, lock: None, read_only: Some(why), checked: false })
    };
    if let Some(why) = read_only_reason(path) {
        return read_only(why).map_err(err);
    }
    judge_pending_wal(path).map_err(err)?;
    if mode == Mode::Read {
        // An older schema too: every reader works on each schema version
        // this build supports (so far they differ by one index only).
        let conn = read_connection_for(path, None).map_err(err)?;
        check_schema(&conn, header.schema_version).map_err(err)?;
        return Ok(Opened { conn, lock: None, read_only: Some(ReadOnly::Reading), checked: false });
    }
    let lock = lock(path).map_err(err)?;
    let opened = (|| {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(OpenProblem::ReadOnly(ReadOnly::Denied));
        }
        check_schema(&conn, header.schema_version)?;
        Ok::<_, OpenProblem>(conn)
    })();
    let mut conn = match opened {
        Ok(conn) => conn,
        // The folder refuses the -wal/-shm files (a user without rights).
        Err(problem) if is_denied(&problem) => {
            drop(lock);
            return read_only(ReadOnly::Denied).map_err(err);
        }
        Err(problem) => return Err(err(problem)),
    };
    if writer {
        // Another program holding a write transaction: say so now, before
        // a command writes backups or reads its input.
        conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;").map_err(|e| err(e.into()))?;
    }
    // A writing command, or a migration: refuse a damaged file before a
    // backup of it pushes good ones out. The app checks at its first write,
    // an import before its first write.
    let checked = mode == Mode::Write || !current;
    if checked {
        quick_check(&conn).map_err(err)?;
    }
    if !current {
        backup_before_migration(&conn, path, header.schema_version, now)
            .map_err(|e| err(e.into()))?;
        migrate(&mut conn, &migrations()).map_err(|e| err(e.into()))?;
        // Put the new schema version into the file's header right away.
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").map_err(|e| err(e.into()))?;
    }
    if settings_missing(&conn).map_err(|e| err(e.into()))? {
        super::settings::insert_missing(&conn, &Settings::default()).map_err(|e| err(e.into()))?;
    }
    Ok(Opened { conn, lock: Some(lock), read_only: None, checked })
}

/// True when a setting this version knows is not stored yet (reading first,
/// so that opening a complete file never needs the write lock).
fn settings_missing(conn: &Connection) -> rusqlite::Result<bool> {
    let mut stmt = conn.prepare("SELECT key FROM settings")?;
    let stored: std::collections::HashSet<String> =
        stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(Settings::default().to_pairs().iter().any(|(key, _)| !stored.contains(*key)))
}

/// A write transaction held open on a database the way another program
/// (say the `sqlite3` shell after `BEGIN IMMEDIATE`) holds one, without
/// Ladder's lock; dropping it rolls back. For the hidden `hold` command
/// the tests use to show what other programs see.
#[derive(Debug)]
pub struct ForeignWrite {
    /// Closing the connection rolls the transaction back.
    _conn: Connection,
}

/// Starts a [`ForeignWrite`] on the Ladder file at `path`.
pub fn hold_write_transaction(path: &Path) -> Result<ForeignWrite, OpenError> {
    probe(path)?;
    let err = |e: rusqlite::Error| OpenError::new(path, e);
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(err)?;
    conn.pragma_update(None, "busy_timeout", busy_timeout_ms()).map_err(err)?;
    conn.execute_batch("BEGIN IMMEDIATE").map_err(err)?;
    Ok(ForeignWrite { _conn: conn })
}

/// Runs pending migrations (the list is a parameter so tests can add one).
fn migrate(conn: &mut Connection, migrations: &Migrations<'_>) -> rusqlite_migration::Result<()> {
    migrations.to_latest(conn)
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

    fn sidecars(path: &Path) -> Vec<PathBuf> {
        let names = ["-wal", "-shm", ".lock", ".lock.pid"];
        names.iter().map(|s| sidecar(path, s)).filter(|p| p.exists()).collect()
    }

    #[test]
    fn a_read_only_mount_is_a_reason_to_read_only_and_other_errors_are_not() {
        use std::io::{Error, ErrorKind};
        // EROFS: the permission bits say rw, the mount says no.
        assert_eq!(
            refusal(&Error::from(ErrorKind::ReadOnlyFilesystem)),
            Some(ReadOnly::FileSystem)
        );
        assert_eq!(refusal(&Error::from(ErrorKind::PermissionDenied)), Some(ReadOnly::Denied));
        assert_eq!(refusal(&Error::from(ErrorKind::NotFound)), None);
        #[cfg(target_os = "linux")]
        assert_eq!(refusal(&Error::from_raw_os_error(30)), Some(ReadOnly::FileSystem));
    }

    #[test]
    #[cfg(unix)] // `?` is not allowed in Windows file names.
    fn a_read_only_file_with_an_awkward_name_is_read_without_side_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("客户 100%?#1.db");
        drop(create(&path).expect("create"));
        assert_eq!(read_only_reason(&path), None);
        let mut perms = fs::metadata(&path).expect("metadata").permissions();
        let writable = perms.clone();
        perms.set_readonly(true);
        fs::set_permissions(&path, perms).expect("chmod");
        let before = fs::read(&path).expect("read");
        assert_eq!(read_only_reason(&path), Some(ReadOnly::File));
        for mode in [Mode::Read, Mode::WriteOrReadOnly] {
            let opened = open(&path, now(), mode).expect("opens read-only");
            assert_eq!(opened.read_only, Some(ReadOnly::File));
            assert!(opened.lock.is_none());
            let n: i64 = opened
                .conn
                .query_row("SELECT count(*) FROM settings", [], |r| r.get(0))
                .expect("reads");
            assert!(n > 0);
            assert!(opened.conn.execute("DELETE FROM settings", []).is_err(), "cannot write");
            assert_eq!(sidecars(&path), Vec::<PathBuf>::new());
        }
        let refused = open(&path, now(), Mode::Write).expect_err("refused for writing");
        assert!(matches!(refused.problem, OpenProblem::ReadOnly(ReadOnly::File)));
        check(&path).expect("check reads it");
        drop(read_connection(&path).expect("worker connection"));
        assert_eq!(fs::read(&path).expect("read"), before);
        assert_eq!(sidecars(&path), Vec::<PathBuf>::new());
        fs::set_permissions(&path, writable).expect("chmod back");
    }

    #[test]
    fn stores_of_one_process_share_the_lock_and_the_last_one_removes_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("shared.db");
        let created = create(&path).expect("create");
        let lock_file = lock_path(&path).expect("lock path");
        // The pid is read from the unlocked file: on Windows the lock file
        // itself cannot be read by anyone but its handle.
        let pid_file = sidecar(&lock_file, ".pid");
        assert_eq!(
            fs::read_to_string(&pid_file).expect("pid file").trim(),
            std::process::id().to_string()
        );
        let again = open(&path, now(), Mode::Write).expect("same process: shared");
        drop(created);
        assert!(lock_file.exists(), "still held by the second store");
        drop(again);
        assert!(!lock_file.exists() && !pid_file.exists(), "removed with the last store");
        let reader = open(&path, now(), Mode::Read).expect("read");
        assert!(reader.lock.is_none() && !lock_file.exists(), "readers take no lock");
    }

    #[test]
    fn a_dropped_table_or_column_is_named_and_the_file_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.db");
        drop(create(&path).expect("create"));
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch("DROP TABLE surveys; DROP TABLE ac_faults;").expect("drop");
        drop(conn);
        let before = fs::read(&path).expect("read");
        for mode in [Mode::Write, Mode::WriteOrReadOnly, Mode::Read] {
            let problem = open(&path, now(), mode).expect_err("refused").problem;
            let OpenProblem::MissingTables { tables } = &problem else {
                panic!("{problem}");
            };
            assert_eq!(tables, &["ac_faults", "surveys"]);
            assert!(problem.to_string().contains("tables \"ac_faults\", \"surveys\" are missing"));
        }
        assert!(matches!(
            check(&path),
            Err(OpenError { problem: OpenProblem::MissingTables { .. }, .. })
        ));
        assert_eq!(fs::read(&path).expect("read"), before);
        assert_eq!(sidecars(&path), Vec::<PathBuf>::new());
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
        let name = format!("old.backups/20261123-100000-000-schema{}.db", schema_version());
        assert_eq!(backup, dir.path().join(name));
        migrate(&mut conn, &newer).expect("migrate");
        assert_eq!(
            probe(&backup).expect("backup is a Ladder file").schema_version,
            schema_version()
        );
        let version: u32 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
        assert_eq!(version, schema_version() + 1);
        drop(conn);
        assert!(matches!(probe(&path), Err(OpenError { problem: OpenProblem::Newer { .. }, .. })));
    }

    /// A file of schema version 1 (only the first migration ran) with one
    /// customer, in WAL mode as every Ladder file.
    fn version_1_file(path: &Path) -> Connection {
        let mut conn = Connection::open(path).expect("open");
        conn.pragma_update(None, "application_id", APPLICATION_ID).expect("id");
        Migrations::new(vec![M::up(MIGRATION_SQL[0])]).to_latest(&mut conn).expect("v1");
        conn.execute(
            "INSERT INTO customers (code, name, kind, created_at, updated_at) \
             VALUES ('C-000001', '甲', 'individual', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            [],
        )
        .expect("customer");
        conn.pragma_update(None, "journal_mode", "WAL").expect("wal");
        conn
    }

    #[test]
    fn a_version_1_file_is_migrated_with_a_backup_and_loses_the_date_index() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v1.db");
        drop(version_1_file(&path));
        assert_eq!(probe(&path).expect("probe").schema_version, 1);
        let store = crate::store::Store::open(&path, now()).expect("migrated");
        assert_eq!(store.customer_rows().expect("rows").len(), 1, "data kept");
        drop(store);
        assert_eq!(probe(&path).expect("probe").schema_version, schema_version());
        let conn = Connection::open(&path).expect("open");
        let indexes: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'transactions_date'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(indexes, 0);
        let backup = dir.path().join("v1.backups/20261123-100000-000-schema1.db");
        assert_eq!(probe(&backup).expect("the backup is the old file").schema_version, 1);
    }

    #[test]
    fn reading_a_version_1_file_reads_it_as_it_is() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v1.db");
        drop(version_1_file(&path));
        let before = fs::read(&path).expect("read");
        let writable = fs::metadata(&path).expect("metadata").permissions();
        for read_only in [false, true] {
            if read_only {
                let mut perms = writable.clone();
                perms.set_readonly(true);
                fs::set_permissions(&path, perms).expect("chmod");
            }
            let opened = open(&path, now(), Mode::Read).expect("read as it is");
            assert!(opened.lock.is_none(), "no lock taken");
            let why = if read_only { ReadOnly::File } else { ReadOnly::Reading };
            assert_eq!(opened.read_only, Some(why));
            let store = crate::store::Store::from_opened(&path, opened);
            assert_eq!(store.customer_rows().expect("rows")[0].name, "甲");
            assert!(store.settings().is_ok(), "the default settings");
            drop(store);
            assert_eq!(fs::read(&path).expect("read"), before, "not migrated");
            assert_eq!(sidecars(&path), Vec::<PathBuf>::new());
            assert!(!backups_dir(&path).exists(), "no migration backup");
        }
        // The app can neither upgrade a read-only old file nor read it.
        let refused = open(&path, now(), Mode::WriteOrReadOnly).expect_err("refused");
        assert!(matches!(refused.problem, OpenProblem::OldReadOnly { found: 1, .. }));
        fs::set_permissions(&path, writable).expect("chmod back");
    }

    #[test]
    fn a_version_1_file_without_its_date_index_migrates_too() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v1.db");
        let conn = version_1_file(&path);
        conn.execute_batch("DROP INDEX transactions_date").expect("dropped by hand");
        drop(conn);
        check(&path).expect("a good version-1 file (indexes are not part of the check)");
        let store = crate::store::Store::open(&path, now()).expect("migrated");
        assert_eq!(store.customer_rows().expect("rows").len(), 1, "data kept");
        drop(store);
        assert_eq!(probe(&path).expect("probe").schema_version, schema_version());
        check(&path).expect("checks ok");
    }

    #[test]
    fn a_pending_backup_is_kept_by_name_or_leaves_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.db");
        let conn = create(&path).expect("create").conn;
        let folder = backups_dir(&path);
        // Unkept: no file and no folder left.
        drop(pending_backup(&conn, &path, "import", now()).expect("write"));
        assert!(!folder.exists(), "an unkept backup leaves nothing");
        // A leftover of a killed process is cleared by the next backup.
        fs::create_dir_all(&folder).expect("mkdir");
        fs::write(folder.join("20260101-000000-000-import.db.partial"), b"half").expect("write");
        let kept = pending_backup(&conn, &path, "import", now()).expect("write").keep(3);
        let kept = kept.expect("keep");
        let names: Vec<String> = fs::read_dir(&folder)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, [kept.file_name().expect("name").to_string_lossy().into_owned()]);
        assert_eq!(probe(&kept).expect("a Ladder file").schema_version, schema_version());
    }
}
