/**
 * Comparing a run with a previous report (`--baseline previous.json`) by the stable finding
 * id. A failure is new or persisting; a previous failure that now passes (or whose resource
 * is gone) is resolved. A previous failure this run could not re-check (its check was not
 * run, its region not scanned, or it is an ERROR now) is never called resolved.
 */
import { readFileSync } from 'node:fs';
import type { Status } from '../engine/types.js';
import { UsageError } from '../errors.js';
import type { BaselineEntry, BaselineInfo, ReportFinding } from '../report/model.js';
import { newAjv } from './yaml-file.js';

const STATUS = { enum: ['PASS', 'FAIL', 'ERROR', 'NOT_APPLICABLE'] };
const SCHEMA = {
  type: 'object',
  required: ['schemaVersion', 'run', 'findings'],
  properties: {
    schemaVersion: { type: 'string', pattern: '^1\\.' },
    run: {
      type: 'object',
      required: ['startedAt', 'accountId'],
      properties: { startedAt: { type: 'string' }, accountId: { type: 'string' } },
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'checkId', 'status', 'region', 'resource', 'title', 'severity', 'message'],
        properties: {
          id: { type: 'string' },
          checkId: { type: 'string' },
          status: STATUS,
          region: { type: 'string' },
          resource: { type: 'object', required: ['id', 'type'], properties: { id: { type: 'string' }, type: { type: 'string' } } },
          title: { type: 'string' },
          severity: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
} as const;
const validate = newAjv().compile(SCHEMA);

export interface Baseline {
  file: string;
  startedAt: string;
  accountId: string;
  findings: ReportFinding[];
}

export function readBaseline(path: string): Baseline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'is not valid JSON' : `cannot be read: ${(error as Error).message.split('\n')[0]}`;
    throw new UsageError(`baseline ${path} ${why}; pass a JSON report written by srm-audit`);
  }
  if (!validate(parsed)) {
    const e = validate.errors?.[0];
    throw new UsageError(`baseline ${path} is not an srm-audit JSON report (${e?.instancePath || 'top level'} ${e?.message ?? ''})`);
  }
  const report = parsed as { run: { startedAt: string; accountId: string }; findings: ReportFinding[] };
  return { file: path, startedAt: report.run.startedAt, accountId: report.run.accountId, findings: report.findings };
}

function entry(f: ReportFinding): BaselineEntry {
  const { id, checkId, title, severity, category, responsibility, service, region, accountId, resource, message } = f;
  return { id, checkId, title, severity, category, responsibility, service, region, accountId, resource, message };
}

/** Marks `findings` against the baseline and returns what the reports show first. */
export function applyBaseline(
  findings: ReportFinding[],
  baseline: Baseline,
  run: { checks: readonly string[]; regions: readonly string[] },
): BaselineInfo {
  const marker = new BaselineMarker(baseline);
  for (const f of findings) marker.mark(f);
  return marker.info(run);
}

/**
 * The baseline compared a finding at a time (an organization scan marks each account's findings
 * as the account finishes, then lets them go), as applyBaseline compares them. It holds only the
 * baseline and, for the baseline's failures, the status they have now.
 */
export class BaselineMarker {
  private readonly before: Map<string, ReportFinding>;
  private readonly failedBefore: Set<string>;
  /** The current status of each finding id that failed in the baseline (the last one marked, as a Map of the findings would keep). */
  private readonly now = new Map<string, Status>();
  private readonly counts = { new: 0, persisting: 0, resolved: 0, notRechecked: 0 };

  constructor(private readonly baseline: Baseline) {
    this.before = new Map(baseline.findings.map((f) => [f.id, f]));
    this.failedBefore = new Set(baseline.findings.filter((f) => f.status === 'FAIL').map((f) => f.id));
  }

  mark(f: ReportFinding): void {
    const previous = this.before.get(f.id);
    if (previous) f.previousStatus = previous.status as Status;
    if (this.failedBefore.has(f.id)) this.now.set(f.id, f.status);
    if (f.status === 'FAIL' || f.status === 'ERROR') {
      f.baseline = previous?.status === f.status ? 'persisting' : 'new';
      this.counts[f.baseline]++;
    } else if (previous?.status === 'FAIL') {
      f.baseline = 'resolved';
      this.counts.resolved++;
    }
  }

  /** What changed since the baseline, over every finding marked so far. */
  info(run: { checks: readonly string[]; regions: readonly string[] }): BaselineInfo {
    const counts = { ...this.counts };
    const gone: BaselineEntry[] = [];
    const notRechecked: BaselineEntry[] = [];
    for (const previous of this.baseline.findings) {
      if (previous.status !== 'FAIL') continue;
      const current = this.now.get(previous.id);
      if (current === 'ERROR') notRechecked.push(entry(previous));
      if (current) continue;
      const rechecked = run.checks.includes(previous.checkId) && (previous.region === 'global' || run.regions.includes(previous.region));
      if (rechecked) gone.push(entry(previous));
      else notRechecked.push(entry(previous));
    }
    counts.resolved += gone.length;
    counts.notRechecked = notRechecked.length;
    return { file: this.baseline.file, startedAt: this.baseline.startedAt, counts, gone, notRechecked };
  }
}
