//! Joining a space from an invite link on a device that has none: join at the relay with a
//! fresh token, start from the latest snapshot and the entries after it, add this person
//! and device, store it all, then open the space.

use super::Failure;
use super::runner::{ENGINE, SNAPSHOT_SEQ};
use crate::store::{Identity, RelayLink, Status, remote};
use kenesh_core::crypto::{Invite, SpaceCipher};
use kenesh_core::id::{hex, new_id};
use kenesh_core::sync::SyncEngine;
use kenesh_core::{AppRole, Device, DocKind, Document, EditContext, Member};
use kenesh_platform::{RelayClient, RelayError, SyncStore, now_ms, random_bytes};
use kenesh_protocol::{JoinSpace, RelayRole, bytes};
use std::collections::HashMap;

/// Joins the space of the invite `payload` (the text after `#/join/`) as `name`.
pub async fn join(payload: &str, name: &str, role: AppRole, status: Status) -> Result<(), Failure> {
    let invite = Invite::parse(payload).map_err(|e| Failure::BadInvite(e.to_string()))?;
    let space = invite.space.to_hex();
    let token = bytes::encode(&random_bytes::<32>());
    let cipher = SpaceCipher::new(invite.space, &invite.key);
    let client = RelayClient::new(&invite.relay, &token);
    let joined = client
        .join(
            &space,
            &JoinSpace {
                invite: invite.secret_text(),
                token: token.clone(),
                label: super::sealed_label(&cipher, name),
            },
        )
        .await
        .map_err(|e| match e {
            RelayError::Refused {
                status: 403 | 404, ..
            } => Failure::InviteRefused,
            e => Failure::relay(e),
        })?;

    let actor: [u8; 16] = random_bytes();
    let mut docs: HashMap<DocKind, Document> = DocKind::ALL
        .into_iter()
        .map(|k| (k, Document::new(k, &actor)))
        .collect();
    let mut engine = SyncEngine::new(invite.space, &invite.key);
    let mut snapshot_seq = 0;
    if let Some(snapshot) = client.snapshot(&space).await.map_err(Failure::relay)? {
        engine
            .bootstrap(&mut docs, &snapshot)
            .map_err(|e| Failure::Refused(e.to_string()))?;
        snapshot_seq = snapshot.seq;
    }
    loop {
        let pulled = client
            .pull(&space, engine.cursor(), 500)
            .await
            .map_err(Failure::relay)?;
        let report = engine.apply_pulled(&mut docs, &pulled);
        if pulled.entries.is_empty() || !report.more() {
            break;
        }
    }

    let member_id = new_id(random_bytes());
    let ctx = EditContext {
        time_ms: now_ms() as i64,
    };
    let label = web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default();
    let space_doc = docs.get_mut(&DocKind::Space).expect("every kind is made");
    let member = Member {
        name: name.to_string(),
        role,
        staff_id: None,
        removed: None,
    };
    let device = Device {
        member_id: member_id.clone(),
        label,
        removed: None,
    };
    let added = space_doc
        .put(&member_id, &member, ctx)
        .and_then(|()| space_doc.put(&hex(&actor), &device, ctx));
    added.map_err(|e| Failure::Storage(e.to_string()))?;

    let identity = Identity {
        space_id: space,
        actor: hex(&actor),
        member_id,
        key: Some(bytes::encode(invite.key.as_bytes())),
        relay: Some(RelayLink {
            url: invite.relay.clone(),
            token,
            member: joined.member,
            admin: joined.role == RelayRole::Admin,
        }),
    };
    // The engine's state first: if the page dies before the identity is kept, this browser
    // simply has no space yet.
    let store = SyncStore::open(&identity.sync_db_name())
        .await
        .map_err(|e| Failure::Storage(e.to_string()))?;
    store
        .write(&[
            (ENGINE, Some(&engine.to_bytes())),
            (SNAPSHOT_SEQ, Some(snapshot_seq.to_string().as_bytes())),
        ])
        .await
        .map_err(|e| Failure::Storage(e.to_string()))?;
    drop(store);
    remote::create_joined(identity, docs, status)
        .await
        .map_err(Failure::Storage)
}
