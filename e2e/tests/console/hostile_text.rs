//! Hostile text from a server is shown as text: script and markup payloads, a `javascript:` URL,
//! a `</style>` breaker and a long right-to-left string are planted through the Druid simulator's
//! own API (a task's datasource and id, a supervisor's id and datasource) and every view that
//! shows them is opened. Nothing runs (a flag the payloads would set stays unset), no element is
//! injected, no link gets a `javascript:` target, and the text is there to read.
//!
//! The session bypasses the console's Content-Security-Policy (which would also stop inline
//! handlers), so what is tested is the app's own rendering; a control shows the same payload does
//! run when put in as HTML.

use serde_json::json;
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

/// A very long right-to-left string (the override character turns the rest around).
fn rtl() -> String {
    format!("\u{202e}exe.lanruoj-{}", "W".repeat(3000))
}

/// What a payload that ran or was parsed as markup leaves behind, or None.
const PROBE: &str =
    "return window.__pwned !== undefined ? 'the flag was set to ' + window.__pwned : \
    document.querySelector('img[src=\"x\"], svg[onload], #pwn3') ? 'an injected element' : \
    document.querySelector('a[href^=\"javascript:\" i]') ? 'a javascript: link' : null";

async fn assert_clean(b: &Browser, view: &str, readable: &[&str]) {
    // Give an image's error and a late render the time to happen.
    pause(600);
    let found = b.js(PROBE, vec![]).await;
    assert!(found.is_null(), "{view}: {found}");
    let text = eventually(&format!("{view}: the planted text shown"), async |last| {
        let t = b.page_text().await;
        *last = t.chars().take(300).collect();
        readable.iter().all(|r| t.contains(r)).then_some(t)
    })
    .await;
    assert!(!text.is_empty());
}

fn pause(ms: u64) {
    std::thread::sleep(std::time::Duration::from_millis(ms));
}

fn post(lab: &Lab, offset: u16, path: &str, body: &serde_json::Value) -> String {
    let url = format!("http://127.0.0.1:{}{path}", lab.setup.sim_port(offset));
    match request("POST", &url, Some(&body.to_string())) {
        Ok(a) if a.status == 200 => a.body,
        Ok(a) => panic!("POST {url} answered {}: {}", a.status, a.body),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn planted_script_and_markup_in_druid_names_are_shown_as_text() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.cdp("Page.setBypassCSP", json!({ "enabled": true })).await;
        b.open(&lab.setup.app("/")).await;
        // Control: the probe sees a payload that is parsed as HTML.
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

        let rtl = rtl();
        let mut names: Vec<String> = PAYLOADS.iter().map(|p| p.0.to_string()).collect();
        names.push(rtl.clone());
        // A task per payload (its datasource) and a supervisor (its id and datasource).
        for (i, name) in names.iter().enumerate() {
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
        let shown: Vec<&str> = PAYLOADS.iter().map(|p| p.1).collect();
        let rtl_start: String = rtl.chars().take(20).collect();
        let mut all: Vec<&str> = shown.clone();
        all.push(&rtl_start);
        let mut views = 0;
        for (view, path, readable) in [
            ("tasks", "/druid/demo-druid/tasks".to_string(), all.clone()),
            (
                "supervisors",
                "/druid/demo-druid/supervisors".to_string(),
                all.clone(),
            ),
            (
                "a task",
                "/druid/demo-druid/tasks/hostile-0".to_string(),
                vec![shown[0]],
            ),
            (
                "a supervisor",
                format!(
                    "/druid/demo-druid/supervisors/{}",
                    switchboard_e2e::app::encode_query_value(PAYLOADS[1].0)
                ),
                vec![shown[1]],
            ),
        ] {
            // A fresh page: the control's flag and element are gone.
            b.open(&lab.setup.app(&path)).await;
            assert_clean(&b, view, &readable).await;
            views += 1;
        }
        eprintln!(
            "hostile text: {} payloads x {views} views, nothing ran",
            PAYLOADS.len() + 1
        );
    });
}
