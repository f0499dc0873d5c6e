// The baseline of the graph-layout benchmark: dagre (the layered layout Flink's own dashboard
// uses) laying out the graph the page published in window.__dagGraph, drawn as plain SVG (a box,
// its title and detail lines per node; a path and a label per edge), with the same spacing as the
// console's layout. Leaves { draw, layout } in window.__benchDag, as the console's page does.
(() => {
  const G = window.__dagGraph, NS = 'http://www.w3.org/2000/svg';
  const graph = () => {
    const g = new dagre.graphlib.Graph({ multigraph: true });
    g.setGraph({ rankdir: 'LR', ranksep: 90, nodesep: 28, marginx: 20, marginy: 20 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const n of G.nodes) g.setNode(n.id, { width: n.w, height: n.h });
    G.edges.forEach((e, i) => g.setEdge(e.from, e.to, { label: e.label }, 'e' + i));
    return g;
  };
  const el = (name, attrs, text) => {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const t0 = performance.now();
  const g = graph();
  dagre.layout(g);
  const svg = el('svg', { width: '100%', height: '700' });
  const root = el('g', {});
  G.edges.forEach((e, i) => {
    const pts = g.edge(e.from, e.to, 'e' + i).points;
    const d = pts.map((p, j) => (j ? 'L' : 'M') + p.x.toFixed(1) + ',' + p.y.toFixed(1)).join(' ');
    const ge = el('g', { 'data-edge': e.from + '->' + e.to });
    ge.appendChild(el('path', { d, fill: 'none', stroke: '#888' }));
    const mid = pts[pts.length >> 1];
    ge.appendChild(el('text', { x: mid.x, y: mid.y - 4, 'text-anchor': 'middle' }, e.label));
    root.appendChild(ge);
  });
  for (const n of G.nodes) {
    const p = g.node(n.id);
    const gn = el('g', { transform: `translate(${(p.x - n.w / 2).toFixed(1)},${(p.y - n.h / 2).toFixed(1)})`, 'data-node-id': n.id });
    gn.appendChild(el('title', {}, n.title.concat(n.lines).join('\n')));
    gn.appendChild(el('rect', { width: n.w, height: n.h, rx: 6, fill: '#fff', stroke: '#090' }));
    let y = 20;
    for (const t of n.title) { gn.appendChild(el('text', { x: 8, y }, t)); y += 17; }
    for (const t of n.lines) { gn.appendChild(el('text', { x: 8, y }, t)); y += 16; }
    root.appendChild(gn);
  }
  svg.appendChild(root);
  document.body.appendChild(svg);
  void document.body.offsetHeight;
  const draw = performance.now() - t0;
  let layout = Infinity;
  for (let i = 0; i < 3; i++) {
    const h = graph();
    const t = performance.now();
    dagre.layout(h);
    layout = Math.min(layout, performance.now() - t);
  }
  window.__benchDag = { draw, layout, nodes: G.nodes.length, drawn: document.querySelectorAll('[data-node-id]').length };
})();
