//! Runs one of Flink's asynchronous operations (savepoint, stop, checkpoint, disposal, data set
//! deletion, 1.x rescaling): trigger, then poll its status by trigger id until it completes,
//! reporting progress and the outcome into an [`OpState`].

use crate::cluster::Cluster;
use crate::net::{FetchError, NetError};
use crate::systems::flink::api::{self, error_text};
use crate::systems::flink::model::{AsyncOperationResult, JobState, TriggerResponse};
use crate::ui::format::now_epoch_ms;
use crate::ui::operation::{poll_delay_ms, sleep_ms, OpState};
use leptos::prelude::*;
use std::future::Future;

/// Failed status calls in a row after which polling gives up.
pub const MAX_STATUS_ERRORS: u32 = 5;

/// The final state of a completed operation: its failure, or success with the savepoint
/// location / checkpoint id when there is one.
pub fn outcome(what: &str, r: &AsyncOperationResult) -> OpState {
    if let Some(f) = r.failure() {
        return OpState::Failed {
            message: format!(
                "{what} failed: {}",
                f.headline().unwrap_or("no reason given")
            ),
            detail: f.stack_trace.clone(),
        };
    }
    let op = r.operation.as_ref();
    let result = op.and_then(|o| o.location.clone()).or_else(|| {
        op.and_then(|o| o.checkpoint_id)
            .map(|id| format!("checkpoint {id}"))
    });
    OpState::Succeeded {
        message: format!("{what} completed"),
        result,
    }
}

/// Whether a failed status call is worth retrying (the network or the server had a moment).
fn transient(e: &FetchError) -> bool {
    match &e.error {
        NetError::Network { .. } | NetError::Timeout { .. } => true,
        NetError::Http { status, .. } | NetError::Proxy { status, .. } => *status >= 500,
        _ => false,
    }
}

/// Starts `trigger` and polls `status(trigger id)` until done, writing each step into `state`.
/// Stops quietly when `state` is disposed (the view went away).
pub fn run_operation<T, S, SF>(state: RwSignal<OpState>, what: String, trigger: T, status: S)
where
    T: Future<Output = Result<TriggerResponse, FetchError>> + 'static,
    S: Fn(String) -> SF + 'static,
    SF: Future<Output = Result<AsyncOperationResult, FetchError>> + 'static,
{
    let since = now_epoch_ms();
    state.set(OpState::Running {
        what: format!("{what} in progress"),
        since,
        polls: 0,
        id: None,
    });
    leptos::task::spawn_local(async move {
        let id = match trigger.await {
            Ok(t) if !t.request_id.is_empty() => t.request_id,
            Ok(_) => {
                let _ = state.try_set(OpState::Failed {
                    message: format!("{what}: the cluster gave no trigger id"),
                    detail: None,
                });
                return;
            }
            Err(e) => {
                let _ = state.try_set(OpState::Failed {
                    message: format!("{what} could not start"),
                    detail: Some(error_text(&e)),
                });
                return;
            }
        };
        let (mut polls, mut errors) = (0u32, 0u32);
        loop {
            sleep_ms(poll_delay_ms(polls)).await;
            if state.try_get_untracked().is_none() {
                return;
            }
            polls += 1;
            let next = match status(id.clone()).await {
                Ok(r) if r.is_done() => Some(outcome(&what, &r)),
                Ok(_) => {
                    errors = 0;
                    None
                }
                Err(e) if transient(&e) && errors + 1 < MAX_STATUS_ERRORS => {
                    errors += 1;
                    None
                }
                Err(e) => Some(OpState::Failed {
                    message: format!("{what}: its status could not be read"),
                    detail: Some(error_text(&e)),
                }),
            };
            let done = next.is_some();
            let state_now = next.unwrap_or(OpState::Running {
                what: format!("{what} in progress"),
                since,
                polls,
                id: Some(id.clone()),
            });
            // `try_set` hands the value back when the view (and its state) is gone.
            if state.try_set(state_now).is_some() || done {
                return;
            }
        }
    });
}

/// Status polls after a cancellation before the console stops watching.
pub const CANCEL_POLLS: u32 = 30;

/// What a cancellation has come to once the job is in `s`: the final state when the job has
/// stopped, `None` while it is still going.
pub fn cancel_outcome(s: JobState) -> Option<OpState> {
    s.is_terminal().then(|| OpState::Succeeded {
        message: format!("The job is {}", s.as_str()),
        result: None,
    })
}

/// After a cancellation was accepted: follows the job with the cheap `GET /jobs/:jobid/status`
/// (1.15+; asked of the dispatcher, fresher than the cached `/jobs/:jobid`) until it stops,
/// showing its state while it does. Clusters without the endpoint get "requested" at once.
pub async fn watch_cancel(state: RwSignal<OpState>, c: &Cluster, jid: &str) {
    let since = now_epoch_ms();
    let requested = || OpState::Succeeded {
        message: "Cancellation requested; the job is stopping.".into(),
        result: None,
    };
    for polls in 0..CANCEL_POLLS {
        let next = match api::job_status(c, jid).await {
            Ok(s) => cancel_outcome(s.status)
                .ok_or_else(|| format!("Cancelling: the job is {}", s.status.as_str())),
            Err(e) if transient(&e) => Err("Cancelling".to_string()),
            Err(_) => Ok(requested()),
        };
        let (state_now, done) = match next {
            Ok(fin) => (fin, true),
            Err(what) => (
                OpState::Running {
                    what,
                    since,
                    polls,
                    id: None,
                },
                false,
            ),
        };
        if state.try_set(state_now).is_some() || done {
            return;
        }
        sleep_ms(poll_delay_ms(polls)).await;
    }
    let _ = state.try_set(requested());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::flink::model::JobStatusInfo;

    fn fixture(name: &str) -> AsyncOperationResult {
        serde_json::from_str(
            &std::fs::read_to_string(format!("src/systems/flink/fixtures/{name}.json")).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn a_completed_savepoint_reports_its_location() {
        let r = fixture("2.3/savepoint-status");
        assert!(r.is_done());
        match outcome("Savepoint", &r) {
            OpState::Succeeded { message, result } => {
                assert_eq!(message, "Savepoint completed");
                assert!(result.unwrap().contains("savepoint-"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_failed_savepoint_reports_the_cause_with_its_stack_trace() {
        let r = fixture("1.12/savepoint-status-failed");
        match outcome("Savepoint", &r) {
            OpState::Failed { message, detail } => {
                assert!(message.starts_with("Savepoint failed: "), "{message}");
                assert!(detail.is_some());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_manual_checkpoint_reports_its_id() {
        let r = fixture("2.3/checkpoint-trigger-status");
        if let OpState::Succeeded { result, .. } = outcome("Checkpoint", &r) {
            assert!(result.unwrap().starts_with("checkpoint "));
        } else {
            panic!("expected success");
        }
    }

    #[test]
    fn a_cancellation_is_done_when_the_status_endpoint_says_the_job_stopped() {
        let running: JobStatusInfo =
            serde_json::from_str(include_str!("../fixtures/2.3/job-status.json")).unwrap();
        assert_eq!(cancel_outcome(running.status), None);
        assert_eq!(cancel_outcome(JobState::Cancelling), None);
        assert_eq!(
            cancel_outcome(JobState::Canceled),
            Some(OpState::Succeeded {
                message: "The job is CANCELED".into(),
                result: None
            })
        );
    }

    #[test]
    fn server_errors_and_timeouts_are_retried_but_client_errors_are_not() {
        let e = |error| FetchError {
            method: "GET".into(),
            url: "/x".into(),
            error,
        };
        assert!(transient(&e(NetError::Timeout { after_ms: 1 })));
        assert!(transient(&e(NetError::Http {
            status: 503,
            status_text: String::new(),
            body: String::new()
        })));
        assert!(!transient(&e(NetError::Http {
            status: 404,
            status_text: String::new(),
            body: String::new()
        })));
    }
}
