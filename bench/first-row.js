// The script of first-row.html (a file of its own: the console's Content-Security-Policy runs
// no inline script).
const us = new URLSearchParams(location.search).getAll('u');
Promise.all(us.map(u => fetch(u).then(r => r.text()))).then(texts => {
  const text = texts.length ? texts[texts.length - 1] : '';
  let first;
  try {
    const v = JSON.parse(text);
    const list = Array.isArray(v) ? v : (v && typeof v === 'object' ? Object.values(v).find(Array.isArray) : null);
    first = list ? list[0] : v;
  } catch (e) {
    first = { line: text.split('\n')[0] };
  }
  const tr = document.createElement('tr');
  tr.dataset.row = '';
  const cells = first && typeof first === 'object' ? Object.values(first) : [first];
  for (const x of cells) {
    const td = document.createElement('td');
    td.textContent = x && typeof x === 'object' ? JSON.stringify(x) : String(x);
    tr.appendChild(td);
  }
  document.querySelector('tbody').appendChild(tr);
});
