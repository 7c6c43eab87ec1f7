//! `meetkg export`: the Gephi exports from the store alone.

use super::ExitStatus;
use crate::graph::Period;
use anyhow::Context;
use std::path::Path;

pub fn run(
    store_dir: &Path,
    out: &Path,
    period: Period,
    quiet: bool,
) -> anyhow::Result<ExitStatus> {
    let store = super::open_existing_store(store_dir)?;
    let spinner = super::spinner(quiet, "writing the exports");
    let written = crate::export::write_all_stamped(&store, out, store.generation(), period)
        .with_context(|| format!("writing the exports to {}", out.display()));
    spinner.finish_and_clear();
    let written = written?;
    for p in written {
        log::info!("wrote {}", p.display());
    }
    Ok(ExitStatus::Success)
}
