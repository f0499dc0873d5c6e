//! StarRocks operator views against the simulated cluster (`demo-starrocks`): a BE config key
//! updated on the node page shows in its `/varz`; a query profile finds its slowest operator;
//! a BE counter is charted as a rate across the three BEs over the one-minute window; FE config
//! keys are set with the diff shown first and a result per key; colocate groups change stability
//! and bucket sequence; pprof answers are shown or saved and the BE downloads are saved.

use switchboard_e2e::app::confirm_dialog;
use switchboard_e2e::{e2e, eventually};

const CLUSTER: &str = "/starrocks/demo-starrocks";

/// A value that differs from run to run (the simulator keeps state between tests).
fn fresh(base: u64) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    (base + secs % 100_000).to_string()
}

#[test]
fn starrocks_be_config_update_shows_in_varz() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(CLUSTER)).await;
        // The backend rows open their node page.
        b.click("[data-section=be] a[data-proc-child]").await;
        b.wait_url("the node page", |u| u.contains("/node/be"))
            .await;
        b.wait_for("[data-node-health] [data-health-status=OK]")
            .await;
        b.wait_for("[data-varz-key=tablet_max_versions]").await;
        let keys = b.count("[data-varz-key]").await;
        assert!(keys > 3, "only {keys} varz rows");

        // Two keys, sent one per request: one known, one not.
        let v = fresh(2000);
        b.type_into(
            "[data-update-input]",
            &format!("tablet_max_versions = {v}\nno_such_key = 1"),
        )
        .await;
        b.click("[data-update-send]").await;
        b.wait_for("tr[data-sent=tablet_max_versions][data-result=updated]")
            .await;
        b.wait_text(
            "tr[data-sent=no_such_key][data-result=failed]",
            "Config not found",
        )
        .await;
        b.wait_text("[data-varz-key=tablet_max_versions] [data-varz-value]", &v)
            .await;

        // The table is searchable.
        b.type_into("[data-varz-search]", "max_versions").await;
        eventually("one varz row for the search", async |last| {
            let n = b.count("[data-varz-key]").await;
            *last = format!("{n} rows");
            (n == 1).then_some(())
        })
        .await;
    });
}

#[test]
fn starrocks_query_profile_finds_its_slowest_operator() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(&format!("{CLUSTER}/queries"))).await;
        b.click("a[data-query-id]").await;
        b.wait_url("the profile's address", |u| u.contains("/profile?id="))
            .await;
        b.wait_for("[data-profile-tree] [data-operator=true]").await;
        // The operator with the largest time, read from the page.
        let expected = b
            .js(
                "let best = null, t = -1; for (const n of document.querySelectorAll('[data-operator=true]')) { const s = n.querySelector(':scope > div > [data-time-ns]'); const v = s ? parseFloat(s.dataset.timeNs) : -1; if (v > t) { t = v; best = n.dataset.node; } } return best;",
                vec![],
            )
            .await;
        let expected = expected
            .as_str()
            .expect("an operator with a time")
            .to_string();
        assert_eq!(
            b.attr("[data-slowest]", "data-node").await.as_deref(),
            Some(expected.as_str())
        );

        // Collapse everything, then jump: the slowest operator is opened and focused.
        b.click_button("Collapse all").await;
        b.click("[data-jump-slowest]").await;
        b.wait_for("[data-focused]").await;
        assert_eq!(
            b.attr("[data-focused]", "data-node").await.as_deref(),
            Some(expected.as_str())
        );
        let shown = b
            .js(
                &format!("const e = document.querySelector(\"[data-node='{expected}']\"); return e.offsetParent !== null;"),
                vec![],
            )
            .await;
        assert_eq!(
            shown.as_bool(),
            Some(true),
            "the slowest operator is visible"
        );

        // A search keeps the matching sections only.
        b.type_into("[data-profile-search]", "RawRowsRead").await;
        eventually("the summary hidden by the search", async |last| {
            let v = b
                .js(
                    "const n = [...document.querySelectorAll('[data-node-name]')].find(e => e.dataset.nodeName === 'Summary'); return n ? n.offsetParent === null : null;",
                    vec![],
                )
                .await;
            *last = format!("{v:?}");
            (v.as_bool() == Some(true)).then_some(())
        })
        .await;
    });
}

#[test]
fn starrocks_be_counter_charted_as_a_rate_across_backends() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(&format!("{CLUSTER}/metrics/across")))
            .await;
        b.wait_for("[data-across-nodes='3']").await;
        b.type_into("[data-across-find]", "query_scan_rows").await;
        b.click("tr[data-across-series=starrocks_be_query_scan_rows] [data-across-rate]")
            .await;
        b.wait_url("the series in the address", |u| u.contains("across=rate"))
            .await;
        b.wait_for("[data-across-chart=starrocks_be_query_scan_rows][data-rate=true]")
            .await;
        // Every BE gets a line of rates within the one-minute window.
        eventually("rates of the three BEs", async |last| {
            let points = b
                .attr("[data-across-chart]", "data-points")
                .await
                .and_then(|p| p.parse::<usize>().ok())
                .unwrap_or(0);
            let lines = b.count("[data-across-chart] figure svg path").await;
            *last = format!("{points} points per BE, {lines} lines");
            (points >= 4 && lines == 3).then_some(())
        })
        .await;
        let text = b.texts("[data-across-chart]").await.join(" ");
        assert_eq!(
            text.matches("be:").count(),
            3,
            "one legend entry per BE: {text}"
        );
    });
}

#[test]
fn starrocks_fe_config_is_set_after_its_diff() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(&format!("{CLUSTER}/config"))).await;
        let v = fresh(10_000);
        b.type_into(
            "[data-config-input]",
            &format!("qe_slow_log_ms = {v}\nno_such_config = 1"),
        )
        .await;
        b.wait_text("[data-diff=fe-config]", &format!("+ qe_slow_log_ms = {v}"))
            .await;
        b.click_button("Apply").await;
        confirm_dialog(&b, "Set").await;
        b.wait_text("tr[data-key=qe_slow_log_ms][data-result=set]", &v)
            .await;
        b.wait_text("tr[data-key=no_such_config][data-result=err]", "not set")
            .await;

        // The value set is the old side of the next diff.
        let next = (v.parse::<u64>().unwrap_or(0) + 1).to_string();
        b.type_into("[data-config-input]", &format!("qe_slow_log_ms = {next}"))
            .await;
        b.wait_text("[data-diff=fe-config]", &format!("- qe_slow_log_ms = {v}"))
            .await;
        b.wait_text(
            "[data-diff=fe-config]",
            &format!("+ qe_slow_log_ms = {next}"),
        )
        .await;
    });
}

/// Records what the page offers for download (the blob's name, size and text) in
/// `window.__downloads`, since a headless browser keeps no file a test could read.
async fn record_downloads(b: &switchboard_e2e::Browser) {
    b.js(
        "if (!window.__downloads) { window.__downloads = []; const make = URL.createObjectURL; URL.createObjectURL = function (blob) { const rec = { name: null, size: blob.size, text: null }; window.__downloads.push(rec); blob.text().then(t => { rec.text = t; }); return make.call(URL, blob); }; const click = HTMLAnchorElement.prototype.click; HTMLAnchorElement.prototype.click = function () { const last = window.__downloads[window.__downloads.length - 1]; if (this.download && last && last.name === null) { last.name = this.download; } return click.call(this); }; }",
        vec![],
    )
    .await;
}

/// The downloads recorded so far, as `(name, size, text)`.
async fn downloads(b: &switchboard_e2e::Browser) -> Vec<(String, u64, String)> {
    let v = b.js("return window.__downloads || [];", vec![]).await;
    v.as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["name"].as_str().unwrap_or_default().to_string(),
                d["size"].as_u64().unwrap_or(0),
                d["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Waits for a download whose name starts with `name` and returns its size and text.
async fn downloaded(b: &switchboard_e2e::Browser, name: &str) -> (u64, String) {
    eventually(&format!("the download of {name}"), async |last| {
        let all = downloads(b).await;
        *last = format!("{all:?}");
        all.into_iter()
            .find(|(n, size, text)| n.starts_with(name) && (*size == 0 || !text.is_empty()))
            .map(|(_, size, text)| (size, text))
    })
    .await
}

#[test]
fn starrocks_colocate_groups_change_stability_and_bucket_sequence() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(&format!("{CLUSTER}/admin"))).await;
        let row = "[data-colocate] tr[data-group]";
        b.wait_for(row).await;
        b.click(&format!("{row} [data-pick-group]")).await;
        let buckets = b
            .value("[data-colocate-field=body]")
            .await
            .unwrap_or_default();
        assert!(
            buckets.starts_with("[["),
            "the group's bucket sequence is picked: {buckets}"
        );

        // Unstable, then stable again: the list read after each action says so.
        b.click_button("Mark unstable").await;
        confirm_dialog(&b, "Send").await;
        b.wait_text("[data-outcome=colocate][data-ok]", "group_unstable")
            .await;
        b.wait_for(&format!("{row}[data-state=unstable]")).await;
        b.click_button("Mark stable").await;
        confirm_dialog(&b, "Send").await;
        b.wait_text("[data-outcome=colocate][data-ok]", "group_stable")
            .await;
        b.wait_for(&format!("{row}[data-state=stable]")).await;

        // A bucket sequence of the wrong length is refused with HTTP 200: an error, the group
        // unchanged and the body kept.
        b.type_into("[data-colocate-field=body]", "[[10001]]").await;
        b.click_button("Update bucket sequence").await;
        confirm_dialog(&b, "Send").await;
        let err = b
            .wait_text("[data-outcome=colocate][data-failed]", "Invalid bucket num")
            .await;
        assert!(err.contains("HTTP 200"), "the status it came with: {err}");
        assert_eq!(b.count(&format!("{row}[data-state=stable]")).await, 1);
        assert_eq!(
            b.value("[data-colocate-field=body]").await.as_deref(),
            Some("[[10001]]")
        );
        // Its own sequence is taken, which leaves the group unstable until it is rebalanced.
        b.type_into("[data-colocate-field=body]", &buckets).await;
        b.click_button("Update bucket sequence").await;
        confirm_dialog(&b, "Send").await;
        b.wait_text("[data-outcome=colocate][data-ok]", "bucketseq")
            .await;
        b.wait_for(&format!("{row}[data-state=unstable]")).await;

        // Update group takes a table and is_join; this cluster's tables cannot change group.
        b.type_into("[data-colocate-field=table_id]", "1").await;
        b.click_button("Update group").await;
        confirm_dialog(&b, "Send").await;
        b.wait_text("[data-outcome=colocate][data-failed]", "HTTP 400")
            .await;

        // Back to stable for the next run.
        b.click_button("Mark stable").await;
        confirm_dialog(&b, "Send").await;
        b.wait_for(&format!("{row}[data-state=stable]")).await;
    });
}

#[test]
fn starrocks_node_pprof_and_downloads() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        // The cluster token, as the FE's /check says it; a tablet of table t.
        b.open(&lab.setup.app(CLUSTER)).await;
        let token = b
            .wait_text("[data-fe-meta=check][data-ok=true] dd", "-")
            .await
            .trim()
            .to_string();
        b.open(&lab.setup.app(&format!("{CLUSTER}/databases/demo/t")))
            .await;
        b.wait_for("[data-list=tablets] tbody tr").await;
        let tablet = b
            .js("return document.querySelector('[data-list=tablets] tbody tr').cells[2].textContent.trim();", vec![])
            .await
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(tablet.parse::<u64>().is_ok(), "a tablet id: {tablet:?}");

        b.open(&lab.setup.app(CLUSTER)).await;
        b.click("[data-section=be] a[data-proc-child]").await;
        b.wait_for("[data-node-health] [data-health-status=OK]")
            .await;
        record_downloads(&b).await;

        // pprof: a text answer is shown (and saved), a binary one only saved, and a text
        // answer that says profiling is not available is an error.
        b.click("[data-pprof-run=cmdline]").await;
        b.wait_text("[data-outcome=pprof][data-ok]", "starrocks_be")
            .await;
        let (_, text) = downloaded(&b, "pprof-cmdline-be_").await;
        assert!(text.contains("starrocks_be"), "{text}");
        b.click("[data-pprof-run=heap]").await;
        b.wait_text("[data-outcome=pprof][data-failed]", "not available")
            .await;
        b.click("[data-pprof-run=profile]").await;
        let shown = b
            .wait_text("[data-outcome=pprof][data-ok]", "binary profile")
            .await;
        assert!(
            !shown.contains("--- profile"),
            "a binary profile is not rendered: {shown}"
        );
        let (size, _) = downloaded(&b, "pprof-profile-be_").await;
        assert!(size > 0);
        assert!(
            !downloads(&b)
                .await
                .iter()
                .any(|(n, _, _)| n.contains("heap")),
            "a failed profile is not saved"
        );

        // The tablet meta header, asked with HEAD: there for the tablet, 404 for another.
        b.type_into("[data-field=tablet]", &tablet).await;
        b.click("[data-tool='Tablet meta header (HEAD)']").await;
        b.wait_text("[data-outcome=tool][data-ok]", "HEAD answered OK")
            .await;
        b.type_into("[data-field=tablet]", "1").await;
        b.click("[data-tool='Tablet meta header (HEAD)']").await;
        b.wait_text("[data-outcome=tool][data-failed]", "404").await;

        // A snapshot of the tablet, then its header file through _tablet/_download.
        b.type_into("[data-field=tablet]", &tablet).await;
        b.click_button("Snapshot").await;
        confirm_dialog(&b, "Run").await;
        let dir = b
            .wait_text("[data-outcome=tool][data-ok] pre", "/snapshot/")
            .await
            .trim()
            .to_string();
        let file = format!("{dir}/{tablet}.hdr");
        b.type_into("[data-field=file]", &file).await;
        b.type_into("[data-field=token]", "not-the-token").await;
        b.click("[data-download='_tablet/_download']").await;
        b.wait_text("[data-outcome=download][data-failed]", "invalid token")
            .await;
        b.type_into("[data-field=token]", &token).await;
        b.click("[data-download='_tablet/_download']").await;
        b.wait_text("[data-outcome=download][data-ok]", &format!("{tablet}.hdr"))
            .await;
        let (size, text) = downloaded(&b, &format!("{tablet}.hdr")).await;
        assert!(size > 0 && text.contains(&tablet), "{size} bytes: {text:?}");
        // A load file that is not there.
        b.type_into("[data-field=file]", "/opt/starrocks/be/storage/nope")
            .await;
        b.click("[data-download='_download_load']").await;
        b.wait_text("[data-outcome=download][data-failed]", "file not exist")
            .await;
        // The error log of an earlier load.
        b.type_into("[data-field=file]", "error_log_insert_stmt_seed_0001")
            .await;
        b.click("[data-download='_load_error_log']").await;
        b.wait_text(
            "[data-outcome=download][data-ok]",
            "error_log_insert_stmt_seed_0001",
        )
        .await;
        let (_, log) = downloaded(&b, "error_log_insert_stmt_seed_0001").await;
        assert!(log.contains("Value count does not match"), "{log}");
    });
}
