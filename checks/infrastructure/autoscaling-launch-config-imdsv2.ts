import { launchConfigurations } from '../../src/aws/loaders/autoscaling.js';
import { defineCheck } from '../../src/engine/check.js';
import { launchConfigurationResource } from './support/autoscaling.js';
import { metadataVerdict } from './support/instances.js';

export default defineCheck({
  id: 'autoscaling-launch-config-imdsv2',
  title: 'Auto Scaling launch configurations require IMDSv2',
  risk: 'Every instance the group launches allows IMDSv1, so a request forgery in any of them reads its role credentials; replacing the instance does not help.',
  category: 'infrastructure',
  responsibility: 'identity-and-access',
  service: 'autoscaling',
  scope: 'regional',
  severity: 'high',
  compliance: { 'aws-fsbp': ['AutoScaling.3'] },
  remediation:
    'Create a launch template (launch configurations cannot be edited) with HttpTokens=required and move the group to it (AutoScaling.9).',
  loaders: { launchConfigurations },
  async run({ region, load, result }) {
    for (const config of await load.launchConfigurations(region)) {
      const resource = launchConfigurationResource(config);
      // A launch configuration created without metadata options gets HttpTokens=optional (the documented default).
      const options = config.MetadataOptions ?? {};
      const verdict = metadataVerdict({ HttpTokens: options.HttpTokens ?? 'optional', HttpEndpoint: options.HttpEndpoint });
      const note = options.HttpTokens ? '' : ' Metadata options are not set, so the default applies.';
      if (verdict.required) result.pass(resource, verdict.message);
      else result.fail(resource, `${verdict.message}${note}`);
    }
  },
});
