//! The sync engine's state store and the background helpers, against real IndexedDB and
//! Web Locks in headless Chromium.
#![cfg(target_arch = "wasm32")]

use kenesh_platform::{Alarm, SyncStore, delete_database, hold_lock, sleep};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) -> SyncStore {
    delete_database(name).await.expect("delete old database");
    SyncStore::open(name).await.expect("open sync store")
}

#[wasm_bindgen_test]
async fn values_round_trip_and_survive_reopening() {
    let name = "kenesh-test-sync-roundtrip";
    let store = fresh(name).await;
    assert_eq!(store.get("engine").await.unwrap(), None);
    store.put("engine", b"{\"cursor\":7}").await.unwrap();
    store.put("snapshot-seq", b"5").await.unwrap();
    assert_eq!(
        store.get("engine").await.unwrap().as_deref(),
        Some(&b"{\"cursor\":7}"[..])
    );
    // Replacing a value keeps only the new one.
    store.put("engine", b"{\"cursor\":9}").await.unwrap();
    drop(store);

    let store = SyncStore::open(name).await.unwrap();
    assert_eq!(
        store.get("engine").await.unwrap().as_deref(),
        Some(&b"{\"cursor\":9}"[..])
    );
    assert_eq!(
        store.get("snapshot-seq").await.unwrap().as_deref(),
        Some(&b"5"[..])
    );
    store.delete("snapshot-seq").await.unwrap();
    assert_eq!(store.get("snapshot-seq").await.unwrap(), None);
    // Deleting what is not there is fine.
    store.delete("snapshot-seq").await.unwrap();
}

#[wasm_bindgen_test]
async fn a_write_sets_and_clears_together() {
    let store = fresh("kenesh-test-sync-write").await;
    store
        .put("applying", b"{\"from\":3,\"to\":4}")
        .await
        .unwrap();
    store
        .write(&[("engine", Some(&b"state"[..])), ("applying", None)])
        .await
        .unwrap();
    assert_eq!(
        store.get("engine").await.unwrap().as_deref(),
        Some(&b"state"[..])
    );
    assert_eq!(store.get("applying").await.unwrap(), None);
    // Empty values and binary bytes are kept as they are.
    let binary: Vec<u8> = (0..=255).collect();
    store
        .write(&[("empty", Some(&[][..])), ("binary", Some(&binary[..]))])
        .await
        .unwrap();
    assert_eq!(store.get("empty").await.unwrap(), Some(Vec::new()));
    assert_eq!(store.get("binary").await.unwrap(), Some(binary));
}

#[wasm_bindgen_test]
async fn a_deleted_database_closes_the_store() {
    let name = "kenesh-test-sync-deleted";
    let store = fresh(name).await;
    store.put("engine", b"x").await.unwrap();
    // Deleting the database from elsewhere closes this connection instead of blocking.
    delete_database(name).await.unwrap();
    assert_eq!(
        store.get("engine").await,
        Err(kenesh_platform::StoreError::Closed)
    );
    let store = SyncStore::open(name).await.unwrap();
    assert_eq!(store.get("engine").await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn an_alarm_wakes_a_wait_early_and_keeps_an_early_ring() {
    let alarm = Alarm::new();
    let start = js_sys::Date::now();
    assert!(!alarm.wait(30).await, "a wait nobody rings times out");
    assert!(js_sys::Date::now() - start >= 25.0);

    let ringer = alarm.clone();
    wasm_bindgen_futures::spawn_local(async move {
        sleep(20).await;
        ringer.ring();
    });
    let start = js_sys::Date::now();
    assert!(alarm.wait(10_000).await, "rung");
    assert!(js_sys::Date::now() - start < 5_000.0);

    // A ring while nobody waits ends the next wait at once.
    alarm.ring();
    let start = js_sys::Date::now();
    assert!(alarm.wait(10_000).await);
    assert!(js_sys::Date::now() - start < 5_000.0);
}

#[wasm_bindgen_test]
async fn one_holder_of_a_lock_at_a_time() {
    let first = hold_lock("kenesh-test-lock").await;
    let second_got_it = Rc::new(Cell::new(false));
    let flag = second_got_it.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let _guard = hold_lock("kenesh-test-lock").await;
        flag.set(true);
    });
    sleep(100).await;
    assert!(!second_got_it.get(), "the lock is still held");
    drop(first);
    for _ in 0..50 {
        if second_got_it.get() {
            break;
        }
        sleep(20).await;
    }
    assert!(
        second_got_it.get(),
        "the next waiter gets the lock once it is released"
    );
}
