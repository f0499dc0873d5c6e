//! Cluster-wide actions: dispose of a savepoint (`POST /savepoint-disposal`, polled), delete a
//! cluster data set (`DELETE /datasets/:datasetid`, polled) and shut the cluster down
//! (`DELETE /cluster`, behind typing the cluster's name).

use super::poll::run_operation;
use crate::cluster::Cluster;
use crate::shell::use_cluster;
use crate::systems::flink::api::{self, error_text};
use crate::systems::flink::context::use_flink;
use crate::systems::flink::views::scope;
use crate::ui::operation::{OpState, OperationStatus};
use crate::ui::ConfirmButton;
use leptos::prelude::*;

/// Starts deleting data set `id`, reporting into `op`.
pub fn delete_dataset(cluster: Cluster, id: String, op: RwSignal<OpState>) {
    let (c2, c) = (cluster.clone(), cluster);
    run_operation(
        op,
        format!("Deleting data set {id}"),
        async move { api::delete_dataset(&c, &id).await },
        move |t| {
            let c = c2.clone();
            async move { api::dataset_delete_status(&c, &t).await }
        },
    );
}

/// The savepoint disposal form.
#[component]
pub fn DisposeSavepoint() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let flink = use_flink();
    let path = RwSignal::new(String::new());
    let op = RwSignal::new(OpState::Idle);
    let forbidden = Memo::new(move |_| flink.caps().modify.reason().map(str::to_string));
    let dispose = Callback::new(move |_| {
        let p = path.get_untracked().trim().to_string();
        let c = cluster.get_untracked();
        let c2 = c.clone();
        run_operation(
            op,
            "Savepoint disposal".into(),
            async move { api::dispose_savepoint(&c, &p).await },
            move |t| {
                let c = c2.clone();
                async move { api::disposal_status(&c, &t).await }
            },
        );
    });
    view! {
        <div class=s.cls("panel") data-form="dispose">
            <div class=s.cls("form")>
                <label for="dispose-path">"Savepoint path"</label>
                <input id="dispose-path" class="sb-mono" placeholder="file:/savepoints/savepoint-abc123-0123456789ab"
                    prop:value=move || path.get() on:input=move |ev| path.set(event_target_value(&ev)) />
            </div>
            {move || forbidden.get().map(|r| view! { <div class=s.cls("forbidden")>{r}</div> })}
            <div class="sb-row">
                <ConfirmButton label="Dispose of the savepoint" title="Delete this savepoint?" danger=true
                    message="The savepoint's files are deleted. Jobs can no longer be restored from it."
                    confirm_label="Dispose" on_confirm=dispose
                    disabled=Signal::derive(move || path.with(|p| p.trim().is_empty()) || forbidden.with(Option::is_some) || op.with(OpState::is_running)) />
            </div>
            <OperationStatus state=op />
        </div>
    }
}

/// Shutting the cluster down: the strongest confirmation (type the cluster's name).
#[component]
pub fn ShutdownCluster() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let flink = use_flink();
    let op = RwSignal::new(OpState::Idle);
    let forbidden = Memo::new(move |_| flink.caps().modify.reason().map(str::to_string));
    let shutdown = Callback::new(move |_| {
        let c = cluster.get_untracked();
        op.set(OpState::Running {
            what: "Shutting the cluster down".into(),
            since: crate::ui::format::now_epoch_ms(),
            polls: 0,
            id: None,
        });
        leptos::task::spawn_local(async move {
            let next = match api::shutdown_cluster(&c).await {
                Ok(()) => OpState::Succeeded { message: "The cluster is shutting down. Its job manager and task managers stop; running jobs end.".into(), result: None },
                Err(e) => OpState::Failed { message: "Shutdown refused".into(), detail: Some(error_text(&e)) },
            };
            op.try_set(next);
        });
    });
    view! {
        <div class=s.cls("panel") data-form="shutdown">
            <span>"Stops the whole Flink cluster: the job manager and every task manager. Running jobs are cancelled. It cannot be undone from here."</span>
            {move || forbidden.get().map(|r| view! { <div class=s.cls("forbidden")>{r}</div> })}
            <div class="sb-row">
                {move || {
                    let name = cluster.with(|c| c.name.clone());
                    view! {
                        <ConfirmButton label="Shut down the cluster" title="Shut down this Flink cluster?" danger=true
                            message="Every job stops and the cluster's processes exit. Restarting it needs access to the machines."
                            confirm_label="Shut down" type_to_confirm=name on_confirm=shutdown
                            disabled=Signal::derive(move || forbidden.with(Option::is_some) || op.with(OpState::is_running)) />
                    }
                }}
            </div>
            <OperationStatus state=op />
        </div>
    }
}
