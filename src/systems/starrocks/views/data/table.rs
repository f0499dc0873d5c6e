//! A table's page (`databases/<db>/<table>`): its row count (`_count`, refreshed), schema
//! (`_schema`), DDL (`_get_ddl`, text with copy), rows per index (`/api/rowcount`), tablets and
//! where they are (`_migration`), storage type (`_check_storagetype`) and a query plan
//! (`_query_plan`) for a SQL text. A failure (most are sent with HTTP 200) shows the server's
//! words where the data would be.

use super::{loads_link, DB};
use crate::net::FetchError;
use crate::shell::use_cluster;
use crate::systems::starrocks::api_data;
use crate::systems::starrocks::model_data::{
    ddl_text, migration_rows, query_plan_tablets, row_counts, schema_columns, storage_types, MIGRATION_COLUMNS,
};
use crate::systems::starrocks::views::scope;
use crate::ui::download::copy_text;
use crate::ui::format::count;
use crate::ui::kit::{link, load, load_once, param, status};
use crate::ui::ErrorPanel;
use crate::url_state::encode;
use leptos::prelude::*;
use serde_json::Value;

/// A plain table of text rows.
fn text_table(head: &[&str], rows: Vec<Vec<String>>, data: &'static str) -> AnyView {
    let s = scope();
    view! {
        <table class=s.cls("table") data-list=data>
            <thead><tr>{head.iter().map(|h| view! { <th>{h.to_string()}</th> }).collect_view()}</tr></thead>
            <tbody>{rows.into_iter().map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }).collect_view()}</tbody>
        </table>
    }
    .into_any()
}

/// The table page.
#[component]
pub fn TablePage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let db = param("db");
    let table = param("table");
    let rows = load(move |c| {
        let (d, t) = (db.get(), table.get());
        async move { api_data::count(&c, &d, &t).await }
    });
    let schema = load_once(move |c| {
        let (d, t) = (db.get(), table.get());
        async move { api_data::schema(&c, &d, &t).await }
    });
    let ddl = load_once(move |c| {
        let (d, t) = (db.get(), table.get());
        async move { api_data::ddl(&c, &d, &t).await.map(|v| ddl_text(&v)) }
    });
    let per_index = load(move |c| {
        let (d, t) = (db.get(), table.get());
        async move { api_data::rowcount(&c, &d, &t).await }
    });
    let tablets = load_once(move |c| {
        let (d, t) = (db.get(), table.get());
        async move { api_data::migration(&c, &d, &t).await }
    });
    let storage = load_once(move |c| {
        let d = db.get();
        async move { api_data::storage_types(&c, &d).await }
    });
    let sql = RwSignal::new(String::new());
    Effect::new(move |_| sql.set(format!("select * from {}.{}", db.get(), table.get())));
    let plan = RwSignal::new(None::<Result<Value, FetchError>>);
    let run_plan = move || {
        let (c, d, t, q) = (cluster.get_untracked(), db.get_untracked(), table.get_untracked(), sql.get_untracked());
        plan.set(None);
        leptos::task::spawn_local(async move {
            let r = api_data::query_plan(&c, &d, &t, &q).await;
            let _ = plan.try_set(Some(r));
        });
    };
    view! {
        <div class=s.cls("stack")>
            <h1 data-table-page=move || format!("{}.{}", db.get(), table.get())>{move || format!("{}.{}", db.get(), table.get())}</h1>
            <div class="sb-row">
                <a href=move || cluster.with(|c| link(c, &format!("databases?{}={}", DB.name(), encode(&db.get())))) >"All tables of the database"</a>
                " · "
                <a data-stream-load-link="" href=move || cluster.with(|c| loads_link(c, &db.get(), &table.get(), ""))>"Stream load into this table"</a>
            </div>
            <div class=s.cls("cards")>
                <div class=s.cls("panel") data-row-count="">
                    <h2>"Rows (_count)"</h2>
                    {move || rows.get().map(|n| view! { <strong data-count=n.to_string()>{count(n)}</strong> })}
                    {status(rows, "row count")}
                </div>
                <div class=s.cls("panel") data-rowcount="">
                    <h2>"Rows per index (rowcount)"</h2>
                    {move || per_index.get().map(|v| text_table(&["Index", "Rows"], row_counts(&v).into_iter().map(|(k, n)| vec![k, count(n)]).collect(), "rowcount"))}
                    {status(per_index, "rows per index")}
                </div>
                <div class=s.cls("panel") data-storage="">
                    <h2>"Storage type"</h2>
                    {move || storage.get().map(|v| text_table(&["Index", "Storage type", "Schema hash"], storage_types(&v, &table.get()).into_iter().map(|(a, b, c)| vec![a, b, c]).collect(), "storage"))}
                    {status(storage, "storage type")}
                </div>
            </div>
            <div class=s.cls("panel") data-schema="">
                <h2>"Schema"</h2>
                {move || schema.get().map(|v| text_table(&["Column", "Type", "Comment"], schema_columns(&v).into_iter().map(|c| vec![c.name, c.ty, c.comment]).collect(), "schema"))}
                {status(schema, "schema")}
            </div>
            <div class=s.cls("panel") data-ddl="">
                <h2>"DDL"</h2>
                {move || ddl.get().map(|t| { let copy = t.clone(); view! {
                    <div><button on:click=move |_| copy_text(&copy)>"Copy DDL"</button></div>
                    <pre class=s.cls("pre") data-ddl-text="">{t}</pre>
                }})}
                {status(ddl, "DDL")}
            </div>
            <div class=s.cls("panel") data-tablets="">
                <h2>"Tablets (_migration)"</h2>
                {move || tablets.get().map(|v| text_table(&MIGRATION_COLUMNS, migration_rows(&v), "tablets"))}
                {status(tablets, "tablets")}
            </div>
            <div class=s.cls("panel") data-plan="">
                <h2>"Query plan (_query_plan)"</h2>
                <textarea rows="2" aria-label="SQL for the plan" prop:value=move || sql.get() on:input=move |ev| sql.set(event_target_value(&ev))></textarea>
                <div><button class="sb-primary" on:click=move |_| run_plan()>"Get the plan"</button></div>
                {move || plan.get().map(|r| match r {
                    Ok(v) => {
                        let (rows, len) = query_plan_tablets(&v);
                        view! {
                            <span class="sb-dim">{format!("{} tablets; opaque plan of {len} bytes", rows.len())}</span>
                            {text_table(&["Tablet", "Routings", "Version"], rows.into_iter().map(|(a, b, c)| vec![a, b, c]).collect(), "plan")}
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| run_plan()) /> }.into_any(),
                })}
            </div>
        </div>
    }
}
