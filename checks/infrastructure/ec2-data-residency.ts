import { instances, volumes } from '../../src/aws/loaders/ec2.js';
import { defineCheck } from '../../src/engine/check.js';
import { judgeResidency, RESIDENCY_META, withoutPolicy } from '../residency.js';
import { ec2Resource } from './support/resources.js';

export default defineCheck({
  ...RESIDENCY_META,
  id: 'ec2-data-residency',
  title: 'EC2 instances and EBS volumes are only in allowed regions',
  category: 'infrastructure',
  service: 'ec2',
  scope: 'regional',
  remediation:
    'Move the workload to an allowed region (snapshot and copy the volume, or rebuild from an AMI copied there), then delete it here.',
  loaders: { instances, volumes },
  async run({ region, accountId, partition, load, result, options }) {
    const allowed = options.allowedRegions;
    if (withoutPolicy(allowed, { region, accountId, partition, result })) return;
    const ctx = { region, accountId, partition };
    const [running, disks] = await Promise.all([load.instances(region), load.volumes(region)]);
    for (const instance of running) {
      if (instance.State?.Name === 'terminated') continue;
      judgeResidency(result, ec2Resource('instance', { id: instance.InstanceId, tags: instance.Tags }, ctx), 'instance', region, allowed);
    }
    for (const volume of disks) {
      judgeResidency(result, ec2Resource('volume', { id: volume.VolumeId, tags: volume.Tags }, ctx), 'volume', region, allowed);
    }
  },
});
