//! Initial CockroachDB data: schema with rows, ranges, SQL sessions and events.

use serde_json::json;

use super::state::{table_key, CrdbTable, Database, Event, Range, SqlSession, TableColumn};
use crate::rng::Rng;
use crate::sqlmini::{ColType, Value};
use crate::timefmt::rfc3339_nanos;

fn uuid_value(rng: &mut Rng) -> Value {
    Value::Str(rng.uuid())
}

fn col(name: &str, sql_type: &str, ty: ColType, nullable: bool) -> TableColumn {
    TableColumn {
        name: name.into(),
        sql_type: sql_type.into(),
        ty,
        nullable,
        default: None,
    }
}

const CITIES: [&str; 9] = [
    "amsterdam",
    "boston",
    "los angeles",
    "new york",
    "paris",
    "rome",
    "san francisco",
    "seattle",
    "washington dc",
];
const FIRST: [&str; 12] = [
    "Ada", "Brian", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal",
    "Lena",
];
const LAST: [&str; 10] = [
    "Smith", "Garcia", "Chen", "Novak", "Okafor", "Rossi", "Tanaka", "Weber", "Silva", "Kowalski",
];

/// The databases with their tables and rows.
pub fn generate_databases(rng: &mut Rng, start_ns: i64) -> Vec<Database> {
    let admin_grants = |extra: &[(&str, &[&str])]| -> Vec<(String, Vec<String>)> {
        let mut g: Vec<(String, Vec<String>)> = vec![
            ("admin".into(), vec!["ALL".into()]),
            ("root".into(), vec!["ALL".into()]),
        ];
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
        indexes: vec![(
            "vehicles_auto_index_fk_city_ref_users".into(),
            "owner_id".into(),
        )],
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
            (
                "rides_auto_index_fk_city_ref_users".into(),
                "rider_id".into(),
            ),
            (
                "rides_auto_index_fk_vehicle_city_ref_vehicles".into(),
                "vehicle_id".into(),
            ),
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
            Value::from(format!(
                "{} percent off your next {} rides",
                rng.range(5, 50),
                rng.range(1, 10)
            )),
            Value::from(rfc3339_nanos(created)),
            Value::from(rfc3339_nanos(created + 90 * 86_400_000_000_000)),
            Value::from(
                json!({"type": "percent_discount", "value": format!("{}%", rng.range(5, 50))})
                    .to_string(),
            ),
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
            Value::from(rfc3339_nanos(
                start_ns - rng.range(1, 86_400 * 7) * 1_000_000_000,
            )),
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
    for (i, (name, role)) in [
        ("admin", true),
        ("demo", false),
        ("root", false),
        ("viewer", false),
    ]
    .iter()
    .enumerate()
    {
        sys_users.rows.push(vec![
            Value::from(*name),
            Value::Null,
            Value::Bool(*role),
            Value::Int([2, 100, 1, 101][i]),
        ]);
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
        settings.rows.push(vec![
            Value::from(n),
            Value::from(v),
            Value::from(rfc3339_nanos(start_ns - 86_400_000_000_000)),
            Value::from(t),
        ]);
    }
    let system = Database {
        name: "system".into(),
        id: 1,
        tables: vec![settings, sys_users],
        grants: vec![
            ("admin".into(), vec!["CONNECT".into()]),
            ("root".into(), vec!["CONNECT".into()]),
        ],
    };
    vec![
        bank,
        Database {
            name: "defaultdb".into(),
            id: 100,
            tables: vec![],
            grants: admin_grants(&[("public", &["CONNECT"])]),
        },
        movr,
        Database {
            name: "postgres".into(),
            id: 102,
            tables: vec![],
            grants: admin_grants(&[("public", &["CONNECT"])]),
        },
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

/// Ranges of the system keyspace and of every table.
pub fn generate_ranges(rng: &mut Rng, databases: &[Database], start_ns: i64) -> Vec<Range> {
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

/// SQL sessions spread over the nodes.
pub fn generate_sessions(rng: &mut Rng, start_ns: i64) -> Vec<SqlSession> {
    let apps = [
        "movr",
        "bank-app",
        "$ cockroach sql",
        "switchboard",
        "metabase",
        "$ internal-sql-stats",
    ];
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
        let active = rng.chance(0.35).then(|| {
            (
                queries[rng.below(queries.len() as u64) as usize].to_string(),
                start_ns - rng.range(0, 4_000) * 1_000_000,
            )
        });
        out.push(SqlSession {
            node_id,
            username: user.into(),
            client_address: format!(
                "10.0.{}.{}:{}",
                node_id,
                rng.range(2, 250),
                rng.range(40_000, 60_000)
            ),
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

/// The event log.
pub fn generate_events(rng: &mut Rng, databases: &[Database], start_ns: i64) -> Vec<Event> {
    let mut events = Vec::new();
    let mut t = start_ns - 3 * 86_400_000_000_000;
    for node in 1..=3 {
        t += rng.range(1, 30) * 1_000_000_000;
        events.push(Event {
            ts_ns: t,
            event_type: "node_join".into(),
            target_id: node,
            reporting_id: node,
            info: json!({"EventType": "node_join", "NodeID": node, "StartedAt": t, "LastUp": t})
                .to_string(),
            unique_id: rng.bytes(16),
        });
    }
    for db in databases
        .iter()
        .filter(|d| !["system", "defaultdb", "postgres"].contains(&d.name.as_str()))
    {
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
    for (setting, value) in [
        ("kv.rangefeed.enabled", "true"),
        ("sql.stats.automatic_collection.enabled", "true"),
        ("server.time_until_store_dead", "5m0s"),
    ] {
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
