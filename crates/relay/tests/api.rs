//! Every route of the sync API and every error code, through `app(...)` with `oneshot`, on a
//! real SQLite file in a temporary folder.

mod common;

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use common::oneshot::Api;
use common::random::{batch_id, random_bytes, sha256_hex, space_id, token};
use kenesh_protocol::limits::{
    MAX_BLOB, MAX_BODY, MAX_ENTRIES_PER_PUSH, MAX_ENTRY, MAX_LABEL, MAX_PULL_BYTES, MAX_SNAPSHOT,
};
use kenesh_protocol::{
    CreateInvite, JoinSpace, Joined, MemberList, Pulled, PushEntries, Pushed, PutSnapshot,
    RegisterSpace, RelayRole, Snapshot, bytes,
};
use kenesh_relay::Limits;
use serde_json::json;

const HOUR_MS: i64 = 3_600_000;

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn push_body(batch: &str, entries: &[Vec<u8>]) -> PushEntries {
    PushEntries {
        batch: batch.to_owned(),
        entries: entries.iter().map(|entry| bytes::encode(entry)).collect(),
    }
}

async fn push(api: &Api, space: &str, token: &str, entries: &[Vec<u8>]) -> Pushed {
    let answer = api
        .json(
            Method::POST,
            &format!("/api/spaces/{space}/log"),
            Some(token),
            &push_body(&batch_id(), entries),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.error());
    answer.json()
}

async fn pull(api: &Api, space: &str, token: &str, query: &str) -> Pulled {
    let answer = api
        .get(&format!("/api/spaces/{space}/log{query}"), Some(token))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.error());
    answer.json()
}

/// Invites and joins a new member with `role`; answers its token and member id.
async fn join(api: &Api, space: &str, admin: &str, role: RelayRole) -> (String, String) {
    let invite = bytes::encode(&random_bytes(32));
    let answer = api
        .json(
            Method::POST,
            &format!("/api/spaces/{space}/invites"),
            Some(admin),
            &CreateInvite {
                invite: invite.clone(),
                role,
                expires_ms: now_ms() + HOUR_MS,
            },
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{:?}", answer.body);
    let newcomer = token();
    let answer = api
        .json(
            Method::POST,
            &format!("/api/spaces/{space}/members"),
            None,
            &JoinSpace {
                invite,
                token: newcomer.clone(),
                label: "newcomer".into(),
            },
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.error());
    let joined: Joined = answer.json();
    assert_eq!(joined.role, role);
    (newcomer, joined.member)
}

// --- registration ---

#[tokio::test]
async fn register_creates_the_space_with_its_admin() {
    let api = Api::new();
    let (space, admin) = (space_id(), token());
    let register = RegisterSpace {
        token: admin.clone(),
        label: "Айгүл".into(),
    };
    let path = format!("/api/spaces/{space}");
    let answer = api.json(Method::POST, &path, None, &register).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    let joined: Joined = answer.json();
    assert_eq!(joined.role, RelayRole::Admin);
    assert_eq!(joined.member.len(), 32);

    // A retry after a lost answer answers the same.
    let again = api.json(Method::POST, &path, None, &register).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.json::<Joined>(), joined);

    // Anyone else: 409.
    let other = RegisterSpace {
        token: token(),
        label: "x".into(),
    };
    let answer = api.json(Method::POST, &path, None, &other).await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert!(!answer.error().is_empty());

    let list: MemberList = api
        .get(&format!("{path}/members"), Some(&admin))
        .await
        .json();
    assert_eq!(list.members.len(), 1);
    assert_eq!(list.members[0].label, "Айгүл");
    assert_eq!(list.members[0].member, joined.member);
    assert!(!list.members[0].revoked);
}

#[tokio::test]
async fn register_refuses_malformed_input() {
    let api = Api::new();
    let good = json!({"token": token(), "label": "x"});
    for (path, body, status) in [
        (
            "/api/spaces/ABCDEF0123456789ABCDEF0123456789",
            good.to_string(),
            400,
        ),
        ("/api/spaces/0123", good.to_string(), 400),
        ("/api/spaces/%2e%2e", good.to_string(), 400),
        (&format!("/api/spaces/{}", space_id()), "{".into(), 400),
        (&format!("/api/spaces/{}", space_id()), "null".into(), 400),
        (
            &format!("/api/spaces/{}", space_id()),
            json!({"token": token()}).to_string(),
            400,
        ),
        (
            &format!("/api/spaces/{}", space_id()),
            json!({"token": "not base64!", "label": ""}).to_string(),
            400,
        ),
        (
            &format!("/api/spaces/{}", space_id()),
            json!({"token": bytes::encode(&[1; 31]), "label": ""}).to_string(),
            400,
        ),
        (
            &format!("/api/spaces/{}", space_id()),
            json!({"token": token(), "label": "x".repeat(MAX_LABEL + 1)}).to_string(),
            413,
        ),
        (
            &format!("/api/spaces/{}", space_id()),
            " ".repeat(64 * 1024 + 1),
            413,
        ),
    ] {
        let answer = api.call(Method::POST, path, None, body.clone()).await;
        assert_eq!(
            answer.status.as_u16(),
            status,
            "{path} {}",
            &body[..body.len().min(80)]
        );
        assert!(!answer.error().is_empty());
    }
}

// --- invites, joining, members ---

#[tokio::test]
async fn invites_are_single_use_and_expire() {
    let api = Api::new();
    let (space, admin) = api.space().await;
    let invites = format!("/api/spaces/{space}/invites");
    let members = format!("/api/spaces/{space}/members");
    let secret = bytes::encode(&random_bytes(24));
    let create = CreateInvite {
        invite: secret.clone(),
        role: RelayRole::Member,
        expires_ms: now_ms() + HOUR_MS,
    };
    assert_eq!(
        api.json(Method::POST, &invites, Some(&admin), &create)
            .await
            .status,
        201
    );
    // A retry of the same invite is fine; reusing the secret otherwise is 409.
    assert_eq!(
        api.json(Method::POST, &invites, Some(&admin), &create)
            .await
            .status,
        201
    );
    let mut other = create.clone();
    other.role = RelayRole::Admin;
    assert_eq!(
        api.json(Method::POST, &invites, Some(&admin), &other)
            .await
            .status,
        409
    );

    let newcomer = token();
    let join = JoinSpace {
        invite: secret.clone(),
        token: newcomer.clone(),
        label: "Бакыт".into(),
    };
    let answer = api.json(Method::POST, &members, None, &join).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    let joined: Joined = answer.json();
    assert_eq!(joined.role, RelayRole::Member);
    // The same join again (lost answer): the same member.
    let again = api.json(Method::POST, &members, None, &join).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.json::<Joined>(), joined);
    // Anyone else with the used invite: 403.
    let thief = JoinSpace {
        token: token(),
        ..join.clone()
    };
    let answer = api.json(Method::POST, &members, None, &thief).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(!answer.error().is_empty());

    // Expired and unknown invites: 403.
    let expired = bytes::encode(&random_bytes(32));
    let create = CreateInvite {
        invite: expired.clone(),
        role: RelayRole::Member,
        expires_ms: now_ms() - 1,
    };
    assert_eq!(
        api.json(Method::POST, &invites, Some(&admin), &create)
            .await
            .status,
        201
    );
    for invite in [expired, bytes::encode(&random_bytes(32))] {
        let join = JoinSpace {
            invite,
            token: token(),
            label: String::new(),
        };
        assert_eq!(
            api.json(Method::POST, &members, None, &join).await.status,
            403
        );
    }

    // The newcomer is a member: it may push but not invite or list.
    push(&api, &space, &newcomer, &[b"x".to_vec()]).await;
    let create = CreateInvite {
        invite: bytes::encode(&random_bytes(32)),
        role: RelayRole::Admin,
        expires_ms: now_ms() + HOUR_MS,
    };
    let answer = api
        .json(Method::POST, &invites, Some(&newcomer), &create)
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(api.get(&members, Some(&newcomer)).await.status, 403);

    let list: MemberList = api.get(&members, Some(&admin)).await.json();
    let labels: Vec<_> = list.members.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["admin", "Бакыт"]);
}

#[tokio::test]
async fn joining_refuses_bad_input_and_taken_tokens() {
    let api = Api::new();
    let (space, admin) = api.space().await;
    let members = format!("/api/spaces/{space}/members");
    let invite = bytes::encode(&random_bytes(32));
    let create = CreateInvite {
        invite: invite.clone(),
        role: RelayRole::Member,
        expires_ms: now_ms() + HOUR_MS,
    };
    let invites = format!("/api/spaces/{space}/invites");
    assert_eq!(
        api.json(Method::POST, &invites, Some(&admin), &create)
            .await
            .status,
        201
    );

    // The administrator's own token cannot join again.
    let join = JoinSpace {
        invite: invite.clone(),
        token: admin.clone(),
        label: String::new(),
    };
    assert_eq!(
        api.json(Method::POST, &members, None, &join).await.status,
        409
    );
    // Unknown space: 404.
    let path = format!("/api/spaces/{}/members", space_id());
    let join = JoinSpace {
        invite: invite.clone(),
        token: token(),
        label: String::new(),
    };
    assert_eq!(api.json(Method::POST, &path, None, &join).await.status, 404);
    for body in [
        json!({"invite": "!!", "token": token(), "label": ""}),
        json!({"invite": bytes::encode(&[1; 8]), "token": token(), "label": ""}),
        json!({"invite": invite, "token": "short", "label": ""}),
        json!({"invite": invite, "token": token()}),
        json!([1, 2, 3]),
    ] {
        let answer = api.json(Method::POST, &members, None, &body).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
    }
    // Malformed invites from an administrator: 400.
    for body in [
        json!({"invite": "a+b/", "role": "member", "expires_ms": 1}),
        json!({"invite": bytes::encode(&[1; 65]), "role": "member", "expires_ms": 1}),
        json!({"invite": bytes::encode(&[1; 32]), "role": "owner", "expires_ms": 1}),
        json!({"invite": bytes::encode(&[1; 32]), "role": "member", "expires_ms": "soon"}),
    ] {
        let answer = api.json(Method::POST, &invites, Some(&admin), &body).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
    }
}

#[tokio::test]
async fn admin_invites_make_admins() {
    let api = Api::new();
    let (space, admin) = api.space().await;
    let (second, _) = join(&api, &space, &admin, RelayRole::Admin).await;
    let answer = api
        .get(&format!("/api/spaces/{space}/members"), Some(&second))
        .await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn revoking_refuses_that_token_only() {
    let api = Api::new();
    let (space, admin) = api.space().await;
    let (alice, alice_id) = join(&api, &space, &admin, RelayRole::Member).await;
    let (bob, _) = join(&api, &space, &admin, RelayRole::Member).await;
    push(&api, &space, &alice, &[b"before".to_vec()]).await;

    let path = format!("/api/spaces/{space}/members/{alice_id}");
    // Only an administrator revokes.
    assert_eq!(
        api.call(Method::DELETE, &path, Some(&bob), Body::empty())
            .await
            .status,
        403
    );
    let answer = api
        .call(Method::DELETE, &path, Some(&admin), Body::empty())
        .await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert!(answer.body.is_empty());
    // Again: still 204.
    assert_eq!(
        api.call(Method::DELETE, &path, Some(&admin), Body::empty())
            .await
            .status,
        204
    );

    let blob = format!("/api/spaces/{space}/blobs/{}", sha256_hex(b"b"));
    for (method, route) in [
        (Method::GET, format!("/api/spaces/{space}/log")),
        (Method::POST, format!("/api/spaces/{space}/log")),
        (Method::GET, format!("/api/spaces/{space}/snapshot")),
        (Method::PUT, format!("/api/spaces/{space}/snapshot")),
        (Method::GET, blob.clone()),
        (Method::PUT, blob.clone()),
    ] {
        let answer = api
            .call(method.clone(), &route, Some(&alice), Body::from("{}"))
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{method} {route}");
        assert!(answer.error().contains("revoked"));
    }
    // Bob and the admin go on.
    push(&api, &space, &bob, &[b"after".to_vec()]).await;
    assert_eq!(pull(&api, &space, &admin, "").await.head, 2);

    let list: MemberList = api
        .get(&format!("/api/spaces/{space}/members"), Some(&admin))
        .await
        .json();
    let revoked: Vec<_> = list.members.iter().map(|m| m.revoked).collect();
    assert_eq!(revoked, [false, true, false]);
}

#[tokio::test]
async fn revoke_errors() {
    let api = Api::new();
    let (space, admin) = api.space().await;
    let list: MemberList = api
        .get(&format!("/api/spaces/{space}/members"), Some(&admin))
        .await
        .json();
    let admin_id = &list.members[0].member;
    for (member, status) in [
        (admin_id.as_str(), 409), // the last administrator
        (&"0".repeat(32), 404),
        ("XYZ", 400),
        (&"A".repeat(32), 400),
    ] {
        let path = format!("/api/spaces/{space}/members/{member}");
        let answer = api
            .call(Method::DELETE, &path, Some(&admin), Body::empty())
            .await;
        assert_eq!(answer.status.as_u16(), status, "{member}");
        assert!(!answer.error().is_empty());
    }
    // With a second administrator the first may go.
    let (second, _) = join(&api, &space, &admin, RelayRole::Admin).await;
    let path = format!("/api/spaces/{space}/members/{admin_id}");
    assert_eq!(
        api.call(Method::DELETE, &path, Some(&second), Body::empty())
            .await
            .status,
        204
    );
    assert_eq!(
        api.get(&format!("/api/spaces/{space}/log"), Some(&admin))
            .await
            .status,
        403
    );
}

// --- the log ---

#[tokio::test]
async fn push_and_pull_keep_order_and_retries_are_idempotent() {
    let api = Api::new();
    let (space, admin) = api.space().await;
    let log = format!("/api/spaces/{space}/log");
    assert_eq!(
        pull(&api, &space, &admin, "").await,
        Pulled {
            entries: vec![],
            head: 0
        }
    );

    let first: Vec<Vec<u8>> = (0..3).map(|_| random_bytes(40)).collect();
    let batch = push_body(&batch_id(), &first);
    let answer = api.json(Method::POST, &log, Some(&admin), &batch).await;
    assert_eq!(answer.json::<Pushed>(), Pushed { first: 1, last: 3 });
    let second: Vec<Vec<u8>> = vec![vec![], random_bytes(1)];
    assert_eq!(
        push(&api, &space, &admin, &second).await,
        Pushed { first: 4, last: 5 }
    );
    // The first batch again: same numbers, nothing appended.
    let answer = api.json(Method::POST, &log, Some(&admin), &batch).await;
    assert_eq!(answer.json::<Pushed>(), Pushed { first: 1, last: 3 });
    // The same batch id with other entries: 409.
    let changed = push_body(&batch.batch, &first[..2]);
    let answer = api.json(Method::POST, &log, Some(&admin), &changed).await;
    assert_eq!(answer.status, StatusCode::CONFLICT);

    let all = pull(&api, &space, &admin, "").await;
    assert_eq!(all.head, 5);
    let seqs: Vec<u64> = all.entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5]);
    let data: Vec<Vec<u8>> = all
        .entries
        .iter()
        .map(|e| bytes::decode(&e.data).unwrap())
        .collect();
    assert_eq!(data, [first, second].concat());

    let tail = pull(&api, &space, &admin, "?after=3").await;
    assert_eq!(
        tail.entries.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [4, 5]
    );
    let one = pull(&api, &space, &admin, "?after=1&limit=1").await;
    assert_eq!((one.entries.len(), one.entries[0].seq, one.head), (1, 2, 5));
    let none = pull(&api, &space, &admin, "?after=5").await;
    assert_eq!((none.entries.len(), none.head), (0, 5));
    let huge = pull(
        &api,
        &space,
        &admin,
        &format!("?after={}&limit=99999", u64::MAX),
    )
    .await;
    assert_eq!((huge.entries.len(), huge.head), (0, 5));
    assert_eq!(
        pull(&api, &space, &admin, "?limit=0").await.entries.len(),
        0
    );
}

#[tokio::test]
async fn push_and_pull_refuse_malformed_and_oversize_input() {
    let api = Api::new();
    let (space, admin) = api.space().await;
    let log = format!("/api/spaces/{space}/log");
    for (body, status) in [
        (json!({"batch": batch_id(), "entries": []}), 400),
        (json!({"batch": "", "entries": ["AA"]}), 400),
        (json!({"batch": "../x", "entries": ["AA"]}), 400),
        (json!({"batch": "a".repeat(65), "entries": ["AA"]}), 400),
        (json!({"batch": batch_id(), "entries": ["AA=="]}), 400),
        (json!({"batch": batch_id(), "entries": ["not base64"]}), 400),
        (json!({"batch": batch_id(), "entries": [1]}), 400),
        (json!({"batch": batch_id()}), 400),
        (
            json!({"batch": batch_id(), "entries": vec!["AA"; MAX_ENTRIES_PER_PUSH + 1]}),
            413,
        ),
        (
            json!({"batch": batch_id(), "entries": [bytes::encode(&vec![0; MAX_ENTRY + 1])]}),
            413,
        ),
    ] {
        let answer = api.json(Method::POST, &log, Some(&admin), &body).await;
        assert_eq!(
            answer.status.as_u16(),
            status,
            "{}",
            &body.to_string()[..60.min(body.to_string().len())]
        );
        assert!(!answer.error().is_empty());
    }
    let answer = api
        .call(Method::POST, &log, Some(&admin), vec![b' '; MAX_BODY + 1])
        .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(!answer.error().is_empty());
    for query in [
        "?after=-1",
        "?after=abc",
        "?limit=-5",
        "?limit=1e9",
        "?after=1&after=2",
    ] {
        let answer = api.get(&format!("{log}{query}"), Some(&admin)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(!answer.error().is_empty());
    }
    // Nothing of it was appended.
    assert_eq!(pull(&api, &space, &admin, "").await.head, 0);
    // The largest entry and the most entries are fine.
    push(&api, &space, &admin, &[vec![7; MAX_ENTRY]]).await;
    push(&api, &space, &admin, &vec![vec![1]; MAX_ENTRIES_PER_PUSH]).await;
    assert_eq!(
        pull(&api, &space, &admin, "?limit=1").await.head,
        1 + MAX_ENTRIES_PER_PUSH as u64
    );
}

#[tokio::test]
async fn a_pull_stops_at_its_byte_budget() {
    let api = Api::new();
    let (space, admin) = api.space().await;
    for _ in 0..3 {
        push(
            &api,
            &space,
            &admin,
            &[vec![1; MAX_ENTRY], vec![2; MAX_ENTRY]],
        )
        .await;
    }
    let first = pull(&api, &space, &admin, "").await;
    let fit = MAX_PULL_BYTES / MAX_ENTRY;
    assert_eq!(first.entries.len(), fit);
    assert_eq!(first.head, 6);
    let rest = pull(&api, &space, &admin, &format!("?after={fit}")).await;
    assert_eq!(rest.entries.len(), 6 - fit);
}

// --- blobs ---

#[tokio::test]
async fn blobs_are_content_addressed() {
    let api = Api::new();
    let (space, admin) = api.space().await;
    let data = random_bytes(5000);
    let path = format!("/api/spaces/{space}/blobs/{}", sha256_hex(&data));
    assert_eq!(api.get(&path, Some(&admin)).await.status, 404);
    let answer = api
        .call(Method::PUT, &path, Some(&admin), data.clone())
        .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_eq!(
        api.call(Method::PUT, &path, Some(&admin), data.clone())
            .await
            .status,
        201
    );
    let answer = api.get(&path, Some(&admin)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.headers[header::CONTENT_TYPE],
        "application/octet-stream"
    );
    assert_eq!(answer.body, data);

    // A body that is not what the id names: 400.
    let wrong = format!("/api/spaces/{space}/blobs/{}", sha256_hex(b"other"));
    let answer = api
        .call(Method::PUT, &wrong, Some(&admin), data.clone())
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(api.get(&wrong, Some(&admin)).await.status, 404);
    // Malformed ids: 400.
    for id in [
        "abc",
        &sha256_hex(b"x").to_uppercase(),
        &"g".repeat(64),
        "%2e%2e",
    ] {
        let path = format!("/api/spaces/{space}/blobs/{id}");
        assert_eq!(api.get(&path, Some(&admin)).await.status, 400, "{id}");
        assert_eq!(
            api.call(Method::PUT, &path, Some(&admin), data.clone())
                .await
                .status,
            400,
            "{id}"
        );
    }
    // The largest blob fits; one byte more is 413.
    let big = vec![3; MAX_BLOB];
    let path = format!("/api/spaces/{space}/blobs/{}", sha256_hex(&big));
    assert_eq!(
        api.call(Method::PUT, &path, Some(&admin), big).await.status,
        201
    );
    let bigger = vec![3; MAX_BLOB + 1];
    let path = format!("/api/spaces/{space}/blobs/{}", sha256_hex(&bigger));
    let answer = api.call(Method::PUT, &path, Some(&admin), bigger).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(!answer.error().is_empty());
}

// --- the snapshot ---

#[tokio::test]
async fn one_current_snapshot_per_space() {
    let api = Api::new();
    let (space, admin) = api.space().await;
    let path = format!("/api/spaces/{space}/snapshot");
    let answer = api.get(&path, Some(&admin)).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(!answer.error().is_empty());

    push(&api, &space, &admin, &[vec![1], vec![2], vec![3]]).await;
    let put = |seq: u64, data: &[u8]| PutSnapshot {
        seq,
        data: bytes::encode(data),
    };
    let old = random_bytes(100);
    assert_eq!(
        api.json(Method::PUT, &path, Some(&admin), &put(2, &old))
            .await
            .status,
        204
    );
    let new = random_bytes(100);
    let answer = api
        .json(Method::PUT, &path, Some(&admin), &put(3, &new))
        .await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    // Older than the current one, or past the head: 409.
    assert_eq!(
        api.json(Method::PUT, &path, Some(&admin), &put(2, &old))
            .await
            .status,
        409
    );
    assert_eq!(
        api.json(Method::PUT, &path, Some(&admin), &put(4, &old))
            .await
            .status,
        409
    );
    let answer = api
        .json(Method::PUT, &path, Some(&admin), &put(u64::MAX, &old))
        .await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    let snapshot: Snapshot = api.get(&path, Some(&admin)).await.json();
    assert_eq!(snapshot.seq, 3);
    assert_eq!(bytes::decode(&snapshot.data).unwrap(), new);

    for body in [
        json!({"seq": 1}),
        json!({"seq": -1, "data": "AA"}),
        json!({"seq": 1, "data": "A"}),
        json!({"seq": 1, "data": "AA=="}),
        json!("snapshot"),
    ] {
        let answer = api.json(Method::PUT, &path, Some(&admin), &body).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
    }
}

#[tokio::test]
async fn snapshots_over_the_limit_are_413() {
    let api = Api::new();
    let (space, admin) = api.space().await;
    let path = format!("/api/spaces/{space}/snapshot");
    let too_big = PutSnapshot {
        seq: 0,
        data: bytes::encode(&vec![0; MAX_SNAPSHOT + 1]),
    };
    let answer = api.json(Method::PUT, &path, Some(&admin), &too_big).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    let body = vec![b' '; MAX_SNAPSHOT * 4 / 3 + 4096];
    let answer = api.call(Method::PUT, &path, Some(&admin), body).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(!answer.error().is_empty());
}

// --- the WebSocket route (the socket itself is tested against the binary) ---

#[tokio::test]
async fn websocket_route_checks_before_upgrading() {
    let api = Api::new();
    let (space, _) = api.space().await;
    for (path, status) in [
        (format!("/api/spaces/{space}/ws"), 400), // not an upgrade request
        (format!("/api/spaces/{}/ws", space_id()), 404),
        ("/api/spaces/nope/ws".to_owned(), 400),
    ] {
        let answer = api.get(&path, None).await;
        assert_eq!(answer.status.as_u16(), status, "{path}");
        assert!(!answer.error().is_empty());
    }
}

// --- tokens, spaces, rate and routing ---

#[tokio::test]
async fn tokens_are_required_and_checked_per_space() {
    let api = Api::new();
    let (space, admin) = api.space().await;
    let (other_space, other_admin) = api.space().await;
    let routes = |space: &str| {
        [
            (Method::GET, format!("/api/spaces/{space}/log")),
            (Method::POST, format!("/api/spaces/{space}/log")),
            (Method::GET, format!("/api/spaces/{space}/snapshot")),
            (Method::PUT, format!("/api/spaces/{space}/snapshot")),
            (
                Method::GET,
                format!("/api/spaces/{space}/blobs/{}", "0".repeat(64)),
            ),
            (
                Method::PUT,
                format!("/api/spaces/{space}/blobs/{}", "0".repeat(64)),
            ),
            (Method::GET, format!("/api/spaces/{space}/members")),
            (Method::POST, format!("/api/spaces/{space}/invites")),
            (
                Method::DELETE,
                format!("/api/spaces/{space}/members/{}", "0".repeat(32)),
            ),
        ]
    };
    for (method, path) in routes(&space) {
        for bad in [
            None,
            Some("garbage"),
            Some(""),
            Some(token().as_str()),
            Some(other_admin.as_str()),
        ] {
            let answer = api.call(method.clone(), &path, bad, Body::from("{}")).await;
            assert_eq!(
                answer.status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} {bad:?}"
            );
            assert_eq!(answer.error(), "missing or unknown token");
        }
    }
    for (method, path) in routes(&space_id()) {
        let answer = api
            .call(method.clone(), &path, Some(&admin), Body::from("{}"))
            .await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{method} {path}");
        assert_eq!(answer.error(), "unknown space");
    }
    // Basic or a bare token is not a bearer token.
    for value in [format!("Basic {admin}"), admin.clone()] {
        let request = axum::http::Request::get(format!("/api/spaces/{space}/log"))
            .header(header::AUTHORIZATION, value)
            .body(Body::empty())
            .unwrap();
        use tower::ServiceExt;
        let response = kenesh_relay::app(api.state.clone())
            .oneshot(request)
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(pull(&api, &other_space, &other_admin, "").await.head, 0);
}

#[tokio::test]
async fn each_token_has_its_own_rate() {
    let api = Api::with_limits(Limits {
        rate: 1.0,
        burst: 3,
        ..Limits::default()
    });
    let (space, admin) = api.space().await;
    let (member, _) = join(&api, &space, &admin, RelayRole::Member).await; // admin: 1 request
    let log = format!("/api/spaces/{space}/log");
    assert_eq!(api.get(&log, Some(&admin)).await.status, 200);
    assert_eq!(api.get(&log, Some(&admin)).await.status, 200);
    let answer = api.get(&log, Some(&admin)).await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answer.headers[header::RETRY_AFTER], "1");
    assert_eq!(answer.error(), "too many requests");
    assert_eq!(api.get(&log, Some(&member)).await.status, 200);
}

#[tokio::test]
async fn unknown_api_paths_and_methods_answer_json() {
    let api = Api::new();
    let (space, admin) = api.space().await;
    for (method, path, status) in [
        (Method::GET, "/api".to_owned(), 404),
        (Method::GET, "/api/nothing".to_owned(), 404),
        (
            Method::GET,
            format!("/api/spaces/{space}/../../etc/passwd"),
            404,
        ),
        (Method::GET, format!("/api/spaces/{space}/log/extra"), 404),
        (Method::GET, format!("/api/spaces/{space}"), 405),
        (Method::PATCH, format!("/api/spaces/{space}/log"), 405),
        (Method::PUT, format!("/api/spaces/{space}/members"), 405),
    ] {
        let answer = api
            .call(method.clone(), &path, Some(&admin), Body::empty())
            .await;
        assert_eq!(answer.status.as_u16(), status, "{method} {path}");
        assert!(!answer.error().is_empty(), "{method} {path}");
    }
}
