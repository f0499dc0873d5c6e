//! The job's failures (`GET /jobs/:jobid/exceptions?maxExceptions=N`), listed by
//! [`failure_list`], with "Show more" when Flink left older ones out.

use crate::systems::flink::views::keys;
use super::use_job;
use crate::systems::flink::api;
use crate::ui::kit::{load, query, set_query, status};
use crate::systems::flink::views::failures::failure_list;
use crate::systems::flink::views::scope;
use leptos::prelude::*;

/// Exceptions asked for by default.
pub const DEFAULT_MAX: u32 = 20;

/// The exceptions tab.
#[component]
pub fn ExceptionsTab() -> impl IntoView {
    let s = scope();
    let job = use_job();
    let setq = set_query();
    let max_q = query(keys::MAX_EXCEPTIONS);
    let max = Memo::new(move |_| {
        max_q
            .get()
            .and_then(|m| m.parse::<u32>().ok())
            .unwrap_or(DEFAULT_MAX)
    });
    let r = load(move |c| {
        let (j, m) = (job.jid.get(), max.get());
        async move { api::job_exceptions(&c, &j, m).await }
    });
    let data = r;
    let truncated = move || {
        data.with(|d| {
            d.is_some_and(|d| {
                d.exception_history
                    .as_ref()
                    .map(|h| h.truncated)
                    .or(d.truncated)
                    .unwrap_or(false)
            })
        })
    };
    view! {
        {status(r, "exceptions")}
        <div class=s.cls("stack")>
            {move || data.with(|d| d.map(|d| failure_list(d, "No exceptions: the job has not failed.")))}
            <Show when=truncated>
                <div class="sb-row">
                    <span class="sb-dim">"Older exceptions were left out."</span>
                    <button on:click={ let setq = setq.clone(); move |_| setq(&[(keys::MAX_EXCEPTIONS, (max.get_untracked() * 2).to_string())]) }>"Show more"</button>
                </div>
            </Show>
        </div>
    }
}
