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
use leptos_router::path;

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
                <Route path=path!("/clusters/new") view=AddClusterRoute />
                <Route path=path!("/clusters/:name/edit") view=EditClusterRoute />
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
    keep_panic_text();
    #[cfg(feature = "bench")]
    if crate::bench::mount_if_asked() || crate::bench_dag::mount_if_asked() {
        return;
    }
    leptos::mount::mount_to_body(App);
}

/// Keeps a panic's text where the stop notice of `index.html` shows it (`window.sbPanicText`): the
/// panic then aborts the module, and the notice replaces the dead page. A build whose panics abort
/// at once (no hook runs) shows the notice with the abort's own words.
pub fn keep_panic_text() {
    #[cfg(not(panic = "immediate-abort"))]
    std::panic::set_hook(Box::new(|info| {
        if let Some(w) = web_sys::window() {
            let _ = js_sys::Reflect::set(&w, &"sbPanicText".into(), &info.to_string().into());
        }
    }));
}
