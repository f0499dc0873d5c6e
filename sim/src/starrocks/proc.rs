//! `GET /api/show_proc?path=..`: arrays of objects whose every value is a string. Unknown paths
//! answer `[]` (as text/html) just like the server.

use axum::response::Response;
use serde_json::{Map, Value};

use super::respond::{fe_json, jackson, FeAdmin};
use super::state::{SrCluster, VERSION};
use crate::http_util::lock;
use crate::rng::wander;
use crate::timefmt::sr_datetime;

/// A proc result: column names and string rows.
pub struct ProcResult {
    /// Column names in order.
    pub columns: Vec<&'static str>,
    /// Rows.
    pub rows: Vec<Vec<String>>,
}

fn gb(bytes: f64) -> String {
    format!("{:.3} GB", bytes / 1_073_741_824.0)
}

/// Computes the rows of a proc path, or `None` for an unknown path.
pub fn proc_result(c: &SrCluster, path: &str, now_ms: i64, t: f64) -> Option<ProcResult> {
    let path = path.trim_end_matches('/');
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let s = |v: &dyn ToString| v.to_string();
    let r = match parts.as_slice() {
        [] => ProcResult {
            columns: vec!["name"],
            rows: [
                "auth",
                "backends",
                "compute_nodes",
                "dbs",
                "jobs",
                "statistic",
                "tasks",
                "frontends",
                "brokers",
                "resources",
                "load_error_hub",
                "transactions",
                "monitor",
                "current_queries",
                "current_backend_instances",
                "cluster_balance",
                "routine_loads",
                "colocation_group",
                "catalog",
                "replications",
            ]
            .iter()
            .map(|n| vec![n.to_string()])
            .collect(),
        },
        ["backends"] => ProcResult {
            columns: vec![
                "BackendId",
                "IP",
                "HeartbeatPort",
                "BePort",
                "HttpPort",
                "BrpcPort",
                "LastStartTime",
                "LastHeartbeat",
                "Alive",
                "SystemDecommissioned",
                "ClusterDecommissioned",
                "TabletNum",
                "DataUsedCapacity",
                "AvailCapacity",
                "TotalCapacity",
                "UsedPct",
                "MaxDiskUsedPct",
                "ErrMsg",
                "Version",
                "Status",
                "DataTotalCapacity",
                "DataUsedPct",
                "CpuCores",
                "MemLimit",
                "NumRunningQueries",
                "MemUsedPct",
                "CpuUsedPct",
                "DataCacheMetrics",
                "Location",
                "StatusCode",
            ],
            rows: c
                .backends()
                .map(|b| {
                    let seed = c.seed ^ b.id as u64;
                    let used = 1_300_000_000.0
                        + b.loaded_bytes as f64
                        + wander(seed, t, 0.0, 50_000_000.0).abs();
                    let total = 107_374_182_400.0;
                    let tablets: usize = c
                        .databases
                        .iter()
                        .flat_map(|d| &d.tables)
                        .map(|t| t.tablets().len())
                        .sum();
                    vec![
                        s(&b.id),
                        b.host.clone(),
                        s(&b.heartbeat_port),
                        s(&b.be_port),
                        s(&b.http_port),
                        s(&b.brpc_port),
                        sr_datetime(b.started_ms),
                        sr_datetime(now_ms - 3_000),
                        "true".into(),
                        "false".into(),
                        "false".into(),
                        s(&tablets),
                        format!("{:.3} MB", used / 1_048_576.0),
                        gb(total * 0.8 - used),
                        gb(total),
                        format!("{:.2} %", used / total * 100.0),
                        format!("{:.2} %", used / total * 100.0),
                        String::new(),
                        VERSION.into(),
                        format!(
                            "{{\"lastSuccessReportTabletsTime\":\"{}\"}}",
                            sr_datetime(now_ms - 25_000)
                        ),
                        gb(total * 0.8),
                        format!("{:.2} %", used / (total * 0.8) * 100.0),
                        "8".into(),
                        "12.800GB".into(),
                        format!("{:.0}", wander(seed + 1, t, 1.0, 2.0).max(0.0)),
                        format!("{:.2} %", wander(seed + 2, t, 3.2, 1.5).max(0.1)),
                        format!("{:.1} %", wander(seed + 3, t, 4.0, 3.5).max(0.1)),
                        "Status: Normal, DiskUsage: 0B/0B, MemUsage: 0B/0B".into(),
                        String::new(),
                        "OK".into(),
                    ]
                })
                .collect(),
        },
        ["compute_nodes"] => ProcResult {
            columns: vec![
                "ComputeNodeId",
                "IP",
                "HeartbeatPort",
                "BePort",
                "HttpPort",
                "BrpcPort",
                "LastStartTime",
                "LastHeartbeat",
                "Alive",
                "SystemDecommissioned",
                "ClusterDecommissioned",
                "ErrMsg",
                "Version",
                "CpuCores",
                "MemLimit",
                "NumRunningQueries",
                "MemUsedPct",
                "CpuUsedPct",
                "DataCacheMetrics",
                "HasStoragePath",
                "StatusCode",
                "Location",
            ],
            rows: c
                .nodes
                .iter()
                .filter(|n| n.role.starts_with("cn"))
                .map(|n| {
                    let seed = c.seed ^ n.id as u64;
                    vec![
                        s(&n.id),
                        n.host.clone(),
                        s(&n.heartbeat_port),
                        s(&n.be_port),
                        s(&n.http_port),
                        s(&n.brpc_port),
                        sr_datetime(n.started_ms),
                        sr_datetime(now_ms - 4_000),
                        "true".into(),
                        "false".into(),
                        "false".into(),
                        String::new(),
                        VERSION.into(),
                        "8".into(),
                        "12.800GB".into(),
                        "0".into(),
                        format!("{:.2} %", wander(seed, t, 2.0, 1.0).max(0.1)),
                        format!("{:.1} %", wander(seed + 1, t, 2.0, 1.5).max(0.1)),
                        "Status: Normal, DiskUsage: 0B/0B, MemUsage: 0B/0B".into(),
                        "false".into(),
                        "OK".into(),
                        String::new(),
                    ]
                })
                .collect(),
        },
        ["frontends"] => ProcResult {
            columns: vec![
                "Name",
                "IP",
                "EditLogPort",
                "HttpPort",
                "QueryPort",
                "RpcPort",
                "Role",
                "ClusterId",
                "Join",
                "Alive",
                "ReplayedJournalId",
                "LastHeartbeat",
                "IsHelper",
                "ErrMsg",
                "StartTime",
                "Version",
            ],
            rows: vec![vec![
                format!("{}_9010_{}", c.fe_host, c.fe_started_ms),
                c.fe_host.clone(),
                "9010".into(),
                s(&c.fe_http_port),
                "9030".into(),
                "9020".into(),
                "LEADER".into(),
                "1183287416".into(),
                "true".into(),
                "true".into(),
                s(&c.journal_id(now_ms)),
                sr_datetime(now_ms - 2_000),
                "true".into(),
                String::new(),
                sr_datetime(c.fe_started_ms),
                VERSION.into(),
            ]],
        },
        ["dbs"] => ProcResult {
            columns: vec![
                "DbId",
                "DbName",
                "TableNum",
                "Quota",
                "LastConsistencyCheckTime",
                "ReplicaQuota",
            ],
            rows: c
                .databases
                .iter()
                .map(|d| {
                    vec![
                        s(&d.id),
                        d.name.clone(),
                        s(&d.tables.len()),
                        "8388608.000 TB".into(),
                        "NULL".into(),
                        "1073741824".into(),
                    ]
                })
                .collect(),
        },
        ["dbs", db] => {
            let d = c.databases.iter().find(|d| d.id.to_string() == *db)?;
            ProcResult {
                columns: vec![
                    "TableId",
                    "TableName",
                    "IndexNum",
                    "PartitionColumnName",
                    "PartitionNum",
                    "State",
                    "Type",
                    "LastConsistencyCheckTime",
                    "ReplicaCount",
                    "PartitionType",
                    "StoragePath",
                ],
                rows: d
                    .tables
                    .iter()
                    .map(|t| {
                        let part_col = if t.partitions.len() > 1 {
                            t.columns
                                .iter()
                                .find(|c| c.sr_type == "DATETIME")
                                .map(|c| c.name.clone())
                                .unwrap_or_default()
                        } else {
                            String::new()
                        };
                        vec![
                            s(&t.id),
                            t.name.clone(),
                            "1".into(),
                            part_col,
                            s(&t.partitions.len()),
                            "NORMAL".into(),
                            "OLAP".into(),
                            "NULL".into(),
                            s(&(t.tablets().len() * 3)),
                            if t.partitions.len() > 1 {
                                "RANGE".into()
                            } else {
                                "UNPARTITIONED".into()
                            },
                            String::new(),
                        ]
                    })
                    .collect(),
            }
        }
        ["dbs", db, table] => {
            let d = c.databases.iter().find(|d| d.id.to_string() == *db)?;
            d.tables.iter().find(|t| t.id.to_string() == *table)?;
            ProcResult {
                columns: vec!["Nodes"],
                rows: ["partitions", "temp_partitions", "index_schema"]
                    .iter()
                    .map(|n| vec![n.to_string()])
                    .collect(),
            }
        }
        ["dbs", db, table, "temp_partitions"] => {
            let d = c.databases.iter().find(|d| d.id.to_string() == *db)?;
            d.tables.iter().find(|t| t.id.to_string() == *table)?;
            ProcResult {
                columns: vec!["PartitionId", "PartitionName"],
                rows: vec![],
            }
        }
        ["dbs", db, table, "index_schema"] => {
            let d = c.databases.iter().find(|d| d.id.to_string() == *db)?;
            let t = d.tables.iter().find(|t| t.id.to_string() == *table)?;
            ProcResult {
                columns: vec![
                    "IndexId",
                    "IndexName",
                    "SchemaVersion",
                    "SchemaHash",
                    "ShortKeyColumnCount",
                    "StorageType",
                    "Keys",
                ],
                rows: vec![vec![
                    s(&(t.id + 1)),
                    t.name.clone(),
                    "0".into(),
                    s(&(t.id * 31 % 1_000_000_007)),
                    "1".into(),
                    "COLUMN".into(),
                    "DUP_KEYS".into(),
                ]],
            }
        }
        ["dbs", db, table, "partitions", part] => {
            let d = c.databases.iter().find(|d| d.id.to_string() == *db)?;
            let t = d.tables.iter().find(|t| t.id.to_string() == *table)?;
            t.partitions.iter().find(|(p, _)| p.to_string() == *part)?;
            ProcResult {
                columns: vec!["IndexId", "IndexName", "State", "LastConsistencyCheckTime"],
                rows: vec![vec![
                    s(&(t.id + 1)),
                    t.name.clone(),
                    "NORMAL".into(),
                    "NULL".into(),
                ]],
            }
        }
        ["dbs", db, table, "partitions", part, index] => {
            let d = c.databases.iter().find(|d| d.id.to_string() == *db)?;
            let t = d.tables.iter().find(|t| t.id.to_string() == *table)?;
            let pi = t
                .partitions
                .iter()
                .position(|(p, _)| p.to_string() == *part)?;
            if *index != (t.id + 1).to_string() {
                return None;
            }
            let tablets = t.tablets();
            let per = t.buckets as usize;
            ProcResult {
                columns: vec![
                    "TabletId",
                    "ReplicaId",
                    "BackendId",
                    "SchemaHash",
                    "Version",
                    "State",
                    "DataSize",
                    "RowCount",
                ],
                rows: tablets
                    .iter()
                    .skip(pi * per)
                    .take(per)
                    .enumerate()
                    .map(|(i, tablet)| {
                        vec![
                            s(tablet),
                            s(&(tablet + 100_000)),
                            s(&c.nodes[i % 3].id),
                            s(&(t.id * 31 % 1_000_000_007)),
                            s(&(2 + t.rows.len() % 5)),
                            "NORMAL".into(),
                            format!(
                                "{:.3} KB",
                                t.data_size() as f64 / tablets.len().max(1) as f64 / 1024.0
                            ),
                            s(&(t.rows.len() / tablets.len().max(1))),
                        ]
                    })
                    .collect(),
            }
        }
        ["dbs", db, table, "partitions"] => {
            let d = c.databases.iter().find(|d| d.id.to_string() == *db)?;
            let t = d.tables.iter().find(|t| t.id.to_string() == *table)?;
            let n = t.partitions.len().max(1);
            ProcResult {
                columns: vec![
                    "PartitionId",
                    "PartitionName",
                    "VisibleVersion",
                    "VisibleVersionTime",
                    "State",
                    "PartitionKey",
                    "Range",
                    "DistributionKey",
                    "Buckets",
                    "ReplicationNum",
                    "StorageMedium",
                    "CooldownTime",
                    "LastConsistencyCheckTime",
                    "DataSize",
                    "IsInMemory",
                    "RowCount",
                ],
                rows: t
                    .partitions
                    .iter()
                    .map(|(pid, pname)| {
                        vec![
                            s(pid),
                            pname.clone(),
                            s(&(2 + t.rows.len() % 5)),
                            sr_datetime(now_ms - 600_000),
                            "NORMAL".into(),
                            String::new(),
                            String::new(),
                            t.columns
                                .first()
                                .map(|c| c.name.clone())
                                .unwrap_or_default(),
                            s(&t.buckets),
                            "3".into(),
                            "HDD".into(),
                            "9999-12-31 23:59:59".into(),
                            "NULL".into(),
                            format!("{:.3} KB", t.data_size() as f64 / n as f64 / 1024.0),
                            "false".into(),
                            s(&(t.rows.len() / n)),
                        ]
                    })
                    .collect(),
            }
        }
        ["statistic"] => {
            let mut rows: Vec<Vec<String>> = c
                .databases
                .iter()
                .map(|d| {
                    let tablets: usize = d.tables.iter().map(|t| t.tablets().len()).sum();
                    let parts: usize = d.tables.iter().map(|t| t.partitions.len()).sum();
                    vec![
                        s(&d.id),
                        d.name.clone(),
                        s(&d.tables.len()),
                        s(&parts),
                        s(&d.tables.len()),
                        s(&tablets),
                        s(&(tablets * 3)),
                        "0".into(),
                        "0".into(),
                        "0".into(),
                        "0".into(),
                    ]
                })
                .collect();
            let sum = |i: usize| {
                rows.iter()
                    .map(|r| r[i].parse::<usize>().unwrap_or(0))
                    .sum::<usize>()
                    .to_string()
            };
            let total = vec![
                "Total".into(),
                s(&c.databases.len()),
                sum(2),
                sum(3),
                sum(4),
                sum(5),
                sum(6),
                "0".into(),
                "0".into(),
                "0".into(),
                "0".into(),
            ];
            rows.push(total);
            ProcResult {
                columns: vec![
                    "DbId",
                    "DbName",
                    "TableNum",
                    "PartitionNum",
                    "IndexNum",
                    "TabletNum",
                    "ReplicaNum",
                    "UnhealthyTabletNum",
                    "InconsistentTabletNum",
                    "CloningTabletNum",
                    "ErrorStateTabletNum",
                ],
                rows,
            }
        }
        ["transactions"] => ProcResult {
            columns: vec!["DbId", "DbName"],
            rows: c
                .databases
                .iter()
                .map(|d| vec![s(&d.id), d.name.clone()])
                .collect(),
        },
        ["transactions", db] => {
            let d = c.databases.iter().find(|d| d.id.to_string() == *db)?;
            let mine: Vec<_> = c
                .labels
                .iter()
                .filter(|((ldb, _), _)| *ldb == d.name)
                .collect();
            let running = mine
                .iter()
                .filter(|(_, l)| l.state == "PREPARE" || l.state == "PREPARED")
                .count();
            ProcResult {
                columns: vec!["State", "Number"],
                rows: vec![
                    vec!["running".into(), s(&running)],
                    vec!["finished".into(), s(&(mine.len() - running))],
                ],
            }
        }
        ["transactions", db, state] => {
            let d = c.databases.iter().find(|d| d.id.to_string() == *db)?;
            let want_running = *state == "running";
            ProcResult {
                columns: vec![
                    "TransactionId",
                    "Label",
                    "Coordinator",
                    "TransactionStatus",
                    "LoadJobSourceType",
                    "PrepareTime",
                    "CommitTime",
                    "PublishTime",
                    "FinishTime",
                    "Reason",
                    "ErrorReplicasCount",
                    "ListenerId",
                    "TimeoutMs",
                    "ErrMsg",
                ],
                rows: c
                    .labels
                    .iter()
                    .filter(|((ldb, _), l)| {
                        *ldb == d.name
                            && ((l.state == "PREPARE" || l.state == "PREPARED") == want_running)
                    })
                    .map(|((_, label), l)| {
                        let done = l.state == "VISIBLE" || l.state == "ABORTED";
                        vec![
                            s(&l.txn_id),
                            label.clone(),
                            format!("BE: {}", c.nodes[l.be].host),
                            l.state.clone(),
                            "BACKEND_STREAMING".into(),
                            sr_datetime(l.created_ms),
                            if done {
                                sr_datetime(l.created_ms + 20)
                            } else {
                                "NULL".into()
                            },
                            if done {
                                sr_datetime(l.created_ms + 30)
                            } else {
                                "NULL".into()
                            },
                            if done {
                                sr_datetime(l.created_ms + 36)
                            } else {
                                "NULL".into()
                            },
                            l.reason.clone(),
                            "0".into(),
                            "-1".into(),
                            "600000".into(),
                            String::new(),
                        ]
                    })
                    .collect(),
            }
        }
        ["current_queries"] => ProcResult {
            columns: vec![
                "StartTime",
                "feIp",
                "QueryId",
                "ConnectionId",
                "Database",
                "User",
                "ScanBytes",
                "ScanRows",
                "MemoryUsage",
                "DiskSpillSize",
                "CPUTime",
                "ExecTime",
                "Warehouse",
                "CustomQueryId",
                "ResourceGroup",
            ],
            rows: c
                .queries
                .iter()
                .filter(|q| q.state == "RUNNING")
                .map(|q| {
                    vec![
                        sr_datetime(q.start_ms),
                        c.fe_host.clone(),
                        q.query_id.clone(),
                        s(&q.conn_id),
                        q.database.clone(),
                        q.user.clone(),
                        "1.2 MB".into(),
                        s(&q.scan_rows),
                        "12.3 MB".into(),
                        "0.000 B".into(),
                        "0.12 s".into(),
                        format!("{:.3} s", (now_ms - q.start_ms) as f64 / 1000.0),
                        "default_warehouse".into(),
                        String::new(),
                        "default_wg".into(),
                    ]
                })
                .collect(),
        },
        ["jobs"] => ProcResult {
            columns: vec!["DbId", "DbName"],
            rows: c
                .databases
                .iter()
                .map(|d| vec![s(&d.id), d.name.clone()])
                .collect(),
        },
        ["tasks"] => ProcResult {
            columns: vec!["TaskType", "FailedNum", "TotalNum"],
            rows: [
                "CREATE",
                "DROP",
                "PUSH",
                "CLONE",
                "STORAGE_MEDIUM_MIGRATE",
                "ROLLUP",
                "SCHEMA_CHANGE",
                "CANCEL_DELETE",
                "MAKE_SNAPSHOT",
                "RELEASE_SNAPSHOT",
                "CHECK_CONSISTENCY",
                "UPLOAD",
                "DOWNLOAD",
                "CLEAR_REMOTE_FILE",
                "MOVE",
                "REALTIME_PUSH",
                "PUBLISH_VERSION",
                "CLEAR_ALTER_TASK",
                "CLEAR_TRANSACTION_TASK",
                "RECOVER_TABLET",
                "STREAM_LOAD",
                "UPDATE_TABLET_META_INFO",
                "ALTER",
                "INSTALL_PLUGIN",
                "UNINSTALL_PLUGIN",
                "NUM_TASK_TYPE",
            ]
            .iter()
            .map(|k| vec![k.to_string(), "0".into(), "0".into()])
            .collect(),
        },
        ["routine_loads"]
        | ["brokers"]
        | ["resources"]
        | ["load_error_hub"]
        | ["current_backend_instances"]
        | ["replications"]
        | ["colocation_group"] => ProcResult {
            columns: vec![],
            rows: vec![],
        },
        ["catalog"] => ProcResult {
            columns: vec!["Catalog", "Type", "Comment"],
            rows: vec![vec![
                "default_catalog".into(),
                "Internal".into(),
                "An internal catalog contains this cluster's self-managed tables.".into(),
            ]],
        },
        ["cluster_balance"] => ProcResult {
            columns: vec!["Item", "Number"],
            rows: [
                "cluster_load_statistic",
                "working_slots",
                "sched_stat",
                "priority_repair",
                "pending_tablets",
                "running_tablets",
                "history_tablets",
            ]
            .iter()
            .map(|k| vec![k.to_string(), "0".into()])
            .collect(),
        },
        ["monitor"] => ProcResult {
            columns: vec!["Name", "Info"],
            rows: vec![vec!["jvm".into(), String::new()]],
        },
        ["auth"] => ProcResult {
            columns: vec![
                "UserIdentity",
                "Password",
                "AuthPlugin",
                "UserForAuthPlugin",
                "GlobalPrivs",
            ],
            rows: c
                .users
                .iter()
                .map(|u| {
                    vec![
                        format!("'{}'@'%'", u.name),
                        if u.password.is_empty() {
                            "No".into()
                        } else {
                            "Yes".into()
                        },
                        "MYSQL_NATIVE_PASSWORD".into(),
                        "NULL".into(),
                        if u.admin {
                            "Node_priv Admin_priv".into()
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect(),
        },
        _ => return None,
    };
    Some(r)
}

/// Renders a proc result as an array of string maps.
pub fn proc_json(r: &ProcResult) -> Value {
    Value::Array(
        r.rows
            .iter()
            .map(|row| {
                let mut m = Map::new();
                for (i, col) in r.columns.iter().enumerate() {
                    m.insert(
                        col.to_string(),
                        Value::String(row.get(i).cloned().unwrap_or_default()),
                    );
                }
                Value::Object(m)
            })
            .collect(),
    )
}

/// `GET /api/show_proc?path=..` (admin).
pub async fn show_proc(FeAdmin { ctx, params: p, .. }: FeAdmin) -> Response {
    let path = p.get_nonempty("path").unwrap_or("/");
    let now = ctx.shared.clock.now_ms();
    let t = ctx.shared.clock.elapsed_secs();
    let c = lock(&ctx.cluster);
    match proc_result(&c, path, now, t) {
        Some(r) => jackson(&proc_json(&r)),
        None => fe_json(&Value::Array(vec![])),
    }
}
