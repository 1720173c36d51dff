/** EMR in the demo account (issue 16): a cluster with a public primary node, one without, block public access with a stray exception, two security configurations. */
import { awsError, byRegion, daysAgo, DEMO_ACCOUNT, type Handlers } from './types.js';

interface DemoCluster {
  id: string;
  name: string;
  collection: 'INSTANCE_GROUP' | 'INSTANCE_FLEET';
  primaryPublicIp?: string;
}

const clusters: Partial<Record<string, DemoCluster[]>> = {
  'us-east-1': [{ id: 'j-1DEMOANALYTICS', name: 'analytics', collection: 'INSTANCE_GROUP', primaryPublicIp: '3.80.1.2' }],
  'eu-west-1': [{ id: 'j-2DEMOEUETL', name: 'eu-etl', collection: 'INSTANCE_FLEET' }],
};

/** us-east-1 allows 8080-8090 besides 22 (EMR.2 fails); eu-west-1 keeps the default exception, port 22, alone. */
const blockPublicAccess: Record<string, object> = {
  'us-east-1': {
    BlockPublicSecurityGroupRules: true,
    PermittedPublicSecurityGroupRuleRanges: [
      { MinRange: 22, MaxRange: 22 },
      { MinRange: 8080, MaxRange: 8090 },
    ],
  },
  'eu-west-1': { BlockPublicSecurityGroupRules: true, PermittedPublicSecurityGroupRuleRanges: [{ MinRange: 22, MaxRange: 22 }] },
};

const securityConfigurations: Partial<Record<string, Array<{ name: string; doc: object }>>> = {
  'us-east-1': [
    {
      name: 'analytics-secure',
      doc: {
        EncryptionConfiguration: {
          EnableAtRestEncryption: true,
          EnableInTransitEncryption: true,
          AtRestEncryptionConfiguration: { S3EncryptionConfiguration: { EncryptionMode: 'SSE-S3' } },
          InTransitEncryptionConfiguration: {
            TLSCertificateConfiguration: { CertificateProviderType: 'PEM', S3Object: 's3://certs/emr.zip' },
          },
        },
      },
    },
    { name: 'legacy-plain', doc: { EncryptionConfiguration: { EnableAtRestEncryption: false, EnableInTransitEncryption: false } } },
  ],
};

const find = (region: string, id: unknown) => {
  const c = byRegion(clusters, region).find((x) => x.id === id);
  if (!c) throw awsError('InvalidRequestException', `Cluster id '${String(id)}' is not valid.`);
  return c;
};

export const emrHandlers: Handlers = {
  ListClusters: (region) => ({
    Clusters: byRegion(clusters, region).map((c) => ({
      Id: c.id,
      Name: c.name,
      Status: { State: 'WAITING' },
      ClusterArn: `arn:aws:elasticmapreduce:${region}:${DEMO_ACCOUNT}:cluster/${c.id}`,
    })),
  }),
  DescribeCluster: (region, input) => {
    const c = find(region, input.ClusterId);
    return {
      Cluster: {
        Id: c.id,
        Name: c.name,
        Status: { State: 'WAITING' },
        InstanceCollectionType: c.collection,
        ClusterArn: `arn:aws:elasticmapreduce:${region}:${DEMO_ACCOUNT}:cluster/${c.id}`,
        ReleaseLabel: 'emr-7.2.0',
      },
    };
  },
  ListInstances: (region, input) => {
    const c = find(region, input.ClusterId);
    const asked =
      c.collection === 'INSTANCE_FLEET'
        ? input.InstanceFleetType === 'MASTER'
        : (input.InstanceGroupTypes as string[] | undefined)?.includes('MASTER');
    if (!asked) return { Instances: [] };
    return {
      Instances: [
        {
          Id: `ci-${c.id.slice(2)}`,
          Ec2InstanceId: `i-0emr${c.id.slice(2, 12).toLowerCase()}`,
          PrivateIpAddress: '10.0.5.10',
          ...(c.primaryPublicIp
            ? { PublicIpAddress: c.primaryPublicIp, PublicDnsName: `ec2-${c.primaryPublicIp.replace(/\./g, '-')}.compute-1.amazonaws.com` }
            : {}),
          Status: { State: 'RUNNING' },
        },
      ],
    };
  },
  GetBlockPublicAccessConfiguration: (region) => ({
    BlockPublicAccessConfiguration: blockPublicAccess[region],
    BlockPublicAccessConfigurationMetadata: { CreationDateTime: daysAgo(300), CreatedByArn: `arn:aws:iam::${DEMO_ACCOUNT}:root` },
  }),
  ListSecurityConfigurations: (region) => ({
    SecurityConfigurations: byRegion(securityConfigurations, region).map((s) => ({ Name: s.name, CreationDateTime: daysAgo(100) })),
  }),
  DescribeSecurityConfiguration: (region, input) => {
    const s = byRegion(securityConfigurations, region).find((x) => x.name === input.Name);
    if (!s) throw awsError('InvalidRequestException', `Security configuration '${String(input.Name)}' does not exist.`);
    return { Name: s.name, SecurityConfiguration: JSON.stringify(s.doc), CreationDateTime: daysAgo(100) };
  },
};
