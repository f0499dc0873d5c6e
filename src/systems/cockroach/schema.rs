//! Lenient types of the answers beyond the reference the views show when the server has them:
//! databases, their tables, grants and details, a table's details, users and events.

use crate::net::lenient::{int, nullable};
use serde::Deserialize;

/// A page of a `limit`/`offset` list of names (`GET /api/v2/databases/`: `databases`;
/// `/databases/{db}/tables/`: `table_names`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct NamesPage {
    /// Database names.
    #[serde(deserialize_with = "nullable")]
    pub databases: Vec<String>,
    /// Schema-qualified table names.
    #[serde(deserialize_with = "nullable")]
    pub table_names: Vec<String>,
    /// Offset of the next page.
    #[serde(deserialize_with = "int")]
    pub next: i64,
}

/// `GET /api/v2/databases/{db}/`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct DatabaseDetails {
    /// The database's descriptor id (events name it as `target_id`).
    #[serde(deserialize_with = "int")]
    pub descriptor_id: i64,
}

/// One grant.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Grant {
    /// The user or role.
    #[serde(deserialize_with = "nullable")]
    pub user: String,
    /// Its privileges.
    #[serde(deserialize_with = "nullable")]
    pub privileges: Vec<String>,
}

/// A page of `GET /api/v2/databases/{db}/grants/`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct GrantsPage {
    /// The grants.
    #[serde(deserialize_with = "nullable")]
    pub grants: Vec<Grant>,
    /// Offset of the next page.
    #[serde(deserialize_with = "int")]
    pub next: i64,
}

/// A column of a table.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Column {
    /// Name.
    #[serde(deserialize_with = "nullable")]
    pub name: String,
    /// SQL type.
    #[serde(rename = "type", deserialize_with = "nullable")]
    pub kind: String,
    /// Whether it takes NULL.
    #[serde(deserialize_with = "nullable")]
    pub nullable: bool,
    /// Default expression.
    #[serde(deserialize_with = "nullable")]
    pub default_value: String,
}

/// One column of an index.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct IndexColumn {
    /// Index name.
    #[serde(deserialize_with = "nullable")]
    pub name: String,
    /// Whether the index is unique.
    #[serde(deserialize_with = "nullable")]
    pub unique: bool,
    /// Position of the column in the index.
    #[serde(deserialize_with = "int")]
    pub seq: i64,
    /// The column.
    #[serde(deserialize_with = "nullable")]
    pub column: String,
    /// `ASC` or `DESC`.
    #[serde(deserialize_with = "nullable")]
    pub direction: String,
    /// Stored, not indexed.
    #[serde(deserialize_with = "nullable")]
    pub storing: bool,
    /// Added implicitly.
    #[serde(deserialize_with = "nullable")]
    pub implicit: bool,
}

/// `GET /api/v2/databases/{db}/tables/{table}/`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct TableDetails {
    /// Descriptor id.
    #[serde(deserialize_with = "int")]
    pub descriptor_id: i64,
    /// Size in ranges.
    #[serde(deserialize_with = "int")]
    pub range_count: i64,
    /// `SHOW CREATE` of the table.
    #[serde(deserialize_with = "nullable")]
    pub create_table_statement: String,
    /// `SHOW ZONE CONFIGURATION` of the table.
    #[serde(deserialize_with = "nullable")]
    pub configure_zone_statement: String,
    /// Bytes in total.
    #[serde(deserialize_with = "int")]
    pub data_total_bytes: i64,
    /// Live bytes.
    #[serde(deserialize_with = "int")]
    pub data_live_bytes: i64,
    /// When statistics were last created (RFC 3339).
    #[serde(deserialize_with = "nullable")]
    pub stats_last_created_at: String,
    /// Columns.
    #[serde(deserialize_with = "nullable")]
    pub columns: Vec<Column>,
    /// Index columns.
    #[serde(deserialize_with = "nullable")]
    pub indexes: Vec<IndexColumn>,
    /// Grants.
    #[serde(deserialize_with = "nullable")]
    pub grants: Vec<Grant>,
}

/// A user.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct User {
    /// Name.
    #[serde(deserialize_with = "nullable")]
    pub username: String,
}

/// A page of `GET /api/v2/users/`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct UsersPage {
    /// The users.
    #[serde(deserialize_with = "nullable")]
    pub users: Vec<User>,
    /// Offset of the next page.
    #[serde(deserialize_with = "int")]
    pub next: i64,
}

/// An event of the event log.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Event {
    /// When (RFC 3339).
    #[serde(deserialize_with = "nullable")]
    pub timestamp: String,
    /// e.g. `create_database`.
    #[serde(deserialize_with = "nullable")]
    pub event_type: String,
    /// Descriptor the event is about.
    #[serde(deserialize_with = "int")]
    pub target_id: i64,
    /// Node that reported it.
    #[serde(deserialize_with = "int")]
    pub reporting_id: i64,
    /// Its details (a JSON document as text).
    #[serde(deserialize_with = "nullable")]
    pub info: String,
}

/// A page of `GET /api/v2/events/`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct EventsPage {
    /// The events, newest first.
    #[serde(deserialize_with = "nullable")]
    pub events: Vec<Event>,
    /// Offset of the next page.
    #[serde(deserialize_with = "int")]
    pub next: i64,
}

/// `POST /api/v2/login/`. `session` is required: a 200 without one is not a login.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct LoginAnswer {
    /// The session to send as `X-Cockroach-API-Session`.
    #[serde(deserialize_with = "nullable")]
    pub session: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::error::from_status;
    use crate::net::NetError;

    #[test]
    fn samples_decode() {
        let d: NamesPage = serde_json::from_str(include_str!("fixtures/databases.json")).unwrap();
        assert_eq!(d.databases, ["defaultdb", "movr", "postgres", "system"]);
        assert_eq!(d.next, 4);
        let t: NamesPage =
            serde_json::from_str(include_str!("fixtures/database-tables.json")).unwrap();
        assert_eq!(t.table_names[1], "public.rides");
        let g: GrantsPage =
            serde_json::from_str(include_str!("fixtures/database-grants.json")).unwrap();
        assert_eq!(g.grants[1].user, "root");
        assert_eq!(g.grants[1].privileges, ["ALL"]);
        let dd: DatabaseDetails =
            serde_json::from_str(include_str!("fixtures/database-details.json")).unwrap();
        assert_eq!(dd.descriptor_id, 104);
        let u: UsersPage = serde_json::from_str(include_str!("fixtures/users.json")).unwrap();
        assert_eq!(u.users[0].username, "admin");
        let e: EventsPage = serde_json::from_str(include_str!("fixtures/events.json")).unwrap();
        assert_eq!(e.events[0].event_type, "create_database");
        assert_eq!(e.events[0].target_id, 104);
        assert!(e.events[0].info.contains("CREATE DATABASE movr"));
        let l: LoginAnswer = serde_json::from_str(include_str!("fixtures/login.json")).unwrap();
        assert!(l.session.starts_with("CIGA"));
        let out: serde_json::Value =
            serde_json::from_str(include_str!("fixtures/logout.json")).unwrap();
        assert_eq!(out["logged_out"], true);
        let health: serde_json::Value =
            serde_json::from_str(include_str!("fixtures/health.json")).unwrap();
        assert_eq!(health, serde_json::json!({}));
    }

    #[test]
    fn table_details_decode_with_nulls() {
        let t: TableDetails = serde_json::from_str(
            r#"{"descriptor_id":"106","range_count":3,"columns":[{"name":"id","type":"UUID","nullable":false,"default_value":null}],
               "indexes":[{"name":"rides_pkey","unique":true,"seq":1,"column":"id","direction":"ASC"}],"grants":null,
               "create_table_statement":"CREATE TABLE public.rides (\n\tid UUID NOT NULL\n)","zone_config":{"num_replicas":3}}"#,
        )
        .unwrap();
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
