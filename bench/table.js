// The baseline of the table benchmark: a plain hand-written table over the same segments as the
// console's, windowed the same way (fixed row height, spacer rows), sorted on keys computed once.
const COLS = [
  ['ds', s => s.dataSource], ['interval', s => s.interval], ['version', s => s.version],
  ['partition', s => (s.shardSpec && s.shardSpec.partitionNum) || 0], ['size', s => s.size],
  ['id', s => s.identifier],
];
const H = 29, OVER = 20;
const scroll = document.querySelector('.scroll'), body = document.querySelector('tbody');
const search = document.querySelector('input');
let rows = [], order = [], sortCol = -1;
const td = v => { const e = document.createElement('td'); e.textContent = v; if (typeof v === 'number') e.className = 'num'; return e; };
const spacer = n => { const e = document.createElement('tr'); e.style.height = (n * H) + 'px'; return e; };
function draw() {
  const first = Math.max(0, Math.floor(scroll.scrollTop / H) - OVER);
  const last = Math.min(order.length, first + Math.ceil(scroll.clientHeight / H) + 2 * OVER);
  const frag = document.createDocumentFragment();
  if (first > 0) frag.appendChild(spacer(first));
  for (let i = first; i < last; i++) {
    const tr = document.createElement('tr'); tr.dataset.row = '';
    for (const v of rows[order[i]]) tr.appendChild(td(v));
    frag.appendChild(tr);
  }
  if (last < order.length) frag.appendChild(spacer(order.length - last));
  body.replaceChildren(frag);
  document.getElementById('count').textContent = order.length + ' rows';
}
function refilter() {
  const q = search.value.trim().toLowerCase();
  order = [];
  for (let i = 0; i < rows.length; i++) {
    if (!q || rows[i].some(v => String(v).toLowerCase().includes(q))) order.push(i);
  }
  if (sortCol >= 0) {
    const k = sortCol, key = r => { const v = rows[r][k]; return typeof v === 'string' ? v.toLowerCase() : v; };
    const keyed = order.map(r => [key(r), r]);
    keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    order = keyed.map(x => x[1]);
  }
  draw();
}
const head = document.querySelector('thead tr');
COLS.forEach(([id], i) => {
  const th = document.createElement('th'); th.textContent = id; th.dataset.col = id;
  th.onclick = () => { sortCol = i; refilter(); };
  head.appendChild(th);
});
search.oninput = refilter;
scroll.onscroll = draw;
fetch(new URLSearchParams(location.search).get('data')).then(r => r.text()).then(text => {
  window.__benchArrived = performance.now();
  rows = JSON.parse(text).map(s => COLS.map(([, f]) => f(s)));
  refilter();
});
