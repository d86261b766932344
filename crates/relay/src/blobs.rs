//! A space's blobs: encrypted files, addressed by the SHA-256 of their ciphertext.
//!
//! - `PUT /api/spaces/{space}/blobs/{sha256}` with the raw ciphertext as body (at most
//!   `MAX_BLOB`): 201 once stored (also when it was already there); 400 if the body's hash
//!   is not the id.
//! - `GET /api/spaces/{space}/blobs/{sha256}`: 200 with the raw ciphertext, or 404.

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rusqlite::OptionalExtension;

use crate::auth::{self, Need};
use crate::{AppError, AppState, body, ids};

pub(crate) async fn put(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    request: Request,
) -> Result<StatusCode, AppError> {
    let Path((space, id)) = path?;
    let space = ids::space(&space)?;
    let id = ids::blob(&id)?.to_owned();
    let caller = auth::authorize_request(&state, space, &headers, Need::Member).await?;
    let data = body::bytes(request).await?;
    if ids::hex(&auth::sha256(&data)) != id {
        return Err(AppError::bad("the body's SHA-256 is not the blob id"));
    }
    state
        .db()
        .write(move |connection| {
            connection.execute(
                "INSERT OR IGNORE INTO blobs (space, sha256, data) VALUES (?1, ?2, ?3)",
                (caller.space, &id, &data[..]),
            )?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::CREATED)
}

pub(crate) async fn get(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Path((space, id)) = path?;
    let space = ids::space(&space)?;
    let id = ids::blob(&id)?.to_owned();
    let caller = auth::authorize_request(&state, space, &headers, Need::Member).await?;
    let data: Vec<u8> = state
        .db()
        .read(move |connection| {
            Ok(connection
                .prepare_cached("SELECT data FROM blobs WHERE space = ?1 AND sha256 = ?2")?
                .query_row((caller.space, &id), |row| row.get(0))
                .optional()?)
        })
        .await?
        .ok_or(AppError::Missing("unknown blob"))?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/octet-stream"),
        )],
        Bytes::from(data),
    )
        .into_response())
}
