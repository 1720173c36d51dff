/** The resources the Auto Scaling and launch template checks name. */
import type { AutoScalingGroup, LaunchConfiguration } from '@aws-sdk/client-auto-scaling';
import type { LaunchTemplateVersion } from '@aws-sdk/client-ec2';
import { arn } from '../../../src/engine/check.js';
import type { Resource } from '../../../src/engine/types.js';

export function groupResource(group: AutoScalingGroup): Resource {
  return { id: group.AutoScalingGroupName ?? 'unknown', type: 'AWS::AutoScaling::AutoScalingGroup', arn: group.AutoScalingGroupARN };
}

export function launchConfigurationResource(config: LaunchConfiguration): Resource {
  return {
    id: config.LaunchConfigurationName ?? 'unknown',
    type: 'AWS::AutoScaling::LaunchConfiguration',
    arn: config.LaunchConfigurationARN,
  };
}

export function launchTemplateResource(
  version: LaunchTemplateVersion,
  ctx: { region: string; accountId: string; partition: string },
): Resource {
  const id = version.LaunchTemplateId ?? 'unknown';
  const resource: Resource = {
    id,
    type: 'AWS::EC2::LaunchTemplate',
    arn: arn(ctx.partition, 'ec2', ctx.region, ctx.accountId, `launch-template/${id}`),
  };
  if (version.LaunchTemplateName) resource.name = version.LaunchTemplateName;
  return resource;
}
