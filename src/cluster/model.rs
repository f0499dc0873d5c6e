//! What a cluster is: a named connection to one system, with its endpoints, mode and credentials.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

pub use switchboard_catalog::{AuthKind, Role, SystemMeta};

/// Which system a cluster runs: an entry of the shared catalog (`src/systems/<name>/meta.rs`),
/// compared and stored by its id.
#[derive(Clone, Copy)]
pub struct System(&'static SystemMeta);

impl System {
    /// The system described by `meta`.
    pub const fn new(meta: &'static SystemMeta) -> System {
        System(meta)
    }

    /// The system whose identifier is `id`, if the catalog has it.
    pub fn from_id(id: &str) -> Option<System> {
        switchboard_catalog::find(id).map(System)
    }

    /// Its catalog entry.
    pub fn meta(self) -> &'static SystemMeta {
        self.0
    }

    /// The identifier used in configs, URLs and `clusters.json`.
    pub fn id(self) -> &'static str {
        self.0.id
    }

    /// The name people call it by.
    pub fn label(self) -> &'static str {
        self.0.label
    }

    /// The endpoint roles this system has, in the order forms list them.
    pub fn roles(self) -> &'static [Role] {
        self.0.roles
    }

    /// Whether the system has a role called `name`.
    pub fn has_role(self, name: &str) -> bool {
        self.0.role(name).is_some()
    }

    /// The first of the roles a cluster must have one of (the one forms ask for first).
    pub fn primary_role(self) -> &'static str {
        self.0
            .primary_roles()
            .next()
            .or(self.0.roles.first())
            .map_or("", |r| r.name)
    }

    /// Whether `role` holds a list of node URLs (comma or space separated) rather than one URL.
    pub fn is_list_role(self, role: &str) -> bool {
        self.0.role(role).is_some_and(|r| r.list)
    }

    /// The kind of credentials the system takes, if any.
    pub fn auth_kind(self) -> AuthKind {
        self.0.auth
    }
}

impl PartialEq for System {
    fn eq(&self, other: &System) -> bool {
        self.id() == other.id()
    }
}

impl Eq for System {}

impl std::hash::Hash for System {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id().hash(state)
    }
}

impl PartialOrd for System {
    fn partial_cmp(&self, other: &System) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for System {
    fn cmp(&self, other: &System) -> std::cmp::Ordering {
        self.id().cmp(other.id())
    }
}

impl fmt::Debug for System {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "System({})", self.id())
    }
}

impl fmt::Display for System {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for System {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for System {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<System, D::Error> {
        let id = String::deserialize(d)?;
        switchboard_catalog::find(&id)
            .map(System)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown system '{id}'")))
    }
}

/// How the browser reaches a cluster.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Through the deployment's proxy, `<base>proxy/<cluster>/<target>/...` (the normal path).
    #[default]
    Proxy,
    /// Straight from the browser; works only where the system allows cross-origin requests.
    Direct,
}

/// Where a cluster entry comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// From the deployment's `clusters.json`: read-only in the UI.
    Deployment,
    /// Added by the user in this browser.
    #[default]
    User,
}

/// A user name and password. Never serialised into links or logs.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Credentials {
    /// The user name.
    pub username: String,
    /// The password (kept in sessionStorage unless the user asks to remember it).
    pub password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Credentials {{ username: {:?}, password: *** }}",
            self.username
        )
    }
}

/// One registered cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// Unique name, used in URLs (`/flink/<name>/...`).
    pub name: String,
    /// The system it runs.
    pub system: System,
    /// Direct or through the proxy.
    #[serde(default)]
    pub mode: Mode,
    /// Base URL per role or proxy target (`router`, `fe`, `node`, `be:host:port`, ...).
    #[serde(default)]
    pub endpoints: BTreeMap<String, String>,
    /// How the cluster authenticates; for deployment clusters the proxy holds the secret.
    #[serde(default)]
    pub auth: AuthKind,
    /// Credentials for direct-mode clusters that need them.
    #[serde(default, skip_serializing)]
    pub credentials: Option<Credentials>,
    /// Where this entry comes from.
    #[serde(default)]
    pub source: Source,
    /// What the deployment says of it (a tag and one line), shown as text on the home page.
    #[serde(default)]
    pub about: About,
}

/// What a deployment's `clusters.json` says of a cluster, for people: a short tag beside its name
/// (`simulated`, `real`, `production`) and one line under it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct About {
    /// The tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The user the deployment's proxy logs in as, when it holds a login session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
}

impl Cluster {
    /// The URL of the first primary role the cluster has (the one every cluster has one of).
    pub fn primary_url(&self) -> Option<&str> {
        self.system
            .meta()
            .primary_roles()
            .find_map(|r| self.endpoints.get(r.name))
            .map(String::as_str)
    }
}

/// The deployment's `clusters.json`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct DeploymentFile {
    /// The clusters the deployment's proxy serves.
    #[serde(default)]
    pub clusters: Vec<Cluster>,
}
