//! Light and dark theme, checked on screenshots: the pixels of the navigation and the main area
//! are light in the light theme and dark in the dark one.

use switchboard_e2e::app::{assert_no_error_panel, wait_healthy, DEMO_CLUSTERS};
use switchboard_e2e::browser::WINDOW;
use switchboard_e2e::image::{decode, Rect, Rgba};
use switchboard_e2e::{e2e, eventually, Browser, Lab};

/// Below the side navigation's links and below the clusters table: background only, whatever the
/// fonts (the nav is 220 px wide; the table of five clusters ends well above y = 650).
const NAV: Rect = Rect {
    x: 8,
    y: 650,
    w: 200,
    h: 200,
};
const MAIN: Rect = Rect {
    x: 400,
    y: 700,
    w: 900,
    h: 150,
};

/// Clicks the theme button until it says `choice`; checks `<html data-theme>`.
async fn pick_theme(b: &Browser, choice: &str) {
    eventually(&format!("the theme '{choice}'"), async |last| {
        let now = b
            .attr("[data-theme-choice]", "data-theme-choice")
            .await
            .unwrap_or_default();
        *last = now.clone();
        if now == choice {
            return Some(());
        }
        b.click("[data-theme-choice]").await;
        None
    })
    .await;
    assert_eq!(b.attr("html", "data-theme").await.as_deref(), Some(choice));
}

/// Takes a screenshot, saves it as `<screenshots>/<name>.png` and decodes it.
async fn screenshot(lab: &Lab, b: &Browser, name: &str) -> Rgba {
    // Let the new colours paint (no transitions are defined; one frame is enough).
    b.js(
        "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))",
        vec![],
    )
    .await;
    let png = b.screenshot().await;
    std::fs::create_dir_all(&lab.setup.screenshots)
        .unwrap_or_else(|e| panic!("cannot create the screenshot folder: {e}"));
    let path = lab.setup.screenshots.join(format!("{name}.png"));
    std::fs::write(&path, &png).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    eprintln!("screenshot: {}", path.display());
    decode(&png).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn home_screenshots_are_light_in_the_light_theme_and_dark_in_the_dark_one() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app("/")).await;
        for name in DEMO_CLUSTERS {
            wait_healthy(&b, name).await;
        }
        let nav = b.texts("nav[aria-label=Views]").await.join(" ");
        for want in ["All clusters", "Add a cluster", "demo-druid", "demo-flink"] {
            assert!(
                nav.contains(want),
                "the navigation does not show '{want}': {nav}"
            );
        }
        assert_no_error_panel(&b).await;

        pick_theme(&b, "light").await;
        let light = screenshot(&lab, &b, "home-light").await;
        assert_eq!(light.width, WINDOW.0, "screenshot width");
        assert!(
            light.height > 700 && light.height <= WINDOW.1,
            "screenshot height {}",
            light.height
        );
        let (nav_l, main_l) = (
            light.background_luminance(NAV),
            light.background_luminance(MAIN),
        );
        assert!(
            nav_l > 0.8 && main_l > 0.8,
            "light theme: nav luminance {nav_l}, main {main_l}"
        );

        pick_theme(&b, "dark").await;
        let dark = screenshot(&lab, &b, "home-dark").await;
        let (nav_d, main_d) = (
            dark.background_luminance(NAV),
            dark.background_luminance(MAIN),
        );
        assert!(
            nav_d < 0.2 && main_d < 0.2,
            "dark theme: nav luminance {nav_d}, main {main_d}"
        );
        // The top bar (with the theme button) is dark too.
        let top_d = dark.background_luminance(Rect {
            x: 600,
            y: 2,
            w: 300,
            h: 6,
        });
        assert!(top_d < 0.2, "dark theme: top bar luminance {top_d}");

        // The choice is kept: a reload stays dark.
        b.open(&lab.setup.app("/")).await;
        b.wait_for("[data-theme-choice=dark]").await;
        assert_eq!(b.attr("html", "data-theme").await.as_deref(), Some("dark"));
        assert_no_error_panel(&b).await;
    });
}
