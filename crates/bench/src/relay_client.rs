//! The Kenesh relay's sync API over HTTP/1 on loopback, in the protocol crate's shapes.

use anyhow::{Context, Result, bail};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use kenesh_protocol::{
    CreateInvite, JoinSpace, Pulled, PushEntries, Pushed, PutSnapshot, RegisterSpace, RelayRole,
    Snapshot, bytes,
};
use serde::de::DeserializeOwned;

/// A pooled client for one relay and one space (clone it freely: clones share the pool).
#[derive(Clone)]
pub struct RelayClient {
    client: Client<HttpConnector, Full<Bytes>>,
    /// `http://127.0.0.1:PORT/api/spaces/{space}`
    base: String,
    /// `ws://127.0.0.1:PORT/api/spaces/{space}/ws`
    pub ws_url: String,
}

impl RelayClient {
    /// `host` is `127.0.0.1:PORT`.
    pub fn new(host: &str, space: &str) -> RelayClient {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        RelayClient {
            client: Client::builder(TokioExecutor::new())
                .pool_max_idle_per_host(usize::MAX)
                .build(connector),
            base: format!("http://{host}/api/spaces/{space}"),
            ws_url: format!("ws://{host}/api/spaces/{space}/ws"),
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Vec<u8>,
    ) -> Result<(u16, Bytes)> {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .header("content-type", "application/json");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let response = self
            .client
            .request(request.body(Full::new(Bytes::from(body)))?)
            .await?;
        let status = response.status().as_u16();
        let body = response.into_body().collect().await?.to_bytes();
        Ok((status, body))
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Vec<u8>,
        expect: u16,
    ) -> Result<T> {
        let (status, body) = self.send(method.clone(), path, token, body).await?;
        if status != expect {
            bail!(
                "{method} {path}: {status} {}",
                String::from_utf8_lossy(&body)
            );
        }
        let body = if body.is_empty() { &b"null"[..] } else { &body };
        serde_json::from_slice(body).with_context(|| format!("{method} {path}: unexpected body"))
    }

    /// Registers the space; `token` becomes its administrator.
    pub async fn register(&self, token: &str) -> Result<()> {
        let body = serde_json::to_vec(&RegisterSpace {
            token: token.into(),
            label: "bench".into(),
        })?;
        let _: serde_json::Value = self.call(Method::POST, "", None, body, 201).await?;
        Ok(())
    }

    /// Invites a member (as `admin`) and joins with `token`, as a new device would.
    pub async fn add_member(&self, admin: &str, token: &str) -> Result<()> {
        let invite = bytes::encode(&rand::random::<[u8; 32]>());
        let body = serde_json::to_vec(&CreateInvite {
            invite: invite.clone(),
            role: RelayRole::Member,
            expires_ms: i64::MAX,
        })?;
        let _: serde_json::Value = self
            .call(Method::POST, "/invites", Some(admin), body, 201)
            .await?;
        let body = serde_json::to_vec(&JoinSpace {
            invite,
            token: token.into(),
            label: "bench".into(),
        })?;
        let _: serde_json::Value = self.call(Method::POST, "/members", None, body, 201).await?;
        Ok(())
    }

    /// Answered only once the entries are durable.
    pub async fn push(&self, token: &str, push: &PushEntries) -> Result<Pushed> {
        let body = serde_json::to_vec(push)?;
        self.call(Method::POST, "/log", Some(token), body, 200)
            .await
    }

    pub async fn pull(&self, token: &str, after: u64) -> Result<Pulled> {
        self.call(
            Method::GET,
            &format!("/log?after={after}"),
            Some(token),
            Vec::new(),
            200,
        )
        .await
    }

    pub async fn put_snapshot(&self, token: &str, snapshot: &PutSnapshot) -> Result<()> {
        let body = serde_json::to_vec(snapshot)?;
        let _: serde_json::Value = self
            .call(Method::PUT, "/snapshot", Some(token), body, 204)
            .await?;
        Ok(())
    }

    pub async fn snapshot(&self, token: &str) -> Result<Snapshot> {
        self.call(Method::GET, "/snapshot", Some(token), Vec::new(), 200)
            .await
    }
}

/// A fresh access token or batch id: random bytes as unpadded base64url.
pub fn random_id(len: usize) -> String {
    let bytes: Vec<u8> = (0..len).map(|_| rand::random::<u8>()).collect();
    bytes::encode(&bytes)
}
