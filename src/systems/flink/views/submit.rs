//! (being written)
use leptos::prelude::*;
/// Stub.
#[component]
pub fn SubmitPage() -> impl IntoView { view! { <p>"todo"</p> } }
