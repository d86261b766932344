//! A writer that keeps reading between its pushes.

use anyhow::Result;
use tokio::sync::{mpsc, oneshot};

use super::peer::DocPeer;
use crate::appends::Writer;

/// A writer on a task of its own, so that it keeps reading between pushes: the server
/// pings every peer and drops one that has not answered by its next ping (5 s), and a
/// socket only answers pings while it is read.
pub struct Pusher {
    requests: mpsc::Sender<oneshot::Sender<Result<()>>>,
}

impl Pusher {
    pub fn spawn(mut peer: DocPeer) -> Pusher {
        let (requests, mut receiver) = mpsc::channel::<oneshot::Sender<Result<()>>>(1);
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    request = receiver.recv() => {
                        let Some(reply) = request else { return };
                        let _ = reply.send(peer.append().await);
                    }
                    incoming = peer.next_for_doc() => {
                        let Ok(incoming) = incoming else { return };
                        if peer.absorb(incoming).await.is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Pusher { requests }
    }

    /// One change, confirmed by the server.
    pub async fn push(&self) -> Result<()> {
        let (reply, answer) = oneshot::channel();
        self.requests
            .send(reply)
            .await
            .map_err(|_| anyhow::anyhow!("the writer's connection ended"))?;
        answer.await?
    }
}
