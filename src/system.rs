//! The process's environment, shared by both faces (the window and the
//! CLI): the wall clock, the system language and the user's data folder.
//! Nothing else reads them, so everything below can be given fixed values.

use std::path::PathBuf;

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

/// The default database file in the user's data directory.
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "Ladder").map(|d| d.data_dir().to_owned())
}
