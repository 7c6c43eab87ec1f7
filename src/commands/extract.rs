//! `meetkg extract`: the extraction as JSON Lines, the contract quality is scored on.

use super::{read_corpus, report_rejections, ExitStatus};
use crate::model::Report;
use crate::ontology::Ontology;
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;

pub fn run(
    paths: &[PathBuf],
    compact: bool,
    ontology: &Ontology,
    quiet: bool,
) -> anyhow::Result<ExitStatus> {
    // The reports alone: no registry of identities to gather.
    let corpus = read_corpus(paths, ontology, quiet, false);
    let status = report_rejections(&corpus);
    super::written_to_stdout(print_reports(corpus.reports, compact), status)
}

/// Each report as one line of JSON on stdout, without evidence when `compact`.
///
/// A printed report is forgotten, not freed: the command ends when the last
/// is printed, and the system takes a process's memory back at once, where
/// freeing a report of a list of 626,000 people piece by piece (each one's
/// name, mentions and evidence) was a twentieth of `extract` on it (issue 25).
/// The reports are all in memory already, so this holds no more at the peak.
fn print_reports(reports: Vec<Report>, compact: bool) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for mut report in reports {
        if compact {
            without_evidence(&mut report);
        }
        serde_json::to_writer(&mut out, &report).context("writing JSON")?;
        out.write_all(b"\n").context("writing JSON")?;
        std::mem::forget(report);
    }
    out.flush().context("writing JSON")
}

/// Empties what `--compact` leaves out of `report`, forgetting it (see
/// [`print_reports`]).
fn without_evidence(report: &mut Report) {
    report.sha256.clear();
    report.warnings.clear();
    for p in &mut report.people {
        forget_all(&mut p.evidence);
        forget_all(&mut p.mentions);
        forget_all(&mut p.memberships);
    }
    for o in &mut report.organisations {
        forget_all(&mut o.evidence);
    }
    for t in &mut report.topics {
        forget_all(&mut t.evidence);
    }
}

/// Empties `v` without freeing what it held.
fn forget_all<T>(v: &mut Vec<T>) {
    std::mem::forget(std::mem::take(v));
}
