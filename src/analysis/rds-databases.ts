/**
 * Which RDS resource holds a setting. Aurora (and Multi-AZ DB cluster) members inherit
 * storage encryption, backups, deletion protection, IAM authentication and Multi-AZ from
 * their cluster, so those are judged once, on the cluster, never again on each member.
 * Public accessibility and minor-version upgrades stay per instance.
 */
import type { DBCluster, DBClusterSnapshot, DBInstance, DBSnapshot } from '@aws-sdk/client-rds';
import { arn } from '../engine/check.js';
import type { Resource } from '../engine/types.js';

/** DescribeDBInstances/Clusters also list these services' databases; they have their own controls. */
const OTHER_SERVICE_ENGINES = new Set(['neptune', 'docdb']);

export function isRdsEngine(engine: string | undefined): boolean {
  return !OTHER_SERVICE_ENGINES.has(String(engine ?? '').toLowerCase());
}

export interface RdsDatabase {
  kind: 'instance' | 'cluster';
  resource: Resource;
  engine: string;
  /** The settings both shapes share, read from whichever resource holds them. */
  storageEncrypted?: boolean;
  kmsKeyId?: string;
  backupRetentionPeriod?: number;
  multiAZ?: boolean;
  deletionProtection?: boolean;
  iamAuth?: boolean;
  /** Instances only: a read replica takes its backups on the source. */
  readReplicaOf?: string;
  /** Clusters only: how many of the listed instances are its members. */
  memberCount?: number;
}

export function instanceResource(db: DBInstance, region: string, accountId: string, partition: string): Resource {
  const id = db.DBInstanceIdentifier ?? 'unknown';
  return {
    id,
    type: 'AWS::RDS::DBInstance',
    arn: db.DBInstanceArn ?? arn(partition, 'rds', region, accountId, `db:${id}`),
    name: db.Engine ? `${id} (${db.Engine})` : id,
  };
}

export function clusterResource(cluster: DBCluster, region: string, accountId: string, partition: string): Resource {
  const id = cluster.DBClusterIdentifier ?? 'unknown';
  return {
    id,
    type: 'AWS::RDS::DBCluster',
    arn: cluster.DBClusterArn ?? arn(partition, 'rds', region, accountId, `cluster:${id}`),
    name: cluster.Engine ? `${id} (${cluster.Engine})` : id,
  };
}

export function dbSnapshotResource(s: DBSnapshot, region: string, accountId: string, partition: string): Resource {
  const id = s.DBSnapshotIdentifier ?? 'unknown';
  return {
    id,
    type: 'AWS::RDS::DBSnapshot',
    arn: s.DBSnapshotArn ?? arn(partition, 'rds', region, accountId, `snapshot:${id}`),
    name: s.DBInstanceIdentifier ? `${id} (of ${s.DBInstanceIdentifier})` : id,
  };
}

export function clusterSnapshotResource(s: DBClusterSnapshot, region: string, accountId: string, partition: string): Resource {
  const id = s.DBClusterSnapshotIdentifier ?? 'unknown';
  return {
    id,
    type: 'AWS::RDS::DBClusterSnapshot',
    arn: s.DBClusterSnapshotArn ?? arn(partition, 'rds', region, accountId, `cluster-snapshot:${id}`),
    name: s.DBClusterIdentifier ? `${id} (of ${s.DBClusterIdentifier})` : id,
  };
}

/**
 * RDS clusters (Neptune and DocumentDB left out) that none of the listed instances belongs to:
 * an Aurora cluster can exist with no instance at all, its storage still holding the data.
 */
export function clustersWithoutInstances(clusters: readonly DBCluster[], instances: readonly DBInstance[]): DBCluster[] {
  const withMembers = new Set(instances.map((db) => db.DBClusterIdentifier));
  return clusters.filter((c) => isRdsEngine(c.Engine) && c.DBClusterIdentifier !== undefined && !withMembers.has(c.DBClusterIdentifier));
}

/** RDS instances (Neptune and DocumentDB left out), members of clusters included. */
export function rdsInstances(instances: readonly DBInstance[]): DBInstance[] {
  return instances.filter((db) => isRdsEngine(db.Engine));
}

export interface DatabaseUnits {
  databases: RdsDatabase[];
  /**
   * Instances that name a cluster the cluster list could not supply (the list failed, or does
   * not hold it): their cluster-level fields only mirror the cluster, or mean nothing (an
   * Aurora member's MultiAZ is false however many zones the cluster spans), so they cannot be judged.
   */
  orphans: DBInstance[];
}

/**
 * The resources that hold cluster-level settings: every cluster, and every instance that
 * is not a member of a cluster. `clusters` is undefined when the list failed.
 */
export function databaseUnits(
  instances: readonly DBInstance[],
  clusters: readonly DBCluster[] | undefined,
  where: { region: string; accountId: string; partition: string },
): DatabaseUnits {
  const { region, accountId, partition } = where;
  const rdsClusters = (clusters ?? []).filter((c) => isRdsEngine(c.Engine));
  const clusterIds = new Set(rdsClusters.map((c) => c.DBClusterIdentifier));
  const databases: RdsDatabase[] = [];
  const orphans: DBInstance[] = [];
  const members = new Map<string, number>();
  for (const db of rdsInstances(instances)) {
    const clusterId = db.DBClusterIdentifier;
    if (clusterId && clusterIds.has(clusterId)) {
      members.set(clusterId, (members.get(clusterId) ?? 0) + 1);
      continue;
    }
    if (clusterId) {
      orphans.push(db);
      continue;
    }
    databases.push({
      kind: 'instance',
      resource: instanceResource(db, region, accountId, partition),
      engine: db.Engine ?? 'unknown',
      storageEncrypted: db.StorageEncrypted,
      kmsKeyId: db.KmsKeyId,
      backupRetentionPeriod: db.BackupRetentionPeriod,
      multiAZ: db.MultiAZ,
      deletionProtection: db.DeletionProtection,
      iamAuth: db.IAMDatabaseAuthenticationEnabled,
      readReplicaOf: db.ReadReplicaSourceDBInstanceIdentifier ?? db.ReadReplicaSourceDBClusterIdentifier,
    });
  }
  for (const cluster of rdsClusters) {
    databases.push({
      kind: 'cluster',
      resource: clusterResource(cluster, region, accountId, partition),
      engine: cluster.Engine ?? 'unknown',
      storageEncrypted: cluster.StorageEncrypted,
      kmsKeyId: cluster.KmsKeyId,
      backupRetentionPeriod: cluster.BackupRetentionPeriod,
      multiAZ: cluster.MultiAZ,
      deletionProtection: cluster.DeletionProtection,
      iamAuth: cluster.IAMDatabaseAuthenticationEnabled,
      memberCount: members.get(cluster.DBClusterIdentifier ?? '') ?? 0,
    });
  }
  return { databases, orphans };
}
