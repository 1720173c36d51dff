import { defineCheck } from '../../src/engine/check.js';
import { manualSnapshotsOf, snapshotLoaders } from './rds-common.js';
import { forEachInTurn, JUDGED_IN_FLIGHT } from '../../src/engine/parallel.js';

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
  loaders: snapshotLoaders,
  async run({ region, accountId, partition, load, result }) {
    const snapshots = await manualSnapshotsOf({ region, accountId, partition, load, result });
    // The restore attribute has no bulk read: one call per manual snapshot.
    await forEachInTurn(snapshots, JUDGED_IN_FLIGHT, async ({ resource, restorers }) => {
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
    });
  },
});
