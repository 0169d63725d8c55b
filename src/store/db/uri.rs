//! The `file:` URIs under which SQLite opens a read-only file with query
//! parameters (`immutable=1`), on every system.

use std::path::Path;

/// A `file:` URI for `path` with `query` (see [`uri_of`]).
pub(super) fn sqlite_uri(path: &Path, query: &str) -> std::io::Result<String> {
    let absolute = std::path::absolute(path)?;
    Ok(uri_of(absolute.as_os_str().as_encoded_bytes(), cfg!(windows), query))
}

/// The `file:` URI under which SQLite opens the file at the absolute path
/// `path` (a Windows path when `windows`; a pure function, so both forms
/// are tested everywhere), with `query`. Every byte outside the plain path
/// characters is percent-encoded and SQLite decodes it back, so the name
/// SQLite's file system layer gets is the path itself:
/// - elsewhere, `file://` and the path: the empty authority keeps a path
///   that begins with `//` from being read as an authority, which the
///   bundled SQLite refuses (it allows only none or `localhost`, being
///   built without `SQLITE_ALLOW_URI_AUTHORITY`);
/// - on Windows, `file:` and the path with its backslashes encoded, no
///   authority at all: `C:\x.db` arrives as `C:\x.db` and a share's
///   `\\srv\share\x.db` as itself (turned into `file:///srv/share/x.db`,
///   its server became the start of a path on the current drive). The
///   verbatim prefix `\\?\` that `canonicalize` puts before paths is
///   removed where a plain form exists (`\\?\C:\x` → `C:\x`,
///   `\\?\UNC\srv\share\x` → `\\srv\share\x`), so SQLite sees the name a
///   user would type (its Windows layer takes every name that begins with
///   `\\` for a share's).
fn uri_of(path: &[u8], windows: bool, query: &str) -> String {
    let mut uri = String::from("file:");
    let path = if windows {
        if let Some(rest) = path.strip_prefix(br"\\?\UNC\") {
            uri.push_str("%5C%5C");
            rest
        } else {
            match path.strip_prefix(br"\\?\") {
                Some(rest) if rest.get(1) == Some(&b':') => rest,
                _ => path,
            }
        }
    } else {
        uri.push_str("//");
        path
    };
    for &b in path {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                uri.push(char::from(b));
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push('?');
    uri.push_str(query);
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_paths_reach_sqlite_as_they_are() {
        let uri = |path: &str| uri_of(path.as_bytes(), true, "immutable=1");
        assert_eq!(uri(r"C:\data\x.db"), "file:C:%5Cdata%5Cx.db?immutable=1");
        // A share: never an authority, never a path on the current drive.
        assert_eq!(uri(r"\\srv\share\x.db"), "file:%5C%5Csrv%5Cshare%5Cx.db?immutable=1");
        // Verbatim paths (from `canonicalize`) lose their prefix.
        assert_eq!(uri(r"\\?\C:\data\x.db"), "file:C:%5Cdata%5Cx.db?immutable=1");
        assert_eq!(uri(r"\\?\UNC\srv\share\x.db"), "file:%5C%5Csrv%5Cshare%5Cx.db?immutable=1");
        // One with no plain form keeps it, `?` and all, encoded.
        assert_eq!(uri(r"\\?\Volume{1}\x.db"), "file:%5C%5C%3F%5CVolume%7B1%7D%5Cx.db?immutable=1");
        assert_eq!(uri(r"D:\客户 1%.db"), "file:D:%5C%E5%AE%A2%E6%88%B7%201%25.db?immutable=1");
    }

    /// What SQLite makes of a URI's path: its own decoding, after the
    /// authority (which must be empty or `localhost`).
    fn sqlite_decodes(uri: &str) -> Option<String> {
        let rest = uri.strip_prefix("file:")?.split('?').next()?;
        let path = match rest.strip_prefix("//") {
            Some(after) => {
                let at = after.find('/').unwrap_or(after.len());
                if !matches!(&after[..at], "" | "localhost") {
                    return None;
                }
                &after[at..]
            }
            None => rest,
        };
        let mut bytes = Vec::new();
        let mut i = 0;
        while i < path.len() {
            if path.as_bytes()[i] == b'%' {
                bytes.push(u8::from_str_radix(path.get(i + 1..i + 3)?, 16).ok()?);
                i += 3;
            } else {
                bytes.push(path.as_bytes()[i]);
                i += 1;
            }
        }
        String::from_utf8(bytes).ok()
    }

    #[test]
    fn sqlite_decodes_every_uri_back_to_the_path() {
        for (path, windows, expected) in [
            (r"C:\x.db", true, r"C:\x.db"),
            (r"\\srv\share\年报 #1.db", true, r"\\srv\share\年报 #1.db"),
            (r"\\?\UNC\srv\share\x.db", true, r"\\srv\share\x.db"),
            ("/home/a/x.db", false, "/home/a/x.db"),
            ("//srv/x.db", false, "//srv/x.db"),
        ] {
            let uri = uri_of(path.as_bytes(), windows, "immutable=1");
            assert_eq!(sqlite_decodes(&uri).as_deref(), Some(expected), "{uri}");
        }
        // The old Windows form: the share's name became an authority.
        assert_eq!(sqlite_decodes("file:///srv/share/x.db").as_deref(), Some("/srv/share/x.db"));
        assert_eq!(sqlite_decodes("file://srv/share/x.db"), None);
    }

    #[test]
    #[cfg(unix)]
    fn a_path_that_begins_with_two_slashes_opens() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.db");
        rusqlite::Connection::open(&path)
            .and_then(|c| c.execute_batch("CREATE TABLE t (a); INSERT INTO t VALUES (1);"))
            .expect("a database");
        // POSIX keeps a leading `//`; before, it was taken for an authority.
        let slashes = format!("/{}", path.display());
        assert!(slashes.starts_with("//") && !slashes.starts_with("///"), "{slashes}");
        let uri = sqlite_uri(Path::new(&slashes), "immutable=1").expect("uri");
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
        let conn = rusqlite::Connection::open_with_flags(&uri, flags).expect("opens");
        let n: i64 = conn.query_row("SELECT a FROM t", [], |r| r.get(0)).expect("reads");
        assert_eq!(n, 1);
    }
}
