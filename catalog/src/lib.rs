//! The systems Switchboard knows, as plain data shared by the console and the proxy: each system's
//! id, the name people call it by, the endpoint roles a cluster of it has, and the credentials it
//! takes. One source, so the two can never spell an id or a role differently.
//!
//! Each entry lives in its system's folder of the console, `src/systems/<name>/meta.rs`, which
//! defines `pub const META: SystemMeta`; the build script finds every such file and includes it
//! here as module `<name>`, and [`ALL`] lists them.

#![no_std]
#![warn(missing_docs)]

/// Which kind of credentials a system takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "lowercase")
)]
pub enum AuthKind {
    /// No credentials.
    #[default]
    None,
    /// HTTP Basic (StarRocks, a secured Druid).
    Basic,
    /// A login session (CockroachDB's `X-Cockroach-API-Session`).
    Session,
}

impl AuthKind {
    /// The word configs, `clusters.json` and stored clusters use: `none`, `basic`, `session`.
    pub const fn id(self) -> &'static str {
        match self {
            AuthKind::None => "none",
            AuthKind::Basic => "basic",
            AuthKind::Session => "session",
        }
    }

    /// Parses a word written by [`AuthKind::id`].
    pub fn from_id(id: &str) -> Option<AuthKind> {
        [AuthKind::None, AuthKind::Basic, AuthKind::Session]
            .into_iter()
            .find(|k| k.id() == id)
    }
}

/// One endpoint role of a system: what a cluster configures a URL (or a list of URLs) for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Role {
    /// The role's name in configs, forms and proxy paths (`jobmanager`, `router`, `be`, ...).
    pub name: &'static str,
    /// Requests can name the role itself as their target (`/proxy/<cluster>/router/...`); a role
    /// that is not a target is reached only through its nodes (`be:<host>:<port>`).
    pub target: bool,
    /// The role holds a list of URLs (one per node) rather than one URL.
    pub list: bool,
    /// A cluster must configure at least one of its system's primary roles.
    pub primary: bool,
    /// Each URL of the role is also a node, addressed as `<prefix>:<host>:<port>`.
    pub node_prefix: Option<&'static str>,
    /// Where requests for this target go when the cluster has no URL for it (Druid's coordinator,
    /// overlord and broker are all reachable through the router).
    pub fallback: Option<&'static str>,
}

impl Role {
    /// A role that requests name as their target, with one URL.
    pub const fn target(name: &'static str) -> Role {
        Role {
            name,
            target: true,
            list: false,
            primary: false,
            node_prefix: None,
            fallback: None,
        }
    }

    /// A list of node URLs, reached as `<prefix>:<host>:<port>`.
    pub const fn nodes(name: &'static str, prefix: &'static str) -> Role {
        Role {
            name,
            target: false,
            list: true,
            primary: false,
            node_prefix: Some(prefix),
            fallback: None,
        }
    }

    /// The same role, one of those a cluster must have.
    pub const fn primary(self) -> Role {
        Role {
            primary: true,
            ..self
        }
    }

    /// The same role, its URL also a node addressed as `<prefix>:<host>:<port>`.
    pub const fn node(self, prefix: &'static str) -> Role {
        Role {
            node_prefix: Some(prefix),
            ..self
        }
    }

    /// The same role, falling back to `role` when the cluster has no URL for it.
    pub const fn or_else(self, role: &'static str) -> Role {
        Role {
            fallback: Some(role),
            ..self
        }
    }
}

/// Everything the console and the proxy both need to know of one system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SystemMeta {
    /// The identifier used in configs, URLs, `clusters.json` and stored clusters.
    pub id: &'static str,
    /// The name people call it by.
    pub label: &'static str,
    /// The credentials it takes.
    pub auth: AuthKind,
    /// Its endpoint roles, in the order forms list them.
    pub roles: &'static [Role],
    /// Whether it reports its nodes' HTTP addresses, so the proxy can reach nodes it was not
    /// configured with (when the cluster's `discovery` is on).
    pub reports_nodes: bool,
}

impl SystemMeta {
    /// The role called `name`, if the system has it.
    pub fn role(&self, name: &str) -> Option<&'static Role> {
        self.roles.iter().find(|r| r.name == name)
    }

    /// The roles of which a cluster must configure at least one.
    pub fn primary_roles(&self) -> impl Iterator<Item = &'static Role> {
        self.roles.iter().filter(|r| r.primary)
    }

    /// The roles whose URLs are nodes addressed as `<prefix>:<host>:<port>`.
    pub fn roles_with_prefix<'a>(
        &self,
        prefix: &'a str,
    ) -> impl Iterator<Item = &'static Role> + 'a {
        self.roles
            .iter()
            .filter(move |r| r.node_prefix == Some(prefix))
    }

    /// The node prefixes the system has (`node`, `be`, `cn`), each once, in role order.
    pub fn node_prefixes(&self) -> impl Iterator<Item = &'static str> {
        let roles = self.roles;
        roles.iter().enumerate().filter_map(move |(i, r)| {
            let p = r.node_prefix?;
            (!roles[..i].iter().any(|q| q.node_prefix == Some(p))).then_some(p)
        })
    }

    /// Whether `self` is `other` (compared by id).
    pub fn is(&self, other: &SystemMeta) -> bool {
        self.id == other.id
    }
}

/// The system called `id`, if the catalog has it.
pub fn find(id: &str) -> Option<&'static SystemMeta> {
    ALL.iter().copied().find(|s| s.id == id)
}

include!(concat!(env!("OUT_DIR"), "/systems.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_system_has_a_unique_id_and_a_primary_target_role() {
        assert!(ALL.len() >= 5, "{} systems", ALL.len());
        for (i, s) in ALL.iter().enumerate() {
            assert!(ALL[i + 1..].iter().all(|o| o.id != s.id), "{} twice", s.id);
            assert!(
                s.primary_roles().any(|r| r.target),
                "{}: no primary role",
                s.id
            );
            for (j, r) in s.roles.iter().enumerate() {
                assert!(
                    s.roles[j + 1..].iter().all(|o| o.name != r.name),
                    "{}: role {} twice",
                    s.id,
                    r.name
                );
                assert!(
                    r.target || r.node_prefix.is_some(),
                    "{}: role {} is unreachable",
                    s.id,
                    r.name
                );
                if let Some(f) = r.fallback {
                    assert!(s.role(f).is_some_and(|f| f.target), "{}: {f}", s.id);
                }
            }
        }
    }

    #[test]
    fn finds_systems_by_id_and_lists_node_prefixes_once() {
        assert_eq!(find("starrocks").map(|s| s.label), Some("StarRocks"));
        assert_eq!(find("nope"), None);
        let mut prefixes = [""; 4];
        for (slot, p) in prefixes.iter_mut().zip(starrocks::META.node_prefixes()) {
            *slot = p;
        }
        assert_eq!(prefixes, ["be", "cn", "", ""]);
        assert_eq!(cockroach::META.node_prefixes().count(), 1);
        assert_eq!(AuthKind::from_id("session"), Some(AuthKind::Session));
    }
}
