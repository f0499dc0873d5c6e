//! Queries: the history of `/api/query_detail` (since an event time picked in the URL), each
//! query opening its profile; the last query of a connection (`/api/connection`); and the
//! optimizer's dump of a statement (`POST /api/query_dump`).

use super::ops::{cluster_signal, outcome, outcome_view, run};
use super::scope;
use crate::shell::use_cluster;
use crate::systems::starrocks::api_ops::{self, as_text};
use crate::systems::starrocks::ops_model::{query_details, QueryDetail};
use crate::ui::format::{bytes, now_epoch_ms, timestamp};
use crate::ui::kit::{link, load, query, set_query, status};
use crate::ui::table::Cell;
use crate::ui::{Column, DataTable};
use crate::url_state::{encode, QueryKey};
use leptos::prelude::*;

/// How far back the history goes, in minutes (`0`: everything the FE keeps).
pub const SINCE: QueryKey = QueryKey::new("since");

/// The link to the profile of `query_id`.
pub fn profile_link(base: &str, query_id: &str) -> String {
    format!("{base}?id={}", encode(query_id))
}

/// The event time (ns) `minutes` ago, or 0 for everything.
pub fn since_ns(minutes: i64, now_ms: i64) -> i64 {
    if minutes <= 0 {
        0
    } else {
        (now_ms - minutes * 60_000).max(0) * 1_000_000
    }
}

fn columns(profile_base: Memo<String>) -> Vec<Column<QueryDetail>> {
    vec![
        Column::text("start", "Start", |q: &QueryDetail| Cell::Text(timestamp(q.start_time, 0))),
        Column::text("id", "Query id", |q: &QueryDetail| Cell::Text(q.query_id.clone())).render(move |q: &QueryDetail| {
            let href = profile_link(&profile_base.get_untracked(), &q.query_id);
            view! { <a href=href data-query-id=q.query_id.clone()>{q.query_id.clone()}</a> }.into_any()
        }),
        Column::text("state", "State", |q: &QueryDetail| Cell::Text(q.state.clone())),
        Column::text("user", "User", |q: &QueryDetail| Cell::Text(q.user.clone())),
        Column::text("db", "Database", |q: &QueryDetail| Cell::Text(q.database.clone())),
        Column::num("latency", "Latency (ms)", |q: &QueryDetail| Cell::Num(q.latency as f64)),
        Column::num("scan", "Rows scanned", |q: &QueryDetail| Cell::Num(q.scan_rows as f64)),
        Column::num("returned", "Rows returned", |q: &QueryDetail| Cell::Num(q.return_rows as f64)),
        Column::num("mem", "Memory", |q: &QueryDetail| Cell::Num(q.mem_cost_bytes as f64))
            .render(|q: &QueryDetail| view! { <span>{bytes(q.mem_cost_bytes)}</span> }.into_any()),
        Column::text("conn", "Connection", |q: &QueryDetail| Cell::Text(q.conn_id.to_string())),
        Column::text("sql", "SQL", |q: &QueryDetail| Cell::Text(q.sql.clone())),
    ]
}

/// The queries page.
#[component]
pub fn QueriesPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let since = query(SINCE);
    let set = set_query();
    let minutes = Memo::new(move |_| since.get().and_then(|m| m.parse::<i64>().ok()).unwrap_or(0));
    let r = load(move |c| {
        let from = since_ns(minutes.get(), now_epoch_ms());
        async move { api_ops::query_detail(&c, from).await.map(|v| query_details(&v)) }
    });
    let profile_base = Memo::new(move |_| cluster.with(|c| link(c, "profile")));
    let (conn, conn_out, conn_busy) = (RwSignal::new(String::new()), outcome(), RwSignal::new(false));
    let cs = cluster_signal();
    let lookup = Callback::new(move |_: ()| {
        let id = conn.get_untracked().trim().parse::<i64>().unwrap_or(-1);
        run(cs, conn_out, conn_busy, move |c| async move {
            api_ops::connection(&c, id).await.map(|v| as_text(&v["query_id"]))
        });
    });
    let (db, sql, dump_out, dump_busy) =
        (RwSignal::new("demo".to_string()), RwSignal::new(String::new()), outcome(), RwSignal::new(false));
    let dump = Callback::new(move |_: ()| {
        let (d, q) = (db.get_untracked(), sql.get_untracked());
        run(cs, dump_out, dump_busy, move |c| async move { api_ops::query_dump(&c, &d, &q).await.map(|v| as_text(&v)) });
    });
    let choices = [(0, "everything kept"), (15, "15 min"), (60, "1 hour"), (360, "6 hours"), (1440, "24 hours")];
    view! {
        <div class=s.cls("stack")>
            <h1>"Queries"</h1>
            <div class=s.cls("panel") data-query-history="">
                <h2>"History (query_detail)"</h2>
                <label class=s.cls("picker")>"Since "
                    <select on:change=move |ev| set(&[(SINCE, event_target_value(&ev))])>
                        {choices.into_iter().map(|(m, label)| view! {
                            <option value=m.to_string() selected=move || minutes.get() == m>{label}</option>
                        }).collect_view()}
                    </select>
                </label>
                {move || r.get().map(|rows| view! {
                    <span class="sb-dim" data-query-count=rows.len().to_string()>{format!("{} queries", rows.len())}</span>
                    <DataTable id="queries" columns=columns(profile_base) rows=Signal::derive(move || rows.clone()) export_name="queries" />
                })}
                {status(r, "query history")}
            </div>
            <div class=s.cls("cards")>
                <div class=s.cls("panel") data-connection="">
                    <h2>"Last query of a connection"</h2>
                    <div class=s.cls("form")>
                        <input type="number" placeholder="connection id" prop:value=move || conn.get()
                            on:input=move |ev| conn.set(event_target_value(&ev)) />
                        <button disabled=move || conn_busy.get() on:click=move |_| lookup.run(())>"Look up"</button>
                    </div>
                    {outcome_view(conn_out, "connection", lookup)}
                    {move || conn_out.get().and_then(|r| r.ok()).filter(|id| !id.is_empty()).map(|id| view! {
                        <a href=profile_link(&profile_base.get_untracked(), &id) data-connection-profile="">"Open its profile"</a>
                    })}
                </div>
                <div class=s.cls("panel") data-query-dump="">
                    <h2>"Query dump"</h2>
                    <div class=s.cls("form")>
                        <label>"Database " <input prop:value=move || db.get() on:input=move |ev| db.set(event_target_value(&ev)) /></label>
                    </div>
                    <textarea rows="4" placeholder="SELECT ..." prop:value=move || sql.get() on:input=move |ev| sql.set(event_target_value(&ev))></textarea>
                    <div><button disabled=move || dump_busy.get() on:click=move |_| dump.run(())>"Dump"</button></div>
                    {outcome_view(dump_out, "dump", dump)}
                </div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_starts_at_the_picked_time() {
        assert_eq!(since_ns(0, 1_700_000_000_000), 0);
        assert_eq!(since_ns(1, 1_700_000_060_000), 1_700_000_000_000 * 1_000_000);
        assert_eq!(profile_link("/x/profile", "a b"), "/x/profile?id=a%20b");
    }
}
