//! The task list's row selection and what is done to many tasks at once: shut down the selected
//! tasks (one `POST /task/{id}/shutdown` each, through the confirm dialog) and ask the status of
//! the selected (or else the listed) tasks with one `POST /taskStatus`.

use crate::shell::use_cluster;
use crate::systems::druid::api::error_text;
use crate::systems::druid::api::tasks as api;
use crate::systems::druid::model::tasks::TaskSummary;
use crate::ui::any_row::{col, AnyRow};
use crate::ui::{Column, ConfirmButton};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// At most this many ids go into one `POST /taskStatus`.
pub const STATUS_MAX: usize = 500;

/// The ids a status request asks about: the selected ones if any, else the listed ones (at most
/// [`STATUS_MAX`] either way).
pub fn status_ids(selected: &BTreeSet<String>, listed: &[String]) -> Vec<String> {
    if selected.is_empty() {
        listed.iter().take(STATUS_MAX).cloned().collect()
    } else {
        selected.iter().take(STATUS_MAX).cloned().collect()
    }
}

/// "RUNNING 3, SUCCESS 2" from task states.
pub fn state_counts<'a>(states: impl Iterator<Item = &'a str>) -> String {
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for s in states {
        *counts.entry(s).or_default() += 1;
    }
    let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    parts.join(", ")
}

/// The selection column: one checkbox per row (`data-task-select=<id>`).
pub fn select_column(selected: RwSignal<BTreeSet<String>>) -> Column<AnyRow> {
    col::view(
        "select",
        "Select",
        |t: &TaskSummary| t.id.as_str().into(),
        move |t: &TaskSummary| {
            let (a, b) = (t.id.clone(), t.id.clone());
            view! {
                <input type="checkbox" aria-label=format!("Select {}", t.id) data-task-select=t.id.clone()
                    prop:checked=move || selected.with(|s| s.contains(&a))
                    on:click=|ev| ev.stop_propagation()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| {
                            if on {
                                s.insert(b.clone());
                            } else {
                                s.remove(&b);
                            }
                        });
                    } />
            }
            .into_any()
        },
    )
}

/// The bar above the list: how many are selected, select all listed, clear, shut down the
/// selected, and the status of the selected (or listed) tasks now.
#[component]
pub fn BulkBar(
    /// The ids of the listed tasks.
    listed: Signal<Vec<String>>,
    /// The selected ids.
    selected: RwSignal<BTreeSet<String>>,
    /// Called after tasks were shut down.
    on_done: Callback<()>,
) -> impl IntoView {
    let cluster = use_cluster();
    let status = RwSignal::new(None::<Result<String, String>>);
    let outcome = RwSignal::new(Vec::<(String, Result<(), String>)>::new());
    let busy = RwSignal::new(false);
    let n = move || selected.with(BTreeSet::len);
    let check = move |_| {
        let ids = listed.with_untracked(|l| selected.with_untracked(|s| status_ids(s, l)));
        if ids.is_empty() {
            return;
        }
        busy.set(true);
        let c = cluster.get_untracked();
        leptos::task::spawn_local(async move {
            let r = api::bulk_status(&c, &ids).await.map(|m| {
                let counts = state_counts(m.values().map(|s| s.status.as_str()));
                format!("Status now of {} tasks: {counts}", m.len())
            });
            let _ = status.try_set(Some(r.map_err(|e| error_text(&e))));
            let _ = busy.try_set(false);
        });
    };
    let shutdown = Callback::new(move |_| {
        let ids: Vec<String> = selected.get_untracked().into_iter().collect();
        busy.set(true);
        outcome.set(vec![]);
        let c = cluster.get_untracked();
        leptos::task::spawn_local(async move {
            let mut out = Vec::new();
            for id in ids {
                let r = api::shutdown(&c, &id).await.map(|_| ()).map_err(|e| error_text(&e));
                out.push((id, r));
            }
            let done: BTreeSet<String> =
                out.iter().filter(|(_, r)| r.is_ok()).map(|(id, _)| id.clone()).collect();
            let _ = selected.try_update(|s| s.retain(|id| !done.contains(id)));
            let _ = outcome.try_set(out);
            let _ = busy.try_set(false);
            on_done.run(());
        });
    });
    let all = move |_| selected.set(listed.get_untracked().into_iter().collect());
    view! {
        <div class="sb-row" data-task-bulk="">
            <span data-selected-count=move || n().to_string()>{move || format!("{} selected", n())}</span>
            <button on:click=all disabled=move || listed.with(Vec::is_empty)>"Select all listed"</button>
            <button on:click=move |_| selected.set(BTreeSet::new()) disabled=move || n() == 0>"Clear selection"</button>
            <ConfirmButton label="Shut down selected" title="Shut down the selected tasks?" danger=true
                message="Each selected task is shut down (POST /druid/indexer/v1/task/{id}/shutdown). Finished tasks answer with an error, shown below."
                confirm_label="Shut down" disabled=Signal::derive(move || n() == 0 || busy.get()) on_confirm=shutdown />
            <button on:click=check disabled=move || busy.get() || listed.with(Vec::is_empty)
                title="POST /druid/indexer/v1/taskStatus with the selected ids, or the listed ones (at most 500)">
                {move || if n() == 0 { "Status of listed tasks" } else { "Status of selected tasks" }}</button>
            {move || status.get().map(|r| match r {
                Ok(t) => view! { <span data-bulk-status="">{t}</span> }.into_any(),
                Err(e) => view! { <span class="sb-field-error" role="alert">{e}</span> }.into_any(),
            })}
        </div>
        {move || {
            let out = outcome.get();
            (!out.is_empty()).then(|| {
                let ok = out.iter().filter(|(_, r)| r.is_ok()).count();
                view! {
                    <div data-bulk-outcome="">
                        <p>{format!("Shut down {ok} of {} tasks.", out.len())}</p>
                        <ul>
                            {out.into_iter().filter_map(|(id, r)| r.err().map(|e| view! {
                                <li class="sb-field-error" data-bulk-failed=id.clone()>{format!("{id}: {e}")}</li>
                            })).collect_view()}
                        </ul>
                    </div>
                }
            })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_asks_about_the_selection_or_else_the_list() {
        let listed: Vec<String> = (0..600).map(|i| format!("t{i}")).collect();
        assert_eq!(status_ids(&BTreeSet::new(), &listed).len(), STATUS_MAX);
        let sel: BTreeSet<String> = ["b".to_string(), "a".to_string()].into();
        assert_eq!(status_ids(&sel, &listed), vec!["a", "b"]);
    }

    #[test]
    fn counts_states_in_order() {
        let s = ["RUNNING", "SUCCESS", "RUNNING"];
        assert_eq!(state_counts(s.into_iter()), "RUNNING 2, SUCCESS 1");
    }
}
