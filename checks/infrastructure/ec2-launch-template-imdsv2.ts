import { defaultLaunchTemplateVersions } from '../../src/aws/loaders/ec2.js';
import { defineCheck } from '../../src/engine/check.js';
import { launchTemplateResource } from './support/autoscaling.js';
import { metadataVerdict } from './support/instances.js';

export default defineCheck({
  id: 'ec2-launch-template-imdsv2',
  title: 'Launch templates require IMDSv2',
  risk: 'Every instance launched from the template, by hand or by an Auto Scaling group, allows IMDSv1: a request forgery in it reads its role credentials.',
  category: 'infrastructure',
  responsibility: 'identity-and-access',
  service: 'ec2',
  scope: 'regional',
  severity: 'high',
  compliance: { 'aws-fsbp': ['EC2.170'] },
  remediation: 'Create a new template version with MetadataOptions HttpTokens=required and make it the default version.',
  loaders: { defaultLaunchTemplateVersions },
  async run(ctx) {
    for (const version of await ctx.load.defaultLaunchTemplateVersions(ctx.region)) {
      const resource = launchTemplateResource(version, ctx);
      const options = version.LaunchTemplateData?.MetadataOptions;
      // A template that sets no metadata options leaves HttpTokens to the AMI's and account's defaults: not required by the template.
      const verdict = metadataVerdict({ HttpTokens: options?.HttpTokens ?? 'not set', HttpEndpoint: options?.HttpEndpoint });
      const v = `Default version ${version.VersionNumber ?? '?'}`;
      if (verdict.required) ctx.result.pass(resource, `${v}: ${verdict.message}`);
      else ctx.result.fail(resource, `${v}: ${verdict.message}`);
    }
  },
});
