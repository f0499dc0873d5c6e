//! The health badge of a cluster: one call to the system's health endpoint, read the way that
//! system answers it.

use super::def;
use crate::cluster::endpoint::{base_path, target_url};
use crate::cluster::{Cluster, System};
use crate::net::request::now_ms;
use crate::net::{ApiRequest, FetchError};
use crate::ui::Tone;

/// The outcome of a health check.
#[derive(Clone, Debug, PartialEq)]
pub struct Health {
    /// Badge colour.
    pub tone: Tone,
    /// Badge text.
    pub text: String,
    /// Round trip in milliseconds.
    pub latency_ms: f64,
    /// The failure, if the call failed.
    pub error: Option<FetchError>,
}

/// Reads a health body the way `system` writes it (its descriptor's reader): `(tone, text)`.
pub fn judge(system: System, body: &str) -> (Tone, String) {
    (def(system).judge_health)(body)
}

/// The first 60 characters of `s`, for a badge.
pub fn excerpt(s: &str) -> String {
    s.chars().take(60).collect()
}

/// Calls the health endpoint of `cluster`.
pub async fn check(cluster: &Cluster) -> Health {
    let probe = &def(cluster.system).health;
    let started = now_ms();
    let url = match target_url(cluster, probe.target, probe.path, &base_path()) {
        Ok(u) => u,
        Err(e) => {
            return Health {
                tone: Tone::Bad,
                text: e,
                latency_ms: 0.0,
                error: None,
            }
        }
    };
    let result = crate::net::auth::for_cluster(ApiRequest::get(url), cluster)
        .timeout(10_000)
        .text()
        .await;
    let latency_ms = now_ms() - started;
    match result {
        Ok(body) => {
            let (tone, text) = judge(cluster.system, &body);
            Health {
                tone,
                text,
                latency_ms,
                error: None,
            }
        }
        Err(e) => Health {
            tone: Tone::Bad,
            text: e.error.title().to_lowercase(),
            latency_ms,
            error: Some(e),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::find;

    fn judged(id: &str, body: &str) -> (Tone, String) {
        judge(find(id).unwrap(), body)
    }

    #[test]
    fn reads_each_systems_health_answer() {
        assert_eq!(judged("druid", "true\n").0, Tone::Ok);
        assert_eq!(judged("druid", "false").0, Tone::Bad);
        let sr = r#"{"online_backend_num":2,"total_backend_num":3,"status":"OK","msg":"Success"}"#;
        assert_eq!(
            judged("starrocks", sr),
            (Tone::Warn, "2/3 BE online".into())
        );
        assert_eq!(
            judged("starrocks", r#"{"status":"FAILED","msg":"x"}"#).0,
            Tone::Bad
        );
        assert_eq!(judged("databend-meta", r#"{"status":"pass"}"#).0, Tone::Ok);
        assert_eq!(judged("databend-meta", r#"{"status":"fail"}"#).0, Tone::Bad);
        assert_eq!(judged("cockroach", "{}").0, Tone::Ok);
        assert_eq!(judged("flink", "{}").0, Tone::Ok);
    }
}
