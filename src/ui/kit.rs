//! Small helpers every system's views use: links inside the current cluster, URL query state,
//! data loading bound to the current cluster and its refresh clock, toasts from async code, and
//! the badge / key-value / empty-state pieces.

use crate::cluster::link::view_path;
use crate::cluster::Cluster;
use crate::net::FetchError;
use crate::shell::{href, use_cluster};
use crate::ui::feedback::Toasts;
use crate::ui::loaded::Loaded;
use crate::ui::{Badge, ToastKind, Tone};
use crate::url_state::{app_path, Query, QueryKey};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use std::any::Any;
use std::future::Future;

/// A state badge.
pub fn badge(tone: Tone, text: &str) -> AnyView {
    view! { <Badge tone=tone text=text.to_string() /> }.into_any()
}

/// The link (base path included) to `view` of the current cluster, e.g. `jobs/<id>`.
pub fn link(cluster: &Cluster, view: &str) -> String {
    href(&view_path(cluster, view))
}

/// The app path (no base) of `view` of the current cluster, for `navigate`.
pub fn path(cluster: &Cluster, view: &str) -> String {
    view_path(cluster, view)
}

/// A route parameter, e.g. `jobid`.
pub fn param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(name).unwrap_or_default()))
}

/// A query parameter of the current URL.
pub fn query(key: QueryKey) -> Memo<Option<String>> {
    let location = use_location();
    Memo::new(move |_| {
        Query::parse(&location.search.get())
            .get(key.name())
            .map(str::to_string)
            .filter(|v| !v.is_empty())
    })
}

/// Sets query parameters (an empty value removes one), replacing the history entry.
pub fn set_query() -> impl Fn(&[(QueryKey, String)]) + Clone + Send + Sync + 'static {
    let location = use_location();
    let navigate = use_navigate();
    move |pairs: &[(QueryKey, String)]| {
        let mut q = Query::parse(&location.search.get_untracked());
        for (k, v) in pairs {
            q.set(k.name(), v.clone());
        }
        let to = q.with_path(&app_path(&location.pathname.get_untracked()));
        navigate(
            &to,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    }
}

/// The current query string with `pairs` set, on `view` of the cluster (a link that keeps the
/// rest of the view's state, e.g. the refresh interval).
pub fn link_with(
    cluster: &Cluster,
    view: &str,
    keep: &[QueryKey],
    pairs: &[(QueryKey, String)],
) -> String {
    let here = Query::parse(&use_location().search.get_untracked());
    let mut q = Query::default();
    for k in keep {
        if let Some(v) = here.get(k.name()) {
            q.set(k.name(), v);
        }
    }
    for (k, v) in pairs {
        q.set(k.name(), v.clone());
    }
    href(&q.with_path(&view_path(cluster, view)))
}

/// Loads data for the current cluster with `f`; re-runs when the cluster, the signals `f`
/// reads, or the refresh clock change.
pub fn load<T, Fut>(f: impl Fn(Cluster) -> Fut + 'static) -> Loaded<T>
where
    T: Any + Send + Sync,
    Fut: Future<Output = Result<T, FetchError>> + 'static,
{
    let cluster = use_cluster();
    Loaded::new(move || f(cluster.get()), true)
}

/// Loads once (and when the signals `f` reads change), not on every refresh tick: for data that
/// does not change by itself (configuration, plans, finished results).
pub fn load_once<T, Fut>(f: impl Fn(Cluster) -> Fut + 'static) -> Loaded<T>
where
    T: Any + Send + Sync,
    Fut: Future<Output = Result<T, FetchError>> + 'static,
{
    let cluster = use_cluster();
    Loaded::new(move || f(cluster.get()), false)
}

/// A toast function usable from async code: the toast list is read from the context here, at
/// the component's creation (inside `spawn_local` there is no context to read it from).
pub fn toaster() -> impl Fn(ToastKind, String) + Copy + Send + Sync + 'static {
    let toasts = use_context::<Toasts>();
    move |kind, text| {
        if let Some(t) = toasts {
            t.show(kind, text)
        }
    }
}

/// `(label, value)` pairs for a [`crate::ui::KeyValue`].
pub fn kv(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// An empty-state line.
pub fn empty(text: &str) -> AnyView {
    view! { <p class="sb-dim" data-empty="">{text.to_string()}</p> }.into_any()
}

/// The loading line before `r` first answers, and the error panel (with retry) when its latest
/// call failed; nothing otherwise.
pub fn status<T: Any + Send + Sync>(r: Loaded<T>, what: &'static str) -> AnyView {
    r.status(what)
}
