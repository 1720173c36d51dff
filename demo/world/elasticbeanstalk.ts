/** Elastic Beanstalk in the demo account (issue 16): a well-kept environment and a neglected one on a retired platform. */
import type { ConfigurationOptionSetting, EnvironmentDescription } from '@aws-sdk/client-elastic-beanstalk';
import { awsError, byRegion, DEMO_ACCOUNT, type Handlers } from './types.js';

interface DemoEnvironment {
  env: EnvironmentDescription;
  settings: ConfigurationOptionSetting[];
}

const opt = (Namespace: string, OptionName: string, Value: string): ConfigurationOptionSetting => ({ Namespace, OptionName, Value });
const PLATFORMS: Record<string, { branch: string; state: string }> = {
  'arn:aws:elasticbeanstalk:us-east-1::platform/Node.js 20 running on 64bit Amazon Linux 2023/6.2.0': {
    branch: 'Node.js 20 running on 64bit Amazon Linux 2023',
    state: 'Supported',
  },
  'arn:aws:elasticbeanstalk:eu-west-1::platform/PHP 7.4 running on 64bit Amazon Linux 2/3.3.11': {
    branch: 'PHP 7.4 running on 64bit Amazon Linux 2',
    state: 'Retired',
  },
};

const environment = (
  region: string,
  id: string,
  app: string,
  name: string,
  platform: string,
  settings: ConfigurationOptionSetting[],
): DemoEnvironment => ({
  env: {
    EnvironmentId: id,
    EnvironmentName: name,
    ApplicationName: app,
    EnvironmentArn: `arn:aws:elasticbeanstalk:${region}:${DEMO_ACCOUNT}:environment/${app}/${name}`,
    PlatformArn: platform,
    SolutionStackName: PLATFORMS[platform]!.branch,
    Status: 'Ready',
    Health: 'Green',
  },
  settings,
});

const environments: Partial<Record<string, DemoEnvironment[]>> = {
  'us-east-1': [
    environment(
      'us-east-1',
      'e-demo000001',
      'shop',
      'shop-prod',
      'arn:aws:elasticbeanstalk:us-east-1::platform/Node.js 20 running on 64bit Amazon Linux 2023/6.2.0',
      [
        opt('aws:elasticbeanstalk:healthreporting:system', 'SystemType', 'enhanced'),
        opt('aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled', 'true'),
        opt('aws:elasticbeanstalk:managedactions', 'PreferredStartTime', 'Sun:02:00'),
        opt('aws:elasticbeanstalk:managedactions:platformupdate', 'UpdateLevel', 'minor'),
        opt('aws:elasticbeanstalk:cloudwatch:logs', 'StreamLogs', 'true'),
        opt('aws:elasticbeanstalk:cloudwatch:logs', 'RetentionInDays', '90'),
      ],
    ),
  ],
  'eu-west-1': [
    environment(
      'eu-west-1',
      'e-demo000002',
      'api',
      'eu-legacy-api',
      'arn:aws:elasticbeanstalk:eu-west-1::platform/PHP 7.4 running on 64bit Amazon Linux 2/3.3.11',
      [
        opt('aws:elasticbeanstalk:healthreporting:system', 'SystemType', 'basic'),
        opt('aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled', 'false'),
        opt('aws:elasticbeanstalk:cloudwatch:logs', 'StreamLogs', 'false'),
      ],
    ),
  ],
};

export const elasticbeanstalkHandlers: Handlers = {
  DescribeEnvironments: (region) => ({ Environments: byRegion(environments, region).map((e) => e.env) }),
  DescribeConfigurationSettings: (region, input) => {
    const e = byRegion(environments, region).find((x) => x.env.EnvironmentName === input.EnvironmentName);
    if (!e) throw awsError('InvalidParameterValue', `No Environment found for EnvironmentName = '${String(input.EnvironmentName)}'.`);
    return {
      ConfigurationSettings: [
        { ApplicationName: e.env.ApplicationName, EnvironmentName: e.env.EnvironmentName, OptionSettings: e.settings },
      ],
    };
  },
  DescribePlatformVersion: (_region, input) => {
    const p = PLATFORMS[String(input.PlatformArn)];
    if (!p) throw awsError('InvalidParameterValue', `No platform found for ${String(input.PlatformArn)}.`);
    return {
      PlatformDescription: {
        PlatformArn: input.PlatformArn,
        PlatformOwner: 'AWSElasticBeanstalk',
        PlatformBranchName: p.branch,
        PlatformBranchLifecycleState: p.state,
        PlatformStatus: 'Ready',
      },
    };
  },
};
