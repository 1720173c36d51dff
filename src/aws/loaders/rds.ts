import type { DBCluster, DBClusterSnapshot, DBInstance, DBSnapshot } from '@aws-sdk/client-rds';
import { MalformedResponse } from '../errors.js';
import { defineLoader, type LoaderContext } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const {
  RDSClient,
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBSnapshotAttributesCommand,
  paginateDescribeDBClusters,
  paginateDescribeDBClusterSnapshots,
  paginateDescribeDBInstances,
  paginateDescribeDBSnapshots,
} = sdk<typeof import('@aws-sdk/client-rds')>('@aws-sdk/client-rds');

registerClient('rds', RDSClient);

// 100 is the largest MaxRecords the RDS Describe calls accept.
const PAGE = 100;

export const dbInstances = defineLoader({
  id: 'rds.dbInstances',
  actions: ['rds:DescribeDBInstances'],
  async fetch({ aws }, region: string): Promise<DBInstance[]> {
    return listAll(
      'rds:DescribeDBInstances',
      'DBInstances',
      'Marker',
      paginateDescribeDBInstances({ client: aws.rds(region), pageSize: PAGE }, {}),
      (p) => p.DBInstances,
    );
  },
});

/** Aurora and Multi-AZ DB clusters (the API also lists Neptune and DocumentDB clusters). */
export const dbClusters = defineLoader({
  id: 'rds.dbClusters',
  actions: ['rds:DescribeDBClusters'],
  async fetch({ aws }, region: string): Promise<DBCluster[]> {
    return listAll(
      'rds:DescribeDBClusters',
      'DBClusters',
      'Marker',
      paginateDescribeDBClusters({ client: aws.rds(region), pageSize: PAGE }, {}),
      (p) => p.DBClusters,
    );
  },
});

/** The account's DB snapshots of `type` (no type: automated and manual). */
function describeDbSnapshots({ aws }: LoaderContext, region: string, type?: 'manual'): Promise<DBSnapshot[]> {
  return listAll(
    'rds:DescribeDBSnapshots',
    'DBSnapshots',
    'Marker',
    paginateDescribeDBSnapshots({ client: aws.rds(region), pageSize: PAGE }, type ? { SnapshotType: type } : {}),
    (p) => p.DBSnapshots,
  );
}

function describeDbClusterSnapshots({ aws }: LoaderContext, region: string, type?: 'manual'): Promise<DBClusterSnapshot[]> {
  return listAll(
    'rds:DescribeDBClusterSnapshots',
    'DBClusterSnapshots',
    'Marker',
    paginateDescribeDBClusterSnapshots({ client: aws.rds(region), pageSize: PAGE }, type ? { SnapshotType: type } : {}),
    (p) => p.DBClusterSnapshots,
  );
}

/** Manual DB snapshots this account owns (automated ones cannot be shared, so cannot be public). */
export const manualDbSnapshots = defineLoader({
  id: 'rds.manualDbSnapshots',
  actions: ['rds:DescribeDBSnapshots'],
  fetch: (ctx, region: string) => describeDbSnapshots(ctx, region, 'manual'),
});

export const manualDbClusterSnapshots = defineLoader({
  id: 'rds.manualDbClusterSnapshots',
  actions: ['rds:DescribeDBClusterSnapshots'],
  fetch: (ctx, region: string) => describeDbClusterSnapshots(ctx, region, 'manual'),
});

/**
 * Every DB snapshot the account owns in the region: with no SnapshotType, RDS answers both
 * automated and manual ones (shared and public snapshots of other accounts are left out).
 */
export const dbSnapshots = defineLoader({
  id: 'rds.dbSnapshots',
  actions: ['rds:DescribeDBSnapshots'],
  fetch: (ctx, region: string) => describeDbSnapshots(ctx, region),
});

/** Every DB cluster snapshot the account owns in the region, automated and manual alike. */
export const dbClusterSnapshots = defineLoader({
  id: 'rds.dbClusterSnapshots',
  actions: ['rds:DescribeDBClusterSnapshots'],
  fetch: (ctx, region: string) => describeDbClusterSnapshots(ctx, region),
});

/** The account ids (or "all") that may restore a snapshot: its `restore` attribute. No bulk form exists. */
export const dbSnapshotRestorers = defineLoader({
  id: 'rds.dbSnapshotRestorers',
  actions: ['rds:DescribeDBSnapshotAttributes'],
  async fetch({ aws }, region: string, snapshotId: string): Promise<string[]> {
    const out = await aws.rds(region).send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: snapshotId }));
    return restoreValues('rds:DescribeDBSnapshotAttributes', out?.DBSnapshotAttributesResult?.DBSnapshotAttributes);
  },
});

export const dbClusterSnapshotRestorers = defineLoader({
  id: 'rds.dbClusterSnapshotRestorers',
  actions: ['rds:DescribeDBClusterSnapshotAttributes'],
  async fetch({ aws }, region: string, snapshotId: string): Promise<string[]> {
    const out = await aws.rds(region).send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: snapshotId }));
    return restoreValues('rds:DescribeDBClusterSnapshotAttributes', out?.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes);
  },
});

/**
 * AWS always lists the `restore` attribute (with no values when the snapshot is private). A missing
 * attribute list means the answer says nothing about who may restore: an error, never "private".
 * (A list without a `restore` entry is how emulators describe a snapshot never shared.)
 */
function restoreValues(action: string, attributes: Array<{ AttributeName?: string; AttributeValues?: string[] }> | undefined): string[] {
  if (!Array.isArray(attributes))
    throw new MalformedResponse('it held no attribute list, so who may restore the snapshot is unknown', action);
  return attributes.filter((a) => a.AttributeName === 'restore').flatMap((a) => a.AttributeValues ?? []);
}
