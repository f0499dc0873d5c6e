//! The graph-layout page of the benchmark (`make bench`), compiled only with the `bench` feature:
//! never in the release bundle. `/_bench/dag?n=<vertices>&impl=ours` lays out and draws a
//! synthetic job graph of `n` vertices with the console's DAG component (`src/ui/dag`);
//! `impl=dagre` publishes the same graph and loads `bench/dagre.min.js` and `bench/dag.js`, which
//! lay it out with dagre and draw it as plain SVG. Each leaves its times in `window.__benchDag`:
//! `draw` (ms from nothing to the drawn graph, cold) and `layout` (the fastest of three layouts
//! alone, warm).

use crate::ui::dag::layout::{layout, Spacing};
use crate::ui::dag::view::node_size;
use crate::ui::dag::{Dag, DagEdge, DagNode};
use crate::ui::Tone;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Vertices at most.
const MAX_VERTICES: usize = 5000;

/// A job-graph-like DAG of `n` vertices, the same on every run: each vertex reads from one of the
/// few vertices before it (a pipeline), a quarter of them also from a second one further back (a
/// join), and one in fifteen is a new source.
pub fn graph(n: usize) -> (Vec<DagNode>, Vec<DagEdge>) {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |m: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % m.max(1)
    };
    let ops = ["Map", "Filter", "KeyBy", "Window", "Reduce", "Join", "Sink"];
    let nodes: Vec<DagNode> = (0..n)
        .map(|i| DagNode {
            id: format!("v{i}"),
            title: format!("{} {i} -> {}", ops[i % ops.len()], ops[(i + 3) % ops.len()]),
            lines: vec![format!("Parallelism: {}", 1 + i % 8), "RUNNING".into()],
            tone: Tone::Ok,
            meters: Vec::new(),
            heat: None,
        })
        .collect();
    let mut edges = Vec::new();
    for i in 1..n {
        if next(15) != 0 {
            let j = i - 1 - next(i.min(6));
            edges.push(DagEdge {
                from: format!("v{j}"),
                to: format!("v{i}"),
                label: "HASH".into(),
            });
            if i >= 2 && next(4) == 0 {
                let k = i - 1 - next(i.min(12));
                if k != j {
                    edges.push(DagEdge {
                        from: format!("v{k}"),
                        to: format!("v{i}"),
                        label: "FORWARD".into(),
                    });
                }
            }
        }
    }
    (nodes, edges)
}

fn now() -> f64 {
    crate::net::request::now_ms()
}

/// Sets `window[key] = value`.
fn publish(key: &str, value: &JsValue) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &JsValue::from_str(key), value);
    }
}

/// Forces style and layout of the page (what drawing costs before the browser can paint).
fn reflow() -> i32 {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .map_or(0, |b| b.offset_height())
}

/// Mounts the graph-layout page instead of the console when the address asks for it.
pub fn mount_if_asked() -> bool {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return false;
    };
    if !loc.pathname().unwrap_or_default().ends_with("/_bench/dag") {
        return false;
    }
    let q = crate::url_state::Query::parse(&loc.search().unwrap_or_default());
    let n = q
        .get("n")
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(20)
        .min(MAX_VERTICES);
    let (nodes, edges) = graph(n);
    if q.get("impl") == Some("dagre") {
        publish_graph(&nodes, &edges);
        load_scripts(&["bench/dagre.min.js", "bench/dag.js"]);
        return true;
    }
    let sizes: Vec<_> = nodes.iter().map(node_size).collect();
    let index = |id: &str| nodes.iter().position(|v| v.id == id).unwrap_or(usize::MAX);
    let pairs: Vec<(usize, usize)> = edges
        .iter()
        .map(|e| (index(&e.from), index(&e.to)))
        .collect();
    let count = nodes.len();
    let t0 = now();
    leptos::mount::mount_to_body(move || {
        view! { <Dag nodes=Signal::stored(nodes.clone()) edges=Signal::stored(edges.clone()) height=700.0 /> }
    });
    reflow();
    let draw = now() - t0;
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let t = now();
        let l = layout(&sizes, &pairs, Spacing::default());
        best = best.min(now() - t);
        drop(l);
    }
    let drawn = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("[data-node-id]").ok())
        .map_or(0, |l| l.length());
    let out = js_sys::Object::new();
    let set = |k: &str, v: f64| {
        let _ = js_sys::Reflect::set(&out, &k.into(), &JsValue::from_f64(v));
    };
    set("draw", draw);
    set("layout", best);
    set("nodes", count as f64);
    set("drawn", f64::from(drawn));
    publish("__benchDag", &out);
    true
}

/// `window.__dagGraph`: the nodes (id, size, title lines, detail lines) and edges, for dag.js.
fn publish_graph(nodes: &[DagNode], edges: &[DagEdge]) {
    let ns = js_sys::Array::new();
    for n in nodes {
        let s = node_size(n);
        let o = js_sys::Object::new();
        let title = js_sys::Array::new();
        for t in crate::ui::dag::view::wrap_title(&n.title) {
            title.push(&JsValue::from_str(&t));
        }
        let lines = js_sys::Array::new();
        for t in &n.lines {
            lines.push(&JsValue::from_str(t));
        }
        let _ = js_sys::Reflect::set(&o, &"id".into(), &JsValue::from_str(&n.id));
        let _ = js_sys::Reflect::set(&o, &"w".into(), &JsValue::from_f64(s.w));
        let _ = js_sys::Reflect::set(&o, &"h".into(), &JsValue::from_f64(s.h));
        let _ = js_sys::Reflect::set(&o, &"title".into(), &title);
        let _ = js_sys::Reflect::set(&o, &"lines".into(), &lines);
        ns.push(&o);
    }
    let es = js_sys::Array::new();
    for e in edges {
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &"from".into(), &JsValue::from_str(&e.from));
        let _ = js_sys::Reflect::set(&o, &"to".into(), &JsValue::from_str(&e.to));
        let _ = js_sys::Reflect::set(&o, &"label".into(), &JsValue::from_str(&e.label));
        es.push(&o);
    }
    let g = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&g, &"nodes".into(), &ns);
    let _ = js_sys::Reflect::set(&g, &"edges".into(), &es);
    publish("__dagGraph", &g);
}

/// Appends `<script src>` elements, in order (not async: each runs after the one before).
fn load_scripts(srcs: &[&str]) {
    let Some(d) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(head) = d.head() else {
        return;
    };
    for src in srcs {
        if let Ok(s) = d.create_element("script") {
            let _ = s.set_attribute("src", src);
            let _ = js_sys::Reflect::set(&s, &"async".into(), &JsValue::FALSE);
            let _ = head.append_child(&s);
        }
    }
}
