//! The real Flink cluster seen from outside the browser: its REST API (to check what the console
//! shows and to clean up what a test started), the test job's jar, and Chromium's network
//! emulation (so an upload is slow enough for its progress bar to be seen moving).

use crate::browser::Browser;
use crate::http::request;
use crate::setup::Setup;
use serde_json::{json, Value};
use std::path::PathBuf;

/// The test job's jar, as `scripts/flink.sh job` builds it (a canonical path: chromedriver takes
/// no other for file inputs).
pub fn test_jar() -> PathBuf {
    let jar = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../.flink/jobs/switchboard-test-job.jar"
    ));
    assert!(
        jar.is_file(),
        "no test jar at {}: run scripts/flink.sh job",
        jar.display()
    );
    jar.canonicalize().unwrap_or(jar)
}

/// `GET <flink><path>` as JSON; `None` when Flink does not answer 200 with JSON.
pub fn get_json(setup: &Setup, path: &str) -> Option<Value> {
    let a = request("GET", &format!("{}{path}", setup.flink_url), None).ok()?;
    (a.status == 200)
        .then(|| serde_json::from_str(&a.body).ok())
        .flatten()
}

/// The state Flink reports for job `jid` (`RUNNING`, `FINISHED`, ...), if it knows the job.
pub fn job_state(setup: &Setup, jid: &str) -> Option<String> {
    get_json(setup, &format!("/jobs/{jid}"))?["state"]
        .as_str()
        .map(str::to_string)
}

/// The ids of the jobs whose name contains `needle` and that have not ended.
pub fn live_jobs_named(setup: &Setup, needle: &str) -> Vec<String> {
    let Some(overview) = get_json(setup, "/jobs/overview") else {
        return Vec::new();
    };
    overview["jobs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|j| j["name"].as_str().is_some_and(|n| n.contains(needle)))
        .filter(|j| {
            !matches!(
                j["state"].as_str(),
                Some("FINISHED" | "CANCELED" | "FAILED")
            )
        })
        .filter_map(|j| j["jid"].as_str().map(str::to_string))
        .collect()
}

/// The ids of the jars uploaded to Flink, sorted.
pub fn uploaded_jars(setup: &Setup) -> Vec<String> {
    let mut ids: Vec<String> = get_json(setup, "/jars")
        .and_then(|j| j["files"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|f| f["id"].as_str().map(str::to_string))
        .collect();
    ids.sort();
    ids
}

/// Cancels, when dropped (test failures included), every job still running whose name contains
/// the label, and deletes the jar the test uploaded, so that a failed test leaves the shared
/// cluster as it found it.
pub struct Cleanup {
    setup: Setup,
    job_label: String,
    /// The id of the jar the test uploaded, once known.
    pub jar_id: Option<String>,
}

impl Cleanup {
    /// Cleans up after the jobs whose name contains `job_label`.
    pub fn new(setup: &Setup, job_label: &str) -> Cleanup {
        Cleanup {
            setup: setup.clone(),
            job_label: job_label.to_string(),
            jar_id: None,
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let base = &self.setup.flink_url;
        for jid in live_jobs_named(&self.setup, &self.job_label) {
            let _ = request("PATCH", &format!("{base}/jobs/{jid}?mode=cancel"), None);
        }
        if let Some(id) = &self.jar_id {
            let _ = request("DELETE", &format!("{base}/jars/{id}"), None);
        }
    }
}

/// Limits the session's uploads to `bytes_per_second` (`None`: no limit), as a slow link would.
pub async fn limit_uploads(b: &Browser, bytes_per_second: Option<u32>) {
    b.cdp("Network.enable", json!({})).await;
    let up = bytes_per_second.map_or(-1.0, f64::from);
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": up }),
    )
    .await;
}
