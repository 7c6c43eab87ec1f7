//! Named points where a test can make a build die, as `kill -9` would, at an
//! exact moment: the gaps between the steps of a build's commit.
//!
//! `MEETKG_ABORT_AT=<name>` in the environment aborts the process (no
//! destructors, no flush: like SIGKILL) when it reaches the point `<name>`.
//! Unset, a point costs one environment lookup per build. The points:
//!
//! - `store-written`: the new generation's store is written and flushed, its
//!   manifest not yet, and nothing switched;
//! - `committed`: the store path links to the new generation, no export written;
//! - `exports-half`: three of the six export files are rewritten.

/// Aborts the process if `MEETKG_ABORT_AT` names this point.
pub fn check(point: &str) {
    if std::env::var_os("MEETKG_ABORT_AT").is_some_and(|v| v == point) {
        eprintln!("meetkg: aborting at {point} (MEETKG_ABORT_AT)");
        std::process::abort();
    }
}
