//! One module per subcommand; each turns parsed arguments into library calls and
//! user-facing output. This is the edge where errors get their context for the
//! user (`anyhow`), and the only place that prints.

mod build;
mod dump;
mod export;
mod extract;
mod people;
mod query;
mod serve;

use crate::args::{Args, Command};
use crate::corpus::{Corpus, Progress};
use crate::ontology::Ontology;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// What the process exit code says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Everything asked for was done.
    Success,
    /// Finished, but some inputs were rejected (named on stderr).
    Rejected,
    /// Could not do what was asked.
    Failure,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Rejected => 1,
            Self::Failure => 2,
        }
    }
}

/// Runs the parsed command line.
///
/// # Errors
/// Any failure of the command, with its context chain.
pub fn run(args: Args) -> anyhow::Result<ExitStatus> {
    let quiet = args.global.quiet;
    // Only the commands that read reports need the domain data.
    let ontology = || load_ontology(args.global.ontology.as_deref());
    match args.command {
        Command::Build {
            paths,
            store,
            out,
            period,
        } => build::run(&paths, &store.store, &out, period, &ontology()?, quiet),
        Command::Extract { paths, compact } => extract::run(&paths, compact, &ontology()?, quiet),
        Command::Query {
            query,
            store,
            format,
            graph_format,
        } => query::run(&query, &store.store, format, graph_format),
        Command::Export { store, out, period } => export::run(&store.store, &out, period, quiet),
        Command::People { paths, json } => people::run(&paths, json, &ontology()?, quiet),
        Command::Dump(dump) => dump::run(&dump, quiet),
        Command::Serve(serve) => serve::run(&serve),
        Command::ServeWorker { store } => {
            crate::serve::run_worker(&store.store)?;
            Ok(ExitStatus::Success)
        }
    }
}

fn load_ontology(dir: Option<&std::path::Path>) -> anyhow::Result<Ontology> {
    match dir {
        Some(d) => Ontology::load(d)
            .with_context(|| format!("loading the domain data from {}", d.display())),
        None => Ontology::embedded().context("loading the built-in domain data"),
    }
}

/// Opens the store of a read-only command, saying what to do when there is none.
fn open_existing_store(store_dir: &std::path::Path) -> anyhow::Result<crate::store::Store> {
    if !store_dir.exists() {
        anyhow::bail!(
            "no store at {}: run `meetkg build` first",
            store_dir.display()
        );
    }
    crate::store::Store::open_read_only(store_dir)
        .with_context(|| format!("opening the store {}", store_dir.display()))
}

/// The exit status of a command that wrote its output to stdout: `status`
/// once it was written, and also when the reader closed the pipe early
/// (`meetkg extract | head`): that is no failure, and the work's status (1
/// for rejected reports) still holds.
///
/// # Errors
/// Writing failed otherwise (a full disk).
fn written_to_stdout(
    written: anyhow::Result<()>,
    status: ExitStatus,
) -> anyhow::Result<ExitStatus> {
    match written {
        Err(e) if !is_broken_pipe(&e) => Err(e),
        _ => Ok(status),
    }
}

/// Whether `e` comes from writing to a pipe whose reader has gone. A JSON
/// writer's error is looked into too: its `source` skips the I/O error.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let kind = c
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| c.downcast_ref::<serde_json::Error>()?.io_error_kind());
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Prints `text` and a newline on stdout, locked, through `writeln!`, and
/// flushes, for the summary a command ends with. A reader that went away
/// (`meetkg build | head`) is no failure: the work is done and the exit code
/// says how it went, so a closed pipe is ignored here.
///
/// # Errors
/// stdout cannot be written otherwise (a full disk, `> /dev/full`); the error
/// says that `done` was done all the same.
fn print_summary(text: &str, done: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written
            .with_context(|| format!("{done}, but its summary could not be written to stdout")),
    }
}

/// Reads a corpus with a progress bar on a terminal when there is enough to wait for.
fn read_corpus(paths: &[PathBuf], ontology: &Ontology, quiet: bool, registry: bool) -> Corpus {
    with_progress(quiet, |progress| {
        crate::corpus::read_with(paths, ontology, progress, registry)
    })
}

/// Runs `read` with a progress bar on a terminal when there is enough to wait for.
fn with_progress<T>(quiet: bool, read: impl FnOnce(&(dyn Fn(Progress) + Sync)) -> T) -> T {
    let bar = ProgressBar::hidden();
    let show = !quiet && std::io::stderr().is_terminal();
    let progress = |p: Progress| match p {
        Progress::Start(n) => {
            if show && n >= 50 {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
            bar.set_length(n as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} extracting {pos}/{len} reports {wide_bar} {eta} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
        }
        Progress::Extracted => bar.inc(1),
        Progress::Resolving => bar.set_message("resolving identities"),
    };
    let out = read(&progress);
    bar.finish_and_clear();
    out
}

/// A spinner with the time elapsed, on stderr when it is a terminal and not
/// `quiet`, for a step that takes seconds on an archive (writing the exports,
/// a dump): the user sees it is working, not hung.
pub(crate) fn spinner(quiet: bool, message: &'static str) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(message);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Names each rejected report on stderr, one line each.
fn report_rejections(corpus: &Corpus) -> ExitStatus {
    name_rejections(&corpus.rejected)
}

/// Names each rejected report on stderr, one line each.
fn name_rejections(rejected: &[crate::corpus::Rejected]) -> ExitStatus {
    for r in rejected {
        log::error!(
            "rejected {}: {}",
            r.path.display(),
            crate::error_chain(&r.error)
        );
    }
    if rejected.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Rejected
    }
}
