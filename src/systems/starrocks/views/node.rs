//! One BE or CN (`nodes/<be|cn>:<host>:<port>`, opened from the cluster's backend and compute
//! node rows; the address from the URL is checked before any request): health, `/varz` as a
//! searchable table (its text when it cannot be read as one; never rendered as HTML),
//! `update_config` one key per request, `/greplog`, pprof, the tablet, cache and compaction
//! tools, the downloads, and `_stop_be` behind typing the node's address.

use super::ops::{cluster_signal, oscope, outcome, outcome_view, run};
use super::scope;
use crate::systems::starrocks::api_ops::{self, as_text, fill, DOWNLOADS, NODE_TOOLS, PPROF};
use crate::systems::starrocks::model::Failure;
use crate::systems::starrocks::ops_model::{filter_rows, node_target, parse_assignments, parse_varz, pprof_failure, strip_tags};
use crate::systems::starrocks::{api, model::excerpt};
use crate::ui::download::download_bytes;
use crate::ui::kit::{load, load_once, param, status};
use crate::ui::ConfirmButton;
use leptos::prelude::*;

/// One key's outcome of the update form.
#[derive(Clone, Debug, PartialEq)]
struct Sent {
    key: String,
    value: String,
    result: Result<(), String>,
}

fn varz_panel(node: String, reload: RwSignal<u32>) -> impl IntoView {
    let s = scope();
    let o = oscope();
    let find = RwSignal::new(String::new());
    let r = load_once(move |c| {
        let _ = reload.get();
        let n = node.clone();
        async move { api_ops::varz(&c, &n).await }
    });
    view! {
        <div class=s.cls("panel") data-varz="">
            <h2>"Configuration (/varz)"</h2>
            <input type="search" placeholder="find a key or value" data-varz-search="" prop:value=move || find.get() on:input=move |ev| find.set(event_target_value(&ev)) />
            {move || r.get().map(|body| match parse_varz(&body) {
                Some(rows) => {
                    let n = rows.len();
                    view! {
                        <span class="sb-dim" data-varz-count=n.to_string()>{format!("{n} keys")}</span>
                        <div class=o.cls("varz")>
                            <table class=s.cls("table")><tbody>
                                {move || filter_rows(&rows, &find.get()).into_iter().map(|(k, v)| view! {
                                    <tr data-varz-key=k.clone()><td class="sb-mono">{k.clone()}</td><td data-varz-value="">{v.clone()}</td></tr>
                                }).collect_view()}
                            </tbody></table>
                        </div>
                    }.into_any()
                }
                None => view! {
                    <p class="sb-dim">"The page could not be read as a table; its text:"</p>
                    <pre class=s.cls("pre") data-varz-text="">{strip_tags(&body)}</pre>
                }.into_any(),
            })}
            {status(r, "varz")}
        </div>
    }
}

fn update_panel(node: String, reload: RwSignal<u32>) -> impl IntoView {
    let s = scope();
    let o = oscope();
    let cs = cluster_signal();
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(Vec::<Sent>::new());
    let invalid = RwSignal::new(None::<String>);
    let send = move |_| {
        let pairs = match parse_assignments(&text.get_untracked()) {
            Ok(p) => p,
            Err(e) => return invalid.set(Some(e)),
        };
        invalid.set(None);
        sent.set(Vec::new());
        busy.set(true);
        let (c, n) = (cs.get_untracked(), node.clone());
        leptos::task::spawn_local(async move {
            for (k, v) in pairs {
                let r = api_ops::update_config(&c, &n, &k, &v).await;
                let result = r.map(|_| ()).map_err(|e| e.error.server_message().map(str::to_string).unwrap_or_else(|| e.error.to_string()));
                sent.try_update(|all| all.push(Sent { key: k, value: v, result }));
            }
            busy.try_set(false);
            reload.try_update(|n| *n += 1);
        });
    };
    view! {
        <div class=s.cls("panel") data-update-config="">
            <h2>"Update config (update_config)"</h2>
            <p class="sb-dim">"One key = value per line; the node takes one key per request, so they are sent in turn."</p>
            <textarea rows="4" data-update-input="" placeholder="tablet_max_versions = 2000" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <div><button class="sb-primary" data-update-send="" disabled=move || busy.get() on:click=send>"Send each"</button></div>
            {move || invalid.get().map(|e| view! { <div class=s.cls("alert badline")>{e}</div> })}
            <table class=o.cls("results")><tbody>
                {move || sent.get().into_iter().map(|x| {
                    let (cls, word, detail) = match &x.result {
                        Ok(()) => ("ok", "updated", String::new()),
                        Err(e) => ("bad", "failed", e.clone()),
                    };
                    view! { <tr data-sent=x.key.clone() data-result=word><td>{x.key.clone()}</td><td>{x.value.clone()}</td><td class=o.cls(cls)>{word}</td><td>{detail}</td></tr> }
                }).collect_view()}
            </tbody></table>
        </div>
    }
}

fn greplog_panel(node: String) -> impl IntoView {
    let s = scope();
    let cs = cluster_signal();
    let (pattern, level, out, busy) = (RwSignal::new(String::new()), RwSignal::new(String::new()), outcome(), RwSignal::new(false));
    let go = Callback::new(move |_: ()| {
        let (p, l, n) = (pattern.get_untracked(), level.get_untracked(), node.clone());
        run(cs, out, busy, move |c| async move {
            api_ops::greplog(&c, &n, &p, &l).await.map(|t| if t.trim().is_empty() { "(no matching lines)".into() } else { t })
        });
    });
    view! {
        <div class=s.cls("panel") data-greplog="">
            <h2>"Search the log (greplog)"</h2>
            <div class=s.cls("form")>
                <input placeholder="pattern" prop:value=move || pattern.get() on:input=move |ev| pattern.set(event_target_value(&ev)) />
                <select on:change=move |ev| level.set(event_target_value(&ev))>
                    <option value="">"any level"</option><option value="I">"INFO"</option><option value="W">"WARNING"</option><option value="E">"ERROR"</option>
                </select>
                <button disabled=move || busy.get() on:click=move |_| go.run(())>"Search"</button>
            </div>
            {outcome_view(out, "greplog", go)}
        </div>
    }
}

fn pprof_panel(node: String) -> impl IntoView {
    let s = scope();
    let o = oscope();
    let cs = cluster_signal();
    let seconds = RwSignal::new("10".to_string());
    let (out, busy) = (outcome(), RwSignal::new(false));
    let last = StoredValue::new(None::<(&'static str, String)>);
    let fetch = Callback::new(move |_: ()| {
        let Some((name, path)) = last.get_value() else { return };
        let n = node.clone();
        let text = PPROF.iter().any(|(x, _, t)| *x == name && *t);
        run(cs, out, busy, move |c| async move {
            let r = api_ops::raw(&c, "GET", &n, &path, "content-type").await?;
            let body = String::from_utf8_lossy(&r.bytes).into_owned();
            // Text endpoints say they cannot profile with HTTP 200: an error, nothing saved.
            if let Some(message) = pprof_failure(&body).filter(|_| text) {
                let url = crate::net::cluster_request(&c, "GET", &n, &path).url;
                return Err(crate::systems::starrocks::api::failure("GET", &url, Failure { status: 200, message }));
            }
            download_bytes(&format!("pprof-{name}-{}.out", n.replace(':', "_")), "application/octet-stream", &r.bytes);
            Ok(if text { body } else { format!("{} bytes saved (binary profile)", r.bytes.len()) })
        });
    });
    view! {
        <div class=s.cls("panel") data-pprof="">
            <h2>"pprof"</h2>
            <div class=s.cls("form")>
                <label>"seconds " <input type="number" min="1" max="300" prop:value=move || seconds.get() on:input=move |ev| seconds.set(event_target_value(&ev)) /></label>
            </div>
            <div class=o.cls("tools")>
                {PPROF.iter().map(|(name, path, _)| {
                    let (name, path) = (*name, *path);
                    view! { <button data-pprof-run=name disabled=move || busy.get() on:click=move |_| {
                        let secs = seconds.get_untracked().trim().parse::<u32>().ok().filter(|s| (1..=300).contains(s)).unwrap_or(10);
                        last.set_value(Some((name, fill(path, &[("seconds", secs.to_string())]))));
                        fetch.run(());
                    }>{name}</button> }
                }).collect_view()}
            </div>
            {outcome_view(out, "pprof", fetch)}
        </div>
    }
}

fn tools_panel(node: String) -> impl IntoView {
    let s = scope();
    let o = oscope();
    let cs = cluster_signal();
    let fields = ["tablet", "schema_hash", "version", "path", "token", "file"].map(|f| (f, RwSignal::new(String::new())));
    let values = move || fields.iter().map(|(k, v)| (*k, v.get_untracked())).collect::<Vec<_>>();
    let (out, busy) = (outcome(), RwSignal::new(false));
    let last = StoredValue::new(None::<(&'static str, String)>);
    let node2 = node.clone();
    let again = Callback::new(move |_: ()| {
        let Some((method, path)) = last.get_value() else { return };
        let n = node2.clone();
        run(cs, out, busy, move |c| async move {
            if method == "HEAD" {
                return api_ops::head(&c, &n, &path).await;
            }
            api_ops::call(&c, method, &n, &path, None).await.map(|v| as_text(&v))
        });
    });
    let start = move |method: &'static str, path: &'static str| {
        last.set_value(Some((method, fill(path, &values()))));
        again.run(());
    };
    let (dl_out, dl_busy) = (outcome(), RwSignal::new(false));
    let dl_last = StoredValue::new(None::<(&'static str, String)>);
    let node3 = node.clone();
    let download = Callback::new(move |_: ()| {
        let Some((name, path)) = dl_last.get_value() else { return };
        let n = node3.clone();
        // Saved under the file's own name (the last part of its path).
        let file = fields[5].1.get_untracked().trim().rsplit('/').find(|p| !p.is_empty()).unwrap_or("download").to_string();
        run(cs, dl_out, dl_busy, move |c| async move {
            let r = api_ops::raw(&c, "GET", &n, &path, "content-type").await?;
            download_bytes(&file, "application/octet-stream", &r.bytes);
            Ok(format!("{file}: {} bytes saved ({name})", r.bytes.len()))
        });
    });
    view! {
        <div class=s.cls("panel") data-tools="">
            <h2>"Tablets, compaction, caches"</h2>
            <div class=s.cls("form")>
                {fields.iter().map(|(k, v)| { let v = *v; view! {
                    <label>{format!("{k} ")}<input data-field=*k prop:value=move || v.get() on:input=move |ev| v.set(event_target_value(&ev)) /></label>
                }}).collect_view()}
            </div>
            <div class=o.cls("tools")>
                {NODE_TOOLS.iter().map(|(label, method, path, danger)| {
                    let (label, method, path) = (*label, *method, *path);
                    if *danger {
                        view! { <ConfirmButton label=label title=label message=format!("{method} {path} on this node (placeholders filled from the fields above).")
                            confirm_label="Run" danger=true disabled=busy on_confirm=Callback::new(move |_| start(method, path)) /> }.into_any()
                    } else {
                        view! { <button data-tool=label disabled=move || busy.get() on:click=move |_| start(method, path)>{label}</button> }.into_any()
                    }
                }).collect_view()}
            </div>
            {outcome_view(out, "tool", again)}
            <h3>"Downloads"</h3>
            <div class=o.cls("tools")>
                {DOWNLOADS.iter().map(|(name, path)| {
                    let (name, path) = (*name, *path);
                    let id = path.trim_start_matches("/api/").split('?').next().unwrap_or_default();
                    view! { <button data-download=id disabled=move || dl_busy.get() on:click=move |_| {
                        dl_last.set_value(Some((name, fill(path, &values()))));
                        download.run(());
                    }>{name}</button> }
                }).collect_view()}
            </div>
            {outcome_view(dl_out, "download", download)}
        </div>
    }
}

/// The node page.
#[component]
pub fn NodePage() -> impl IntoView {
    let s = scope();
    let raw = param("node");
    let cs = cluster_signal();
    move || {
        let given = raw.get();
        let Some(node) = node_target(&given) else {
            return view! {
                <div class=s.cls("stack")>
                    <h1>"Node"</h1>
                    <div class=s.cls("alert badline") data-bad-node="">{format!("Not a BE or CN address: {}", excerpt(&given))}</div>
                </div>
            }
            .into_any();
        };
        let n = node.clone();
        let health = load(move |c| {
            let n = n.clone();
            async move { api::json(&c, &n, "/api/health").await }
        });
        let reload = RwSignal::new(0u32);
        let (stop_out, stop_busy) = (outcome(), RwSignal::new(false));
        let n2 = node.clone();
        let stop = Callback::new(move |_: ()| {
            let n = n2.clone();
            run(cs, stop_out, stop_busy, move |c| async move { api_ops::stop_be(&c, &n).await.map(|v| as_text(&v)) });
        });
        let is_be = node.starts_with("be:");
        view! {
            <div class=s.cls("stack") data-node-page=node.clone()>
                <h1>{node.clone()}</h1>
                <div class=s.cls("panel") data-node-health="">
                    <h2>"Health"</h2>
                    {move || health.get().map(|v| view! { <span data-health-status=as_text(&v["status"])>{format!("{} {}", as_text(&v["status"]), as_text(&v["msg"]))}</span> })}
                    {status(health, "health")}
                </div>
                {varz_panel(node.clone(), reload)}
                {update_panel(node.clone(), reload)}
                {greplog_panel(node.clone())}
                {pprof_panel(node.clone())}
                {tools_panel(node.clone())}
                {is_be.then(|| view! {
                    <div class=s.cls("panel") data-stop-be="">
                        <h2>"Stop this BE (_stop_be)"</h2>
                        <div><ConfirmButton label="Stop BE…" title="Stop this BE" message="The BE process will exit. Queries and loads on it fail until it is started again by hand."
                            confirm_label="Stop the BE" type_to_confirm=node.clone() danger=true disabled=stop_busy on_confirm=stop /></div>
                        {outcome_view(stop_out, "stop-be", stop)}
                    </div>
                })}
            </div>
        }
        .into_any()
    }
}
