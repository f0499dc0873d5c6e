//! A thread dump (`.../thread-dump`): every thread with its state and stack, searchable,
//! expandable, and downloadable as text.

use crate::systems::flink::api::{self, Process};
use crate::systems::flink::model::ThreadInfo;
use crate::ui::kit::{load_once, status};
use crate::systems::flink::views::scope;
use crate::ui::download::download_text;
use leptos::prelude::*;

/// The thread's state from its first line (`"main" Id=1 WAITING on ...` → `WAITING`).
pub fn thread_state(t: &ThreadInfo) -> String {
    let first = t.stringified_thread_info.lines().next().unwrap_or_default();
    let after_name = first
        .rsplit_once('"')
        .map(|(_, rest)| rest)
        .unwrap_or(first);
    after_name
        .split_whitespace()
        .find(|w| w.chars().all(|c| c.is_ascii_uppercase() || c == '_') && w.len() > 3)
        .unwrap_or("")
        .to_string()
}

/// Threads whose name or stack contains `needle` (case-insensitive).
pub fn filter_threads<'a>(threads: &'a [ThreadInfo], needle: &str) -> Vec<&'a ThreadInfo> {
    let n = needle.trim().to_lowercase();
    threads
        .iter()
        .filter(|t| {
            n.is_empty()
                || t.thread_name.to_lowercase().contains(&n)
                || t.stringified_thread_info.to_lowercase().contains(&n)
        })
        .collect()
}

/// The thread dump of a process.
#[component]
pub fn ThreadDumpView(
    /// Whose threads.
    process: Process,
) -> impl IntoView {
    let s = scope();
    let p = StoredValue::new(process);
    let r = load_once(move |c| {
        let p = p.get_value();
        async move { api::thread_dump(&c, &p).await.map(|d| d.thread_infos) }
    });
    let threads = r;
    let needle = RwSignal::new(String::new());
    let download = move |_| {
        let text = threads.with_untracked(|t| {
            t.map(|t| {
                t.iter()
                    .map(|x| x.stringified_thread_info.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
        });
        download_text("thread-dump.txt", "text/plain", &text);
    };
    view! {
        <div class="sb-row" style="margin-bottom:8px">
            <input type="search" placeholder="Search threads and stacks" aria-label="Search threads" prop:value=move || needle.get()
                on:input=move |ev| needle.set(event_target_value(&ev)) />
            <button on:click=move |_| r.refetch()>"Take a new dump"</button>
            <button on:click=download>"Download"</button>
            <span class="sb-dim">{move || threads.with(|t| t.map(|t| format!("{} of {} threads", filter_threads(t, &needle.get()).len(), t.len())))}</span>
        </div>
        {status(r, "thread dump")}
        <div class=s.cls("stack") style="gap:4px">
            {move || threads.with(|t| t.map(|t| filter_threads(t, &needle.get()).into_iter().map(|x| view! {
                <details class=s.cls("entry")>
                    <summary class=s.cls("entry-head")><span class="sb-mono">{x.thread_name.clone()}</span><span class="sb-dim">{thread_state(x)}</span></summary>
                    <pre class=s.cls("trace")>{x.stringified_thread_info.clone()}</pre>
                </details>
            }).collect_view()))}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::flink::model::ThreadDump;

    #[test]
    fn states_and_search() {
        let d: ThreadDump = serde_json::from_str(include_str!(
            "../../fixtures/2.3/taskmanager-thread-dump.json"
        ))
        .unwrap();
        let main = d
            .thread_infos
            .iter()
            .find(|t| t.thread_name == "main")
            .unwrap();
        assert!(
            ["WAITING", "TIMED_WAITING", "RUNNABLE", "BLOCKED"]
                .contains(&thread_state(main).as_str()),
            "{}",
            thread_state(main)
        );
        assert_eq!(
            filter_threads(&d.thread_infos, "").len(),
            d.thread_infos.len()
        );
        assert!(filter_threads(&d.thread_infos, "MAIN")
            .iter()
            .any(|t| t.thread_name == "main"));
        let t = ThreadInfo {
            thread_name: "x y".into(),
            stringified_thread_info: "\"x y\" Id=7 TIMED_WAITING on a".into(),
        };
        assert_eq!(thread_state(&t), "TIMED_WAITING");
    }
}
