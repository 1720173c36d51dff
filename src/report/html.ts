/**
 * One self-contained HTML page for people. Everything is rendered on the server side and
 * every AWS-derived string goes through escapeHtmlText; the small inline script only shows and
 * hides rows. A Content-Security-Policy admits that script and style by hash and nothing
 * else, so even a string that slipped through could neither run nor load anything.
 */
import { createHash } from 'node:crypto';
import { CATEGORIES, RESPONSIBILITIES, SEVERITIES, STATUSES, type Resource } from '../engine/types.js';
import { displayStatus, type ControlStatus, type Report, type ReportFinding, type StatusCounts, type WaiverRecord } from './model.js';
import { complianceText, escapeHtmlText as e, wellFormed } from './text.js';
import { renderExposureView } from './exposure-view.js';

const STYLE = `
:root{--pass:#1a7f37;--fail:#cf222e;--error:#9a6700;--na:#6e7781;--waived:#8250df;--border:#d0d7de;--muted:#57606a;--bg:#f6f8fa}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328}
header{padding:20px 28px;background:#24292f;color:#fff}
header h1{margin:0 0 6px;font-size:20px}
header dl{display:flex;flex-wrap:wrap;gap:4px 24px;margin:0;font-size:13px;color:#d0d7de}
header dt{display:inline;font-weight:600;color:#fff}header dd{display:inline;margin:0 0 0 4px}
nav.toc{display:flex;flex-wrap:wrap;gap:6px 16px;padding:8px 28px;border-bottom:1px solid var(--border);font-size:13px}
main{padding:20px 28px}
h2{font-size:17px;margin:28px 0 8px}
h3{font-size:15px;margin:18px 0 6px}
a{color:#0969da}
.banner{padding:10px 14px;border-radius:6px;margin-bottom:16px;border:1px solid #d4a72c;background:#fff8c5}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid var(--border);border-radius:6px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:24px}
.charts{display:flex;flex-wrap:wrap;gap:24px;margin-top:16px}
.chart{border:1px solid var(--border);border-radius:6px;padding:8px 12px}
.chart h3{margin:0 0 4px;font-size:13px;color:var(--muted)}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--border);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--bg);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.matrix{width:auto}
.grid td{text-align:center;min-width:120px}
.grid td a{display:block;text-decoration:none;color:inherit;border-radius:4px;padding:2px}
.grid td a:hover,.grid td a:focus{outline:2px solid #0969da}
.grid .cell-fail{background:#ffebe9}.grid .cell-error{background:#fff8c5}.grid .cell-pass{background:#dafbe1}.grid .cell-empty{color:var(--na);font-style:italic;font-size:12px}
.grid small{display:block;color:var(--muted);font-size:11px}
.status{font-weight:600;white-space:nowrap}
.s-PASS,.c-pass{color:var(--pass)}.s-FAIL,.c-fail{color:var(--fail)}.s-ERROR,.c-error{color:var(--error)}.s-NOT_APPLICABLE,.c-not-evaluated,.c-not-covered{color:var(--na)}.s-WAIVED{color:var(--waived)}
.tag{display:inline-block;font-size:11px;font-weight:600;border-radius:10px;padding:0 7px;margin-left:4px;border:1px solid currentColor}
.t-new{color:var(--fail)}.t-persisting{color:var(--muted)}.t-resolved{color:var(--pass)}.t-waived{color:var(--waived)}
.sev{white-space:nowrap}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:8px 0 12px}
.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
.filters select,.filters input{font:inherit;padding:4px 6px;border:1px solid var(--border);border-radius:4px}
.filters input{min-width:260px}
.count{color:var(--muted);font-size:13px;margin-left:auto}
.res{word-break:break-all}.res small{display:block;color:var(--muted)}
details summary{cursor:pointer;color:var(--muted)}
details p{margin:4px 0}
pre.evidence{max-height:24em;overflow:auto;white-space:pre-wrap;font-size:11px}
details.framework>summary,details.resource>summary{color:inherit;font-weight:600;padding:4px 0}
.compliance{font-size:12px;color:var(--muted)}
.muted{color:var(--muted)}
ul.plain{margin:0;padding-left:18px}
tr[hidden]{display:none}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
footer{padding:16px 28px;color:var(--muted);font-size:12px}
@media print{
  @page{margin:14mm}
  body{font-size:11px}
  nav.toc,.filters,.count,.no-print{display:none}
  tr[hidden]{display:table-row}
  header{background:none;color:#000;border-bottom:2px solid #000}header dt,header dl{color:#000}
  a{color:inherit;text-decoration:none}
  h2{break-after:avoid}
  tr,.card,.chart,details.resource{break-inside:avoid}
  .grid .cell-fail,.grid .cell-error,.grid .cell-pass{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
`;

const SCRIPT = `
(function(){
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  var selects = Array.prototype.slice.call(document.querySelectorAll('#findings-filters select'));
  var search = document.getElementById('search');
  var count = document.getElementById('shown');
  function has(row, name, value){ return (' ' + (row.dataset[name] || '') + ' ').indexOf(' ' + value + ' ') !== -1; }
  function apply(){
    var text = search.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function(row){
      var ok = selects.every(function(s){ return !s.value || has(row, s.name, s.value); });
      if (ok && text) ok = row.textContent.toLowerCase().indexOf(text) !== -1;
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' findings shown';
  }
  function decode(text){ try { return decodeURIComponent(text); } catch (e) { return ''; } }
  function fromHash(){
    var hash = location.hash || '';
    if (hash.indexOf('#f?') !== 0) return;
    var wanted = Object.create(null);
    // Split first, then decode each value: an encoded "&" or "=" stays inside its value.
    hash.slice(3).split('&').forEach(function(pair){
      var i = pair.indexOf('=');
      if (i > 0) wanted[decode(pair.slice(0, i))] = decode(pair.slice(i + 1));
    });
    selects.forEach(function(s){
      var v = wanted[s.name] || '';
      if (v && !Array.prototype.some.call(s.options, function(o){ return o.value === v; })) {
        var o = document.createElement('option'); o.value = v; o.textContent = v; s.appendChild(o);
      }
      s.value = v;
    });
    search.value = '';
    apply();
    document.getElementById('findings-h').scrollIntoView();
  }
  selects.forEach(function(s){ s.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  window.addEventListener('hashchange', fromHash);
  window.addEventListener('beforeprint', function(){
    Array.prototype.forEach.call(document.querySelectorAll('details'), function(d){ d.open = true; });
  });
  apply();
  fromHash();
})();
`;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

/** Only the inline style and script, by hash; nothing else at all (no image, font, fetch, frame, form or base). */
export const HTML_CSP = `default-src 'none'; style-src 'sha256-${sha256(STYLE)}'; script-src 'sha256-${sha256(SCRIPT)}'; base-uri 'none'; form-action 'none'`;

const STATUS_LABEL: Record<string, string> = { PASS: 'Pass', FAIL: 'Fail', ERROR: 'Error', NOT_APPLICABLE: 'N/A', WAIVED: 'Waived' };
const CONTROL_LABEL: Record<ControlStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  error: 'Error',
  'not-evaluated': 'Not evaluated',
  'not-covered': 'Not covered',
};
const COLOR = { PASS: '#1a7f37', FAIL: '#cf222e', ERROR: '#9a6700', NOT_APPLICABLE: '#8c959f', WAIVED: '#8250df' } as const;

/**
 * A link that filters the findings table (the script reads it; without script it still jumps
 * there). Always "#f?…": it can never be a javascript: or any other URL.
 */
const filterLink = (params: Record<string, string>): string =>
  `#f?${Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(wellFormed(v))}`)
    .join('&')}`;

const resourceKey = (r: Resource): string => r.arn ?? r.id;
/**
 * The resource as the findings table's resource filter knows it (data-resource, and the value of
 * a resource link): URI-encoded, so it holds no space the filter would split on. Well-formed
 * first: encodeURIComponent throws on a lone surrogate, which would fail the whole page.
 */
const resourceToken = (r: Resource): string => encodeURIComponent(wellFormed(resourceKey(r)));

function countsRow(label: string, counts: StatusCounts): string {
  return `<tr><th>${e(label)}</th>${STATUSES.map((s) => `<td class="num s-${s}">${counts[s]}</td>`).join('')}</tr>`;
}

function matrix(caption: string, rows: Array<[string, StatusCounts]>): string {
  const head = STATUSES.map((s) => `<th class="num">${STATUS_LABEL[s]}</th>`).join('');
  return `<table class="matrix"><caption class="visually-hidden">${e(caption)}</caption><thead><tr><th></th>${head}</tr></thead><tbody>${rows
    .map(([label, counts]) => countsRow(label, counts))
    .join('')}</tbody></table>`;
}

function options(name: string, label: string, values: readonly string[], labels: Record<string, string> = STATUS_LABEL): string {
  const opts = values.map((v) => `<option value="${e(v)}">${e(labels[v] ?? v)}</option>`).join('');
  return `<label>${e(label)}<select name="${e(name)}" aria-label="${e(label)}"><option value="">All</option>${opts}</select></label>`;
}

function stateTags(f: ReportFinding): string {
  return `${f.baseline ? `<span class="tag t-${e(f.baseline)}">${e(f.baseline)}</span>` : ''}${f.waiver ? '<span class="tag t-waived">waived</span>' : ''}`;
}

/** The data a verdict was judged on (the sample events of a monitoring control, …), as escaped JSON text. */
function evidenceDetail(f: { evidence?: Record<string, unknown> }): string {
  return f.evidence
    ? `<details><summary>Evidence</summary><pre class="evidence">${e(JSON.stringify(f.evidence, null, 2))}</pre></details>`
    : '';
}

function findingRow(f: ReportFinding): string {
  const r = f.resource;
  const name = r.name && r.name !== r.id ? `<small>${e(r.name)}</small>` : '';
  const arn = r.arn ? `<small>${e(r.arn)}</small>` : '';
  const shown = displayStatus(f);
  const state = [f.baseline ?? '', f.waiver ? 'waived' : ''].filter(Boolean).join(' ');
  const waiver = f.waiver
    ? `<p class="s-WAIVED">Waived until ${e(f.waiver.expires)} by ${e(f.waiver.owner)}: ${e(f.waiver.reason)} <span class="muted">(${e(f.waiver.source)})</span></p>`
    : '';
  const previous =
    f.previousStatus && f.previousStatus !== f.status
      ? `<p class="muted">Was ${e(STATUS_LABEL[f.previousStatus])} in the baseline.</p>`
      : '';
  return `<tr data-status="${e(f.status)}" data-severity="${e(f.severity)}" data-category="${e(f.category)}" data-responsibility="${e(f.responsibility)}" data-service="${e(f.service)}" data-region="${e(f.region)}" data-state="${e(state)}" data-resource="${e(resourceToken(r))}" data-check="${e(f.checkId)}">
<td class="status s-${e(shown)}">${e(STATUS_LABEL[shown] ?? shown)}${stateTags(f)}</td>
<td class="sev">${e(f.severity)}</td>
<td>${e(f.title)}<div class="compliance">${e(f.checkId)} · ${e(f.category)} / ${e(f.responsibility)}${complianceText(f) ? ` · ${e(complianceText(f))}` : ''}</div></td>
<td class="res">${e(r.id)}${name}${arn}<small>${e(r.type)}</small></td>
<td>${e(f.region)}</td>
<td>${e(f.message)}${waiver}${previous}${f.status === 'PASS' || f.status === 'NOT_APPLICABLE' ? '' : `<details><summary>Remediation</summary><p>${e(f.remediation)}</p></details>`}${evidenceDetail(f)}</td>
</tr>`;
}

// ---------- charts (inline SVG, presentation attributes only: nothing for the CSP to refuse) ----------

function svg(width: number, height: number, label: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${e(label)}"><title>${e(label)}</title>${body}</svg>`;
}

function statusBar(report: Report): string {
  const { byStatus, waived, total } = report.summary;
  const parts: Array<[keyof typeof COLOR, number]> = [
    ['FAIL', byStatus.FAIL - waived],
    ['WAIVED', waived],
    ['ERROR', byStatus.ERROR],
    ['PASS', byStatus.PASS],
    ['NOT_APPLICABLE', byStatus.NOT_APPLICABLE],
  ];
  const width = 420;
  let x = 0;
  const bars = parts
    .filter(([, n]) => n > 0)
    .map(([k, n]) => {
      const w = total ? (n / total) * width : 0;
      const rect = `<rect x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="26" fill="${COLOR[k]}"><title>${STATUS_LABEL[k]}: ${n}</title></rect>`;
      x += w;
      return rect;
    })
    .join('');
  const legend = parts
    .map(
      ([k, n], i) =>
        `<rect x="${i * 84}" y="36" width="10" height="10" fill="${COLOR[k]}"/><text x="${i * 84 + 14}" y="45" font-size="11" fill="#1f2328">${STATUS_LABEL[k]} ${n}</text>`,
    )
    .join('');
  const empty = total ? '' : `<rect x="0" y="0" width="${width}" height="26" fill="#eaeef2"/>`;
  return svg(width, 52, `Results: ${parts.map(([k, n]) => `${STATUS_LABEL[k]} ${n}`).join(', ')}`, empty + bars + legend);
}

function severityChart(report: Report): string {
  const open = SEVERITIES.map(
    (s) => [s, report.findings.filter((f) => f.severity === s && f.status === 'FAIL' && !f.waiver).length] as const,
  );
  const max = Math.max(1, ...open.map(([, n]) => n));
  const bars = open
    .map(([s, n], i) => {
      const h = (n / max) * 78;
      return `<rect x="${i * 62 + 8}" y="${(100 - h).toFixed(2)}" width="40" height="${h.toFixed(2)}" fill="${COLOR.FAIL}" opacity="${(1 - i * 0.15).toFixed(2)}"><title>${s}: ${n}</title></rect><text x="${i * 62 + 28}" y="${(96 - h).toFixed(2)}" font-size="11" text-anchor="middle" fill="#1f2328">${n}</text><text x="${i * 62 + 28}" y="116" font-size="10" text-anchor="middle" fill="#57606a">${s}</text>`;
    })
    .join('');
  return svg(
    320,
    122,
    `Open failures by severity: ${open.map(([s, n]) => `${s} ${n}`).join(', ')}`,
    `<line x1="0" y1="100" x2="320" y2="100" stroke="#d0d7de"/>${bars}`,
  );
}

function categoryChart(report: Report): string {
  const rows = CATEGORIES.map((c) => [c, report.summary.byCategory[c]] as const);
  const max = Math.max(1, ...rows.map(([, k]) => k.PASS + k.FAIL + k.ERROR + k.NOT_APPLICABLE));
  const body = rows
    .map(([c, k], i) => {
      let x = 96;
      const y = i * 24 + 4;
      const segs = (['FAIL', 'ERROR', 'PASS', 'NOT_APPLICABLE'] as const)
        .map((s) => {
          const w = (k[s] / max) * 260;
          const r =
            w > 0
              ? `<rect x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="16" fill="${COLOR[s]}"><title>${c} ${STATUS_LABEL[s]}: ${k[s]}</title></rect>`
              : '';
          x += w;
          return r;
        })
        .join('');
      return `<text x="0" y="${y + 12}" font-size="11" fill="#1f2328">${c}</text>${segs}`;
    })
    .join('');
  return svg(370, CATEGORIES.length * 24 + 4, 'Results by category', body);
}

function passRateBar(rate: number | null): string {
  const w = rate === null ? 0 : rate * 200;
  return svg(
    200,
    10,
    rate === null ? 'No control evaluated' : `${Math.round(rate * 100)}% of evaluated controls pass`,
    `<rect x="0" y="0" width="200" height="10" fill="#eaeef2"/><rect x="0" y="0" width="${w.toFixed(2)}" height="10" fill="${COLOR.PASS}"/>`,
  );
}

// ---------- views ----------

function gridSection(report: Report): string {
  const cells = report.views.grid;
  const head = CATEGORIES.map((c) => `<th scope="col">${e(c)}</th>`).join('');
  const rows = RESPONSIBILITIES.map((resp) => {
    const tds = CATEGORIES.map((cat) => {
      const cell = cells.find((c) => c.category === cat && c.responsibility === resp);
      if (!cell || cell.checks.length === 0) return `<td class="cell-empty" data-cell="${e(`${resp}/${cat}`)}">no check covers it yet</td>`;
      const fail = cell.counts.FAIL - cell.waived;
      const cls = fail > 0 ? 'cell-fail' : cell.counts.ERROR > 0 ? 'cell-error' : 'cell-pass';
      const label = `${resp} / ${cat}: ${cell.counts.PASS} passed, ${fail} failed, ${cell.counts.ERROR} error${cell.waived ? `, ${cell.waived} waived` : ''}`;
      return `<td class="${cls}" data-cell="${e(`${resp}/${cat}`)}"><a href="${e(filterLink({ responsibility: resp, category: cat }))}" aria-label="${e(label)}"><span class="s-PASS">${cell.counts.PASS} ✓</span> · <span class="s-FAIL">${fail} ✗</span> · <span class="s-ERROR">${cell.counts.ERROR} !</span>${cell.waived ? ` · <span class="s-WAIVED">${cell.waived} waived</span>` : ''}<small>${cell.checks.length} check(s)</small></a></td>`;
    }).join('');
    return `<tr><th scope="row">${e(resp)}</th>${tds}</tr>`;
  }).join('');
  return `<section aria-labelledby="grid-h"><h2 id="grid-h">Shared responsibility: what the customer must do</h2>
<p class="muted">Rows are the customer's duties, columns the kinds of service. Each cell counts passed ✓, failed ✗ and error ! results and links to them.</p>
<table class="grid" id="grid"><thead><tr><th>responsibility</th>${head}</tr></thead><tbody>${rows}</tbody></table></section>`;
}

function complianceSection(report: Report): string {
  if (report.views.compliance.length === 0) return '';
  const frameworks = report.views.compliance
    .map((v, i) => {
      const rows = v.controls
        .map((c) => {
          const failing = c.failing.length
            ? `<ul class="plain">${c.failing
                .slice(0, 20)
                .map(
                  (f) =>
                    `<li><a href="${e(filterLink({ resource: resourceToken(f.resource) }))}">${e(resourceKey(f.resource))}</a> <span class="muted">(${e(f.region)})</span></li>`,
                )
                .join('')}${c.failing.length > 20 ? `<li class="muted">…and ${c.failing.length - 20} more</li>` : ''}</ul>`
            : '';
          const waived = c.waived ? ` <span class="tag t-waived">${c.waived} waived</span>` : '';
          return `<tr data-control-status="${e(c.status)}"><td>${e(c.id)}</td><td>${e(c.title)}${c.listed ? '' : ' <span class="tag">unlisted</span>'}</td><td class="status c-${e(c.status)}">${e(CONTROL_LABEL[c.status])}${waived}</td><td class="compliance">${c.checks.map(e).join('<br>')}</td><td class="res">${failing}</td></tr>`;
        })
        .join('');
      const rate = v.passRate === null ? 'no control evaluated' : `${Math.round(v.passRate * 100)}% of evaluated controls pass`;
      return `<details class="framework" data-framework="${e(v.framework)}"${i === 0 ? ' open' : ''}><summary>${e(v.title)} — ${e(rate)} · ${v.counts.pass} pass, ${v.counts.fail} fail, ${v.counts.error} error, ${v.counts['not-evaluated']} not evaluated, ${v.counts['not-covered']} not covered of ${v.counts.total} ${passRateBar(v.passRate)}</summary>
<p class="muted">${e(v.source)}${v.scope ? ` · list scope: ${e(v.scope)}` : ''}</p>
<table><thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Checks</th><th>Failing resources</th></tr></thead><tbody>${rows}</tbody></table></details>`;
    })
    .join('\n');
  return `<section aria-labelledby="compliance-h"><h2 id="compliance-h">Compliance</h2>
<p class="muted">A control passes when no resource violates it; it is not covered when no check maps to it, not evaluated when those checks were not run.</p>
${frameworks}</section>`;
}

function resourcesSection(report: Report): string {
  const byResource = new Map<string, ReportFinding[]>();
  for (const f of report.findings) {
    if (f.status !== 'FAIL' && f.status !== 'ERROR') continue;
    const key = `${resourceKey(f.resource)}\u0000${f.region}`;
    byResource.set(key, [...(byResource.get(key) ?? []), f]);
  }
  const ordered = [...byResource.values()].sort(
    (a, b) => b.filter((f) => !f.waiver && f.status === 'FAIL').length - a.filter((f) => !f.waiver && f.status === 'FAIL').length,
  );
  if (ordered.length === 0)
    return `<section aria-labelledby="resources-h"><h2 id="resources-h">Resources</h2><p>No resource has a failure or an error.</p></section>`;
  const items = ordered
    .map((list) => {
      const r = list[0]!.resource;
      const open = list.filter((f) => f.status === 'FAIL' && !f.waiver).length;
      const issues = list
        .map(
          (f) =>
            `<li><span class="status s-${e(displayStatus(f))}">${e(STATUS_LABEL[displayStatus(f)])}</span>${stateTags(f)} <b>${e(f.severity)}</b> ${e(f.title)} — ${e(f.message)}</li>`,
        )
        .join('');
      return `<details class="resource" data-resource="${e(resourceKey(r))}"><summary>${e(r.name && r.name !== r.id ? `${r.name} (${r.id})` : r.id)} <span class="muted">${e(r.type)} · ${e(list[0]!.region)}</span> — ${open} open failure(s), ${list.length} issue(s)</summary>
<p class="res muted">${e(r.arn ?? '')}</p><ul class="plain">${issues}</ul><p class="no-print"><a href="${e(filterLink({ resource: resourceToken(r) }))}">show in the findings table</a></p></details>`;
    })
    .join('\n');
  return `<section aria-labelledby="resources-h"><h2 id="resources-h">Resources (${ordered.length} with failures or errors)</h2>${items}</section>`;
}

function baselineSection(report: Report): string {
  const b = report.baseline;
  if (!b) return '';
  const newFails = report.findings.filter((f) => f.baseline === 'new' && f.status === 'FAIL');
  const resolvedNow = report.findings.filter((f) => f.baseline === 'resolved');
  const li = (title: string, resource: Resource, region: string, message: string, extra = ''): string =>
    `<li>${extra}<b>${e(title)}</b> — <span class="res">${e(resourceKey(resource))}</span> <span class="muted">(${e(region)})</span>: ${e(message)}</li>`;
  const list = (items: string[]): string => (items.length ? `<ul class="plain">${items.join('')}</ul>` : '<p class="muted">None.</p>');
  return `<section aria-labelledby="baseline-h" id="baseline"><h2 id="baseline-h">Since the baseline of ${e(b.startedAt)}</h2>
<div class="cards"><div class="card s-FAIL"><b>${newFails.length}</b>new failures</div><div class="card"><b>${b.counts.persisting}</b>persisting</div><div class="card s-PASS"><b>${b.counts.resolved}</b>resolved</div><div class="card"><b>${b.counts.notRechecked}</b>not re-checked</div></div>
<h3>New failures</h3>${list(newFails.map((f) => li(f.title, f.resource, f.region, f.message, `<span class="sev">${e(f.severity)}</span> `)))}
<h3>Resolved</h3>${list([
    ...resolvedNow.map((f) => li(f.title, f.resource, f.region, f.message)),
    ...b.gone.map((g) => li(g.title, g.resource, g.region, 'the resource is no longer present')),
  ])}
${b.notRechecked.length ? `<h3>Not re-checked</h3><p class="muted">Failures of the baseline this run could not verify (check not run, region not scanned, or an error now): they are not counted as resolved.</p>${list(b.notRechecked.map((g) => li(g.title, g.resource, g.region, g.message)))}` : ''}
<p class="muted">Baseline file: ${e(b.file)}</p></section>`;
}

function waiversSection(report: Report): string {
  const w = report.waivers;
  if (!w) return '';
  const row = (kind: string, x: WaiverRecord & { matched?: number }): string =>
    `<tr><td>${e(kind)}</td><td>${e(x.checkId)}</td><td class="res">${x.resources.map(e).join('<br>')}</td><td>${e(x.reason)}</td><td>${e(x.owner)}</td><td>${e(x.expires)}</td><td>${e(x.source)}</td></tr>`;
  const rows = [
    ...w.expired.map((x) => row('expired: no longer applies', x)),
    ...w.stale.map((x) => row('stale: matched no failure', x)),
    ...w.applied.map((x) => row(`applied to ${x.matched}`, x)),
  ].join('');
  return `<section aria-labelledby="waivers-h"><h2 id="waivers-h">Waivers</h2>
<p>${report.summary.waived} failure(s) waived; ${w.expired.length} expired and ${w.stale.length} stale waiver(s) in ${e(w.file)}.</p>
<table><thead><tr><th>State</th><th>Check</th><th>Resources</th><th>Reason</th><th>Owner</th><th>Expires</th><th>Where</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export function renderHtml(report: Report): string {
  return [...renderHtmlChunks(report)].join('');
}

/** Findings rendered per piece: large enough to be cheap, small enough to stream. */
const HTML_BATCH = 500;

/**
 * The page in pieces: everything before the findings table's rows, the rows a batch at a
 * time, then the rest; a report of tens of thousands of findings is streamed to disk rather
 * than held as one string.
 */
export function* renderHtmlChunks(report: Report): Generator<string> {
  const { run, summary, findings } = report;
  const distinct = (pick: (f: ReportFinding) => string): string[] => [...new Set(findings.map(pick))].sort();
  const partial = run.partial
    ? `<div class="banner" role="alert"><strong>Partial run.</strong> ${run.errors.length} evaluation(s) could not be completed; they are listed as Error below, with the API call and error code.</div>`
    : '';
  const cards = [
    ...STATUSES.map(
      (s) =>
        `<div class="card s-${s}"><b>${s === 'FAIL' ? summary.byStatus.FAIL - summary.waived : summary.byStatus[s]}</b>${s === 'FAIL' ? 'Open failures' : STATUS_LABEL[s]}</div>`,
    ),
    `<div class="card s-WAIVED"><b>${summary.waived}</b>Waived</div>`,
  ].join('');
  const states = ['new', 'persisting', 'resolved', 'waived'].filter((s) =>
    findings.some((f) => f.baseline === s || (s === 'waived' && f.waiver)),
  );
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(HTML_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>srm-audit report · ${e(run.accountId)} · ${e(run.startedAt)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Shared responsibility audit · account ${e(run.accountId)}</h1>
<dl>
<div><dt>Started</dt><dd>${e(run.startedAt)}</dd></div>
<div><dt>Duration</dt><dd>${(run.durationMs / 1000).toFixed(1)} s</dd></div>
<div><dt>Regions</dt><dd>${e(run.regions.join(', '))}</dd></div>
<div><dt>Caller</dt><dd>${e(run.callerArn)}</dd></div>
<div><dt>Source</dt><dd>${e(run.source)}</dd></div>
<div><dt>API calls</dt><dd>${run.apiCalls.total}</dd></div>
${run.framework ? `<div><dt>Framework</dt><dd>${e(run.framework)}</dd></div>` : ''}
<div><dt>Tool</dt><dd>${e(report.tool.name)} ${e(report.tool.version)}</dd></div>
</dl>
</header>
<nav class="toc" aria-label="Sections">${report.baseline ? '<a href="#baseline-h">Since the baseline</a>' : ''}${report.waivers ? '<a href="#waivers-h">Waivers</a>' : ''}<a href="#summary-h">Summary</a><a href="#grid-h">Shared responsibility</a><a href="#compliance-h">Compliance</a><a href="#resources-h">Resources</a><a href="#findings-h">Findings</a></nav>
<main>
${partial}
${baselineSection(report)}
${waiversSection(report)}
<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>
<div class="cards">${cards}</div>
<div class="charts">
<div class="chart"><h3>All results</h3>${statusBar(report)}</div>
<div class="chart"><h3>Open failures by severity</h3>${severityChart(report)}</div>
<div class="chart"><h3>By category</h3>${categoryChart(report)}</div>
</div>
<h3>By category</h3>
${matrix(
  'Results by category',
  CATEGORIES.map((c) => [c, summary.byCategory[c]]),
)}
<h3>By severity</h3>
${matrix(
  'Results by severity',
  SEVERITIES.map((s) => [s, summary.bySeverity[s]]),
)}
</section>
${gridSection(report)}
${complianceSection(report)}
${resourcesSection(report)}
${renderExposureView(report)}
<section aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2>
<div class="filters" id="findings-filters">
${options(
  'status',
  'Status',
  STATUSES.filter((s) => summary.byStatus[s] > 0),
)}
${options('state', 'Baseline / waiver', states)}
${options(
  'severity',
  'Severity',
  SEVERITIES.filter((s) => findings.some((f) => f.severity === s)),
)}
${options(
  'category',
  'Category',
  CATEGORIES.filter((c) => findings.some((f) => f.category === c)),
)}
${options(
  'responsibility',
  'Responsibility',
  RESPONSIBILITIES.filter((r) => findings.some((f) => f.responsibility === r)),
)}
${options(
  'service',
  'Service',
  distinct((f) => f.service),
)}
${options(
  'region',
  'Region',
  distinct((f) => f.region),
)}
${options('resource', 'Resource', [])}
<label>Search<input id="search" type="search" placeholder="resource, check, message…" aria-label="Search findings"></label>
<span class="count" id="shown" aria-live="polite">${findings.length} findings</span>
</div>
<table id="findings"><thead><tr><th>Status</th><th>Severity</th><th>Check</th><th>Resource</th><th>Region</th><th>Details</th></tr></thead>
<tbody>
`;
  for (let i = 0; i < findings.length; i += HTML_BATCH) {
    yield `${i === 0 ? '' : '\n'}${findings
      .slice(i, i + HTML_BATCH)
      .map(findingRow)
      .join('\n')}`;
  }
  yield `
</tbody></table>
</section>
</main>
<footer>Generated by ${e(report.tool.name)} ${e(report.tool.version)} · report schema ${e(report.schemaVersion)} · read-only audit of the customer side of the AWS shared responsibility model.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
