//! The `ladder` binary: parses arguments, then runs a headless command or
//! opens the window.

use clap::Parser as _;

fn main() -> std::process::ExitCode {
    ladder::app::STARTED.get_or_init(std::time::Instant::now);
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
