//! The error every handler returns, and the HTTP response each kind becomes.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// An error answered to an HTTP client. Its text is the response body, so it must never
/// contain a token, a key or anything read from a stored entry.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No route and no file of the app at the requested path.
    #[error("not found")]
    NotFound,
}

impl AppError {
    /// The status code this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        (self.status(), self.to_string()).into_response()
    }
}
