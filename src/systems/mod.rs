//! The systems the console speaks to. Each has a folder with its routes, API calls and views;
//! this module holds what the shell needs to know of each: navigation, health probe, and the
//! documented read endpoints offered by the API explorer.

pub mod cockroach;
pub mod databend;
pub mod druid;
pub mod flink;
pub mod health;
pub mod starrocks;

use crate::cluster::System;

/// One entry of a system's side navigation.
pub struct NavItem {
    /// Path under `/<system>/<cluster>/` (empty for the system's home).
    pub path: &'static str,
    /// The label shown.
    pub label: &'static str,
}

/// A documented GET endpoint: on which target, at which path, and what it tells.
pub struct Endpoint {
    /// Proxy target (`jobmanager`, `router`, `fe`, ...).
    pub target: &'static str,
    /// The system's own path, query included.
    pub path: &'static str,
    /// What it returns.
    pub about: &'static str,
}

/// What the shell knows of a system.
pub struct SystemDef {
    /// Which system.
    pub system: System,
    /// Side navigation entries.
    pub nav: &'static [NavItem],
    /// The endpoint whose success means "healthy".
    pub health: Endpoint,
    /// Read-only endpoints offered in the API explorer.
    pub explorer: &'static [Endpoint],
}

impl SystemDef {
    /// Every endpoint the API explorer may call: the explorer's list, then the health probe when
    /// the list lacks it.
    pub fn documented(&self) -> Vec<&Endpoint> {
        let mut all: Vec<&Endpoint> = self.explorer.iter().collect();
        if !all
            .iter()
            .any(|e| e.target == self.health.target && e.path == self.health.path)
        {
            all.push(&self.health);
        }
        all
    }
}

/// The route tree of a system that has only the shared views yet (overview and API explorer):
/// `shared_routes!("/druid/:cluster", System::Druid)`.
macro_rules! shared_routes {
    ($path:tt, $system:expr) => {
        leptos::prelude::view! {
            <leptos_router::components::ParentRoute path=leptos_router::path!($path)
                view=|| leptos::prelude::view! { <crate::shell::ClusterLayout system=$system /> }>
                <leptos_router::components::Route path=leptos_router::path!("") view=crate::shell::SystemOverview />
                <leptos_router::components::Route path=leptos_router::path!("api") view=crate::shell::ApiExplorer />
            </leptos_router::components::ParentRoute>
        }
        .into_inner()
    };
}
pub(crate) use shared_routes;

/// Navigation entries every system has.
pub const COMMON_NAV: [NavItem; 2] = [
    NavItem {
        path: "",
        label: "Overview",
    },
    NavItem {
        path: "api",
        label: "API explorer",
    },
];

/// The definition of `system`.
pub fn def(system: System) -> &'static SystemDef {
    match system {
        System::Flink => &flink::DEF,
        System::Druid => &druid::DEF,
        System::Cockroach => &cockroach::DEF,
        System::StarRocks => &starrocks::DEF,
        System::DatabendMeta => &databend::DEF,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_system_has_a_health_probe_and_explorer_entries_on_its_own_targets() {
        for s in System::ALL {
            let d = def(s);
            assert_eq!(d.system, s);
            assert!(d.health.path.starts_with('/'));
            assert!(!d.explorer.is_empty());
            for e in d.explorer.iter().chain([&d.health]) {
                assert!(e.path.starts_with('/'), "{}", e.path);
                assert!(
                    s.roles().contains(&e.target) || e.target.contains(':'),
                    "{s}: target {} is not one of {:?}",
                    e.target,
                    s.roles()
                );
            }
        }
    }
}
