//! The IndexedDB document store, against real IndexedDB in headless Chromium, with real
//! Automerge bytes.
#![cfg(target_arch = "wasm32")]

use automerge::transaction::Transactable;
use automerge::{
    AutoCommit, AutomergeError, ChangeHash, LoadOptions, ObjType, OnPartialLoad, ROOT, ReadDoc,
    ScalarValue, Value, hydrate,
};
use kenesh_platform::{ChunkKey, DocStore, StoreError, StoredParts, delete_database};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DOC: &str = "people";

/// A store on a database no earlier test run left anything in.
async fn fresh_store(name: &str) -> DocStore {
    delete_database(name).await.expect("delete old database");
    DocStore::open(name).await.expect("open store")
}

/// What a caller does on load: the snapshot, then every chunk in order. Returns the document
/// and the keys of the chunks it rejected as corrupt.
fn rebuild(parts: &StoredParts) -> (AutoCommit, Vec<String>) {
    let mut doc = match &parts.snapshot {
        Some(snapshot) => AutoCommit::load(&snapshot.bytes).expect("snapshot loads"),
        None => AutoCommit::new(),
    };
    let mut corrupt = Vec::new();
    for chunk in &parts.chunks {
        if chunk_is_valid(&chunk.bytes) {
            doc.load_incremental(&chunk.bytes)
                .expect("valid chunk applies");
        } else {
            corrupt.push(chunk.key.clone());
        }
    }
    (doc, corrupt)
}

/// `load_incremental` into a non-empty document skips bytes it cannot parse without an error,
/// so a caller checks each chunk on its own first: a strict standalone load either succeeds or
/// only misses the dependencies that earlier chunks hold.
fn chunk_is_valid(bytes: &[u8]) -> bool {
    let strict = LoadOptions::new().on_partial_load(OnPartialLoad::Error);
    matches!(
        AutoCommit::load_with_options(bytes, strict),
        Ok(_) | Err(AutomergeError::MissingDeps)
    )
}

fn state(doc: &mut AutoCommit) -> (hydrate::Value, Vec<ChangeHash>) {
    let mut heads = doc.get_heads();
    heads.sort();
    (doc.hydrate(ROOT, None).expect("hydrate"), heads)
}

fn int_at(doc: &AutoCommit, key: &str) -> Option<i64> {
    match doc.get(ROOT, key).expect("get") {
        Some((Value::Scalar(s), _)) => match s.as_ref() {
            ScalarValue::Int(i) => Some(*i),
            _ => None,
        },
        _ => None,
    }
}

fn keys_of(parts: &StoredParts) -> Vec<String> {
    parts.chunk_keys()
}

#[wasm_bindgen_test]
async fn chunks_round_trip_in_write_order() {
    let name = "kenesh-test-round-trip";
    let store = fresh_store(name).await;
    assert!(store.load(DOC).await.unwrap().is_empty());

    let mut doc = AutoCommit::new();
    let mut written = Vec::new();
    for i in 0..5 {
        doc.put(ROOT, format!("k{i}"), i as i64).unwrap();
        let chunk = doc.save_incremental();
        assert!(!chunk.is_empty());
        written.push(store.append_chunk(DOC, &chunk).await.unwrap());
    }
    let minutes = doc.put_object(ROOT, "minutes", ObjType::Text).unwrap();
    doc.splice_text(&minutes, 0, 0, "Протокол №1: обсуждали план")
        .unwrap();
    written.push(
        store
            .append_chunk(DOC, &doc.save_incremental())
            .await
            .unwrap(),
    );

    // Other documents of the same space, including one whose name extends this one's, stay
    // apart.
    let mut other = AutoCommit::new();
    other.put(ROOT, "class", "5A").unwrap();
    let other_key = store
        .append_chunk("people-2024", &other.save_incremental())
        .await
        .unwrap();

    let mut sorted = written.clone();
    sorted.sort();
    assert_eq!(sorted, written, "keys sort in write order");

    drop(store);
    let store = DocStore::open(name).await.unwrap();
    let parts = store.load(DOC).await.unwrap();
    assert!(parts.snapshot.is_none());
    let expected_keys: Vec<String> = written.iter().map(|k| k.to_string()).collect();
    assert_eq!(keys_of(&parts), expected_keys);

    let (mut rebuilt, corrupt) = rebuild(&parts);
    assert!(corrupt.is_empty());
    assert_eq!(state(&mut rebuilt), state(&mut doc));
    assert_eq!(int_at(&rebuilt, "k4"), Some(4));
    let text_id = rebuilt.get(ROOT, "minutes").unwrap().unwrap().1;
    assert_eq!(
        rebuilt.text(&text_id).unwrap(),
        "Протокол №1: обсуждали план"
    );

    let other_parts = store.load("people-2024").await.unwrap();
    assert_eq!(keys_of(&other_parts), vec![other_key.to_string()]);
    let (mut other_rebuilt, _) = rebuild(&other_parts);
    assert_eq!(state(&mut other_rebuilt), state(&mut other));
}

/// Writes tell IndexedDB that nothing follows (`idb::run`), so it commits early; parts larger
/// than what Chromium stores inline (64 KB) still come back whole, read by this connection
/// and by another, as a chunk and as a snapshot.
#[wasm_bindgen_test]
async fn large_parts_come_back_whole() {
    let name = "kenesh-test-large-parts";
    let store = fresh_store(name).await;
    let other_tab = DocStore::open(name).await.unwrap();
    let chunk: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let snapshot: Vec<u8> = (0..200_000u32).map(|i| (i * 13 % 241) as u8).collect();

    let key = store.append_chunk(DOC, &chunk).await.unwrap();
    for reader in [&store, &other_tab] {
        let parts = reader.load(DOC).await.unwrap();
        assert_eq!(keys_of(&parts), vec![key.to_string()]);
        assert_eq!(parts.chunks[0].bytes, chunk);
    }

    store
        .compact(DOC, None, &snapshot, &[key.to_string()])
        .await
        .unwrap();
    for reader in [&store, &other_tab] {
        let parts = reader.load(DOC).await.unwrap();
        assert!(parts.chunks.is_empty());
        assert_eq!(parts.snapshot.expect("snapshot stored").bytes, snapshot);
    }
}

#[wasm_bindgen_test]
async fn compaction_replaces_exactly_the_chunks_it_includes() {
    let name = "kenesh-test-compaction";
    let store = fresh_store(name).await;
    let other_tab = DocStore::open(name).await.unwrap();

    let mut doc = AutoCommit::new();
    for (key, value) in [("a", 1), ("b", 2), ("c", 3)] {
        doc.put(ROOT, key, value).unwrap();
        store
            .append_chunk(DOC, &doc.save_incremental())
            .await
            .unwrap();
    }
    let parts = store.load(DOC).await.unwrap();
    assert_eq!(parts.chunks.len(), 3);
    let (mut loaded, _) = rebuild(&parts);

    // Another tab appends a change after this tab loaded, before it compacts.
    let heads = doc.get_heads();
    let mut theirs = doc.fork();
    theirs.put(ROOT, "from_other_tab", 42).unwrap();
    let late_chunk = theirs.save_after(&heads);
    let late_key = other_tab.append_chunk(DOC, &late_chunk).await.unwrap();

    let snapshot = loaded.save();
    let snapshot_key = store
        .compact(DOC, parts.snapshot_key(), &snapshot, &parts.chunk_keys())
        .await
        .unwrap();

    let after = other_tab.load(DOC).await.unwrap();
    let stored_snapshot = after.snapshot.clone().expect("snapshot stored");
    assert_eq!(stored_snapshot.key, snapshot_key.to_string());
    assert_eq!(stored_snapshot.bytes, snapshot);
    assert_eq!(keys_of(&after), vec![late_key.to_string()]);
    assert_eq!(after.chunks[0].bytes, late_chunk);

    let (rebuilt, corrupt) = rebuild(&after);
    assert!(corrupt.is_empty());
    for (key, value) in [("a", 1), ("b", 2), ("c", 3), ("from_other_tab", 42)] {
        assert_eq!(int_at(&rebuilt, key), Some(value), "{key}");
    }

    // A second round, based on the first snapshot, folds the late chunk in too.
    let (mut all, _) = rebuild(&after);
    store
        .compact(DOC, after.snapshot_key(), &all.save(), &after.chunk_keys())
        .await
        .unwrap();
    let last = store.load(DOC).await.unwrap();
    assert!(last.chunks.is_empty());
    let (mut rebuilt, _) = rebuild(&last);
    assert_eq!(state(&mut rebuilt), state(&mut all));
}

#[wasm_bindgen_test]
async fn compaction_from_a_stale_snapshot_is_refused_and_changes_nothing() {
    let name = "kenesh-test-compaction-conflict";
    let tab_a = fresh_store(name).await;
    let tab_b = DocStore::open(name).await.unwrap();

    let mut doc = AutoCommit::new();
    doc.put(ROOT, "a", 1).unwrap();
    tab_a
        .append_chunk(DOC, &doc.save_incremental())
        .await
        .unwrap();
    let seen_by_b = tab_b.load(DOC).await.unwrap();

    doc.put(ROOT, "b", 2).unwrap();
    tab_a
        .append_chunk(DOC, &doc.save_incremental())
        .await
        .unwrap();
    let seen_by_a = tab_a.load(DOC).await.unwrap();
    let (mut a_doc, _) = rebuild(&seen_by_a);
    tab_a
        .compact(DOC, None, &a_doc.save(), &seen_by_a.chunk_keys())
        .await
        .unwrap();
    let after_a = tab_a.load(DOC).await.unwrap();

    // Tab B compacts what it saw before A's compaction: its snapshot lacks "b", whose chunk A
    // already deleted, so writing it would lose "b".
    let (mut b_doc, _) = rebuild(&seen_by_b);
    let result = tab_b
        .compact(
            DOC,
            seen_by_b.snapshot_key(),
            &b_doc.save(),
            &seen_by_b.chunk_keys(),
        )
        .await;
    assert_eq!(result, Err(StoreError::Conflict));
    assert_eq!(tab_b.load(DOC).await.unwrap(), after_a);
    let (rebuilt, _) = rebuild(&after_a);
    assert_eq!(int_at(&rebuilt, "b"), Some(2));
}

#[wasm_bindgen_test]
async fn chunks_survive_closing_without_compaction() {
    let name = "kenesh-test-crash-before-compaction";
    let store = fresh_store(name).await;
    let mut doc = AutoCommit::new();
    for i in 0..4 {
        doc.put(ROOT, "counter", i as i64).unwrap();
        doc.put(ROOT, format!("seen{i}"), true).unwrap();
        store
            .append_chunk(DOC, &doc.save_incremental())
            .await
            .unwrap();
    }
    // The tab goes away before any compaction.
    drop(store);

    let store = DocStore::open(name).await.unwrap();
    let parts = store.load(DOC).await.unwrap();
    assert_eq!(parts.chunks.len(), 4);
    assert!(parts.snapshot.is_none());
    let (mut rebuilt, _) = rebuild(&parts);
    assert_eq!(state(&mut rebuilt), state(&mut doc));
    assert_eq!(int_at(&rebuilt, "counter"), Some(3));
}

#[wasm_bindgen_test]
async fn snapshot_written_but_chunks_not_deleted_still_loads() {
    let name = "kenesh-test-half-compaction";
    let store = fresh_store(name).await;
    let mut doc = AutoCommit::new();
    let list = doc.put_object(ROOT, "items", ObjType::List).unwrap();
    for i in 0..3 {
        doc.insert(&list, i, format!("item {i}")).unwrap();
        store
            .append_chunk(DOC, &doc.save_incremental())
            .await
            .unwrap();
    }
    let parts = store.load(DOC).await.unwrap();
    let (mut loaded, _) = rebuild(&parts);

    // The state a compaction would leave had it stopped after writing the snapshot: the
    // snapshot holds every change, and the chunks holding the same changes are still there.
    let empty: &[String] = &[];
    store
        .compact(DOC, None, &loaded.save(), empty)
        .await
        .unwrap();
    drop(store);

    let store = DocStore::open(name).await.unwrap();
    let parts = store.load(DOC).await.unwrap();
    assert!(parts.snapshot.is_some());
    assert_eq!(parts.chunks.len(), 3);
    let (mut rebuilt, corrupt) = rebuild(&parts);
    assert!(corrupt.is_empty());
    assert_eq!(state(&mut rebuilt), state(&mut doc));
    assert_eq!(rebuilt.length(&list), 3);
}

#[wasm_bindgen_test]
async fn corrupt_chunk_is_returned_and_never_repaired() {
    let name = "kenesh-test-corrupt-chunk";
    let store = fresh_store(name).await;

    let mut doc = AutoCommit::new();
    doc.put(ROOT, "before", 1).unwrap();
    let good1 = doc.save_incremental();
    // A chunk whose bytes got damaged on disk: a real chunk with one byte flipped.
    let mut garbage = good1.clone();
    let middle = garbage.len() / 2;
    garbage[middle] ^= 0xff;
    doc.put(ROOT, "after", 2).unwrap();
    let good2 = doc.save_incremental();

    let k1 = store.append_chunk(DOC, &good1).await.unwrap();
    let k_bad = store.append_chunk(DOC, &garbage).await.unwrap();
    let k2 = store.append_chunk(DOC, &good2).await.unwrap();

    let parts = store.load(DOC).await.unwrap();
    assert_eq!(
        keys_of(&parts),
        vec![k1.to_string(), k_bad.to_string(), k2.to_string()]
    );
    assert_eq!(parts.chunks[0].bytes, good1);
    assert_eq!(parts.chunks[1].bytes, garbage);
    assert_eq!(parts.chunks[2].bytes, good2);

    // Applying the good ones works and the bad one is identified by its key.
    let (mut rebuilt, corrupt) = rebuild(&parts);
    assert_eq!(corrupt, vec![k_bad.to_string()]);
    assert_eq!(int_at(&rebuilt, "before"), Some(1));
    assert_eq!(int_at(&rebuilt, "after"), Some(2));
    assert_eq!(state(&mut rebuilt), state(&mut doc));

    // Automerge itself refuses the bad chunk on an empty document, and on a non-empty one it
    // at least changes nothing.
    assert!(AutoCommit::new().load_incremental(&garbage).is_err());
    let heads = rebuilt.get_heads();
    if let Ok(applied) = rebuilt.load_incremental(&garbage) {
        assert_eq!(applied, 0);
    }
    assert_eq!(rebuilt.get_heads(), heads);

    // The caller compacts only the good chunks; the bad one stays stored, byte for byte.
    store
        .compact(
            DOC,
            None,
            &rebuilt.save(),
            &[k1.to_string(), k2.to_string()],
        )
        .await
        .unwrap();
    drop(store);
    let store = DocStore::open(name).await.unwrap();
    let parts = store.load(DOC).await.unwrap();
    assert_eq!(keys_of(&parts), vec![k_bad.to_string()]);
    assert_eq!(parts.chunks[0].bytes, garbage);
    let (mut reloaded, corrupt) = rebuild(&parts);
    assert_eq!(corrupt, vec![k_bad.to_string()]);
    assert_eq!(state(&mut reloaded), state(&mut doc));
}

#[wasm_bindgen_test]
async fn append_never_overwrites_an_existing_chunk() {
    let name = "kenesh-test-no-overwrite";
    let store = fresh_store(name).await;
    let key = ChunkKey::from_parts(1_700_000_000_000, 0, [7; 8]);
    store.append_chunk_at(DOC, &key, b"first").await.unwrap();

    let result = store.append_chunk_at(DOC, &key, b"second").await;
    match result {
        Err(StoreError::Other(message)) => {
            assert!(message.contains("ConstraintError"), "{message}")
        }
        other => panic!("expected a ConstraintError, got {other:?}"),
    }
    let parts = store.load(DOC).await.unwrap();
    assert_eq!(parts.chunks.len(), 1);
    assert_eq!(parts.chunks[0].key, key.to_string());
    assert_eq!(parts.chunks[0].bytes, b"first");
}

#[wasm_bindgen_test]
fn chunk_keys_sort_in_generation_order_and_are_unique() {
    let keys: Vec<ChunkKey> = (0..2000).map(|_| ChunkKey::generate()).collect();
    for pair in keys.windows(2) {
        assert!(pair[0] < pair[1], "{} !< {}", pair[0], pair[1]);
    }
    assert_eq!(
        ChunkKey::from_parts(1_700_000_000_123, 10, [0, 0, 0, 0, 0, 0, 1, 255]).as_str(),
        "001700000000123-0000000a-00000000000001ff"
    );
    // The millisecond part dominates the order.
    assert!(ChunkKey::from_parts(999, u32::MAX, [255; 8]) < ChunkKey::from_parts(1000, 0, [0; 8]));
}

#[wasm_bindgen_test]
async fn deleting_the_database_closes_open_stores() {
    let name = "kenesh-test-delete";
    let store = fresh_store(name).await;
    store.append_chunk(DOC, b"x").await.unwrap();

    // The open store closes itself on `versionchange`, so the deletion is not blocked.
    delete_database(name).await.unwrap();
    assert_eq!(store.append_chunk(DOC, b"y").await, Err(StoreError::Closed));
    assert_eq!(store.load(DOC).await, Err(StoreError::Closed));

    let reopened = DocStore::open(name).await.unwrap();
    assert!(reopened.load(DOC).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn deletion_blocked_by_a_connection_that_stays_open() {
    let name = "kenesh-test-blocked";
    drop(fresh_store(name).await);

    // A connection that, unlike DocStore, ignores `versionchange` (an old tab).
    let factory: web_sys::IdbFactory = js_sys::Reflect::get(&js_sys::global(), &"indexedDB".into())
        .unwrap()
        .unchecked_into();
    let request = factory.open(name).unwrap();
    let opened = js_sys::Promise::new(&mut |resolve, _| request.set_onsuccess(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(opened).await.unwrap();
    let old_tab: web_sys::IdbDatabase = request.result().unwrap().unchecked_into();

    assert_eq!(delete_database(name).await, Err(StoreError::Blocked));
    old_tab.close();
}

#[wasm_bindgen_test]
fn quota_errors_are_recognised() {
    let quota =
        web_sys::DomException::new_with_message_and_name("full", "QuotaExceededError").unwrap();
    assert_eq!(StoreError::from_js(&quota), StoreError::QuotaExceeded);
    let other = web_sys::DomException::new_with_message_and_name("bad", "DataError").unwrap();
    assert_eq!(
        StoreError::from_js(&other),
        StoreError::Other("DataError: bad".into())
    );
}

#[wasm_bindgen_test]
async fn a_view_is_current_only_while_exactly_its_parts_are_stored() {
    let name = "kenesh-test-views";
    let store = fresh_store(name).await;
    let mut doc = AutoCommit::new();
    doc.put(ROOT, "a", 1).unwrap();
    store
        .append_chunk(DOC, &doc.save_incremental())
        .await
        .unwrap();
    let parts = store.load(DOC).await.unwrap();
    assert_eq!(parts.view, None);
    assert_eq!(parts.current_view(), None);

    store
        .put_view(DOC, &parts.part_keys(), b"records as of a")
        .await
        .unwrap();
    let read = store.load(DOC).await.unwrap();
    assert_eq!(read.current_view(), Some(&b"records as of a"[..]));
    // Another document's view is its own.
    assert_eq!(store.load("space").await.unwrap().view, None);

    // A chunk written after the view makes it stale (still stored, no longer current).
    doc.put(ROOT, "b", 2).unwrap();
    store
        .append_chunk(DOC, &doc.save_incremental())
        .await
        .unwrap();
    let later = store.load(DOC).await.unwrap();
    assert!(later.view.is_some());
    assert_eq!(later.current_view(), None);

    // So does a compaction, even one that replaces exactly the same changes.
    store
        .put_view(DOC, &later.part_keys(), b"records as of b")
        .await
        .unwrap();
    assert!(store.load(DOC).await.unwrap().current_view().is_some());
    store
        .compact(DOC, later.snapshot_key(), &doc.save(), &later.chunk_keys())
        .await
        .unwrap();
    let compacted = store.load(DOC).await.unwrap();
    assert_eq!(compacted.current_view(), None);
    // A new view replaces the old one.
    store
        .put_view(DOC, &compacted.part_keys(), b"records after compaction")
        .await
        .unwrap();
    assert_eq!(
        store.load(DOC).await.unwrap().current_view(),
        Some(&b"records after compaction"[..])
    );
}

#[wasm_bindgen_test]
async fn parts_are_read_again_without_the_views() {
    let store = fresh_store("kenesh-test-parts-only").await;
    store.append_chunk(DOC, b"one").await.unwrap();
    store.append_chunk(DOC, b"two").await.unwrap();
    let keys = store.load(DOC).await.unwrap().part_keys();
    store.put_view(DOC, &keys, b"the view").await.unwrap();
    assert_eq!(
        store.load_many(&[DOC]).await.unwrap()[0].current_view(),
        Some(&b"the view"[..])
    );

    let parts = store.load_parts(&[DOC, "space"]).await.unwrap();
    assert_eq!(parts[0].part_keys(), keys);
    assert_eq!(parts[0].chunks[1].bytes, b"two");
    assert_eq!(parts[0].view, None);
    assert!(parts[1].is_empty());
}
