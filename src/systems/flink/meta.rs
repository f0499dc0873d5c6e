// Apache Flink's catalog entry, shared by the console and the proxy (included by the
// switchboard-catalog crate, whose types it uses).

/// Apache Flink: one JobManager REST endpoint.
pub const META: SystemMeta = SystemMeta {
    id: "flink",
    label: "Apache Flink",
    auth: AuthKind::None,
    roles: &[Role::target("jobmanager").primary()],
    reports_nodes: false,
};
