//! The job's execution result (`GET /jobs/:jobid/execution-result`): outcome, run time and, for
//! failed jobs, the cause with its stack trace.

use super::use_job;
use crate::systems::flink::api;
use crate::systems::flink::model::{JobExecutionResultResponse, QueueStatusId};
use crate::ui::kit::{load, status};
use crate::systems::flink::views::scope;
use crate::ui::format::{duration_ms, local_time};
use crate::ui::KeyValue;
use leptos::prelude::*;

/// The result as `(label, value)`; `None` while the job runs.
pub fn result_facts(r: &JobExecutionResultResponse) -> Option<Vec<(String, String)>> {
    if r.status.id != QueueStatusId::Completed {
        return None;
    }
    let x = r.job_execution_result.as_ref()?;
    let mut v = vec![("Job id".to_string(), x.id.clone())];
    if let Some(n) = &x.name {
        v.push(("Name".into(), n.clone()));
    }
    v.push(("Outcome".into(), x.application_status.clone()));
    v.push(("Net run time".into(), duration_ms(x.net_runtime)));
    if let Some(t) = x.start_time {
        v.push(("Start".into(), local_time(t)));
    }
    if let Some(t) = x.end_time {
        v.push(("End".into(), local_time(t)));
    }
    if let Some(f) = &x.failure_cause {
        v.push((
            "Failure".into(),
            f.headline().unwrap_or("unknown").to_string(),
        ));
    }
    if !x.accumulator_results.is_empty() {
        let names: Vec<&str> = x.accumulator_results.keys().map(String::as_str).collect();
        v.push(("Accumulators (serialized)".into(), names.join(", ")));
    }
    Some(v)
}

/// The execution result tab.
#[component]
pub fn ResultTab() -> impl IntoView {
    let s = scope();
    let job = use_job();
    let r = load(move |c| {
        let j = job.jid.get();
        async move { api::execution_result(&c, &j).await }
    });
    let data = r;
    view! {
        {status(r, "execution result")}
        {move || data.with(|d| d.map(|d| match result_facts(d) {
            None => view! { <p class="sb-dim" data-empty="">"The job has not ended yet; its result appears here when it does."</p> }.into_any(),
            Some(items) => {
                let trace = d.job_execution_result.as_ref().and_then(|x| x.failure_cause.as_ref()).and_then(|f| f.stack_trace.clone());
                view! {
                    <KeyValue items />
                    {trace.map(|t| view! { <h3>"Failure cause"</h3><pre class=s.cls("trace")>{t}</pre> })}
                }.into_any()
            }
        }))}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str) -> JobExecutionResultResponse {
        serde_json::from_str(
            &std::fs::read_to_string(format!("src/systems/flink/fixtures/{name}.json")).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn running_jobs_have_no_result_and_finished_ones_do() {
        assert_eq!(
            result_facts(&read("1.12/job-execution-result-running")),
            None
        );
        for v in ["1.12", "2.3"] {
            let f = result_facts(&read(&format!("{v}/job-execution-result"))).unwrap();
            assert!(
                f.iter().any(|(k, val)| k == "Outcome" && !val.is_empty()),
                "{v}: {f:?}"
            );
        }
    }
}
