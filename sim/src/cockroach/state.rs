//! The simulated CockroachDB cluster: nodes, ranges, SQL sessions, schema with rows, events,
//! users and API (web) sessions.

use std::collections::BTreeMap;

use serde_json::json;

use crate::rng::Rng;
use crate::runtime::Shared;
use crate::sqlmini::{ColType, Value};
use crate::timefmt::rfc3339_nanos;

/// A user; `admin` users may call admin-only endpoints.
#[derive(Clone, Debug)]
pub struct User {
    /// Login name.
    pub name: String,
    /// Password (`None` = cannot log in to the API).
    pub password: Option<String>,
    /// Has the admin role.
    pub admin: bool,
}

/// A node of the cluster.
#[derive(Clone, Debug)]
pub struct Node {
    /// Node id (1..=3).
    pub id: i64,
    /// Region locality.
    pub region: String,
    /// Zone locality.
    pub zone: String,
    /// Start time in nanoseconds.
    pub started_at_ns: i64,
    /// Advertised SQL address.
    pub sql_address: String,
    /// HTTP address (the simulator port).
    pub http_address: String,
}

/// A range and where its replicas live.
#[derive(Clone, Debug)]
pub struct Range {
    /// Range id.
    pub id: i64,
    /// Raw start key.
    pub start_key: Vec<u8>,
    /// Raw end key.
    pub end_key: Vec<u8>,
    /// Pretty start key (`/Table/106`).
    pub start_pretty: String,
    /// Pretty end key.
    pub end_pretty: String,
    /// Nodes holding replicas (store id = node id).
    pub replicas: Vec<i64>,
    /// Leaseholder node.
    pub leaseholder: i64,
    /// Database (empty for system ranges).
    pub database: String,
    /// Table (empty for system ranges).
    pub table: String,
    /// Index name.
    pub index: String,
    /// Base queries per second (wanders with time).
    pub qps: f64,
    /// Lease start (ns).
    pub lease_start_ns: i64,
}

/// A SQL session on one node.
#[derive(Clone, Debug)]
pub struct SqlSession {
    /// Node the session is connected to.
    pub node_id: i64,
    /// SQL user.
    pub username: String,
    /// Client address.
    pub client_address: String,
    /// `application_name`.
    pub application_name: String,
    /// Session start (ns).
    pub start_ns: i64,
    /// 16-byte session id.
    pub id: Vec<u8>,
    /// Last statement.
    pub last_query: String,
    /// Running statement and its start (ns), if any.
    pub active_query: Option<(String, i64)>,
    /// Memory in use.
    pub alloc_bytes: i64,
    /// Whether a transaction is open.
    pub in_txn: bool,
}

/// A column of a table.
#[derive(Clone, Debug)]
pub struct TableColumn {
    /// Name.
    pub name: String,
    /// Declared SQL type (`UUID`, `STRING`, `DECIMAL`, ...).
    pub sql_type: String,
    /// Broad type for the SQL engine.
    pub ty: ColType,
    /// Nullable.
    pub nullable: bool,
    /// Default expression.
    pub default: Option<String>,
}

/// A table with its rows.
#[derive(Clone, Debug)]
pub struct CrdbTable {
    /// Schema (`public`).
    pub schema: String,
    /// Table name.
    pub name: String,
    /// Descriptor id.
    pub id: i64,
    /// Columns; the first is the primary key.
    pub columns: Vec<TableColumn>,
    /// Rows.
    pub rows: Vec<Vec<Value>>,
    /// Secondary index names.
    pub indexes: Vec<(String, String)>,
}

/// A database.
#[derive(Clone, Debug)]
pub struct Database {
    /// Name.
    pub name: String,
    /// Descriptor id.
    pub id: i64,
    /// Tables.
    pub tables: Vec<CrdbTable>,
    /// Grants: user -> privileges.
    pub grants: Vec<(String, Vec<String>)>,
}

/// An event from `system.eventlog`.
#[derive(Clone, Debug)]
pub struct Event {
    /// Time (ns).
    pub ts_ns: i64,
    /// Event type (`create_table`, `node_join`, ...).
    pub event_type: String,
    /// Target descriptor or node id.
    pub target_id: i64,
    /// Reporting node.
    pub reporting_id: i64,
    /// JSON payload as text.
    pub info: String,
    /// Unique id bytes.
    pub unique_id: Vec<u8>,
}

/// An API login session.
#[derive(Clone, Debug)]
pub struct WebSession {
    /// User it belongs to.
    pub user: String,
    /// Secret bytes that must match.
    pub secret: Vec<u8>,
    /// Revoked by logout.
    pub revoked: bool,
}

/// Everything the three nodes share.
#[derive(Debug)]
pub struct CrdbCluster {
    /// Nodes.
    pub nodes: Vec<Node>,
    /// Ranges in key order.
    pub ranges: Vec<Range>,
    /// SQL sessions.
    pub sessions: Vec<SqlSession>,
    /// Databases.
    pub databases: Vec<Database>,
    /// Events, oldest first.
    pub events: Vec<Event>,
    /// Users.
    pub users: Vec<User>,
    /// API sessions by id.
    pub web_sessions: BTreeMap<i64, WebSession>,
    /// Next API session id.
    pub next_web_session: i64,
    /// Next descriptor id.
    pub next_descriptor: i64,
    /// Random source for new ids.
    pub rng: Rng,
    /// Seed (for wandering metrics).
    pub seed: u64,
    /// Simulated start (ns).
    pub start_ns: i64,
}

/// Cockroach's ordered key encoding of a table prefix (`/Table/N`).
pub fn table_key(id: i64) -> Vec<u8> {
    if id <= 109 {
        vec![(0x88 + id) as u8]
    } else if id <= 0xff {
        vec![0xf6, id as u8]
    } else {
        vec![0xf7, (id >> 8) as u8, id as u8]
    }
}

fn uuid_value(rng: &mut Rng) -> Value {
    Value::Str(rng.uuid())
}

fn col(name: &str, sql_type: &str, ty: ColType, nullable: bool) -> TableColumn {
    TableColumn { name: name.into(), sql_type: sql_type.into(), ty, nullable, default: None }
}

const CITIES: [&str; 9] =
    ["amsterdam", "boston", "los angeles", "new york", "paris", "rome", "san francisco", "seattle", "washington dc"];
const FIRST: [&str; 12] = ["Ada", "Brian", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal", "Lena"];
const LAST: [&str; 10] = ["Smith", "Garcia", "Chen", "Novak", "Okafor", "Rossi", "Tanaka", "Weber", "Silva", "Kowalski"];

impl CrdbCluster {
    /// Generates the initial cluster from the seed.
    pub fn generate(shared: &Shared) -> CrdbCluster {
        let mut rng = Rng::new(shared.seed).fork("cockroach");
        let start_ns = shared.clock.start_ms() * 1_000_000;
        let host = shared.plan.host_str();
        let regions = [("us-east1", "us-east1-b"), ("us-east1", "us-east1-c"), ("us-west1", "us-west1-a")];
        let nodes: Vec<Node> = (1..=3)
            .map(|id| Node {
                id,
                region: regions[(id - 1) as usize].0.into(),
                zone: regions[(id - 1) as usize].1.into(),
                started_at_ns: start_ns - 86_400_000_000_000 * 3 + id * 1_234_567_891,
                sql_address: format!("{host}:{}", 26256 + id),
                http_address: shared.plan.host_port(crate::config::System::Cockroach, &format!("node{id}")),
            })
            .collect();

        let users = vec![
            User { name: "admin".into(), password: None, admin: true },
            User { name: "demo".into(), password: Some("demo".into()), admin: true },
            User { name: "root".into(), password: Some("root".into()), admin: true },
            User { name: "viewer".into(), password: Some("viewer".into()), admin: false },
        ];

        let databases = generate_databases(&mut rng, start_ns);
        let ranges = generate_ranges(&mut rng, &databases, start_ns);
        let sessions = generate_sessions(&mut rng, start_ns);
        let events = generate_events(&mut rng, &databases, start_ns);
        let next_descriptor = databases.iter().flat_map(|d| std::iter::once(d.id).chain(d.tables.iter().map(|t| t.id))).max().unwrap_or(200) + 1;
        CrdbCluster {
            nodes,
            ranges,
            sessions,
            databases,
            events,
            users,
            web_sessions: BTreeMap::new(),
            next_web_session: 918_273_645_102_938_112,
            next_descriptor,
            rng,
            seed: shared.seed,
            start_ns,
        }
    }

    /// A database by name (case-insensitive).
    pub fn database(&self, name: &str) -> Option<&Database> {
        self.databases.iter().find(|d| d.name.eq_ignore_ascii_case(name))
    }

    /// A user by name.
    pub fn user(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.name.eq_ignore_ascii_case(name))
    }

    /// Adds an event to the log.
    pub fn log_event(&mut self, ts_ns: i64, event_type: &str, target_id: i64, reporting_id: i64, info: serde_json::Value) {
        let unique_id = self.rng.bytes(16);
        self.events.push(Event { ts_ns, event_type: event_type.into(), target_id, reporting_id, info: info.to_string(), unique_id });
    }
}

fn generate_databases(rng: &mut Rng, start_ns: i64) -> Vec<Database> {
    let admin_grants = |extra: &[(&str, &[&str])]| -> Vec<(String, Vec<String>)> {
        let mut g: Vec<(String, Vec<String>)> =
            vec![("admin".into(), vec!["ALL".into()]), ("root".into(), vec!["ALL".into()])];
        for (u, p) in extra {
            g.push((u.to_string(), p.iter().map(|s| s.to_string()).collect()));
        }
        g
    };

    // movr
    let mut users = CrdbTable {
        schema: "public".into(),
        name: "users".into(),
        id: 106,
        columns: vec![
            col("id", "UUID", ColType::Uuid, false),
            col("city", "VARCHAR", ColType::Text, false),
            col("name", "VARCHAR", ColType::Text, true),
            col("address", "VARCHAR", ColType::Text, true),
            col("credit_card", "VARCHAR", ColType::Text, true),
        ],
        rows: vec![],
        indexes: vec![],
    };
    for i in 0..60 {
        let name = format!("{} {}", rng.pick(&FIRST), rng.pick(&LAST));
        users.rows.push(vec![
            uuid_value(rng),
            Value::from(CITIES[i % CITIES.len()]),
            Value::from(name),
            Value::from(format!("{} {} Street", rng.range(1, 9999), rng.pick(&LAST))),
            Value::from(rng.range(1_000_000_000, 9_999_999_999).to_string()),
        ]);
    }
    let mut vehicles = CrdbTable {
        schema: "public".into(),
        name: "vehicles".into(),
        id: 107,
        columns: vec![
            col("id", "UUID", ColType::Uuid, false),
            col("city", "VARCHAR", ColType::Text, false),
            col("type", "VARCHAR", ColType::Text, true),
            col("owner_id", "UUID", ColType::Uuid, true),
            col("creation_time", "TIMESTAMP", ColType::Timestamp, true),
            col("status", "VARCHAR", ColType::Text, true),
            col("current_location", "VARCHAR", ColType::Text, true),
            col("ext", "JSONB", ColType::Json, true),
        ],
        rows: vec![],
        indexes: vec![("vehicles_auto_index_fk_city_ref_users".into(), "owner_id".into())],
    };
    for i in 0..40 {
        let owner = users.rows[rng.below(users.rows.len() as u64) as usize][0].clone();
        let kind = *rng.pick(&["skateboard", "bike", "scooter"]);
        vehicles.rows.push(vec![
            uuid_value(rng),
            Value::from(CITIES[i % CITIES.len()]),
            Value::from(kind),
            owner,
            Value::from(rfc3339_nanos(start_ns - rng.range(1, 400) * 86_400_000_000_000)),
            Value::from(*rng.pick(&["available", "in_use", "lost"])),
            Value::from(format!("{} {} Avenue", rng.range(1, 9999), rng.pick(&LAST))),
            Value::from(json!({"color": rng.pick(&["red", "blue", "green", "black", "yellow"]), "brand": rng.pick(&["Merida", "Pinarello", "Schwinn", "Kona"])}).to_string()),
        ]);
    }
    let mut rides = CrdbTable {
        schema: "public".into(),
        name: "rides".into(),
        id: 108,
        columns: vec![
            col("id", "UUID", ColType::Uuid, false),
            col("city", "VARCHAR", ColType::Text, false),
            col("vehicle_city", "VARCHAR", ColType::Text, true),
            col("rider_id", "UUID", ColType::Uuid, true),
            col("vehicle_id", "UUID", ColType::Uuid, true),
            col("start_address", "VARCHAR", ColType::Text, true),
            col("end_address", "VARCHAR", ColType::Text, true),
            col("start_time", "TIMESTAMP", ColType::Timestamp, true),
            col("end_time", "TIMESTAMP", ColType::Timestamp, true),
            col("revenue", "DECIMAL(10,2)", ColType::Float, true),
        ],
        rows: vec![],
        indexes: vec![
            ("rides_auto_index_fk_city_ref_users".into(), "rider_id".into()),
            ("rides_auto_index_fk_vehicle_city_ref_vehicles".into(), "vehicle_id".into()),
        ],
    };
    for _ in 0..250 {
        let v = &vehicles.rows[rng.below(vehicles.rows.len() as u64) as usize];
        let rider = users.rows[rng.below(users.rows.len() as u64) as usize][0].clone();
        let start = start_ns - rng.range(1, 60 * 24 * 30) * 60_000_000_000;
        rides.rows.push(vec![
            uuid_value(rng),
            v[1].clone(),
            v[1].clone(),
            rider,
            v[0].clone(),
            Value::from(format!("{} {} Road", rng.range(1, 9999), rng.pick(&LAST))),
            Value::from(format!("{} {} Road", rng.range(1, 9999), rng.pick(&LAST))),
            Value::from(rfc3339_nanos(start)),
            Value::from(rfc3339_nanos(start + rng.range(3, 90) * 60_000_000_000)),
            Value::Float(rng.range(100, 9_900) as f64 / 100.0),
        ]);
    }
    let mut promo = CrdbTable {
        schema: "public".into(),
        name: "promo_codes".into(),
        id: 109,
        columns: vec![
            col("code", "VARCHAR", ColType::Text, false),
            col("description", "VARCHAR", ColType::Text, true),
            col("creation_time", "TIMESTAMP", ColType::Timestamp, true),
            col("expiration_time", "TIMESTAMP", ColType::Timestamp, true),
            col("rules", "JSONB", ColType::Json, true),
        ],
        rows: vec![],
        indexes: vec![],
    };
    for i in 0..25 {
        let created = start_ns - rng.range(10, 300) * 86_400_000_000_000;
        promo.rows.push(vec![
            Value::from(format!("{}_{}_{}", rng.letters(4), i, rng.letters(5))),
            Value::from(format!("{} percent off your next {} rides", rng.range(5, 50), rng.range(1, 10))),
            Value::from(rfc3339_nanos(created)),
            Value::from(rfc3339_nanos(created + 90 * 86_400_000_000_000)),
            Value::from(json!({"type": "percent_discount", "value": format!("{}%", rng.range(5, 50))}).to_string()),
        ]);
    }
    let movr = Database {
        name: "movr".into(),
        id: 104,
        tables: vec![promo, rides, users, vehicles],
        grants: admin_grants(&[("demo", &["ALL"]), ("viewer", &["CONNECT"])]),
    };

    // bank
    let mut accounts = CrdbTable {
        schema: "public".into(),
        name: "accounts".into(),
        id: 111,
        columns: vec![
            col("id", "INT8", ColType::Int, false),
            col("balance", "DECIMAL", ColType::Float, false),
            col("owner", "STRING", ColType::Text, true),
        ],
        rows: vec![],
        indexes: vec![],
    };
    for i in 1..=120 {
        accounts.rows.push(vec![
            Value::Int(i),
            Value::Float(rng.range(0, 5_000_000) as f64 / 100.0),
            Value::from(format!("{} {}", rng.pick(&FIRST), rng.pick(&LAST))),
        ]);
    }
    let mut transfers = CrdbTable {
        schema: "public".into(),
        name: "transfers".into(),
        id: 112,
        columns: vec![
            col("id", "UUID", ColType::Uuid, false),
            col("from_id", "INT8", ColType::Int, false),
            col("to_id", "INT8", ColType::Int, false),
            col("amount", "DECIMAL", ColType::Float, false),
            col("created_at", "TIMESTAMPTZ", ColType::Timestamp, false),
        ],
        rows: vec![],
        indexes: vec![("transfers_created_at_idx".into(), "created_at".into())],
    };
    for _ in 0..300 {
        transfers.rows.push(vec![
            uuid_value(rng),
            Value::Int(rng.range(1, 120)),
            Value::Int(rng.range(1, 120)),
            Value::Float(rng.range(100, 500_000) as f64 / 100.0),
            Value::from(rfc3339_nanos(start_ns - rng.range(1, 86_400 * 7) * 1_000_000_000)),
        ]);
    }
    let bank = Database {
        name: "bank".into(),
        id: 110,
        tables: vec![accounts, transfers],
        grants: admin_grants(&[("demo", &["ALL"])]),
    };

    let mut sys_users = CrdbTable {
        schema: "public".into(),
        name: "users".into(),
        id: 4,
        columns: vec![
            col("username", "STRING", ColType::Text, false),
            col("hashedPassword", "BYTES", ColType::Text, true),
            col("isRole", "BOOL", ColType::Bool, false),
            col("user_id", "OID", ColType::Int, false),
        ],
        rows: vec![],
        indexes: vec![],
    };
    for (i, (name, role)) in [("admin", true), ("demo", false), ("root", false), ("viewer", false)].iter().enumerate() {
        sys_users.rows.push(vec![Value::from(*name), Value::Null, Value::Bool(*role), Value::Int([2, 100, 1, 101][i])]);
    }
    let mut settings = CrdbTable {
        schema: "public".into(),
        name: "settings".into(),
        id: 6,
        columns: vec![
            col("name", "STRING", ColType::Text, false),
            col("value", "STRING", ColType::Text, false),
            col("lastUpdated", "TIMESTAMP", ColType::Timestamp, false),
            col("valueType", "STRING", ColType::Text, true),
        ],
        rows: vec![],
        indexes: vec![],
    };
    for (n, v, t) in [
        ("version", "24.3", "m"),
        ("cluster.organization", "Switchboard Demo", "s"),
        ("diagnostics.reporting.enabled", "false", "b"),
        ("kv.rangefeed.enabled", "true", "b"),
        ("sql.stats.automatic_collection.enabled", "true", "b"),
    ] {
        settings.rows.push(vec![Value::from(n), Value::from(v), Value::from(rfc3339_nanos(start_ns - 86_400_000_000_000)), Value::from(t)]);
    }
    let system = Database {
        name: "system".into(),
        id: 1,
        tables: vec![settings, sys_users],
        grants: vec![("admin".into(), vec!["CONNECT".into()]), ("root".into(), vec!["CONNECT".into()])],
    };
    vec![
        bank,
        Database { name: "defaultdb".into(), id: 100, tables: vec![], grants: admin_grants(&[("public", &["CONNECT"])]) },
        movr,
        Database { name: "postgres".into(), id: 102, tables: vec![], grants: admin_grants(&[("public", &["CONNECT"])]) },
        system,
    ]
}

const SYSTEM_SPANS: [(&str, &str); 12] = [
    ("/Min", "/System/NodeLiveness"),
    ("/System/NodeLiveness", "/System/NodeLivenessMax"),
    ("/System/NodeLivenessMax", "/System/tsd"),
    ("/System/tsd", "/System/\"tse\""),
    ("/System/\"tse\"", "/Table/0"),
    ("/Table/0", "/Table/3"),
    ("/Table/3", "/Table/4"),
    ("/Table/4", "/Table/5"),
    ("/Table/5", "/Table/6"),
    ("/Table/6", "/Table/7"),
    ("/Table/7", "/Table/8"),
    ("/Table/8", "/Table/11"),
];

fn generate_ranges(rng: &mut Rng, databases: &[Database], start_ns: i64) -> Vec<Range> {
    let mut ranges = Vec::new();
    let mut id = 1;
    for (i, (s, e)) in SYSTEM_SPANS.iter().enumerate() {
        ranges.push(Range {
            id,
            start_key: if i == 0 { vec![] } else { vec![0x04, i as u8] },
            end_key: vec![0x04, (i + 1) as u8],
            start_pretty: s.to_string(),
            end_pretty: e.to_string(),
            replicas: vec![1, 2, 3],
            leaseholder: (id % 3) + 1,
            database: String::new(),
            table: String::new(),
            index: String::new(),
            qps: rng.range(1, 40) as f64 / 3.0,
            lease_start_ns: start_ns - rng.range(60, 86_400) * 1_000_000_000,
        });
        id += 1;
    }
    // System tables 11..=60, one range each.
    for t in 11..=60 {
        ranges.push(Range {
            id,
            start_key: table_key(t),
            end_key: table_key(t + 1),
            start_pretty: format!("/Table/{t}"),
            end_pretty: format!("/Table/{}", t + 1),
            replicas: vec![1, 2, 3],
            leaseholder: (id % 3) + 1,
            database: "system".into(),
            table: format!("table_{t}"),
            index: "primary".into(),
            qps: rng.range(0, 20) as f64 / 4.0,
            lease_start_ns: start_ns - rng.range(60, 86_400) * 1_000_000_000,
        });
        id += 1;
    }
    for db in databases.iter().filter(|d| d.name != "system") {
        for table in &db.tables {
            let splits = 2 + rng.below(5) as i64;
            for s in 0..splits {
                let mut start_key = table_key(table.id);
                start_key.extend([0x89, (s * 37) as u8]);
                let mut end_key = table_key(table.id);
                end_key.extend([0x89, ((s + 1) * 37) as u8]);
                let replicas = match rng.below(4) {
                    0 => vec![1, 2],
                    1 => vec![2, 3],
                    _ => vec![1, 2, 3],
                };
                let leaseholder = *rng.pick(&replicas);
                ranges.push(Range {
                    id,
                    start_key,
                    end_key,
                    start_pretty: format!("/Table/{}/1/{}", table.id, s * 37),
                    end_pretty: format!("/Table/{}/1/{}", table.id, (s + 1) * 37),
                    replicas,
                    leaseholder,
                    database: db.name.clone(),
                    table: table.name.clone(),
                    index: format!("{}_pkey", table.name),
                    qps: rng.range(5, 800) as f64 / 4.0,
                    lease_start_ns: start_ns - rng.range(60, 86_400) * 1_000_000_000,
                });
                id += 1;
            }
        }
    }
    ranges
}

fn generate_sessions(rng: &mut Rng, start_ns: i64) -> Vec<SqlSession> {
    let apps = ["movr", "bank-app", "$ cockroach sql", "switchboard", "metabase", "$ internal-sql-stats"];
    let queries = [
        "SELECT * FROM movr.rides WHERE city = $1 LIMIT 10",
        "UPDATE bank.accounts SET balance = balance - $1 WHERE id = $2",
        "INSERT INTO movr.rides VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        "SELECT count(*) FROM movr.vehicles WHERE status = 'available'",
        "SHOW DATABASES",
        "SELECT id, balance FROM bank.accounts ORDER BY balance DESC LIMIT 5",
    ];
    let mut out = Vec::new();
    for i in 0..27 {
        let node_id = (i % 3) + 1;
        let app = apps[(i as usize * 7 + 3) % apps.len()];
        let user = match app {
            "$ cockroach sql" => "root",
            "$ internal-sql-stats" => "node",
            "metabase" => "viewer",
            _ => "demo",
        };
        let started = start_ns - rng.range(5, 7_200) * 1_000_000_000;
        let active = rng.chance(0.35).then(|| (queries[rng.below(queries.len() as u64) as usize].to_string(), start_ns - rng.range(0, 4_000) * 1_000_000));
        out.push(SqlSession {
            node_id,
            username: user.into(),
            client_address: format!("10.0.{}.{}:{}", node_id, rng.range(2, 250), rng.range(40_000, 60_000)),
            application_name: app.into(),
            start_ns: started,
            id: rng.bytes(16),
            last_query: queries[rng.below(queries.len() as u64) as usize].into(),
            active_query: active,
            alloc_bytes: rng.range(10, 400) * 1024,
            in_txn: rng.chance(0.2),
        });
    }
    out.sort_by_key(|s| (s.node_id, s.start_ns));
    out
}

fn generate_events(rng: &mut Rng, databases: &[Database], start_ns: i64) -> Vec<Event> {
    let mut events = Vec::new();
    let mut t = start_ns - 3 * 86_400_000_000_000;
    for node in 1..=3 {
        t += rng.range(1, 30) * 1_000_000_000;
        events.push(Event {
            ts_ns: t,
            event_type: "node_join".into(),
            target_id: node,
            reporting_id: node,
            info: json!({"EventType": "node_join", "NodeID": node, "StartedAt": t, "LastUp": t}).to_string(),
            unique_id: rng.bytes(16),
        });
    }
    for db in databases.iter().filter(|d| !["system", "defaultdb", "postgres"].contains(&d.name.as_str())) {
        t += rng.range(60, 3_600) * 1_000_000_000;
        events.push(Event {
            ts_ns: t,
            event_type: "create_database".into(),
            target_id: db.id,
            reporting_id: 1,
            info: json!({"EventType": "create_database", "Statement": format!("CREATE DATABASE {}", db.name), "Tag": "CREATE DATABASE", "User": "root", "DescriptorID": db.id, "DatabaseName": db.name}).to_string(),
            unique_id: rng.bytes(16),
        });
        for table in &db.tables {
            t += rng.range(1, 120) * 1_000_000_000;
            events.push(Event {
                ts_ns: t,
                event_type: "create_table".into(),
                target_id: table.id,
                reporting_id: rng.range(1, 3),
                info: json!({"EventType": "create_table", "Statement": format!("CREATE TABLE {}.public.{} (...)", db.name, table.name), "Tag": "CREATE TABLE", "User": "root", "DescriptorID": table.id, "TableName": format!("{}.public.{}", db.name, table.name)}).to_string(),
                unique_id: rng.bytes(16),
            });
        }
    }
    for (setting, value) in [("kv.rangefeed.enabled", "true"), ("sql.stats.automatic_collection.enabled", "true"), ("server.time_until_store_dead", "5m0s")] {
        t += rng.range(600, 20_000) * 1_000_000_000;
        events.push(Event {
            ts_ns: t,
            event_type: "set_cluster_setting".into(),
            target_id: 0,
            reporting_id: 1,
            info: json!({"EventType": "set_cluster_setting", "Statement": format!("SET CLUSTER SETTING {setting} = {value}"), "Tag": "SET CLUSTER SETTING", "User": "root", "SettingName": setting, "Value": value}).to_string(),
            unique_id: rng.bytes(16),
        });
    }
    for user in ["demo", "viewer"] {
        t += rng.range(60, 600) * 1_000_000_000;
        events.push(Event {
            ts_ns: t,
            event_type: "create_role".into(),
            target_id: 0,
            reporting_id: 1,
            info: json!({"EventType": "create_role", "Statement": format!("CREATE USER {user} WITH PASSWORD '*****'"), "Tag": "CREATE ROLE", "User": "root", "RoleName": user}).to_string(),
            unique_id: rng.bytes(16),
        });
    }
    events.sort_by_key(|e| e.ts_ns);
    events
}
