//! The frame of every Druid view: asks once per cluster what it offers (version, who leads the
//! coordinators and the overlords, whether a router fronts it) and provides that to the views,
//! which use it to say why something is unavailable instead of failing.

use super::api::{self, Target};
use super::model::status::ProcessStatus;
use crate::shell::use_cluster;
use leptos::prelude::*;
use leptos_router::components::Outlet;

/// What the Druid views share about the cluster.
#[derive(Clone, Copy)]
pub struct Druid {
    /// `GET /status` of the router (or the coordinator when there is no router), once it answered.
    pub status: RwSignal<Option<ProcessStatus>>,
    /// The leading coordinator's URL, or why it is not known.
    pub coordinator_leader: RwSignal<Option<Result<String, String>>>,
    /// The leading overlord's URL, or why it is not known.
    pub overlord_leader: RwSignal<Option<Result<String, String>>>,
    /// Whether the cluster is reached through a router (it has a `router` target).
    pub has_router: Signal<bool>,
}

impl Druid {
    /// The Druid version, e.g. "26.0.0", once known.
    pub fn version(self) -> Option<String> {
        self.status
            .with(|s| s.as_ref().map(|s| s.version.clone()))
            .filter(|v| !v.is_empty())
    }
}

/// The Druid context (an empty one outside [`DruidFrame`]).
pub fn use_druid() -> Druid {
    use_context::<Druid>().unwrap_or_else(|| Druid {
        status: RwSignal::new(None),
        coordinator_leader: RwSignal::new(None),
        overlord_leader: RwSignal::new(None),
        has_router: Signal::stored(false),
    })
}

/// Provides [`Druid`] to the routes below and renders them.
#[component]
pub fn DruidFrame() -> impl IntoView {
    let cluster = use_cluster();
    let has_router = Signal::derive(move || cluster.with(|c| c.endpoints.contains_key("router")));
    let druid = Druid {
        status: RwSignal::new(None),
        coordinator_leader: RwSignal::new(None),
        overlord_leader: RwSignal::new(None),
        has_router,
    };
    provide_context(druid);
    let name = Memo::new(move |_| cluster.with(|c| c.name.clone()));
    Effect::new(move |_| {
        let _ = name.get();
        let c = cluster.get_untracked();
        druid.status.set(None);
        druid.coordinator_leader.set(None);
        druid.overlord_leader.set(None);
        let front = if has_router.get_untracked() {
            Target::Router
        } else {
            Target::Coordinator
        };
        let c2 = c.clone();
        let c3 = c.clone();
        leptos::task::spawn_local(async move {
            let _ = druid
                .status
                .try_set(api::status::status(&c, &front).await.ok());
        });
        leptos::task::spawn_local(async move {
            let leader = api::status::coordinator_leader(&c2).await;
            let _ = druid
                .coordinator_leader
                .try_set(Some(leader.map_err(|e| api::error_text(&e))));
        });
        leptos::task::spawn_local(async move {
            let leader = api::status::overlord_leader(&c3).await;
            let _ = druid
                .overlord_leader
                .try_set(Some(leader.map_err(|e| api::error_text(&e))));
        });
    });
    view! { <Outlet /> }
}
