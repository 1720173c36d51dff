import { defaultLaunchTemplateVersions } from '../../src/aws/loaders/ec2.js';
import { defineCheck } from '../../src/engine/check.js';
import { launchTemplateResource } from './support/autoscaling.js';

export default defineCheck({
  id: 'ec2-launch-template-no-public-ip',
  title: 'Launch templates assign no public IP address to network interfaces',
  risk: 'Every instance launched from the template, by hand or by an Auto Scaling group, gets a public address.',
  category: 'infrastructure',
  responsibility: 'public-access',
  service: 'ec2',
  scope: 'regional',
  severity: 'high',
  compliance: { 'aws-fsbp': ['EC2.25'] },
  remediation:
    'Create a new template version whose network interfaces set AssociatePublicIpAddress=false, and make it the default version.',
  loaders: { defaultLaunchTemplateVersions },
  async run(ctx) {
    for (const version of await ctx.load.defaultLaunchTemplateVersions(ctx.region)) {
      const resource = launchTemplateResource(version, ctx);
      // EC2.25 (ec2-launch-template-public-ip-disabled) judges the default version's network interfaces.
      const publicOnes = (version.LaunchTemplateData?.NetworkInterfaces ?? []).filter((n) => n.AssociatePublicIpAddress === true);
      const v = `default version ${version.VersionNumber ?? '?'}`;
      if (publicOnes.length) {
        const which = publicOnes.map((n) => `device ${n.DeviceIndex ?? '?'}`).join(', ');
        ctx.result.fail(resource, `Its ${v} associates a public IP address (network interface ${which}).`);
      } else {
        ctx.result.pass(resource, `Its ${v} associates no public IP address.`);
      }
    }
  },
});
