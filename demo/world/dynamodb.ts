import type { Cluster } from '@aws-sdk/client-dax';
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { doc, PARTNER_ACCOUNT, STRANGER_ACCOUNT } from './policies.js';
import { awsError, byRegion, DEMO_ACCOUNT, type Handlers } from './types.js';
import { CUSTOMER_KEY, AWS_DYNAMODB_KEY } from './kms.js';

interface DemoTable {
  table: TableDescription;
  pitr: boolean;
  policy?: string;
}

const tableArn = (region: string, name: string) => `arn:aws:dynamodb:${region}:${DEMO_ACCOUNT}:table/${name}`;
const table = (region: string, name: string, fields: Partial<TableDescription>, pitr: boolean, policy?: string): DemoTable => ({
  table: { TableName: name, TableArn: tableArn(region, name), TableStatus: 'ACTIVE', DeletionProtectionEnabled: true, ...fields },
  pitr,
  policy,
});

const tables: Partial<Record<string, DemoTable[]>> = {
  'us-east-1': [
    table(
      'us-east-1',
      'orders',
      { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: CUSTOMER_KEY('us-east-1') } },
      true,
      // Read access for the trusted partner's reporting role: inside the zone of trust.
      doc({
        Sid: 'PartnerReporting',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:role/reporting` },
        Action: ['dynamodb:GetItem', 'dynamodb:Query'],
        Resource: tableArn('us-east-1', 'orders'),
      }),
    ),
    table('us-east-1', 'sessions', { DeletionProtectionEnabled: false }, false),
  ],
  'eu-west-1': [
    table(
      'eu-west-1',
      'eu-customers',
      { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: AWS_DYNAMODB_KEY('eu-west-1') } },
      true,
      doc(
        { Sid: 'AnyoneRead', Effect: 'Allow', Principal: '*', Action: 'dynamodb:GetItem', Resource: tableArn('eu-west-1', 'eu-customers') },
        {
          Sid: 'StrangerWrite',
          Effect: 'Allow',
          Principal: { AWS: STRANGER_ACCOUNT },
          Action: 'dynamodb:PutItem',
          Resource: tableArn('eu-west-1', 'eu-customers'),
        },
      ),
    ),
  ],
};

const clusters: Partial<Record<string, Cluster[]>> = {
  'us-east-1': [
    {
      ClusterName: 'orders-cache',
      ClusterArn: `arn:aws:dax:us-east-1:${DEMO_ACCOUNT}:cache/orders-cache`,
      Status: 'available',
      SSEDescription: { Status: 'ENABLED' },
      ClusterEndpointEncryptionType: 'TLS',
    },
  ],
  'eu-west-1': [
    {
      ClusterName: 'eu-legacy-cache',
      ClusterArn: `arn:aws:dax:eu-west-1:${DEMO_ACCOUNT}:cache/eu-legacy-cache`,
      Status: 'available',
      SSEDescription: { Status: 'DISABLED' },
      ClusterEndpointEncryptionType: 'NONE',
    },
  ],
};

function find(region: string, name: unknown): DemoTable {
  const found = byRegion(tables, region).find((t) => t.table.TableName === name || t.table.TableArn === name);
  if (!found) throw awsError('ResourceNotFoundException', `Requested resource not found: Table: ${String(name)} not found`);
  return found;
}

export const dynamodbHandlers: Handlers = {
  ListTables: (region) => ({ TableNames: byRegion(tables, region).map((t) => t.table.TableName) }),
  DescribeTable: (region, input) => ({ Table: find(region, input.TableName).table }),
  DescribeContinuousBackups: (region, input) => {
    const t = find(region, input.TableName);
    return {
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: t.pitr ? 'ENABLED' : 'DISABLED' },
      },
    };
  },
  GetResourcePolicy: (region, input) => {
    const t = find(region, input.ResourceArn);
    if (!t.policy)
      throw awsError('PolicyNotFoundException', `Resource-based policy not found for the provided ResourceArn: ${t.table.TableArn}`);
    return { Policy: t.policy, RevisionId: '1700000000000' };
  },
};

export const daxHandlers: Handlers = {
  DescribeClusters: (region) => ({ Clusters: byRegion(clusters, region) }),
};
