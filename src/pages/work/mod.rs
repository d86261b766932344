//! The council and associations at work (R1, R3, R4): structure, plans, calendar, meetings
//! with their minutes, and decisions. Thin views over `kenesh_core::{structure, plan,
//! meeting, calendar}`.

pub mod association_form;
pub mod calendar;
pub mod data;
pub mod decisions;
pub mod labels;
pub mod meeting_list;
pub mod meeting_page;
pub mod minutes_print;
pub mod my_items;
pub mod people;
pub mod plan_form;
pub mod plan_list;
pub mod program_form;
pub mod structure;

use crate::route::Route;
use leptos::prelude::*;

/// The navigation entry a screen of this module belongs to.
pub fn section_of(route: &Route) -> Option<Route> {
    Some(match route {
        Route::Structure | Route::NewAssociation | Route::EditAssociation(_) => Route::Structure,
        Route::Plans
        | Route::NewPlanItem
        | Route::EditPlanItem(_)
        | Route::NewProgram
        | Route::EditProgram(_) => Route::Plans,
        Route::Calendar => Route::Calendar,
        Route::My(_) => Route::My(None),
        Route::Meetings | Route::NewMeeting | Route::Meeting(_) | Route::MeetingPrint(_) => {
            Route::Meetings
        }
        Route::Decisions => Route::Decisions,
        _ => return None,
    })
}

/// The navigation entries of this module, after the staff's.
pub const NAV: [(Route, crate::i18n::Key); 6] = [
    (Route::Structure, crate::i18n::Key::NavStructure),
    (Route::Plans, crate::i18n::Key::NavPlans),
    (Route::Calendar, crate::i18n::Key::NavCalendar),
    (Route::Meetings, crate::i18n::Key::NavMeetings),
    (Route::Decisions, crate::i18n::Key::NavDecisions),
    (Route::My(None), crate::i18n::Key::NavMy),
];

/// The screen for a route of this module.
pub fn page(route: Route) -> AnyView {
    match route {
        Route::Structure => view! { <structure::StructurePage/> }.into_any(),
        Route::NewAssociation => {
            view! { <association_form::AssociationFormPage id=None/> }.into_any()
        }
        Route::EditAssociation(id) => {
            view! { <association_form::AssociationFormPage id=Some(id)/> }.into_any()
        }
        Route::Plans => view! { <plan_list::PlanList/> }.into_any(),
        Route::NewPlanItem => view! { <plan_form::PlanItemFormPage id=None/> }.into_any(),
        Route::EditPlanItem(id) => view! { <plan_form::PlanItemFormPage id=Some(id)/> }.into_any(),
        Route::NewProgram => view! { <program_form::ProgramFormPage id=None/> }.into_any(),
        Route::EditProgram(id) => view! { <program_form::ProgramFormPage id=Some(id)/> }.into_any(),
        Route::Calendar => view! { <calendar::CalendarPage/> }.into_any(),
        Route::My(person) => view! { <my_items::MyItems person=person/> }.into_any(),
        Route::Meetings => view! { <meeting_list::MeetingList/> }.into_any(),
        Route::NewMeeting => view! { <meeting_page::MeetingPage id=None/> }.into_any(),
        Route::Meeting(id) => view! { <meeting_page::MeetingPage id=Some(id)/> }.into_any(),
        Route::MeetingPrint(id) => view! { <minutes_print::MinutesPrint id=id/> }.into_any(),
        Route::Decisions => view! { <decisions::DecisionsPage/> }.into_any(),
        _ => ().into_any(),
    }
}
