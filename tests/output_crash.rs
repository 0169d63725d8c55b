//! Crash safety of the files Ladder writes where the user says (issue 16,
//! point 5): `ladder export` (CSV and XLSX) and `ladder backup` are killed
//! with SIGKILL at 20 moments each, chosen by a fixed seed and spread over a
//! whole run. After each kill the user's name holds either nothing or the
//! whole file (the CSV byte for byte, a workbook calamine opens with every
//! row, a backup `check-db` calls ok), never a part. A killed run may leave
//! its temporary `.<name>.partial-<pid>` beside the name; the next run
//! clears those of dead processes, so none is left at the end.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{ladder, ok, p};

const KILLS: usize = 20;

/// A small deterministic generator (Knuth's MMIX LCG).
struct Lcg(u64);

impl Lcg {
    /// A fraction in [0, 1).
    fn fraction(&mut self) -> f64 {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        #[allow(clippy::cast_precision_loss)] // 53 bits fit an f64 exactly.
        let f = (self.0 >> 11) as f64 / (1u64 << 53) as f64;
        f
    }
}

/// True when the kill ended the process (it was still running).
fn killed(status: ExitStatus) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        status.signal() == Some(9)
    }
    #[cfg(not(unix))]
    {
        !status.success()
    }
}

/// The temporary files of writes of `out` left in its folder.
fn partials(out: &Path) -> Vec<PathBuf> {
    let name = out.file_name().expect("name").to_string_lossy().into_owned();
    let prefix = format!(".{name}.partial");
    std::fs::read_dir(out.parent().expect("folder"))
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect()
}

/// Every row of a workbook's first sheet (header included).
fn xlsx_rows(path: &Path) -> Result<usize, String> {
    use calamine::Reader as _;
    let mut book = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let range = book.worksheet_range_at(0).ok_or("no sheet")?.map_err(|e| e.to_string())?;
    Ok(range.height())
}

/// Runs `args` (which write `out`) once to the end, then `KILLS` times
/// killed at spread moments, judging `out` after each with `complete`
/// (which says why a file is not whole). Returns how many kills hit a
/// running process, and how many of those hit it writing the file (its
/// temporary file was left).
fn kill_at_spread_moments(
    what: &str,
    args: &[&str],
    out: &Path,
    seed: u64,
    complete: &dyn Fn(&Path) -> Result<(), String>,
) -> (usize, usize) {
    // The shorter of two whole runs, so that a run slowed by other work on
    // the machine does not put the kills after the end.
    let mut full = Duration::MAX;
    for _ in 0..2 {
        let _ = std::fs::remove_file(out);
        let clock = Instant::now();
        ok(args);
        full = full.min(clock.elapsed());
        complete(out).unwrap_or_else(|why| panic!("{what}: a whole run wrote {why}"));
    }
    std::fs::remove_file(out).expect("remove");
    let mut rng = Lcg(seed);
    let (mut running, mut mid_write) = (0, 0);
    for kill in 0..KILLS {
        let after = full.mul_f64(0.02 + 1.03 * rng.fraction());
        let mut child = Command::new(common::BIN)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run ladder");
        std::thread::sleep(after);
        // SIGKILL; a run that already ended is simply reaped.
        let _ = child.kill();
        let status = child.wait().expect("wait");
        if killed(status) {
            running += 1;
        } else {
            assert!(status.success(), "{what}, kill {kill}: ended by itself with {status}");
            assert!(out.exists(), "{what}, kill {kill}: a finished run wrote nothing");
        }
        // Its temporary file left: the kill hit the write itself.
        let pid = format!(".partial-{}", child.id());
        if partials(out).iter().any(|p| p.to_string_lossy().ends_with(&pid)) {
            mid_write += 1;
        }
        if out.exists() {
            if let Err(why) = complete(out) {
                panic!("{what}, kill {kill} after {after:?} of {full:?}: the file holds {why}");
            }
            std::fs::remove_file(out).expect("remove");
        }
    }
    // A run to the end clears what the killed ones left.
    ok(args);
    complete(out).unwrap_or_else(|why| panic!("{what}: the last run wrote {why}"));
    assert_eq!(partials(out), Vec::<PathBuf>::new(), "{what}: temporary files left");
    eprintln!(
        "{what}: {KILLS} kills over a {full:?} run, {running} hit it running, \
         {mid_write} while the file was written"
    );
    (running, mid_write)
}

#[test]
fn an_export_or_backup_killed_at_any_moment_leaves_the_whole_file_or_none() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    ok(&["demo", "--out", p(&db), "--customers", "3000"]);

    // CSV: byte for byte the file of a whole run.
    let reference = dir.path().join("reference.csv");
    let db_arg = p(&db);
    ok(&["export", "--db", db_arg, "--table", "transactions", "--out", p(&reference)]);
    let whole = std::fs::read(&reference).expect("read");
    let csv = dir.path().join("out").join("transactions.csv");
    std::fs::create_dir(csv.parent().expect("folder")).expect("folder");
    let csv_args = ["export", "--db", db_arg, "--table", "transactions", "--out", p(&csv)];
    let same = |path: &Path| {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        if bytes == whole {
            Ok(())
        } else {
            Err(format!("{} of {} bytes, not the whole export", bytes.len(), whole.len()))
        }
    };
    let mut hits = vec![kill_at_spread_moments("CSV export", &csv_args, &csv, 7, &same)];

    // XLSX: a workbook that opens, with every row (and the header).
    let rows = whole.iter().filter(|&&b| b == b'\n').count();
    let xlsx = dir.path().join("out").join("transactions.xlsx");
    let xlsx_args = ["export", "--db", db_arg, "--table", "transactions", "--out", p(&xlsx)];
    let opens = |path: &Path| match xlsx_rows(path) {
        Ok(n) if n == rows => Ok(()),
        Ok(n) => Err(format!("{n} rows of {rows}")),
        Err(e) => Err(format!("a workbook that does not open: {e}")),
    };
    hits.push(kill_at_spread_moments("XLSX export", &xlsx_args, &xlsx, 11, &opens));

    // Backup: a database check-db calls ok.
    let copy = dir.path().join("out").join("copy.db");
    let backup_args = ["backup", "--db", db_arg, "--out", p(&copy)];
    let checked = |path: &Path| {
        let said = ladder(&["check-db", "--db", p(path)]);
        let text = String::from_utf8_lossy(&said.stdout);
        if said.status.success() && text.trim() == "ok" {
            Ok(())
        } else {
            Err(format!("a copy check-db refuses: {text} {}", common::stderr(&said)))
        }
    };
    hits.push(kill_at_spread_moments("backup", &backup_args, &copy, 13, &checked));

    let running: usize = hits.iter().map(|h| h.0).sum();
    let writing: usize = hits.iter().map(|h| h.1).sum();
    let kills = hits.len() * KILLS;
    eprintln!(
        "{running} of {kills} kills hit a running process, {writing} while it wrote; {:?} in all",
        started.elapsed()
    );
    // Kills after the end prove nothing: most must have hit a running
    // process, and many of them while it wrote the file (the CSV export
    // spends most of its run reading the table, the backup little).
    assert!(running * 2 > kills, "only {running} of {kills} kills hit a running process");
    assert!(writing * 4 > kills, "only {writing} of {kills} kills hit the writing of a file");
}

/// Runs `ladder args` with its files limited to `kib` KiB (`ulimit -f`, the
/// signal ignored so that a write fails as on a full disk).
#[cfg(unix)]
fn ladder_with_file_limit(kib: u32, args: &[&str]) -> std::process::Output {
    // POSIX sh counts the limit in 512-byte blocks.
    let script = format!("ulimit -f {}; trap '' XFSZ; exec \"$0\" \"$@\"", kib * 2);
    Command::new("sh").arg("-c").arg(script).arg(common::BIN).args(args).output().expect("sh")
}

#[test]
#[cfg(unix)]
fn a_backup_or_export_on_a_full_disk_leaves_nothing_and_can_be_run_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    ok(&["demo", "--out", p(&db), "--customers", "200"]);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("folder");
    let copy = out.join("copy.db");
    let csv = out.join("transactions.csv");
    let xlsx = out.join("transactions.xlsx");
    let runs: [(&Path, Vec<&str>); 3] = [
        (&copy, vec!["backup", "--db", p(&db), "--out", p(&copy)]),
        (&csv, vec!["export", "--db", p(&db), "--table", "transactions", "--out", p(&csv)]),
        (&xlsx, vec!["export", "--db", p(&db), "--table", "transactions", "--out", p(&xlsx)]),
    ];
    for (file, args) in &runs {
        let said = ladder_with_file_limit(64, args);
        assert_eq!(said.status.code(), Some(1), "{args:?}: {}", common::stderr(&said));
        let name = file.file_name().expect("name").to_string_lossy().into_owned();
        let left: Vec<_> = std::fs::read_dir(&out)
            .expect("list")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(&name))
            .collect();
        assert!(left.is_empty(), "{args:?} on a full disk left {left:?}");
        // With room, the same command writes the file.
        ok(args);
        assert!(file.exists());
    }
    let said = ladder(&["check-db", "--db", p(&copy)]);
    assert_eq!(String::from_utf8_lossy(&said.stdout).trim(), "ok", "{}", common::stderr(&said));
}
