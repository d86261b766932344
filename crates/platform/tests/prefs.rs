//! Preferences in the real localStorage of headless Chromium.
#![cfg(target_arch = "wasm32")]

use kenesh_platform::prefs::{self, PREFIX, Pref, PrefsError};

const LANGUAGE: Pref<String> = Pref::new("language");
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Device {
    actor: String,
    person: String,
    created_ms: u64,
}

fn raw_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn typed_preferences_round_trip_under_the_prefix() {
    const DEVICE: Pref<Device> = Pref::new("test.device");
    DEVICE.remove().unwrap();
    assert_eq!(DEVICE.get().unwrap(), None);

    let device = Device {
        actor: "a1b2c3".into(),
        person: "Айгуль Осмонова".into(),
        created_ms: 1_700_000_000_000,
    };
    DEVICE.set(&device).unwrap();
    assert_eq!(DEVICE.get().unwrap(), Some(device.clone()));
    assert_eq!(DEVICE.key(), "kenesh.test.device");

    // Stored as JSON under the prefixed key.
    let raw = raw_storage()
        .get_item("kenesh.test.device")
        .unwrap()
        .unwrap();
    let parsed: Device = serde_json::from_str(&raw).unwrap();
    assert_eq!(parsed, device);
    assert_eq!(raw_storage().get_item("test.device").unwrap(), None);

    DEVICE.remove().unwrap();
    assert_eq!(DEVICE.get().unwrap(), None);
    assert_eq!(raw_storage().get_item("kenesh.test.device").unwrap(), None);
}

#[wasm_bindgen_test]
fn untyped_helpers_read_what_typed_ones_write() {
    LANGUAGE.set(&"ky".to_string()).unwrap();
    assert_eq!(LANGUAGE.get().unwrap().as_deref(), Some("ky"));
    assert_eq!(
        prefs::get::<String>("language").unwrap().as_deref(),
        Some("ky")
    );
    assert_eq!(
        raw_storage()
            .get_item(&format!("{PREFIX}language"))
            .unwrap()
            .as_deref(),
        Some("\"ky\"")
    );

    prefs::set("test.numbers", &[1u32, 2, 3]).unwrap();
    assert_eq!(
        prefs::get::<Vec<u32>>("test.numbers").unwrap(),
        Some(vec![1, 2, 3])
    );
    prefs::remove("test.numbers").unwrap();
    assert_eq!(prefs::get::<Vec<u32>>("test.numbers").unwrap(), None);
    LANGUAGE.remove().unwrap();
}

#[wasm_bindgen_test]
fn invalid_stored_values_are_reported_not_hidden() {
    raw_storage()
        .set_item("kenesh.test.broken", "{not json")
        .unwrap();
    match prefs::get::<Device>("test.broken") {
        Err(PrefsError::Invalid { key, .. }) => assert_eq!(key, "kenesh.test.broken"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    // A value of another type is invalid too.
    prefs::set("test.broken", &42).unwrap();
    assert!(matches!(
        prefs::get::<Device>("test.broken"),
        Err(PrefsError::Invalid { .. })
    ));
    prefs::remove("test.broken").unwrap();
}
