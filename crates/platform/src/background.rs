//! What a background task needs from the browser: waiting with a timeout that can be cut
//! short ([`Alarm`]), one tab at a time doing a job ([`hold_lock`], Web Locks), and whether
//! the browser thinks it is online.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A wait that ends after a timeout or as soon as someone rings. A ring while nobody waits
/// is kept: the next wait returns at once.
#[derive(Clone, Default)]
pub struct Alarm {
    inner: Rc<AlarmInner>,
}

#[derive(Default)]
struct AlarmInner {
    resolve: RefCell<Option<Function>>,
    rung: Cell<bool>,
}

impl Alarm {
    pub fn new() -> Alarm {
        Alarm::default()
    }

    /// Ends the current wait, or the next one.
    pub fn ring(&self) {
        match self.inner.resolve.borrow_mut().take() {
            Some(resolve) => {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
            None => self.inner.rung.set(true),
        }
    }

    /// Waits `timeout_ms` or until [`Alarm::ring`]. Returns true if it was rung.
    pub async fn wait(&self, timeout_ms: u32) -> bool {
        if self.inner.rung.replace(false) {
            return true;
        }
        let mut slot: Option<Function> = None;
        let promise = Promise::new(&mut |resolve, _| slot = Some(resolve));
        let resolve = slot.expect("the Promise executor runs synchronously");
        *self.inner.resolve.borrow_mut() = Some(resolve.clone());
        let timer = Closure::once(move || {
            let _ = resolve.call1(&JsValue::UNDEFINED, &JsValue::from_str("timeout"));
        });
        let handle = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                timer.as_ref().unchecked_ref(),
                timeout_ms.min(i32::MAX as u32) as i32,
            )
            .ok()
        });
        let result = JsFuture::from(promise).await;
        if let (Some(w), Some(h)) = (web_sys::window(), handle) {
            w.clear_timeout_with_handle(h);
        }
        drop(timer);
        self.inner.resolve.borrow_mut().take();
        !matches!(
            result.ok().and_then(|v| v.as_string()).as_deref(),
            Some("timeout")
        )
    }
}

/// Sleeps `ms` milliseconds.
pub async fn sleep(ms: u32) {
    Alarm::new().wait(ms).await;
}

/// A Web Lock held until this is dropped.
pub struct LockGuard {
    release: Option<Function>,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        if let Some(release) = self.release.take() {
            let _ = release.call0(&JsValue::UNDEFINED);
        }
    }
}

/// Waits until this tab holds the exclusive Web Lock `name` (`navigator.locks`): one tab
/// of the browser at a time gets past this; the next one when the holder drops its guard
/// or closes. In a browser without Web Locks every caller gets a guard at once.
pub async fn hold_lock(name: &str) -> LockGuard {
    let locks = web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &"locks".into()).ok())
        .filter(|l| !l.is_undefined() && !l.is_null());
    let Some(locks) = locks else {
        return LockGuard { release: None };
    };
    let request = Reflect::get(&locks, &"request".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    let Some(request) = request else {
        return LockGuard { release: None };
    };
    // `granted` resolves with a function that releases the lock: the callback returns a
    // promise that stays pending until that function is called.
    let mut granted_slot: Option<Function> = None;
    let granted = Promise::new(&mut |resolve, _| granted_slot = Some(resolve));
    let granted_resolve = granted_slot.expect("the Promise executor runs synchronously");
    let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        let mut release_slot: Option<Function> = None;
        let held = Promise::new(&mut |resolve, _| release_slot = Some(resolve));
        let release = release_slot.expect("the Promise executor runs synchronously");
        let _ = granted_resolve.call1(&JsValue::UNDEFINED, &release);
        held.into()
    });
    if request
        .call2(&locks, &JsValue::from_str(name), &callback)
        .is_err()
    {
        return LockGuard { release: None };
    }
    let release = JsFuture::from(granted)
        .await
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    LockGuard { release }
}

/// `navigator.onLine`: false means certainly offline; true means maybe online.
pub fn online() -> bool {
    web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &"onLine".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}
