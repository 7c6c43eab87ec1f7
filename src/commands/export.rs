//! `meetkg export`: the Gephi exports from the store alone.

use super::ExitStatus;
use crate::store::Store;
use anyhow::Context;
use std::path::Path;

pub fn run(store_dir: &Path, out: &Path) -> anyhow::Result<ExitStatus> {
    if !store_dir.exists() {
        anyhow::bail!(
            "no store at {}: run `meetkg build` first",
            store_dir.display()
        );
    }
    let store = Store::open_read_only(store_dir)
        .with_context(|| format!("opening the store {}", store_dir.display()))?;
    let written = crate::export::write_all(&store, out)
        .with_context(|| format!("writing the exports to {}", out.display()))?;
    for p in written {
        log::info!("wrote {}", p.display());
    }
    Ok(ExitStatus::Success)
}
