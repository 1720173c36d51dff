import { volumes } from '../../src/aws/loaders/ec2.js';
import { MalformedResponse } from '../../src/aws/errors.js';
import { defineCheck } from '../../src/engine/check.js';
import { ec2Resource } from './support/resources.js';

export default defineCheck({
  id: 'ec2-ebs-volume-encrypted',
  title: 'EBS volumes are encrypted at rest',
  risk: 'An unencrypted volume, and every snapshot taken of it, exposes its data to anyone who obtains a copy.',
  category: 'infrastructure',
  responsibility: 'encryption-at-rest',
  service: 'ec2',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['EC2.3'] },
  remediation:
    'Snapshot the volume, copy the snapshot with encryption, create a volume from the copy and swap it in; turn on encryption by default.',
  loaders: { volumes },
  async run({ region, accountId, partition, load, result }) {
    for (const volume of await load.volumes(region)) {
      const resource = ec2Resource('volume', { id: volume.VolumeId, tags: volume.Tags }, { region, accountId, partition });
      const attachedTo = (volume.Attachments ?? [])
        .filter((a) => a.State === 'attached' || a.State === 'attaching')
        .map((a) => a.InstanceId ?? 'an instance');
      const state = attachedTo.length ? `attached to ${attachedTo.join(', ')}` : 'not attached';
      if (volume.Encrypted === true)
        result.pass(resource, `Encrypted${volume.KmsKeyId ? ` with KMS key ${volume.KmsKeyId}` : ''} (${state}).`);
      else if (volume.Encrypted === false) result.fail(resource, `Not encrypted (${state}).`);
      else result.error(resource, new MalformedResponse('it did not report Encrypted for this volume', 'ec2:DescribeVolumes'));
    }
  },
});
