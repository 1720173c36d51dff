/**
 * The organization report, assembled the same way by an organization scan and by `merge`:
 * waivers and baseline applied across every account, the summary, the grid, and compliance
 * views in which a control passes only where it passes in every account.
 */
import type { CheckMeta } from '../engine/check.js';
import type { RunError } from '../engine/runner.js';
import type { Framework } from '../engine/types.js';
import { applyBaseline, type Baseline } from '../ops/baseline.js';
import { applyWaivers, type WaiverFile } from '../ops/waivers.js';
import {
  SCHEMA_VERSION,
  summarize,
  zeroCounts,
  type AccountInfo,
  type ComplianceView,
  type ControlStatus,
  type OrganizationInfo,
  type Report,
  type ReportFinding,
  type RunInfo,
  type StatusCounts,
} from '../report/model.js';
import { buildComplianceViews, buildGrid } from '../report/views.js';
import { toolVersion } from '../util/package.js';

type Meta = Pick<CheckMeta, 'id' | 'category' | 'responsibility' | 'compliance'>;

export function countsOf(findings: Iterable<ReportFinding>): StatusCounts {
  const counts = zeroCounts();
  for (const f of findings) counts[f.status]++;
  return counts;
}

/**
 * The compliance views over every account's findings (a FAIL or ERROR anywhere decides), plus:
 * a control that would pass is an error when an account could not be read at all (it cannot be
 * said to pass there), and each control names the accounts it fails in.
 */
export function organizationComplianceViews(
  catalog: readonly Meta[],
  ranCheckIds: readonly string[],
  findings: readonly ReportFinding[],
  accounts: readonly AccountInfo[],
  framework?: Framework,
): ComplianceView[] {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const unreadable = accounts.some((a) => a.status === 'error');
  return buildComplianceViews(catalog, ranCheckIds, findings, framework).map((view) => {
    const controls = view.controls.map((c) => {
      const failing = c.failing.map((x) => ({ ...x, accountId: byId.get(x.findingId)?.accountId ?? '' }));
      const status: ControlStatus = c.status === 'pass' && unreadable ? 'error' : c.status;
      return { ...c, status, failing, failingAccounts: [...new Set(failing.map((x) => x.accountId))].sort() };
    });
    const counts = { total: 0, pass: 0, fail: 0, error: 0, 'not-evaluated': 0, 'not-covered': 0 };
    for (const c of controls.filter((c) => c.listed)) {
      counts.total++;
      counts[c.status]++;
    }
    const evaluated = counts.pass + counts.fail + counts.error;
    return { ...view, controls, counts, passRate: evaluated ? counts.pass / evaluated : null };
  });
}

export interface OrganizationParts {
  startedAt: Date;
  finishedAt: Date;
  /** The caller's account (management or delegated administrator); run.accountId. */
  callerAccountId: string;
  callerArn: string;
  source: RunInfo['source'];
  ranChecks: readonly Meta[];
  catalog: readonly Meta[];
  findings: ReportFinding[];
  accounts: AccountInfo[];
  errors: RunError[];
  apiCalls: RunInfo['apiCalls'];
  organization: OrganizationInfo;
  framework?: Framework;
  waivers?: WaiverFile;
  baseline?: Baseline;
  /** YYYY-MM-DD: waivers are about today, not the date the data describes. */
  today: string;
}

export function sumCalls(parts: ReadonlyArray<RunInfo['apiCalls']>): RunInfo['apiCalls'] {
  const byOperation: Record<string, number> = {};
  let total = 0;
  for (const p of parts) {
    total += p.total;
    for (const [op, n] of Object.entries(p.byOperation)) byOperation[op] = (byOperation[op] ?? 0) + n;
  }
  const sorted = Object.fromEntries(Object.entries(byOperation).sort(([a], [b]) => a.localeCompare(b)));
  return { total, byOperation: sorted };
}

export function assembleOrganizationReport(p: OrganizationParts): Report {
  const { findings } = p;
  const ranCheckIds = p.ranChecks.map((c) => c.id);
  const regions = [...new Set(p.accounts.flatMap((a) => a.regions))].sort();
  const waivers = p.waivers ? applyWaivers(findings, p.waivers, p.today) : undefined;
  const baseline = p.baseline ? applyBaseline(findings, p.baseline, { checks: ranCheckIds, regions }) : undefined;
  // One pass over the findings (not one per account: an organization of a thousand accounts
  // holds a million findings).
  const byAccount = new Map<string, StatusCounts>();
  for (const f of findings) {
    let counts = byAccount.get(f.accountId);
    if (!counts) byAccount.set(f.accountId, (counts = zeroCounts()));
    counts[f.status]++;
  }
  const accounts = p.accounts.map((a) => ({ ...a, counts: byAccount.get(a.id) ?? zeroCounts() })).sort((a, b) => a.id.localeCompare(b.id));
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'srm-audit', version: toolVersion() },
    run: {
      startedAt: p.startedAt.toISOString(),
      finishedAt: p.finishedAt.toISOString(),
      durationMs: p.finishedAt.getTime() - p.startedAt.getTime(),
      accountId: p.callerAccountId,
      callerArn: p.callerArn,
      regions,
      source: p.source,
      checks: ranCheckIds,
      partial: p.errors.length > 0 || accounts.some((a) => a.partial),
      apiCalls: p.apiCalls,
      errors: p.errors,
      ...(p.framework ? { framework: p.framework } : {}),
      organization: p.organization,
    },
    summary: summarize(findings),
    findings,
    ...(baseline ? { baseline } : {}),
    ...(waivers ? { waivers } : {}),
    views: {
      grid: buildGrid(p.ranChecks, findings),
      compliance: organizationComplianceViews(p.catalog, ranCheckIds, findings, accounts, p.framework),
    },
    accounts,
  };
}
