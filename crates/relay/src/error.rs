//! The error every handler returns, and the HTTP response each kind becomes.
//!
//! Every error is answered as [`ErrorBody`] JSON. Its text is fixed by the variant and the
//! relay's own words: it never echoes input, so it can never contain a token, a key or
//! anything read from a stored entry.

use axum::Json;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kenesh_protocol::ErrorBody;

/// An error answered to an HTTP client.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No route and no file of the app at the requested path.
    #[error("not found")]
    NotFound,
    /// 405: a route of the API with another method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 400: malformed JSON, base64, id or query.
    #[error("{0}")]
    BadRequest(String),
    /// 401: no token, or one this space does not know.
    #[error("missing or unknown token")]
    Unauthorized,
    /// 403: a revoked token, a member asking for an administrator's route, or a used,
    /// expired or unknown invite.
    #[error("{0}")]
    Forbidden(&'static str),
    /// 404: an unknown space, member, blob or snapshot.
    #[error("{0}")]
    Missing(&'static str),
    /// 409: the request contradicts what the relay holds.
    #[error("{0}")]
    Conflict(&'static str),
    /// 413: a body, entry, blob, snapshot or label over its limit.
    #[error("{0}")]
    TooLarge(&'static str),
    /// 429: this token used up its request rate.
    #[error("too many requests")]
    TooManyRequests,
    /// 503: the relay holds as many WebSocket connections as it may.
    #[error("too many connections")]
    Busy,
    /// 500: storage failed. The cause is logged, never answered.
    #[error("internal error")]
    Internal,
}

impl AppError {
    /// The status code this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::Missing(_) => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A 400 with the relay's own words.
    pub(crate) fn bad(message: &str) -> Self {
        AppError::BadRequest(message.to_owned())
    }

    /// Logs a storage or runtime failure (its text carries no request data) and hides it
    /// from the client.
    pub(crate) fn internal(error: impl std::fmt::Display) -> Self {
        tracing::error!(%error, "storage failure");
        AppError::Internal
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut response = (
            status,
            Json(ErrorBody {
                error: self.to_string(),
            }),
        )
            .into_response();
        if status == StatusCode::TOO_MANY_REQUESTS {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

impl From<PathRejection> for AppError {
    fn from(_: PathRejection) -> Self {
        AppError::bad("malformed path")
    }
}

impl From<QueryRejection> for AppError {
    fn from(_: QueryRejection) -> Self {
        AppError::bad("malformed query: expected after=N&limit=M")
    }
}

impl From<BytesRejection> for AppError {
    fn from(rejection: BytesRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge("request body too large")
        } else {
            AppError::bad("unreadable request body")
        }
    }
}

impl From<serde_json::Error> for AppError {
    /// Only the position is answered: serde's own text may quote the offending value.
    fn from(error: serde_json::Error) -> Self {
        AppError::BadRequest(format!(
            "malformed JSON body (line {}, column {})",
            error.line(),
            error.column()
        ))
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(error: rusqlite::Error) -> Self {
        AppError::internal(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_do_not_echo_the_input() {
        let error = serde_json::from_str::<u64>("\"SECRET-TOKEN\"").unwrap_err();
        let text = AppError::from(error).to_string();
        assert!(!text.contains("SECRET"), "{text}");
    }

    #[test]
    fn statuses() {
        assert_eq!(AppError::Busy.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            AppError::TooLarge("x").status(),
            StatusCode::PAYLOAD_TOO_LARGE
        );
    }
}
