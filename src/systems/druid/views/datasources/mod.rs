//! Datasources: the list, and one datasource's intervals, segments, rules, compaction and load status.

use leptos::prelude::*;

/// DatasourcesPage (being built).
#[component]
pub fn DatasourcesPage() -> impl IntoView {
    view! { <h1>"DatasourcesPage"</h1> }
}

/// DatasourcePage (being built).
#[component]
pub fn DatasourcePage() -> impl IntoView {
    view! { <h1>"DatasourcePage"</h1> }
}
