//! What Ladder says about itself, for both faces (Help → About in the
//! window, `ladder about` on the command line): its version, its licence,
//! the third-party licences of the crates it is built from, and its icon.
//!
//! The licence text is `assets/THIRD-PARTY-LICENSES.txt`, generated from the
//! dependency tree by `packaging/licences.sh` (cargo-about) and embedded
//! here; `tests/packaging.rs` fails when it no longer matches `Cargo.lock`.

use std::collections::BTreeSet;

/// The version, from Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Ladder's own licence, as an SPDX expression (Cargo.toml `license`).
pub const LICENSE: &str = env!("CARGO_PKG_LICENSE");

/// The licences of every crate a Ladder binary is built from.
pub const THIRD_PARTY_LICENSES: &str = include_str!("../assets/THIRD-PARTY-LICENSES.txt");

/// The window icon: `assets/ladder.svg` rendered at 256 px by
/// `packaging/icons.sh`.
pub const ICON_PNG: &[u8] = include_bytes!("../assets/icons/ladder-256.png");

/// The crates named in a third-party licence text as (name, version), each
/// once, sorted. A crate is listed on an indented line under a heading
/// that ends in "used by:", up to the next blank line.
pub fn third_party_crates(text: &str) -> BTreeSet<(&str, &str)> {
    let mut crates = BTreeSet::new();
    let mut listing = false;
    for line in text.lines() {
        if line.ends_with(", used by:") {
            listing = true;
        } else if line.trim().is_empty() {
            listing = false;
        } else if listing {
            let mut words = line.split_whitespace();
            if let (Some(name), Some(version)) = (words.next(), words.next()) {
                crates.insert((name, version));
            }
        }
    }
    crates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crates_are_read_from_the_used_by_lists_only() {
        let text = "Overview\nMIT License: 2\n\n---\nMIT License (MIT), used by:\n  \
                    a 1.0.0 (https://x)\n  b 0.2.1\n\n  not a crate line\n---\n\
                    Apache License 2.0 (Apache-2.0), used by:\n  a 1.0.0\n  a 2.0.0\n\ntext\n";
        let crates: Vec<_> = third_party_crates(text).into_iter().collect();
        assert_eq!(crates, [("a", "1.0.0"), ("a", "2.0.0"), ("b", "0.2.1")]);
    }

    #[test]
    fn the_embedded_licences_name_the_window_toolkit_and_sqlite() {
        let crates = third_party_crates(THIRD_PARTY_LICENSES);
        for name in ["eframe", "egui", "rusqlite", "libsqlite3-sys", "calamine"] {
            assert!(crates.iter().any(|(n, _)| *n == name), "{name} is not listed");
        }
        assert!(crates.len() > 100, "only {} crates", crates.len());
    }
}
