//! `clusters.json`: the clusters this proxy serves, for the console. Holds no secrets.

use crate::state::AppState;
use serde::Serialize;
use std::collections::BTreeMap;

/// One entry of `clusters.json`.
#[derive(Debug, Serialize)]
pub struct PublicCluster {
    /// Name used in URLs.
    pub name: String,
    /// `flink`, `druid`, `cockroach`, `starrocks` or `databend-meta`.
    pub system: &'static str,
    /// Always `proxy`: the browser reaches the cluster through this server.
    pub mode: &'static str,
    /// Upstream URL per proxy target name (`router`, `node`, `node:host:port`, `be:host:port`, ...).
    pub endpoints: BTreeMap<String, String>,
    /// `none`, `basic` or `session`: what the proxy adds (the browser never sees it).
    pub auth: &'static str,
    /// Whether nodes the cluster reports can be reached beyond the listed ones.
    pub discovery: bool,
    /// What the config says of the cluster for people (`tag`, `description`), when it says it.
    #[serde(skip_serializing_if = "About::is_empty")]
    pub about: About,
}

/// A cluster's `tag` (shown beside its name) and `description` (one line under it).
#[derive(Debug, Serialize)]
pub struct About {
    /// A short tag (`simulated`, `real`, `production`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// One line saying what the cluster is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The user the proxy logs in as, for a login session it holds (never its password).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
}

impl About {
    /// Whether it says nothing.
    pub fn is_empty(&self) -> bool {
        self.tag.is_none() && self.description.is_none() && self.login.is_none()
    }
}

/// The whole document.
#[derive(Debug, Serialize)]
pub struct ClustersFile {
    /// The clusters, in config order; `optional` ones only while they answer.
    pub clusters: Vec<PublicCluster>,
}

/// Builds the document from the current state.
pub fn build(state: &AppState) -> ClustersFile {
    let clusters = state
        .clusters
        .iter()
        .filter(|c| !c.config.optional || c.is_healthy())
        .map(|c| {
            let config = &c.config;
            let mut endpoints = BTreeMap::new();
            for (role, upstreams) in &config.roles {
                let meta = config.system.role(role);
                let node_prefix = meta.and_then(|r| r.node_prefix);
                let role_is_target = meta.is_some_and(|r| r.target);
                if role_is_target {
                    if let Some(first) = upstreams.first() {
                        endpoints.insert(role.clone(), first.to_string());
                    }
                }
                if let Some(prefix) = node_prefix {
                    for u in upstreams {
                        endpoints.insert(format!("{prefix}:{}", u.host_port()), u.to_string());
                    }
                }
            }
            PublicCluster {
                name: config.name.clone(),
                system: config.system.id,
                mode: "proxy",
                endpoints,
                auth: config.auth.kind(),
                discovery: config.discovery,
                about: About {
                    tag: config.tag.clone(),
                    description: config.description.clone(),
                    login: match &config.auth {
                        crate::config::Auth::CockroachLogin { username, .. } => {
                            Some(username.clone())
                        }
                        _ => None,
                    },
                },
            }
        })
        .collect();
    ClustersFile { clusters }
}
