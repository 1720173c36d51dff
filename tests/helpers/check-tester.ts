/**
 * Runs one check the way the engine does, against SDK clients stubbed with
 * aws-sdk-client-mock (real command classes, real paginators), and returns its findings.
 * In the spirit of ESLint's RuleTester: each test states the AWS answers and the verdict.
 */
import { LoaderCache } from '../../src/aws/loader.js';
import { AwsSession } from '../../src/aws/session.js';
import type { AnyCheck } from '../../src/engine/check.js';
import { resolveOptions, type CheckOptions } from '../../src/engine/options.js';
import { runChecks, type ScanOutcome } from '../../src/engine/runner.js';
import type { Finding, Status } from '../../src/engine/types.js';

export const ACCOUNT = '123456789012';

export interface CheckRunOptions {
  regions?: string[];
  options?: Partial<CheckOptions>;
  now?: Date;
}

export async function runCheck(check: AnyCheck, opts: CheckRunOptions = {}): Promise<Finding[]> {
  return runAll([check], opts);
}

/**
 * Runs several checks in one scan, sharing loaders as the engine does. (aws-sdk-client-mock
 * replaces `send`, so the seam's call counter does not see mocked calls: count them on the mock.)
 */
export async function runAll(checks: readonly AnyCheck[], opts: CheckRunOptions = {}): Promise<Finding[]> {
  return (await runOutcome(checks, opts)).findings;
}

/** The findings and the run's errors (run.errors: what made it partial). */
export async function runOutcome(checks: readonly AnyCheck[], opts: CheckRunOptions = {}): Promise<ScanOutcome> {
  const session = new AwsSession({ homeRegion: 'us-east-1', maxAttempts: 1 });
  const cache = new LoaderCache(session, ACCOUNT, 'aws');
  return runChecks(
    {
      checks,
      regions: opts.regions ?? ['us-east-1'],
      concurrency: 4,
      options: resolveOptions(opts.options),
      now: opts.now ?? new Date('2026-11-20T12:00:00Z'),
    },
    cache,
  );
}

/** resource id → status, the usual thing a check test asserts. */
export function verdicts(findings: readonly Finding[]): Record<string, Status> {
  return Object.fromEntries(findings.map((f) => [f.resource.id, f.status]));
}

export function findingFor(findings: readonly Finding[], resourceId: string): Finding {
  const found = findings.find((f) => f.resource.id === resourceId);
  if (!found) throw new Error(`no finding for ${resourceId}; got ${findings.map((f) => f.resource.id).join(', ')}`);
  return found;
}

export { awsError } from '../../demo/world/types.js';
