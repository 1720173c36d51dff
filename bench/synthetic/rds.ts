/** RDS of the synthetic account: instances (some in Aurora clusters), clusters and manual snapshots. */
import type { DBCluster, DBClusterSnapshot, DBInstance, DBSnapshot } from '@aws-sdk/client-rds';
import { awsError } from '../../demo/world/types.js';
import { ACCOUNT_ID, page, pages, type Account, type SyntheticService } from './model.js';

const PAGE = { limitKey: 'MaxRecords', tokenKey: 'Marker', max: 100 };

export function rds(account: Account): SyntheticService {
  const perRegion = account.spread(account.spec.rdsInstances);
  const instances: Record<string, DBInstance[]> = {};
  const clusters: Record<string, DBCluster[]> = {};
  const snapshots: Record<string, DBSnapshot[]> = {};
  const clusterSnapshots: Record<string, DBClusterSnapshot[]> = {};
  for (const region of account.regions) {
    const flag = () => account.random() < 0.7;
    instances[region] = [];
    clusters[region] = [];
    for (let i = 0; i < perRegion[region]!; i++) {
      const aurora = i % 5 === 0;
      const clusterId = aurora ? `cluster-${i}` : undefined;
      if (aurora) {
        clusters[region]!.push({
          DBClusterIdentifier: clusterId,
          DBClusterArn: `arn:aws:rds:${region}:${ACCOUNT_ID}:cluster:${clusterId}`,
          Engine: 'aurora-postgresql',
          StorageEncrypted: flag(),
          MultiAZ: flag(),
          DeletionProtection: flag(),
          IAMDatabaseAuthenticationEnabled: flag(),
          BackupRetentionPeriod: account.pick([1, 7, 14]),
          DBClusterMembers: [{ DBInstanceIdentifier: `db-${i}`, IsClusterWriter: true }],
        });
      }
      instances[region]!.push({
        DBInstanceIdentifier: `db-${i}`,
        DBInstanceArn: `arn:aws:rds:${region}:${ACCOUNT_ID}:db:db-${i}`,
        Engine: aurora ? 'aurora-postgresql' : account.pick(['postgres', 'mysql']),
        DBClusterIdentifier: clusterId,
        StorageEncrypted: flag(),
        // One in ten publicly accessible, in subnet 0 of its region (whose VPC routes to an internet gateway).
        PubliclyAccessible: i % 10 === 0,
        AvailabilityZone: `${region}a`,
        Endpoint: { Address: `db-${i}.bench.${region}.rds.amazonaws.com`, Port: 5432 },
        VpcSecurityGroups: [{ VpcSecurityGroupId: `sg-${region.replace(/-/g, '')}${String(i).padStart(6, '0')}` }],
        DBSubnetGroup: {
          VpcId: `vpc-${region}-0`,
          Subnets: [{ SubnetIdentifier: `subnet-${region}-0`, SubnetAvailabilityZone: { Name: `${region}a` } }],
        },
        AutoMinorVersionUpgrade: flag(),
        MultiAZ: flag(),
        DeletionProtection: flag(),
        IAMDatabaseAuthenticationEnabled: flag(),
        BackupRetentionPeriod: account.pick([0, 3, 7, 35]),
        DBInstanceStatus: 'available',
      });
    }
    snapshots[region] = Array.from({ length: Math.ceil(perRegion[region]! / 10) }, (_, i) => ({
      DBSnapshotIdentifier: `snap-${i}`,
      DBSnapshotArn: `arn:aws:rds:${region}:${ACCOUNT_ID}:snapshot:snap-${i}`,
      SnapshotType: 'manual',
      Encrypted: flag(),
    }));
    clusterSnapshots[region] = Array.from({ length: Math.ceil(clusters[region]!.length / 4) }, (_, i) => ({
      DBClusterSnapshotIdentifier: `csnap-${i}`,
      DBClusterSnapshotArn: `arn:aws:rds:${region}:${ACCOUNT_ID}:cluster-snapshot:csnap-${i}`,
      SnapshotType: 'manual',
    }));
  }
  const listed =
    <T>(data: Record<string, T[]>, key: string) =>
    (region: string, input: Record<string, unknown>) => {
      const { items, next } = page(data[region] ?? [], input, PAGE);
      return { [key]: items, ...next };
    };
  const restore = (publicOne: boolean) => [{ AttributeName: 'restore', AttributeValues: publicOne ? ['all'] : [] }];
  const sum = (data: Record<string, unknown[]>) => Object.values(data).reduce((n, items) => n + pages(items.length, 100), 0);
  const count = (data: Record<string, unknown[]>) => Object.values(data).reduce((n, items) => n + items.length, 0);
  const longest = Math.max(
    ...account.regions.map((r) => Math.max(pages(snapshots[r]!.length, 100), pages(clusterSnapshots[r]!.length, 100)) + 1),
  );
  return {
    service: 'rds',
    handlers: {
      DescribeDBInstances: listed(instances, 'DBInstances'),
      DescribeDBClusters: listed(clusters, 'DBClusters'),
      DescribeDBSnapshots: listed(snapshots, 'DBSnapshots'),
      DescribeDBClusterSnapshots: listed(clusterSnapshots, 'DBClusterSnapshots'),
      DescribeDBSnapshotAttributes: (region, input) => {
        const id = String(input.DBSnapshotIdentifier);
        if (!snapshots[region]?.some((s) => s.DBSnapshotIdentifier === id)) throw awsError('DBSnapshotNotFound', id, 404);
        return { DBSnapshotAttributesResult: { DBSnapshotIdentifier: id, DBSnapshotAttributes: restore(id.endsWith('3')) } };
      },
      DescribeDBClusterSnapshotAttributes: (region, input) => {
        const id = String(input.DBClusterSnapshotIdentifier);
        if (!clusterSnapshots[region]?.some((s) => s.DBClusterSnapshotIdentifier === id))
          throw awsError('DBClusterSnapshotNotFoundFault', id, 404);
        return { DBClusterSnapshotAttributesResult: { DBClusterSnapshotIdentifier: id, DBClusterSnapshotAttributes: restore(false) } };
      },
    },
    minimalCalls: {
      'rds:DescribeDBInstances': sum(instances),
      'rds:DescribeDBClusters': sum(clusters),
      // Manual snapshots for the public check, and every snapshot (automated too) for residency.
      'rds:DescribeDBSnapshots': 2 * sum(snapshots),
      'rds:DescribeDBClusterSnapshots': 2 * sum(clusterSnapshots),
      // No bulk form: one attribute read per manual snapshot.
      'rds:DescribeDBSnapshotAttributes': count(snapshots),
      'rds:DescribeDBClusterSnapshotAttributes': count(clusterSnapshots),
    },
    criticalPath: Math.max(longest, ...account.regions.map((r) => pages(instances[r]!.length, 100))),
  };
}
