//! FE administration: colocate groups (`/api/colocate`) with mark stable / unstable, update a
//! group (`table_id`, `is_join`) and its bucket sequence (a JSON body), the list read again after
//! each; enabling a table's global dictionary; the log files (`HEAD get_log_file` for the sizes,
//! then the file) and small files; and `/api/stop` behind typing the cluster's name.

use super::ops::{cluster_signal, oscope, outcome, outcome_view, run};
use super::scope;
use crate::shell::use_cluster;
use crate::systems::starrocks::api_ops::{self, as_text};
use crate::ui::download::download_bytes;
use crate::ui::format::bytes;
use crate::ui::kit::{load_once, status};
use crate::ui::{ConfirmButton, JsonView};
use crate::url_state::encode;
use leptos::prelude::*;
use serde_json::Value;

/// The colocate actions: `(action, label, what it sends)`.
const COLOCATE: &[(&str, &str, &str)] = &[
    ("group_stable", "Mark stable", "the group's ids"),
    ("group_unstable", "Mark unstable", "the group's ids"),
    ("update_group", "Update group", "the group's ids, table_id and is_join (shared-data tables only)"),
    ("bucketseq", "Update bucket sequence", "the group's ids and the JSON body: the BE ids of each bucket"),
];

/// One colocate group of `/api/colocate`.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Its full name (`<db id>_<name>`).
    pub name: String,
    /// Its database id.
    pub db_id: String,
    /// Its group id.
    pub grp_id: String,
    /// Marked unstable.
    pub unstable: bool,
    /// The BE ids of each bucket, as JSON text (what `bucketseq` takes).
    pub buckets: String,
}

/// A group id as Gson writes it (`{"dbId":..,"grpId":..}`) or as `<dbId>.<grpId>` text.
fn group_id(v: &Value) -> (String, String) {
    match v {
        Value::Object(_) => (as_text(&v["dbId"]), as_text(&v["grpId"])),
        other => {
            let t = as_text(other);
            match t.split_once('.') {
                Some((d, g)) => (d.to_string(), g.to_string()),
                None => (String::new(), t),
            }
        }
    }
}

/// The groups of `/api/colocate`, by name, with their ids, stability and bucket sequence.
pub fn groups(v: &Value) -> Vec<Group> {
    let meta = &v["colocate_meta"];
    let unstable: Vec<(String, String)> = meta["unstableGroups"].as_array().map(|a| a.iter().map(group_id).collect()).unwrap_or_default();
    meta["groupName2Id"]
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(name, id)| {
                    let (db_id, grp_id) = group_id(id);
                    let seq = &meta["group2BackendsPerBucketSeq"][format!("{db_id}.{grp_id}")];
                    Group {
                        name: name.clone(),
                        unstable: unstable.iter().any(|(d, g)| *g == grp_id && (d.is_empty() || *d == db_id)),
                        buckets: if seq.is_null() { String::new() } else { seq.to_string() },
                        db_id,
                        grp_id,
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The query of a colocate action: the group's ids, and for `update_group` the table and
/// whether it joins.
pub fn colocate_query(action: &str, db_id: &str, group_id: &str, table_id: &str, join: bool) -> String {
    let mut q = format!("db_id={}&group_id={}", encode(db_id.trim()), encode(group_id.trim()));
    if action == "update_group" {
        q.push_str(&format!("&table_id={}&is_join={join}", encode(table_id.trim())));
    }
    q
}

fn colocate_panel() -> impl IntoView {
    let s = scope();
    let o = oscope();
    let cs = cluster_signal();
    let r = load_once(|c| async move { api_ops::colocate(&c).await });
    let [db_id, group_id, table_id, body] = [(); 4].map(|_| RwSignal::new(String::new()));
    let join = RwSignal::new(true);
    let (out, busy) = (outcome(), RwSignal::new(false));
    let last = StoredValue::new("group_stable");
    let go = Callback::new(move |_: ()| {
        let action = last.get_value();
        let q = colocate_query(action, &db_id.get_untracked(), &group_id.get_untracked(), &table_id.get_untracked(), join.get_untracked());
        let b = (action == "bucketseq").then(|| body.get_untracked());
        let c = cs.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let res = api_ops::colocate_action(&c, action, &q, b.as_deref()).await.map(|v| format!("{action}: {}", as_text(&v)));
            busy.try_set(false);
            out.try_set(Some(res));
            // The list as it is after the action.
            r.refetch();
        });
    });
    view! {
        <div class=s.cls("panel") data-colocate="">
            <h2>"Colocate groups"</h2>
            {move || r.get().map(|v| {
                let g = groups(&v);
                view! {
                    {if g.is_empty() { view! { <p class="sb-dim" data-no-groups="">"No colocate groups."</p> }.into_any() } else {
                        view! { <table class=s.cls("table")><thead><tr><th>"Group"</th><th>"db_id"</th><th>"group_id"</th><th>"State"</th><th>"Buckets (BE ids)"</th><th></th></tr></thead><tbody>
                            {g.into_iter().map(|x| {
                                let pick = x.clone();
                                let state = if x.unstable { "unstable" } else { "stable" };
                                let tone = o.cls(if x.unstable { "bad" } else { "ok" });
                                let Group { name, db_id: d, grp_id: g, buckets: seq, .. } = x;
                                let key = name.clone();
                                view! { <tr data-group=key data-state=state>
                                    <td>{name}</td><td>{d}</td><td>{g}</td>
                                    <td class=tone>{state}</td>
                                    <td class="sb-mono">{seq}</td>
                                    <td><button data-pick-group="" on:click=move |_| {
                                        db_id.set(pick.db_id.clone());
                                        group_id.set(pick.grp_id.clone());
                                        body.set(pick.buckets.clone());
                                    }>"Select"</button></td>
                                </tr> }
                            }).collect_view()}
                        </tbody></table> }.into_any()
                    }}
                    <details><summary>"Raw metadata"</summary><JsonView value=v /></details>
                }
            })}
            {status(r, "colocate groups")}
            <div class=s.cls("form")>
                <label>"db_id " <input data-colocate-field="db_id" prop:value=move || db_id.get() on:input=move |ev| db_id.set(event_target_value(&ev)) /></label>
                <label>"group_id " <input data-colocate-field="group_id" prop:value=move || group_id.get() on:input=move |ev| group_id.set(event_target_value(&ev)) /></label>
                <label>"table_id " <input data-colocate-field="table_id" prop:value=move || table_id.get() on:input=move |ev| table_id.set(event_target_value(&ev)) /></label>
                <label><input type="checkbox" prop:checked=move || join.get() on:change=move |ev| join.set(event_target_checked(&ev)) />" is_join"</label>
            </div>
            <textarea rows="3" data-colocate-field="body" placeholder="Bucket sequence: the BE ids of each bucket, e.g. [[10001],[10002]]"
                prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            <div class=o.cls("tools")>
                {COLOCATE.iter().map(|(action, label, sends)| {
                    let action = *action;
                    view! { <ConfirmButton label=*label title=*label message=format!("POST /api/colocate/{action} with {sends}.")
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
        // As Gson writes the index: group ids as objects, map keys as `<dbId>.<grpId>`.
        let v = serde_json::json!({"colocate_meta": {
            "groupName2Id": {"10005_g1": {"dbId": 10005, "grpId": 10008}, "10005_g2": {"dbId": 10005, "grpId": 10009}},
            "group2BackendsPerBucketSeq": {"10005.10008": [[10001], [10002]]},
            "unstableGroups": [{"dbId": 10005, "grpId": 10009}]}});
        let g = groups(&v);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0], Group { name: "10005_g1".into(), db_id: "10005".into(), grp_id: "10008".into(), unstable: false, buckets: "[[10001],[10002]]".into() });
        assert!(g[1].unstable && g[1].buckets.is_empty());
        // Older answers: plain ids.
        let v = serde_json::json!({"colocate_meta": {"groupName2Id": {"g": "7.8"}, "unstableGroups": ["7.8"]}});
        assert!(groups(&v)[0].unstable);
    }

    #[test]
    fn colocate_actions_send_what_each_takes() {
        assert_eq!(colocate_query("group_stable", " 1 ", "2", "3", true), "db_id=1&group_id=2");
        assert_eq!(colocate_query("update_group", "1", "2", "3", false), "db_id=1&group_id=2&table_id=3&is_join=false");
        assert_eq!(colocate_query("bucketseq", "1&x", "2", "", true), "db_id=1%26x&group_id=2");
    }
}
