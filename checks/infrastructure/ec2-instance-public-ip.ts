import { defineCheck } from '../../src/engine/check.js';
import { instanceLoaders, liveInstances } from './support/instances.js';

export default defineCheck({
  id: 'ec2-instance-public-ip',
  title: 'EC2 instances have no public IPv4 address',
  risk: 'An instance with a public address is one security-group or NACL mistake away from the internet.',
  category: 'infrastructure',
  responsibility: 'public-access',
  service: 'ec2',
  scope: 'regional',
  severity: 'high',
  compliance: { 'aws-fsbp': ['EC2.9'] },
  remediation:
    'Launch instances in private subnets without public addresses and publish them through a load balancer; set publicIpSeverity to informational where public instances are by design.',
  loaders: instanceLoaders,
  async run(ctx) {
    const severity = ctx.options.publicIpSeverity;
    for (const { instance, resource } of await liveInstances(ctx)) {
      // The primary address plus any Elastic IP on a secondary interface or address.
      const addresses = new Set<string>();
      if (instance.PublicIpAddress) addresses.add(instance.PublicIpAddress);
      for (const eni of instance.NetworkInterfaces ?? []) {
        if (eni.Association?.PublicIp) addresses.add(eni.Association.PublicIp);
        for (const ip of eni.PrivateIpAddresses ?? []) if (ip.Association?.PublicIp) addresses.add(ip.Association.PublicIp);
      }
      if (addresses.size) ctx.result.fail(resource, `Has public IPv4 address ${[...addresses].join(', ')}.`, { severity });
      else ctx.result.pass(resource, 'Has no public IPv4 address.', { severity });
    }
  },
});
