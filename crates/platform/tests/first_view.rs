//! The first screen's views copied into localStorage: written by the app, decoded by the
//! page's early script, forgotten before any part of their document is stored. In headless
//! Chromium with real localStorage and IndexedDB.
#![cfg(target_arch = "wasm32")]

use js_sys::Function;
use kenesh_platform::{DocStore, StoredView, delete_database, early_open, first_view, prefs};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Runs the page's early script, which decodes the copies of the database opened last.
fn run_early_script() {
    Function::new_no_args(early_open::SCRIPT)
        .call0(&JsValue::NULL)
        .expect("the script runs");
}

/// A fresh database, which the early script will read next.
async fn fresh_store(name: &str) -> DocStore {
    delete_database(name).await.unwrap();
    DocStore::open(name).await.unwrap()
}

fn copied(db: &str, doc: &str) -> bool {
    prefs::get::<serde_json::Value>(&format!("first-view.{db}/{doc}"))
        .unwrap()
        .is_some()
}

fn parts(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

#[wasm_bindgen_test]
async fn a_copy_comes_back_whole_through_the_page_script_once() {
    let db = "kenesh-first-view-round-trip";
    let _store = fresh_store(db).await;
    let mut bytes: Vec<u8> = (0..=255).collect();
    bytes.extend("Үсөнов Таалай, Өмүрова Гүлзат, Жаңыл".as_bytes());
    let keys = parts(&["snapshot-1", "chunk-2"]);
    first_view::put(db, "people", &keys, &bytes).unwrap();
    first_view::put(db, "space", &parts(&[]), b"space view").unwrap();

    run_early_script();
    assert_eq!(first_view::take("kenesh-another-space", "people"), None);
    assert_eq!(
        first_view::take(db, "people"),
        Some(StoredView { parts: keys, bytes })
    );
    assert_eq!(first_view::take(db, "people"), None, "taken once");
    assert_eq!(
        first_view::take(db, "space").map(|v| v.bytes),
        Some(b"space view".to_vec())
    );
    assert_eq!(first_view::take(db, "plans"), None);
}

#[wasm_bindgen_test]
async fn storing_a_part_forgets_the_copy_of_that_document_only() {
    let db = "kenesh-first-view-forgotten";
    let store = fresh_store(db).await;
    first_view::put(db, "people", &parts(&[]), b"people").unwrap();
    first_view::put(db, "space", &parts(&[]), b"space").unwrap();

    store.append_chunk("people", b"a chunk").await.unwrap();
    assert!(
        !copied(db, "people"),
        "appending a chunk forgets the copy first"
    );
    assert!(copied(db, "space"));

    let stored = store.load("space").await.unwrap();
    store
        .compact(
            "space",
            stored.snapshot_key(),
            b"a snapshot",
            &stored.chunk_keys(),
        )
        .await
        .unwrap();
    assert!(!copied(db, "space"), "compacting forgets the copy first");
}

#[wasm_bindgen_test]
async fn deleting_a_database_forgets_its_copies_and_no_other() {
    let (one, two) = ("kenesh-first-view-one", "kenesh-first-view-two");
    drop(fresh_store(one).await);
    drop(fresh_store(two).await);
    for db in [one, two] {
        first_view::put(db, "people", &parts(&[]), b"people").unwrap();
        first_view::put(db, "space", &parts(&[]), b"space").unwrap();
    }
    delete_database(one).await.unwrap();
    assert!(!copied(one, "people") && !copied(one, "space"));
    assert!(copied(two, "people") && copied(two, "space"));
}

#[wasm_bindgen_test]
async fn a_view_too_large_is_not_copied_and_the_older_copy_goes() {
    let db = "kenesh-first-view-large";
    let _store = fresh_store(db).await;
    first_view::put(db, "people", &parts(&[]), b"small").unwrap();
    let large = vec![7u8; first_view::MAX_BYTES + 1];
    first_view::put(db, "people", &parts(&["chunk"]), &large).unwrap();
    assert!(!copied(db, "people"));
}

#[wasm_bindgen_test]
async fn a_copy_that_cannot_be_read_is_skipped_and_the_others_are_read() {
    let db = "kenesh-first-view-unreadable";
    let _store = fresh_store(db).await;
    first_view::put(db, "people", &parts(&["chunk"]), b"people").unwrap();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let key = |doc: &str| prefs::key(&format!("first-view.{db}/{doc}"));
    storage.set_item(&key("space"), "{not json").unwrap();
    storage
        .set_item(&key("plans"), r#"{"parts":[],"view":"%% not base64"}"#)
        .unwrap();
    storage
        .set_item(&key("meetings"), r#"{"parts":[1],"view":""}"#)
        .unwrap();

    run_early_script();
    for doc in ["space", "plans", "meetings"] {
        assert_eq!(first_view::take(db, doc), None, "{doc}");
    }
    assert_eq!(
        first_view::take(db, "people").map(|v| v.bytes),
        Some(b"people".to_vec())
    );
}
