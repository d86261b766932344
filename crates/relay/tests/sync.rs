//! The sync API against the real binary on a loopback port with a temporary SQLite file:
//! HTTP round trips, the WebSocket, restarts.

mod common;

use std::time::{Duration, Instant};

use common::Site;
use common::process::{Http, Relay};
use common::random::{batch_id, random_bytes, space_id, token};
use common::ws::{close_code, connect, listen, next_notify};
use futures_util::SinkExt;
use hyper::Method;
use kenesh_protocol::{
    CreateInvite, JoinSpace, Joined, Notify, Pulled, PushEntries, Pushed, RegisterSpace, RelayRole,
    bytes,
};
use tempfile::TempDir;
use tokio_tungstenite::tungstenite::Message;

struct Setup {
    _site: Site,
    folder: TempDir,
    relay: Relay,
    http: Http,
}

fn setup(extra: &[&str]) -> Setup {
    let site = Site::new();
    let folder = tempfile::tempdir().unwrap();
    let relay = Relay::start(&site, &folder.path().join("relay.sqlite3"), extra, None);
    let http = Http::new(&relay);
    Setup {
        _site: site,
        folder,
        relay,
        http,
    }
}

async fn register(http: &Http) -> (String, String) {
    let (space, admin) = (space_id(), token());
    let body = RegisterSpace {
        token: admin.clone(),
        label: "admin".into(),
    };
    let (status, _) = http
        .json(Method::POST, &format!("/api/spaces/{space}"), None, &body)
        .await
        .unwrap();
    assert_eq!(status, 201);
    (space, admin)
}

async fn invite(http: &Http, space: &str, admin: &str) -> (String, String) {
    let secret = bytes::encode(&random_bytes(32));
    let create = CreateInvite {
        invite: secret.clone(),
        role: RelayRole::Member,
        expires_ms: i64::MAX,
    };
    let path = format!("/api/spaces/{space}/invites");
    let (status, _) = http
        .json(Method::POST, &path, Some(admin), &create)
        .await
        .unwrap();
    assert_eq!(status, 201);
    let newcomer = token();
    let join = JoinSpace {
        invite: secret,
        token: newcomer.clone(),
        label: "member".into(),
    };
    let path = format!("/api/spaces/{space}/members");
    let (status, body) = http.json(Method::POST, &path, None, &join).await.unwrap();
    assert_eq!(status, 201);
    let joined: Joined = serde_json::from_slice(&body).unwrap();
    (newcomer, joined.member)
}

async fn push(http: &Http, space: &str, token: &str, entries: &[Vec<u8>]) -> Pushed {
    let body = PushEntries {
        batch: batch_id(),
        entries: entries.iter().map(|entry| bytes::encode(entry)).collect(),
    };
    let path = format!("/api/spaces/{space}/log");
    let (status, body) = http
        .json(Method::POST, &path, Some(token), &body)
        .await
        .unwrap();
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).unwrap()
}

async fn pull(http: &Http, space: &str, token: &str, after: u64) -> Pulled {
    let path = format!("/api/spaces/{space}/log?after={after}");
    let (status, body) = http
        .send(Method::GET, &path, Some(token), Vec::new())
        .await
        .unwrap();
    assert_eq!(status, 200);
    serde_json::from_slice(&body).unwrap()
}

#[tokio::test]
async fn register_push_and_pull_over_http() {
    let setup = setup(&[]);
    let http = &setup.http;
    let (space, admin) = register(http).await;
    let (member, _) = invite(http, &space, &admin).await;
    let entries: Vec<Vec<u8>> = (0..10).map(|i| random_bytes(100 + i)).collect();
    assert_eq!(
        push(http, &space, &admin, &entries[..4]).await,
        Pushed { first: 1, last: 4 }
    );
    assert_eq!(
        push(http, &space, &member, &entries[4..]).await,
        Pushed { first: 5, last: 10 }
    );
    let pulled = pull(http, &space, &member, 0).await;
    assert_eq!(pulled.head, 10);
    let data: Vec<Vec<u8>> = pulled
        .entries
        .iter()
        .map(|entry| bytes::decode(&entry.data).unwrap())
        .collect();
    assert_eq!(data, entries);
}

#[tokio::test]
async fn a_listener_is_told_of_another_members_push_within_a_second() {
    let setup = setup(&[]);
    let (http, relay) = (&setup.http, &setup.relay);
    let (space, admin) = register(http).await;
    let (member, _) = invite(http, &space, &admin).await;
    push(http, &space, &admin, &[b"first".to_vec()]).await;

    let mut socket = listen(&relay.ws_url(&space), &member).await;
    let hello = next_notify(&mut socket, Duration::from_secs(5)).await;
    assert_eq!(hello, Some(Notify { head: 1 }), "the head at once");

    for round in 0..5u64 {
        let pushed_at = Instant::now();
        push(http, &space, &admin, &[vec![1], vec![2]]).await;
        let notify = next_notify(&mut socket, Duration::from_secs(1)).await;
        let elapsed = pushed_at.elapsed();
        assert_eq!(
            notify,
            Some(Notify {
                head: 3 + 2 * round
            })
        );
        assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
    }
    // Messages from the client after the token are ignored.
    socket.send(Message::text("hello")).await.unwrap();
    push(http, &space, &member, &[vec![3]]).await;
    assert_eq!(
        next_notify(&mut socket, Duration::from_secs(1)).await,
        Some(Notify { head: 12 })
    );
}

#[tokio::test]
async fn listeners_of_other_spaces_hear_nothing() {
    let setup = setup(&[]);
    let (http, relay) = (&setup.http, &setup.relay);
    let (space, admin) = register(http).await;
    let (other, other_admin) = register(http).await;
    let mut socket = listen(&relay.ws_url(&other), &other_admin).await;
    assert_eq!(
        next_notify(&mut socket, Duration::from_secs(5)).await,
        Some(Notify { head: 0 })
    );
    push(http, &space, &admin, &[vec![1]]).await;
    assert_eq!(
        next_notify(&mut socket, Duration::from_millis(500)).await,
        None
    );
    // A token of one space is unknown on the other.
    let mut socket = listen(&relay.ws_url(&other), &admin).await;
    assert_eq!(
        close_code(&mut socket, Duration::from_secs(5)).await,
        Some(4401)
    );
}

#[tokio::test]
async fn a_revoked_members_socket_is_closed() {
    let setup = setup(&[]);
    let (http, relay) = (&setup.http, &setup.relay);
    let (space, admin) = register(http).await;
    let (alice, alice_id) = invite(http, &space, &admin).await;
    let (bob, _) = invite(http, &space, &admin).await;
    let mut alice_socket = listen(&relay.ws_url(&space), &alice).await;
    let mut bob_socket = listen(&relay.ws_url(&space), &bob).await;
    assert!(
        next_notify(&mut alice_socket, Duration::from_secs(5))
            .await
            .is_some()
    );
    assert!(
        next_notify(&mut bob_socket, Duration::from_secs(5))
            .await
            .is_some()
    );

    let path = format!("/api/spaces/{space}/members/{alice_id}");
    let (status, _) = http
        .send(Method::DELETE, &path, Some(&admin), Vec::new())
        .await
        .unwrap();
    assert_eq!(status, 204);
    assert_eq!(
        close_code(&mut alice_socket, Duration::from_secs(2)).await,
        Some(4403)
    );
    // Bob still hears pushes.
    push(http, &space, &admin, &[vec![1]]).await;
    assert_eq!(
        next_notify(&mut bob_socket, Duration::from_secs(1)).await,
        Some(Notify { head: 1 })
    );
    // Alice cannot listen again.
    let mut again = listen(&relay.ws_url(&space), &alice).await;
    assert_eq!(
        close_code(&mut again, Duration::from_secs(2)).await,
        Some(4403)
    );
}

#[tokio::test]
async fn bad_first_messages_and_unknown_spaces_are_refused() {
    let setup = setup(&[]);
    let (http, relay) = (&setup.http, &setup.relay);
    let (space, _) = register(http).await;
    let url = relay.ws_url(&space);
    for (first, code) in [
        (Message::text("not a token"), 4401),
        (Message::text(token()), 4401),
        (Message::text(""), 4401),
        (Message::binary(random_bytes(32)), 4400),
    ] {
        let mut socket = connect(&url).await.unwrap();
        socket.send(first.clone()).await.unwrap();
        assert_eq!(
            close_code(&mut socket, Duration::from_secs(5)).await,
            Some(code),
            "{first:?}"
        );
    }
    // Oversize first message: the socket is dropped.
    let mut socket = connect(&url).await.unwrap();
    let _ = socket.send(Message::text("x".repeat(64 * 1024))).await;
    assert_ne!(
        close_code(&mut socket, Duration::from_secs(5)).await,
        Some(1000)
    );
    assert_eq!(connect(&relay.ws_url(&space_id())).await.err(), Some(404));
    assert_eq!(
        connect(&format!("ws://{}/api/spaces/..%2f..%2f/ws", relay.host()))
            .await
            .err(),
        Some(400)
    );
}

#[tokio::test]
async fn connections_are_capped() {
    let setup = setup(&["--max-connections", "2"]);
    let (http, relay) = (&setup.http, &setup.relay);
    let (space, admin) = register(http).await;
    let url = relay.ws_url(&space);
    let mut first = listen(&url, &admin).await;
    let mut second = listen(&url, &admin).await;
    assert!(
        next_notify(&mut first, Duration::from_secs(5))
            .await
            .is_some()
    );
    assert!(
        next_notify(&mut second, Duration::from_secs(5))
            .await
            .is_some()
    );
    assert_eq!(connect(&url).await.err(), Some(503));
    // Closing one frees its place.
    first.close(None).await.unwrap();
    drop(first);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match connect(&url).await {
            Ok(_) => break,
            Err(503) if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(status) => panic!("still refused: {status}"),
        }
    }
}

#[tokio::test]
async fn the_rate_limit_flag_holds_per_token() {
    let setup = setup(&["--rate", "1", "--burst", "5"]);
    let http = &setup.http;
    let (space, admin) = register(http).await;
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let path = format!("/api/spaces/{space}/log");
        let (status, _) = http
            .send(Method::GET, &path, Some(&admin), Vec::new())
            .await
            .unwrap();
        statuses.push(status);
    }
    assert_eq!(&statuses[..5], [200; 5]);
    assert_eq!(statuses[7], 429);
}

#[tokio::test]
async fn data_survives_a_restart() {
    let mut setup = setup(&[]);
    let http = setup.http.clone();
    let (space, admin) = register(&http).await;
    let entries = vec![random_bytes(64), random_bytes(64)];
    push(&http, &space, &admin, &entries).await;
    setup.relay.terminate();

    let data = setup.folder.path().join("relay.sqlite3");
    let relay = Relay::start(&setup._site, &data, &[], None);
    let http = Http::new(&relay);
    let pulled = pull(&http, &space, &admin, 0).await;
    assert_eq!(pulled.head, 2);
    assert_eq!(bytes::decode(&pulled.entries[1].data).unwrap(), entries[1]);
}

#[tokio::test]
async fn sigterm_ends_the_relay_with_sockets_open() {
    let mut setup = setup(&[]);
    let (space, admin) = register(&setup.http).await;
    let mut socket = listen(&setup.relay.ws_url(&space), &admin).await;
    assert!(
        next_notify(&mut socket, Duration::from_secs(5))
            .await
            .is_some()
    );
    let started = Instant::now();
    setup.relay.terminate();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        close_code(&mut socket, Duration::from_secs(5)).await,
        Some(1001)
    );
}

#[tokio::test]
async fn a_browsers_handshake_with_accept_encoding_upgrades() {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let setup = setup(&[]);
    let (space, admin) = register(&setup.http).await;
    let mut request = setup.relay.ws_url(&space).into_client_request().unwrap();
    let headers = request.headers_mut();
    headers.insert("accept-encoding", "gzip, deflate, br".parse().unwrap());
    headers.insert(
        "origin",
        setup.relay.url.trim_end_matches('/').parse().unwrap(),
    );
    let (mut socket, response) = tokio_tungstenite::connect_async(request).await.unwrap();
    assert_eq!(response.status(), 101);
    assert!(response.headers().get("content-encoding").is_none());
    socket.send(Message::text(admin)).await.unwrap();
    assert_eq!(
        next_notify(&mut socket, Duration::from_secs(5)).await,
        Some(Notify { head: 0 })
    );
}
