//! `GET /healthz`: answers `ok` while the process serves requests.

/// Liveness check for scripts and supervisors.
pub(crate) async fn healthz() -> &'static str {
    "ok"
}
