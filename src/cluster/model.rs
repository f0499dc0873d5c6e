//! What a cluster is: a named connection to one system, with its endpoints, mode and credentials.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The five kinds of system the console knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum System {
    /// Apache Flink (one JobManager REST endpoint).
    #[serde(rename = "flink")]
    Flink,
    /// Apache Druid (router, or coordinator / overlord / broker).
    #[serde(rename = "druid")]
    Druid,
    /// CockroachDB (HTTP API v2 on any node).
    #[serde(rename = "cockroach")]
    Cockroach,
    /// StarRocks (FE, plus BE and CN nodes).
    #[serde(rename = "starrocks")]
    StarRocks,
    /// The Databend meta service (one or more meta nodes).
    #[serde(rename = "databend-meta")]
    DatabendMeta,
}

impl System {
    /// Every system, in the order the UI lists them.
    pub const ALL: [System; 5] = [
        System::Flink,
        System::Druid,
        System::Cockroach,
        System::StarRocks,
        System::DatabendMeta,
    ];

    /// The identifier used in configs, URLs and `clusters.json`.
    pub fn id(self) -> &'static str {
        match self {
            System::Flink => "flink",
            System::Druid => "druid",
            System::Cockroach => "cockroach",
            System::StarRocks => "starrocks",
            System::DatabendMeta => "databend-meta",
        }
    }

    /// Parses an identifier as written by [`System::id`].
    pub fn from_id(id: &str) -> Option<System> {
        System::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The name people call it by.
    pub fn label(self) -> &'static str {
        match self {
            System::Flink => "Apache Flink",
            System::Druid => "Apache Druid",
            System::Cockroach => "CockroachDB",
            System::StarRocks => "StarRocks",
            System::DatabendMeta => "Databend meta",
        }
    }

    /// The endpoint roles this system has; the first is the one every cluster must have.
    pub fn roles(self) -> &'static [&'static str] {
        match self {
            System::Flink => &["jobmanager"],
            System::Druid => &["router", "coordinator", "overlord", "broker"],
            System::Cockroach => &["node", "nodes"],
            System::StarRocks => &["fe", "be", "cn"],
            System::DatabendMeta => &["meta", "nodes"],
        }
    }

    /// Whether a role holds a list of node URLs (comma or space separated) rather than one URL.
    pub fn is_list_role(role: &str) -> bool {
        matches!(role, "nodes" | "be" | "cn")
    }

    /// The kind of credentials the system takes, if any.
    pub fn auth_kind(self) -> AuthKind {
        match self {
            System::Flink | System::DatabendMeta => AuthKind::None,
            System::Druid | System::StarRocks => AuthKind::Basic,
            System::Cockroach => AuthKind::Session,
        }
    }
}

impl fmt::Display for System {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
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

/// Which kind of credentials a system uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthKind {
    /// No credentials.
    #[default]
    None,
    /// HTTP Basic (StarRocks, a secured Druid).
    Basic,
    /// A login session (CockroachDB's `X-Cockroach-API-Session`).
    Session,
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
}

impl Cluster {
    /// The URL of the first role of the system, which every cluster has.
    pub fn primary_url(&self) -> Option<&str> {
        let role = self.system.roles()[0];
        self.endpoints.get(role).map(String::as_str)
    }
}

/// The deployment's `clusters.json`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct DeploymentFile {
    /// The clusters the deployment's proxy serves.
    #[serde(default)]
    pub clusters: Vec<Cluster>,
}
