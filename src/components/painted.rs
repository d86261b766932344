//! Work a screen can do a moment later (a count in the navigation, a filter's choices) waits
//! until the screen has been painted, so that the first screen comes sooner.

use leptos::prelude::*;

/// A signal that turns true once the next frame has been painted.
pub fn painted() -> ReadSignal<bool> {
    let painted = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        kenesh_platform::after_paint().await;
        painted.set(true);
    });
    painted.read_only()
}
