//! A new device opens a large space: it pulls what the relay holds (the whole log, or the
//! snapshot and the entries after it), decrypts it and loads it into documents through the
//! core's `SyncEngine`, then reads every staff record once (what the first screen needs).
//! Natively, in this process: the browser would also store the result in IndexedDB.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use kenesh_core::StaffMember;
use kenesh_core::crypto::{Kind, SpaceCipher, SpaceId, SpaceKey};
use kenesh_core::document::{DocKind, Document};
use kenesh_core::sync::SyncEngine;
use kenesh_protocol::{Pulled, bytes};
use serde::Serialize;

use crate::relay_client::{RelayClient, random_id};
use crate::school::{EDITS_PER_YEAR, STAFF, School, YEARS, empty_docs};
use crate::stats::millis;

/// How the writer's history reached the relay.
#[derive(Debug, Serialize)]
pub struct History {
    pub staff: usize,
    pub years: u16,
    pub edits: usize,
    pub pushes: usize,
    pub entries: u64,
    /// Seconds the writer took to push it all (one push per edit, each answered once durable).
    pub push_seconds: f64,
    pub snapshot_seq: u64,
    pub snapshot_bytes: usize,
    pub relay_file_bytes: u64,
}

/// One way of opening the space on a new device.
#[derive(Debug, Serialize)]
pub struct Opened {
    pub from: &'static str,
    pub entries: usize,
    /// Ciphertext pulled (entries, base64url-decoded, plus the snapshot if any).
    pub bytes: usize,
    /// HTTP: GET the snapshot and GET the log pages.
    pub fetch_ms: f64,
    /// Opening every envelope alone (a separate pass over the same data, for scale).
    pub decrypt_ms: f64,
    /// `SyncEngine::bootstrap` and `apply_pulled`: decrypt, parse, apply to the documents.
    pub load_ms: f64,
    /// Reading every staff record once (`Document::all::<StaffMember>`).
    pub read_ms: f64,
    pub total_ms: f64,
    pub records: usize,
}

#[derive(Debug, Serialize)]
pub struct NewDevice {
    pub history: History,
    pub opened: Vec<Opened>,
}

pub async fn run(
    relay: &RelayClient,
    admin: &str,
    space: SpaceId,
    data: &std::path::Path,
) -> Result<NewDevice> {
    let key = SpaceKey::from_bytes(rand::random());
    let mut school = School::generate()?;
    let mut writer = SyncEngine::new(space, &key);

    println!("new device: pushing the generated school and {YEARS} years of edits…");
    let started = Instant::now();
    let (mut pushes, mut entries) = push_all(relay, admin, &mut writer, &mut school.docs).await?;
    let mut snapshot_seq = 0;
    let mut snapshot_bytes = 0;
    for year in 0..YEARS {
        for n in 0..EDITS_PER_YEAR {
            school.edit(year, n)?;
            let (p, e) = push_all(relay, admin, &mut writer, &mut school.docs).await?;
            pushes += p;
            entries += e;
        }
        // A device uploads a snapshot now and then; here once, a year before the end.
        if year + 2 == YEARS {
            let snapshot = writer.snapshot(&mut school.docs, rand::random())?;
            snapshot_seq = snapshot.seq;
            snapshot_bytes = bytes::decode(&snapshot.data).map_or(0, |b| b.len());
            relay.put_snapshot(admin, &snapshot).await?;
        }
    }
    let push_seconds = started.elapsed().as_secs_f64();
    let head = relay.pull(admin, 0).await?.head;
    let history = History {
        staff: STAFF,
        years: YEARS,
        edits: YEARS as usize * EDITS_PER_YEAR,
        pushes,
        entries: head,
        push_seconds: (push_seconds * 10.0).round() / 10.0,
        snapshot_seq,
        snapshot_bytes,
        relay_file_bytes: file_bytes(data),
    };
    ensure!(
        entries as u64 == head,
        "pushed {entries} entries, the log holds {head}"
    );

    let mut opened = vec![
        open(relay, admin, space, &key, false, &mut school.docs).await?,
        open(relay, admin, space, &key, true, &mut school.docs).await?,
    ];
    // A fresh snapshot at the head: nothing left to pull after it.
    let snapshot = writer.snapshot(&mut school.docs, rand::random())?;
    relay.put_snapshot(admin, &snapshot).await?;
    let mut fresh = open(relay, admin, space, &key, true, &mut school.docs).await?;
    fresh.from = "snapshot at the head";
    opened.push(fresh);
    Ok(NewDevice { history, opened })
}

/// Pushes every stored change the relay lacks: (pushes, entries).
async fn push_all(
    relay: &RelayClient,
    token: &str,
    engine: &mut SyncEngine,
    docs: &mut HashMap<DocKind, Document>,
) -> Result<(usize, usize)> {
    let (mut pushes, mut entries) = (0, 0);
    while let Some(push) = engine.prepare_push(docs, &mut rand::random::<[u8; 24]>, &random_id(12))
    {
        let pushed = relay.push(token, &push).await?;
        engine.push_acknowledged(docs, &push.batch, &pushed);
        pushes += 1;
        entries += push.entries.len();
    }
    Ok((pushes, entries))
}

async fn open(
    relay: &RelayClient,
    token: &str,
    space: SpaceId,
    key: &SpaceKey,
    with_snapshot: bool,
    writer_docs: &mut HashMap<DocKind, Document>,
) -> Result<Opened> {
    let cipher = SpaceCipher::new(space, key);
    let mut docs = empty_docs(b"kenesh-new-devic");
    let mut engine = SyncEngine::new(space, key);
    let mut decrypt = Duration::ZERO;
    let mut load = Duration::ZERO;
    let mut bytes_in = 0;

    let started = Instant::now();
    let snapshot = if with_snapshot {
        Some(relay.snapshot(token).await?)
    } else {
        None
    };
    let mut pages: Vec<Pulled> = Vec::new();
    let mut after = snapshot.as_ref().map_or(0, |s| s.seq);
    loop {
        let page = relay.pull(token, after).await?;
        let more = page.entries.last().is_some_and(|last| last.seq < page.head);
        after = page.entries.last().map_or(after, |last| last.seq);
        pages.push(page);
        if !more {
            break;
        }
    }
    let fetch = started.elapsed();

    if let Some(snapshot) = &snapshot {
        let sealed = bytes::decode(&snapshot.data).context("snapshot not base64url")?;
        bytes_in += sealed.len();
        let t = Instant::now();
        cipher.open(Kind::Snapshot, &sealed)?;
        decrypt += t.elapsed();
        let t = Instant::now();
        engine.bootstrap(&mut docs, snapshot)?;
        load += t.elapsed();
    }
    let mut entries = 0;
    for page in &pages {
        let sealed: Vec<Vec<u8>> = page
            .entries
            .iter()
            .map(|e| bytes::decode(&e.data).context("entry not base64url"))
            .collect::<Result<_>>()?;
        bytes_in += sealed.iter().map(Vec::len).sum::<usize>();
        let t = Instant::now();
        for envelope in &sealed {
            cipher.open(Kind::Entry, envelope)?;
        }
        decrypt += t.elapsed();
        let t = Instant::now();
        let report = engine.apply_pulled(&mut docs, page);
        load += t.elapsed();
        ensure!(
            report.rejected.is_empty(),
            "entries rejected: {:?}",
            report.rejected
        );
        entries += report.applied.len();
    }
    let t = Instant::now();
    let records = docs
        .get_mut(&DocKind::People)
        .expect("people")
        .all::<StaffMember>()?
        .len();
    let read = t.elapsed();

    // Not a speed check: the measurement is void unless the device got the whole space.
    for (kind, doc) in writer_docs.iter_mut() {
        let device = docs.get_mut(kind).expect("every kind");
        ensure!(
            device.heads() == doc.heads(),
            "the new device lacks changes of {kind:?}"
        );
    }
    let total = fetch + load + read;
    Ok(Opened {
        from: if with_snapshot {
            "snapshot + entries after it"
        } else {
            "whole log"
        },
        entries,
        bytes: bytes_in,
        fetch_ms: millis(fetch),
        decrypt_ms: millis(decrypt),
        load_ms: millis(load),
        read_ms: millis(read),
        total_ms: millis(total),
        records,
    })
}

/// The relay's SQLite file with its WAL, in bytes.
fn file_bytes(data: &std::path::Path) -> u64 {
    ["", "-wal"]
        .iter()
        .filter_map(|suffix| {
            let mut name = data.as_os_str().to_owned();
            name.push(suffix);
            std::fs::metadata(name).ok().map(|m| m.len())
        })
        .sum()
}
