//! The built app as static files: MIME types, 404s, path safety and cache headers.
//!
//! `tower_http::services::ServeDir` picks the MIME type from the extension (`application/wasm`,
//! `application/manifest+json`, `text/javascript`, ...), serves `index.html` for `/`, and
//! refuses any path that would leave the folder (`..`, also percent-encoded, absolute paths).
//! This module adds the caching policy:
//!
//! - files whose name carries a content hash (`kenesh-1a2b3c4d5e6f7a8b.js`,
//!   `kenesh-1a2b3c4d5e6f7a8b_bg.wasm`, `style-….css`, as Trunk writes them) never change, so
//!   browsers keep them for a year without asking again;
//! - everything else (`index.html`, `sw.js`, the web manifest, icons) is `no-cache`: browsers
//!   may store it but must revalidate, so a new deployment is seen at the next load.

use std::path::Path;

use axum::Router;
use axum::extract::Request;
use axum::handler::HandlerWithoutStateExt;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower_http::services::ServeDir;

use crate::AppError;

const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
const NO_CACHE: HeaderValue = HeaderValue::from_static("no-cache");

/// A router answering every path with the file of that name under `dist`, or 404.
pub(crate) fn router(dist: &Path) -> Router {
    // `cargo xtask build` writes `.br` and `.gz` copies (best compression) beside the files;
    // they are sent as they are when the browser accepts them.
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(not_found.into_service());
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

async fn not_found() -> AppError {
    AppError::NotFound
}

async fn cache_control(request: Request, next: Next) -> Response {
    let immutable = is_content_hashed(file_name(request.uri().path()));
    let mut response = next.run(request).await;
    let status = response.status();
    let cacheable = status.is_success() || status == StatusCode::NOT_MODIFIED;
    let policy = if immutable && cacheable {
        IMMUTABLE
    } else {
        NO_CACHE
    };
    response.headers_mut().insert(CACHE_CONTROL, policy);
    response
}

/// The last segment of a URL path (empty for `/` and other folders).
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or_default()
}

/// Whether a file name carries a content hash the way Trunk writes it: `NAME-HASH.EXT` or
/// `NAME-HASH_bg.wasm`, HASH being 8 to 16 lowercase hex digits with at least one digit.
/// Pages and manifests are never treated as hashed: they are the entry points that must be
/// revalidated to find the new hashed names.
fn is_content_hashed(file_name: &str) -> bool {
    let Some((stem, extension)) = file_name.split_once('.') else {
        return false;
    };
    if matches!(extension, "html" | "htm" | "webmanifest" | "json") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((name, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    !name.is_empty()
        && (8..=16).contains(&hash.len())
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && hash.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_output_names_are_hashed() {
        for name in [
            "kenesh-1a2b3c4d5e6f7a8b.js",
            "kenesh-1a2b3c4d5e6f7a8b_bg.wasm",
            "kenesh-1a2b3c4d.js",
            "style-0f3c9e2d1b4a5c6d.css",
            "kenesh-platform-9f8e7d6c5b4a3210.js",
        ] {
            assert!(is_content_hashed(name), "{name}");
        }
    }

    #[test]
    fn entry_points_and_plain_names_are_not_hashed() {
        for name in [
            "",
            "index.html",
            "sw.js",
            "manifest.webmanifest",
            "icon-192.png",
            "kenesh.js",
            "kenesh_bg.wasm",
            "some-deadbeef.js",
            "kenesh-1a2b3c4d5e6f7a8b9.js",
            "kenesh-1A2B3C4D.js",
            "-1a2b3c4d.js",
            "page-1a2b3c4d.html",
            "manifest-1a2b3c4d.webmanifest",
            "kenesh-1a2b3c4d",
        ] {
            assert!(!is_content_hashed(name), "{name}");
        }
    }

    #[test]
    fn file_name_is_the_last_segment() {
        assert_eq!(file_name("/"), "");
        assert_eq!(file_name("/index.html"), "index.html");
        assert_eq!(file_name("/icons/icon-192.png"), "icon-192.png");
        assert_eq!(file_name("/snippets/x/"), "");
    }
}
