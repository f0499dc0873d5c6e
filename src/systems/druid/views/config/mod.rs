//! Dynamic configuration of the coordinator and the overlord's workers, and compaction.

use leptos::prelude::*;

/// ConfigPage (being built).
#[component]
pub fn ConfigPage() -> impl IntoView {
    view! { <h1>"ConfigPage"</h1> }
}
