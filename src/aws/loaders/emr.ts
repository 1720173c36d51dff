import type {
  BlockPublicAccessConfiguration,
  Cluster,
  ClusterSummary,
  Instance as EmrInstance,
  SecurityConfigurationSummary,
} from '@aws-sdk/client-emr';
import { MalformedResponse, requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const {
  EMRClient,
  DescribeClusterCommand,
  DescribeSecurityConfigurationCommand,
  GetBlockPublicAccessConfigurationCommand,
  paginateListClusters,
  paginateListInstances,
  paginateListSecurityConfigurations,
} = sdk<typeof import('@aws-sdk/client-emr')>('@aws-sdk/client-emr');

registerClient('emr', EMRClient);

/** The cluster states FSBP EMR.1 judges: clusters that exist and can be reached. */
export const ACTIVE_CLUSTER_STATES = ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING'] as const;

/** The region's active clusters (terminated ones stay listed for two months and hold no instances). */
export const activeClusters = defineLoader({
  id: 'emr.activeClusters',
  actions: ['elasticmapreduce:ListClusters'],
  async fetch({ aws }, region: string): Promise<ClusterSummary[]> {
    return listAll(
      'elasticmapreduce:ListClusters',
      'Clusters',
      'Marker',
      paginateListClusters({ client: aws.client('emr', region) }, { ClusterStates: [...ACTIVE_CLUSTER_STATES] }),
      (p) => p.Clusters,
    );
  },
});

export const cluster = defineLoader({
  id: 'emr.cluster',
  actions: ['elasticmapreduce:DescribeCluster'],
  async fetch({ aws }, region: string, clusterId: string): Promise<Cluster> {
    const out = await aws.client('emr', region).send(new DescribeClusterCommand({ ClusterId: clusterId }));
    return requireField(out.Cluster, 'Cluster', 'elasticmapreduce:DescribeCluster');
  },
});

/**
 * The primary ("master") node instances of a cluster. Instance groups and instance fleets
 * name the primary node differently, so the cluster's InstanceCollectionType picks the filter.
 */
export const primaryNodes = defineLoader({
  id: 'emr.primaryNodes',
  actions: ['elasticmapreduce:ListInstances'],
  async fetch({ aws }, region: string, clusterId: string, collection: 'INSTANCE_FLEET' | 'INSTANCE_GROUP'): Promise<EmrInstance[]> {
    return listAll(
      'elasticmapreduce:ListInstances',
      'Instances',
      'Marker',
      paginateListInstances(
        { client: aws.client('emr', region) },
        collection === 'INSTANCE_FLEET'
          ? { ClusterId: clusterId, InstanceFleetType: 'MASTER' }
          : { ClusterId: clusterId, InstanceGroupTypes: ['MASTER'] },
      ),
      (p) => p.Instances,
    );
  },
});

/** The account's EMR block public access configuration in the region. */
export const blockPublicAccess = defineLoader({
  id: 'emr.blockPublicAccess',
  actions: ['elasticmapreduce:GetBlockPublicAccessConfiguration'],
  async fetch({ aws }, region: string): Promise<BlockPublicAccessConfiguration> {
    const out = await aws.client('emr', region).send(new GetBlockPublicAccessConfigurationCommand({}));
    const config = requireField(
      out.BlockPublicAccessConfiguration,
      'BlockPublicAccessConfiguration',
      'elasticmapreduce:GetBlockPublicAccessConfiguration',
    );
    if (typeof config.BlockPublicSecurityGroupRules !== 'boolean') {
      throw new MalformedResponse('it held no BlockPublicSecurityGroupRules flag', 'elasticmapreduce:GetBlockPublicAccessConfiguration');
    }
    return config;
  },
});

export const securityConfigurations = defineLoader({
  id: 'emr.securityConfigurations',
  actions: ['elasticmapreduce:ListSecurityConfigurations'],
  async fetch({ aws }, region: string): Promise<SecurityConfigurationSummary[]> {
    return listAll(
      'elasticmapreduce:ListSecurityConfigurations',
      'SecurityConfigurations',
      'Marker',
      paginateListSecurityConfigurations({ client: aws.client('emr', region) }, {}),
      (p) => p.SecurityConfigurations,
    );
  },
});

/** A security configuration's JSON document, parsed; an unparseable one is an unusable answer. */
export const securityConfiguration = defineLoader({
  id: 'emr.securityConfiguration',
  actions: ['elasticmapreduce:DescribeSecurityConfiguration'],
  async fetch({ aws }, region: string, name: string): Promise<Record<string, unknown>> {
    const out = await aws.client('emr', region).send(new DescribeSecurityConfigurationCommand({ Name: name }));
    const text = requireField(out.SecurityConfiguration, 'SecurityConfiguration', 'elasticmapreduce:DescribeSecurityConfiguration');
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // reported below
    }
    throw new MalformedResponse(
      `its SecurityConfiguration for ${name} is not a JSON object`,
      'elasticmapreduce:DescribeSecurityConfiguration',
    );
  },
});
