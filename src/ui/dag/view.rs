//! The DAG component: nodes and edges laid out by [`super::layout`], drawn as SVG, with pan
//! (drag), zoom (wheel or buttons), fit, and node selection (click or Enter).

use super::layout::{layout, Size, Spacing};
use super::paint::{paint, restyle, Drawing};
use crate::ui::style::Scope;
use crate::ui::Tone;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use wasm_bindgen::JsCast;

/// Scoped styles of the DAG.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/dag/dag.css");
const _TRACK: &str = include_str!("dag.css");

/// A small bar inside a node, e.g. "busy 42%".
#[derive(Clone, Debug, PartialEq)]
pub struct Meter {
    /// Text beside the bar.
    pub label: String,
    /// Filled share, 0..1.
    pub share: f64,
    /// Colour of the fill.
    pub tone: Tone,
}

/// A node of the graph.
#[derive(Clone, Debug, PartialEq)]
pub struct DagNode {
    /// Stable id (edges refer to it; selection reports it).
    pub id: String,
    /// Name, wrapped at " -> " (chained operators) and cut to fit.
    pub title: String,
    /// Detail lines under the title.
    pub lines: Vec<String>,
    /// Border colour (state).
    pub tone: Tone,
    /// Bars under the lines.
    pub meters: Vec<Meter>,
    /// Background tint, 0..1 (e.g. how busy the node is).
    pub heat: Option<f64>,
}

/// An edge of the graph.
#[derive(Clone, Debug, PartialEq)]
pub struct DagEdge {
    /// Source node id.
    pub from: String,
    /// Target node id.
    pub to: String,
    /// Text on the edge (e.g. the ship strategy).
    pub label: String,
}

/// Characters per title line.
pub const TITLE_CHARS: usize = 34;
/// Title lines at most.
pub const TITLE_LINES: usize = 4;
/// Height of a detail line.
pub(super) const LINE_H: f64 = 16.0;
/// Height of a title line.
pub(super) const TITLE_H: f64 = 17.0;
/// Height of a meter.
pub(super) const METER_H: f64 = 14.0;
/// Inner margin of a node.
pub(super) const PAD: f64 = 8.0;

/// The title as drawn: one line per chained operator (split at " -> "), long parts cut with "…",
/// at most [`TITLE_LINES`] lines.
pub fn wrap_title(title: &str) -> Vec<String> {
    let parts: Vec<&str> = title
        .split(" -> ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut lines: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let p = if i > 0 {
                format!("→ {p}")
            } else {
                p.to_string()
            };
            cut(&p, TITLE_CHARS)
        })
        .collect();
    if lines.len() > TITLE_LINES {
        let more = lines.len() - (TITLE_LINES - 1);
        lines.truncate(TITLE_LINES - 1);
        lines.push(format!("… {more} more"));
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

/// The size a node is drawn at.
pub fn node_size(n: &DagNode) -> Size {
    let title = wrap_title(&n.title);
    let longest = title
        .iter()
        .chain(&n.lines)
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .min(TITLE_CHARS + 2);
    Size {
        w: (longest as f64 * 6.8 + 2.0 * PAD + 4.0).clamp(170.0, 270.0),
        h: 2.0 * PAD
            + title.len() as f64 * TITLE_H
            + n.lines.len() as f64 * LINE_H
            + n.meters.len() as f64 * METER_H
            + 4.0,
    }
}

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// A directed graph drawn left to right. Drag to pan, wheel or buttons to zoom, click a node to
/// select it.
#[component]
pub fn Dag(
    /// The nodes.
    #[prop(into)]
    nodes: Signal<Vec<DagNode>>,
    /// The edges (unknown ids are skipped).
    #[prop(into)]
    edges: Signal<Vec<DagEdge>>,
    /// The selected node's id (highlighted).
    #[prop(optional, into)]
    selected: Signal<Option<String>>,
    /// Called with the id of a clicked node.
    #[prop(optional, into)]
    on_select: Option<Callback<String>>,
    /// Height of the drawing area in pixels.
    #[prop(default = 420.0)]
    height: f64,
) -> impl IntoView {
    let s = Scope::of(STYLE);
    let marker = format!("sb-dag-arrow-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let marker_url = format!("url(#{marker})");
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let (tx, ty, k) = (
        RwSignal::new(0.0_f64),
        RwSignal::new(0.0_f64),
        RwSignal::new(1.0_f64),
    );
    let drag: StoredValue<Option<(f64, f64, f64, f64)>> = StoredValue::new(None);
    let moved = StoredValue::new(false);

    let laid = Memo::new(move |_| {
        let nodes = nodes.get();
        let sizes: Vec<Size> = nodes.iter().map(node_size).collect();
        let index = |id: &str| nodes.iter().position(|n| n.id == id);
        let edge_list = edges.get();
        let pairs: Vec<(usize, usize)> = edge_list
            .iter()
            .map(|e| {
                (
                    index(&e.from).unwrap_or(usize::MAX),
                    index(&e.to).unwrap_or(usize::MAX),
                )
            })
            .collect();
        let l = layout(&sizes, &pairs, Spacing::default());
        (nodes, sizes, edge_list, l)
    });

    let fit = move || {
        let Some(svg) = svg_ref.get_untracked() else {
            return;
        };
        let rect = svg.get_bounding_client_rect();
        let (w, h) = laid.with_untracked(|(_, _, _, l)| (l.width, l.height));
        if rect.width() <= 0.0 || w <= 0.0 {
            return;
        }
        let scale = (rect.width() / w).min(rect.height() / h).min(1.0);
        k.set(scale);
        tx.set((rect.width() - w * scale) / 2.0);
        ty.set(((rect.height() - h * scale) / 2.0).max(0.0));
    };
    // Fit once the drawing has a size, and again when the graph's shape changes.
    Effect::new(move |prev: Option<(usize, usize)>| {
        let shape = laid.with(|(n, _, e, _)| (n.len(), e.len()));
        let _ = svg_ref.get();
        if prev != Some(shape) {
            request_animation_frame(fit);
        }
        shape
    });
    let zoom_at = move |factor: f64, cx: f64, cy: f64| {
        let old = k.get_untracked();
        let new = (old * factor).clamp(0.15, 4.0);
        tx.set(cx - (cx - tx.get_untracked()) * new / old);
        ty.set(cy - (cy - ty.get_untracked()) * new / old);
        k.set(new);
    };
    let centre_zoom = move |factor: f64| {
        let (cx, cy) = svg_ref
            .get_untracked()
            .map(|svg| {
                let r = svg.get_bounding_client_rect();
                (r.width() / 2.0, r.height() / 2.0)
            })
            .unwrap_or((0.0, 0.0));
        zoom_at(factor, cx, cy);
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let Some(svg) = svg_ref.get_untracked() else {
            return;
        };
        let r = svg.get_bounding_client_rect();
        zoom_at(
            (-ev.delta_y() * 0.0015).exp(),
            ev.client_x() as f64 - r.left(),
            ev.client_y() as f64 - r.top(),
        );
    };
    let on_down = move |ev: web_sys::MouseEvent| {
        drag.set_value(Some((
            ev.client_x() as f64,
            ev.client_y() as f64,
            tx.get_untracked(),
            ty.get_untracked(),
        )));
        moved.set_value(false);
    };
    let on_move = move |ev: web_sys::MouseEvent| {
        if let Some((x0, y0, tx0, ty0)) = drag.get_value() {
            let (dx, dy) = (ev.client_x() as f64 - x0, ev.client_y() as f64 - y0);
            if dx.abs() + dy.abs() > 4.0 {
                moved.set_value(true);
            }
            tx.set(tx0 + dx);
            ty.set(ty0 + dy);
        }
    };
    let on_up = move |_| drag.set_value(None);
    let pick = move |id: String| {
        if !moved.get_value() {
            if let Some(cb) = on_select {
                cb.run(id);
            }
        }
    };

    // The nodes and edges are painted with plain DOM calls (see [`super::paint`]) into the
    // layer, at once when it is built and again whenever the layout changes; a change of the
    // selection only changes the classes of the nodes.
    let layer = StoredValue::new_local(None::<web_sys::Element>);
    let painter = StoredValue::new_local(None::<RenderEffect<()>>);
    let paint_into = move |g: web_sys::Element| {
        layer.set_value(Some(g.clone()));
        let marker_url = marker_url.clone();
        let effect = RenderEffect::new(move |_| {
            laid.with(|(nodes, sizes, edges, l)| {
                let sel = selected.get_untracked();
                let drawing = Drawing {
                    nodes,
                    sizes,
                    edges,
                    layout: l,
                    marker_url: &marker_url,
                    scope: s,
                    selected: sel.as_deref(),
                };
                paint(&g, &drawing);
            })
        });
        painter.set_value(Some(effect));
    };
    Effect::new(move |_| {
        let sel = selected.get();
        if let Some(g) = layer.get_value() {
            restyle(&g, s, sel.as_deref());
        }
    });
    // Clicks and keys on a node reach the layer: the node's id is read from the DOM.
    let node_id = move |ev: &web_sys::Event| -> Option<String> {
        let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        target
            .closest("[data-node-id]")
            .ok()??
            .get_attribute("data-node-id")
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(id) = node_id(&ev) {
            pick(id)
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            if let Some(id) = node_id(&ev) {
                pick(id)
            }
        }
    };

    view! {
        <div class=s.cls("wrap")>
            <div class=s.cls("tools")>
                <button title="Zoom in" aria-label="Zoom in" on:click=move |_| centre_zoom(1.25)>"+"</button>
                <button title="Zoom out" aria-label="Zoom out" on:click=move |_| centre_zoom(0.8)>"−"</button>
                <button title="Fit the graph" on:click=move |_| fit()>"Fit"</button>
                <span class=s.cls("zoom")>{move || format!("{:.0}%", k.get() * 100.0)}</span>
            </div>
            <svg node_ref=svg_ref class=s.cls("canvas") style=format!("height:{height}px") role="img" aria-label="Graph"
                on:wheel=on_wheel on:mousedown=on_down on:mousemove=on_move on:mouseup=on_up on:mouseleave=on_up>
                <defs>
                    <marker id=marker viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path class=s.cls("arrow") d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                <g transform=move || format!("translate({:.1},{:.1}) scale({:.4})", tx.get(), ty.get(), k.get())
                    on:click=on_click on:keydown=on_key use:paint_into></g>
            </svg>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_wrap_per_chained_operator_and_are_cut() {
        assert_eq!(
            wrap_title("Source: Orders -> Tag Orders"),
            vec!["Source: Orders", "→ Tag Orders"]
        );
        let long = "x".repeat(50);
        let w = wrap_title(&long);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].chars().count(), TITLE_CHARS);
        assert!(w[0].ends_with('…'));
        let many = (0..7)
            .map(|i| format!("op{i}"))
            .collect::<Vec<_>>()
            .join(" -> ");
        let w = wrap_title(&many);
        assert_eq!(w.len(), TITLE_LINES);
        assert_eq!(w[TITLE_LINES - 1], "… 4 more");
        assert_eq!(wrap_title(""), vec![String::new()]);
    }

    #[test]
    fn nodes_grow_with_their_content() {
        let mut n = DagNode {
            id: "a".into(),
            title: "Map".into(),
            lines: vec![],
            tone: Tone::Ok,
            meters: vec![],
            heat: None,
        };
        let small = node_size(&n);
        n.lines = vec!["Parallelism: 2".into(), "RUNNING".into()];
        n.meters = vec![Meter {
            label: "busy 40%".into(),
            share: 0.4,
            tone: Tone::Warn,
        }];
        let big = node_size(&n);
        assert!(big.h > small.h);
        assert!(small.w >= 170.0 && big.w <= 270.0);
    }
}
