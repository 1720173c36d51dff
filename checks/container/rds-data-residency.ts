import { dbClusterSnapshots, dbClusters, dbInstances, dbSnapshots } from '../../src/aws/loaders/rds.js';
import {
  clusterResource,
  clusterSnapshotResource,
  clustersWithoutInstances,
  dbSnapshotResource,
  instanceResource,
  isRdsEngine,
  rdsInstances,
} from '../../src/analysis/rds-databases.js';
import { defineCheck } from '../../src/engine/check.js';
import { judgeRegionalResidency, RESIDENCY_META, residencyOf } from '../residency.js';

export default defineCheck({
  ...RESIDENCY_META,
  id: 'rds-data-residency',
  title: 'RDS DB instances, instance-less Aurora clusters, and DB and cluster snapshots are only in allowed regions',
  category: 'container',
  service: 'rds',
  scope: 'regional',
  remediation:
    'Copy a snapshot to an allowed region, restore it there and switch over, then delete the instance or cluster and its snapshots here.',
  loaders: { dbInstances, dbClusters, dbSnapshots, dbClusterSnapshots },
  async run(ctx) {
    const { region, accountId, partition, load } = ctx;
    // As in every RDS check, Neptune and DocumentDB (which the RDS API also lists) are left out.
    await judgeRegionalResidency(ctx, [
      residencyOf({
        what: 'DB instance',
        type: 'AWS::RDS::DBInstance',
        plural: 'DB instances',
        list: async () => rdsInstances(await load.dbInstances(region)),
        resource: (db) => instanceResource(db, region, accountId, partition),
      }),
      // A cluster with instances is judged through them; one without any still holds its data.
      residencyOf({
        what: 'DB cluster (with no instances)',
        type: 'AWS::RDS::DBCluster',
        plural: 'DB clusters',
        list: async () => clustersWithoutInstances(await load.dbClusters(region), await load.dbInstances(region)),
        resource: (c) => clusterResource(c, region, accountId, partition),
      }),
      residencyOf({
        what: 'DB snapshot',
        type: 'AWS::RDS::DBSnapshot',
        plural: 'DB snapshots',
        list: async () => (await load.dbSnapshots(region)).filter((s) => isRdsEngine(s.Engine)),
        resource: (s) => dbSnapshotResource(s, region, accountId, partition),
      }),
      residencyOf({
        what: 'DB cluster snapshot',
        type: 'AWS::RDS::DBClusterSnapshot',
        plural: 'DB cluster snapshots',
        list: async () => (await load.dbClusterSnapshots(region)).filter((s) => isRdsEngine(s.Engine)),
        resource: (s) => clusterSnapshotResource(s, region, accountId, partition),
      }),
    ]);
  },
});
