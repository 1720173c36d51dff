/** The run result every reporter renders: metadata, a summary, the findings and the views. */
import type { RunError } from '../engine/runner.js';
import {
  CATEGORIES,
  SEVERITIES,
  STATUSES,
  type Category,
  type Finding,
  type Framework,
  type Resource,
  type Responsibility,
  type Severity,
  type Status,
} from '../engine/types.js';

/**
 * 1.1: baseline and waiver state on findings, the responsibility grid and compliance views.
 * 1.2: finding evidence. 1.3: organizations (accounts[], run.organization, account-qualified
 * finding ids and run errors, the accounts failing each control).
 */
export const SCHEMA_VERSION = '1.3.0';

export type StatusCounts = Record<Status, number>;

/** How a finding compares with the same finding id in the baseline report. */
export type BaselineState = 'new' | 'persisting' | 'resolved';

export interface AppliedWaiver {
  reason: string;
  owner: string;
  /** YYYY-MM-DD, the last day the waiver applies. */
  expires: string;
  /** Where the waiver is written: file:line. */
  source: string;
}

/**
 * A finding as reported: the engine's finding plus, when the run compared against a
 * baseline or applied waivers, that state. A waived finding keeps its status (FAIL).
 */
export interface ReportFinding extends Finding {
  baseline?: BaselineState;
  /** The finding's status in the baseline report, when it was there. */
  previousStatus?: Status;
  waiver?: AppliedWaiver;
}

export interface BaselineEntry {
  id: string;
  checkId: string;
  title: string;
  severity: Severity;
  category: Category;
  responsibility: Responsibility;
  service: string;
  region: string;
  accountId: string;
  resource: Resource;
  /** The message of the failure as the baseline reported it. */
  message: string;
}

export interface BaselineInfo {
  file: string;
  /** When the baseline run started. */
  startedAt: string;
  counts: { new: number; persisting: number; resolved: number; notRechecked: number };
  /** Failures of the baseline whose resource this run no longer found (deleted): resolved too. */
  gone: BaselineEntry[];
  /** Failures of the baseline this run could not re-check (check not run, region not scanned, or ERROR now). */
  notRechecked: BaselineEntry[];
}

export interface WaiverRecord {
  checkId: string;
  resources: string[];
  reason: string;
  owner: string;
  expires: string;
  source: string;
}

export interface WaiverInfo {
  file: string;
  /** Waivers past their expiry date: they no longer apply. */
  expired: WaiverRecord[];
  /** Unexpired waivers that matched no failing finding of this run. */
  stale: WaiverRecord[];
  /** Waivers that applied, with how many findings each waived. */
  applied: Array<WaiverRecord & { matched: number }>;
}

export interface GridCell {
  category: Category;
  responsibility: Responsibility;
  /** The checks of this run that verify this duty in this category (empty: nothing covers it). */
  checks: string[];
  counts: StatusCounts;
  waived: number;
}

export type ControlStatus = 'pass' | 'fail' | 'error' | 'not-evaluated' | 'not-covered';

export interface ControlResult {
  id: string;
  title: string;
  /** false: a check maps to this id but the framework's control list does not hold it. */
  listed: boolean;
  status: ControlStatus;
  /** The checks mapped to this control (of the whole catalog). */
  checks: string[];
  failing: Array<{ findingId: string; checkId: string; region: string; resource: Resource; accountId?: string }>;
  waived: number;
  /** Organization reports: the accounts where the control fails (an unwaived FAIL), sorted. */
  failingAccounts?: string[];
}

export interface ComplianceView {
  framework: Framework;
  title: string;
  source: string;
  scope?: string;
  controls: ControlResult[];
  counts: Record<ControlStatus, number> & { total: number };
  /** Passing controls over controls evaluated in this run (pass + fail + error); null if none was. */
  passRate: number | null;
}

export interface Summary {
  total: number;
  byStatus: StatusCounts;
  bySeverity: Record<Severity, StatusCounts>;
  byCategory: Record<Category, StatusCounts>;
  /** Failures a waiver covers (still counted as FAIL above). */
  waived: number;
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
  /** Replay and demo: when the cassette was recorded, the date the findings (and every age in them) describe. */
  recordedAt?: string;
  checks: string[];
  partial: boolean;
  apiCalls: { total: number; byOperation: Record<string, number> };
  errors: RunError[];
  /** The one framework the run was limited to (--framework). */
  framework?: Framework;
  /** Organization runs: how the accounts were chosen. */
  organization?: OrganizationInfo;
}

/** Something that kept a whole member account from being read (its role, its region list). */
export interface AccountError {
  action?: string;
  code: string;
  message: string;
}

/** One member account of an organization report. */
export interface AccountInfo {
  id: string;
  /** The account's name in the organization ("" when it was named by --accounts only). */
  name: string;
  /** Where it sits: "Root/Prod/Web" (absent when the organization tree was not read). */
  ouPath?: string;
  /** scanned: its checks ran (some may be ERROR); error: the account could not be read at all. */
  status: 'scanned' | 'error';
  /** Some of its evaluations (or all of them) could not be completed. */
  partial: boolean;
  /** Account-level errors (the role could not be assumed, its regions could not be listed). */
  errors: AccountError[];
  regions: string[];
  counts: StatusCounts;
  apiCalls: number;
}

/** How an organization run chose its accounts. */
export interface OrganizationInfo {
  /** The role assumed in each account. */
  roleName: string;
  /** --ou: the OU whose accounts (recursively) were scanned. */
  ou?: string;
  /** --shard: this report is slice `index` (1-based, as --shard counts) of `count`. */
  shard?: { index: number; count: number };
  /** A report written by `merge`: how many shard reports it folds. */
  mergedReports?: number;
}

/**
 * A report's findings as its reporters read them: in order, a pass at a time, or one by its
 * place. An array is one; an organization scan's are read back from a spool on disk
 * (report/spool.ts), so that a finished account's findings are not held in memory.
 */
export interface Findings extends Iterable<ReportFinding> {
  readonly length: number;
  /** The finding at this place in the iteration order (0 ≤ index < length). */
  at(index: number): ReportFinding | undefined;
  /** The findings of these checks, in order, read without reading the others (a spool's). */
  ofChecks?(checkIds: readonly string[]): Iterable<ReportFinding>;
}

/** The findings of these checks, in order. */
export function findingsOfChecks(findings: Findings, checkIds: readonly string[]): ReportFinding[] {
  return findings.ofChecks ? [...findings.ofChecks(checkIds)] : findingsWhere(findings, (f) => checkIds.includes(f.checkId));
}

/**
 * Something worked out from the findings a finding at a time: several come from one pass over
 * the findings (a spooled report's passes each read the spool).
 */
export interface Tally<T> {
  add(f: ReportFinding): void;
  result(): T;
}

/** Each tally fed every finding, in one pass; their results. */
export function tallied<T extends readonly Tally<unknown>[]>(
  findings: Iterable<ReportFinding>,
  ...tallies: T
): { [K in keyof T]: T[K] extends Tally<infer R> ? R : never } {
  for (const f of findings) for (const t of tallies) t.add(f);
  return tallies.map((t) => t.result()) as { [K in keyof T]: T[K] extends Tally<infer R> ? R : never };
}

/** How many findings `pick` holds for, in one pass. */
export function countWhere(findings: Iterable<ReportFinding>, pick: (f: ReportFinding) => boolean): number {
  let n = 0;
  for (const f of findings) if (pick(f)) n++;
  return n;
}

/** The findings `pick` holds for, in one pass (for the few a report lists, never for all). */
export function findingsWhere(findings: Iterable<ReportFinding>, pick: (f: ReportFinding) => boolean): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const f of findings) if (pick(f)) out.push(f);
  return out;
}

export interface Report<F extends Findings = Findings> {
  schemaVersion: string;
  tool: { name: string; version: string };
  run: RunInfo;
  summary: Summary;
  findings: F;
  baseline?: BaselineInfo;
  waivers?: WaiverInfo;
  views: { grid: GridCell[]; compliance: ComplianceView[] };
  /** Organization reports: every account in scope, with its state (findings carry accountId). */
  accounts?: AccountInfo[];
}

/** A report as its JSON holds it (read back by merge and baselines): the findings an array. */
export type ReportDocument = Report<ReportFinding[]>;

export function zeroCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export function summarize(findings: Iterable<ReportFinding>): Summary {
  return tallied(findings, summaryTally())[0];
}

export function summaryTally(): Tally<Summary> {
  const summary: Summary = {
    total: 0,
    byStatus: zeroCounts(),
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, zeroCounts()])) as Summary['bySeverity'],
    byCategory: Object.fromEntries(CATEGORIES.map((c) => [c, zeroCounts()])) as Summary['byCategory'],
    waived: 0,
  };
  return {
    add(f) {
      summary.total++;
      summary.byStatus[f.status]++;
      summary.bySeverity[f.severity][f.status]++;
      summary.byCategory[f.category][f.status]++;
      if (f.waiver) summary.waived++;
    },
    result: () => summary,
  };
}

/** A FAIL that counts: not covered by a waiver. */
export const isOpenFailure = (f: ReportFinding): boolean => f.status === 'FAIL' && !f.waiver;

/** The status a reader should see: a waived failure reads "WAIVED". */
export const displayStatus = (f: ReportFinding): Status | 'WAIVED' => (f.waiver && f.status === 'FAIL' ? 'WAIVED' : f.status);

/** A finding's severity; a tampered baseline's unknown one (its severity is not checked) reads informational. */
export const knownSeverity = (severity: string): Severity =>
  (SEVERITIES as readonly string[]).includes(severity) ? (severity as Severity) : 'informational';
