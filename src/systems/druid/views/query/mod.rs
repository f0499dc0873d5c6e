//! Queries: SQL and native.

use leptos::prelude::*;

/// QueryPage (being built).
#[component]
pub fn QueryPage() -> impl IntoView {
    view! { <h1>"QueryPage"</h1> }
}
