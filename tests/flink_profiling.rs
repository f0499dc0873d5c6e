//! Browser tests (headless Chromium through wasm-bindgen-test) of the flame graph as a user sees
//! it, drawn from a flame graph recorded on a Flink 2.3 cluster: every frame drawn, hover
//! details, zoom on click and back, search highlighting with the matched share.

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use switchboard::systems::flink::model::FlameGraph;
use switchboard::systems::flink::views::job::vertex::flamegraph::{frames_of, KINDS};
use switchboard::ui::flame::{FlameChart, FlameFrame};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;

use support::{container, settle};

wasm_bindgen_test_configure!(run_in_browser);

const RECORDED: &str =
    include_str!("../src/systems/flink/fixtures/2.3/vertex-flamegraph-source-full.json");

fn frames() -> Vec<FlameFrame> {
    frames_of(FlameGraph::parse(RECORDED).unwrap().data.as_ref().unwrap())
}

fn mount(frames: Vec<FlameFrame>) -> web_sys::HtmlElement {
    let root = container();
    let handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <FlameChart frames=frames.clone() kinds=KINDS /> },
    );
    std::mem::forget(handle);
    root
}

fn count(root: &web_sys::HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn canvas_attr(root: &web_sys::HtmlElement, name: &str) -> String {
    root.query_selector("[data-zoom]")
        .unwrap()
        .unwrap()
        .get_attribute(name)
        .unwrap()
}

fn frame(root: &web_sys::HtmlElement, i: usize) -> web_sys::HtmlElement {
    root.query_selector(&format!("[data-i=\"{i}\"]"))
        .unwrap()
        .unwrap()
        .unchecked_into()
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
}

#[wasm_bindgen_test]
async fn every_recorded_frame_is_drawn_and_hover_names_it() {
    let f = frames();
    assert_eq!(f.len(), 38);
    let root = mount(f.clone());
    settle().await;
    assert_eq!(count(&root, "[data-i]"), 38);
    assert_eq!(canvas_attr(&root, "data-zoom"), "root");
    // The root spans the chart; deeper frames sit lower.
    let (top, deep) = (
        frame(&root, 0).get_bounding_client_rect(),
        frame(&root, 10).get_bounding_client_rect(),
    );
    assert!(
        top.width() > 850.0 && deep.top() > top.top(),
        "{} {}",
        top.width(),
        deep.top()
    );
    let hover = js_sys::Function::new_with_args(
        "el",
        "el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))",
    );
    hover
        .call1(&wasm_bindgen::JsValue::NULL, &frame(&root, 1))
        .unwrap();
    settle().await;
    let info = text(&root, "[data-info]");
    assert!(
        info.starts_with(&f[1].name)
            && info.contains("100 samples")
            && info.contains("100% of all"),
        "{info}"
    );
}

#[wasm_bindgen_test]
async fn a_click_zooms_into_a_frame_and_reset_returns_to_the_root() {
    let f = frames();
    let branch = (0..f.len())
        .find(|&i| f.iter().filter(|c| c.parent == Some(i)).count() > 1)
        .unwrap();
    let below = f
        .iter()
        .enumerate()
        .skip(branch + 1)
        .take_while(|(_, x)| x.depth > f[branch].depth)
        .count();
    let root = mount(f.clone());
    settle().await;
    let leaf = f
        .iter()
        .rposition(|x| x.depth > f[branch].depth && x.value < 5)
        .unwrap();
    frame(&root, leaf).click();
    settle().await;
    assert_eq!(
        canvas_attr(&root, "data-zoom"),
        f[leaf].name,
        "a click zooms"
    );
    assert!(text(&root, "[data-info]").contains(&format!("of {}", f[leaf].name)));
    frame(&root, branch).click();
    settle().await;
    assert_eq!(canvas_attr(&root, "data-zoom"), f[branch].name);
    // Callers above (full width), the frame and everything below it.
    assert_eq!(
        count(&root, "[data-i]") as usize,
        f[branch].depth + 1 + below
    );
    assert!(frame(&root, branch + 1).get_bounding_client_rect().width() > 0.0);
    let reset: web_sys::HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(reset.text_content().unwrap(), "Reset zoom");
    reset.click();
    settle().await;
    assert_eq!(canvas_attr(&root, "data-zoom"), "root");
    assert_eq!(count(&root, "[data-i]"), 38);
}

#[wasm_bindgen_test]
async fn search_highlights_matching_frames_and_says_their_share() {
    let f = frames();
    let parked = f.iter().filter(|x| x.name.contains("Unsafe.park")).count();
    assert!(parked >= 1);
    let root = mount(f);
    settle().await;
    assert_eq!(count(&root, "[data-hit]"), 0);
    let search: web_sys::HtmlInputElement = root
        .query_selector("input[type=search]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    search.set_value("unsafe.park");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(count(&root, "[data-hit]") as usize, parked);
    let found = text(&root, "[data-found]");
    assert!(
        found.starts_with(&format!("{parked} frame")) && found.contains("% of the samples shown"),
        "{found}"
    );
    search.set_value("");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(count(&root, "[data-hit]"), 0);
    assert_eq!(text(&root, "[data-found]"), "");
}
