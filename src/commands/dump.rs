//! `meetkg dump`: the store as RDF files for data portals.

use super::ExitStatus;
use crate::args::DumpArgs;
use crate::dump::{self, DumpOptions};
use anyhow::Context;

pub fn run(args: &DumpArgs, quiet: bool) -> anyhow::Result<ExitStatus> {
    let store_dir = &args.store.store;
    let store = super::open_existing_store(store_dir)?;
    // The date is the only input not taken from the store: see `crate::dump`.
    let date = args.date.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let options = DumpOptions {
        out_dir: args.out.clone(),
        formats: args.format.clone(),
        gzip: args.gzip,
        date,
        license: args.license.clone(),
        base_url: args.base_url.clone(),
        endpoint: args.endpoint.clone(),
    };
    let spinner = super::spinner(quiet, "writing the dump");
    let report = dump::write_dump(&store, &options).with_context(|| {
        format!(
            "dumping the store {} to {}",
            store_dir.display(),
            args.out.display()
        )
    });
    spinner.finish_and_clear();
    let report = report?;
    if !quiet {
        let summary = format!(
            "wrote {}: {} triples ({} statements in {} graphs)",
            report
                .paths()
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            report.triples,
            report.quads,
            report.graphs,
        );
        let done = format!("the dump was written to {}", args.out.display());
        super::print_summary(&summary, &done)?;
    }
    Ok(ExitStatus::Success)
}
