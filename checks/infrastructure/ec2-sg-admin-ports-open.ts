import type { SecurityGroup } from '@aws-sdk/client-ec2';
import { describeExposures, internetExposure, referencedPrefixLists } from '../../src/analysis/security-group.js';
import { prefixListCidrs, securityGroups } from '../../src/aws/loaders/ec2.js';
import { arn, defineCheck } from '../../src/engine/check.js';
import type { Resource } from '../../src/engine/types.js';

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

export default defineCheck({
  id: 'ec2-sg-admin-ports-open',
  title: 'No security group allows internet ingress to remote administration ports',
  risk: 'SSH and RDP reachable from the internet are brute-forced and exploited within minutes of exposure.',
  category: 'infrastructure',
  responsibility: 'network-firewall',
  service: 'ec2',
  scope: 'regional',
  severity: 'high',
  compliance: { 'cis-aws-3.0': ['5.2', '5.3'], 'cis-aws-5.0': ['5.3', '5.4'], 'aws-fsbp': ['EC2.53', 'EC2.54'] },
  remediation: 'Restrict the rule to known CIDRs or security groups, or use Systems Manager Session Manager instead of SSH/RDP.',
  loaders: { securityGroups, prefixListCidrs },
  async run({ region, accountId, partition, load, result, options }) {
    const groups = await load.securityGroups(region);
    const listIds = [...new Set(groups.flatMap(referencedPrefixLists))];
    // A prefix list that cannot be read leaves the verdict open: ERROR, never a silent PASS.
    const resolved = new Map<string, string[] | { error: unknown }>();
    await Promise.all(
      listIds.map(async (id) => resolved.set(id, await load.prefixListCidrs(region, id).catch((error: unknown) => ({ error })))),
    );
    for (const group of groups) {
      const resource = sgResource(group, region, accountId, partition);
      const { exposures, unresolvedPrefixLists } = internetExposure(group, {
        ports: options.adminPorts,
        prefixListCidrs: (id) => {
          const cidrs = resolved.get(id);
          return Array.isArray(cidrs) ? cidrs : undefined;
        },
        internetPrefix: options.internetPrefix,
      });
      if (exposures.length) {
        result.fail(resource, `Open to the internet: ${describeExposures(exposures)}.`);
      } else if (unresolvedPrefixLists.length) {
        const failed = resolved.get(unresolvedPrefixLists[0]!);
        result.error(
          resource,
          failed && 'error' in failed ? failed.error : new Error(`prefix list ${unresolvedPrefixLists[0]} was not resolved`),
        );
      } else {
        result.pass(resource, `No rule admits the internet to ports ${options.adminPorts.join(', ')}.`);
      }
    }
  },
});
