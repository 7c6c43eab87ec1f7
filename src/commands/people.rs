//! `meetkg people`: identities, aliases, resolution decisions and review candidates.

use super::{read_corpus, report_rejections, ExitStatus};
use crate::ontology::Ontology;
use crate::resolve::Registry;
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;

pub fn run(
    paths: &[PathBuf],
    json: bool,
    ontology: &Ontology,
    quiet: bool,
) -> anyhow::Result<ExitStatus> {
    let corpus = read_corpus(paths, ontology, quiet, true);
    let status = report_rejections(&corpus);
    super::written_to_stdout(print_people(&corpus.registry, json), status)
}

/// The identities and the decisions to review on stdout, as JSON or text.
fn print_people(reg: &Registry, json: bool) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        serde_json::to_writer_pretty(&mut out, reg).context("writing JSON")?;
        writeln!(out).context("writing")?;
    } else {
        for p in &reg.people {
            writeln!(
                out,
                "{}  ({} report{})",
                p.name,
                p.reports.len(),
                if p.reports.len() == 1 { "" } else { "s" }
            )?;
            for a in &p.aliases {
                let score = a.score.map(|s| format!(" {s}")).unwrap_or_default();
                writeln!(out, "    {:<32} {:?}{}", a.text, a.resolution, score)?;
            }
            writeln!(out, "    in: {}", p.reports.join(", "))?;
        }
        writeln!(
            out,
            "\n{} identities; {} decisions to review",
            reg.people.len(),
            reg.review.len()
        )?;
        for r in &reg.review {
            writeln!(
                out,
                "  review {:?} in {}: {} [{}]",
                r.mention,
                r.report,
                r.reason,
                r.candidates.join("; ")
            )?;
        }
    }
    out.flush().context("writing")
}
