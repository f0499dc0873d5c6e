//! Databases, tables and loads: the databases with their sizes, a table's page (schema, DDL,
//! row counts, tablets, query plan), loads (a label's state, cancel), the stream load form,
//! the transaction interface as a guided flow, and the SQL API's query box.

pub mod databases;
pub mod loads;
pub mod sql;
pub mod stream_load;
pub mod table;
pub mod txn;

use crate::cluster::Cluster;
use crate::systems::starrocks::api_data;
use crate::systems::starrocks::model::ProcTable;
use crate::ui::kit::{link, load_once, status};
use crate::url_state::{encode, encode_segment, QueryKey};
use leptos::prelude::*;

/// The database picked (by name).
pub const DB: QueryKey = QueryKey::new("db");
/// The table picked (by name).
pub const TABLE: QueryKey = QueryKey::new("table");
/// A load's label.
pub const LABEL: QueryKey = QueryKey::new("label");

/// The link to a table's page.
pub fn table_link(c: &Cluster, db: &str, table: &str) -> String {
    link(c, &format!("databases/{}/{}", encode_segment(db), encode_segment(table)))
}

/// The link to the loads page with a table (and a label) picked.
pub fn loads_link(c: &Cluster, db: &str, table: &str, label: &str) -> String {
    let mut q = format!("loads?{}={}&{}={}", DB.name(), encode(db), TABLE.name(), encode(table));
    if !label.is_empty() {
        q.push_str(&format!("&{}={}", LABEL.name(), encode(label)));
    }
    link(c, &q)
}

/// The id of the database `name` in the `/dbs` proc table.
pub fn db_id(dbs: &ProcTable, name: &str) -> Option<String> {
    dbs.rows
        .iter()
        .find(|r| r.get("DbName") == name)
        .map(|r| r.get("DbId").to_string())
}

/// The names of a proc table's column `col` (database or table names), in order.
pub fn names(t: &ProcTable, col: &str) -> Vec<String> {
    t.rows
        .iter()
        .map(|r| r.get(col).to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// A database and table picker (two selects) bound to `db` and `table`; the tables of the
/// picked database come from `show_proc` `/dbs/<id>`.
#[component]
pub fn TablePicker(
    /// The database name.
    db: RwSignal<String>,
    /// The table name.
    table: RwSignal<String>,
) -> impl IntoView {
    let dbs = load_once(|c| async move { api_data::databases(&c).await });
    let tables = load_once(move |c| {
        let name = db.get();
        let id = dbs.with(|d| d.and_then(|d| db_id(d, &name)));
        async move {
            match id {
                Some(id) => api_data::tables(&c, &id).await,
                None => Ok(ProcTable::default()),
            }
        }
    });
    let option = |n: String, current: String| {
        let sel = n == current;
        view! { <option value=n.clone() selected=sel>{n.clone()}</option> }
    };
    view! {
        <label>"Database "
            <select data-pick-db="" prop:value=move || db.get() on:change=move |ev| { db.set(event_target_value(&ev)); table.set(String::new()); }>
                <option value="">"—"</option>
                {move || dbs.with(|d| d.map(|d| names(d, "DbName")).unwrap_or_default()).into_iter().map(|n| option(n, db.get_untracked())).collect_view()}
            </select>
        </label>
        <label>"Table "
            <select data-pick-table="" prop:value=move || table.get() on:change=move |ev| table.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {move || tables.with(|t| t.map(|t| names(t, "TableName")).unwrap_or_default()).into_iter().map(|n| option(n, table.get_untracked())).collect_view()}
            </select>
        </label>
        {status(dbs, "databases")}
        {status(tables, "tables")}
    }
}
