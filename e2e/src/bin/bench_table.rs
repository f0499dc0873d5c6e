//! `make bench`, the table part: the console's shared table against a plain hand-written JS table
//! (`bench/table.js`) over the same 100,000 Druid segments, and decoding a 20 MB segments answer
//! into the typed model against the browser's `JSON.parse` of the same text, in the same run.
//!
//! Needs the bench build of the console (`trunk build --features bench`: its `/_bench/` pages) and
//! the simulator at `--druid-scale large`; run through `scripts/e2e.sh` with `E2E_BENCH=table`.
//! Every figure is the median of several cold runs (a new browser each, the two tables
//! interleaved), with min and max, and the console's figure as a ratio of the baseline's.

use serde_json::{json, Value};
use std::time::Duration;
use switchboard_e2e::wait::eventually_within;
use switchboard_e2e::{Browser, Setup};

/// Runs per table.
const RUNS: usize = 5;
/// Rows of the big table.
const ROWS: usize = 100_000;
/// Size of the decoding benchmark's answer.
const DECODE_BYTES: usize = 20 * 1024 * 1024;

/// Installed before any page script: long tasks, and when the first row of a table showed.
const PROBE: &str = "window.__lt = []; window.__ltAll = []; window.__firstRow = null;
new PerformanceObserver(l => { for (const e of l.getEntries()) { window.__lt.push(e.duration); window.__ltAll.push([Math.round(e.startTime), Math.round(e.duration)]); } })
  .observe({ type: 'longtask', buffered: true });
new MutationObserver(() => {
  if (window.__firstRow === null && document.querySelector('tbody tr[data-row]')) window.__firstRow = performance.now();
}).observe(document, { childList: true, subtree: true });";

/// Times `action` (page script) until `done` (an expression) holds, checked every frame.
fn timed(action: &str, done: &str) -> String {
    format!(
        "return (async () => {{
            const first = () => {{ const c = document.querySelector('tbody tr[data-row] td'); return c ? c.textContent : ''; }};
            const before = first(); window.__lt = [];
            const t0 = performance.now();
            {action};
            for (;;) {{
                await new Promise(r => requestAnimationFrame(r));
                if ({done}) break;
                if (performance.now() - t0 > 30000) return null;
            }}
            const ms = performance.now() - t0;
            await new Promise(r => setTimeout(r, 300));
            return {{ ms, block: Math.max(0, ...window.__lt) }};
        }})()"
    )
}

/// Scrolls the table for 240 frames, 400 pixels a frame: frames dropped (a frame longer than
/// 1.5 intervals counts the intervals it missed) and the longest task.
const SCROLL: &str = "return (async () => {
    const s = document.querySelector('tbody').closest('div'); window.__lt = [];
    let last = performance.now(), dropped = 0;
    for (let i = 0; i < 240; i++) {
        s.scrollTop += 400;
        const t = await new Promise(r => requestAnimationFrame(r));
        const d = t - last; last = t;
        if (i > 0 && d > 25) dropped += Math.round(d / 16.7) - 1;
    }
    await new Promise(r => setTimeout(r, 300));
    return { dropped, block: Math.max(0, ...window.__lt) };
})()";

/// One table's figures.
#[derive(Clone, Copy, Debug, Default)]
struct Sample {
    first_rows: f64,
    sort: f64,
    filter: f64,
    dropped: f64,
    block: f64,
}

fn num(v: &Value, k: &str) -> f64 {
    v[k].as_f64().unwrap_or(f64::NAN)
}

async fn table_sample(setup: &Setup, url: &str) -> Sample {
    let b = Browser::start(setup).await;
    b.cdp("Page.enable", json!({})).await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": PROBE }),
    )
    .await;
    b.open(url).await;
    let first = eventually_within(
        &format!("{url} to show rows"),
        Duration::from_secs(120),
        async |last| {
            let v = b
                .js(
                    "return { arrived: window.__benchArrived, first: window.__firstRow, error: window.__benchError }",
                    vec![],
                )
                .await;
            *last = v.to_string();
            assert!(v["error"].is_null(), "{url}: the bench page failed");
            (v["first"].is_number() && v["arrived"].is_number()).then_some(v)
        },
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let load_block = b
        .js("return Math.max(0, ...window.__lt)", vec![])
        .await
        .as_f64()
        .unwrap_or(0.0);
    // Where the time went while loading: the long tasks (start, duration) and the page's marks,
    // in ms since navigation.
    let timeline = b
        .js(
            "return { arrived: Math.round(window.__benchArrived), first: Math.round(window.__firstRow), tasks: window.__ltAll, marks: performance.getEntriesByType('mark').map(m => [m.name, Math.round(m.startTime)]) }",
            vec![],
        )
        .await;
    eprintln!("{url}: loading {timeline}");
    let sort = b
        .js(
            &timed(
                "document.querySelector('th[data-col=size]').click()",
                "first() !== before",
            ),
            vec![],
        )
        .await;
    let filter = b
        .js(
            &timed(
                "const i = document.querySelector('input[aria-label=Search]'); i.value = 'kttm'; i.dispatchEvent(new Event('input', { bubbles: true }))",
                "first().includes('kttm') && document.querySelectorAll('tbody tr[data-row]').length > 0",
            ),
            vec![],
        )
        .await;
    // Back to every row before scrolling.
    b.js(
        &timed(
            "const i = document.querySelector('input[aria-label=Search]'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true }))",
            "!first().includes('kttm')",
        ),
        vec![],
    )
    .await;
    let scroll = b.js(SCROLL, vec![]).await;
    b.quit().await;
    eprintln!(
        "{url}: longest task loading {load_block:.0} ms, sorting {:.0}, filtering {:.0}, scrolling {:.0}",
        num(&sort, "block"),
        num(&filter, "block"),
        num(&scroll, "block")
    );
    Sample {
        first_rows: num(&first, "first") - num(&first, "arrived"),
        sort: num(&sort, "ms"),
        filter: num(&filter, "ms"),
        dropped: num(&scroll, "dropped"),
        block: [
            load_block,
            num(&sort, "block"),
            num(&filter, "block"),
            num(&scroll, "block"),
        ]
        .into_iter()
        .fold(0.0, f64::max),
    }
}

/// The decoding page's times: (typed model, `JSON.parse`), each decode of one browser.
async fn decode_sample(setup: &Setup, url: &str) -> (Vec<f64>, Vec<f64>) {
    let b = Browser::start(setup).await;
    b.open(url).await;
    let mut v = Value::Null;
    for _ in 0..120 {
        v = b.js("return window.__bench || null", vec![]).await;
        if !v.is_null() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    b.quit().await;
    let list = |k: &str| -> Vec<f64> {
        v[k].as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default()
    };
    (list("typed"), list("parse"))
}

/// (median, min, max).
fn stats(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.retain(|x| !x.is_nan());
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let n = v.len();
    let med = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    (med, v[0], v[n - 1])
}

fn cell((m, lo, hi): (f64, f64, f64)) -> String {
    format!("{m:.0} ({lo:.0}-{hi:.0})")
}

/// Writes the benchmark's data files into the served bundle: the first [`ROWS`] segments of the
/// simulator, and the first segments up to [`DECODE_BYTES`].
fn write_data(setup: &Setup) -> std::path::PathBuf {
    let url = format!(
        "http://127.0.0.1:{}/druid/coordinator/v1/metadata/segments",
        setup.sim_port(81)
    );
    let text = switchboard_e2e::http::get_ok(&url);
    let inner = text.trim().trim_start_matches('[').trim_end_matches(']');
    let sep = ",{\"dataSource\":";
    let parts: Vec<&str> = inner.split(sep).collect();
    assert!(
        parts.len() >= ROWS,
        "the simulator has {} segments (run it with --druid-scale large)",
        parts.len()
    );
    let dir = setup.tmp.join("dist").join("bench");
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let join = |n: usize| format!("[{}]", parts[..n].join(sep));
    let write = |name: &str, body: &str| {
        std::fs::write(dir.join(name), body).unwrap_or_else(|e| panic!("cannot write {name}: {e}"))
    };
    write("segments-100k.json", &join(ROWS));
    let mut n = 0;
    let mut bytes = 0;
    while bytes < DECODE_BYTES && n < parts.len() {
        bytes += parts[n].len() + sep.len();
        n += 1;
    }
    write("segments-20mb.json", &join(n));
    write("table.html", include_str!("../../../bench/table.html"));
    write("table.js", include_str!("../../../bench/table.js"));
    dir
}

fn main() {
    let setup = Setup::from_env();
    write_data(&setup);
    let data = "/bench/segments-100k.json";
    let tables = [
        (
            "plain JS table",
            setup.app(&format!("/bench/table.html?data={data}")),
        ),
        (
            "Switchboard",
            setup.app(&format!("/_bench/table?data={data}&seg.size=all")),
        ),
    ];
    let decode_url = setup.app("/_bench/decode?data=/bench/segments-20mb.json");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("cannot start a tokio runtime: {e}"));
    let mut results: Vec<Vec<Sample>> = vec![Vec::new(), Vec::new()];
    let (mut typed, mut parsed) = (Vec::new(), Vec::new());
    runtime.block_on(async {
        for _ in 0..RUNS {
            for (i, (_, url)) in tables.iter().enumerate() {
                results[i].push(table_sample(&setup, url).await);
            }
        }
    });
    type Metric = (&'static str, fn(&Sample) -> f64);
    let metrics: [Metric; 5] = [
        ("table: first rows (ms)", |s| s.first_rows),
        ("table: sort (ms)", |s| s.sort),
        ("table: filter (ms)", |s| s.filter),
        ("table: frames dropped", |s| s.dropped),
        ("table: longest task (ms)", |s| s.block),
    ];
    println!(
        "{:<30} {:>20} {:>20} {:>7}",
        format!("{ROWS} rows, {RUNS} runs"),
        tables[0].0,
        tables[1].0,
        "ratio"
    );
    for (name, get) in metrics {
        let base = stats(results[0].iter().map(get).collect());
        let ours = stats(results[1].iter().map(get).collect());
        println!(
            "{name:<30} {:>20} {:>20} {:>7.2}",
            cell(base),
            cell(ours),
            ours.0 / base.0
        );
    }
    runtime.block_on(async {
        for _ in 0..3 {
            let (t, p) = decode_sample(&setup, &decode_url).await;
            typed.extend(t);
            parsed.extend(p);
        }
    });
    let (p, t) = (stats(parsed), stats(typed));
    println!(
        "{:<30} {:>20} {:>20} {:>7.2}",
        "decode 20 MB (ms)",
        cell(p),
        cell(t),
        t.0 / p.0
    );
    println!("(decode: JSON.parse vs the typed model; median (min-max) of 3 browsers x 5 decodes)");
}
