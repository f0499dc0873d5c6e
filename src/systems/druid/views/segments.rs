//! Segments across datasources.

use leptos::prelude::*;

/// SegmentsPage (being built).
#[component]
pub fn SegmentsPage() -> impl IntoView {
    view! { <h1>"SegmentsPage"</h1> }
}
