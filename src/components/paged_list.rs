//! The frame of a long list (staff, library): "Shown N / M", the message when there is
//! nothing to show, the table, and "show more" while rows are left undrawn.

use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;

/// Rows drawn at once (a tablet shows about twenty, a laptop thirty); "show more" adds as many again. Keeps
/// a 2,000-row list quick to open.
pub const PAGE: usize = 50;

/// `shown` rows match the query out of `total`; `limit` of them are drawn by `children`
/// (the table). `empty` is said when there is nothing at all, "nothing found" when the
/// query hides everything.
#[component]
pub fn PagedList(
    count_id: &'static str,
    shown: Signal<usize>,
    total: Signal<usize>,
    limit: RwSignal<usize>,
    empty: Key,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="count" data-testid=count_id>
            {move || format!("{} {} / {}", i18n.lang().text(Key::Shown), shown.get(), total.get())}
        </p>
        <Show
            when=move || { shown.get() > 0 }
            fallback=move || view! {
                <p class="empty" data-testid="empty">
                    {move || i18n.lang().text(if total.get() == 0 { empty } else { Key::NothingFound })}
                </p>
            }
        >
            {children()}
            <Show when=move || { shown.get() > limit.get() }>
                <button class="more no-print" data-testid="show-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                    {move || format!("{} ({})", i18n.lang().text(Key::ShowMore), shown.get() - limit.get())}
                </button>
            </Show>
        </Show>
    }
}
