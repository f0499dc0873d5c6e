//! The data table's pager, on the home table filled by importing a registry file: page size and
//! page live in the URL and survive a reload.

use switchboard_e2e::app::table_names;
use switchboard_e2e::{e2e, eventually, Browser};

const IMPORTED: usize = 30;

fn import_file(flink_url: &str) -> String {
    let mut clusters: Vec<serde_json::Value> = (1..=IMPORTED)
        .map(|i| {
            serde_json::json!({
                "name": format!("e2e-page-{i:02}"), "system": "flink", "mode": "direct",
                "endpoints": { "jobmanager": flink_url },
            })
        })
        .collect();
    clusters.push(serde_json::json!({ "name": "e2e-bad-url", "system": "flink", "endpoints": { "jobmanager": "ftp://x" } }));
    serde_json::json!({ "version": 1, "clusters": clusters }).to_string()
}

async fn wait_page(b: &Browser, page: &str, names: &[String]) {
    eventually(
        &format!("page {page} with {} rows", names.len()),
        async |last| {
            let (p, shown) = (
                b.attr("[data-table=clusters] [data-page]", "data-page")
                    .await,
                table_names(b).await,
            );
            *last = format!("page {p:?}, rows {shown:?}");
            (p.as_deref() == Some(page) && shown == names).then_some(())
        },
    )
    .await
}

/// Opens the home page and imports the registry file of [`import_file`] through its file input.
async fn import(b: &Browser, lab: &switchboard_e2e::Lab) {
    let file = lab
        .setup
        .tmp
        .join(format!("e2e-import-{}.json", std::process::id()));
    std::fs::write(&file, import_file(&lab.setup.flink_url))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
    b.open(&lab.setup.app("/")).await;
    b.wait_for("[data-table=clusters] a[data-cluster-link=\"demo-flink\"]")
        .await;
    let input = b
        .wait_for("input[type=file][aria-label='Import clusters']")
        .await;
    input
        .send_keys(&file.display().to_string())
        .await
        .unwrap_or_else(|e| panic!("cannot pick the import file: {e}"));
    b.wait_for(&format!(
        "[data-table=clusters] [data-count=\"{}\"]",
        5 + IMPORTED
    ))
    .await;
    let _ = std::fs::remove_file(&file);
}

#[test]
fn import_says_what_it_imported_and_what_it_refused() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        import(&b, &lab).await;
        let toast = b.wait_text("[role=status]", "Imported").await;
        assert!(
            toast.contains(&format!("Imported {IMPORTED}")) && toast.contains("e2e-bad-url"),
            "import toast: {toast}"
        );
    });
}

#[test]
fn imported_clusters_page_through_the_home_table_and_the_page_survives_a_reload() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        import(&b, &lab).await;
        let total = 5 + IMPORTED;
        assert_eq!(
            b.count("a[data-cluster-link=\"e2e-bad-url\"]").await,
            0,
            "an invalid entry was imported"
        );

        let all: Vec<String> = table_names(&b).await;
        assert_eq!(all.len(), total, "one page of 100 shows every row");
        b.select(
            "[data-table=clusters] select[aria-label='Rows per page']",
            "25",
        )
        .await;
        wait_page(&b, "1", &all[..25]).await;
        assert!(
            b.texts("[data-table=clusters] [data-page]")
                .await
                .join("")
                .contains("of 2"),
            "two pages expected"
        );

        b.click("[data-table=clusters] button[aria-label='Next page']")
            .await;
        wait_page(&b, "2", &all[25..]).await;
        let url = b.url().await;
        assert!(
            url.contains("clusters.page=2") && url.contains("clusters.size=25"),
            "page state not in the address: {url}"
        );
        b.click("[data-table=clusters] button[aria-label='First page']")
            .await;
        wait_page(&b, "1", &all[..25]).await;
        b.click("[data-table=clusters] button[aria-label='Last page']")
            .await;
        wait_page(&b, "2", &all[25..]).await;

        b.open(&b.url().await).await;
        wait_page(&b, "2", &all[25..]).await;
        assert_eq!(
            b.value("[data-table=clusters] select[aria-label='Rows per page']")
                .await
                .as_deref(),
            Some("25")
        );
    });
}

#[test]
fn side_navigation_keeps_every_cluster_link_readable_when_there_are_many() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        import(&b, &lab).await;
        b.wait_for("nav a[href$='/e2e-page-30/']").await;
        let script = "return Array.from(document.querySelectorAll('nav a')).map(a => { \
            const r = a.getBoundingClientRect(); \
            return { text: a.innerText, top: r.top, bottom: r.bottom, height: r.height, needed: a.scrollHeight }; })";
        let links = b.js(script, vec![]).await;
        let links = links.as_array().cloned().unwrap_or_default();
        assert!(
            links.len() >= 5 + IMPORTED,
            "the navigation lists {} links",
            links.len()
        );
        let num = |v: &serde_json::Value, k: &str| v[k].as_f64().unwrap_or(0.0);
        for pair in links.windows(2) {
            let (a, z) = (&pair[0], &pair[1]);
            assert!(
                num(z, "top") + 0.5 >= num(a, "bottom"),
                "navigation links overlap: {a} and {z}"
            );
        }
        for l in &links {
            assert!(
                num(l, "height") + 0.5 >= num(l, "needed"),
                "a navigation link is squeezed: {l}"
            );
        }
    });
}
