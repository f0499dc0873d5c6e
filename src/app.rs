//! The app: context (registry, refresh clock, toasts), the frame, and the one route tree to which
//! each system contributes its routes.

use crate::cluster::endpoint::base_path;
use crate::cluster::Registry;
use crate::shell::pages::{AddClusterRoute, EditClusterRoute};
use crate::shell::{Home, Shell};
use crate::systems::SystemRoutes;
use crate::ui::feedback::{ToastHost, Toasts};
use crate::ui::refresh::RefreshClock;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy};

/// The whole console.
#[component]
pub fn App() -> impl IntoView {
    Registry::provide();
    Toasts::provide();
    let base = base_path();
    let base = base.trim_end_matches('/').to_string();
    view! {
        <Router base=base>
            <Inner />
        </Router>
        <ToastHost />
    }
}

#[component]
fn Inner() -> impl IntoView {
    RefreshClock::provide();
    view! {
        <Shell>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home />
                <Route path=path!("/clusters/new") view={Lazy::<AddClusterRoute>::new()} />
                <Route path=path!("/clusters/:name/edit") view={Lazy::<EditClusterRoute>::new()} />
                <SystemRoutes />
            </Routes>
        </Shell>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! { <h1>"Not found"</h1><p>"No view lives at this address. "<a href=crate::shell::href("/")>"All clusters"</a></p> }
}

/// Mounts the console on the page's body.
pub fn mount() {
    #[cfg(feature = "bench")]
    if crate::bench::mount_if_asked() {
        return;
    }
    leptos::mount::mount_to_body(App);
}
