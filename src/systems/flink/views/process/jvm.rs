//! Live JVM charts of a process: heap, non-heap, metaspace, garbage collection, threads, CPU and
//! (task managers) network buffers and managed memory. Ids of both 1.x and 2.x are asked for;
//! Flink leaves out those it does not have.

use crate::systems::flink::api::MetricScope;
use crate::systems::flink::views::live_metrics::{ChartSpec, LiveCharts};
use crate::ui::chart::default_format;
use crate::ui::format::{bytes, percent};
use leptos::prelude::*;

fn mem(v: f64) -> String {
    bytes(v as i64)
}

fn share(v: f64) -> String {
    percent(v)
}

fn chart(title: &str, format: fn(f64) -> String, series: &[(&str, &str)]) -> ChartSpec {
    ChartSpec {
        title: title.into(),
        series: series
            .iter()
            .map(|(l, id)| (l.to_string(), id.to_string()))
            .collect(),
        format,
    }
}

/// The charts of a JVM; `task_manager` adds network buffers and managed memory.
pub fn jvm_charts(task_manager: bool) -> Vec<ChartSpec> {
    let mut v = vec![
        chart(
            "Heap",
            mem,
            &[
                ("used", "Status.JVM.Memory.Heap.Used"),
                ("committed", "Status.JVM.Memory.Heap.Committed"),
                ("max", "Status.JVM.Memory.Heap.Max"),
            ],
        ),
        chart(
            "Non-heap",
            mem,
            &[
                ("used", "Status.JVM.Memory.NonHeap.Used"),
                ("committed", "Status.JVM.Memory.NonHeap.Committed"),
            ],
        ),
        chart(
            "Metaspace",
            mem,
            &[
                ("used", "Status.JVM.Memory.Metaspace.Used"),
                ("committed", "Status.JVM.Memory.Metaspace.Committed"),
            ],
        ),
        chart(
            "Garbage collection (ms per second)",
            default_format,
            &[
                ("all", "Status.JVM.GarbageCollector.All.TimeMsPerSecond"),
                (
                    "young",
                    "Status.JVM.GarbageCollector.G1_Young_Generation.TimeMsPerSecond",
                ),
                (
                    "old",
                    "Status.JVM.GarbageCollector.G1_Old_Generation.TimeMsPerSecond",
                ),
            ],
        ),
        chart(
            "Garbage collections (count)",
            default_format,
            &[
                (
                    "young",
                    "Status.JVM.GarbageCollector.G1_Young_Generation.Count",
                ),
                ("old", "Status.JVM.GarbageCollector.G1_Old_Generation.Count"),
                ("all", "Status.JVM.GarbageCollector.All.Count"),
            ],
        ),
        chart("CPU load", share, &[("load", "Status.JVM.CPU.Load")]),
        chart(
            "Threads",
            default_format,
            &[("threads", "Status.JVM.Threads.Count")],
        ),
        chart(
            "Direct memory",
            mem,
            &[
                ("used", "Status.JVM.Memory.Direct.MemoryUsed"),
                ("capacity", "Status.JVM.Memory.Direct.TotalCapacity"),
            ],
        ),
    ];
    if task_manager {
        v.push(chart(
            "Network buffers (segments)",
            default_format,
            &[
                ("used", "Status.Shuffle.Netty.UsedMemorySegments"),
                ("total", "Status.Shuffle.Netty.TotalMemorySegments"),
                ("available (1.x)", "Status.Network.AvailableMemorySegments"),
                ("total (1.x)", "Status.Network.TotalMemorySegments"),
            ],
        ));
        v.push(chart(
            "Managed memory",
            mem,
            &[
                ("used", "Status.Flink.Memory.Managed.Used"),
                ("total", "Status.Flink.Memory.Managed.Total"),
            ],
        ));
    }
    v
}

/// The JVM charts of the process whose metrics live in `source`.
#[component]
pub fn JvmCharts(
    /// The process's metric scope.
    source: MetricScope,
    /// Whether it is a task manager.
    #[prop(optional)]
    task_manager: bool,
) -> impl IntoView {
    view! { <LiveCharts source=Signal::stored(source) charts=Signal::stored(jvm_charts(task_manager)) /> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::flink::model::MetricValue;

    #[test]
    fn task_manager_charts_ask_for_ids_the_2_3_task_manager_has() {
        let list: Vec<MetricValue> = serde_json::from_str(include_str!(
            "../../fixtures/2.3/taskmanager-metrics-list.json"
        ))
        .unwrap();
        let charts = jvm_charts(true);
        for c in &charts {
            assert!(
                c.series
                    .iter()
                    .any(|(_, id)| list.iter().any(|m| &m.id == id)),
                "no id of '{}' is served by 2.3",
                c.title
            );
        }
        assert!(jvm_charts(false).len() < charts.len());
    }
}
