//! The real `kenesh-relay` binary as a child process on a loopback port, and an HTTP client
//! for it.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use super::Site;

pub const BIN: &str = env!("CARGO_BIN_EXE_kenesh-relay");
const PREFIX: &str = "Kenesh is running at ";

/// The relay process; killed (SIGKILL) when dropped, even when a test fails.
pub struct Relay {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    pub url: String,
}

impl Relay {
    /// Starts the relay serving `site` with its store in `data`, plus `extra` flags. Its
    /// stderr (the logs) goes to `log` when given, with `RUST_LOG=trace`.
    pub fn start(site: &Site, data: &Path, extra: &[&str], log: Option<&Path>) -> Self {
        let mut command = Command::new(BIN);
        command
            .args(["--addr", "127.0.0.1:0", "--dist"])
            .arg(site.dist())
            .arg("--data")
            .arg(data)
            .args(extra)
            .stdout(Stdio::piped());
        match log {
            Some(path) => {
                command
                    .env("RUST_LOG", "trace")
                    .stderr(Stdio::from(File::create(path).unwrap()));
            }
            None => {
                command.env("RUST_LOG", "warn").stderr(Stdio::inherit());
            }
        }
        let mut child = command.spawn().expect("start kenesh-relay");
        let stdout = child.stdout.take().unwrap();
        let mut relay = Relay {
            child,
            url: String::new(),
        };

        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let _ = sender.send(lines.next());
            for _ in lines {} // keep the pipe open and drained
        });
        let line = receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("the relay printed nothing within 30 s")
            .expect("the relay closed stdout without printing its address")
            .unwrap();
        relay.url = line
            .strip_prefix(PREFIX)
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_owned();
        relay
    }

    /// `127.0.0.1:PORT`
    pub fn host(&self) -> &str {
        self.url
            .strip_prefix("http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap()
    }

    /// `ws://127.0.0.1:PORT/api/spaces/{space}/ws`
    pub fn ws_url(&self, space: &str) -> String {
        format!("ws://{}/api/spaces/{space}/ws", self.host())
    }

    /// SIGKILL, then reap.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM, then wait for the exit (a graceful shutdown).
    pub fn terminate(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A small HTTP/1 client for one relay.
#[derive(Clone)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
    base: String,
}

pub type Answer = (u16, Bytes);

impl Http {
    pub fn new(relay: &Relay) -> Self {
        Self {
            client: Client::builder(TokioExecutor::new()).build_http(),
            base: relay.url.trim_end_matches('/').to_owned(),
        }
    }

    /// Sends one request; `Err` when the connection failed (the relay is down).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Vec<u8>,
    ) -> Result<Answer, String> {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let request = request
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(body)))
            .unwrap();
        let response = self
            .client
            .request(request)
            .await
            .map_err(|error| error.to_string())?;
        let status = response.status().as_u16();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|error| error.to_string())?
            .to_bytes();
        Ok((status, body))
    }

    pub async fn json(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        value: &impl serde::Serialize,
    ) -> Result<Answer, String> {
        self.send(method, path, token, serde_json::to_vec(value).unwrap())
            .await
    }
}
