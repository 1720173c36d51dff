import { defineCheck } from '../../src/engine/check.js';
import { instanceLoaders, liveInstances } from './support/instances.js';

export default defineCheck({
  id: 'ec2-instance-profile-attached',
  title: 'Running instances call AWS through an instance profile (IAM role)',
  risk: 'An instance without a role that calls AWS does so with long-lived access keys stored on it, which leak with the disk, an image or a backup.',
  category: 'infrastructure',
  responsibility: 'identity-and-access',
  service: 'ec2',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['1.18'], 'cis-aws-5.0': ['1.17'] },
  remediation:
    'Attach an instance profile whose role grants what the instance needs (AssociateIamInstanceProfile) and remove access keys from the instance.',
  loaders: instanceLoaders,
  async run(ctx) {
    for (const { instance, resource } of await liveInstances(ctx)) {
      if (instance.State?.Name !== 'running') continue;
      const profile = instance.IamInstanceProfile?.Arn;
      if (profile) ctx.result.pass(resource, `Has instance profile ${profile.split('/').pop()}.`);
      else ctx.result.fail(resource, 'Has no instance profile: anything on it that calls AWS must use stored access keys.');
    }
  },
});
