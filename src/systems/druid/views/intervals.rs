//! Intervals across datasources.

use leptos::prelude::*;

/// IntervalsPage (being built).
#[component]
pub fn IntervalsPage() -> impl IntoView {
    view! { <h1>"IntervalsPage"</h1> }
}
