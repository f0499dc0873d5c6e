//! A flame graph of sampled call stacks, drawn as an icicle (the root on top, callees below):
//! rectangles sized by samples, stacked by depth, coloured by a frame kind the caller chooses.
//! Hover names a frame with its samples and share, a click zooms into it, a search highlights
//! matching frames and says what share of the samples they hold.
//!
//! The input is a flat list of frames in preorder (see [`FlameFrame`]), so the drawing knows
//! nothing of any system's types and deep stacks need no recursion. Layout, search and zoom are
//! plain functions, tested on the host.

use super::format::{count, percent};
use super::style::Scope;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Scoped styles of the flame graph.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/flame.css");
const _TRACK: &str = include_str!("flame.css");

/// Frames narrower than this share of the zoomed frame are not drawn.
pub const MIN_WIDTH: f64 = 0.001;

/// Frames at least this wide (share of the zoomed frame) carry their name as text.
const LABEL_WIDTH: f64 = 0.02;

/// One frame of a flame graph. A list of frames is in preorder: every frame comes after its
/// caller, and the frames below a frame follow it directly (its subtree is contiguous).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlameFrame {
    /// The frame's name, e.g. a method.
    pub name: String,
    /// Samples in this frame and below.
    pub value: i64,
    /// Distance from the root (0 for the root).
    pub depth: usize,
    /// Index of the caller; `None` for the root.
    pub parent: Option<usize>,
    /// Colour class (`0..=5`), named by the chart's `kinds`.
    pub kind: u8,
}

/// A frame placed on the chart: `x` and `width` are shares (0..1) of the zoomed frame.
#[derive(Clone, Debug, PartialEq)]
pub struct FlameRect {
    /// Index of the frame in the list.
    pub index: usize,
    /// Left edge, share of the chart width.
    pub x: f64,
    /// Width, share of the chart width.
    pub width: f64,
    /// Row (the frame's depth).
    pub depth: usize,
    /// A caller of the zoomed frame, drawn full width above it.
    pub ancestor: bool,
}

/// The end (exclusive) of the subtree of frame `i`.
pub fn subtree_end(frames: &[FlameFrame], i: usize) -> usize {
    let Some(d) = frames.get(i).map(|f| f.depth) else {
        return i;
    };
    frames[i + 1..]
        .iter()
        .position(|f| f.depth <= d)
        .map_or(frames.len(), |p| i + 1 + p)
}

/// Places the frames of the subtree of `zoom` (full width) and its callers (full width, above).
/// Frames narrower than `min_width` (and so everything below them) are left out.
pub fn layout(frames: &[FlameFrame], zoom: usize, min_width: f64) -> Vec<FlameRect> {
    let Some(top) = frames.get(zoom) else {
        return Vec::new();
    };
    let mut rects = Vec::new();
    let mut up = top.parent;
    while let Some(p) = up {
        rects.push(FlameRect {
            index: p,
            x: 0.0,
            width: 1.0,
            depth: frames[p].depth,
            ancestor: true,
        });
        up = frames[p].parent;
    }
    rects.reverse();
    let total = top.value.max(1) as f64;
    let end = subtree_end(frames, zoom);
    // Where the next callee of each frame starts (in samples from the zoomed frame's left edge).
    let mut next = vec![0i64; end - zoom];
    let mut x = vec![0i64; end - zoom];
    for j in zoom..end {
        let f = &frames[j];
        if j > zoom {
            let p = f.parent.map_or(0, |p| p.saturating_sub(zoom));
            x[j - zoom] = next[p];
            next[p] += f.value.max(0);
            next[j - zoom] = x[j - zoom];
        }
        let width = f.value.max(0) as f64 / total;
        if width >= min_width {
            rects.push(FlameRect {
                index: j,
                x: x[j - zoom] as f64 / total,
                width: width.min(1.0),
                depth: f.depth,
                ancestor: false,
            });
        }
    }
    rects
}

/// Which frames' names contain `needle` (case-insensitive); none for a blank needle.
pub fn matches(frames: &[FlameFrame], needle: &str) -> Vec<bool> {
    let n = needle.trim().to_lowercase();
    frames
        .iter()
        .map(|f| !n.is_empty() && f.name.to_lowercase().contains(&n))
        .collect()
}

/// The share of the samples of frame `zoom` held by matching frames (a match below another
/// match is not counted twice), and how many frames match there.
pub fn matched_share(frames: &[FlameFrame], hits: &[bool], zoom: usize) -> (f64, usize) {
    let Some(top) = frames.get(zoom) else {
        return (0.0, 0);
    };
    let end = subtree_end(frames, zoom);
    let (mut samples, mut n, mut covered) = (0i64, 0usize, zoom);
    for j in zoom..end {
        if hits.get(j).copied().unwrap_or(false) {
            n += 1;
            if j >= covered {
                samples += frames[j].value.max(0);
                covered = subtree_end(frames, j);
            }
        }
    }
    (samples as f64 / top.value.max(1) as f64, n)
}

/// The names from the root down to frame `i` (a zoom that survives a reload of the data).
pub fn path_of(frames: &[FlameFrame], i: usize) -> Vec<String> {
    let mut path = Vec::new();
    let mut at = frames.get(i).map(|_| i);
    while let Some(j) = at {
        path.push(frames[j].name.clone());
        at = frames[j].parent;
    }
    path.reverse();
    path
}

/// The frame reached by following `path` from the root (the first callee of each name).
pub fn find_path(frames: &[FlameFrame], path: &[String]) -> Option<usize> {
    let (first, rest) = path.split_first()?;
    let mut at = Some(0).filter(|_| frames.first().is_some_and(|f| &f.name == first))?;
    for name in rest {
        let end = subtree_end(frames, at);
        let depth = frames[at].depth + 1;
        at = (at + 1..end).find(|&j| frames[j].depth == depth && &frames[j].name == name)?;
    }
    Some(at)
}

/// `n` and the unit, singular for one ("1 sample", "2 samples").
pub fn amount(n: i64, unit: &str) -> String {
    let unit = if n == 1 {
        unit.strip_suffix('s').unwrap_or(unit)
    } else {
        unit
    };
    format!("{} {unit}", count(n))
}

/// "`name` · 120 samples · 12% of all · 40% of the zoomed frame".
pub fn describe(frames: &[FlameFrame], i: usize, zoom: usize, unit: &str) -> String {
    let Some(f) = frames.get(i) else {
        return String::new();
    };
    let all = frames.first().map_or(1, |r| r.value.max(1)) as f64;
    let mut text = format!(
        "{} · {} · {} of all",
        f.name,
        amount(f.value, unit),
        percent(f.value as f64 / all)
    );
    if let Some(z) = frames.get(zoom).filter(|_| zoom != 0) {
        text.push_str(&format!(
            " · {} of {}",
            percent(f.value as f64 / z.value.max(1) as f64),
            z.name
        ));
    }
    text
}

/// The zoom and search of one chart.
#[derive(Clone, Debug, Default, PartialEq)]
struct ChartState {
    /// The zoomed frame as a path of names (empty: the root).
    zoom: Vec<String>,
    /// The search text.
    needle: String,
}

/// The frame index in `data-i` of the element an event happened on (or its nearest frame).
fn frame_at(ev: &web_sys::Event) -> Option<usize> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    el.closest("[data-i]")
        .ok()??
        .get_attribute("data-i")?
        .parse()
        .ok()
}

fn frame_view(s: Scope, f: &FlameFrame, r: &FlameRect, hit: bool, searching: bool) -> AnyView {
    let mut class = format!("frame k{}", f.kind.min(5));
    if r.ancestor {
        class.push_str(" anc");
    }
    if hit {
        class.push_str(" hit");
    } else if searching {
        class.push_str(" dim");
    }
    let style = format!(
        "left:{:.4}%;width:{:.4}%;top:{}px",
        r.x * 100.0,
        r.width * 100.0,
        r.depth * 18
    );
    let label = if r.width >= LABEL_WIDTH {
        f.name.clone()
    } else {
        String::new()
    };
    view! { <div class=s.cls(&class) style=style data-i=r.index data-hit=hit.then_some("")>{label}</div> }.into_any()
}

/// A flame graph of `frames` (preorder, see [`FlameFrame`]). `kinds` names the colour classes
/// for the legend; `unit` is what values count ("samples").
#[component]
pub fn FlameChart(
    /// The frames, in preorder; empty draws nothing.
    #[prop(into)]
    frames: Signal<Vec<FlameFrame>>,
    /// Names of the colour classes, by `kind`.
    #[prop(optional)]
    kinds: &'static [&'static str],
    /// What a value counts.
    #[prop(optional)]
    unit: Option<&'static str>,
) -> impl IntoView {
    let s = Scope::of(STYLE);
    let unit = unit.unwrap_or("samples");
    let state = RwSignal::new(ChartState::default());
    let hover = RwSignal::new(None::<usize>);
    let zoom = move || frames.with(|f| state.with(|st| find_path(f, &st.zoom)).unwrap_or(0));
    let info = move || {
        let z = zoom();
        frames.with(|f| describe(f, hover.get().unwrap_or(z), z, unit))
    };
    let found = move || {
        let needle = state.with(|st| st.needle.clone());
        (!needle.trim().is_empty()).then(|| {
            let z = zoom();
            let (share, n) = frames.with(|f| matched_share(f, &matches(f, &needle), z));
            let frames = if n == 1 {
                "1 frame matches".to_string()
            } else {
                format!("{n} frames match")
            };
            format!("{frames}, {} of the {unit} shown", percent(share))
        })
    };
    let body = move || {
        let (z, needle) = (zoom(), state.with(|st| st.needle.clone()));
        frames.with(|f| {
            let rects = layout(f, z, MIN_WIDTH);
            let hits = matches(f, &needle);
            let rows = rects.iter().map(|r| r.depth).max().map_or(0, |d| d + 1);
            let searching = !needle.trim().is_empty();
            let zoomed = f.get(z).map(|x| x.name.clone()).unwrap_or_default();
            let drawn = rects.iter().map(|r| frame_view(s, &f[r.index], r, hits[r.index], searching)).collect_view();
            view! {
                <div class=s.cls("canvas") style=format!("height:{}px", rows * 18 + 2) data-zoom=zoomed data-frames=rects.len()
                    role="img" aria-label="Flame graph">{drawn}</div>
            }
        })
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(i) = frame_at(&ev) {
            let path = frames.with_untracked(|f| path_of(f, i));
            state.update(|st| st.zoom = path);
        }
    };
    view! {
        <div class=s.cls("flame")>
            <div class=s.cls("bar")>
                <input type="search" placeholder="Search frames" aria-label="Search frames" prop:value=move || state.with(|st| st.needle.clone())
                    on:input=move |ev| state.update(|st| st.needle = event_target_value(&ev)) />
                <button disabled=move || zoom() == 0 on:click=move |_| state.update(|st| st.zoom.clear())>"Reset zoom"</button>
                <span class="sb-dim" data-found="">{found}</span>
                <span style="flex:1"></span>
                {kinds.iter().enumerate().map(|(i, k)| view! {
                    <span class=s.cls("key")><span class=s.cls(&format!("swatch k{i}"))></span>{*k}</span>
                }).collect_view()}
            </div>
            <div class=s.cls("info") data-info="">{info}</div>
            <div on:click=on_click on:mouseover=move |ev| hover.set(frame_at(&ev)) on:mouseleave=move |_| hover.set(None)>{body}</div>
            <div class="sb-dim" style="font-size:12px">"Click a frame to zoom into it; hover for its samples."</div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// root(10) → a(6) → [b(4), c(2)]; root → d(4) → b(1).
    fn sample() -> Vec<FlameFrame> {
        let f = |name: &str, value, depth, parent| FlameFrame {
            name: name.into(),
            value,
            depth,
            parent,
            kind: 0,
        };
        vec![
            f("root", 10, 0, None),
            f("a", 6, 1, Some(0)),
            f("b", 4, 2, Some(1)),
            f("c", 2, 2, Some(1)),
            f("d", 4, 1, Some(0)),
            f("b", 1, 2, Some(4)),
        ]
    }

    #[test]
    fn widths_follow_samples_and_callees_sit_side_by_side() {
        let f = sample();
        let r = layout(&f, 0, MIN_WIDTH);
        assert_eq!(r.len(), 6);
        let at = |i: usize| r.iter().find(|x| x.index == i).unwrap().clone();
        assert_eq!((at(0).x, at(0).width, at(0).depth), (0.0, 1.0, 0));
        assert_eq!((at(1).x, at(1).width), (0.0, 0.6));
        assert_eq!((at(4).x, at(4).width), (0.6, 0.4));
        assert_eq!((at(2).x, at(2).width, at(2).depth), (0.0, 0.4, 2));
        assert!((at(3).x - 0.4).abs() < 1e-9 && (at(3).width - 0.2).abs() < 1e-9);
        assert!((at(5).x - 0.6).abs() < 1e-9 && (at(5).width - 0.1).abs() < 1e-9);
        assert_eq!(subtree_end(&f, 1), 4);
        assert_eq!(subtree_end(&f, 4), 6);
    }

    #[test]
    fn zoom_draws_the_subtree_full_width_under_its_callers() {
        let f = sample();
        let r = layout(&f, 1, MIN_WIDTH);
        assert_eq!(
            r.iter().map(|x| x.index).collect::<Vec<_>>(),
            vec![0, 1, 2, 3]
        );
        assert!(r[0].ancestor && !r[1].ancestor);
        assert_eq!((r[1].x, r[1].width), (0.0, 1.0));
        assert!((r[2].width - 4.0 / 6.0).abs() < 1e-9);
        assert!(layout(&f, 99, MIN_WIDTH).is_empty());
    }

    #[test]
    fn narrow_frames_are_left_out() {
        let mut f = sample();
        f[5].value = 0;
        assert!(!layout(&f, 0, MIN_WIDTH).iter().any(|r| r.index == 5));
        assert_eq!(
            layout(&f, 0, 0.3).len(),
            4,
            "root, a, b and d are at least 30% wide"
        );
    }

    #[test]
    fn search_counts_nested_matches_once() {
        let f = sample();
        let hits = matches(&f, "B");
        assert_eq!(hits, vec![false, false, true, false, false, true]);
        assert_eq!(matched_share(&f, &hits, 0), (0.5, 2));
        assert_eq!(matched_share(&f, &hits, 4), (0.25, 1));
        let nested = matches(&f, "a");
        assert_eq!(
            matched_share(&f, &nested, 0).0,
            0.6,
            "a holds its callees' samples"
        );
        assert_eq!(matched_share(&f, &matches(&f, " "), 0), (0.0, 0));
    }

    #[test]
    fn a_zoom_is_a_path_that_survives_new_data() {
        let f = sample();
        assert_eq!(path_of(&f, 5), vec!["root", "d", "b"]);
        assert_eq!(find_path(&f, &path_of(&f, 5)), Some(5));
        assert_eq!(find_path(&f, &path_of(&f, 2)), Some(2));
        assert_eq!(find_path(&f, &["root".into(), "x".into()]), None);
        assert_eq!(find_path(&f, &[]), None);
        assert_eq!(find_path(&[], &["root".into()]), None);
        assert!(describe(&f, 2, 1, "samples").contains("b · 4 samples · 40% of all · 67% of a"));
        assert_eq!(
            (amount(1, "samples"), amount(0, "samples")),
            ("1 sample".to_string(), "0 samples".to_string())
        );
    }
}
