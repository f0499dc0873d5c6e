//! The job manager (`/jobmanager/:tab`): configuration, environment (1.15+), logs, stdout, live
//! JVM metrics and thread dump (1.17+).

use super::common::{link_with, load_once, param, status};
use super::config_table::ConfigTable;
use super::process::jvm::JvmCharts;
use super::process::logs::{LogsView, StdoutView};
use super::process::threads::ThreadDumpView;
use super::scope;
use crate::shell::use_cluster;
use crate::systems::flink::api::{self, MetricScope, Process};
use crate::systems::flink::model::JobManagerEnvironment;
use crate::ui::tabs::{TabLink, Tabs};
use crate::ui::KeyValue;
use leptos::prelude::*;

/// The job manager's tabs: `(URL name, label)`.
pub const JM_TABS: [(&str, &str); 6] =
    [("", "Configuration"), ("environment", "Environment"), ("logs", "Logs"), ("stdout", "Stdout"), ("metrics", "Metrics"), ("threads", "Thread dump")];

/// The JVM facts of the environment.
pub fn environment_facts(e: &JobManagerEnvironment) -> Vec<(String, String)> {
    vec![("JVM".to_string(), e.jvm.version.clone()), ("Architecture".into(), e.jvm.arch.clone()), ("Options".into(), e.jvm.options.join("\n"))]
}

#[component]
fn Configuration() -> impl IntoView {
    let r = load_once(|c| async move { api::jobmanager_config(&c).await });
    let data = r;
    view! {
        {status(r, "configuration")}
        <ConfigTable id="jmconfig" entries=Signal::derive(move || data.get().unwrap_or_default()) />
    }
}

#[component]
fn Environment() -> impl IntoView {
    let s = scope();
    let r = load_once(|c| async move { api::jobmanager_environment(&c).await });
    let data = r;
    let missing = move || r.error().and_then(|e| e.error.status()) == Some(404);
    view! {
        <Show when=move || !missing() fallback=|| view! { <p class="sb-dim">"This cluster does not serve /jobmanager/environment (Flink 1.15+)."</p> }>
            {status(r, "environment")}
            {move || data.with(|d| d.map(|e| view! {
                <KeyValue items=environment_facts(e) />
                <h2>"Class path"</h2>
                <pre class=s.cls("trace")>{e.classpath.join("\n")}</pre>
            }))}
        </Show>
    }
}

/// The job manager page.
#[component]
pub fn JobManagerPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let tab = param("tab");
    let tabs = Signal::derive(move || {
        let (c, current) = (cluster.get(), tab.get());
        JM_TABS
            .iter()
            .map(|(slug, label)| TabLink { href: link_with(&c, &format!("jobmanager/{slug}"), &["refresh"], &[]), label: label.to_string(), active: current == *slug })
            .collect()
    });
    view! {
        <div class=s.cls("stack")>
            <h1>"Job manager"</h1>
            <div>
                <Tabs tabs />
                {move || match tab.get().as_str() {
                    "environment" => view! { <Environment /> }.into_any(),
                    "logs" => view! { <LogsView process=Process::JobManager /> }.into_any(),
                    "stdout" => view! { <StdoutView process=Process::JobManager /> }.into_any(),
                    "metrics" => view! { <JvmCharts source=MetricScope::JobManager /> }.into_any(),
                    "threads" => view! { <ThreadDumpView process=Process::JobManager /> }.into_any(),
                    _ => view! { <Configuration /> }.into_any(),
                }}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_lists_the_jvm() {
        let e: JobManagerEnvironment = serde_json::from_str(include_str!("../fixtures/2.3/jobmanager-environment.json")).unwrap();
        let f = environment_facts(&e);
        assert!(f[0].1.contains("17") || !f[0].1.is_empty());
    }
}
