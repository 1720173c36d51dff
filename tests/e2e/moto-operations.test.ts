/**
 * End to end against moto 5.2 (issue 16): the customer duties of operations — SSM documents,
 * Auto Scaling launch configurations and groups, launch templates, EMR clusters, block public
 * access and security configurations, Elastic Beanstalk environments, instance profiles and
 * images — seeded on a loopback moto server and scanned by the real binary. Where moto
 * answers, the verdicts come from its answers; where it lacks a call, the check's ERROR names
 * that call (never a crash, never a PASS). Skipped where moto is not installed.
 */
import { AutoScalingClient, CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, DescribeImagesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateApplicationCommand, CreateEnvironmentCommand, ElasticBeanstalkClient } from '@aws-sdk/client-elastic-beanstalk';
import {
  CreateSecurityConfigurationCommand,
  EMRClient,
  PutBlockPublicAccessConfigurationCommand,
  RunJobFlowCommand,
} from '@aws-sdk/client-emr';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateDocumentCommand, ModifyDocumentPermissionCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/report/model.js';
import { MOTO_AVAILABLE, scanMoto, startMoto, verdictOf, type MotoServer } from '../helpers/moto.js';

const CHECKS = [
  'ssm-instance-managed',
  'ssm-patch-compliant',
  'ssm-association-compliant',
  'ssm-document-not-public',
  'ssm-public-sharing-blocked',
  'ec2-instance-ami-not-stale',
  'ec2-stopped-instance-removed',
  'ec2-instance-profile-attached',
  'autoscaling-launch-config-imdsv2',
  'autoscaling-launch-config-no-public-ip',
  'autoscaling-group-launch-template',
  'ec2-launch-template-no-public-ip',
  'ec2-launch-template-imdsv2',
  'emr-primary-node-no-public-ip',
  'emr-block-public-access',
  'emr-security-configuration-encryption-at-rest',
  'emr-security-configuration-encryption-in-transit',
  'elasticbeanstalk-enhanced-health',
  'elasticbeanstalk-managed-updates',
  'elasticbeanstalk-cloudwatch-logs',
  'elasticbeanstalk-platform-supported',
  'account-security-contact',
  'account-contact-details',
  'iam-access-advisor-unused-services',
  'iam-role-unused',
  'macie-enabled',
  'trusted-advisor-security',
];

describe.skipIf(!MOTO_AVAILABLE)('a scan of moto for the operations duties (SSM, Auto Scaling, EMR, Beanstalk)', () => {
  let moto: MotoServer | undefined;
  let report: ReportDocument;

  beforeAll(async () => {
    moto = await startMoto();
    const config = moto.config;
    const ec2 = new EC2Client(config);
    const image = (await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }))).Images![0]!.ImageId!;
    await ec2.send(new RunInstancesCommand({ ImageId: image, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }));
    await ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'public-web',
        LaunchTemplateData: { ImageId: image, NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }] },
      }),
    );

    const ssm = new SSMClient(config);
    const content = JSON.stringify({
      schemaVersion: '2.2',
      description: 'x',
      mainSteps: [{ action: 'aws:runShellScript', name: 'x', inputs: { runCommand: ['true'] } }],
    });
    await ssm.send(new CreateDocumentCommand({ Name: 'shared-everywhere', Content: content, DocumentType: 'Command' }));
    await ssm.send(new ModifyDocumentPermissionCommand({ Name: 'shared-everywhere', PermissionType: 'Share', AccountIdsToAdd: ['all'] }));
    await ssm.send(new CreateDocumentCommand({ Name: 'kept-private', Content: content, DocumentType: 'Command' }));

    const asg = new AutoScalingClient(config);
    await asg.send(
      new CreateLaunchConfigurationCommand({
        LaunchConfigurationName: 'legacy-lc',
        ImageId: image,
        InstanceType: 't3.micro',
        AssociatePublicIpAddress: true,
      }),
    );
    await asg.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'legacy-asg',
        LaunchConfigurationName: 'legacy-lc',
        MinSize: 0,
        MaxSize: 1,
        AvailabilityZones: ['us-east-1a'],
      }),
    );

    const emr = new EMRClient(config);
    await emr.send(
      new RunJobFlowCommand({
        Name: 'analytics',
        ReleaseLabel: 'emr-7.2.0',
        Instances: { MasterInstanceType: 'm5.xlarge', SlaveInstanceType: 'm5.xlarge', InstanceCount: 1, KeepJobFlowAliveWhenNoSteps: true },
        JobFlowRole: 'EMR_EC2_DefaultRole',
        ServiceRole: 'EMR_DefaultRole',
      }),
    );
    await emr.send(
      new PutBlockPublicAccessConfigurationCommand({
        BlockPublicAccessConfiguration: {
          BlockPublicSecurityGroupRules: true,
          PermittedPublicSecurityGroupRuleRanges: [{ MinRange: 22, MaxRange: 22 }, { MinRange: 8080 }],
        },
      }),
    );
    await emr.send(
      new CreateSecurityConfigurationCommand({
        Name: 'plain',
        SecurityConfiguration: JSON.stringify({
          EncryptionConfiguration: { EnableAtRestEncryption: false, EnableInTransitEncryption: true },
        }),
      }),
    );

    const eb = new ElasticBeanstalkClient(config);
    await eb.send(new CreateApplicationCommand({ ApplicationName: 'shop' }));
    await eb.send(
      new CreateEnvironmentCommand({
        ApplicationName: 'shop',
        EnvironmentName: 'shop-prod',
        SolutionStackName: '64bit Amazon Linux 2023 v6.2.0 running Node.js 20',
      }),
    );
    const iam = new IAMClient(config);
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'app-role',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    for (const client of [ec2, ssm, asg, emr, eb, iam]) client.destroy();

    report = scanMoto(moto, ['--regions', 'us-east-1', '--checks', CHECKS.join(',')]).report;
  }, 180_000);

  afterAll(() => {
    moto?.stop();
  });

  const verdict = (checkId: string, resourceName: string) => verdictOf(report, checkId, resourceName);
  const only = (checkId: string) => report.findings.filter((f) => f.checkId === checkId);
  const errorOf = (checkId: string) => {
    const found = only(checkId);
    expect(
      found.map((f) => f.status),
      checkId,
    ).toEqual(['ERROR']);
    return found[0]!.message;
  };

  it('judges what moto answers: documents, launch configurations, groups, templates, instances, EMR block public access, contacts', () => {
    expect(verdict('ssm-document-not-public', 'shared-everywhere')).toBe('FAIL');
    expect(verdict('ssm-document-not-public', 'kept-private')).toBe('PASS');
    expect(verdict('autoscaling-launch-config-no-public-ip', 'legacy-lc')).toBe('FAIL');
    expect(verdict('autoscaling-launch-config-imdsv2', 'legacy-lc')).toBe('FAIL');
    expect(verdict('autoscaling-group-launch-template', 'legacy-asg')).toBe('FAIL');
    expect(verdict('ec2-launch-template-no-public-ip', 'public-web')).toBe('FAIL');
    expect(verdict('ec2-launch-template-imdsv2', 'public-web')).toBe('FAIL');
    expect(only('ec2-instance-profile-attached').map((f) => f.status)).toEqual(['FAIL']);
    // moto dates its AMIs today: a fresh image.
    expect(only('ec2-instance-ami-not-stale').map((f) => f.status)).toEqual(['PASS']);
    expect(only('ec2-stopped-instance-removed').map((f) => f.status)).toEqual(['PASS']);
    expect(only('emr-block-public-access').map((f) => f.message)).toEqual([
      'Block public access is on in us-east-1, but its exceptions also open 8080 to the internet.',
    ]);
    // moto implements GetAlternateContact: no security contact is its ResourceNotFoundException.
    expect(only('account-security-contact').map((f) => f.status)).toEqual(['FAIL']);
    // A role created today is too new to judge, for Access Advisor and for RoleLastUsed alike.
    expect(verdict('iam-access-advisor-unused-services', 'app-role')).toBe('PASS');
    expect(verdict('iam-role-unused', 'app-role')).toBe('PASS');
  });

  it('pins the ERROR path of each call moto 5.2 lacks or answers unusably', () => {
    for (const [checkId, call] of [
      ['ssm-instance-managed', 'ssm:DescribeInstanceInformation'],
      ['ssm-patch-compliant', 'ssm:ListResourceComplianceSummaries'],
      ['ssm-association-compliant', 'ssm:ListResourceComplianceSummaries'],
      ['ssm-public-sharing-blocked', 'ssm:GetServiceSetting'],
      ['emr-security-configuration-encryption-at-rest', 'elasticmapreduce:ListSecurityConfigurations'],
      ['emr-security-configuration-encryption-in-transit', 'elasticmapreduce:ListSecurityConfigurations'],
      // moto's WAITING cluster lists no primary node: an unusable answer, not a cluster without public addresses.
      ['emr-primary-node-no-public-ip', 'elasticmapreduce:ListInstances'],
      ['elasticbeanstalk-enhanced-health', 'elasticbeanstalk:DescribeConfigurationSettings'],
      ['elasticbeanstalk-managed-updates', 'elasticbeanstalk:DescribeConfigurationSettings'],
      ['elasticbeanstalk-cloudwatch-logs', 'elasticbeanstalk:DescribeConfigurationSettings'],
      ['elasticbeanstalk-platform-supported', 'elasticbeanstalk:DescribePlatformVersion'],
      ['account-contact-details', 'account:GetContactInformation'],
      ['macie-enabled', 'macie2:GetMacieSession'],
      ['trusted-advisor-security', 'support:DescribeTrustedAdvisorCheckSummaries'],
    ] as const) {
      expect(errorOf(checkId), checkId).toContain(call);
    }
  });

  it('every call moto lacks is an ERROR naming the call, never a crash or a PASS', () => {
    for (const f of report.findings.filter((x) => x.status === 'ERROR')) {
      expect(f.message).not.toMatch(/internal error/);
      expect(f.message).toMatch(/[a-z0-9-]+:[A-Za-z]+/);
    }
  });
});
