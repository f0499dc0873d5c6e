//! Adding and editing a cluster of this browser, with a message at each invalid field. What the user
//! typed survives a failed save. A link to an unknown cluster lands here prefilled.

use super::{href, scope};
use crate::cluster::link::{offer_from_link, view_path};
use crate::cluster::validate::check_system;
use crate::cluster::{AuthKind, Cluster, Credentials, Mode, Registry, Source};
use crate::ui::refresh::hold_while_mounted;
use crate::ui::{toast, ToastKind};
use crate::url_state::{safe_app_path, Query};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use std::collections::BTreeMap;

/// `/clusters/new`: add a cluster (prefilled from `system`, `name`, `cluster_url`, `cluster_mode`).
#[component]
pub fn AddCluster() -> impl IntoView {
    let q = Query::parse(&use_location().search.get_untracked());
    let system = q
        .get("system")
        .and_then(crate::systems::find)
        .unwrap_or_else(|| crate::systems::all()[0].system);
    let mut initial = offer_from_link(system, q.get("name").unwrap_or_default(), &q);
    if q.get("cluster_mode").is_none() {
        initial.mode = Mode::Direct;
    }
    // Only a path of this app: a `return` from a link must never become `javascript:` or another site.
    let back = q.get("return").and_then(safe_app_path).map(str::to_string);
    view! { <h1>"Add a cluster"</h1><ClusterForm initial original=None back /> }
}

/// `/clusters/:name/edit`: edit a cluster of this browser.
#[component]
pub fn EditCluster() -> impl IntoView {
    let params = use_params_map();
    let name = params.get_untracked().get("name").unwrap_or_default();
    match Registry::get().find(&name).filter(|c| c.source == Source::User) {
        Some(c) => view! { <h1>{format!("Edit {}", c.name)}</h1><ClusterForm initial=c original=Some(name) back=None /> }.into_any(),
        None => view! { <h1>"Not found"</h1><p>{format!("This browser has no editable cluster named '{name}'. ")}<a href=href("/")>"All clusters"</a></p> }.into_any(),
    }
}

#[component]
fn ClusterForm(initial: Cluster, original: Option<String>, back: Option<String>) -> impl IntoView {
    hold_while_mounted();
    let s = scope();
    let reg = Registry::get();
    let navigate = use_navigate();
    let remember0 = original.as_deref().is_some_and(|n| reg.remembers(n));
    let name = RwSignal::new(initial.name.clone());
    let system = RwSignal::new(initial.system.id().to_string());
    let mode = RwSignal::new(initial.mode);
    let endpoints = RwSignal::new(initial.endpoints.clone());
    let username = RwSignal::new(
        initial
            .credentials
            .as_ref()
            .map(|c| c.username.clone())
            .unwrap_or_default(),
    );
    let password = RwSignal::new(
        initial
            .credentials
            .as_ref()
            .map(|c| c.password.clone())
            .unwrap_or_default(),
    );
    let remember = RwSignal::new(remember0);
    let errors: RwSignal<BTreeMap<String, String>> = RwSignal::new(BTreeMap::new());
    let sys = Memo::new(move |_| check_system(&system.get()).ok());
    let err = move |k: &'static str| move || errors.with(|e| e.get(k).cloned());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let system = match check_system(&system.get_untracked()) {
            Ok(s) => s,
            Err(e) => {
                errors.set([("system".to_string(), e)].into());
                return;
            }
        };
        let mut eps = endpoints.get_untracked();
        eps.retain(|k, v| system.has_role(k) && !v.trim().is_empty());
        for v in eps.values_mut() {
            *v = v.trim().to_string();
        }
        let credentials = (system.auth_kind() != AuthKind::None).then(|| Credentials {
            username: username.get_untracked(),
            password: password.get_untracked(),
        });
        let cluster = Cluster {
            name: name.get_untracked().trim().to_string(),
            system,
            mode: mode.get_untracked(),
            endpoints: eps,
            auth: system.auth_kind(),
            credentials,
            source: Source::User,
            about: Default::default(),
        };
        match reg.save(
            cluster.clone(),
            original.as_deref(),
            remember.get_untracked(),
        ) {
            Ok(()) => {
                toast(ToastKind::Success, format!("Saved {}", cluster.name));
                let to = back.clone().unwrap_or_else(|| view_path(&cluster, ""));
                navigate(&to, Default::default());
            }
            Err(e) => errors.set(e),
        }
    };
    let endpoint_fields = move || {
        let Some(system) = sys.get() else {
            return ().into_any();
        };
        system
            .roles()
            .iter()
            .map(|role| {
                let required = role.name == system.primary_role();
                let list = role.list;
                let role = role.name.to_string();
                let key = format!("endpoint:{role}");
                let (r1, r2, k2) = (role.clone(), role.clone(), key.clone());
                let invalid = move || errors.with(|e| e.contains_key(&k2)).to_string();
                let message = move || errors.with(|e| e.get(&key).cloned());
                let label = match (required, list) {
                    (true, _) => format!("{role} URL"),
                    (_, true) => format!("{role} URLs (optional)"),
                    _ => format!("{role} URL (optional)"),
                };
                let placeholder = if list { "http://host1:port, http://host2:port" } else { "http://host:port" };
                view! {
                    <label class=s.cls("form-label") for=format!("ep-{role}")>{label}</label>
                    <div class=s.cls("form-field")>
                        <input id=format!("ep-{r1}") name=format!("endpoint-{r1}") placeholder=placeholder aria-invalid=invalid
                            prop:value=move || endpoints.with(|e| e.get(&r1).cloned().unwrap_or_default())
                            on:input=move |ev| endpoints.update(|e| { e.insert(r2.clone(), event_target_value(&ev)); }) />
                        <span class="sb-field-error" role="alert">{message}</span>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    let needs_credentials = move || {
        sys.get().is_some_and(|s| s.auth_kind() != AuthKind::None) && mode.get() == Mode::Direct
    };
    view! {
        <form class=s.cls("form") on:submit=submit novalidate>
            <label class=s.cls("form-label") for="cl-name">"Name"</label>
            <div class=s.cls("form-field")>
                <input id="cl-name" name="name" aria-invalid=move || errors.with(|e| e.contains_key("name")).to_string()
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <span class="sb-field-error" role="alert">{err("name")}</span>
            </div>
            <label class=s.cls("form-label") for="cl-system">"System"</label>
            <div class=s.cls("form-field")>
                <select id="cl-system" name="system" on:change=move |ev| system.set(event_target_value(&ev))>
                    {crate::systems::systems().map(|x| view! { <option value=x.id() selected=move || system.get() == x.id()>{x.label()}</option> }).collect_view()}
                </select>
                <span class="sb-field-error" role="alert">{err("system")}</span>
            </div>
            <span class=s.cls("form-label")>"Connection"</span>
            <div class=s.cls("form-field")>
                <label><input type="radio" name="mode" prop:checked=move || mode.get() == Mode::Direct on:change=move |_| mode.set(Mode::Direct) />" Direct from the browser"</label>
                <label><input type="radio" name="mode" prop:checked=move || mode.get() == Mode::Proxy on:change=move |_| mode.set(Mode::Proxy) />" Through this deployment's proxy"</label>
                <span class="sb-dim">{move || if mode.get() == Mode::Direct {
                    "Direct calls need the system to allow this page's origin (CORS). Flink allows reads; changes and the other systems need the proxy."
                } else {
                    "The proxy forwards only to clusters its configuration names: use the name it knows."
                }}</span>
            </div>
            {endpoint_fields}
            <Show when=needs_credentials>
                <label class=s.cls("form-label") for="cl-user">"User"</label>
                <div class=s.cls("form-field")><input id="cl-user" name="username" autocomplete="username" prop:value=move || username.get() on:input=move |ev| username.set(event_target_value(&ev)) /></div>
                <label class=s.cls("form-label") for="cl-pass">"Password"</label>
                <div class=s.cls("form-field")>
                    <input id="cl-pass" name="password" type="password" autocomplete="current-password" prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                    <label><input type="checkbox" prop:checked=move || remember.get() on:change=move |ev| remember.set(event_target_checked(&ev)) />" Remember on this device (otherwise kept until the browser closes)"</label>
                </div>
            </Show>
            <span></span>
            <div class="sb-row">
                <button type="submit" class="sb-primary">"Save"</button>
                <a href=href("/")>"Cancel"</a>
                <Show when=move || !errors.with(BTreeMap::is_empty)><span class="sb-field-error">"Fix the marked fields."</span></Show>
            </div>
        </form>
    }
}
