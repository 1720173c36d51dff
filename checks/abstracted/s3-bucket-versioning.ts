import { buckets, bucketVersioning } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import { fail, pass } from '../verdict.js';
import { judgeBuckets } from './s3-common.js';

export default defineCheck({
  id: 's3-bucket-versioning',
  title: 'S3 buckets have versioning enabled',
  risk: 'Without versioning, an overwrite or delete (by mistake or by ransomware) destroys the only copy of an object.',
  category: 'abstracted',
  responsibility: 'backup',
  service: 's3',
  scope: 'global',
  severity: 'low',
  compliance: { 'aws-fsbp': ['S3.14'] },
  remediation: 'Enable versioning on the bucket, with a lifecycle rule that expires noncurrent versions after the retention you need.',
  loaders: { buckets, bucketVersioning },
  async run(ctx) {
    await judgeBuckets(ctx, async (bucket) => {
      const { status } = await ctx.load.bucketVersioning(bucket.name, bucket.region);
      if (status === 'Enabled') return pass('Versioning is enabled.');
      return fail(
        status === 'Suspended' ? 'Versioning is suspended: new overwrites and deletes are not kept.' : 'Versioning has never been enabled.',
      );
    });
  },
});
