//! `make bench`, the graph-layout and polling parts. Needs the bench build of the console
//! (`trunk build --features bench`: its `/_bench/dag` page, and refresh intervals in
//! milliseconds) and the real Flink cluster with the demo job; run through `scripts/e2e.sh` with
//! `E2E_BENCH=perf`.
//!
//! - **Graph layout**: job graphs of 20, 200 and 1,000 vertices laid out and drawn by the console's
//!   DAG (`src/ui/dag`, page `/_bench/dag?n=..&impl=ours`) against dagre laying out the same graph
//!   and drawing it as plain SVG (`bench/dag.js`, `impl=dagre`), each in a new browser, interleaved,
//!   `BENCH_RUNS` times (default 5): the cold layout and drawing, and the layout alone (warm, the
//!   fastest of three).
//! - **Polling soak**: auto-refresh every 100 ms (the same code as 1 s, ten times as often) on the
//!   Flink job graph and on the Druid tasks view for `BENCH_SOAK_SECS` seconds each (default 90;
//!   600 is "10 minutes at 100 ms", about an hour at 1 s): the JavaScript heap and the WebAssembly
//!   memory after a garbage collection at the start and at the end (goal: growth under 5 MB); then
//!   the requests started while the tab is hidden (a second tab in front) against the same time
//!   visible; then, with 400 ms of added network latency, the requests in flight when the view
//!   changes (a click on a link to another view): how many were aborted, and how many still
//!   completed after the change.

use serde_json::{json, Value};
use std::time::Duration;
use switchboard_e2e::report::{emit, Row};
use switchboard_e2e::wait::eventually_within;
use switchboard_e2e::{Browser, Setup};

/// Graph sizes.
const SIZES: [usize; 3] = [20, 200, 1000];
/// The memory growth goal of the soak, in bytes.
const GROWTH_GOAL: f64 = 5.0 * 1024.0 * 1024.0;
/// Seconds of each of the hidden and visible windows.
const WINDOW_SECS: u64 = 5;

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

/// Copies the graph-layout baseline into the served bundle: dagre (from the tools folder where
/// `scripts/setup.sh bench` installed it) and `bench/dag.js`.
fn write_dag_files(setup: &Setup) {
    let dir = setup.tmp.join("dist").join("bench");
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let tools = std::env::var("SWITCHBOARD_TOOLS")
        .unwrap_or_else(|_| panic!("SWITCHBOARD_TOOLS is not set (. scripts/env.sh)"));
    let dagre = std::path::Path::new(&tools).join("node_modules/@dagrejs/dagre/dist/dagre.min.js");
    std::fs::copy(&dagre, dir.join("dagre.min.js")).unwrap_or_else(|e| {
        panic!(
            "cannot copy {} (scripts/setup.sh bench installs it): {e}",
            dagre.display()
        )
    });
    std::fs::write(dir.join("dag.js"), include_str!("../../../bench/dag.js"))
        .unwrap_or_else(|e| panic!("cannot write dag.js: {e}"));
}

/// One load of the graph page: (draw ms, layout ms).
async fn dag_sample(setup: &Setup, n: usize, which: &str) -> (f64, f64) {
    let b = Browser::start(setup).await;
    let url = setup.app(&format!("/_bench/dag?n={n}&impl={which}"));
    b.open(&url).await;
    let v: Value = eventually_within(
        &format!("{url} to lay out the graph"),
        Duration::from_secs(120),
        async |last| {
            let v = b.js("return window.__benchDag || null", vec![]).await;
            *last = v.to_string();
            (!v.is_null()).then_some(v)
        },
    )
    .await;
    b.quit().await;
    assert_eq!(
        v["drawn"].as_f64(),
        Some(n as f64),
        "{url}: not every vertex was drawn: {v}"
    );
    let f = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    (f("draw"), f("layout"))
}

async fn dag(setup: &Setup) -> Vec<Row> {
    write_dag_files(setup);
    let runs = env_num("BENCH_RUNS", 5) as usize;
    let mut rows = Vec::new();
    for n in SIZES {
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            ours.push(dag_sample(setup, n, "ours").await);
            theirs.push(dag_sample(setup, n, "dagre").await);
        }
        let digits = if n < 100 { 1 } else { 0 };
        rows.push(Row::compare(
            &format!("graph {n} vertices: layout+draw (ms)"),
            "dagre + plain SVG",
            theirs.iter().map(|s| s.0).collect(),
            ours.iter().map(|s| s.0).collect(),
            digits,
        ));
        rows.push(Row::compare(
            &format!("graph {n} vertices: layout only (ms)"),
            "dagre",
            theirs.iter().map(|s| s.1).collect(),
            ours.iter().map(|s| s.1).collect(),
            digits,
        ));
    }
    rows
}

/// Installed before the page's scripts: keeps the WebAssembly exports, counts the page's fetches
/// (started, answered, aborted, failed; those in flight by id), notes each change of the tab's
/// visibility with the fetches started by then, and, once `__req.mark` is set, what became of the
/// fetches in flight at that moment.
const SOAK_PROBE: &str = "(() => {
  addEventListener('TrunkApplicationStarted', (e) => { window.__sbWasm = e.detail.wasm; });
  const R = window.__req = { id: 0, started: 0, ok: 0, aborted: 0, failed: 0, live: new Set(),
    mark: null, after: { ok: 0, aborted: 0, failed: 0 }, vis: [], urls: new Map() };
  const fin = (id, kind) => {
    if (!R.live.delete(id)) return;
    R[kind]++;
    if (R.mark !== null && R.mark.has(id)) R.after[kind]++;
  };
  const fetch0 = window.fetch;
  window.fetch = function (input, init) {
    // The console's code itself (the module and its chunks, compiled as they stream in) is no
    // request of a view.
    const url = String((input && input.url) || input);
    if (/[.](wasm|js)([?#]|$)/.test(url)) return fetch0.call(this, input, init);
    const id = ++R.id;
    R.started++; R.live.add(id);
    R.urls.set(id, url);
    const signal = (init && init.signal) || (input && input.signal);
    if (signal) signal.addEventListener('abort', () => fin(id, 'aborted'), { once: true });
    const p = fetch0.call(this, input, init);
    p.then((r) => { r.__sbId = id; }, () => fin(id, signal && signal.aborted ? 'aborted' : 'failed'));
    return p;
  };
  for (const read of ['text', 'arrayBuffer']) {
    const read0 = Response.prototype[read];
    Response.prototype[read] = function () {
      const id = this.__sbId, p = read0.call(this);
      if (id) p.then(() => fin(id, 'ok'), () => fin(id, 'failed'));
      return p;
    };
  }
  document.addEventListener('visibilitychange', () =>
    R.vis.push({ state: document.visibilityState, started: R.started }));
  window.__setHidden = (hidden) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  };
})();";

/// The counters of the probe.
const COUNTS: &str = "const R = window.__req;
  return { started: R.started, ok: R.ok, aborted: R.aborted, failed: R.failed, live: R.live.size,
    after: R.after, vis: R.vis, mark: R.mark ? R.mark.size : null,
    pending: R.mark ? [...R.mark].filter((id) => R.live.has(id)).map((id) => R.urls.get(id)) : [] };";

/// (JavaScript heap used, WebAssembly memory) in bytes, after a garbage collection.
async fn memory(b: &Browser) -> (f64, f64) {
    b.cdp("HeapProfiler.collectGarbage", json!({})).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    b.cdp("HeapProfiler.collectGarbage", json!({})).await;
    let usage = b.cdp("Runtime.getHeapUsage", json!({})).await;
    let wasm = b
        .js(
            "const m = window.__sbWasm && window.__sbWasm.memory; return m ? m.buffer.byteLength : null",
            vec![],
        )
        .await;
    (
        usage["usedSize"].as_f64().unwrap_or(f64::NAN),
        wasm.as_f64().unwrap_or(f64::NAN),
    )
}

async fn counts(b: &Browser) -> Value {
    b.js(COUNTS, vec![]).await
}

/// Requests started while the tab was hidden and in the same time visible just before, and
/// whether the tab was really hidden (a second tab in front) rather than emulated.
async fn hidden_tab(b: &Browser) -> (f64, f64, bool) {
    let c0 = counts(b).await;
    tokio::time::sleep(Duration::from_secs(WINDOW_SECS)).await;
    let c1 = counts(b).await;
    let visible = c1["started"].as_f64().unwrap_or(0.0) - c0["started"].as_f64().unwrap_or(0.0);
    // A second tab in front hides this one, as a user switching tabs does.
    let client = b.client();
    let main = client
        .window()
        .await
        .unwrap_or_else(|e| panic!("no current window: {e}"));
    let other = client
        .new_window(true)
        .await
        .unwrap_or_else(|e| panic!("cannot open a second tab: {e}"));
    client
        .switch_to_window(other.handle)
        .await
        .unwrap_or_else(|e| panic!("cannot switch to the second tab: {e}"));
    tokio::time::sleep(Duration::from_secs(WINDOW_SECS)).await;
    let _ = client.close_window().await;
    client
        .switch_to_window(main)
        .await
        .unwrap_or_else(|e| panic!("cannot switch back: {e}"));
    tokio::time::sleep(Duration::from_millis(500)).await;
    let vis = counts(b).await["vis"].clone();
    let events: Vec<&Value> = vis
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let hid = events.iter().position(|e| e["state"] == "hidden");
    if let Some(h) = hid {
        let shown = events[h + 1..].iter().find(|e| e["state"] == "visible");
        if let Some(s) = shown {
            let n = s["started"].as_f64().unwrap_or(f64::NAN)
                - events[h]["started"].as_f64().unwrap_or(f64::NAN);
            return (n, visible, true);
        }
    }
    // This browser does not hide a tab behind another: emulate it (the document says hidden and
    // fires visibilitychange, as the e2e test of polling does).
    b.js("window.__setHidden(true)", vec![]).await;
    let h0 = counts(b).await["started"].as_f64().unwrap_or(0.0);
    tokio::time::sleep(Duration::from_secs(WINDOW_SECS)).await;
    let h1 = counts(b).await["started"].as_f64().unwrap_or(0.0);
    b.js("window.__setHidden(false)", vec![]).await;
    (h1 - h0, visible, false)
}

/// With added latency, clicks the first link whose path ends with `away` while requests are in
/// flight: (in flight at the click, aborted since, completed since).
async fn view_change(b: &Browser, away: &str) -> (f64, f64, f64) {
    b.cdp("Network.enable", json!({})).await;
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 400, "downloadThroughput": -1, "uploadThroughput": -1 }),
    )
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let clicked = b
        .js(
            "return (async () => {
                const R = window.__req;
                const link = [...document.querySelectorAll('a[href]')].find(a => new URL(a.href).pathname.endsWith(arguments[0]));
                if (!link) return 'no link';
                for (let i = 0; i < 100 && R.live.size === 0; i++) await new Promise(r => setTimeout(r, 50));
                R.mark = new Set(R.live);
                link.click();
                return R.mark.size;
            })()",
            vec![json!(away)],
        )
        .await;
    assert!(
        clicked.is_number(),
        "no link to {away} on the page: {clicked}"
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    let c = counts(b).await;
    if c["pending"].as_array().is_some_and(|p| !p.is_empty()) {
        eprintln!(
            "view change to {away}: requests neither answered nor aborted 3 s after it: {}",
            c["pending"]
        );
    }
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
    )
    .await;
    let f = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    (
        f(&c["mark"]),
        f(&c["after"]["aborted"]),
        f(&c["after"]["ok"]) + f(&c["after"]["failed"]),
    )
}

/// One soak: (heap growth, wasm growth, requests in the soak, hidden, visible, really hidden,
/// in flight at the change, aborted, completed after).
#[derive(Debug)]
struct Soak {
    heap: (f64, f64),
    wasm: (f64, f64),
    requests: f64,
    hidden: f64,
    visible: f64,
    real_hide: bool,
    in_flight: f64,
    aborted: f64,
    completed_after: f64,
}

async fn soak(setup: &Setup, path: &str, ready: &str, away: &str, secs: u64) -> Soak {
    let b = Browser::start(setup).await;
    b.cdp("Page.enable", json!({})).await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": SOAK_PROBE }),
    )
    .await;
    b.open(&setup.app(path)).await;
    b.wait_for(ready).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (h0, w0) = memory(&b).await;
    let r0 = counts(&b).await["started"].as_f64().unwrap_or(0.0);
    eprintln!("bench: soak of {path} for {secs} s");
    tokio::time::sleep(Duration::from_secs(secs)).await;
    let (h1, w1) = memory(&b).await;
    let r1 = counts(&b).await["started"].as_f64().unwrap_or(0.0);
    let (hidden, visible, real_hide) = hidden_tab(&b).await;
    let (in_flight, aborted, completed_after) = view_change(&b, away).await;
    b.quit().await;
    let s = Soak {
        heap: (h0, h1),
        wasm: (w0, w1),
        requests: r1 - r0,
        hidden,
        visible,
        real_hide,
        in_flight,
        aborted,
        completed_after,
    };
    eprintln!("bench: {path}: {s:?}");
    s
}

fn soak_rows(name: &str, secs: u64, s: &Soak) -> Vec<Row> {
    let mb = |v: f64| v / (1024.0 * 1024.0);
    let one = |figure: String, baseline: &str, base: String, ours: String, ratio: f64| Row {
        figure,
        baseline: baseline.into(),
        base,
        ours,
        ratio,
    };
    let hide = if s.real_hide {
        "tab behind another"
    } else {
        "hidden (emulated)"
    };
    vec![
        one(
            format!("soak {name}: JS heap growth (MB)"),
            "goal",
            format!("{:.1}", mb(GROWTH_GOAL)),
            format!(
                "{:.2} ({:.1}->{:.1})",
                mb(s.heap.1 - s.heap.0),
                mb(s.heap.0),
                mb(s.heap.1)
            ),
            (s.heap.1 - s.heap.0) / GROWTH_GOAL,
        ),
        one(
            format!("soak {name}: wasm memory growth (MB)"),
            "goal",
            format!("{:.1}", mb(GROWTH_GOAL)),
            format!(
                "{:.2} ({:.1}->{:.1})",
                mb(s.wasm.1 - s.wasm.0),
                mb(s.wasm.0),
                mb(s.wasm.1)
            ),
            (s.wasm.1 - s.wasm.0) / GROWTH_GOAL,
        ),
        one(
            format!("soak {name}: requests in {secs} s"),
            "ticks at 100 ms",
            format!("{}", secs * 10),
            format!("{:.0}", s.requests),
            s.requests / (secs * 10) as f64,
        ),
        one(
            format!("soak {name}: requests, {WINDOW_SECS} s {hide}"),
            &format!("{WINDOW_SECS} s visible"),
            format!("{:.0}", s.visible),
            format!("{:.0}", s.hidden),
            s.hidden / s.visible,
        ),
        one(
            format!("soak {name}: aborted at view change"),
            "in flight at the change",
            format!("{:.0}", s.in_flight),
            format!("{:.0}", s.aborted),
            s.aborted / s.in_flight,
        ),
        one(
            format!("soak {name}: completed after change"),
            "in flight at the change",
            format!("{:.0}", s.in_flight),
            format!("{:.0}", s.completed_after),
            s.completed_after / s.in_flight,
        ),
    ]
}

fn main() {
    let setup = Setup::from_env();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("cannot start a tokio runtime: {e}"));
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    runtime.block_on(async {
        if only.is_empty() || only == "dag" {
            let rows = dag(&setup).await;
            emit("dag", &rows);
        }
        if only.is_empty() || only == "soak" {
            let secs = env_num("BENCH_SOAK_SECS", 90);
            let jid = switchboard_e2e::flink::live_jobs_named(&setup, "Switchboard Test Job")
                .into_iter()
                .next()
                .unwrap_or_else(|| {
                    panic!("no running Flink job to soak (scripts/flink-demo-job.sh)")
                });
            let flink = soak(
                &setup,
                &format!("/flink/demo-flink/jobs/{jid}/graph?refresh=100ms"),
                "[data-node-id]",
                "/taskmanagers",
                secs,
            )
            .await;
            let druid = soak(
                &setup,
                "/druid/demo-druid/tasks?refresh=100ms",
                "[data-table] tbody tr[data-row]",
                "/datasources",
                secs,
            )
            .await;
            let mut rows = soak_rows("Flink job graph", secs, &flink);
            rows.extend(soak_rows("Druid tasks", secs, &druid));
            emit("soak", &rows);
        }
    });
}
