//! StarRocks databases, tables and loads against the simulated cluster (`demo-starrocks`): a
//! CSV stream-loaded through the form grows the table's `_count`; a load with rejected rows shows
//! them and the lines of the BE's error log and keeps the form; failures sent with HTTP 200 are
//! errors with the server's words; the proc tree three levels deep opens from a copied link in a
//! fresh browser.

use switchboard_e2e::app::{copy_link, stream_load_file};
use switchboard_e2e::{e2e, eventually, Browser};

const CLUSTER: &str = "/starrocks/demo-starrocks";

/// The row count the table page shows.
async fn row_count(b: &Browser) -> i64 {
    eventually("the row count", async |last| {
        let v = b.attr("[data-row-count] [data-count]", "data-count").await;
        *last = format!("{v:?}");
        v?.parse().ok()
    })
    .await
}

#[test]
fn starrocks_a_csv_stream_loaded_through_the_form_grows_the_table_count() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        // From the database's tables to the table page.
        b.open(&lab.setup.app(&format!("{CLUSTER}/databases?db=demo")))
            .await;
        b.wait_for("[data-db-list] tr[data-db=demo]").await;
        b.click("[data-db-tables=demo] a[data-table-link=t]").await;
        b.wait_for("[data-table-page='demo.t']").await;
        let before = row_count(&b).await;
        b.wait_text("[data-list=schema]", "id").await;
        b.wait_text("[data-ddl-text]", "CREATE TABLE `t`").await;
        b.wait_for("[data-list=tablets] tbody tr").await;

        // Stream load three rows through the form.
        b.click("a[data-stream-load-link]").await;
        b.wait_for("[data-stream-load]").await;
        let label = format!("e2e_csv_{}", std::process::id());
        b.type_into("[data-stream-load] [data-header=label]", &label)
            .await;
        stream_load_file(&b, &lab.setup.tmp, "rows.csv", "9001\n9002\n9003\n").await;
        b.wait_text("[data-stream-load] [data-file]", "rows.csv")
            .await;
        b.click("[data-start-load]").await;
        b.wait_for("[data-load-result=Success]").await;
        b.wait_for("[data-load-result] [data-rows=loaded][data-n='3']")
            .await;
        b.wait_for("[data-load-result] [data-rows=filtered][data-n='0']")
            .await;

        // The label is VISIBLE on the FE, and the table has three rows more.
        b.click_xpath("//div[@data-load-result]//a[normalize-space(.)=\"The label's state\"]")
            .await;
        b.wait_for("[data-load-state=VISIBLE]").await;
        b.open(&lab.setup.app(&format!("{CLUSTER}/databases/demo/t")))
            .await;
        let after = eventually("the count grown by 3", async |last| {
            let n = row_count(&b).await;
            *last = format!("{before} then {n}");
            (n == before + 3).then_some(n)
        })
        .await;
        assert_eq!(after, before + 3);
    });
}

#[test]
fn starrocks_a_load_with_rejected_rows_shows_them_and_the_error_log_and_keeps_the_form() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(&format!("{CLUSTER}/databases/demo/t")))
            .await;
        let before = row_count(&b).await;
        b.open(&lab.setup.app(&format!("{CLUSTER}/loads?db=demo&table=t")))
            .await;
        b.wait_for("[data-stream-load]").await;
        b.type_into("[data-stream-load] [data-header=max_filter_ratio]", "0")
            .await;
        // One row of two values in a one-column table.
        stream_load_file(&b, &lab.setup.tmp, "bad.csv", "7001,7002\n7003\n").await;
        b.click("[data-start-load]").await;

        b.wait_for("[data-load-result=Fail]").await;
        b.wait_text(
            "[data-load-result] [data-load-message]",
            "too many filtered rows",
        )
        .await;
        b.wait_for("[data-load-result] [data-rows=filtered][data-n='1']")
            .await;
        b.wait_for("[data-load-result] [data-rows=total][data-n='2']")
            .await;
        let log = b
            .wait_text(
                "[data-error-log='1']",
                "Value count does not match column count",
            )
            .await;
        assert!(
            log.contains("7001,7002"),
            "the rejected row is in the log: {log}"
        );

        // The form keeps the file and what was typed.
        b.wait_text("[data-stream-load] [data-file]", "bad.csv")
            .await;
        assert_eq!(
            b.value("[data-stream-load] [data-header=max_filter_ratio]")
                .await
                .as_deref(),
            Some("0")
        );
        b.open(&lab.setup.app(&format!("{CLUSTER}/databases/demo/t")))
            .await;
        assert_eq!(row_count(&b).await, before, "nothing was loaded");
    });
}

#[test]
fn starrocks_failures_sent_with_http_200_show_the_server_message_as_an_error() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        // `_count` of a table that does not exist: a Jackson 404 inside an HTTP 200.
        b.open(&lab.setup.app(&format!("{CLUSTER}/databases/demo/nope")))
            .await;
        let panel = b
            .wait_text(
                "[data-row-count] [role=alert]",
                "Table [nope] does not exists",
            )
            .await;
        assert!(
            panel.contains("HTTP 200"),
            "the status it came with: {panel}"
        );
        assert_eq!(
            b.count("[data-row-count] [data-count]").await,
            0,
            "no count shown"
        );
        b.wait_text("[data-schema] [role=alert]", "Table [nope] does not exists")
            .await;
        assert_eq!(b.count("[data-list=schema]").await, 0, "no schema shown");

        // A label's state in a database that does not exist: a v1 FAILED with HTTP 200.
        b.open(&lab.setup.app(&format!("{CLUSTER}/loads?db=nope&label=x")))
            .await;
        b.wait_text(
            "[data-label-lookup] [role=alert]",
            "Database[nope] does not exist",
        )
        .await;
        assert_eq!(b.count("[data-load-state]").await, 0, "no state shown");

        // The SQL box: a query on a missing table is an error with the server's message.
        b.open(
            &lab.setup
                .app(&format!("{CLUSTER}/sql?db=demo&q=select%20*%20from%20nope")),
        )
        .await;
        b.wait_text("[role=alert] [data-server-message]", "nope")
            .await;
        assert_eq!(b.count("[data-sql-result]").await, 0, "no result shown");
        // And a good one shows rows.
        b.open(
            &lab.setup
                .app(&format!("{CLUSTER}/sql?db=demo&q=select%20*%20from%20t")),
        )
        .await;
        b.wait_for("[data-sql-result] tbody tr").await;
    });
}

#[test]
fn starrocks_proc_tree_three_levels_deep_opens_from_a_copied_link_in_a_fresh_browser() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(&format!("{CLUSTER}/proc"))).await;
        b.wait_for("[data-proc-path='/']").await;
        b.click("a[data-proc-child=dbs]").await;
        b.wait_for("[data-proc-path='/dbs']").await;
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
        b.wait_for(&format!("[data-proc-path='/dbs/{db}']")).await;
        // The third level: the table `t` of the database (its row, once the database's table
        // has replaced the list of databases).
        let table = eventually("the row of table `t` with a link", async |last| {
            let v = b
                .js(
                    "const r = [...document.querySelectorAll('table tbody tr')].find(r => [...r.cells].some(c => c.textContent.trim() === 't')); const a = r && r.querySelector('a[data-proc-child]'); return a ? a.dataset.procChild : null;",
                    vec![],
                )
                .await;
            *last = format!("{v:?}");
            v.as_str().map(str::to_string)
        })
        .await;
        b.click(&format!("a[data-proc-child='{table}']")).await;
        let path = format!("/dbs/{db}/{table}");
        b.wait_for(&format!("[data-proc-path='{path}']")).await;
        let firsts = "return [...document.querySelectorAll('table tbody tr')].map(r => r.cells[0] ? r.cells[0].textContent.trim() : '');";
        let here = b.js(firsts, vec![]).await;
        // A table's directory: its partitions, temporary partitions and index schemas.
        assert!(
            here.as_array()
                .is_some_and(|a| a.iter().any(|c| c.as_str() == Some("partitions"))),
            "no partitions row at {path}: {here:?}"
        );
        assert_eq!(
            b.attr("a[data-proc-child=partitions]", "href")
                .await
                .map(|h| h.contains(&format!("{db}%2F{table}%2Fpartitions"))
                    || h.contains(&format!("{db}/{table}/partitions"))),
            Some(true),
            "the partitions row opens {path}/partitions"
        );
        assert_eq!(
            b.texts("[data-crumbs] a").await.len(),
            4,
            "breadcrumbs / dbs db table"
        );

        // The copied link, in a fresh browser profile, opens the same table.
        let link = copy_link(&b).await;
        let other = lab.browser().await;
        other.open(&link).await;
        other.wait_for(&format!("[data-proc-path='{path}']")).await;
        let there = eventually("the same rows", async |last| {
            let t = other.js(firsts, vec![]).await;
            *last = format!("{t:?}");
            (t == here).then_some(t)
        })
        .await;
        assert_eq!(there, here);
    });
}
