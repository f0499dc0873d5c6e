//! Running an uploaded jar: entry class, parallelism, program arguments (typed as a shell line,
//! sent as a list), savepoint to restore and its options; preview the plan
//! (`POST /jars/:jarid/plan`, drawn as a graph) or run it (`POST /jars/:jarid/run`) and land on
//! the new job. What was typed stays when the cluster refuses.

use super::args::split_args;
use crate::net::FetchError;
use crate::shell::use_cluster;
use crate::systems::flink::api;
use crate::systems::flink::model::{JarFile, JarRunRequest, PlanGraph};
use crate::ui::kit::{path, toaster};
use crate::systems::flink::views::job::plan::PlanView;
use crate::systems::flink::views::scope;
use crate::ui::refresh::hold_while_mounted;
use crate::ui::{ErrorPanel, ToastKind};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// What the run form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunInput {
    /// Entry class (empty: the manifest's).
    pub entry_class: String,
    /// Parallelism (empty: the cluster's default).
    pub parallelism: String,
    /// Program arguments as one shell-like line.
    pub args: String,
    /// Savepoint path to restore from (empty: none).
    pub savepoint: String,
    /// Skip state that maps to no operator.
    pub allow_non_restored: bool,
    /// "", "NO_CLAIM", "CLAIM" or "LEGACY".
    pub restore_mode: String,
}

/// The request body, or what is wrong with the input.
pub fn build_run_request(i: &RunInput) -> Result<JarRunRequest, String> {
    let trimmed = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let parallelism = match i.parallelism.trim() {
        "" => None,
        p => Some(
            p.parse::<u32>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or("Parallelism must be a whole number of at least 1.")?,
        ),
    };
    let savepoint = trimmed(&i.savepoint);
    Ok(JarRunRequest {
        entry_class: trimmed(&i.entry_class),
        program_args_list: split_args(&i.args)?,
        parallelism,
        job_id: None,
        allow_non_restored_state: savepoint.as_ref().map(|_| i.allow_non_restored),
        restore_mode: savepoint.as_ref().and(trimmed(&i.restore_mode)),
        savepoint_path: savepoint,
    })
}

/// The run form of `jar`.
#[component]
pub fn RunForm(
    /// The jar.
    jar: JarFile,
) -> impl IntoView {
    hold_while_mounted();
    let s = scope();
    let cluster = use_cluster();
    let navigate = use_navigate();
    let toast = toaster();
    let jar_id = StoredValue::new(jar.id.clone());
    let input = RwSignal::new(RunInput {
        entry_class: jar
            .entry
            .first()
            .map(|e| e.name.clone())
            .unwrap_or_default(),
        ..Default::default()
    });
    let request = Memo::new(move |_| input.with(build_run_request));
    let plan = RwSignal::new(None::<PlanGraph>);
    let error = RwSignal::new(None::<FetchError>);
    let busy = RwSignal::new(false);
    let field = move |f: fn(&mut RunInput, String)| {
        move |ev| input.update(|i| f(i, event_target_value(&ev)))
    };
    let preview = move |_| {
        let Ok(body) = request.get_untracked() else {
            return;
        };
        let (c, id) = (cluster.get_untracked(), jar_id.get_value());
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::jar_plan(&c, &id, &body).await {
                Ok(p) => {
                    plan.try_set(Some(p.plan));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
            busy.try_set(false);
        });
    };
    let run = move |_| {
        let Ok(body) = request.get_untracked() else {
            return;
        };
        let (c, id) = (cluster.get_untracked(), jar_id.get_value());
        let navigate = navigate.clone();
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::run_jar(&c, &id, &body).await {
                Ok(r) => {
                    toast(ToastKind::Success, format!("Job {} submitted", r.jobid));
                    navigate(&path(&c, &format!("jobs/{}", r.jobid)), Default::default());
                }
                Err(e) => {
                    error.try_set(Some(e));
                    busy.try_set(false);
                }
            }
        });
    };
    let entries = jar
        .entry
        .iter()
        .map(|e| view! { <option value=e.name.clone()></option> })
        .collect_view();
    let args_preview = move || match request.get() {
        Ok(r) if r.program_args_list.is_empty() => {
            view! { <span class="sb-dim">"No arguments."</span> }.into_any()
        }
        Ok(r) => {
            let n = r.program_args_list.len().to_string();
            view! {
                <div class=s.cls("args") data-args=n>
                    {r.program_args_list.into_iter().map(|a| view! { <span class=s.cls("arg")>{a}</span> }).collect_view()}
                </div>
            }.into_any()
        }
        Err(e) => view! { <span class="sb-field-error">{e}</span> }.into_any(),
    };
    view! {
        <div class=s.cls("panel") data-run-form=jar.id.clone()>
            <strong>{format!("Run {}", jar.name)}</strong>
            <div class=s.cls("form")>
                <label for="run-entry">"Entry class"</label>
                <input id="run-entry" list="run-entries" placeholder="from the jar's manifest" prop:value=move || input.with(|i| i.entry_class.clone())
                    on:input=field(|i, v| i.entry_class = v) />
                <datalist id="run-entries">{entries}</datalist>
                <label for="run-parallelism">"Parallelism"</label>
                <input id="run-parallelism" type="number" min="1" placeholder="cluster default" prop:value=move || input.with(|i| i.parallelism.clone())
                    on:input=field(|i, v| i.parallelism = v) />
                <label for="run-args">"Program arguments"</label>
                <input id="run-args" class="sb-mono" placeholder="--input 'a b' --rate 100" prop:value=move || input.with(|i| i.args.clone())
                    on:input=field(|i, v| i.args = v) />
                <span></span>
                <div>{args_preview}<div class=s.cls("hint")>"Split like a shell line: quote arguments with spaces. Each chip is one argument."</div></div>
                <label for="run-savepoint">"Restore from savepoint"</label>
                <input id="run-savepoint" placeholder="none (start fresh)" prop:value=move || input.with(|i| i.savepoint.clone())
                    on:input=field(|i, v| i.savepoint = v) />
                <label for="run-nonrestored">"Allow non-restored state"</label>
                <label><input id="run-nonrestored" type="checkbox" prop:checked=move || input.with(|i| i.allow_non_restored)
                    on:change=move |ev| input.update(|i| i.allow_non_restored = event_target_checked(&ev)) />
                    " Skip savepoint state that maps to no operator"</label>
                <label for="run-mode">"Restore mode"</label>
                <select id="run-mode" on:change=field(|i, v| i.restore_mode = v)>
                    <option value="">"cluster default"</option>
                    <option value="NO_CLAIM">"NO_CLAIM"</option>
                    <option value="CLAIM">"CLAIM"</option>
                    <option value="LEGACY">"LEGACY"</option>
                </select>
            </div>
            <div class="sb-row">
                <button disabled=move || busy.get() || request.with(Result::is_err) on:click=preview>"Show plan"</button>
                <button class="sb-primary" disabled=move || busy.get() || request.with(Result::is_err) on:click=run>"Run job"</button>
                <Show when=move || busy.get()><span class="sb-dim">"Waiting for the cluster…"</span></Show>
            </div>
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            {move || plan.get().map(|p| view! { <h3>"Plan"</h3><PlanView plan=Some(p) /> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_leave_the_cluster_defaults() {
        let r = build_run_request(&RunInput::default()).unwrap();
        assert_eq!(serde_json::to_value(&r).unwrap(), serde_json::json!({}));
    }

    #[test]
    fn arguments_become_a_list_and_savepoint_options_follow_the_path() {
        let i = RunInput {
            entry_class: " switchboard.testjob.TestJob ".into(),
            parallelism: "2".into(),
            args: "--label 'my job' --rate 50".into(),
            savepoint: "file:/sp/savepoint-1".into(),
            allow_non_restored: true,
            restore_mode: "CLAIM".into(),
        };
        let body = serde_json::to_value(build_run_request(&i).unwrap()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "entryClass": "switchboard.testjob.TestJob",
                "programArgsList": ["--label", "my job", "--rate", "50"],
                "parallelism": 2,
                "savepointPath": "file:/sp/savepoint-1",
                "allowNonRestoredState": true,
                "restoreMode": "CLAIM",
            })
        );
        let without = RunInput {
            allow_non_restored: true,
            restore_mode: "CLAIM".into(),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(build_run_request(&without).unwrap()).unwrap(),
            serde_json::json!({}),
            "restore options need a savepoint"
        );
    }

    #[test]
    fn bad_input_is_explained() {
        assert!(build_run_request(&RunInput {
            parallelism: "0".into(),
            ..Default::default()
        })
        .unwrap_err()
        .contains("Parallelism"));
        assert!(build_run_request(&RunInput {
            args: "--x 'open".into(),
            ..Default::default()
        })
        .unwrap_err()
        .contains("quote"));
    }
}
