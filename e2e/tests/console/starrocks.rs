//! StarRocks against the simulated cluster (`demo-starrocks`: one FE, three BEs, one CN): the
//! cluster view lists the nodes, the proc browser walks `/dbs` into a database and its link
//! opens the same table in another browser, the FE node panel shows the meta service and checks
//! decommission, and the metrics page charts an FE series from the text and the JSON form.

use switchboard_e2e::{e2e, eventually};

const CLUSTER: &str = "/starrocks/demo-starrocks";

#[test]
fn starrocks_cluster_shows_three_backends_and_one_compute_node() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(CLUSTER)).await;
        b.wait_for("[data-be-online='3'][data-be-total='3']").await;
        b.wait_for("[data-section=be] [data-count='3']").await;
        b.wait_for("[data-section=cn] [data-count='1']").await;
        b.wait_for("[data-section=fe] [data-count='1']").await;
        b.wait_text("[data-ha]", "LEADER").await;
        b.wait_for("[data-databases] tr[data-db=demo]").await;
    });
}

#[test]
fn starrocks_fe_node_shows_its_meta_service_and_checks_decommission() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(CLUSTER)).await;
        b.wait_text("[data-fe-meta=role][data-ok=true]", "LEADER")
            .await;
        b.wait_text("[data-fe-meta=replay][data-ok=true]", "OK")
            .await;
        b.wait_for("[data-fe-meta=journal][data-ok=true] dd").await;
        b.wait_text("[data-fe-meta=version][data-ok=true]", "runMode")
            .await;
        b.wait_text("[data-fe-meta=info][data-ok=true]", "imageJournalId")
            .await;
        let image = b
            .wait_text("[data-fe-meta=info][data-ok=true] dd", "")
            .await
            .trim()
            .to_string();
        assert!(
            image.parse::<u64>().is_ok(),
            "an image journal id: {image:?}"
        );

        // The image of that journal id is downloaded; another is not there.
        b.type_into("[data-image-version]", &image).await;
        b.click("[data-image-download]").await;
        b.wait_text("[data-outcome=image][data-ok]", &format!("image.{image}: "))
            .await;
        b.type_into("[data-image-version]", "1").await;
        b.click("[data-image-download]").await;
        b.wait_text("[data-outcome=image][data-failed]", "404")
            .await;

        // The decommission check: a BE the FE does not know is refused with HTTP 200; the
        // form keeps what was typed; a malformed entry is named before anything is sent.
        b.type_into("[data-decommission-hosts]", "nohost:9050")
            .await;
        b.click_button("Check…").await;
        switchboard_e2e::app::confirm_dialog(&b, "Check").await;
        let err = b
            .wait_text(
                "[data-outcome=decommission][data-failed]",
                "Backend does not exist",
            )
            .await;
        assert!(err.contains("HTTP 200"), "{err}");
        assert_eq!(
            b.value("[data-decommission-hosts]").await.as_deref(),
            Some("nohost:9050")
        );
        b.type_into("[data-decommission-hosts]", "nohost").await;
        b.click_button("Check…").await;
        switchboard_e2e::app::confirm_dialog(&b, "Check").await;
        b.wait_text("[data-decommission] [data-invalid]", "'nohost'")
            .await;
        // A BE added from the list passes.
        b.type_into("[data-decommission-hosts]", "").await;
        b.click("[data-add-be]").await;
        b.click_button("Check…").await;
        switchboard_e2e::app::confirm_dialog(&b, "Check").await;
        b.wait_text("[data-outcome=decommission][data-ok]", "Success")
            .await;

        // The dump says where it was written.
        b.click_button("Dump metadata…").await;
        switchboard_e2e::app::confirm_dialog(&b, "Dump").await;
        b.wait_text("[data-outcome=dump][data-ok]", "dump written to /")
            .await;
    });
}

#[test]
fn starrocks_proc_browser_opens_a_database_and_its_link_opens_the_same_table() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(&format!("{CLUSTER}/proc"))).await;
        b.wait_for("[data-proc-path='/']").await;
        b.click("a[data-proc-child=dbs]").await;
        b.wait_for("[data-proc-path='/dbs']").await;
        b.wait_url("the path in the address", |u| u.contains("path="))
            .await;
        // Open the tables of the database `demo`.
        let db = eventually("the row of `demo` with a link", async |last| {
            let v = b
                .js(
                    "const r = [...document.querySelectorAll('tr')].find(r => [...r.cells].some(c => c.textContent.trim() === 'demo')); const a = r && r.querySelector('a[data-proc-child]'); return a ? a.dataset.procChild : null;",
                    vec![],
                )
                .await;
            *last = format!("{v:?}");
            v.as_str().map(str::to_string)
        })
        .await;
        b.click(&format!("a[data-proc-child='{db}']")).await;
        let path = format!("/dbs/{db}");
        b.wait_for(&format!("[data-proc-path='{path}']")).await;
        let url = b.url().await;
        let here = b.texts("table tbody tr").await;
        assert!(!here.is_empty(), "no rows at {path}");

        // The copied link opens the same table elsewhere.
        let other = lab.browser().await;
        other.open(&url).await;
        other.wait_for(&format!("[data-proc-path='{path}']")).await;
        let there = eventually("the same rows", async |last| {
            let t = other.texts("table tbody tr").await;
            *last = format!("{t:?}");
            (t.len() == here.len()).then_some(t)
        })
        .await;
        assert_eq!(there.len(), here.len());

        // An unknown path is said to be one.
        b.open(&lab.setup.app(&format!("{CLUSTER}/proc?path=%2Fnope")))
            .await;
        b.wait_for("[data-proc-empty]").await;
    });
}

#[test]
fn starrocks_metrics_chart_an_fe_series() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(&format!("{CLUSTER}/metrics"))).await;
        b.wait_for("[data-key-panel]").await;
        eventually("an FE series drawn", async |last| {
            let lines = b.count("[data-key-panel] figure svg path").await;
            let scrapes = b.attr("[data-scrapes]", "data-scrapes").await;
            *last = format!("{lines} lines after {scrapes:?} scrapes");
            (lines >= 1).then_some(())
        })
        .await;
        assert_eq!(b.count("[data-key-panel] figure").await, 3);

        // The FE's JSON form, read into the same series: the same key charts are drawn.
        b.select("[data-format-picker]", "json").await;
        b.wait_url("the format in the address", |u| u.contains("format=json"))
            .await;
        b.wait_for("[data-format=json]").await;
        eventually("an FE series drawn from the JSON form", async |last| {
            let lines = b.count("[data-key-panel] figure svg path").await;
            let scrapes = b.attr("[data-scrapes]", "data-scrapes").await;
            let error = b.texts("[data-metrics-error]").await;
            *last = format!("{lines} lines after {scrapes:?} scrapes, errors {error:?}");
            (lines >= 2 && scrapes.and_then(|s| s.parse::<u32>().ok()).unwrap_or(0) >= 2)
                .then_some(())
        })
        .await;
        assert_eq!(b.count("[data-metrics-error]").await, 0);
    });
}
