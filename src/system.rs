//! The process's environment, shared by both faces (the window and the
//! CLI): the wall clock, the system language and the user's data folder.
//! Nothing else reads them, so everything below can be given fixed values.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use crate::domain::Lang;

/// Where "now" comes from: the system clock in the app, a fixed time in tests.
pub type Clock = Box<dyn Fn() -> NaiveDateTime>;

/// The local wall-clock time.
pub fn local_now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// The language of the operating system's locale.
pub fn system_lang() -> Lang {
    sys_locale::get_locale().map_or(Lang::En, |l| Lang::from_locale(&l))
}

/// The folder of the default database: the user's local data folder.
/// On Windows that is `%LOCALAPPDATA%`, not the roaming `%APPDATA%`, which
/// is copied to a server at every log-off in a domain (a database of years
/// of sales does not belong there; elsewhere both are the same folder).
/// A database an earlier version made in the roaming folder stays in use
/// until there is one in the local folder.
pub fn default_data_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "Ladder")?;
    Some(data_dir_from(dirs.data_local_dir(), dirs.data_dir()))
}

/// The folder of the default database, given the local and the roaming
/// data folders (see [`default_data_dir`]).
pub fn data_dir_from(local: &Path, roaming: &Path) -> PathBuf {
    let db = "ladder.db";
    if !local.join(db).exists() && roaming.join(db).exists() {
        roaming.to_owned()
    } else {
        local.to_owned()
    }
}

/// The user's documents folder (else the home folder): where exports and
/// imports start.
pub fn documents_dir() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    Some(dirs.document_dir().unwrap_or(dirs.home_dir()).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_database_goes_to_the_local_folder_unless_one_roams_already() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (local, roaming) = (dir.path().join("Local"), dir.path().join("Roaming"));
        assert_eq!(data_dir_from(&local, &roaming), local, "a first start");
        std::fs::create_dir_all(&roaming).expect("mkdir");
        std::fs::write(roaming.join("ladder.db"), b"").expect("write");
        assert_eq!(data_dir_from(&local, &roaming), roaming, "an earlier version's file");
        std::fs::create_dir_all(&local).expect("mkdir");
        std::fs::write(local.join("ladder.db"), b"").expect("write");
        assert_eq!(data_dir_from(&local, &roaming), local);
    }
}
