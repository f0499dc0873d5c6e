//! Databases: `show_proc` `/dbs` with each database's size (`SHOW_DB_SIZE`, and with replicas
//! `SHOW_FULL_DB_SIZE`); the database picked in the URL (`db=`) shows its size (`show_data?db=`)
//! and its tables (`show_proc` `/dbs/<id>`), each a link to its page.

use super::{db_id, table_link, DB};
use crate::shell::use_cluster;
use crate::systems::starrocks::views::cluster::db_sizes;
use crate::systems::starrocks::views::scope;
use crate::systems::starrocks::{api, api_data};
use crate::ui::format::bytes;
use crate::ui::kit::{link, load, query, status};
use crate::url_state::encode;
use leptos::prelude::*;
use serde_json::Value;

fn size_of(v: Option<&Value>, db: &str) -> String {
    v.map(|v| db_sizes(v).into_iter().find(|(n, _)| n == db).map(|(_, n)| bytes(n)).unwrap_or_default())
        .unwrap_or_default()
}

/// The databases page.
#[component]
pub fn DatabasesPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let picked = query(DB);
    let dbs = load(|c| async move { api_data::databases(&c).await });
    let sizes = load(|c| async move { api::db_sizes(&c).await });
    let full = load(|c| async move { api_data::full_db_sizes(&c).await });
    let tables = load(move |c| {
        let name = picked.get().unwrap_or_default();
        let id = dbs.with(|d| d.and_then(|d| db_id(d, &name)));
        async move {
            match id {
                Some(id) => api_data::tables(&c, &id).await.map(|t| (name, t)),
                None => Ok((name, Default::default())),
            }
        }
    });
    let db_size = load(move |c| {
        let name = picked.get().unwrap_or_default();
        async move {
            if name.is_empty() {
                return Ok(String::new());
            }
            api_data::db_data_size(&c, &name).await
        }
    });
    let db_href = move |n: &str| cluster.with(|c| link(c, &format!("databases?{}={}", DB.name(), encode(n))));
    view! {
        <div class=s.cls("stack")>
            <h1>"Databases"</h1>
            <div class=s.cls("panel") data-db-list="">
                {move || dbs.with(|d| d.cloned()).map(|d| {
                    let sz = sizes.with(|v| d.rows.iter().map(|r| size_of(v, r.get("DbName"))).collect::<Vec<_>>());
                    let fz = full.with(|v| d.rows.iter().map(|r| size_of(v, r.get("DbName"))).collect::<Vec<_>>());
                    view! {
                        <table class=s.cls("table")>
                            <thead><tr><th>"Database"</th><th>"Id"</th><th class="num">"Tables"</th><th class="num">"Size"</th><th class="num">"With replicas"</th></tr></thead>
                            <tbody>
                                {d.rows.iter().enumerate().map(|(i, r)| {
                                    let name = r.get("DbName").to_string();
                                    view! {
                                        <tr data-db=name.clone()>
                                            <td><a href=db_href(&name)>{name.clone()}</a></td>
                                            <td>{r.get("DbId").to_string()}</td>
                                            <td class=s.cls("num")>{r.get("TableNum").to_string()}</td>
                                            <td class=s.cls("num")>{sz.get(i).cloned()}</td>
                                            <td class=s.cls("num")>{fz.get(i).cloned()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                })}
                {status(dbs, "databases")}
                {status(sizes, "database sizes")}
                {status(full, "database sizes with replicas")}
            </div>
            {move || picked.get().map(|name| view! {
                <div class=s.cls("panel") data-db-tables=name.clone()>
                    <h2>{format!("Tables of {name}")}</h2>
                    {move || db_size.get().filter(|t| !t.is_empty()).map(|t| view! {
                        <span class="sb-dim" data-db-size=t.clone()>{format!("data size (show_data): {}", t.parse::<i64>().map(bytes).unwrap_or(t.clone()))}</span>
                    })}
                    {status(db_size, "database size")}
                    {move || tables.get().filter(|(n, _)| picked.get().as_deref() == Some(n.as_str())).map(|(db, t)| {
                        let cols: Vec<String> = t.columns.iter().filter(|c| *c != "TableName").cloned().collect();
                        view! {
                            <table class=s.cls("table")>
                                <thead><tr><th>"Table"</th>{cols.iter().map(|c| view! { <th>{c.clone()}</th> }).collect_view()}</tr></thead>
                                <tbody>
                                    {t.rows.iter().map(|r| {
                                        let n = r.get("TableName").to_string();
                                        let href = cluster.with(|c| table_link(c, &db, &n));
                                        view! {
                                            <tr>
                                                <td><a href=href data-table-link=n.clone()>{n.clone()}</a></td>
                                                {cols.iter().map(|c| view! { <td>{r.get(c).to_string()}</td> }).collect_view()}
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }
                    })}
                    {status(tables, "tables")}
                </div>
            })}
        </div>
    }
}
