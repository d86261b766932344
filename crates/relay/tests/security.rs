//! Security against the real binary: the relay stores only what clients send (ciphertext)
//! and never a token; its logs (at `trace`) hold no token or invite; a space's token reads
//! nothing of another space; a revoked token is refused; malformed, oversize and
//! path-traversal requests get 400, 404 or 413.

mod common;

use std::path::Path;
use std::time::Duration;

use common::Site;
use common::process::{Http, Relay};
use common::random::{batch_id, random_bytes, sha256_hex, space_id, token};
use common::ws::{close_code, listen, next_notify};
use hyper::Method;
use kenesh_protocol::limits::{MAX_BLOB, MAX_BODY};
use kenesh_protocol::{
    CreateInvite, JoinSpace, Joined, PushEntries, PutSnapshot, RegisterSpace, RelayRole, bytes,
};

const MARKER: &str = "KENESH-PLAINTEXT-MARKER Айгүл Асанова, математика, 1-категория";

/// What a client's cipher would make of `plaintext`: here a random keystream XORed in (the
/// relay's side cannot tell the difference), with a random nonce in front.
fn seal(plaintext: &[u8]) -> Vec<u8> {
    let nonce = random_bytes(24);
    let stream = random_bytes(plaintext.len());
    let mut sealed = nonce;
    sealed.extend(plaintext.iter().zip(stream).map(|(p, k)| p ^ k));
    sealed.extend(random_bytes(16)); // a tag
    sealed
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|window| window == needle)
}

/// The SQLite file and its WAL, together.
fn store_bytes(data: &Path) -> Vec<u8> {
    let mut all = std::fs::read(data).unwrap();
    let wal = data.with_extension("sqlite3-wal");
    if let Ok(more) = std::fs::read(wal) {
        all.extend(more);
    }
    all
}

struct Space {
    id: String,
    admin: String,
}

async fn register(http: &Http) -> Space {
    let space = Space {
        id: space_id(),
        admin: token(),
    };
    let body = RegisterSpace {
        token: space.admin.clone(),
        label: bytes::encode(&seal(b"admin")),
    };
    let (status, _) = http
        .json(
            Method::POST,
            &format!("/api/spaces/{}", space.id),
            None,
            &body,
        )
        .await
        .unwrap();
    assert_eq!(status, 201);
    space
}

#[tokio::test]
async fn the_relay_keeps_ciphertext_only_and_never_a_token() {
    let site = Site::new();
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("relay.sqlite3");
    let log = folder.path().join("relay.log");
    let mut relay = Relay::start(&site, &data, &[], Some(&log));
    let http = Http::new(&relay);

    let a = register(&http).await;
    let b = register(&http).await;
    let invite_secret = random_bytes(32);
    let invite = bytes::encode(&invite_secret);
    let create = CreateInvite {
        invite: invite.clone(),
        role: RelayRole::Member,
        expires_ms: i64::MAX,
    };
    let path = format!("/api/spaces/{}/invites", a.id);
    assert_eq!(
        http.json(Method::POST, &path, Some(&a.admin), &create)
            .await
            .unwrap()
            .0,
        201
    );
    let member = token();
    let join = JoinSpace {
        invite: invite.clone(),
        token: member.clone(),
        label: bytes::encode(&seal(MARKER.as_bytes())),
    };
    let path = format!("/api/spaces/{}/members", a.id);
    let (status, body) = http.json(Method::POST, &path, None, &join).await.unwrap();
    assert_eq!(status, 201);
    let joined: Joined = serde_json::from_slice(&body).unwrap();

    // A socket that sends its token, to see the first message stays out of the logs too.
    let mut socket = listen(&relay.ws_url(&a.id), &member).await;
    assert!(
        next_notify(&mut socket, Duration::from_secs(5))
            .await
            .is_some()
    );

    // Entries, a blob and a snapshot, all sealed records holding the marker.
    let sealed_entries: Vec<Vec<u8>> = (0..5).map(|_| seal(MARKER.as_bytes())).collect();
    let push = PushEntries {
        batch: batch_id(),
        entries: sealed_entries
            .iter()
            .map(|entry| bytes::encode(entry))
            .collect(),
    };
    let path = format!("/api/spaces/{}/log", a.id);
    assert_eq!(
        http.json(Method::POST, &path, Some(&member), &push)
            .await
            .unwrap()
            .0,
        200
    );
    assert!(
        next_notify(&mut socket, Duration::from_secs(1))
            .await
            .is_some()
    );
    let blob = seal(MARKER.repeat(100).as_bytes());
    let blob_path = format!("/api/spaces/{}/blobs/{}", a.id, sha256_hex(&blob));
    assert_eq!(
        http.send(Method::PUT, &blob_path, Some(&member), blob.clone())
            .await
            .unwrap()
            .0,
        201
    );
    let snapshot = seal(MARKER.repeat(10).as_bytes());
    let put = PutSnapshot {
        seq: 5,
        data: bytes::encode(&snapshot),
    };
    let path = format!("/api/spaces/{}/snapshot", a.id);
    assert_eq!(
        http.json(Method::PUT, &path, Some(&member), &put)
            .await
            .unwrap()
            .0,
        204
    );
    // A careless client putting its token in a query string: still not logged.
    let path = format!("/api/spaces/{}/log?token={member}&after=0", a.id);
    assert_eq!(
        http.send(Method::GET, &path, Some(&member), Vec::new())
            .await
            .unwrap()
            .0,
        200
    );
    // And refused requests carrying tokens.
    let path = format!("/api/spaces/{}/log", b.id);
    assert_eq!(
        http.send(Method::GET, &path, Some(&member), Vec::new())
            .await
            .unwrap()
            .0,
        401
    );

    // --- space A's tokens read nothing of space B, and the reverse ---
    let b_blob = seal(b"b's file");
    let b_blob_path = format!("/api/spaces/{}/blobs/{}", b.id, sha256_hex(&b_blob));
    assert_eq!(
        http.send(Method::PUT, &b_blob_path, Some(&b.admin), b_blob)
            .await
            .unwrap()
            .0,
        201
    );
    for token in [&a.admin, &member] {
        for (method, path) in [
            (Method::GET, format!("/api/spaces/{}/log", b.id)),
            (Method::POST, format!("/api/spaces/{}/log", b.id)),
            (Method::GET, format!("/api/spaces/{}/snapshot", b.id)),
            (Method::GET, b_blob_path.clone()),
            (Method::GET, format!("/api/spaces/{}/members", b.id)),
        ] {
            let (status, body) = http
                .send(method.clone(), &path, Some(token), b"{}".to_vec())
                .await
                .unwrap();
            assert_eq!(status, 401, "{method} {path}");
            assert!(!contains(&body, b"b's file"));
        }
        let mut socket = listen(&relay.ws_url(&b.id), token).await;
        assert_eq!(
            close_code(&mut socket, Duration::from_secs(5)).await,
            Some(4401)
        );
    }
    // B's admin asking B's space for A's blob: not there.
    let a_blob_in_b = format!("/api/spaces/{}/blobs/{}", b.id, sha256_hex(&blob));
    assert_eq!(
        http.send(Method::GET, &a_blob_in_b, Some(&b.admin), Vec::new())
            .await
            .unwrap()
            .0,
        404
    );

    // --- a revoked token is refused, its socket closed ---
    let path = format!("/api/spaces/{}/members/{}", a.id, joined.member);
    assert_eq!(
        http.send(Method::DELETE, &path, Some(&a.admin), Vec::new())
            .await
            .unwrap()
            .0,
        204
    );
    assert_eq!(
        close_code(&mut socket, Duration::from_secs(2)).await,
        Some(4403)
    );
    for path in [format!("/api/spaces/{}/log", a.id), blob_path.clone()] {
        assert_eq!(
            http.send(Method::GET, &path, Some(&member), Vec::new())
                .await
                .unwrap()
                .0,
            403
        );
    }
    let (status, body) = http
        .send(
            Method::GET,
            &format!("/api/spaces/{}/log", a.id),
            Some(&a.admin),
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(status, 200);
    // The relay hands back exactly the ciphertext it was given.
    let pulled: kenesh_protocol::Pulled = serde_json::from_slice(&body).unwrap();
    let back: Vec<Vec<u8>> = pulled
        .entries
        .iter()
        .map(|e| bytes::decode(&e.data).unwrap())
        .collect();
    assert_eq!(back, sealed_entries);

    relay.terminate();
    let store = store_bytes(&data);
    let logs = std::fs::read(&log).unwrap();
    let log_text = String::from_utf8_lossy(&logs);
    assert!(
        log_text.contains("space registered"),
        "logging was on:\n{log_text}"
    );
    assert!(
        log_text.contains("TRACE") || log_text.contains("DEBUG"),
        "logs at trace"
    );

    // The stored ciphertext is what was sent (a positive control for the scan below).
    assert!(contains(&store, &sealed_entries[0]));
    assert!(
        contains(&store, &blob[..256]),
        "large blobs span pages: look for a piece"
    );
    for secret in [&a.admin, &b.admin, &member, &invite] {
        let raw = bytes::decode(secret).unwrap();
        for (what, haystack) in [("the store", &store), ("the logs", &logs)] {
            assert!(
                !contains(haystack, secret.as_bytes()),
                "a token in {what}: {}",
                lines_with(haystack, secret)
            );
            assert!(!contains(haystack, &raw), "a token's bytes in {what}");
        }
        // Its hash is in the store (that is how it is checked) but never in the logs.
        assert!(
            !contains(&logs, sha256_hex(&raw).as_bytes()),
            "a token hash in the logs"
        );
    }
    assert!(contains(
        &store,
        &hex_free_hash(&bytes::decode(&member).unwrap())
    ));
    for (what, haystack) in [("the store", &store), ("the logs", &logs)] {
        assert!(
            !contains(haystack, MARKER.as_bytes()),
            "plaintext in {what}"
        );
        assert!(
            !contains(haystack, "Асанова".as_bytes()),
            "plaintext in {what}"
        );
    }
}

/// The lines of `text` holding `needle`, to show what leaked.
fn lines_with(text: &[u8], needle: &str) -> String {
    String::from_utf8_lossy(text)
        .lines()
        .filter(|line| line.contains(needle))
        .map(|line| line.chars().take(300).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The raw SHA-256 of a token, as the store keeps it.
fn hex_free_hash(raw: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(raw).to_vec()
}

#[tokio::test]
async fn malformed_oversize_and_traversal_requests_are_refused() {
    let site = Site::new();
    let folder = tempfile::tempdir().unwrap();
    let relay = Relay::start(&site, &folder.path().join("relay.sqlite3"), &[], None);
    let http = Http::new(&relay);
    let a = register(&http).await;
    let id = &a.id;
    let token = Some(a.admin.as_str());
    let hash = "0".repeat(64);
    for (method, path, body, expected) in [
        (
            Method::GET,
            "/api/spaces/../../etc/passwd".to_owned(),
            vec![],
            404,
        ),
        (
            Method::GET,
            format!("/api/spaces/{id}/../../../etc/passwd"),
            vec![],
            404,
        ),
        (
            Method::GET,
            "/api/spaces/%2e%2e%2f%2e%2e%2fetc%2fpasswd/log".to_owned(),
            vec![],
            400,
        ),
        (
            Method::GET,
            format!("/api/spaces/{id}/blobs/..%2f..%2fCargo.toml"),
            vec![],
            400,
        ),
        (
            Method::GET,
            format!("/api/spaces/{id}/blobs/{hash}%00"),
            vec![],
            400,
        ),
        (
            Method::GET,
            format!("/api/spaces/{id}/blobs/%2fetc%2fpasswd"),
            vec![],
            400,
        ),
        (
            Method::GET,
            format!("/api/spaces/{id}/blobs/{hash}/.."),
            vec![],
            404,
        ),
        (
            Method::GET,
            format!("/api/spaces/{}/log", id.to_uppercase()),
            vec![],
            400,
        ),
        (Method::GET, format!("/api/spaces/{id}%20/log"), vec![], 400),
        (
            Method::GET,
            format!("/api/spaces/{id}/log?after=%ff%fe"),
            vec![],
            400,
        ),
        (
            Method::DELETE,
            format!("/api/spaces/{id}/members/..%2f..%2f"),
            vec![],
            400,
        ),
        (
            Method::POST,
            format!("/api/spaces/{id}/log"),
            b"{\"batch\":".to_vec(),
            400,
        ),
        (
            Method::POST,
            format!("/api/spaces/{id}/log"),
            vec![0xff, 0xfe, 0x00],
            400,
        ),
        (
            Method::POST,
            format!("/api/spaces/{id}/log"),
            vec![b'['; MAX_BODY + 1],
            413,
        ),
        (
            Method::PUT,
            format!("/api/spaces/{id}/blobs/{hash}"),
            vec![0; MAX_BLOB + 1],
            413,
        ),
        (
            Method::PUT,
            format!("/api/spaces/{id}/snapshot"),
            b"{\"seq\":0,\"data\":\"***\"}".to_vec(),
            400,
        ),
    ] {
        let (status, answer) = http.send(method.clone(), &path, token, body).await.unwrap();
        assert_eq!(status, expected, "{method} {path}");
        let error: kenesh_protocol::ErrorBody = serde_json::from_slice(&answer)
            .unwrap_or_else(|_| panic!("{method} {path}: not an ErrorBody"));
        assert!(!error.error.contains("passwd"));
    }
    // The static files stay inside dist/.
    for path in ["/../Cargo.toml", "/%2e%2e/secret.txt", "/..%2fsecret.txt"] {
        let (status, body) = http.send(Method::GET, path, None, vec![]).await.unwrap();
        assert_eq!(status, 404, "{path}");
        assert!(!contains(&body, common::SECRET.as_bytes()));
    }
}
