//! The council, the associations, the responsibility matrix and the rights table.

use super::data::{self as work, can_edit, name_of};
use super::labels::{area_key, kind_key, right_key};
use super::people::{PeoplePicker, PersonFilter, PersonSelect, toggle};
use crate::components::filter_check::FilterCheck;
use crate::i18n::{Key, problem_text, use_i18n};
use crate::route::Route;
use crate::store::{self, Status};
use kenesh_core::DocKind;
use kenesh_core::id::new_id;
use kenesh_core::space::AppRole;
use kenesh_core::structure::{
    AreaKind, AssociationKind, AssociationQuery, AssociationSort, Council, CouncilForm, EditArea,
    Responsibility, ResponsibilityForm, ResponsibilityMatrix, Rights,
};
use kenesh_platform::random_bytes;
use leptos::prelude::*;

fn role_key(r: AppRole) -> Key {
    match r {
        AppRole::Administrator => Key::RoleAdministrator,
        AppRole::CouncilMember => Key::RoleCouncilMember,
        AppRole::AssociationHead => Key::RoleAssociationHead,
        AppRole::Teacher => Key::RoleTeacher,
    }
}

#[component]
pub fn StructurePage() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let staff = work::staff_memo(status);
    let editable = can_edit(EditArea::Structure, None);
    view! {
        <section class="structure">
            <h1>{i18n.t(Key::StructureTitle)}</h1>
            <p class="banner info" data-testid="rights-note">{i18n.t(Key::RightsNote)}</p>
            <Show when=move || !editable>
                <p class="banner warning">{i18n.t(Key::ReadOnlyForRole)}</p>
            </Show>
            <Show when=move || staff.with(|s| s.is_empty())>
                <p class="banner warning" data-testid="staff-needed">{i18n.t(Key::StaffNeededFirst)}</p>
            </Show>
            {move || view! { <CouncilCard staff=staff.get() editable=editable/> }}
            <AssociationsCard/>
            {move || view! { <ResponsibilitiesCard staff=staff.get() editable=editable/> }}
            <RightsCard/>
        </section>
    }
}

#[component]
fn CouncilCard(staff: Vec<(String, String)>, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let form = RwSignal::new(CouncilForm::from_council(&work::council()));
    let errors = RwSignal::new(Vec::new());
    let ids: Vec<String> = staff.iter().map(|(id, _)| id.clone()).collect();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        match form.get_untracked().parse(&ids) {
            Err(e) => errors.set(e),
            Ok(council) => {
                errors.set(Vec::new());
                let _ = store::edit(DocKind::Structure, status, |d, ctx| {
                    d.put::<Council>(Council::ID, &council, ctx)
                });
            }
        }
    };
    let problems = move || {
        errors
            .get()
            .iter()
            .map(|e| problem_text(i18n.lang(), e.problem))
            .collect::<Vec<_>>()
            .join(" ")
    };
    view! {
        <div class="card" data-testid="council">
            <h2>{i18n.t(Key::Council)}</h2>
            <form on:submit=save novalidate>
                <label class="field">
                    <span class="field-label">{i18n.t(Key::Chair)}</span>
                    <PersonSelect staff=staff.clone() name="chair" disabled=!editable
                        value=Signal::derive(move || form.get().chair)
                        on_change=Callback::new(move |v| form.update(|f| f.chair = v))/>
                </label>
                <label class="field">
                    <span class="field-label">{i18n.t(Key::Secretary)}</span>
                    <PersonSelect staff=staff.clone() name="secretary" disabled=!editable
                        value=Signal::derive(move || form.get().secretary)
                        on_change=Callback::new(move |v| form.update(|f| f.secretary = v))/>
                </label>
                <fieldset class="field">
                    <legend>{i18n.t(Key::CouncilMembers)}</legend>
                    <PeoplePicker staff=staff.clone() name="council-member" disabled=!editable
                        chosen=Signal::derive(move || form.get().members)
                        on_toggle=Callback::new(move |(id, on)| form.update(|f| toggle(&mut f.members, id, on)))/>
                </fieldset>
                <Show when=move || !errors.get().is_empty()>
                    <p class="field-error" role="alert">{problems}</p>
                </Show>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="save-council" disabled=!editable>{i18n.t(Key::Save)}</button>
                </div>
            </form>
        </div>
    }
}

#[component]
fn AssociationsCard() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let query = RwSignal::new(AssociationQuery::default());
    let all = Memo::new(move |_| {
        status.revision.track();
        work::associations()
    });
    let staff = work::staff_memo(status);
    let rows = Memo::new(move |_| {
        all.with(|all| {
            query.with(|q| {
                q.run(all.iter())
                    .into_iter()
                    .map(|(id, a)| (id.clone(), a.clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let total = Memo::new(move |_| all.with(|a| a.values().filter(|a| !a.is_removed()).count()));
    view! {
        <div class="card" data-testid="associations">
            <div class="toolbar">
                <h2>{i18n.t(Key::Associations)}</h2>
                <a class="button primary" href=Route::NewAssociation.href() data-testid="add-association">{i18n.t(Key::AddAssociation)}</a>
            </div>
            <div class="filters">
                <input type="search" placeholder=i18n.t(Key::SearchAssociations) aria-label=i18n.t(Key::SearchAssociations)
                    on:input=move |ev| { let v = event_target_value(&ev); query.update(|q| q.search = v) }/>
                <select aria-label=i18n.t(Key::AssociationKindLabel) on:change=move |ev| {
                    let v = event_target_value(&ev);
                    query.update(|q| q.kind = AssociationKind::from_code(&v))
                }>
                    <option value="">{i18n.t(Key::AllKinds)}</option>
                    {AssociationKind::ALL.into_iter().map(|k| view! { <option value=k.code()>{i18n.t(kind_key(k))}</option> }).collect_view()}
                </select>
                <PersonFilter staff=staff set=Callback::new(move |p| query.update(|q| q.person = p))/>
                <select aria-label=i18n.t(Key::SortBy) on:change=move |ev| {
                    let v = event_target_value(&ev);
                    query.update(|q| q.sort = if v == "size" { AssociationSort::Size } else { AssociationSort::Name })
                }>
                    <option value="name">{i18n.t(Key::SortName)}</option>
                    <option value="size">{i18n.t(Key::SortSize)}</option>
                </select>
                <FilterCheck label=Key::ShowRemoved checked=Signal::derive(move || query.with(|q| q.removed)) set=Callback::new(move |on| query.update(|q| q.removed = on))/>
            </div>
            <Show when=move || !rows.get().is_empty() fallback=move || view! {
                <p class="empty">{move || i18n.lang().text(if total.get() == 0 { Key::AssociationsEmpty } else { Key::NothingFound })}</p>
            }>
                <table>
                    <thead><tr>
                        <th>{i18n.t(Key::AssociationName)}</th>
                        <th>{i18n.t(Key::AssociationKindLabel)}</th>
                        <th>{i18n.t(Key::Head)}</th>
                        <th>{i18n.t(Key::Members)}</th>
                        <th>{i18n.t(Key::Subjects)}</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let staff = staff.get();
                            rows.get().into_iter().map(|(id, a)| {
                                let head = a.head.as_deref().map(|h| name_of(&staff, h)).unwrap_or_default();
                                let members = a.members.iter().map(|m| name_of(&staff, m)).collect::<Vec<_>>().join(", ");
                                view! {
                                    <tr data-testid="association-row">
                                        <td><a href=Route::EditAssociation(id).href()>{a.name.clone()}</a></td>
                                        <td>{i18n.t(kind_key(a.kind))}</td>
                                        <td>{head}</td>
                                        <td>{members}</td>
                                        <td>{a.subjects.join(", ")}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </Show>
        </div>
    }
}

#[component]
fn ResponsibilitiesCard(staff: Vec<(String, String)>, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let rows = Memo::new(move |_| {
        status.revision.track();
        work::responsibilities()
    });
    let form = RwSignal::new(ResponsibilityForm::default());
    let errors = RwSignal::new(Vec::new());
    let ids: Vec<String> = staff.iter().map(|(id, _)| id.clone()).collect();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        match form.get_untracked().parse(&ids) {
            Err(e) => errors.set(e),
            Ok(row) => {
                errors.set(Vec::new());
                let id = new_id(random_bytes());
                if store::edit(DocKind::Structure, status, |d, ctx| d.put(&id, &row, ctx)).is_ok() {
                    form.set(ResponsibilityForm::default());
                }
            }
        }
    };
    let staff_for_rows = staff.clone();
    view! {
        <div class="card" data-testid="responsibilities">
            <h2>{i18n.t(Key::Responsibilities)}</h2>
            {move || {
                let all = rows.get();
                let matrix = ResponsibilityMatrix::new(all.iter());
                if matrix.rows().is_empty() {
                    return view! { <p class="empty">{i18n.t(Key::ResponsibilitiesEmpty)}</p> }.into_any();
                }
                let staff = staff_for_rows.clone();
                view! {
                    <table>
                        <thead><tr>
                            <th>{i18n.t(Key::AreaKindLabel)}</th>
                            <th>{i18n.t(Key::Area)}</th>
                            <th>{i18n.t(Key::ResponsiblePeople)}</th>
                            <th></th>
                        </tr></thead>
                        <tbody>
                            {matrix.rows().iter().map(|(id, r)| {
                                let id = (*id).clone();
                                let people = r.people.iter().map(|p| name_of(&staff, p)).collect::<Vec<_>>().join(", ");
                                view! {
                                    <tr data-testid="responsibility-row">
                                        <td>{i18n.t(area_key(r.kind))}</td>
                                        <td>{r.area.clone()}</td>
                                        <td>{people}</td>
                                        <td><button disabled=!editable on:click=move |_| {
                                            let _ = store::edit(DocKind::Structure, status, |d, ctx| d.remove::<Responsibility>(&id, ctx));
                                        }>{i18n.t(Key::Remove)}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <form on:submit=add novalidate>
                <label class="field">
                    <span class="field-label">{i18n.t(Key::AreaKindLabel)}</span>
                    <select name="area-kind" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| f.kind = AreaKind::from_code(&v).unwrap_or_default())
                    }>
                        {AreaKind::ALL.into_iter().map(|k| view! {
                            <option value=k.code() selected=move || form.get().kind == k>{i18n.t(area_key(k))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{i18n.t(Key::Area)}</span>
                    <input name="area" prop:value=move || form.get().area
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.area = v) }/>
                </label>
                <fieldset class="field">
                    <legend>{i18n.t(Key::ResponsiblePeople)}</legend>
                    <PeoplePicker staff=staff name="responsible" disabled=!editable
                        chosen=Signal::derive(move || form.get().people)
                        on_toggle=Callback::new(move |(id, on)| form.update(|f| toggle(&mut f.people, id, on)))/>
                </fieldset>
                <Show when=move || !errors.get().is_empty()>
                    <p class="field-error" role="alert">
                        {move || errors.get().iter().map(|p| problem_text(i18n.lang(), *p)).collect::<Vec<_>>().join(" ")}
                    </p>
                </Show>
                <div class="actions">
                    <button type="submit" data-testid="add-responsibility" disabled=!editable>{i18n.t(Key::Add)}</button>
                </div>
            </form>
        </div>
    }
}

#[component]
fn RightsCard() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="card" data-testid="rights">
            <h2>{i18n.t(Key::RightsTitle)}</h2>
            <p class="hint">{i18n.t(Key::RightsNote)}</p>
            <table>
                <thead><tr>
                    <th></th>
                    {AppRole::ALL.into_iter().map(|r| view! { <th>{i18n.t(role_key(r))}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {EditArea::ALL.into_iter().map(|area| view! {
                        <tr>
                            <td>{i18n.t(right_key(area))}</td>
                            {AppRole::ALL.into_iter().map(|r| {
                                let mark = if Rights::may_edit(r, area, true) { "✓" } else { "—" };
                                view! { <td class="num">{mark}</td> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
