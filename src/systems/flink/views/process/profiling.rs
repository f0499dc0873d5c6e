//! The decisions behind the profiler tab, pure and host-tested: which modes Flink accepts, reading
//! the form, following a started run in the list, and explaining Flink's refusals.

use crate::net::{FetchError, NetError};
use crate::systems::flink::api;
use crate::systems::flink::capabilities::parse_version;
use crate::systems::flink::model::{ErrorResponse, ProfilingInfo, ProfilingStatus};

/// The modes Flink accepts (its `ProfilingMode`: 2.3 refuses anything else), with what each
/// measures. The first is the default.
pub const MODES: [(&str, &str); 5] = [
    (
        "ITIMER",
        "CPU time sampled by a timer (works everywhere; no kernel frames)",
    ),
    (
        "CPU",
        "CPU time from perf events (kernel frames too; needs perf_events on the host)",
    ),
    (
        "WALL",
        "wall-clock time of every thread, running or waiting",
    ),
    ("ALLOC", "heap allocations"),
    ("LOCK", "time spent waiting for locks"),
];

/// The longest run Flink allows unless configured otherwise (`rest.profiling.duration-max`).
pub const MAX_DURATION: u32 = 300;

/// How long after its planned end a run may stay RUNNING (or unlisted) before the console stops
/// waiting for it.
pub const GRACE_MS: i64 = 60_000;

/// Reads the form: a known mode and a duration in whole seconds within Flink's limits.
pub fn validate(mode: &str, duration: &str) -> Result<(&'static str, u32), String> {
    let mode = MODES
        .iter()
        .map(|m| m.0)
        .find(|m| *m == mode)
        .ok_or_else(|| format!("Unknown mode {mode}."))?;
    let secs: u32 = duration.trim().parse().map_err(|_| {
        format!(
            "The duration must be whole seconds, not \"{}\".",
            duration.trim()
        )
    })?;
    if secs == 0 || secs > MAX_DURATION {
        return Err(format!(
            "The duration must be between 1 and {MAX_DURATION} seconds."
        ));
    }
    Ok((mode, secs))
}

/// A run this page started and follows until it ends.
#[derive(Clone, Debug, PartialEq)]
pub struct Watch {
    /// Mode.
    pub mode: String,
    /// Planned duration, seconds.
    pub duration: u32,
    /// When Flink started it (its `triggerTime`, epoch ms): the run's identity in the list.
    pub trigger_time: i64,
    /// When the page started it, epoch ms of the browser's clock (elapsed time is measured from
    /// here, so a server clock set differently does not matter).
    pub since: i64,
    /// The latest time the page looked, epoch ms.
    pub now: i64,
    /// How many times the list was asked.
    pub polls: u32,
}

impl Watch {
    /// Seconds since the start (never negative) and the share of the planned duration (0..1).
    pub fn progress(&self) -> (i64, f64) {
        let elapsed = ((self.now - self.since) / 1000).max(0);
        (
            elapsed,
            (elapsed as f64 / f64::from(self.duration.max(1))).min(1.0),
        )
    }
}

/// What a new answer of the list means for the followed run.
#[derive(Clone, Debug, PartialEq)]
pub enum Next {
    /// Still running (or not listed yet): ask again.
    Wait,
    /// Finished; the file can be downloaded.
    Finished(ProfilingInfo),
    /// Failed, with Flink's message.
    Failed(String),
    /// Neither finished nor failed long after its planned end: stop waiting.
    GaveUp,
}

/// Finds the followed run in `list` (by its start time) and decides.
pub fn decide(list: &[ProfilingInfo], w: &Watch) -> Next {
    let overdue = w.now > w.since + i64::from(w.duration) * 1000 + GRACE_MS;
    match list.iter().find(|i| i.trigger_time == Some(w.trigger_time)) {
        Some(i) if i.status == ProfilingStatus::Finished => Next::Finished(i.clone()),
        Some(i) if i.status == ProfilingStatus::Failed => {
            Next::Failed(i.message.clone().unwrap_or_else(|| "no message".into()))
        }
        _ if overdue => Next::GaveUp,
        _ => Next::Wait,
    }
}

/// Why a cluster has no profiler, if it has none: it came with Flink 1.19.
pub fn profiler_gate(version: Option<&str>) -> Option<String> {
    let v = version?;
    (parse_version(v)? < (1, 19))
        .then(|| format!("The profiler needs Flink 1.19 or newer; this cluster runs {v}."))
}

/// The reason behind a failed list call when profiling is off: Flink then does not serve the
/// profiler endpoints at all, so they answer 404.
pub fn disabled_reason(e: &FetchError) -> Option<String> {
    (e.error.status() == Some(404)).then(|| {
        "Profiling is turned off on this cluster: Flink serves the profiler only when rest.profiling.enabled is true (it answered 404). Set it and restart the cluster to profile from here.".to_string()
    })
}

/// The useful line of a refused start. Flink wraps the reason in "Internal server error" and a
/// stack trace; the line naming the exception holds it.
pub fn start_error(e: &FetchError) -> String {
    if let NetError::Http { body, .. } = &e.error {
        if let Ok(r) = serde_json::from_str::<ErrorResponse>(body) {
            let reason = r
                .errors
                .iter()
                .flat_map(|t| t.lines())
                .map(str::trim)
                .find(|l| !l.starts_with("at ") && l.contains("Exception: "));
            if let Some(line) = reason.and_then(|l| l.rsplit("Exception: ").next()) {
                return line.to_string();
            }
        }
    }
    api::error_text(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::flink::model::ProfilingList;

    fn list(name: &str) -> Vec<ProfilingInfo> {
        let l: ProfilingList = serde_json::from_str(
            &std::fs::read_to_string(format!("src/systems/flink/fixtures/2.3/{name}")).unwrap(),
        )
        .unwrap();
        l.profiling_list
    }

    fn http(status: u16, body: &str) -> FetchError {
        FetchError {
            method: "POST".into(),
            url: "/jobmanager/profiler".into(),
            error: NetError::Http {
                status,
                status_text: String::new(),
                body: body.into(),
            },
        }
    }

    #[test]
    fn the_form_accepts_flink_modes_and_durations() {
        assert_eq!(validate("ITIMER", " 10 "), Ok(("ITIMER", 10)));
        assert_eq!(validate("ALLOC", "300"), Ok(("ALLOC", 300)));
        assert!(validate("ITIMER", "0")
            .unwrap_err()
            .contains("between 1 and 300"));
        assert!(validate("ITIMER", "301").is_err());
        assert!(validate("ITIMER", "2.5")
            .unwrap_err()
            .contains("whole seconds"));
        assert!(validate("BOGUS", "10").unwrap_err().contains("BOGUS"));
    }

    #[test]
    fn a_followed_run_waits_then_finishes_from_the_recorded_list() {
        let started: ProfilingInfo = serde_json::from_str(include_str!(
            "../../fixtures/2.3/taskmanager-profiler-trigger.json"
        ))
        .unwrap();
        let t = started.trigger_time.unwrap();
        let mut w = Watch {
            mode: "ITIMER".into(),
            duration: 2,
            trigger_time: t,
            since: t - 7_000,
            now: t - 6_000,
            polls: 1,
        };
        assert_eq!(w.progress(), (1, 0.5));
        assert_eq!(decide(std::slice::from_ref(&started), &w), Next::Wait);
        assert_eq!(
            decide(&list("jobmanager-profiler.json"), &w),
            Next::Wait,
            "not listed yet"
        );
        let Next::Finished(done) = decide(&list("taskmanager-profiler.json"), &w) else {
            panic!("finished expected")
        };
        assert!(done.output_file.unwrap().ends_with(".html"));
        w.now = w.since + 2000 + GRACE_MS + 1;
        assert_eq!(decide(&[started], &w), Next::GaveUp);
        w.now = w.since - 5000;
        assert_eq!(w.progress(), (0, 0.0));
    }

    #[test]
    fn failures_and_refusals_are_explained() {
        let failed = ProfilingInfo {
            status: ProfilingStatus::Failed,
            trigger_time: Some(5),
            message: Some("perf_events not permitted".into()),
            ..Default::default()
        };
        let w = Watch {
            mode: "CPU".into(),
            duration: 5,
            trigger_time: 5,
            since: 0,
            now: 10,
            polls: 0,
        };
        assert_eq!(
            decide(&[failed], &w),
            Next::Failed("perf_events not permitted".into())
        );
        assert!(disabled_reason(&http(
            404,
            r#"{"errors":["Unable to load requested file /jobmanager/profiler."]}"#
        ))
        .unwrap()
        .contains("rest.profiling.enabled"));
        assert_eq!(disabled_reason(&http(500, "{}")), None);
        let too_long = include_str!("../../fixtures/2.3/error-profiler-duration.json");
        assert_eq!(
            start_error(&http(500, too_long)),
            "`duration` must be set between (0s, 300s]."
        );
        assert_eq!(start_error(&http(503, r#"{"errors":["busy"]}"#)), "busy");
        assert!(profiler_gate(Some("1.18.1")).unwrap().contains("1.19"));
        assert_eq!(profiler_gate(Some("2.3.0")), None);
    }
}
