import type {
  ConfigurationOptionSetting,
  DescribeEnvironmentsCommandOutput,
  EnvironmentDescription,
  PlatformDescription,
} from '@aws-sdk/client-elastic-beanstalk';
import { MalformedResponse, requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { ElasticBeanstalkClient, DescribeConfigurationSettingsCommand, DescribeEnvironmentsCommand, DescribePlatformVersionCommand } =
  sdk<typeof import('@aws-sdk/client-elastic-beanstalk')>('@aws-sdk/client-elastic-beanstalk');

registerClient('elasticbeanstalk', ElasticBeanstalkClient);

/** The region's environments that are not terminated (DescribeEnvironments has no SDK paginator; NextToken is followed here). */
export const environments = defineLoader({
  id: 'elasticbeanstalk.environments',
  actions: ['elasticbeanstalk:DescribeEnvironments'],
  async fetch({ aws }, region: string): Promise<EnvironmentDescription[]> {
    const client = aws.client('elasticbeanstalk', region);
    async function* pages(): AsyncGenerator<DescribeEnvironmentsCommandOutput> {
      let token: string | undefined;
      do {
        const page = await client.send(new DescribeEnvironmentsCommand({ IncludeDeleted: false, MaxRecords: 1000, NextToken: token }));
        yield page;
        token = page.NextToken;
      } while (token);
    }
    const all = await listAll('elasticbeanstalk:DescribeEnvironments', 'Environments', 'NextToken', pages(), (p) => p.Environments);
    return all.filter((e) => e.Status !== 'Terminated' && e.Status !== 'Terminating');
  },
});

/** The option settings an environment runs with (namespace, option name, value). */
export const environmentSettings = defineLoader({
  id: 'elasticbeanstalk.environmentSettings',
  actions: ['elasticbeanstalk:DescribeConfigurationSettings'],
  async fetch({ aws }, region: string, application: string, environment: string): Promise<ConfigurationOptionSetting[]> {
    const out = await aws
      .client('elasticbeanstalk', region)
      .send(new DescribeConfigurationSettingsCommand({ ApplicationName: application, EnvironmentName: environment }));
    const settings = out.ConfigurationSettings?.[0]?.OptionSettings;
    if (!Array.isArray(settings)) {
      throw new MalformedResponse(
        `it held no OptionSettings for environment ${environment}`,
        'elasticbeanstalk:DescribeConfigurationSettings',
      );
    }
    return settings;
  },
});

/** A platform version with its branch's lifecycle state (Beta, Supported, Deprecated, Retired). */
export const platformVersion = defineLoader({
  id: 'elasticbeanstalk.platformVersion',
  actions: ['elasticbeanstalk:DescribePlatformVersion'],
  async fetch({ aws }, region: string, platformArn: string): Promise<PlatformDescription> {
    const out = await aws.client('elasticbeanstalk', region).send(new DescribePlatformVersionCommand({ PlatformArn: platformArn }));
    return requireField(out.PlatformDescription, 'PlatformDescription', 'elasticbeanstalk:DescribePlatformVersion');
  },
});

/** One option's value, or undefined when the environment's settings do not carry it. */
export function optionValue(settings: readonly ConfigurationOptionSetting[], namespace: string, option: string): string | undefined {
  return settings.find((s) => s.Namespace === namespace && s.OptionName === option)?.Value;
}
