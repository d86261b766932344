//! The app as static files, through `app(...)` with `oneshot`: MIME types, compression,
//! cache headers, 404s and path traversal.

mod common;

use std::io::Read;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::response::Response;
use common::{HASHED_JS, HASHED_WASM, INDEX_HTML, SECRET, Site};
use kenesh_relay::{AppState, Db, app};
use tower::ServiceExt;

async fn get(site: &Site, path: &str, accept_encoding: Option<&str>) -> Response {
    let mut request = Request::builder().uri(path);
    if let Some(encoding) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, encoding);
    }
    let data = tempfile::tempdir().unwrap();
    let db = Db::open(data.path().join("relay.sqlite3")).unwrap();
    app(AppState::new(site.dist(), db))
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

async fn body(response: Response) -> Bytes {
    axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
}

fn header(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).map(|value| value.to_str().unwrap())
}

#[tokio::test]
async fn files_have_their_mime_types() {
    let site = Site::new();
    for (path, mime) in [
        ("/index.html", "text/html"),
        ("/", "text/html"),
        (&format!("/{HASHED_WASM}"), "application/wasm"),
        (&format!("/{HASHED_JS}"), "text/javascript"),
        ("/sw.js", "text/javascript"),
        ("/manifest.webmanifest", "application/manifest+json"),
        ("/style-0f3c9e2d1b4a5c6d.css", "text/css"),
        ("/icons/icon-192.png", "image/png"),
    ] {
        let response = get(&site, path, None).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let content_type = header(response.headers(), header::CONTENT_TYPE).unwrap();
        assert!(
            content_type == mime || content_type.starts_with(&format!("{mime};")),
            "{path}: {content_type}"
        );
    }
}

#[tokio::test]
async fn root_is_index_html() {
    let site = Site::new();
    let response = get(&site, "/", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body(response).await, INDEX_HTML.as_bytes());
}

#[tokio::test]
async fn gzip_is_used_when_accepted() {
    let site = Site::new();
    for name in [HASHED_WASM, HASHED_JS, "index.html"] {
        let response = get(&site, &format!("/{name}"), Some("gzip")).await;
        assert_eq!(response.status(), StatusCode::OK, "{name}");
        assert_eq!(
            header(response.headers(), header::CONTENT_ENCODING),
            Some("gzip"),
            "{name}"
        );
        assert!(
            header(response.headers(), header::VARY)
                .is_some_and(|vary| vary.to_ascii_lowercase().contains("accept-encoding")),
            "{name}"
        );
        let compressed = body(response).await;
        let original = Site::file(name);
        assert!(compressed.len() < original.len(), "{name} did not shrink");
        let mut decompressed = Vec::new();
        flate2::read::GzDecoder::new(&compressed[..])
            .read_to_end(&mut decompressed)
            .unwrap();
        assert_eq!(decompressed, original, "{name}");
    }
}

#[tokio::test]
async fn brotli_is_preferred_when_accepted() {
    let site = Site::new();
    let response = get(&site, &format!("/{HASHED_WASM}"), Some("gzip, deflate, br")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(response.headers(), header::CONTENT_ENCODING),
        Some("br")
    );
    let compressed = body(response).await;
    let mut decompressed = Vec::new();
    brotli_decompressor::Decompressor::new(&compressed[..], 4096)
        .read_to_end(&mut decompressed)
        .unwrap();
    assert_eq!(decompressed, Site::file(HASHED_WASM));
}

#[tokio::test]
async fn a_precompressed_copy_is_sent_as_it_is() {
    let site = Site::new();
    // What `cargo xtask build` writes beside a file: here marked bytes, to see which is sent.
    let precompressed = b"precompressed brotli bytes".to_vec();
    std::fs::write(
        site.dist().join(format!("{HASHED_WASM}.br")),
        &precompressed,
    )
    .unwrap();
    let response = get(&site, &format!("/{HASHED_WASM}"), Some("gzip, br")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(response.headers(), header::CONTENT_ENCODING),
        Some("br")
    );
    assert_eq!(
        header(response.headers(), header::CONTENT_TYPE),
        Some("application/wasm")
    );
    assert_eq!(body(response).await.to_vec(), precompressed);
    // A browser that does not take brotli gets the file itself, compressed on the fly.
    let response = get(&site, &format!("/{HASHED_WASM}"), None).await;
    assert_eq!(body(response).await.to_vec(), Site::file(HASHED_WASM));
}

#[tokio::test]
async fn nothing_is_compressed_without_accept_encoding() {
    let site = Site::new();
    for accept in [None, Some("identity")] {
        let response = get(&site, &format!("/{HASHED_WASM}"), accept).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(header(response.headers(), header::CONTENT_ENCODING), None);
        assert_eq!(body(response).await, Site::file(HASHED_WASM));
    }
}

#[tokio::test]
async fn entry_points_are_revalidated() {
    let site = Site::new();
    for path in [
        "/",
        "/index.html",
        "/sw.js",
        "/manifest.webmanifest",
        "/icons/icon-192.png",
    ] {
        let response = get(&site, path, Some("gzip")).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            header(response.headers(), header::CACHE_CONTROL),
            Some("no-cache"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable() {
    let site = Site::new();
    for name in [HASHED_JS, HASHED_WASM, "style-0f3c9e2d1b4a5c6d.css"] {
        let response = get(&site, &format!("/{name}"), Some("gzip")).await;
        assert_eq!(response.status(), StatusCode::OK, "{name}");
        let cache_control = header(response.headers(), header::CACHE_CONTROL).unwrap();
        assert!(
            cache_control.contains("immutable"),
            "{name}: {cache_control}"
        );
        assert!(
            cache_control.contains("max-age=31536000"),
            "{name}: {cache_control}"
        );
    }
}

#[tokio::test]
async fn unknown_paths_are_404() {
    let site = Site::new();
    for path in [
        "/nope",
        "/nope.js",
        "/kenesh-0000000000000000.js",
        "/icons/",
        "/icons/nope.png",
    ] {
        let response = get(&site, path, None).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert_ne!(
            header(response.headers(), header::CACHE_CONTROL),
            Some("public, max-age=31536000, immutable"),
            "{path}"
        );
        assert_eq!(
            body(response).await,
            r#"{"error":"not found"}"#.as_bytes(),
            "{path}"
        );
    }
}

#[tokio::test]
async fn paths_never_leave_the_dist_folder() {
    let site = Site::new();
    assert!(site.root().join("Cargo.toml").is_file());
    let absolute = site.root().join("secret.txt");
    let absolute = format!("/{}", absolute.display());
    for path in [
        "/../Cargo.toml",
        "/../secret.txt",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/secret.txt",
        "/..%2fCargo.toml",
        "/%2e%2e%2fsecret.txt",
        "/icons/../../secret.txt",
        "/icons/%2e%2e/%2e%2e/secret.txt",
        "/.%2e/secret.txt",
        "/%2fetc%2fpasswd",
        "//etc/passwd",
        "/..\\secret.txt",
        &absolute,
    ] {
        let response = get(&site, path, None).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let body = body(response).await;
        let text = String::from_utf8_lossy(&body);
        assert!(!text.contains(SECRET), "{path} leaked a file");
        assert!(!text.contains("root:"), "{path} leaked /etc/passwd");
    }
}

#[tokio::test]
async fn healthz_says_ok() {
    let site = Site::new();
    let response = get(&site, "/healthz", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body(response).await, "ok");
}
