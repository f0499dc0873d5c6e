//! Lenient types of the meta service's answers. `/v1/cluster/status` changed over time: servers
//! before late 2024 send `db_size` and `key_num`, current ones `raft_log`, `snapshot_key_count`,
//! versions, `leader`, `purged` and (on the leader) `replication`; both decode here.

use crate::net::lenient::{int, nullable, opt_int};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A node's raft endpoint (`{"addr": "localhost", "port": 28103}`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct NodeEndpoint {
    /// Host.
    #[serde(default, deserialize_with = "nullable")]
    pub addr: String,
    /// Port.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub port: i64,
}

/// A member of the cluster as `/v1/cluster/nodes` and the status lists give it.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct MetaNode {
    /// The node id, as text.
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    /// Its raft endpoint.
    #[serde(default, deserialize_with = "nullable")]
    pub endpoint: NodeEndpoint,
    /// Its gRPC address (`grpc_api_advertise_address`, `grpc_api_addr` in older servers).
    #[serde(default, alias = "grpc_api_addr", deserialize_with = "nullable")]
    pub grpc_api_advertise_address: String,
}

impl MetaNode {
    /// The node id, when its name is a number.
    pub fn id(&self) -> Option<u64> {
        self.name.trim().parse().ok()
    }

    /// `addr:port` of its raft endpoint.
    pub fn endpoint_text(&self) -> String {
        format!("{}:{}", self.endpoint.addr, self.endpoint.port)
    }
}

/// A raft log id: `{"leader_id": {"term", "node_id"}, "index"}`, or `{"term", "index"}` in
/// older servers.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct LogId {
    /// The term (older shape).
    #[serde(default, deserialize_with = "opt_int")]
    pub term: Option<i64>,
    /// Who led when it was written (current shape).
    #[serde(default)]
    pub leader_id: Option<LeaderId>,
    /// The log index.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub index: i64,
}

/// `{"term", "node_id"}`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct LeaderId {
    /// The term.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub term: i64,
    /// The leader's id.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub node_id: i64,
}

impl LogId {
    /// `term-index`, as the server's logs write log ids.
    pub fn text(&self) -> String {
        let term = self.term.or(self.leader_id.as_ref().map(|l| l.term));
        match term {
            Some(t) => format!("{} (term {t})", self.index),
            None => self.index.to_string(),
        }
    }
}

/// Sizes of the raft log (current servers).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct RaftLog {
    /// Entries in the log cache.
    #[serde(default, deserialize_with = "opt_int")]
    pub cache_items: Option<i64>,
    /// Bytes of the log cache.
    #[serde(default, deserialize_with = "opt_int")]
    pub cache_used_size: Option<i64>,
    /// Bytes of the write-ahead log.
    #[serde(default, deserialize_with = "opt_int")]
    pub wal_total_size: Option<i64>,
    /// Closed WAL chunks.
    #[serde(default, deserialize_with = "opt_int")]
    pub wal_closed_chunk_count: Option<i64>,
}

/// One node's `/v1/cluster/status`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct MetaStatus {
    /// Node id.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub id: i64,
    /// Its raft endpoint (`host:port`; null on some versions).
    #[serde(default, deserialize_with = "nullable")]
    pub endpoint: String,
    /// Binary version (current servers).
    #[serde(default, deserialize_with = "nullable")]
    pub binary_version: String,
    /// On-disk data version (current servers).
    #[serde(default, deserialize_with = "nullable")]
    pub data_version: String,
    /// Raft log sizes (current servers).
    #[serde(default)]
    pub raft_log: Option<RaftLog>,
    /// Keys in the latest snapshot (current servers).
    #[serde(default, deserialize_with = "opt_int")]
    pub snapshot_key_count: Option<i64>,
    /// Database size in bytes (older servers).
    #[serde(default, deserialize_with = "opt_int")]
    pub db_size: Option<i64>,
    /// Number of keys (older servers).
    #[serde(default, deserialize_with = "opt_int")]
    pub key_num: Option<i64>,
    /// `Leader`, `Follower`, `Candidate`, `Learner`, ...
    #[serde(default, deserialize_with = "nullable")]
    pub state: String,
    /// Whether this node leads.
    #[serde(default, deserialize_with = "nullable")]
    pub is_leader: bool,
    /// The raft term.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub current_term: i64,
    /// Last log index.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub last_log_index: i64,
    /// Last applied log id.
    #[serde(default)]
    pub last_applied: Option<LogId>,
    /// Log id of the latest snapshot.
    #[serde(default)]
    pub snapshot_last_log_id: Option<LogId>,
    /// Last purged log id.
    #[serde(default)]
    pub purged: Option<LogId>,
    /// The leader as this node sees it.
    #[serde(default)]
    pub leader: Option<MetaNode>,
    /// Matched log id per node id (the leader only).
    #[serde(default, deserialize_with = "nullable")]
    pub replication: BTreeMap<String, Option<LogId>>,
    /// Voters.
    #[serde(default, deserialize_with = "nullable")]
    pub voters: Vec<MetaNode>,
    /// Non-voters (learners).
    #[serde(default, deserialize_with = "nullable")]
    pub non_voters: Vec<MetaNode>,
    /// Last sequence number of the state machine.
    #[serde(default, deserialize_with = "opt_int")]
    pub last_seq: Option<i64>,
}

impl MetaStatus {
    /// The index of the last applied entry (-1 when unknown).
    pub fn applied_index(&self) -> i64 {
        self.last_applied.as_ref().map(|l| l.index).unwrap_or(-1)
    }

    /// The id of the leader as this node sees it.
    pub fn leader_id(&self) -> Option<u64> {
        if self.is_leader {
            return u64::try_from(self.id).ok();
        }
        self.leader.as_ref().and_then(MetaNode::id)
    }
}

/// `/v1/features/list` and `/set`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Features {
    /// Every feature the server knows.
    #[serde(default, deserialize_with = "nullable")]
    pub features: Vec<String>,
    /// The enabled ones.
    #[serde(default, deserialize_with = "nullable")]
    pub enabled: Vec<String>,
}

/// `/v1/ctrl/trigger_transfer_leader`'s answer.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Transfer {
    /// The leader before.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub from: i64,
    /// The new leader.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub to: i64,
    /// The voters.
    #[serde(default, deserialize_with = "nullable")]
    pub voter_ids: Vec<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(text: &str) -> MetaStatus {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn decodes_the_current_status_shape() {
        let s = status(include_str!("fixtures/cluster-status.json"));
        assert_eq!(s.id, 0);
        assert!(s.is_leader);
        assert_eq!(s.leader_id(), Some(0));
        assert_eq!(s.applied_index(), 6);
        assert_eq!(s.raft_log.as_ref().and_then(|r| r.wal_total_size), Some(1202));
        assert_eq!(s.snapshot_key_count, Some(0));
        assert_eq!(s.replication.len(), 2);
        assert_eq!(s.voters.len(), 2);
        assert_eq!(s.voters[1].endpoint_text(), "localhost:29003");
        assert_eq!(s.data_version, "V004");
        assert!(s.purged.is_none());
        let f = status(include_str!("fixtures/sim-status-follower.json"));
        assert!(!f.is_leader);
        assert_eq!(f.leader_id(), Some(1));
        assert!(f.replication.is_empty());
        let l = status(include_str!("fixtures/sim-status-leader.json"));
        assert_eq!(l.replication.len(), 3);
    }

    #[test]
    fn decodes_the_older_status_shape() {
        let s = status(include_str!("fixtures/status-legacy.json"));
        assert_eq!(s.db_size, Some(18_899_209));
        assert_eq!(s.key_num, Some(1234));
        assert_eq!(s.leader_id(), Some(2));
        assert_eq!(s.last_applied.as_ref().map(LogId::text).as_deref(), Some("53067 (term 67)"));
        assert_eq!(s.voters[0].grpc_api_advertise_address, "0.0.0.0:9191");
        assert!(s.raft_log.is_none());
        let n = status(r#"{"id":3,"endpoint":null,"state":"Learner","replication":null,"leader":null}"#);
        assert_eq!(n.endpoint, "");
        assert_eq!(n.leader_id(), None);
    }

    #[test]
    fn decodes_every_other_sample() {
        let nodes: Vec<MetaNode> =
            serde_json::from_str(include_str!("fixtures/cluster-nodes.json")).unwrap();
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[1].id(), Some(1));
        let f: Features = serde_json::from_str(include_str!("fixtures/features-list.json")).unwrap();
        assert_eq!(f.features.len(), 2);
        let f: Features =
            serde_json::from_str(include_str!("fixtures/features-set-dummy-true.json")).unwrap();
        assert_eq!(f.enabled, vec!["dummy"]);
        let t: Transfer =
            serde_json::from_str(include_str!("fixtures/ctrl-trigger_transfer_leader.json")).unwrap();
        assert_eq!((t.from, t.to, t.voter_ids.len()), (0, 2, 3));
        let h: serde_json::Value = serde_json::from_str(include_str!("fixtures/health.json")).unwrap();
        assert_eq!(h["status"], "pass");
        let snap: serde_json::Value =
            serde_json::from_str(include_str!("fixtures/ctrl-trigger_snapshot.json")).unwrap();
        assert!(snap.is_null());
    }
}
