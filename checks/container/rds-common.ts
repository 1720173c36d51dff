/** What the RDS checks share: reading databases per region and reporting one verdict each. */
import type { DBInstance } from '@aws-sdk/client-rds';
import { databaseUnits, instanceResource, isRdsEngine, rdsInstances, type RdsDatabase } from '../../src/analysis/rds-databases.js';
import { MalformedResponse } from '../../src/aws/errors.js';
import {
  dbClusters,
  dbClusterSnapshotRestorers,
  dbInstances,
  dbSnapshotRestorers,
  manualDbClusterSnapshots,
  manualDbSnapshots,
} from '../../src/aws/loaders/rds.js';
import { arn, type CheckContext } from '../../src/engine/check.js';
import type { Resource } from '../../src/engine/types.js';
import { reportVerdict, type Verdict } from '../verdict.js';

export type { Verdict };

export const instanceLoaders = { dbInstances };
export const databaseLoaders = { dbInstances, dbClusters };

/** Stands for a whole list that could not be read in a region (distinct from the check's own region result). */
export function listResource(region: string, type: string, what: string): Resource {
  return { id: `${region}/${type.split('::').pop()!}`, type, name: `${what} in ${region}` };
}

/** The ERROR for a field AWS always reports that the answer left out (an emulator's partial shape). */
export function missing(field: string, db: { kind: string }): Verdict {
  const api = db.kind === 'cluster' ? 'rds:DescribeDBClusters' : 'rds:DescribeDBInstances';
  return { status: 'error', error: new MalformedResponse(`it did not report ${field} for this ${db.kind}`, api) };
}

/** A yes/no setting: true passes, false fails, absent is an ERROR (never a silent PASS). */
export function flag(value: boolean | undefined, field: string, db: { kind: string }, pass: string, fail: string): Verdict {
  if (value === true) return { status: 'pass', message: pass };
  if (value === false) return { status: 'fail', message: fail };
  return missing(field, db);
}

/** For settings each instance holds itself (Aurora members included). */
export async function judgeInstances(
  { region, accountId, partition, load, result }: CheckContext<typeof instanceLoaders>,
  judge: (db: DBInstance) => Verdict,
): Promise<void> {
  for (const db of rdsInstances(await load.dbInstances(region))) {
    reportVerdict(result, instanceResource(db, region, accountId, partition), judge(db));
  }
}

/** For settings a cluster holds for its members: clusters and standalone instances, once each. */
export async function judgeDatabases(
  { region, accountId, partition, load, result }: CheckContext<typeof databaseLoaders>,
  judge: (db: RdsDatabase) => Verdict,
): Promise<void> {
  const instances = await load.dbInstances(region);
  let clusters;
  let clusterError: unknown;
  try {
    clusters = await load.dbClusters(region);
  } catch (error) {
    clusterError = error;
    result.error(listResource(region, 'AWS::RDS::DBCluster', 'DB clusters'), error);
  }
  const { databases, orphans } = databaseUnits(instances, clusters, { region, accountId, partition });
  for (const db of databases) reportVerdict(result, db.resource, judge(db));
  // A cluster member's setting lives on the cluster, which could not be read (the list failed, or
  // did not hold it): its own copy of the field is meaningless (an Aurora member's MultiAZ is always false).
  for (const db of orphans) {
    const error =
      clusterError ??
      new MalformedResponse(
        `it did not list ${db.DBClusterIdentifier ?? 'the cluster'}, the cluster this instance belongs to and whose settings it uses`,
        'rds:DescribeDBClusters',
      );
    result.error(instanceResource(db, region, accountId, partition), error);
  }
}

export const snapshotLoaders = { manualDbSnapshots, manualDbClusterSnapshots, dbSnapshotRestorers, dbClusterSnapshotRestorers };

export interface ManualSnapshot {
  resource: Resource;
  /** The snapshot's restore attribute: account ids, or "all". */
  restorers: () => Promise<string[]>;
}

/**
 * The manual DB snapshots and (RDS-engine) cluster snapshots of the region. Each list is read on
 * its own: one failing (an emulator without cluster snapshots) is an ERROR for that list and
 * leaves the other judged.
 */
export async function manualSnapshotsOf({
  region,
  accountId,
  partition,
  load,
  result,
}: Pick<CheckContext<typeof snapshotLoaders>, 'region' | 'accountId' | 'partition' | 'load' | 'result'>): Promise<ManualSnapshot[]> {
  const snapshots: ManualSnapshot[] = [];
  try {
    for (const s of await load.manualDbSnapshots(region)) {
      const id = s.DBSnapshotIdentifier ?? 'unknown';
      snapshots.push({
        resource: {
          id,
          type: 'AWS::RDS::DBSnapshot',
          arn: s.DBSnapshotArn ?? arn(partition, 'rds', region, accountId, `snapshot:${id}`),
          name: s.DBInstanceIdentifier ? `${id} (of ${s.DBInstanceIdentifier})` : id,
        },
        restorers: () => load.dbSnapshotRestorers(region, id),
      });
    }
  } catch (error) {
    result.error(listResource(region, 'AWS::RDS::DBSnapshot', 'manual DB snapshots'), error);
  }
  try {
    for (const s of (await load.manualDbClusterSnapshots(region)).filter((c) => isRdsEngine(c.Engine))) {
      const id = s.DBClusterSnapshotIdentifier ?? 'unknown';
      snapshots.push({
        resource: {
          id,
          type: 'AWS::RDS::DBClusterSnapshot',
          arn: s.DBClusterSnapshotArn ?? arn(partition, 'rds', region, accountId, `cluster-snapshot:${id}`),
          name: s.DBClusterIdentifier ? `${id} (of ${s.DBClusterIdentifier})` : id,
        },
        restorers: () => load.dbClusterSnapshotRestorers(region, id),
      });
    }
  } catch (error) {
    result.error(listResource(region, 'AWS::RDS::DBClusterSnapshot', 'manual DB cluster snapshots'), error);
  }
  return snapshots;
}
