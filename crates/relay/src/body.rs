//! Reading request bodies within their limits, and decoding JSON without echoing it.
//!
//! Handlers authorize first and read the body after, so an unauthorized client cannot make
//! the relay buffer a large body. The size limit of each route is its `DefaultBodyLimit`
//! layer; going over it answers 413.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::AppError;

/// The whole body of `request`, within the route's limit.
pub(crate) async fn bytes(request: Request) -> Result<Bytes, AppError> {
    Ok(Bytes::from_request(request, &()).await?)
}

/// The body of `request` as JSON of type `T`, whatever its content type.
pub(crate) async fn json<T: DeserializeOwned>(request: Request) -> Result<T, AppError> {
    let bytes = bytes(request).await?;
    Ok(serde_json::from_slice(&bytes)?)
}
