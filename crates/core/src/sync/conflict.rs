//! Conflicts: when two people set the same field of a record concurrently, Automerge keeps
//! both values and shows one. These helpers list the fields in conflict and every
//! concurrent value with the actor (device) that wrote it, so the record can show them
//! all; [`Document::resolve`] writes the value a person picked, replacing all of them.
//!
//! Only fields directly on the record are looked at; text fields never conflict (both
//! edits merge), and concurrent edits of a list merge too.

use crate::document::{DocError, Document, EditContext, Record};
use crate::history::{Action, ChangeNote};
use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ObjId, ObjType, ReadDoc, Value};
use autosurgeon::{Hydrate, Reconcile};

/// One of the values a field holds concurrently.
#[derive(Clone, Debug, PartialEq)]
pub struct Concurrent<V> {
    pub value: V,
    /// The Automerge actor that wrote it, as hex (a device of a member).
    pub actor: String,
}

impl Document {
    fn record_obj(&self, collection: &'static str, id: &str) -> Result<Option<ObjId>, DocError> {
        let coll = self.collection(collection)?;
        Ok(match self.automerge().get(&coll, id)? {
            Some((Value::Object(ObjType::Map), obj)) => Some(obj),
            _ => None,
        })
    }

    /// The fields of a record that hold more than one value.
    pub fn conflicted_fields<T: Record>(&self, id: &str) -> Result<Vec<String>, DocError> {
        let Some(obj) = self.record_obj(T::COLLECTION, id)? else {
            return Ok(Vec::new());
        };
        let doc = self.automerge();
        let mut out = Vec::new();
        for key in doc.keys(&obj) {
            if doc.get_all(&obj, key.as_str())?.len() > 1 {
                out.push(key);
            }
        }
        Ok(out)
    }

    /// Every value a field of a record holds now, with who wrote it: one value normally,
    /// several after concurrent edits. The last is the one [`Document::get`] shows.
    pub fn field_values<T: Record, V: Hydrate>(
        &self,
        id: &str,
        field: &str,
    ) -> Result<Vec<Concurrent<V>>, DocError> {
        let Some(obj) = self.record_obj(T::COLLECTION, id)? else {
            return Ok(Vec::new());
        };
        let doc = self.automerge();
        let mut out = Vec::new();
        for (value, exid) in doc.get_all(&obj, field)? {
            let value = match value {
                Value::Scalar(s) => V::hydrate_scalar(s)?,
                Value::Object(ObjType::Map | ObjType::Table) => V::hydrate_map(doc, &exid)?,
                Value::Object(ObjType::List) => V::hydrate_seq(doc, &exid)?,
                Value::Object(ObjType::Text) => V::hydrate_text(doc, &exid)?,
            };
            let actor = match &exid {
                ObjId::Id(_, actor, _) => actor.to_hex_string(),
                ObjId::Root => String::new(),
            };
            out.push(Concurrent { value, actor });
        }
        Ok(out)
    }

    /// Writes the value a person picked for a field, replacing every concurrent value
    /// (even when the pick equals the value shown, which a plain [`Document::put`] would
    /// skip as unchanged).
    pub fn resolve<T: Record, V: Reconcile>(
        &mut self,
        id: &str,
        field: &str,
        value: &V,
        ctx: EditContext,
    ) -> Result<(), DocError> {
        let obj = self
            .record_obj(T::COLLECTION, id)?
            .ok_or_else(|| DocError::NoRecord(id.into()))?;
        let note = ChangeNote::new(T::COLLECTION, id, Action::Update, vec![field]);
        let doc = self.automerge_mut();
        if doc.get(&obj, field)?.is_some() {
            doc.delete(&obj, field)?;
        }
        autosurgeon::reconcile_prop(doc, &obj, field, value)?;
        doc.commit_with(
            CommitOptions::default()
                .with_message(note.to_message())
                .with_time(ctx.time_ms),
        );
        Ok(())
    }
}
