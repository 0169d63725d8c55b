//! What the packages are made from (packaging/build.sh, Cargo.toml's
//! `[package.metadata.deb]` and `[package.metadata.packager]`), checked on
//! every `cargo test` without the packaging tools: the icons are PNGs of the
//! sizes their names say, the desktop entry has both names, every file the
//! packages take exists, and the embedded third-party licences
//! (packaging/licences.sh) still match `Cargo.lock`. packaging/check.sh
//! checks the built packages themselves.

use std::collections::BTreeSet;
use std::path::Path;

/// A file of the repository as text.
fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// Every `(name, version)` in Cargo.lock.
fn locked() -> BTreeSet<(String, String)> {
    let lock = read("Cargo.lock");
    let mut packages = BTreeSet::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"').to_owned());
        } else if let (Some(v), Some(n)) = (line.strip_prefix("version = "), name.take()) {
            packages.insert((n, v.trim_matches('"').to_owned()));
        }
    }
    packages
}

/// The names under `[dependencies]` in Cargo.toml.
fn direct_dependencies() -> Vec<String> {
    let manifest = read("Cargo.toml");
    let section = manifest.split("\n[dependencies]\n").nth(1).expect("[dependencies]");
    let section = section.split("\n[").next().unwrap_or_default();
    section
        .lines()
        .filter_map(|line| line.split_once(" = ").map(|(name, _)| name.trim().to_owned()))
        .filter(|name| !name.is_empty() && !name.starts_with('#') && !name.contains(' '))
        .collect()
}

#[test]
fn the_icons_are_pngs_of_the_sizes_their_names_say() {
    for n in [16, 24, 32, 48, 64, 128, 256, 512] {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/icons/ladder-{n}.png"));
        let image = image::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!((image.width(), image.height()), (n, n), "{}", path.display());
    }
    let icon = image::load_from_memory(ladder::about::ICON_PNG).expect("the window icon");
    assert_eq!(icon.width(), 256);
    assert!(read("assets/ladder.svg").contains("<svg"), "the mark is an SVG");
}

#[test]
fn the_desktop_entry_names_ladder_in_both_languages_and_runs_it() {
    let entry = read("assets/ladder.desktop");
    let lines: Vec<&str> = entry.lines().collect();
    assert_eq!(lines[0], "[Desktop Entry]");
    for line in
        ["Type=Application", "Name=Ladder", "Name[zh_CN]=客户阶梯", "Exec=ladder", "Icon=ladder"]
    {
        assert!(lines.contains(&line), "{line} is missing");
    }
    assert!(lines.iter().any(|l| l.starts_with("Comment[zh_CN]=")), "a 中文 comment");
    let categories = lines.iter().find_map(|l| l.strip_prefix("Categories=")).expect("Categories");
    assert!(categories.split(';').any(|c| c == "Office"), "{categories}");
}

#[test]
fn every_file_the_packages_take_exists() {
    let manifest = read("Cargo.toml");
    let mut sources = Vec::new();
    for line in manifest.lines().map(str::trim) {
        // .deb assets: ["source", "destination", "mode"],
        if let Some(rest) = line.strip_prefix("[\"") {
            sources.push(rest.split('"').next().unwrap_or_default().to_owned());
        }
        // cargo-packager resources: { src = "source", target = "…" },
        if let Some(rest) = line.strip_prefix("{ src = \"") {
            sources.push(rest.split('"').next().unwrap_or_default().to_owned());
        }
    }
    assert!(sources.len() > 15, "assets found: {sources:?}");
    for source in sources.iter().filter(|s| !s.starts_with("target/")) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(source);
        assert!(path.is_file(), "{source} is named in Cargo.toml but missing");
    }
    for script in ["build.sh", "check.sh", "icons.sh", "licences.sh"] {
        assert!(read(&format!("packaging/{script}")).starts_with("#!/usr/bin/env bash"));
    }
}

#[test]
fn the_third_party_licences_match_cargo_lock() {
    let listed = ladder::about::third_party_crates(ladder::about::THIRD_PARTY_LICENSES);
    let locked = locked();
    let stale: Vec<_> = listed
        .iter()
        .filter(|(n, v)| !locked.contains(&((*n).to_owned(), (*v).to_owned())))
        .collect();
    assert!(stale.is_empty(), "not in Cargo.lock (run packaging/licences.sh): {stale:?}");
    let names: BTreeSet<&str> = listed.iter().map(|(n, _)| *n).collect();
    for dependency in direct_dependencies() {
        assert!(
            names.contains(dependency.as_str()),
            "{dependency} has no licence listed (run packaging/licences.sh)"
        );
    }
}
