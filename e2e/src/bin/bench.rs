//! `make bench`: the console against Flink's own web dashboard, measured in the same run, on the
//! same machine, in the same headless Chromium, against the same cluster with a running job.
//!
//! Each sample is a cold load in a new browser profile. For each app it measures how long the
//! first useful view takes (from navigation start until the page shows a running job's name),
//! how many bytes the first load transfers and decodes, and the memory in use after it (the
//! JavaScript heap plus the WebAssembly memory).
//! It prints the medians and Switchboard's figure as a ratio of Flink's (below 1: Switchboard
//! is faster or smaller). Run through `scripts/e2e.sh` (with `E2E_BENCH=1`), which starts the
//! services and passes their addresses.

use serde_json::{json, Value};
use std::time::Duration;
use switchboard_e2e::wait::eventually_within;
use switchboard_e2e::{Browser, Setup};

/// Loads per app.
const SAMPLES: usize = 7;

/// What the first useful view shows: the name of the test job.
const NEEDLE: &str = "Switchboard Test Job";

/// Installed before any page script: records when the page first shows the needle.
fn ready_probe() -> String {
    format!(
        "(() => {{
            const seen = () => {{
                if (window.__sbReady === undefined && document.body && document.body.innerText.includes({needle:?})) {{
                    window.__sbReady = performance.now();
                }}
            }};
            addEventListener('TrunkApplicationStarted', (e) => {{ window.__sbWasm = e.detail.wasm; }});
            new MutationObserver(seen).observe(document, {{ subtree: true, childList: true, characterData: true }});
        }})();",
        needle = NEEDLE
    )
}

/// Reads the figures of a loaded page once it shows the needle.
const READ_FIGURES: &str = "
    const res = performance.getEntriesByType('resource');
    const nav = performance.getEntriesByType('navigation')[0] || {};
    const sum = (k) => res.reduce((a, r) => a + (r[k] || 0), 0) + (nav[k] || 0);
    return {
        ready: window.__sbReady,
        transferred: sum('transferSize'),
        decoded: sum('decodedBodySize'),
        requests: res.length + 1,
    };";

/// The size of the page's WebAssembly memory (trunk's start event hands over the exports).
const WASM_MEMORY: &str = "const m = window.__sbWasm && window.__sbWasm.memory;
    return m ? m.buffer.byteLength : 0;";

/// One cold load's figures.
#[derive(Clone, Copy, Debug, Default)]
struct Sample {
    ready_ms: f64,
    transferred: f64,
    decoded: f64,
    requests: f64,
    heap: f64,
}

async fn sample(setup: &Setup, url: &str) -> Sample {
    let b = Browser::start(setup).await;
    b.cdp("Page.enable", json!({})).await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": ready_probe() }),
    )
    .await;
    b.open(url).await;
    let figures: Value = eventually_within(
        &format!("{url} to show '{NEEDLE}'"),
        Duration::from_secs(60),
        async |last| {
            let v = b.js(READ_FIGURES, vec![]).await;
            *last = v.to_string();
            v["ready"].as_f64().map(|_| v)
        },
    )
    .await;
    // Memory settles after the first view; read it a moment later: the JavaScript heap plus
    // the WebAssembly memory, if the app has one.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let usage = b.cdp("Runtime.getHeapUsage", json!({})).await;
    let wasm = b.js(WASM_MEMORY, vec![]).await.as_f64().unwrap_or(0.0);
    let heap = usage["usedSize"].as_f64().unwrap_or(0.0) + wasm;
    b.quit().await;
    let f = |k: &str| figures[k].as_f64().unwrap_or(0.0);
    Sample {
        ready_ms: f("ready"),
        transferred: f("transferred"),
        decoded: f("decoded"),
        requests: f("requests"),
        heap,
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

fn main() {
    let setup = Setup::from_env();
    let apps = [
        ("Flink dashboard", format!("{}/#/overview", setup.flink_url)),
        ("Switchboard", setup.app("/flink/demo-flink/")),
    ];
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("cannot start a tokio runtime: {e}"));
    let mut results: Vec<Vec<Sample>> = vec![Vec::new(), Vec::new()];
    runtime.block_on(async {
        // Interleaved, so that a slow moment of the machine hits both apps alike.
        for _ in 0..SAMPLES {
            for (i, (_, url)) in apps.iter().enumerate() {
                results[i].push(sample(&setup, url).await);
            }
        }
    });
    type Metric = (&'static str, fn(&Sample) -> f64, fn(f64) -> String);
    let metrics: [Metric; 5] = [
        (
            "first useful view (ms)",
            |s| s.ready_ms,
            |v| format!("{v:.0}"),
        ),
        (
            "bytes transferred",
            |s| s.transferred,
            |v| format!("{v:.0}"),
        ),
        ("bytes decoded", |s| s.decoded, |v| format!("{v:.0}")),
        ("requests", |s| s.requests, |v| format!("{v:.0}")),
        ("memory used (bytes)", |s| s.heap, |v| format!("{v:.0}")),
    ];
    println!(
        "Cold loads of the Flink overview, median of {SAMPLES} each (ratio = Switchboard / Flink dashboard)"
    );
    println!(
        "{:<26} {:>16} {:>16} {:>8}",
        "", apps[0].0, apps[1].0, "ratio"
    );
    for (name, get, show) in metrics {
        let flink = median(results[0].iter().map(get).collect());
        let ours = median(results[1].iter().map(get).collect());
        println!(
            "{name:<26} {:>16} {:>16} {:>8.2}",
            show(flink),
            show(ours),
            ours / flink
        );
    }
}
