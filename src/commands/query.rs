//! `meetkg query`: SPARQL on the store.

use super::ExitStatus;
use crate::query::{write_results, GraphFormat, QueryFormat};
use anyhow::Context;
use std::path::Path;

pub fn run(
    query: &str,
    store_dir: &Path,
    format: QueryFormat,
    graph_format: Option<GraphFormat>,
) -> anyhow::Result<ExitStatus> {
    let text = match query.strip_prefix('@') {
        Some(file) => std::fs::read_to_string(file)
            .with_context(|| format!("reading the query file {file}"))?,
        None => query.to_owned(),
    };
    let store = super::open_existing_store(store_dir)?;
    let results = store.query(&text).context("running the query")?;
    let stdout = std::io::stdout();
    let _ = write_results(results, format, graph_format, stdout.lock())
        .context("writing the results")?;
    Ok(ExitStatus::Success)
}
