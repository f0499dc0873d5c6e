//! The answers beyond the reference the views show when the server has them: databases, their
//! tables, grants and details, a table's details, users and events. Read leniently from the
//! decoded JSON (missing fields empty, numbers also as strings, nulls as absent) instead of
//! derived decoders, which would cost the chunk more than these rarely opened views are worth.

use serde_json::Value;

/// Text of `v[k]` (a string, or any other scalar written out; empty when absent or null).
pub fn text(v: &Value, k: &str) -> String {
    match v.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Integer of `v[k]` (also from a string; 0 when absent).
pub fn int(v: &Value, k: &str) -> i64 {
    match v.get(k) {
        Some(Value::String(s)) => s.trim().parse().unwrap_or(0),
        Some(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)).unwrap_or(0),
        None => 0,
    }
}

/// Whether `v[k]` is `true`.
pub fn flag(v: &Value, k: &str) -> bool {
    v.get(k).and_then(Value::as_bool).unwrap_or(false)
}

/// The items of the list `v[k]` (empty when absent or not a list).
pub fn items<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// The strings of the list `v[k]`.
pub fn strings(v: &Value, k: &str) -> Vec<String> {
    items(v, k)
        .iter()
        .map(|i| i.as_str().map(str::to_string).unwrap_or_else(|| i.to_string()))
        .collect()
}

/// One grant.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grant {
    /// The user or role.
    pub user: String,
    /// Its privileges.
    pub privileges: Vec<String>,
}

impl Grant {
    /// From `{"user", "privileges"}`.
    pub fn from(v: &Value) -> Grant {
        Grant {
            user: text(v, "user"),
            privileges: strings(v, "privileges"),
        }
    }
}

/// A column of a table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Column {
    /// Name.
    pub name: String,
    /// SQL type.
    pub kind: String,
    /// Whether it takes NULL.
    pub nullable: bool,
    /// Default expression.
    pub default_value: String,
}

/// One column of an index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndexColumn {
    /// Index name.
    pub name: String,
    /// Whether the index is unique.
    pub unique: bool,
    /// Position of the column in the index.
    pub seq: i64,
    /// The column.
    pub column: String,
    /// `ASC` or `DESC`.
    pub direction: String,
    /// Stored, not indexed.
    pub storing: bool,
    /// Added implicitly.
    pub implicit: bool,
}

/// `GET /api/v2/databases/{db}/tables/{table}/`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableDetails {
    /// Descriptor id.
    pub descriptor_id: i64,
    /// Size in ranges.
    pub range_count: i64,
    /// `SHOW CREATE` of the table.
    pub create_table_statement: String,
    /// Bytes in total.
    pub data_total_bytes: i64,
    /// Live bytes.
    pub data_live_bytes: i64,
    /// When statistics were last created (RFC 3339).
    pub stats_last_created_at: String,
    /// Columns.
    pub columns: Vec<Column>,
    /// Index columns.
    pub indexes: Vec<IndexColumn>,
    /// Grants.
    pub grants: Vec<Grant>,
}

impl TableDetails {
    /// From the answer.
    pub fn from(v: &Value) -> TableDetails {
        TableDetails {
            descriptor_id: int(v, "descriptor_id"),
            range_count: int(v, "range_count"),
            create_table_statement: text(v, "create_table_statement"),
            data_total_bytes: int(v, "data_total_bytes"),
            data_live_bytes: int(v, "data_live_bytes"),
            stats_last_created_at: text(v, "stats_last_created_at"),
            columns: items(v, "columns")
                .iter()
                .map(|c| Column {
                    name: text(c, "name"),
                    kind: text(c, "type"),
                    nullable: flag(c, "nullable"),
                    default_value: text(c, "default_value"),
                })
                .collect(),
            indexes: items(v, "indexes")
                .iter()
                .map(|i| IndexColumn {
                    name: text(i, "name"),
                    unique: flag(i, "unique"),
                    seq: int(i, "seq"),
                    column: text(i, "column"),
                    direction: text(i, "direction"),
                    storing: flag(i, "storing"),
                    implicit: flag(i, "implicit"),
                })
                .collect(),
            grants: items(v, "grants").iter().map(Grant::from).collect(),
        }
    }
}

/// An event of the event log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Event {
    /// When (RFC 3339).
    pub timestamp: String,
    /// e.g. `create_database`.
    pub event_type: String,
    /// Descriptor the event is about.
    pub target_id: i64,
    /// Node that reported it.
    pub reporting_id: i64,
    /// Its details (a JSON document as text).
    pub info: String,
}

/// A page of `GET /api/v2/events/`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventsPage {
    /// The events, newest first.
    pub events: Vec<Event>,
    /// Offset of the next page.
    pub next: i64,
}

impl EventsPage {
    /// From the answer.
    pub fn from(v: &Value) -> EventsPage {
        EventsPage {
            events: items(v, "events")
                .iter()
                .map(|e| Event {
                    timestamp: text(e, "timestamp"),
                    event_type: text(e, "event_type"),
                    target_id: int(e, "target_id"),
                    reporting_id: int(e, "reporting_id"),
                    info: text(e, "info"),
                })
                .collect(),
            next: int(v, "next"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::error::from_status;
    use crate::net::NetError;

    fn sample(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn samples_decode() {
        let d = sample(include_str!("fixtures/databases.json"));
        assert_eq!(strings(&d, "databases"), ["defaultdb", "movr", "postgres", "system"]);
        assert_eq!(int(&d, "next"), 4);
        let t = sample(include_str!("fixtures/database-tables.json"));
        assert_eq!(strings(&t, "table_names")[1], "public.rides");
        let g = sample(include_str!("fixtures/database-grants.json"));
        let g: Vec<Grant> = items(&g, "grants").iter().map(Grant::from).collect();
        assert_eq!(g[1].user, "root");
        assert_eq!(g[1].privileges, ["ALL"]);
        let dd = sample(include_str!("fixtures/database-details.json"));
        assert_eq!(int(&dd, "descriptor_id"), 104);
        let u = sample(include_str!("fixtures/users.json"));
        assert_eq!(text(&items(&u, "users")[0], "username"), "admin");
        let e = EventsPage::from(&sample(include_str!("fixtures/events.json")));
        assert_eq!(e.events[0].event_type, "create_database");
        assert_eq!(e.events[0].target_id, 104);
        assert_eq!(e.events[0].reporting_id, 1);
        assert!(e.events[0].info.contains("CREATE DATABASE movr"));
        assert_eq!(e.next, 0);
        let l = sample(include_str!("fixtures/login.json"));
        assert!(text(&l, "session").starts_with("CIGA"));
        let out = sample(include_str!("fixtures/logout.json"));
        assert!(flag(&out, "logged_out"));
        assert_eq!(
            sample(include_str!("fixtures/health.json")),
            serde_json::json!({})
        );
    }

    #[test]
    fn table_details_decode_with_nulls() {
        let t = TableDetails::from(&sample(
            r#"{"descriptor_id":"106","range_count":3,"columns":[{"name":"id","type":"UUID","nullable":false,"default_value":null}],
               "indexes":[{"name":"rides_pkey","unique":true,"seq":1,"column":"id","direction":"ASC"}],"grants":null,
               "create_table_statement":"CREATE TABLE public.rides (\n\tid UUID NOT NULL\n)","zone_config":{"num_replicas":3}}"#,
        ));
        assert_eq!((t.descriptor_id, t.range_count), (106, 3));
        assert_eq!(t.columns[0].kind, "UUID");
        assert!(t.indexes[0].unique && t.grants.is_empty());
    }

    #[test]
    fn text_error_bodies_keep_the_server_words() {
        for (status, body) in [
            (401, include_str!("fixtures/login-401.txt")),
            (401, include_str!("fixtures/unauthenticated-401.txt")),
            (400, include_str!("fixtures/login-400.txt")),
            (400, include_str!("fixtures/logout-400.txt")),
            (403, include_str!("fixtures/forbidden-403.txt")),
        ] {
            let e = from_status(status, "", false, body);
            assert_eq!(e.status(), Some(status));
            assert_eq!(e.server_message().map(str::trim), Some(body.trim()));
            assert_eq!(
                matches!(e, NetError::AuthRequired { .. }),
                status == 401,
                "{body}"
            );
        }
    }
}
