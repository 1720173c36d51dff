/**
 * The least-privilege IAM policy for a set of checks, derived from what their loaders
 * declare (and the seam enforces), plus the bootstrap reads every scan makes.
 */
import { actionsOf, type Loader } from './aws/loader.js';
import { regions } from './aws/loaders/ec2.js';
import { callerIdentity } from './aws/loaders/sts.js';
import type { AnyCheck } from './engine/check.js';

/** Loaders every scan reads before any check: who am I, which regions are there. */
export const BOOTSTRAP_LOADERS: readonly Loader[] = [callerIdentity, regions];

export interface IamPolicy {
  Version: '2012-10-17';
  Statement: Array<{ Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }>;
}

export function requiredActions(checks: readonly AnyCheck[]): string[] {
  const loaders = [...BOOTSTRAP_LOADERS, ...checks.flatMap((c) => Object.values(c.loaders) as Loader[])];
  return [...actionsOf(loaders)].sort();
}

export function buildPolicy(checks: readonly AnyCheck[]): IamPolicy {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'SrmAuditReadOnly', Effect: 'Allow', Action: requiredActions(checks), Resource: '*' }],
  };
}
