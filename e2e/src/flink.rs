//! The real Flink cluster seen from outside the browser: its REST API (to check what the console
//! shows and to clean up what a test started), the test job's jar, and Chromium's network
//! emulation (so an upload is slow enough for its progress bar to be seen moving).

use crate::browser::Browser;
use crate::http::request;
use crate::setup::Setup;
use crate::wait::eventually_within;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Duration;

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

/// Uploads the test jar with curl (the console's upload is tested elsewhere) and runs it with
/// `args` at `parallelism`; returns the jar id and the job id.
pub fn start_test_job(setup: &Setup, args: &[&str], parallelism: u32) -> (String, String) {
    let jar = test_jar();
    let out = std::process::Command::new("curl")
        .args(["-fsS", "-X", "POST", "-F"])
        .arg(format!(
            "jarfile=@{};type=application/x-java-archive",
            jar.display()
        ))
        .arg(format!("{}/jars/upload", setup.flink_url))
        .output()
        .unwrap_or_else(|e| panic!("cannot run curl: {e}"));
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "the jar upload answered: {} {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let jar_id = answer["filename"]
        .as_str()
        .and_then(|f| f.rsplit('/').next())
        .unwrap_or_else(|| panic!("no jar id in {answer}"))
        .to_string();
    let body = json!({ "programArgsList": args, "parallelism": parallelism }).to_string();
    let url = format!("{}/jars/{jar_id}/run", setup.flink_url);
    let run = request("POST", &url, Some(&body)).unwrap_or_else(|e| panic!("{e}"));
    let jid = serde_json::from_str::<Value>(&run.body)
        .ok()
        .and_then(|v| v["jobid"].as_str().map(str::to_string));
    let jid = jid.unwrap_or_else(|| panic!("POST {url} answered {}: {}", run.status, run.body));
    (jar_id, jid)
}

/// The parallelism of each vertex of job `jid`, by vertex name.
pub fn vertex_parallelism(setup: &Setup, jid: &str) -> Vec<(String, i64)> {
    get_json(setup, &format!("/jobs/{jid}"))
        .and_then(|j| j["vertices"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .map(|v| {
            (
                v["name"].as_str().unwrap_or_default().to_string(),
                v["parallelism"].as_i64().unwrap_or(-1),
            )
        })
        .collect()
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

/// How long Flink may take to start a job, complete a checkpoint or a savepoint.
pub const FLINK_TIMEOUT: Duration = Duration::from_secs(90);

/// Waits until the job page's header shows `state`.
pub async fn wait_job_state(b: &Browser, state: &str) {
    eventually_within(
        &format!("the job to be {state}"),
        FLINK_TIMEOUT,
        async |last| {
            let s = b.attr("[data-job-state]", "data-job-state").await?;
            *last = s.clone();
            (s == state).then_some(())
        },
    )
    .await;
}

/// Waits until the operation panel inside `within` (CSS, e.g. `body`) shows success and returns
/// the text of `part` in it (`[data-op-result]` for a location, `*` for the whole panel); panics
/// with Flink's message when it shows a failure.
pub async fn wait_operation(b: &Browser, within: &str, part: &str, what: &str) -> String {
    let (failed, any, done) = (
        format!("{within} [data-op=failed]"),
        format!("{within} [data-op]"),
        format!("{within} [data-op=succeeded] {part}"),
    );
    eventually_within(what, FLINK_TIMEOUT, async |last| {
        if let Some(f) = b.texts(&failed).await.into_iter().next() {
            panic!("{what} failed: {f}");
        }
        *last = b.texts(&any).await.join(" | ");
        b.texts(&done).await.into_iter().next()
    })
    .await
}

/// Waits for the job action's operation to succeed and returns its result (a location).
pub async fn wait_operation_result(b: &Browser, what: &str) -> String {
    wait_operation(b, "body", "[data-op-result]", what).await
}
