//! (being written)
use leptos::prelude::*;
/// Stub.
#[component]
pub fn ClusterView() -> impl IntoView { view! { <p>"todo"</p> } }
