/**
 * What every security-group check shares: the groups of a region with their managed prefix
 * lists resolved (one DescribeSecurityGroups read and one GetManagedPrefixListEntries per
 * referenced list serve them all), the resource a finding names, and the "these ports must
 * not be open to the internet" check shape used by the admin, CIFS and high-risk port checks.
 */
import type { SecurityGroup } from '@aws-sdk/client-ec2';
import type { IpVersion } from '../../../src/analysis/address-set.js';
import {
  describeExposures,
  internetExposure,
  referencedPrefixLists,
  unreadableIngress,
  type ExposureOptions,
} from '../../../src/analysis/security-group.js';
import { MalformedResponse } from '../../../src/aws/errors.js';
import { prefixListCidrs, securityGroups } from '../../../src/aws/loaders/ec2.js';
import { arn, defineCheck, type CheckContext, type CheckMeta } from '../../../src/engine/check.js';
import type { CheckOptions } from '../../../src/engine/options.js';
import type { Resource } from '../../../src/engine/types.js';

export const sgLoaders = { securityGroups, prefixListCidrs };
type SgContext = CheckContext<typeof sgLoaders>;

export function sgResource(group: SecurityGroup, region: string, accountId: string, partition: string): Resource {
  const id = group.GroupId ?? 'unknown';
  const nameTag = group.Tags?.find((t) => t.Key === 'Name')?.Value;
  return {
    id,
    type: 'AWS::EC2::SecurityGroup',
    arn: arn(partition, 'ec2', region, group.OwnerId ?? accountId, `security-group/${id}`),
    name: nameTag ? `${group.GroupName ?? ''} (${nameTag})` : group.GroupName,
  };
}

export interface ResolvedGroups {
  groups: SecurityGroup[];
  prefixListCidrs: ExposureOptions['prefixListCidrs'];
  /** Why a prefix list could not be resolved: the error to report for a group that needs it. */
  failure(prefixListId: string): unknown;
}

/** The region's groups and every prefix list they reference, resolved once. */
export async function loadResolvedGroups({ region, load }: SgContext): Promise<ResolvedGroups> {
  const groups = await load.securityGroups(region);
  const listIds = [...new Set(groups.flatMap(referencedPrefixLists))];
  const resolved = new Map<string, string[] | { error: unknown }>();
  await Promise.all(
    listIds.map(async (id) => resolved.set(id, await load.prefixListCidrs(region, id).catch((error: unknown) => ({ error })))),
  );
  return {
    groups,
    prefixListCidrs: (id) => {
      const cidrs = resolved.get(id);
      return Array.isArray(cidrs) ? cidrs : undefined;
    },
    failure: (id) => {
      const failed = resolved.get(id);
      return failed && 'error' in failed ? failed.error : new Error(`prefix list ${id} was not resolved`);
    },
  };
}

/**
 * The error that leaves a group's verdict open when nothing readable fails it: inbound rules the
 * listing left unreadable, or a referenced prefix list that could not be read. Undefined when
 * the verdict is complete.
 */
export function incompleteVerdict(group: SecurityGroup, unresolvedPrefixLists: readonly string[], resolved: ResolvedGroups): unknown {
  const unreadable = unreadableIngress(group);
  if (unreadable) return new MalformedResponse(unreadable, 'ec2:DescribeSecurityGroups');
  return unresolvedPrefixLists.length ? resolved.failure(unresolvedPrefixLists[0]!) : undefined;
}

export interface PortExposureSpec {
  /** The ports that must not be open to the internet. */
  ports(options: CheckOptions): readonly number[];
  versions: readonly IpVersion[];
}

/**
 * A check failing every security group that opens one of `spec.ports` to the internet over
 * the given IP versions. A prefix list that cannot be read, or rules the listing left
 * unreadable, leave the verdict open: ERROR, never a silent PASS (unless the group is open anyway).
 */
export function definePortExposureCheck(meta: Omit<CheckMeta, 'category' | 'service' | 'scope'>, spec: PortExposureSpec) {
  const versionText = spec.versions.length === 1 ? ` IPv${spec.versions[0]}` : '';
  return defineCheck({
    ...meta,
    category: 'infrastructure',
    service: 'ec2',
    scope: 'regional',
    loaders: sgLoaders,
    async run(ctx) {
      const { region, accountId, partition, result, options } = ctx;
      const ports = spec.ports(options);
      const resolved = await loadResolvedGroups(ctx);
      for (const group of resolved.groups) {
        const resource = sgResource(group, region, accountId, partition);
        const { exposures, unresolvedPrefixLists } = internetExposure(group, {
          ports,
          versions: spec.versions,
          prefixListCidrs: resolved.prefixListCidrs,
          internetPrefix: options.internetPrefix,
        });
        const incomplete = incompleteVerdict(group, unresolvedPrefixLists, resolved);
        if (exposures.length) result.fail(resource, `Open to the${versionText} internet: ${describeExposures(exposures)}.`);
        else if (incomplete) result.error(resource, incomplete);
        else result.pass(resource, `No rule admits the${versionText} internet to ${portList(ports)}.`);
      }
    },
  });
}

/** "port 445", "ports 22, 3389", or for a long list "any of the 24 listed ports (20, 21, …)". */
function portList(ports: readonly number[]): string {
  if (ports.length === 1) return `port ${ports[0]}`;
  if (ports.length <= 4) return `ports ${ports.join(', ')}`;
  return `any of the ${ports.length} listed ports (${ports.slice(0, 3).join(', ')}, …)`;
}
