/** Auto Scaling in the demo account (issue 16): a legacy group on a launch configuration, a web group on the "bad" launch template. */
import type { AutoScalingGroup, LaunchConfiguration } from '@aws-sdk/client-auto-scaling';
import { byRegion, daysAgo, DEMO_ACCOUNT, type Handlers } from './types.js';

const arnOf = (region: string, kind: string, name: string) =>
  `arn:aws:autoscaling:${region}:${DEMO_ACCOUNT}:${kind}:00000000-0000-0000-0000-000000000000:${kind === 'autoScalingGroup' ? 'autoScalingGroupName' : 'launchConfigurationName'}/${name}`;

const configs: Partial<Record<string, LaunchConfiguration[]>> = {
  'us-east-1': [
    // No metadata options (IMDSv1 by default) and public addresses on every instance.
    {
      LaunchConfigurationName: 'legacy-web-lc',
      LaunchConfigurationARN: arnOf('us-east-1', 'launchConfiguration', 'legacy-web-lc'),
      ImageId: 'ami-0d4legacy000004',
      InstanceType: 't3.small',
      AssociatePublicIpAddress: true,
      CreatedTime: daysAgo(700),
    },
    {
      LaunchConfigurationName: 'batch-lc',
      LaunchConfigurationARN: arnOf('us-east-1', 'launchConfiguration', 'batch-lc'),
      ImageId: 'ami-0a1golden000001',
      InstanceType: 't3.small',
      AssociatePublicIpAddress: false,
      MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
      CreatedTime: daysAgo(90),
    },
  ],
};

const group = (region: string, name: string, launch: Partial<AutoScalingGroup>): AutoScalingGroup => ({
  AutoScalingGroupName: name,
  AutoScalingGroupARN: arnOf(region, 'autoScalingGroup', name),
  MinSize: 1,
  MaxSize: 4,
  DesiredCapacity: 2,
  DefaultCooldown: 300,
  AvailabilityZones: [`${region}a`, `${region}b`],
  HealthCheckType: 'EC2',
  CreatedTime: daysAgo(300),
  ...launch,
});

const groups: Partial<Record<string, AutoScalingGroup[]>> = {
  'us-east-1': [
    group('us-east-1', 'legacy-web-asg', { LaunchConfigurationName: 'legacy-web-lc' }),
    group('us-east-1', 'web-asg', {
      LaunchTemplate: { LaunchTemplateId: 'lt-0a1web0000000001', LaunchTemplateName: 'web-template', Version: '$Default' },
    }),
  ],
  'eu-west-1': [
    group('eu-west-1', 'eu-batch-asg', {
      MixedInstancesPolicy: {
        LaunchTemplate: {
          LaunchTemplateSpecification: {
            LaunchTemplateId: 'lt-0b2eubatch000002',
            LaunchTemplateName: 'eu-batch-template',
            Version: '$Latest',
          },
        },
      },
    }),
  ],
};

export const autoscalingHandlers: Handlers = {
  DescribeAutoScalingGroups: (region) => ({ AutoScalingGroups: byRegion(groups, region) }),
  DescribeLaunchConfigurations: (region) => ({ LaunchConfigurations: byRegion(configs, region) }),
};
