//! `/status*` and leadership answers.

use serde::Deserialize;

/// `GET /status`: what a process runs.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ProcessStatus {
    /// The Druid version, e.g. `26.0.0`.
    #[serde(default)]
    pub version: String,
    /// Loaded extensions.
    #[serde(default)]
    pub modules: Vec<Module>,
    /// JVM memory figures.
    #[serde(default)]
    pub memory: Option<Memory>,
}

/// One loaded module (extension).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Module {
    /// Class name.
    #[serde(default)]
    pub name: String,
    /// Maven artifact.
    #[serde(default)]
    pub artifact: Option<String>,
    /// Its version.
    #[serde(default)]
    pub version: Option<String>,
}

/// JVM memory of a process, in bytes.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Memory {
    /// Maximum heap.
    #[serde(default, deserialize_with = "crate::net::lenient::opt_int")]
    pub max_memory: Option<i64>,
    /// Heap reserved.
    #[serde(default, deserialize_with = "crate::net::lenient::opt_int")]
    pub total_memory: Option<i64>,
    /// Heap free.
    #[serde(default, deserialize_with = "crate::net::lenient::opt_int")]
    pub free_memory: Option<i64>,
    /// Heap used.
    #[serde(default, deserialize_with = "crate::net::lenient::opt_int")]
    pub used_memory: Option<i64>,
    /// Direct memory limit.
    #[serde(default, deserialize_with = "crate::net::lenient::opt_int")]
    pub direct_memory: Option<i64>,
}

/// `GET /status/selfDiscovered/status`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelfDiscovered {
    /// Whether the process sees itself in service discovery.
    #[serde(default)]
    pub self_discovered: bool,
}

/// `GET .../isLeader`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct IsLeader {
    /// Whether the asked process leads.
    #[serde(default)]
    pub leader: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_recorded_status_answers() {
        let s: ProcessStatus = serde_json::from_str(include_str!("../fixtures/status.json")).unwrap();
        assert_eq!(s.version, "26.0.0");
        assert!(s.modules.len() > 3);
        let d: SelfDiscovered =
            serde_json::from_str(include_str!("../fixtures/status-selfDiscovered-status.json")).unwrap();
        assert!(d.self_discovered);
        // Memory figures may come as floats (the simulator's do, like some JVMs' JSON writers).
        let m: ProcessStatus = serde_json::from_str(
            r#"{"version":"31.0.1","memory":{"maxMemory":268435456,"freeMemory":128107593.0}}"#,
        )
        .unwrap();
        assert_eq!(m.memory.and_then(|m| m.free_memory), Some(128_107_593));
        let l: IsLeader =
            serde_json::from_str(include_str!("../fixtures/coordinator-isLeader.json")).unwrap();
        assert!(l.leader);
    }
}
