//! The frame around every page: top bar (cluster picker, refresh, theme, copy link, request log),
//! side navigation of the selected cluster's system, content, and the request log panel.

use super::request_log::RequestLog;
use super::scope;
use super::theme::ThemeToggle;
use crate::cluster::endpoint::base_path;
use crate::cluster::link::{share_link, view_path};
use crate::cluster::{Cluster, Registry, System};
use crate::systems::def;
use crate::ui::download::copy_text;
use crate::ui::refresh::RefreshControl;
use crate::ui::{toast, ToastKind};
use crate::url_state::{app_path, decode};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

/// `(system, cluster name, view path)` when `path` (without the base) is a cluster's page.
pub fn cluster_in_path(path: &str) -> Option<(System, String, String)> {
    let mut parts = path.trim_start_matches('/').splitn(3, '/');
    let system = crate::systems::find(parts.next()?)?;
    let name = decode(parts.next().filter(|n| !n.is_empty())?);
    Some((
        system,
        name,
        parts
            .next()
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_string(),
    ))
}

/// The selected cluster, from the URL.
fn use_selected() -> Memo<Option<(System, String, String)>> {
    let location = use_location();
    Memo::new(move |_| cluster_in_path(&app_path(&location.pathname.get())))
}

/// The app's frame; `children` are the routes.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let s = scope();
    let show_log = RwSignal::new(false);
    view! {
        <div class=move || s.cls(if show_log.get() { "app app-log" } else { "app" })>
            <TopBar show_log />
            <SideNav />
            <main class=s.cls("main")>{children()}</main>
            <Show when=move || show_log.get()><RequestLog /></Show>
        </div>
    }
}

#[component]
fn TopBar(show_log: RwSignal<bool>) -> impl IntoView {
    let s = scope();
    let reg = Registry::get();
    let selected = use_selected();
    let navigate = use_navigate();
    let pick = move |ev| {
        let name = event_target_value(&ev);
        if let Some(c) = reg.find(&name) {
            navigate(&view_path(&c, ""), Default::default());
        } else if name.is_empty() {
            navigate("/", Default::default());
        }
    };
    let copy_link = move |_| {
        let Some(w) = web_sys::window() else { return };
        let loc = w.location();
        let (origin, path, search) = (
            loc.origin().unwrap_or_default(),
            loc.pathname().unwrap_or_default(),
            loc.search().unwrap_or_default(),
        );
        let cluster: Option<Cluster> = selected.get_untracked().and_then(|(_, n, _)| reg.find(&n));
        let link = share_link(&origin, "/", &format!("{path}{search}"), cluster.as_ref());
        copy_text(&link);
        if let Some(el) = w.document().and_then(|d| d.document_element()) {
            let _ = el.set_attribute("data-last-copied-link", &link);
        }
        toast(ToastKind::Success, "Link copied");
    };
    let current = move || selected.get().map(|(_, n, _)| n).unwrap_or_default();
    view! {
        <header class=s.cls("top")>
            <a class=s.cls("brand") href=base_path()>
                <svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true"><rect width="16" height="16" rx="3" fill="#2563eb"/><path d="M4 5h8M4 8h8M4 11h8" stroke="#fff" stroke-width="1.6"/></svg>
                "Switchboard"
            </a>
            <select aria-label="Cluster" on:change=pick prop:value=current>
                <option value="">"All clusters"</option>
                {move || reg.all().into_iter().map(|c| {
                    let label = format!("{} · {}", c.name, c.system.label());
                    view! { <option value=c.name.clone() selected=c.name == current()>{label}</option> }
                }).collect_view()}
            </select>
            <span class=s.cls("spacer")></span>
            <RefreshControl />
            <button on:click=copy_link title="Copy a link to this view">"Copy link"</button>
            <ThemeToggle />
            <button aria-pressed=move || show_log.get().to_string() on:click=move |_| show_log.update(|v| *v = !*v)
                title="Show every request the console makes">"Requests"</button>
        </header>
    }
}

#[component]
fn SideNav() -> impl IntoView {
    let s = scope();
    let reg = Registry::get();
    let selected = use_selected();
    let link = move |href: String, label: String, active: bool| {
        view! { <a class=s.cls("nav-link") href=super::href(&href) aria-current=if active { "page" } else { "false" }>{label}</a> }
    };
    view! {
        <nav class=s.cls("nav") aria-label="Views">
            {move || match selected.get() {
                Some((system, name, view)) => {
                    let cluster = Cluster {
                        name: name.clone(), system, mode: Default::default(), endpoints: Default::default(),
                        auth: Default::default(), credentials: None, source: Default::default(), about: Default::default(),
                    };
                    let items = def(system).nav.iter().map(|n| {
                        link(view_path(&cluster, n.path), n.label.to_string(), view == n.path || (!n.path.is_empty() && view.starts_with(&format!("{}/", n.path))))
                    }).collect_view();
                    view! {
                        <div class=s.cls("nav-title")>{system.label()}</div>
                        <div class=s.cls("nav-title") style="text-transform:none;font-size:13px;color:var(--sb-text)">{name}</div>
                        {items}
                        <div class=s.cls("nav-title")>"Console"</div>
                        {link("/".into(), "All clusters".into(), false)}
                    }.into_any()
                }
                None => view! {
                    <div class=s.cls("nav-title")>"Console"</div>
                    {link("/".into(), "All clusters".into(), true)}
                    {link("/clusters/new".into(), "Add a cluster".into(), false)}
                    <div class=s.cls("nav-title")>"Clusters"</div>
                    {move || reg.all().into_iter().map(|c| link(view_path(&c, ""), c.name.clone(), false)).collect_view()}
                }.into_any(),
            }}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::find;

    #[test]
    fn finds_the_cluster_in_a_path() {
        assert_eq!(
            cluster_in_path("/flink/prod%20eu/jobs/abc/graph"),
            Some((
                find("flink").unwrap(),
                "prod eu".into(),
                "jobs/abc/graph".into()
            ))
        );
        assert_eq!(
            cluster_in_path("/druid/d1"),
            Some((find("druid").unwrap(), "d1".into(), "".into()))
        );
        assert_eq!(cluster_in_path("/clusters/new"), None);
        assert_eq!(cluster_in_path("/"), None);
        assert_eq!(cluster_in_path("/flink/"), None);
    }
}
