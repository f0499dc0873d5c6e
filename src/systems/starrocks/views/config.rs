//! FE config: `key = value` lines sent in one `_set_config` (optionally `persist` with a
//! reason), the diff of what changes shown before sending, and the result per key (`set` or
//! `err`). The FE has no HTTP endpoint that reads its configuration, so the old side of the diff
//! is what earlier answers set (kept in this browser per cluster), `?` for keys never set here.

use super::ops::{cluster_signal, oscope};
use super::scope;
use crate::net::FetchError;
use crate::shell::use_cluster;
use crate::systems::starrocks::api_ops;
use crate::systems::starrocks::ops_model::{assignments_text, known_values, parse_assignments, set_config_results, KeyResult};
use crate::ui::diff::LineDiff;
use crate::ui::{ConfirmButton, ErrorPanel};
use leptos::prelude::*;

fn storage_key(cluster: &str) -> String {
    format!("switchboard.starrocks.fe-config.{cluster}")
}

/// The FE config values set from this browser for `cluster`.
fn read_known(cluster: &str) -> Vec<(String, String)> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(&storage_key(cluster)).ok().flatten())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn write_known(cluster: &str, known: &[(String, String)]) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(&storage_key(cluster), &serde_json::to_string(known).unwrap_or_default());
    }
}

/// `known` updated with the keys the FE set.
pub fn learn(known: &[(String, String)], results: &[KeyResult]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = known.to_vec();
    for r in results.iter().filter(|r| r.ok) {
        out.retain(|(k, _)| *k != r.key);
        out.push((r.key.clone(), r.detail.clone()));
    }
    out
}

/// The FE config page.
#[component]
pub fn ConfigPage() -> impl IntoView {
    let s = scope();
    let o = oscope();
    let cluster = use_cluster();
    let cs = cluster_signal();
    let text = RwSignal::new(String::new());
    let persist = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let known = RwSignal::new(Vec::<(String, String)>::new());
    Effect::new(move |_| known.set(read_known(&cluster.with(|c| c.name.clone()))));
    let parsed = Memo::new(move |_| parse_assignments(&text.get()));
    let old = Signal::derive(move || match parsed.get() {
        Ok(p) => known.with(|k| assignments_text(&known_values(&p, k))),
        Err(_) => String::new(),
    });
    let new = Signal::derive(move || parsed.get().map(|p| assignments_text(&p)).unwrap_or_default());
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None::<Result<Vec<KeyResult>, FetchError>>);
    let apply = Callback::new(move |_: ()| {
        let Ok(pairs) = parsed.get_untracked() else { return };
        let (p, why) = (persist.get_untracked(), reason.get_untracked());
        let c = cs.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = api_ops::set_config(&c, &pairs, p, &why).await.map(|v| set_config_results(&v, &pairs));
            if let Ok(res) = &r {
                let k = learn(&known.get_untracked(), res);
                write_known(&c.name, &k);
                known.try_set(k);
            }
            busy.try_set(false);
            result.try_set(Some(r));
        });
    });
    let count = move || parsed.get().map(|p| p.len()).unwrap_or(0);
    view! {
        <div class=s.cls("stack")>
            <h1>"FE configuration"</h1>
            <div class=s.cls("panel") data-fe-config="">
                <h2>"Set FE config (_set_config)"</h2>
                <p class="sb-dim">"One key = value per line; all keys go in one request. The FE cannot be asked for its configuration over HTTP: the old values below are those set from this browser."</p>
                <textarea rows="6" data-config-input="" placeholder="tablet_sched_max_scheduling_tablets = 2000"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <div class=s.cls("form")>
                    <label><input type="checkbox" prop:checked=move || persist.get() on:change=move |ev| persist.set(event_target_checked(&ev)) />" persist (write fe.conf)"</label>
                    <label>"Reason " <input prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) disabled=move || !persist.get() /></label>
                </div>
                {move || parsed.get().err().map(|e| view! { <div class=s.cls("alert badline") data-config-invalid="">{e}</div> })}
                <h3>"What changes"</h3>
                <LineDiff old=old new=new label="fe-config" />
                <div>
                    <ConfirmButton label="Apply" title="Set FE config"
                        message="Send the keys of the diff above to the FE (persisted too when \"persist\" is ticked)?"
                        confirm_label="Set" disabled=Signal::derive(move || busy.get() || count() == 0) on_confirm=apply />
                </div>
                {move || result.get().map(|r| match r {
                    Ok(rows) => view! {
                        <table class=o.cls("results") data-config-results="">
                            <thead><tr><th>"Key"</th><th>"Result"</th><th>"Detail"</th></tr></thead>
                            <tbody>{rows.into_iter().map(|r| view! {
                                <tr data-key=r.key.clone() data-result=if r.ok { "set" } else { "err" }>
                                    <td>{r.key.clone()}</td>
                                    <td class=o.cls(if r.ok { "ok" } else { "bad" })>{if r.ok { "set" } else { "error" }}</td>
                                    <td>{r.detail.clone()}</td>
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e on_retry=apply /> }.into_any(),
                })}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_the_fe_set_become_known() {
        let known = vec![("a".to_string(), "1".to_string())];
        let res = vec![
            KeyResult { key: "a".into(), ok: true, detail: "2".into() },
            KeyResult { key: "b".into(), ok: false, detail: "not set: [x]".into() },
        ];
        assert_eq!(learn(&known, &res), vec![("a".to_string(), "2".to_string())]);
    }
}
