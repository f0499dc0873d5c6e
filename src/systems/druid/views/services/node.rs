//! One process (`services/:node/:tab`): its status, health and self-discovery, its runtime
//! properties, and by type: a middle manager's enabled state, tasks, enable / disable, task
//! shutdown and a task's row stats and unparseable events (peon chat); a historical's or a
//! broker's load status and readiness. `coordinator`, `overlord`, `broker` and `router` as node
//! name mean that role of the cluster.

use super::{failed, part, scope};
use crate::shell::use_cluster;
use crate::systems::druid::api::services as api;
use crate::systems::druid::api::{self as druid_api, status as status_api, Target};
use crate::systems::druid::model::services::{node_kind, worker_enabled, NodeKind, Part};
use crate::systems::druid::model::status::ProcessStatus;
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::bytes;
use crate::ui::kit::{badge, empty, kv, link, link_with, load, load_once, param, query, set_query, status, toaster};
use crate::ui::tabs::{tab_links, tab_set, TabSet, Tabs};
use crate::ui::{ConfirmButton, DataTable, JsonView, KeyValue, ToastKind, Tone};
use crate::url_state::{QueryKey, REFRESH};
use leptos::prelude::*;

/// `?type=`: the node's type as a hint (`historical`, `middleManager`, `broker`...).
pub const TYPE: QueryKey = QueryKey::new("type");
/// `?task=`: the task whose row stats and unparseable events are shown.
pub const TASK: QueryKey = QueryKey::new("task");

tab_set! {
    /// The tabs of a process.
    pub enum ServiceTab {
        /// Status, health and self-discovery (the default).
        Status = ("", "Status"),
        /// Runtime properties.
        Properties = ("properties", "Properties"),
        /// What its type offers (worker, historical or broker).
        Role = ("role", "Role"),
    }
}

/// The target a node name stands for: a role of the cluster, or a reported `host:port`.
pub fn node_target(node: &str) -> Target {
    match node {
        "coordinator" => Target::Coordinator,
        "overlord" => Target::Overlord,
        "broker" => Target::Broker,
        "router" => Target::Router,
        other => Target::Node(other.to_string()),
    }
}

fn role_label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::MiddleManager => "Worker",
        NodeKind::Historical => "Segment loading",
        NodeKind::Broker => "Broker status",
        NodeKind::Other => "Role",
    }
}

/// The page of one process.
#[component]
pub fn ServicePage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let raw = param("node");
    let node = Memo::new(move |_| crate::url_state::decode(&raw.get()));
    let tab_param = param("tab");
    let tab = Memo::new(move |_| ServiceTab::parse(Some(&tab_param.get())));
    let hint = query(TYPE);
    let kinds = load_once(move |c| {
        let n = node.get();
        let hint = hint.get();
        async move {
            if n == "broker" {
                return Ok(NodeKind::Broker);
            }
            let servers = api::servers_simple(&c).await.unwrap_or_default();
            let workers = api::workers(&c).await.unwrap_or_default();
            Ok(node_kind(&n, &servers, &workers, hint.as_deref()))
        }
    });
    let kind = Signal::derive(move || kinds.get().unwrap_or(NodeKind::Other));
    let tabs = Signal::derive(move || {
        let (c, current, n, k) = (cluster.get(), tab.get(), node.get(), kind.get());
        let base = format!("services/{}", crate::url_state::encode_segment(&n));
        tab_links(
            current,
            |t| {
                let path = if t.slug().is_empty() { base.clone() } else { format!("{base}/{}", t.slug()) };
                link_with(&c, &path, &[REFRESH, TYPE], &[])
            },
            |t| match t {
                ServiceTab::Role => role_label(k).to_string(),
                other => other.label().to_string(),
            },
        )
    });
    let disabled = Signal::derive(move || {
        if kind.get() == NodeKind::Other {
            vec![("Role".to_string(), "Only workers, historicals and brokers have more to show".to_string())]
        } else {
            vec![]
        }
    });
    view! {
        <div class=s.cls("stack")>
            <div class=s.cls("row")>
                <a href=move || link(&cluster.get(), "services")>"Services"</a>
                <span>"/"</span>
            </div>
            <h1 data-node-title=move || node.get()>{move || node.get()}" "
                {move || { let k = kind.get(); (k != NodeKind::Other).then(|| badge(Tone::Unknown, k.slug())) }}</h1>
            <div>
                <Tabs tabs disabled />
                {move || {
                    let n = node.get();
                    match tab.get() {
                        ServiceTab::Properties => view! { <Properties node=n /> }.into_any(),
                        ServiceTab::Role => match kind.get() {
                            NodeKind::MiddleManager => view! { <WorkerTab node=n /> }.into_any(),
                            NodeKind::Historical => view! { <Readiness node=n broker=false /> }.into_any(),
                            NodeKind::Broker => view! { <Readiness node=n broker=true /> }.into_any(),
                            NodeKind::Other => empty("Nothing more for this type of process."),
                        },
                        ServiceTab::Status => view! { <StatusTab node=n /> }.into_any(),
                    }
                }}
            </div>
        </div>
    }
}

#[derive(Clone, Debug, PartialEq)]
struct NodeStatus {
    status: Part<ProcessStatus>,
    health: Part<String>,
    discovered: Part<bool>,
    discovered_code: Part<String>,
}

#[component]
fn StatusTab(node: String) -> impl IntoView {
    let s = scope();
    let target = node_target(&node);
    let r = load(move |c| {
        let t = target.clone();
        async move {
            Ok(NodeStatus {
                status: part(status_api::status(&c, &t).await),
                health: part(status_api::health(&c, &t).await),
                discovered: part(status_api::self_discovered_status(&c, &t).await.map(|d| d.self_discovered)),
                discovered_code: part(status_api::self_discovered(&c, &t).await.map(|_| "200 OK".to_string())),
            })
        }
    });
    let facts = Signal::derive(move || {
        r.with(|d| {
            let Some(d) = d else { return vec![] };
            let text = |p: &Part<String>| p.clone().unwrap_or_else(|e| format!("failed: {e}"));
            let mut v = vec![
                ("Version", d.status.as_ref().map(|s| s.version.clone()).unwrap_or_else(|e| format!("failed: {e}"))),
                ("Health (/status/health)", text(&d.health).trim().to_string()),
                ("Self-discovered", d.discovered.as_ref().map(|b| b.to_string()).unwrap_or_else(|e| format!("failed: {e}"))),
                ("/status/selfDiscovered", text(&d.discovered_code)),
            ];
            if let Some(m) = d.status.as_ref().ok().and_then(|s| s.memory.clone()) {
                let b = |x: Option<i64>| x.map(bytes).unwrap_or_default();
                v.push(("Heap max", b(m.max_memory)));
                v.push(("Heap used", b(m.used_memory)));
                v.push(("Heap free", b(m.free_memory)));
                v.push(("Direct memory", b(m.direct_memory)));
            }
            kv(&v)
        })
    });
    let modules = Signal::derive(move || {
        r.with(|d| {
            d.and_then(|d| d.status.as_ref().ok())
                .map(|s| s.modules.clone())
                .unwrap_or_default()
        })
    });
    use crate::systems::druid::model::status::Module;
    let columns = vec![
        col::text("name", "Module", |m: &Module| m.name.as_str().into()),
        col::text("artifact", "Artifact", |m: &Module| m.artifact.clone().unwrap_or_default().into()),
        col::text("version", "Version", |m: &Module| m.version.clone().unwrap_or_default().into()),
    ];
    view! {
        <div class=s.cls("stack")>
            {status(r, "status")}
            {move || r.with(|d| d.map(|d| {
                let mut v = Vec::new();
                if let Err(e) = &d.status { v.push(failed("status", e)); }
                if let Err(e) = &d.health { v.push(failed("health", e)); }
                v.collect_view()
            }))}
            <div data-node-status="">
                <KeyValue items=facts />
            </div>
            <h2>"Extensions"</h2>
            <DataTable id="modules" columns rows=Signal::derive(move || any_rows(modules.get())) />
        </div>
    }
}

#[component]
fn Properties(node: String) -> impl IntoView {
    let target = node_target(&node);
    let r = load_once(move |c| {
        let t = target.clone();
        async move { status_api::properties(&c, &t).await }
    });
    let rows = Signal::derive(move || {
        r.with(|d| {
            any_rows(
                d.map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>())
                    .unwrap_or_default(),
            )
        })
    });
    let columns = vec![
        col::text("key", "Property", |p: &(String, String)| p.0.as_str().into()),
        col::text("value", "Value", |p: &(String, String)| p.1.as_str().into()),
    ];
    view! {
        {status(r, "properties")}
        <DataTable id="properties" columns rows export_name="properties" />
    }
}

#[component]
fn Readiness(node: String, broker: bool) -> impl IntoView {
    let target = node_target(&node);
    let n = node.clone();
    let r = load(move |c| {
        let (t, n) = (target.clone(), n.clone());
        async move {
            let (load, ready) = if broker {
                (part(api::broker_load_status(&c, &t).await), part(api::broker_readiness(&c, &t).await))
            } else {
                (part(api::historical_load_status(&c, &n).await), part(api::historical_readiness(&c, &n).await))
            };
            Ok((load, ready))
        }
    });
    let prefix = if broker { "/druid/broker/v1" } else { "/druid/historical/v1" };
    view! {
        {status(r, "load status")}
        {move || r.get().map(|(load, ready)| {
            let ready_view = match &ready {
                Ok(true) => badge(Tone::Ok, "ready"),
                Ok(false) => badge(Tone::Warn, "not ready (503)"),
                Err(e) => failed("readiness", e),
            };
            let load_view = match load {
                Ok(v) => view! { <JsonView value=Signal::stored(v) /> }.into_any(),
                Err(e) => failed("load status", &e),
            };
            view! {
                <h2>{format!("{prefix}/readiness")}</h2>
                <div data-readiness=format!("{:?}", ready.as_ref().ok())>{ready_view}</div>
                <h2>{format!("{prefix}/loadstatus")}</h2>
                <div data-loadstatus="">{load_view}</div>
            }
        })}
    }
}

#[component]
fn WorkerTab(node: String) -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let toast = toaster();
    let error = RwSignal::new(None::<String>);
    let n = StoredValue::new(node.clone());
    let r = load(move |c| {
        let n = n.get_value();
        async move {
            let enabled = part(api::worker_enabled(&c, &n).await.map(|m| worker_enabled(&m, &n)));
            let tasks = part(api::worker_tasks(&c, &n).await);
            Ok((enabled, tasks))
        }
    });
    let act = move |enable: bool| {
        let c = cluster.get_untracked();
        let n = n.get_value();
        error.set(None);
        leptos::task::spawn_local(async move {
            let res = if enable { api::enable_worker(&c, &n).await } else { api::disable_worker(&c, &n).await };
            match res {
                Ok(_) => {
                    toast(ToastKind::Success, format!("{} {}", n, if enable { "enabled" } else { "disabled" }));
                    r.refetch();
                }
                Err(e) => {
                    let _ = error.try_set(Some(druid_api::error_text(&e)));
                }
            }
        });
    };
    let shutdown = move |task: String| {
        let c = cluster.get_untracked();
        let n = n.get_value();
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::shutdown_worker_task(&c, &n, &task).await {
                Ok(_) => {
                    toast(ToastKind::Success, format!("Shutdown of {task} requested"));
                    r.refetch();
                }
                Err(e) => {
                    let _ = error.try_set(Some(druid_api::error_text(&e)));
                }
            }
        });
    };
    let setq = set_query();
    let tasks = Signal::derive(move || r.with(|d| d.and_then(|d| d.1.clone().ok()).unwrap_or_default()));
    let columns = vec![
        col::view(
            "id",
            "Task",
            |t: &String| t.as_str().into(),
            move |t: &String| {
                let href = link(&cluster.get_untracked(), &format!("tasks/{}", crate::url_state::encode_segment(t)));
                view! { <a href=href>{t.clone()}</a> }.into_any()
            },
        ),
        crate::ui::Column::actions("actions", {
            let setq = setq.clone();
            move |row: &crate::ui::any_row::AnyRow| {
                let Some(t) = crate::ui::any_row::row_as::<String>(row).cloned() else { return ().into_any() };
                let setq = setq.clone();
                let t2 = t.clone();
                view! {
                    <button data-row-stats=t.clone() on:click=move |_| setq(&[(TASK, t2.clone())])>"Row stats"</button>
                    <ConfirmButton label="Shut down" title="Shut down this task?" danger=true
                        message=format!("The middle manager stops task {t}; its work so far may be lost.")
                        confirm_label="Shut down" on_confirm=Callback::new(move |_| shutdown(t.clone())) />
                }.into_any()
            }
        }),
    ];
    let enabled = Signal::derive(move || r.with(|d| d.and_then(|d| d.0.clone().ok()).flatten()));
    view! {
        <div class=s.cls("stack")>
            {status(r, "worker")}
            {move || r.with(|d| d.map(|d| {
                let mut v = Vec::new();
                if let Err(e) = &d.0 { v.push(failed("enabled", e)); }
                if let Err(e) = &d.1 { v.push(failed("tasks", e)); }
                v.collect_view()
            }))}
            <div class=s.cls("panel")>
                <div class=s.cls("row") data-worker-enabled=move || enabled.get().map(|b| b.to_string()).unwrap_or_default()>
                    <strong>"Worker: "</strong>
                    {move || match enabled.get() {
                        Some(true) => badge(Tone::Ok, "enabled"),
                        Some(false) => badge(Tone::Warn, "disabled"),
                        None => badge(Tone::Unknown, "unknown"),
                    }}
                    <ConfirmButton label="Disable" title="Disable this worker?" danger=true
                        message="The middle manager takes no new tasks until it is enabled again; running tasks go on."
                        confirm_label="Disable" disabled=Signal::derive(move || enabled.get() == Some(false))
                        on_confirm=Callback::new(move |_| act(false)) />
                    <button class="sb-primary" data-enable="" disabled=move || enabled.get() == Some(true) on:click=move |_| act(true)>"Enable"</button>
                </div>
                {move || error.get().map(|e| view! { <p class=s.cls("failed") role="alert" data-action-error="">{e}</p> })}
            </div>
            <h2>"Tasks on this worker"</h2>
            <DataTable id="wtasks" columns rows=Signal::derive(move || any_rows(tasks.get())) />
            <ChatPanel />
        </div>
    }
}

/// A task's row stats and unparseable events, asked of its peon (the chat handler) at the
/// task's location, which the overlord reports: a port of its own, not the middle manager's.
#[component]
fn ChatPanel() -> impl IntoView {
    let s = scope();
    let task = query(TASK);
    let setq = set_query();
    let typed = RwSignal::new(task.get_untracked().unwrap_or_default());
    Effect::new(move |_| {
        if let Some(t) = task.get() {
            typed.set(t);
        }
    });
    let go = move || setq(&[(TASK, typed.get_untracked().trim().to_string())]);
    view! {
        <section class=s.cls("panel")>
            <h2>"Row stats and unparseable events (peon chat)"</h2>
            <form class=s.cls("row") on:submit=move |ev| { ev.prevent_default(); go() }>
                <input type="text" aria-label="Task id" placeholder="Task id" size="60" data-task-input=""
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
                <button class="sb-primary" type="submit">"Show"</button>
            </form>
            {move || task.get().map(|t| view! { <div data-row-stats-result=t.clone()><crate::systems::druid::views::tasks::PeonCounts task=t.clone() /></div> })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_stand_for_the_cluster_targets_and_hosts_for_nodes() {
        assert_eq!(node_target("broker"), Target::Broker);
        assert_eq!(node_target("coordinator"), Target::Coordinator);
        assert_eq!(
            node_target("10.0.0.7:8091"),
            Target::Node("10.0.0.7:8091".into())
        );
        assert_eq!(ServiceTab::parse(Some("role")), ServiceTab::Role);
        assert_eq!(ServiceTab::parse(None), ServiceTab::Status);
        assert_eq!(role_label(NodeKind::MiddleManager), "Worker");
    }
}
