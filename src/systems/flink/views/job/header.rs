//! The job header: name, state, type, times and the actions on the job.

use super::log_links::LogLinks;
use super::use_job;
use crate::shell::use_cluster;
use crate::systems::flink::actions::job_actions::JobActions;
use crate::systems::flink::model::{JobDetails, JobType};
use crate::ui::kit::{badge, link};
use crate::systems::flink::views::tones::job_tone;
use crate::systems::flink::views::scope;
use crate::ui::format::{duration_ms, local_time};
use leptos::prelude::*;

/// The facts shown under the job's name, as `(label, value)`; unknown ones are left out.
pub fn job_facts(d: &JobDetails) -> Vec<(&'static str, String)> {
    let mut v = vec![("Job id", d.jid.clone())];
    match d.job_type {
        JobType::Streaming => v.push(("Type", "Streaming".into())),
        JobType::Batch => v.push(("Type", "Batch".into())),
        JobType::Unknown => {}
    }
    if let Some(s) = &d.scheduler_type {
        v.push(("Scheduler", s.clone()));
    }
    v.push(("Start", local_time(d.start_time)));
    if d.end_time > 0 {
        v.push(("End", local_time(d.end_time)));
    }
    v.push(("Duration", duration_ms(d.duration)));
    if let Some(p) = d.max_parallelism.filter(|p| *p > 0) {
        v.push(("Max parallelism", p.to_string()));
    }
    v
}

/// The application a job belongs to (2.3+), if it names one.
pub fn application_of(d: &JobDetails) -> Option<String> {
    d.application_id.clone().filter(|a| !a.trim().is_empty())
}

/// The header of the job page.
#[component]
pub fn JobHeader() -> impl IntoView {
    let s = scope();
    let job = use_job();
    let cluster = use_cluster();
    let app = move || {
        job.details.with(|d| d.and_then(application_of)).map(|a| {
            let href = link(&cluster.get_untracked(), &format!("applications/{a}"));
            view! { <span><span class=s.cls("fact-key")>"Application"</span><a href=href data-application-link="">{a}</a></span> }
        })
    };
    let head = move || {
        job.details.with(|d| match d {
            None => view! { <h1 class=s.cls("title")>{job.jid.get()}</h1> }.into_any(),
            Some(d) => view! {
                <h1 class=s.cls("title") data-job-state=d.state.as_str()>{d.name.clone()}{badge(job_tone(d.state), d.state.as_str())}</h1>
                <div class=s.cls("facts")>
                    {job_facts(d).into_iter().map(|(k, v)| view! { <span><span class=s.cls("fact-key")>{k}</span>{v}</span> }).collect_view()}
                    {app}
                </div>
            }.into_any(),
        })
    };
    view! {
        <div class=s.cls("header")>
            {head}
            <LogLinks />
            <JobActions />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_of_a_running_2_3_job_and_a_failed_1_12_job() {
        let running: JobDetails =
            serde_json::from_str(include_str!("../../fixtures/2.3/job-detail.json")).unwrap();
        let f = job_facts(&running);
        assert!(f.iter().any(|(k, v)| *k == "Type" && v == "Streaming"));
        assert!(f.iter().any(|(k, v)| *k == "Scheduler" && v == "Adaptive"));
        assert_eq!(
            application_of(&running).as_deref(),
            Some(running.jid.as_str()),
            "2.3: a jar run is its own application"
        );
        assert!(
            !f.iter().any(|(k, _)| *k == "End"),
            "a running job has no end: {f:?}"
        );
        let failed: JobDetails =
            serde_json::from_str(include_str!("../../fixtures/1.12/job-detail-failed.json"))
                .unwrap();
        let f = job_facts(&failed);
        assert!(f.iter().any(|(k, _)| *k == "End"));
        assert!(
            !f.iter().any(|(k, _)| *k == "Type" || *k == "Scheduler"),
            "1.12 reports neither: {f:?}"
        );
        assert_eq!(application_of(&failed), None);
    }
}
