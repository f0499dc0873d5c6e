//! The fault matrix: for every simulated system a list view, a detail view and a form (or
//! action), under each fault mode of the simulators; and the real Flink cluster's job manager
//! stopped and started again under an open view.
//!
//! Each case checks what a user sees:
//! - an error panel that says what failed (the status or the proxy's word, and the server's own
//!   words where it sent some), names the request, and has Retry;
//! - meanwhile the other clusters keep refreshing: a second window on the home page, refreshing
//!   every 2 s, shows the faulted cluster's badge go bad and every other one Ok;
//! - the rest of the console keeps working: navigate to the home page inside the app and back;
//! - a form keeps what was typed after its failed submit, and the same submit succeeds once the
//!   fault is off (a 200 whose body the form never reads is a success);
//! - once the fault is off, a list or detail view comes back by itself (auto-refresh every 2 s);
//!   a view that does not is a failure (then Retry is tried, to tell the two failures apart);
//! - under `huge_body` (50 MB), no main-thread task of the page lasts a second or more.
//!
//! One table of cases. `make test` runs [`SLICE`]; `make test-faults` (`E2E_FAULTS=all`) every
//! case and the Flink job manager case. `E2E_FAULTS` also takes filters, comma-separated, each
//! one or more of a system, a kind (`list`, `detail`, `form`) and a mode joined by `+`:
//! `E2E_FAULTS=starrocks`, `E2E_FAULTS=huge_body`, `E2E_FAULTS=druid+form,cockroach+delay`,
//! `E2E_FAULTS=flink` (the job manager case only).

use serde_json::json;
use std::time::{Duration, Instant};
use switchboard_e2e::app::{confirm_dialog, error_panels, health_tone, DEMO_CLUSTERS, ERROR_PANEL};
use switchboard_e2e::browser::Browser;
use switchboard_e2e::lab::catch_panic;
use switchboard_e2e::sim::Fault;
use switchboard_e2e::{e2e, Lab};

/// How a form's submit starts.
#[derive(Clone, Copy)]
enum Submit {
    /// A click on the element matching this CSS.
    Click(&'static str),
    /// A click on the button with this label, then the confirm dialog's button with the second.
    Confirm(&'static str, &'static str),
}

/// A form (or an action) of the matrix.
struct Form {
    /// What is typed before the submit: CSS of the input and its text (`{n}` is replaced by a
    /// number unique to the case).
    inputs: &'static [(&'static str, &'static str)],
    /// How the submit starts.
    submit: Submit,
    /// CSS of what holds the submit's outcome (its error panel is looked for inside).
    outcome: &'static str,
    /// CSS of what shows a successful submit, and a text it must contain (`{n}` as above).
    done: (&'static str, &'static str),
    /// Where the form does not read the answer's body, what it shows for a 200 with any body
    /// (CSS and text): a success. (The simulators answer such a 200 without running the
    /// request, so the data does not change: only the console's word is checked.)
    accepts_any_200: Option<(&'static str, &'static str)>,
}

/// What kind of view a case opens.
enum Kind {
    /// A list.
    List,
    /// One thing's detail.
    Detail,
    /// A form or an action.
    Form(Form),
}

impl Kind {
    fn name(&self) -> &'static str {
        match self {
            Kind::List => "list",
            Kind::Detail => "detail",
            Kind::Form(_) => "form",
        }
    }
}

/// A view of the matrix.
struct View {
    /// The simulator's name of the system (fault API).
    system: &'static str,
    /// List, detail or form.
    kind: Kind,
    /// Opened through the console whose CockroachDB cluster has no credentials (the console
    /// logs in itself), not the main one.
    login: bool,
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
        kind: Kind::List,
        login: false,
        path: "/druid/demo-druid/datasources",
        request: "/druid/coordinator/v1/datasources",
        ready: "[data-table=ds] tbody tr",
    },
    View {
        system: "druid",
        kind: Kind::Detail,
        login: false,
        path: "/druid/demo-druid/datasources/wikipedia",
        request: "/druid/coordinator/v1/datasources/wikipedia",
        ready: "[data-segment-count]",
    },
    View {
        system: "druid",
        kind: Kind::Form(Form {
            inputs: &[
                ("[data-audit=author]", "fault-matrix"),
                ("[data-audit=comment]", "fault matrix {n}"),
            ],
            submit: Submit::Click("[data-save-rules]"),
            outcome: "[data-rules-editor]",
            done: ("[data-history=rules-history]", "fault matrix {n}"),
            accepts_any_200: Some(("[role=status]", "Rules of wikipedia saved")),
        }),
        login: false,
        path: "/druid/demo-druid/config?datasource=wikipedia",
        request: "/druid/coordinator/v1/rules/wikipedia",
        ready: "[data-rules-editor] [data-rule='0'] [data-tier-replicas='0']",
    },
    View {
        system: "cockroach",
        kind: Kind::List,
        login: false,
        path: "/cockroach/demo-cockroach",
        request: "/api/v2/nodes/",
        ready: "[data-nodes] [data-node-link]",
    },
    View {
        system: "cockroach",
        kind: Kind::Detail,
        login: false,
        path: "/cockroach/demo-cockroach/nodes/1/ranges",
        request: "/api/v2/nodes/1/ranges/",
        ready: "[data-ranges] [data-range-link]",
    },
    View {
        system: "cockroach",
        kind: Kind::Form(Form {
            inputs: &[("#crdb-user", "root"), ("#crdb-password", "root")],
            submit: Submit::Click("form[data-login] button[type=submit]"),
            outcome: "form[data-login]",
            done: ("[data-logged-in]", "root"),
            accepts_any_200: None,
        }),
        login: true,
        path: "/cockroach/login-cockroach",
        request: "/api/v2/login/",
        ready: "form[data-login] #crdb-user",
    },
    View {
        system: "starrocks",
        kind: Kind::List,
        login: false,
        path: "/starrocks/demo-starrocks",
        request: "/api/",
        ready: "[data-be-online='3']",
    },
    View {
        system: "starrocks",
        kind: Kind::Detail,
        login: false,
        path: "/starrocks/demo-starrocks/proc",
        request: "/api/show_proc",
        ready: "a[data-proc-child=dbs]",
    },
    View {
        system: "starrocks",
        kind: Kind::Form(Form {
            inputs: &[("[data-config-input]", "qe_slow_log_ms = {n}")],
            submit: Submit::Confirm("Apply", "Set"),
            outcome: "[data-fe-config]",
            done: ("tr[data-key=qe_slow_log_ms][data-result=set]", "{n}"),
            accepts_any_200: None,
        }),
        login: false,
        path: "/starrocks/demo-starrocks/config",
        request: "/api/_set_config",
        ready: "[data-config-input]",
    },
    View {
        system: "databend-meta",
        kind: Kind::List,
        login: false,
        path: "/databend-meta/demo-meta",
        request: "/v1/cluster/",
        ready: "tr[data-node]",
    },
    View {
        system: "databend-meta",
        kind: Kind::Detail,
        login: false,
        path: "/databend-meta/demo-meta/metrics",
        request: "/v1/metrics",
        ready: "[data-key-panel] figure",
    },
    View {
        system: "databend-meta",
        kind: Kind::Form(Form {
            inputs: &[],
            submit: Submit::Confirm("Trigger snapshot", "Trigger"),
            outcome: "[data-snapshot]",
            done: ("[data-snapshot] [data-result=ok]", "Snapshot triggered"),
            accepts_any_200: Some(("[data-snapshot] [data-result=ok]", "Snapshot triggered")),
        }),
        login: false,
        path: "/databend-meta/demo-meta/actions",
        request: "/v1/ctrl/trigger_snapshot",
        ready: "[data-health] [data-tone=Ok]",
    },
];

/// Fault modes (with their argument) and what the error panel must say: alternatives separated
/// by `|`, compared without case ("" = any error).
const MODES: &[(&str, &str)] = &[
    ("refuse", "proxy"),
    ("delay:45000", "timed out|timeout"),
    ("status500_text", "500"),
    ("status500_html", "500"),
    ("malformed_json", ""),
    ("truncated", ""),
    ("status401", "401"),
    ("status403", "403"),
    ("status404", "404"),
    ("slow_body:1000", "timed out|timeout"),
    ("huge_body:50", ""),
];

/// The server's own words the error panel must show as well (the simulators' canned bodies).
fn server_words(system: &str, mode: &str) -> &'static str {
    match (system, mode) {
        (_, "status500_html") => "500 Internal Server Error",
        ("druid", "status500_text") | ("databend-meta", "status500_text") => "simulated failure",
        ("starrocks", "status500_text") => "NullPointerException",
        ("cockroach", "status500_text") => "internal server error",
        ("cockroach", "status403") => "user not allowed",
        ("cockroach", "status404") => "404 page not found",
        ("starrocks", "status401") | ("starrocks", "status403") => "Access denied",
        ("druid", "status401") => "HTTP ERROR 401",
        ("druid", "status403") => "HTTP ERROR 403",
        ("druid", "status404") => "HTTP ERROR 404",
        ("databend-meta", "status401") => "Unauthorized",
        ("databend-meta", "status403") => "Forbidden",
        ("databend-meta", "status404") => "Not Found",
        _ => "",
    }
}

/// The demo cluster of each simulated system.
fn cluster_of(system: &str) -> &'static str {
    match system {
        "druid" => "demo-druid",
        "cockroach" => "demo-cockroach",
        "starrocks" => "demo-starrocks",
        _ => "demo-meta",
    }
}

/// The slice `make test` runs: (view index, mode). A list, a detail and a form case of every
/// simulated system among them, with the cheap modes.
const SLICE: &[(usize, &str)] = &[
    (4, "refuse"),
    (3, "status500_html"),
    (6, "truncated"),
    (9, "status401"),
    (1, "malformed_json"),
    (2, "status500_text"),
    (8, "status403"),
    (11, "status404"),
    (5, "status500_text"),
];

/// The filters of `E2E_FAULTS` (none: the slice; `all`: everything).
fn filters() -> Option<Vec<Vec<String>>> {
    let v = std::env::var("E2E_FAULTS").unwrap_or_default();
    if v.trim().is_empty() {
        return None;
    }
    if v.trim() == "all" {
        return Some(vec![vec![]]);
    }
    Some(
        v.split(',')
            .map(|f| f.split('+').map(|p| p.trim().to_string()).collect())
            .collect(),
    )
}

/// Whether `words` (system, kind, mode) pass the filters.
fn selected(filters: &[Vec<String>], words: &[&str]) -> bool {
    filters.iter().any(|f| {
        f.iter().all(|p| {
            words
                .iter()
                .any(|w| w.split(':').next() == Some(p.as_str()))
        })
    })
}

/// The cases to run: every case of the matrix that passes `E2E_FAULTS`, or the slice.
fn cases() -> Vec<(&'static View, &'static str, &'static str)> {
    let word = |m: &str| MODES.iter().find(|(x, _)| *x == m).map_or("", |x| x.1);
    match filters() {
        None => SLICE
            .iter()
            .map(|(i, m)| (&VIEWS[*i], *m, word(m)))
            .collect(),
        Some(f) => VIEWS
            .iter()
            .flat_map(|v| MODES.iter().map(move |(m, w)| (v, *m, *w)))
            .filter(|(v, m, _)| selected(&f, &[v.system, v.kind.name(), m]))
            .collect(),
    }
}

/// Polls `probe` until it gives `Some`, for at most `secs` seconds; `Err` names `what` and the
/// last thing seen. (Unlike `eventually`, a case that fails lets the next ones run.)
async fn within<T>(
    what: &str,
    secs: u64,
    mut probe: impl AsyncFnMut(&mut String) -> Option<T>,
) -> Result<T, String> {
    let start = Instant::now();
    let mut last = String::new();
    loop {
        if let Some(v) = probe(&mut last).await {
            return Ok(v);
        }
        if start.elapsed() > Duration::from_secs(secs) {
            return Err(format!("no {what} within {secs} s (last seen: {last})"));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Whether `text` says one of the `|`-separated alternatives of `want` (without case).
fn says(text: &str, want: &str) -> bool {
    let t = text.to_lowercase();
    want.is_empty() || want.split('|').any(|w| t.contains(&w.to_lowercase()))
}

/// The checks of an error panel (its text and whether it has Retry): what failed, the server's
/// words, the request, Retry. Prints the panel when they pass; otherwise adds its text to the
/// problems.
fn check_panel(
    (text, retry): &(String, bool),
    word: &str,
    words: &str,
    request: &str,
    problems: &mut Vec<String>,
) {
    let before = problems.len();
    if !says(text, word) {
        problems.push(format!("does not say '{word}'"));
    }
    if !words.is_empty() && !text.contains(words) {
        problems.push(format!("does not show the server's words '{words}'"));
    }
    if !text.contains(request) {
        problems.push(format!("does not name {request}"));
    }
    if !retry {
        problems.push("no Retry".into());
    }
    if problems.len() == before {
        eprintln!("fault matrix:   panel: {}", text.replace('\n', " ⏎ "));
    } else {
        problems.push(format!("the panel says: {text}"));
    }
}

/// The text of the first error panel inside `within` (CSS) that has a Retry button, or of the
/// first one without, marked so.
async fn panel_in(b: &Browser, within: &str) -> Option<(String, bool)> {
    let v = b
        .js(
            "const ps = Array.from(document.querySelectorAll(arguments[0]));
             if (!ps.length) return null;
             const retry = p => Array.from(p.querySelectorAll('button')).some(x => x.innerText.trim() === 'Retry');
             const p = ps.find(retry) || ps[0];
             return [p.innerText, retry(p)];",
            vec![json!(format!("{within} {ERROR_PANEL}"))],
        )
        .await;
    Some((v[0].as_str()?.to_string(), v[1].as_bool().unwrap_or(false)))
}

/// Clicks every Retry button of the error panels inside `within`.
async fn click_retry(b: &Browser, within: &str) {
    b.js(
        "document.querySelectorAll(arguments[0]).forEach(p => p.querySelectorAll('button')
             .forEach(x => { if (x.innerText.trim() === 'Retry') x.click(); }))",
        vec![json!(format!("{within} {ERROR_PANEL}"))],
    )
    .await;
}

/// The home page window: waits until the badge of `faulted` is no longer Ok while every other
/// cluster's badge is Ok (the page refreshes every 2 s). Under a fault that answers 200
/// (`malformed_json`, `huge_body`) the faulted badge may stay Ok: a health endpoint that answers
/// only when healthy (CockroachDB's) is read by its status alone.
async fn others_keep_refreshing(home: &Browser, faulted: &str, mode: &str) -> Result<(), String> {
    let answers_200 = mode == "malformed_json" || mode.starts_with("huge_body");
    within(
        &format!("home page with {faulted} shown failing and every other cluster Ok"),
        45,
        async |last| {
            let mut bad = Vec::new();
            let mut others_ok = true;
            for c in DEMO_CLUSTERS {
                let tone = health_tone(home, c).await;
                if c == faulted {
                    if tone.as_deref() == Some("Ok") && !answers_200 {
                        bad.push(format!("{c} still Ok"));
                    }
                } else if tone.is_some() && tone.as_deref() != Some("Ok") {
                    others_ok = false;
                    bad.push(format!("{c} {tone:?}"));
                }
            }
            *last = bad.join(", ");
            (bad.is_empty() && others_ok).then_some(())
        },
    )
    .await
}

/// The longest main-thread task (ms) seen while `f` runs, through a long-task observer.
async fn longest_task_during(b: &Browser, f: impl AsyncFnOnce()) -> f64 {
    b.js(
        "window.__sbLong = 0;
         new PerformanceObserver(l => l.getEntries().forEach(e => {
             window.__sbLong = Math.max(window.__sbLong, e.duration); }))
           .observe({ type: 'longtask' });",
        vec![],
    )
    .await;
    f().await;
    b.js("return window.__sbLong", vec![])
        .await
        .as_f64()
        .unwrap_or(0.0)
}

/// The URL of `path` with auto-refresh every 2 s.
fn view_url(lab: &Lab, v: &View) -> String {
    let sep = if v.path.contains('?') { '&' } else { '?' };
    let path = format!("{}{sep}refresh=2s", v.path);
    if v.login {
        format!("{}{}", lab.setup.login_url, path.trim_start_matches('/'))
    } else {
        lab.setup.app(&path)
    }
}

/// What a case works with: the lab, the window under test and the home page window.
struct Ctx<'a> {
    lab: &'a Lab,
    b: &'a Browser,
    home: &'a Browser,
}

/// Runs one list or detail case; returns the problems found.
async fn list_case(cx: &Ctx<'_>, v: &View, mode: &str, word: &str) -> Result<Vec<String>, String> {
    let (lab, b, home) = (cx.lab, cx.b, cx.home);
    let url = view_url(lab, v);
    b.open(&url).await;
    within("view before the fault", 30, async |_| {
        (b.count(v.ready).await > 0).then_some(())
    })
    .await?;
    let fault = Fault::set(&lab.setup, v.system, mode);
    b.open(&url).await;
    let panel = within("error panel", 90, async |_| panel_in(b, "body").await).await?;
    let mut problems = Vec::new();
    check_panel(
        &panel,
        word,
        server_words(v.system, mode),
        v.request,
        &mut problems,
    );
    if mode.starts_with("huge_body") {
        let longest = longest_task_during(b, async || {
            click_retry(b, "body").await;
            tokio::time::sleep(Duration::from_secs(8)).await;
        })
        .await;
        eprintln!("fault matrix:   longest main-thread task under {mode}: {longest:.0} ms");
        if longest >= 1000.0 {
            problems.push(format!("a main-thread task of {longest:.0} ms"));
        }
    }
    if let Err(e) = others_keep_refreshing(home, cluster_of(v.system), mode).await {
        problems.push(e);
    }
    // Away to the home page inside the app, and back: the console works, the view still says why.
    b.click("a[href='/']").await;
    if let Err(e) = within("home page inside the app", 30, async |_| {
        (b.count("[data-cluster-link]").await > 0).then_some(())
    })
    .await
    {
        problems.push(e);
    }
    b.js("history.back()", vec![]).await;
    // Back on the view it says why again; under a fault that only delays, loading is enough
    // (its time-out was seen above).
    let slow = mode.starts_with("delay") || mode.starts_with("slow_body");
    if let Err(e) = within("error panel after going back", 60, async |_| {
        if slow && b.count("[aria-busy=true]").await > 0 {
            return Some(());
        }
        panel_in(b, "body").await.map(|_| ())
    })
    .await
    {
        problems.push(e);
    }
    fault.clear();
    // A request sent while the fault was on is waited for (at most the console's 30 s time-out)
    // before the next refresh starts: a resource runs one load at a time.
    let back = within("recovery by itself (auto-refresh)", 45, async |last| {
        let (n, errors) = (b.count(v.ready).await, error_panels(b).await);
        *last = format!("{n} ready, panels {errors:?}");
        (n > 0 && errors.is_empty()).then_some(())
    })
    .await;
    if let Err(e) = back {
        problems.push(e);
        click_retry(b, "body").await;
        if let Err(e) = within("recovery after Retry", 60, async |last| {
            let (n, errors) = (b.count(v.ready).await, error_panels(b).await);
            *last = format!("{n} ready, panels {errors:?}");
            if !errors.is_empty() {
                click_retry(b, "body").await;
            }
            (n > 0 && errors.is_empty()).then_some(())
        })
        .await
        {
            problems.push(e);
        }
    }
    Ok(problems)
}

/// Runs one form case; returns the problems found.
async fn form_case(
    cx: &Ctx<'_>,
    v: &View,
    f: &Form,
    mode: &str,
    word: &str,
    n: u64,
) -> Result<Vec<String>, String> {
    let (lab, b, home) = (cx.lab, cx.b, cx.home);
    let url = view_url(lab, v);
    b.open(&url).await;
    if v.login {
        // No session yet: the login form shows over the view.
        b.js("sessionStorage.clear()", vec![]).await;
        b.open(&url).await;
    }
    within("form before the fault", 30, async |_| {
        (b.count(v.ready).await > 0).then_some(())
    })
    .await?;
    let fill = |t: &str| t.replace("{n}", &n.to_string());
    for (css, text) in f.inputs {
        b.type_into(css, &fill(text)).await;
    }
    let submit = async || match f.submit {
        Submit::Click(css) => b.click(css).await,
        Submit::Confirm(label, confirm) => {
            b.click_button(label).await;
            confirm_dialog(b, confirm).await;
        }
    };
    let (done_css, done_text) = (f.done.0, fill(f.done.1));
    let done = async |what: &str, secs: u64| {
        within(what, secs, async |last| {
            let t = b.texts(done_css).await.join(" | ");
            *last = t.clone();
            t.contains(&done_text).then_some(())
        })
        .await
    };
    let fault = Fault::set(&lab.setup, v.system, mode);
    submit().await;
    let mut problems = Vec::new();
    if let Some((css, text)) = f
        .accepts_any_200
        .filter(|_| mode == "malformed_json" || mode.starts_with("huge_body"))
    {
        // A 200 whose body the form does not read: the console says the submit went through.
        let said = within("success (a 200 whose body is not read)", 90, async |last| {
            let t = b.texts(css).await.join(" | ");
            *last = t.clone();
            t.contains(text).then_some(())
        })
        .await;
        if let Err(e) = said {
            problems.push(e);
        }
        drop(fault);
        return Ok(problems);
    }
    let panel = within("error panel of the submit", 90, async |_| {
        panel_in(b, f.outcome).await
    })
    .await?;
    check_panel(
        &panel,
        word,
        server_words(v.system, mode),
        v.request,
        &mut problems,
    );
    for (css, typed) in f.inputs {
        let kept = b.value(css).await.unwrap_or_default();
        if kept != fill(typed) {
            problems.push(format!(
                "{css} holds '{kept}' after the failed submit, not what was typed"
            ));
        }
    }
    if let Err(e) = others_keep_refreshing(home, cluster_of(v.system), mode).await {
        problems.push(e);
    }
    fault.clear();
    // The same submit, once the fault is off: Retry where the panel has it.
    if panel.1 {
        click_retry(b, f.outcome).await;
    } else {
        submit().await;
    }
    if let Err(e) = done("success once the fault is off", 60).await {
        problems.push(e);
    }
    Ok(problems)
}

/// Runs one case; `Err` says what went wrong.
async fn run_case(cx: &Ctx<'_>, v: &View, mode: &str, word: &str, n: u64) -> Result<(), String> {
    let name = format!("{} {} ({}) under {mode}", v.system, v.kind.name(), v.path);
    let started = Instant::now();
    let mut outcome = Err(String::new());
    let run = catch_panic(async {
        outcome = match &v.kind {
            Kind::Form(f) => form_case(cx, v, f, mode, word, n).await,
            _ => list_case(cx, v, mode, word).await,
        };
    })
    .await;
    let secs = started.elapsed().as_secs();
    let problems = match (run, outcome) {
        (Err(panic), _) => vec![panic],
        (Ok(()), Err(e)) => vec![e],
        (Ok(()), Ok(p)) => p,
    };
    if problems.is_empty() {
        eprintln!("fault matrix: ok {name} ({secs} s)");
        Ok(())
    } else {
        Err(format!("{name} ({secs} s): {}", problems.join("; ")))
    }
}

#[test]
fn every_view_shows_each_fault_clearly_and_recovers() {
    e2e(|lab| async move {
        let cases = cases();
        if cases.is_empty() {
            eprintln!("fault matrix: no case passes E2E_FAULTS");
            return;
        }
        let b = lab.browser().await;
        let home = lab.browser().await;
        home.open(&lab.setup.app("/?refresh=2s")).await;
        let started = Instant::now();
        let base = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() % 100_000)
            * 1000;
        let cx = Ctx {
            lab: &lab,
            b: &b,
            home: &home,
        };
        let mut failed = Vec::new();
        for (i, (v, mode, word)) in cases.iter().enumerate() {
            if let Err(e) = run_case(&cx, v, mode, word, 10_000 + base + i as u64).await {
                eprintln!("fault matrix: FAIL {e}");
                failed.push(e);
            }
        }
        eprintln!(
            "fault matrix: {} of {} cases pass in {} s",
            cases.len() - failed.len(),
            cases.len(),
            started.elapsed().as_secs()
        );
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    });
}

/// Runs `scripts/flink.sh <cmd>` (the cluster that this run's `scripts/e2e.sh` started).
fn flink_sh(cmd: &str) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/flink.sh");
    let out = std::process::Command::new(script)
        .arg(cmd)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {script} {cmd}: {e}"));
    assert!(
        out.status.success(),
        "{script} {cmd} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Starts Flink's job manager again when dropped (a failing test leaves the cluster running).
struct JobManagerBack(bool);
impl Drop for JobManagerBack {
    fn drop(&mut self) {
        if self.0 {
            flink_sh("start-jm");
        }
    }
}

#[test]
fn flink_job_manager_stopped_and_started_under_an_open_view() {
    let wanted = filters().is_some_and(|f| selected(&f, &["flink"]));
    if !wanted {
        eprintln!("fault matrix: the Flink job manager case runs with E2E_FAULTS=all or flink");
        return;
    }
    if std::env::var("SWITCHBOARD_E2E_FLINK_OWNED").as_deref() != Ok("1") {
        eprintln!(
            "fault matrix: the Flink cluster was not started by this run: its job manager is left alone"
        );
        return;
    }
    e2e(|lab| async move {
        let started = Instant::now();
        let b = lab.browser().await;
        let home = lab.browser().await;
        home.open(&lab.setup.app("/?refresh=2s")).await;
        let url = lab.setup.app("/flink/demo-flink?refresh=2s");
        b.open(&url).await;
        let tms = "[data-stat='Task managers']";
        within("the Flink overview", 60, async |last| {
            let t = b.texts(tms).await.join("");
            *last = t.clone();
            (!t.is_empty() && !t.starts_with('0')).then_some(())
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));

        let mut back = JobManagerBack(true);
        flink_sh("stop-jm");
        let stopped = Instant::now();
        let panel = within("error panel with the job manager down", 60, async |_| {
            panel_in(&b, "body").await
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        let mut problems = Vec::new();
        check_panel(&panel, "proxy|unreachable", "", "/overview", &mut problems);
        if let Err(e) = others_keep_refreshing(&home, "demo-flink", "refuse").await {
            problems.push(e);
        }
        b.click("a[href='/']").await;
        if let Err(e) = within("home page inside the app", 30, async |_| {
            (b.count("[data-cluster-link]").await > 0).then_some(())
        })
        .await
        {
            problems.push(e);
        }
        b.js("history.back()", vec![]).await;
        if let Err(e) = within("error panel after going back", 60, async |_| {
            panel_in(&b, "body").await
        })
        .await
        {
            problems.push(e);
        }

        flink_sh("start-jm");
        back.0 = false;
        let restarted = Instant::now();
        // The view comes back by itself: no error, the task manager registered again.
        if let Err(e) = within("the overview back by itself", 120, async |last| {
            let (t, errors) = (b.texts(tms).await.join(""), error_panels(&b).await);
            *last = format!("task managers '{t}', panels {errors:?}");
            (errors.is_empty() && !t.is_empty() && !t.starts_with('0')).then_some(())
        })
        .await
        {
            problems.push(e);
        }
        eprintln!(
            "fault matrix: Flink job manager case: down {} s, back after {} s, {} s in all",
            restarted.duration_since(stopped).as_secs(),
            restarted.elapsed().as_secs(),
            started.elapsed().as_secs()
        );
        assert!(problems.is_empty(), "{}", problems.join("; "));
    });
}
