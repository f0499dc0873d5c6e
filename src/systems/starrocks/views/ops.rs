//! Pieces the operator views share: the outcome of an action (the answer's text, or the error
//! panel with the request and a retry), and running an action against the current cluster.

use crate::cluster::Cluster;
use crate::net::FetchError;
use crate::shell::use_cluster;
use crate::ui::download::copy_text;
use crate::ui::ErrorPanel;
use leptos::prelude::*;
use std::future::Future;

/// Where an action stands: not run, running, answered (text), or failed.
pub type Outcome = RwSignal<Option<Result<String, FetchError>>>;

/// A fresh outcome.
pub fn outcome() -> Outcome {
    RwSignal::new(None)
}

/// The current cluster, read where actions run (event handlers have no context to read).
pub fn cluster_signal() -> Signal<Cluster> {
    use_cluster()
}

/// Runs `f` against `cluster` and keeps its answer (as text) in `out`; `busy` is set while it
/// runs.
pub fn run<Fut>(
    cluster: Signal<Cluster>,
    out: Outcome,
    busy: RwSignal<bool>,
    f: impl FnOnce(Cluster) -> Fut + 'static,
) where
    Fut: Future<Output = Result<String, FetchError>> + 'static,
{
    let c = cluster.get_untracked();
    busy.set(true);
    leptos::task::spawn_local(async move {
        let r = f(c).await;
        busy.try_set(false);
        out.try_set(Some(r));
    });
}

/// Shows an outcome: the answer as plain text (copyable), or the error panel whose retry
/// calls `retry`. `id` names it for tests (`data-outcome`).
pub fn outcome_view(out: Outcome, id: &'static str, retry: Callback<()>) -> impl IntoView {
    let s = super::scope();
    move || {
        out.get().map(|r| match r {
            Ok(text) => {
                let t = text.clone();
                view! {
                    <div data-outcome=id data-ok="">
                        <button on:click=move |_| copy_text(&t)>"Copy"</button>
                        <pre class=s.cls("pre")>{text}</pre>
                    </div>
                }
                .into_any()
            }
            Err(e) => view! { <div data-outcome=id data-failed=""><ErrorPanel error=e on_retry=retry /></div> }.into_any(),
        })
    }
}

/// Scoped styles of the operator views (profile tree, node tools).
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/systems/starrocks/views/ops.css");
const _TRACK: &str = include_str!("ops.css");

/// The scope of the operator views' own styles.
pub fn oscope() -> crate::ui::style::Scope {
    crate::ui::style::Scope::of(STYLE)
}
