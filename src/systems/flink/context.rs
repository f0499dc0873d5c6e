//! The frame of every Flink view: loads `GET /config` once per cluster (version and allowed
//! features) and provides it to the views below.

use super::api;
use super::capabilities::Capabilities;
use super::model::DashboardConfig;
use crate::cluster::Mode;
use crate::shell::use_cluster;
use leptos::prelude::*;
use leptos_router::components::Outlet;

/// What the Flink views share: the cluster's `/config` once loaded.
#[derive(Clone, Copy)]
pub struct Flink {
    /// `GET /config`, once it answered.
    pub config: RwSignal<Option<DashboardConfig>>,
    /// Whether the cluster is reached directly (not through the proxy).
    pub direct: Signal<bool>,
    /// Whether `GET /config` has answered (successfully or not) for this cluster.
    pub answered: RwSignal<bool>,
}

impl Flink {
    /// The gates derived from `/config` (everything allowed until it is known) and from how the
    /// cluster is reached.
    pub fn caps(self) -> Capabilities {
        let caps = self.config.with(|c| Capabilities::from_config(c.as_ref()));
        if self.direct.get() {
            caps.direct()
        } else {
            caps
        }
    }
    /// The Flink version, e.g. "2.3.0", once known.
    pub fn version(self) -> Option<String> {
        self.config
            .with(|c| c.as_ref().map(|c| c.flink_version.clone()))
    }
}

/// The Flink context (a default, empty one outside [`FlinkFrame`]).
pub fn use_flink() -> Flink {
    use_context::<Flink>().unwrap_or_else(|| Flink {
        config: RwSignal::new(None),
        direct: Signal::stored(false),
        answered: RwSignal::new(true),
    })
}

/// Provides [`Flink`] to the routes below and renders them.
#[component]
pub fn FlinkFrame() -> impl IntoView {
    let cluster = use_cluster();
    let direct = Signal::derive(move || cluster.with(|c| c.mode == Mode::Direct));
    let flink = Flink {
        config: RwSignal::new(None),
        direct,
        answered: RwSignal::new(false),
    };
    provide_context(flink);
    let name = Memo::new(move |_| cluster.with(|c| c.name.clone()));
    Effect::new(move |_| {
        let _ = name.get();
        let c = cluster.get_untracked();
        flink.config.set(None);
        flink.answered.set(false);
        leptos::task::spawn_local(async move {
            if let Ok(cfg) = api::config(&c).await {
                let _ = flink.config.try_set(Some(cfg));
            }
            let _ = flink.answered.try_set(true);
        });
    });
    view! { <Outlet /> }
}
