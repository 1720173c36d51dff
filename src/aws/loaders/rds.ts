import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBSnapshotAttributesCommand,
  paginateDescribeDBClusters,
  paginateDescribeDBClusterSnapshots,
  paginateDescribeDBInstances,
  paginateDescribeDBSnapshots,
  type DBCluster,
  type DBClusterSnapshot,
  type DBInstance,
  type DBSnapshot,
} from '@aws-sdk/client-rds';
import { defineLoader } from '../loader.js';
import { collect } from './paginate.js';

// 100 is the largest MaxRecords the RDS Describe calls accept.
const PAGE = 100;

export const dbInstances = defineLoader({
  id: 'rds.dbInstances',
  actions: ['rds:DescribeDBInstances'],
  async fetch({ aws }, region: string): Promise<DBInstance[]> {
    return collect(paginateDescribeDBInstances({ client: aws.rds(region), pageSize: PAGE }, {}), (p) => p.DBInstances);
  },
});

/** Aurora and Multi-AZ DB clusters (the API also lists Neptune and DocumentDB clusters). */
export const dbClusters = defineLoader({
  id: 'rds.dbClusters',
  actions: ['rds:DescribeDBClusters'],
  async fetch({ aws }, region: string): Promise<DBCluster[]> {
    return collect(paginateDescribeDBClusters({ client: aws.rds(region), pageSize: PAGE }, {}), (p) => p.DBClusters);
  },
});

/** Manual DB snapshots this account owns (automated ones cannot be shared, so cannot be public). */
export const manualDbSnapshots = defineLoader({
  id: 'rds.manualDbSnapshots',
  actions: ['rds:DescribeDBSnapshots'],
  async fetch({ aws }, region: string): Promise<DBSnapshot[]> {
    return collect(
      paginateDescribeDBSnapshots({ client: aws.rds(region), pageSize: PAGE }, { SnapshotType: 'manual' }),
      (p) => p.DBSnapshots,
    );
  },
});

export const manualDbClusterSnapshots = defineLoader({
  id: 'rds.manualDbClusterSnapshots',
  actions: ['rds:DescribeDBClusterSnapshots'],
  async fetch({ aws }, region: string): Promise<DBClusterSnapshot[]> {
    return collect(
      paginateDescribeDBClusterSnapshots({ client: aws.rds(region), pageSize: PAGE }, { SnapshotType: 'manual' }),
      (p) => p.DBClusterSnapshots,
    );
  },
});

/** The account ids (or "all") that may restore a snapshot: its `restore` attribute. No bulk form exists. */
export const dbSnapshotRestorers = defineLoader({
  id: 'rds.dbSnapshotRestorers',
  actions: ['rds:DescribeDBSnapshotAttributes'],
  async fetch({ aws }, region: string, snapshotId: string): Promise<string[]> {
    const out = await aws.rds(region).send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: snapshotId }));
    return restoreValues(out.DBSnapshotAttributesResult?.DBSnapshotAttributes);
  },
});

export const dbClusterSnapshotRestorers = defineLoader({
  id: 'rds.dbClusterSnapshotRestorers',
  actions: ['rds:DescribeDBClusterSnapshotAttributes'],
  async fetch({ aws }, region: string, snapshotId: string): Promise<string[]> {
    const out = await aws.rds(region).send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: snapshotId }));
    return restoreValues(out.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes);
  },
});

function restoreValues(attributes: Array<{ AttributeName?: string; AttributeValues?: string[] }> | undefined): string[] {
  return (attributes ?? []).filter((a) => a.AttributeName === 'restore').flatMap((a) => a.AttributeValues ?? []);
}
