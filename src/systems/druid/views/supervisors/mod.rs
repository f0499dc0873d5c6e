//! Supervisors: the list and one supervisor.

use leptos::prelude::*;

/// SupervisorsPage (being built).
#[component]
pub fn SupervisorsPage() -> impl IntoView {
    view! { <h1>"SupervisorsPage"</h1> }
}

/// SupervisorPage (being built).
#[component]
pub fn SupervisorPage() -> impl IntoView {
    view! { <h1>"SupervisorPage"</h1> }
}
