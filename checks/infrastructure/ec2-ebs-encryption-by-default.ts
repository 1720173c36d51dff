import { ebsEncryptionByDefault } from '../../src/aws/loaders/ec2.js';
import { defineCheck, scopeResource } from '../../src/engine/check.js';

export default defineCheck({
  id: 'ec2-ebs-encryption-by-default',
  title: 'EBS encryption by default is enabled in every region',
  risk: 'Without the regional default, every new volume and snapshot is unencrypted unless its creator remembers to ask.',
  category: 'infrastructure',
  responsibility: 'encryption-at-rest',
  service: 'ec2',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['2.2.1'], 'cis-aws-5.0': ['5.1.1'], 'aws-fsbp': ['EC2.7'] },
  remediation:
    'Turn on "Always encrypt new EBS volumes" in the EC2 console (EBS encryption settings) of each region, or call EnableEbsEncryptionByDefault.',
  loaders: { ebsEncryptionByDefault },
  async run({ region, accountId, partition, load, result }) {
    const resource = scopeResource(region, accountId, partition);
    if (await load.ebsEncryptionByDefault(region)) result.pass(resource, `New EBS volumes in ${region} are encrypted by default.`);
    else result.fail(resource, `EBS encryption by default is off in ${region}: new volumes are unencrypted unless their creator asks.`);
  },
});
