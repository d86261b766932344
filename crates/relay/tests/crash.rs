//! Crash safety: 50 writers push to the real binary, the relay is SIGKILLed mid-way and
//! restarted on the same SQLite file; every acknowledged entry must be there with the
//! sequence number it was acknowledged with, the log must have no gaps, and every push must
//! be all there or not at all. 20 rounds on one file.

mod common;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use common::Site;
use common::process::{Http, Relay};
use common::random::{batch_id, random_bytes, space_id, token};
use hyper::Method;
use kenesh_protocol::{Pulled, PushEntries, Pushed, RegisterSpace, bytes};

const WRITERS: usize = 50;
const ROUNDS: u64 = 20;

/// One push a writer sent, and the answer if it got one.
struct Attempt {
    batch: String,
    entries: Vec<Vec<u8>>,
    acknowledged: Option<Pushed>,
}

async fn writer(
    http: Http,
    space: String,
    token: String,
    stop: Arc<AtomicBool>,
    acked: Arc<AtomicUsize>,
) -> Vec<Attempt> {
    let mut attempts = Vec::new();
    let mut n = 0usize;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let entries: Vec<Vec<u8>> = (0..1 + n % 3).map(|_| random_bytes(24 + n % 40)).collect();
        let batch = batch_id();
        let body = PushEntries {
            batch: batch.clone(),
            entries: entries.iter().map(|entry| bytes::encode(entry)).collect(),
        };
        let path = format!("/api/spaces/{space}/log");
        let answer = tokio::time::timeout(
            Duration::from_secs(10),
            http.json(Method::POST, &path, Some(&token), &body),
        )
        .await;
        let acknowledged = match answer {
            Ok(Ok((200, body))) => Some(serde_json::from_slice::<Pushed>(&body).unwrap()),
            Ok(Ok((status, body))) => {
                panic!("push answered {status}: {}", String::from_utf8_lossy(&body))
            }
            Ok(Err(_)) | Err(_) => None, // the relay died under this request
        };
        let failed = acknowledged.is_none();
        if !failed {
            acked.fetch_add(1, Ordering::Relaxed);
        }
        attempts.push(Attempt {
            batch,
            entries,
            acknowledged,
        });
        if failed {
            break;
        }
    }
    attempts
}

async fn pull_all(http: &Http, space: &str, token: &str) -> (Vec<(u64, Vec<u8>)>, u64) {
    let mut entries = Vec::new();
    let mut after = 0;
    loop {
        let path = format!("/api/spaces/{space}/log?after={after}");
        let (status, body) = http
            .send(Method::GET, &path, Some(token), Vec::new())
            .await
            .unwrap();
        assert_eq!(status, 200);
        let pulled: Pulled = serde_json::from_slice(&body).unwrap();
        for entry in &pulled.entries {
            entries.push((entry.seq, bytes::decode(&entry.data).unwrap()));
        }
        match pulled.entries.last() {
            Some(last) if last.seq < pulled.head => after = last.seq,
            _ => return (entries, pulled.head),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_entries_survive_sigkill() {
    let site = Site::new();
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("relay.sqlite3");
    let start = || Relay::start(&site, &data, &["--rate", "0"], None);

    let (space, admin) = (space_id(), token());
    {
        let relay = start();
        let register = RegisterSpace {
            token: admin.clone(),
            label: String::new(),
        };
        let http = Http::new(&relay);
        let (status, _) = http
            .json(
                Method::POST,
                &format!("/api/spaces/{space}"),
                None,
                &register,
            )
            .await
            .unwrap();
        assert_eq!(status, 201);
    }

    let mut acknowledged_total = 0usize;
    let mut unacknowledged: Vec<Attempt> = Vec::new();
    for round in 0..ROUNDS {
        let mut relay = start();
        let http = Http::new(&relay);

        // Pushes left unanswered by the last crash, retried: they answer the seqs they got
        // (if they were committed) or append now; either way they are checked below.
        let mut retried = Vec::new();
        for attempt in unacknowledged.drain(..) {
            let body = PushEntries {
                batch: attempt.batch.clone(),
                entries: attempt.entries.iter().map(|e| bytes::encode(e)).collect(),
            };
            let (status, answer) = http
                .json(
                    Method::POST,
                    &format!("/api/spaces/{space}/log"),
                    Some(&admin),
                    &body,
                )
                .await
                .unwrap();
            assert_eq!(status, 200);
            retried.push(Attempt {
                acknowledged: Some(serde_json::from_slice(&answer).unwrap()),
                ..attempt
            });
        }

        let stop = Arc::new(AtomicBool::new(false));
        let acked = Arc::new(AtomicUsize::new(0));
        let writers: Vec<_> = (0..WRITERS)
            .map(|_| {
                tokio::spawn(writer(
                    http.clone(),
                    space.clone(),
                    admin.clone(),
                    Arc::clone(&stop),
                    Arc::clone(&acked),
                ))
            })
            .collect();
        // Writing is under way (one push answered), then 0.2 to 0.5 s more, then SIGKILL in
        // the middle of it.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while acked.load(Ordering::Relaxed) == 0 && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        tokio::time::sleep(Duration::from_millis(200 + (round * 71) % 300)).await;
        relay.kill();
        stop.store(true, Ordering::Relaxed);
        let mut attempts = retried;
        for writer in writers {
            attempts.extend(writer.await.unwrap());
        }

        let relay = start();
        let http = Http::new(&relay);
        let (entries, head) = pull_all(&http, &space, &admin).await;
        // Gap-free from 1 to head.
        let seqs: Vec<u64> = entries.iter().map(|(seq, _)| *seq).collect();
        assert_eq!(seqs, (1..=head).collect::<Vec<_>>(), "round {round}: gaps");
        let at: HashMap<&[u8], u64> = entries
            .iter()
            .map(|(seq, data)| (data.as_slice(), *seq))
            .collect();
        assert_eq!(at.len(), entries.len(), "round {round}: an entry twice");

        let mut acknowledged = 0;
        for attempt in attempts {
            let found: Vec<Option<u64>> = attempt
                .entries
                .iter()
                .map(|entry| at.get(entry.as_slice()).copied())
                .collect();
            match &attempt.acknowledged {
                Some(pushed) => {
                    acknowledged += 1;
                    let expected: Vec<Option<u64>> =
                        (pushed.first..=pushed.last).map(Some).collect();
                    assert_eq!(
                        found, expected,
                        "round {round}: acknowledged push lost or moved"
                    );
                }
                None => {
                    // All or nothing, in one run.
                    if found.iter().all(Option::is_none) {
                        unacknowledged.push(attempt);
                    } else {
                        let first = found[0].expect("a push half there");
                        let expected: Vec<Option<u64>> =
                            (first..first + found.len() as u64).map(Some).collect();
                        assert_eq!(found, expected, "round {round}: a torn push");
                        unacknowledged.push(attempt); // its retry must answer these seqs
                    }
                }
            }
        }
        acknowledged_total += acknowledged;
        assert!(acknowledged > 0, "round {round}: no push was acknowledged");
    }
    eprintln!("{acknowledged_total} acknowledged pushes over {ROUNDS} rounds");
}
