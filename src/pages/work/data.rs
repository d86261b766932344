//! Reading the structure, plans and meetings documents for the screens.

use crate::data;
use crate::store::{self, Status};
use kenesh_core::meeting::Meeting;
use kenesh_core::plan::{PlanItem, Program};
use kenesh_core::structure::{Association, Council, EditArea, Responsibility, Rights};
use kenesh_core::{DocKind, text};
use leptos::prelude::*;
use std::collections::HashMap;

pub fn council() -> Council {
    store::read(|s| {
        s.doc(DocKind::Structure)
            .get::<Council>(Council::ID)
            .ok()
            .flatten()
    })
    .unwrap_or_default()
}

pub fn associations() -> HashMap<String, Association> {
    store::with_doc(DocKind::Structure, |d| d.all().unwrap_or_default())
}

/// Associations not removed, in alphabet order.
pub fn association_list() -> Vec<(String, Association)> {
    let mut all: Vec<_> = associations()
        .into_iter()
        .filter(|(_, a)| !a.is_removed())
        .collect();
    kenesh_core::order::sort_by(&mut all, |a, b| text::collate(&a.1.name, &b.1.name));
    all
}

pub fn association(id: &str) -> Option<Association> {
    store::read(|s| s.doc(DocKind::Structure).get(id).ok().flatten())
}

pub fn responsibilities() -> HashMap<String, Responsibility> {
    store::with_doc(DocKind::Structure, |d| d.all().unwrap_or_default())
}

pub fn plan_items() -> HashMap<String, PlanItem> {
    store::with_doc(DocKind::Plans, |d| d.all().unwrap_or_default())
}

pub fn plan_item(id: &str) -> Option<PlanItem> {
    store::read(|s| s.doc(DocKind::Plans).get(id).ok().flatten())
}

pub fn programs() -> HashMap<String, Program> {
    store::with_doc(DocKind::Plans, |d| d.all().unwrap_or_default())
}

pub fn program(id: &str) -> Option<Program> {
    store::read(|s| s.doc(DocKind::Plans).get(id).ok().flatten())
}

pub fn meetings() -> HashMap<String, Meeting> {
    store::with_doc(DocKind::Meetings, |d| d.all().unwrap_or_default())
}

pub fn meeting(id: &str) -> Option<Meeting> {
    store::read(|s| s.doc(DocKind::Meetings).get(id).ok().flatten())
}

/// [`staff_list`], following every edit.
pub fn staff_memo(status: Status) -> Memo<Vec<(String, String)>> {
    Memo::new(move |_| {
        status.revision.track();
        staff_list()
    })
}

/// [`association_list`], following every edit.
pub fn association_memo(status: Status) -> Memo<Vec<(String, Association)>> {
    Memo::new(move |_| {
        status.revision.track();
        association_list()
    })
}

/// Current staff (not removed) as (id, name), in alphabet order.
pub fn staff_list() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = data::staff()
        .into_iter()
        .filter(|(_, m)| !m.is_removed())
        .map(|(id, m)| (id, m.full_name))
        .collect();
    kenesh_core::order::sort_by(&mut all, |a, b| text::collate(&a.1, &b.1));
    all
}

/// A staff member's name; an unknown id shows as itself.
pub fn name_of(staff: &[(String, String)], id: &str) -> String {
    staff
        .iter()
        .find(|(i, _)| i == id)
        .map(|(_, n)| n.clone())
        .unwrap_or_else(|| id.to_string())
}

/// The staff record of the person using this device, if their member record names one.
pub fn my_staff_id() -> Option<String> {
    data::me().and_then(|m| m.staff_id)
}

/// May the person using this device edit `area`? (`association`: the association in
/// question, for an association head.)
pub fn can_edit(area: EditArea, association: Option<&str>) -> bool {
    let Some(me) = data::me() else {
        return false;
    };
    let heads = match (association, &me.staff_id) {
        (Some(a), Some(staff)) => association_head(a).as_deref() == Some(staff.as_str()),
        _ => false,
    };
    Rights::may_edit(me.role, area, heads)
}

fn association_head(id: &str) -> Option<String> {
    association(id).and_then(|a| a.head)
}
