// CockroachDB's catalog entry, shared by the console and the proxy (included by the
// switchboard-catalog crate, whose types it uses).

/// CockroachDB: HTTP API v2 on any node; the others are reached as `node:<host>:<port>`.
pub const META: SystemMeta = SystemMeta {
    id: "cockroach",
    label: "CockroachDB",
    auth: AuthKind::Session,
    roles: &[
        Role::target("node").primary().node("node"),
        Role::nodes("nodes", "node"),
    ],
    reports_nodes: false,
};
