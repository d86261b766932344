//! The real `kenesh-relay` binary on a loopback socket.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{INDEX_HTML, Site};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

const BIN: &str = env!("CARGO_BIN_EXE_kenesh-relay");
const PREFIX: &str = "Kenesh is running at ";

/// Kills the relay when the test ends, even when it fails.
struct Relay(Child);

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(site: &Site) -> (Relay, String) {
    let mut child = Command::new(BIN)
        .args(["--addr", "127.0.0.1:0", "--dist"])
        .arg(site.dist())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start kenesh-relay");
    let stdout = child.stdout.take().unwrap();
    let relay = Relay(child);

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
    let url = line
        .strip_prefix(PREFIX)
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_owned();
    (relay, url)
}

async fn fetch(url: &str) -> (u16, Bytes) {
    let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let response = client.get(url.parse().unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, body)
}

#[tokio::test]
async fn prints_its_address_and_serves_over_tcp() {
    let site = Site::new();
    let (_relay, url) = start(&site);

    let port = url
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected address: {url}"));
    assert_ne!(port.parse::<u16>().unwrap(), 0, "port 0 was printed");

    assert_eq!(
        fetch(&format!("{url}healthz")).await,
        (200, Bytes::from("ok"))
    );
    assert_eq!(fetch(&url).await, (200, Bytes::from(INDEX_HTML)));
    assert_eq!(fetch(&format!("{url}../Cargo.toml")).await.0, 404);
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run kenesh-relay")
}

#[test]
fn help_documents_every_flag() {
    let output = run(&["--help"]);
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "--addr",
        "127.0.0.1:8080",
        "--dist",
        "[default: dist]",
        "--help",
        "--version",
    ] {
        assert!(
            help.contains(expected),
            "--help lacks {expected:?}:\n{help}"
        );
    }
}

#[test]
fn refuses_to_start_without_a_built_app() {
    let empty = tempfile::tempdir().unwrap();
    let dist = empty.path().to_str().unwrap();
    let output = run(&["--addr", "127.0.0.1:0", "--dist", dist]);
    assert!(!output.status.success());
    assert!(
        output.stdout.is_empty(),
        "printed an address without serving"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("index.html"), "{stderr}");
}
