//! Nothing is lost and nothing is sent twice: a double-clicked submit sends one request (a form's
//! submit button and a plain primary button, each against a single click as the control); an
//! upload whose view goes away is aborted (the simulator sees the body broken off, never
//! finished); an upload that fails says how far it got and keeps the file chosen.

use serde_json::{json, Value};
use switchboard_e2e::app::stream_load_file;
use switchboard_e2e::http::request;
use switchboard_e2e::sim::Fault;
use switchboard_e2e::{e2e, eventually, Browser, Lab};

const CLUSTER: &str = "/starrocks/demo-starrocks";

/// Request log entries whose text contains `part` (method, URL, status...).
async fn logged(b: &Browser, part: &str) -> usize {
    b.texts("aside[aria-label='Request log'] [data-log-entry]")
        .await
        .iter()
        .filter(|e| e.contains(part))
        .count()
}

/// How many requests containing `part` a click on `css` (double or single) adds to the log,
/// once the log has been quiet for a while.
async fn requests_of(b: &Browser, css: &str, part: &str, double: bool) -> usize {
    let before = logged(b, part).await;
    if double {
        b.double_click(css).await;
    } else {
        b.click(css).await;
    }
    let mut last = (usize::MAX, 0);
    eventually(
        &format!("the requests of `{css}` to settle"),
        async |seen| {
            std::thread::sleep(std::time::Duration::from_millis(700));
            let n = logged(b, part).await;
            *seen = format!("{n} entries with {part}, {before} before");
            if n > before && last.0 == n {
                last.1 += 1;
            } else {
                last = (n, 0);
            }
            (last.1 >= 2).then_some(n - before)
        },
    )
    .await
}

fn sim(lab: &Lab, method: &str, path: &str, body: Option<Value>) -> Value {
    let url = format!("{}{path}", lab.setup.sim_admin_url);
    let body = body.map(|b| b.to_string());
    match request(method, &url, body.as_deref()) {
        Ok(a) if a.status == 200 => serde_json::from_str(&a.body).unwrap_or(Value::Null),
        Ok(a) => panic!("{method} {url} answered {}: {}", a.status, a.body),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_double_clicked_submit_sends_one_request() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        let mut cases = 0;
        // A plain primary button (no busy state of its own) and a form's submit button.
        for (page, button, part) in [
            (
                format!("{CLUSTER}/databases/demo/t"),
                "//button[normalize-space(.)='Get the plan']",
                "_query_plan",
            ),
            (
                format!("{CLUSTER}/sql?q=show%20databases"),
                "//form//button[@type='submit']",
                "POST ",
            ),
        ] {
            b.open(&lab.setup.app(&page)).await;
            b.click_button("Requests").await;
            b.wait_for("aside[aria-label='Request log']").await;
            // Mark the button so that a CSS selector reaches it.
            eventually(&format!("the button {button}"), async |_| {
                b.js(
                    "const e = document.evaluate(arguments[0], document, null, 9, null).singleNodeValue; \
                     if (e) e.setAttribute('data-e2e-submit', ''); return !!e;",
                    vec![json!(button)],
                )
                .await
                .as_bool()
                .filter(|x| *x)
            })
            .await;
            let once = requests_of(&b, "[data-e2e-submit]", part, false).await;
            let twice = requests_of(&b, "[data-e2e-submit]", part, true).await;
            assert!(once >= 1, "{page}: a click sent no request");
            assert_eq!(
                twice, once,
                "{page}: a double click sent {twice} requests, a click {once}"
            );
            cases += 1;
        }
        eprintln!("double submit: {cases} of {cases} double clicks sent what one click sends");
    });
}

/// Writes a file of `mb` megabytes of CSV rows and chooses it in the stream load form.
async fn choose_big_file(b: &Browser, lab: &Lab, mb: usize) -> std::path::PathBuf {
    let line = "123456789012345\n";
    stream_load_file(
        b,
        &lab.setup.tmp,
        "big-load.csv",
        &line.repeat(mb * 1024 * 1024 / line.len()),
    )
    .await
}

/// Starts a stream load of a 32 MB file the simulator reads at 1 MB/s, and waits until the
/// simulator has a part of it.
async fn start_slow_load(b: &Browser, lab: &Lab) -> std::path::PathBuf {
    sim(
        lab,
        "POST",
        "/_sim/uploads",
        Some(json!({"bytes_per_sec": 1 << 20, "reset": true})),
    );
    b.open(&lab.setup.app(&format!("{CLUSTER}/loads?db=demo&table=t")))
        .await;
    b.wait_for("[data-stream-load]").await;
    let path = choose_big_file(b, lab, 32).await;
    b.wait_text("[data-stream-load] [data-file]", "big-load.csv")
        .await;
    b.click("[data-start-load]").await;
    eventually(
        "the simulator to receive a part of the upload",
        async |last| {
            let u = sim(lab, "GET", "/_sim/uploads", None);
            *last = u.to_string();
            (u["started"] == 1 && u["bytes"].as_u64().unwrap_or(0) > 1 << 20).then_some(())
        },
    )
    .await;
    path
}

#[test]
fn an_upload_whose_view_goes_away_is_aborted() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        let path = start_slow_load(&b, &lab).await;
        b.wait_text("[data-stream-load] [data-progress]", "of 32.0 MB")
            .await;
        // Away to another view of the console (the page stays, the form goes).
        b.click_nav("SQL").await;
        b.wait_gone("[data-stream-load]").await;
        std::thread::sleep(std::time::Duration::from_secs(1));
        // The simulator now reads as fast as bytes come. What the socket buffers between the
        // browser, the proxy and the simulator already hold (up to some 20 MB on loopback) arrives
        // at once; an upload still running would then finish within a second or two, an aborted
        // one ends short of its 32 MB.
        sim(
            &lab,
            "POST",
            "/_sim/uploads",
            Some(json!({"bytes_per_sec": 0})),
        );
        let u = eventually("the simulator to see the upload broken off", async |last| {
            let u = sim(&lab, "GET", "/_sim/uploads", None);
            *last = u.to_string();
            assert_eq!(u["completed"], 0, "the upload still finished: {u}");
            (u["aborted"] == 1).then_some(u)
        })
        .await;
        std::thread::sleep(std::time::Duration::from_secs(2));
        let later = sim(&lab, "GET", "/_sim/uploads", None);
        let _ = std::fs::remove_file(path);
        assert_eq!(later["completed"], 0, "the upload still finished: {later}");
        eprintln!(
            "upload abort: the view went away after {} of 33554432 bytes; the simulator saw it aborted",
            u["bytes"]
        );
    });
}

#[test]
fn a_failed_upload_says_how_far_it_got_and_keeps_the_file() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        let path = start_slow_load(&b, &lab).await;
        b.wait_text("[data-stream-load] [data-progress]", "of 32.0 MB")
            .await;
        // The BEs go away mid-upload: the connection is dropped.
        let fault = Fault::set(&lab.setup, "starrocks", "refuse");
        let said = b
            .wait_text("[data-stream-load] [data-upload-sent]", "failed after")
            .await;
        drop(fault);
        sim(
            &lab,
            "POST",
            "/_sim/uploads",
            Some(json!({"bytes_per_sec": 0})),
        );
        let _ = std::fs::remove_file(path);
        assert!(
            said.contains(" of 32.0 MB") && said.contains("still chosen"),
            "{said}"
        );
        b.wait_for("[data-stream-load] [role=alert]").await;
        let file = b.texts("[data-stream-load] [data-file]").await;
        assert!(
            file.iter().any(|f| f.contains("big-load.csv")),
            "the file is no longer chosen: {file:?}"
        );
        // The file input still holds it, so Retry sends it again.
        let held = b
            .js(
                "return document.querySelector('[data-stream-load] input[type=file]').files.length",
                vec![],
            )
            .await;
        assert_eq!(held, 1, "the file input lost the file");
    });
}
