//! The rule for tests that need an outside client (Python, Node, xmllint,
//! rapper): skip plainly when it is missing, unless the test command set
//! `MEETKG_REQUIRE_INTEROP=1`, which makes a missing client a failure.

/// The test command installed the clients and wants them used.
pub fn required() -> bool {
    std::env::var("MEETKG_REQUIRE_INTEROP").is_ok_and(|v| v == "1")
}

/// Skips (or, when required, fails) with a message naming what is missing.
pub fn unavailable(what: &str) -> Result<(), Box<dyn std::error::Error>> {
    if required() {
        return Err(format!("{what} is not available, and MEETKG_REQUIRE_INTEROP=1").into());
    }
    eprintln!("SKIPPED: {what} is not available (the test command tests/run.sh installs it)");
    Ok(())
}

/// The outside program `default` (or the one the environment variable `var`
/// names instead), when it runs: `--version` answers with success.
pub fn program(var: &str, default: &str) -> Option<String> {
    let program = std::env::var(var).unwrap_or_else(|_| default.into());
    std::process::Command::new(&program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
        .then_some(program)
}
