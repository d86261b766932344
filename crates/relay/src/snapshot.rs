//! A space's one current snapshot (encrypted), covering the log up to its `seq`.
//!
//! - `PUT /api/spaces/{space}/snapshot` with [`PutSnapshot`]: 204 once stored, replacing the
//!   one before. 409 if `seq` is past the log's head or older than the current snapshot's;
//!   413 if the ciphertext is over `MAX_SNAPSHOT`.
//! - `GET /api/spaces/{space}/snapshot`: 200 [`Snapshot`], or 404 when there is none.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use kenesh_protocol::limits::MAX_SNAPSHOT;
use kenesh_protocol::{PutSnapshot, Snapshot, bytes};
use rusqlite::{OptionalExtension, TransactionBehavior};

use crate::auth::{self, Need};
use crate::{AppError, AppState, body, ids};

/// Largest body of a snapshot upload: `MAX_SNAPSHOT` bytes in base64 plus room for the JSON.
pub(crate) const MAX_SNAPSHOT_BODY: usize = MAX_SNAPSHOT.div_ceil(3) * 4 + 1024;

pub(crate) async fn put(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    request: Request,
) -> Result<StatusCode, AppError> {
    let Path(space) = path?;
    let space = ids::space(&space)?;
    let caller = auth::authorize_request(&state, space, &headers, Need::Member).await?;
    let snapshot: PutSnapshot = body::json(request).await?;
    let data = ids::base64(&snapshot.data, "snapshot data")?;
    if data.len() > MAX_SNAPSHOT {
        return Err(AppError::TooLarge("snapshot too large"));
    }
    let seq = i64::try_from(snapshot.seq)
        .map_err(|_| AppError::Conflict("the snapshot is past the log's head"))?;
    state
        .db()
        .write(move |connection| {
            let transaction =
                connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let head: i64 = transaction.query_row(
                "SELECT head FROM spaces WHERE key = ?1",
                [caller.space],
                |row| row.get(0),
            )?;
            if seq > head {
                return Err(AppError::Conflict("the snapshot is past the log's head"));
            }
            let current: Option<i64> = transaction
                .query_row(
                    "SELECT seq FROM snapshots WHERE space = ?1",
                    [caller.space],
                    |row| row.get(0),
                )
                .optional()?;
            if current.is_some_and(|current| seq < current) {
                return Err(AppError::Conflict("a newer snapshot is already stored"));
            }
            transaction.execute(
                "INSERT INTO snapshots (space, seq, data) VALUES (?1, ?2, ?3)
                 ON CONFLICT (space) DO UPDATE SET seq = excluded.seq, data = excluded.data",
                (caller.space, seq, &data),
            )?;
            transaction.commit()?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn get(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Json<Snapshot>, AppError> {
    let Path(space) = path?;
    let space = ids::space(&space)?;
    let caller = auth::authorize_request(&state, space, &headers, Need::Member).await?;
    let (seq, data): (i64, Vec<u8>) = state
        .db()
        .read(move |connection| {
            Ok(connection
                .prepare_cached("SELECT seq, data FROM snapshots WHERE space = ?1")?
                .query_row([caller.space], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?)
        })
        .await?
        .ok_or(AppError::Missing("no snapshot yet"))?;
    Ok(Json(Snapshot {
        seq: seq.unsigned_abs(),
        data: bytes::encode(&data),
    }))
}
