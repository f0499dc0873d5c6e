//! `make bench`, the start-up part: cold loads of the release bundle, each in a new browser with a
//! fresh profile, measured against a baseline in the same run.
//!
//! - **Start-up**: the home page and a deep link into each system, from navigation start to the
//!   first row of data in the DOM (`tbody tr[data-row]`, or `tr[data-node]` in Databend meta's
//!   node table), against a plain page
//!   (`bench/first-row.html`) that fetches the same answers the console fetched before that row
//!   (found by a first load of each, all at once) and draws one row: the floor for showing that
//!   data. Also the bytes each cold load transfers, against the home page's.
//! - **Against Flink's own dashboard** (the anchor): the Flink overview until it shows a running
//!   job's name, the bytes and requests of the first load and the memory in use after it.
//!
//! Prints its rows and writes them for `bench_report` ([`switchboard_e2e::report`]). Run through
//! `scripts/e2e.sh` with `E2E_BENCH=1` (needs the real Flink cluster with the demo job).
//! `BENCH_RUNS` sets the cold loads per page (default 5; the anchor takes 7).

use serde_json::{json, Value};
use std::time::Duration;
use switchboard_e2e::report::{emit, Row};
use switchboard_e2e::wait::eventually_within;
use switchboard_e2e::{Browser, Setup};

/// Loads per app of the anchor.
const ANCHOR_SAMPLES: usize = 7;

/// What the anchor's first useful view shows: the name of the test job.
const NEEDLE: &str = "Switchboard Test Job";

/// The first row of data of a console view: a row of the shared table, or of the Databend meta
/// cluster view's node table (a table of its own, rows marked `data-node`).
const FIRST_ROW: &str = "document.querySelector('tbody tr[data-row], tbody tr[data-node]')";

/// Installed before any page script: records when `ready` (a JavaScript expression) first holds,
/// and keeps the WebAssembly exports that trunk's start event hands over.
fn ready_probe(ready: &str) -> String {
    format!(
        "(() => {{
            const seen = () => {{
                if (window.__sbReady === undefined && document.body && ({ready})) {{
                    window.__sbReady = performance.now();
                }}
            }};
            addEventListener('TrunkApplicationStarted', (e) => {{ window.__sbWasm = e.detail.wasm; }});
            new MutationObserver(seen).observe(document, {{ subtree: true, childList: true, characterData: true }});
        }})();"
    )
}

/// Reads the figures of a loaded page once it is ready: the time, the bytes, and the fetches
/// that had answered by then (path and query, in the order they started).
const READ_FIGURES: &str = "
    const res = performance.getEntriesByType('resource');
    const nav = performance.getEntriesByType('navigation')[0] || {};
    const sum = (k) => res.reduce((a, r) => a + (r[k] || 0), 0) + (nav[k] || 0);
    const ready = window.__sbReady;
    const fetches = res.filter(r => r.initiatorType === 'fetch' && ready !== undefined && r.responseEnd <= ready)
        .sort((a, b) => a.startTime - b.startTime)
        .map(r => { const u = new URL(r.name); return u.pathname + u.search; });
    return {
        ready,
        transferred: sum('transferSize'),
        decoded: sum('decodedBodySize'),
        requests: res.length + 1,
        fetches,
    };";

/// The size of the page's WebAssembly memory (trunk's start event hands over the exports).
const WASM_MEMORY: &str = "const m = window.__sbWasm && window.__sbWasm.memory;
    return m ? m.buffer.byteLength : 0;";

/// One cold load's figures.
#[derive(Clone, Debug, Default)]
struct Sample {
    ready_ms: f64,
    transferred: f64,
    decoded: f64,
    requests: f64,
    heap: f64,
    fetches: Vec<String>,
}

async fn sample(setup: &Setup, url: &str, ready: &str, memory: bool) -> Sample {
    let b = Browser::start(setup).await;
    b.cdp("Page.enable", json!({})).await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": ready_probe(ready) }),
    )
    .await;
    b.open(url).await;
    let figures: Value = eventually_within(
        &format!("{url} to be ready ({ready})"),
        Duration::from_secs(60),
        async |last| {
            let v = b.js(READ_FIGURES, vec![]).await;
            *last = v.to_string();
            v["ready"].as_f64().map(|_| v)
        },
    )
    .await;
    let mut heap = f64::NAN;
    if memory {
        // Memory settles after the first view; read it a moment later: the JavaScript heap plus
        // the WebAssembly memory, if the app has one.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let usage = b.cdp("Runtime.getHeapUsage", json!({})).await;
        let wasm = b.js(WASM_MEMORY, vec![]).await.as_f64().unwrap_or(0.0);
        heap = usage["usedSize"].as_f64().unwrap_or(0.0) + wasm;
    }
    b.quit().await;
    let f = |k: &str| figures[k].as_f64().unwrap_or(f64::NAN);
    Sample {
        ready_ms: f("ready"),
        transferred: f("transferred"),
        decoded: f("decoded"),
        requests: f("requests"),
        heap,
        fetches: figures["fetches"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn runs() -> usize {
    std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(5)
}

/// The baseline page for a view whose first row needed `fetches`.
fn first_row_url(setup: &Setup, fetches: &[String]) -> String {
    let q: Vec<String> = fetches
        .iter()
        .map(|f| format!("u={}", switchboard_e2e::app::encode_query_value(f)))
        .collect();
    setup.app(&format!("/bench/first-row.html?{}", q.join("&")))
}

async fn startup(setup: &Setup) -> Vec<Row> {
    let dir = setup.tmp.join("dist").join("bench");
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    for (name, text) in [
        (
            "first-row.html",
            include_str!("../../../bench/first-row.html"),
        ),
        ("first-row.js", include_str!("../../../bench/first-row.js")),
    ] {
        std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("cannot write {name}: {e}"));
    }
    let pages = [
        ("home", "/"),
        ("Flink overview", "/flink/demo-flink/"),
        ("Druid datasources", "/druid/demo-druid/datasources"),
        ("CockroachDB nodes", "/cockroach/demo-cockroach/"),
        ("StarRocks cluster", "/starrocks/demo-starrocks/"),
        ("Databend meta cluster", "/databend-meta/demo-meta/"),
    ];
    // A first load of each finds the answers its first row needs (and warms the servers).
    let mut baselines = Vec::new();
    for (_, path) in pages {
        let s = sample(setup, &setup.app(path), FIRST_ROW, false).await;
        baselines.push(first_row_url(setup, &s.fetches));
    }
    let n = runs();
    let mut ours: Vec<Vec<Sample>> = vec![Vec::new(); pages.len()];
    let mut base: Vec<Vec<Sample>> = vec![Vec::new(); pages.len()];
    // Interleaved, so that a slow moment of the machine hits both alike.
    for _ in 0..n {
        for (i, (_, path)) in pages.iter().enumerate() {
            ours[i].push(sample(setup, &setup.app(path), FIRST_ROW, false).await);
            base[i].push(sample(setup, &baselines[i], FIRST_ROW, false).await);
        }
    }
    let mut rows = Vec::new();
    for (i, (name, _)) in pages.iter().enumerate() {
        rows.push(Row::compare(
            &format!("start-up: {name}, first row (ms)"),
            "plain page, same answers",
            base[i].iter().map(|s| s.ready_ms).collect(),
            ours[i].iter().map(|s| s.ready_ms).collect(),
            0,
        ));
    }
    for (i, (name, _)) in pages.iter().enumerate().skip(1) {
        rows.push(Row::compare(
            &format!("start-up: {name}, bytes transferred"),
            "home page",
            ours[0].iter().map(|s| s.transferred).collect(),
            ours[i].iter().map(|s| s.transferred).collect(),
            0,
        ));
    }
    rows
}

async fn anchor(setup: &Setup) -> Vec<Row> {
    let ready = format!("document.body.innerText.includes({NEEDLE:?})");
    let apps = [
        format!("{}/#/overview", setup.flink_url),
        setup.app("/flink/demo-flink/"),
    ];
    let mut results: Vec<Vec<Sample>> = vec![Vec::new(), Vec::new()];
    // Interleaved, so that a slow moment of the machine hits both apps alike.
    for _ in 0..ANCHOR_SAMPLES {
        for (i, url) in apps.iter().enumerate() {
            results[i].push(sample(setup, url, &ready, true).await);
        }
    }
    type Metric = (&'static str, fn(&Sample) -> f64);
    let metrics: [Metric; 5] = [
        ("Flink overview: first view (ms)", |s| s.ready_ms),
        ("Flink overview: bytes transferred", |s| s.transferred),
        ("Flink overview: bytes decoded", |s| s.decoded),
        ("Flink overview: requests", |s| s.requests),
        ("Flink overview: memory used (bytes)", |s| s.heap),
    ];
    metrics
        .iter()
        .map(|(name, get)| {
            Row::compare(
                name,
                "Flink's own dashboard",
                results[0].iter().map(get).collect(),
                results[1].iter().map(get).collect(),
                0,
            )
        })
        .collect()
}

fn main() {
    let setup = Setup::from_env();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("cannot start a tokio runtime: {e}"));
    runtime.block_on(async {
        let rows = startup(&setup).await;
        emit("startup", &rows);
        let rows = anchor(&setup).await;
        emit("anchor", &rows);
    });
}
