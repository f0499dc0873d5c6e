//! Hostile text from a server is shown as text. Script and markup payloads, `javascript:` URLs,
//! a `</style>` breaker and a very long right-to-left string are planted into the strings every
//! system sends: through the Druid simulator's own API (task and supervisor names) and its
//! planting API (`/_sim/plant`: exceptions, logs), into CockroachDB (database names, SQL of
//! sessions, events), StarRocks (table names and query SQL, profile text, proc rows, config
//! values, metric labels) and Databend meta (node names, config values, metric labels), and
//! through the real Flink cluster (a job's name and program arguments, the exception of a failing
//! job). Every view that shows them is opened: nothing runs (a flag the payloads would set stays
//! unset), no element is injected, no link gets a `javascript:` target, and the text is there to
//! read. Each test prints its payloads × views.
//!
//! The session bypasses the console's Content-Security-Policy (which would also stop inline
//! handlers), so what is tested is the app's own rendering; a control shows the same payload does
//! run when put in as HTML.

use serde_json::{json, Value};
use switchboard_e2e::app::encode_query_value;
use switchboard_e2e::flink::{get_json, live_jobs_named, start_test_job, Cleanup};
use switchboard_e2e::http::request;
use switchboard_e2e::{e2e, eventually, Browser, Lab};

/// Payloads, with the text of each a reader must find on the page.
const PAYLOADS: &[(&str, &str)] = &[
    (
        "<img src=x onerror=window.__pwned=1>",
        "onerror=window.__pwned=1",
    ),
    (
        "<svg onload=window.__pwned=2>",
        "<svg onload=window.__pwned=2>",
    ),
    (
        "</style><style>*{display:none}</style><b id=pwn3>x</b>",
        "</style><style>",
    ),
    ("javascript:window.__pwned=4", "javascript:window.__pwned=4"),
];

/// The index of the right-to-left string among the payloads (after [`PAYLOADS`]).
const RTL: usize = 4;

/// A very long right-to-left string (the override character turns the rest around).
fn rtl() -> String {
    format!("\u{202e}exe.lanruoj-{}", "W".repeat(3000))
}

/// Payload `i` (0..=4) as planted.
fn payload(i: usize) -> String {
    if i == RTL {
        rtl()
    } else {
        PAYLOADS[i].0.to_string()
    }
}

/// What a reader must find of payload `i`.
fn readable(i: usize) -> String {
    if i == RTL {
        rtl().chars().take(20).collect()
    } else {
        PAYLOADS[i].1.to_string()
    }
}

/// What a payload that ran or was parsed as markup leaves behind, or None.
const PROBE: &str =
    "return window.__pwned !== undefined ? 'the flag was set to ' + window.__pwned : \
    document.querySelector('img[src=\"x\"], svg[onload], [onerror], [onload], #pwn3') ? 'an injected element' : \
    document.querySelector('a[href^=\"javascript:\" i], iframe[src^=\"javascript:\" i], [src^=\"javascript:\" i]') ? 'a javascript: link' : null";

async fn assert_clean(b: &Browser, view: &str, readable: &[String]) {
    let text = eventually(&format!("{view}: the planted text shown"), async |last| {
        let t = b.page_text().await;
        let missing: Vec<&String> = readable
            .iter()
            .filter(|r| !t.contains(r.as_str()))
            .collect();
        *last = format!(
            "missing {missing:?} in {}",
            t.chars().take(400).collect::<String>()
        );
        missing.is_empty().then_some(t)
    })
    .await;
    assert!(!text.is_empty());
    // Give an image's error and a late render the time to happen.
    pause(600);
    let found = b.js(PROBE, vec![]).await;
    assert!(found.is_null(), "{view}: {found}");
}

fn pause(ms: u64) {
    std::thread::sleep(std::time::Duration::from_millis(ms));
}

fn post(lab: &Lab, offset: u16, path: &str, body: &Value) -> String {
    let url = format!("http://127.0.0.1:{}{path}", lab.setup.sim_port(offset));
    match request("POST", &url, Some(&body.to_string())) {
        Ok(a) if a.status == 200 => a.body,
        Ok(a) => panic!("POST {url} answered {}: {}", a.status, a.body),
        Err(e) => panic!("{e}"),
    }
}

/// Planted words of one system, taken out again when dropped.
struct Planted {
    url: String,
}

/// Replaces each word of `words` by its payload (an index: see [`payload`]) in every answer of
/// `system` (`/_sim/plant`).
fn plant(lab: &Lab, system: &str, words: &[(&str, usize)]) -> Planted {
    let texts: Vec<(&str, String)> = words.iter().map(|(w, i)| (*w, payload(*i))).collect();
    plant_texts(lab, system, &texts)
}

/// Replaces each word by its text in every answer of `system`.
fn plant_texts(lab: &Lab, system: &str, words: &[(&str, String)]) -> Planted {
    let url = format!("{}/_sim/plant/{system}", lab.setup.sim_admin_url);
    let body: serde_json::Map<String, Value> = words
        .iter()
        .map(|(w, t)| (w.to_string(), json!(t)))
        .collect();
    match request("PUT", &url, Some(&Value::Object(body).to_string())) {
        Ok(a) if a.status == 200 => Planted { url },
        Ok(a) => panic!("PUT {url} answered {}: {}", a.status, a.body),
        Err(e) => panic!("{e}"),
    }
}

impl Drop for Planted {
    fn drop(&mut self) {
        let _ = request("DELETE", &self.url, None);
    }
}

/// A browser whose page shows that a payload put in as HTML does run (the probe sees it), then
/// ignores the page's Content-Security-Policy.
async fn hostile_browser(lab: &Lab) -> Browser {
    let b = lab.browser().await;
    b.cdp("Page.setBypassCSP", json!({ "enabled": true })).await;
    b.open(&lab.setup.app("/")).await;
    b.js(
        "const d = document.createElement('div'); d.innerHTML = arguments[0]; document.body.append(d);",
        vec![json!(PAYLOADS[0].0)],
    )
    .await;
    eventually("the control payload to run", async |_| {
        b.js("return window.__pwned === 1", vec![])
            .await
            .as_bool()
            .filter(|x| *x)
    })
    .await;
    b
}

/// Opens each `(view, path, payloads shown)` as a fresh page and checks it; returns how many
/// payload × view pairs were seen shown as text.
async fn check_views(b: &Browser, lab: &Lab, views: &[(&str, String, Vec<usize>)]) -> usize {
    let mut pairs = 0;
    for (view, path, shown) in views {
        // A fresh page: the control's flag and element are gone.
        b.open(&lab.setup.app(path)).await;
        let texts: Vec<String> = shown.iter().map(|i| readable(*i)).collect();
        assert_clean(b, view, &texts).await;
        pairs += shown.len();
    }
    pairs
}

#[test]
fn planted_script_and_markup_in_druid_names_exceptions_and_logs_are_shown_as_text() {
    e2e(|lab| async move {
        let b = hostile_browser(&lab).await;
        // A task per payload (its datasource) and a supervisor (its id and datasource).
        for i in 0..=RTL {
            let name = payload(i);
            post(
                &lab,
                90,
                "/druid/indexer/v1/task",
                &json!({"type": "index_parallel", "id": format!("hostile-{i}"),
                        "spec": {"dataSchema": {"dataSource": name}},
                        "context": {"simulatedOutcome": "SUCCESS"}}),
            );
            post(
                &lab,
                90,
                "/druid/indexer/v1/supervisor",
                &json!({"type": "kafka", "id": name, "spec": {"dataSchema": {"dataSource": name}}}),
            );
        }
        // A failing task: its exception, and the log lines of every task.
        post(
            &lab,
            90,
            "/druid/indexer/v1/task",
            &json!({"type": "index_parallel", "id": "hostile-failed",
                    "spec": {"dataSchema": {"dataSource": "hostile-failed"}},
                    "context": {"simulatedOutcome": "FAILED"}}),
        );
        let clock = format!("{}/_sim/clock/advance", lab.setup.sim_admin_url);
        request("POST", &clock, Some("{\"ms\": 60000}")).unwrap_or_else(|e| panic!("{e}"));
        let _planted = plant(
            &lab,
            "druid",
            &[
                ("Max parse exceptions [0] exceeded", 1),
                ("Starting up with processors", 2),
                ("AbstractBatchIndexTask", 3),
            ],
        );
        let all: Vec<usize> = (0..=RTL).collect();
        let views = [
            ("tasks", "/druid/demo-druid/tasks".to_string(), all.clone()),
            (
                "supervisors",
                "/druid/demo-druid/supervisors".to_string(),
                all.clone(),
            ),
            (
                "a task",
                "/druid/demo-druid/tasks/hostile-0".to_string(),
                vec![0],
            ),
            (
                "a task's log",
                "/druid/demo-druid/tasks/hostile-0/log".to_string(),
                vec![2, 3],
            ),
            (
                "a failed task",
                "/druid/demo-druid/tasks/hostile-failed".to_string(),
                vec![1],
            ),
            (
                "a failed task's log",
                "/druid/demo-druid/tasks/hostile-failed/log".to_string(),
                vec![1, 2, 3],
            ),
            (
                "a supervisor",
                format!(
                    "/druid/demo-druid/supervisors/{}",
                    encode_query_value(PAYLOADS[1].0)
                ),
                vec![1],
            ),
        ];
        let pairs = check_views(&b, &lab, &views).await;
        eprintln!(
            "hostile text, Druid: {} payloads x {} views ({pairs} shown as text), nothing ran",
            RTL + 1,
            views.len()
        );
    });
}

#[test]
fn planted_script_and_markup_in_cockroach_starrocks_and_meta_answers_are_shown_as_text() {
    e2e(|lab| async move {
        let b = hostile_browser(&lab).await;
        let _crdb = plant(
            &lab,
            "cockroach",
            &[
                ("movr", 0),
                ("balance", 1),
                ("kv.rangefeed.enabled", 2),
                ("metabase", 3),
                ("bank-app", RTL),
            ],
        );
        let _sr = plant(
            &lab,
            "starrocks",
            &[
                ("lineorder", 0),
                ("committed", 1),
                ("Berlin", 2),
                ("/opt/starrocks/be/storage", 3),
                ("3.3.5-6d81f75", RTL),
            ],
        );
        let _meta = plant(
            &lab,
            "databend-meta",
            &[
                ("switchboard_meta_cluster", 0),
                ("/var/log/databend", 3),
                ("/var/lib/databend/meta", RTL),
            ],
        );
        // A metric label's value (the text keeps the exposition format's quotes).
        let _label = plant_texts(
            &lab,
            "databend-meta",
            &[("to=\"2\"", format!("to=\"{}\"", payload(1)))],
        );
        let mut views: Vec<(&str, String, Vec<usize>)> = vec![
            // CockroachDB: database names, SQL and applications of sessions, events.
            (
                "cockroach databases",
                "/cockroach/demo-cockroach/databases".into(),
                vec![0],
            ),
            (
                "cockroach database",
                format!(
                    "/cockroach/demo-cockroach/databases/{}",
                    encode_query_value(&payload(0))
                ),
                vec![0],
            ),
            (
                "cockroach table",
                "/cockroach/demo-cockroach/databases/bank/tables/accounts".into(),
                vec![1],
            ),
            (
                "cockroach sessions",
                "/cockroach/demo-cockroach/sessions".into(),
                vec![0, 1, 3, RTL],
            ),
            (
                "cockroach events",
                "/cockroach/demo-cockroach/events".into(),
                vec![0, 2],
            ),
            // StarRocks: table names, query SQL and profile text, proc rows, metric labels.
            (
                "starrocks databases",
                "/starrocks/demo-starrocks/databases?db=ssb".into(),
                vec![0],
            ),
            (
                "starrocks queries",
                "/starrocks/demo-starrocks/queries".into(),
                vec![0, 2],
            ),
            (
                "starrocks proc rows",
                "/starrocks/demo-starrocks/proc?path=%2Fbackends".into(),
                vec![RTL],
            ),
            (
                "starrocks metrics",
                "/starrocks/demo-starrocks/metrics?find=jvm_heap".into(),
                vec![1],
            ),
            // Databend meta: configuration, metric labels.
            (
                "meta configuration",
                "/databend-meta/demo-meta/actions".into(),
                vec![0, 3, RTL],
            ),
            (
                "meta metrics",
                "/databend-meta/demo-meta/metrics?find=sent_bytes".into(),
                vec![1],
            ),
        ];
        let mut pairs = check_views(&b, &lab, &views).await;

        // A query's profile (opened from the list) and a BE's config values (from the cluster).
        b.open(&lab.setup.app("/starrocks/demo-starrocks/queries"))
            .await;
        b.click("a[data-query-id]").await;
        b.wait_url("a profile", |u| u.contains("profile")).await;
        assert_clean(&b, "starrocks profile", &[readable(RTL)]).await;
        views.push(("starrocks profile", String::new(), vec![RTL]));
        b.open(&lab.setup.app("/starrocks/demo-starrocks")).await;
        b.click("[data-section=be] a[data-proc-child]").await;
        b.wait_url("the node page", |u| u.contains("/node/be"))
            .await;
        assert_clean(&b, "starrocks BE config", &[readable(3)]).await;
        views.push(("starrocks BE config", String::new(), vec![3]));
        pairs += 2;
        eprintln!(
            "hostile text, CockroachDB, StarRocks, Databend meta: {} payloads x {} views ({pairs} shown as text), nothing ran",
            RTL + 1,
            views.len()
        );
    });
}

#[test]
fn a_flink_job_with_hostile_name_arguments_and_exception_is_shown_as_text() {
    e2e(|lab| async move {
        let setup = &lab.setup;
        let _cleanup = Cleanup::new(setup, "Job: hostile ");
        let name = format!("hostile {}", payload(0));
        let (jar, named) = start_test_job(
            setup,
            &[
                "--label",
                &name,
                "--note",
                &payload(1),
                "--link",
                &payload(3),
                "--long",
                &payload(RTL),
                "--rate",
                "5",
                "--keys",
                "4",
            ],
            1,
        );
        let failing = format!("hostile {}", payload(2));
        let (_, failed) = start_test_job(
            setup,
            &[
                "--label",
                &failing,
                "--fail-after",
                "5",
                "--fail-times",
                "1000000",
                "--rate",
                "20",
                "--keys",
                "4",
            ],
            1,
        );
        let _ = request("DELETE", &format!("{}/jars/{jar}", setup.flink_url), None);
        eventually(
            "the failing job's exception with the payload",
            async |last| {
                let e = get_json(setup, &format!("/jobs/{failed}/exceptions"))?;
                *last = e.to_string().chars().take(300).collect();
                e.to_string().contains("</style><style>").then_some(())
            },
        )
        .await;
        assert_eq!(live_jobs_named(setup, "Job: hostile ").len(), 2);

        let b = hostile_browser(&lab).await;
        let views = [
            (
                "flink overview",
                "/flink/demo-flink".to_string(),
                vec![0, 2],
            ),
            (
                "flink job",
                format!("/flink/demo-flink/jobs/{named}"),
                vec![0],
            ),
            (
                "flink job configuration",
                format!("/flink/demo-flink/jobs/{named}/configuration"),
                vec![1, 3, RTL],
            ),
            (
                "flink exceptions",
                format!("/flink/demo-flink/jobs/{failed}/exceptions"),
                vec![2],
            ),
        ];
        let pairs = check_views(&b, &lab, &views).await;
        eprintln!(
            "hostile text, Flink: {} payloads x {} views ({pairs} shown as text), nothing ran",
            RTL + 1,
            views.len()
        );
    });
}
