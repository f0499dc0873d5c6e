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

/// Reads a health body the way `system` writes it: `(tone, text)`.
pub fn judge(system: System, body: &str) -> (Tone, String) {
    let body = body.trim();
    match system {
        System::Druid if body != "true" => (Tone::Bad, format!("unhealthy: {}", short(body))),
        System::StarRocks => {
            let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
            let status = v["status"].as_str().unwrap_or_default();
            let online = v["online_backend_num"].as_u64();
            let total = v["total_backend_num"].as_u64();
            match (status, online, total) {
                ("OK", Some(o), Some(t)) if o < t => (Tone::Warn, format!("{o}/{t} BE online")),
                ("OK", Some(o), Some(t)) => (Tone::Ok, format!("healthy · {o}/{t} BE")),
                ("OK", _, _) => (Tone::Ok, "healthy".into()),
                (s, _, _) => (
                    Tone::Bad,
                    format!("unhealthy: {}", short(if s.is_empty() { body } else { s })),
                ),
            }
        }
        System::DatabendMeta => {
            let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
            match v["status"].as_str() {
                Some("pass") | None => (Tone::Ok, "healthy".into()),
                Some(s) => (Tone::Bad, format!("unhealthy: {}", short(s))),
            }
        }
        _ => (Tone::Ok, "healthy".into()),
    }
}

fn short(s: &str) -> String {
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

    #[test]
    fn reads_each_systems_health_answer() {
        assert_eq!(judge(System::Druid, "true\n").0, Tone::Ok);
        assert_eq!(judge(System::Druid, "false").0, Tone::Bad);
        let sr = r#"{"online_backend_num":2,"total_backend_num":3,"status":"OK","msg":"Success"}"#;
        assert_eq!(
            judge(System::StarRocks, sr),
            (Tone::Warn, "2/3 BE online".into())
        );
        assert_eq!(
            judge(System::StarRocks, r#"{"status":"FAILED","msg":"x"}"#).0,
            Tone::Bad
        );
        assert_eq!(
            judge(System::DatabendMeta, r#"{"status":"pass"}"#).0,
            Tone::Ok
        );
        assert_eq!(judge(System::Cockroach, "{}").0, Tone::Ok);
    }
}
