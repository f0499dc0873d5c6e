//! (being written)
use leptos::prelude::*;
/// Stub.
#[component]
pub fn JobManagerPage() -> impl IntoView { view! { <p>"todo"</p> } }
