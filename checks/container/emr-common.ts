/** The resources the EMR checks name. */
import { arn } from '../../src/engine/check.js';
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
