//! Clock, randomness and `navigator.storage` in headless Chromium.
#![cfg(target_arch = "wasm32")]

use kenesh_platform::{fill_random, now_ms, persist, persisted, random_bytes, usage};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn random_bytes_are_random() {
    let a = random_bytes::<32>();
    let b = random_bytes::<32>();
    assert_ne!(a, b);
    assert_ne!(a, [0; 32]);

    // More than one getRandomValues call can fill (65536 bytes).
    let mut big = vec![0u8; 200_000];
    fill_random(&mut big);
    let zeros = big.iter().filter(|&&b| b == 0).count();
    assert!(zeros < 2_000, "{zeros} zero bytes out of 200000");
    assert!(big[150_000..].iter().any(|&b| b != 0));
}

#[wasm_bindgen_test]
fn the_clock_is_the_wall_clock() {
    let now = now_ms();
    // After 2023-11-14 and before 2100.
    assert!(now > 1_700_000_000_000, "{now}");
    assert!(now < 4_102_444_800_000, "{now}");
    assert!(now_ms() >= now);
}

#[wasm_bindgen_test]
async fn storage_estimate_and_persistence() {
    let estimate = usage().await.unwrap();
    assert!(estimate.quota > 0.0, "{estimate:?}");
    assert!(
        estimate.usage >= 0.0 && estimate.usage <= estimate.quota,
        "{estimate:?}"
    );
    assert!((0.0..=1.0).contains(&estimate.fraction()));

    // The browser decides; either answer is fine, but the two calls must agree.
    let granted = persist().await.unwrap();
    assert_eq!(persisted().await.unwrap(), granted);
}
