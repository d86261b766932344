//! Who may use a space: registering it, inviting, joining, listing and revoking members.
//!
//! - `POST /api/spaces/{space}` registers the space; the caller's token becomes its first
//!   administrator. Repeating the same registration (a retry after a lost answer) answers
//!   201 again; any other registration of an existing space is 409.
//! - `POST /api/spaces/{space}/invites` (administrator) stores an invite's hash, role and
//!   expiry. An invite is single-use.
//! - `POST /api/spaces/{space}/members` consumes an invite and registers the newcomer's
//!   token. The same join repeated with the same token answers 201 again.
//! - `GET /api/spaces/{space}/members` and `DELETE /api/spaces/{space}/members/{member}`
//!   (administrator) list and revoke; a revoked token gets 403 from then on and its open
//!   WebSockets are closed. The last administrator cannot be revoked (409).

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use kenesh_protocol::limits::{INVITE_BYTES, MAX_LABEL};
use kenesh_protocol::{
    CreateInvite, JoinSpace, Joined, MemberInfo, MemberList, RegisterSpace, RelayRole,
};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::auth::{self, Need, SecretHash};
use crate::db::now_ms;
use crate::{AppError, AppState, body, ids};

pub(crate) async fn register(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    request: Request,
) -> Result<(StatusCode, Json<Joined>), AppError> {
    let Path(space) = path?;
    let space = ids::space(&space)?.to_owned();
    let request: RegisterSpace = body::json(request).await?;
    let hash = auth::body_token_hash(&request.token)?;
    check_label(&request.label)?;
    let joined = state
        .db()
        .write(move |connection| register_space(connection, &space, &hash, &request.label))
        .await?;
    tracing::info!(member = %joined.member, "space registered");
    Ok((StatusCode::CREATED, Json(joined)))
}

fn register_space(
    connection: &mut Connection,
    space: &str,
    token_hash: &SecretHash,
    label: &str,
) -> Result<Joined, AppError> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let member = auth::member_id(token_hash);
    let existing: Option<i64> = transaction
        .query_row("SELECT key FROM spaces WHERE id = ?1", [space], |row| {
            row.get(0)
        })
        .optional()?;
    if let Some(key) = existing {
        // A retry of the registration that created the space answers the same.
        let creator: Option<(String, bool)> = transaction
            .query_row(
                "SELECT role, revoked FROM members WHERE space = ?1 AND token_hash = ?2",
                (key, token_hash.as_slice()),
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        return match creator {
            Some((role, false)) if role == "admin" => Ok(Joined {
                member,
                role: RelayRole::Admin,
            }),
            _ => Err(AppError::Conflict("this space is already registered")),
        };
    }
    let now = now_ms();
    transaction.execute(
        "INSERT INTO spaces (id, head, created_ms) VALUES (?1, 0, ?2)",
        (space, now),
    )?;
    let key = transaction.last_insert_rowid();
    insert_member(
        &transaction,
        key,
        &member,
        token_hash,
        RelayRole::Admin,
        label,
        now,
    )?;
    transaction.commit()?;
    Ok(Joined {
        member,
        role: RelayRole::Admin,
    })
}

pub(crate) async fn create_invite(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    request: Request,
) -> Result<StatusCode, AppError> {
    let Path(space) = path?;
    let space = ids::space(&space)?;
    let caller = auth::authorize_request(&state, space, &headers, Need::Admin).await?;
    let invite: CreateInvite = body::json(request).await?;
    let hash = invite_hash(&invite.invite)?;
    let (role, expires_ms) = (invite.role, invite.expires_ms);
    state
        .db()
        .write(move |connection| {
            let transaction =
                connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let existing: Option<(String, i64, Option<String>)> = transaction
                .query_row(
                    "SELECT role, expires_ms, used_by FROM invites
                     WHERE space = ?1 AND secret_hash = ?2",
                    (caller.space, hash.as_slice()),
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .optional()?;
            match existing {
                // The same invite again (a retry) is fine; anything else reusing it is not.
                Some((stored, expires, None))
                    if stored == auth::role_text(role) && expires == expires_ms =>
                {
                    Ok(())
                }
                Some(_) => Err(AppError::Conflict("this invite already exists")),
                None => {
                    transaction.execute(
                        "INSERT INTO invites (space, secret_hash, role, expires_ms)
                         VALUES (?1, ?2, ?3, ?4)",
                        (
                            caller.space,
                            hash.as_slice(),
                            auth::role_text(role),
                            expires_ms,
                        ),
                    )?;
                    transaction.commit()?;
                    Ok(())
                }
            }
        })
        .await?;
    Ok(StatusCode::CREATED)
}

pub(crate) async fn join(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    request: Request,
) -> Result<(StatusCode, Json<Joined>), AppError> {
    let Path(space) = path?;
    let space = ids::space(&space)?.to_owned();
    let request: JoinSpace = body::json(request).await?;
    let invite = invite_hash(&request.invite)?;
    let token = auth::body_token_hash(&request.token)?;
    check_label(&request.label)?;
    let joined = state
        .db()
        .write(move |connection| join_space(connection, &space, &invite, &token, &request.label))
        .await?;
    tracing::info!(member = %joined.member, "member joined");
    Ok((StatusCode::CREATED, Json(joined)))
}

fn join_space(
    connection: &mut Connection,
    space: &str,
    invite: &SecretHash,
    token_hash: &SecretHash,
    label: &str,
) -> Result<Joined, AppError> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let key: i64 = transaction
        .query_row("SELECT key FROM spaces WHERE id = ?1", [space], |row| {
            row.get(0)
        })
        .optional()?
        .ok_or(AppError::Missing("unknown space"))?;
    let refused = AppError::Forbidden("this invite is used, expired or unknown");
    let (role, expires_ms, used_by): (String, i64, Option<String>) = transaction
        .query_row(
            "SELECT role, expires_ms, used_by FROM invites WHERE space = ?1 AND secret_hash = ?2",
            (key, invite.as_slice()),
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?
        .ok_or(refused)?;
    let role = auth::parse_role(&role)?;
    let member = auth::member_id(token_hash);
    if let Some(used_by) = used_by {
        // The same join again (a retry after a lost answer) answers the same.
        let revoked: Option<bool> = transaction
            .query_row(
                "SELECT revoked FROM members WHERE space = ?1 AND member = ?2",
                (key, &used_by),
                |row| row.get(0),
            )
            .optional()?;
        return if used_by == member && revoked == Some(false) {
            Ok(Joined { member, role })
        } else {
            Err(AppError::Forbidden(
                "this invite is used, expired or unknown",
            ))
        };
    }
    if expires_ms <= now_ms() {
        return Err(AppError::Forbidden(
            "this invite is used, expired or unknown",
        ));
    }
    let taken: bool = transaction.query_row(
        "SELECT EXISTS (SELECT 1 FROM members WHERE space = ?1 AND token_hash = ?2)",
        (key, token_hash.as_slice()),
        |row| row.get(0),
    )?;
    if taken {
        return Err(AppError::Conflict(
            "this token is already a member of the space",
        ));
    }
    insert_member(
        &transaction,
        key,
        &member,
        token_hash,
        role,
        label,
        now_ms(),
    )?;
    transaction.execute(
        "UPDATE invites SET used_by = ?3 WHERE space = ?1 AND secret_hash = ?2",
        (key, invite.as_slice(), &member),
    )?;
    transaction.commit()?;
    Ok(Joined { member, role })
}

pub(crate) async fn list_members(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Json<MemberList>, AppError> {
    let Path(space) = path?;
    let space = ids::space(&space)?;
    let caller = auth::authorize_request(&state, space, &headers, Need::Admin).await?;
    let rows = state
        .db()
        .read(move |connection| {
            let mut statement = connection.prepare_cached(
                "SELECT member, role, label, revoked FROM members WHERE space = ?1 ORDER BY rowid",
            )?;
            let rows = statement
                .query_map([caller.space], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                })?
                .collect::<Result<Vec<(String, String, String, bool)>, _>>()?;
            Ok(rows)
        })
        .await?;
    let members = rows
        .into_iter()
        .map(|(member, role, label, revoked)| {
            Ok(MemberInfo {
                member,
                role: auth::parse_role(&role)?,
                label,
                revoked,
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(Json(MemberList { members }))
}

pub(crate) async fn revoke(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
) -> Result<StatusCode, AppError> {
    let Path((space, member)) = path?;
    let space = ids::space(&space)?;
    let member = ids::member(&member)?.to_owned();
    let caller = auth::authorize_request(&state, space, &headers, Need::Admin).await?;
    let key = caller.space;
    let revoked = state
        .db()
        .write(move |connection| {
            let transaction =
                connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let (role, revoked): (String, bool) = transaction
                .query_row(
                    "SELECT role, revoked FROM members WHERE space = ?1 AND member = ?2",
                    (key, &member),
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?
                .ok_or(AppError::Missing("unknown member"))?;
            if revoked {
                return Ok(None);
            }
            if role == "admin" {
                let admins: i64 = transaction.query_row(
                    "SELECT COUNT(*) FROM members WHERE space = ?1 AND role = 'admin' AND revoked = 0",
                    [key],
                    |row| row.get(0),
                )?;
                if admins <= 1 {
                    return Err(AppError::Conflict("the last administrator cannot be revoked"));
                }
            }
            transaction.execute(
                "UPDATE members SET revoked = 1 WHERE space = ?1 AND member = ?2",
                (key, &member),
            )?;
            transaction.commit()?;
            Ok(Some(member))
        })
        .await?;
    if let Some(member) = revoked {
        tracing::info!(%member, by = %caller.member, "member revoked");
        state.hub().revoked(key);
    }
    Ok(StatusCode::NO_CONTENT)
}

fn insert_member(
    connection: &Connection,
    space: i64,
    member: &str,
    token_hash: &SecretHash,
    role: RelayRole,
    label: &str,
    now: i64,
) -> Result<(), AppError> {
    connection.execute(
        "INSERT INTO members (space, member, token_hash, role, label, revoked, created_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)",
        (
            space,
            member,
            token_hash.as_slice(),
            auth::role_text(role),
            label,
            now,
        ),
    )?;
    Ok(())
}

fn check_label(label: &str) -> Result<(), AppError> {
    if label.len() > MAX_LABEL {
        Err(AppError::TooLarge("label too long"))
    } else {
        Ok(())
    }
}

fn invite_hash(text: &str) -> Result<SecretHash, AppError> {
    let bytes = ids::base64(text, "invite")?;
    if INVITE_BYTES.contains(&bytes.len()) {
        Ok(auth::sha256(&bytes))
    } else {
        Err(AppError::bad("invite is not 16 to 64 bytes"))
    }
}
