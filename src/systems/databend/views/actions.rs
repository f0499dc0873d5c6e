//! Actions on one node: health (`/v1/health`), trigger a snapshot (`/v1/ctrl/trigger_snapshot`,
//! confirmed first), transfer leadership (`/v1/ctrl/trigger_transfer_leader?to=`; a follower
//! answers 404 with a text that says why, shown as it is), feature flags (`/v1/features/list`,
//! `/v1/features/set`) and the configuration (`/v1/config`, debug text, shown as text).

use super::{api, picked_target, scope, NodePicker, NODE};
use crate::shell::use_cluster;
use crate::ui::kit::{badge, load, load_once, query, status, toaster};
use crate::net::FetchError;
use crate::ui::{ConfirmButton, ErrorPanel, ToastKind, Tone};
use leptos::prelude::*;

/// The actions page.
#[component]
pub fn ActionsPage() -> impl IntoView {
    let s = scope();
    view! {
        <div class=s.cls("stack")>
            <h1>"Actions"</h1>
            <div class=s.cls("form")>
                <NodePicker any=true />
                <span class="sb-dim">"Leader-only actions must be asked of the leader; another node says why it refuses."</span>
            </div>
            <div class=s.cls("row")>
                <Health />
                <Snapshot />
                <Transfer />
            </div>
            <Features />
            <Config />
        </div>
    }
}

#[component]
fn Health() -> impl IntoView {
    let s = scope();
    let node = query(NODE);
    let r = load(move |c| {
        let target = picked_target(node.get());
        async move { api::health(&c, &target).await }
    });
    view! {
        <div class=s.cls("panel") data-health="">
            <h2>"Health"</h2>
            {move || r.get().map(|v| {
                let st = v["status"].as_str().unwrap_or("unknown").to_string();
                let tone = if st == "pass" { Tone::Ok } else { Tone::Bad };
                badge(tone, &st)
            })}
            {status(r, "health")}
        </div>
    }
}

#[component]
fn Snapshot() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let node = query(NODE);
    let toast = toaster();
    let result = RwSignal::new(None::<Result<String, FetchError>>);
    let run = Callback::new(move |_| {
        let c = cluster.get_untracked();
        let n = node.get_untracked();
        let target = picked_target(n.clone());
        let who = n.unwrap_or_else(|| "a node".into());
        leptos::task::spawn_local(async move {
            let r = api::trigger_snapshot(&c, &target).await;
            match &r {
                Ok(()) => toast(ToastKind::Success, format!("Snapshot triggered on {who}")),
                Err(e) => toast(ToastKind::Error, format!("Snapshot failed: {}", api::error_text(e))),
            }
            result.try_set(Some(r.map(|_| format!("Snapshot triggered on {who}"))));
        });
    });
    view! {
        <div class=s.cls("panel") data-snapshot="">
            <h2>"Snapshot"</h2>
            <span class="sb-dim">"Forces raft to build a snapshot and send it to the nodes (for debugging)."</span>
            <ConfirmButton label="Trigger snapshot" title="Trigger a snapshot?"
                message="For debugging only: the node builds a snapshot of its state machine now, which costs disk and CPU on a large cluster."
                confirm_label="Trigger" on_confirm=run />
            {move || result.get().map(|r| outcome(r, run))}
        </div>
    }
}

#[component]
fn Transfer() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let node = query(NODE);
    let toast = toaster();
    let to = RwSignal::new(String::new());
    let invalid = RwSignal::new(None::<String>);
    let result = RwSignal::new(None::<Result<String, FetchError>>);
    let run = Callback::new(move |_| {
        let c = cluster.get_untracked();
        let target = picked_target(node.get_untracked());
        let typed = to.get_untracked();
        let id = typed.trim().parse::<u64>().ok();
        if !typed.trim().is_empty() && id.is_none() {
            invalid.set(Some(format!("'{}' is not a node id", typed.trim())));
            return;
        }
        invalid.set(None);
        leptos::task::spawn_local(async move {
            let r = api::transfer_leader(&c, &target, id).await;
            let r = r.map(|t| format!("Leadership moves from node {} to node {}", t.from, t.to));
            if let Ok(t) = &r {
                toast(ToastKind::Success, t.clone());
            }
            result.try_set(Some(r));
        });
    });
    view! {
        <div class=s.cls("panel") data-transfer="">
            <h2>"Transfer leadership"</h2>
            <div class=s.cls("form")>
                <label>"To node id "<input type="number" min="0" placeholder="next voter" data-transfer-to=""
                    prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev)) /></label>
                <ConfirmButton label="Transfer" title="Transfer leadership?"
                    message="Asked of the picked node; only the leader can hand leadership over. The term increases and clients reconnect."
                    confirm_label="Transfer leadership" on_confirm=run />
            </div>
            {move || invalid.get().map(|e| view! { <pre class=s.cls("err") data-result="error">{e}</pre> })}
            {move || result.get().map(|r| outcome(r, run))}
        </div>
    }
}

/// The outcome of an action: its result line, or the error panel (status, the server's words,
/// the request) whose Retry runs the action again.
fn outcome(r: Result<String, FetchError>, again: Callback<()>) -> AnyView {
    match r {
        Ok(t) => view! { <span data-result="ok">{t}</span> }.into_any(),
        Err(e) => view! { <div data-result="error"><ErrorPanel error=e on_retry=again /></div> }.into_any(),
    }
}

#[component]
fn Features() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let node = query(NODE);
    let error = RwSignal::new(None::<FetchError>);
    let last = StoredValue::new((String::new(), false));
    let r = load(move |c| {
        let target = picked_target(node.get());
        async move { api::features(&c, &target).await }
    });
    let set = move |feature: String, enable: bool| {
        let c = cluster.get_untracked();
        let target = picked_target(node.get_untracked());
        last.set_value((feature.clone(), enable));
        leptos::task::spawn_local(async move {
            match api::set_feature(&c, &target, &feature, enable).await {
                Ok(_) => {
                    error.try_set(None);
                    r.refetch();
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <div class=s.cls("panel") data-features="">
            <h2>"Feature flags"</h2>
            {move || r.get().map(|f| {
                if f.features.is_empty() {
                    return view! { <p class="sb-dim">"This server has no feature flags."</p> }.into_any();
                }
                let rows = f.features.iter().map(|name| {
                    let on = f.enabled.contains(name);
                    let n = name.clone();
                    view! {
                        <tr data-feature=name.clone()>
                            <td class="sb-mono">{name.clone()}</td>
                            <td>{badge(if on { Tone::Ok } else { Tone::Unknown }, if on { "enabled" } else { "disabled" })}</td>
                            <td><button on:click=move |_| set(n.clone(), !on)>{if on { "Disable" } else { "Enable" }}</button></td>
                        </tr>
                    }
                }).collect_view();
                view! { <table class=s.cls("table")><tbody>{rows}</tbody></table> }.into_any()
            })}
            {move || error.get().map(|e| {
                let again = Callback::new(move |_| { let (f, on) = last.get_value(); set(f, on) });
                view! { <div data-result="error"><ErrorPanel error=e on_retry=again /></div> }
            })}
            {status(r, "features")}
        </div>
    }
}

#[component]
fn Config() -> impl IntoView {
    let s = scope();
    let node = query(NODE);
    let r = load_once(move |c| {
        let target = picked_target(node.get());
        async move { api::config(&c, &target).await }
    });
    view! {
        <div class=s.cls("panel") data-config="">
            <h2>"Configuration"</h2>
            <span class="sb-dim">"As the server prints it (debug text, not JSON)."</span>
            {move || r.get().map(|t| view! { <pre class=s.cls("pre sb-mono")>{pretty_config(&t)}</pre> })}
            {status(r, "configuration")}
        </div>
    }
}

/// Breaks the server's one-line debug print of its configuration after each `, ` at the top
/// level of a struct and indents nested structs, so it reads as a list.
pub fn pretty_config(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut depth: usize = 0;
    let mut in_str = false;
    let mut prev = '\0';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_str {
            out.push(c);
            if c == '"' && prev != '\\' {
                in_str = false;
            }
            prev = if prev == '\\' && c == '\\' { '\0' } else { c };
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                out.push(c);
            }
            '{' => {
                depth += 1;
                out.push('{');
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
            }
            '}' => {
                depth = depth.saturating_sub(1);
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
                out.push('}');
            }
            ',' if chars.peek() == Some(&' ') && depth > 0 => {
                chars.next();
                out.push(',');
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
            }
            c => out.push(c),
        }
        prev = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_text_is_broken_into_lines_without_touching_strings() {
        let t = "Config { a: \"x, {y}\", b: Raft { c: 1, d: [\"h:1\"] } }";
        let p = pretty_config(t);
        assert!(p.contains("a: \"x, {y}\",\n"), "{p}");
        assert!(p.contains("\n    c: 1,\n"), "{p}");
        assert_eq!(pretty_config("plain"), "plain");
        let _ = pretty_config("}}}{{\"\\");
    }
}
