//! StarRocks operator views against the simulated cluster (`demo-starrocks`): a BE config key
//! updated on the node page shows in its `/varz`; a query profile finds its slowest operator;
//! a BE counter is charted as a rate across the three BEs over the one-minute window; FE config
//! keys are set with the diff shown first and a result per key.

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
