//! Staff composition at a glance: by category, by experience band, by role.

use crate::data;
use crate::i18n::{Key, use_i18n};
use crate::pages::staff_detail::role_key;
use crate::store::Status;
use kenesh_core::staff::{Composition, ExperienceBand};
use leptos::prelude::*;

fn band_key(band: ExperienceBand) -> Key {
    match band {
        ExperienceBand::UpTo2 => Key::BandUpTo2,
        ExperienceBand::From2To5 => Key::Band2To5,
        ExperienceBand::From5To10 => Key::Band5To10,
        ExperienceBand::From10To20 => Key::Band10To20,
        ExperienceBand::Over20 => Key::BandOver20,
        ExperienceBand::Unknown => Key::BandUnknown,
    }
}

/// One table of label, count and share.
fn table(
    title: &'static str,
    rows: Vec<(String, usize)>,
    c: &Composition,
    testid: &'static str,
) -> impl IntoView {
    let rows: Vec<_> = rows
        .into_iter()
        .map(|(label, n)| (label, n, c.percent(n)))
        .collect();
    view! {
        <table class="summary" data-testid=testid>
            <caption>{title}</caption>
            <tbody>
                {rows.into_iter().map(|(label, n, pct)| view! {
                    <tr><th scope="row">{label}</th><td class="num">{n}</td><td class="num">{format!("{pct} %")}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn CompositionPage() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let composition = Memo::new(move |_| {
        status.revision.track();
        Composition::of(data::staff().values(), data::today())
    });
    view! {
        <section class="composition">
            <h1>{i18n.t(Key::CompositionTitle)}</h1>
            {move || {
                let c = composition.get();
                let lang = i18n.lang();
                if c.total == 0 {
                    return view! { <p class="empty">{lang.text(Key::StaffEmpty)}</p> }.into_any();
                }
                let mut by_category: Vec<(String, usize)> = data::categories()
                    .into_iter()
                    .map(|(id, cat)| (cat.name.get(lang.code()).to_string(), c.by_category.get(&id).copied().unwrap_or(0)))
                    .collect();
                by_category.push((lang.text(Key::NoCategory).to_string(), c.by_category.get("").copied().unwrap_or(0)));
                let bands = ExperienceBand::ALL
                    .into_iter()
                    .map(|b| (lang.text(band_key(b)).to_string(), c.by_experience.get(&b).copied().unwrap_or(0)))
                    .collect();
                let roles = c.by_role.iter().map(|(r, n)| (lang.text(role_key(*r)).to_string(), *n)).collect();
                view! {
                    <p class="total" data-testid="total">{format!("{}: {}", lang.text(Key::TotalStaff), c.total)}</p>
                    <p class="expired-note">{format!("{}: {}", lang.text(Key::CategoryExpiredCount), c.expired_category)}</p>
                    <div class="summary-grid">
                        {table(lang.text(Key::ByCategory), by_category, &c, "by-category")}
                        {table(lang.text(Key::ByExperience), bands, &c, "by-experience")}
                        {table(lang.text(Key::ByRole), roles, &c, "by-role")}
                    </div>
                }.into_any()
            }}
        </section>
    }
}
