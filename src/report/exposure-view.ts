/**
 * The "internet exposure" view of the HTML report: every resource the reachability checks found
 * reachable from the internet, one row per exposed port range with the address and the path
 * (gateway → route table → NACL rule → security-group rule). It is rendered from the findings
 * alone, reading back the path each finding's message lists (parseExposures), so the JSON
 * report carries the same facts. Every AWS-derived string is escaped.
 */
import { parseExposures } from '../analysis/reachability.js';
import { severityRank, type Finding } from '../engine/types.js';
import { findingsOfChecks, type Report, type ReportFinding } from './model.js';
import { escapeHtmlText as e } from './text.js';
import { resourceLabel, shortenMiddle } from './html-present.js';

/** The checks whose findings carry reachability paths. */
export const EXPOSURE_CHECKS: readonly string[] = ['ec2-instance-internet-reachable', 'rds-instance-internet-reachable'];

/** A finding that says its resource is reachable: a failure, or a pass reachable only on intended public ports. */
export const isExposure = (f: Finding): boolean =>
  f.status === 'FAIL' || (f.status === 'PASS' && f.message.startsWith('Reachable from the internet'));

/** The path with each id kept whole: a line may break between tokens, never inside "rtb-0e5e…". */
const pathHtml = (path: string): string =>
  path
    .split(' ')
    .map((token) => `<span>${e(token)}</span>`)
    .join(' ');

function resourceRows(f: Finding): string {
  const { exposures, note } = parseExposures(f.message);
  const rows = exposures.length
    ? exposures.map(
        (x) =>
          `<td class="port">${e(x.port)}${x.label ? `<small>${e(x.label)}</small>` : ''}</td><td class="res">${e(x.address)}</td><td class="path">${pathHtml(x.path)}</td>`,
      )
    : [`<td colspan="3">${e(f.message)}</td>`];
  const span = rows.length + (note ? 1 : 0);
  const r = f.resource;
  const name = resourceLabel(f);
  const head =
    `<td rowspan="${span}" class="res" title="${e([r.id, name.arn].filter(Boolean).join('\n'))}">${e(name.label)}${name.id ? `<small class="id">${e(shortenMiddle(name.id))}</small>` : ''}<small>${e(r.type)}</small></td>` +
    `<td rowspan="${span}" class="nowrap">${e(f.region)}</td>` +
    `<td rowspan="${span}" class="status s-${e(f.status)}">${e(f.severity)}</td>`;
  const body = rows.map((cells, i) => `<tr data-resource="${e(r.id)}">${i === 0 ? head : ''}${cells}</tr>`);
  if (note) body.push(`<tr data-resource="${e(r.id)}" class="note"><td colspan="3">Note: ${e(note)}</td></tr>`);
  return `<tbody>${body.join('')}</tbody>`;
}

/** An escaped HTML fragment (a <section>), or '' when the run evaluated no reachability check. */
export function renderExposureView(
  report: Report,
  /** The reachability checks' findings, when the caller has them already. */
  evaluated: readonly ReportFinding[] = findingsOfChecks(report.findings, EXPOSURE_CHECKS),
): string {
  if (evaluated.length === 0) return '';
  const exposed = evaluated
    .filter(isExposure)
    .sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        a.region.localeCompare(b.region) ||
        a.resource.id.localeCompare(b.resource.id),
    );
  const failing = exposed.filter((f) => f.status === 'FAIL').length;
  const errors = evaluated.filter((f) => f.status === 'ERROR').length;
  const summary =
    `${exposed.length} of ${evaluated.length} evaluated resources are reachable from the internet ` +
    `(${failing} on sensitive ports, ${exposed.length - failing} only on intended public ports)` +
    (errors ? `; ${errors} could not be evaluated (see the Error findings)` : '') +
    '. The others are not reachable; their findings say why.';
  const table = exposed.length
    ? `<table id="exposure-table"><thead><tr><th>Resource</th><th>Region</th><th>Severity</th><th>Port</th><th>Address</th><th>Path (gateway → route table → NACL → security group)</th></tr></thead>${exposed
        .map(resourceRows)
        .join('')}</table>`
    : '';
  return `<section id="exposure" aria-labelledby="exposure-h"><h2 id="exposure-h">Internet exposure</h2>
<p id="exposure-summary">${e(summary)}</p>
${table}
</section>`;
}
