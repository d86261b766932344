//! Who is calling: bearer tokens, their hashes, member ids and roles.
//!
//! A token is 32 random bytes as unpadded base64url. The relay keeps and compares only its
//! SHA-256; neither the token nor its hash is ever logged. A member's id is derived from the
//! token's hash (another SHA-256 over it, 16 bytes in hex), so it names the member without
//! revealing anything of the token.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use kenesh_protocol::RelayRole;
use rusqlite::OptionalExtension;
use sha2::{Digest, Sha256};

use crate::{AppError, AppState, ids};

/// Bytes in a token.
pub(crate) const TOKEN_BYTES: usize = 32;

/// The SHA-256 of a token or an invite secret: what the relay stores instead of it.
pub(crate) type SecretHash = [u8; 32];

/// What a route requires of its caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    Member,
    Admin,
}

/// An authenticated, unrevoked member of a space.
#[derive(Clone, Debug)]
pub(crate) struct Caller {
    /// The space's key in the store.
    pub space: i64,
    pub member: String,
}

pub(crate) fn sha256(bytes: &[u8]) -> SecretHash {
    Sha256::digest(bytes).into()
}

/// The hash of a well-formed token, `None` for anything else.
pub(crate) fn token_hash(text: &str) -> Option<SecretHash> {
    let bytes = kenesh_protocol::bytes::decode(text)?;
    (bytes.len() == TOKEN_BYTES).then(|| sha256(&bytes))
}

/// The hash of a token in a request body: 400 when it is not 32 bytes of base64url.
pub(crate) fn body_token_hash(text: &str) -> Result<SecretHash, AppError> {
    token_hash(text).ok_or_else(|| AppError::bad("token is not 32 bytes of unpadded base64url"))
}

/// The member id of the member holding the token with this hash.
pub(crate) fn member_id(token_hash: &SecretHash) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"kenesh-relay member id\0");
    hasher.update(token_hash);
    ids::hex(&hasher.finalize()[..16])
}

pub(crate) fn role_text(role: RelayRole) -> &'static str {
    match role {
        RelayRole::Admin => "admin",
        RelayRole::Member => "member",
    }
}

pub(crate) fn parse_role(text: &str) -> Result<RelayRole, AppError> {
    match text {
        "admin" => Ok(RelayRole::Admin),
        "member" => Ok(RelayRole::Member),
        _ => Err(AppError::internal(
            "a stored role is neither admin nor member",
        )),
    }
}

/// The token of `Authorization: Bearer <token>`, if the header is there and well formed.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Authorizes a request by its `Authorization` header; see [`authorize`].
pub(crate) async fn authorize_request(
    state: &AppState,
    space: &str,
    headers: &HeaderMap,
    need: Need,
) -> Result<Caller, AppError> {
    let token = bearer(headers).ok_or(AppError::Unauthorized)?;
    authorize(state, space, token, need).await
}

/// The caller holding `token` in the space with id `space` (already checked as an id):
/// 401 for a malformed or unknown token, 404 for an unknown space, 403 for a revoked token or
/// a member where an administrator is needed, 429 when the token used up its rate.
pub(crate) async fn authorize(
    state: &AppState,
    space: &str,
    token: &str,
    need: Need,
) -> Result<Caller, AppError> {
    let hash = token_hash(token).ok_or(AppError::Unauthorized)?;
    let space = space.to_owned();
    let found = state
        .db()
        .read(move |connection| {
            let row = connection
                .prepare_cached(
                    "SELECT s.key, m.member, m.role, m.revoked FROM spaces s
                     LEFT JOIN members m ON m.space = s.key AND m.token_hash = ?2
                     WHERE s.id = ?1",
                )?
                .query_row((space, hash.as_slice()), |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, Option<String>>(1)?,
                        row.get::<_, Option<String>>(2)?,
                        row.get::<_, Option<bool>>(3)?,
                    ))
                })
                .optional()?;
            Ok(found_or_not(row))
        })
        .await?;
    let (space, member, role, revoked) = match found {
        Lookup::NoSpace => return Err(AppError::Missing("unknown space")),
        Lookup::NoMember => return Err(AppError::Unauthorized),
        Lookup::Member(space, member, role, revoked) => (space, member, role, revoked),
    };
    if revoked {
        return Err(AppError::Forbidden("this token was revoked"));
    }
    let role = parse_role(&role)?;
    if need == Need::Admin && role != RelayRole::Admin {
        return Err(AppError::Forbidden("only an administrator may do this"));
    }
    if !state.rate().allow(&hash) {
        return Err(AppError::TooManyRequests);
    }
    Ok(Caller { space, member })
}

enum Lookup {
    NoSpace,
    NoMember,
    Member(i64, String, String, bool),
}

type Row = (i64, Option<String>, Option<String>, Option<bool>);

fn found_or_not(row: Option<Row>) -> Lookup {
    match row {
        None => Lookup::NoSpace,
        Some((space, Some(member), Some(role), Some(revoked))) => {
            Lookup::Member(space, member, role, revoked)
        }
        Some(_) => Lookup::NoMember,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn tokens_are_32_bytes_of_base64url() {
        let token = kenesh_protocol::bytes::encode(&[7; 32]);
        assert!(token_hash(&token).is_some());
        assert!(token_hash(&kenesh_protocol::bytes::encode(&[7; 31])).is_none());
        assert!(token_hash("not a token").is_none());
        assert!(token_hash("").is_none());
    }

    #[test]
    fn member_ids_are_hex_and_differ_from_the_hash() {
        let hash = sha256(b"x");
        let id = member_id(&hash);
        assert_eq!(id.len(), 32);
        assert!(!ids::hex(&hash).contains(&id));
    }

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer(&headers), None);
        headers.insert(AUTHORIZATION, HeaderValue::from_static("bearer abc"));
        assert_eq!(bearer(&headers), Some("abc"));
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&headers), None);
    }
}
