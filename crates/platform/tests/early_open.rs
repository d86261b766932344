//! The space's database opened by the page's early script, before the wasm runs, and taken
//! over by the first `DocStore::open` of it: in headless Chromium with real IndexedDB.
#![cfg(target_arch = "wasm32")]

use js_sys::{Function, Promise, Reflect};
use kenesh_platform::{DocStore, delete_database, early_open};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{IdbDatabase, IdbTransactionMode};

wasm_bindgen_test_configure!(run_in_browser);

/// Runs the script as the page does, and returns the promise it left for the app.
async fn run_early_script() -> Option<Promise> {
    Function::new_no_args(early_open::SCRIPT)
        .call0(&JsValue::NULL)
        .expect("the script runs");
    let window = web_sys::window().unwrap();
    Reflect::get(&window, &"keneshEarlyOpen".into())
        .ok()
        .and_then(|p| p.dyn_into::<Promise>().ok())
}

fn still_open(db: &IdbDatabase) -> bool {
    db.transaction_with_str_and_mode("chunks", IdbTransactionMode::Readonly)
        .is_ok()
}

fn pending_promise() -> bool {
    let window = web_sys::window().unwrap();
    Reflect::get(&window, &"keneshEarlyOpen".into()).is_ok_and(|v| !v.is_undefined())
}

#[wasm_bindgen_test]
async fn the_first_open_takes_the_connection_the_page_opened() {
    let name = "kenesh-early-open-taken";
    delete_database(name).await.unwrap();
    let store = DocStore::open(name).await.unwrap();
    store.append_chunk("people", b"one").await.unwrap();
    drop(store);

    let promise = run_early_script()
        .await
        .expect("the opened database is remembered");
    let early: IdbDatabase = JsFuture::from(promise).await.unwrap().dyn_into().unwrap();
    assert_eq!(early.name(), name);

    let store = DocStore::open(name).await.unwrap();
    assert!(!pending_promise(), "the promise is taken");
    assert!(still_open(&early), "the store uses the early connection");
    let parts = store.load("people").await.unwrap();
    assert_eq!(parts.chunks.len(), 1);
    assert_eq!(parts.chunks[0].bytes, b"one");
    drop(store);
    assert!(!still_open(&early), "dropping the store closes it");
}

#[wasm_bindgen_test]
async fn another_database_gets_its_own_connection_and_the_early_one_is_closed() {
    let remembered = "kenesh-early-open-remembered";
    let other = "kenesh-early-open-other";
    delete_database(remembered).await.unwrap();
    delete_database(other).await.unwrap();
    drop(DocStore::open(other).await.unwrap());
    drop(DocStore::open(remembered).await.unwrap());

    let promise = run_early_script().await.unwrap();
    let early: IdbDatabase = JsFuture::from(promise).await.unwrap().dyn_into().unwrap();
    let store = DocStore::open(other).await.unwrap();
    assert!(!still_open(&early), "a connection nobody takes is closed");
    store.append_chunk("people", b"two").await.unwrap();
    // The closed early connection does not block deleting or upgrading the database.
    delete_database(remembered).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_remembered_database_that_is_gone_is_not_created_by_the_script() {
    let name = "kenesh-early-open-gone";
    drop(DocStore::open(name).await.unwrap());
    delete_database(name).await.unwrap();

    let promise = run_early_script().await.unwrap();
    let answer = JsFuture::from(promise).await.unwrap();
    assert!(
        answer.is_null(),
        "no connection to a database that does not exist"
    );

    // The app creates it with its stores, as on a first run.
    let store = DocStore::open(name).await.unwrap();
    store.append_chunk("people", b"three").await.unwrap();
    assert_eq!(store.load("people").await.unwrap().chunks.len(), 1);
}

#[wasm_bindgen_test]
async fn the_first_load_returns_what_the_script_read_and_later_loads_read_again() {
    let name = "kenesh-early-open-read";
    delete_database(name).await.unwrap();
    let store = DocStore::open(name).await.unwrap();
    let one = store.append_chunk("people", b"one").await.unwrap();
    let key = store
        .compact("people", None, b"snapshot", &[one])
        .await
        .unwrap();
    store.append_chunk("people", b"two").await.unwrap();
    store.append_chunk("people", b"three").await.unwrap();
    store.append_chunk("space", b"space").await.unwrap();
    let parts = store.load("people").await.unwrap().part_keys();
    store.put_view("people", &parts, b"view").await.unwrap();
    let expected = store
        .load_many(&["space", "people", "plans"])
        .await
        .unwrap();

    // The page starts: the script opens and reads. Then another tab writes, before the app
    // has taken the connection.
    let promise = run_early_script().await.unwrap();
    let early_db = JsFuture::from(promise).await.unwrap();
    let read = Reflect::get(&early_db, &"keneshEarlyRead".into()).unwrap();
    JsFuture::from(read.dyn_into::<Promise>().unwrap())
        .await
        .unwrap();
    store.append_chunk("space", b"later").await.unwrap();

    let app = DocStore::open(name).await.unwrap();
    let early = app.load_many(&["space", "people", "plans"]).await.unwrap();
    assert_eq!(early, expected, "the first load is what the script read");
    assert_eq!(early[1].snapshot_key(), Some(key.as_str()));
    assert_eq!(early[1].chunks.len(), 2, "the compacted chunk is not read");
    assert_eq!(early[1].current_view(), Some(&b"view"[..]));
    assert!(early[2].is_empty());

    let later = app.load("space").await.unwrap();
    assert_eq!(
        later.chunks.len(),
        2,
        "a later load reads the database again"
    );
}
