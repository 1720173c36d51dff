/**
 * `srm-audit org plan`: the accounts an organization run would scan, as JSON, without scanning:
 * the input of a Step Functions distributed map or a CI matrix (each item, or each shard's
 * comma-separated list, goes to `scan --accounts`).
 */
import { LoaderCache } from '../aws/loader.js';
import { AwsSession } from '../aws/session.js';
import { identify, resolveHomeRegion } from '../scan.js';
import { sliceOf } from './shard.js';
import { resolveTargets, type AccountTarget, type TargetRequest } from './targets.js';

export interface PlanRequest extends TargetRequest {
  profile?: string;
  endpointUrl?: string;
  /** Also deal the accounts into this many shards (a CI matrix's entries). */
  shards?: number;
  requestHandler?: unknown;
}

export interface Plan {
  callerAccountId: string;
  accounts: AccountTarget[];
  shards?: Array<{ shard: string; accounts: string }>;
}

export async function planOrganization(req: PlanRequest): Promise<Plan> {
  const session = new AwsSession({
    profile: req.profile,
    endpointUrl: req.endpointUrl,
    homeRegion: await resolveHomeRegion(req.profile),
    requestHandler: req.requestHandler,
  });
  const cache = new LoaderCache(session, '', 'aws');
  const identity = await identify(cache, req);
  const accounts = sliceOf(await resolveTargets(cache, req), undefined);
  const plan: Plan = { callerAccountId: identity.accountId, accounts };
  if (req.shards) {
    const count = req.shards;
    plan.shards = Array.from({ length: count }, (_, i) => ({
      shard: `${i + 1}/${count}`,
      accounts: sliceOf(accounts, { index: i + 1, count, source: 'plan' })
        .map((a) => a.id)
        .join(','),
    }));
  }
  return plan;
}
