//! One function per Flink REST endpoint, returning the model types of [`super::model`]. Every
//! call goes to the cluster's `jobmanager` target through `crate::net` (proxy or direct).
//! Mutations need the proxy: Flink answers the CORS preflight with 404.

use super::model::*;
use crate::cluster::Cluster;
use crate::net::{cluster_request, ApiRequest, FetchError, NetError};
use crate::url_state::{encode, encode_segment as seg};
use serde::de::DeserializeOwned;

/// A request with `method` to `path` on the job manager of `c`.
pub fn request(c: &Cluster, method: &str, path: &str) -> ApiRequest {
    cluster_request(c, method, "jobmanager", path)
}

async fn get<T: DeserializeOwned>(c: &Cluster, path: &str) -> Result<T, FetchError> {
    request(c, "GET", path).json().await
}

async fn text(c: &Cluster, path: &str) -> Result<String, FetchError> {
    request(c, "GET", path).timeout(120_000).text().await
}

/// Sends a mutation whose answer is empty (`{}`) or not needed.
async fn send(req: ApiRequest) -> Result<(), FetchError> {
    req.send().await.map(|_| ())
}

/// The readable part of a failed Flink call: the first line of each of Flink's `errors`, else the
/// error as the HTTP layer describes it.
pub fn error_text(e: &FetchError) -> String {
    if let NetError::Http { body, .. } = &e.error {
        if let Ok(r) = serde_json::from_str::<ErrorResponse>(body) {
            let lines: Vec<&str> = r
                .errors
                .iter()
                .filter_map(|e| e.lines().find(|l| !l.trim().is_empty()))
                .collect();
            if !lines.is_empty() {
                return lines.join("\n");
            }
        }
    }
    e.error.to_string()
}

// ---- Cluster ----

/// `GET /config`: version and the features the cluster allows.
pub async fn config(c: &Cluster) -> Result<DashboardConfig, FetchError> {
    get(c, "/config").await
}
/// `GET /overview`.
pub async fn overview(c: &Cluster) -> Result<ClusterOverview, FetchError> {
    get(c, "/overview").await
}
/// `DELETE /cluster`: shuts the whole cluster down.
pub async fn shutdown_cluster(c: &Cluster) -> Result<(), FetchError> {
    send(request(c, "DELETE", "/cluster")).await
}
/// `GET /datasets`.
pub async fn datasets(c: &Cluster) -> Result<ClusterDataSets, FetchError> {
    get(c, "/datasets").await
}
/// `DELETE /datasets/:datasetid` (asynchronous).
pub async fn delete_dataset(c: &Cluster, id: &str) -> Result<TriggerResponse, FetchError> {
    request(c, "DELETE", &format!("/datasets/{}", seg(id)))
        .json()
        .await
}
/// `GET /datasets/delete/:triggerid`.
pub async fn dataset_delete_status(
    c: &Cluster,
    trigger: &str,
) -> Result<AsyncOperationResult, FetchError> {
    get(c, &format!("/datasets/delete/{}", seg(trigger))).await
}
/// `POST /savepoint-disposal` (asynchronous).
pub async fn dispose_savepoint(c: &Cluster, path: &str) -> Result<TriggerResponse, FetchError> {
    let body = SavepointDisposalRequest {
        savepoint_path: path.to_string(),
    };
    request(c, "POST", "/savepoint-disposal")
        .json_body(&body)
        .json()
        .await
}
/// `GET /savepoint-disposal/:triggerid`.
pub async fn disposal_status(
    c: &Cluster,
    trigger: &str,
) -> Result<AsyncOperationResult, FetchError> {
    get(c, &format!("/savepoint-disposal/{}", seg(trigger))).await
}

// ---- Metrics (every scope answers the same shapes) ----

/// Where metrics are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetricScope {
    /// `/jobmanager/metrics`.
    JobManager,
    /// `/taskmanagers/:id/metrics`.
    TaskManager(String),
    /// `/taskmanagers/metrics` (aggregated over task managers).
    TaskManagers,
    /// `/jobs/metrics` (aggregated over jobs).
    Jobs,
    /// `/jobs/:jobid/metrics`.
    Job(String),
    /// `/jobs/:jobid/vertices/:vertexid/metrics`.
    Vertex(String, String),
    /// `/jobs/:jobid/vertices/:vertexid/subtasks/metrics` (aggregated over subtasks).
    Subtasks(String, String),
    /// `/jobs/:jobid/vertices/:vertexid/subtasks/:index/metrics`.
    Subtask(String, String, i64),
}

impl MetricScope {
    /// The endpoint's path.
    pub fn path(&self) -> String {
        match self {
            MetricScope::JobManager => "/jobmanager/metrics".into(),
            MetricScope::TaskManager(id) => format!("/taskmanagers/{}/metrics", seg(id)),
            MetricScope::TaskManagers => "/taskmanagers/metrics".into(),
            MetricScope::Jobs => "/jobs/metrics".into(),
            MetricScope::Job(j) => format!("/jobs/{}/metrics", seg(j)),
            MetricScope::Vertex(j, v) => format!("/jobs/{}/vertices/{}/metrics", seg(j), seg(v)),
            MetricScope::Subtasks(j, v) => {
                format!("/jobs/{}/vertices/{}/subtasks/metrics", seg(j), seg(v))
            }
            MetricScope::Subtask(j, v, i) => {
                format!("/jobs/{}/vertices/{}/subtasks/{i}/metrics", seg(j), seg(v))
            }
        }
    }
}

/// The `get=` query of metric ids (comma-separated, as Flink reads it).
pub fn get_query(ids: &[String]) -> String {
    ids.iter().map(|i| encode(i)).collect::<Vec<_>>().join(",")
}

/// The metric ids available in `scope`.
pub async fn metric_ids(c: &Cluster, scope: &MetricScope) -> Result<Vec<MetricValue>, FetchError> {
    get(c, &scope.path()).await
}
/// Current values of `ids` in `scope` (unknown ids are left out by Flink).
pub async fn metric_values(
    c: &Cluster,
    scope: &MetricScope,
    ids: &[String],
) -> Result<Vec<MetricValue>, FetchError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    get(c, &format!("{}?get={}", scope.path(), get_query(ids))).await
}
/// Aggregates (`agg`, e.g. "min,max,avg,sum") of `ids` in an aggregating scope.
pub async fn metric_aggregates(
    c: &Cluster,
    scope: &MetricScope,
    ids: &[String],
    agg: &str,
) -> Result<Vec<AggregatedMetric>, FetchError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    get(
        c,
        &format!("{}?get={}&agg={agg}", scope.path(), get_query(ids)),
    )
    .await
}

// ---- Jobs ----

fn job_path(jid: &str) -> String {
    format!("/jobs/{}", seg(jid))
}

/// `GET /jobs/overview`.
pub async fn jobs_overview(c: &Cluster) -> Result<JobsOverview, FetchError> {
    get(c, "/jobs/overview").await
}
/// `GET /jobs/:jobid`.
pub async fn job(c: &Cluster, jid: &str) -> Result<JobDetails, FetchError> {
    get(c, &job_path(jid)).await
}
/// `PATCH /jobs/:jobid?mode=cancel`.
pub async fn cancel_job(c: &Cluster, jid: &str) -> Result<(), FetchError> {
    send(request(
        c,
        "PATCH",
        &format!("{}?mode=cancel", job_path(jid)),
    ))
    .await
}
/// `GET /jobs/:jobid/accumulators`.
pub async fn job_accumulators(c: &Cluster, jid: &str) -> Result<JobAccumulators, FetchError> {
    get(c, &format!("{}/accumulators", job_path(jid))).await
}
/// `GET /jobs/:jobid/checkpoints`.
pub async fn checkpoints(c: &Cluster, jid: &str) -> Result<CheckpointingStatistics, FetchError> {
    get(c, &format!("{}/checkpoints", job_path(jid))).await
}
/// `GET /jobs/:jobid/checkpoints/config`.
pub async fn checkpoint_config(c: &Cluster, jid: &str) -> Result<CheckpointConfig, FetchError> {
    get(c, &format!("{}/checkpoints/config", job_path(jid))).await
}
/// `GET /jobs/:jobid/checkpoints/details/:checkpointid`.
pub async fn checkpoint_details(
    c: &Cluster,
    jid: &str,
    id: i64,
) -> Result<CheckpointStatistics, FetchError> {
    get(c, &format!("{}/checkpoints/details/{id}", job_path(jid))).await
}
/// `GET /jobs/:jobid/checkpoints/details/:checkpointid/subtasks/:vertexid`.
pub async fn checkpoint_subtasks(
    c: &Cluster,
    jid: &str,
    id: i64,
    vid: &str,
) -> Result<TaskCheckpointDetails, FetchError> {
    get(
        c,
        &format!(
            "{}/checkpoints/details/{id}/subtasks/{}",
            job_path(jid),
            seg(vid)
        ),
    )
    .await
}
/// `POST /jobs/:jobid/checkpoints` (1.19+): a checkpoint now.
pub async fn trigger_checkpoint(
    c: &Cluster,
    jid: &str,
    kind: Option<String>,
) -> Result<TriggerResponse, FetchError> {
    let body = CheckpointTriggerRequest {
        checkpoint_type: kind,
    };
    request(c, "POST", &format!("{}/checkpoints", job_path(jid)))
        .json_body(&body)
        .json()
        .await
}
/// `GET /jobs/:jobid/checkpoints/:triggerid`.
pub async fn checkpoint_trigger_status(
    c: &Cluster,
    jid: &str,
    trigger: &str,
) -> Result<AsyncOperationResult, FetchError> {
    get(
        c,
        &format!("{}/checkpoints/{}", job_path(jid), seg(trigger)),
    )
    .await
}
/// `GET /jobs/:jobid/config`.
pub async fn job_config(c: &Cluster, jid: &str) -> Result<JobConfig, FetchError> {
    get(c, &format!("{}/config", job_path(jid))).await
}
/// `GET /jobs/:jobid/jobmanager/config` (1.15+).
pub async fn job_jobmanager_config(c: &Cluster, jid: &str) -> Result<Vec<ConfigEntry>, FetchError> {
    get(c, &format!("{}/jobmanager/config", job_path(jid))).await
}
/// `GET /jobs/:jobid/exceptions?maxExceptions=N`.
pub async fn job_exceptions(c: &Cluster, jid: &str, max: u32) -> Result<JobExceptions, FetchError> {
    get(
        c,
        &format!("{}/exceptions?maxExceptions={max}", job_path(jid)),
    )
    .await
}
/// `GET /jobs/:jobid/execution-result`.
pub async fn execution_result(
    c: &Cluster,
    jid: &str,
) -> Result<JobExecutionResultResponse, FetchError> {
    get(c, &format!("{}/execution-result", job_path(jid))).await
}
/// `GET /jobs/:jobid/plan`.
pub async fn job_plan(c: &Cluster, jid: &str) -> Result<JobPlan, FetchError> {
    get(c, &format!("{}/plan", job_path(jid))).await
}
/// `GET /jobs/:jobid/plan`, decoded and as Flink sent it (for the raw view).
pub async fn job_plan_raw(
    c: &Cluster,
    jid: &str,
) -> Result<(JobPlan, serde_json::Value), FetchError> {
    let req = request(c, "GET", &format!("{}/plan", job_path(jid)));
    let (method, url) = (req.method.clone(), req.url.clone());
    let resp = req.send().await?;
    let fail = |error| FetchError {
        method: method.clone(),
        url: url.clone(),
        error,
    };
    Ok((
        resp.decode::<JobPlan>().map_err(fail)?,
        resp.decode::<serde_json::Value>().map_err(fail)?,
    ))
}
/// `POST /jobs/:jobid/savepoints` (asynchronous).
pub async fn trigger_savepoint(
    c: &Cluster,
    jid: &str,
    body: &SavepointTriggerRequest,
) -> Result<TriggerResponse, FetchError> {
    request(c, "POST", &format!("{}/savepoints", job_path(jid)))
        .json_body(body)
        .json()
        .await
}
/// `POST /jobs/:jobid/stop` (asynchronous; polled like a savepoint).
pub async fn stop_job(
    c: &Cluster,
    jid: &str,
    body: &StopWithSavepointRequest,
) -> Result<TriggerResponse, FetchError> {
    request(c, "POST", &format!("{}/stop", job_path(jid)))
        .json_body(body)
        .json()
        .await
}
/// `GET /jobs/:jobid/savepoints/:triggerid` (savepoints and stop-with-savepoint).
pub async fn savepoint_status(
    c: &Cluster,
    jid: &str,
    trigger: &str,
) -> Result<AsyncOperationResult, FetchError> {
    get(c, &format!("{}/savepoints/{}", job_path(jid), seg(trigger))).await
}
/// `PATCH /jobs/:jobid/rescaling?parallelism=N` (1.x; disabled by Flink since 1.9, answers 503).
pub async fn rescale_legacy(
    c: &Cluster,
    jid: &str,
    parallelism: u32,
) -> Result<TriggerResponse, FetchError> {
    request(
        c,
        "PATCH",
        &format!("{}/rescaling?parallelism={parallelism}", job_path(jid)),
    )
    .json()
    .await
}
/// `GET /jobs/:jobid/rescaling/:triggerid` (1.x).
pub async fn rescale_legacy_status(
    c: &Cluster,
    jid: &str,
    trigger: &str,
) -> Result<AsyncOperationResult, FetchError> {
    get(c, &format!("{}/rescaling/{}", job_path(jid), seg(trigger))).await
}
/// `GET /jobs/:jobid/resource-requirements` (adaptive scheduler, 1.18+).
pub async fn resource_requirements(
    c: &Cluster,
    jid: &str,
) -> Result<ResourceRequirements, FetchError> {
    get(c, &format!("{}/resource-requirements", job_path(jid))).await
}
/// `PUT /jobs/:jobid/resource-requirements`: rescales on the adaptive scheduler.
pub async fn set_resource_requirements(
    c: &Cluster,
    jid: &str,
    body: &ResourceRequirements,
) -> Result<(), FetchError> {
    send(
        request(
            c,
            "PUT",
            &format!("{}/resource-requirements", job_path(jid)),
        )
        .json_body(body),
    )
    .await
}
/// `GET /jobs/:jobid/rescales/history` (2.3+).
pub async fn rescale_history(c: &Cluster, jid: &str) -> Result<Vec<Rescale>, FetchError> {
    get(c, &format!("{}/rescales/history", job_path(jid))).await
}

// ---- Vertices ----

fn vertex_path(jid: &str, vid: &str) -> String {
    format!("/jobs/{}/vertices/{}", seg(jid), seg(vid))
}

/// `GET /jobs/:jobid/vertices/:vertexid`.
pub async fn vertex(c: &Cluster, jid: &str, vid: &str) -> Result<JobVertexDetails, FetchError> {
    get(c, &vertex_path(jid, vid)).await
}
/// `GET .../vertices/:vertexid/accumulators`.
pub async fn vertex_accumulators(
    c: &Cluster,
    jid: &str,
    vid: &str,
) -> Result<VertexAccumulators, FetchError> {
    get(c, &format!("{}/accumulators", vertex_path(jid, vid))).await
}
/// `GET .../vertices/:vertexid/subtasks/accumulators`.
pub async fn subtasks_accumulators(
    c: &Cluster,
    jid: &str,
    vid: &str,
) -> Result<SubtasksAccumulators, FetchError> {
    get(
        c,
        &format!("{}/subtasks/accumulators", vertex_path(jid, vid)),
    )
    .await
}
/// `GET .../vertices/:vertexid/backpressure`.
pub async fn backpressure(
    c: &Cluster,
    jid: &str,
    vid: &str,
) -> Result<VertexBackpressure, FetchError> {
    get(c, &format!("{}/backpressure", vertex_path(jid, vid))).await
}
/// `GET .../vertices/:vertexid/subtasktimes`.
pub async fn subtask_times(c: &Cluster, jid: &str, vid: &str) -> Result<SubtasksTimes, FetchError> {
    get(c, &format!("{}/subtasktimes", vertex_path(jid, vid))).await
}
/// `GET .../vertices/:vertexid/taskmanagers`.
pub async fn vertex_taskmanagers(
    c: &Cluster,
    jid: &str,
    vid: &str,
) -> Result<VertexTaskManagers, FetchError> {
    get(c, &format!("{}/taskmanagers", vertex_path(jid, vid))).await
}
/// `GET .../vertices/:vertexid/watermarks`.
pub async fn watermarks(c: &Cluster, jid: &str, vid: &str) -> Result<Vec<MetricValue>, FetchError> {
    get(c, &format!("{}/watermarks", vertex_path(jid, vid))).await
}
/// `GET .../vertices/:vertexid/subtasks/:index`.
pub async fn subtask(
    c: &Cluster,
    jid: &str,
    vid: &str,
    index: i64,
) -> Result<SubtaskAttempt, FetchError> {
    get(c, &format!("{}/subtasks/{index}", vertex_path(jid, vid))).await
}
/// `GET .../subtasks/:index/attempts/:attempt`.
pub async fn subtask_attempt(
    c: &Cluster,
    jid: &str,
    vid: &str,
    index: i64,
    attempt: i64,
) -> Result<SubtaskAttempt, FetchError> {
    get(
        c,
        &format!(
            "{}/subtasks/{index}/attempts/{attempt}",
            vertex_path(jid, vid)
        ),
    )
    .await
}
/// `GET .../subtasks/:index/attempts/:attempt/accumulators`.
pub async fn attempt_accumulators(
    c: &Cluster,
    jid: &str,
    vid: &str,
    index: i64,
    attempt: i64,
) -> Result<AttemptAccumulators, FetchError> {
    get(
        c,
        &format!(
            "{}/subtasks/{index}/attempts/{attempt}/accumulators",
            vertex_path(jid, vid)
        ),
    )
    .await
}
/// `GET .../vertices/:vertexid/flamegraph?type=...` (needs `rest.flamegraph.enabled`).
pub async fn flamegraph(
    c: &Cluster,
    jid: &str,
    vid: &str,
    kind: &str,
) -> Result<FlameGraph, FetchError> {
    vertex_flamegraph(c, jid, vid, kind, None).await
}

// ---- Jars ----

/// `GET /jars`.
pub async fn jars(c: &Cluster) -> Result<JarList, FetchError> {
    get(c, "/jars").await
}
/// `POST /jars/upload` with `file` as the multipart field `jarfile`, typed
/// `application/x-java-archive` whatever the browser guessed. No time limit.
pub fn upload_jar_request(c: &Cluster, file: &web_sys::File) -> ApiRequest {
    let req = request(c, "POST", "/jars/upload").timeout(0);
    let Ok(form) = web_sys::FormData::new() else {
        return req;
    };
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("application/x-java-archive");
    let parts = js_sys::Array::of1(file);
    match web_sys::Blob::new_with_blob_sequence_and_options(&parts, &bag) {
        Ok(blob) => {
            let _ = form.append_with_blob_and_filename("jarfile", &blob, &file.name());
        }
        Err(_) => {
            let _ = form.append_with_blob_and_filename("jarfile", file, &file.name());
        }
    }
    req.form_body(form)
}
/// `DELETE /jars/:jarid`.
pub async fn delete_jar(c: &Cluster, id: &str) -> Result<(), FetchError> {
    send(request(c, "DELETE", &format!("/jars/{}", seg(id)))).await
}
/// `POST /jars/:jarid/plan`: the plan the jar would run, without running it.
pub async fn jar_plan(c: &Cluster, id: &str, body: &JarRunRequest) -> Result<JobPlan, FetchError> {
    request(c, "POST", &format!("/jars/{}/plan", seg(id)))
        .json_body(body)
        .timeout(120_000)
        .json()
        .await
}
/// `POST /jars/:jarid/run`.
pub async fn run_jar(
    c: &Cluster,
    id: &str,
    body: &JarRunRequest,
) -> Result<JarRunResponse, FetchError> {
    request(c, "POST", &format!("/jars/{}/run", seg(id)))
        .json_body(body)
        .timeout(120_000)
        .json()
        .await
}

// ---- Job manager and task managers ----

/// Whose process a log, stdout or thread dump belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Process {
    /// The job manager.
    JobManager,
    /// A task manager, by id.
    TaskManager(String),
}

impl Process {
    fn root(&self) -> String {
        match self {
            Process::JobManager => "/jobmanager".into(),
            Process::TaskManager(id) => format!("/taskmanagers/{}", seg(id)),
        }
    }
}

/// `GET /jobmanager/logs` or `/taskmanagers/:id/logs`.
pub async fn logs(c: &Cluster, p: &Process) -> Result<LogList, FetchError> {
    get(c, &format!("{}/logs", p.root())).await
}
/// `GET .../logs/:filename` (plain text).
pub async fn log_file(c: &Cluster, p: &Process, name: &str) -> Result<String, FetchError> {
    text(c, &format!("{}/logs/{}", p.root(), seg(name))).await
}
/// `GET .../log`: the main log file (plain text).
pub async fn main_log(c: &Cluster, p: &Process) -> Result<String, FetchError> {
    text(c, &format!("{}/log", p.root())).await
}
/// `GET .../stdout` (plain text).
pub async fn stdout(c: &Cluster, p: &Process) -> Result<String, FetchError> {
    text(c, &format!("{}/stdout", p.root())).await
}
/// `GET .../thread-dump`.
pub async fn thread_dump(c: &Cluster, p: &Process) -> Result<ThreadDump, FetchError> {
    get(c, &format!("{}/thread-dump", p.root())).await
}
/// `GET /jobmanager/config`.
pub async fn jobmanager_config(c: &Cluster) -> Result<Vec<ConfigEntry>, FetchError> {
    get(c, "/jobmanager/config").await
}
/// `GET /jobmanager/environment` (1.15+).
pub async fn jobmanager_environment(c: &Cluster) -> Result<JobManagerEnvironment, FetchError> {
    get(c, "/jobmanager/environment").await
}
/// `GET /taskmanagers`.
pub async fn taskmanagers(c: &Cluster) -> Result<TaskManagers, FetchError> {
    get(c, "/taskmanagers").await
}
/// `GET /taskmanagers/:taskmanagerid`.
pub async fn taskmanager(c: &Cluster, id: &str) -> Result<TaskManagerInfo, FetchError> {
    get(c, &format!("/taskmanagers/{}", seg(id))).await
}

// ---- Applications (2.3+), rescale history (2.3+), job-scoped job manager data (1.15+) ----

fn app_path(id: &str) -> String {
    format!("/applications/{}", seg(id))
}

/// `GET /applications/overview` (2.3+).
pub async fn applications_overview(c: &Cluster) -> Result<ApplicationsOverview, FetchError> {
    get(c, "/applications/overview").await
}
/// `GET /applications/:applicationid` (2.3+).
pub async fn application(c: &Cluster, id: &str) -> Result<ApplicationDetails, FetchError> {
    get(c, &app_path(id)).await
}
/// `GET /applications/:applicationid/exceptions` (2.3+; only `exceptionHistory`).
pub async fn application_exceptions(c: &Cluster, id: &str) -> Result<JobExceptions, FetchError> {
    get(c, &format!("{}/exceptions", app_path(id))).await
}
/// `POST /applications/:applicationid/cancel` (2.3+; 202 with `{}`).
pub async fn cancel_application(c: &Cluster, id: &str) -> Result<(), FetchError> {
    send(request(c, "POST", &format!("{}/cancel", app_path(id)))).await
}
/// `GET /jobs/:jobid/status` (1.15+): the state only, asked of the dispatcher (not the cache
/// behind `/jobs/:jobid`).
pub async fn job_status(c: &Cluster, jid: &str) -> Result<JobStatusInfo, FetchError> {
    get(c, &format!("{}/status", job_path(jid))).await
}
/// `GET /jobs/:jobid/rescales/config` (2.3+).
pub async fn rescales_config(c: &Cluster, jid: &str) -> Result<RescalesConfig, FetchError> {
    get(c, &format!("{}/rescales/config", job_path(jid))).await
}
/// `GET /jobs/:jobid/rescales/overview` (2.3+).
pub async fn rescales_overview(c: &Cluster, jid: &str) -> Result<RescalesOverview, FetchError> {
    get(c, &format!("{}/rescales/overview", job_path(jid))).await
}
/// `GET /jobs/:jobid/rescales/summary` (2.3+).
pub async fn rescales_summary(c: &Cluster, jid: &str) -> Result<RescalesSummary, FetchError> {
    get(c, &format!("{}/rescales/summary", job_path(jid))).await
}
/// `GET /jobs/:jobid/rescales/details/:rescaleuuid` (2.3+).
pub async fn rescale_details(c: &Cluster, jid: &str, uuid: &str) -> Result<Rescale, FetchError> {
    get(
        c,
        &format!("{}/rescales/details/{}", job_path(jid), seg(uuid)),
    )
    .await
}
/// `GET /jobs/:jobid/jobmanager/environment` (1.15+).
pub async fn job_jobmanager_environment(
    c: &Cluster,
    jid: &str,
) -> Result<JobManagerEnvironment, FetchError> {
    get(c, &format!("{}/jobmanager/environment", job_path(jid))).await
}
/// `GET /jobs/:jobid/jobmanager/log-url` (1.15+).
pub async fn job_jobmanager_log_url(c: &Cluster, jid: &str) -> Result<LogUrl, FetchError> {
    get(c, &format!("{}/jobmanager/log-url", job_path(jid))).await
}
/// `GET /jobs/:jobid/taskmanagers/:taskmanagerid/log-url` (1.15+).
pub async fn job_taskmanager_log_url(
    c: &Cluster,
    jid: &str,
    tm: &str,
) -> Result<LogUrl, FetchError> {
    get(
        c,
        &format!("{}/taskmanagers/{}/log-url", job_path(jid), seg(tm)),
    )
    .await
}

// ---- Flame graphs of one subtask, profiler ----

/// `GET .../vertices/:vertexid/flamegraph?type=...[&subtaskindex=N]`: the flame graph of the
/// vertex, or of one subtask (needs `rest.flamegraph.enabled`; 404 for a subtask index the
/// vertex does not have).
pub async fn vertex_flamegraph(
    c: &Cluster,
    jid: &str,
    vid: &str,
    kind: &str,
    subtask: Option<i64>,
) -> Result<FlameGraph, FetchError> {
    let sub = subtask
        .map(|i| format!("&subtaskindex={i}"))
        .unwrap_or_default();
    let req = request(
        c,
        "GET",
        &format!(
            "{}/flamegraph?type={}{sub}",
            vertex_path(jid, vid),
            encode(kind)
        ),
    );
    req.parsed(FlameGraph::parse).await
}
/// `GET /jobmanager/profiler` or `/taskmanagers/:id/profiler` (1.19+, `rest.profiling.enabled`;
/// 404 where profiling is off).
pub async fn profiling_list(c: &Cluster, p: &Process) -> Result<ProfilingList, FetchError> {
    get(c, &format!("{}/profiler", p.root())).await
}
/// `POST .../profiler` with `{"mode": .., "duration": ..}`: starts profiling for `duration`
/// seconds; answers the new run (RUNNING).
pub async fn start_profiling(
    c: &Cluster,
    p: &Process,
    mode: &str,
    duration: u32,
) -> Result<ProfilingInfo, FetchError> {
    let body = serde_json::json!({ "mode": mode, "duration": duration });
    request(c, "POST", &format!("{}/profiler", p.root()))
        .json_body(&body)
        .json()
        .await
}
/// `GET .../profiler/:filename`: a finished run's result, an HTML page (downloaded, never shown).
pub async fn profiling_file(c: &Cluster, p: &Process, name: &str) -> Result<String, FetchError> {
    text(c, &format!("{}/profiler/{}", p.root(), seg(name))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_scopes_have_the_documented_paths() {
        assert_eq!(
            MetricScope::TaskManager("localhost:1-ab".into()).path(),
            "/taskmanagers/localhost%3A1-ab/metrics"
        );
        assert_eq!(
            MetricScope::Subtasks("j".into(), "v".into()).path(),
            "/jobs/j/vertices/v/subtasks/metrics"
        );
        assert_eq!(
            MetricScope::Subtask("j".into(), "v".into(), 3).path(),
            "/jobs/j/vertices/v/subtasks/3/metrics"
        );
        assert_eq!(
            get_query(&["0.a b".into(), "x(y)".into()]),
            "0.a%20b,x%28y%29"
        );
    }

    #[test]
    fn flink_errors_read_as_their_first_lines() {
        let e = FetchError {
            method: "PATCH".into(),
            url: "/x".into(),
            error: NetError::Http {
                status: 503,
                status_text: "Service Unavailable".into(),
                body: r#"{"errors":["org.apache.flink.runtime.rest.handler.RestHandlerException: Rescaling is temporarily disabled.\n\tat x"]}"#.into(),
            },
        };
        assert_eq!(error_text(&e), "org.apache.flink.runtime.rest.handler.RestHandlerException: Rescaling is temporarily disabled.");
        let plain = FetchError {
            method: "GET".into(),
            url: "/x".into(),
            error: NetError::Timeout { after_ms: 5 },
        };
        assert_eq!(error_text(&plain), "Timed out after 5 ms");
    }
}
