//! The Kenesh side: the real `kenesh-relay` binary on a loopback port with a temporary
//! SQLite file, its writers and its WebSocket listeners.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use futures_util::{SinkExt, StreamExt};
use kenesh_core::crypto::SpaceId;
use kenesh_protocol::PushEntries;
use tempfile::TempDir;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::appends::Writer;
use crate::idle::Listener;
use crate::process::Server;
use crate::relay_client::{RelayClient, random_id};

/// A relay with one registered space and its administrator.
pub struct Relay {
    pub server: Server,
    pub client: RelayClient,
    pub space: SpaceId,
    pub admin: String,
    pub data: PathBuf,
    _folder: TempDir,
}

impl Relay {
    /// Starts the relay binary with the request rate limit off (the benchmark is the
    /// limit) and WebSocket connections capped at `max_connections`.
    pub async fn start(binary: &Path, max_connections: usize) -> Result<Relay> {
        let folder = tempfile::tempdir()?;
        let dist = folder.path().join("dist");
        std::fs::create_dir_all(&dist)?;
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>bench</title>",
        )?;
        let data = folder.path().join("relay.sqlite3");
        let mut command = Command::new(binary);
        command
            .args(["--addr", "127.0.0.1:0", "--rate", "0", "--max-connections"])
            .arg(max_connections.to_string())
            .arg("--dist")
            .arg(&dist)
            .arg("--data")
            .arg(&data)
            .env("RUST_LOG", "warn");
        let server = Server::start(command, "Kenesh is running at ")?;
        let host = server
            .first_line
            .strip_prefix("http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .context("the relay printed no http://HOST/ address")?
            .to_owned();
        let space = SpaceId(rand::random());
        let client = RelayClient::new(&host, &space.to_hex());
        let admin = random_id(32);
        client.register(&admin).await?;
        Ok(Relay {
            server,
            client,
            space,
            admin,
            data,
            _folder: folder,
        })
    }

    /// A new member's token (an invite made and used).
    pub async fn member(&self) -> Result<String> {
        let token = random_id(32);
        self.client.add_member(&self.admin, &token).await?;
        Ok(token)
    }
}

/// A member's device pushing one entry per push, each a real sealed edit.
pub struct KeneshWriter {
    pub client: RelayClient,
    pub token: String,
    pub entries: Arc<Vec<String>>,
    pub next: usize,
}

impl Writer for KeneshWriter {
    async fn append(&mut self) -> Result<()> {
        let entry = self.entries[self.next % self.entries.len()].clone();
        self.next += 1;
        let push = PushEntries {
            batch: random_id(12),
            entries: vec![entry],
        };
        self.client.push(&self.token, &push).await?;
        Ok(())
    }
}

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A device holding the space's WebSocket open, told the log's head on every growth.
pub struct KeneshListener {
    socket: Socket,
}

impl KeneshListener {
    /// Connects, sends the token, and waits for the first `Notify` (the current head).
    pub async fn connect(url: &str, token: &str) -> Result<KeneshListener> {
        let (mut socket, _) = tokio_tungstenite::connect_async(url).await?;
        socket.send(Message::text(token)).await?;
        let mut listener = KeneshListener { socket };
        listener.next_update().await?;
        Ok(listener)
    }
}

impl Listener for KeneshListener {
    async fn next_update(&mut self) -> Result<Instant> {
        loop {
            match self.socket.next().await {
                Some(Ok(Message::Text(_))) => return Ok(Instant::now()),
                Some(Ok(Message::Close(frame))) => bail!("the relay closed the socket: {frame:?}"),
                Some(Ok(_)) => {}
                Some(Err(error)) => return Err(error.into()),
                None => bail!("the socket ended"),
            }
        }
    }
}
