//! Supervisors: the list (with suspend / resume / terminate of all) and one supervisor.

mod supervisor;

pub use supervisor::SupervisorPage;

use crate::shell::use_cluster;
use crate::systems::druid::api::error_text;
use crate::systems::druid::api::supervisors as api;
use crate::systems::druid::model::supervisors::{supervisor_tone, SupervisorRow};
use crate::ui::any_row::{any_rows, col};
use crate::ui::kit::{badge, link, load, load_once, status, toaster};
use crate::ui::{ConfirmButton, DataTable, ToastKind, Tone};
use crate::url_state::encode_segment;
use leptos::prelude::*;

/// The supervisors page.
#[component]
pub fn SupervisorsPage() -> impl IntoView {
    let cluster = use_cluster();
    let r = load(|c| async move { api::rows(&c).await });
    let toast = toaster();
    let all = move |which: &'static str, done: &'static str| {
        Callback::new(move |_| {
            let c = cluster.get_untracked();
            leptos::task::spawn_local(async move {
                match api::act_all(&c, which).await {
                    Ok(_) => {
                        toast(ToastKind::Success, done.to_string());
                        r.refetch();
                    }
                    Err(e) => toast(ToastKind::Error, format!("{which} failed: {}", error_text(&e))),
                }
            });
        })
    };
    let columns = vec![
        col::view(
            "id",
            "Supervisor",
            |s: &SupervisorRow| s.id.as_str().into(),
            move |s: &SupervisorRow| {
                let href = link(&cluster.get_untracked(), &format!("supervisors/{}", encode_segment(&s.id)));
                view! { <a href=href data-supervisor-link=s.id.clone()>{s.id.clone()}</a> }.into_any()
            },
        ),
        col::text("type", "Type", |s: &SupervisorRow| s.kind.as_str().into()),
        col::text("datasource", "Datasource", |s: &SupervisorRow| s.datasource.as_str().into()),
        col::view(
            "state",
            "State",
            |s: &SupervisorRow| s.state.as_str().into(),
            |s: &SupervisorRow| view! { <span data-supervisor-state=s.state.clone()>{badge(supervisor_tone(&s.state), &s.state)}</span> }.into_any(),
        ),
        col::view(
            "detailed",
            "Detailed state",
            |s: &SupervisorRow| s.detailed_state.as_str().into(),
            |s: &SupervisorRow| badge(supervisor_tone(&s.detailed_state), &s.detailed_state),
        ),
        col::view(
            "healthy",
            "Health",
            |s: &SupervisorRow| (if s.healthy { "healthy" } else { "unhealthy" }).into(),
            |s: &SupervisorRow| {
                if s.healthy {
                    badge(Tone::Ok, "healthy")
                } else {
                    badge(Tone::Bad, "unhealthy")
                }
            },
        ),
        col::text("suspended", "Suspended", |s: &SupervisorRow| {
            (if s.suspended { "suspended" } else { "" }).into()
        }),
    ];
    view! {
        <div class="sb-stack" data-view="druid-supervisors">
            <div class="sb-row">
                <h1>"Supervisors"</h1>
                <a href=move || link(&cluster.get(), "submit?template=kafka") data-new-supervisor="">"New supervisor (submit a spec)"</a>
            </div>
            <div class="sb-row">
                <ConfirmButton label="Suspend all" title="Suspend every supervisor?"
                    message="Every running supervisor stops its tasks and reads nothing until resumed."
                    confirm_label="Suspend all" on_confirm=all("suspendAll", "Suspending every supervisor") />
                <ConfirmButton label="Resume all" title="Resume every supervisor?"
                    message="Every suspended supervisor starts reading again."
                    confirm_label="Resume all" on_confirm=all("resumeAll", "Resuming every supervisor") />
                <ConfirmButton label="Terminate all" title="Terminate every supervisor?" danger=true
                    message="Every supervisor is stopped for good; its tasks publish what they have and end. Specs stay in the history."
                    confirm_label="Terminate all" type_to_confirm="terminate all" on_confirm=all("terminateAll", "Terminating every supervisor") />
            </div>
            {status(r, "supervisors")}
            <DataTable id="supervisors" columns rows=super::rows_memo(move || any_rows(r.get().unwrap_or_default())) export_name="druid-supervisors" />
            <AllHistory />
        </div>
    }
}

/// `GET /supervisor/history`, asked only when opened.
#[component]
fn AllHistory() -> impl IntoView {
    let cluster = use_cluster();
    let open = RwSignal::new(false);
    let r = load_once(move |c| {
        let o = open.get();
        async move {
            if o {
                api::history_all(&c).await
            } else {
                Ok(Default::default())
            }
        }
    });
    view! {
        <section>
            <button aria-pressed=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                {move || if open.get() { "Hide the spec history of all supervisors" } else { "Spec history of all supervisors (terminated ones included)" }}
            </button>
            <Show when=move || open.get()>
            {status(r, "supervisor history")}
            <table class="sb-card" data-all-history="">
                <thead><tr><th>"Supervisor"</th><th>"Version"</th><th>"Type"</th><th>"Suspended"</th></tr></thead>
                <tbody>
                    {move || r.get().unwrap_or_default().into_iter().flat_map(|(id, versions)| {
                        versions.into_iter().map(move |v| (id.clone(), v))
                    }).map(|(id, v)| {
                        let kind = v.spec.get("type").and_then(|t| t.as_str()).unwrap_or_default().to_string();
                        let suspended = v.spec.get("suspended").and_then(|t| t.as_bool()).unwrap_or(false);
                        let href = link(&cluster.get_untracked(), &format!("supervisors/{}/history", encode_segment(&id)));
                        view! { <tr><td><a href=href>{id}</a></td><td class="sb-mono">{v.version}</td><td>{kind}</td><td>{if suspended { "yes" } else { "" }}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
            </Show>
        </section>
    }
}
