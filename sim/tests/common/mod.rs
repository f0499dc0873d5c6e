//! Test harness: starts a simulator on a free port base and offers a plain HTTP client.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU16, Ordering};
use std::time::Duration;

use serde_json::Value;
use switchboard_sim::{RunningSim, SimConfig};

static NEXT: AtomicU16 = AtomicU16::new(0);

/// Starts a simulator on a port base no other test (or a running demo) uses.
pub async fn start() -> RunningSim {
    start_with(|_| {}).await
}

/// Like [`start`], with a change to the configuration (e.g. the Druid size).
pub async fn start_with(tweak: impl Fn(&mut SimConfig)) -> RunningSim {
    let pid = std::process::id() as u16;
    for attempt in 0..40u16 {
        let slot = (pid
            .wrapping_mul(7)
            .wrapping_add(NEXT.fetch_add(1, Ordering::Relaxed))
            .wrapping_add(attempt * 3))
            % 21;
        let base = 10_000 + slot * 1_000;
        let cfg = SimConfig {
            port_base: base,
            epoch_ms: Some(1_736_935_200_000),
            ..SimConfig::default()
        };
        let mut cfg = cfg;
        tweak(&mut cfg);
        if let Ok(sim) = switchboard_sim::start(cfg).await {
            return sim;
        }
    }
    panic!("no free port base for the simulator");
}

/// A client that does not follow redirects and times out quickly.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// Status, content type and body text of a response.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Answer {
    /// The body parsed as JSON (panics with the body when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    /// A header value as text ("" when absent).
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    }
}

/// Sends a request and collects the answer.
pub async fn send(req: reqwest::RequestBuilder) -> Answer {
    let resp = req.send().await.expect("request failed");
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = resp.text().await.expect("body");
    Answer {
        status,
        content_type,
        headers,
        body,
    }
}

/// GET a URL.
pub async fn get(url: &str) -> Answer {
    send(client().get(url)).await
}

/// Advances the simulated clock through the admin API.
pub async fn advance(sim: &RunningSim, ms: i64) {
    let a = send(
        client()
            .post(format!("{}/_sim/clock/advance", sim.admin_url()))
            .body(format!("{{\"ms\":{ms}}}")),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
}
