//! v2 endpoints: `{"code":"0","message":"OK","result":...}`.

use axum::extract::Path;
use axum::response::Response;
use serde_json::{json, Value};

use super::respond::{v2_err, v2_ok, FeUser};
use super::state::{SrCluster, SrNode, VERSION};
use crate::http_util::lock;
use crate::rng::wander;
use crate::timefmt::sr_datetime;

fn node_info(c: &SrCluster, n: &SrNode, now: i64, t: f64, backend: bool) -> Value {
    let seed = c.seed ^ n.id as u64;
    let mut v = json!({
        "id": n.id,
        "host": n.host,
        "heartbeatPort": n.heartbeat_port,
        "bePort": n.be_port,
        "httpPort": n.http_port,
        "brpcPort": n.brpc_port,
        "lastStartTime": sr_datetime(n.started_ms),
        "lastHeartbeat": sr_datetime(now - 3_000),
        "isAlive": true,
        "decommissioned": false,
        "errMsg": "",
        "version": VERSION,
        "cpuCores": 8,
        "numRunningQueries": wander(seed, t, 1.0, 2.0).max(0.0).round() as i64,
        "memUsedPct": format!("{:.2} %", wander(seed + 1, t, 3.2, 1.5).max(0.1)),
        "cpuUsedPct": format!("{:.1} %", wander(seed + 2, t, 4.0, 3.5).max(0.1)),
        "warehouseName": "default_warehouse",
    });
    if backend {
        let used = 1_300_000_000i64 + n.loaded_bytes as i64;
        if let Some(obj) = v.as_object_mut() {
            obj.insert(
                "lastReportTabletsTime".into(),
                json!(sr_datetime(now - 25_000)),
            );
            obj.insert(
                "memUsed".into(),
                json!(wander(seed + 3, t, 420_000_000.0, 80_000_000.0).round() as i64),
            );
            obj.insert("memLimit".into(), json!(13_743_895_347i64));
            obj.insert("dataUsedCapacity".into(), json!(used));
            obj.insert("dataTotalCapacity".into(), json!(86_019_465_216i64));
            obj.insert("availableCapacity".into(), json!(86_019_465_216i64 - used));
            obj.insert("totalCapacity".into(), json!(107_374_182_400i64));
        }
    }
    v
}

/// `GET /api/v2/backend`.
pub async fn backends(FeUser { ctx, .. }: FeUser) -> Response {
    let (now, t) = (ctx.shared.clock.now_ms(), ctx.shared.clock.elapsed_secs());
    let c = lock(&ctx.cluster);
    v2_ok(Value::Array(
        c.backends()
            .map(|n| node_info(&c, n, now, t, true))
            .collect(),
    ))
}

/// `GET /api/v2/compute_nodes`.
pub async fn compute_nodes(FeUser { ctx, .. }: FeUser) -> Response {
    let (now, t) = (ctx.shared.clock.now_ms(), ctx.shared.clock.elapsed_secs());
    let c = lock(&ctx.cluster);
    v2_ok(Value::Array(
        c.nodes
            .iter()
            .filter(|n| n.role.starts_with("cn"))
            .map(|n| node_info(&c, n, now, t, false))
            .collect(),
    ))
}

/// `GET /api/v2/cluster_overview`.
pub async fn cluster_overview(FeUser { ctx, .. }: FeUser) -> Response {
    let c = lock(&ctx.cluster);
    let used: i64 = c
        .backends()
        .map(|b| 1_300_000_000 + b.loaded_bytes as i64)
        .sum();
    let bes = c.backends().count();
    let cns = c.nodes.len() - bes;
    v2_ok(json!({
        "dbCount": c.databases.len(),
        "tableCount": c.databases.iter().map(|d| d.tables.len()).sum::<usize>(),
        "diskUsedCapacity": used,
        "diskAvailableCapacity": 86_019_465_216i64 * bes as i64 - used,
        "diskTotalCapacity": 107_374_182_400i64 * bes as i64,
        "totalBackendNum": bes,
        "aliveBackendNum": bes,
        "totalCnNum": cns,
        "aliveCnNum": cns,
        "totalFeNum": 1,
        "aliveFeNum": 1,
    }))
}

/// `GET /api/v2/catalogs/{catalog}/databases/{db}/tables/{table}/partition?page_num=&page_size=`.
pub async fn partitions(
    Path((catalog, db, table)): Path<(String, String, String)>,
    FeUser { ctx, params: p, .. }: FeUser,
) -> Response {
    if catalog != "default_catalog" {
        return v2_err(400, &format!("Catalog {catalog} is not supported"));
    }
    let page_num = p.int("page_num").unwrap_or(0).max(0) as usize;
    let page_size = p.int("page_size").unwrap_or(100).clamp(1, 1000) as usize;
    let c = lock(&ctx.cluster);
    let Some(t) = c.table(&db, &table) else {
        return v2_err(
            404,
            &format!("Table[{table}] does not exist in database[{db}]"),
        );
    };
    let per = t.rows.len() / t.partitions.len().max(1);
    let items: Vec<Value> = t
        .partitions
        .iter()
        .enumerate()
        .map(|(i, (id, name))| {
            json!({
                "id": id, "name": name, "bucketNum": t.buckets, "hashDistribution": true,
                "visibleVersion": 2 + i, "visibleVersionTime": c.start_ms - 600_000, "nextVersion": 3 + i,
                "isMinPartition": i == 0, "isMaxPartition": i + 1 == t.partitions.len(),
                "rowCount": per, "dataSize": t.data_size() / t.partitions.len().max(1) as i64,
                "tablets": (0..t.buckets as i64).map(|b| json!({"id": t.first_tablet + i as i64 * t.buckets as i64 + b, "primaryComputeNodeId": c.nodes[b as usize % 3].id, "backendIds": [10001, 10002, 10003]})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let total = items.len();
    let page: Vec<Value> = items
        .into_iter()
        .skip(page_num.saturating_mul(page_size))
        .take(page_size)
        .collect();
    v2_ok(
        json!({"pageNum": page_num, "pageSize": page_size, "pages": total.div_ceil(page_size), "total": total, "items": page}),
    )
}

/// `GET /api/v2/catalogs/{catalog}/databases/{db}/tables/{table}/schema`.
pub async fn table_schema(
    Path((catalog, db, table)): Path<(String, String, String)>,
    FeUser { ctx, .. }: FeUser,
) -> Response {
    if catalog != "default_catalog" {
        return v2_err(400, &format!("Catalog {catalog} is not supported"));
    }
    let c = lock(&ctx.cluster);
    let Some(d) = c.db(&db) else {
        return v2_err(404, &format!("Database[{db}] does not exist"));
    };
    let Some(t) = d.tables.iter().find(|t| t.name == table) else {
        return v2_err(
            404,
            &format!("Table[{table}] does not exist in database[{db}]"),
        );
    };
    v2_ok(json!({
        "id": t.id,
        "name": t.name,
        "tableType": "OLAP",
        "keysType": format!("{}_KEYS", t.keys_type),
        "comment": "",
        "createTime": c.start_ms / 1000 - 86_400 * 30,
        "columns": t.columns.iter().enumerate().map(|(i, col)| json!({
            "name": col.name, "type": {"name": col.sr_type, "typeSize": 8, "columnSize": col.len, "decimalDigits": col.decimal.map(|d| d.1)},
            "primitiveType": col.sr_type, "aggregationType": null, "isKey": col.is_key, "isAllowNull": !col.is_key,
            "defaultValue": null, "comment": col.comment, "uniqueId": i,
        })).collect::<Vec<_>>(),
        "indexMetas": [{"indexId": t.id, "indexName": t.name, "schemaVersion": 0, "schemaHash": t.id * 31 % 1_000_000_007, "shortKeyColumnCount": 1, "storageType": "COLUMN", "keysType": format!("{}_KEYS", t.keys_type)}],
        "partitionInfo": {"type": if t.partitions.len() > 1 { "RANGE" } else { "UNPARTITIONED" }},
        "defaultDistributionInfo": {"type": "HASH", "bucketNum": t.buckets, "distributionColumns": t.columns.iter().take(1).map(|c| c.name.clone()).collect::<Vec<_>>()},
        "colocateGroup": null,
        "indexes": [],
        "bfColumns": [],
        "properties": {"replication_num": "3", "compression": "LZ4"},
    }))
}
