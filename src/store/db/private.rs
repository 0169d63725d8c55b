//! Files and folders that hold customers are the user's alone: a new
//! database and every automatic backup are created 0600 and the backups
//! folder 0700 on Unix, whatever the umask (SQLite creates the `-wal` and
//! `-shm` files with the mode of the database beside them). Elsewhere they
//! are created as usual: Windows has no mode bits, and a file made in the
//! user's profile (where the app keeps its data) inherits the profile's
//! access list, which other accounts may not read.

use std::fs;
use std::io;
use std::path::Path;

/// Creates the empty file `path` (refusing an existing one) readable and
/// writable by the user alone, for SQLite to fill in.
pub(super) fn create_file(path: &Path) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop)
}

/// Makes the existing file `path` readable and writable by the user alone
/// (a temporary output made by [`crate::store::output::write_atomically`]
/// before the copy of the customers goes into it).
pub(super) fn restrict_file(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Creates the folder `dir` and its missing parents, the folder itself
/// open to the user alone (one an older version made open to others is
/// closed to them, which also hides the backups it wrote there).
pub(super) fn create_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = fs::metadata(dir)?.permissions().mode();
        if mode & 0o077 != 0 {
            fs::set_permissions(dir, fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    Ok(())
}
