//! Lenient types of the CockroachDB API v2 answers the views show (numbers may arrive as
//! strings or null; missing fields default).

use crate::net::lenient::{float, int, nullable};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `util.UnresolvedAddr`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Addr {
    /// `host:port`.
    #[serde(deserialize_with = "nullable")]
    pub address_field: String,
}

/// One locality tier.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Tier {
    /// e.g. `region`.
    #[serde(deserialize_with = "nullable")]
    pub key: String,
    /// e.g. `us-east1`.
    #[serde(deserialize_with = "nullable")]
    pub value: String,
}

/// A node's locality.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Locality {
    /// Its tiers, outermost first.
    #[serde(deserialize_with = "nullable")]
    pub tiers: Vec<Tier>,
}

/// `roachpb.Version`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Version {
    /// Major.
    #[serde(deserialize_with = "int")]
    pub major_val: i64,
    /// Minor.
    #[serde(deserialize_with = "int")]
    pub minor_val: i64,
    /// Patch.
    #[serde(deserialize_with = "int")]
    pub patch: i64,
    /// Internal.
    #[serde(deserialize_with = "int")]
    pub internal: i64,
}

impl Version {
    /// `24.3` (`24.3.1`, `-internal` when set).
    pub fn text(&self) -> String {
        let mut s = format!("{}.{}", self.major_val, self.minor_val);
        if self.patch != 0 {
            s.push_str(&format!(".{}", self.patch));
        }
        if self.internal != 0 {
            s.push_str(&format!("-{}", self.internal));
        }
        s
    }
}

/// One node of `GET /api/v2/nodes/`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Node {
    /// Node id.
    #[serde(deserialize_with = "int")]
    pub node_id: i64,
    /// RPC address.
    #[serde(deserialize_with = "nullable")]
    pub address: Addr,
    /// SQL address.
    #[serde(deserialize_with = "nullable")]
    pub sql_address: Addr,
    /// Locality.
    #[serde(deserialize_with = "nullable")]
    pub locality: Locality,
    /// Version.
    #[serde(rename = "ServerVersion", deserialize_with = "nullable")]
    pub server_version: Version,
    /// Build tag, e.g. `v24.3.1`.
    #[serde(deserialize_with = "nullable")]
    pub build_tag: String,
    /// Start, nanoseconds since the epoch.
    #[serde(deserialize_with = "int")]
    pub started_at: i64,
    /// Node metrics by name.
    #[serde(deserialize_with = "nullable")]
    pub metrics: BTreeMap<String, f64>,
    /// Store metrics by store id, then name.
    #[serde(deserialize_with = "nullable")]
    pub store_metrics: BTreeMap<String, BTreeMap<String, f64>>,
    /// Memory, bytes.
    #[serde(deserialize_with = "int")]
    pub total_system_memory: i64,
    /// CPUs.
    #[serde(deserialize_with = "int")]
    pub num_cpus: i64,
    /// Liveness status (`livenesspb.NodeLivenessStatus`).
    #[serde(deserialize_with = "int")]
    pub liveness_status: i64,
}

impl Node {
    /// The sum of store metric `name` over the node's stores.
    pub fn store_sum(&self, name: &str) -> f64 {
        self.store_metrics.values().filter_map(|m| m.get(name)).sum()
    }

    /// `region=us-east1, zone=us-east1-b`.
    pub fn locality_text(&self) -> String {
        self.locality
            .tiers
            .iter()
            .map(|t| format!("{}={}", t.key, t.value))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The name of a liveness status.
pub fn liveness_name(status: i64) -> &'static str {
    match status {
        1 => "dead",
        2 => "unavailable",
        3 => "live",
        4 => "decommissioning",
        5 => "decommissioned",
        6 => "draining",
        _ => "unknown",
    }
}

/// A page of `GET /api/v2/nodes/`. The server always writes `nodes` (maybe `null`): an answer
/// without it is not this endpoint's (a 200 from something else), not an empty cluster.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct NodesPage {
    /// The nodes.
    #[serde(deserialize_with = "nullable")]
    pub nodes: Vec<Node>,
    /// The offset of the next page (absent or 0: none).
    #[serde(default, deserialize_with = "int")]
    pub next: i64,
}

/// A range descriptor.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct RangeDesc {
    /// Range id.
    #[serde(deserialize_with = "int")]
    pub range_id: i64,
    /// Start key, base64.
    #[serde(deserialize_with = "nullable")]
    pub start_key: String,
    /// End key, base64.
    #[serde(deserialize_with = "nullable")]
    pub end_key: String,
}

/// A span as pretty keys.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Span {
    /// Pretty start key.
    #[serde(deserialize_with = "nullable")]
    pub start_key: String,
    /// Pretty end key.
    #[serde(deserialize_with = "nullable")]
    pub end_key: String,
}

/// An HLC timestamp.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Hlc {
    /// Wall time, nanoseconds.
    #[serde(deserialize_with = "int")]
    pub wall_time: i64,
}

/// A replica descriptor.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Replica {
    /// Node id.
    #[serde(deserialize_with = "int")]
    pub node_id: i64,
    /// Store id.
    #[serde(deserialize_with = "int")]
    pub store_id: i64,
}

/// One lease.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Lease {
    /// Start.
    #[serde(deserialize_with = "nullable")]
    pub start: Hlc,
    /// The leaseholder.
    #[serde(deserialize_with = "nullable")]
    pub replica: Replica,
    /// Sequence.
    #[serde(deserialize_with = "int")]
    pub sequence: i64,
}

/// Range statistics.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct RangeStats {
    /// Queries per second.
    #[serde(deserialize_with = "float")]
    pub queries_per_second: f64,
    /// Writes per second.
    #[serde(deserialize_with = "float")]
    pub writes_per_second: f64,
}

/// A range as one node sees it.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct RangeInfo {
    /// Descriptor.
    #[serde(deserialize_with = "nullable")]
    pub desc: RangeDesc,
    /// Pretty span.
    #[serde(deserialize_with = "nullable")]
    pub span: Span,
    /// The node that answered.
    #[serde(deserialize_with = "int")]
    pub source_node_id: i64,
    /// Its store.
    #[serde(deserialize_with = "int")]
    pub source_store_id: i64,
    /// Lease history.
    #[serde(deserialize_with = "nullable")]
    pub lease_history: Vec<Lease>,
    /// Problems: flags that are `true` when something is wrong.
    #[serde(deserialize_with = "nullable")]
    pub problems: BTreeMap<String, serde_json::Value>,
    /// Stats.
    #[serde(deserialize_with = "nullable")]
    pub stats: RangeStats,
}

impl RangeInfo {
    /// The names of the problems that are set.
    pub fn problem_names(&self) -> Vec<String> {
        self.problems
            .iter()
            .filter(|(_, v)| match v {
                serde_json::Value::Bool(b) => *b,
                serde_json::Value::Null => false,
                serde_json::Value::Array(a) => !a.is_empty(),
                _ => true,
            })
            .map(|(k, _)| k.clone())
            .collect()
    }
}

/// A page of `GET /api/v2/nodes/{id}/ranges/` (`ranges` required, as in [`NodesPage`]).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct RangesPage {
    /// The ranges.
    #[serde(deserialize_with = "nullable")]
    pub ranges: Vec<RangeInfo>,
    /// The offset of the next page.
    #[serde(default, deserialize_with = "int")]
    pub next: i64,
}

/// One node's answer in `GET /api/v2/ranges/{id}/`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct NodeRange {
    /// What it sees.
    #[serde(deserialize_with = "nullable")]
    pub range_info: RangeInfo,
    /// Why it could not answer.
    #[serde(deserialize_with = "nullable")]
    pub error: String,
}

/// `GET /api/v2/ranges/{id}/`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct RangeResponse {
    /// Answers by node id.
    #[serde(deserialize_with = "nullable")]
    pub responses_by_node_id: BTreeMap<String, NodeRange>,
}

/// One hot range.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct HotRange {
    /// Range id.
    #[serde(deserialize_with = "int")]
    pub range_id: i64,
    /// Node that reported it.
    #[serde(deserialize_with = "int")]
    pub node_id: i64,
    /// Queries per second.
    #[serde(deserialize_with = "float")]
    pub qps: f64,
    /// Writes per second.
    #[serde(deserialize_with = "float")]
    pub writes_per_second: f64,
    /// Reads per second.
    #[serde(deserialize_with = "float")]
    pub reads_per_second: f64,
    /// Written bytes per second.
    #[serde(deserialize_with = "float")]
    pub write_bytes_per_second: f64,
    /// Read bytes per second.
    #[serde(deserialize_with = "float")]
    pub read_bytes_per_second: f64,
    /// Leaseholder.
    #[serde(deserialize_with = "int")]
    pub leaseholder_node_id: i64,
    /// Databases.
    #[serde(deserialize_with = "nullable")]
    pub databases: Vec<String>,
    /// Tables.
    #[serde(deserialize_with = "nullable")]
    pub tables: Vec<String>,
    /// Indexes.
    #[serde(deserialize_with = "nullable")]
    pub indexes: Vec<String>,
}

/// A page of `GET /api/v2/ranges/hot/`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct HotPage {
    /// The ranges.
    #[serde(deserialize_with = "nullable")]
    pub ranges: Vec<HotRange>,
    /// Opaque token of the next page (empty: none).
    #[serde(deserialize_with = "nullable")]
    pub next: String,
}

/// An active query.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct ActiveQuery {
    /// Its SQL.
    #[serde(deserialize_with = "nullable")]
    pub sql: String,
}

/// One SQL session.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Session {
    /// Node.
    #[serde(deserialize_with = "int")]
    pub node_id: i64,
    /// User.
    #[serde(deserialize_with = "nullable")]
    pub username: String,
    /// Application.
    #[serde(deserialize_with = "nullable")]
    pub application_name: String,
    /// Client address.
    #[serde(deserialize_with = "nullable")]
    pub client_address: String,
    /// Start, RFC 3339.
    #[serde(deserialize_with = "nullable")]
    pub start: String,
    /// Active queries.
    #[serde(deserialize_with = "nullable")]
    pub active_queries: Vec<ActiveQuery>,
    /// Last statement.
    #[serde(deserialize_with = "nullable")]
    pub last_active_query: String,
}

/// A node that did not answer a fan-out request, and why.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct NodeError {
    /// The node.
    #[serde(deserialize_with = "int")]
    pub node_id: i64,
    /// Its error.
    #[serde(deserialize_with = "nullable")]
    pub message: String,
}

/// A page of `GET /api/v2/sessions/`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct SessionsPage {
    /// The sessions.
    #[serde(deserialize_with = "nullable")]
    pub sessions: Vec<Session>,
    /// Nodes that did not answer.
    #[serde(deserialize_with = "nullable")]
    pub errors: Vec<NodeError>,
    /// Opaque token of the next page.
    #[serde(deserialize_with = "nullable")]
    pub next: String,
}

/// Decodes standard base64 (padding optional); `None` when not base64.
pub fn unbase64(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// A base64 key as text: its bytes when all are printable, else printable bytes with the others
/// as `\xNN`; the base64 itself when it does not decode.
pub fn key_text(b64: &str) -> String {
    match unbase64(b64) {
        Some(bytes) if bytes.is_empty() => "(empty)".into(),
        Some(bytes) => bytes
            .iter()
            .map(|b| {
                if b.is_ascii_graphic() || *b == b' ' {
                    (*b as char).to_string()
                } else {
                    format!("\\x{b:02x}")
                }
            })
            .collect(),
        None => b64.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_decode() {
        assert!(serde_json::from_str::<NodesPage>(r#"{"data":"x"}"#).is_err());
        assert!(serde_json::from_str::<RangesPage>(r#"{"data":"x"}"#).is_err());
        assert!(serde_json::from_str::<NodesPage>(r#"{"nodes":null}"#).is_ok());
        let n: NodesPage = serde_json::from_str(include_str!("fixtures/nodes.json")).unwrap();
        let first = &n.nodes[0];
        assert_eq!(first.node_id, 1);
        assert!(first.server_version.text().starts_with(&format!(
            "{}.{}",
            first.server_version.major_val, first.server_version.minor_val
        )));
        assert!(first.started_at > 1_000_000_000_000_000_000);
        assert!(!first.locality.tiers.is_empty());
        assert_eq!(n.next, 1);
        let r: RangesPage =
            serde_json::from_str(include_str!("fixtures/node-ranges.json")).unwrap();
        assert_eq!(r.ranges[0].desc.range_id, 62);
        assert_eq!(r.ranges[0].lease_history[0].replica.node_id, 1);
        let one: RangeResponse = serde_json::from_str(include_str!("fixtures/range.json")).unwrap();
        assert_eq!(one.responses_by_node_id.len(), 2);
        assert!(one.responses_by_node_id["2"].error.contains("unavailable"));
        assert!(one.responses_by_node_id["1"].range_info.lease_history.is_empty());
        let h: HotPage = serde_json::from_str(include_str!("fixtures/hot-ranges.json")).unwrap();
        assert_eq!(h.ranges[0].tables, vec!["rides".to_string()]);
        assert_eq!(h.next, "MSx8MnwwfDMs");
        let s: SessionsPage = serde_json::from_str(include_str!("fixtures/sessions.json")).unwrap();
        assert_eq!(s.sessions[0].active_queries.len(), 1);
        assert_eq!(s.sessions[0].last_active_query, "SHOW DATABASES");
    }

    #[test]
    fn keys_decode_printable_or_escaped() {
        assert_eq!(unbase64("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(key_text("aGVsbG8="), "hello");
        assert_eq!(key_text("8g=="), "\\xf2");
        assert_eq!(key_text(""), "(empty)");
        assert_eq!(key_text("not base64!"), "not base64!");
    }

    #[test]
    fn problems_list_only_set_flags() {
        let r: RangeInfo = serde_json::from_str(
            r#"{"problems":{"underreplicated":true,"no_lease":false,"raft_log_too_large":null}}"#,
        )
        .unwrap();
        assert_eq!(r.problem_names(), vec!["underreplicated".to_string()]);
    }
}
