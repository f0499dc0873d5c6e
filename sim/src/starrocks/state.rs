//! The simulated StarRocks cluster: 1 FE (leader), 3 BEs, 1 CN, databases with tables and rows,
//! load labels, stream-load transactions, configs and a query history.

use std::collections::BTreeMap;

use crate::config::System;
use crate::rng::Rng;
use crate::runtime::Shared;
use crate::sqlmini::{ColType, Value};

/// A column of a StarRocks table.
#[derive(Clone, Debug)]
pub struct SrColumn {
    /// Name.
    pub name: String,
    /// Type as StarRocks prints it (`INT`, `VARCHAR`, `DECIMAL64`, `DATETIME`).
    pub sr_type: String,
    /// Broad type for the SQL engine and load validation.
    pub ty: ColType,
    /// Column comment.
    pub comment: String,
    /// Part of the key.
    pub is_key: bool,
    /// Precision/scale for decimals.
    pub decimal: Option<(u32, u32)>,
    /// Declared length for varchar/char.
    pub len: Option<u32>,
}

/// A table with its rows.
#[derive(Clone, Debug)]
pub struct SrTable {
    /// Table id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Columns.
    pub columns: Vec<SrColumn>,
    /// Rows.
    pub rows: Vec<Vec<Value>>,
    /// Key model (`DUPLICATE`, `PRIMARY`, `AGGREGATE`, `UNIQUE`).
    pub keys_type: String,
    /// Bucket count.
    pub buckets: u32,
    /// Partition ids and names.
    pub partitions: Vec<(i64, String)>,
    /// First tablet id (tablets are consecutive, `buckets` per partition).
    pub first_tablet: i64,
    /// Average bytes per row used for sizes.
    pub row_bytes: i64,
}

impl SrTable {
    /// Estimated data size in bytes.
    pub fn data_size(&self) -> i64 {
        4096 + self.rows.len() as i64 * self.row_bytes
    }

    /// All tablet ids.
    pub fn tablets(&self) -> Vec<i64> {
        (0..(self.buckets as i64 * self.partitions.len() as i64))
            .map(|i| self.first_tablet + i)
            .collect()
    }
}

/// A database.
#[derive(Clone, Debug)]
pub struct SrDatabase {
    /// Database id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Tables.
    pub tables: Vec<SrTable>,
}

/// A user and whether it holds the admin role.
#[derive(Clone, Debug)]
pub struct SrUser {
    /// Name.
    pub name: String,
    /// Password.
    pub password: String,
    /// Has `db_admin`/`root` role.
    pub admin: bool,
}

/// A backend or compute node.
#[derive(Clone, Debug)]
pub struct SrNode {
    /// Node id.
    pub id: i64,
    /// Role in the port plan (`be1`, `cn1`).
    pub role: &'static str,
    /// Host.
    pub host: String,
    /// HTTP port (the simulator port).
    pub http_port: u16,
    /// Heartbeat port (display only).
    pub heartbeat_port: u16,
    /// BE thrift port (display only).
    pub be_port: u16,
    /// bRPC port (display only).
    pub brpc_port: u16,
    /// Start time (ms).
    pub started_ms: i64,
    /// Rows loaded through this node (feeds its metrics).
    pub loaded_rows: u64,
    /// Bytes loaded through this node.
    pub loaded_bytes: u64,
    /// Runtime-changeable configuration.
    pub config: BTreeMap<String, String>,
}

/// State of a load label.
#[derive(Clone, Debug)]
pub struct LoadLabel {
    /// Database.
    pub db: String,
    /// Table.
    pub table: String,
    /// Transaction id.
    pub txn_id: i64,
    /// `PREPARE`, `PREPARED`, `COMMITTED`, `VISIBLE`, `ABORTED`.
    pub state: String,
    /// Failure reason.
    pub reason: String,
    /// Rows waiting in an open transaction.
    pub pending_rows: Vec<Vec<Value>>,
    /// Rows seen so far in an open transaction (loaded + filtered).
    pub pending_total: u64,
    /// Bytes received so far.
    pub pending_bytes: u64,
    /// Node index the transaction runs on (transactions).
    pub be: usize,
    /// Time the label was created (ms).
    pub created_ms: i64,
    /// Whether this label belongs to the transaction interface.
    pub is_txn: bool,
}

/// One entry of the query history (`/api/query_detail`).
#[derive(Clone, Debug)]
pub struct QueryRecord {
    /// Event time in ns.
    pub event_time_ns: i64,
    /// Query id.
    pub query_id: String,
    /// Start time (ms).
    pub start_ms: i64,
    /// Latency (ms).
    pub latency_ms: i64,
    /// `FINISHED`, `FAILED`, `RUNNING`.
    pub state: String,
    /// Database.
    pub database: String,
    /// SQL text.
    pub sql: String,
    /// User.
    pub user: String,
    /// Rows scanned.
    pub scan_rows: i64,
    /// Rows returned.
    pub return_rows: i64,
    /// Connection id.
    pub conn_id: i64,
}

/// A colocate group (`/api/colocate` and its actions).
#[derive(Debug, Clone)]
pub struct ColocateGroup {
    /// Database id.
    pub db_id: i64,
    /// Group id.
    pub grp_id: i64,
    /// Full name (`<db id>_<name>`).
    pub name: String,
    /// Tables in the group.
    pub tables: Vec<i64>,
    /// Replicas per bucket.
    pub replication_num: usize,
    /// The BE ids of each bucket.
    pub buckets: Vec<Vec<i64>>,
    /// Marked unstable.
    pub unstable: bool,
}

/// The cluster's token (`/check`, `/version`, BE downloads).
pub const TOKEN: &str = "5f2ac8d1-4f0e-4d8e-9d1b-0a0c8f1e3b7d";

/// The journal id of the FE's latest image (`/info`, `/image?version=`).
pub const IMAGE_JOURNAL_ID: i64 = 5000;

/// The whole cluster.
#[derive(Debug)]
pub struct SrCluster {
    /// FE host.
    pub fe_host: String,
    /// FE HTTP port.
    pub fe_http_port: u16,
    /// FE start (ms).
    pub fe_started_ms: i64,
    /// Backends (3) followed by the compute node.
    pub nodes: Vec<SrNode>,
    /// Databases.
    pub databases: Vec<SrDatabase>,
    /// Users.
    pub users: Vec<SrUser>,
    /// Labels by `(db, label)`.
    pub labels: BTreeMap<(String, String), LoadLabel>,
    /// Next transaction id.
    pub next_txn: i64,
    /// Next BE to receive a stream load (round robin).
    pub next_be: usize,
    /// FE configuration.
    pub fe_config: BTreeMap<String, String>,
    /// Query history.
    pub queries: Vec<QueryRecord>,
    /// Load error logs by file name (served by BEs at `/api/_load_error_log`).
    pub error_logs: BTreeMap<String, String>,
    /// Colocate groups.
    pub colocate: Vec<ColocateGroup>,
    /// Next connection id.
    pub next_conn: i64,
    /// Replayed journal id at start.
    pub journal_base: i64,
    /// Random source.
    pub rng: Rng,
    /// Seed.
    pub seed: u64,
    /// Simulation start (ms).
    pub start_ms: i64,
}

/// StarRocks version string.
pub const VERSION: &str = "3.3.5-6d81f75";

fn column(name: &str, sr_type: &str, ty: ColType, is_key: bool, comment: &str) -> SrColumn {
    let decimal = sr_type.strip_prefix("DECIMAL").map(|_| (10, 2));
    let len = (sr_type == "VARCHAR").then_some(65533);
    SrColumn {
        name: name.into(),
        sr_type: sr_type.into(),
        ty,
        comment: comment.into(),
        is_key,
        decimal,
        len,
    }
}

impl SrCluster {
    /// Generates the initial cluster.
    pub fn generate(shared: &Shared) -> SrCluster {
        let mut rng = Rng::new(shared.seed).fork("starrocks");
        let host = shared.plan.host_str();
        let start = shared.clock.start_ms();
        let be_config: BTreeMap<String, String> = [
            ("base_compaction_num_threads_per_disk", "1"),
            ("cumulative_compaction_num_threads_per_disk", "1"),
            ("max_compaction_concurrency", "-1"),
            ("mem_limit", "90%"),
            ("storage_root_path", "/opt/starrocks/be/storage"),
            ("streaming_load_max_mb", "102400"),
            ("tablet_max_versions", "1000"),
            ("update_compaction_num_threads_per_disk", "1"),
            ("write_buffer_size", "104857600"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let mut nodes = Vec::new();
        for (i, role) in ["be1", "be2", "be3", "cn1"].into_iter().enumerate() {
            nodes.push(SrNode {
                id: 10_001 + i as i64,
                role,
                host: host.clone(),
                http_port: shared.plan.must(System::StarRocks, role),
                heartbeat_port: 9050 + i as u16 * 100,
                be_port: 9060 + i as u16 * 100,
                brpc_port: 8060 + i as u16 * 100,
                started_ms: start - 86_400_000 * 2 - i as i64 * 61_000,
                loaded_rows: 0,
                loaded_bytes: 0,
                config: be_config.clone(),
            });
        }
        let fe_config = [
            ("tablet_sched_max_scheduling_tablets", "10000"),
            ("max_routine_load_task_num_per_be", "16"),
            ("enable_statistic_collect", "true"),
            ("max_backend_down_time_second", "3600"),
            ("dynamic_partition_check_interval_seconds", "600"),
            ("http_slow_request_threshold_ms", "5000"),
            ("qe_slow_log_ms", "5000"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let databases = generate_databases(&mut rng, start);
        let queries = generate_queries(&mut rng, start);
        let colocate = databases
            .iter()
            .find_map(|d| d.tables.first().map(|t| (d, t)))
            .map(|(d, t)| ColocateGroup {
                db_id: d.id,
                grp_id: d.id + 900,
                name: format!("{}_g1", d.id),
                tables: vec![t.id],
                replication_num: 1,
                buckets: (0..t.buckets.max(1) as usize)
                    .map(|i| vec![nodes[i % 3].id])
                    .collect(),
                unstable: false,
            })
            .into_iter()
            .collect();
        // The error log of a load that failed before the simulation started.
        let error_logs = [(
            "error_log_insert_stmt_seed_0001".to_string(),
            "Error: Value count does not match column count. Expect 1, but got 2. Row: 7001,7002\n"
                .to_string(),
        )]
        .into_iter()
        .collect();
        SrCluster {
            fe_host: host,
            fe_http_port: shared.plan.must(System::StarRocks, "fe"),
            fe_started_ms: start - 86_400_000 * 2 - 120_000,
            nodes,
            databases,
            users: vec![
                SrUser {
                    name: "root".into(),
                    password: String::new(),
                    admin: true,
                },
                SrUser {
                    name: "admin".into(),
                    password: "admin".into(),
                    admin: true,
                },
                SrUser {
                    name: "viewer".into(),
                    password: "viewer".into(),
                    admin: false,
                },
            ],
            labels: BTreeMap::new(),
            next_txn: 1003,
            next_be: 0,
            fe_config,
            queries,
            error_logs,
            colocate,
            next_conn: 5,
            journal_base: 5321,
            rng,
            seed: shared.seed,
            start_ms: start,
        }
    }

    /// A database by name.
    pub fn db(&self, name: &str) -> Option<&SrDatabase> {
        self.databases.iter().find(|d| d.name == name)
    }

    /// A table by database and table name.
    pub fn table(&self, db: &str, table: &str) -> Option<&SrTable> {
        self.db(db)?.tables.iter().find(|t| t.name == table)
    }

    /// A mutable table.
    pub fn table_mut(&mut self, db: &str, table: &str) -> Option<&mut SrTable> {
        self.databases
            .iter_mut()
            .find(|d| d.name == db)?
            .tables
            .iter_mut()
            .find(|t| t.name == table)
    }

    /// Backends only (not the compute node).
    pub fn backends(&self) -> impl Iterator<Item = &SrNode> {
        self.nodes.iter().filter(|n| n.role.starts_with("be"))
    }

    /// Checks Basic credentials: `Some(is_admin)` when they match a user.
    pub fn authenticate(&self, user: &str, password: &str) -> Option<bool> {
        self.users
            .iter()
            .find(|u| u.name == user && u.password == password)
            .map(|u| u.admin)
    }

    /// Journal id now (grows with time).
    pub fn journal_id(&self, now_ms: i64) -> i64 {
        self.journal_base + (now_ms - self.start_ms).max(0) / 700
    }
}

fn generate_databases(rng: &mut Rng, start: i64) -> Vec<SrDatabase> {
    let mut next_id = 10_100;
    let mut tablet = 20_000;
    let mut id = || {
        next_id += 1;
        next_id
    };
    let mut mk = |rng: &mut Rng,
                  name: &str,
                  keys: &str,
                  columns: Vec<SrColumn>,
                  rows: Vec<Vec<Value>>,
                  parts: usize| {
        let tid = id();
        let buckets = 2 + rng.below(3) as u32;
        let partitions: Vec<(i64, String)> = (0..parts)
            .map(|p| {
                (
                    tid * 10 + p as i64,
                    if parts == 1 {
                        name.to_string()
                    } else {
                        format!("p2025{:02}", p + 1)
                    },
                )
            })
            .collect();
        let first = tablet;
        tablet += buckets as i64 * parts as i64;
        SrTable {
            id: tid,
            name: name.into(),
            columns,
            rows,
            keys_type: keys.into(),
            buckets,
            partitions,
            first_tablet: first,
            row_bytes: 40 + rng.below(60) as i64,
        }
    };

    let cities = [
        "Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Chengdu", "Berlin", "Lisbon", "Austin",
    ];
    let mut customers = Vec::new();
    for i in 1..=200 {
        customers.push(vec![
            Value::Int(i),
            Value::from(format!("customer_{i:04}")),
            Value::from(*rng.pick(&cities)),
            Value::from(crate::timefmt::sr_datetime(
                start - rng.range(1, 400) * 86_400_000,
            )),
        ]);
    }
    let mut orders = Vec::new();
    for i in 1..=1000 {
        orders.push(vec![
            Value::Int(i),
            Value::Int(rng.range(1, 200)),
            Value::Float(rng.range(100, 99_999) as f64 / 100.0),
            Value::from(*rng.pick(&["created", "paid", "shipped", "delivered", "cancelled"])),
            Value::from(crate::timefmt::sr_datetime(
                start - rng.range(1, 90 * 24 * 60) * 60_000,
            )),
        ]);
    }
    let mut events = Vec::new();
    for i in 1..=1500 {
        events.push(vec![
            Value::from(crate::timefmt::sr_datetime(
                start - rng.range(1, 7 * 24 * 3600) * 1000,
            )),
            Value::Int(i),
            Value::from(*rng.pick(&["view", "click", "purchase", "signup"])),
            Value::from(format!("user_{}", rng.range(1, 500))),
        ]);
    }
    let demo = SrDatabase {
        id: 10_050,
        name: "demo".into(),
        tables: vec![
            mk(
                rng,
                "customers",
                "PRIMARY",
                vec![
                    column("id", "BIGINT", ColType::Int, true, ""),
                    column("name", "VARCHAR", ColType::Text, false, "display name"),
                    column("city", "VARCHAR", ColType::Text, false, ""),
                    column("created_at", "DATETIME", ColType::Timestamp, false, ""),
                ],
                customers,
                1,
            ),
            mk(
                rng,
                "events",
                "DUPLICATE",
                vec![
                    column("event_time", "DATETIME", ColType::Timestamp, true, ""),
                    column("event_id", "BIGINT", ColType::Int, true, ""),
                    column("event_type", "VARCHAR", ColType::Text, false, ""),
                    column("user_id", "VARCHAR", ColType::Text, false, ""),
                ],
                events,
                3,
            ),
            mk(
                rng,
                "orders",
                "DUPLICATE",
                vec![
                    column("id", "INT", ColType::Int, true, ""),
                    column("customer_id", "INT", ColType::Int, false, ""),
                    column("price", "DECIMAL64", ColType::Float, false, "price"),
                    column("status", "VARCHAR", ColType::Text, false, ""),
                    column("created_at", "DATETIME", ColType::Timestamp, false, ""),
                ],
                orders,
                3,
            ),
            mk(
                rng,
                "t",
                "DUPLICATE",
                vec![column("id", "INT", ColType::Int, true, "")],
                (1..=10).map(|i| vec![Value::Int(i)]).collect(),
                1,
            ),
        ],
    };
    let mut lineorder = Vec::new();
    for i in 1..=600 {
        lineorder.push(vec![
            Value::Int(i),
            Value::Int(rng.range(1, 7)),
            Value::Int(rng.range(1, 200)),
            Value::Int(rng.range(1, 50)),
            Value::Float(rng.range(1_000, 5_000_000) as f64 / 100.0),
        ]);
    }
    let ssb = SrDatabase {
        id: 10_051,
        name: "ssb".into(),
        tables: vec![mk(
            rng,
            "lineorder",
            "DUPLICATE",
            vec![
                column("lo_orderkey", "BIGINT", ColType::Int, true, ""),
                column("lo_linenumber", "INT", ColType::Int, true, ""),
                column("lo_custkey", "INT", ColType::Int, false, ""),
                column("lo_quantity", "INT", ColType::Int, false, ""),
                column("lo_revenue", "DECIMAL64", ColType::Float, false, ""),
            ],
            lineorder,
            2,
        )],
    };
    let stats = SrDatabase {
        id: 10_052,
        name: "_statistics_".into(),
        tables: vec![mk(
            rng,
            "column_statistics",
            "PRIMARY",
            vec![
                column("table_id", "BIGINT", ColType::Int, true, ""),
                column("column_name", "VARCHAR", ColType::Text, true, ""),
                column("row_count", "BIGINT", ColType::Int, false, ""),
            ],
            vec![],
            1,
        )],
    };
    vec![demo, ssb, stats]
}

fn generate_queries(rng: &mut Rng, start: i64) -> Vec<QueryRecord> {
    let sqls = [
        ("demo", "select count(*) from orders"),
        (
            "demo",
            "select status, sum(price) from orders group by status",
        ),
        (
            "demo",
            "select * from customers where city = 'Berlin' limit 20",
        ),
        (
            "ssb",
            "select lo_quantity, sum(lo_revenue) from lineorder group by lo_quantity",
        ),
        (
            "demo",
            "select event_type, count(*) from events group by event_type",
        ),
    ];
    let mut out = Vec::new();
    for i in 0..40 {
        let (db, sql) = sqls[rng.below(sqls.len() as u64) as usize];
        let s = start - (40 - i) * 45_000 - rng.range(0, 20_000);
        let latency = rng.range(3, 900);
        out.push(QueryRecord {
            event_time_ns: (s + latency) * 1_000_000 + rng.range(0, 999_999),
            query_id: rng.uuid(),
            start_ms: s,
            latency_ms: latency,
            state: if rng.chance(0.06) {
                "FAILED".into()
            } else {
                "FINISHED".into()
            },
            database: db.into(),
            sql: sql.into(),
            user: if rng.chance(0.7) {
                "root".into()
            } else {
                "admin".into()
            },
            scan_rows: rng.range(10, 100_000),
            return_rows: rng.range(1, 200),
            conn_id: 1 + i % 12,
        });
    }
    out
}
