//! Who changed what, when: every edit commits an Automerge change whose message names the
//! record, the action and the fields, and whose actor and time say who and when.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Update,
    Remove,
    Restore,
}

/// One line of a record's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    /// The Automerge actor (a device of a member) as hex.
    pub actor: String,
    pub time_ms: i64,
    pub action: Action,
    pub fields: Vec<String>,
}

/// Every record's history, built from change messages and extended with new changes only.
#[derive(Default)]
pub(crate) struct HistoryIndex {
    /// The document heads the index has read up to.
    pub heads: Vec<automerge::ChangeHash>,
    lines: HashMap<(String, String), Vec<HistoryEntry>>,
}

impl HistoryIndex {
    pub fn add(&mut self, changes: &[automerge::Change]) {
        for change in changes {
            let Some(note) = change.message().and_then(ChangeNote::parse) else {
                continue;
            };
            let lines = self
                .lines
                .entry((note.collection, note.record))
                .or_default();
            lines.push(HistoryEntry {
                actor: change.actor_id().to_hex_string(),
                time_ms: change.timestamp(),
                action: note.action,
                fields: note.fields,
            });
            crate::order::sort_by_key(lines, |l| l.time_ms);
        }
    }

    /// The lines of one record, oldest first.
    pub fn of(&self, collection: &str, id: &str) -> Vec<HistoryEntry> {
        self.lines
            .get(&(collection.to_string(), id.to_string()))
            .cloned()
            .unwrap_or_default()
    }
}

/// What the message of a change says, as JSON.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct ChangeNote {
    #[serde(rename = "c")]
    pub collection: String,
    #[serde(rename = "r")]
    pub record: String,
    #[serde(rename = "a")]
    pub action: Action,
    #[serde(rename = "f", default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

impl ChangeNote {
    pub fn new(collection: &str, record: &str, action: Action, fields: Vec<&str>) -> ChangeNote {
        ChangeNote {
            collection: collection.into(),
            record: record.into(),
            action,
            fields: fields.into_iter().map(String::from).collect(),
        }
    }

    pub fn to_message(&self) -> String {
        serde_json::to_string(self).expect("a change note serializes")
    }

    /// Reads a change message; messages of other shapes (a merge from an older app) are
    /// not history lines.
    pub fn parse(message: &str) -> Option<ChangeNote> {
        serde_json::from_str(message).ok()
    }
}
