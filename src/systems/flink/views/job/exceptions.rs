//! The job's failures (`GET /jobs/:jobid/exceptions?maxExceptions=N`): the root cause first,
//! then the history, each with its stack trace, the task and where it ran; 2.x entries also list
//! the failures that happened with them and their failure labels.

use super::use_job;
use crate::systems::flink::api;
use crate::systems::flink::model::{ExceptionHistoryEntry, ExceptionSummary, JobExceptions};
use crate::systems::flink::views::common::{empty, load, query, set_query, status};
use crate::systems::flink::views::scope;
use crate::ui::format::local_time;
use leptos::prelude::*;

/// Exceptions asked for by default.
pub const DEFAULT_MAX: u32 = 20;

/// A failure as listed: what [`JobExceptions::summaries`] gives, with the failures that came
/// with it and its labels (2.x).
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// The failure.
    pub summary: ExceptionSummary,
    /// Failures at the same time.
    pub concurrent: Vec<ExceptionSummary>,
    /// Failure labels, `key=value`.
    pub labels: Vec<String>,
}

fn summary_of(e: &ExceptionHistoryEntry) -> ExceptionSummary {
    ExceptionSummary {
        timestamp: e.timestamp,
        headline: e.stacktrace.lines().next().filter(|l| !l.trim().is_empty()).unwrap_or(&e.exception_name).to_string(),
        task: e.task_name.clone(),
        location: e.endpoint.clone().or_else(|| e.location.clone()),
        stacktrace: e.stacktrace.clone(),
    }
}

/// The failures to list, newest first, from either format.
pub fn failures(ex: &JobExceptions) -> Vec<Failure> {
    let summaries = ex.summaries();
    let history = ex.exception_history.as_ref().map(|h| h.entries.as_slice()).unwrap_or_default();
    summaries
        .into_iter()
        .enumerate()
        .map(|(i, summary)| {
            let entry = history.get(i).filter(|h| h.timestamp == summary.timestamp);
            Failure {
                summary,
                concurrent: entry.map(|h| h.concurrent_exceptions.iter().map(summary_of).collect()).unwrap_or_default(),
                labels: entry.map(|h| h.failure_labels.iter().map(|(k, v)| format!("{k}={v}")).collect()).unwrap_or_default(),
            }
        })
        .collect()
}

fn failure_view(f: Failure, root: bool) -> AnyView {
    let s = scope();
    let where_ = [f.summary.task.clone(), f.summary.location.clone()].into_iter().flatten().collect::<Vec<_>>().join(" @ ");
    let concurrent = f.concurrent.len();
    view! {
        <details class=s.cls("entry") open=root data-exception="">
            <summary class=s.cls("entry-head")>
                {root.then(|| view! { <strong>"Root cause"</strong> })}
                <span class="sb-dim">{local_time(f.summary.timestamp)}</span>
                <span>{f.summary.headline.clone()}</span>
                <span class="sb-dim">{where_}</span>
                {(concurrent > 0).then(|| view! { <span class="sb-dim">{format!("+{concurrent} concurrent")}</span> })}
            </summary>
            {(!f.labels.is_empty()).then(|| view! { <div class="sb-dim">{format!("Labels: {}", f.labels.join(", "))}</div> })}
            <pre class=s.cls("trace")>{f.summary.stacktrace.clone()}</pre>
            {f.concurrent.into_iter().map(|c| view! {
                <details class=s.cls("entry")>
                    <summary class=s.cls("entry-head")><span>{c.headline.clone()}</span><span class="sb-dim">{c.task.clone().unwrap_or_default()}</span></summary>
                    <pre class=s.cls("trace")>{c.stacktrace.clone()}</pre>
                </details>
            }).collect_view()}
        </details>
    }
    .into_any()
}

/// The exceptions tab.
#[component]
pub fn ExceptionsTab() -> impl IntoView {
    let s = scope();
    let job = use_job();
    let setq = set_query();
    let max_q = query("max");
    let max = Memo::new(move |_| max_q.get().and_then(|m| m.parse::<u32>().ok()).unwrap_or(DEFAULT_MAX));
    let r = load(move |c| {
        let (j, m) = (job.jid.get(), max.get());
        async move { api::job_exceptions(&c, &j, m).await }
    });
    let data = r;
    let truncated = move || data.with(|d| d.is_some_and(|d| d.exception_history.as_ref().map(|h| h.truncated).or(d.truncated).unwrap_or(false)));
    view! {
        {status(r, "exceptions")}
        <div class=s.cls("stack")>
            {move || data.with(|d| d.map(|d| {
                let list = failures(d);
                if list.is_empty() {
                    empty("No exceptions: the job has not failed.")
                } else {
                    list.into_iter().enumerate().map(|(i, f)| failure_view(f, i == 0)).collect_view().into_any()
                }
            }))}
            <Show when=truncated>
                <div class="sb-row">
                    <span class="sb-dim">"Older exceptions were left out."</span>
                    <button on:click={ let setq = setq.clone(); move |_| setq(&[("max", (max.get_untracked() * 2).to_string())]) }>"Show more"</button>
                </div>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> JobExceptions {
        serde_json::from_str(&std::fs::read_to_string(format!("src/systems/flink/fixtures/{name}.json")).unwrap()).unwrap()
    }

    #[test]
    fn both_formats_list_the_root_cause_first() {
        for name in ["1.12/job-exceptions", "2.3/job-exceptions"] {
            let f = failures(&fixture(name));
            assert!(!f.is_empty(), "{name}");
            assert!(!f[0].summary.headline.is_empty(), "{name}");
            assert!(f[0].summary.stacktrace.contains("at "), "{name}: a stack trace");
        }
        assert!(failures(&fixture("1.12/job-exceptions-none")).is_empty());
    }

    #[test]
    fn history_entries_read_as_their_first_line() {
        let f = failures(&fixture("2.3/job-exceptions"));
        assert_eq!(f.len(), 2);
        assert!(f[0].summary.headline.starts_with("java.lang.IllegalStateException: Switchboard test failure"), "{}", f[0].summary.headline);
        assert!(f[0].concurrent.is_empty() && f[0].labels.is_empty());
    }
}
