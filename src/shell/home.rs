//! The home page: every registered cluster with a live health badge, plus add, import and export.

use super::href;
use crate::cluster::link::view_path;
use crate::cluster::store::DeploymentStatus;
use crate::cluster::{Cluster, Registry, Source};
use crate::systems::health::{check, Health};
use crate::ui::download::download_text;
use crate::ui::feedback::Toasts;
use crate::ui::refresh::on_refresh;
use crate::ui::{toast, Badge, Column, ConfirmButton, DataTable, ErrorPanel, ToastKind, Tone};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

/// A row of the home table.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    cluster: Cluster,
    health: Option<Health>,
}

/// Lists every cluster with its health.
#[component]
pub fn Home() -> impl IntoView {
    let reg = Registry::get();
    let health: RwSignal<BTreeMap<String, Health>> = RwSignal::new(BTreeMap::new());
    on_refresh(move || {
        for cluster in reg.all() {
            leptos::task::spawn_local(async move {
                let h = check(&cluster).await;
                health.update(|m| {
                    m.insert(cluster.name.clone(), h);
                });
            });
        }
    });
    let rows = Signal::derive(move || {
        let h = health.get();
        reg.all()
            .into_iter()
            .map(|c| Row {
                health: h.get(&c.name).cloned(),
                cluster: c,
            })
            .collect::<Vec<_>>()
    });
    let navigate = use_navigate();
    let columns = vec![
        Column::text("name", "Name", |r: &Row| r.cluster.name.as_str().into()).render(|r: &Row| {
            let about = &r.cluster.about;
            let tag = about.tag.clone().map(|t| { let shown = t.clone(); view! { <span data-cluster-tag=t><Badge tone=Tone::Unknown text=shown /></span> } });
            let line = about.description.clone().map(|d| view! { <div class="sb-dim" data-cluster-description="" style="font-size:12px">{d}</div> });
            view! {
                <div>
                    <span class="sb-row" style="gap:6px"><a href=href(&view_path(&r.cluster, "")) data-cluster-link=r.cluster.name.clone()>{r.cluster.name.clone()}</a>{tag}</span>
                    {line}
                </div>
            }.into_any()
        }),
        Column::text("system", "System", |r: &Row| r.cluster.system.label().into()),
        Column::text("health", "Health", |r: &Row| r.health.as_ref().map(|h| h.text.clone()).unwrap_or_else(|| "checking".into()).into())
            .render(|r: &Row| {
                let (tone, text) = r.health.as_ref().map(|h| (h.tone, h.text.clone())).unwrap_or((Tone::Unknown, "checking…".into()));
                let title = r.health.as_ref().and_then(|h| h.error.as_ref()).map(|e| e.to_string()).unwrap_or_default();
                view! { <span title=title data-health=r.cluster.name.clone()><Badge tone=tone text=text /></span> }.into_any()
            }),
        Column::num("latency", "Latency ms", |r: &Row| r.health.as_ref().map(|h| h.latency_ms.round()).into()),
        Column::text("url", "URL", |r: &Row| r.cluster.primary_url().unwrap_or_default().into()),
        Column::text("mode", "Mode", |r: &Row| format!("{:?}", r.cluster.mode).to_lowercase().into()),
        Column::text("source", "Source", |r: &Row| if r.cluster.source == Source::Deployment { "deployment" } else { "this browser" }.into()),
        Column::actions("actions", |r: &Row| {
            if r.cluster.source == Source::Deployment {
                return view! { <span class="sb-dim">"read-only"</span> }.into_any();
            }
            let name = r.cluster.name.clone();
            let edit = href(&format!("/clusters/{}/edit", crate::url_state::encode_segment(&name)));
            let reg = Registry::get();
            let n2 = name.clone();
            view! {
                <span class="sb-row" on:click=|ev| ev.stop_propagation()>
                    <a href=edit>"Edit"</a>
                    <ConfirmButton label="Remove" title=format!("Remove {name}?") danger=true
                        message="The cluster is removed from this browser, with its stored credentials. The cluster itself is not touched."
                        confirm_label="Remove" type_to_confirm=name.clone()
                        on_confirm=Callback::new(move |_| { reg.remove(&n2); toast(ToastKind::Info, format!("Removed {n2}")); }) />
                </span>
            }.into_any()
        }),
    ];
    let on_row_click =
        Callback::new(move |r: Row| navigate(&view_path(&r.cluster, ""), Default::default()));
    let export = move |_| {
        download_text(
            "switchboard-clusters.json",
            "application/json",
            &crate::cluster::portable::export_json(&reg.user.get_untracked()),
        )
    };
    // Toasts are read from context here: inside spawn_local there is no reactive owner to ask.
    let toasts = use_context::<Toasts>();
    let toast = move |kind, text: String| {
        if let Some(t) = toasts {
            t.show(kind, text)
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string())
                .unwrap_or_default();
            match reg.import(&text) {
                Ok(r) if r.rejected.is_empty() => toast(
                    ToastKind::Success,
                    format!("Imported {} clusters", r.accepted.len()),
                ),
                Ok(r) => {
                    let why: Vec<String> = r
                        .rejected
                        .iter()
                        .map(|(n, e)| format!("{n}: {e}"))
                        .collect();
                    toast(
                        ToastKind::Error,
                        format!(
                            "Imported {}, refused {}: {}",
                            r.accepted.len(),
                            r.rejected.len(),
                            why.join(" | ")
                        ),
                    )
                }
                Err(e) => toast(ToastKind::Error, e),
            }
        });
    };
    view! {
        <h1>"Clusters"</h1>
        <div class="sb-row" style="margin-bottom:12px">
            <a href=href("/clusters/new")><button class="sb-primary">"Add a cluster"</button></a>
            <label class="sb-row"><span>"Import"</span><input type="file" accept="application/json,.json" aria-label="Import clusters" on:change=import /></label>
            <button on:click=export>"Export"</button>
        </div>
        {move || match reg.deployment_status.get() {
            DeploymentStatus::Failed(e) => view! {
                <div style="margin-bottom:12px"><ErrorPanel error=e on_retry=Callback::new(move |_| reg.reload_deployment()) /></div>
            }.into_any(),
            _ => ().into_any(),
        }}
        <DataTable id="clusters" columns rows on_row_click export_name="clusters" />
    }
}
