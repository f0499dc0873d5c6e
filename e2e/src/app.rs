//! What a user sees of the console, read through its DOM hooks (`data-*` attributes, roles and
//! labels): the cluster table, health badges, error panels, the API explorer's JSON viewer.

use crate::browser::Browser;
use crate::wait::{eventually, eventually_within};
use std::time::Duration;

/// The clusters of the demo deployment (`demo/proxy.toml`).
pub const DEMO_CLUSTERS: [&str; 5] = [
    "demo-druid",
    "demo-cockroach",
    "demo-starrocks",
    "demo-meta",
    "demo-flink",
];

/// CSS of the error panels (failed requests); field errors of forms are not among them.
pub const ERROR_PANEL: &str = "[role=alert][data-error-kind]";

/// How long a health badge may take to turn Ok (the first check of each cluster runs at once;
/// a slow upstream answers within the app's 10 s health timeout).
pub const HEALTH_TIMEOUT: Duration = Duration::from_secs(30);

/// Percent-encodes a query value (everything but unreserved characters and `/`).
pub fn encode_query_value(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The app path of the API explorer of `cluster` showing `target` + `path`.
pub fn explorer_path(system: &str, cluster: &str, target: &str, path: &str) -> String {
    format!(
        "/{system}/{cluster}/api?target={}&path={}",
        encode_query_value(target),
        encode_query_value(path)
    )
}

/// The names in the clusters table, top to bottom (the current page).
pub async fn table_names(b: &Browser) -> Vec<String> {
    b.texts("[data-table=clusters] tbody a[data-cluster-link]")
        .await
}

/// The tone (`Ok`, `Warn`, `Bad`, `Unknown`) of the health badge of `cluster` on the page.
pub async fn health_tone(b: &Browser, cluster: &str) -> Option<String> {
    b.attr(
        &format!("[data-health=\"{cluster}\"] [data-tone]"),
        "data-tone",
    )
    .await
}

/// Waits until the health badge of `cluster` is Ok; panics with the badge's last text otherwise.
pub async fn wait_healthy(b: &Browser, cluster: &str) {
    eventually_within(
        &format!("the health badge of {cluster} to be Ok"),
        HEALTH_TIMEOUT,
        async |last| {
            let tone = health_tone(b, cluster).await;
            let text = b
                .texts(&format!("[data-health=\"{cluster}\"]"))
                .await
                .join(" ");
            *last = format!(
                "tone {tone:?}, text '{text}', title {:?}",
                b.attr(&format!("[data-health=\"{cluster}\"]"), "title")
                    .await
            );
            (tone.as_deref() == Some("Ok")).then_some(())
        },
    )
    .await
}

/// The text of every error panel on the page.
pub async fn error_panels(b: &Browser) -> Vec<String> {
    b.texts(ERROR_PANEL).await
}

/// Asserts that the page shows no error panel.
pub async fn assert_no_error_panel(b: &Browser) {
    let panels = error_panels(b).await;
    assert!(
        panels.is_empty(),
        "the page shows error panels at {}: {panels:?}",
        b.url().await
    );
}

/// Types `term` into the JSON viewer's search box and returns the hits it lists
/// (`.path = value` lines), once there is at least `at_least` of them.
pub async fn json_search(b: &Browser, term: &str, at_least: usize) -> Vec<String> {
    b.type_into("input[aria-label='Search JSON']", term).await;
    eventually(
        &format!("at least {at_least} JSON search hits for '{term}'"),
        async |last| {
            let hits = b.texts("[data-hits] > div").await;
            *last = format!("{hits:?}");
            (hits.len() >= at_least && !hits.iter().any(|h| h == "No match.")).then_some(hits)
        },
    )
    .await
}

/// Waits until the API explorer shows a response (JSON viewer or text) and returns its text.
pub async fn explorer_response(b: &Browser) -> String {
    eventually("the API explorer to show a response", async |last| {
        if !b.texts(ERROR_PANEL).await.is_empty() {
            *last = format!("error panel: {:?}", b.texts(ERROR_PANEL).await);
            return None;
        }
        let json = b.texts("main input[aria-label='Search JSON']").await;
        let shown = if json.is_empty() {
            b.texts("main pre").await.join("\n")
        } else {
            b.texts("main").await.join("\n")
        };
        *last = shown.chars().take(300).collect();
        (!json.is_empty() || !shown.is_empty()).then_some(shown)
    })
    .await
}

/// Adds a cluster through the add form (opened from the current page's origin): `name`, `system`
/// id, called directly from the browser when `direct`, with `url` for the system's first role
/// `role`. Returns once the form has left (saved).
pub async fn add_cluster_via_form(
    b: &Browser,
    app_url: &str,
    name: &str,
    system: &str,
    direct: bool,
    role: &str,
    url: &str,
) {
    b.open(&format!("{app_url}clusters/new")).await;
    b.wait_for("#cl-name").await;
    b.type_into("#cl-name", name).await;
    b.select("#cl-system", system).await;
    b.click_label(if direct {
        "Direct from the browser"
    } else {
        "Through this deployment's proxy"
    })
    .await;
    b.type_into(&format!("#ep-{role}"), url).await;
    b.click_button("Save").await;
    b.wait_url("the saved cluster's page", |u| !u.contains("/clusters/new"))
        .await;
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

/// A URL split into its path and its decoded query pairs (sorted), for comparing two addresses
/// of the same view whatever their parameter order and encoding.
pub fn path_and_query(url: &str) -> (String, Vec<(String, String)>) {
    let no_fragment = url.split('#').next().unwrap_or_default();
    let (head, query) = no_fragment.split_once('?').unwrap_or((no_fragment, ""));
    let path = match head.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map(|i| rest[i..].to_string())
            .unwrap_or_else(|| "/".into()),
        None => head.to_string(),
    };
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    pairs.sort();
    (path, pairs)
}

/// Clicks "Copy link" and returns the link it copied.
pub async fn copy_link(b: &Browser) -> String {
    b.js(
        "document.documentElement.removeAttribute('data-last-copied-link')",
        vec![],
    )
    .await;
    b.click_button("Copy link").await;
    let link = eventually("the copied link", async |_| {
        b.attr("html", "data-last-copied-link")
            .await
            .filter(|l| !l.is_empty())
    })
    .await;
    b.wait_text("[role=status]", "Link copied").await;
    link
}

/// Confirms the open confirm dialog with its button labelled `label` (the dialog's button, not the
/// one that opened it, which often says the same).
pub async fn confirm_dialog(b: &Browser, label: &str) {
    b.wait_for("[role=dialog]").await;
    b.click_xpath(&format!(
        "//div[@role='dialog']//button[normalize-space(.)='{label}']"
    ))
    .await;
    b.wait_gone("[role=dialog]").await;
}

/// Opens the first tab labelled `label` inside the elements `within` (an XPath, e.g. `//body`).
pub async fn open_tab(b: &Browser, within: &str, label: &str) {
    b.click_xpath(&format!(
        "{within}//a[@role='tab' and normalize-space(.)='{label}']"
    ))
    .await
}

/// Writes `text` to a file of the test's own (named after the process and `name`, in `dir`) and
/// chooses it in the StarRocks stream load form; returns its path.
pub async fn stream_load_file(
    b: &Browser,
    dir: &std::path::Path,
    name: &str,
    text: &str,
) -> std::path::PathBuf {
    let path = dir.join(format!("{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    let input = b.wait_for("[data-stream-load] input[type=file]").await;
    input
        .send_keys(&path.display().to_string())
        .await
        .unwrap_or_else(|e| panic!("cannot choose {}: {e}", path.display()));
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_decodes_addresses() {
        let (path, q) =
            path_and_query("http://h:1/flink/x/api?path=%2Foverview&target=jobmanager&a=b%20c#top");
        assert_eq!(path, "/flink/x/api");
        assert_eq!(
            q,
            vec![
                ("a".into(), "b c".into()),
                ("path".into(), "/overview".into()),
                ("target".into(), "jobmanager".into())
            ]
        );
        assert_eq!(path_and_query("http://h:1").0, "/");
        assert_eq!(
            explorer_path("druid", "d", "coordinator", "/x?simple"),
            "/druid/d/api?target=coordinator&path=/x%3Fsimple"
        );
    }
}
