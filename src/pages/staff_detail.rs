//! One staff member: the record, its history, and remove / restore.

use crate::components::remove_toggle::RemoveToggle;
use crate::components::save_failure::SaveFailure;
use crate::data;
use crate::i18n::{Key, Lang, use_i18n};
use crate::route::Route;
use crate::store::{self, Status};
use kenesh_core::history::{Action, HistoryEntry};
use kenesh_core::staff::StaffRole;
use kenesh_core::{DocKind, StaffMember};
use leptos::prelude::*;

pub fn role_key(role: StaffRole) -> Key {
    match role {
        StaffRole::Teacher => Key::StaffRoleTeacher,
        StaffRole::ClassTeacher => Key::StaffRoleClassTeacher,
        StaffRole::AdditionalEducationTeacher => Key::StaffRoleAdditional,
        StaffRole::Administration => Key::StaffRoleAdministration,
    }
}

/// The name of a staff record's field, as the document stores it.
pub(crate) fn field_key(field: &str) -> Option<Key> {
    Some(match field {
        "full_name" => Key::FullName,
        "roles" => Key::Roles,
        "subjects" => Key::Subjects,
        "education" => Key::Education,
        "teaching_since" => Key::TeachingSince,
        "category" => Key::Category,
        "category_expiry" => Key::CategoryExpiry,
        "phone" => Key::Phone,
        "email" => Key::Email,
        _ => return None,
    })
}

fn action_key(action: Action) -> Key {
    match action {
        Action::Create => Key::HistoryCreated,
        Action::Update => Key::HistoryChanged,
        Action::Remove => Key::HistoryRemoved,
        Action::Restore => Key::HistoryRestored,
    }
}

/// A moment as local `DD.MM.YYYY HH:MM`, dates written as everywhere else on screen.
fn local_time(ms: i64) -> String {
    let d = js_sys::Date::new(&(ms as f64).into());
    format!(
        "{:02}.{:02}.{:04} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

fn history_line(e: &HistoryEntry, lang: Lang) -> String {
    let who = data::who(&e.actor).unwrap_or_else(|| lang.text(Key::UnknownDevice).to_string());
    let fields: Vec<&str> = e
        .fields
        .iter()
        .filter_map(|f| field_key(f))
        .map(|k| lang.text(k))
        .collect();
    let what = lang.text(action_key(e.action));
    let detail = if fields.is_empty() {
        String::new()
    } else {
        format!(": {}", fields.join(", "))
    };
    format!("{} · {who} · {what}{detail}", local_time(e.time_ms))
}

#[component]
pub fn StaffDetail(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let record_id = id.clone();
    let member = Memo::new(move |_| {
        status.revision.track();
        data::staff_member(&record_id)
    });
    let history_id = id.clone();
    let history = Memo::new(move |_| {
        status.revision.track();
        store::history(DocKind::People, "staff", &history_id)
    });
    let failure = RwSignal::new(None::<String>);
    let edit_href = Route::EditStaff(id.clone()).href();
    let conflict_id = id.clone();
    view! {
        <section class="staff-detail">
            <a class="back" href=Route::Staff.href()>{i18n.t(Key::BackToStaff)}</a>
            {move || match member.get() {
                None => view! { <p class="empty">{i18n.t(Key::NoSuchRecord)}</p> }.into_any(),
                Some(m) => {
                    let today = data::today();
                    let years = m.experience_years(today);
                    let expired = m.category_expired(today);
                    let roles = m.roles.clone();
                    let category = m.category.clone();
                    view! {
                        <h1 data-testid="staff-name">{m.full_name.clone()}</h1>
                        <crate::components::conflicts::Conflicts id=conflict_id.clone()/>
                        <Show when=move || member.get().is_some_and(|m| m.is_removed())>
                            <p class="banner warning" data-testid="removed-note">{i18n.t(Key::RecordRemoved)}</p>
                        </Show>
                        <dl class="record">
                            <dt>{i18n.t(Key::Roles)}</dt>
                            <dd data-testid="roles">{move || roles.iter().map(|r| i18n.lang().text(role_key(*r))).collect::<Vec<_>>().join(", ")}</dd>
                            <dt>{i18n.t(Key::Subjects)}</dt>
                            <dd data-testid="subjects">{m.subjects.join(", ")}</dd>
                            <dt>{i18n.t(Key::Education)}</dt>
                            <dd data-testid="education">{m.education.clone()}</dd>
                            <dt>{i18n.t(Key::TeachingSince)}</dt>
                            <dd data-testid="teaching-since">
                                {m.teaching_since.map(|y| y.to_string()).unwrap_or_default()}
                                {move || years.map(|y| format!(" ({} {y})", i18n.lang().text(Key::Experience))).unwrap_or_default()}
                            </dd>
                            <dt>{i18n.t(Key::Category)}</dt>
                            <dd data-testid="category" class:expired=expired>
                                {move || category.as_deref().map(|c| data::category_name(c, i18n.lang().code())).unwrap_or_else(|| i18n.lang().text(Key::NoCategory).to_string())}
                                {m.category_expiry.map(|d| format!(" — {}", d.dotted())).unwrap_or_default()}
                                {move || expired.then(|| format!(" ({})", i18n.lang().text(Key::Expired)))}
                            </dd>
                            <dt>{i18n.t(Key::Phone)}</dt>
                            <dd data-testid="phone">{m.phone.clone()}</dd>
                            <dt>{i18n.t(Key::Email)}</dt>
                            <dd data-testid="email">{m.email.clone()}</dd>
                        </dl>
                    }.into_any()
                }
            }}
            <div class="actions no-print">
                <a class="button" href=edit_href data-testid="edit">{i18n.t(Key::Edit)}</a>
                <RemoveToggle<StaffMember> kind=DocKind::People id=id.clone() failure=failure
                    removed=Signal::derive(move || member.get().is_some_and(|m| m.is_removed()))/>
            </div>
            <SaveFailure failure=failure/>
            <h2>{i18n.t(Key::History)}</h2>
            <ol class="history" data-testid="history">
                {move || history.get().iter().rev().map(|e| view! { <li>{history_line(e, i18n.lang())}</li> }).collect_view()}
            </ol>
        </section>
    }
}
