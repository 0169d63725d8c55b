//! `about`: what Help → About shows, for a terminal: the version, the
//! licence, the data folder and the default database; with `--licences`
//! the third-party licences instead.

use std::io::Write as _;

use super::Refused;
use crate::about;
use crate::system::default_data_dir;

/// `ladder about [--licences]`.
pub fn run(licences: bool) -> Result<(), Refused> {
    let text = if licences { about::THIRD_PARTY_LICENSES.to_owned() } else { summary() };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Refused(format!("stdout: {e}")))
        }
        _ => Ok(()),
    }
}

/// The facts, one `name: value` line each.
fn summary() -> String {
    let dir = default_data_dir();
    let shown =
        |p: Option<std::path::PathBuf>| p.map_or("none".into(), |p| p.display().to_string());
    let crates = about::third_party_crates(about::THIRD_PARTY_LICENSES).len();
    format!(
        "Ladder {}\nlicence: {} (MIT or Apache-2.0, at your choice)\ndata folder: {}\n\
         default database: {}\nchinese font: WenQuanYi Micro Hei (a subset), Apache-2.0\n\
         third-party licences: {crates} crates (ladder about --licences)\n",
        about::VERSION,
        about::LICENSE,
        shown(dir.clone()),
        shown(dir.map(|d| d.join("ladder.db"))),
    )
}
