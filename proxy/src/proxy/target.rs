//! Turns a target name (`router`, `node:host:port`, `be:host:port`, ...) into upstreams to try.

use crate::config::System;
use crate::discovery::NodeKind;
use crate::state::ClusterRuntime;
use crate::upstream::{split_host_port, Upstream};

/// Where a target leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetPlan {
    /// Configured upstreams, tried in order until one accepts a connection.
    Configured(Vec<Upstream>),
    /// A node the config does not list; allowed only if the cluster reports it.
    Discover {
        /// The list it must be on.
        kind: NodeKind,
        /// The node.
        upstream: Upstream,
    },
}

/// Why a target was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetProblem {
    /// No such target for this system (404).
    Unknown(String),
    /// A node that is neither configured nor discoverable (403).
    NotAllowed(String),
}

/// Resolves `target` for `cluster` without touching the network, by the roles the shared
/// catalog gives its system.
pub fn plan_target(cluster: &ClusterRuntime, target: &str) -> Result<TargetPlan, TargetProblem> {
    let config = &cluster.config;
    let role = |name: &str| config.roles.get(name).filter(|v| !v.is_empty()).cloned();
    let system = config.system;
    if let Some((prefix, address)) = target.split_once(':') {
        let kind = NodeKind::for_prefix(prefix)
            .filter(|_| system.roles_with_prefix(prefix).next().is_some())
            .ok_or_else(|| unknown(system, target))?;
        let (host, port) = split_host_port(address).ok_or_else(|| {
            TargetProblem::Unknown(format!("'{target}' is not {prefix}:<host>:<port>"))
        })?;
        let wanted = format!("{host}:{port}");
        let configured = system
            .roles_with_prefix(prefix)
            .filter_map(|r| config.roles.get(r.name))
            .flatten()
            .find(|u| u.host_port() == wanted);
        if let Some(upstream) = configured {
            return Ok(TargetPlan::Configured(vec![upstream.clone()]));
        }
        if config.discovery && system.reports_nodes {
            return Ok(TargetPlan::Discover {
                kind,
                upstream: Upstream::node(config.node_tls(prefix), &host, port),
            });
        }
        let why = if config.discovery {
            "it is not in the config (this system does not report its HTTP addresses)"
        } else {
            "it is not in the config and discovery is off"
        };
        return Err(TargetProblem::NotAllowed(format!(
            "{wanted} is not a node of cluster '{}': {why}",
            config.name
        )));
    }
    let spec = system
        .role(target)
        .filter(|r| r.target)
        .ok_or_else(|| unknown(system, target))?;
    let found = role(target).or_else(|| spec.fallback.and_then(role));
    found.map(TargetPlan::Configured).ok_or_else(|| {
        TargetProblem::Unknown(format!(
            "cluster '{}' has no {target} configured{}",
            config.name,
            spec.fallback
                .map(|f| format!(" and no {f}"))
                .unwrap_or_default()
        ))
    })
}

fn unknown(system: System, target: &str) -> TargetProblem {
    let named = system
        .roles
        .iter()
        .filter(|r| r.target)
        .map(|r| r.name.to_string());
    let nodes = system.node_prefixes().map(|p| format!("{p}:<host>:<port>"));
    let known: Vec<String> = named.chain(nodes).collect();
    TargetProblem::Unknown(format!(
        "'{target}' is not a {} target (known: {})",
        system.id,
        known.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    fn cluster(toml: &str) -> ClusterRuntime {
        let config = Config::parse(toml, Path::new(".")).unwrap();
        ClusterRuntime::new(
            config.clusters[0].clone(),
            crate::client::build_client(std::time::Duration::from_secs(1), &[]).unwrap(),
        )
    }

    #[test]
    fn druid_roles_fall_back_to_the_router() {
        let c = cluster("[[clusters]]\nname='d'\nsystem='druid'\ntargets={router='http://r:8888', overlord='http://o:8090'}");
        assert_eq!(
            plan_target(&c, "coordinator"),
            Ok(TargetPlan::Configured(vec![Upstream::parse(
                "http://r:8888"
            )
            .unwrap()]))
        );
        assert_eq!(
            plan_target(&c, "overlord"),
            Ok(TargetPlan::Configured(vec![Upstream::parse(
                "http://o:8090"
            )
            .unwrap()]))
        );
        assert!(matches!(
            plan_target(&c, "jobmanager"),
            Err(TargetProblem::Unknown(_))
        ));
        assert!(matches!(
            plan_target(&c, "node:h:1"),
            Err(TargetProblem::NotAllowed(_))
        ));
        assert!(matches!(
            plan_target(&c, "node:o:8090"),
            Ok(TargetPlan::Configured(_))
        ));
    }

    #[test]
    fn starrocks_nodes_need_config_or_discovery() {
        let off = cluster("[[clusters]]\nname='s'\nsystem='starrocks'\ntargets={fe='http://fe:8030', be=['http://be1:8040']}");
        assert!(matches!(
            plan_target(&off, "be:be1:8040"),
            Ok(TargetPlan::Configured(_))
        ));
        assert!(matches!(
            plan_target(&off, "be:be2:8040"),
            Err(TargetProblem::NotAllowed(_))
        ));
        assert!(matches!(
            plan_target(&off, "cn:be1:8040"),
            Err(TargetProblem::NotAllowed(_))
        ));
        assert!(matches!(
            plan_target(&off, "be:be1"),
            Err(TargetProblem::Unknown(_))
        ));
        let on = cluster("[[clusters]]\nname='s'\nsystem='starrocks'\ndiscovery=true\ntargets={fe='http://fe:8030'}");
        assert!(matches!(
            plan_target(&on, "cn:cn1:8050"),
            Ok(TargetPlan::Discover {
                kind: NodeKind::Cn,
                ..
            })
        ));
    }

    #[test]
    fn reported_nodes_of_an_https_cluster_are_reached_over_https() {
        let secure = cluster("[[clusters]]\nname='s'\nsystem='starrocks'\ndiscovery=true\ntargets={fe='https://fe:8030'}");
        match plan_target(&secure, "be:be9:8040") {
            Ok(TargetPlan::Discover { upstream, .. }) => {
                assert_eq!(upstream.origin(), "https://be9:8040")
            }
            other => panic!("{other:?}"),
        }
        let mixed = cluster("[[clusters]]\nname='d'\nsystem='druid'\ndiscovery=true\ntargets={router='https://r:8888', node=['http://n1:8083']}");
        match plan_target(&mixed, "node:n2:8083") {
            Ok(TargetPlan::Discover { upstream, .. }) => {
                assert!(!upstream.tls, "as the configured nodes")
            }
            other => panic!("{other:?}"),
        }
    }
}
