import { AutoScalingClient, DescribeAutoScalingGroupsCommand, DescribeLaunchConfigurationsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, DescribeLaunchTemplateVersionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import groupLaunchTemplate from '../../../checks/infrastructure/autoscaling-group-launch-template.js';
import configImdsv2 from '../../../checks/infrastructure/autoscaling-launch-config-imdsv2.js';
import configNoPublicIp from '../../../checks/infrastructure/autoscaling-launch-config-no-public-ip.js';
import instanceImdsv2 from '../../../checks/infrastructure/ec2-instance-imdsv2-required.js';
import templateImdsv2 from '../../../checks/infrastructure/ec2-launch-template-imdsv2.js';
import templateNoPublicIp from '../../../checks/infrastructure/ec2-launch-template-no-public-ip.js';
import { findingFor, runAll, runCheck, verdicts } from '../../helpers/check-tester.js';

const asg = mockClient(AutoScalingClient);
const ec2 = mockClient(EC2Client);
beforeEach(() => {
  asg.reset();
  ec2.reset();
});

describe('launch configurations (FSBP AutoScaling.3, AutoScaling.5)', () => {
  it('IMDSv2 must be required; no metadata options is the optional default; the reasoning is the instances\u2019', async () => {
    asg.on(DescribeLaunchConfigurationsCommand).resolves({
      LaunchConfigurations: [
        { LaunchConfigurationName: 'none', AssociatePublicIpAddress: true },
        { LaunchConfigurationName: 'optional', MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'disabled' } },
        { LaunchConfigurationName: 'required', MetadataOptions: { HttpTokens: 'required' }, AssociatePublicIpAddress: false },
      ] as never,
    });
    const imds = await runCheck(configImdsv2);
    expect(verdicts(imds)).toEqual({ none: 'FAIL', optional: 'FAIL', required: 'PASS' });
    expect(findingFor(imds, 'none').message).toContain('default applies');
    // The same words an instance with the same options gets.
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            { InstanceId: 'i-1', State: { Name: 'running' }, MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'disabled' } },
          ],
        },
      ],
    });
    expect((await runCheck(instanceImdsv2))[0]?.message).toBe(findingFor(imds, 'optional').message);
    // AutoScaling.5 fails only an explicit true; unset leaves it to the subnet.
    expect(verdicts(await runCheck(configNoPublicIp))).toEqual({ none: 'FAIL', optional: 'PASS', required: 'PASS' });
  });
});

describe('autoscaling-group-launch-template (FSBP AutoScaling.9)', () => {
  it('a launch configuration fails; a template or a mixed-instances template passes', async () => {
    asg.on(DescribeAutoScalingGroupsCommand).resolves({
      AutoScalingGroups: [
        { AutoScalingGroupName: 'lc', LaunchConfigurationName: 'old' },
        { AutoScalingGroupName: 'lt', LaunchTemplate: { LaunchTemplateName: 'web', Version: '$Latest' } },
        {
          AutoScalingGroupName: 'mixed',
          MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateId: 'lt-1' } } },
        },
      ] as never,
    });
    expect(verdicts(await runCheck(groupLaunchTemplate))).toEqual({ lc: 'FAIL', lt: 'PASS', mixed: 'PASS' });
  });
});

describe('launch templates (FSBP EC2.25, EC2.170)', () => {
  it('reads every default version in one listing and judges public addresses and IMDSv2', async () => {
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
      LaunchTemplateVersions: [
        {
          LaunchTemplateId: 'lt-bad',
          VersionNumber: 3,
          LaunchTemplateData: {
            NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }],
            MetadataOptions: { HttpTokens: 'optional' },
          },
        },
        { LaunchTemplateId: 'lt-unset', VersionNumber: 1, LaunchTemplateData: {} },
        {
          LaunchTemplateId: 'lt-good',
          VersionNumber: 2,
          LaunchTemplateData: {
            NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: false }],
            MetadataOptions: { HttpTokens: 'required' },
          },
        },
      ],
    });
    const findings = await runAll([templateNoPublicIp, templateImdsv2]);
    const of = (check: string) => verdicts(findings.filter((f) => f.checkId === check));
    expect(of('ec2-launch-template-no-public-ip')).toEqual({ 'lt-bad': 'FAIL', 'lt-unset': 'PASS', 'lt-good': 'PASS' });
    expect(of('ec2-launch-template-imdsv2')).toEqual({ 'lt-bad': 'FAIL', 'lt-unset': 'FAIL', 'lt-good': 'PASS' });
    const calls = ec2.commandCalls(DescribeLaunchTemplateVersionsCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({ Versions: ['$Default'] });
    expect(calls[0]!.args[0].input.LaunchTemplateId).toBeUndefined();
  });
});
