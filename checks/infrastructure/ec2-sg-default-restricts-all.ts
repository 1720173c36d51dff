import { describePermission } from '../../src/analysis/security-group.js';
import { MalformedResponse } from '../../src/aws/errors.js';
import { defineCheck } from '../../src/engine/check.js';
import { sgResource } from './support/security-groups.js';
import { securityGroups } from '../../src/aws/loaders/ec2.js';

export default defineCheck({
  id: 'ec2-sg-default-restricts-all',
  title: "Every VPC's default security group allows no traffic",
  risk: 'Resources launched without a chosen security group land in the default group; any rule in it silently grants them access.',
  category: 'infrastructure',
  responsibility: 'network-firewall',
  service: 'ec2',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['5.4'], 'cis-aws-5.0': ['5.5'], 'aws-fsbp': ['EC2.2'] },
  remediation: 'Remove every inbound and outbound rule from the default security group, and give resources purpose-made groups instead.',
  loaders: { securityGroups },
  async run({ region, accountId, partition, load, result }) {
    // The default group cannot be renamed or deleted, and it is the only one named "default".
    for (const group of (await load.securityGroups(region)).filter((g) => g.GroupName === 'default')) {
      const resource = sgResource(group, region, accountId, partition);
      if (!group.IpPermissions || !group.IpPermissionsEgress) {
        result.error(
          resource,
          new MalformedResponse('it did not list the inbound and outbound rules of this default group', 'ec2:DescribeSecurityGroups'),
        );
        continue;
      }
      const rules = [
        ...group.IpPermissions.map((p) => `inbound ${describePermission(p)}`),
        ...group.IpPermissionsEgress.map((p) => `outbound ${describePermission(p)}`),
      ];
      if (rules.length)
        result.fail(resource, `The default group of ${group.VpcId ?? 'its VPC'} has ${rules.length} rule(s): ${rules.join(', ')}.`);
      else result.pass(resource, `The default group of ${group.VpcId ?? 'its VPC'} has no inbound or outbound rules.`);
    }
  },
});
