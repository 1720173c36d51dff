import type { DBInstance } from '@aws-sdk/client-rds';
import { byRegion, DEMO_ACCOUNT, type Handlers } from './types.js';

const instance = (region: string, id: string, engine: string, encrypted: boolean): DBInstance => ({
  DBInstanceIdentifier: id,
  DBInstanceArn: `arn:aws:rds:${region}:${DEMO_ACCOUNT}:db:${id}`,
  Engine: engine,
  DBInstanceClass: 'db.t4g.medium',
  DBInstanceStatus: 'available',
  StorageEncrypted: encrypted,
  KmsKeyId: encrypted ? `arn:aws:kms:${region}:${DEMO_ACCOUNT}:key/1111aaaa-22bb-33cc-44dd-555555eeeeee` : undefined,
  AvailabilityZone: `${region}a`,
});

export const dbInstances: Partial<Record<string, DBInstance[]>> = {
  'us-east-1': [instance('us-east-1', 'orders-prod', 'postgres', true), instance('us-east-1', 'legacy-reports', 'mysql', false)],
  'eu-west-1': [instance('eu-west-1', 'eu-analytics', 'aurora-postgresql', true)],
};

export const rdsHandlers: Handlers = {
  DescribeDBInstances: (region) => ({ DBInstances: byRegion(dbInstances, region) }),
};
