/** The resources the EMR checks name. */
import { securityConfiguration, securityConfigurations } from '../../src/aws/loaders/emr.js';
import { arn, type CheckContext } from '../../src/engine/check.js';
import type { Resource } from '../../src/engine/types.js';

export function clusterResource(cluster: { Id?: string; Name?: string; ClusterArn?: string }): Resource {
  const resource: Resource = { id: cluster.Id ?? 'unknown', type: 'AWS::EMR::Cluster', arn: cluster.ClusterArn };
  if (cluster.Name) resource.name = cluster.Name;
  return resource;
}

export function securityConfigurationResource(name: string, ctx: { region: string; accountId: string; partition: string }): Resource {
  return {
    id: name,
    type: 'AWS::EMR::SecurityConfiguration',
    arn: arn(ctx.partition, 'elasticmapreduce', ctx.region, ctx.accountId, `security-configuration/${name}`),
  };
}

/** The EncryptionConfiguration block of a security configuration document. */
export function encryptionOf(doc: Record<string, unknown>): Record<string, unknown> {
  const block = doc.EncryptionConfiguration;
  return block && typeof block === 'object' ? (block as Record<string, unknown>) : {};
}

export const securityConfigurationLoaders = { securityConfigurations, securityConfiguration };

/**
 * EMR.3 and EMR.4: one verdict per security configuration on one flag of its encryption block.
 * An absent flag is the console's "off": the document records only what was chosen.
 */
export async function judgeEncryptionFlag(
  ctx: CheckContext<typeof securityConfigurationLoaders>,
  flag: 'EnableAtRestEncryption' | 'EnableInTransitEncryption',
  what: string,
): Promise<void> {
  for (const summary of await ctx.load.securityConfigurations(ctx.region)) {
    const name = summary.Name ?? 'unknown';
    const resource = securityConfigurationResource(name, ctx);
    try {
      const enabled = encryptionOf(await ctx.load.securityConfiguration(ctx.region, name))[flag];
      if (enabled === true) ctx.result.pass(resource, `${what} is enabled (${flag}).`);
      else
        ctx.result.fail(
          resource,
          `${what} is not enabled (${enabled === undefined ? `${flag} is not set` : `${flag} is ${String(enabled)}`}).`,
        );
    } catch (error) {
      ctx.result.error(resource, error);
    }
  }
}
