//! The automerge-repo side: `@automerge/automerge-repo-sync-server`, installed from npm at
//! bench time by `cargo xtask bench relay`, run with Node on a loopback port with its
//! file storage in a temporary folder, and driven by [`peer::DocPeer`]s.

pub mod peer;
pub mod pusher;

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};
use serde::Serialize;
use tempfile::TempDir;

use crate::process::{Server, free_port};

pub struct SyncServer {
    pub server: Server,
    /// `ws://127.0.0.1:PORT/`
    pub url: String,
    _folder: TempDir,
}

/// The packages as installed.
#[derive(Debug, Serialize)]
pub struct Versions {
    pub node: String,
    pub sync_server: String,
    pub automerge_repo: String,
    pub automerge: String,
}

const SERVER: &str = "node_modules/@automerge/automerge-repo-sync-server";

impl SyncServer {
    /// `install` is the folder npm installed into (with `node_modules/`).
    pub fn start(install: &Path) -> Result<SyncServer> {
        let folder = tempfile::tempdir()?;
        let port = free_port()?;
        let mut command = Command::new("node");
        command
            .arg(install.join(SERVER).join("src").join("index.js"))
            .current_dir(folder.path())
            .env("PORT", port.to_string())
            .env("DATA_DIR", folder.path().join("data"));
        let server = Server::start(command, "Listening on port")?;
        Ok(SyncServer {
            server,
            url: format!("ws://127.0.0.1:{port}/"),
            _folder: folder,
        })
    }
}

pub fn versions(install: &Path) -> Result<Versions> {
    let version = |package: &str| -> Result<String> {
        // The sync server's own copy when npm nested one, else the shared one.
        let nested = install.join(SERVER).join("node_modules").join(package);
        let top = install.join("node_modules").join(package);
        let folder = if nested.exists() { nested } else { top };
        let text = std::fs::read_to_string(folder.join("package.json"))
            .with_context(|| format!("{package} is not installed in {}", install.display()))?;
        let json: serde_json::Value = serde_json::from_str(&text)?;
        Ok(json["version"].as_str().unwrap_or("?").to_owned())
    };
    let node = Command::new("node")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|_| "?".into());
    Ok(Versions {
        node,
        sync_server: version("@automerge/automerge-repo-sync-server")?,
        automerge_repo: version("@automerge/automerge-repo")?,
        automerge: version("@automerge/automerge")?,
    })
}
