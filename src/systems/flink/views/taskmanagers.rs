//! (being written)
use leptos::prelude::*;
/// Stub.
#[component]
pub fn TaskManagersPage() -> impl IntoView { view! { <p>"todo"</p> } }
