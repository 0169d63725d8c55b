//! The layer rules of ARCHITECTURE.md, read from the source: a rule broken
//! fails here naming the file and line.
//!
//! - `src/domain` names neither `egui`/`eframe` nor `rusqlite`, and never
//!   reads the clock (`Local::now`, `Utc::now`, `SystemTime::now`);
//! - `src/store` never names `egui`/`eframe`;
//! - `src/ui` never names `rusqlite`, nor scans the customer list for one
//!   customer (`customers.iter().find`: the cache's `by_id` index);
//! - `src/cli` never uses `crate::app` or `crate::ui`;
//! - no file in `src/` is over 1,000 lines and no function over 100.
//!
//! Comments and string literals are not code: a doc line that says "no
//! egui here" breaks no rule.

use std::path::{Path, PathBuf};

/// One rule: files under `dir` must not contain any of `banned` as code.
struct Rule {
    dir: &'static str,
    banned: &'static [&'static str],
    why: &'static str,
}

const RULES: &[Rule] = &[
    Rule {
        dir: "src/domain",
        banned: &["egui", "eframe", "rusqlite", "Local::now", "Utc::now", "SystemTime::now"],
        why: "domain is pure: no egui, no rusqlite, no clock (pass \"now\" in)",
    },
    Rule { dir: "src/store", banned: &["egui", "eframe"], why: "store never names egui" },
    Rule { dir: "src/ui", banned: &["rusqlite"], why: "ui never names rusqlite (read the cache)" },
    Rule {
        dir: "src/ui",
        banned: &["customers.iter().find"],
        why: "no scan of the customer list while drawing: `CustomerRows::by_id`",
    },
    Rule {
        dir: "src/cli",
        banned: &["crate::app", "crate::ui", "ladder::app", "ladder::ui"],
        why: "the CLI runs the library, never the window's app or ui",
    },
];

/// The longest a source file may be.
const MAX_FILE_LINES: usize = 1_000;

/// The longest a function may be, from its `fn` line to its closing brace.
const MAX_FN_LINES: usize = 100;

/// Blanks out comments and string/char literals, keeping line breaks, so
/// what is left is code.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0usize;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && matches!(next, Some('"' | '#')) && !ident_before(&chars, i) {
            // A raw string: r"…", r#"…"#, …
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            for _ in i..=j {
                out.push(' ');
            }
            i = j + 1;
            while i < chars.len() {
                if chars[i] == '"' && (0..hashes).all(|k| chars.get(i + 1 + k) == Some(&'#')) {
                    for _ in 0..=hashes {
                        out.push(' ');
                    }
                    i += 1 + hashes;
                    break;
                }
                out.push(blank(chars[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && is_char_literal(&chars, i) {
            let end = char_literal_end(&chars, i);
            for _ in i..=end {
                out.push(' ');
            }
            i = end + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// `'a'`, `'\n'`, `'\u{..}'` are char literals; `'a` (a lifetime) is not.
fn is_char_literal(chars: &[char], i: usize) -> bool {
    match chars.get(i + 1) {
        Some('\\') => true,
        Some(_) => chars.get(i + 2) == Some(&'\''),
        None => false,
    }
}

fn char_literal_end(chars: &[char], i: usize) -> usize {
    let mut j = i + 1;
    if chars.get(j) == Some(&'\\') {
        j += 2;
    } else {
        j += 1;
    }
    while j < chars.len() && chars[j] != '\'' {
        j += 1;
    }
    j
}

/// Whether `code` holds `word` as a whole path (not as part of a longer
/// name: `regui` or `egui_like` would not count as `egui`, but `egui::Ui`,
/// `egui_plot` and `eframe` do).
fn names(code: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(word).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        let starts = before.is_none_or(|c| !is_ident(c));
        // `egui_plot` / `egui_extras` are egui too.
        let ends = after.is_none_or(|c| !is_ident(c))
            || (word == "egui" && code[at + word.len()..].starts_with('_'));
        starts && ends
    })
}

/// Every breach of `rule` in one file's text, as "path:line: what".
fn breaches(path: &str, source: &str, rule: &Rule) -> Vec<String> {
    let code = code_only(source);
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        for word in rule.banned {
            if names(line, word) {
                found.push(format!("{path}:{}: names `{word}` ({})", n + 1, rule.why));
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn shown(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

#[test]
fn layers_depend_in_one_direction() {
    let mut found = Vec::new();
    for rule in RULES {
        let mut files = Vec::new();
        rust_files(&root().join(rule.dir), &mut files);
        assert!(!files.is_empty(), "{} holds no Rust files", rule.dir);
        for file in files {
            found.extend(breaches(&shown(&file), &read(&file), rule));
        }
    }
    assert!(found.is_empty(), "layer rules broken:\n{}", found.join("\n"));
}

#[test]
fn no_source_file_is_over_a_thousand_lines() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .map(|f| (shown(f), read(f).lines().count()))
        .filter(|(_, n)| *n > MAX_FILE_LINES)
        .map(|(f, n)| format!("{f}: {n} lines (at most {MAX_FILE_LINES})"))
        .collect();
    assert!(long.is_empty(), "files too long:\n{}", long.join("\n"));
}

/// Each function in `source` as (name, first line, number of lines): from
/// the line naming it to the line that closes its body. Declarations
/// without a body (trait methods) are left out.
fn functions(source: &str) -> Vec<(String, usize, usize)> {
    let code = code_only(source);
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        let mut depth = 0i64;
        let mut opened = false;
        'body: for (end, text) in lines.iter().enumerate().skip(start) {
            // Only what follows the `fn` on its own line counts there.
            let text = if end == start { &text[text.find("fn ").unwrap_or(0)..] } else { text };
            for c in text.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    ';' if !opened => break 'body,
                    _ => {}
                }
                if opened && depth == 0 {
                    found.push((name, start + 1, end - start + 1));
                    break 'body;
                }
            }
        }
    }
    found
}

/// The name after a `fn` keyword on this line of code, if any (`fn(` as a
/// pointer type has none).
fn fn_name(line: &str) -> Option<String> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let at = line
        .match_indices("fn ")
        .find(|(at, _)| line[..*at].chars().next_back().is_none_or(|c| !is_ident(c)))?;
    let rest = line[at.0 + 3..].trim_start();
    let name: String = rest.chars().take_while(|c| is_ident(*c)).collect();
    (!name.is_empty()).then_some(name)
}

#[test]
fn no_function_is_over_a_hundred_lines() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut long = Vec::new();
    for file in &files {
        for (name, line, n) in functions(&read(file)) {
            if n > MAX_FN_LINES {
                long.push(format!(
                    "{}:{line}: fn {name} is {n} lines (at most {MAX_FN_LINES})",
                    shown(file)
                ));
            }
        }
    }
    assert!(long.is_empty(), "functions too long:\n{}", long.join("\n"));
}

#[test]
fn function_lengths_are_measured_from_fn_to_closing_brace() {
    let source = "trait T {\n    fn declared(&self);\n}\n\
                  pub fn outer(f: fn(u8) -> u8) -> u8 {\n    let s = \"}\";\n    \
                  let g = |x| { x + 1 };\n    f(g(1))\n}\nfn one() {}\n";
    let found = functions(source);
    assert_eq!(found, vec![("outer".to_owned(), 4, 5), ("one".to_owned(), 9, 1)], "{source}");
}

// The checker itself: each rule catches a probe line and lets comments,
// strings and longer names pass.

fn rule(dir: &str, source: &str) -> &'static Rule {
    // The folder's rule whose banned words the probe is about.
    let about = |r: &&Rule| r.banned.iter().any(|w| source.contains(w));
    let mut rules = RULES.iter().filter(|r| r.dir == dir);
    rules.clone().find(about).or_else(|| rules.next()).expect("a rule for the folder")
}

#[test]
fn each_rule_catches_its_probe_line_with_file_and_line() {
    let probes = [
        ("src/domain", "fn f() {}\nuse egui::Ui;\n", 2),
        ("src/domain", "use egui_plot::Plot;\n", 1),
        ("src/domain", "\n\nfn g(c: &rusqlite::Connection) {}\n", 3),
        ("src/domain", "let now = chrono::Local::now();\n", 1),
        ("src/domain", "let t = std::time::SystemTime::now();\n", 1),
        ("src/store", "fn f(ui: &mut egui::Ui) {}\n", 1),
        ("src/store", "use eframe::Storage;\n", 1),
        ("src/ui", "use rusqlite::Connection;\n", 1),
        ("src/ui", "let who = ctx.data.customers.iter().find(|c| c.id == id);\n", 1),
        ("src/cli", "use crate::app::LadderApp;\n", 1),
        ("src/cli", "fn f() { crate::ui::theme::x(); }\n", 1),
    ];
    for (dir, source, line) in probes {
        let found = breaches("probe.rs", source, rule(dir, source));
        assert_eq!(found.len(), 1, "{dir} should catch {source:?}: {found:?}");
        assert!(found[0].starts_with(&format!("probe.rs:{line}: ")), "{found:?}");
    }
}

#[test]
fn comments_strings_and_longer_names_are_not_code() {
    let clean = [
        ("src/domain", "//! No egui, no rusqlite, no Local::now here.\nfn f() {}\n"),
        ("src/domain", "/* egui\n rusqlite */ fn f() {}\n"),
        ("src/domain", "let s = \"rusqlite said: egui\";\n"),
        ("src/domain", "let s = r#\"Local::now \"quoted\" egui\"#;\n"),
        ("src/domain", "fn regui(x: &'static str) -> char { 'e' }\n"),
        ("src/store", "/// Read by the egui panels.\nfn f() {}\n"),
        ("src/cli", "use crate::application::X;\nuse crate::store::ui_text;\n"),
    ];
    for (dir, source) in clean {
        let found = breaches("probe.rs", source, rule(dir, source));
        assert!(found.is_empty(), "{dir}: {source:?} is clean, got {found:?}");
    }
}
