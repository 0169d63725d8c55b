//! Writing a file where the user says so that the name only ever holds a
//! whole file: every output (exports, reports, backups, the app's copies)
//! goes through [`write_atomically`], which writes beside the name under
//! `.<name>.partial-<pid>`, flushes it to the disk, and only then gives it
//! the name. A failure removes what was written; a killed process leaves at
//! most its temporary file, which the next write of the same name clears.

use std::fs;
use std::path::{Path, PathBuf};

/// What to do when the name is already taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Refuse: checked before writing, and again by a rename that cannot
    /// replace (a hard link), so a file that appeared meanwhile is kept.
    Refuse,
    /// Replace it, in one rename (the user agreed, or it is a report).
    Replace,
}

/// Why an output was not written. Nothing is left at its name, nor beside it.
#[derive(Debug, thiserror::Error)]
pub enum OutputError<E> {
    /// The name is taken and [`Existing::Refuse`] was asked.
    #[error("{}: the file already exists; refusing to overwrite it", .0.display())]
    Exists(PathBuf),
    /// The temporary file could not be made, flushed or renamed.
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// The writer failed.
    #[error("{0}")]
    Write(E),
}

/// What SQLite may leave beside a database it wrote.
const SIDE_FILES: [&str; 3] = ["-journal", "-wal", "-shm"];

/// Writes `out` through `write`, which gets the temporary path to write
/// (an empty file made for it, in `out`'s folder). The file is named `out`
/// only once `write` returned and the data is on the disk; on an error (or a
/// panic) the temporary file and any SQLite journal beside it are removed.
pub fn write_atomically<E>(
    out: &Path,
    existing: Existing,
    write: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<(), OutputError<E>> {
    if existing == Existing::Refuse && out.exists() {
        return Err(OutputError::Exists(out.to_owned()));
    }
    let io = |source| OutputError::Io { path: out.to_owned(), source };
    clear_stale(out);
    let partial = Partial(partial_path(out, std::process::id()));
    fs::File::create(&partial.0).map_err(io)?;
    write(&partial.0).map_err(OutputError::Write)?;
    // Flushed to the disk before it has the name, so that a power cut
    // cannot leave a named file whose blocks never arrived.
    fs::OpenOptions::new().write(true).open(&partial.0).and_then(|f| f.sync_all()).map_err(io)?;
    match existing {
        Existing::Replace => fs::rename(&partial.0, out).map_err(io)?,
        Existing::Refuse => rename_new(&partial.0, out)?,
    }
    sync_folder(out);
    Ok(())
}

/// Gives `partial` the name `out` unless `out` exists: a hard link fails
/// when the name is taken, with no moment between the check and the rename.
/// File systems without hard links (FAT, some shares) check right before a
/// plain rename instead.
fn rename_new<E>(partial: &Path, out: &Path) -> Result<(), OutputError<E>> {
    let io = |source| OutputError::Io { path: out.to_owned(), source };
    match fs::hard_link(partial, out) {
        // The temporary name goes with the guard.
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(OutputError::Exists(out.to_owned()))
        }
        Err(_) if out.exists() => Err(OutputError::Exists(out.to_owned())),
        Err(_) => fs::rename(partial, out).map_err(io),
    }
}

/// Flushes the folder's entry of the new name (Unix; elsewhere the rename
/// is flushed with the file).
fn sync_folder(out: &Path) {
    #[cfg(unix)]
    if let Some(dir) = out.parent() {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        // The file is complete and named; a folder that cannot be flushed
        // (some file systems refuse) is no reason to call the write failed.
        let _ignored = fs::File::open(dir).and_then(|d| d.sync_all());
    }
    #[cfg(not(unix))]
    let _ = out;
}

/// The temporary name of a write of `out` by process `pid`.
fn partial_path(out: &Path, pid: u32) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!(".{name}.partial-{pid}"))
}

/// The temporary file of a write in progress, removed (with SQLite's
/// journals beside it) when dropped: after the rename there is nothing left
/// to remove, after a hard link the extra name, after a failure the file.
struct Partial(PathBuf);

impl Drop for Partial {
    fn drop(&mut self) {
        remove_with_side_files(&self.0);
    }
}

fn remove_with_side_files(path: &Path) {
    // Nothing to do about a file that cannot be removed: it is under the
    // temporary name, never the user's, and the next write tries again.
    let _ignored = fs::remove_file(path);
    for suffix in SIDE_FILES {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ignored = fs::remove_file(PathBuf::from(side));
    }
}

/// Removes the temporary files that killed writes of `out` left (those of
/// processes that no longer run; only where that can be told cheaply).
fn clear_stale(out: &Path) {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else { return };
    let prefix = format!(".{name}.partial-");
    let dir = match out.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else { continue };
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let (pid, tail) = rest.split_at(digits);
        let Ok(pid) = pid.parse::<u32>() else { continue };
        if (tail.is_empty() || SIDE_FILES.contains(&tail)) && !running(pid) {
            let _ignored = fs::remove_file(entry.path());
        }
    }
}

/// True unless process `pid` is known to have ended (Linux: no
/// `/proc/<pid>`; elsewhere every process is taken as running).
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_writer_that_fails_half_way_leaves_nothing_at_the_name_nor_beside_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("report.csv");
        let result = write_atomically(&out, Existing::Replace, |path| {
            fs::write(path, "half a file").expect("write");
            fs::write(format!("{}-journal", path.display()), "journal").expect("journal");
            Err("disk full")
        });
        assert!(matches!(result, Err(OutputError::Write("disk full"))));
        assert_eq!(names(dir.path()), Vec::<String>::new());
        // A panic in the writer cleans up too.
        let caught = std::panic::catch_unwind(|| {
            write_atomically::<()>(&out, Existing::Refuse, |path| {
                fs::write(path, "half").expect("write");
                panic!("writer panicked");
            })
        });
        assert!(caught.is_err());
        assert_eq!(names(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn the_name_appears_only_when_the_file_is_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("t.csv");
        write_atomically::<()>(&out, Existing::Refuse, |path| {
            fs::write(path, "a,b\n").expect("write");
            assert!(!out.exists(), "not named while written");
            assert_eq!(path.parent(), out.parent(), "written in the same folder");
            Ok(())
        })
        .expect("written");
        assert_eq!(fs::read(&out).expect("read"), b"a,b\n");
        assert_eq!(names(dir.path()), ["t.csv"]);
        // Replace writes over it; Refuse keeps it and writes nothing.
        write_atomically::<()>(&out, Existing::Replace, |path| {
            fs::write(path, "new").expect("w");
            Ok(())
        })
        .expect("replaced");
        assert_eq!(fs::read(&out).expect("read"), b"new");
        let refused = write_atomically::<String>(&out, Existing::Refuse, |_| panic!("not called"));
        assert!(matches!(refused, Err(OutputError::Exists(_))));
        assert!(refused.expect_err("refused").to_string().contains("already exists"));
        assert_eq!(names(dir.path()), ["t.csv"]);
    }

    #[test]
    fn a_file_that_appears_during_the_write_is_not_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("copy.db");
        let result = write_atomically::<()>(&out, Existing::Refuse, |path| {
            fs::write(path, "ours").expect("write");
            fs::write(&out, "someone else's").expect("theirs");
            Ok(())
        });
        assert!(matches!(result, Err(OutputError::Exists(_))));
        assert_eq!(fs::read(&out).expect("read"), b"someone else's");
        assert_eq!(names(dir.path()), ["copy.db"]);
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn leftovers_of_dead_processes_are_cleared_and_those_of_live_ones_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("t.csv");
        // A pid above Linux's maximum (2^22) never runs; pid 1 always does.
        let dead = partial_path(&out, 4_194_999);
        fs::write(&dead, "killed").expect("write");
        fs::write(format!("{}-journal", dead.display()), "j").expect("write");
        fs::write(partial_path(&out, 1), "running").expect("write");
        fs::write(dir.path().join(".other.csv.partial-4194999"), "another name's").expect("write");
        write_atomically::<()>(&out, Existing::Refuse, |_| Ok(())).expect("written");
        assert_eq!(names(dir.path()), [".other.csv.partial-4194999", ".t.csv.partial-1", "t.csv"]);
    }
}
