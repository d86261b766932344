//! A WebSocket client for the relay's `/ws` route.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use kenesh_protocol::Notify;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens the socket; `Err(status)` when the relay answered the upgrade with an HTTP error.
pub async fn connect(url: &str) -> Result<Socket, u16> {
    match tokio_tungstenite::connect_async(url).await {
        Ok((socket, _)) => Ok(socket),
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            Err(response.status().as_u16())
        }
        Err(error) => panic!("cannot connect to {url}: {error}"),
    }
}

/// Opens the socket and sends `token` as the first message.
pub async fn listen(url: &str, token: &str) -> Socket {
    let mut socket = connect(url).await.expect("upgrade refused");
    socket.send(Message::text(token)).await.unwrap();
    socket
}

/// The next [`Notify`] within `wait`, `None` if none came (or the socket closed).
pub async fn next_notify(socket: &mut Socket, wait: Duration) -> Option<Notify> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let message = tokio::time::timeout_at(deadline, socket.next())
            .await
            .ok()??;
        match message.ok()? {
            Message::Text(text) => {
                return Some(serde_json::from_str(text.as_str()).expect("a Notify"));
            }
            Message::Close(_) => return None,
            _ => {}
        }
    }
}

/// Reads until the relay closes the socket: the close code, or `None` if the stream ended
/// without a close frame or nothing came within `wait`.
pub async fn close_code(socket: &mut Socket, wait: Duration) -> Option<u16> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let message = tokio::time::timeout_at(deadline, socket.next())
            .await
            .ok()??;
        match message {
            Ok(Message::Close(frame)) => return frame.map(|frame| u16::from(frame.code)),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}
