//! Uploaded jars: list, upload, plan and run.

use serde::{Deserialize, Serialize};

/// `GET /jars`: jars uploaded through `POST /jars/upload`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct JarList {
    /// Address of the web server.
    pub address: String,
    /// Uploaded jars.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub files: Vec<JarFile>,
}

/// An uploaded jar in `GET /jars`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct JarFile {
    /// Jar id used by `/jars/:jarid/...`: the stored file name ("<uuid>_<name>.jar").
    pub id: String,
    /// Original file name.
    pub name: String,
    /// Upload time, epoch ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub uploaded: i64,
    /// Entry classes found in the manifest.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub entry: Vec<JarEntry>,
}

/// An entry class of a [`JarFile`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct JarEntry {
    /// Fully qualified class name.
    pub name: String,
    /// Description (usually null).
    pub description: Option<String>,
}

/// `POST /jars/upload` (multipart, field `jarfile`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct JarUploadResponse {
    /// Server path of the stored jar; its last segment is the jar id.
    pub filename: String,
    /// "success".
    pub status: String,
}

impl JarUploadResponse {
    /// The jar id: the last path segment of `filename`.
    pub fn jar_id(&self) -> &str {
        self.filename.rsplit('/').next().unwrap_or(&self.filename)
    }
}

/// `POST /jars/:jarid/run`: the submitted job.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct JarRunResponse {
    /// Id of the new job.
    pub jobid: String,
    /// Id of the new application (2.3+).
    #[serde(rename = "applicationId")]
    pub application_id: Option<String>,
}

/// Body of `POST /jars/:jarid/run` and `POST /jars/:jarid/plan`. Unset fields are left out so
/// the cluster's defaults apply. (`programArgs`, one string, is deprecated: use the list.)
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JarRunRequest {
    /// Entry class, overriding the manifest.
    #[serde(rename = "entryClass", skip_serializing_if = "Option::is_none")]
    pub entry_class: Option<String>,
    /// Program arguments, one per element.
    #[serde(rename = "programArgsList", skip_serializing_if = "Vec::is_empty")]
    pub program_args_list: Vec<String>,
    /// Job parallelism.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallelism: Option<u32>,
    /// Fixed job id (32 hex characters).
    #[serde(rename = "jobId", skip_serializing_if = "Option::is_none")]
    pub job_id: Option<String>,
    /// Savepoint to restore from (run only).
    #[serde(rename = "savepointPath", skip_serializing_if = "Option::is_none")]
    pub savepoint_path: Option<String>,
    /// Whether state that maps to no operator may be skipped (run only).
    #[serde(
        rename = "allowNonRestoredState",
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_non_restored_state: Option<bool>,
    /// "NO_CLAIM", "CLAIM" or "LEGACY" (run only, 1.15+).
    #[serde(rename = "restoreMode", skip_serializing_if = "Option::is_none")]
    pub restore_mode: Option<String>,
}
