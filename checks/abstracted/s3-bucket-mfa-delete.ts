import { buckets, bucketVersioning } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import { fail, pass } from '../verdict.js';
import { judgeBuckets } from './s3-common.js';

export default defineCheck({
  id: 's3-bucket-mfa-delete',
  title: 'S3 buckets require MFA to delete object versions or change versioning',
  risk: 'Without MFA delete, stolen credentials alone can suspend versioning and permanently delete every object version.',
  category: 'abstracted',
  responsibility: 'backup',
  service: 's3',
  scope: 'global',
  severity: 'low',
  compliance: { 'cis-aws-3.0': ['2.1.2'], 'cis-aws-5.0': ['2.1.2'], 'aws-fsbp': ['S3.20'] },
  remediation:
    'As the root user with an MFA device, run put-bucket-versioning with MFADelete=Enabled (it cannot be set from the console or by IAM users).',
  loaders: { buckets, bucketVersioning },
  async run(ctx) {
    await judgeBuckets(ctx, async (bucket) => {
      const { status, mfaDelete } = await ctx.load.bucketVersioning(bucket.name, bucket.region);
      if (mfaDelete === 'Enabled') return pass('MFA delete is enabled.');
      const versioning = status === 'Enabled' ? '' : ' (versioning is not enabled either, and MFA delete requires it)';
      return fail(`MFA delete is not enabled${versioning}: deleting versions or suspending versioning needs no MFA.`);
    });
  },
});
