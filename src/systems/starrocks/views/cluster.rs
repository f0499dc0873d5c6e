//! The cluster: `/api/health` (BEs online), the FE, BE and CN tables of `show_proc`
//! (`/frontends`, `/backends`, `/compute_nodes`), the HA state (`show_meta_info?action=SHOW_HA`),
//! the FE's runtime info (`show_runtime_info`), the FE node's meta service (`fe_node`) and
//! database sizes (`SHOW_DB_SIZE`, `show_data`).

use super::metrics::node_targets;
use super::{scope, OpenRow, ProcGrid};
use crate::systems::starrocks::model::{ProcRow, ProcTable};
use crate::systems::starrocks::api;
use crate::ui::format::bytes;
use crate::ui::kit::{badge, kv, load, status};
use crate::ui::{KeyValue, Tone};
use leptos::prelude::*;
use serde_json::Value;

/// A JSON value as text (strings without quotes).
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A number kept as a string or a number, as bytes.
fn size(v: &Value) -> String {
    let n = v.as_f64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()));
    n.map(|n| bytes(n as i64)).unwrap_or_else(|| text(v))
}

/// The database sizes of `SHOW_DB_SIZE`, largest first.
pub fn db_sizes(v: &Value) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = v
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_i64().or_else(|| v.as_str().and_then(|s| s.parse().ok())).unwrap_or(0)))
                .collect()
        })
        .unwrap_or_default();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// A proc table section; the rows of BEs and CNs open their node page.
fn proc_section(title: &'static str, path: &'static str, id: &'static str) -> impl IntoView {
    let s = scope();
    let cluster = crate::shell::use_cluster();
    let base = Memo::new(move |_| cluster.with(|c| crate::ui::kit::link(c, "node")));
    let open: Option<OpenRow> = matches!(id, "be" | "cn").then(|| {
        let f: OpenRow = std::sync::Arc::new(move |r: &ProcRow| {
            node_targets(id, &ProcTable { columns: Vec::new(), rows: vec![r.clone()] })
                .pop()
                .map(|t| format!("{}/{}", base.get_untracked(), crate::url_state::encode_segment(&t)))
        });
        f
    });
    let r = load(move |c| async move { api::show_proc(&c, path).await });
    view! {
        <div class=s.cls("panel") data-section=id>
            <h2>{title}</h2>
            {move || r.get().map(|t| {
                let n = t.rows.len();
                let alive = t.rows.iter().filter(|r| r.get("Alive") == "true").count();
                view! {
                    <span class="sb-dim" data-count=n.to_string()>{format!("{n} nodes, {alive} alive")}</span>
                    {match open.clone() {
                        Some(o) => view! { <ProcGrid id=id table=t open=o /> }.into_any(),
                        None => view! { <ProcGrid id=id table=t /> }.into_any(),
                    }}
                }
            })}
            {status(r, title)}
        </div>
    }
}

/// The cluster page.
#[component]
pub fn ClusterPage() -> impl IntoView {
    let s = scope();
    let health = load(|c| async move { api::health(&c).await });
    let ha = load(|c| async move { api::show_ha(&c).await });
    let runtime = load(|c| async move { api::runtime_info(&c).await });
    let sizes = load(|c| async move { api::db_sizes(&c).await });
    let total = load(|c| async move { api::show_data(&c).await });
    view! {
        <div class=s.cls("stack")>
            <h1>"Cluster"</h1>
            <div class=s.cls("cards")>
                <div class=s.cls("panel") data-health="">
                    <h2>"Health"</h2>
                    {move || health.get().map(|v| {
                        let online = v["online_backend_num"].as_u64().unwrap_or(0);
                        let total = v["total_backend_num"].as_u64().unwrap_or(0);
                        let tone = if online < total { Tone::Warn } else { Tone::Ok };
                        view! {
                            {badge(tone, &text(&v["status"]))}
                            <span data-be-online=online.to_string() data-be-total=total.to_string()>{format!(" {online}/{total} backends online")}</span>
                        }
                    })}
                    {status(health, "health")}
                </div>
                <div class=s.cls("panel") data-ha="">
                    <h2>"HA (SHOW_HA)"</h2>
                    {move || ha.get().map(|v| {
                        let items = ["role", "master", "current_journal_id", "electable_nodes", "observer_nodes", "can_read", "is_ready", "last_checkpoint_version", "last_checkpoint_time"]
                            .iter()
                            .map(|k| (*k, text(&v[*k])))
                            .collect::<Vec<_>>();
                        view! { <KeyValue items=kv(&items) /> }
                    })}
                    {status(ha, "HA state")}
                </div>
                <div class=s.cls("panel") data-runtime="">
                    <h2>"FE runtime"</h2>
                    {move || runtime.get().map(|v| {
                        let items = [
                            ("free memory", size(&v["free_mem"])),
                            ("total memory", size(&v["total_mem"])),
                            ("max memory", size(&v["max_mem"])),
                            ("threads", text(&v["thread_cnt"])),
                        ];
                        view! { <KeyValue items=kv(&items) /> }
                    })}
                    {status(runtime, "runtime info")}
                </div>
            </div>
            {super::fe_node::fe_node_panel()}
            {proc_section("Frontends", "/frontends", "fe")}
            {proc_section("Backends", "/backends", "be")}
            {proc_section("Compute nodes", "/compute_nodes", "cn")}
            <div class=s.cls("panel") data-databases="">
                <h2>"Databases"</h2>
                {move || total.get().map(|t| view! { <span data-total-size=t.clone()>{format!("total data (show_data): {}", t.parse::<i64>().map(bytes).unwrap_or(t.clone()))}</span> })}
                {status(total, "total data size")}
                {move || sizes.get().map(|v| view! {
                    <table class=s.cls("table")>
                        <thead><tr><th>"Database"</th><th class="num">"Size"</th></tr></thead>
                        <tbody>
                            {db_sizes(&v).into_iter().map(|(db, n)| view! {
                                <tr data-db=db.clone()><td>{db.clone()}</td><td class=s.cls("num")>{bytes(n)}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
                {status(sizes, "database sizes")}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_sizes_read_show_db_size() {
        let v: Value = serde_json::from_str(include_str!("../fixtures/show_meta_info-SHOW_DB_SIZE.json")).unwrap();
        assert_eq!(db_sizes(&v), vec![("demo".to_string(), 1048576), ("_statistics_".to_string(), 20480)]);
        let r: Value = serde_json::from_str(include_str!("../fixtures/show_runtime_info.json")).unwrap();
        assert_eq!(size(&r["total_mem"]), bytes(2147483648));
    }
}
