//! Auto-refresh and the tab's visibility: a view refreshing every two seconds sends nothing while the
//! tab is hidden, and refreshes as soon as it shows again.

use serde_json::json;
use std::time::Duration;
use switchboard_e2e::browser::Browser;
use switchboard_e2e::{e2e, eventually};

/// Installed before the page's scripts: counts the page's fetches (the browser's own resource
/// entries) and lets the test hide and show the tab (`document.visibilityState` overridden, and
/// the `visibilitychange` event a real switch of tabs fires).
const PROBE: &str = "window.__fetches = 0;
new PerformanceObserver(l => { for (const e of l.getEntries()) if (e.initiatorType === 'fetch') window.__fetches++; })
  .observe({ type: 'resource', buffered: true });
window.__setHidden = (hidden) => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
};";

async fn fetches(b: &Browser) -> u64 {
    b.js("return window.__fetches", vec![])
        .await
        .as_u64()
        .unwrap_or(0)
}

#[test]
fn a_hidden_tab_sends_no_requests_and_refreshes_when_it_shows_again() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": PROBE }),
        )
        .await;
        b.open(&lab.setup.app("/druid/demo-druid/tasks?refresh=2s"))
            .await;
        b.wait_for("[data-table]").await;
        let start = fetches(&b).await;
        eventually("auto-refresh fetching while visible", async |last| {
            let n = fetches(&b).await;
            *last = format!("{start} fetches, then {n}");
            (n >= start + 2).then_some(())
        })
        .await;

        b.js("window.__setHidden(true)", vec![]).await;
        // A fetch already on its way when the tab hid may still land.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let hidden_at = fetches(&b).await;
        tokio::time::sleep(Duration::from_millis(4500)).await;
        let after = fetches(&b).await;
        assert_eq!(
            after - hidden_at,
            0,
            "{} fetches in 4.5 s while the tab was hidden (refresh every 2 s)",
            after - hidden_at
        );

        b.js("window.__setHidden(false)", vec![]).await;
        let shown = std::time::Instant::now();
        eventually("a refresh once the tab shows again", async |last| {
            let n = fetches(&b).await;
            *last = format!("{after} fetches when shown, now {n}");
            (n > after).then_some(())
        })
        .await;
        assert!(
            shown.elapsed() < Duration::from_millis(900),
            "the refresh came {:?} after the tab showed, not at once",
            shown.elapsed()
        );
    });
}
