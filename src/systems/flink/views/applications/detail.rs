//! One application (`/applications/:appid`, Flink 2.3+): its state and times
//! (`GET /applications/:applicationid`), its jobs (linking to the job pages), its failures
//! (`GET /applications/:applicationid/exceptions`) and Cancel application
//! (`POST /applications/:applicationid/cancel`).

use super::{app_settle_poll_ms, app_tone};
use crate::shell::use_cluster;
use crate::systems::flink::api::{self, error_text};
use crate::systems::flink::context::use_flink;
use crate::systems::flink::model::{ApplicationDetails, JobExceptions};
use crate::ui::kit::{badge, load, param, status, toaster};
use crate::systems::flink::views::failures::failure_list;
use crate::systems::flink::views::gate::gated;
use crate::systems::flink::views::jobs_table::JobsTable;
use crate::systems::flink::views::scope;
use crate::ui::format::{duration_ms, local_time};
use crate::ui::loaded::Loaded;
use crate::ui::{ConfirmButton, ToastKind};
use leptos::prelude::*;

/// What the application page shows: the details and the failures, loaded together.
#[derive(Clone, Debug, Default)]
pub struct ApplicationData {
    /// `GET /applications/:applicationid`.
    pub details: ApplicationDetails,
    /// `GET /applications/:applicationid/exceptions`.
    pub exceptions: JobExceptions,
}

/// The facts under the application's name, as `(label, value)`: id, times, and when it entered
/// each state it went through (in order).
pub fn application_facts(d: &ApplicationDetails) -> Vec<(String, String)> {
    let mut v = vec![
        ("Application id".to_string(), d.id.clone()),
        ("Start".into(), local_time(d.start_time)),
    ];
    if d.end_time > 0 {
        v.push(("End".into(), local_time(d.end_time)));
    }
    v.push(("Duration".into(), duration_ms(d.duration)));
    let mut states: Vec<(&String, &i64)> = d.timestamps.iter().filter(|(_, t)| **t > 0).collect();
    states.sort_by_key(|(s, t)| (**t, s.as_str()));
    v.extend(states.into_iter().map(|(s, t)| (s.clone(), local_time(*t))));
    v
}

fn header(r: Loaded<ApplicationData>, appid: Memo<String>, ending: RwSignal<bool>) -> AnyView {
    let s = scope();
    let flink = use_flink();
    let cluster = use_cluster();
    let toast = toaster();
    let gate = Memo::new(move |_| {
        r.with(|d| d.map(|d| flink.caps().cancel_application(&d.details.status)))
    });
    let name = Memo::new(move |_| {
        r.with(|d| d.map(|d| d.details.name.clone()))
            .unwrap_or_else(|| appid.get())
    });
    let cancel = Callback::new(move |_| {
        let (c, id) = (cluster.get_untracked(), appid.get_untracked());
        leptos::task::spawn_local(async move {
            match api::cancel_application(&c, &id).await {
                Ok(()) => {
                    let _ = ending.try_set(true);
                    toast(
                        ToastKind::Success,
                        "Cancellation of the application requested".into(),
                    )
                }
                Err(e) => toast(
                    ToastKind::Error,
                    format!("Cancelling the application failed: {}", error_text(&e)),
                ),
            }
            r.refetch();
        });
    });
    let head = move || {
        r.with(|d| match d {
            None => view! { <h1 class=s.cls("title")>{appid.get()}</h1> }.into_any(),
            Some(d) => view! {
                <h1 class=s.cls("title")>{d.details.name.clone()}{badge(app_tone(&d.details.status), &d.details.status)}</h1>
                <div class=s.cls("facts")>
                    {application_facts(&d.details).into_iter().map(|(k, v)| view! { <span><span class=s.cls("fact-key")>{k}</span>{v}</span> }).collect_view()}
                </div>
            }
            .into_any(),
        })
    };
    let allowed = move || gate.with(|g| g.as_ref().is_some_and(|g| g.allowed()));
    let reason = move || gate.with(|g| g.as_ref().and_then(|g| g.reason().map(str::to_string)));
    view! {
        <div class=s.cls("header")>
            {head}
            <div class="sb-row">
                {move || view! {
                    <ConfirmButton label="Cancel application" title="Cancel this application?" danger=true
                        message="Flink cancels the application and every job it still runs. Their state is lost unless retained checkpoints exist."
                        confirm_label="Cancel application" type_to_confirm=name.get()
                        disabled=Signal::derive(move || !allowed()) on_confirm=cancel />
                }}
            </div>
            {move || reason().map(|r| view! { <div class=s.cls("forbidden") data-forbidden="">{r}</div> })}
        </div>
    }
    .into_any()
}

#[component]
fn ApplicationBody() -> impl IntoView {
    let s = scope();
    let appid = param("appid");
    let r = load(move |c| {
        let id = appid.get();
        async move {
            let details = api::application(&c, &id).await?;
            let exceptions = api::application_exceptions(&c, &id).await?;
            Ok(ApplicationData {
                details,
                exceptions,
            })
        }
    });
    let ending = RwSignal::new(false);
    r.follow(move |d| app_settle_poll_ms(&d.details.status, ending.get()));
    let jobs =
        Signal::derive(move || r.with(|d| d.map(|d| d.details.jobs.clone()).unwrap_or_default()));
    view! {
        <div class=s.cls("stack") data-application=move || appid.get()>
            {header(r, appid, ending)}
            {status(r, "application")}
            <section>
                <h2>"Jobs"</h2>
                <JobsTable id="appjobs" jobs />
            </section>
            <section class=s.cls("stack")>
                <h2>"Exceptions"</h2>
                {move || r.with(|d| d.map(|d| failure_list(&d.exceptions, "No exceptions: the application has not failed.")))}
            </section>
        </div>
    }
}

/// The application page.
#[component]
pub fn ApplicationPage() -> impl IntoView {
    gated(
        |caps| Some(caps.applications.clone()),
        || view! { <ApplicationBody /> }.into_any(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_list_the_states_the_application_went_through_in_order() {
        let d: ApplicationDetails =
            serde_json::from_str(include_str!("../../fixtures/2.3/application-detail.json"))
                .unwrap();
        let f = application_facts(&d);
        let keys: Vec<&str> = f.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["Application id", "Start", "Duration", "CREATED", "RUNNING"],
            "running: no end, states never entered left out"
        );
        let c: ApplicationDetails = serde_json::from_str(include_str!(
            "../../fixtures/2.3/application-detail-canceled.json"
        ))
        .unwrap();
        let f = application_facts(&c);
        let keys: Vec<&str> = f.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "Application id",
                "Start",
                "End",
                "Duration",
                "CREATED",
                "RUNNING",
                "CANCELING",
                "CANCELED"
            ]
        );
        assert_eq!(
            c.jobs[0].state,
            crate::systems::flink::model::JobState::Canceled
        );
        assert!(crate::systems::flink::capabilities::application_terminal(
            &c.status
        ));
    }
}
