/** The run result every reporter renders: metadata, a summary and the findings. */
import type { RunError } from '../engine/runner.js';
import { CATEGORIES, SEVERITIES, STATUSES, type Category, type Finding, type Severity, type Status } from '../engine/types.js';

export const SCHEMA_VERSION = '1.0.0';

export type StatusCounts = Record<Status, number>;

export interface Summary {
  total: number;
  byStatus: StatusCounts;
  bySeverity: Record<Severity, StatusCounts>;
  byCategory: Record<Category, StatusCounts>;
}

export interface RunInfo {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  accountId: string;
  callerArn: string;
  regions: string[];
  /** Where the responses came from: a live account, a replayed cassette, or the bundled demo. */
  source: 'aws' | 'replay' | 'demo';
  checks: string[];
  partial: boolean;
  apiCalls: { total: number; byOperation: Record<string, number> };
  errors: RunError[];
}

export interface Report {
  schemaVersion: string;
  tool: { name: string; version: string };
  run: RunInfo;
  summary: Summary;
  findings: Finding[];
}

function zeroCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export function summarize(findings: readonly Finding[]): Summary {
  const summary: Summary = {
    total: findings.length,
    byStatus: zeroCounts(),
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, zeroCounts()])) as Summary['bySeverity'],
    byCategory: Object.fromEntries(CATEGORIES.map((c) => [c, zeroCounts()])) as Summary['byCategory'],
  };
  for (const f of findings) {
    summary.byStatus[f.status]++;
    summary.bySeverity[f.severity][f.status]++;
    summary.byCategory[f.category][f.status]++;
  }
  return summary;
}
