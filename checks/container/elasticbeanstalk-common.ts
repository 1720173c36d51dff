/**
 * What the Elastic Beanstalk checks share: the environment as a resource, and the shape of a
 * check that reads one option setting of each environment.
 */
import type { EnvironmentDescription } from '@aws-sdk/client-elastic-beanstalk';
import { environments, environmentSettings, optionValue } from '../../src/aws/loaders/elasticbeanstalk.js';
import type { CheckContext } from '../../src/engine/check.js';
import type { Resource } from '../../src/engine/types.js';

export const settingsLoaders = { environments, environmentSettings };

export function environmentResource(env: EnvironmentDescription): Resource {
  const resource: Resource = { id: env.EnvironmentId ?? 'unknown', type: 'AWS::ElasticBeanstalk::Environment', arn: env.EnvironmentArn };
  if (env.EnvironmentName) resource.name = env.EnvironmentName;
  return resource;
}

/** Judges each environment's option settings: `judge` returns the verdict and its words. */
export async function forEachEnvironmentSettings(
  ctx: CheckContext<typeof settingsLoaders>,
  judge: (value: (namespace: string, option: string) => string | undefined) => { pass: boolean; message: string },
): Promise<void> {
  for (const env of await ctx.load.environments(ctx.region)) {
    const resource = environmentResource(env);
    try {
      const settings = await ctx.load.environmentSettings(ctx.region, env.ApplicationName ?? '', env.EnvironmentName ?? '');
      const verdict = judge((namespace, option) => optionValue(settings, namespace, option));
      if (verdict.pass) ctx.result.pass(resource, verdict.message);
      else ctx.result.fail(resource, verdict.message);
    } catch (error) {
      ctx.result.error(resource, error);
    }
  }
}
