import { MalformedResponse } from '../../src/aws/errors.js';
import { defineCheck } from '../../src/engine/check.js';
import { instanceLoaders, liveInstances, metadataVerdict } from './support/instances.js';

export default defineCheck({
  id: 'ec2-instance-imdsv2-required',
  title: 'EC2 instances require IMDSv2 for instance metadata',
  risk: 'With IMDSv1 allowed, a server-side request forgery in any application on the instance can read its role credentials.',
  category: 'infrastructure',
  responsibility: 'identity-and-access',
  service: 'ec2',
  scope: 'regional',
  severity: 'high',
  compliance: { 'cis-aws-3.0': ['5.6'], 'cis-aws-5.0': ['5.7'], 'aws-fsbp': ['EC2.8'] },
  remediation:
    'Set the instance metadata options to HttpTokens=required (ModifyInstanceMetadataOptions), after checking that its software uses IMDSv2.',
  loaders: instanceLoaders,
  async run(ctx) {
    for (const { instance, resource } of await liveInstances(ctx)) {
      const options = instance.MetadataOptions;
      if (!options?.HttpTokens) {
        ctx.result.error(
          resource,
          new MalformedResponse('it did not report MetadataOptions.HttpTokens for this instance', 'ec2:DescribeInstances'),
        );
      } else {
        const verdict = metadataVerdict(options);
        if (verdict.required) ctx.result.pass(resource, verdict.message);
        else ctx.result.fail(resource, verdict.message);
      }
    }
  },
});
