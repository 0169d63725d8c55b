//! The `ladder` binary: parses arguments, then runs a headless command or
//! opens the window.

// Windows: a release build is a window program, so that starting Ladder
// from the Start menu or Explorer opens no console window beside it. The
// command line keeps its output through `attach_console`. Debug builds
// stay console programs (tests read their output as any other system's).
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use clap::Parser as _;

fn main() -> std::process::ExitCode {
    ladder::app::STARTED.get_or_init(std::time::Instant::now);
    // Before the arguments are parsed: `--help` and usage errors print too.
    attach_console();
    let cli = ladder::cli::Cli::parse();
    match cli.command {
        Some(command) => ladder::cli::run(command),
        None => match ladder::app::run(cli.db) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("ladder: cannot open the window: {e}");
                std::process::ExitCode::FAILURE
            }
        },
    }
}

/// Windows: a window program gets no console of its own, so a command
/// typed in a terminal would print nothing. Attaching to the console of
/// the process that started this one (the terminal's shell) gives the
/// subcommands their stdout and stderr back; started from Explorer there
/// is none and nothing happens. The only `unsafe` in Ladder.
#[cfg(all(windows, not(debug_assertions)))]
#[allow(unsafe_code)]
fn attach_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id by value and touches no
    // memory of ours; with no parent console, or one attached already, it
    // returns 0 and changes nothing, which is fine here.
    let _attached = unsafe { AttachConsole(ATTACH_PARENT_PROCESS) };
}

/// Elsewhere (and in Windows debug builds, console programs) the process
/// has its terminal already.
#[cfg(not(all(windows, not(debug_assertions))))]
fn attach_console() {}
