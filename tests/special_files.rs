//! Files that are not regular files (a named pipe, a folder) are refused at
//! once wherever a user names one, instead of hanging or failing obscurely;
//! a file of zero bytes is called what it is (issue 16, item 11).

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{BIN, init, p};

/// Runs `ladder` with `args`, killing it after 20 s (a hang is a failure);
/// returns its exit code and stderr.
fn run_bounded(args: &[&str]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(BIN)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run ladder");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let mut said = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut said)
                .expect("read stderr");
            return (status.code(), said);
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().expect("kill");
            child.wait().expect("reap");
            panic!("ladder {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_wherever_a_file_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    let fifo = dir.path().join("pipe.csv");
    mkfifo(&fifo);
    let fifo_db = dir.path().join("pipe.db");
    mkfifo(&fifo_db);
    let runs: [&[&str]; 5] = [
        &["import", "--db", p(&db), "--kind", "customers", "--input", p(&fifo)],
        &["restore", "--db", p(&db), "--from", p(&fifo_db)],
        &["check-db", "--db", p(&fifo_db)],
        &["customers", "--db", p(&fifo_db)],
        &["import", "--db", p(&fifo_db), "--kind", "customers", "--input", p(&fifo)],
    ];
    for args in runs {
        let (code, said) = run_bounded(args);
        assert_eq!(code, Some(1), "{args:?}: {said}");
        assert!(said.contains("named pipe"), "{args:?}: {said}");
    }
}

#[test]
fn a_folder_is_refused_as_an_import_input_and_as_a_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    let folder = dir.path().join("folder.csv");
    std::fs::create_dir(&folder).expect("mkdir");
    let folder_db = dir.path().join("folder.db");
    std::fs::create_dir(&folder_db).expect("mkdir");
    let runs: [&[&str]; 3] = [
        &["import", "--db", p(&db), "--kind", "customers", "--input", p(&folder)],
        &["check-db", "--db", p(&folder_db)],
        &["restore", "--db", p(&db), "--from", p(&folder_db)],
    ];
    for args in runs {
        let (code, said) = run_bounded(args);
        assert_eq!(code, Some(1), "{args:?}: {said}");
        assert!(said.contains("a folder, not a file"), "{args:?}: {said}");
    }
}

#[test]
fn a_file_of_zero_bytes_is_not_called_a_text_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let zeros = dir.path().join("zeros.db");
    std::fs::write(&zeros, vec![0u8; 1_800_000]).expect("write");
    let (code, said) = run_bounded(&["check-db", "--db", p(&zeros)]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("not a Ladder database: the file holds only zero bytes"), "{said}");
    assert!(!said.contains("text"), "{said}");
    // Refused like any foreign file, by every command, left as it was.
    let (code, _) = run_bounded(&["customers", "--db", p(&zeros)]);
    assert_eq!(code, Some(1));
    let db = init(dir.path(), "d.db");
    let (code, said) = run_bounded(&["restore", "--db", p(&db), "--from", p(&zeros)]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("only zero bytes"), "{said}");
    assert_eq!(std::fs::read(&zeros).expect("read"), vec![0u8; 1_800_000]);
}
