//! Druid data: the datasources list filtered by name opens the same rows from a copied address
//! in another browser; marking an interval unused through the datasource's form lowers the
//! segment count it shows; the timeline tab draws its chart.

use switchboard_e2e::app::{assert_no_error_panel, confirm_dialog, open_tab, path_and_query};
use switchboard_e2e::{e2e, eventually, Browser};

const LIST_ROWS: &str = "[data-table=ds] tbody td a";

/// The datasource names shown in the list (the current page).
async fn names(b: &Browser) -> Vec<String> {
    b.texts(LIST_ROWS).await
}

/// The segment count shown on a datasource's overview.
async fn segment_count(b: &Browser) -> i64 {
    eventually("the segment count", async |last| {
        let v = b.attr("[data-segment-count]", "data-segment-count").await;
        *last = format!("{v:?}");
        v.and_then(|v| v.parse().ok())
    })
    .await
}

#[test]
fn a_filtered_datasource_list_opens_the_same_rows_from_its_address() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app("/druid/demo-druid/datasources"))
            .await;
        let all = eventually("several datasources", async |last| {
            let n = names(&b).await;
            *last = format!("{n:?}");
            (n.len() > 1).then_some(n)
        })
        .await;
        assert!(all.iter().any(|n| n == "kttm"), "no kttm in {all:?}");
        b.type_into("[data-table=ds] input[data-filter=name]", "kttm")
            .await;
        let url = b
            .wait_url("the filter in the address", |u| u.contains("kttm"))
            .await;
        let filtered = eventually("only kttm", async |last| {
            let n = names(&b).await;
            *last = format!("{n:?}");
            (n == ["kttm"]).then_some(n)
        })
        .await;
        assert_no_error_panel(&b).await;

        let other = lab.browser().await;
        other.open(&url).await;
        let same = eventually("the same rows in the other browser", async |last| {
            let n = names(&other).await;
            *last = format!("{n:?}");
            (n == filtered).then_some(n)
        })
        .await;
        assert_eq!(same, filtered);
        assert_eq!(
            path_and_query(&other.url().await),
            path_and_query(&url),
            "the other browser did not keep the address"
        );
        assert_eq!(
            other
                .value("[data-table=ds] input[data-filter=name]")
                .await
                .as_deref(),
            Some("kttm")
        );
    });
}

#[test]
fn marking_an_interval_unused_lowers_the_segment_count_and_the_timeline_draws() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        let ds = "/druid/demo-druid/datasources/metrics_infra";
        // An interval of the datasource, from its Intervals tab (newest first).
        b.open(&lab.setup.app(&format!("{ds}/intervals"))).await;
        let interval = eventually("an interval", async |last| {
            let t = b.texts("[data-table=ivs] tbody tr td").await;
            *last = format!("{t:?}");
            t.into_iter().find(|t| t.contains('/'))
        })
        .await;

        b.open(&lab.setup.app(ds)).await;
        let before = segment_count(&b).await;
        assert!(before > 0, "no segments to begin with");
        b.type_into("[data-mark-interval]", &interval).await;
        b.wait_text("[data-mark-validation]", "Ready").await;
        b.click_xpath("//section[@data-ds-actions]//button[normalize-space(.)='Mark unused']")
            .await;
        confirm_dialog(&b, "Mark unused").await;
        let result = b.wait_text("[data-action-result]", "changed").await;
        assert!(
            result.contains("Mark unused") && !result.contains(": 0 segment"),
            "result: {result}"
        );
        let after = eventually("a lower segment count", async |last| {
            let n = segment_count(&b).await;
            *last = format!("before {before}, now {n}");
            (n < before).then_some(n)
        })
        .await;
        let shown = b.wait_text("[data-count-change]", "→").await;
        let change = (
            b.attr("[data-count-change]", "data-before").await,
            b.attr("[data-count-change]", "data-after").await,
        );
        assert_eq!(
            change,
            (Some(before.to_string()), Some(after.to_string())),
            "the change line does not say {before} → {after}: {shown}"
        );

        // The segments now unused are listed by the Segments tab, within that interval.
        b.open(&lab.setup.app(&format!(
            "{ds}/segments?source=unused&in={}",
            interval.replace('/', "%2F")
        )))
        .await;
        let unused = eventually("the unused segments of the interval", async |last| {
            let n = b.attr("[data-unused-count]", "data-unused-count").await;
            *last = format!("{n:?}; {:?}", b.texts("[data-table=segs] tbody tr").await);
            n.and_then(|n| n.parse::<i64>().ok()).filter(|n| *n > 0)
        })
        .await;
        assert!(
            unused >= before - after,
            "{unused} unused segments listed, the count dropped by {}",
            before - after
        );
        let cells = b.texts("[data-table=segs] tbody tr td").await;
        assert!(
            cells.iter().any(|c| c == &interval),
            "the interval {interval} is not among the rows: {cells:?}"
        );
        b.open(&lab.setup.app(ds)).await;

        // Both or neither refused before sending.
        b.type_into("[data-mark-interval]", &interval).await;
        b.wait_text("[data-mark-validation]", "Ready").await;
        b.type_into("[data-mark-ids]", "some_segment_id").await;
        b.wait_text("[data-mark-validation]", "not both").await;

        open_tab(&b, "//body", "Timeline").await;
        b.wait_for("[data-timeline] svg[data-chart=count] rect")
            .await;
        b.wait_for("[data-timeline] svg[data-chart=size] rect")
            .await;
        assert!(b.count("svg[data-chart=count] rect").await > 0);
        assert_no_error_panel(&b).await;
    });
}
