//! Talking to the school's relay over HTTP and a WebSocket, in the shapes of
//! `kenesh-protocol`. Everything sent is already ciphertext; this module only moves it.

use crate::error::describe_js;
use crate::events::Listener;
use js_sys::{Promise, Uint8Array};
use kenesh_protocol as protocol;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, MessageEvent, Request, RequestInit, Response, WebSocket};

/// Why a call to the relay failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RelayError {
    /// The relay could not be reached (offline, wrong address, relay down).
    #[error("the relay cannot be reached: {0}")]
    Unreachable(String),
    /// The relay answered with an error status and its message.
    #[error("the relay refused ({status}): {message}")]
    Refused { status: u16, message: String },
    /// The relay's answer was not what the protocol says.
    #[error("the relay's answer could not be read: {0}")]
    BadAnswer(String),
}

impl RelayError {
    /// 401 or 403: this device's access was revoked or never existed.
    pub fn is_access_denied(&self) -> bool {
        matches!(
            self,
            RelayError::Refused {
                status: 401 | 403,
                ..
            }
        )
    }
}

/// A relay at a base address (`http://host:port`), used with one access token.
#[derive(Clone, Debug)]
pub struct RelayClient {
    base: String,
    token: String,
}

impl RelayClient {
    pub fn new(base: &str, token: &str) -> RelayClient {
        RelayClient {
            base: base.trim_end_matches('/').to_string(),
            token: token.to_string(),
        }
    }

    fn url(&self, space: &str, rest: &str) -> String {
        format!("{}/api/spaces/{space}{rest}", self.base)
    }

    async fn send(
        &self,
        method: &str,
        url: &str,
        body: Option<JsValue>,
        content_type: &str,
    ) -> Result<Response, RelayError> {
        let init = RequestInit::new();
        init.set_method(method);
        let headers = Headers::new().map_err(|e| RelayError::Unreachable(describe_js(&e)))?;
        let _ = headers.set("Authorization", &format!("Bearer {}", self.token));
        if body.is_some() {
            let _ = headers.set("Content-Type", content_type);
        }
        init.set_headers(&headers);
        if let Some(body) = &body {
            init.set_body(body);
        }
        let request = Request::new_with_str_and_init(url, &init)
            .map_err(|e| RelayError::Unreachable(describe_js(&e)))?;
        let window =
            web_sys::window().ok_or_else(|| RelayError::Unreachable("no window".into()))?;
        let promise: Promise = window.fetch_with_request(&request);
        let response: Response = JsFuture::from(promise)
            .await
            .map_err(|e| RelayError::Unreachable(describe_js(&e)))?
            .unchecked_into();
        if response.ok() {
            return Ok(response);
        }
        let status = response.status();
        let message = match response.text() {
            Ok(p) => JsFuture::from(p)
                .await
                .ok()
                .and_then(|t| t.as_string())
                .unwrap_or_default(),
            Err(_) => String::new(),
        };
        let message = serde_json::from_str::<protocol::ErrorBody>(&message)
            .map(|b| b.error)
            .unwrap_or(message);
        Err(RelayError::Refused { status, message })
    }

    async fn json<T: DeserializeOwned>(response: Response) -> Result<T, RelayError> {
        let text = JsFuture::from(
            response
                .text()
                .map_err(|e| RelayError::BadAnswer(describe_js(&e)))?,
        )
        .await
        .map_err(|e| RelayError::BadAnswer(describe_js(&e)))?
        .as_string()
        .unwrap_or_default();
        serde_json::from_str(&text).map_err(|e| RelayError::BadAnswer(e.to_string()))
    }

    async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: &str,
        url: &str,
        body: &B,
    ) -> Result<T, RelayError> {
        let text = serde_json::to_string(body).map_err(|e| RelayError::BadAnswer(e.to_string()))?;
        let response = self
            .send(method, url, Some(text.into()), "application/json")
            .await?;
        Self::json(response).await
    }

    pub async fn register(
        &self,
        space: &str,
        body: &protocol::RegisterSpace,
    ) -> Result<protocol::Joined, RelayError> {
        self.call("POST", &self.url(space, ""), body).await
    }

    pub async fn create_invite(
        &self,
        space: &str,
        body: &protocol::CreateInvite,
    ) -> Result<(), RelayError> {
        let text = serde_json::to_string(body).map_err(|e| RelayError::BadAnswer(e.to_string()))?;
        self.send(
            "POST",
            &self.url(space, "/invites"),
            Some(text.into()),
            "application/json",
        )
        .await
        .map(|_| ())
    }

    pub async fn join(
        &self,
        space: &str,
        body: &protocol::JoinSpace,
    ) -> Result<protocol::Joined, RelayError> {
        self.call("POST", &self.url(space, "/members"), body).await
    }

    pub async fn members(&self, space: &str) -> Result<protocol::MemberList, RelayError> {
        Self::json(
            self.send("GET", &self.url(space, "/members"), None, "")
                .await?,
        )
        .await
    }

    pub async fn revoke(&self, space: &str, member: &str) -> Result<(), RelayError> {
        self.send(
            "DELETE",
            &self.url(space, &format!("/members/{member}")),
            None,
            "",
        )
        .await
        .map(|_| ())
    }

    pub async fn push(
        &self,
        space: &str,
        body: &protocol::PushEntries,
    ) -> Result<protocol::Pushed, RelayError> {
        self.call("POST", &self.url(space, "/log"), body).await
    }

    pub async fn pull(
        &self,
        space: &str,
        after: u64,
        limit: u32,
    ) -> Result<protocol::Pulled, RelayError> {
        let url = self.url(space, &format!("/log?after={after}&limit={limit}"));
        Self::json(self.send("GET", &url, None, "").await?).await
    }

    pub async fn put_snapshot(
        &self,
        space: &str,
        body: &protocol::PutSnapshot,
    ) -> Result<(), RelayError> {
        let text = serde_json::to_string(body).map_err(|e| RelayError::BadAnswer(e.to_string()))?;
        self.send(
            "PUT",
            &self.url(space, "/snapshot"),
            Some(text.into()),
            "application/json",
        )
        .await
        .map(|_| ())
    }

    /// The latest snapshot, or `None` when the space has none yet.
    pub async fn snapshot(&self, space: &str) -> Result<Option<protocol::Snapshot>, RelayError> {
        match self
            .send("GET", &self.url(space, "/snapshot"), None, "")
            .await
        {
            Ok(response) => Self::json(response).await.map(Some),
            Err(RelayError::Refused { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub async fn put_blob(
        &self,
        space: &str,
        id: &str,
        ciphertext: &[u8],
    ) -> Result<(), RelayError> {
        let body = Uint8Array::from(ciphertext);
        self.send(
            "PUT",
            &self.url(space, &format!("/blobs/{id}")),
            Some(body.into()),
            "application/octet-stream",
        )
        .await
        .map(|_| ())
    }

    pub async fn blob(&self, space: &str, id: &str) -> Result<Vec<u8>, RelayError> {
        let response = self
            .send("GET", &self.url(space, &format!("/blobs/{id}")), None, "")
            .await?;
        let buffer = JsFuture::from(
            response
                .array_buffer()
                .map_err(|e| RelayError::BadAnswer(describe_js(&e)))?,
        )
        .await
        .map_err(|e| RelayError::BadAnswer(describe_js(&e)))?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }

    /// Opens the notification socket: `on_head` gets the log's head each time it grows;
    /// `on_close` when the socket closes (offline, relay stopped, access revoked). The socket
    /// closes when the returned value is dropped.
    pub fn watch(
        &self,
        space: &str,
        mut on_head: impl FnMut(u64) + 'static,
        mut on_close: impl FnMut() + 'static,
    ) -> Result<Watch, RelayError> {
        let url = self.url(space, "/ws").replacen("http", "ws", 1);
        let socket = WebSocket::new(&url).map_err(|e| RelayError::Unreachable(describe_js(&e)))?;
        let token = self.token.clone();
        let opener = socket.clone();
        let on_open = Listener::new(&socket, "open", move |_| {
            let _ = opener.send_with_str(&token);
        });
        let on_message = Listener::new(&socket, "message", move |event| {
            let text = event
                .dyn_ref::<MessageEvent>()
                .and_then(|m| m.data().as_string());
            if let Some(notify) =
                text.and_then(|t| serde_json::from_str::<protocol::Notify>(&t).ok())
            {
                on_head(notify.head);
            }
        });
        let on_closed = Listener::new(&socket, "close", move |_| on_close());
        Ok(Watch {
            socket,
            _listeners: [on_open, on_message, on_closed],
        })
    }
}

/// An open notification socket; closes on drop.
pub struct Watch {
    socket: WebSocket,
    _listeners: [Listener; 3],
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.socket.close();
    }
}
