//! The simulated meta cluster: membership, leader, raft progress and features.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::runtime::Shared;

/// Every state-machine feature the server knows (`StateMachineFeature::all()`).
pub const FEATURES: [&str; 2] = ["dummy", "dummy_feature2"];

/// Cluster-wide state shared by the three node routers.
#[derive(Debug)]
pub struct MetaCluster {
    /// Current leader id.
    pub leader: u64,
    /// Current raft term.
    pub term: u64,
    /// How often the leader changed.
    pub leader_changes: u64,
    /// Log index at which the current term began (log grows with time from there).
    pub base_index: u64,
    /// Enabled features.
    pub enabled: BTreeSet<String>,
    /// Log index of the last snapshot, per node (index 0 = node 1).
    pub snapshot_index: [Option<u64>; 3],
    /// Port base (raft and gRPC addresses are derived from it for display only).
    pub base: u16,
    /// Bind host as text.
    pub host: String,
    /// Simulated start time (epoch ms).
    pub start_ms: i64,
}

impl MetaCluster {
    /// The initial cluster: node 1 leads in term 1.
    pub fn new(shared: &Shared) -> MetaCluster {
        MetaCluster {
            leader: 1,
            term: 1,
            leader_changes: 1,
            base_index: 5_210,
            enabled: BTreeSet::new(),
            snapshot_index: [Some(5_000), Some(5_000), None],
            base: shared.plan.base,
            host: shared.plan.host_str(),
            start_ms: shared.clock.start_ms(),
        }
    }

    /// Voter ids.
    pub fn voter_ids(&self) -> Vec<u64> {
        vec![1, 2, 3]
    }

    /// Raft endpoint port of a node (display only, never bound).
    pub fn raft_port(&self, id: u64) -> u64 {
        self.base as u64 + 1_100 + id
    }

    /// The `Node` JSON of a voter.
    pub fn node_json(&self, id: u64) -> Value {
        json!({
            "name": id.to_string(),
            "endpoint": {"addr": self.host, "port": self.raft_port(id)},
            "grpc_api_advertise_address": format!("{}:{}", self.host, 9190 + id),
        })
    }

    /// Last log index at `now_ms` (the log grows a few entries per second).
    pub fn last_log_index(&self, now_ms: i64) -> u64 {
        self.base_index + ((now_ms - self.start_ms).max(0) / 400) as u64
    }
}
