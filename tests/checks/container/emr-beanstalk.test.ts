import {
  DescribeConfigurationSettingsCommand,
  DescribeEnvironmentsCommand,
  DescribePlatformVersionCommand,
  ElasticBeanstalkClient,
  type ConfigurationOptionSetting,
} from '@aws-sdk/client-elastic-beanstalk';
import {
  DescribeClusterCommand,
  DescribeSecurityConfigurationCommand,
  EMRClient,
  GetBlockPublicAccessConfigurationCommand,
  ListClustersCommand,
  ListInstancesCommand,
  ListSecurityConfigurationsCommand,
} from '@aws-sdk/client-emr';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import logs from '../../../checks/container/elasticbeanstalk-cloudwatch-logs.js';
import health from '../../../checks/container/elasticbeanstalk-enhanced-health.js';
import updates from '../../../checks/container/elasticbeanstalk-managed-updates.js';
import platform from '../../../checks/container/elasticbeanstalk-platform-supported.js';
import bpa from '../../../checks/container/emr-block-public-access.js';
import primaryNode from '../../../checks/container/emr-primary-node-no-public-ip.js';
import atRest from '../../../checks/container/emr-security-configuration-encryption-at-rest.js';
import inTransit from '../../../checks/container/emr-security-configuration-encryption-in-transit.js';
import { awsError, findingFor, runAll, runCheck, verdicts } from '../../helpers/check-tester.js';

const emr = mockClient(EMRClient);
const eb = mockClient(ElasticBeanstalkClient);
beforeEach(() => {
  emr.reset();
  eb.reset();
});

describe('emr-primary-node-no-public-ip (FSBP EMR.1)', () => {
  it('asks for the primary node the way each collection type names it', async () => {
    emr.on(ListClustersCommand).resolves({
      Clusters: [
        { Id: 'j-GROUP', Name: 'g' },
        { Id: 'j-FLEET', Name: 'f' },
      ],
    });
    emr
      .on(DescribeClusterCommand, { ClusterId: 'j-GROUP' })
      .resolves({ Cluster: { Id: 'j-GROUP', InstanceCollectionType: 'INSTANCE_GROUP' } as never });
    emr
      .on(DescribeClusterCommand, { ClusterId: 'j-FLEET' })
      .resolves({ Cluster: { Id: 'j-FLEET', InstanceCollectionType: 'INSTANCE_FLEET' } as never });
    emr
      .on(ListInstancesCommand, { ClusterId: 'j-GROUP', InstanceGroupTypes: ['MASTER'] })
      .resolves({ Instances: [{ PublicIpAddress: '3.3.3.3' }] });
    emr
      .on(ListInstancesCommand, { ClusterId: 'j-FLEET', InstanceFleetType: 'MASTER' })
      .resolves({ Instances: [{ PrivateIpAddress: '10.0.0.1' }] });
    const findings = await runCheck(primaryNode);
    expect(verdicts(findings)).toEqual({ 'j-GROUP': 'FAIL', 'j-FLEET': 'PASS' });
    expect(findingFor(findings, 'j-GROUP').message).toContain('3.3.3.3');
    expect(emr.commandCalls(ListClustersCommand)[0]!.args[0].input.ClusterStates).toEqual([
      'STARTING',
      'BOOTSTRAPPING',
      'RUNNING',
      'WAITING',
    ]);
  });
});

describe('emr-block-public-access (FSBP EMR.2)', () => {
  it.each([
    [{ BlockPublicSecurityGroupRules: false }, 'FAIL', 'off'],
    [{ BlockPublicSecurityGroupRules: true }, 'PASS', 'no exception'],
    [
      { BlockPublicSecurityGroupRules: true, PermittedPublicSecurityGroupRuleRanges: [{ MinRange: 22, MaxRange: 22 }] },
      'PASS',
      'port 22 only',
    ],
    [
      {
        BlockPublicSecurityGroupRules: true,
        PermittedPublicSecurityGroupRuleRanges: [{ MinRange: 22 }, { MinRange: 8080, MaxRange: 8090 }],
      },
      'FAIL',
      '8080-8090',
    ],
    [{ BlockPublicSecurityGroupRules: true, PermittedPublicSecurityGroupRuleRanges: [{ MinRange: 20, MaxRange: 25 }] }, 'FAIL', '20-25'],
  ])('%j → %s', async (config, status, words) => {
    emr.on(GetBlockPublicAccessConfigurationCommand).resolves({ BlockPublicAccessConfiguration: config as never });
    const [f] = await runCheck(bpa);
    expect(f?.status).toBe(status);
    expect(f?.message).toContain(words);
  });
  it('an answer without the flag is an ERROR', async () => {
    emr.on(GetBlockPublicAccessConfigurationCommand).resolves({ BlockPublicAccessConfiguration: {} as never });
    expect((await runCheck(bpa))[0]?.status).toBe('ERROR');
  });
});

describe('EMR security configurations (FSBP EMR.3, EMR.4)', () => {
  it('reads each configuration document once for both checks', async () => {
    emr
      .on(ListSecurityConfigurationsCommand)
      .resolves({ SecurityConfigurations: [{ Name: 'both' }, { Name: 'rest-only' }, { Name: 'auth-only' }, { Name: 'broken' }] });
    const doc = (enc: object | undefined) => JSON.stringify(enc ? { EncryptionConfiguration: enc } : { AuthenticationConfiguration: {} });
    emr
      .on(DescribeSecurityConfigurationCommand, { Name: 'both' })
      .resolves({ SecurityConfiguration: doc({ EnableAtRestEncryption: true, EnableInTransitEncryption: true }) });
    emr
      .on(DescribeSecurityConfigurationCommand, { Name: 'rest-only' })
      .resolves({ SecurityConfiguration: doc({ EnableAtRestEncryption: true, EnableInTransitEncryption: false }) });
    emr.on(DescribeSecurityConfigurationCommand, { Name: 'auth-only' }).resolves({ SecurityConfiguration: doc(undefined) });
    emr.on(DescribeSecurityConfigurationCommand, { Name: 'broken' }).resolves({ SecurityConfiguration: '<html>' });
    const findings = await runAll([atRest, inTransit]);
    const of = (id: string) => verdicts(findings.filter((f) => f.checkId === id));
    expect(of('emr-security-configuration-encryption-at-rest')).toEqual({
      both: 'PASS',
      'rest-only': 'PASS',
      'auth-only': 'FAIL',
      broken: 'ERROR',
    });
    expect(of('emr-security-configuration-encryption-in-transit')).toEqual({
      both: 'PASS',
      'rest-only': 'FAIL',
      'auth-only': 'FAIL',
      broken: 'ERROR',
    });
    expect(emr.commandCalls(DescribeSecurityConfigurationCommand)).toHaveLength(4);
  });
});

describe('Elastic Beanstalk (FSBP ElasticBeanstalk.1/.2/.3, platform lifecycle)', () => {
  const opt = (Namespace: string, OptionName: string, Value: string): ConfigurationOptionSetting => ({ Namespace, OptionName, Value });
  beforeEach(() => {
    eb.on(DescribeEnvironmentsCommand).resolves({
      Environments: [
        { EnvironmentId: 'e-good', EnvironmentName: 'good', ApplicationName: 'app', PlatformArn: 'arn:p/supported', Status: 'Ready' },
        { EnvironmentId: 'e-bad', EnvironmentName: 'bad', ApplicationName: 'app', PlatformArn: 'arn:p/retired', Status: 'Ready' },
        { EnvironmentId: 'e-old', EnvironmentName: 'old', ApplicationName: 'app', PlatformArn: 'arn:p/deprecated', Status: 'Terminated' },
      ],
    });
    eb.on(DescribeConfigurationSettingsCommand, { EnvironmentName: 'good' }).resolves({
      ConfigurationSettings: [
        {
          OptionSettings: [
            opt('aws:elasticbeanstalk:healthreporting:system', 'SystemType', 'enhanced'),
            opt('aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled', 'true'),
            opt('aws:elasticbeanstalk:cloudwatch:logs', 'StreamLogs', 'true'),
          ],
        },
      ],
    });
    eb.on(DescribeConfigurationSettingsCommand, { EnvironmentName: 'bad' }).resolves({
      ConfigurationSettings: [{ OptionSettings: [opt('aws:elasticbeanstalk:healthreporting:system', 'SystemType', 'basic')] }],
    });
    eb.on(DescribePlatformVersionCommand, { PlatformArn: 'arn:p/supported' }).resolves({
      PlatformDescription: { PlatformBranchLifecycleState: 'Supported', PlatformOwner: 'AWSElasticBeanstalk' },
    });
    eb.on(DescribePlatformVersionCommand, { PlatformArn: 'arn:p/retired' }).resolves({
      PlatformDescription: { PlatformBranchLifecycleState: 'Retired', PlatformOwner: 'AWSElasticBeanstalk', PlatformBranchName: 'PHP 7.4' },
    });
  });
  it('judges each live environment once per option, from one settings read each', async () => {
    const findings = await runAll([health, updates, logs, platform]);
    for (const id of [
      'elasticbeanstalk-enhanced-health',
      'elasticbeanstalk-managed-updates',
      'elasticbeanstalk-cloudwatch-logs',
      'elasticbeanstalk-platform-supported',
    ]) {
      expect(verdicts(findings.filter((f) => f.checkId === id)), id).toEqual({ 'e-good': 'PASS', 'e-bad': 'FAIL' });
    }
    expect(eb.commandCalls(DescribeConfigurationSettingsCommand)).toHaveLength(2);
    expect(findings.find((f) => f.checkId === 'elasticbeanstalk-managed-updates' && f.resource.id === 'e-bad')?.message).toContain(
      'not set',
    );
  });
  it('an AWS platform without a lifecycle state is an ERROR; a failed settings read is an ERROR for that environment', async () => {
    eb.on(DescribePlatformVersionCommand, { PlatformArn: 'arn:p/retired' }).resolves({
      PlatformDescription: { PlatformOwner: 'AWSElasticBeanstalk' },
    });
    eb.on(DescribeConfigurationSettingsCommand, { EnvironmentName: 'bad' }).rejects(awsError('AccessDenied', 'no', 403));
    const findings = await runAll([platform, logs]);
    expect(findings.filter((f) => f.resource.id === 'e-bad').map((f) => f.status)).toEqual(['ERROR', 'ERROR']);
  });
});
