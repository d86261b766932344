//! Reading the open space for the screens: small helpers over the store and the core.

use crate::store;
use kenesh_core::{Category, Date, Device, DocKind, Member, SpaceInfo, StaffMember};
use std::collections::HashMap;

/// Today in the device's time zone.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    let offset = -(now.get_timezone_offset() as i32);
    Date::from_unix_ms(now.get_time() as i64, offset)
}

pub fn school_name() -> String {
    store::root::<SpaceInfo>(DocKind::Space, SpaceInfo::KEY)
        .map(|i| i.school_name)
        .unwrap_or_default()
}

pub fn staff() -> HashMap<String, StaffMember> {
    store::records(DocKind::People)
}

pub fn staff_member(id: &str) -> Option<StaffMember> {
    store::read(|s| s.doc(DocKind::People).get::<StaffMember>(id).ok().flatten())
}

/// The space's categories that are not removed, in their order.
pub fn categories() -> Vec<(String, Category)> {
    let mut all: Vec<(String, Category)> = store::records::<Category>(DocKind::Space)
        .into_iter()
        .filter(|(_, c)| c.removed.is_none())
        .collect();
    kenesh_core::order::sort_by(&mut all, |a, b| {
        a.1.order.cmp(&b.1.order).then_with(|| a.0.cmp(&b.0))
    });
    all
}

/// A category's name in a language; a removed or unknown id shows as itself.
pub fn category_name(id: &str, lang: &str) -> String {
    store::read(|s| s.doc(DocKind::Space).get::<Category>(id).ok().flatten())
        .map(|c| c.name.get(lang).to_string())
        .unwrap_or_else(|| id.to_string())
}

pub fn members() -> HashMap<String, Member> {
    store::records(DocKind::Space)
}

/// The member who writes from this device.
pub fn me() -> Option<Member> {
    let id = store::read(|s| s.identity().member_id.clone());
    members().remove(&id)
}

/// The name of the member behind an Automerge actor, for history lines.
pub fn who(actor: &str) -> Option<String> {
    let device: Device =
        store::read(|s| s.doc(DocKind::Space).get::<Device>(actor).ok().flatten())?;
    members().remove(&device.member_id).map(|m| m.name)
}
