//! The relay's router in-process with a real SQLite file in a temporary folder, driven by
//! `tower::ServiceExt::oneshot`.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use kenesh_protocol::{ErrorBody, Joined, RegisterSpace};
use kenesh_relay::{AppState, Db, Limits, app};
use tempfile::TempDir;
use tower::ServiceExt;

use super::Site;
use super::random::{space_id, token};

pub struct Api {
    pub state: AppState,
    pub site: Site,
    pub folder: TempDir,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "{error}: {} {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// The `error` of an [`ErrorBody`], checking the body is one.
    pub fn error(&self) -> String {
        self.json::<ErrorBody>().error
    }
}

impl Api {
    pub fn new() -> Self {
        Self::with_limits(Limits {
            rate: 0.0,
            ..Limits::default()
        })
    }

    pub fn with_limits(limits: Limits) -> Self {
        let site = Site::new();
        let folder = tempfile::tempdir().unwrap();
        let db = Db::open(folder.path().join("relay.sqlite3")).unwrap();
        Self {
            state: AppState::with_limits(site.dist(), db, limits),
            site,
            folder,
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: impl Into<Body>,
    ) -> Answer {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let response = app(self.state.clone())
            .oneshot(request.body(body.into()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn json(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        value: &impl serde::Serialize,
    ) -> Answer {
        self.call(method, path, token, serde_json::to_vec(value).unwrap())
            .await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.call(Method::GET, path, token, Body::empty()).await
    }

    /// Registers a fresh space: its id and the administrator's token.
    pub async fn space(&self) -> (String, String) {
        let (space, admin) = (space_id(), token());
        let answer = self
            .json(
                Method::POST,
                &format!("/api/spaces/{space}"),
                None,
                &RegisterSpace {
                    token: admin.clone(),
                    label: "admin".into(),
                },
            )
            .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{:?}", answer.body);
        let _: Joined = answer.json();
        (space, admin)
    }
}
