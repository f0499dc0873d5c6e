//! Failures as the job and application pages list them (`GET /jobs/:jobid/exceptions`,
//! `GET /applications/:applicationid/exceptions`): the root cause first, then the history, each
//! with its stack trace, the task and where it ran; 2.x entries also list the failures that
//! happened with them and their failure labels.

use crate::ui::kit::empty;
use super::scope;
use crate::systems::flink::model::{ExceptionHistoryEntry, ExceptionSummary, JobExceptions};
use crate::ui::format::local_time;
use leptos::prelude::*;

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
        headline: e
            .stacktrace
            .lines()
            .next()
            .filter(|l| !l.trim().is_empty())
            .unwrap_or(&e.exception_name)
            .to_string(),
        task: e.task_name.clone(),
        location: e.endpoint.clone().or_else(|| e.location.clone()),
        stacktrace: e.stacktrace.clone(),
    }
}

/// The failures to list, newest first, from either format.
pub fn failures(ex: &JobExceptions) -> Vec<Failure> {
    let summaries = ex.summaries();
    let history = ex
        .exception_history
        .as_ref()
        .map(|h| h.entries.as_slice())
        .unwrap_or_default();
    summaries
        .into_iter()
        .enumerate()
        .map(|(i, summary)| {
            let entry = history.get(i).filter(|h| h.timestamp == summary.timestamp);
            Failure {
                summary,
                concurrent: entry
                    .map(|h| h.concurrent_exceptions.iter().map(summary_of).collect())
                    .unwrap_or_default(),
                labels: entry
                    .map(|h| {
                        h.failure_labels
                            .iter()
                            .map(|(k, v)| format!("{k}={v}"))
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect()
}

fn failure_view(f: Failure, root: bool) -> AnyView {
    let s = scope();
    let where_ = [f.summary.task.clone(), f.summary.location.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" @ ");
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

/// The failures of `ex`, newest first with the first open as the root cause, or the `none` line
/// when there are none.
pub fn failure_list(ex: &JobExceptions, none: &str) -> AnyView {
    let list = failures(ex);
    if list.is_empty() {
        empty(none)
    } else {
        list.into_iter()
            .enumerate()
            .map(|(i, f)| failure_view(f, i == 0))
            .collect_view()
            .into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> JobExceptions {
        serde_json::from_str(
            &std::fs::read_to_string(format!("src/systems/flink/fixtures/{name}.json")).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn both_formats_list_the_root_cause_first() {
        for name in ["1.12/job-exceptions", "2.3/job-exceptions"] {
            let f = failures(&fixture(name));
            assert!(!f.is_empty(), "{name}");
            assert!(!f[0].summary.headline.is_empty(), "{name}");
            assert!(
                f[0].summary.stacktrace.contains("at "),
                "{name}: a stack trace"
            );
        }
        assert!(failures(&fixture("1.12/job-exceptions-none")).is_empty());
    }

    #[test]
    fn history_entries_read_as_their_first_line() {
        let f = failures(&fixture("2.3/job-exceptions"));
        assert_eq!(f.len(), 2);
        assert!(
            f[0].summary
                .headline
                .starts_with("java.lang.IllegalStateException: Switchboard test failure"),
            "{}",
            f[0].summary.headline
        );
        assert!(f[0].concurrent.is_empty() && f[0].labels.is_empty());
    }

    #[test]
    fn an_application_without_failures_lists_none() {
        assert!(failures(&fixture("2.3/application-exceptions")).is_empty());
    }
}
