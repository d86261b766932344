//! Kenesh in the browser: `main` only mounts the app. Everything the user sees is in
//! `app`, `pages` and `components`; storage glue in `store`; texts in `i18n`.

// Natively only the texts build, for their tests; the rest is browser-only.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]

mod i18n;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod data;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod route;
#[cfg(target_arch = "wasm32")]
mod store;
#[cfg(target_arch = "wasm32")]
mod sync;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

/// The app runs only in a browser; natively this crate builds for its tests.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Kenesh runs in the browser: start it with `cargo xtask serve`.");
}
