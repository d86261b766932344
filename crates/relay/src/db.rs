//! The relay's one SQLite file: opening it, its schema, and running SQL off the async runtime.
//!
//! One writer connection (behind a mutex: SQLite has one writer at a time anyway) and a small
//! pool of reader connections; WAL lets readers go on while the writer commits. Every write is
//! one transaction with `synchronous=FULL`, so a commit returns only once it is on disk: a
//! handler answers after [`Db::write`] returned, so an acknowledged write survives a crash.
//!
//! Tables (schema version 1 in `PRAGMA user_version`):
//! - `spaces(key, id, head)`: the space's id text and its log's last sequence number; the
//!   other tables refer to a space by its integer `key`;
//! - `members(space, member, token_hash, role, label, revoked)`: tokens only as SHA-256;
//! - `invites(space, secret_hash, role, expires_ms, used_by)`: single use, with expiry;
//! - `batches(space, batch, first, last)`: UNIQUE(space, batch), so a retried push answers
//!   the sequence numbers of the first one;
//! - `entries(space, seq, data)`: the log, seq from 1 without gaps;
//! - `blobs(space, sha256, data)` and `snapshots(space, seq, data)`: one snapshot per space.
//!
//! Ciphertext is stored as BLOB exactly as the client sent it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::Connection;

use crate::AppError;

/// The schema this relay writes; a file with a higher version was written by a newer relay.
const SCHEMA_VERSION: i64 = 1;

/// Reader connections kept open between requests.
const IDLE_READERS: usize = 4;

const SCHEMA: &str = "
CREATE TABLE spaces (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    head INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL
);
CREATE TABLE members (
    space INTEGER NOT NULL REFERENCES spaces(key),
    member TEXT NOT NULL,
    token_hash BLOB NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    label TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL,
    PRIMARY KEY (space, member),
    UNIQUE (space, token_hash)
);
CREATE TABLE invites (
    space INTEGER NOT NULL REFERENCES spaces(key),
    secret_hash BLOB NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    expires_ms INTEGER NOT NULL,
    used_by TEXT,
    PRIMARY KEY (space, secret_hash)
);
CREATE TABLE batches (
    space INTEGER NOT NULL REFERENCES spaces(key),
    batch TEXT NOT NULL,
    first INTEGER NOT NULL,
    last INTEGER NOT NULL,
    UNIQUE (space, batch)
);
CREATE TABLE entries (
    space INTEGER NOT NULL REFERENCES spaces(key),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    data BLOB NOT NULL,
    PRIMARY KEY (space, seq)
);
CREATE TABLE blobs (
    space INTEGER NOT NULL REFERENCES spaces(key),
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (space, sha256)
);
CREATE TABLE snapshots (
    space INTEGER PRIMARY KEY REFERENCES spaces(key),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL
);
";

/// The relay's SQLite store; cheap to clone.
#[derive(Clone)]
pub struct Db {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("path", &self.inner.path)
            .finish()
    }
}

/// Why the store could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path} has schema version {found}, newer than this relay's {SCHEMA_VERSION}")]
    TooNew { path: PathBuf, found: i64 },
    #[error("{path} could not be switched to WAL mode (journal mode is {mode})")]
    NoWal { path: PathBuf, mode: String },
}

impl Db {
    /// Opens (creating if needed) the store at `path`, in WAL mode with full sync, and
    /// brings its schema to the current version. Blocking: call before serving or from a
    /// blocking thread.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, OpenError> {
        let path = path.as_ref().to_path_buf();
        let sqlite = |source| OpenError::Sqlite {
            path: path.clone(),
            source,
        };
        let mut writer = connect(&path).map_err(sqlite)?;
        let mode: String = writer
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(sqlite)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(OpenError::NoWal { path, mode });
        }
        migrate(&mut writer, &path)?;
        Ok(Self {
            inner: Arc::new(Inner {
                path,
                writer: Mutex::new(writer),
                readers: Mutex::new(Vec::new()),
            }),
        })
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// Runs `work` on the writer connection on a blocking thread. `work` opens its own
    /// transaction; when it returns, whatever it committed is durable.
    pub(crate) async fn write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, AppError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || {
            let mut connection = lock(&inner.writer);
            work(&mut connection)
        })
        .await
        .map_err(AppError::internal)?
    }

    /// Runs `work` on a reader connection on a blocking thread. It sees only committed data.
    pub(crate) async fn read<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, AppError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || {
            let idle = lock(&inner.readers).pop();
            let mut connection = match idle {
                Some(connection) => connection,
                None => connect(&inner.path)?,
            };
            let result = work(&mut connection);
            // A connection left inside a transaction (a failed `work`) is not reused.
            if connection.is_autocommit() {
                let mut readers = lock(&inner.readers);
                if readers.len() < IDLE_READERS {
                    readers.push(connection);
                }
            }
            result
        })
        .await
        .map_err(AppError::internal)?
    }
}

/// A mutex guard even after a panic elsewhere: the connection itself stays consistent (an
/// unfinished transaction rolls back when dropped).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(Duration::from_secs(10))?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    Ok(connection)
}

fn migrate(connection: &mut Connection, path: &Path) -> Result<(), OpenError> {
    let sqlite = |source| OpenError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(sqlite)?;
    let version: i64 = transaction
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(sqlite)?;
    match version {
        0 => {
            transaction.execute_batch(SCHEMA).map_err(sqlite)?;
            transaction
                .pragma_update(None, "user_version", SCHEMA_VERSION)
                .map_err(sqlite)?;
        }
        SCHEMA_VERSION => {}
        found => {
            return Err(OpenError::TooNew {
                path: path.to_path_buf(),
                found,
            });
        }
    }
    transaction.commit().map_err(sqlite)
}

/// Milliseconds since the Unix epoch, by the relay's clock.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_the_schema_in_wal_mode_and_reopens() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("relay.sqlite3");
        drop(Db::open(&path).unwrap());
        let db = Db::open(&path).unwrap();
        let connection = lock(&db.inner.writer);
        let mode: String = connection
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = connection
            .pragma_query_value(None, "synchronous", |row| row.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        let version: i64 = connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn refuses_a_newer_schema() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("relay.sqlite3");
        let connection = Connection::open(&path).unwrap();
        connection.pragma_update(None, "user_version", 99).unwrap();
        drop(connection);
        assert!(matches!(
            Db::open(&path),
            Err(OpenError::TooNew { found: 99, .. })
        ));
    }
}
