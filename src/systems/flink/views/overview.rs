//! The cluster's overview: task managers, slots, jobs by state and version (`GET /overview`),
//! and the running and completed jobs (`GET /jobs/overview`).

use crate::ui::kit::{load, status};
use super::jobs_table::JobsTable;
use super::{scope, stat};
use crate::shell::use_cluster;
use crate::systems::flink::api;
use crate::systems::flink::model::{ClusterOverview, JobOverview};
use crate::ui::format::count;
use leptos::prelude::*;

/// The numbers shown for `/overview`, as `(label, value)`.
pub fn overview_stats(o: &ClusterOverview) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = [
        ("Task managers", o.taskmanagers),
        ("Slots total", o.slots_total),
        ("Slots available", o.slots_available),
        ("Running jobs", o.jobs_running),
        ("Finished jobs", o.jobs_finished),
        ("Cancelled jobs", o.jobs_cancelled),
        ("Failed jobs", o.jobs_failed),
    ]
    .into_iter()
    .map(|(k, n)| (k.to_string(), count(n)))
    .collect();
    if let Some(b) = o.taskmanagers_blocked.filter(|b| *b > 0) {
        v.push(("Blocked task managers".into(), count(b)));
    }
    let label = if o.flink_commit.is_empty() {
        "Flink version".to_string()
    } else {
        format!("Flink version · {}", o.flink_commit)
    };
    v.push((label, o.flink_version.clone()));
    v
}

/// Jobs split into (not yet terminal, terminal), each newest first.
pub fn split_jobs(jobs: &[JobOverview]) -> (Vec<JobOverview>, Vec<JobOverview>) {
    let mut jobs = jobs.to_vec();
    jobs.sort_by_key(|j| std::cmp::Reverse(j.start_time));
    jobs.into_iter().partition(|j| !j.state.is_terminal())
}

/// The Flink home page of a cluster.
#[component]
pub fn Overview() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let overview = load(|c| async move { api::overview(&c).await });
    let jobs = load(|c| async move { api::jobs_overview(&c).await });
    let ov = overview;
    let all = jobs;
    let split =
        Memo::new(move |_| all.with(|j| j.map(|j| split_jobs(&j.jobs)).unwrap_or_default()));
    let running = Signal::derive(move || split.with(|s| s.0.clone()));
    let done = Signal::derive(move || split.with(|s| s.1.clone()));
    view! {
        <div class=s.cls("stack")>
            <h1>{move || format!("{} · Apache Flink", cluster.with(|c| c.name.clone()))}</h1>
            {status(overview, "overview")}
            <div class=s.cls("stats")>
                {move || ov.with(|o| o.map(|o| overview_stats(o).into_iter().map(|(k, v)| stat(&k, v)).collect_view()))}
            </div>
            {status(jobs, "jobs")}
            <section>
                <h2>"Running jobs"</h2>
                <JobsTable id="running" jobs=running />
            </section>
            <section>
                <h2>"Completed jobs"</h2>
                <JobsTable id="completed" jobs=done />
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::flink::model::JobsOverview;

    #[test]
    fn overview_stats_of_both_versions() {
        for v in ["1.12", "2.3"] {
            let text =
                std::fs::read_to_string(format!("src/systems/flink/fixtures/{v}/overview.json"))
                    .unwrap();
            let o: ClusterOverview = serde_json::from_str(&text).unwrap();
            let stats = overview_stats(&o);
            assert_eq!(
                stats[0],
                ("Task managers".to_string(), count(o.taskmanagers))
            );
            assert!(
                stats.last().unwrap().1.starts_with(&o.flink_version),
                "{v}: {stats:?}"
            );
        }
    }

    #[test]
    fn jobs_split_into_running_and_completed_newest_first() {
        let o: JobsOverview =
            serde_json::from_str(include_str!("../fixtures/2.3/jobs-overview-after.json")).unwrap();
        let (running, done) = split_jobs(&o.jobs);
        assert_eq!(running.len() + done.len(), o.jobs.len());
        assert!(running.iter().all(|j| !j.state.is_terminal()));
        assert!(done.iter().all(|j| j.state.is_terminal()));
        assert!(done.windows(2).all(|w| w[0].start_time >= w[1].start_time));
    }
}
