//! `meetkg extract`: the extraction as JSON Lines, the contract quality is scored on.

use super::{read_corpus, report_rejections, ExitStatus};
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
fn print_reports(reports: Vec<crate::model::Report>, compact: bool) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for mut report in reports {
        if compact {
            report.sha256.clear();
            report.warnings.clear();
            for p in &mut report.people {
                p.evidence.clear();
                p.mentions.clear();
                p.memberships.clear();
            }
            for o in &mut report.organisations {
                o.evidence.clear();
            }
            for t in &mut report.topics {
                t.evidence.clear();
            }
        }
        serde_json::to_writer(&mut out, &report).context("writing JSON")?;
        out.write_all(b"\n").context("writing JSON")?;
    }
    out.flush().context("writing JSON")
}
