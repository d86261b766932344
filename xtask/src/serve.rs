//! `cargo xtask serve`: build the app, then run the relay serving it.

use anyhow::Result;

use crate::{build, cmd, tools};

/// Installs what is missing, builds `dist/`, then runs the relay in the foreground; it prints
/// `Kenesh is running at http://ADDR/` and serves until Ctrl-C.
pub fn run(addr: &str) -> Result<()> {
    tools::ensure_all()?;
    build::app()?;
    cmd::run(cmd::cargo().args([
        "run",
        "--release",
        "--package",
        "kenesh-relay",
        "--",
        "--dist",
        "dist",
        "--addr",
        addr,
    ]))
}
