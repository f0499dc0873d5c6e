//! The frame of a cluster's pages: finds the cluster named in the URL, or offers to add it when this
//! browser does not know it (prefilled from the link, never with credentials).

use super::{href, scope};
use crate::cluster::link::{CLUSTER_MODE_KEY, CLUSTER_URL_KEY};
use crate::cluster::store::DeploymentStatus;
use crate::cluster::{Cluster, Registry, System};
use crate::ui::Loading;
use crate::url_state::Query;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_params_map};

/// The cluster whose pages are shown, for the views under [`ClusterLayout`].
#[derive(Clone, Copy)]
pub struct CurrentCluster(pub Memo<Option<Cluster>>);

/// The current cluster; views under [`ClusterLayout`] only render while it is known.
pub fn use_cluster() -> Signal<Cluster> {
    let current = expect_context::<CurrentCluster>().0;
    Signal::derive(move || {
        current.get().unwrap_or_else(|| Cluster {
            name: String::new(),
            system: crate::systems::all()[0].system,
            mode: Default::default(),
            endpoints: Default::default(),
            auth: Default::default(),
            credentials: None,
            source: Default::default(),
            about: Default::default(),
        })
    })
}

/// Resolves `/<system>/:cluster` and renders the matched view, or the offer to add the cluster.
#[component]
pub fn ClusterLayout(
    /// The system of this route tree.
    system: System,
) -> impl IntoView {
    let reg = Registry::get();
    let params = use_params_map();
    let name = Memo::new(move |_| params.with(|p| p.get("cluster").unwrap_or_default()));
    let cluster = Memo::new(move |_| reg.find(&name.get()).filter(|c| c.system == system));
    provide_context(CurrentCluster(cluster));
    let known = move || cluster.with(Option::is_some);
    view! {
        <Show when=known fallback=move || view! { <UnknownCluster system name=name.get() /> }>
            <Outlet />
        </Show>
    }
}

#[component]
fn UnknownCluster(system: System, name: String) -> impl IntoView {
    let s = scope();
    let reg = Registry::get();
    let location = use_location();
    let other = reg.find(&name).filter(|c| c.system != system);
    let loading = move || reg.deployment_status.get() == DeploymentStatus::Loading;
    let add_link = {
        let name = name.clone();
        move || {
            let here = Query::parse(&location.search.get());
            let mut q = Query::default();
            q.set("system", system.id());
            q.set("name", name.clone());
            q.set(
                CLUSTER_URL_KEY,
                here.get(CLUSTER_URL_KEY).unwrap_or_default(),
            );
            q.set(
                CLUSTER_MODE_KEY,
                here.get(CLUSTER_MODE_KEY).unwrap_or_default(),
            );
            let mut back = here.clone();
            back.remove(CLUSTER_URL_KEY);
            back.remove(CLUSTER_MODE_KEY);
            q.set(
                "return",
                back.with_path(&crate::url_state::app_path(&location.pathname.get())),
            );
            href(&q.with_path("/clusters/new"))
        }
    };
    let url = Query::parse(&location.search.get_untracked())
        .get(CLUSTER_URL_KEY)
        .map(str::to_string);
    view! {
        <Show when=move || !loading() fallback=|| view! { <Loading what="clusters" /> }>
            <div class=s.cls("offer") data-unknown-cluster=name.clone()>
                <h1>{format!("Unknown cluster '{name}'")}</h1>
                {match &other {
                    Some(c) => format!("This browser knows '{}', but as a {} cluster, not {}.", c.name, c.system.label(), system.label()),
                    None => format!("This link points to the {} cluster '{name}', which this browser does not know yet.", system.label()),
                }}
                {url.clone().map(|u| view! { <div>"The link says it is at " <code>{u}</code>"."</div> })}
                <div class="sb-row">
                    <a href=add_link.clone()><button class="sb-primary">"Add this cluster"</button></a>
                    <a href=href("/")>"All clusters"</a>
                </div>
            </div>
        </Show>
    }
}
