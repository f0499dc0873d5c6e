//! The cluster at a glance: leaders, load status, counts.

use leptos::prelude::*;

/// Home (being built).
#[component]
pub fn Home() -> impl IntoView {
    view! { <h1>"Home"</h1> }
}
