//! The actions of the job header: cancel, stop with savepoint, trigger a savepoint, checkpoint
//! now, rescale. What the cluster or the job's state forbids is disabled, with the reason shown.

use super::poll::{run_operation, watch_cancel};
use super::rescale::RescaleForm;
use crate::shell::use_cluster;
use crate::systems::flink::api::{self, error_text};
use crate::systems::flink::capabilities::Gate;
use crate::systems::flink::context::use_flink;
use crate::systems::flink::model::{SavepointTriggerRequest, StopWithSavepointRequest};
use crate::ui::kit::toaster;
use crate::systems::flink::views::job::use_job;
use crate::systems::flink::views::scope;
use crate::ui::operation::{OpState, OperationStatus};
use crate::ui::refresh::hold_while_mounted;
use crate::ui::{ConfirmButton, ToastKind};
use leptos::prelude::*;

/// Which form is open under the actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Stop,
    Savepoint,
    Rescale,
}

/// The reasons of forbidden actions, one line per action, without repeating a reason.
pub fn forbidden_lines(items: &[(&str, Option<&str>)]) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for (action, reason) in items {
        if let Some(r) = reason {
            if !seen.contains(r) {
                seen.push(r);
                out.push(format!("{action}: {r}"));
            }
        }
    }
    out
}

/// Empty text means "the cluster's default".
fn non_empty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The action buttons of a job, their forms and the status of the last operation.
#[component]
pub fn JobActions() -> impl IntoView {
    let s = scope();
    let job = use_job();
    let flink = use_flink();
    let cluster = use_cluster();
    let open = RwSignal::new(None::<Form>);
    let op = RwSignal::new(OpState::Idle);
    let gates = Memo::new(move |_| {
        let caps = flink.caps();
        job.details.with(|d| {
            d.as_ref().map(|d| {
                let rescale = match caps.rescale_job(d) {
                    Ok(_) => Gate::Allowed,
                    Err(r) => Gate::Forbidden(r),
                };
                (
                    caps.cancel_job(d),
                    caps.savepoint_job(d),
                    caps.checkpoint_job(d),
                    rescale,
                )
            })
        })
    });
    let allowed = move |i: usize| {
        gates.with(|g| {
            g.as_ref().is_some_and(|g| match i {
                0 => g.0.allowed(),
                1 => g.1.allowed(),
                2 => g.2.allowed(),
                _ => g.3.allowed(),
            })
        })
    };
    let busy = move || op.with(OpState::is_running);
    // When an operation ends: reload the job (its state may have changed) and, if it worked,
    // close the form; a failed one keeps the form and what was typed.
    Effect::new(move |was_running: Option<bool>| {
        let running = op.with(OpState::is_running);
        if was_running == Some(true) && !running {
            job.resource.refetch();
            if op.with(|o| matches!(o, OpState::Succeeded { .. })) {
                open.set(None);
            } else {
                // A stop that failed leaves the job running: stop following it.
                job.ending.set(false);
            }
        }
        running
    });
    let toggle = move |f: Form| open.update(|o| *o = if *o == Some(f) { None } else { Some(f) });

    let toast = toaster();
    let cancel = Callback::new(move |_| {
        let (c, jid) = (cluster.get_untracked(), job.jid.get_untracked());
        leptos::task::spawn_local(async move {
            match api::cancel_job(&c, &jid).await {
                Ok(()) => {
                    let _ = job.ending.try_set(true);
                    toast(ToastKind::Success, "Cancellation requested".into());
                    watch_cancel(op, &c, &jid).await;
                    job.resource.refetch();
                }
                Err(e) => {
                    let _ = op.try_set(OpState::Failed {
                        message: "Cancel failed".into(),
                        detail: Some(error_text(&e)),
                    });
                }
            }
        });
    });
    let checkpoint = move |_| {
        let (c, jid) = (cluster.get_untracked(), job.jid.get_untracked());
        let (c2, jid2) = (c.clone(), jid.clone());
        run_operation(
            op,
            "Checkpoint".into(),
            async move { api::trigger_checkpoint(&c, &jid, None).await },
            move |id| {
                let (c, jid) = (c2.clone(), jid2.clone());
                async move { api::checkpoint_trigger_status(&c, &jid, &id).await }
            },
        );
    };
    let reasons = move || {
        gates.with(|g| {
            g.as_ref()
                .map(|g| {
                    forbidden_lines(&[
                        ("Cancel", g.0.reason()),
                        ("Savepoint and stop", g.1.reason()),
                        ("Checkpoint", g.2.reason()),
                        ("Rescale", g.3.reason()),
                    ])
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="sb-row" data-job-actions="">
            <ConfirmButton label="Cancel job" title="Cancel this job?" danger=true
                message="The job stops at once, without a savepoint. Its state is lost unless a retained checkpoint exists."
                confirm_label="Cancel job" disabled=Signal::derive(move || !allowed(0) || busy()) on_confirm=cancel />
            <button disabled=move || !allowed(1) || busy() aria-expanded=move || (open.get() == Some(Form::Stop)).to_string()
                on:click=move |_| toggle(Form::Stop)>"Stop with savepoint…"</button>
            <button disabled=move || !allowed(1) || busy() aria-expanded=move || (open.get() == Some(Form::Savepoint)).to_string()
                on:click=move |_| toggle(Form::Savepoint)>"Savepoint…"</button>
            <button disabled=move || !allowed(2) || busy() on:click=checkpoint>"Checkpoint now"</button>
            <button disabled=move || !allowed(3) || busy() aria-expanded=move || (open.get() == Some(Form::Rescale)).to_string()
                on:click=move |_| toggle(Form::Rescale)>"Rescale…"</button>
        </div>
        {move || reasons().into_iter().map(|r| view! { <div class=s.cls("forbidden") data-forbidden="">{r}</div> }).collect_view()}
        {move || match open.get() {
            Some(Form::Stop) => view! { <StopForm op /> }.into_any(),
            Some(Form::Savepoint) => view! { <SavepointForm op /> }.into_any(),
            Some(Form::Rescale) => view! { <RescaleForm op /> }.into_any(),
            None => ().into_any(),
        }}
        <OperationStatus state=op />
    }
}

/// Savepoint formats offered (1.15+): empty = the cluster's default.
const FORMATS: [(&str, &str); 3] = [
    ("", "Default"),
    ("CANONICAL", "Canonical"),
    ("NATIVE", "Native"),
];

fn format_select(value: RwSignal<String>) -> impl IntoView {
    view! {
        <select aria-label="Savepoint format" on:change=move |ev| value.set(event_target_value(&ev))>
            {FORMATS.iter().map(|(v, l)| view! { <option value=*v selected=move || value.get() == *v>{*l}</option> }).collect_view()}
        </select>
    }
}

/// Stop with savepoint: target directory, drain, format.
#[component]
fn StopForm(op: RwSignal<OpState>) -> impl IntoView {
    hold_while_mounted();
    let s = scope();
    let job = use_job();
    let cluster = use_cluster();
    let dir = RwSignal::new(String::new());
    let drain = RwSignal::new(false);
    let format = RwSignal::new(String::new());
    let stop = Callback::new(move |_| {
        let (c, jid) = (cluster.get_untracked(), job.jid.get_untracked());
        let body = StopWithSavepointRequest {
            target_directory: non_empty(dir.get_untracked()),
            drain: drain.get_untracked(),
            format_type: non_empty(format.get_untracked()),
        };
        job.ending.set(true);
        let (c2, jid2) = (c.clone(), jid.clone());
        run_operation(
            op,
            "Stop with savepoint".into(),
            async move { api::stop_job(&c, &jid, &body).await },
            move |id| {
                let (c, jid) = (c2.clone(), jid2.clone());
                async move { api::savepoint_status(&c, &jid, &id).await }
            },
        );
    });
    view! {
        <div class=s.cls("panel") data-form="stop">
            <strong>"Stop with savepoint"</strong>
            <div class=s.cls("form")>
                <label for="sp-dir">"Target directory"</label>
                <input id="sp-dir" placeholder="cluster default (execution.checkpointing.savepoint-dir)"
                    prop:value=move || dir.get() on:input=move |ev| dir.set(event_target_value(&ev)) />
                <label for="sp-drain">"Drain"</label>
                <label><input id="sp-drain" type="checkbox" prop:checked=move || drain.get() on:change=move |ev| drain.set(event_target_checked(&ev)) />
                    " Emit MAX_WATERMARK first, so event-time timers and windows fire (use when the job will not be resumed)"</label>
                <label>"Format"</label>
                {format_select(format)}
            </div>
            <div class="sb-row">
                <ConfirmButton label="Stop job" title="Stop this job with a savepoint?" danger=true
                    message="Flink takes a savepoint and then stops the job. If the savepoint fails, the job keeps running."
                    confirm_label="Stop job" disabled=Signal::derive(move || op.with(OpState::is_running)) on_confirm=stop />
            </div>
        </div>
    }
}

/// Trigger a savepoint: target directory, format, and the deprecated cancel-job.
#[component]
fn SavepointForm(op: RwSignal<OpState>) -> impl IntoView {
    hold_while_mounted();
    let s = scope();
    let job = use_job();
    let cluster = use_cluster();
    let dir = RwSignal::new(String::new());
    let cancel_job = RwSignal::new(false);
    let format = RwSignal::new(String::new());
    let trigger = Callback::new(move |_| {
        let (c, jid) = (cluster.get_untracked(), job.jid.get_untracked());
        let body = SavepointTriggerRequest {
            target_directory: non_empty(dir.get_untracked()),
            cancel_job: cancel_job.get_untracked(),
            format_type: non_empty(format.get_untracked()),
        };
        if body.cancel_job {
            job.ending.set(true);
        }
        let (c2, jid2) = (c.clone(), jid.clone());
        run_operation(
            op,
            "Savepoint".into(),
            async move { api::trigger_savepoint(&c, &jid, &body).await },
            move |id| {
                let (c, jid) = (c2.clone(), jid2.clone());
                async move { api::savepoint_status(&c, &jid, &id).await }
            },
        );
    });
    let running = Signal::derive(move || op.with(OpState::is_running));
    view! {
        <div class=s.cls("panel") data-form="savepoint">
            <strong>"Trigger a savepoint"</strong>
            <div class=s.cls("form")>
                <label for="svp-dir">"Target directory"</label>
                <input id="svp-dir" placeholder="cluster default (execution.checkpointing.savepoint-dir)"
                    prop:value=move || dir.get() on:input=move |ev| dir.set(event_target_value(&ev)) />
                <label>"Format"</label>
                {format_select(format)}
                <label for="svp-cancel">"Cancel the job"</label>
                <label><input id="svp-cancel" type="checkbox" prop:checked=move || cancel_job.get() on:change=move |ev| cancel_job.set(event_target_checked(&ev)) />
                    " Cancel after the savepoint (deprecated by Flink: prefer Stop with savepoint)"</label>
            </div>
            <div class="sb-row">
                {move || if cancel_job.get() {
                    view! {
                        <ConfirmButton label="Savepoint and cancel" title="Take a savepoint and cancel the job?" danger=true
                            message="Flink takes a savepoint and then cancels the job." confirm_label="Savepoint and cancel"
                            disabled=running on_confirm=trigger />
                    }.into_any()
                } else {
                    view! { <button class="sb-primary" disabled=move || running.get() on:click=move |_| trigger.run(())>"Trigger savepoint"</button> }.into_any()
                }}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_listed_once_per_reason() {
        let lines = forbidden_lines(&[
            ("Cancel", Some("history")),
            ("Savepoint", Some("history")),
            ("Checkpoint", Some("1.19")),
            ("Rescale", None),
        ]);
        assert_eq!(
            lines,
            vec![
                "Cancel: history".to_string(),
                "Checkpoint: 1.19".to_string()
            ]
        );
        assert_eq!(non_empty("  ".into()), None);
        assert_eq!(non_empty(" /sp ".into()), Some("/sp".into()));
    }
}
