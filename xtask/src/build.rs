//! `cargo xtask build`: the release build of the web app into `dist/`, with no download.

use anyhow::Result;

use crate::cmd;

/// `cargo fetch` (Trunk then runs Cargo offline), then `trunk build --release --offline`.
/// Trunk uses the wasm-bindgen and wasm-opt found on PATH; [`crate::tools`] installs them.
pub fn app() -> Result<()> {
    cmd::run(cmd::cargo().arg("fetch"))?;
    cmd::run(
        cmd::command("trunk")
            .args(["build", "--release", "--offline", "--dist"])
            .arg(cmd::dist()),
    )
}
