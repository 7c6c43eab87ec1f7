//! Helpers shared by the integration tests.
#![allow(dead_code)]

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
