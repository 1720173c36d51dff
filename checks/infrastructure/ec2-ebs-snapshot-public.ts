import { publicSnapshots, snapshotRestorableByAll } from '../../src/aws/loaders/ec2.js';
import { defineCheck, scopeResource } from '../../src/engine/check.js';
import { ec2Resource } from './support/resources.js';

export default defineCheck({
  id: 'ec2-ebs-snapshot-public',
  title: 'No EBS snapshot is restorable by everyone',
  risk: 'Any AWS account can create a volume from a public snapshot and read every byte of the disk it copied.',
  category: 'infrastructure',
  responsibility: 'public-access',
  service: 'ec2',
  scope: 'regional',
  severity: 'critical',
  compliance: { 'aws-fsbp': ['EC2.1'] },
  remediation:
    'Remove the "all" group from the snapshot\'s create-volume permissions (make it private), and turn on block public access for EBS snapshots.',
  loaders: { publicSnapshots, snapshotRestorableByAll },
  async run({ region, accountId, partition, load, result }) {
    // Only public snapshots are read (one filtered call), so the region itself carries the PASS.
    // Each candidate is confirmed from its own permissions, in case the endpoint ignored the filter.
    const candidates = await load.publicSnapshots(region);
    const verdicts = await Promise.all(
      candidates.map(async (snapshot) => {
        const resource = ec2Resource('snapshot', { id: snapshot.SnapshotId, tags: snapshot.Tags }, { region, accountId, partition });
        try {
          if (!(await load.snapshotRestorableByAll(region, snapshot.SnapshotId ?? ''))) return 'private';
        } catch (error) {
          result.error(resource, error);
          return 'unknown';
        }
        const of = snapshot.VolumeId ? ` of ${snapshot.VolumeId}` : '';
        result.fail(
          resource,
          `Snapshot${of} is restorable by all AWS accounts${snapshot.Encrypted === false ? ' and is not encrypted' : ''}.`,
        );
        return 'public';
      }),
    );
    if (verdicts.every((v) => v === 'private'))
      result.pass(scopeResource(region, accountId, partition), `No snapshot this account owns in ${region} is public.`);
  },
});
