/**
 * The organization report, assembled the same way by an organization scan and by `merge`:
 * waivers and baseline applied across every account, the summary, the grid, and compliance
 * views in which a control passes only where it passes in every account.
 */
import type { CheckMeta } from '../engine/check.js';
import type { RunError } from '../engine/runner.js';
import type { Framework } from '../engine/types.js';
import { BaselineMarker, type Baseline } from '../ops/baseline.js';
import { WaiverMarker, type WaiverFile } from '../ops/waivers.js';
import {
  SCHEMA_VERSION,
  summaryTally,
  tallied,
  zeroCounts,
  type AccountInfo,
  type ComplianceView,
  type ControlStatus,
  type Findings,
  type GridCell,
  type OrganizationInfo,
  type Report,
  type ReportFinding,
  type RunInfo,
  type StatusCounts,
  type Summary,
  type Tally,
} from '../report/model.js';
import { complianceTallies, controlCounts, gridTally } from '../report/views.js';
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
export function organizationComplianceViews(views: readonly ComplianceView[], accounts: readonly AccountInfo[]): ComplianceView[] {
  const unreadable = accounts.some((a) => a.status === 'error');
  return views.map((view) => {
    const controls = view.controls.map((c) => {
      const status: ControlStatus = c.status === 'pass' && unreadable ? 'error' : c.status;
      return { ...c, status, failingAccounts: [...new Set(c.failing.map((x) => x.accountId ?? ''))].sort() };
    });
    return { ...view, ...controlCounts(controls) };
  });
}

export interface OrganizationParts<F extends Findings = Findings> {
  startedAt: Date;
  finishedAt: Date;
  /** The caller's account (management or delegated administrator); run.accountId. */
  callerAccountId: string;
  callerArn: string;
  source: RunInfo['source'];
  ranChecks: readonly Meta[];
  catalog: readonly Meta[];
  /** In account order; already through `marks` when the run has waivers or a baseline. */
  findings: F;
  accounts: AccountInfo[];
  errors: RunError[];
  apiCalls: RunInfo['apiCalls'];
  organization: OrganizationInfo;
  framework?: Framework;
  /** The waivers and the baseline every finding went through (markers of the run's files). */
  marks: Marks;
}

/** A run's waivers and baseline, applied a finding at a time. */
export interface Marks {
  waivers?: WaiverMarker;
  baseline?: BaselineMarker;
}

/**
 * The markers of a run's waiver file and baseline; waivers are about `today` (YYYY-MM-DD), not
 * the date the data describes.
 */
export function marksOf(waivers: WaiverFile | undefined, baseline: Baseline | undefined, today: string): Marks {
  return {
    ...(waivers ? { waivers: new WaiverMarker(waivers, today) } : {}),
    ...(baseline ? { baseline: new BaselineMarker(baseline) } : {}),
  };
}

/** Marks a finding with the run's waivers, then its baseline (the order the report's keys keep). */
export function markFinding(marks: Marks, f: ReportFinding): void {
  marks.waivers?.mark(f);
  marks.baseline?.mark(f);
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

export function assembleOrganizationReport<F extends Findings>(p: OrganizationParts<F>): Report<F> {
  const { findings } = p;
  const ranCheckIds = p.ranChecks.map((c) => c.id);
  const regions = [...new Set(p.accounts.flatMap((a) => a.regions))].sort();
  const waivers = p.marks.waivers?.info();
  const baseline = p.marks.baseline?.info({ checks: ranCheckIds, regions });
  // Everything the report counts, in one pass over the findings (an organization of a thousand
  // accounts holds a million, read back from the spool on each pass).
  const byAccount = new Map<string, StatusCounts>();
  const accountTally: Tally<void> = {
    add(f) {
      let counts = byAccount.get(f.accountId);
      if (!counts) byAccount.set(f.accountId, (counts = zeroCounts()));
      counts[f.status]++;
    },
    result: () => undefined,
  };
  const [summary, grid, ...compliance] = tallied(
    findings,
    accountTally,
    summaryTally(),
    gridTally(p.ranChecks),
    ...complianceTallies(p.catalog, ranCheckIds, p.framework, true),
  ).slice(1) as [Summary, GridCell[], ...ComplianceView[]];
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
    summary,
    findings,
    ...(baseline ? { baseline } : {}),
    ...(waivers ? { waivers } : {}),
    views: {
      grid,
      compliance: organizationComplianceViews(compliance, accounts),
    },
    accounts,
  };
}
