//! The lock that keeps a second Ladder process from writing a database:
//! an operating-system lock on the sidecar `<db>.lock`, shared by the
//! stores of one process, and the holder's process id in `<db>.lock.pid`.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::Duration;

use super::{OpenProblem, sidecar};

/// The exclusive advisory lock a Ladder process holds on a database it may
/// write (the app while the file is open, a writing command while it runs),
/// so that two windows never cache the same file and overwrite each other's
/// changes. It is an operating-system lock on the sidecar file
/// `<db>.lock` (not on the database itself: on Windows a whole-file lock
/// would break SQLite's own byte-range locks). The owner's process id is
/// written to a second file, `<db>.lock.pid`, which is never locked: on
/// Windows the lock (`LockFileEx`) is mandatory, so no other process could
/// read a pid kept in the locked file. The operating system drops the lock
/// when the process dies, so a crash leaves no stale lock. Stores of one
/// process share one lock; both files are removed when the last of them
/// closes.
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
        // Remove the names while still holding the lock, so that nobody can
        // lock this file after us and believe they own the database; a
        // process that opened it meanwhile sees it is gone and retries.
        // All best effort: the OS releases the lock when the handle closes,
        // and a leftover file is only a name.
        let _ignored = fs::remove_file(pid_path(&self.path));
        let _ignored = fs::remove_file(&self.path);
        let _ignored = self.file.unlock();
    }
}

/// The locks this process holds, by lock-file path.
static HELD: Mutex<Vec<(PathBuf, Weak<LockFile>)>> = Mutex::new(Vec::new());

/// How many times [`lock`] looks again at a lock that is changing hands
/// (a holder starting or closing), [`PAUSE`] apart: half a second.
const ATTEMPTS: usize = 50;
const PAUSE: Duration = Duration::from_millis(10);

/// The file a path names, as absolute as the system can say:
/// `canonicalize` (links resolved), else its folder's canonical path and
/// its name (a file not made yet), else `std::path::absolute`, since
/// `canonicalize` fails on some drives (RAM disks and other volumes with
/// no volume manager behind them, on Windows) where files work.
fn real_path(path: &Path) -> std::io::Result<PathBuf> {
    if let Ok(real) = fs::canonicalize(path) {
        return Ok(real);
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(ErrorKind::InvalidInput, "not a file name"))?;
    match fs::canonicalize(dir) {
        Ok(dir) => Ok(dir.join(name)),
        Err(_) => std::path::absolute(path),
    }
}

/// The sidecar lock file of a database: `<db>.lock`, beside the real file.
pub fn lock_path(db_path: &Path) -> std::io::Result<PathBuf> {
    Ok(sidecar(&real_path(db_path)?, ".lock"))
}

/// The unlocked file beside a lock file that names its holder's process.
fn pid_path(lock_path: &Path) -> PathBuf {
    sidecar(lock_path, ".pid")
}

/// The process that holds the lock at `lock_path`, as its pid file says
/// (else the lock file itself, where older versions kept it and which is
/// readable where locks are advisory); `None` while the files are being
/// written or removed.
fn holder(lock_path: &Path) -> Option<u32> {
    let read = |path: &Path| fs::read_to_string(path).ok()?.trim().parse().ok();
    read(&pid_path(lock_path)).or_else(|| read(lock_path))
}

/// True for an error opening the lock file that a moment can cure: on
/// Windows a file deleted while still open stays "delete pending" and
/// refuses every open (access denied) until its last handle closes, which
/// is what a closing holder's lock file looks like; and a name removed
/// between two steps is not found.
fn passing(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::PermissionDenied | ErrorKind::NotFound)
}

/// Runs `step` until it succeeds or fails with an error that is not
/// [`passing`], at most [`ATTEMPTS`] times, [`PAUSE`] apart.
fn retrying<T>(mut step: impl FnMut() -> std::io::Result<T>) -> std::io::Result<T> {
    let mut attempt = 1;
    loop {
        match step() {
            Err(e) if passing(&e) && attempt < ATTEMPTS => {
                attempt += 1;
                std::thread::sleep(PAUSE);
            }
            result => return result,
        }
    }
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
    let mut holder_seen = None;
    for _attempt in 0..ATTEMPTS {
        let mut held = HELD.lock().unwrap_or_else(PoisonError::into_inner);
        held.retain(|(_, weak)| weak.strong_count() > 0);
        if let Some(lock) = held.iter().find(|(p, _)| *p == path).and_then(|(_, w)| w.upgrade()) {
            return Ok(DbLock { _file: lock });
        }
        let file = retrying(|| {
            fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)
        })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                holder_seen = holder(&path);
                // Another process: name it. One of our own stores closing
                // right now, or a holder between its lock and its pid file
                // (or after removing it): look again in a moment.
                if holder_seen.is_some_and(|pid| pid != std::process::id()) {
                    return Err(OpenProblem::InUse { pid: holder_seen });
                }
                drop(held);
                std::thread::sleep(PAUSE);
                continue;
            }
            Err(fs::TryLockError::Error(e)) => return Err(e.into()),
        }
        if !still_there(&file, &path)? {
            continue;
        }
        let pid = format!("{}\n", std::process::id());
        // Also in the lock file, for Ladder versions that read it there.
        file.set_len(0)?;
        std::io::Write::write_all(&mut &file, pid.as_bytes())?;
        fs::write(pid_path(&path), pid)?;
        let lock = Arc::new(LockFile { path: path.clone(), file });
        held.push((path, Arc::downgrade(&lock)));
        return Ok(DbLock { _file: lock });
    }
    Err(OpenProblem::InUse { pid: holder_seen.filter(|pid| *pid != std::process::id()) })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Locks the lock file of `db` through a handle of its own, as another
    /// process would (a lock on Linux and Windows belongs to the open file,
    /// not to the process), leaving the lock file empty: what a reader sees
    /// of a file locked with `LockFileEx` on Windows is no more than that.
    fn foreign_lock(db: &Path) -> fs::File {
        let path = lock_path(db).expect("lock path");
        let file = fs::File::create(&path).expect("create");
        file.try_lock().expect("lock");
        file
    }

    #[test]
    fn the_holder_is_named_from_the_unlocked_pid_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("a.db");
        let _other = foreign_lock(&db);
        fs::write(pid_path(&lock_path(&db).expect("path")), "4242\n").expect("pid");
        assert!(matches!(lock(&db), Err(OpenProblem::InUse { pid: Some(4242) })));
    }

    #[test]
    fn a_lock_changing_hands_is_waited_for_not_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("b.db");
        // A holder closing: no pid file any more, the lock gone in a moment.
        let other = foreign_lock(&db);
        let lock_file = lock_path(&db).expect("path");
        let closing = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            let _ignored = fs::remove_file(&lock_file);
            drop(other);
        });
        let ours = lock(&db).expect("taken once the other holder has gone");
        closing.join().expect("thread");
        let pid = fs::read_to_string(pid_path(&lock_path(&db).expect("path"))).expect("pid file");
        assert_eq!(pid.trim(), std::process::id().to_string());
        drop(ours);
        assert!(!pid_path(&lock_path(&db).expect("path")).exists(), "removed with the lock");
    }

    #[test]
    fn opening_a_lock_file_is_retried_only_while_it_may_pass() {
        let mut calls = 0;
        let result = retrying(|| {
            calls += 1;
            if calls < 3 { Err(std::io::Error::from(ErrorKind::PermissionDenied)) } else { Ok(7) }
        });
        assert_eq!((result.ok(), calls), (Some(7), 3), "a delete-pending file is retried");
        let mut calls = 0;
        let result: std::io::Result<()> = retrying(|| {
            calls += 1;
            Err(std::io::Error::from(ErrorKind::InvalidData))
        });
        assert!(result.is_err());
        assert_eq!(calls, 1, "other errors are not retried");
    }

    #[test]
    fn a_path_canonicalize_cannot_resolve_is_made_absolute() {
        let dir = tempfile::tempdir().expect("tempdir");
        let nowhere = dir.path().join("no-such-folder").join("c.db");
        assert_eq!(lock_path(&nowhere).expect("a path"), sidecar(&nowhere, ".lock"));
        let relative = Path::new("no-such-folder-either").join("d.db");
        let expected = std::env::current_dir().expect("cwd").join(&relative);
        assert_eq!(real_path(&relative).expect("absolute"), expected);
    }
}
