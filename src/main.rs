//! The `meetkg` command: parse arguments, run, report the error, exit with a code
//! that means something (0 done, 1 some inputs rejected, 2 failure).

use clap::Parser;
use meetkg::args::Args;
use meetkg::commands::{run, ExitStatus};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Args::parse();
    // `serve` logs one line per request by default; the other commands only warn.
    let serving = matches!(args.command, meetkg::args::Command::Serve { .. });
    let level = match (args.global.quiet, args.global.verbose) {
        (true, _) => log::LevelFilter::Error,
        (false, 0) if serving => log::LevelFilter::Info,
        (false, 0) => log::LevelFilter::Warn,
        (false, 1) => log::LevelFilter::Info,
        (false, _) => log::LevelFilter::Debug,
    };
    env_logger::Builder::new()
        .filter_level(level)
        .format_timestamp(None)
        .format_target(false)
        .parse_env("MEETKG_LOG")
        .init();
    match run(args) {
        Ok(status) => ExitCode::from(status.code()),
        Err(e) => {
            // A reader that closed the pipe (`meetkg query ... | head`) is not an error.
            if meetkg::commands::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("meetkg: {}", meetkg::error_chain(e.as_ref()));
            ExitCode::from(ExitStatus::Failure.code())
        }
    }
}
