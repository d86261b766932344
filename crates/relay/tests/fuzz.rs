//! Property tests: random bytes and strings fed to every decoder of the relay (JSON bodies,
//! base64, ids in paths, query strings, the bearer header and a WebSocket's first message).
//! No input may panic the relay or get anything but a 4xx (or, for well-shaped input, a
//! success); every refusal is an `ErrorBody`.

mod common;

use std::time::Duration;

use axum::http::{Method, StatusCode};
use common::oneshot::{Answer, Api};
use common::ws::{close_code, connect};
use futures_util::SinkExt;
use kenesh_relay::{AppState, app};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use tokio::runtime::Runtime;
use tokio_tungstenite::tungstenite::Message;

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Every byte as `%XX`: any string becomes one path segment or query value.
fn escape(text: &str) -> String {
    text.bytes().map(|byte| format!("%{byte:02X}")).collect()
}

fn refused(answer: &Answer) -> Result<(), TestCaseError> {
    prop_assert!(
        answer.status.is_client_error(),
        "{}: {}",
        answer.status,
        String::from_utf8_lossy(&answer.body)
    );
    prop_assert!(serde_json::from_slice::<kenesh_protocol::ErrorBody>(&answer.body).is_ok());
    Ok(())
}

fn not_a_failure(answer: &Answer) -> Result<(), TestCaseError> {
    if answer.status.is_success() {
        Ok(())
    } else {
        refused(answer)
    }
}

/// Random bytes, random text, and text that looks like JSON.
fn junk() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        any::<String>().prop_map(String::into_bytes),
        "[\\[\\]{}\":,0-9a-z_ .\\-]{0,120}".prop_map(String::into_bytes),
    ]
}

struct Target {
    runtime: Runtime,
    api: Api,
    space: String,
    admin: String,
}

fn target() -> Target {
    let runtime = Runtime::new().unwrap();
    let api = Api::new();
    let (space, admin) = runtime.block_on(api.space());
    Target {
        runtime,
        api,
        space,
        admin,
    }
}

#[test]
fn random_bodies_on_every_json_route_are_refused() {
    let t = target();
    let routes = [
        (
            Method::POST,
            format!("/api/spaces/{}", common::random::space_id()),
        ),
        (Method::POST, format!("/api/spaces/{}", t.space)),
        (Method::POST, format!("/api/spaces/{}/invites", t.space)),
        (Method::POST, format!("/api/spaces/{}/members", t.space)),
        (Method::POST, format!("/api/spaces/{}/log", t.space)),
        (Method::PUT, format!("/api/spaces/{}/snapshot", t.space)),
        (
            Method::PUT,
            format!("/api/spaces/{}/blobs/{}", t.space, "0".repeat(64)),
        ),
    ];
    runner(512)
        .run(&(0..routes.len(), junk()), |(route, body)| {
            let (method, path) = &routes[route];
            let answer = t
                .runtime
                .block_on(t.api.call(method.clone(), path, Some(&t.admin), body));
            refused(&answer)
        })
        .unwrap();
}

#[test]
fn well_shaped_bodies_with_random_fields_never_fail_the_relay() {
    let t = target();
    let text = || prop_oneof![any::<String>(), "[A-Za-z0-9_\\-]{0,90}"];
    let bodies = prop_oneof![
        (text(), text())
            .prop_map(|(token, label)| (0, serde_json::json!({"token": token, "label": label}))),
        (text(), text(), any::<i64>()).prop_map(|(invite, role, expires_ms)| (
            1,
            serde_json::json!({"invite": invite, "role": role, "expires_ms": expires_ms})
        )),
        (text(), text(), text()).prop_map(|(invite, token, label)| (
            2,
            serde_json::json!({"invite": invite, "token": token, "label": label})
        )),
        (text(), prop::collection::vec(text(), 0..4)).prop_map(|(batch, entries)| (
            3,
            serde_json::json!({"batch": batch, "entries": entries})
        )),
        (any::<u64>(), text())
            .prop_map(|(seq, data)| (4, serde_json::json!({"seq": seq, "data": data}))),
    ];
    let paths = [
        format!("/api/spaces/{}", t.space),
        format!("/api/spaces/{}/invites", t.space),
        format!("/api/spaces/{}/members", t.space),
        format!("/api/spaces/{}/log", t.space),
        format!("/api/spaces/{}/snapshot", t.space),
    ];
    runner(512)
        .run(&bodies, |(route, body)| {
            let method = if route == 4 {
                Method::PUT
            } else {
                Method::POST
            };
            let answer =
                t.runtime
                    .block_on(t.api.json(method, &paths[route], Some(&t.admin), &body));
            not_a_failure(&answer)
        })
        .unwrap();
}

#[test]
fn random_ids_queries_and_tokens_are_refused() {
    let t = target();
    let cases = (0..6usize, any::<String>(), "[ -~]{0,100}");
    runner(512)
        .run(&cases, |(kind, text, header)| {
            let (space, admin) = (&t.space, Some(t.admin.as_str()));
            let id = escape(&text);
            let answer = t.runtime.block_on(async {
                match kind {
                    0 => t.api.get(&format!("/api/spaces/{id}/log"), admin).await,
                    1 => {
                        t.api
                            .get(&format!("/api/spaces/{space}/blobs/{id}"), admin)
                            .await
                    }
                    2 => {
                        let path = format!("/api/spaces/{space}/members/{id}");
                        t.api.call(Method::DELETE, &path, admin, "").await
                    }
                    3 => t.api.get(&format!("/api/spaces/{id}/ws"), None).await,
                    4 => {
                        t.api
                            .get(&format!("/api/spaces/{space}/log?{id}=1&after={id}"), admin)
                            .await
                    }
                    _ => {
                        let header = header.trim();
                        t.api
                            .get(&format!("/api/spaces/{space}/log"), Some(header))
                            .await
                    }
                }
            });
            if kind == 4 {
                not_a_failure(&answer)
            } else {
                refused(&answer)
            }
        })
        .unwrap();
    // And the relay still serves.
    let answer = t.runtime.block_on(
        t.api
            .get(&format!("/api/spaces/{}/log", t.space), Some(&t.admin)),
    );
    assert_eq!(answer.status, StatusCode::OK);
}

#[test]
fn random_first_websocket_messages_are_refused() {
    let runtime = Runtime::new().unwrap();
    let api = Api::new();
    let (space, _) = runtime.block_on(api.space());
    let state: AppState = api.state.clone();
    let addr = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app(state)).await });
        addr
    });
    let url = format!("ws://{addr}/api/spaces/{space}/ws");
    let first = prop_oneof![
        "\\PC{0,200}".prop_map(Message::text),
        any::<String>()
            .prop_filter("short", |s| s.len() <= 800)
            .prop_map(Message::text),
        prop::collection::vec(any::<u8>(), 0..300).prop_map(Message::binary),
    ];
    runner(128)
        .run(&first, |message| {
            let is_text = matches!(message, Message::Text(_));
            let code = runtime.block_on(async {
                let mut socket = connect(&url).await.unwrap();
                socket.send(message).await.unwrap();
                close_code(&mut socket, Duration::from_secs(5)).await
            });
            prop_assert_eq!(code, Some(if is_text { 4401 } else { 4400 }));
            Ok(())
        })
        .unwrap();
}
