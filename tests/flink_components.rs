//! Component tests in a real browser (headless Chromium through wasm-bindgen-test) for the kit
//! pieces the Flink views are built from: the DAG (layout drawn, node selection), the log
//! viewer (tail, load more, search), the line chart and the operation status panel.

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use switchboard::ui::chart::{LineChart, Series};
use switchboard::ui::dag::{Dag, DagEdge, DagNode};
use switchboard::ui::log_viewer::LogViewer;
use switchboard::ui::operation::{OpState, OperationStatus};
use switchboard::ui::Tone;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;

use support::{container, settle};

wasm_bindgen_test_configure!(run_in_browser);

fn count(root: &web_sys::HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn node(id: &str, title: &str) -> DagNode {
    DagNode {
        id: id.into(),
        title: title.into(),
        lines: vec!["Parallelism 2".into()],
        tone: Tone::Ok,
        meters: vec![],
        heat: None,
    }
}

#[wasm_bindgen_test]
async fn the_dag_draws_every_node_and_edge_and_reports_clicks() {
    let root = container();
    let clicked = RwSignal::new(String::new());
    let shown = StoredValue::new(None::<RwSignal<Vec<DagNode>>>);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let nodes = vec![
            node("a", "Source: Orders -> Tag"),
            node("b", "Count"),
            node("c", "Sink"),
        ];
        let edges = vec![
            DagEdge {
                from: "a".into(),
                to: "b".into(),
                label: "HASH".into(),
            },
            DagEdge {
                from: "b".into(),
                to: "c".into(),
                label: "FORWARD".into(),
            },
        ];
        let nodes = RwSignal::new(nodes);
        shown.set_value(Some(nodes));
        view! { <Dag nodes edges selected=Signal::derive(move || Some(clicked.get())) on_select=Callback::new(move |id| clicked.set(id)) /> }
    });
    std::mem::forget(handle);
    settle().await;
    assert_eq!(count(&root, "[data-node-id]"), 3);
    assert_eq!(count(&root, "[data-edge]"), 2);
    assert!(root.text_content().unwrap().contains("HASH"));
    // Chained operators are drawn one per line.
    assert!(root.text_content().unwrap().contains("→ Tag"));
    let drawn = |id: &str| -> web_sys::Element {
        root.query_selector(&format!("[data-node-id={id}]"))
            .unwrap()
            .unwrap()
    };
    // A click on the text inside a node, as a user's click does (it bubbles).
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    let text = drawn("b").query_selector("text").unwrap().unwrap();
    text.dispatch_event(&ev).unwrap();
    settle().await;
    assert_eq!(clicked.get_untracked(), "b");
    let selected = || {
        let list = root.query_selector_all("[data-node-id]").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into::<web_sys::Element>())
            .filter(|g| g.class_list().contains("selected"))
            .filter_map(|g| g.get_attribute("data-node-id"))
            .collect::<Vec<_>>()
    };
    assert_eq!(selected(), ["b"]);
    // Enter on a focused node selects it too.
    let init = web_sys::KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_key("Enter");
    let key = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    drawn("c").dispatch_event(&key).unwrap();
    settle().await;
    assert_eq!(clicked.get_untracked(), "c");
    assert_eq!(selected(), ["c"]);
    // New nodes are drawn anew, their server text as text (never markup), the selection kept.
    let nodes = shown.get_value().unwrap();
    nodes.update(|n| n.push(node("d", "<b>Map</b> & <i>x</i>")));
    settle().await;
    assert_eq!(count(&root, "[data-node-id]"), 4);
    assert_eq!(count(&root, "b, i"), 0);
    assert!(root
        .text_content()
        .unwrap()
        .contains("<b>Map</b> & <i>x</i>"));
    assert_eq!(selected(), ["c"]);
    // Left to right: the source is left of the sink.
    let x = |id: &str| {
        root.query_selector(&format!("[data-node-id={id}]"))
            .unwrap()
            .unwrap()
            .get_bounding_client_rect()
            .left()
    };
    assert!(x("a") < x("b") && x("b") < x("c"));
}

#[wasm_bindgen_test]
async fn the_log_viewer_shows_the_tail_loads_more_and_searches() {
    let root = container();
    let text = (1..=2500)
        .map(|i| {
            if i % 500 == 0 {
                format!("ERROR line {i}")
            } else {
                format!("INFO line {i}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <LogViewer text=text.clone() file_name="x.log" /> },
    );
    std::mem::forget(handle);
    settle().await;
    let lines = |root: &web_sys::HtmlElement| {
        root.query_selector("[data-lines]")
            .unwrap()
            .unwrap()
            .get_attribute("data-lines")
            .unwrap()
    };
    assert_eq!(lines(&root), "1000");
    assert!(root
        .text_content()
        .unwrap()
        .contains("INFO line 2499\nERROR line 2500"));
    assert!(!root.text_content().unwrap().contains("INFO line 1400\n"));
    let more: web_sys::HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(more.text_content().unwrap().starts_with("Load 1000"));
    more.click();
    settle().await;
    assert_eq!(lines(&root), "2000");
    let search: web_sys::HtmlInputElement = root
        .query_selector("input[type=search]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    search.set_value("error");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(lines(&root), "5", "matches come from the whole file");
    assert!(root.text_content().unwrap().contains("ERROR line 500"));
}

#[wasm_bindgen_test]
async fn the_chart_draws_one_line_per_series_with_the_latest_values() {
    let root = container();
    let series = vec![
        Series {
            label: "used".into(),
            points: vec![(1000.0, 1.0), (2000.0, 3.0)],
        },
        Series {
            label: "max".into(),
            points: vec![(1000.0, 5.0), (2000.0, 5.0)],
        },
    ];
    let handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <LineChart title="Heap" series=series.clone() /> },
    );
    std::mem::forget(handle);
    settle().await;
    assert_eq!(count(&root, "path"), 2);
    let t = root.text_content().unwrap();
    assert!(t.contains("used: 3") && t.contains("max: 5"), "{t}");
}

#[wasm_bindgen_test]
async fn the_operation_panel_follows_the_state() {
    let root = container();
    let state = RwSignal::new(OpState::Idle);
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <OperationStatus state /> });
    std::mem::forget(handle);
    settle().await;
    assert_eq!(count(&root, "[data-op]"), 0);
    state.set(OpState::Running {
        what: "Savepoint in progress".into(),
        since: 0,
        polls: 3,
        id: Some("t1".into()),
    });
    settle().await;
    assert!(root.query_selector("[data-op=running]").unwrap().is_some());
    state.set(OpState::Succeeded {
        message: "Savepoint completed".into(),
        result: Some("file:/sp/savepoint-1".into()),
    });
    settle().await;
    let result = root.query_selector("[data-op-result]").unwrap().unwrap();
    assert_eq!(result.text_content().unwrap(), "file:/sp/savepoint-1");
    state.set(OpState::Failed {
        message: "Savepoint failed: expired".into(),
        detail: Some("stack".into()),
    });
    settle().await;
    assert!(root
        .query_selector("[data-op=failed]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("expired"));
}
