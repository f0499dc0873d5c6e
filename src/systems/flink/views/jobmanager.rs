//! The job manager (`/jobmanager/:tab`): configuration, environment (1.15+), logs, stdout, live
//! JVM metrics, thread dump (1.17+) and profiler (1.19+).

use crate::ui::kit::{link_with, load_once, param, status};
use super::config_table::ConfigTable;
use super::environment::environment_section;
use super::process::jvm::JvmCharts;
use super::process::logs::{LogsView, StdoutView};
use super::process::profiler::ProfilerView;
use super::process::threads::ThreadDumpView;
use super::scope;
use super::taskmanager::tab_label;
use crate::shell::use_cluster;
use crate::systems::flink::api::{self, MetricScope, Process};
use crate::systems::flink::context::use_flink;
use crate::ui::tabs::{TabLink, Tabs};
use leptos::prelude::*;

/// The job manager's tabs: `(URL name, label)`.
pub const JM_TABS: [(&str, &str); 7] = [
    ("", "Configuration"),
    ("environment", "Environment"),
    ("logs", "Logs"),
    ("stdout", "Stdout"),
    ("metrics", "Metrics"),
    ("threads", "Thread dump"),
    ("profiler", "Profiler"),
];

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
    let r = load_once(|c| async move { api::jobmanager_environment(&c).await });
    environment_section(r, "/jobmanager/environment")
}

/// The job manager page.
#[component]
pub fn JobManagerPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let flink = use_flink();
    let tab = param("tab");
    let tabs = Signal::derive(move || {
        let (c, current, version) = (cluster.get(), tab.get(), flink.version());
        JM_TABS
            .iter()
            .map(|(slug, label)| TabLink {
                href: link_with(&c, &format!("jobmanager/{slug}"), &["refresh"], &[]),
                label: tab_label(slug, label, version.as_deref()),
                active: current == *slug,
            })
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
                    "profiler" => view! { <ProfilerView process=Process::JobManager /> }.into_any(),
                    _ => view! { <Configuration /> }.into_any(),
                }}
            </div>
        </div>
    }
}
