//! A query's profile (`/api/profile?query_id=`, the id in the URL): an indented tree of its
//! sections and operators, each collapsible, with the operators' times; the slowest ones are
//! highlighted and listed, and "Slowest operator" opens and scrolls to the slowest one. A
//! search keeps the matching sections and their ancestors. The text stays text.

use super::ops::oscope;
use super::scope;
use crate::systems::starrocks::api_ops;
use crate::systems::starrocks::profile::{format_ns, Profile};
use crate::ui::download::download_text;
use crate::ui::kit::{load_once, query, status};
use crate::url_state::QueryKey;
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The query id.
pub const ID: QueryKey = QueryKey::new("id");

/// How many slowest operators are highlighted.
const HIGHLIGHT: usize = 3;

/// Scrolls the section `i` into view.
fn scroll_to(i: usize) {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!("[data-node='{i}']")).ok().flatten());
    if let Some(el) = el {
        el.scroll_into_view();
    }
}

fn tree(p: Arc<Profile>, needle: RwSignal<String>, collapsed: RwSignal<BTreeSet<usize>>, focused: RwSignal<Option<usize>>) -> impl IntoView {
    let s = oscope();
    let slow = p.slowest(HIGHLIGHT);
    let slowest = slow.first().copied();
    let shown = {
        let p = p.clone();
        Memo::new(move |_| p.matching(&needle.get()))
    };
    let has_children: Vec<bool> = (0..p.nodes.len()).map(|i| p.nodes.iter().any(|n| n.parent == Some(i))).collect();
    p.nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let ancestors = p.ancestors(i);
            let visible = move || {
                shown.with(|sh| sh.get(i).copied().unwrap_or(true))
                    && collapsed.with(|c| !ancestors.iter().any(|a| c.contains(a)))
            };
            let open = move || !collapsed.with(|c| c.contains(&i));
            let toggle = move |_| {
                collapsed.update(|c| {
                    if !c.remove(&i) {
                        c.insert(i);
                    }
                })
            };
            let class = if Some(i) == slowest {
                "node slowest"
            } else if slow.contains(&i) {
                "node slow"
            } else {
                "node"
            };
            let counters = n.counters.iter().map(|(k, v)| view! { <div class=s.cls("counter")>{format!("{k}: {v}")}</div> }).collect_view();
            let time = n.time_ns.map(|t| view! { <span class=s.cls("time") data-time-ns=t.to_string()>{format_ns(t)}</span> });
            let kids = has_children[i];
            let pad = n.depth * 18;
            view! {
                <div class=s.cls(class) data-node=i.to_string() data-operator=n.operator.to_string()
                    data-slowest=(Some(i) == slowest).then_some("") data-focused=move || (focused.get() == Some(i)).then_some("")
                    style=move || if visible() { "display:block" } else { "display:none" }>
                    <div class=s.cls("node-head") style=format!("padding-left:{pad}px")>
                        {kids.then(|| view! { <button class=s.cls("toggle") aria-label="Open or close" on:click=toggle>{move || if open() { "▾" } else { "▸" }}</button> })}
                        <span class=s.cls("node-name") data-node-name=n.name.clone()>{n.name.clone()}</span>
                        {time}
                    </div>
                    <div style=move || format!("padding-left:{pad}px;display:{}", if open() { "block" } else { "none" })>{counters}</div>
                </div>
            }
        })
        .collect_view()
}

/// The profile page.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let s = scope();
    let o = oscope();
    let id = query(ID);
    let r = load_once(move |c| {
        let id = id.get().unwrap_or_default();
        async move { api_ops::profile(&c, &id).await.map(|t| (Arc::new(Profile::parse(&t)), t)) }
    });
    let needle = RwSignal::new(String::new());
    let collapsed = RwSignal::new(BTreeSet::<usize>::new());
    let focused = RwSignal::new(None::<usize>);
    let jump = move |p: &Profile, i: usize| {
        let ancestors = p.ancestors(i);
        collapsed.update(|c| ancestors.iter().for_each(|a| {
            c.remove(a);
        }));
        if !p.matching(&needle.get_untracked()).get(i).copied().unwrap_or(true) {
            needle.set(String::new());
        }
        focused.set(Some(i));
        request_animation_frame(move || scroll_to(i));
    };
    view! {
        <div class=s.cls("stack")>
            <h1>"Query profile"</h1>
            {move || id.get().is_none().then(|| view! { <p class="sb-dim">"Open a query from the Queries page."</p> })}
            {move || r.get().map(|(p, text)| {
                let slow = p.slowest(5);
                let (p1, p2, p3) = (p.clone(), p.clone(), p.clone());
                let qid = id.get_untracked().unwrap_or_default();
                let file = format!("profile-{qid}.txt");
                let top = slow.iter().map(|i| {
                    let (i, p) = (*i, p1.clone());
                    let n = &p.nodes[i];
                    let label = format!("{} · {}", n.name, n.time_ns.map(format_ns).unwrap_or_default());
                    view! { <li><button class=o.cls("linkish") data-slow-op=i.to_string() on:click=move |_| jump(&p, i)>{label}</button></li> }
                }).collect_view();
                let first = slow.first().copied();
                view! {
                    <div class=s.cls("panel") data-profile=qid.clone()>
                        <div class=s.cls("form")>
                            <input type="search" placeholder="find a section, operator or counter" data-profile-search=""
                                prop:value=move || needle.get() on:input=move |ev| needle.set(event_target_value(&ev)) />
                            <button data-jump-slowest="" disabled=first.is_none() on:click=move |_| if let Some(i) = first { jump(&p2, i) }>"Slowest operator"</button>
                            <button on:click=move |_| collapsed.set((0..p3.nodes.len()).filter(|i| p3.nodes[*i].depth >= 2).collect())>"Collapse all"</button>
                            <button on:click=move |_| collapsed.set(BTreeSet::new())>"Expand all"</button>
                            <button on:click=move |_| download_text(&file, "text/plain", &text)>"Download"</button>
                        </div>
                        {first.is_none().then(|| view! { <p class="sb-dim" data-no-operators="">"No operator times in this profile."</p> })}
                        <ol class=o.cls("slowlist") data-slowest-list="">{top}</ol>
                        <div class=o.cls("tree") data-profile-tree="">{tree(p, needle, collapsed, focused)}</div>
                    </div>
                }
            })}
            {status(r, "profile")}
        </div>
    }
}
