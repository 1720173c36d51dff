/**
 * The organization section of the HTML report (only in reports with accounts[]): the accounts ×
 * checks heat map, whose cells filter the findings table to that account and check, the worst
 * accounts, and the checks failing in the most accounts. Per-account drill-down is the report's
 * own findings table and views, filtered by account. Every AWS-derived string is escaped.
 */
import type { HeatCell, OrganizationViews } from './org-views.js';
import { escapeHtmlText as e, wellFormed } from './text.js';

/** The section's classes; the page's CSP admits only its one inline style, so they live there. */
export const ORGANIZATION_STYLE = `
.heat{border-collapse:collapse;font-size:12px}.heat th,.heat td{border:1px solid var(--border);padding:0}
.heat thead th{writing-mode:vertical-rl;transform:rotate(180deg);padding:4px 2px;font-weight:normal;max-height:220px}
.heat td a{display:block;min-width:30px;padding:4px;text-align:center;color:#000;text-decoration:none}
.h0{background:#f8c4c4}.h1{background:#fbd9b0}.h2{background:#fdf0b0}.h3{background:#d7f0c0}.h4{background:#b4e4b4}.hx{background:#f0e0a0}.hn{background:#fff}
.account-error{color:var(--error)}.table-wrap{overflow-x:auto}
@media print{.heat td{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
`;

const link = (params: Record<string, string>): string =>
  `#f?${Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(wellFormed(v))}`)
    .join('&')}`;

function heatClass(cell: HeatCell): string {
  if (cell.rate === null) return 'hn';
  if (cell.pass + cell.fail === 0) return 'hx';
  if (cell.rate >= 1) return 'h4';
  if (cell.rate >= 0.75) return 'h3';
  if (cell.rate >= 0.5) return 'h2';
  return cell.rate > 0 ? 'h1' : 'h0';
}

const accountLabel = (a: { id: string; name: string; ouPath?: string }): string =>
  `${e(a.id)}${a.name ? ` <small>${e(a.name)}</small>` : ''}${a.ouPath ? ` <small class="muted">${e(a.ouPath)}</small>` : ''}`;

/** The section of an organization report's views (`buildOrganizationViews`); '' without them. */
export function organizationSection(views: OrganizationViews | undefined): string {
  if (!views) return '';
  const unreadable = views.rows.filter((r) => r.account.status === 'error');
  const head = `<thead><tr><th>Account</th>${views.checks.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr></thead>`;
  const body = views.rows
    .map(({ account, cells }) => {
      if (account.status === 'error') {
        return `<tr><th scope="row">${accountLabel(account)}</th><td colspan="${Math.max(1, cells.length)}" class="account-error">Could not be read: ${e(account.errors.map((x) => `${x.action ?? ''} ${x.code}: ${x.message}`).join('; '))}</td></tr>`;
      }
      const tds = cells
        .map((c) => {
          const label =
            c.rate === null ? 'nothing judged' : `${Math.round(c.rate * 100)}% pass (${c.pass} pass, ${c.fail} fail, ${c.error} error)`;
          return `<td class="${heatClass(c)}"><a href="${e(link({ account: account.id, check: c.checkId }))}" title="${e(`${account.id} · ${c.checkId}: ${label}`)}" aria-label="${e(`${account.id} ${c.checkId}: ${label}`)}">${c.rate === null ? '' : Math.round(c.rate * 100)}</a></td>`;
        })
        .join('');
      return `<tr><th scope="row"><a href="${e(link({ account: account.id }))}">${accountLabel(account)}</a></th>${tds}</tr>`;
    })
    .join('\n');
  const worst = views.worstAccounts
    .slice(0, 10)
    .map(
      (r) =>
        `<tr><th scope="row"><a href="${e(link({ account: r.account.id }))}">${accountLabel(r.account)}</a></th><td class="num s-FAIL">${r.openFailures}</td><td class="num">${r.bySeverity.critical}</td><td class="num">${r.bySeverity.high}</td><td class="num s-ERROR">${r.errors}</td><td>${r.account.status === 'error' ? '<span class="account-error">not read</span>' : r.account.partial ? 'partial' : 'complete'}</td></tr>`,
    )
    .join('');
  const most = views.failingMost
    .slice(0, 15)
    .map(
      (s) =>
        `<tr><th scope="row"><a href="${e(link({ check: s.checkId, status: 'FAIL' }))}">${e(s.title)}</a><small>${e(s.checkId)}</small></th><td class="num s-FAIL">${s.failingAccounts.length}</td><td class="num">${s.judgedAccounts}</td><td>${s.failingAccounts.map(e).join(', ')}</td></tr>`,
    )
    .join('');
  return `<section aria-labelledby="org-h"><h2 id="org-h">Organization: ${views.rows.length} account(s)</h2>
${unreadable.length ? `<div class="banner" role="alert"><strong>${unreadable.length} account(s) could not be read</strong>; their controls cannot be said to pass, and the compliance views say so.</div>` : ''}
<p class="muted">Each cell is the pass rate of a check in an account (waived failures count as passing); click it to list those findings. Empty: the check judged nothing there.</p>
<div class="table-wrap"><table class="heat"><caption class="visually-hidden">Pass rate by account and check</caption>${head}<tbody>${body}</tbody></table></div>
<h3>Worst accounts</h3>
<table><thead><tr><th>Account</th><th class="num">Open failures</th><th class="num">Critical</th><th class="num">High</th><th class="num">Errors</th><th>Run</th></tr></thead><tbody>${worst}</tbody></table>
<h3>Checks failing in the most accounts</h3>
${most ? `<table><thead><tr><th>Check</th><th class="num">Failing accounts</th><th class="num">Accounts judged</th><th>Which</th></tr></thead><tbody>${most}</tbody></table>` : '<p>No check fails in any account.</p>'}
</section>`;
}
