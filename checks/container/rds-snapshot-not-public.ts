import { clusterSnapshotResource, dbSnapshotResource, isRdsEngine } from '../../src/analysis/rds-databases.js';
import { dbClusterSnapshotRestorers, dbSnapshotRestorers, manualDbClusterSnapshots, manualDbSnapshots } from '../../src/aws/loaders/rds.js';
import { defineCheck } from '../../src/engine/check.js';
import { listResource } from './rds-common.js';
import type { Resource } from '../../src/engine/types.js';

interface Snapshot {
  resource: Resource;
  restorers: () => Promise<string[]>;
}

export default defineCheck({
  id: 'rds-snapshot-not-public',
  title: 'Manual RDS DB and cluster snapshots are not public',
  risk: 'Any AWS account can restore a public snapshot and read every row it holds.',
  category: 'container',
  responsibility: 'public-access',
  service: 'rds',
  scope: 'regional',
  severity: 'critical',
  compliance: { 'aws-fsbp': ['RDS.1'] },
  remediation:
    'Modify the snapshot permissions and set it to private (remove "all" from the restore attribute); share with named accounts instead.',
  loaders: { manualDbSnapshots, manualDbClusterSnapshots, dbSnapshotRestorers, dbClusterSnapshotRestorers },
  async run({ region, accountId, partition, load, result }) {
    const snapshots: Snapshot[] = [];
    // Each list is read on its own: one failing (an emulator without cluster snapshots) leaves the other judged.
    try {
      for (const s of await load.manualDbSnapshots(region)) {
        const id = s.DBSnapshotIdentifier ?? 'unknown';
        snapshots.push({
          resource: dbSnapshotResource(s, region, accountId, partition),
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
          resource: clusterSnapshotResource(s, region, accountId, partition),
          restorers: () => load.dbClusterSnapshotRestorers(region, id),
        });
      }
    } catch (error) {
      result.error(listResource(region, 'AWS::RDS::DBClusterSnapshot', 'manual DB cluster snapshots'), error);
    }
    // The restore attribute has no bulk read: one call per manual snapshot.
    await Promise.all(
      snapshots.map(async ({ resource, restorers }) => {
        try {
          const accounts = await restorers();
          if (accounts.includes('all')) {
            result.fail(resource, 'Public: its restore attribute includes "all", so any AWS account can copy or restore it.');
          } else if (accounts.length) {
            result.pass(resource, `Not public; shared with ${accounts.length} named account(s): ${accounts.join(', ')}.`);
          } else {
            result.pass(resource, 'Not public and not shared with any other account.');
          }
        } catch (error) {
          result.error(resource, error);
        }
      }),
    );
  },
});
