//! Applications (Flink 2.3+): the list (`/applications`, `GET /applications/overview`) and one
//! application with its jobs and failures (`/applications/:appid`). On older clusters both say
//! which version they need instead of sending requests.

pub mod detail;
pub mod list;

use crate::ui::Tone;
use std::collections::BTreeMap;

/// The colour of an application state (Flink spells them like job states, with "CANCELING").
pub fn app_tone(status: &str) -> Tone {
    match status {
        "RUNNING" | "FINISHED" => Tone::Ok,
        "FAILED" => Tone::Bad,
        "CANCELED" | "" => Tone::Unknown,
        _ => Tone::Warn,
    }
}

/// How soon an application page reads an application in `status` again by itself: every
/// second while it is on its way to another state (created, failing, cancelling), or, once the
/// user asked it to end (`ending`), until it has ended; `None` when it is settled.
pub fn app_settle_poll_ms(status: &str, ending: bool) -> Option<u32> {
    match status {
        "CREATED" | "FAILING" | "CANCELING" => Some(1000),
        "FINISHED" | "FAILED" | "CANCELED" => None,
        _ if ending => Some(1000),
        _ => None,
    }
}

/// Jobs per state, e.g. "RUNNING 2 · FINISHED 1" (states with no job left out).
pub fn jobs_per_state(jobs: &BTreeMap<String, i64>) -> String {
    jobs.iter()
        .filter(|(_, n)| **n > 0)
        .map(|(s, n)| format!("{s} {n}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Total number of jobs of an application.
pub fn job_count(jobs: &BTreeMap<String, i64>) -> i64 {
    jobs.values().filter(|n| **n > 0).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::flink::model::ApplicationsOverview;

    #[test]
    fn an_application_is_followed_while_it_changes_state_or_was_asked_to_end() {
        assert_eq!(app_settle_poll_ms("CANCELING", false), Some(1000));
        assert_eq!(app_settle_poll_ms("RUNNING", false), None);
        assert_eq!(
            app_settle_poll_ms("RUNNING", true),
            Some(1000),
            "cancel asked: followed until it ends"
        );
        assert_eq!(app_settle_poll_ms("CANCELED", true), None);
    }

    #[test]
    fn states_colour_and_jobs_per_state_read_from_the_recorded_overview() {
        let o: ApplicationsOverview = serde_json::from_str(include_str!(
            "../../fixtures/2.3/applications-overview.json"
        ))
        .unwrap();
        let texts: Vec<String> = o
            .applications
            .iter()
            .map(|a| jobs_per_state(&a.jobs))
            .collect();
        assert_eq!(texts, ["RUNNING 1", "CANCELED 1", "FINISHED 1"]);
        assert_eq!(app_tone(&o.applications[0].status), Tone::Ok);
        assert_eq!(app_tone("CANCELING"), Tone::Warn);
        assert_eq!(app_tone("FAILED"), Tone::Bad);
        let mixed = BTreeMap::from([
            ("FINISHED".to_string(), 2),
            ("RUNNING".to_string(), 1),
            ("FAILED".to_string(), 0),
        ]);
        assert_eq!(jobs_per_state(&mixed), "FINISHED 2 · RUNNING 1");
        assert_eq!(job_count(&mixed), 3);
    }
}
