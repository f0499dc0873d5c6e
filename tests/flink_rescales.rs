//! Browser tests (headless Chromium through wasm-bindgen-test) of the rescale views of the job
//! page, fed with the rescales recorded from a real Flink 2.3 cluster: the history in the shared
//! table, a click opening one rescale, and what its details show.

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use switchboard::systems::flink::model::Rescale;
use switchboard::systems::flink::views::job::rescale_views::{RescaleDetails, RescaleHistory};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;

use support::{container, settle};

wasm_bindgen_test_configure!(run_in_browser);

const HISTORY: &str =
    include_str!("../src/systems/flink/fixtures/2.3/job-rescales-history-scale-up.json");
const DETAILS: &str =
    include_str!("../src/systems/flink/fixtures/2.3/job-rescales-details-scale-up.json");

fn text(root: &web_sys::HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

/// The history, and the details of the rescale it opened (the recorded details for its id).
fn mount_history_and_details() -> (web_sys::HtmlElement, RwSignal<Option<String>>) {
    let root = container();
    let open = RwSignal::new(None::<String>);
    let history: Vec<Rescale> = serde_json::from_str(HISTORY).unwrap();
    let details: Rescale = serde_json::from_str(DETAILS).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let history = history.clone();
        let details = details.clone();
        view! {
            <Router>
                <RescaleHistory rescales=Signal::stored(history) on_open=Callback::new(move |id| open.set(Some(id))) />
                {move || open.get().filter(|id| *id == details.rescale_uuid).map(|_| {
                    view! { <RescaleDetails rescale=details.clone() on_close=Callback::new(move |_| open.set(None)) /> }
                })}
            </Router>
        }
    });
    std::mem::forget(handle);
    (root, open)
}

#[wasm_bindgen_test]
async fn the_history_lists_each_rescale_with_its_cause_and_state() {
    let (root, _) = mount_history_and_details();
    settle().await;
    assert_eq!(root.query_selector_all("tbody tr.row").unwrap().length(), 2);
    let t = text(&root);
    assert!(
        t.contains("UPDATE_REQUIREMENT") && t.contains("INITIAL_SCHEDULE"),
        "{t}"
    );
    assert!(t.contains("COMPLETED") && t.contains("SUCCEEDED"), "{t}");
    assert!(
        root.query_selector("[data-rescale]").unwrap().is_none(),
        "no details before a click"
    );
}

#[wasm_bindgen_test]
async fn a_click_opens_the_rescale_with_parallelism_before_and_after_and_its_scheduler_states() {
    let (root, open) = mount_history_and_details();
    settle().await;
    let first: web_sys::HtmlElement = root
        .query_selector("tbody tr.row")
        .unwrap()
        .unwrap()
        .unchecked_into();
    first.click();
    settle().await;
    let details: Rescale = serde_json::from_str(DETAILS).unwrap();
    assert_eq!(
        open.get_untracked().as_deref(),
        Some(details.rescale_uuid.as_str()),
        "the newest rescale opens"
    );
    let panel: web_sys::HtmlElement = root
        .query_selector("[data-rescale]")
        .unwrap()
        .expect("details shown")
        .unchecked_into();
    let t = text(&panel);
    for vertex in [
        "Count Per Key",
        "Print: Writer",
        "Sample",
        "Source: Controls",
    ] {
        assert!(t.contains(vertex), "{vertex} in {t}");
    }
    assert_eq!(
        t.matches("1 → 2").count(),
        5 + 1,
        "five vertices and one slot sharing group went from 1 to 2: {t}"
    );
    for state in ["Executing", "Restarting", "CreatingExecutionGraph"] {
        assert!(t.contains(state), "{state} in {t}");
    }
    assert!(
        t.contains("Trigger cause") && t.contains("UPDATE_REQUIREMENT"),
        "{t}"
    );
    let close: web_sys::HtmlElement = panel
        .query_selector("button[aria-label='Close the rescale']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    close.click();
    settle().await;
    assert!(
        root.query_selector("[data-rescale]").unwrap().is_none(),
        "closed"
    );
}
