/**
 * The shape of a check module: metadata a reviewer reads (title, risk, remediation,
 * compliance ids), the loaders it reads through, and a run function that reports one
 * result per resource it evaluated.
 */
import type { Loader } from '../aws/loader.js';
import type { CheckOptions } from './options.js';
import type { Category, ComplianceMap, Resource, Responsibility, Scope, Severity } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LoaderMap = Record<string, Loader<any[], any>>;
export type BoundLoaders<L extends LoaderMap> = {
  [K in keyof L]: L[K] extends Loader<infer A, infer R> ? (...args: A) => Promise<R> : never;
};

export interface ResultOptions {
  /** The resource's own region where it differs from the check's (S3 buckets). */
  region?: string;
  /** Overrides the check's severity for this result (e.g. a critical port class). */
  severity?: Severity;
  /**
   * The data the verdict was judged on, for a reviewer or an auditor: the rule, the policy
   * statement, the NACL entries in order, the report cells. Plain JSON; every string in it is
   * AWS-derived and escaped by the reporters like any other.
   */
  evidence?: Evidence;
}

/** Labelled, JSON-serialisable evidence (a label to a value: text, number, list or object). */
export type Evidence = Record<string, unknown>;

export interface ResultSink {
  pass(resource: Resource, message: string, opts?: ResultOptions): void;
  fail(resource: Resource, message: string, opts?: ResultOptions): void;
  notApplicable(resource: Resource, message: string, opts?: ResultOptions): void;
  /** Could not evaluate this resource; `error` is what was thrown (its API and code are reported). */
  error(resource: Resource, error: unknown, opts?: ResultOptions): void;
  /**
   * A read the check did without (a documented fallback) failed: no finding changes, but the
   * failure is listed in `run.errors` and the run is partial, so a denial is never silent.
   */
  degraded(resource: Resource, error: unknown, opts?: Pick<ResultOptions, 'region'>): void;
}

export interface CheckContext<L extends LoaderMap> {
  /** The region being scanned, or "global" for a global check. */
  region: string;
  /** Every region this run scans (global checks use it to scope regional resources). */
  regions: readonly string[];
  accountId: string;
  partition: string;
  load: BoundLoaders<L>;
  result: ResultSink;
  options: CheckOptions;
  /** The moment the data describes: now for a live scan, the recording time for a replay. */
  now: Date;
  /**
   * The most calls one endpoint (a service in a region) may have in flight (a quarter of
   * --max-calls): work per resource that fans out to one service can size itself by it.
   */
  endpointSlots: number;
}

export interface CheckMeta {
  id: string;
  title: string;
  /** What is at risk when the check fails, in a reviewer's words. */
  risk: string;
  category: Category;
  responsibility: Responsibility;
  service: string;
  scope: Scope;
  severity: Severity;
  compliance: ComplianceMap;
  remediation: string;
}

export interface CheckDefinition<L extends LoaderMap = LoaderMap> extends CheckMeta {
  loaders: L;
  run(ctx: CheckContext<L>): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCheck = CheckDefinition<any>;

export function defineCheck<L extends LoaderMap>(check: CheckDefinition<L>): CheckDefinition<L> {
  return check;
}

export function arn(partition: string, service: string, region: string, account: string, resource: string): string {
  return `arn:${partition}:${service}:${region}:${account}:${resource}`;
}

/** The pseudo-resource a whole-region or whole-account result is about. */
export function scopeResource(region: string, accountId: string, partition: string): Resource {
  return region === 'global'
    ? { id: accountId, type: 'AWS::::Account', arn: `arn:${partition}:iam::${accountId}:root` }
    : { id: region, type: 'AWS::::Region', name: `${region} (${accountId})` };
}
