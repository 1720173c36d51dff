/**
 * Data residency (choosing the regions that hold the data is the customer's duty): shared by
 * every service's residency check, so each category's grid cell shows its own. A service that
 * holds data adds its resource kinds to its residency check with `residencyOf` (or, for a list
 * that is account-wide like S3's, calls `judgeResidency` per resource).
 */
import type { CheckMeta, ResultOptions, ResultSink } from '../src/engine/check.js';
import { scopeResource } from '../src/engine/check.js';
import type { CheckOptions } from '../src/engine/options.js';
import type { Resource } from '../src/engine/types.js';
import { listResource } from './verdict.js';

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

/** One kind of resource that holds a copy of the data, in the region a regional check scans. */
export interface ResidencyKind<T> {
  /** How a finding names one: "EBS snapshot". */
  what: string;
  /** Its CloudFormation-style type and plural, naming the whole list when it cannot be read. */
  type: string;
  plural: string;
  /** Reads the kind in the scanned region (through the check's loaders). */
  list: () => Promise<readonly T[]>;
  resource: (item: T) => Resource;
}

export interface ResidencyContext {
  region: string;
  accountId: string;
  partition: string;
  result: ResultSink;
  options: CheckOptions;
}

export type ResidencyJudge = (ctx: ResidencyContext) => Promise<void>;

/**
 * Judges every item of one kind by the scanned region. A list that cannot be read is one ERROR
 * naming it (and the call), and the check's other kinds are still judged.
 */
export function residencyOf<T>(kind: ResidencyKind<T>): ResidencyJudge {
  return async ({ region, result, options }) => {
    let items: readonly T[];
    try {
      items = await kind.list();
    } catch (error) {
      result.error(listResource(region, kind.type, kind.plural), error);
      return;
    }
    for (const item of items) judgeResidency(result, kind.resource(item), kind.what, region, options.allowedRegions);
  };
}

/** A regional residency check: NOT_APPLICABLE without a policy, otherwise every kind judged. */
export async function judgeRegionalResidency(ctx: ResidencyContext, kinds: readonly ResidencyJudge[]): Promise<void> {
  if (withoutPolicy(ctx.options.allowedRegions, ctx)) return;
  await Promise.all(kinds.map((judge) => judge(ctx)));
}
