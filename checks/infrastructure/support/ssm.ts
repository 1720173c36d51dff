/**
 * What the Systems Manager checks share: the region's running instances joined with what SSM
 * knows of them (managed-node record, patch and association compliance), and the words for
 * an instance SSM does not manage.
 */
import type { InstanceInformation, ResourceComplianceSummaryItem } from '@aws-sdk/client-ssm';
import { complianceSummaries, instanceInformation } from '../../../src/aws/loaders/ssm.js';
import type { CheckContext } from '../../../src/engine/check.js';
import { instanceLoaders, liveInstances } from './instances.js';

export const ssmInstanceLoaders = { ...instanceLoaders, instanceInformation };
export const ssmComplianceLoaders = { ...ssmInstanceLoaders, complianceSummaries };

export const NOT_MANAGED =
  'Not a managed instance of Systems Manager (no SSM Agent registered, or no instance profile allowing it), so its patch state cannot be known.';

/** Running instances (stopped ones cannot ping or be patched), each with its SSM record when it has one. */
export async function runningWithSsm(ctx: CheckContext<typeof ssmInstanceLoaders>) {
  const [instances, managed] = await Promise.all([liveInstances(ctx), ctx.load.instanceInformation(ctx.region)]);
  const byId = new Map<string, InstanceInformation>(managed.filter((m) => m.InstanceId).map((m) => [m.InstanceId!, m]));
  return instances
    .filter(({ instance }) => instance.State?.Name === 'running')
    .map((entry) => ({ ...entry, managed: byId.get(entry.instance.InstanceId ?? '') }));
}

/** The compliance summaries of one type, by resource id. */
export async function summariesById(
  ctx: CheckContext<typeof ssmComplianceLoaders>,
  type: 'Patch' | 'Association',
): Promise<Map<string, ResourceComplianceSummaryItem>> {
  const items = await ctx.load.complianceSummaries(ctx.region, type);
  return new Map(items.filter((i) => i.ResourceId).map((i) => [i.ResourceId!, i]));
}

const SEVERITIES = [
  ['CriticalCount', 'critical'],
  ['HighCount', 'high'],
  ['MediumCount', 'medium'],
  ['LowCount', 'low'],
  ['InformationalCount', 'informational'],
  ['UnspecifiedCount', 'unspecified'],
] as const;

/** "3 (critical 1, high 2)": the non-compliant count with its severity breakdown, zeros left out. */
export function nonCompliantText(item: ResourceComplianceSummaryItem): string {
  const summary = item.NonCompliantSummary;
  const total = summary?.NonCompliantCount ?? 0;
  const parts = SEVERITIES.map(([key, label]) => [summary?.SeveritySummary?.[key] ?? 0, label] as const)
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${label} ${n}`);
  return parts.length ? `${total} (${parts.join(', ')})` : String(total);
}
