//! The job's configuration (`GET /jobs/:jobid/config`: execution settings and global job
//! parameters) and, on 1.15+, the job manager configuration it runs with
//! (`GET /jobs/:jobid/jobmanager/config`) and environment (`GET /jobs/:jobid/jobmanager/environment`).

use super::use_job;
use crate::systems::flink::api;
use crate::systems::flink::model::{ConfigEntry, JobConfig};
use crate::ui::kit::{load_once, status};
use crate::systems::flink::views::config_table::ConfigTable;
use crate::systems::flink::views::environment::environment_section;
use crate::ui::format::NONE;
use crate::ui::KeyValue;
use leptos::prelude::*;

/// The execution settings as `(label, value)`.
pub fn execution_facts(c: &JobConfig) -> Vec<(String, String)> {
    let mut v = vec![
        ("Job name".to_string(), c.name.clone()),
        ("Job id".into(), c.jid.clone()),
    ];
    match &c.execution_config {
        Some(e) => {
            if let Some(m) = &e.execution_mode {
                v.push(("Execution mode".into(), m.clone()));
            }
            v.push(("Restart strategy".into(), e.restart_strategy.clone()));
            v.push((
                "Job parallelism".into(),
                if e.job_parallelism > 0 {
                    e.job_parallelism.to_string()
                } else {
                    NONE.into()
                },
            ));
            v.push((
                "Object reuse".into(),
                if e.object_reuse_mode {
                    "enabled"
                } else {
                    "disabled"
                }
                .into(),
            ));
        }
        None => v.push(("Execution configuration".into(), "not reported".into())),
    }
    v
}

/// The job's user configuration as entries.
pub fn user_entries(c: &JobConfig) -> Vec<ConfigEntry> {
    c.execution_config
        .as_ref()
        .map(|e| {
            e.user_config
                .iter()
                .map(|(k, v)| ConfigEntry {
                    key: k.clone(),
                    value: v.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The configuration tab.
#[component]
pub fn ConfigTab() -> impl IntoView {
    let job = use_job();
    let r = load_once(move |c| {
        let j = job.jid.get();
        async move { api::job_config(&c, &j).await }
    });
    let jm = load_once(move |c| {
        let j = job.jid.get();
        async move { api::job_jobmanager_config(&c, &j).await }
    });
    let env = load_once(move |c| {
        let j = job.jid.get();
        async move { api::job_jobmanager_environment(&c, &j).await }
    });
    let data = r;
    let jm_data = jm;
    let jm_missing = move || jm.error().is_some();
    view! {
        {status(r, "configuration")}
        <KeyValue items=Signal::derive(move || data.with(|d| d.map(execution_facts).unwrap_or_default())) />
        <h2>"Global job parameters"</h2>
        <ConfigTable id="userconfig" entries=Signal::derive(move || data.with(|d| d.map(user_entries).unwrap_or_default())) />
        <h2>"Job manager configuration of this job"</h2>
        <Show when=move || !jm_missing() fallback=|| view! { <p class="sb-dim">"Not available: this cluster does not serve /jobs/:jobid/jobmanager/config (Flink 1.15+)."</p> }>
            <ConfigTable id="jobjmconfig" entries=Signal::derive(move || jm_data.get().unwrap_or_default()) />
        </Show>
        <h2>"Job manager environment of this job"</h2>
        {environment_section(env, "/jobs/:jobid/jobmanager/environment")}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_versions_show_the_restart_strategy_and_user_parameters() {
        for v in ["1.12", "2.3"] {
            let c: JobConfig = serde_json::from_str(
                &std::fs::read_to_string(format!("src/systems/flink/fixtures/{v}/job-config.json"))
                    .unwrap(),
            )
            .unwrap();
            let f = execution_facts(&c);
            assert!(
                f.iter()
                    .any(|(k, val)| k == "Restart strategy" && !val.is_empty()),
                "{v}: {f:?}"
            );
            assert_eq!(
                user_entries(&c).len(),
                c.execution_config.as_ref().unwrap().user_config.len()
            );
        }
    }
}
