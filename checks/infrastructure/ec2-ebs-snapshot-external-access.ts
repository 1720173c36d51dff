import { ownSnapshots, snapshotVolumePermissions } from '../../src/aws/loaders/ec2.js';
import { defineCheck } from '../../src/engine/check.js';
import { judgeSharedResources, trustZoneLoaders, trustZoneOf } from '../trust-zone.js';
import { ec2Resource } from './support/resources.js';

export default defineCheck({
  id: 'ec2-ebs-snapshot-external-access',
  title: 'EBS snapshots are shared only with accounts inside the zone of trust',
  risk: 'An account a snapshot is shared with can create a volume from it and read every byte of the disk it copied.',
  category: 'infrastructure',
  responsibility: 'external-access',
  service: 'ec2',
  scope: 'regional',
  severity: 'medium',
  compliance: {},
  remediation:
    "Remove the account from the snapshot's create-volume permissions (ModifySnapshotAttribute), or list it in trustedAccountIds when it is yours; share encrypted snapshots with a customer-managed key you control.",
  loaders: { ownSnapshots, snapshotVolumePermissions, ...trustZoneLoaders },
  async run(ctx) {
    const { region, accountId, partition, load, result } = ctx;
    // The permission list has no bulk read: one DescribeSnapshotAttribute per snapshot.
    await judgeSharedResources(result, await trustZoneOf(ctx), await load.ownSnapshots(region), {
      resource: (s) => ec2Resource('snapshot', { id: s.SnapshotId, tags: s.Tags }, { region, accountId, partition }),
      permissions: (s) => load.snapshotVolumePermissions(region, s.SnapshotId ?? ''),
      verb: 'may create volumes from it',
      evidenceKey: 'createVolumePermissions',
    });
  },
});
