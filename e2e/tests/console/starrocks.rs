//! StarRocks against the simulated cluster (`demo-starrocks`: one FE, three BEs, one CN): the
//! cluster view lists the nodes, the proc browser walks `/dbs` into a database and its link
//! opens the same table in another browser, and the metrics page charts an FE series.

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
    });
}
