// StarRocks' catalog entry, shared by the console and the proxy (included by the
// switchboard-catalog crate, whose types it uses).

/// StarRocks: the FE, plus BE and CN nodes (`be:<host>:<port>`, `cn:<host>:<port>`), which the
/// FE reports.
pub const META: SystemMeta = SystemMeta {
    id: "starrocks",
    label: "StarRocks",
    auth: AuthKind::Basic,
    roles: &[
        Role::target("fe").primary(),
        Role::nodes("be", "be"),
        Role::nodes("cn", "cn"),
    ],
    reports_nodes: true,
};
