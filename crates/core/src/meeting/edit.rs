//! Edits of a stored meeting. Each reads the meeting fresh from the document (the minutes'
//! text must be edited at the document's current state to merge) and writes only what
//! changed.

use super::record::{Attendance, Decision, Meeting};
use crate::date::Date;
use crate::document::{DocError, Document, EditContext, Record};
use crate::history::{Action, ChangeNote};
use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ObjType, ReadDoc, TextEncoding, Value};

/// Reads the meeting `id`, lets `f` change it, and stores the change.
pub fn update_meeting(
    doc: &mut Document,
    id: &str,
    ctx: EditContext,
    f: impl FnOnce(&mut Meeting),
) -> Result<(), DocError> {
    let mut meeting: Meeting = doc
        .get(id)?
        .ok_or_else(|| DocError::NoRecord(id.to_string()))?;
    f(&mut meeting);
    doc.put(id, &meeting, ctx)
}

/// Replaces the minutes with `text`, written as the character splices that turn what is
/// stored now into it, so another person's words typed elsewhere at the same time are kept
/// when the copies merge. (Written straight to Automerge: autosurgeon's `Text::update`
/// counts bytes where Automerge counts characters, which breaks on Cyrillic.)
pub fn set_minutes(
    doc: &mut Document,
    id: &str,
    text: &str,
    ctx: EditContext,
) -> Result<(), DocError> {
    let collection = doc.collection(<Meeting as Record>::COLLECTION)?;
    let am = doc.automerge_mut();
    let meeting = match am.get(&collection, id)? {
        Some((Value::Object(ObjType::Map), obj)) => obj,
        _ => return Err(DocError::NoRecord(id.to_string())),
    };
    let minutes = match am.get(&meeting, "minutes")? {
        Some((Value::Object(ObjType::Text), obj)) => obj,
        _ => am.put_object(&meeting, "minutes", ObjType::Text)?,
    };
    let old = am.text(&minutes)?;
    if old == text {
        return Ok(());
    }
    let encoding = am.text_encoding();
    let width = |s: &[char]| -> usize {
        let s: String = s.iter().collect();
        match encoding {
            TextEncoding::Utf8CodeUnit => s.len(),
            TextEncoding::Utf16CodeUnit => s.encode_utf16().count(),
            _ => s.chars().count(),
        }
    };
    let new: Vec<char> = text.chars().collect();
    let diff = similar::TextDiff::from_chars(old.as_str(), text);
    for op in diff.ops() {
        // Earlier ops already made the text's start equal to the new text's start, so each
        // op applies at its position in the new text.
        let (_, old_range, new_range) = op.as_tag_tuple();
        if op.tag() == similar::DiffTag::Equal {
            continue;
        }
        let at = width(&new[..new_range.start]);
        let old_chars: Vec<char> = old
            .chars()
            .skip(old_range.start)
            .take(old_range.len())
            .collect();
        let insert: String = new[new_range.clone()].iter().collect();
        am.splice_text(&minutes, at, width(&old_chars) as isize, &insert)?;
    }
    let note = ChangeNote::new(
        <Meeting as Record>::COLLECTION,
        id,
        Action::Update,
        vec!["minutes"],
    );
    am.commit_with(
        CommitOptions::default()
            .with_message(note.to_message())
            .with_time(ctx.time_ms),
    );
    Ok(())
}

/// Marks one person present or absent (with a reason); other marks are untouched.
pub fn mark_attendance(
    doc: &mut Document,
    id: &str,
    staff_id: &str,
    attendance: Attendance,
    ctx: EditContext,
) -> Result<(), DocError> {
    update_meeting(doc, id, ctx, |m| {
        m.attendance.insert(staff_id.to_string(), attendance);
    })
}

/// Adds a decision under a new random id the caller draws.
pub fn add_decision(
    doc: &mut Document,
    id: &str,
    decision_id: &str,
    decision: Decision,
    ctx: EditContext,
) -> Result<(), DocError> {
    update_meeting(doc, id, ctx, |m| {
        m.decisions.insert(decision_id.to_string(), decision);
    })
}

/// Marks a decision done on `done` (or open again with `None`).
pub fn set_decision_done(
    doc: &mut Document,
    id: &str,
    decision_id: &str,
    done: Option<Date>,
    ctx: EditContext,
) -> Result<(), DocError> {
    update_meeting(doc, id, ctx, |m| {
        if let Some(d) = m.decisions.get_mut(decision_id) {
            d.done = done;
        }
    })
}
