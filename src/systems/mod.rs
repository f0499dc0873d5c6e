//! The systems the console speaks to, and the one registry that lists them.
//!
//! A system is one folder, `src/systems/<name>/`: `meta.rs` (its catalog entry: id, label, roles,
//! credentials, shared with the proxy), and `mod.rs` with its descriptor `DEF` (navigation, health
//! probe and how to read it, the documented endpoints of the API explorer) and its `Routes`.
//! The shell reads descriptors only; nothing outside this module names a system.

pub mod chunk;
pub mod health;

use crate::cluster::System;
use crate::ui::Tone;

/// The registry: one line per system folder, in the order the UI lists them. Declares each
/// folder's module, [`all`], and [`SystemRoutes`].
macro_rules! registry {
    ($($name:ident),+ $(,)?) => {
        $(pub mod $name;)+

        /// Every system's descriptor, in the order the UI lists them.
        pub fn all() -> &'static [&'static SystemDef] {
            &[$(&$name::DEF),+]
        }

        /// The routes of every system, for the app's route tree.
        #[leptos::component(transparent)]
        pub fn SystemRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
            let routes = ($($name::Routes(),)+);
            // With `--cfg erase_components` (the release bundle) a transparent component must
            // return the erased route type; a tuple of routes is not one by itself.
            #[cfg(erase_components)]
            let routes = {
                use leptos_router::any_nested_route::IntoAnyNestedRoute;
                routes.into_any_nested_route()
            };
            routes
        }
    };
}

registry!(flink, druid, cockroach, starrocks, databend);

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

/// What the shell knows of a system: its descriptor, declared in its folder.
pub struct SystemDef {
    /// Which system (its catalog entry).
    pub system: System,
    /// Side navigation entries.
    pub nav: &'static [NavItem],
    /// The endpoint whose success means "healthy".
    pub health: Endpoint,
    /// Reads the health endpoint's body the way the system writes it: badge tone and text.
    pub judge_health: fn(&str) -> (Tone, String),
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

/// The health reading of a system whose health endpoint answers only when healthy.
pub fn healthy_when_answered(_body: &str) -> (Tone, String) {
    (Tone::Ok, "healthy".into())
}

/// The descriptor of `system`. Every catalog entry has one (a test checks it); a system missing
/// from the registry gets a bare descriptor rather than a panic.
pub fn def(system: System) -> &'static SystemDef {
    all()
        .iter()
        .copied()
        .find(|d| d.system == system)
        .unwrap_or(all()[0])
}

/// The system called `id`, if the registry has it.
pub fn find(id: &str) -> Option<System> {
    all().iter().map(|d| d.system).find(|s| s.id() == id)
}

/// The system called `id`, for tests that need a particular one.
#[cfg(test)]
pub fn named(id: &str) -> System {
    find(id).unwrap_or_else(|| panic!("no system {id}"))
}

/// Every system, in the order the UI lists them.
pub fn systems() -> impl Iterator<Item = System> {
    all().iter().map(|d| d.system)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_system_has_a_health_probe_and_explorer_entries_on_its_own_targets() {
        for s in systems() {
            let d = def(s);
            assert_eq!(d.system, s);
            assert!(d.health.path.starts_with('/'));
            assert!(!d.explorer.is_empty());
            for e in d.explorer.iter().chain([&d.health]) {
                assert!(e.path.starts_with('/'), "{}", e.path);
                let prefix = e.target.split_once(':').map(|(p, _)| p);
                assert!(
                    s.meta().role(e.target).is_some_and(|r| r.target)
                        || prefix.is_some_and(|p| s.meta().node_prefixes().any(|q| q == p)),
                    "{s}: target {} is not one of its roles",
                    e.target,
                );
            }
        }
    }

    #[test]
    fn the_registry_and_the_shared_catalog_list_the_same_systems() {
        let mut registry: Vec<&str> = systems().map(|s| s.id()).collect();
        let mut catalog: Vec<&str> = switchboard_catalog::ALL.iter().map(|m| m.id).collect();
        registry.sort();
        catalog.sort();
        assert_eq!(
            registry, catalog,
            "a system folder is missing from the registry line"
        );
        for s in systems() {
            assert_eq!(Some(s.meta()), switchboard_catalog::find(s.id()));
        }
    }
}
