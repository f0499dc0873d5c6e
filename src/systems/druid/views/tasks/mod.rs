//! Tasks: the filtered list, one task, and the spec editor that submits tasks and supervisors.

use leptos::prelude::*;

/// TasksPage (being built).
#[component]
pub fn TasksPage() -> impl IntoView {
    view! { <h1>"TasksPage"</h1> }
}

/// TaskPage (being built).
#[component]
pub fn TaskPage() -> impl IntoView {
    view! { <h1>"TaskPage"</h1> }
}

/// SubmitSpecPage (being built).
#[component]
pub fn SubmitSpecPage() -> impl IntoView {
    view! { <h1>"SubmitSpecPage"</h1> }
}
