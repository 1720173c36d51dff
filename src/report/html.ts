/**
 * One self-contained HTML page for two readers: a security lead deciding what to fix this week
 * (the summary on top, failures first) and an auditor collecting evidence (every resource each
 * control evaluated, each finding's evidence, the run's scope, and a print style that makes a
 * document of it).
 *
 * The page is a list of sections, each with its nav entry (pageSections); a new view is one more
 * entry. Server-rendered parts escape every AWS-derived string with escapeHtmlText; the long
 * lists (findings, resources, a control's resources, the printed appendix) are rendered lazily by
 * the page's script from a JSON data block, with textContent only. A Content-Security-Policy
 * admits that script and the style by hash and nothing else, so even a string that slipped
 * through could neither run nor load anything.
 */
import { createHash } from 'node:crypto';
import { CATEGORIES, RESPONSIBILITIES, SEVERITIES, type Resource } from '../engine/types.js';
import { EXPOSURE_CHECKS, renderExposureView } from './exposure-view.js';
import { HEAT_STEPS, SCRIPT, STYLE as CLIENT_STYLE } from './html-client.js';
import { ORGANIZATION_STYLE, organizationSection } from './org-html.js';
import {
  CATEGORY_LABEL,
  RESPONSIBILITY_LABEL,
  clientChecks,
  clientFinding,
  findingOrderTally,
  fixFirstTally,
  reachableResources,
  resourceLabel,
  scriptJson,
  shortenMiddle,
  utcText,
  type FindingOrder,
  type FixItem,
} from './html-present.js';
import {
  displayStatus,
  findingsOfChecks,
  isOpenFailure,
  tallied,
  type ControlResult,
  type ControlStatus,
  type Report,
  type ReportFinding,
  type Tally,
  type WaiverRecord,
} from './model.js';
import { organizationViewsTally, type OrganizationViews } from './org-views.js';
import { escapeHtmlText as e, wellFormed } from './text.js';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

/** Only the inline style and script, by hash; nothing else at all (no image, font, fetch, frame, form or base). */
/** The page's one stylesheet: the client's, and the organization section's classes. */
const STYLE = CLIENT_STYLE + ORGANIZATION_STYLE;

export const HTML_CSP = `default-src 'none'; style-src 'sha256-${sha256(STYLE)}'; script-src 'sha256-${sha256(SCRIPT)}'; base-uri 'none'; form-action 'none'`;

const CONTROL_LABEL: Record<ControlStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  error: 'Error',
  'not-evaluated': 'Not evaluated',
  'not-covered': 'Not covered',
};

/**
 * A link that filters the findings (the script reads it; without script it still jumps there).
 * Always "#f?…": it can never be a javascript: or any other URL.
 */
export const filterLink = (params: Record<string, string>): string =>
  `#f?${Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(wellFormed(v))}`)
    .join('&')}`;

/** The resource filter's key: the ARN, else the id (the findings carry the same). */
const resourceKey = (r: Resource): string => r.arn ?? r.id;

/** An instant in the reader's local time (the script rewrites it), with the UTC instant in the tooltip. */
const time = (iso: string): string => `<time datetime="${e(iso)}" title="${e(utcText(iso))}">${e(utcText(iso))}</time>`;

const pct = (n: number, of: number): number => (of ? Math.round((n / of) * 100) : 0);
/** A bar's width class (.w-0 … .w-100 in steps of 5): the CSP admits no inline style. */
const widthClass = (rate: number): string => `w-${Math.round(rate * 20) * 5}`;
const bar = (rate: number, label: string): string =>
  `<span class="bar" role="img" aria-label="${e(label)}" title="${e(label)}"><i class="${widthClass(rate)}"></i></span>`;

/** A resource named as a person names it, the id and ARN in its tooltip, never broken mid-token. */
function resourceHtml(f: ReportFinding): string {
  const n = resourceLabel(f);
  const tip = [n.id ?? (n.arn ? '' : n.key), n.arn].filter(Boolean).join('\n');
  return `<span class="res" title="${e(tip || n.label)}">${e(shortenMiddle(n.label, 56))}</span>`;
}

// ---------- sections ----------

/** A section of the page and its entry in the sticky navigation. */
export interface PageSection {
  id: string;
  nav: string;
  html: string;
}

/** The open failures the summary counts. */
interface OpenFacts {
  failingChecks: number;
  failingResources: number;
  reachableFailing: number;
  bySeverity: Record<string, number>;
}

function openTally(reachable: ReadonlySet<string>): Tally<OpenFacts> {
  const checks = new Set<string>();
  const resources = new Set<string>();
  const reachableResources = new Set<string>();
  const bySeverity: Record<string, number> = {};
  return {
    add(f) {
      if (!isOpenFailure(f)) return;
      const key = resourceKey(f.resource);
      checks.add(f.checkId);
      resources.add(`${key}\u0000${f.region}`);
      if (reachable.has(key)) reachableResources.add(key);
      bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    },
    result: () => ({ failingChecks: checks.size, failingResources: resources.size, reachableFailing: reachableResources.size, bySeverity }),
  };
}

function summarySection(report: Report, facts: PageFacts): string {
  const { summary, run } = report;
  const open = summary.byStatus.FAIL - summary.waived;
  const evaluated = summary.byStatus.PASS + summary.byStatus.FAIL;
  const { failingChecks, failingResources, reachableFailing, bySeverity } = facts.open;
  const partial = run.partial
    ? `<div class="banner" role="alert"><strong>Partial run.</strong> ${run.errors.length} evaluation(s) could not be completed; they are listed as Error in the findings, with the API call and error code.</div>`
    : '';
  const headline =
    open === 0
      ? `<b>No open failure.</b> ${summary.byStatus.PASS} of ${evaluated} evaluated results pass.`
      : `<b>${open} open failure${open === 1 ? '' : 's'}</b> on ${failingResources} resource${failingResources === 1 ? '' : 's'}${reachableFailing ? `, ${reachableFailing} of them reachable from the internet` : ''}. ${failingChecks} of ${run.checks.length} checks fail somewhere; ${summary.byStatus.PASS} of ${evaluated} evaluated results pass (${pct(summary.byStatus.PASS, evaluated)} %).`;
  const extra = [
    summary.waived ? `${summary.waived} waived` : '',
    summary.byStatus.ERROR ? `${summary.byStatus.ERROR} could not be evaluated` : '',
    summary.byStatus.NOT_APPLICABLE ? `${summary.byStatus.NOT_APPLICABLE} not applicable` : '',
  ].filter(Boolean);
  const cards = SEVERITIES.map((s) => {
    const n = bySeverity[s] ?? 0;
    return `<a class="sevcard sev-${s}${n ? '' : ' zero'}" href="${e(filterLink({ severity: s }))}" data-severity="${s}"><b>${n}</b>${e(s)}</a>`;
  }).join('');
  const b = report.baseline;
  const delta = b
    ? `<p><b class="s-FAIL">${b.counts.new} new</b> · <b class="s-PASS">${b.counts.resolved} resolved</b> · ${b.counts.persisting} persisting${b.counts.notRechecked ? ` · ${b.counts.notRechecked} not re-checked` : ''}</p><p class="muted">Against the baseline of ${time(b.startedAt)}. <a href="#baseline">What changed</a> · <a href="${e(filterLink({ state: 'new' }))}">new failures</a></p>`
    : '<p class="muted">No baseline given: run with <code>--baseline &lt;previous report&gt;</code> to see what changed since then.</p>';
  const frameworks = report.views.compliance
    .map((v) => {
      const ev = v.counts.pass + v.counts.fail + v.counts.error;
      const label = v.passRate === null ? 'no control evaluated' : `${v.counts.pass} of ${ev} evaluated controls pass`;
      return `<span>${e(v.title)}</span>${bar(v.passRate ?? 0, label)}<span class="muted">${e(label)}</span>`;
    })
    .join('');
  const fixes = facts.fixes;
  const fixList = fixes.length
    ? `<ol class="fix">${fixes
        .map((x) => {
          const where = [x.reachable ? `${x.reachable} internet-reachable` : '', x.public ? `${x.public} public` : '']
            .filter(Boolean)
            .join(', ');
          return `<li data-check="${e(x.checkId)}"><span class="pill p-${e(x.severity)}">${e(x.severity)}</span> <a href="${e(filterLink({ check: x.checkId }))}" title="${e(x.checkId)}">${e(x.title)}</a> <span class="muted">— ${e(shortenMiddle(x.example, 40))}${x.failures > 1 ? ` and ${x.failures - 1} more` : ''}${where ? ` (${e(where)})` : ''}</span></li>`;
        })
        .join(
          '',
        )}</ol><p class="muted">Ranked by severity × exposure: a failure on an internet-reachable resource weighs twice its severity, on a public one one and a half times.</p>`
    : '<p>Nothing to fix: no open failure.</p>';
  return `${partial}
<div class="posture"><p class="headline">${headline}${extra.length ? ` <span class="muted">${e(extra.join(' · '))}.</span>` : ''}</p></div>
<div class="sevcards" aria-label="Open failures by severity">${cards}</div>
<div class="summary-grid">
<div class="box" id="fix-first"><h3>Fix first</h3>${fixList}</div>
<div><div class="box"><h3>Since the baseline</h3>${delta}</div>
${frameworks ? `<div class="box"><h3>Compliance</h3><div class="fwbars">${frameworks}</div></div>` : ''}</div>
</div>`;
}

function heatClass(rate: number): string {
  return `heat-${Math.round(rate * (HEAT_STEPS - 1))}`;
}

function gridSection(report: Report): string {
  const cells = report.views.grid;
  if (cells.length === 0) return '';
  const head = CATEGORIES.map((c) => `<th scope="col" title="${e(c)}">${e(CATEGORY_LABEL[c])}</th>`).join('');
  const rows = RESPONSIBILITIES.map((resp) => {
    const tds = CATEGORIES.map((cat) => {
      const cell = cells.find((c) => c.category === cat && c.responsibility === resp);
      const where = `${RESPONSIBILITY_LABEL[resp]} in ${CATEGORY_LABEL[cat]} (${resp} / ${cat})`;
      if (!cell || cell.checks.length === 0)
        return `<td class="empty" data-cell="${e(`${resp}/${cat}`)}"><span class="cell" title="${e(`${where}: not covered`)}"></span></td>`;
      const fail = cell.counts.FAIL - cell.waived;
      const judged = cell.counts.PASS + fail;
      if (judged === 0) {
        const why = cell.counts.ERROR ? `${cell.counts.ERROR} error` : 'nothing to evaluate';
        return `<td class="idle" data-cell="${e(`${resp}/${cat}`)}"><a class="cell" href="${e(filterLink({ status: 'all', responsibility: resp, category: cat }))}" title="${e(`${where}: ${why}; ${cell.checks.join(', ')}`)}">${e(why)}</a></td>`;
      }
      const rate = cell.counts.PASS / judged;
      const label = `${where}: ${cell.counts.PASS} passed, ${fail} failed${cell.counts.ERROR ? `, ${cell.counts.ERROR} error` : ''}${cell.waived ? `, ${cell.waived} waived` : ''}; checks ${cell.checks.join(', ')}`;
      const more = [
        fail ? `${fail} fail` : '',
        cell.counts.ERROR ? `${cell.counts.ERROR} error` : '',
        cell.waived ? `${cell.waived} waived` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      return `<td class="${heatClass(rate)}" data-cell="${e(`${resp}/${cat}`)}" data-rate="${rate.toFixed(3)}"><a class="cell" href="${e(filterLink({ status: 'all', responsibility: resp, category: cat }))}" title="${e(label)}" aria-label="${e(label)}">${pct(cell.counts.PASS, judged)} % pass<small>${cell.counts.PASS} of ${judged}${more ? ` · ${e(more)}` : ''}</small></a></td>`;
    }).join('');
    return `<tr><th scope="row" title="${e(resp)}">${e(RESPONSIBILITY_LABEL[resp])}</th>${tds}</tr>`;
  }).join('');
  const scale = Array.from({ length: HEAT_STEPS }, (_, i) => `<i class="heat-${i}"></i>`).join('');
  return `<p class="muted">Rows are the customer's duties, columns the kinds of service. A cell's colour is its pass rate (passed over passed and failed); it links to its findings.</p>
<div class="legend"><span>0 %</span><span class="scale">${scale}</span><span>100 % pass</span><span><span class="sw idle"></span>checks ran, nothing to judge</span><span><span class="sw empty"></span>not covered: no check of this tool verifies that duty for that kind of service yet</span></div>
<table class="grid" id="grid"><thead><tr><th><span class="visually-hidden">Responsibility</span></th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function controlRow(c: ControlResult, evaluated: Map<string, { n: number; pass: number; fail: number }>): string {
  const waived = c.waived ? ` <span class="tag t-waived">${c.waived} waived</span>` : '';
  const counted = c.checks.reduce(
    (acc, id) => {
      const x = evaluated.get(id);
      return x ? { n: acc.n + x.n, pass: acc.pass + x.pass, fail: acc.fail + x.fail } : acc;
    },
    { n: 0, pass: 0, fail: 0 },
  );
  const resources = counted.n
    ? `<details class="ctl" data-checks="${e(c.checks.join(' '))}"><summary>${counted.n} evaluated: ${counted.pass} pass, ${counted.fail} fail</summary></details><span class="print-only">${counted.n} evaluated: ${counted.pass} pass, ${counted.fail} fail</span>`
    : '<span class="muted">none evaluated</span>';
  return `<tr data-control-status="${e(c.status)}" data-control="${e(c.id)}"><td>${e(c.id)}</td><td>${e(c.title)}${c.listed ? '' : ' <span class="tag">unlisted</span>'}</td><td class="status c-${e(c.status)}">${e(CONTROL_LABEL[c.status])}${waived}</td><td><span class="id">${c.checks.map(e).join('<br>')}</span></td><td>${resources}</td></tr>`;
}

/** Per check: the resources it evaluated, passed and (unwaived) failed. */
type Evaluated = Map<string, { n: number; pass: number; fail: number }>;

function evaluatedTally(): Tally<Evaluated> {
  const evaluated: Evaluated = new Map();
  return {
    add(f) {
      const x = evaluated.get(f.checkId) ?? { n: 0, pass: 0, fail: 0 };
      x.n++;
      if (f.status === 'PASS') x.pass++;
      if (f.status === 'FAIL' && !f.waiver) x.fail++;
      evaluated.set(f.checkId, x);
    },
    result: () => evaluated,
  };
}

function complianceSection(report: Report, facts: PageFacts): string {
  if (report.views.compliance.length === 0) return '';
  const { evaluated } = facts;
  const frameworks = report.views.compliance
    .map((v) => {
      const covered = v.controls.filter((c) => c.status !== 'not-covered');
      const notCovered = v.controls.filter((c) => c.status === 'not-covered');
      const rate = v.passRate === null ? 'no control evaluated' : `${Math.round(v.passRate * 100)} % of evaluated controls pass`;
      const rows = covered.map((c) => controlRow(c, evaluated)).join('');
      return `<details class="framework" data-framework="${e(v.framework)}"><summary>${e(v.title)} ${bar(v.passRate ?? 0, rate)} <span class="muted">${e(rate)} · ${v.counts.pass} pass, ${v.counts.fail} fail, ${v.counts.error} error, ${v.counts['not-evaluated']} not evaluated, ${v.counts['not-covered']} not covered of ${v.counts.total}</span></summary>
<p class="muted">${e(v.source)}${v.scope ? ` · list scope: ${e(v.scope)}` : ''}</p>
<table><thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Checks</th><th>Resources evaluated</th></tr></thead><tbody>${rows}</tbody></table>
${notCovered.length ? `<p class="notcovered" data-not-covered="${notCovered.length}"><b>Not covered (${notCovered.length}):</b> no check of this tool maps to ${notCovered.map((c) => `<span title="${e(c.title)}">${e(c.id)}</span>`).join(', ')}.</p>` : ''}
</details>`;
    })
    .join('\n');
  return `<p class="muted">A control passes when no resource violates it; it is not covered when no check maps to it, not evaluated when those checks were not run. Open a control's resources to see every one it evaluated.</p>
${frameworks}`;
}

/** The findings the baseline section lists: new failures, and failures resolved since. */
function changesTally(): Tally<{ newFails: ReportFinding[]; resolvedNow: ReportFinding[] }> {
  const newFails: ReportFinding[] = [];
  const resolvedNow: ReportFinding[] = [];
  return {
    add(f) {
      if (f.baseline === 'new' && f.status === 'FAIL') newFails.push(f);
      if (f.baseline === 'resolved') resolvedNow.push(f);
    },
    result: () => ({ newFails, resolvedNow }),
  };
}

function baselineSection(report: Report, facts: PageFacts): string {
  const b = report.baseline;
  if (!b) return '';
  const { newFails, resolvedNow } = facts.changes;
  const li = (
    f: Pick<ReportFinding, 'title' | 'resource' | 'region' | 'message' | 'service' | 'accountId'>,
    message: string,
    extra = '',
  ): string =>
    `<li>${extra}<b>${e(f.title)}</b> — ${resourceHtml(f as ReportFinding)} <span class="muted">(${e(f.region)})</span>: ${e(message)}</li>`;
  const list = (items: string[]): string => (items.length ? `<ul>${items.join('')}</ul>` : '<p class="muted">None.</p>');
  const gone = (g: (typeof b.gone)[number]): ReportFinding => ({ ...g, status: 'FAIL', remediation: '', compliance: {} }) as ReportFinding;
  return `<p>Compared with the baseline of ${time(b.startedAt)} <span class="muted">(${e(b.file)})</span>.</p>
<h3>New failures (${newFails.length})</h3>${list(newFails.map((f) => li(f, f.message, `<span class="pill p-${e(f.severity)}">${e(f.severity)}</span> `)))}
<h3>Resolved (${b.counts.resolved})</h3>${list([...resolvedNow.map((f) => li(f, f.message)), ...b.gone.map((g) => li(gone(g), 'the resource is no longer present'))])}
${b.notRechecked.length ? `<h3>Not re-checked (${b.notRechecked.length})</h3><p class="muted">Failures of the baseline this run could not verify (check not run, region not scanned, or an error now): they are not counted as resolved.</p>${list(b.notRechecked.map((g) => li(gone(g), g.message)))}` : ''}`;
}

function waiversSection(report: Report): string {
  const w = report.waivers;
  if (!w) return '';
  const row = (kind: string, x: WaiverRecord & { matched?: number }): string =>
    `<tr><td>${e(kind)}</td><td><span class="id">${e(x.checkId)}</span></td><td>${x.resources.map((r) => `<span class="id" title="${e(r)}">${e(shortenMiddle(r, 48))}</span>`).join('<br>')}</td><td>${e(x.reason)}</td><td>${e(x.owner)}</td><td>${e(x.expires)}</td><td>${e(x.source)}</td></tr>`;
  const rows = [
    ...w.expired.map((x) => row('expired: no longer applies', x)),
    ...w.stale.map((x) => row('stale: matched no failure', x)),
    ...w.applied.map((x) => row(`applied to ${x.matched}`, x)),
  ].join('');
  return `<p>${report.summary.waived} failure(s) waived; ${w.expired.length} expired and ${w.stale.length} stale waiver(s) in ${e(w.file)}. <a href="${e(filterLink({ status: 'WAIVED' }))}">Show the waived findings</a></p>
<table><thead><tr><th>State</th><th>Check</th><th>Resources</th><th>Reason</th><th>Owner</th><th>Expires</th><th>Where</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function resourcesSection(): string {
  return `<p class="muted">Each resource with a failure or an error, worst first (<span id="resource-count">0</span>). Hover a name for its id and ARN.</p><div id="resource-list"></div>`;
}

function scopeSection(report: Report): string {
  const { run, tool } = report;
  const actions = Object.keys(run.apiCalls.byOperation).sort();
  const policy = JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Sid: 'SrmAuditReadOnly', Effect: 'Allow', Action: actions, Resource: '*' }] },
    null,
    2,
  );
  return `<div class="scope"><dl>
<dt>Account</dt><dd><span class="id">${e(run.accountId)}</span></dd>
<dt>Regions</dt><dd>${e(run.regions.join(', '))}</dd>
<dt>Caller</dt><dd><code class="copy">${e(run.callerArn)}</code></dd>
<dt>Run</dt><dd>${time(run.startedAt)} to ${time(run.finishedAt)} (${(run.durationMs / 1000).toFixed(1)} s), responses from ${e(run.source === 'aws' ? 'the live account' : run.source === 'replay' ? 'a recorded cassette' : 'the bundled demo account')}</dd>
${run.recordedAt ? `<dt>Recorded</dt><dd>${time(run.recordedAt)} (the findings describe the account as of then; ages are computed as of that date)</dd>\n` : ''}<dt>Tool</dt><dd>${e(tool.name)} ${e(tool.version)} · report schema ${e(report.schemaVersion)}${run.framework ? ` · limited to ${e(run.framework)}` : ''}</dd>
<dt>Checks</dt><dd>${run.checks.length} run <details class="no-print"><summary>list</summary><p class="id">${run.checks.map(e).join(' ')}</p></details></dd>
<dt>API calls</dt><dd>${run.apiCalls.total}, all read-only (${actions.length} distinct actions)</dd>
</dl>
<h3>IAM policy used</h3>
<p class="muted">The read-only actions this run called, as a policy. <code>srm-audit policy</code> prints the least-privilege policy for the selected checks (it may name actions a run did not need, e.g. for resources that were absent).</p>
<pre class="json">${e(policy)}</pre></div>`;
}

/** What the findings' filters offer, and how many findings each status tab holds. */
interface FilterFacts {
  seen: Record<'severity' | 'region' | 'service' | 'category', Set<string>>;
  more: Record<'responsibility' | 'account' | 'state', Set<string>>;
  counts: Record<string, number>;
}

function filterTally(): Tally<FilterFacts> {
  const seen = { severity: new Set<string>(), region: new Set<string>(), service: new Set<string>(), category: new Set<string>() };
  const more = { responsibility: new Set<string>(), account: new Set<string>(), state: new Set<string>() };
  const counts: Record<string, number> = {};
  return {
    add(f) {
      seen.severity.add(f.severity);
      seen.region.add(f.region);
      seen.service.add(f.service);
      seen.category.add(f.category);
      more.responsibility.add(f.responsibility);
      more.account.add(f.accountId);
      if (f.baseline) more.state.add(f.baseline);
      if (f.waiver) more.state.add('waived');
      counts[displayStatus(f)] = (counts[displayStatus(f)] ?? 0) + 1;
    },
    result: () => ({ seen, more, counts }),
  };
}

const FINDINGS_HEAD = (report: Report, facts: PageFacts): string => {
  const { findings } = report;
  const { seen, more, counts } = facts.filters;
  const distinct = (values: ReadonlySet<string>): string[] => [...values].sort();
  const options = (name: string, label: string, values: readonly string[], labels: Record<string, string> = {}): string =>
    `<label>${e(label)}<select name="${e(name)}" aria-label="${e(label)}"><option value="">All</option>${values.map((v) => `<option value="${e(v)}">${e(labels[v] ?? v)}</option>`).join('')}</select></label>`;
  const accounts = distinct(more.account);
  const states = ['new', 'persisting', 'resolved', 'waived'].filter((s) => more.state.has(s));
  const tab = (status: string, label: string): string =>
    `<button type="button" data-status="${status}" aria-pressed="${status === 'FAIL'}">${label} <span class="n">${status === 'all' ? findings.length : (counts[status] ?? 0)}</span></button>`;
  return `<div class="tabs" id="status-tabs" role="group" aria-label="Status">${tab('FAIL', 'Failures')}${tab('ERROR', 'Errors')}${tab('WAIVED', 'Waived')}${tab('PASS', 'Passes')}${tab('NOT_APPLICABLE', 'N/A')}${tab('all', 'All')}</div>
<div class="filters" id="findings-filters">
${options(
  'severity',
  'Severity',
  SEVERITIES.filter((s) => seen.severity.has(s)),
)}
${options('region', 'Region', distinct(seen.region))}
${options('service', 'Service', distinct(seen.service))}
${options(
  'category',
  'Category',
  CATEGORIES.filter((c) => seen.category.has(c)),
  CATEGORY_LABEL,
)}
${options(
  'responsibility',
  'Responsibility',
  RESPONSIBILITIES.filter((r) => more.responsibility.has(r)),
  RESPONSIBILITY_LABEL,
)}
${accounts.length > 1 ? options('account', 'Account', accounts) : ''}
${options('state', 'Baseline / waiver', states)}
<label>Search<input id="search" type="search" placeholder="resource, check, message…" aria-label="Search findings"></label>
</div>
<div class="toolbar"><span id="shown" aria-live="polite">${findings.length} findings</span><span id="chips"></span><button type="button" id="expand">Expand all</button><button type="button" id="collapse">Collapse all</button><span class="muted">The filter is in the address: copy it to share this view.</span></div>
<div id="groups"><noscript><p>The findings list needs JavaScript; every finding is in the JSON report.</p></noscript></div>`;
};

/**
 * What the page reads from the findings, in two passes over them (the reachable resources, then
 * everything else), however many there are and wherever they are held.
 */
export interface PageFacts {
  reachable: Set<string>;
  /** The reachability checks' findings (the exposure view lists them). */
  exposed: ReportFinding[];
  open: OpenFacts;
  fixes: FixItem[];
  evaluated: Evaluated;
  changes: { newFails: ReportFinding[]; resolvedNow: ReportFinding[] };
  filters: FilterFacts;
  organization: OrganizationViews | undefined;
  order: FindingOrder;
}

export function pageFacts(report: Report): PageFacts {
  const exposed = findingsOfChecks(report.findings, EXPOSURE_CHECKS);
  const reachable = reachableResources(exposed);
  const none: Tally<undefined> = { add: () => undefined, result: () => undefined };
  const [open, fixes, evaluated, changes, filters, order, organization] = tallied(
    report.findings,
    openTally(reachable),
    fixFirstTally(reachable),
    evaluatedTally(),
    changesTally(),
    filterTally(),
    findingOrderTally(reachable),
    organizationViewsTally(report) ?? none,
  );
  return { reachable, exposed, open, fixes, evaluated, changes, filters, organization, order };
}

/**
 * The page's sections in order, each with its nav entry; an empty one is left out. A new view
 * (e.g. an organization's accounts) is one more entry here.
 */
export function pageSections(report: Report, facts: PageFacts): PageSection[] {
  const exposure = renderExposureView(report, facts.exposed);
  return [
    { id: 'summary', nav: 'Summary', html: summarySection(report, facts) },
    // Only in an organization's report (accounts[]): the accounts × checks heat map and the worst accounts.
    { id: 'organization', nav: 'Organization', html: organizationSection(facts.organization) },
    { id: 'baseline', nav: 'Since the baseline', html: baselineSection(report, facts) },
    { id: 'grid-section', nav: 'Shared responsibility', html: gridSection(report) },
    { id: 'compliance', nav: 'Compliance', html: complianceSection(report, facts) },
    // The exposure view renders its own <section id="exposure">; unwrapped below.
    { id: 'exposure', nav: 'Internet exposure', html: exposure },
    { id: 'resources', nav: 'Resources', html: resourcesSection() },
    { id: 'findings', nav: 'Findings', html: FINDINGS_HEAD(report, facts) },
    { id: 'waivers', nav: 'Waivers', html: waiversSection(report) },
    { id: 'scope', nav: 'Scope', html: scopeSection(report) },
  ].filter((s) => s.html !== '');
}

const SECTION_TITLE: Record<string, string> = {
  summary: 'Summary',
  baseline: 'Since the baseline',
  'grid-section': 'Shared responsibility: what the customer must do',
  compliance: 'Compliance',
  resources: 'Resources with failures',
  findings: 'Findings',
  waivers: 'Waivers',
  scope: 'Scope of this audit',
};

function sectionHtml(s: PageSection): string {
  // A view that renders its own <section> keeps it; the nav's anchor is added when it has another id.
  if (s.html.startsWith('<section')) return s.html.includes(`id="${s.id}"`) ? s.html : `<div id="${e(s.id)}">${s.html}</div>`;
  const title = SECTION_TITLE[s.id] ?? s.nav;
  return `<section id="${e(s.id)}" aria-labelledby="${e(s.id)}-h"><h2 id="${e(s.id)}-h">${e(title)}</h2>\n${s.html}\n</section>`;
}

/** Where the printed document's failures and passes go: after the views, before the screen-only lists. */
const APPENDIX = '<div id="appendix" class="appendix print-only"></div>\n';

export function renderHtml(report: Report): string {
  return [...renderHtmlChunks(report)].join('');
}

/** Findings serialised per piece: large enough to be cheap, small enough to stream (and to hold little in V8's large-object space; see JSON_BATCH in text.ts). */
const HTML_BATCH = 100;

/**
 * The page in pieces: everything before the findings data, the data a batch of findings at a
 * time, then the rest; a report of tens of thousands of findings is streamed to disk rather
 * than held as one string.
 */
export function* renderHtmlChunks(report: Report): Generator<string> {
  const { run, findings } = report;
  const facts = pageFacts(report);
  const sections = pageSections(report, facts);
  const { reachable } = facts;
  const { order, firsts } = facts.order;
  const { checks, index } = clientChecks(firsts.map((i) => findings.at(i)!));
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(HTML_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>srm-audit report · ${e(run.accountId)} · ${e(utcText(run.startedAt))}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="cover">
<h1>Shared responsibility audit · account ${e(run.accountId)}</h1>
<p>${time(run.startedAt)} · ${e(run.regions.join(', '))} · ${run.checks.length} checks · ${report.summary.total} findings · caller <span title="${e(run.callerArn)}">${e(shortenMiddle(run.callerArn, 72))}</span> · ${e(report.tool.name)} ${e(report.tool.version)}</p>
<dl class="print-only"><dt>Account</dt><dd>${e(run.accountId)}</dd><dt>Regions</dt><dd>${e(run.regions.join(', '))}</dd><dt>Run</dt><dd>${e(utcText(run.startedAt))}</dd><dt>Caller</dt><dd>${e(run.callerArn)}</dd><dt>Checks</dt><dd>${run.checks.length}, ${report.summary.total} findings</dd><dt>Tool</dt><dd>${e(report.tool.name)} ${e(report.tool.version)}</dd></dl>
<p class="print-only">A read-only audit of the customer side of the AWS shared responsibility model: a summary, the compliance view per framework, the failures with their remediation, then every passing resource as evidence. The scope and the IAM policy used close the document.</p>
</header>
<nav class="toc" aria-label="Sections">${sections.map((s) => `<a href="#${e(s.id)}">${e(s.nav)}</a>`).join('')}</nav>
<main>
${sections.map((s) => `${s.id === 'resources' ? APPENDIX : ''}${sectionHtml(s)}`).join('\n')}
</main>
<footer>Generated by ${e(report.tool.name)} ${e(report.tool.version)} · report schema ${e(report.schemaVersion)} · read-only audit of the customer side of the AWS shared responsibility model.</footer>
<script type="application/json" id="report-data">{"checks":${scriptJson(checks)},"findings":[`;
  for (let i = 0; i < order.length; i += HTML_BATCH) {
    yield `${i === 0 ? '' : ','}${order
      .slice(i, i + HTML_BATCH)
      .map((at) => {
        const f = findings.at(at)!;
        return scriptJson(clientFinding(f, index.get(f.checkId)!, reachable));
      })
      .join(',')}`;
  }
  yield `]}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
