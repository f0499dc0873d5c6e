//! Services: servers, workers, and one process.

use leptos::prelude::*;

/// ServicesPage (being built).
#[component]
pub fn ServicesPage() -> impl IntoView {
    view! { <h1>"ServicesPage"</h1> }
}

/// ServicePage (being built).
#[component]
pub fn ServicePage() -> impl IntoView {
    view! { <h1>"ServicePage"</h1> }
}
