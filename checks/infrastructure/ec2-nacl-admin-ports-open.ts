import { describeNaclExposures, naclInternetIngress, naclSubnets, unreadableAcl } from '../../src/analysis/nacl.js';
import { MalformedResponse } from '../../src/aws/errors.js';
import { networkAcls } from '../../src/aws/loaders/ec2.js';
import { defineCheck } from '../../src/engine/check.js';
import { ec2Resource } from './support/resources.js';

export default defineCheck({
  id: 'ec2-nacl-admin-ports-open',
  title: 'No network ACL admits the internet to remote administration ports',
  risk: 'A network ACL that lets the internet reach SSH or RDP leaves a single security-group mistake between the host and an attacker.',
  category: 'infrastructure',
  responsibility: 'network-acl',
  service: 'ec2',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['5.1'], 'cis-aws-5.0': ['5.2'], 'aws-fsbp': ['EC2.21'] },
  remediation:
    'Add a DENY entry for the administration ports from 0.0.0.0/0 and ::/0 with a lower rule number than the ALLOW entries, or narrow the ALLOW entries to known CIDRs.',
  loaders: { networkAcls },
  async run({ region, accountId, partition, load, result, options }) {
    for (const acl of await load.networkAcls(region)) {
      const resource = ec2Resource(
        'network-acl',
        { id: acl.NetworkAclId, tags: acl.Tags, ownerId: acl.OwnerId },
        { region, accountId, partition },
      );
      const subnets = naclSubnets(acl);
      const usedBy = subnets.length ? `used by ${subnets.join(', ')}` : 'associated with no subnet';
      const where = `${acl.IsDefault ? 'default ' : ''}NACL of ${acl.VpcId ?? 'its VPC'}, ${usedBy}`;
      const unreadable = unreadableAcl(acl);
      if (unreadable) {
        result.error(resource, new MalformedResponse(unreadable, 'ec2:DescribeNetworkAcls'));
        continue;
      }
      const exposures = naclInternetIngress(acl, options.adminPorts, options.internetPrefix);
      if (exposures.length) result.fail(resource, `Admits the internet: ${describeNaclExposures(exposures)} (${where}).`);
      else result.pass(resource, `Denies the internet ports ${options.adminPorts.join(', ')} (${where}).`);
    }
  },
});
