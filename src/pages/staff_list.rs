//! The staff list: search, filters and sort, over the core's [`StaffQuery`].

use crate::components::filter_check::FilterCheck;
use crate::components::paged_list::{PAGE, PagedList};
use crate::components::painted::painted;
use crate::data;
use crate::i18n::{Key, use_i18n};
use crate::pages::staff_detail::role_key;
use crate::route::Route;
use crate::store::Status;
use kenesh_core::StaffMember;
use kenesh_core::staff::{SortKey, StaffQuery, StaffRole};
use leptos::prelude::*;

fn sort_key(code: &str) -> SortKey {
    match code {
        "experience" => SortKey::ExperienceDesc,
        "category" => SortKey::Category,
        "expiry" => SortKey::CategoryExpiry,
        _ => SortKey::Name,
    }
}

#[component]
pub fn StaffList() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let query = RwSignal::new(StaffQuery::default());
    let staff = Memo::new(move |_| {
        status.revision.track();
        data::staff()
    });
    let categories = Memo::new(move |_| {
        status.revision.track();
        data::categories()
    });
    // `with` reads the memo in place: the staff map is not copied for each derived value.
    // The subject filter's choices are gathered once the first screen is painted.
    let painted = painted();
    let subjects = Memo::new(move |_| match painted.get() {
        true => staff.with(|s| StaffQuery::subjects(s.values())),
        false => Vec::new(),
    });
    let rows = Memo::new(move |_| {
        let order: Vec<(String, i64)> = categories
            .get()
            .iter()
            .map(|(id, c)| (id.clone(), c.order))
            .collect();
        let rank = |id: &str| {
            order
                .iter()
                .find(|(i, _)| i == id)
                .map(|(_, o)| *o)
                .unwrap_or(-1)
        };
        let today = data::today();
        // Ids only: the members of the rows drawn are looked up when they are drawn.
        staff.with(|staff| {
            query
                .with(|q| q.run(staff.iter(), today, &rank))
                .into_iter()
                .map(|(id, _)| id.clone())
                .collect::<Vec<_>>()
        })
    });
    let total = Memo::new(move |_| staff.with(|s| s.values().filter(|m| !m.is_removed()).count()));
    // The first screen with data is drawn: mark it for the open-offline benchmark.
    Effect::new(move |_| {
        rows.track();
        if let Some(p) = web_sys::window().and_then(|w| w.performance())
            && p.get_entries_by_name("kenesh-first-screen").length() == 0
        {
            let _ = p.mark("kenesh-first-screen");
        }
    });
    let limit = RwSignal::new(PAGE);
    // A new search or filter starts from the first page again.
    let set = move |f: &dyn Fn(&mut StaffQuery)| {
        query.update(|q| f(q));
        limit.set(PAGE);
    };

    view! {
        <section class="staff-list">
            <div class="toolbar">
                <h1>{i18n.t(Key::StaffTitle)}</h1>
                <a class="button primary" href=Route::NewStaff.href() data-testid="add-staff">{i18n.t(Key::AddStaff)}</a>
            </div>
            <div class="filters">
                <input type="search" data-testid="search" placeholder=i18n.t(Key::SearchStaff) aria-label=i18n.t(Key::SearchStaff)
                    prop:value=move || query.get().search
                    on:input=move |ev| { let v = event_target_value(&ev); set(&|q| q.search = v.clone()) }/>
                <select aria-label=i18n.t(Key::FilterRole) data-testid="filter-role" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(&|q| q.role = StaffRole::from_code(&v))
                }>
                    <option value="">{i18n.t(Key::AllRoles)}</option>
                    {StaffRole::ALL.into_iter().map(|r| view! { <option value=r.code()>{i18n.t(role_key(r))}</option> }).collect_view()}
                </select>
                <select aria-label=i18n.t(Key::FilterCategory) data-testid="filter-category" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(&|q| q.category = match v.as_str() { "*" => None, "" => Some(String::new()), id => Some(id.to_string()) })
                }>
                    <option value="*">{i18n.t(Key::AllCategories)}</option>
                    <option value="">{i18n.t(Key::NoCategory)}</option>
                    {move || categories.get().into_iter().map(|(id, c)| {
                        view! { <option value=id.clone()>{move || c.name.get(i18n.lang().code()).to_string()}</option> }
                    }).collect_view()}
                </select>
                <select aria-label=i18n.t(Key::FilterSubject) data-testid="filter-subject" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(&|q| q.subject = (!v.is_empty()).then(|| v.clone()))
                }>
                    <option value="">{i18n.t(Key::AllSubjects)}</option>
                    {move || subjects.get().into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                </select>
                <select aria-label=i18n.t(Key::SortBy) data-testid="sort" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(&|q| q.sort = sort_key(&v))
                }>
                    <option value="name">{i18n.t(Key::SortName)}</option>
                    <option value="experience">{i18n.t(Key::SortExperience)}</option>
                    <option value="category">{i18n.t(Key::SortCategory)}</option>
                    <option value="expiry">{i18n.t(Key::SortExpiry)}</option>
                </select>
                <FilterCheck label=Key::ShowRemoved testid="show-removed" checked=Signal::derive(move || query.with(|q| q.removed))
                    set=Callback::new(move |on| set(&|q| q.removed = on))/>
            </div>
            <PagedList count_id="staff-count" shown=Signal::derive(move || rows.with(Vec::len)) total=total.into()
                limit=limit empty=Key::StaffEmpty>
                <table class="staff-table">
                    <thead>
                        <tr>
                            <th>{i18n.t(Key::FullName)}</th>
                            <th>{i18n.t(Key::Roles)}</th>
                            <th>{i18n.t(Key::Subjects)}</th>
                            <th>{i18n.t(Key::Category)}</th>
                            <th class="num">{i18n.t(Key::Experience)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let lang = i18n.lang();
                            let categories = categories.get();
                            let category_name = |id: &str| {
                                categories.iter().find(|(c, _)| c == id).map(|(_, c)| c.name.get(lang.code()).to_string()).unwrap_or_default()
                            };
                            let today = data::today();
                            let shown: Vec<(String, StaffMember)> = staff.with(|staff| {
                                rows.with(|ids| ids.iter().take(limit.get()).filter_map(|id| Some((id.clone(), staff.get(id)?.clone()))).collect())
                            });
                            shown.into_iter().map(|(id, m)| {
                                let years = m.experience_years(today);
                                let expired = m.category_expired(today);
                                let roles = m.roles.iter().map(|r| lang.text(role_key(*r))).collect::<Vec<_>>().join(", ");
                                let category = m.category.as_deref().map(category_name).unwrap_or_default();
                                view! {
                                    <tr data-testid="staff-row">
                                        <td><a href=Route::StaffDetail(id).href()>{m.full_name}</a></td>
                                        <td>{roles}</td>
                                        <td>{m.subjects.join(", ")}</td>
                                        <td class:expired=expired>{category}</td>
                                        <td class="num" data-testid="staff-experience">{years.map(|y| view! { <span class="cell-label">{lang.text(Key::Experience)}": "</span>{y} })}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </PagedList>
        </section>
    }
}
