//! Druid API: supervisors (overlord `/druid/indexer/v1/supervisor...`).

use super::{get, request, send_json, Target};
use crate::cluster::Cluster;
use crate::net::FetchError;
use crate::systems::druid::model::supervisors::{
    merge_rows, CreateAnswer, SpecVersion, SupervisorEntry, SupervisorRow, SupervisorStatus,
};
use crate::url_state::encode_segment;
use serde_json::Value;
use std::collections::BTreeMap;

const SUP: &str = "/druid/indexer/v1/supervisor";

/// `GET /druid/indexer/v1/supervisor?full`: every supervisor with its spec.
pub async fn full(c: &Cluster) -> Result<Vec<SupervisorEntry>, FetchError> {
    get(c, &Target::Overlord, &format!("{SUP}?full")).await
}

/// `GET /druid/indexer/v1/supervisor?state=true`: every supervisor's state.
pub async fn states(c: &Cluster) -> Result<Vec<SupervisorEntry>, FetchError> {
    get(c, &Target::Overlord, &format!("{SUP}?state=true")).await
}

/// The rows of the supervisors page: `?full` and `?state=true` merged.
pub async fn rows(c: &Cluster) -> Result<Vec<SupervisorRow>, FetchError> {
    let f = full(c).await?;
    let s = states(c).await?;
    Ok(merge_rows(&f, &s))
}

fn one(id: &str, what: &str) -> String {
    format!("{SUP}/{}{what}", encode_segment(id))
}

/// `GET /druid/indexer/v1/supervisor/{supervisorId}`: the current spec.
pub async fn spec(c: &Cluster, id: &str) -> Result<Value, FetchError> {
    get(c, &Target::Overlord, &one(id, "")).await
}

/// `GET /druid/indexer/v1/supervisor/{supervisorId}/status`.
pub async fn status(c: &Cluster, id: &str) -> Result<SupervisorStatus, FetchError> {
    get(c, &Target::Overlord, &one(id, "/status")).await
}

/// `GET /druid/indexer/v1/supervisor/{supervisorId}/history`: spec versions, newest first.
pub async fn history(c: &Cluster, id: &str) -> Result<Vec<SpecVersion>, FetchError> {
    get(c, &Target::Overlord, &one(id, "/history")).await
}

/// `GET /druid/indexer/v1/supervisor/history`: every supervisor's spec versions.
pub async fn history_all(c: &Cluster) -> Result<BTreeMap<String, Vec<SpecVersion>>, FetchError> {
    get(c, &Target::Overlord, &format!("{SUP}/history")).await
}

/// `POST /druid/indexer/v1/supervisor` with the spec `spec` (sent as typed): creates or updates.
pub async fn create(c: &Cluster, spec: &str) -> Result<CreateAnswer, FetchError> {
    send_json(request(c, &Target::Overlord, "POST", SUP).text_body("application/json", spec)).await
}

/// An action on one supervisor: `POST /druid/indexer/v1/supervisor/{supervisorId}/{action}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// `/suspend`: stops its tasks and keeps it.
    Suspend,
    /// `/resume`.
    Resume,
    /// `/reset`: forgets stored offsets.
    Reset,
    /// `/terminate`: stops it for good.
    Terminate,
    /// `/shutdown`: the deprecated form of terminate.
    Shutdown,
}

impl Action {
    /// The path's last segment.
    pub fn path(self) -> &'static str {
        match self {
            Action::Suspend => "suspend",
            Action::Resume => "resume",
            Action::Reset => "reset",
            Action::Terminate => "terminate",
            Action::Shutdown => "shutdown",
        }
    }
}

/// `POST /druid/indexer/v1/supervisor/{supervisorId}/{suspend|resume|reset|terminate|shutdown}`.
pub async fn act(c: &Cluster, id: &str, action: Action) -> Result<Value, FetchError> {
    send_json(request(
        c,
        &Target::Overlord,
        "POST",
        &one(id, &format!("/{}", action.path())),
    ))
    .await
}

/// `POST /druid/indexer/v1/supervisor/{suspendAll|resumeAll|terminateAll}` (`which` is
/// `suspendAll`, `resumeAll` or `terminateAll`).
pub async fn act_all(c: &Cluster, which: &str) -> Result<Value, FetchError> {
    send_json(request(
        c,
        &Target::Overlord,
        "POST",
        &format!("{SUP}/{which}"),
    ))
    .await
}
