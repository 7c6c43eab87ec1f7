//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod essentials;
pub mod formats;
pub mod interop;
pub mod score;

use std::path::PathBuf;
use std::process::Command;

/// The crate's directory: where the seed reports and fixtures are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `meetkg` binary, run from the crate's directory, deaf to the
/// environment variables that would point it at another store or ontology.
pub fn meetkg() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_meetkg"));
    cmd.current_dir(root())
        .env_remove("MEETKG_STORE")
        .env_remove("MEETKG_ONTOLOGY");
    cmd
}

/// `meetkg query --format csv` of `sparql` on the store at `store`: its CSV
/// with `\n` line ends, or the command's stderr as the error.
pub fn query_csv(store: &std::path::Path, sparql: &str) -> Result<String, String> {
    let out = meetkg()
        .args(["query", "--format", "csv", "--store"])
        .arg(store)
        .arg(sparql)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    String::from_utf8(out.stdout)
        .map(|s| s.replace("\r\n", "\n"))
        .map_err(|e| e.to_string())
}
