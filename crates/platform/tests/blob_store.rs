//! The blob store (attached files, #5) against real IndexedDB in headless Chromium: a blob
//! round-trips with its meta and text, survives reopening, lives in the space's database
//! beside the documents (whose version-2 data the upgrade keeps), removed blobs leave
//! nothing, and a write that fails
//! with a quota error inside its transaction leaves nothing of the blob stored.
#![cfg(target_arch = "wasm32")]

use js_sys::Promise;
use kenesh_platform::{BlobMeta, BlobStore, DocStore, StoreError, delete_database};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Deterministic bytes of a given length (a fixed-seed generator).
fn bytes(seed: u32, len: usize) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect()
}

fn meta(id: &str, size: usize) -> BlobMeta {
    BlobMeta {
        id: id.to_string(),
        sealed: Some(format!("{id}-sealed")),
        size: size as u64,
        uploaded: false,
        stored_ms: Some(1_764_000_000_000 + size as u64),
    }
}

/// Runs JavaScript that returns a promise, and waits for it.
async fn js(code: &str) -> JsValue {
    let promise: Promise = js_sys::eval(code).unwrap().unchecked_into();
    JsFuture::from(promise).await.unwrap()
}

#[wasm_bindgen_test]
async fn a_blob_round_trips_with_its_meta_and_text_and_survives_reopening() {
    let name = "kenesh-test-blobs-roundtrip";
    delete_database(name).await.unwrap();
    let store = BlobStore::open(name).await.unwrap();
    assert_eq!(store.bytes("a").await.unwrap(), None);
    assert_eq!(store.metas().await.unwrap(), vec![]);

    let big = bytes(1, 3 * 1024 * 1024);
    let small = bytes(2, 1000);
    store
        .put(
            &meta("a", big.len()),
            &big,
            Some("Буйрук № 15-П: окуу планы"),
        )
        .await
        .unwrap();
    store
        .put(&meta("b", small.len()), &small, None)
        .await
        .unwrap();
    drop(store);

    let store = BlobStore::open(name).await.unwrap();
    assert_eq!(store.bytes("a").await.unwrap().as_deref(), Some(&big[..]));
    assert_eq!(store.bytes("b").await.unwrap().as_deref(), Some(&small[..]));
    let mut metas = store.metas().await.unwrap();
    metas.sort_by(|x, y| x.id.cmp(&y.id));
    assert_eq!(metas, vec![meta("a", big.len()), meta("b", small.len())]);
    assert_eq!(
        store.texts().await.unwrap(),
        vec![("a".to_string(), "Буйрук № 15-П: окуу планы".to_string())]
    );

    store.mark_uploaded(&metas[0]).await.unwrap();
    let metas = store.metas().await.unwrap();
    let a = metas.iter().find(|m| m.id == "a").unwrap();
    assert!(a.uploaded);
    assert_eq!(a.sealed.as_deref(), Some("a-sealed"));
    assert!(!metas.iter().find(|m| m.id == "b").unwrap().uploaded);
    assert_eq!(
        a.stored_ms,
        meta("a", big.len()).stored_ms,
        "kept by the upload mark"
    );
}

#[wasm_bindgen_test]
async fn removed_blobs_leave_nothing_and_the_others_stay() {
    let name = "kenesh-test-blobs-remove";
    delete_database(name).await.unwrap();
    let store = BlobStore::open(name).await.unwrap();
    for (id, seed) in [("a", 6), ("b", 7), ("c", 8)] {
        let b = bytes(seed, 5000);
        store
            .put(&meta(id, b.len()), &b, Some(&format!("текст {id}")))
            .await
            .unwrap();
    }
    store
        .remove(&["a".to_string(), "c".to_string()])
        .await
        .unwrap();
    drop(store);

    let store = BlobStore::open(name).await.unwrap();
    assert_eq!(store.bytes("a").await.unwrap(), None);
    assert_eq!(store.bytes("c").await.unwrap(), None);
    assert_eq!(store.bytes("b").await.unwrap(), Some(bytes(7, 5000)));
    assert_eq!(store.metas().await.unwrap(), vec![meta("b", 5000)]);
    assert_eq!(
        store.texts().await.unwrap(),
        vec![("b".to_string(), "текст b".to_string())]
    );
    // A blob stored by an earlier version, without the time it was stored, reads as such.
    js(&format!(
        r#"new Promise((ok, fail) => {{
            const r = indexedDB.open("{name}");
            r.onsuccess = () => {{
                const tx = r.result.transaction("blob_meta", "readwrite");
                tx.objectStore("blob_meta").put({{ id: "old", sealed: null, size: 3, uploaded: true }});
                tx.oncomplete = () => {{ r.result.close(); ok(true); }};
                tx.onerror = () => fail(tx.error);
            }};
            r.onerror = () => fail(r.error);
        }})"#
    ))
    .await;
    let old = store
        .metas()
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.id == "old");
    assert_eq!(old.map(|m| m.stored_ms), Some(None));
}

#[wasm_bindgen_test]
async fn the_upgrade_keeps_the_documents_of_a_version_2_database() {
    let name = "kenesh-test-blobs-upgrade";
    delete_database(name).await.unwrap();
    // A database as version 2 of the document store left it, with one chunk.
    js(&format!(
        r#"new Promise((ok, fail) => {{
            const r = indexedDB.open("{name}", 2);
            r.onupgradeneeded = () => {{
                r.result.createObjectStore("snapshots", {{ keyPath: "doc" }});
                r.result.createObjectStore("chunks", {{ keyPath: ["doc", "key"] }});
                r.result.createObjectStore("views", {{ keyPath: "doc" }});
            }};
            r.onsuccess = () => {{
                const tx = r.result.transaction("chunks", "readwrite");
                tx.objectStore("chunks").put({{ doc: "people", key: "k1", bytes: new Uint8Array([1, 2, 3]) }});
                tx.oncomplete = () => {{ r.result.close(); ok(true); }};
                tx.onerror = () => fail(tx.error);
            }};
            r.onerror = () => fail(r.error);
        }})"#
    ))
    .await;

    // Opening the blob store first upgrades the database; the chunk is still there.
    let blobs = BlobStore::open(name).await.unwrap();
    let one = bytes(3, 10);
    blobs.put(&meta("x", one.len()), &one, None).await.unwrap();
    let docs = DocStore::open(name).await.unwrap();
    let parts = docs.load("people").await.unwrap();
    assert_eq!(parts.chunks.len(), 1);
    assert_eq!(parts.chunks[0].bytes, vec![1, 2, 3]);
    // Both stores work on one database at the same time.
    docs.append_chunk("people", &[4, 5]).await.unwrap();
    assert_eq!(docs.load("people").await.unwrap().chunks.len(), 2);
    assert_eq!(blobs.bytes("x").await.unwrap(), Some(one));
}

#[wasm_bindgen_test]
async fn a_quota_error_inside_the_write_leaves_nothing_of_the_blob() {
    let name = "kenesh-test-blobs-quota";
    delete_database(name).await.unwrap();
    let store = BlobStore::open(name).await.unwrap();
    let kept = bytes(4, 2000);
    store
        .put(&meta("kept", kept.len()), &kept, Some("kept"))
        .await
        .unwrap();

    // The browser refuses the last write of the transaction (the text) as over quota,
    // after the bytes and the meta were already written in it.
    js(r#"(async () => {
        const put = IDBObjectStore.prototype.put;
        globalThis.__realPut = put;
        IDBObjectStore.prototype.put = function (value, key) {
            if (this.name === "blob_texts") {
                throw new DOMException("the quota is exhausted", "QuotaExceededError");
            }
            return put.call(this, value, key);
        };
    })()"#)
    .await;
    let big = bytes(5, 1024 * 1024);
    let result = store.put(&meta("big", big.len()), &big, Some("text")).await;
    js(r#"(async () => { IDBObjectStore.prototype.put = globalThis.__realPut; })()"#).await;
    assert_eq!(result, Err(StoreError::QuotaExceeded));

    // Nothing of it: no bytes, no meta, no text; the earlier blob is as it was.
    assert_eq!(store.bytes("big").await.unwrap(), None);
    let metas = store.metas().await.unwrap();
    assert_eq!(metas, vec![meta("kept", kept.len())]);
    assert_eq!(
        store.texts().await.unwrap(),
        vec![("kept".to_string(), "kept".to_string())]
    );
    assert_eq!(store.bytes("kept").await.unwrap(), Some(kept));
    // And the store still takes the blob once there is room.
    store
        .put(&meta("big", big.len()), &big, None)
        .await
        .unwrap();
    assert_eq!(store.bytes("big").await.unwrap(), Some(big));
}
