//! A layered ("Sugiyama") layout of a directed graph, drawn left to right: cycles broken, nodes
//! put in layers by longest path, long edges split by virtual nodes, layers ordered by
//! barycentre sweeps to cut crossings, and vertical positions chosen as close as possible to
//! each node's neighbours without overlap (isotonic regression per layer).
//!
//! Written here rather than taken from a crate: the maintained layered-layout crates bring a
//! general graph library and far more code than the handful of nodes of a job graph needs, and the
//! console's bundle has a size budget. Pure and host-tested.

/// Width and height of a node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Size {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// A point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
}

/// Gaps of the layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spacing {
    /// Between layers (horizontal).
    pub layer_gap: f64,
    /// Between nodes of a layer (vertical).
    pub node_gap: f64,
    /// Around the drawing.
    pub margin: f64,
}

impl Default for Spacing {
    fn default() -> Self {
        Spacing {
            layer_gap: 90.0,
            node_gap: 28.0,
            margin: 20.0,
        }
    }
}

/// Where everything goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Top-left corner of each node, in input order.
    pub nodes: Vec<Point>,
    /// Layer of each node (0 = sources).
    pub layers: Vec<usize>,
    /// Each edge as a polyline from its source's right side to its target's left side, in input
    /// order; empty for edges that cannot be drawn (self-loops, unknown nodes).
    pub edges: Vec<Vec<Point>>,
    /// Where each edge's label goes.
    pub labels: Vec<Point>,
    /// Size of the whole drawing, margins included.
    pub width: f64,
    /// Height of the whole drawing.
    pub height: f64,
}

/// Lays out `sizes.len()` nodes joined by `edges` (`(from, to)` indices).
pub fn layout(sizes: &[Size], edges: &[(usize, usize)], sp: Spacing) -> Layout {
    let n = sizes.len();
    let valid: Vec<bool> = edges
        .iter()
        .map(|&(a, b)| a < n && b < n && a != b)
        .collect();
    let forward = acyclic_directions(n, edges, &valid);
    // Edges as drawn: (upper-layer end, lower-layer end).
    let dag: Vec<(usize, usize)> = edges
        .iter()
        .zip(&forward)
        .map(|(&(a, b), &f)| if f { (a, b) } else { (b, a) })
        .collect();
    let layer = longest_path_layers(n, &dag, &valid);

    // Virtual nodes for edges spanning several layers.
    let mut layer_of = layer.clone();
    let mut height: Vec<f64> = sizes.iter().map(|s| s.h).collect();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(edges.len());
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (i, &(a, b)) in dag.iter().enumerate() {
        if !valid[i] {
            chains.push(Vec::new());
            continue;
        }
        let mut chain = vec![a];
        for l in layer[a] + 1..layer[b] {
            layer_of.push(l);
            height.push(0.0);
            chain.push(layer_of.len() - 1);
        }
        chain.push(b);
        links.extend(chain.windows(2).map(|w| (w[0], w[1])));
        chains.push(chain);
    }
    let total = layer_of.len();
    let depth = layer_of.iter().copied().max().map_or(0, |m| m + 1);
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for v in 0..total {
        order[layer_of[v]].push(v);
    }
    let preds = adjacency(total, &links, true);
    let succs = adjacency(total, &links, false);
    order_layers(&mut order, &preds, &succs, &links, &layer_of);

    // Horizontal: one column per layer, nodes centred in it.
    let mut col_w = vec![0.0_f64; depth];
    for v in 0..n {
        col_w[layer[v]] = col_w[layer[v]].max(sizes[v].w);
    }
    let mut col_x = vec![sp.margin; depth];
    for l in 1..depth {
        col_x[l] = col_x[l - 1] + col_w[l - 1] + sp.layer_gap;
    }
    let ys = vertical_positions(&order, &height, &preds, &succs, sp.node_gap);
    let min_y = ys.iter().copied().fold(f64::INFINITY, f64::min);
    let shift = if min_y.is_finite() {
        sp.margin - min_y
    } else {
        0.0
    };
    let y = |v: usize| ys[v] + shift;

    let nodes: Vec<Point> = (0..n)
        .map(|v| Point {
            x: col_x[layer[v]] + (col_w[layer[v]] - sizes[v].w) / 2.0,
            y: y(v),
        })
        .collect();
    let mut polylines = Vec::with_capacity(edges.len());
    let mut labels = Vec::with_capacity(edges.len());
    for (i, chain) in chains.iter().enumerate() {
        if chain.is_empty() {
            polylines.push(Vec::new());
            labels.push(Point { x: 0.0, y: 0.0 });
            continue;
        }
        let (a, b) = (chain[0], chain[chain.len() - 1]);
        let mut pts = vec![Point {
            x: nodes[a].x + sizes[a].w,
            y: y(a) + sizes[a].h / 2.0,
        }];
        for &d in &chain[1..chain.len() - 1] {
            let l = layer_of[d];
            pts.push(Point {
                x: col_x[l],
                y: y(d),
            });
            pts.push(Point {
                x: col_x[l] + col_w[l],
                y: y(d),
            });
        }
        pts.push(Point {
            x: nodes[b].x,
            y: y(b) + sizes[b].h / 2.0,
        });
        let mid = pts.len() / 2;
        labels.push(Point {
            x: (pts[mid - 1].x + pts[mid].x) / 2.0,
            y: (pts[mid - 1].y + pts[mid].y) / 2.0,
        });
        if !forward[i] {
            pts.reverse();
        }
        polylines.push(pts);
    }
    let width = if depth == 0 {
        2.0 * sp.margin
    } else {
        col_x[depth - 1] + col_w[depth - 1] + sp.margin
    };
    let bottom = (0..total).map(|v| y(v) + height[v]).fold(0.0_f64, f64::max);
    Layout {
        nodes,
        layers: layer,
        edges: polylines,
        labels,
        width,
        height: bottom.max(sp.margin) + sp.margin,
    }
}

/// For each edge, whether it keeps its direction (false: reversed to break a cycle). Edges found
/// closing a cycle in a depth-first search are reversed.
fn acyclic_directions(n: usize, edges: &[(usize, usize)], valid: &[bool]) -> Vec<bool> {
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, &(a, _)) in edges.iter().enumerate() {
        if valid[i] {
            out_edges[a].push(i);
        }
    }
    let mut forward = vec![true; edges.len()];
    // 0 = unvisited, 1 = on the stack, 2 = done.
    let mut mark = vec![0u8; n];
    for root in 0..n {
        if mark[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        mark[root] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&e) = out_edges[v].get(*next) {
                *next += 1;
                let w = edges[e].1;
                match mark[w] {
                    0 => {
                        mark[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => forward[e] = false,
                    _ => {}
                }
            } else {
                mark[v] = 2;
                stack.pop();
            }
        }
    }
    forward
}

/// Layer of each node: the length of the longest path reaching it (edges must be acyclic).
fn longest_path_layers(n: usize, dag: &[(usize, usize)], valid: &[bool]) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, &(a, b)) in dag.iter().enumerate() {
        if valid[i] {
            indegree[b] += 1;
            out[a].push(b);
        }
    }
    let mut layer = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).rev().collect();
    while let Some(v) = ready.pop() {
        for &w in &out[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                ready.push(w);
            }
        }
    }
    layer
}

fn adjacency(total: usize, links: &[(usize, usize)], predecessors: bool) -> Vec<Vec<usize>> {
    let mut adj = vec![Vec::new(); total];
    for &(a, b) in links {
        if predecessors {
            adj[b].push(a);
        } else {
            adj[a].push(b);
        }
    }
    adj
}

/// Orders the nodes of each layer to reduce crossings: barycentre sweeps down and up, keeping
/// the best ordering seen.
fn order_layers(
    order: &mut [Vec<usize>],
    preds: &[Vec<usize>],
    succs: &[Vec<usize>],
    links: &[(usize, usize)],
    layer_of: &[usize],
) {
    let mut pos = vec![0usize; layer_of.len()];
    let index = |order: &[Vec<usize>], pos: &mut Vec<usize>| {
        for layer in order {
            for (i, &v) in layer.iter().enumerate() {
                pos[v] = i;
            }
        }
    };
    index(order, &mut pos);
    let mut best = order.to_vec();
    let mut best_crossings = crossings(links, layer_of, &pos);
    for round in 0..8 {
        let down = round % 2 == 0;
        let layers: Vec<usize> = if down {
            (1..order.len()).collect()
        } else {
            (0..order.len().saturating_sub(1)).rev().collect()
        };
        for l in layers {
            let neighbours = if down { preds } else { succs };
            let mut keyed: Vec<(f64, usize)> = order[l]
                .iter()
                .map(|&v| {
                    let ns = &neighbours[v];
                    let key = if ns.is_empty() {
                        pos[v] as f64
                    } else {
                        ns.iter().map(|&u| pos[u] as f64).sum::<f64>() / ns.len() as f64
                    };
                    (key, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
            order[l] = keyed.into_iter().map(|(_, v)| v).collect();
            for (i, &v) in order[l].iter().enumerate() {
                pos[v] = i;
            }
        }
        let c = crossings(links, layer_of, &pos);
        if c < best_crossings {
            best_crossings = c;
            best = order.to_vec();
        }
    }
    order.clone_from_slice(&best);
}

/// Number of pairs of links that cross between adjacent layers: per upper layer, the links sorted
/// by their upper end, then the inversions of their lower ends counted with a Fenwick tree
/// (O(E log V) instead of comparing every pair of links).
fn crossings(links: &[(usize, usize)], layer_of: &[usize], pos: &[usize]) -> usize {
    let depth = layer_of.iter().copied().max().map_or(0, |m| m + 1);
    let mut by_layer: Vec<Vec<(usize, usize)>> = vec![Vec::new(); depth];
    for &(a, b) in links {
        by_layer[layer_of[a]].push((pos[a], pos[b]));
    }
    let mut count = 0;
    let mut tree: Vec<usize> = Vec::new();
    for mut ends in by_layer {
        if ends.len() < 2 {
            continue;
        }
        ends.sort_unstable();
        let width = ends.iter().map(|e| e.1).max().unwrap_or(0) + 1;
        tree.clear();
        tree.resize(width + 1, 0);
        for (inserted, &(_, b)) in ends.iter().enumerate() {
            // Links inserted so far whose lower end is at most b.
            let (mut i, mut at_most) = (b + 1, 0);
            while i > 0 {
                at_most += tree[i];
                i &= i - 1;
            }
            count += inserted - at_most;
            let mut i = b + 1;
            while i <= width {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    count
}

/// Top of each node: stacked per layer, then pulled toward the centres of its neighbours (down
/// and up sweeps) while keeping the order and the gaps.
fn vertical_positions(
    order: &[Vec<usize>],
    height: &[f64],
    preds: &[Vec<usize>],
    succs: &[Vec<usize>],
    gap: f64,
) -> Vec<f64> {
    let mut y = vec![0.0_f64; height.len()];
    for layer in order {
        let mut at = 0.0;
        for &v in layer {
            y[v] = at;
            at += height[v] + gap;
        }
    }
    for round in 0..6 {
        let down = round % 2 == 0;
        let layers: Vec<usize> = if down {
            (1..order.len()).collect()
        } else {
            (0..order.len().saturating_sub(1)).rev().collect()
        };
        for l in layers {
            let neighbours = if down { preds } else { succs };
            let layer = &order[l];
            let mut offsets = Vec::with_capacity(layer.len());
            let mut targets = Vec::with_capacity(layer.len());
            let mut at = 0.0;
            for &v in layer {
                let ns = &neighbours[v];
                let centre = if ns.is_empty() {
                    y[v] + height[v] / 2.0
                } else {
                    ns.iter().map(|&u| y[u] + height[u] / 2.0).sum::<f64>() / ns.len() as f64
                };
                offsets.push(at);
                targets.push(centre - height[v] / 2.0 - at);
                at += height[v] + gap;
            }
            let z = isotonic(&targets);
            for (i, &v) in layer.iter().enumerate() {
                y[v] = z[i] + offsets[i];
            }
        }
    }
    y
}

/// The non-decreasing sequence closest (least squares) to `t`: pool adjacent violators.
fn isotonic(t: &[f64]) -> Vec<f64> {
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for &v in t {
        blocks.push((v, 1));
        while blocks.len() > 1 {
            let (m2, c2) = blocks[blocks.len() - 1];
            let (m1, c1) = blocks[blocks.len() - 2];
            if m1 <= m2 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (
                (m1 * c1 as f64 + m2 * c2 as f64) / (c1 + c2) as f64,
                c1 + c2,
            );
        }
    }
    blocks
        .into_iter()
        .flat_map(|(m, c)| std::iter::repeat_n(m, c))
        .collect()
}

/// An SVG path through `points` with horizontal tangents at each point (smooth curves between
/// layers).
pub fn edge_path(points: &[Point]) -> String {
    let Some(first) = points.first() else {
        return String::new();
    };
    let mut d = format!("M{:.1},{:.1}", first.x, first.y);
    for w in points.windows(2) {
        let (p, q) = (w[0], w[1]);
        let dx = (q.x - p.x) / 2.0;
        d.push_str(&format!(
            " C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            p.x + dx,
            p.y,
            q.x - dx,
            q.y,
            q.x,
            q.y
        ));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxes(n: usize) -> Vec<Size> {
        vec![Size { w: 100.0, h: 40.0 }; n]
    }

    fn overlaps(l: &Layout, sizes: &[Size]) -> bool {
        for i in 0..l.nodes.len() {
            for j in i + 1..l.nodes.len() {
                let (a, b) = (l.nodes[i], l.nodes[j]);
                let apart_x = a.x + sizes[i].w <= b.x || b.x + sizes[j].w <= a.x;
                let apart_y = a.y + sizes[i].h <= b.y || b.y + sizes[j].h <= a.y;
                if !apart_x && !apart_y {
                    return true;
                }
            }
        }
        false
    }

    #[test]
    fn a_chain_goes_left_to_right_on_one_line() {
        let s = boxes(3);
        let l = layout(&s, &[(0, 1), (1, 2)], Spacing::default());
        assert_eq!(l.layers, vec![0, 1, 2]);
        assert!(l.nodes[0].x < l.nodes[1].x && l.nodes[1].x < l.nodes[2].x);
        assert!((l.nodes[0].y - l.nodes[2].y).abs() < 1e-6);
        assert_eq!(l.edges[0].first().map(|p| p.x), Some(l.nodes[0].x + 100.0));
        assert_eq!(l.edges[0].last().map(|p| p.x), Some(l.nodes[1].x));
        assert!(l.width >= l.nodes[2].x + 100.0);
    }

    #[test]
    fn a_diamond_puts_the_branches_in_one_layer_without_overlap() {
        let s = boxes(4);
        let l = layout(&s, &[(0, 1), (0, 2), (1, 3), (2, 3)], Spacing::default());
        assert_eq!(l.layers, vec![0, 1, 1, 2]);
        assert!(!overlaps(&l, &s));
        // The join sits between its two inputs.
        let centre = |i: usize| l.nodes[i].y + 20.0;
        let (lo, hi) = (centre(1).min(centre(2)), centre(1).max(centre(2)));
        assert!(centre(3) >= lo && centre(3) <= hi);
        assert!(l.height >= l.nodes.iter().map(|p| p.y + 40.0).fold(0.0, f64::max));
    }

    #[test]
    fn long_edges_bend_through_the_layers_they_cross() {
        let s = boxes(3);
        let l = layout(&s, &[(0, 1), (1, 2), (0, 2)], Spacing::default());
        assert_eq!(l.edges[0].len(), 2);
        assert_eq!(
            l.edges[2].len(),
            4,
            "two points for the virtual node in layer 1"
        );
        assert!(!overlaps(&l, &s));
        // The bypass does not run through the middle node.
        let bypass_y = l.edges[2][1].y;
        assert!(
            bypass_y <= l.nodes[1].y || bypass_y >= l.nodes[1].y + 40.0,
            "{bypass_y} vs {:?}",
            l.nodes[1]
        );
    }

    #[test]
    fn ordering_removes_an_avoidable_crossing() {
        // Sources 0 and 1, sinks 2 and 3; 0 -> 3 and 1 -> 2 cross in input order.
        let s = boxes(4);
        let l = layout(&s, &[(0, 3), (1, 2)], Spacing::default());
        let above = |a: usize, b: usize| l.nodes[a].y < l.nodes[b].y;
        assert_eq!(
            above(0, 1),
            above(3, 2),
            "edges must not cross: {:?}",
            l.nodes
        );
    }

    #[test]
    fn cycles_self_loops_and_bad_indices_do_not_break_it() {
        let s = boxes(3);
        let l = layout(
            &s,
            &[(0, 1), (1, 2), (2, 0), (1, 1), (0, 9)],
            Spacing::default(),
        );
        assert_eq!(l.nodes.len(), 3);
        assert!(!overlaps(&l, &s));
        assert!(l.edges[3].is_empty() && l.edges[4].is_empty());
        // The reversed edge still runs from its source to its target.
        let back = &l.edges[2];
        assert_eq!(back.first().map(|p| p.x), Some(l.nodes[2].x));
        assert_eq!(back.last().map(|p| p.x), Some(l.nodes[0].x + 100.0));
        let empty = layout(&[], &[], Spacing::default());
        assert!(empty.nodes.is_empty() && empty.width > 0.0);
    }

    #[test]
    fn crossings_counts_what_comparing_every_pair_counts() {
        let brute = |links: &[(usize, usize)], layer_of: &[usize], pos: &[usize]| {
            let mut count = 0;
            for (i, &(a, b)) in links.iter().enumerate() {
                for &(c, d) in &links[i + 1..] {
                    if layer_of[a] == layer_of[c] {
                        let (pa, pb, pc, pd) = (pos[a], pos[b], pos[c], pos[d]);
                        if (pa < pc && pb > pd) || (pa > pc && pb < pd) {
                            count += 1;
                        }
                    }
                }
            }
            count
        };
        // Three layers of four nodes, every link between adjacent layers in a pseudo-random order.
        let layer_of: Vec<usize> = (0..12).map(|v| v / 4).collect();
        let mut seed = 7u64;
        for _ in 0..50 {
            let mut links = Vec::new();
            let mut pos = vec![0; 12];
            for l in 0..3 {
                let mut p: Vec<usize> = (0..4).collect();
                for i in (1..4).rev() {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    p.swap(i, (seed >> 33) as usize % (i + 1));
                }
                for i in 0..4 {
                    pos[l * 4 + i] = p[i];
                }
            }
            for a in 0..8 {
                for b in (a / 4 + 1) * 4..(a / 4 + 2) * 4 {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    if (seed >> 33).is_multiple_of(3) {
                        links.push((a, b));
                    }
                }
            }
            assert_eq!(
                crossings(&links, &layer_of, &pos),
                brute(&links, &layer_of, &pos)
            );
        }
    }

    #[test]
    fn isotonic_regression_pools_violators() {
        assert_eq!(isotonic(&[1.0, 3.0, 2.0]), vec![1.0, 2.5, 2.5]);
        assert_eq!(isotonic(&[5.0, 1.0]), vec![3.0, 3.0]);
        assert_eq!(isotonic(&[]), Vec::<f64>::new());
    }

    #[test]
    fn edge_paths_are_smooth_curves_through_the_points() {
        let d = edge_path(&[Point { x: 0.0, y: 0.0 }, Point { x: 10.0, y: 20.0 }]);
        assert_eq!(d, "M0.0,0.0 C5.0,0.0 5.0,20.0 10.0,20.0");
        assert_eq!(edge_path(&[]), "");
    }
}
