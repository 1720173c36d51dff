import { instances, ownedImages, ownedSnapshots, volumes } from '../../src/aws/loaders/ec2.js';
import { defineCheck } from '../../src/engine/check.js';
import { judgeRegionalResidency, RESIDENCY_META, residencyOf } from '../residency.js';
import { ec2Resource } from './support/resources.js';

export default defineCheck({
  ...RESIDENCY_META,
  id: 'ec2-data-residency',
  title: 'EC2 instances, EBS volumes and snapshots, and AMIs are only in allowed regions',
  category: 'infrastructure',
  service: 'ec2',
  scope: 'regional',
  remediation:
    'Move the workload to an allowed region (copy the snapshot or AMI there, or snapshot and copy the volume), then delete the instance, volume, snapshots and AMIs here.',
  loaders: { instances, volumes, ownedSnapshots, ownedImages },
  async run(ctx) {
    const { region, load } = ctx;
    const where = { region, accountId: ctx.accountId, partition: ctx.partition };
    await judgeRegionalResidency(ctx, [
      residencyOf({
        what: 'instance',
        type: 'AWS::EC2::Instance',
        plural: 'instances',
        // A terminated instance holds no data (its root volume is gone or listed as a volume).
        list: async () => (await load.instances(region)).filter((i) => i.State?.Name !== 'terminated'),
        resource: (i) => ec2Resource('instance', { id: i.InstanceId, tags: i.Tags }, where),
      }),
      residencyOf({
        what: 'volume',
        type: 'AWS::EC2::Volume',
        plural: 'volumes',
        list: () => load.volumes(region),
        resource: (v) => ec2Resource('volume', { id: v.VolumeId, tags: v.Tags }, where),
      }),
      residencyOf({
        what: 'EBS snapshot',
        type: 'AWS::EC2::Snapshot',
        plural: 'EBS snapshots',
        list: () => load.ownedSnapshots(region),
        resource: (s) => ec2Resource('snapshot', { id: s.SnapshotId, tags: s.Tags }, where),
      }),
      residencyOf({
        what: 'AMI',
        type: 'AWS::EC2::Image',
        plural: 'AMIs',
        list: () => load.ownedImages(region),
        resource: (i) => ec2Resource('image', { id: i.ImageId, tags: i.Tags, name: i.Name }, where),
      }),
    ]);
  },
});
