//! Draws a laid-out graph into an SVG group with plain DOM calls: one pass that creates each
//! node's and edge's elements into a fragment and puts it in place, far less code and work than a
//! reactive view per element (a graph is drawn anew whenever its nodes change anyway). Every text
//! from a server goes in as text content or an attribute value, never as markup.

use super::layout::{edge_path, Layout, Size};
use super::view::{wrap_title, DagEdge, DagNode, LINE_H, METER_H, PAD, TITLE_H};
use crate::ui::style::Scope;
use crate::ui::Tone;
use web_sys::{Document, Element};

const SVG: Option<&str> = Some("http://www.w3.org/2000/svg");

fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Ok => "box t-ok",
        Tone::Warn => "box t-warn",
        Tone::Bad => "box t-bad",
        Tone::Unknown => "box t-unknown",
    }
}

fn fill_class(t: Tone) -> &'static str {
    match t {
        Tone::Ok => "fill f-ok",
        Tone::Warn => "fill f-warn",
        Tone::Bad => "fill f-bad",
        Tone::Unknown => "fill f-unknown",
    }
}

/// The class of a node's group, selected or not.
pub fn node_class(s: Scope, selected: bool) -> String {
    s.cls(if selected { "node selected" } else { "node" })
}

/// Creates SVG elements with their attributes.
struct Maker {
    doc: Document,
}

impl Maker {
    fn el(&self, name: &str, attrs: &[(&str, &str)]) -> Option<Element> {
        let e = self.doc.create_element_ns(SVG, name).ok()?;
        for (k, v) in attrs {
            e.set_attribute(k, v).ok()?;
        }
        Some(e)
    }

    /// A `<text>` at (x, y) holding `text` as text.
    fn text(&self, class: &str, x: f64, y: f64, text: &str) -> Option<Element> {
        let e = self.el(
            "text",
            &[
                ("class", class),
                ("x", &x.to_string()),
                ("y", &y.to_string()),
            ],
        )?;
        e.set_text_content(Some(text));
        Some(e)
    }
}

/// Appends `child` (when it could be made) to `parent`.
fn add(parent: &web_sys::Node, child: Option<Element>) -> Option<()> {
    let child = child?;
    parent.append_child(&child).ok().map(|_| ())
}

/// What [`paint`] draws: the graph, its layout and how it is styled.
pub struct Drawing<'a> {
    /// The nodes, in input order.
    pub nodes: &'a [DagNode],
    /// Each node's size.
    pub sizes: &'a [Size],
    /// The edges, in input order.
    pub edges: &'a [DagEdge],
    /// Where everything goes.
    pub layout: &'a Layout,
    /// `url(#...)` of the arrow head.
    pub marker_url: &'a str,
    /// The DAG's scoped styles.
    pub scope: Scope,
    /// The selected node's id.
    pub selected: Option<&'a str>,
}

/// Replaces the children of `layer` with the drawing of `d`: edges first, nodes over them.
pub fn paint(layer: &Element, d: &Drawing) -> Option<()> {
    let m = Maker {
        doc: layer.owner_document()?,
    };
    let frag = m.doc.create_document_fragment();
    let s = d.scope;
    let (edge_class, line_class, label_class) =
        (s.cls("edge"), s.cls("edge-line"), s.cls("edge-label"));
    let edges = d.edges.iter().zip(&d.layout.edges).zip(&d.layout.labels);
    for ((e, pts), at) in edges.filter(|((_, pts), _)| !pts.is_empty()) {
        let g = m.el(
            "g",
            &[
                ("class", &edge_class),
                ("data-edge", &format!("{}->{}", e.from, e.to)),
            ],
        )?;
        let path = m.el(
            "path",
            &[
                ("class", &line_class),
                ("d", &edge_path(pts)),
                ("marker-end", d.marker_url),
            ],
        )?;
        g.append_child(&path).ok()?;
        let label = m.text(&label_class, at.x, at.y - 4.0, &e.label)?;
        label.set_attribute("text-anchor", "middle").ok()?;
        g.append_child(&label).ok()?;
        frag.append_child(&g).ok()?;
    }
    let (title_class, text_class, meter_class) = (s.cls("title"), s.cls("line"), s.cls("meter"));
    for ((n, size), at) in d.nodes.iter().zip(d.sizes).zip(&d.layout.nodes) {
        let selected = d.selected == Some(n.id.as_str());
        let g = m.el(
            "g",
            &[
                ("class", &node_class(s, selected)),
                ("transform", &format!("translate({:.1},{:.1})", at.x, at.y)),
                ("data-node-id", &n.id),
                ("role", "button"),
                ("tabindex", "0"),
                ("aria-label", &n.title),
            ],
        )?;
        let tooltip = std::iter::once(n.title.as_str())
            .chain(n.lines.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("\n");
        let title = m.el("title", &[])?;
        title.set_text_content(Some(&tooltip));
        g.append_child(&title).ok()?;
        let (w, h) = (size.w.to_string(), size.h.to_string());
        let rect = [("width", w.as_str()), ("height", h.as_str()), ("rx", "6")];
        let class = s.cls(tone_class(n.tone));
        add(
            &g,
            m.el("rect", &[&[("class", class.as_str())], &rect[..]].concat()),
        )?;
        if let Some(heat) = n.heat {
            let style = format!(
                "fill: rgba(220, 38, 38, {:.3})",
                heat.clamp(0.0, 1.0) * 0.35
            );
            let class = s.cls("tint");
            let attrs = [&[("class", class.as_str()), ("style", &style)], &rect[..]].concat();
            add(&g, m.el("rect", &attrs))?;
        }
        let mut y = PAD + 12.0;
        for t in wrap_title(&n.title) {
            add(&g, m.text(&title_class, PAD, y, &t))?;
            y += TITLE_H;
        }
        for t in &n.lines {
            add(&g, m.text(&text_class, PAD, y, t))?;
            y += LINE_H;
        }
        let bar_w = (size.w - 2.0 * PAD - 110.0).max(10.0);
        for meter in &n.meters {
            let top = (y - 9.0).to_string();
            let fill_w = meter.share.clamp(0.0, 1.0) * bar_w;
            add(&g, m.text(&text_class, PAD, y, &meter.label))?;
            let x = (PAD + 110.0).to_string();
            for (class, width) in [
                (meter_class.clone(), bar_w),
                (s.cls(fill_class(meter.tone)), fill_w),
            ] {
                let width = width.to_string();
                let attrs = [
                    ("class", class.as_str()),
                    ("x", x.as_str()),
                    ("y", top.as_str()),
                    ("width", width.as_str()),
                    ("height", "8"),
                    ("rx", "2"),
                ];
                add(&g, m.el("rect", &attrs))?;
            }
            y += METER_H;
        }
        frag.append_child(&g).ok()?;
    }
    layer.set_text_content(None);
    layer.append_child(&frag).ok()?;
    Some(())
}

/// Marks the node `selected` as selected, and no other, in a painted `layer`.
pub fn restyle(layer: &Element, scope: Scope, selected: Option<&str>) -> Option<()> {
    let nodes = layer.query_selector_all("[data-node-id]").ok()?;
    for i in 0..nodes.length() {
        let Some(g) = nodes
            .item(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
        else {
            continue;
        };
        let is = g.get_attribute("data-node-id").as_deref() == selected && selected.is_some();
        let class = node_class(scope, is);
        if g.get_attribute("class").as_deref() != Some(class.as_str()) {
            g.set_attribute("class", &class).ok()?;
        }
    }
    Some(())
}
