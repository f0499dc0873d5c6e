//! The simulated CockroachDB cluster: nodes, ranges, SQL sessions, schema with rows, events,
//! users and API (web) sessions.

use std::collections::BTreeMap;

use crate::rng::Rng;
use crate::runtime::Shared;
use crate::sqlmini::{ColType, Value};

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

impl CrdbCluster {
    /// Generates the initial cluster from the seed.
    pub fn generate(shared: &Shared) -> CrdbCluster {
        let mut rng = Rng::new(shared.seed).fork("cockroach");
        let start_ns = shared.clock.start_ms() * 1_000_000;
        let host = shared.plan.host_str();
        let regions = [
            ("us-east1", "us-east1-b"),
            ("us-east1", "us-east1-c"),
            ("us-west1", "us-west1-a"),
        ];
        let nodes: Vec<Node> = (1..=3)
            .map(|id| Node {
                id,
                region: regions[(id - 1) as usize].0.into(),
                zone: regions[(id - 1) as usize].1.into(),
                started_at_ns: start_ns - 86_400_000_000_000 * 3 + id * 1_234_567_891,
                sql_address: format!("{host}:{}", 26256 + id),
                http_address: shared
                    .plan
                    .host_port(crate::config::System::Cockroach, &format!("node{id}")),
            })
            .collect();

        let users = vec![
            User {
                name: "admin".into(),
                password: None,
                admin: true,
            },
            User {
                name: "demo".into(),
                password: Some("demo".into()),
                admin: true,
            },
            User {
                name: "root".into(),
                password: Some("root".into()),
                admin: true,
            },
            User {
                name: "viewer".into(),
                password: Some("viewer".into()),
                admin: false,
            },
        ];

        let databases = super::gen::generate_databases(&mut rng, start_ns);
        let ranges = super::gen::generate_ranges(&mut rng, &databases, start_ns);
        let sessions = super::gen::generate_sessions(&mut rng, start_ns);
        let events = super::gen::generate_events(&mut rng, &databases, start_ns);
        let next_descriptor = databases
            .iter()
            .flat_map(|d| std::iter::once(d.id).chain(d.tables.iter().map(|t| t.id)))
            .max()
            .unwrap_or(200)
            + 1;
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
        self.databases
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(name))
    }

    /// A user by name.
    pub fn user(&self, name: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.name.eq_ignore_ascii_case(name))
    }

    /// Adds an event to the log.
    pub fn log_event(
        &mut self,
        ts_ns: i64,
        event_type: &str,
        target_id: i64,
        reporting_id: i64,
        info: serde_json::Value,
    ) {
        let unique_id = self.rng.bytes(16);
        self.events.push(Event {
            ts_ns,
            event_type: event_type.into(),
            target_id,
            reporting_id,
            info: info.to_string(),
            unique_id,
        });
    }
}
