//! (being written)
use leptos::prelude::*;
/// Stub.
#[component]
pub fn TaskManagerPage() -> impl IntoView { view! { <p>"todo"</p> } }
