//! A minimal automerge-repo peer over its WebSocket protocol (automerge-repo-network-websocket
//! 1.x): CBOR messages `join` → `peer`, then `request`/`sync` messages carrying Automerge
//! sync messages for one document. Written against the same tokio stack as the Kenesh
//! clients, so both servers are driven by the same kind of client.

use std::time::Instant;

use anyhow::{Context, Result, bail};
use automerge::sync::{self, SyncDoc};
use automerge::transaction::Transactable;
use automerge::{AutoCommit, ROOT};
use ciborium::Value;
use futures_util::{SinkExt, StreamExt};
use sha2::{Digest, Sha256};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::appends::Writer;
use crate::idle::Listener;

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// One connection to the sync server, editing or watching one document.
pub struct DocPeer {
    socket: Socket,
    me: String,
    server: String,
    pub doc_id: String,
    doc: AutoCommit,
    state: sync::State,
    edits: u64,
}

/// What the server sent about the document.
pub(super) struct Incoming {
    kind: String,
    data: Option<Vec<u8>>,
}

impl DocPeer {
    async fn join(url: &str, doc_id: String) -> Result<DocPeer> {
        let (socket, _) = tokio_tungstenite::connect_async(url).await?;
        let me = format!("bench-{}", hex(&rand::random::<[u8; 8]>()));
        let mut peer = DocPeer {
            socket,
            me,
            server: String::new(),
            doc_id,
            doc: AutoCommit::new(),
            state: sync::State::new(),
            edits: 0,
        };
        peer.send(map(vec![
            ("type", text("join")),
            ("senderId", text(&peer.me)),
            (
                "peerMetadata",
                map(vec![("isEphemeral", Value::Bool(true))]),
            ),
            ("supportedProtocolVersions", Value::Array(vec![text("1")])),
        ]))
        .await?;
        loop {
            let message = peer.receive().await?;
            if field(&message, "type").and_then(Value::as_text) == Some("peer") {
                peer.server = field(&message, "senderId")
                    .and_then(Value::as_text)
                    .context("a peer message without senderId")?
                    .to_owned();
                return Ok(peer);
            }
        }
    }

    /// Waits until the server answers a `join`: it accepts sockets before its repo is
    /// ready and drops those, so the first connections after its start may fail.
    pub async fn wait_ready(url: &str) -> Result<()> {
        let mut tries = 0;
        loop {
            let wait = std::time::Duration::from_secs(2);
            let joined =
                tokio::time::timeout(wait, DocPeer::join(url, document_id(rand::random())));
            match joined
                .await
                .unwrap_or_else(|_| Err(anyhow::anyhow!("no answer within 2 s")))
            {
                Ok(_) => return Ok(()),
                Err(error) if tries >= 50 => return Err(error.context("the server never answered")),
                Err(_) => tries += 1,
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }

    /// A new document with one change, synced until the server holds it.
    pub async fn create(url: &str) -> Result<DocPeer> {
        let mut peer = DocPeer::join(url, document_id(rand::random())).await?;
        peer.edit()?;
        peer.send_sync("sync").await?;
        peer.wait_until_server_has_ours().await?;
        Ok(peer)
    }

    /// An existing document, requested and synced until this peer holds some of it.
    pub async fn open(url: &str, doc_id: &str) -> Result<DocPeer> {
        let mut peer = DocPeer::join(url, doc_id.to_owned()).await?;
        peer.send_sync("request").await?;
        while peer.doc.get_heads().is_empty() {
            let incoming = peer.next_for_doc().await?;
            if incoming.kind == "doc-unavailable" {
                bail!("the server says document {doc_id} is unavailable");
            }
            peer.absorb(incoming).await?;
        }
        Ok(peer)
    }

    /// One small change, like a changed phone number.
    fn edit(&mut self) -> Result<()> {
        self.edits += 1;
        self.doc
            .put(ROOT, "phone", format!("+996 555 {:06}", self.edits))?;
        self.doc.commit();
        Ok(())
    }

    async fn send_sync(&mut self, kind: &str) -> Result<()> {
        let message = self.doc.sync().generate_sync_message(&mut self.state);
        if let Some(message) = message {
            let envelope = map(vec![
                ("type", text(kind)),
                ("senderId", text(&self.me)),
                ("targetId", text(&self.server)),
                ("documentId", text(&self.doc_id)),
                ("data", Value::Bytes(message.encode())),
            ]);
            self.send(envelope).await?;
        }
        Ok(())
    }

    /// Applies an incoming sync message and answers it as the protocol asks.
    pub(super) async fn absorb(&mut self, incoming: Incoming) -> Result<()> {
        if let Some(data) = incoming.data {
            let message = sync::Message::decode(&data)?;
            self.doc
                .sync()
                .receive_sync_message(&mut self.state, message)?;
            self.send_sync("sync").await?;
        }
        Ok(())
    }

    /// Reads until the server's heads include every change of ours.
    async fn wait_until_server_has_ours(&mut self) -> Result<()> {
        let ours = self.doc.get_heads();
        while !self
            .state
            .their_heads
            .as_ref()
            .is_some_and(|theirs| ours.iter().all(|h| theirs.contains(h)))
        {
            let incoming = self.next_for_doc().await?;
            self.absorb(incoming).await?;
        }
        Ok(())
    }

    /// The next message about this peer's document.
    pub(super) async fn next_for_doc(&mut self) -> Result<Incoming> {
        loop {
            let message = self.receive().await?;
            let kind = field(&message, "type")
                .and_then(Value::as_text)
                .unwrap_or_default()
                .to_owned();
            if kind == "error" {
                bail!("the server sent an error: {message:?}");
            }
            if field(&message, "documentId").and_then(Value::as_text) != Some(&self.doc_id) {
                continue;
            }
            let data = field(&message, "data").and_then(Value::as_bytes).cloned();
            return Ok(Incoming { kind, data });
        }
    }

    async fn send(&mut self, message: Value) -> Result<()> {
        let mut bytes = Vec::new();
        ciborium::into_writer(&message, &mut bytes)?;
        self.socket.send(Message::binary(bytes)).await?;
        Ok(())
    }

    /// The next message; an error after 60 s of silence (a test of the protocol going
    /// wrong, not of speed: listeners wait between rounds, but never that long).
    async fn receive(&mut self) -> Result<Value> {
        loop {
            let next = tokio::time::timeout(std::time::Duration::from_secs(60), self.socket.next());
            match next.await.context("the server sent nothing for 60 s")? {
                Some(Ok(Message::Binary(bytes))) => {
                    return ciborium::from_reader(&bytes[..]).context("a message that is not CBOR");
                }
                Some(Ok(Message::Close(frame))) => bail!("the server closed the socket: {frame:?}"),
                Some(Ok(_)) => {}
                Some(Err(error)) => return Err(error.into()),
                None => bail!("the socket ended"),
            }
        }
    }
}

impl Writer for DocPeer {
    /// One change, sent, then confirmed by the server's heads.
    async fn append(&mut self) -> Result<()> {
        self.edit()?;
        self.send_sync("sync").await?;
        self.wait_until_server_has_ours().await
    }
}

impl Listener for DocPeer {
    /// The next sync message that brings changes; its arrival is taken before it is applied.
    async fn next_update(&mut self) -> Result<Instant> {
        loop {
            let incoming = self.next_for_doc().await?;
            let at = Instant::now();
            let before = self.doc.get_heads();
            self.absorb(incoming).await?;
            if self.doc.get_heads() != before {
                return Ok(at);
            }
        }
    }
}

/// automerge-repo's document id: a random (version 4) UUID's 16 bytes in base58check
/// (Bitcoin alphabet, with the first 4 bytes of a double SHA-256 appended). The server
/// refuses ids that are not a valid UUID.
pub fn document_id(mut uuid: [u8; 16]) -> String {
    uuid[6] = (uuid[6] & 0x0f) | 0x40;
    uuid[8] = (uuid[8] & 0x3f) | 0x80;
    let checksum = Sha256::digest(Sha256::digest(uuid));
    let mut payload = uuid.to_vec();
    payload.extend_from_slice(&checksum[..4]);
    base58(&payload)
}

fn base58(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut digits: Vec<u8> = Vec::new(); // base 58, least significant first
    for &byte in bytes {
        let mut carry = u32::from(byte);
        for digit in &mut digits {
            carry += u32::from(*digit) << 8;
            *digit = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    std::iter::repeat_n(b'1', zeros)
        .chain(digits.iter().rev().map(|&d| ALPHABET[d as usize]))
        .map(char::from)
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn text(value: &str) -> Value {
    Value::Text(value.to_owned())
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    Value::Map(entries.into_iter().map(|(k, v)| (text(k), v)).collect())
}

fn field<'a>(message: &'a Value, name: &str) -> Option<&'a Value> {
    message
        .as_map()?
        .iter()
        .find(|(key, _)| key.as_text() == Some(name))
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base58_matches_bitcoin() {
        // The Bitcoin wiki's example: "Hello World!" → 2NEpo7TZRRrLZSi2U.
        assert_eq!(base58(b"Hello World!"), "2NEpo7TZRRrLZSi2U");
        assert_eq!(base58(&[0, 0, 1]), "112");
    }
}
