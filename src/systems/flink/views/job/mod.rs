//! (being written)
use leptos::prelude::*;
/// Stub.
#[component]
pub fn JobPage() -> impl IntoView { view! { <p>"todo"</p> } }
