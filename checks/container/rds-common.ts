/** What the RDS checks share: reading databases per region and reporting one verdict each. */
import type { DBInstance } from '@aws-sdk/client-rds';
import { databaseUnits, instanceResource, rdsInstances, type RdsDatabase } from '../../src/analysis/rds-databases.js';
import { dbClusters, dbInstances } from '../../src/aws/loaders/rds.js';
import type { CheckContext } from '../../src/engine/check.js';
import type { Resource } from '../../src/engine/types.js';
import { reportVerdict, type Verdict } from '../verdict.js';

export type { Verdict };

export const instanceLoaders = { dbInstances };
export const databaseLoaders = { dbInstances, dbClusters };

/** Stands for a whole list that could not be read in a region (distinct from the check's own region result). */
export function listResource(region: string, type: string, what: string): Resource {
  return { id: `${region}/${type.split('::').pop()!}`, type, name: `${what} in ${region}` };
}

/** A yes/no setting: true passes, false fails, absent is an ERROR (never a silent PASS). */
export function flag(value: boolean | undefined, field: string, db: { kind: string }, pass: string, fail: string): Verdict {
  if (value === true) return { status: 'pass', message: pass };
  if (value === false) return { status: 'fail', message: fail };
  const api = db.kind === 'cluster' ? 'rds:DescribeDBClusters' : 'rds:DescribeDBInstances';
  return { status: 'error', error: new Error(`${api} did not report ${field} for this ${db.kind}`) };
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
  // A cluster member's setting lives on the cluster, which could not be read.
  for (const db of orphans) result.error(instanceResource(db, region, accountId, partition), clusterError);
}

export const kindLabel = (db: RdsDatabase): string => (db.kind === 'cluster' ? 'cluster' : 'instance');
