/**
 * One self-contained HTML page for people. Everything is rendered on the server side and
 * every AWS-derived string goes through escapeHtml; the small inline script only shows and
 * hides rows. A Content-Security-Policy admits that script and style by hash and nothing
 * else, so even a string that slipped through could neither run nor load anything.
 */
import { createHash } from 'node:crypto';
import escapeHtml from 'escape-html';
import { CATEGORIES, SEVERITIES, STATUSES, type Finding } from '../engine/types.js';
import { renderExposureView } from './exposure-view.js';
import type { Report, StatusCounts } from './model.js';

const STYLE = `
:root{--pass:#1a7f37;--fail:#cf222e;--error:#9a6700;--na:#6e7781;--border:#d0d7de;--muted:#57606a;--bg:#f6f8fa}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328}
header{padding:20px 28px;background:#24292f;color:#fff}
header h1{margin:0 0 6px;font-size:20px}
header dl{display:flex;flex-wrap:wrap;gap:4px 24px;margin:0;font-size:13px;color:#d0d7de}
header dt{display:inline;font-weight:600;color:#fff}header dd{display:inline;margin:0 0 0 4px}
main{padding:20px 28px}
h2{font-size:16px;margin:24px 0 8px}
.banner{padding:10px 14px;border-radius:6px;margin-bottom:16px;border:1px solid #d4a72c;background:#fff8c5}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid var(--border);border-radius:6px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:24px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--border);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--bg);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.matrix{width:auto}
.status{font-weight:600;white-space:nowrap}
.s-PASS{color:var(--pass)}.s-FAIL{color:var(--fail)}.s-ERROR{color:var(--error)}.s-NOT_APPLICABLE{color:var(--na)}
.sev{white-space:nowrap}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:8px 0 12px}
.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
.filters select,.filters input{font:inherit;padding:4px 6px;border:1px solid var(--border);border-radius:4px}
.filters input{min-width:260px}
.count{color:var(--muted);font-size:13px;margin-left:auto}
.res{word-break:break-all}.res small{display:block;color:var(--muted)}
details summary{cursor:pointer;color:var(--muted)}
details p{margin:4px 0}
.compliance{font-size:12px;color:var(--muted)}
tr[hidden]{display:none}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
footer{padding:16px 28px;color:var(--muted);font-size:12px}
@media print{.filters{display:none}tr[hidden]{display:table-row}details{display:block}header{background:none;color:#000}header dt,header dl{color:#000}}
`;

const SCRIPT = `
(function(){
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  var selects = Array.prototype.slice.call(document.querySelectorAll('.filters select'));
  var search = document.getElementById('search');
  var count = document.getElementById('shown');
  function apply(){
    var wanted = {};
    selects.forEach(function(s){ wanted[s.name] = s.value; });
    var text = search.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function(row){
      var ok = selects.every(function(s){ return !wanted[s.name] || row.dataset[s.name] === wanted[s.name]; });
      if (ok && text) ok = row.textContent.toLowerCase().indexOf(text) !== -1;
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' findings shown';
  }
  selects.forEach(function(s){ s.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  apply();
})();
`;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

export const HTML_CSP = `default-src 'none'; style-src 'sha256-${sha256(STYLE)}'; script-src 'sha256-${sha256(SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'`;

const e = (value: unknown): string => escapeHtml(String(value ?? ''));

const STATUS_LABEL: Record<string, string> = { PASS: 'Pass', FAIL: 'Fail', ERROR: 'Error', NOT_APPLICABLE: 'N/A' };

function countsRow(label: string, counts: StatusCounts): string {
  return `<tr><th>${e(label)}</th>${STATUSES.map((s) => `<td class="num s-${s}">${counts[s]}</td>`).join('')}</tr>`;
}

function matrix(caption: string, rows: Array<[string, StatusCounts]>): string {
  const head = STATUSES.map((s) => `<th class="num">${STATUS_LABEL[s]}</th>`).join('');
  return `<table class="matrix"><caption class="visually-hidden">${e(caption)}</caption><thead><tr><th></th>${head}</tr></thead><tbody>${rows
    .map(([label, counts]) => countsRow(label, counts))
    .join('')}</tbody></table>`;
}

function options(name: string, label: string, values: readonly string[]): string {
  const opts = values.map((v) => `<option value="${e(v)}">${e(STATUS_LABEL[v] ?? v)}</option>`).join('');
  return `<label>${e(label)}<select name="${e(name)}" aria-label="${e(label)}"><option value="">All</option>${opts}</select></label>`;
}

function complianceText(f: Finding): string {
  return Object.entries(f.compliance)
    .map(([framework, ids]) => `${framework} ${(ids ?? []).join(', ')}`)
    .join(' · ');
}

function findingRow(f: Finding): string {
  const r = f.resource;
  const name = r.name && r.name !== r.id ? `<small>${e(r.name)}</small>` : '';
  const arn = r.arn ? `<small>${e(r.arn)}</small>` : '';
  return `<tr data-status="${e(f.status)}" data-severity="${e(f.severity)}" data-category="${e(f.category)}" data-service="${e(f.service)}" data-region="${e(f.region)}">
<td class="status s-${e(f.status)}">${e(STATUS_LABEL[f.status] ?? f.status)}</td>
<td class="sev">${e(f.severity)}</td>
<td>${e(f.title)}<div class="compliance">${e(f.checkId)} · ${e(f.category)} / ${e(f.responsibility)}${complianceText(f) ? ` · ${e(complianceText(f))}` : ''}</div></td>
<td class="res">${e(r.id)}${name}${arn}<small>${e(r.type)}</small></td>
<td>${e(f.region)}</td>
<td>${e(f.message)}${f.status === 'PASS' || f.status === 'NOT_APPLICABLE' ? '' : `<details><summary>Remediation</summary><p>${e(f.remediation)}</p></details>`}</td>
</tr>`;
}

export function renderHtml(report: Report): string {
  const { run, summary, findings } = report;
  const distinct = (pick: (f: Finding) => string): string[] => [...new Set(findings.map(pick))].sort();
  const partial = run.partial
    ? `<div class="banner" role="alert"><strong>Partial run.</strong> ${run.errors.length} evaluation(s) could not be completed; they are listed as Error below, with the API call and error code.</div>`
    : '';
  const cards = STATUSES.map((s) => `<div class="card s-${s}"><b>${summary.byStatus[s]}</b>${STATUS_LABEL[s]}</div>`).join('');
  return `<!doctype html>
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
<div><dt>Tool</dt><dd>${e(report.tool.name)} ${e(report.tool.version)}</dd></div>
</dl>
</header>
<main>
${partial}
<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>
<div class="cards">${cards}</div>
<h2>By category</h2>
${matrix(
  'Results by category',
  CATEGORIES.map((c) => [c, summary.byCategory[c]]),
)}
<h2>By severity</h2>
${matrix(
  'Results by severity',
  SEVERITIES.map((s) => [s, summary.bySeverity[s]]),
)}
</section>
${renderExposureView(report)}
<section aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2>
<div class="filters">
${options(
  'status',
  'Status',
  STATUSES.filter((s) => summary.byStatus[s] > 0),
)}
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
  'service',
  'Service',
  distinct((f) => f.service),
)}
${options(
  'region',
  'Region',
  distinct((f) => f.region),
)}
<label>Search<input id="search" type="search" placeholder="resource, check, message…" aria-label="Search findings"></label>
<span class="count" id="shown" aria-live="polite">${findings.length} findings</span>
</div>
<table id="findings"><thead><tr><th>Status</th><th>Severity</th><th>Check</th><th>Resource</th><th>Region</th><th>Details</th></tr></thead>
<tbody>
${findings.map(findingRow).join('\n')}
</tbody></table>
</section>
</main>
<footer>Generated by ${e(report.tool.name)} ${e(report.tool.version)} · report schema ${e(report.schemaVersion)} · read-only audit of the customer side of the AWS shared responsibility model.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
