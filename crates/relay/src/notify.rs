//! Telling open WebSockets that a space changed: one `watch` channel per space with a
//! listener, carrying the log's head and a count of revocations.
//!
//! Publishing happens after the change is committed, and a listener subscribes before it
//! reads the head from the store, so no growth can slip between the two.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::watch;

/// What a space's listeners watch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Signal {
    /// The highest head published (a listener may have read a higher one from the store).
    pub head: u64,
    /// Bumped whenever a member of the space is revoked.
    pub revocations: u64,
}

/// Channels of the spaces that have listeners right now, and the relay's shutdown.
#[derive(Debug, Clone)]
pub(crate) struct Hub {
    spaces: Arc<Mutex<HashMap<i64, watch::Sender<Signal>>>>,
    closing: Arc<watch::Sender<bool>>,
}

impl Default for Hub {
    fn default() -> Self {
        Self {
            spaces: Arc::default(),
            closing: Arc::new(watch::channel(false).0),
        }
    }
}

/// A listener on one space; unsubscribes when dropped.
#[derive(Debug)]
pub(crate) struct Subscription {
    hub: Hub,
    space: i64,
    receiver: Option<watch::Receiver<Signal>>,
}

impl Hub {
    fn lock(&self) -> MutexGuard<'_, HashMap<i64, watch::Sender<Signal>>> {
        self.spaces.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn subscribe(&self, space: i64) -> Subscription {
        let receiver = self
            .lock()
            .entry(space)
            .or_insert_with(|| watch::channel(Signal::default()).0)
            .subscribe();
        Subscription {
            hub: self.clone(),
            space,
            receiver: Some(receiver),
        }
    }

    /// The log of `space` now ends at `head`.
    pub(crate) fn grew(&self, space: i64, head: u64) {
        if let Some(sender) = self.lock().get(&space) {
            sender.send_if_modified(|signal| {
                let grew = head > signal.head;
                signal.head = signal.head.max(head);
                grew
            });
        }
    }

    /// A member of `space` was revoked: listeners check whether it was theirs.
    pub(crate) fn revoked(&self, space: i64) {
        if let Some(sender) = self.lock().get(&space) {
            sender.send_modify(|signal| signal.revocations += 1);
        }
    }

    /// The relay is shutting down: every listener closes its socket.
    pub(crate) fn shut_down(&self) {
        self.closing.send_replace(true);
    }

    /// Resolves once the relay is shutting down.
    pub(crate) fn closing(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut closing = self.closing.subscribe();
        async move {
            // An error means the hub is gone, which is a shutdown too.
            let _ = closing.wait_for(|closing| *closing).await;
        }
    }

    /// How many spaces have listeners (for tests).
    #[cfg(test)]
    fn spaces(&self) -> usize {
        self.lock().len()
    }
}

impl Subscription {
    /// Waits for the next change; `None` if the channel is gone (never while subscribed).
    pub(crate) async fn changed(&mut self) -> Option<Signal> {
        let receiver = self.receiver.as_mut()?;
        receiver.changed().await.ok()?;
        Some(*receiver.borrow_and_update())
    }

    /// The current signal, marking it seen.
    pub(crate) fn current(&mut self) -> Signal {
        self.receiver
            .as_mut()
            .map(|receiver| *receiver.borrow_and_update())
            .unwrap_or_default()
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let mut spaces = self.hub.lock();
        drop(self.receiver.take());
        if spaces
            .get(&self.space)
            .is_some_and(|sender| sender.receiver_count() == 0)
        {
            spaces.remove(&self.space);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn listeners_see_growth_and_revocations() {
        let hub = Hub::default();
        hub.grew(1, 5); // nobody listens: nothing kept
        assert_eq!(hub.spaces(), 0);
        let mut first = hub.subscribe(1);
        let mut other = hub.subscribe(2);
        assert_eq!(first.current(), Signal::default());
        hub.grew(1, 3);
        assert_eq!(first.changed().await.unwrap().head, 3);
        hub.grew(1, 2); // never goes back
        hub.revoked(1);
        assert_eq!(
            first.changed().await.unwrap(),
            Signal {
                head: 3,
                revocations: 1
            }
        );
        assert_eq!(other.current(), Signal::default());
        drop(first);
        assert_eq!(hub.spaces(), 1);
        drop(other);
        assert_eq!(hub.spaces(), 0);
    }

    #[tokio::test]
    async fn closing_resolves_after_shut_down() {
        let hub = Hub::default();
        let closing = hub.closing();
        hub.shut_down();
        closing.await;
        hub.closing().await; // also when asked after the fact
    }
}
