// Apache Druid's catalog entry, shared by the console and the proxy (included by the
// switchboard-catalog crate, whose types it uses).

/// Apache Druid: a router, or the coordinator, overlord and broker themselves; any other process
/// is a node (`node:<host>:<port>`), which the coordinator reports.
pub const META: SystemMeta = SystemMeta {
    id: "druid",
    label: "Apache Druid",
    auth: AuthKind::Basic,
    roles: &[
        Role::target("router").primary().node("node"),
        Role::target("coordinator").primary().node("node").or_else("router"),
        Role::target("overlord").primary().node("node").or_else("router"),
        Role::target("broker").primary().node("node").or_else("router"),
        Role::nodes("node", "node"),
    ],
    reports_nodes: true,
};
