import { defineCheck } from '../../src/engine/check.js';
import { judgeSharedResources, trustZoneLoaders, trustZoneOf } from '../trust-zone.js';
import { manualSnapshotsOf, snapshotLoaders } from './rds-common.js';

export default defineCheck({
  id: 'rds-snapshot-external-access',
  title: 'Manual RDS DB and cluster snapshots are shared only with accounts inside the zone of trust',
  risk: 'An account a snapshot is shared with can copy or restore it and read every row it holds.',
  category: 'container',
  responsibility: 'external-access',
  service: 'rds',
  scope: 'regional',
  severity: 'medium',
  compliance: {},
  remediation:
    "Remove the account from the snapshot's restore attribute (ModifyDBSnapshotAttribute / ModifyDBClusterSnapshotAttribute), or list it in trustedAccountIds when it is yours.",
  loaders: { ...snapshotLoaders, ...trustZoneLoaders },
  async run(ctx) {
    const zone = await trustZoneOf(ctx);
    // The restore attribute has no bulk read: one call per manual snapshot.
    await judgeSharedResources(ctx.result, zone, await manualSnapshotsOf(ctx), {
      resource: (s) => s.resource,
      permissions: async (s) => (await s.restorers()).map((a) => (a === 'all' ? { Group: 'all' } : { UserId: a })),
      verb: 'may copy or restore it',
      evidenceKey: 'restore',
    });
  },
});
