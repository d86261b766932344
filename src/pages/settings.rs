//! Settings of the space (school name, categories) and of this device (storage, identity).

use crate::components::field::Field;
use crate::data;
use crate::i18n::{Key, problem_text, use_i18n};
use crate::pages::setup::app_role_key;
use crate::store::{self, Status};
use kenesh_core::id::new_id;
use kenesh_core::validation::required_name;
use kenesh_core::{Category, DocKind, LocalizedName, SpaceInfo};
use kenesh_platform::{StorageUsage, random_bytes};
use leptos::prelude::*;

fn megabytes(bytes: f64) -> String {
    format!("{:.2} MB", bytes / 1_048_576.0)
}

#[component]
fn StorageSection() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let space_bytes = Memo::new(move |_| {
        status.revision.track();
        store::read(|s| s.stored_bytes())
    });
    let usage = RwSignal::new(None::<StorageUsage>);
    let persisted = RwSignal::new(None::<bool>);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            usage.set(kenesh_platform::usage().await.ok());
            persisted.set(kenesh_platform::persisted().await.ok());
        })
    };
    refresh();
    let request = move |_| {
        leptos::task::spawn_local(async move {
            persisted.set(kenesh_platform::persist().await.ok());
        })
    };
    view! {
        <section class="card">
            <h2>{i18n.t(Key::Storage)}</h2>
            <p data-testid="space-bytes">
                {move || format!("{}: {}", i18n.lang().text(Key::SpaceSize), megabytes(space_bytes.get() as f64))}
            </p>
            <p data-testid="storage-usage">
                {move || match usage.get() {
                    Some(u) => format!("{}: {} / {}", i18n.lang().text(Key::StorageUsed), megabytes(u.usage), megabytes(u.quota)),
                    None => i18n.lang().text(Key::StorageUnknown).to_string(),
                }}
            </p>
            <p data-testid="storage-persisted">
                {move || i18n.lang().text(if persisted.get() == Some(true) { Key::StoragePersistent } else { Key::StorageNotPersistent })}
            </p>
            <Show when=move || persisted.get() != Some(true)>
                <button on:click=request data-testid="persist">{i18n.t(Key::RequestPersist)}</button>
            </Show>
        </section>
    }
}

#[component]
fn SchoolSection() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let name = RwSignal::new(data::school_name());
    let error = RwSignal::new(None::<kenesh_core::Problem>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match required_name(&name.get_untracked(), 200) {
            Err(p) => error.set(Some(p)),
            Ok(school_name) => {
                error.set(None);
                let created_ms = store::read(|s| {
                    s.doc(DocKind::Space)
                        .root::<SpaceInfo>(SpaceInfo::KEY)
                        .ok()
                        .flatten()
                })
                .map(|i| i.created_ms)
                .unwrap_or_default();
                let info = SpaceInfo {
                    school_name,
                    created_ms,
                };
                let _ = store::edit(DocKind::Space, status, |doc, ctx| {
                    doc.put_root(SpaceInfo::KEY, &info, ctx)
                });
            }
        }
    };
    view! {
        <section class="card">
            <h2>{i18n.t(Key::School)}</h2>
            <form on:submit=save novalidate>
                <Field label=Signal::derive(i18n.t(Key::SchoolName)) error=Signal::derive(move || error.get().map(|p| problem_text(i18n.lang(), p)))>
                    <input name="school" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </Field>
                <button type="submit">{i18n.t(Key::Save)}</button>
            </form>
        </section>
    }
}

#[component]
fn CategoriesSection() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let categories = Memo::new(move |_| {
        status.revision.track();
        data::categories()
    });
    let new_name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<kenesh_core::Problem>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match required_name(&new_name.get_untracked(), 100) {
            Err(p) => error.set(Some(p)),
            Ok(name) => {
                error.set(None);
                let order = categories
                    .get_untracked()
                    .iter()
                    .map(|(_, c)| c.order)
                    .max()
                    .unwrap_or(0)
                    + 1;
                let category = Category {
                    name: LocalizedName::same(&name),
                    order,
                    valid_years: 5,
                    removed: None,
                };
                let id = new_id(random_bytes());
                let _ = store::edit(DocKind::Space, status, |doc, ctx| {
                    doc.put(&id, &category, ctx)
                });
                new_name.set(String::new());
            }
        }
    };
    let rename = move |id: String, mut c: Category, lang: &'static str, value: String| {
        match lang {
            "ky" => c.name.ky = value,
            "ru" => c.name.ru = value,
            _ => c.name.en = value,
        }
        let _ = store::edit(DocKind::Space, status, |doc, ctx| doc.put(&id, &c, ctx));
    };
    view! {
        <section class="card">
            <h2>{i18n.t(Key::Categories)}</h2>
            <p class="hint">{i18n.t(Key::CategoriesHint)}</p>
            <table class="categories" data-testid="categories">
                <thead><tr><th>"Кыргызча"</th><th>"Русский"</th><th>"English"</th><th></th></tr></thead>
                <tbody>
                    {move || categories.get().into_iter().map(|(id, c)| {
                        let cells = [("ky", c.name.ky.clone()), ("ru", c.name.ru.clone()), ("en", c.name.en.clone())].map(|(lang, value)| {
                            let (id, c) = (id.clone(), c.clone());
                            view! { <td><input prop:value=value on:change=move |ev| rename(id.clone(), c.clone(), lang, event_target_value(&ev))/></td> }
                        });
                        let remove_id = id.clone();
                        view! {
                            <tr>
                                {cells}
                                <td><button on:click=move |_| { let _ = store::edit(DocKind::Space, status, |doc, ctx| doc.remove::<Category>(&remove_id, ctx)); }>{i18n.t(Key::Remove)}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <form on:submit=add novalidate class="inline">
                <Field label=Signal::derive(i18n.t(Key::NewCategory)) error=Signal::derive(move || error.get().map(|p| problem_text(i18n.lang(), p)))>
                    <input name="new-category" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/>
                </Field>
                <button type="submit">{i18n.t(Key::Add)}</button>
            </form>
        </section>
    }
}

#[component]
fn DeviceSection() -> impl IntoView {
    let i18n = use_i18n();
    let me = data::me();
    let actor = store::read(|s| s.identity().actor.clone());
    view! {
        <section class="card">
            <h2>{i18n.t(Key::ThisDevice)}</h2>
            <dl class="record">
                <dt>{i18n.t(Key::YourName)}</dt>
                <dd data-testid="me">{me.as_ref().map(|m| m.name.clone()).unwrap_or_default()}</dd>
                <dt>{i18n.t(Key::YourRole)}</dt>
                <dd>{move || me.as_ref().map(|m| i18n.lang().text(app_role_key(m.role))).unwrap_or_default()}</dd>
                <dt>{i18n.t(Key::DeviceId)}</dt>
                <dd><code>{actor}</code></dd>
            </dl>
        </section>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="settings">
            <h1>{i18n.t(Key::NavSettings)}</h1>
            <SchoolSection/>
            <CategoriesSection/>
            <crate::pages::sync_settings::RelaySection/>
            <crate::pages::sync_settings::FileSection/>
            <StorageSection/>
            <DeviceSection/>
        </section>
    }
}
