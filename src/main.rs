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
    let logger = env_logger::Builder::new()
        .filter_level(level)
        .format_timestamp(None)
        .format_target(false)
        .parse_env("MEETKG_LOG")
        .build();
    log::set_max_level(logger.filter());
    // Nothing else sets a logger: this cannot fail, and no log is lost if it did.
    let _ = log::set_boxed_logger(Box::new(Logger(logger)));
    // A panic the PDF reader catches is that file's error, said with its name.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !meetkg::ingest::catches_panics() {
            hook(info);
        }
    }));
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

/// The logger: what the PDF crates log while a PDF is read goes to the
/// reader, which says it once naming the file; the rest is written.
struct Logger(env_logger::Logger);

impl log::Log for Logger {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        self.0.enabled(metadata)
    }

    fn log(&self, record: &log::Record<'_>) {
        if !meetkg::ingest::keep_log(record) {
            self.0.log(record);
        }
    }

    fn flush(&self) {
        self.0.flush();
    }
}
