//! The coordinator and workers tabs: a dynamic config (the coordinator's known fields as inputs,
//! the whole as JSON), the diff of the change before it is saved with an author and a comment, and
//! the audit history with a diff between versions.

use super::{audit_inputs, history_filter, save_error, scope, History};
use crate::shell::use_cluster;
use crate::systems::druid::api::{self, config as config_api};
use crate::systems::druid::model::config::{
    field_text, set_bool, set_number, COORDINATOR_FIELDS, DEFAULT_WORKER_CONFIG,
};
use crate::systems::druid::model::rules::pretty;
use crate::ui::diff::LineDiff;
use crate::ui::json_editor::{check_json, JsonEditor};
use crate::ui::kit::{kv, load_once, status, toaster};
use crate::ui::{KeyValue, ToastKind};
use leptos::prelude::*;
use serde_json::Value;

/// Which dynamic config an editor changes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    /// `/druid/coordinator/v1/config`.
    Coordinator,
    /// `/druid/indexer/v1/worker`.
    Workers,
}

/// The coordinator tab.
#[component]
pub fn CoordinatorTab() -> impl IntoView {
    let s = scope();
    let r = load_once(|c| async move { config_api::coordinator_config(&c).await });
    let filter = history_filter();
    let h = load_once(move |c| {
        let f = filter.get();
        async move { config_api::coordinator_config_history(&c, &f).await }
    });
    let saved = Callback::new(move |_| {
        r.refetch();
        h.refetch();
    });
    view! {
        <div class=s.cls("stack")>
            {status(r, "coordinator config")}
            {move || r.get().map(|cfg| view! { <ConfigEditor which=Which::Coordinator original=cfg on_saved=saved /> })}
            <History id="config-history" r=h />
        </div>
    }
}

/// The workers tab.
#[component]
pub fn WorkersTab() -> impl IntoView {
    let s = scope();
    let r = load_once(|c| async move { config_api::worker_config(&c).await });
    let filter = history_filter();
    let h = load_once(move |c| {
        let f = filter.get();
        async move { config_api::worker_config_history(&c, &f).await }
    });
    let saved = Callback::new(move |_| {
        r.refetch();
        h.refetch();
    });
    view! {
        <div class=s.cls("stack")>
            {status(r, "worker config")}
            {move || r.get().map(|cfg| view! {
                <section class=s.cls("panel") data-worker-summary="">
                    <h2>"Worker select strategy and autoscaler"</h2>
                    <KeyValue items=worker_facts(&cfg) />
                </section>
                <ConfigEditor which=Which::Workers original=cfg on_saved=saved />
            })}
            <History id="worker-history" r=h />
        </div>
    }
}

/// The worker config in a few lines ("default" when never set).
fn worker_facts(cfg: &Value) -> Vec<(String, String)> {
    if cfg.is_null() {
        return kv(&[("Config", "default (never set)".into())]);
    }
    let ty = |p: &str| {
        cfg.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("default")
            .to_string()
    };
    kv(&[
        ("Type", ty("/type")),
        ("Select strategy", ty("/selectStrategy/type")),
        (
            "Autoscaler",
            match cfg.get("autoScaler") {
                None | Some(Value::Null) => "none".into(),
                Some(a) => a
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or("set")
                    .to_string(),
            },
        ),
    ])
}

/// A dynamic config editor: the known fields (coordinator), the JSON, the diff to the saved
/// config, author and comment, save. A failed save keeps the edits.
#[component]
fn ConfigEditor(which: Which, original: Value, on_saved: Callback<()>) -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let toast = toaster();
    let never_set = original.is_null();
    let old_text = if never_set {
        String::new()
    } else {
        pretty(&original)
    };
    let text = RwSignal::new(if never_set {
        DEFAULT_WORKER_CONFIG.to_string()
    } else {
        old_text.clone()
    });
    let parsed = Memo::new(move |_| text.with(|t| check_json(t).ok()));
    let (author, comment) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let error = RwSignal::new(None::<String>);
    let field_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let new_text = Signal::derive(move || parsed.with(|p| p.as_ref().map(pretty)).unwrap_or_else(|| text.get()));
    let unchanged = {
        let old = old_text.clone();
        Memo::new(move |_| new_text.with(|n| *n == old))
    };
    let save = move |_| {
        if comment.get_untracked().trim().is_empty() {
            error.set(Some("Add a comment: say why the config changes.".into()));
            return;
        }
        let body = match check_json(&text.get_untracked()) {
            Ok(v @ Value::Object(_)) => v,
            Ok(_) => {
                error.set(Some("The config must be a JSON object.".into()));
                return;
            }
            Err(p) => {
                error.set(Some(format!("The JSON is not valid: {}", p.describe())));
                return;
            }
        };
        error.set(None);
        busy.set(true);
        let c = cluster.get_untracked();
        let (a, m) = (author.get_untracked(), comment.get_untracked());
        leptos::task::spawn_local(async move {
            let (res, what) = match which {
                Which::Coordinator => (config_api::set_coordinator_config(&c, &body, &a, &m).await, "Coordinator config"),
                Which::Workers => (config_api::set_worker_config(&c, &body, &a, &m).await, "Worker config"),
            };
            match res {
                Ok(()) => {
                    toast(ToastKind::Success, format!("{what} saved"));
                    let _ = busy.try_set(false);
                    on_saved.run(());
                }
                Err(e) => {
                    let _ = error.try_set(Some(format!("Not saved: {}", api::failure_text(&e))));
                    let _ = busy.try_set(false);
                }
            }
        });
    };
    let fields = (which == Which::Coordinator).then(|| {
        let rows = COORDINATOR_FIELDS.into_iter().map(|(name, is_bool)| {
            let id = format!("druid-coordinator-{name}");
            let input = if is_bool {
                view! {
                    <input id=id.clone() type="checkbox" data-field=name
                        prop:checked=move || parsed.with(|p| p.as_ref().and_then(|v| v.get(name)).and_then(Value::as_bool).unwrap_or(false))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            if let Some(v) = parsed.get_untracked() { text.set(pretty(&set_bool(&v, name, on))) }
                        } />
                }.into_any()
            } else {
                view! {
                    <input id=id.clone() data-field=name size="14"
                        prop:value=move || parsed.with(|p| p.as_ref().map(|v| field_text(v, name)).unwrap_or_default())
                        on:change=move |ev| {
                            let t = event_target_value(&ev);
                            if let Some(v) = parsed.get_untracked() {
                                match set_number(&v, name, &t) {
                                    Ok(v) => { field_error.set(None); text.set(pretty(&v)) }
                                    Err(e) => field_error.set(Some(e)),
                                }
                            }
                        } />
                }.into_any()
            };
            view! { <label for=id>{name}</label> {input} }
        }).collect_view();
        view! {
            <h3>"Fields"</h3>
            <p class=s.cls("hint")>"A change here rewrites the JSON below; other fields are edited there."</p>
            <div class=s.cls("form") data-config-fields="">{rows}</div>
            {save_error(field_error)}
        }
    });
    let old = Signal::stored(old_text);
    let (title, label) = match which {
        Which::Coordinator => ("Coordinator dynamic config", "Coordinator dynamic config"),
        Which::Workers => ("Worker config", "Worker config"),
    };
    view! {
        <section class=s.cls("panel") data-config-editor="">
            <h2>{title}</h2>
            {never_set.then(|| view! { <p class="sb-dim" data-never-set="">"Never set: the overlord uses the default behaviour. Saving stores the JSON below."</p> })}
            {fields}
            <h3>"JSON"</h3>
            <JsonEditor text label=label rows=14 />
            <h3>"Changes to save"</h3>
            <LineDiff old new=new_text label="changes" />
            {audit_inputs(author, comment)}
            {save_error(error)}
            <div class="sb-row">
                <button class="sb-primary" data-save-config="" disabled=move || busy.get() || unchanged.get() on:click=save>
                    {move || if busy.get() { "Saving…" } else { "Save" }}
                </button>
                {move || unchanged.get().then(|| view! { <span class="sb-dim">"Nothing changed yet."</span> })}
            </div>
        </section>
    }
}
