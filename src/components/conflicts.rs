//! A staff record's fields that two people changed at the same time: every value with who
//! wrote it, and a button to keep one.

use crate::data;
use crate::i18n::{Key, Lang, use_i18n};
use crate::pages::staff_detail::field_key;
use crate::store::{self, Status};
use kenesh_core::{Date, DocError, DocKind, Document, EditContext, StaffMember, StaffRole};
use leptos::prelude::*;
use std::sync::Arc;

type Keep = Arc<dyn Fn(&mut Document, EditContext) -> Result<(), DocError> + Send + Sync>;

/// How a value reads: as it is, or a category id to name.
#[derive(Clone)]
enum Shown {
    Text(String),
    Category(Option<String>),
}

/// One of the values a field holds, as read from the document.
struct Raw {
    actor: String,
    shown: Shown,
    keep: Keep,
}

/// One of the values a field holds, ready to show.
#[derive(Clone)]
struct Choice {
    text: String,
    who: String,
    keep: Keep,
}

impl PartialEq for Choice {
    fn eq(&self, other: &Choice) -> bool {
        self.text == other.text && self.who == other.who
    }
}

/// One conflicted field and its values.
#[derive(Clone, PartialEq)]
struct Conflict {
    field: String,
    label: String,
    choices: Vec<Choice>,
}

/// A field's name in `lang`; a field the app has no name for shows as stored.
fn field_label(field: &str, lang: Lang) -> String {
    field_key(field).map_or_else(|| field.to_string(), |key| lang.text(key).to_string())
}

fn raw<V>(doc: &Document, id: &str, field: &str, show: impl Fn(&V) -> Shown) -> Vec<Raw>
where
    V: autosurgeon::Hydrate + autosurgeon::Reconcile + Clone + Send + Sync + 'static,
{
    let values = doc
        .field_values::<StaffMember, V>(id, field)
        .unwrap_or_default();
    values
        .into_iter()
        .map(|c| {
            let shown = show(&c.value);
            let (id, field, value) = (id.to_string(), field.to_string(), c.value);
            let keep: Keep = Arc::new(move |doc: &mut Document, ctx| {
                doc.resolve::<StaffMember, V>(&id, &field, &value, ctx)
            });
            Raw {
                actor: c.actor,
                shown,
                keep,
            }
        })
        .collect()
}

/// The conflicted fields of a staff record with their values as stored.
fn read_conflicts(id: &str, lang: Lang) -> Vec<(String, Vec<Raw>)> {
    store::read(|s| {
        let doc = s.doc(DocKind::People);
        let fields = doc.conflicted_fields::<StaffMember>(id).unwrap_or_default();
        fields
            .into_iter()
            .filter_map(|field| {
                let text = |v: &String| Shown::Text(v.clone());
                let list = |v: &Vec<String>| Shown::Text(v.join(", "));
                let values = match field.as_str() {
                    "full_name" | "education" | "phone" | "email" => {
                        raw::<String>(doc, id, &field, text)
                    }
                    "subjects" => raw::<Vec<String>>(doc, id, &field, list),
                    "roles" => raw::<Vec<StaffRole>>(doc, id, &field, |v| {
                        Shown::Text(
                            v.iter()
                                .map(|r| lang.text(crate::pages::staff_detail::role_key(*r)))
                                .collect::<Vec<_>>()
                                .join(", "),
                        )
                    }),
                    "teaching_since" => raw::<Option<u16>>(doc, id, &field, |v| {
                        Shown::Text(v.map(|y| y.to_string()).unwrap_or_default())
                    }),
                    "category" => {
                        raw::<Option<String>>(doc, id, &field, |v| Shown::Category(v.clone()))
                    }
                    "category_expiry" => raw::<Option<Date>>(doc, id, &field, |v| {
                        Shown::Text(v.map(Date::dotted).unwrap_or_default())
                    }),
                    _ => return None,
                };
                (values.len() > 1).then_some((field, values))
            })
            .collect()
    })
}

fn conflicts(id: &str, lang: Lang) -> Vec<Conflict> {
    read_conflicts(id, lang)
        .into_iter()
        .map(|(field, values)| Conflict {
            label: field_label(&field, lang),
            field,
            choices: values
                .into_iter()
                .map(|r| Choice {
                    text: match r.shown {
                        Shown::Text(t) => t,
                        Shown::Category(Some(c)) => data::category_name(&c, lang.code()),
                        Shown::Category(None) => lang.text(Key::NoCategory).to_string(),
                    },
                    who: data::who(&r.actor)
                        .unwrap_or_else(|| lang.text(Key::UnknownDevice).to_string()),
                    keep: r.keep,
                })
                .collect(),
        })
        .collect()
}

#[component]
pub fn Conflicts(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let list = Memo::new(move |_| {
        status.revision.track();
        conflicts(&id, i18n.lang())
    });
    view! {
        <Show when=move || !list.get().is_empty()>
            <section class="banner warning conflicts" role="alert" data-testid="conflicts">
                <h2>{i18n.t(Key::ConflictTitle)}</h2>
                <p>{i18n.t(Key::ConflictHint)}</p>
                {move || list.get().into_iter().map(|c| view! {
                    <div class="conflict" data-testid="conflict" data-field=c.field.clone()>
                        <h3>{c.label.clone()}</h3>
                        <ul>
                            {c.choices.into_iter().map(|choice| {
                                let keep = choice.keep.clone();
                                view! {
                                    <li data-testid="conflict-value">
                                        <span class="value">{choice.text.clone()}</span>
                                        " · "
                                        <span class="who">{choice.who.clone()}</span>
                                        " "
                                        <button data-testid="keep" on:click=move |_| {
                                            let keep = keep.clone();
                                            let _ = store::edit(DocKind::People, status, move |doc, ctx| keep(doc, ctx));
                                        }>{i18n.t(Key::KeepThis)}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                }).collect_view()}
            </section>
        </Show>
    }
}
