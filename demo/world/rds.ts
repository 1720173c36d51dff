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

// Internet reachability (issue 7): a publicly accessible database reachable through a public subnet,
// and one whose only subnet is private; every other instance is not publicly accessible.
const publicDb = (
  region: string,
  id: string,
  engine: string,
  port: number,
  sg: string,
  vpc: string,
  subnets: Array<[string, string]>,
): DBInstance => ({
  ...instance(region, id, engine, true),
  PubliclyAccessible: true,
  Endpoint: { Address: `${id}.c9akciq32.${region}.rds.amazonaws.com`, Port: port },
  VpcSecurityGroups: [{ VpcSecurityGroupId: sg, Status: 'active' }],
  DBSubnetGroup: {
    DBSubnetGroupName: `${id}-subnets`,
    VpcId: vpc,
    SubnetGroupStatus: 'Complete',
    Subnets: subnets.map(([SubnetIdentifier, az]) => ({ SubnetIdentifier, SubnetAvailabilityZone: { Name: az }, SubnetStatus: 'Active' })),
  },
});
for (const list of Object.values(dbInstances)) for (const db of list ?? []) db.PubliclyAccessible ??= false;
dbInstances['us-east-1']?.push(
  publicDb('us-east-1', 'public-reports', 'mysql', 3306, 'sg-0a13reportsdb0013', 'vpc-0demo0001', [
    ['subnet-0pub0000001', 'us-east-1a'],
    ['subnet-0prv0000003', 'us-east-1b'],
  ]),
);
dbInstances['eu-west-1']?.push(
  publicDb('eu-west-1', 'eu-public-flag-only', 'postgres', 5432, 'sg-0b14eudb00000014', 'vpc-0demo0002', [
    ['subnet-0eu00000007', 'eu-west-1a'],
  ]),
);

export const rdsHandlers: Handlers = {
  DescribeDBInstances: (region) => ({ DBInstances: byRegion(dbInstances, region) }),
};
