//! Loads (`loads?db=&table=&label=`): the stream load form, a label's state
//! (`get_load_state`) and load job (`_load_info`) with a cancel (`_cancel`, confirmed), and the
//! transaction interface as a guided flow.

use super::stream_load::StreamLoadForm;
use super::txn::TransactionFlow;
use super::{DB, LABEL};
use crate::net::FetchError;
use crate::shell::use_cluster;
use crate::systems::starrocks::api_data;
use crate::systems::starrocks::model_data::text;
use crate::systems::starrocks::views::scope;
use crate::ui::kit::{kv, load, query, set_query, status};
use crate::ui::{ConfirmButton, ErrorPanel, KeyValue};
use leptos::prelude::*;
use serde_json::Value;

/// The loads page.
#[component]
pub fn LoadsPage() -> impl IntoView {
    let s = scope();
    view! {
        <div class=s.cls("stack")>
            <h1>"Loads"</h1>
            <StreamLoadForm />
            <LabelLookup />
            <TransactionFlow />
        </div>
    }
}

/// A label's state and job, from the URL (`db=`, `label=`), with cancel.
#[component]
fn LabelLookup() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let (db_q, label_q) = (query(DB), query(LABEL));
    let set = set_query();
    let db = RwSignal::new(db_q.get_untracked().unwrap_or_default());
    let label = RwSignal::new(label_q.get_untracked().unwrap_or_default());
    let state = load(move |c| {
        let (d, l) = (db_q.get().unwrap_or_default(), label_q.get().unwrap_or_default());
        async move {
            if d.is_empty() || l.is_empty() {
                return Ok(None);
            }
            let st = api_data::load_state(&c, &d, &l).await;
            let info = api_data::load_info(&c, &d, &l).await;
            // An unknown label has a state (UNKNOWN) but no job: the job's failure is shown as such.
            Ok(Some((st?, info.map_err(|e| e.error.to_string()))))
        }
    });
    let cancelled = RwSignal::new(None::<Result<Value, FetchError>>);
    let cancel = move || {
        let (c, d, l) = (cluster.get_untracked(), db_q.get_untracked().unwrap_or_default(), label_q.get_untracked().unwrap_or_default());
        leptos::task::spawn_local(async move {
            let r = api_data::cancel(&c, &d, &l).await;
            let _ = cancelled.try_set(Some(r));
            state.refetch();
        });
    };
    let look = move || {
        cancelled.set(None);
        set(&[(DB, db.get_untracked()), (LABEL, label.get_untracked())]);
    };
    view! {
        <div class=s.cls("panel") data-label-lookup="">
            <h2>"A load's state"</h2>
            <form class=s.cls("form") on:submit=move |ev| { ev.prevent_default(); look(); }>
                <label>"Database "<input data-lookup-db="" prop:value=move || db.get() on:input=move |ev| db.set(event_target_value(&ev)) /></label>
                <label>"Label "<input data-lookup-label="" prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev)) /></label>
                <button class="sb-primary" type="submit">"Look up"</button>
            </form>
            {move || state.get().flatten().map(|(st, info)| {
                let items = [("state", text(&st["state"])), ("reason", text(&st["reason"]))];
                let st_text = text(&st["state"]);
                let open = st_text == "PREPARE" || st_text == "PREPARED";
                view! {
                    <div data-load-state=st_text.clone()><KeyValue items=kv(&items) /></div>
                    {match info {
                        Ok(v) => {
                            let j = &v["jobInfo"];
                            let items = [
                                ("tables", j["tblNames"].as_array().map(|a| a.iter().map(text).collect::<Vec<_>>().join(", ")).unwrap_or_default()),
                                ("job state", text(&j["state"])),
                                ("failure", text(&j["failMsg"])),
                            ];
                            view! { <KeyValue items=kv(&items) /> }.into_any()
                        }
                        Err(e) => view! { <p class=s.cls("err") data-load-info-error="">{format!("load info: {e}")}</p> }.into_any(),
                    }}
                    <Show when=move || open>
                        <ConfirmButton label="Cancel this load" title="Cancel the load?" danger=true
                            message=format!("The transaction of label {} is aborted; its rows are not loaded.", label_q.get_untracked().unwrap_or_default())
                            confirm_label="Cancel the load" on_confirm=Callback::new(move |_| cancel()) />
                    </Show>
                }
            })}
            {move || cancelled.get().map(|r| match r {
                Ok(_) => view! { <p data-cancelled="">"Cancelled."</p> }.into_any(),
                Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| cancel()) /> }.into_any(),
            })}
            {status(state, "load state")}
        </div>
    }
}
