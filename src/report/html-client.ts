/**
 * The HTML report's one stylesheet and one script, admitted by the page's CSP by hash.
 *
 * The script renders the long lists lazily from the page's JSON data block (a check's findings
 * when its group opens, a hundred rows at a time; a control's resources when it opens; the
 * printed appendix just before printing), so a report of tens of thousands of findings opens at
 * once. It writes AWS-derived text only through textContent and attribute setters, never as
 * markup, so nothing in the data can become an element or a handler.
 */

/** Pass-rate colours of the heat map: 0 % … 100 % in eleven steps, red through amber to green. */
export const HEAT_STEPS = 11;
const heat = Array.from({ length: HEAT_STEPS }, (_, i) => {
  const hue = Math.round((i / (HEAT_STEPS - 1)) * 125);
  return `.heat-${i}{background:hsl(${hue} 72% 80%)}`;
}).join('');

export const STYLE = `
:root{--pass:#1a7f37;--fail:#cf222e;--error:#9a6700;--na:#6e7781;--waived:#8250df;--border:#d0d7de;--muted:#57606a;--bg:#f6f8fa;--critical:#8e1519;--high:#cf222e;--medium:#bc4c00;--low:#9a6700;--informational:#57606a}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#fff}
header.cover{padding:18px 28px;background:#24292f;color:#fff}
header.cover h1{margin:0 0 4px;font-size:20px}
header.cover p{margin:0;color:#d0d7de;font-size:13px}
.cover dl{grid-template-columns:max-content 1fr;gap:6px 18px;margin:28px 0;font-size:13px}.cover dt{font-weight:600}.cover dd{margin:0}
nav.toc{position:sticky;top:0;z-index:20;display:flex;flex-wrap:wrap;gap:4px 18px;padding:8px 28px;background:#fff;border-bottom:1px solid var(--border);font-size:13px;box-shadow:0 1px 3px rgba(0,0,0,.06)}
nav.toc a{text-decoration:none;color:#0969da;white-space:nowrap}
nav.toc a:hover{text-decoration:underline}
main{padding:8px 28px 20px;max-width:1500px}
section{scroll-margin-top:48px}
main>section:first-child>h2{margin-top:14px}
.summary-grid .box+.box{margin-top:12px}
h2{font-size:18px;margin:30px 0 8px;padding-top:4px}
h3{font-size:15px;margin:18px 0 6px}
a{color:#0969da}
.muted{color:var(--muted)}
.banner{padding:10px 14px;border-radius:6px;margin:12px 0;border:1px solid #d4a72c;background:#fff8c5}
.posture{display:flex;flex-wrap:wrap;gap:18px 28px;align-items:center}
.posture p{margin:0}
.posture .headline{font-size:17px;max-width:720px}
.posture .headline b{font-size:22px}
.sevcards{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
.sevcard{display:block;min-width:118px;padding:8px 14px;border:1px solid var(--border);border-left-width:6px;border-radius:6px;text-decoration:none;color:inherit}
.sevcard b{display:block;font-size:24px;line-height:1.2}
.sevcard.zero{opacity:.55}
.sev-critical{border-left-color:var(--critical)}.sev-high{border-left-color:var(--high)}.sev-medium{border-left-color:var(--medium)}.sev-low{border-left-color:var(--low)}.sev-informational{border-left-color:var(--informational)}
.sevcard.sev-critical b{color:var(--critical)}.sevcard.sev-high b{color:var(--high)}.sevcard.sev-medium b{color:var(--medium)}
.summary-grid{display:grid;grid-template-columns:minmax(320px,1.3fr) minmax(280px,1fr);gap:18px 32px}
.box{border:1px solid var(--border);border-radius:6px;padding:10px 14px}
.box h3{margin:0 0 8px;font-size:14px}
ol.fix{margin:0;padding-left:22px}
ol.fix li{margin:3px 0}
.pill{display:inline-block;font-size:11px;font-weight:600;border-radius:10px;padding:0 7px;border:1px solid currentColor;white-space:nowrap;vertical-align:1px}
.p-critical{color:var(--critical)}.p-high{color:var(--high)}.p-medium{color:var(--medium)}.p-low{color:var(--low)}.p-informational{color:var(--informational)}
.p-internet{color:#fff;background:var(--fail);border-color:var(--fail)}.p-public{color:var(--fail)}
.fwbars{display:grid;grid-template-columns:auto 1fr auto;gap:4px 10px;align-items:center;font-size:13px}
.bar{height:10px;background:#eaeef2;border-radius:5px;overflow:hidden;min-width:120px}
.bar i{display:block;height:100%;background:var(--pass)}
${Array.from({ length: 21 }, (_, i) => `.w-${i * 5}{width:${i * 5}%}`).join('')}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--border);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--bg);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.id,code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:nowrap}
code.copy{user-select:all;white-space:normal;overflow-wrap:anywhere}
.res{white-space:nowrap}.res small{display:block;color:var(--muted)}
.nowrap,.port{white-space:nowrap}.port small{display:block;color:var(--muted);white-space:normal;max-width:240px}
#exposure-table td.path{width:48%}
.path span{white-space:nowrap}
small{font-size:12px}
.status{font-weight:600;white-space:nowrap}
.s-PASS,.c-pass{color:var(--pass)}.s-FAIL,.c-fail{color:var(--fail)}.s-ERROR,.c-error{color:var(--error)}.s-NOT_APPLICABLE,.c-not-evaluated,.c-not-covered{color:var(--na)}.s-WAIVED{color:var(--waived)}
.tag{display:inline-block;font-size:11px;font-weight:600;border-radius:10px;padding:0 7px;margin-left:4px;border:1px solid currentColor}
.t-new{color:var(--fail)}.t-persisting{color:var(--muted)}.t-resolved{color:var(--pass)}.t-waived{color:var(--waived)}
table.grid{width:auto;table-layout:fixed}
.grid th[scope=row]{font-weight:500;background:none;white-space:nowrap}
.grid thead th{font-weight:600;font-size:13px;width:190px}
.grid td{padding:2px}
.grid td a,.grid td span.cell{display:block;min-height:38px;padding:4px 8px;border-radius:4px;text-decoration:none;color:#1f2328;font-size:13px}
.grid td a:hover,.grid td a:focus{outline:2px solid #0969da}
.grid td.empty span.cell{background:repeating-linear-gradient(45deg,#fafbfc,#fafbfc 4px,#f3f4f6 4px,#f3f4f6 8px)}
.grid td.idle span.cell{background:#eef1f4;color:var(--muted)}
.grid small{display:block;color:#3d444d;font-size:11px}
${heat}
.legend{display:flex;flex-wrap:wrap;align-items:center;gap:6px 14px;font-size:12px;color:var(--muted);margin:8px 0}
.legend .scale{display:inline-flex}.legend .scale i{display:inline-block;width:18px;height:12px}
.legend .sw{display:inline-block;width:26px;height:12px;vertical-align:-2px;margin-right:4px;border:1px solid var(--border)}
.legend .sw.empty{background:repeating-linear-gradient(45deg,#fafbfc,#fafbfc 4px,#f3f4f6 4px,#f3f4f6 8px)}.legend .sw.idle{background:#eef1f4}
details>summary{cursor:pointer}
details.framework{border:1px solid var(--border);border-radius:6px;margin:8px 0;padding:6px 12px}
details.framework>summary{font-weight:600}
details.framework>summary .bar{display:inline-block;width:160px;vertical-align:middle;margin:0 8px}
details.ctl>summary{color:#0969da;font-size:12px}
details.framework td:nth-child(2){min-width:300px}
.notcovered{font-size:12px;color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:8px 0}
.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
.filters select,.filters input{font:inherit;padding:4px 6px;border:1px solid var(--border);border-radius:4px;max-width:220px}
.filters input{min-width:240px}
.tabs{display:flex;flex-wrap:wrap;gap:4px;margin:10px 0 4px}
.tabs button{font:inherit;font-size:13px;padding:4px 12px;border:1px solid var(--border);background:var(--bg);border-radius:16px;cursor:pointer}
.tabs button[aria-pressed=true]{background:#24292f;color:#fff;border-color:#24292f}
.toolbar{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:6px 0 10px;font-size:13px}
.toolbar button,.more{font:inherit;font-size:12px;padding:2px 10px;border:1px solid var(--border);background:#fff;border-radius:4px;cursor:pointer}
.chip{font-size:12px;border:1px solid var(--border);border-radius:12px;padding:1px 8px;background:var(--bg)}
#shown{color:var(--muted)}
details.group{border:1px solid var(--border);border-radius:6px;margin:6px 0}
details.group>summary{display:flex;gap:10px;align-items:baseline;padding:5px 12px}
details.group>summary::before{content:'\\25B8';color:var(--muted)}details.group[open]>summary::before{content:'\\25BE'}
details.group>summary .title{font-weight:600;flex:1}
details.group>summary .count{white-space:nowrap;color:var(--muted);font-size:13px}
details.group[open]>summary{border-bottom:1px solid var(--border);background:var(--bg)}
.group .remediation{margin:8px 12px;font-size:13px}
.group table td{font-size:13px}
.group table{table-layout:auto}
.detail{background:#fbfcfd}
.detail dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0}
.detail dt{color:var(--muted)}.detail dd{margin:0;overflow-wrap:anywhere}
.evidence table{width:auto;margin:4px 0}.evidence th,.evidence td{font-size:12px;padding:2px 8px}
pre.json{margin:4px 0;padding:8px;background:var(--bg);border-radius:4px;font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere;max-height:360px;overflow:auto}
.scope dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
.scope dt{font-weight:600}.scope dd{margin:0}
.print-only{display:none}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
footer{padding:16px 28px;color:var(--muted);font-size:12px}
@media print{
  @page{size:A4;margin:12mm 11mm}
  body{font-size:9.5px;line-height:1.3}
  nav.toc,.filters,.tabs,.toolbar,.no-print,#findings,#resources{display:none !important}
  .print-only{display:block}
  header.cover{background:none;color:#000;padding:40mm 0 0;min-height:245mm;break-after:page}
  header.cover h1{font-size:26px}header.cover p{color:#000;font-size:13px}
  main{padding:0;max-width:none}
  h2{font-size:14px;margin:14px 0 6px;break-after:avoid}
  h3{font-size:11.5px;margin:10px 0 4px;break-after:avoid}
  a{color:inherit;text-decoration:none}
  th,td{padding:2px 5px}
  tr{break-inside:avoid}
  .summary-grid{grid-template-columns:1fr 1fr}
  .box,.sevcard{break-inside:avoid}
  details>summary{list-style:none}
  details.framework{border:none;padding:0;margin:0 0 8px}
  details.framework table{font-size:7.5px;line-height:1.2}
  details.framework td,details.framework th{padding:0 3px}
  details.framework td:nth-child(2){min-width:0}
  details.framework .id{font-size:7.5px}
  details.ctl{display:none}
  .heat-0,.heat-1,.heat-2,.heat-3,.heat-4,.heat-5,.heat-6,.heat-7,.heat-8,.heat-9,.heat-10,.bar,.bar i,.pill,.legend i,.sw{print-color-adjust:exact;-webkit-print-color-adjust:exact}
  .grid td a,.grid td span.cell{min-height:0;padding:2px 5px;font-size:9px}
  .appendix h2{break-before:page}
  .appendix h3{font-size:10px;margin:8px 0 2px}
  .appendix table{font-size:7.5px;line-height:1.2}
  .appendix td,.appendix th{padding:0 3px}
  .appendix .remediation{margin:0 0 3px}
  .appendix td.msg{width:55%}
  .appendix tr.check-row th{background:#eaeef2;font-size:9px;print-color-adjust:exact;-webkit-print-color-adjust:exact}
  .id,code,small{font-size:8px}
  .port small{max-width:none}
  .cover dl.print-only{display:grid}
}
`;

export const SCRIPT = `
(function(){
  'use strict';
  var dataEl = document.getElementById('report-data');
  var DATA = { checks: [], findings: [] };
  try { DATA = JSON.parse(dataEl ? dataEl.textContent : '{}'); } catch (err) { DATA = { checks: [], findings: [] }; }
  var CHECKS = DATA.checks || [], ALL = DATA.findings || [];
  var SEV = ['critical','high','medium','low','informational'];
  var STATUS_LABEL = { FAIL: 'Fail', ERROR: 'Error', WAIVED: 'Waived', PASS: 'Pass', NOT_APPLICABLE: 'N/A' };
  var EXPOSURE = ['', 'public', 'internet-reachable'];
  var PAGE = 100, AUTO_OPEN = 25;

  function el(tag, cls, text){ var n = document.createElement(tag); if (cls) n.className = cls; if (text !== undefined && text !== null) n.textContent = String(text); return n; }
  function add(parent){ for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]); return parent; }
  function checkOf(f){ return CHECKS[f.c] || {}; }
  function pill(text, cls){ return el('span', 'pill ' + cls, text); }
  function sevPill(sev){ return pill(sev, 'p-' + (SEV.indexOf(sev) >= 0 ? sev : 'informational')); }
  function exposurePill(x){ return x === 2 ? pill('internet-reachable', 'p-internet') : x === 1 ? pill('public', 'p-public') : null; }
  function shortMiddle(text, max){ var a = Array.from(String(text)); if (a.length <= max) return a.join(''); var h = Math.ceil((max - 1) / 2); return a.slice(0, h).join('') + '\\u2026' + a.slice(a.length - (max - 1 - h)).join(''); }

  // ---------- local times (UTC stays in the tooltip) ----------
  Array.prototype.forEach.call(document.querySelectorAll('time[datetime]'), function(t){
    var d = new Date(t.getAttribute('datetime'));
    if (isNaN(d.getTime())) return;
    try { t.textContent = d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }); } catch (err) { /* keep the UTC text */ }
  });

  // ---------- one finding's resource cell and detail ----------
  function resourceCell(f, x){
    var td = el('td', 'res');
    td.title = [f.i || (f.a ? '' : f.k), f.a].filter(Boolean).join('\\n') || f.l;
    add(td, el('span', null, shortMiddle(f.l, 56)));
    var pillNode = exposurePill(x);
    if (pillNode) { td.appendChild(document.createTextNode(' ')); td.appendChild(pillNode); }
    if (f.i && f.l.indexOf(f.i) < 0) add(td, el('small', 'id', shortMiddle(f.i, 48)));
    return td;
  }
  function evidenceNode(value, depth){
    if (value === null || value === undefined) return el('span', 'muted', String(value));
    if (typeof value === 'string') {
      var s = value.trim();
      if ((s.charAt(0) === '{' || s.charAt(0) === '[') && s.length > 1) {
        try { return el('pre', 'json', JSON.stringify(JSON.parse(s), null, 2)); } catch (err) { /* not JSON: plain text */ }
      }
      return el('span', null, value);
    }
    if (typeof value !== 'object') return el('span', null, String(value));
    if (depth > 4) return el('pre', 'json', JSON.stringify(value, null, 2));
    if (Array.isArray(value)) {
      if (value.length === 0) return el('span', 'muted', 'none');
      var flat = value.every(function(v){ return v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every(function(k){ return v[k] === null || typeof v[k] !== 'object'; }); });
      if (flat) {
        var cols = [];
        value.forEach(function(v){ Object.keys(v).forEach(function(k){ if (cols.indexOf(k) < 0) cols.push(k); }); });
        var table = el('table'), head = el('tr'), body = el('tbody');
        cols.forEach(function(k){ add(head, el('th', null, k)); });
        add(table, add(el('thead'), head), body);
        value.forEach(function(v){ var tr = el('tr'); cols.forEach(function(k){ add(tr, el('td', null, v[k] === undefined ? '' : String(v[k]))); }); add(body, tr); });
        return table;
      }
      var ol = el('ol');
      value.forEach(function(v){ add(ol, add(el('li'), evidenceNode(v, depth + 1))); });
      return ol;
    }
    var dl = el('dl');
    Object.keys(value).forEach(function(k){ add(dl, el('dt', null, k), add(el('dd'), evidenceNode(value[k], depth + 1))); });
    return dl;
  }
  function detailNode(f){
    var c = checkOf(f), box = el('div', 'detail');
    if (f.e && typeof f.e === 'object') {
      add(box, el('b', null, 'Evidence (what the verdict was judged on)'));
      add(box, add(el('div', 'evidence'), evidenceNode(f.e, 0)));
    } else {
      add(box, el('b', null, 'What this finding records'));
    }
    var dl = el('dl');
    function row(k, v, cls){ if (v) add(dl, el('dt', null, k), add(el('dd'), el(cls ? 'code' : 'span', cls || null, v))); }
    row('Result', f.m);
    row('Resource', f.l);
    row('Id', f.i || (f.a ? '' : f.k), 'copy');
    row('ARN', f.a, 'copy');
    row('Type', f.t);
    row('Region', f.r);
    row('Check', c.id + ' \\u2014 ' + c.title);
    row('Compliance', c.compliance);
    row('Waiver', f.v);
    if (f.p) row('Baseline', 'was ' + (STATUS_LABEL[f.p] || f.p) + ' in the baseline');
    if (f.s !== 'PASS' && f.s !== 'NOT_APPLICABLE') row('Remediation', c.remediation);
    add(box, dl);
    return box;
  }
  function findingRow(f, tbody){
    var tr = el('tr');
    tr.setAttribute('data-status', f.s);
    tr.setAttribute('data-check', checkOf(f).id);
    tr.setAttribute('data-account', f.ac || '');
    var st = add(el('td', 'status s-' + f.s, STATUS_LABEL[f.s] || f.s));
    if (f.b) add(st, el('span', 'tag t-' + f.b, f.b));
    var msg = el('td', 'msg');
    var d = el('details'); add(d, el('summary', null, f.m));
    d.addEventListener('toggle', function once(){ if (d.open && d.children.length === 1) add(d, detailNode(f)); });
    add(msg, d);
    var res = resourceCell(f, f.x);
    add(tr, st, res, el('td', 'nowrap', f.r), msg);
    tbody.appendChild(tr);
  }
  function pagedRows(list, tbody, after){
    var shown = 0;
    var more = el('button', 'more no-print');
    function next(){
      var end = Math.min(list.length, shown + PAGE);
      for (; shown < end; shown++) findingRow(list[shown], tbody);
      if (shown < list.length) more.textContent = 'Show ' + Math.min(PAGE, list.length - shown) + ' more of ' + (list.length - shown);
      else if (more.parentNode) more.parentNode.removeChild(more);
    }
    more.addEventListener('click', next);
    next();
    if (shown < list.length) after.appendChild(more);
  }

  // ---------- findings: filters, groups ----------
  var section = document.getElementById('findings');
  var groupsEl = document.getElementById('groups');
  var shownEl = document.getElementById('shown');
  var search = document.getElementById('search');
  var chipsEl = document.getElementById('chips');
  var selects = Array.prototype.slice.call(document.querySelectorAll('#findings-filters select'));
  var tabs = Array.prototype.slice.call(document.querySelectorAll('#status-tabs button'));
  var KEYS = ['status','severity','category','responsibility','service','region','account','state','check','resource','q'];
  var state = { status: 'FAIL' };
  var hay = null;
  var timer = 0;
  /** The groups shown, each with the function that renders its rows (at once, not on the next toggle event). */
  var fills = [];

  function matches(f, ignoreStatus){
    var c = checkOf(f);
    if (!ignoreStatus && state.status !== 'all' && f.s !== state.status) return false;
    if (state.severity && c.severity !== state.severity) return false;
    if (state.category && c.category !== state.category) return false;
    if (state.responsibility && c.responsibility !== state.responsibility) return false;
    if (state.service && c.service !== state.service) return false;
    if (state.region && f.r !== state.region) return false;
    if (state.account && f.ac !== state.account) return false;
    if (state.check && c.id !== state.check) return false;
    if (state.resource && f.k !== state.resource) return false;
    if (state.state && !(state.state === 'waived' ? f.s === 'WAIVED' : f.b === state.state)) return false;
    if (state.q) {
      if (!hay) hay = ALL.map(function(g){ var k = checkOf(g); return [g.l, g.i, g.a, g.k, g.m, g.r, g.t, k.id, k.title, k.service, k.compliance].join(' ').toLowerCase(); });
      if (hay[f._n].indexOf(state.q) < 0) return false;
    }
    return true;
  }
  ALL.forEach(function(f, n){ f._n = n; });

  function toHash(){
    var parts = [];
    KEYS.forEach(function(k){ var v = state[k]; if (v && !(k === 'status' && v === 'FAIL')) parts.push(k + '=' + encodeURIComponent(v)); });
    var hash = parts.length ? '#f?' + parts.join('&') : '#findings';
    if (location.hash !== hash) { try { history.replaceState(null, '', hash); } catch (err) { /* a file: URL may refuse; the view still works */ } }
  }
  function render(updateHash){
    var counts = { FAIL: 0, ERROR: 0, WAIVED: 0, PASS: 0, NOT_APPLICABLE: 0, all: 0 };
    var list = [];
    for (var i = 0; i < ALL.length; i++) {
      var f = ALL[i];
      if (!matches(f, true)) continue;
      counts[f.s]++; counts.all++;
      if (state.status === 'all' || f.s === state.status) list.push(f);
    }
    tabs.forEach(function(b){
      var s = b.getAttribute('data-status');
      b.setAttribute('aria-pressed', String(s === state.status));
      b.querySelector('.n').textContent = String(counts[s] || 0);
    });
    selects.forEach(function(s){ s.value = state[s.name] || ''; });
    if (search.value.trim().toLowerCase() !== (state.q || '')) search.value = state.q || '';
    chipsEl.textContent = '';
    ['check','resource'].forEach(function(k){
      if (!state[k]) return;
      var chip = el('span', 'chip', k + ': ' + state[k] + ' ');
      var x = el('button', 'more', '\\u00d7'); x.setAttribute('aria-label', 'Clear the ' + k + ' filter');
      x.addEventListener('click', function(){ state[k] = ''; render(true); });
      add(chipsEl, add(chip, x));
    });
    groupsEl.textContent = '';
    fills = [];
    var groups = [], byCheck = Object.create(null);
    list.forEach(function(f){ var g = byCheck[f.c]; if (!g) { g = byCheck[f.c] = { c: f.c, list: [] }; groups.push(g); } g.list.push(f); });
    groups.forEach(function(g){ groupsEl.appendChild(groupNode(g)); });
    // A narrow view (a check, a resource, a shared link) opens at once.
    if (list.length <= AUTO_OPEN) fills.forEach(function(x){ x.fill(); x.d.open = true; });
    if (!groups.length) groupsEl.appendChild(el('p', 'muted', 'No finding matches these filters.'));
    shownEl.textContent = list.length + ' of ' + ALL.length + ' findings shown';
    if (updateHash) toHash();
  }
  function groupNode(g){
    var c = CHECKS[g.c] || {};
    var d = el('details', 'group');
    d.setAttribute('data-check', c.id);
    d.setAttribute('data-severity', c.severity);
    var s = el('summary');
    var tally = Object.create(null), worst = 0;
    g.list.forEach(function(f){ tally[f.s] = (tally[f.s] || 0) + 1; if (f.x > worst) worst = f.x; });
    var words = Object.keys(STATUS_LABEL).filter(function(k){ return tally[k]; }).map(function(k){ return tally[k] + ' ' + STATUS_LABEL[k].toLowerCase(); });
    var title = el('span', 'title', c.title);
    title.title = c.id;
    add(s, sevPill(c.severity), title, exposurePill(worst), el('span', 'count', words.join(', ')));
    add(d, s);
    function fill(){
      if (d.getAttribute('data-filled')) return;
      d.setAttribute('data-filled', '1');
      if (g.list.some(function(f){ return f.s !== 'PASS' && f.s !== 'NOT_APPLICABLE'; })) add(d, add(el('p', 'remediation'), el('b', null, 'Fix: '), document.createTextNode(c.remediation || '')));
      add(d, add(el('p', 'remediation muted'), document.createTextNode(c.id + (c.compliance ? ' \\u00b7 ' + c.compliance : ''))));
      var table = el('table'), head = el('tr'), body = el('tbody');
      ['Status','Resource','Region','Result (open for evidence)'].forEach(function(h){ add(head, el('th', null, h)); });
      add(table, add(el('thead'), head), body);
      add(d, table);
      pagedRows(g.list, body, d);
    }
    d.addEventListener('toggle', function(){ if (d.open) fill(); });
    fills.push({ d: d, fill: fill });
    return d;
  }
  function fromHash(scroll){
    var hash = location.hash || '';
    if (hash.indexOf('#f?') !== 0) return false;
    var wanted = Object.create(null);
    function decode(t){ try { return decodeURIComponent(t); } catch (err) { return ''; } }
    // Split first, then decode each value: an encoded "&" or "=" stays inside its value.
    hash.slice(3).split('&').forEach(function(pair){ var i = pair.indexOf('='); if (i > 0) wanted[decode(pair.slice(0, i))] = decode(pair.slice(i + 1)); });
    state = { status: wanted.status || 'FAIL' };
    if (!STATUS_LABEL[state.status] && state.status !== 'all') state.status = 'FAIL';
    KEYS.forEach(function(k){ if (k !== 'status' && wanted[k]) state[k] = k === 'q' ? wanted[k].toLowerCase() : wanted[k]; });
    selects.forEach(function(s){
      var v = state[s.name];
      if (v && !Array.prototype.some.call(s.options, function(o){ return o.value === v; })) { var o = el('option', null, v); o.value = v; s.appendChild(o); }
    });
    render(false);
    if (scroll) section.scrollIntoView();
    return true;
  }
  // A choice takes the search box as it reads now, not as the pending keystroke timer will.
  selects.forEach(function(s){ s.addEventListener('change', function(){ clearTimeout(timer); state[s.name] = s.value; state.q = search.value.trim().toLowerCase(); render(true); }); });
  tabs.forEach(function(b){ b.addEventListener('click', function(){ state.status = b.getAttribute('data-status'); render(true); }); });
  search.addEventListener('input', function(){ clearTimeout(timer); timer = setTimeout(function(){ state.q = search.value.trim().toLowerCase(); render(true); }, 120); });
  document.getElementById('expand').addEventListener('click', function(){ fills.forEach(function(x){ x.fill(); x.d.open = true; }); });
  document.getElementById('collapse').addEventListener('click', function(){ fills.forEach(function(x){ x.d.open = false; }); });
  window.addEventListener('hashchange', function(){ fromHash(true); });
  // A filter link filters as it is clicked: "hashchange" is a task queued after the address
  // changes, so on its own the list would still be unfiltered while the address names the filter.
  document.addEventListener('click', function(ev){
    var a = ev.target && ev.target.closest ? ev.target.closest('a[href^="#f?"]') : null;
    if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    history.pushState(null, '', a.getAttribute('href'));
    fromHash(true);
  });

  // ---------- resources with failures ----------
  (function(){
    var host = document.getElementById('resource-list');
    if (!host) return;
    var by = Object.create(null), rows = [];
    ALL.forEach(function(f){
      if (f.s !== 'FAIL' && f.s !== 'ERROR' && f.s !== 'WAIVED') return;
      // Account-level settings share the account's ARN: each setting is its own line.
      var key = f.k + '\\u0000' + f.r + '\\u0000' + f.l, r = by[key];
      if (!r) { r = by[key] = { f: f, open: 0, other: 0, worst: 9, x: 0 }; rows.push(r); }
      if (f.s === 'FAIL') { r.open++; var w = SEV.indexOf(checkOf(f).severity); if (w >= 0 && w < r.worst) r.worst = w; } else r.other++;
      if (f.x > r.x) r.x = f.x;
    });
    rows.sort(function(a, b){ return a.worst - b.worst || b.x - a.x || b.open - a.open || a.f.l.localeCompare(b.f.l); });
    var count = document.getElementById('resource-count');
    if (count) count.textContent = String(rows.length);
    if (!rows.length) { host.appendChild(el('p', null, 'No resource has a failure or an error.')); return; }
    var table = el('table'), head = el('tr'), body = el('tbody');
    ['Resource','Type','Region','Worst','Open failures','Other',''].forEach(function(h){ add(head, el('th', null, h)); });
    add(table, add(el('thead'), head), body);
    host.appendChild(table);
    var shown = 0, more = el('button', 'more');
    function next(n){
      var end = Math.min(rows.length, shown + n);
      for (; shown < end; shown++) {
        var r = rows[shown], tr = el('tr', 'resource');
        tr.setAttribute('data-resource', r.f.k);
        var res = resourceCell(r.f, r.x);
        var link = el('a', null, 'show findings');
        link.setAttribute('href', '#f?status=all&resource=' + encodeURIComponent(r.f.k));
        add(tr, res, el('td', null, r.f.t), el('td', 'nowrap', r.f.r), add(el('td'), r.worst < 9 ? sevPill(SEV[r.worst]) : null), el('td', 'num', r.open), el('td', 'num', r.other), add(el('td'), link));
        body.appendChild(tr);
      }
      if (shown < rows.length) more.textContent = 'Show all ' + rows.length; else if (more.parentNode) more.parentNode.removeChild(more);
    }
    more.addEventListener('click', function(){ next(rows.length); });
    next(15);
    if (shown < rows.length) host.appendChild(more);
  })();

  // ---------- a control's evaluated resources, when it opens ----------
  Array.prototype.forEach.call(document.querySelectorAll('details.ctl'), function(d){
    d.addEventListener('toggle', function(){
      if (!d.open || d.getAttribute('data-filled')) return;
      d.setAttribute('data-filled', '1');
      var checks = (d.getAttribute('data-checks') || '').split(' ');
      var list = ALL.filter(function(f){ return checks.indexOf(checkOf(f).id) >= 0; });
      var table = el('table'), body = el('tbody');
      add(table, body);
      add(d, table);
      pagedRows(list, body, d);
    });
  });

  // ---------- the printed appendix: failures with remediation, then passes as evidence tables ----------
  var printed = false;
  function buildAppendix(){
    if (printed) return;
    printed = true;
    var host = document.getElementById('appendix');
    if (!host) return;
    /** The name and, when it differs, the id: the ARN is in the JSON report and the screen's tooltip. */
    function resCell(f){
      var res = el('td', 'res');
      add(res, el('span', null, shortMiddle(f.l, 60)));
      if (f.i && f.l.indexOf(f.i) < 0) add(res, el('small', 'id', shortMiddle(f.i, 70)));
      return res;
    }
    /** Failures: per check, its remediation and a table of the resources, ARNs included. */
    function failures(title, statuses){
      var list = ALL.filter(function(f){ return statuses.indexOf(f.s) >= 0; });
      add(host, el('h2', null, title + ' (' + list.length + ')'));
      if (!list.length) { add(host, el('p', null, 'None.')); return; }
      var current = -1, body = null;
      list.forEach(function(f){
        if (f.c !== current) {
          current = f.c;
          var c = checkOf(f);
          add(host, add(el('h3'), sevPill(c.severity), document.createTextNode(' ' + c.title + ' '), el('span', 'muted', c.id + (c.compliance ? ' \\u00b7 ' + c.compliance : ''))));
          add(host, add(el('p', 'remediation'), el('b', null, 'Remediation: '), document.createTextNode(c.remediation || '')));
          var table = el('table'), head = el('tr');
          body = el('tbody');
          ['Result','Resource','Region','Finding'].forEach(function(t){ add(head, el('th', null, t)); });
          add(host, add(table, add(el('thead'), head), body));
        }
        var tr = el('tr');
        add(tr, el('td', 'status s-' + f.s, STATUS_LABEL[f.s] || f.s), resCell(f), el('td', 'nowrap', f.r), el('td', 'msg', f.m + (f.v ? ' \\u2014 ' + f.v : '')));
        body.appendChild(tr);
      });
    }
    /** Passes: one compact evidence table, a heading row per check. */
    function passes(){
      var list = ALL.filter(function(f){ return f.s === 'PASS' || f.s === 'NOT_APPLICABLE'; });
      add(host, el('h2', null, 'Passed: evidence (' + list.length + ')'));
      add(host, el('p', 'muted', 'Every resource evaluated and found compliant (or not applicable), with what it was judged on.'));
      if (!list.length) { add(host, el('p', null, 'None.')); return; }
      var table = el('table', 'evidence-table'), head = el('tr'), body = el('tbody'), current = -1;
      ['Resource','Region','Judged on'].forEach(function(t){ add(head, el('th', null, t)); });
      add(host, add(table, add(el('thead'), head), body));
      list.forEach(function(f){
        if (f.c !== current) {
          current = f.c;
          var c = checkOf(f), th = el('th', null, c.title + ' \\u2014 ' + c.id + (c.compliance ? ' \\u00b7 ' + c.compliance : ''));
          th.setAttribute('colspan', '3');
          add(body, add(el('tr', 'check-row'), th));
        }
        add(body, add(el('tr'), resCell(f), el('td', 'nowrap', f.r), el('td', 'msg', (f.s === 'PASS' ? '' : 'N/A: ') + f.m)));
      });
    }
    failures('Failures and remediation', ['FAIL']);
    failures('Could not be evaluated, and waived failures', ['ERROR', 'WAIVED']);
    passes();
  }
  function beforePrint(){
    // The printed document holds every framework's controls, however the screen left them.
    Array.prototype.forEach.call(document.querySelectorAll('details.framework'), function(d){ d.open = true; });
    buildAppendix();
  }
  window.addEventListener('beforeprint', beforePrint);
  if (window.matchMedia) { var mq = window.matchMedia('print'); if (mq.addEventListener) mq.addEventListener('change', function(e){ if (e.matches) beforePrint(); }); }

  if (!fromHash(true)) render(false);
})();
`;
