import type { DBCluster, DBClusterSnapshot, DBInstance, DBSnapshot } from '@aws-sdk/client-rds';
import { awsError, byRegion, daysAgo, DEMO_ACCOUNT, type Handlers } from './types.js';

const kms = (region: string) => `arn:aws:kms:${region}:${DEMO_ACCOUNT}:key/1111aaaa-22bb-33cc-44dd-555555eeeeee`;

/** Settings every well-run database has; each demo resource spoils some of them. */
const HARDENED = {
  StorageEncrypted: true,
  PubliclyAccessible: false,
  BackupRetentionPeriod: 14,
  AutoMinorVersionUpgrade: true,
  MultiAZ: true,
  DeletionProtection: true,
  IAMDatabaseAuthenticationEnabled: true,
};

const instance = (region: string, id: string, engine: string, settings: Partial<DBInstance> = {}): DBInstance => ({
  DBInstanceIdentifier: id,
  DBInstanceArn: `arn:aws:rds:${region}:${DEMO_ACCOUNT}:db:${id}`,
  Engine: engine,
  EngineVersion: engine.startsWith('aurora') ? '8.0.mysql_aurora.3.08.0' : '16.4',
  DBInstanceClass: 'db.t4g.medium',
  DBInstanceStatus: 'available',
  AvailabilityZone: `${region}a`,
  PreferredMaintenanceWindow: 'sun:03:00-sun:04:00',
  ...HARDENED,
  KmsKeyId: kms(region),
  ...settings,
  ...(settings.StorageEncrypted === false ? { KmsKeyId: undefined } : {}),
});

const cluster = (region: string, id: string, engine: string, settings: Partial<DBCluster> = {}): DBCluster => ({
  DBClusterIdentifier: id,
  DBClusterArn: `arn:aws:rds:${region}:${DEMO_ACCOUNT}:cluster:${id}`,
  Engine: engine,
  Status: 'available',
  StorageEncrypted: HARDENED.StorageEncrypted,
  KmsKeyId: kms(region),
  BackupRetentionPeriod: HARDENED.BackupRetentionPeriod,
  MultiAZ: HARDENED.MultiAZ,
  DeletionProtection: HARDENED.DeletionProtection,
  IAMDatabaseAuthenticationEnabled: HARDENED.IAMDatabaseAuthenticationEnabled,
  ...settings,
});

// Aurora members carry the cluster's values; the checks judge those on the cluster, once.
const member = (region: string, id: string, c: DBCluster, az: string, settings: Partial<DBInstance> = {}): DBInstance =>
  instance(region, id, c.Engine!, {
    DBClusterIdentifier: c.DBClusterIdentifier,
    AvailabilityZone: az,
    MultiAZ: false,
    StorageEncrypted: c.StorageEncrypted,
    BackupRetentionPeriod: c.BackupRetentionPeriod,
    DeletionProtection: c.DeletionProtection,
    IAMDatabaseAuthenticationEnabled: c.IAMDatabaseAuthenticationEnabled,
    ...settings,
  });

const payments = cluster('us-east-1', 'payments-aurora', 'aurora-mysql');
const euAnalytics = cluster('eu-west-1', 'eu-analytics', 'aurora-postgresql', {
  BackupRetentionPeriod: 3,
  MultiAZ: false,
  DeletionProtection: false,
  IAMDatabaseAuthenticationEnabled: false,
});

export const dbClusters: Partial<Record<string, DBCluster[]>> = {
  'us-east-1': [payments],
  'eu-west-1': [euAnalytics],
};

export const dbInstances: Partial<Record<string, DBInstance[]>> = {
  'us-east-1': [
    instance('us-east-1', 'orders-prod', 'postgres'),
    instance('us-east-1', 'legacy-reports', 'mysql', {
      EngineVersion: '8.0.28',
      StorageEncrypted: false,
      PubliclyAccessible: true,
      BackupRetentionPeriod: 0,
      AutoMinorVersionUpgrade: false,
      MultiAZ: false,
      DeletionProtection: false,
      IAMDatabaseAuthenticationEnabled: false,
    }),
    // A read replica takes no backups of its own: not applicable to the backup check.
    instance('us-east-1', 'orders-prod-replica', 'postgres', {
      BackupRetentionPeriod: 0,
      ReadReplicaSourceDBInstanceIdentifier: 'orders-prod',
    }),
    member('us-east-1', 'payments-aurora-1', payments, 'us-east-1a'),
    member('us-east-1', 'payments-aurora-2', payments, 'us-east-1b'),
  ],
  'eu-west-1': [
    member('eu-west-1', 'eu-analytics-1', euAnalytics, 'eu-west-1a', { AutoMinorVersionUpgrade: false, PubliclyAccessible: true }),
    instance('eu-west-1', 'eu-crm', 'sqlserver-se', { EngineVersion: '15.00.4395.2.v1', BackupRetentionPeriod: 7 }),
    instance('eu-west-1', 'eu-scratch', 'mariadb', {
      EngineVersion: '10.11.9',
      BackupRetentionPeriod: 1,
      MultiAZ: false,
      DeletionProtection: false,
    }),
  ],
};

// Internet reachability (issue 7): a publicly accessible database reachable through a public subnet,
// and publicly accessible ones whose subnets are private; every other instance is not publicly accessible.
const network = (port: number, sg: string, vpc: string, name: string, subnets: Array<[string, string]>): Partial<DBInstance> => ({
  Endpoint: { Address: `${name}.c9akciq32.rds.amazonaws.com`, Port: port },
  VpcSecurityGroups: [{ VpcSecurityGroupId: sg, Status: 'active' }],
  DBSubnetGroup: {
    DBSubnetGroupName: `${name}-subnets`,
    VpcId: vpc,
    SubnetGroupStatus: 'Complete',
    Subnets: subnets.map(([SubnetIdentifier, az]) => ({ SubnetIdentifier, SubnetAvailabilityZone: { Name: az }, SubnetStatus: 'Active' })),
  },
});
for (const list of Object.values(dbInstances)) for (const db of list ?? []) db.PubliclyAccessible ??= false;
const legacyReports = dbInstances['us-east-1']!.find((db) => db.DBInstanceIdentifier === 'legacy-reports')!;
Object.assign(
  legacyReports,
  network(3306, 'sg-0a13reportsdb0013', 'vpc-0demo0001', 'legacy-reports', [['subnet-0prv0000003', 'us-east-1b']]),
);
const euAnalyticsMember = dbInstances['eu-west-1']!.find((db) => db.DBInstanceIdentifier === 'eu-analytics-1')!;
Object.assign(
  euAnalyticsMember,
  network(5432, 'sg-0b14eudb00000014', 'vpc-0demo0002', 'eu-analytics-1', [['subnet-0eu00000007', 'eu-west-1a']]),
);
dbInstances['us-east-1']!.push(
  instance('us-east-1', 'public-reports', 'mysql', {
    PubliclyAccessible: true,
    ...network(3306, 'sg-0a13reportsdb0013', 'vpc-0demo0001', 'public-reports', [
      ['subnet-0pub0000001', 'us-east-1a'],
      ['subnet-0prv0000003', 'us-east-1b'],
    ]),
  }),
);
dbInstances['eu-west-1']!.push(
  instance('eu-west-1', 'eu-public-flag-only', 'postgres', {
    PubliclyAccessible: true,
    ...network(5432, 'sg-0b14eudb00000014', 'vpc-0demo0002', 'eu-public-flag-only', [['subnet-0eu00000007', 'eu-west-1a']]),
  }),
);

interface Shared {
  restore: string[];
}

const snapshot = (region: string, id: string, of: string): DBSnapshot & Shared => ({
  DBSnapshotIdentifier: id,
  DBSnapshotArn: `arn:aws:rds:${region}:${DEMO_ACCOUNT}:snapshot:${id}`,
  DBInstanceIdentifier: of,
  SnapshotType: 'manual',
  SnapshotCreateTime: daysAgo(30),
  restore: [],
});

const clusterSnapshot = (region: string, id: string, of: DBCluster): DBClusterSnapshot & Shared => ({
  DBClusterSnapshotIdentifier: id,
  DBClusterSnapshotArn: `arn:aws:rds:${region}:${DEMO_ACCOUNT}:cluster-snapshot:${id}`,
  DBClusterIdentifier: of.DBClusterIdentifier,
  Engine: of.Engine,
  SnapshotType: 'manual',
  SnapshotCreateTime: daysAgo(12),
  restore: [],
});

export const dbSnapshots: Partial<Record<string, Array<DBSnapshot & Shared>>> = {
  'us-east-1': [
    { ...snapshot('us-east-1', 'legacy-reports-2026-01', 'legacy-reports'), restore: ['all'] },
    { ...snapshot('us-east-1', 'orders-prod-weekly', 'orders-prod'), restore: ['210987654321'] },
  ],
  'eu-west-1': [snapshot('eu-west-1', 'eu-crm-before-upgrade', 'eu-crm')],
};

export const dbClusterSnapshots: Partial<Record<string, Array<DBClusterSnapshot & Shared>>> = {
  'us-east-1': [clusterSnapshot('us-east-1', 'payments-aurora-manual', payments)],
  'eu-west-1': [{ ...clusterSnapshot('eu-west-1', 'eu-analytics-export', euAnalytics), restore: ['all'] }],
};

const strip = <T extends Shared>({ restore: _restore, ...rest }: T): Omit<T, 'restore'> => rest;
const manual = (input: Record<string, unknown>) => input.SnapshotType === undefined || input.SnapshotType === 'manual';

function restoreOf<T extends Shared>(list: T[], pick: (s: T) => string | undefined, id: unknown, kind: string): string[] {
  const found = list.find((s) => pick(s) === id);
  if (!found) throw awsError(`${kind}NotFoundFault`, `${String(id)} not found`, 404);
  return found.restore;
}

export const rdsHandlers: Handlers = {
  DescribeDBInstances: (region) => ({ DBInstances: byRegion(dbInstances, region) }),
  DescribeDBClusters: (region) => ({ DBClusters: byRegion(dbClusters, region) }),
  DescribeDBSnapshots: (region, input) => ({ DBSnapshots: manual(input) ? byRegion(dbSnapshots, region).map(strip) : [] }),
  DescribeDBClusterSnapshots: (region, input) => ({
    DBClusterSnapshots: manual(input) ? byRegion(dbClusterSnapshots, region).map(strip) : [],
  }),
  DescribeDBSnapshotAttributes: (region, input) => ({
    DBSnapshotAttributesResult: {
      DBSnapshotIdentifier: input.DBSnapshotIdentifier,
      DBSnapshotAttributes: [
        {
          AttributeName: 'restore',
          AttributeValues: restoreOf(
            byRegion(dbSnapshots, region),
            (s) => s.DBSnapshotIdentifier,
            input.DBSnapshotIdentifier,
            'DBSnapshot',
          ),
        },
      ],
    },
  }),
  DescribeDBClusterSnapshotAttributes: (region, input) => ({
    DBClusterSnapshotAttributesResult: {
      DBClusterSnapshotIdentifier: input.DBClusterSnapshotIdentifier,
      DBClusterSnapshotAttributes: [
        {
          AttributeName: 'restore',
          AttributeValues: restoreOf(
            byRegion(dbClusterSnapshots, region),
            (s) => s.DBClusterSnapshotIdentifier,
            input.DBClusterSnapshotIdentifier,
            'DBClusterSnapshot',
          ),
        },
      ],
    },
  }),
};
