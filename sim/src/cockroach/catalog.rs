//! What `/api/v2/sql/` can read: the schema and `crdb_internal`/`information_schema` tables.

use super::state::{CrdbCluster, CrdbTable, Database};
use crate::sqlmini::{Catalog, ColType, Column, Table, Value};
use crate::timefmt::rfc3339_nanos;

/// Tables the SQL endpoint can read: the schema plus a few virtual tables.
pub struct CrdbCatalog<'a> {
    /// The cluster.
    pub cluster: &'a CrdbCluster,
    /// Current database.
    pub database: &'a str,
    /// Simulated now (ms).
    pub now_ms: i64,
}

/// A schema table as an SQL engine table.
pub fn table_of(t: &CrdbTable) -> Table {
    Table {
        columns: t
            .columns
            .iter()
            .map(|c| Column {
                name: c.name.clone(),
                ty: c.ty,
            })
            .collect(),
        rows: t.rows.clone(),
    }
}

impl CrdbCatalog<'_> {
    /// The real table named by `parts`, with its database.
    pub fn resolve(&self, parts: &[String]) -> Option<(&Database, &CrdbTable)> {
        let lower: Vec<String> = parts.iter().map(|p| p.to_lowercase()).collect();
        let (db, table) = match lower.as_slice() {
            [t] => (self.database.to_lowercase(), t.clone()),
            [a, t] if a == "public" => (self.database.to_lowercase(), t.clone()),
            [a, t] => (a.clone(), t.clone()),
            [a, _, t] => (a.clone(), t.clone()),
            _ => return None,
        };
        let d = self.cluster.database(&db)?;
        let t = d
            .tables
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(&table))?;
        Some((d, t))
    }

    fn virtual_table(&self, parts: &[String]) -> Option<Table> {
        let name = parts
            .iter()
            .map(|p| p.to_lowercase())
            .collect::<Vec<_>>()
            .join(".");
        let c = self.cluster;
        match name.as_str() {
            "crdb_internal.gossip_nodes" => {
                let mut t = Table::new(vec![
                    Column::new("node_id", ColType::Int),
                    Column::new("network", ColType::Text),
                    Column::new("address", ColType::Text),
                    Column::new("sql_address", ColType::Text),
                    Column::new("is_live", ColType::Bool),
                    Column::new("ranges", ColType::Int),
                    Column::new("leases", ColType::Int),
                ]);
                for n in &c.nodes {
                    t.rows.push(vec![
                        Value::Int(n.id),
                        Value::from("tcp"),
                        Value::from(n.http_address.clone()),
                        Value::from(n.sql_address.clone()),
                        Value::Bool(true),
                        Value::Int(c.ranges.iter().filter(|r| r.replicas.contains(&n.id)).count() as i64),
                        Value::Int(c.ranges.iter().filter(|r| r.leaseholder == n.id).count() as i64),
                    ]);
                }
                Some(t)
            }
            "crdb_internal.cluster_sessions" => {
                let mut t = Table::new(vec![
                    Column::new("node_id", ColType::Int),
                    Column::new("user_name", ColType::Text),
                    Column::new("client_address", ColType::Text),
                    Column::new("application_name", ColType::Text),
                    Column::new("active_queries", ColType::Text),
                    Column::new("last_active_query", ColType::Text),
                    Column::new("session_start", ColType::Timestamp),
                ]);
                for s in &c.sessions {
                    t.rows.push(vec![
                        Value::Int(s.node_id),
                        Value::from(s.username.clone()),
                        Value::from(s.client_address.clone()),
                        Value::from(s.application_name.clone()),
                        Value::from(
                            s.active_query
                                .as_ref()
                                .map(|(q, _)| q.clone())
                                .unwrap_or_default(),
                        ),
                        Value::from(s.last_query.clone()),
                        Value::from(rfc3339_nanos(s.start_ns)),
                    ]);
                }
                Some(t)
            }
            "information_schema.tables" | "system.information_schema.tables" => {
                let mut t = Table::new(vec![
                    Column::new("table_catalog", ColType::Text),
                    Column::new("table_schema", ColType::Text),
                    Column::new("table_name", ColType::Text),
                    Column::new("table_type", ColType::Text),
                ]);
                for d in &c.databases {
                    for tb in &d.tables {
                        t.rows.push(vec![
                            Value::from(d.name.clone()),
                            Value::from(tb.schema.clone()),
                            Value::from(tb.name.clone()),
                            Value::from("BASE TABLE"),
                        ]);
                    }
                }
                Some(t)
            }
            _ => None,
        }
    }
}

impl Catalog for CrdbCatalog<'_> {
    fn table(&self, parts: &[String]) -> Option<Table> {
        self.virtual_table(parts)
            .or_else(|| self.resolve(parts).map(|(_, t)| table_of(t)))
    }
    fn now_ms(&self) -> i64 {
        self.now_ms
    }
    fn version(&self) -> String {
        "CockroachDB CCL v24.3.1 (x86_64-pc-linux-gnu, built 2024/12/12 00:00:00, go1.22.8 X:nocoverageredesign)".into()
    }
}
