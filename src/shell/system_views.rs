//! Views every system has: the overview (connection and health) and the API explorer (any documented
//! read endpoint, shown as JSON or text; its choice kept in the URL).

use super::cluster_layout::use_cluster;
use crate::cluster::AuthKind;
use crate::net::cluster_request;
use crate::net::FetchError;
use crate::systems::def;
use crate::systems::health::check;
use crate::ui::kit::{load, status};
use crate::ui::{Badge, JsonView, KeyValue, Tone};
use crate::url_state::Query;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// The live health of the current cluster: its badge (`data-health`), the round trip, and the
/// error with retry when the probe failed. Every system's home page shows it.
#[component]
pub fn ClusterHealth() -> impl IntoView {
    let cluster = use_cluster();
    let health = load(|c| async move { Ok::<_, FetchError>(check(&c).await) });
    view! {
        <div class="sb-row"><strong>"Health"</strong>
            {move || match health.get() {
                None => view! { <Badge tone=Tone::Unknown text="checking…".to_string() /> }.into_any(),
                Some(h) => view! {
                    <span data-health=cluster.get().name><Badge tone=h.tone text=h.text.clone() /></span>
                    <span class="sb-dim">{format!("{:.0} ms", h.latency_ms)}</span>
                    {h.error.map(|e| view! { <crate::ui::ErrorPanel error=e on_retry=Callback::new(move |_| health.refetch()) /> })}
                }.into_any(),
            }}
        </div>
    }
}

/// A cluster's home: how it is reached, and its health.
#[component]
pub fn SystemOverview() -> impl IntoView {
    let cluster = use_cluster();
    let facts = Signal::derive(move || {
        let c = cluster.get();
        let mut items = vec![
            ("System".to_string(), c.system.label().to_string()),
            ("Mode".to_string(), format!("{:?}", c.mode).to_lowercase()),
            (
                "Defined by".to_string(),
                format!("{:?}", c.source).to_lowercase(),
            ),
            (
                "Authentication".to_string(),
                match c.auth {
                    AuthKind::None => "none".to_string(),
                    AuthKind::Basic => "HTTP Basic".to_string(),
                    AuthKind::Session => "login session".to_string(),
                },
            ),
        ];
        items.extend(
            c.endpoints
                .iter()
                .map(|(role, url)| (format!("{role} URL"), url.clone())),
        );
        items
    });
    view! {
        <h1>{move || cluster.get().name}</h1>
        <div class="sb-card" style="display:flex;flex-direction:column;gap:12px;max-width:720px">
            <ClusterHealth />
            <KeyValue items=facts />
        </div>
    }
}

/// Calls any documented read endpoint of the cluster and shows the answer. Only the system's
/// documented endpoints on the cluster's own targets can be called: a link that names anything
/// else (another host, another path) shows why and sends nothing.
#[component]
pub fn ApiExplorer() -> impl IntoView {
    let cluster = use_cluster();
    let location = use_location();
    let navigate = use_navigate();
    let query = Memo::new(move |_| Query::parse(&location.search.get()));
    let endpoints = move || def(cluster.get().system).documented();
    // The documented endpoint the URL asks for (the first one when it asks for none), or what it
    // asked for when that is not one of them.
    let chosen = Memo::new(move |_| {
        let q = query.get();
        let list = endpoints();
        match (q.get("target"), q.get("path")) {
            (None, None) => Ok(0),
            (t, p) => {
                let (t, p) = (t.unwrap_or(list[0].target), p.unwrap_or(list[0].path));
                list.iter()
                    .position(|e| e.target == t && e.path == p)
                    .ok_or_else(|| (t.to_string(), p.to_string()))
            }
        }
    });
    let pick = move |ev| {
        let Ok(i) = event_target_value(&ev).parse::<usize>() else {
            return;
        };
        let list = endpoints();
        let Some(e) = list.get(i) else { return };
        let mut q = query.get_untracked();
        q.set("target", e.target);
        q.set("path", e.path);
        navigate(
            &q.with_path(&crate::url_state::app_path(
                &location.pathname.get_untracked(),
            )),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };
    view! {
        <h1>"API explorer"</h1>
        <div class="sb-row" style="margin-bottom:12px">
            <select aria-label="Endpoint" on:change=pick>
                {move || {
                    let refused = chosen.get().is_err();
                    let none = refused.then(|| view! { <option value="" selected=true disabled=true>"Choose a documented endpoint"</option> });
                    let list = endpoints().into_iter().enumerate().map(|(i, e)| {
                        let selected = chosen.get() == Ok(i);
                        view! { <option value=i.to_string() selected=selected>{format!("{} — {} ({})", e.about, e.path, e.target)}</option> }
                    }).collect_view();
                    (none, list)
                }}
            </select>
        </div>
        {move || match chosen.get() {
            Ok(i) => {
                let e = endpoints()[i];
                view! { <ExplorerAnswer target=e.target path=e.path /> }.into_any()
            }
            Err((target, path)) => view! {
                <div class="sb-card" role="alert" data-explorer-refused="">
                    <strong>"Not a documented endpoint of this cluster"</strong>
                    <p>"This link asks for "<code>{path}</code>" on "<code>{target}</code>
                    ", which is not one of the endpoints listed here, so nothing was sent. Choose one from the list."</p>
                </div>
            }.into_any(),
        }}
    }
}

/// The answer of one documented endpoint, as JSON or text.
#[component]
fn ExplorerAnswer(target: &'static str, path: &'static str) -> impl IntoView {
    let result = load(move |c| cluster_request(&c, "GET", target, path).send());
    view! {
        {status(result, "response")}
        {move || result.with(|resp| resp.map(|resp| {
            let json = serde_json::from_str::<serde_json::Value>(&resp.body).ok().filter(|v| v.is_object() || v.is_array());
            match json {
                Some(v) => view! { <JsonView value=v /> }.into_any(),
                None => view! { <pre class="sb-card" style="white-space:pre-wrap;max-height:70vh;overflow:auto">{resp.body.clone()}</pre> }.into_any(),
            }
        }))}
    }
}
