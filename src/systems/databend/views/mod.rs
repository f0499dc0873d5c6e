//! The Databend meta views: the cluster (every node's status, who leads as each sees it, lag,
//! replication, a live picture), metrics, actions (snapshot, leadership, features, health,
//! config) and profiling.

pub mod actions;
pub mod cluster;
pub mod metrics;
pub mod profiling;

use super::api;
use crate::shell::use_cluster;
use crate::ui::style::Scope;
use crate::url_state::QueryKey;
use leptos::prelude::*;

/// Scoped styles of the Databend views.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/systems/databend/views/databend.css");
const _TRACK: &str = include_str!("databend.css");

/// The scope of the Databend views' styles.
pub fn scope() -> Scope {
    Scope::of(STYLE)
}

/// The node a view asks (`node=<host:port>` of its admin API; absent: any node).
pub const NODE: QueryKey = QueryKey::new("node");

/// The proxy target of the node picked under [`NODE`] (any node when none is).
pub fn picked_target(node: Option<String>) -> String {
    node.map(|n| api::node(&n)).unwrap_or_else(|| api::ANY.to_string())
}

/// A select of the configured nodes (and "any node"), kept in the URL under [`NODE`].
#[component]
pub fn NodePicker(
    /// Offer "any node" (else the first node is the default).
    #[prop(optional)]
    any: bool,
) -> impl IntoView {
    let cluster = use_cluster();
    let picked = crate::ui::kit::query(NODE);
    let set = crate::ui::kit::set_query();
    let nodes = Memo::new(move |_| cluster.with(api::configured_nodes));
    view! {
        <label class=scope().cls("picker")>
            "Node "
            <select data-node-picker="" on:change=move |ev| set(&[(NODE, event_target_value(&ev))])
                prop:value=move || picked.get().unwrap_or_default()>
                {any.then(|| view! { <option value="">"any node"</option> })}
                {move || nodes.get().into_iter().map(|n| {
                    let sel = picked.get().as_deref() == Some(n.as_str());
                    view! { <option value=n.clone() selected=sel>{n.clone()}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}
