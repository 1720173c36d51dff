import { launchConfigurations } from '../../src/aws/loaders/autoscaling.js';
import { defineCheck } from '../../src/engine/check.js';
import { launchConfigurationResource } from './support/autoscaling.js';

export default defineCheck({
  id: 'autoscaling-launch-config-no-public-ip',
  title: 'Auto Scaling launch configurations assign no public IP address',
  risk: 'Every instance the group launches gets a public address: one security-group or NACL mistake from the internet, on every replacement.',
  category: 'infrastructure',
  responsibility: 'public-access',
  service: 'autoscaling',
  scope: 'regional',
  severity: 'high',
  compliance: { 'aws-fsbp': ['AutoScaling.5'] },
  remediation:
    'Launch the group in private subnets from a launch template that does not associate a public IP address, behind a load balancer.',
  loaders: { launchConfigurations },
  async run({ region, load, result }) {
    for (const config of await load.launchConfigurations(region)) {
      const resource = launchConfigurationResource(config);
      if (config.AssociatePublicIpAddress === true)
        result.fail(resource, 'AssociatePublicIpAddress is true: every instance it launches gets a public IPv4 address.');
      else if (config.AssociatePublicIpAddress === false) result.pass(resource, 'AssociatePublicIpAddress is false.');
      // FSBP AutoScaling.5 fails only an explicit true; unset, the subnet's auto-assign setting decides (ec2-instance-public-ip judges the instances).
      else result.pass(resource, "AssociatePublicIpAddress is not set: the subnet's auto-assign setting decides.");
    }
  },
});
