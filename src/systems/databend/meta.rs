// The Databend meta service's catalog entry, shared by the console and the proxy (included by
// the switchboard-catalog crate, whose types it uses).

/// The Databend meta service: one or more meta nodes (`node:<host>:<port>`), which any of them
/// reports.
pub const META: SystemMeta = SystemMeta {
    id: "databend-meta",
    label: "Databend meta",
    auth: AuthKind::None,
    roles: &[
        Role::target("meta").primary().node("node"),
        Role::nodes("nodes", "node"),
    ],
    reports_nodes: true,
};
