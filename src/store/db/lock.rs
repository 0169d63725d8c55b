//! The lock that keeps a second Ladder process from writing a database:
//! an operating-system lock on the sidecar `<db>.lock`, shared by the
//! stores of one process.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use super::{OpenProblem, sidecar};

/// The exclusive advisory lock a Ladder process holds on a database it may
/// write (the app while the file is open, a writing command while it runs),
/// so that two windows never cache the same file and overwrite each other's
/// changes. It is an operating-system lock on the sidecar file
/// `<db>.lock` (not on the database itself: on Windows a whole-file lock
/// would break SQLite's own byte-range locks), which holds the owner's
/// process id. The operating system drops it when the process dies, so a
/// crash leaves no stale lock. Stores of one process share one lock; the
/// file is removed when the last of them closes.
#[derive(Clone, Debug)]
pub struct DbLock {
    /// Held, never read: the lock lasts as long as this does.
    _file: Arc<LockFile>,
}

/// The locked sidecar file behind a [`DbLock`].
#[derive(Debug)]
struct LockFile {
    path: PathBuf,
    file: fs::File,
}

impl Drop for LockFile {
    fn drop(&mut self) {
        // Remove the name while still holding the lock, so that nobody can
        // lock this file after us and believe they own the database; a
        // process that opened it meanwhile sees it is gone and retries.
        // Both are best effort: the OS releases the lock when the handle
        // closes, and a leftover file is only a name.
        let _ignored = fs::remove_file(&self.path);
        let _ignored = self.file.unlock();
    }
}

/// The locks this process holds, by lock-file path.
static HELD: Mutex<Vec<(PathBuf, Weak<LockFile>)>> = Mutex::new(Vec::new());

/// The sidecar lock file of a database: `<db>.lock`, beside the real file.
pub fn lock_path(db_path: &Path) -> std::io::Result<PathBuf> {
    let real = match fs::canonicalize(db_path) {
        Ok(real) => real,
        Err(_) => {
            let dir = match db_path.parent() {
                Some(dir) if !dir.as_os_str().is_empty() => dir,
                _ => Path::new("."),
            };
            let name = db_path.file_name().ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name")
            })?;
            fs::canonicalize(dir)?.join(name)
        }
    };
    Ok(sidecar(&real, ".lock"))
}

/// True when `file` is still the file at `path` (not removed and replaced
/// by its owner between our open and our lock).
fn still_there(file: &fs::File, path: &Path) -> std::io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let (ours, named) = (file.metadata()?, fs::metadata(path));
        Ok(named.is_ok_and(|named| named.ino() == ours.ino() && named.dev() == ours.dev()))
    }
    #[cfg(not(unix))]
    {
        // Windows cannot replace a file that is open.
        let _unused = file;
        Ok(path.exists())
    }
}

/// Takes the lock of the database at `db_path` for this process, or says
/// which process holds it ([`OpenProblem::InUse`]).
pub fn lock(db_path: &Path) -> Result<DbLock, OpenProblem> {
    let path = lock_path(db_path)?;
    for _attempt in 0..50 {
        let mut held = HELD.lock().unwrap_or_else(PoisonError::into_inner);
        held.retain(|(_, weak)| weak.strong_count() > 0);
        if let Some(lock) = held.iter().find(|(p, _)| *p == path).and_then(|(_, w)| w.upgrade()) {
            return Ok(DbLock { _file: lock });
        }
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let pid = fs::read_to_string(&path).ok().and_then(|s| s.trim().parse().ok());
                if pid == Some(std::process::id()) {
                    // One of our own stores is closing right now: wait.
                    drop(held);
                    std::thread::sleep(std::time::Duration::from_millis(10));
                    continue;
                }
                return Err(OpenProblem::InUse { pid });
            }
            Err(fs::TryLockError::Error(e)) => return Err(e.into()),
        }
        if !still_there(&file, &path)? {
            continue;
        }
        file.set_len(0)?;
        std::io::Write::write_all(&mut &file, format!("{}\n", std::process::id()).as_bytes())?;
        let lock = Arc::new(LockFile { path: path.clone(), file });
        held.push((path, Arc::downgrade(&lock)));
        return Ok(DbLock { _file: lock });
    }
    Err(OpenProblem::InUse { pid: None })
}

/// True when a Ladder process (this one too) holds the lock of the
/// database at `db_path`, so that a `-wal` beside it is that process's live
/// log. Creates nothing; the probe of another process's lock is a shared
/// lock on the sidecar, released at once.
pub fn held(db_path: &Path) -> bool {
    let Ok(path) = lock_path(db_path) else { return false };
    let ours = HELD.lock().unwrap_or_else(PoisonError::into_inner);
    if ours.iter().any(|(p, weak)| *p == path && weak.strong_count() > 0) {
        return true;
    }
    drop(ours);
    let Ok(file) = fs::File::open(&path) else { return false };
    match file.try_lock_shared() {
        Ok(()) => {
            let _ignored = file.unlock();
            false
        }
        Err(fs::TryLockError::WouldBlock) => true,
        Err(fs::TryLockError::Error(_)) => false,
    }
}
