//! The real `kenesh-relay` binary on a loopback socket.

mod common;

use std::process::{Command, Output};

use common::process::{BIN, Relay};
use common::{INDEX_HTML, Site};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

fn start(site: &Site, data: &tempfile::TempDir) -> (Relay, String) {
    let relay = Relay::start(site, &data.path().join("relay.sqlite3"), &[], None);
    let url = relay.url.clone();
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
    let data = tempfile::tempdir().unwrap();
    let (_relay, url) = start(&site, &data);

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
        "--data",
        "[default: kenesh-relay.sqlite3]",
        "--max-connections",
        "[default: 10000]",
        "--rate",
        "[default: 50]",
        "--burst",
        "[default: 200]",
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

#[test]
fn refuses_to_start_without_a_usable_data_file() {
    let site = Site::new();
    let folder = tempfile::tempdir().unwrap();
    let dist = site.dist();
    let data = folder.path().to_str().unwrap(); // a folder, not a file
    let output = run(&[
        "--addr",
        "127.0.0.1:0",
        "--dist",
        dist.to_str().unwrap(),
        "--data",
        data,
    ]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("data file"), "{stderr}");
}
