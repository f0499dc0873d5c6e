//! FE administration: colocate groups (`/api/colocate`) with mark stable / unstable, update a
//! group and its bucket sequence (JSON bodies); enabling a table's global dictionary; the log
//! files (`HEAD get_log_file` for the sizes, then the file) and small files; and `/api/stop`
//! behind typing the cluster's name.

use super::ops::{cluster_signal, oscope, outcome, outcome_view, run};
use super::scope;
use crate::shell::use_cluster;
use crate::systems::starrocks::api_ops::{self, as_text};
use crate::ui::download::download_bytes;
use crate::ui::format::bytes;
use crate::ui::kit::{load_once, status};
use crate::ui::{ConfirmButton, JsonView};
use leptos::prelude::*;
use serde_json::Value;

/// The colocate actions: `(action, label, takes a JSON body)`.
const COLOCATE: &[(&str, &str, bool)] = &[
    ("group_stable", "Mark stable", false),
    ("group_unstable", "Mark unstable", false),
    ("update_group", "Update group", true),
    ("bucketseq", "Update bucket sequence", true),
];

/// The groups of `/api/colocate`: `(name, id)` pairs, and whether each is unstable.
pub fn groups(v: &Value) -> Vec<(String, String, bool)> {
    let meta = &v["colocate_meta"];
    let unstable: Vec<String> = meta["unstableGroups"]
        .as_array()
        .map(|a| a.iter().map(|g| as_text(g).replace(['"', ' '], "")).collect())
        .unwrap_or_default();
    meta["groupName2Id"]
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(name, id)| {
                    let id = as_text(id).replace(['"', ' ', '\n'], "");
                    let bad = unstable.contains(&id);
                    (name.clone(), id, bad)
                })
                .collect()
        })
        .unwrap_or_default()
}

fn colocate_panel() -> impl IntoView {
    let s = scope();
    let o = oscope();
    let cs = cluster_signal();
    let r = load_once(|c| async move { api_ops::colocate(&c).await });
    let (db_id, group_id, body) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (out, busy) = (outcome(), RwSignal::new(false));
    let last = StoredValue::new("group_stable");
    let go = Callback::new(move |_: ()| {
        let action = last.get_value();
        let takes_body = COLOCATE.iter().any(|(a, _, b)| *a == action && *b);
        let (d, g, b) = (db_id.get_untracked(), group_id.get_untracked(), body.get_untracked());
        run(cs, out, busy, move |c| async move {
            let body = takes_body.then_some(b.as_str());
            api_ops::colocate_action(&c, action, &d, &g, body).await.map(|v| as_text(&v))
        });
        r.refetch();
    });
    view! {
        <div class=s.cls("panel") data-colocate="">
            <h2>"Colocate groups"</h2>
            {move || r.get().map(|v| {
                let g = groups(&v);
                view! {
                    {if g.is_empty() { view! { <p class="sb-dim" data-no-groups="">"No colocate groups."</p> }.into_any() } else {
                        view! { <table class=s.cls("table")><thead><tr><th>"Group"</th><th>"Id"</th><th>"State"</th></tr></thead><tbody>
                            {g.into_iter().map(|(n, id, bad)| view! { <tr><td>{n}</td><td>{id}</td><td class=o.cls(if bad { "bad" } else { "ok" })>{if bad { "unstable" } else { "stable" }}</td></tr> }).collect_view()}
                        </tbody></table> }.into_any()
                    }}
                    <details><summary>"Raw metadata"</summary><JsonView value=v /></details>
                }
            })}
            {status(r, "colocate groups")}
            <div class=s.cls("form")>
                <label>"db_id " <input prop:value=move || db_id.get() on:input=move |ev| db_id.set(event_target_value(&ev)) /></label>
                <label>"group_id " <input prop:value=move || group_id.get() on:input=move |ev| group_id.set(event_target_value(&ev)) /></label>
            </div>
            <textarea rows="3" placeholder="JSON body for update group / bucket sequence, e.g. [[10001,10002],[10002,10003]]"
                prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            <div class=o.cls("tools")>
                {COLOCATE.iter().map(|(action, label, _)| {
                    let action = *action;
                    view! { <ConfirmButton label=*label title=*label message=format!("POST /api/colocate/{action} for the group above.")
                        confirm_label="Send" disabled=busy on_confirm=Callback::new(move |_| { last.set_value(action); go.run(()); }) /> }
                }).collect_view()}
            </div>
            {outcome_view(out, "colocate", go)}
        </div>
    }
}

fn dict_panel() -> impl IntoView {
    let s = scope();
    let cs = cluster_signal();
    let (db, table, enable) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(true));
    let (out, busy) = (outcome(), RwSignal::new(false));
    let go = Callback::new(move |_: ()| {
        let (d, t, e) = (db.get_untracked(), table.get_untracked(), enable.get_untracked());
        run(cs, out, busy, move |c| async move { api_ops::global_dict(&c, &d, &t, e).await.map(|v| as_text(&v)) });
    });
    view! {
        <div class=s.cls("panel") data-global-dict="">
            <h2>"Global dictionary of a table"</h2>
            <div class=s.cls("form")>
                <label>"Database " <input prop:value=move || db.get() on:input=move |ev| db.set(event_target_value(&ev)) /></label>
                <label>"Table " <input prop:value=move || table.get() on:input=move |ev| table.set(event_target_value(&ev)) /></label>
                <label><input type="checkbox" prop:checked=move || enable.get() on:change=move |ev| enable.set(event_target_checked(&ev)) />" enable"</label>
                <button disabled=move || busy.get() on:click=move |_| go.run(())>"Apply"</button>
            </div>
            {outcome_view(out, "global-dict", go)}
        </div>
    }
}

fn files_panel() -> impl IntoView {
    let s = scope();
    let cs = cluster_signal();
    let kind = RwSignal::new("fe.audit.log".to_string());
    let infos = RwSignal::new(None::<Result<Vec<(String, i64)>, crate::net::FetchError>>);
    let look = Callback::new(move |_: ()| {
        let (c, k) = (cs.get_untracked(), kind.get_untracked());
        leptos::task::spawn_local(async move {
            let r = api_ops::log_file_infos(&c, &k).await.map(|v| {
                v.as_object().map(|o| o.iter().map(|(f, n)| (f.clone(), n.as_i64().unwrap_or(0))).collect()).unwrap_or_default()
            });
            infos.try_set(Some(r));
        });
    });
    let (out, busy) = (outcome(), RwSignal::new(false));
    let file = StoredValue::new(String::new());
    let get = Callback::new(move |_: ()| {
        let (k, f) = (kind.get_untracked(), file.get_value());
        run(cs, out, busy, move |c| async move {
            let b = api_ops::log_file(&c, &k, &f).await?;
            download_bytes(&f, "text/plain", &b);
            Ok(format!("{f}: {} saved", bytes(b.len() as i64)))
        });
    });
    let (fid, token, small_out, small_busy) = (RwSignal::new(String::new()), RwSignal::new(String::new()), outcome(), RwSignal::new(false));
    let small = Callback::new(move |_: ()| {
        let (i, t) = (fid.get_untracked(), token.get_untracked());
        run(cs, small_out, small_busy, move |c| async move {
            let b = api_ops::small_file(&c, &i, &t).await?;
            download_bytes(&format!("small-file-{i}"), "application/octet-stream", &b);
            Ok(format!("{} saved", bytes(b.len() as i64)))
        });
    });
    view! {
        <div class=s.cls("panel") data-log-files="">
            <h2>"Log files and small files"</h2>
            <div class=s.cls("form")>
                <label>"Log type " <input prop:value=move || kind.get() on:input=move |ev| kind.set(event_target_value(&ev)) /></label>
                <button on:click=move |_| look.run(())>"List (HEAD)"</button>
            </div>
            {move || infos.get().map(|r| match r {
                Ok(files) if files.is_empty() => view! { <p class="sb-dim">"No files listed."</p> }.into_any(),
                Ok(files) => view! { <ul>{files.into_iter().map(|(f, n)| { let f2 = f.clone(); view! {
                    <li data-log-file=f.clone()>{format!("{f} · {} ", bytes(n))}<button disabled=move || busy.get() on:click=move |_| { file.set_value(f2.clone()); get.run(()); }>"Download"</button></li>
                }}).collect_view()}</ul> }.into_any(),
                Err(e) => view! { <crate::ui::ErrorPanel error=e on_retry=look /> }.into_any(),
            })}
            {outcome_view(out, "log-file", get)}
            <div class=s.cls("form")>
                <label>"Small file id " <input prop:value=move || fid.get() on:input=move |ev| fid.set(event_target_value(&ev)) /></label>
                <label>"token " <input prop:value=move || token.get() on:input=move |ev| token.set(event_target_value(&ev)) /></label>
                <button disabled=move || small_busy.get() on:click=move |_| small.run(())>"Download"</button>
            </div>
            {outcome_view(small_out, "small-file", small)}
        </div>
    }
}

/// The FE administration page.
#[component]
pub fn AdminPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let cs = cluster_signal();
    let (out, busy) = (outcome(), RwSignal::new(false));
    let stop = Callback::new(move |_: ()| run(cs, out, busy, |c| async move { api_ops::stop_fe(&c).await.map(|v| as_text(&v)) }));
    view! {
        <div class=s.cls("stack")>
            <h1>"Administration"</h1>
            {colocate_panel()}
            {dict_panel()}
            {files_panel()}
            <div class=s.cls("panel") data-stop-fe="">
                <h2>"Stop the FE (/api/stop)"</h2>
                {move || {
                    let name = cluster.with(|c| c.name.clone());
                    view! { <div><ConfirmButton label="Stop FE…" title="Stop the FE" message="The FE process exits: the cluster takes no queries or loads until it is started again by hand."
                        confirm_label="Stop the FE" type_to_confirm=name danger=true disabled=busy on_confirm=stop /></div> }
                }}
                {outcome_view(out, "stop-fe", stop)}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colocate_groups_and_their_stability() {
        let v: Value = serde_json::from_str(include_str!("../fixtures/colocate.json")).unwrap();
        assert!(groups(&v).is_empty());
        let v = serde_json::json!({"colocate_meta": {"groupName2Id": {"10005_g1": {"grpId": 1, "dbId": 10005}, "10005_g2": 7}, "unstableGroups": [7]}});
        let g = groups(&v);
        assert_eq!(g.len(), 2);
        assert!(g.iter().any(|(n, _, bad)| n == "10005_g2" && *bad));
        assert!(g.iter().any(|(n, _, bad)| n == "10005_g1" && !*bad));
    }
}
