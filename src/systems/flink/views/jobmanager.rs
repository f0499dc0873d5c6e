//! The job manager (`/jobmanager/:tab`): configuration, environment (1.15+), logs, stdout, live
//! JVM metrics, thread dump (1.17+) and profiler (1.19+).

use crate::url_state::REFRESH;
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
use crate::ui::tabs::{tab_links, tab_set, TabSet, Tabs};
use leptos::prelude::*;

tab_set! {
    /// The job manager's tabs (`/jobmanager/:tab`).
    pub enum JmTab {
        /// Its configuration (the default).
        Configuration = ("", "Configuration"),
        /// JVM and environment facts (1.15+).
        Environment = ("environment", "Environment"),
        /// Log files and the log viewer.
        Logs = ("logs", "Logs"),
        /// Standard output.
        Stdout = ("stdout", "Stdout"),
        /// Live JVM charts.
        Metrics = ("metrics", "Metrics"),
        /// A thread dump (1.17+).
        Threads = ("threads", "Thread dump"),
        /// Profiling runs (1.19+).
        Profiler = ("profiler", "Profiler"),
    }
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
    let r = load_once(|c| async move { api::jobmanager_environment(&c).await });
    environment_section(r, "/jobmanager/environment")
}

/// The job manager page.
#[component]
pub fn JobManagerPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let flink = use_flink();
    let tab_param = param("tab");
    let tab = Memo::new(move |_| JmTab::parse(Some(&tab_param.get())));
    let tabs = Signal::derive(move || {
        let (c, current, version) = (cluster.get(), tab.get(), flink.version());
        tab_links(
            current,
            |t| link_with(&c, &format!("jobmanager/{}", t.slug()), &[REFRESH], &[]),
            |t| tab_label(t.slug(), t.label(), version.as_deref()),
        )
    });
    view! {
        <div class=s.cls("stack")>
            <h1>"Job manager"</h1>
            <div>
                <Tabs tabs />
                {move || match tab.get() {
                    JmTab::Environment => view! { <Environment /> }.into_any(),
                    JmTab::Logs => view! { <LogsView process=Process::JobManager /> }.into_any(),
                    JmTab::Stdout => view! { <StdoutView process=Process::JobManager /> }.into_any(),
                    JmTab::Metrics => view! { <JvmCharts source=MetricScope::JobManager /> }.into_any(),
                    JmTab::Threads => view! { <ThreadDumpView process=Process::JobManager /> }.into_any(),
                    JmTab::Profiler => view! { <ProfilerView process=Process::JobManager /> }.into_any(),
                    JmTab::Configuration => view! { <Configuration /> }.into_any(),
                }}
            </div>
        </div>
    }
}
