//! Verdicts on a file before it is opened for work: what kind of file the
//! path names, what its header says, whether SQLite finds it whole
//! (`PRAGMA quick_check`), and whether a `-wal` beside it belongs to it.

use std::fs;
use std::io::Read as _;
use std::path::Path;

use rusqlite::Connection;

use super::*;
/// Something a path can name that is not a regular file, and so is never
/// opened to be read: opening a named pipe waits for a writer forever.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SpecialFile {
    #[error("a folder")]
    Folder,
    #[error("a named pipe (FIFO)")]
    Pipe,
    #[error("a device")]
    Device,
    #[error("a socket")]
    Socket,
}

impl SpecialFile {
    /// What `path` is when it exists and is not a regular file (links
    /// followed), judged without opening it.
    pub fn at(path: &Path) -> Option<Self> {
        let kind = fs::metadata(path).ok()?.file_type();
        if kind.is_file() {
            return None;
        }
        if kind.is_dir() {
            return Some(Self::Folder);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if kind.is_fifo() {
                return Some(Self::Pipe);
            }
            if kind.is_socket() {
                return Some(Self::Socket);
            }
        }
        Some(Self::Device)
    }

    /// Its name in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            Self::Folder => "文件夹",
            Self::Pipe => "命名管道（FIFO）",
            Self::Device => "设备",
            Self::Socket => "套接字",
        }
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
    if let Some(special) = SpecialFile::at(path) {
        return Err(err(OpenProblem::NotAFile(special)));
    }
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
        if only_zeros(&head, &mut file).map_err(|e| err(e.into()))? {
            return Err(err(OpenProblem::Zeros));
        }
        let text = !head.contains(&0) && std::str::from_utf8(&head).is_ok();
        let what = if text { "a text file" } else { "binary data" };
        return Err(err(OpenProblem::NotSqlite { what }));
    }
    let be32 = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    // The in-header page count is valid when the change counter matches,
    // and it is the file's size unless a write-ahead log holds the pages
    // still to be copied in: a crash half-way through a checkpoint leaves
    // the new header (page 1 is copied first) on a file not grown yet, which
    // SQLite completes from the log when it opens the file.
    if be32(24) == be32(92) {
        let expected = u64::from(be32(28)) * page_size;
        if len < expected && wal_pages(path, page_size) < (expected - len).div_ceil(page_size) {
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

/// True when `head` and the rest of `file` are all zero bytes (a file
/// allocated and never written); reads on only while they are.
pub(super) fn only_zeros(head: &[u8], file: &mut fs::File) -> std::io::Result<bool> {
    if head.iter().any(|&b| b != 0) {
        return Ok(false);
    }
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match file.read(&mut buf)? {
            0 => return Ok(true),
            n if buf[..n].iter().any(|&b| b != 0) => return Ok(false),
            _ => {}
        }
    }
}

/// How many pages of `page_size` bytes the write-ahead log beside `path`
/// holds: 0 unless it is a SQLite log (its magic number) of that page size.
/// A frame is a 24-byte header and a page, after the log's 32-byte header.
pub(super) fn wal_pages(path: &Path, page_size: u64) -> u64 {
    let Ok(mut wal) = fs::File::open(sidecar(path, "-wal")) else { return 0 };
    let mut head = [0u8; 32];
    let len = wal.metadata().map_or(0, |m| m.len());
    if len < 32 || wal.read_exact(&mut head).is_err() {
        return 0;
    }
    let be32 = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let magic = be32(0) & !1 == 0x377f_0682;
    if !magic || u64::from(be32(8)) != page_size {
        return 0;
    }
    (len - 32) / (page_size + 24)
}

/// Full read-only check of a Ladder file: header, SQLite integrity and
/// foreign keys, the tables and columns the schema version must have, and
/// that the settings can be read. Writes nothing (a read-only file is read
/// without creating `-wal`/`-shm` files).
pub fn check(path: &Path) -> Result<(), OpenError> {
    let header = probe(path)?;
    let err = |p: OpenProblem| OpenError::new(path, p);
    let why = read_only_reason(path);
    if why.is_none() {
        judge_pending_wal(path).map_err(err)?;
    }
    let conn = read_connection_for(path, why).map_err(err)?;
    let corrupt = |detail: String| err(OpenProblem::Corrupt { detail });
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(|e| corrupt(e.to_string()))?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(Iterator::collect)
        .map_err(|e| corrupt(e.to_string()))?;
    if lines != ["ok"] {
        return Err(corrupt(lines.join("; ")));
    }
    check_schema(&conn, header.schema_version).map_err(err)?;
    let dangling: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .map_err(|e| corrupt(e.to_string()))?;
    if dangling > 0 {
        return Err(corrupt(format!("{dangling} rows refer to records that do not exist")));
    }
    crate::store::settings::load(&conn).map_err(err)?;
    Ok(())
}

/// SQLite's quick check of the whole file (every page and b-tree, not the
/// indexes' content): a writer runs it once, before any backup or write, so
/// that a damaged file is neither written to nor copied over good backups.
/// The file is only read.
///
/// The CHECK constraints of every row are not evaluated here (they are a
/// question of the rows' values, which `check-db`'s full integrity check
/// answers): with them, the check took 1.3 s of CPU on a file of 1M
/// transactions and 338k customers (most of it the date GLOB of every
/// transaction), without them 0.14 s.
pub fn quick_check(conn: &Connection) -> Result<(), OpenProblem> {
    let damaged = |detail: String| OpenProblem::Damaged { detail };
    let busy_or_damaged =
        |e: rusqlite::Error| if is_busy(&e) { OpenProblem::Busy } else { damaged(e.to_string()) };
    conn.pragma_update(None, "ignore_check_constraints", true).map_err(busy_or_damaged)?;
    let lines: rusqlite::Result<Vec<String>> = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect());
    let restored = conn.pragma_update(None, "ignore_check_constraints", false);
    let lines = lines.map_err(busy_or_damaged)?;
    restored.map_err(busy_or_damaged)?;
    match lines.as_slice() {
        [ok] if ok == "ok" => Ok(()),
        [first] => Err(damaged(first.clone())),
        [first, more @ ..] => Err(damaged(format!("{first}; and {} more problems", more.len()))),
        [] => Err(damaged("no answer".to_owned())),
    }
}

/// Judges a `-wal` left beside a writable file that no Ladder process
/// holds (a crash's log, or one left when the file was replaced) before
/// anything else opens it: SQLite applies such a log to whatever file is
/// there, and the first connection to close copies it in for good. The
/// file is read through the log on a connection that never checkpoints,
/// and must pass [`quick_check`]; refused, the file and the log stay as
/// they are ([`OpenProblem::StaleWal`]), and a `-shm` made here is removed.
pub(super) fn judge_pending_wal(path: &Path) -> Result<(), OpenProblem> {
    let pending = fs::metadata(sidecar(path, "-wal")).is_ok_and(|m| m.len() > 0);
    if !pending || held(path) {
        return Ok(());
    }
    let shm = sidecar(path, "-shm");
    let had_shm = shm.exists();
    let verdict = (|| {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        conn.pragma_update(None, "query_only", true)?;
        conn.pragma_update(None, "busy_timeout", busy_timeout_ms())?;
        quick_check(&conn)
    })();
    match verdict {
        Err(OpenProblem::Damaged { detail }) => {
            if !had_shm {
                let _ignored = fs::remove_file(&shm);
            }
            Err(OpenProblem::StaleWal { detail })
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_check_passes_a_sound_file_and_leaves_check_constraints_on() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER CHECK (x > 0)); INSERT INTO t VALUES (1);")
            .unwrap();
        assert!(quick_check(&conn).is_ok());
        let ignored: bool =
            conn.pragma_query_value(None, "ignore_check_constraints", |r| r.get(0)).unwrap();
        assert!(!ignored, "the connection's CHECK constraints are on again");
        assert!(conn.execute("INSERT INTO t VALUES (0)", []).is_err());
    }
}
