/**
 * Data residency (choosing the regions that hold the data is the customer's duty): shared
 * by the EC2, RDS and S3 residency checks, so each category's grid cell shows its own.
 */
import type { CheckMeta, ResultOptions, ResultSink } from '../src/engine/check.js';
import { scopeResource } from '../src/engine/check.js';
import type { Resource } from '../src/engine/types.js';

export const RESIDENCY_META = {
  responsibility: 'data-residency',
  severity: 'high',
  compliance: {},
  risk: 'Data stored outside the regions the organisation chose may fall under another jurisdiction, breaking data-sovereignty commitments and regulations.',
} as const satisfies Partial<CheckMeta>;

export const NO_POLICY =
  'No allowed regions are configured (allowedRegions in srm-audit.config.yaml, or --set allowedRegions=eu-west-1,eu-central-1), so residency cannot be judged.';

/** Reports NOT_APPLICABLE for the scope when no residency policy is configured; true when it did. */
export function withoutPolicy(
  allowed: readonly string[],
  ctx: { region: string; accountId: string; partition: string; result: ResultSink },
): boolean {
  if (allowed.length > 0) return false;
  ctx.result.notApplicable(scopeResource(ctx.region, ctx.accountId, ctx.partition), NO_POLICY);
  return true;
}

export function judgeResidency(
  result: ResultSink,
  resource: Resource,
  what: string,
  region: string,
  allowed: readonly string[],
  opts?: ResultOptions,
): void {
  if (allowed.includes(region)) result.pass(resource, `This ${what} is in ${region}, an allowed region.`, opts);
  else result.fail(resource, `This ${what} is in ${region}, outside the allowed regions (${allowed.join(', ')}).`, opts);
}
