//! The fault matrix: for every simulated system a list view and a detail view, under each fault
//! mode of the simulators. Each case must show an error panel that says what failed (the status
//! or the proxy's word) and names the request, with Retry; once the fault is off the view comes
//! back (Retry, or its own refresh), and the rest of the console keeps working.
//!
//! One table of cases: `make test` runs a representative slice, `make test-faults`
//! (`E2E_FAULTS=all`) every case.

use serde_json::json;
use std::time::Duration;
use switchboard_e2e::app::{error_panels, ERROR_PANEL};
use switchboard_e2e::browser::Browser;
use switchboard_e2e::sim::Fault;
use switchboard_e2e::wait::eventually_within;
use switchboard_e2e::{e2e, Lab};

/// A view of the matrix.
struct View {
    /// The simulator's name of the system (fault API).
    system: &'static str,
    /// What kind of view it is.
    kind: &'static str,
    /// The app path.
    path: &'static str,
    /// Part of the request the error panel must name.
    request: &'static str,
    /// CSS of what the view shows when it works.
    ready: &'static str,
}

const VIEWS: &[View] = &[
    View {
        system: "druid",
        kind: "list",
        path: "/druid/demo-druid/datasources",
        request: "/druid/coordinator/v1/datasources",
        ready: "[data-table=ds] tbody tr",
    },
    View {
        system: "druid",
        kind: "detail",
        path: "/druid/demo-druid/datasources/wikipedia",
        request: "/druid/coordinator/v1/datasources/wikipedia",
        ready: "[data-segment-count]",
    },
    View {
        system: "cockroach",
        kind: "list",
        path: "/cockroach/demo-cockroach",
        request: "/api/v2/nodes/",
        ready: "[data-nodes] [data-node-link]",
    },
    View {
        system: "cockroach",
        kind: "detail",
        path: "/cockroach/demo-cockroach/nodes/1/ranges",
        request: "/api/v2/nodes/1/ranges/",
        ready: "[data-ranges] [data-range-link]",
    },
    View {
        system: "starrocks",
        kind: "list",
        path: "/starrocks/demo-starrocks",
        request: "/api/",
        ready: "[data-be-online='3']",
    },
    View {
        system: "starrocks",
        kind: "detail",
        path: "/starrocks/demo-starrocks/proc",
        request: "/api/show_proc",
        ready: "a[data-proc-child=dbs]",
    },
    View {
        system: "databend-meta",
        kind: "list",
        path: "/databend-meta/demo-meta",
        request: "/v1/cluster/",
        ready: "tr[data-node]",
    },
    View {
        system: "databend-meta",
        kind: "detail",
        path: "/databend-meta/demo-meta/metrics",
        request: "/v1/metrics",
        ready: "[data-key-panel] figure",
    },
];

/// Fault modes (with their argument) and a word the error panel must show ("" = any error).
const MODES: &[(&str, &str)] = &[
    ("refuse", "Proxy"),
    ("delay:45000", ""),
    ("status500_text", "500"),
    ("status500_html", "500"),
    ("malformed_json", ""),
    ("truncated", ""),
    ("status401", "401"),
    ("status403", "403"),
    ("status404", "404"),
    ("slow_body:1000", ""),
    ("huge_body:50", ""),
];

/// The slice `make test` runs: (view index, mode).
const SLICE: &[(usize, &str)] = &[
    (3, "refuse"),
    (2, "status500_html"),
    (4, "truncated"),
    (6, "status401"),
    (1, "malformed_json"),
];

/// Every case of the matrix, or the slice.
fn cases() -> Vec<(&'static View, &'static str, &'static str)> {
    let word = |m: &str| {
        MODES
            .iter()
            .find(|(x, _)| *x == m)
            .map(|x| x.1)
            .unwrap_or("")
    };
    if std::env::var("E2E_FAULTS").as_deref() == Ok("all") {
        VIEWS
            .iter()
            .flat_map(|v| MODES.iter().map(move |(m, w)| (v, *m, *w)))
            .collect()
    } else {
        SLICE
            .iter()
            .map(|(i, m)| (&VIEWS[*i], *m, word(m)))
            .collect()
    }
}

/// Runs one case; `Err` says what went wrong.
async fn run_case(lab: &Lab, b: &Browser, v: &View, mode: &str, word: &str) -> Result<(), String> {
    let name = format!("{} {} ({}) under {mode}", v.system, v.kind, v.path);
    // The view works first.
    b.open(&lab.setup.app(v.path)).await;
    eventually_within(
        &format!("{name}: ready before the fault"),
        Duration::from_secs(30),
        async |_| (b.count(v.ready).await > 0).then_some(()),
    )
    .await;
    let fault = Fault::set(&lab.setup, v.system, mode);
    b.open(&lab.setup.app(v.path)).await;
    let text = eventually_within(
        &format!("{name}: an error panel"),
        Duration::from_secs(90),
        async |_| error_panels(b).await.into_iter().next(),
    )
    .await;
    let mut problems = Vec::new();
    if !text.contains(word) {
        problems.push(format!("does not say '{word}'"));
    }
    if !text.contains(v.request) {
        problems.push(format!("does not name {}", v.request));
    }
    if b.count(&format!("{ERROR_PANEL} button")).await == 0 {
        problems.push("no Retry".to_string());
    }
    // The rest of the console keeps working meanwhile.
    b.open(&lab.setup.app("/")).await;
    eventually_within(
        &format!("{name}: the home page"),
        Duration::from_secs(30),
        async |_| (b.count("[data-cluster-link]").await > 0).then_some(()),
    )
    .await;
    b.open(&lab.setup.app(v.path)).await;
    fault.clear();
    eventually_within(
        &format!("{name}: recovery after the fault"),
        Duration::from_secs(90),
        async |_| {
            if b.count(v.ready).await > 0 {
                return Some(());
            }
            if !error_panels(b).await.is_empty() {
                b.js(
                    "document.querySelectorAll(arguments[0]).forEach(x => x.click())",
                    vec![json!(format!("{ERROR_PANEL} button"))],
                )
                .await;
            }
            None
        },
    )
    .await;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{name}: {}: {text}", problems.join(", ")))
    }
}

#[test]
fn every_view_shows_each_fault_clearly_and_recovers() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        let cases = cases();
        let mut failed = Vec::new();
        for (v, mode, word) in &cases {
            if let Err(e) = run_case(&lab, &b, v, mode, word).await {
                eprintln!("fault matrix: FAIL {e}");
                failed.push(e);
            }
        }
        eprintln!(
            "fault matrix: {} of {} cases pass",
            cases.len() - failed.len(),
            cases.len()
        );
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    });
}
