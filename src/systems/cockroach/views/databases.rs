//! Databases (`GET /api/v2/databases/`, every page), a database (`/databases/{db}/`: its
//! descriptor id; `/tables/` and `/grants/`, every page) and a table
//! (`/databases/{db}/tables/{table}/`: columns, indexes, grants, size and its CREATE statement,
//! shown as text).

use super::api;
use crate::shell::use_cluster;
use crate::systems::cockroach::login::cload;
use crate::systems::cockroach::schema::{Column, DatabaseDetails, Grant, IndexColumn, TableDetails};
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::{bytes, count};
use crate::ui::kit::{kv, link, param, status};
use crate::ui::{DataTable, KeyValue};
use crate::url_state::encode_segment;
use leptos::prelude::*;

/// A name with its link.
#[derive(Clone, Debug)]
pub struct Named {
    /// The name.
    pub name: String,
    /// Where it leads.
    pub href: String,
}

fn named_table(id: &'static str, label: &'static str, rows: Signal<Vec<crate::ui::any_row::AnyRow>>) -> AnyView {
    let columns = vec![col::view(
        "name",
        label,
        |n: &Named| n.name.as_str().into(),
        |n: &Named| view! { <a href=n.href.clone()>{n.name.clone()}</a> }.into_any(),
    )];
    view! { <DataTable id=id columns rows export_name=id /> }.into_any()
}

fn grants_table(rows: Signal<Vec<crate::ui::any_row::AnyRow>>) -> AnyView {
    let columns = vec![
        col::text("user", "User", |g: &Grant| g.user.as_str().into()),
        col::text("privileges", "Privileges", |g: &Grant| {
            g.privileges.join(", ").into()
        }),
    ];
    view! { <DataTable id="grants" columns rows export_name="grants" /> }.into_any()
}

/// The databases page.
#[component]
pub fn DatabasesPage() -> impl IntoView {
    let cluster = use_cluster();
    let r = cload(move |c| async move { api::databases(&c).await });
    let rows = Signal::derive(move || {
        let c = cluster.get();
        r.with(|d| {
            any_rows(
                d.cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|name| Named {
                        href: link(&c, &format!("databases/{}", encode_segment(&name))),
                        name,
                    })
                    .collect::<Vec<_>>(),
            )
        })
    });
    view! {
        <div class="sb-stack">
            <super::login::Login />
            <h1>"Databases"</h1>
            {status(r, "databases")}
            <div data-databases="">{named_table("databases", "Database", rows)}</div>
        </div>
    }
}

/// What the database page shows.
#[derive(Clone, Debug, Default)]
pub struct DatabaseModel {
    /// Its details.
    pub details: DatabaseDetails,
    /// Its tables.
    pub tables: Vec<String>,
    /// Its grants.
    pub grants: Vec<Grant>,
}

/// A database: its descriptor id, tables and grants.
#[component]
pub fn DatabasePage() -> impl IntoView {
    let cluster = use_cluster();
    let db = param("db");
    let r = cload(move |c| {
        let db = db.get();
        async move {
            Ok(DatabaseModel {
                details: api::database(&c, &db).await?,
                tables: api::tables(&c, &db).await?,
                grants: api::grants(&c, &db).await?,
            })
        }
    });
    let tables = Signal::derive(move || {
        let (c, db) = (cluster.get(), db.get());
        r.with(|d| {
            any_rows(
                d.map(|m| m.tables.clone())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|name| Named {
                        href: link(
                            &c,
                            &format!(
                                "databases/{}/tables/{}",
                                encode_segment(&db),
                                encode_segment(&name)
                            ),
                        ),
                        name,
                    })
                    .collect::<Vec<_>>(),
            )
        })
    });
    let grants = Signal::derive(move || {
        r.with(|d| any_rows(d.map(|m| m.grants.clone()).unwrap_or_default()))
    });
    let facts = Signal::derive(move || {
        r.with(|d| {
            d.map(|m| {
                kv(&[
                    ("Descriptor id", m.details.descriptor_id.to_string()),
                    ("Tables", count(m.tables.len() as i64)),
                ])
            })
            .unwrap_or_default()
        })
    });
    view! {
        <div class="sb-stack">
            <super::login::Login />
            <div><a href=move || link(&cluster.get(), "databases")>"Databases"</a></div>
            <h1 data-database=move || db.get()>{move || format!("Database {}", db.get())}</h1>
            {status(r, "database")}
            <KeyValue items=facts />
            <h2>"Tables"</h2>
            <div data-tables="">{named_table("tables", "Table", tables)}</div>
            <h2>"Grants"</h2>
            <div data-grants="">{grants_table(grants)}</div>
        </div>
    }
}

/// A table: size, columns, indexes, grants and its CREATE statement.
#[component]
pub fn TablePage() -> impl IntoView {
    let cluster = use_cluster();
    let db = param("db");
    let table = param("table");
    let r = cload(move |c| {
        let (db, table) = (db.get(), table.get());
        async move { api::table(&c, &db, &table).await }
    });
    let get = move |f: fn(&TableDetails) -> Vec<crate::ui::any_row::AnyRow>| {
        Signal::derive(move || r.with(|d| d.map(f).unwrap_or_default()))
    };
    let columns_rows = get(|t| any_rows(t.columns.clone()));
    let index_rows = get(|t| any_rows(t.indexes.clone()));
    let grant_rows = get(|t| any_rows(t.grants.clone()));
    let facts = Signal::derive(move || {
        r.with(|d| {
            d.map(|t| {
                kv(&[
                    ("Descriptor id", t.descriptor_id.to_string()),
                    ("Ranges", count(t.range_count)),
                    ("Total bytes", bytes(t.data_total_bytes)),
                    ("Live bytes", bytes(t.data_live_bytes)),
                    ("Statistics created", t.stats_last_created_at.clone()),
                ])
            })
            .unwrap_or_default()
        })
    });
    let column_cols = vec![
        col::text("name", "Column", |c: &Column| c.name.as_str().into()),
        col::text("type", "Type", |c: &Column| c.kind.as_str().into()),
        col::text("null", "Nullable", |c: &Column| {
            (if c.nullable { "yes" } else { "no" }).into()
        }),
        col::text("default", "Default", |c: &Column| {
            c.default_value.as_str().into()
        }),
    ];
    let index_cols = vec![
        col::text("name", "Index", |i: &IndexColumn| i.name.as_str().into()),
        col::num("seq", "#", |i: &IndexColumn| (i.seq as f64).into()),
        col::text("column", "Column", |i: &IndexColumn| i.column.as_str().into()),
        col::text("dir", "Direction", |i: &IndexColumn| i.direction.as_str().into()),
        col::text("kind", "Kind", |i: &IndexColumn| {
            let mut k = vec![];
            if i.unique {
                k.push("unique");
            }
            if i.storing {
                k.push("storing");
            }
            if i.implicit {
                k.push("implicit");
            }
            k.join(", ").into()
        }),
    ];
    let create = move || r.with(|d| d.map(|t| t.create_table_statement.clone()));
    view! {
        <div class="sb-stack">
            <super::login::Login />
            <div>
                <a href=move || link(&cluster.get(), "databases")>"Databases"</a>" / "
                <a href=move || link(&cluster.get(), &format!("databases/{}", encode_segment(&db.get())))>{move || db.get()}</a>
            </div>
            <h1 data-table-title=move || table.get()>{move || format!("Table {}", table.get())}</h1>
            {status(r, "table")}
            <KeyValue items=facts />
            <h2>"Columns"</h2>
            <div data-columns=""><DataTable id="columns" columns=column_cols rows=columns_rows export_name="columns" /></div>
            <h2>"Indexes"</h2>
            <DataTable id="indexes" columns=index_cols rows=index_rows export_name="indexes" />
            <h2>"Grants"</h2>
            {grants_table(grant_rows)}
            <h2>"CREATE statement"</h2>
            <pre class="sb-mono" data-create="">{create}</pre>
        </div>
    }
}
