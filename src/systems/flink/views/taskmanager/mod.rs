//! One task manager (`/taskmanagers/:tmid/:tab`): overview (hardware, memory model, resources,
//! slots, JVM figures), live metric charts, logs, stdout, thread dump and profiler (1.19+).

use crate::url_state::REFRESH;
use crate::ui::kit::{link, link_with, load, param, status};
use super::process::jvm::JvmCharts;
use super::process::logs::{LogsView, StdoutView};
use super::process::profiler::ProfilerView;
use super::process::profiling::profiler_gate;
use super::process::threads::ThreadDumpView;
use super::scope;
use crate::shell::use_cluster;
use crate::systems::flink::api::{self, MetricScope, Process};
use crate::systems::flink::context::use_flink;
use crate::systems::flink::model::{
    AllocatedSlot, MemoryConfiguration, ResourceProfile, TaskManagerInfo, TaskManagerMetrics,
};
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::{bytes, count, local_time, number};
use crate::ui::tabs::{tab_links, tab_set, TabSet, Tabs};
use crate::ui::{DataTable, KeyValue};
use crate::url_state::encode_segment;
use leptos::prelude::*;

tab_set! {
    /// A task manager's tabs (`/taskmanagers/:tmid/:tab`).
    pub enum TmTab {
        /// Hardware, memory model, slots (the default).
        Overview = ("", "Overview"),
        /// Live JVM charts.
        Metrics = ("metrics", "Metrics"),
        /// Log files and the log viewer.
        Logs = ("logs", "Logs"),
        /// Standard output.
        Stdout = ("stdout", "Stdout"),
        /// A thread dump.
        Threads = ("threads", "Thread dump"),
        /// Profiling runs (1.19+).
        Profiler = ("profiler", "Profiler"),
    }
}

/// The label of a process tab: the profiler says when the cluster is too old for it (the tab
/// stays, and explains).
pub fn tab_label(slug: &str, label: &str, version: Option<&str>) -> String {
    if slug == "profiler" && profiler_gate(version).is_some() {
        format!("{label} (1.19+)")
    } else {
        label.to_string()
    }
}

/// The parts of the process memory, in the order Flink's memory model stacks them:
/// `(name, bytes, colour)`.
pub fn memory_parts(m: &MemoryConfiguration) -> Vec<(&'static str, i64, &'static str)> {
    [
        ("Framework heap", m.framework_heap, "#93c5fd"),
        ("Task heap", m.task_heap, "#3b82f6"),
        ("Managed memory", m.managed_memory, "#f59e0b"),
        ("Network", m.network_memory, "#10b981"),
        ("Framework off-heap", m.framework_off_heap, "#c4b5fd"),
        ("Task off-heap", m.task_off_heap, "#8b5cf6"),
        ("JVM metaspace", m.jvm_metaspace, "#f472b6"),
        ("JVM overhead", m.jvm_overhead, "#9ca3af"),
    ]
    .into_iter()
    .filter(|(_, b, _)| *b > 0)
    .collect()
}

/// Facts of a task manager.
pub fn tm_facts(t: &TaskManagerInfo) -> Vec<(String, String)> {
    let mut v = vec![
        ("Id".to_string(), t.id.clone()),
        ("Address".into(), t.path.clone()),
        ("Data port".into(), t.data_port.to_string()),
        (
            "JMX port".into(),
            if t.jmx_port > 0 {
                t.jmx_port.to_string()
            } else {
                "off".into()
            },
        ),
        (
            "Last heartbeat".into(),
            local_time(t.time_since_last_heartbeat),
        ),
        (
            "Slots".into(),
            format!("{} ({} free)", t.slots_number, t.free_slots),
        ),
        ("CPU cores".into(), t.hardware.cpu_cores.to_string()),
        ("Physical memory".into(), bytes(t.hardware.physical_memory)),
        ("JVM heap size".into(), bytes(t.hardware.free_memory)),
        (
            "Flink managed memory".into(),
            bytes(t.hardware.managed_memory),
        ),
    ];
    if let Some(n) = t.assigned_tasks {
        v.push(("Tasks".into(), n.to_string()));
    }
    if let Some(b) = t.blocked {
        v.push(("Blocked".into(), if b { "yes" } else { "no" }.into()));
    }
    v
}

/// JVM and shuffle figures of the details answer.
pub fn jvm_facts(m: &TaskManagerMetrics) -> Vec<(String, String)> {
    let of = |used: i64, max: i64| format!("{} of {}", bytes(used), bytes(max));
    let mut v = vec![
        (
            "Heap".to_string(),
            format!(
                "{} used, {} committed, {} max",
                bytes(m.heap_used),
                bytes(m.heap_committed),
                bytes(m.heap_max)
            ),
        ),
        (
            "Non-heap".into(),
            format!(
                "{} used, {} committed",
                bytes(m.non_heap_used),
                bytes(m.non_heap_committed)
            ),
        ),
        (
            "Direct buffers".into(),
            format!(
                "{} buffers, {}",
                count(m.direct_count),
                of(m.direct_used, m.direct_max)
            ),
        ),
        (
            "Mapped buffers".into(),
            format!(
                "{} buffers, {}",
                count(m.mapped_count),
                of(m.mapped_used, m.mapped_max)
            ),
        ),
    ];
    let segments = m
        .netty_shuffle_memory_segments_total
        .map(|t| (m.netty_shuffle_memory_segments_used.unwrap_or(0), t))
        .or_else(|| {
            m.memory_segments_total
                .map(|t| (t - m.memory_segments_available.unwrap_or(t), t))
        });
    if let Some((used, total)) = segments {
        v.push((
            "Network segments".into(),
            format!("{} of {} used", count(used), count(total)),
        ));
    }
    for gc in &m.garbage_collectors {
        v.push((
            format!("GC {}", gc.name),
            format!("{} collections, {} ms", count(gc.count), count(gc.time)),
        ));
    }
    v
}

fn resources(r: &ResourceProfile) -> String {
    format!(
        "{} CPU, task heap {} MB, task off-heap {} MB, managed {} MB, network {} MB",
        number(r.cpu_cores, 2),
        r.task_heap_memory,
        r.task_off_heap_memory,
        r.managed_memory,
        r.network_memory
    )
}

fn memory_model(m: &MemoryConfiguration) -> AnyView {
    let s = scope();
    let parts = memory_parts(m);
    let total = parts.iter().map(|p| p.1).sum::<i64>().max(1) as f64;
    view! {
        <div class=s.cls("memory") role="img" aria-label="Memory model">
            {parts.iter().map(|(name, b, colour)| view! {
                <div class=s.cls("segment") style=format!("width:{:.2}%;background:{colour}", *b as f64 / total * 100.0)
                    title=format!("{name}: {}", bytes(*b))></div>
            }).collect_view()}
        </div>
        <div class="sb-row" style="font-size:12px">
            {parts.iter().map(|(name, b, colour)| view! {
                <span class="sb-row" style="gap:4px"><span style=format!("width:10px;height:10px;border-radius:2px;background:{colour}")></span>{format!("{name} {}", bytes(*b))}</span>
            }).collect_view()}
        </div>
        <div class="sb-dim">{format!("Total Flink memory {}, total process memory {}", bytes(m.total_flink_memory), bytes(m.total_process_memory))}</div>
    }
    .into_any()
}

#[component]
fn TmOverview(tmid: Memo<String>) -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let r = load(move |c| {
        let id = tmid.get();
        async move { api::taskmanager(&c, &id).await }
    });
    let data = r;
    let slot_columns = vec![
        col::view(
            "job",
            "Job",
            |a: &AllocatedSlot| a.job_id.as_str().into(),
            move |a: &AllocatedSlot| {
                view! { <a href=link(&cluster.get_untracked(), &format!("jobs/{}", a.job_id))>{a.job_id.clone()}</a> }.into_any()
            },
        ),
        col::text("resources", "Resources", |a: &AllocatedSlot| {
            resources(&a.resource).into()
        }),
        col::num("tasks", "Tasks", |a: &AllocatedSlot| {
            a.assigned_tasks.into()
        }),
    ];
    view! {
        {status(r, "task manager")}
        <div class=s.cls("stack")>
            <KeyValue items=Signal::derive(move || data.with(|d| d.map(tm_facts).unwrap_or_default())) />
            {move || data.with(|d| d.and_then(|d| d.memory_configuration.clone()).map(|m| view! { <section><h2>"Memory model"</h2>{memory_model(&m)}</section> }))}
            {move || data.with(|d| d.map(|d| {
                let mut items = Vec::new();
                if let Some(t) = &d.total_resource { items.push(("Total".to_string(), resources(t))); }
                if let Some(f) = &d.free_resource { items.push(("Free".to_string(), resources(f))); }
                view! { <section><h2>"Resources"</h2><KeyValue items /></section> }
            }))}
            {move || data.with(|d| d.and_then(|d| d.metrics.clone()).map(|m| view! { <section><h2>"JVM"</h2><KeyValue items=jvm_facts(&m) /></section> }))}
            <section>
                <h2>"Allocated slots"</h2>
                <DataTable id="slots" columns=slot_columns rows=Signal::derive(move || data.with(|d| d.map(|d| any_rows(d.allocated_slots.clone())).unwrap_or_default())) export_name="slots" />
            </section>
        </div>
    }
}

/// A task manager's page.
#[component]
pub fn TaskManagerPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let flink = use_flink();
    let tmid = param("tmid");
    let tab_param = param("tab");
    let tab = Memo::new(move |_| TmTab::parse(Some(&tab_param.get())));
    let tabs = Signal::derive(move || {
        let (c, id, current, version) = (cluster.get(), tmid.get(), tab.get(), flink.version());
        tab_links(
            current,
            |t| {
                link_with(
                    &c,
                    &format!("taskmanagers/{}/{}", encode_segment(&id), t.slug()),
                    &[REFRESH],
                    &[],
                )
            },
            |t| tab_label(t.slug(), t.label(), version.as_deref()),
        )
    });
    view! {
        <div class=s.cls("stack")>
            <h1>{move || format!("Task manager {}", tmid.get())}</h1>
            <div>
                <Tabs tabs />
                {move || {
                    let p = Process::TaskManager(tmid.get());
                    match tab.get() {
                        TmTab::Metrics => view! { <JvmCharts source=MetricScope::TaskManager(tmid.get()) task_manager=true /> }.into_any(),
                        TmTab::Logs => view! { <LogsView process=p /> }.into_any(),
                        TmTab::Stdout => view! { <StdoutView process=p /> }.into_any(),
                        TmTab::Threads => view! { <ThreadDumpView process=p /> }.into_any(),
                        TmTab::Profiler => view! { <ProfilerView process=p /> }.into_any(),
                        TmTab::Overview => view! { <TmOverview tmid /> }.into_any(),
                    }
                }}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tm(v: &str) -> TaskManagerInfo {
        serde_json::from_str(
            &std::fs::read_to_string(format!(
                "src/systems/flink/fixtures/{v}/taskmanager-detail.json"
            ))
            .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn memory_model_parts_add_up_to_the_process_memory() {
        // The 2.3 answer is a recording of a real task manager; the 1.12 one is hand-made.
        let t = tm("2.3");
        let m = t.memory_configuration.as_ref().unwrap();
        let parts = memory_parts(m);
        assert_eq!(parts.len(), 7, "task off-heap is 0 and left out: {parts:?}");
        assert_eq!(
            parts.iter().map(|p| p.1).sum::<i64>(),
            m.total_process_memory
        );
        assert!(memory_parts(tm("1.12").memory_configuration.as_ref().unwrap()).len() >= 6);
    }

    #[test]
    fn jvm_figures_read_network_segments_of_either_version() {
        for v in ["1.12", "2.3"] {
            let f = jvm_facts(tm(v).metrics.as_ref().unwrap());
            assert!(f.iter().any(|(k, _)| k == "Network segments"), "{v}: {f:?}");
            assert!(f.iter().any(|(k, _)| k.starts_with("GC ")), "{v}");
        }
        assert!(tm_facts(&tm("2.3")).iter().any(|(k, _)| k == "Tasks"));
    }
}
