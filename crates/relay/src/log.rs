//! A space's log: pushing entries and pulling them after a cursor.
//!
//! - `POST /api/spaces/{space}/log` appends a batch of entries in one transaction and
//!   answers their sequence numbers only after the commit is on disk. Sequence numbers start
//!   at 1 and grow by one without gaps. A batch id seen before answers the numbers it got
//!   the first time and appends nothing (409 if the retry has a different entry count).
//! - `GET /api/spaces/{space}/log?after=N&limit=M` answers entries with `seq > N` in order,
//!   at most `M` (and at most `MAX_PULL`), stopping early once their ciphertext passes
//!   `MAX_PULL_BYTES` (always at least one entry), plus the head.

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::HeaderMap;
use kenesh_protocol::limits::{MAX_ENTRIES_PER_PUSH, MAX_ENTRY, MAX_PULL, MAX_PULL_BYTES};
use kenesh_protocol::{Entry, Pulled, PushEntries, Pushed, bytes};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use serde::Deserialize;

use crate::auth::{self, Need};
use crate::{AppError, AppState, body, ids};

pub(crate) async fn push(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    request: Request,
) -> Result<Json<Pushed>, AppError> {
    let Path(space) = path?;
    let space = ids::space(&space)?;
    let caller = auth::authorize_request(&state, space, &headers, Need::Member).await?;
    let push: PushEntries = body::json(request).await?;
    let batch = ids::batch(&push.batch)?.to_owned();
    if push.entries.is_empty() {
        return Err(AppError::bad("a push needs at least one entry"));
    }
    if push.entries.len() > MAX_ENTRIES_PER_PUSH {
        return Err(AppError::TooLarge("too many entries in one push"));
    }
    let entries = push
        .entries
        .iter()
        .map(|entry| {
            let data = ids::base64(entry, "entry")?;
            if data.len() > MAX_ENTRY {
                Err(AppError::TooLarge("entry too large"))
            } else {
                Ok(data)
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    let key = caller.space;
    let pushed = state
        .db()
        .write(move |connection| append(connection, key, &batch, &entries))
        .await?;
    state.hub().grew(key, pushed.last);
    tracing::debug!(member = %caller.member, first = pushed.first, last = pushed.last, "pushed");
    Ok(Json(pushed))
}

/// Appends `entries` as batch `batch` of the space with key `space`, in one transaction.
fn append(
    connection: &mut Connection,
    space: i64,
    batch: &str,
    entries: &[Vec<u8>],
) -> Result<Pushed, AppError> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let count = i64::try_from(entries.len()).map_err(AppError::internal)?;
    let earlier: Option<(i64, i64)> = transaction
        .query_row(
            "SELECT first, last FROM batches WHERE space = ?1 AND batch = ?2",
            (space, batch),
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    if let Some((first, last)) = earlier {
        return if last - first + 1 == count {
            Ok(pushed(first, last))
        } else {
            Err(AppError::Conflict(
                "this batch id was used for other entries",
            ))
        };
    }
    let head: i64 =
        transaction.query_row("SELECT head FROM spaces WHERE key = ?1", [space], |row| {
            row.get(0)
        })?;
    {
        let mut insert = transaction
            .prepare_cached("INSERT INTO entries (space, seq, data) VALUES (?1, ?2, ?3)")?;
        for (seq, data) in (head + 1..).zip(entries) {
            insert.execute((space, seq, data.as_slice()))?;
        }
    }
    let (first, last) = (head + 1, head + count);
    transaction.execute(
        "INSERT INTO batches (space, batch, first, last) VALUES (?1, ?2, ?3, ?4)",
        (space, batch, first, last),
    )?;
    transaction.execute("UPDATE spaces SET head = ?2 WHERE key = ?1", (space, last))?;
    transaction.commit()?;
    Ok(pushed(first, last))
}

fn pushed(first: i64, last: i64) -> Pushed {
    Pushed {
        first: first.unsigned_abs(),
        last: last.unsigned_abs(),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct PullQuery {
    #[serde(default)]
    after: u64,
    limit: Option<u32>,
}

pub(crate) async fn pull(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<PullQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Json<Pulled>, AppError> {
    let Path(space) = path?;
    let space = ids::space(&space)?;
    let Query(query) = query?;
    let caller = auth::authorize_request(&state, space, &headers, Need::Member).await?;
    let after = i64::try_from(query.after).unwrap_or(i64::MAX);
    let limit = query.limit.unwrap_or(MAX_PULL).min(MAX_PULL);
    let key = caller.space;
    let pulled = state
        .db()
        .read(move |connection| read(connection, key, after, limit))
        .await?;
    Ok(Json(pulled))
}

/// Entries of the space with key `space` after `after`, and its head, from one snapshot of
/// the store.
fn read(
    connection: &mut Connection,
    space: i64,
    after: i64,
    limit: u32,
) -> Result<Pulled, AppError> {
    let transaction = connection.transaction()?;
    let head: i64 =
        transaction.query_row("SELECT head FROM spaces WHERE key = ?1", [space], |row| {
            row.get(0)
        })?;
    let mut entries = Vec::new();
    {
        let mut select = transaction.prepare_cached(
            "SELECT seq, data FROM entries WHERE space = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
        )?;
        let mut rows = select.query((space, after, limit))?;
        let mut total = 0usize;
        while let Some(row) = rows.next()? {
            let seq: i64 = row.get(0)?;
            let data = row.get_ref(1)?.as_blob().map_err(AppError::internal)?;
            total = total.saturating_add(data.len());
            if total > MAX_PULL_BYTES && !entries.is_empty() {
                break;
            }
            entries.push(Entry {
                seq: seq.unsigned_abs(),
                data: bytes::encode(data),
            });
        }
    }
    transaction.commit()?;
    Ok(Pulled {
        entries,
        head: head.unsigned_abs(),
    })
}
