//! Job manager: configuration and JVM environment (cluster-wide or per job).

use serde::Deserialize;

/// A configuration entry: `GET /jobmanager/config` and `GET /jobs/:jobid/jobmanager/config`
/// answer a JSON array of these. Secret-looking values are masked by Flink ("******").
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ConfigEntry {
    /// Option key, e.g. "taskmanager.numberOfTaskSlots".
    pub key: String,
    /// Value as text.
    pub value: String,
}

/// Finds a key in a configuration listing.
pub fn config_value<'a>(entries: &'a [ConfigEntry], key: &str) -> Option<&'a str> {
    entries
        .iter()
        .find(|e| e.key == key)
        .map(|e| e.value.as_str())
}

/// `GET /jobmanager/environment` and `GET /jobs/:jobid/jobmanager/environment` (1.15+): JVM
/// and class path of the job manager.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct JobManagerEnvironment {
    /// JVM facts.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub jvm: JvmInfo,
    /// Class path entries.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub classpath: Vec<String>,
}

/// `jvm` of [`JobManagerEnvironment`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct JvmInfo {
    /// JVM name and version.
    pub version: String,
    /// CPU architecture.
    pub arch: String,
    /// JVM options.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub options: Vec<String>,
}
