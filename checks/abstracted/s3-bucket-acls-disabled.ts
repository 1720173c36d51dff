import { bucketObjectOwnership, buckets } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import { fail, pass } from '../verdict.js';
import { judgeBuckets } from './s3-common.js';

export default defineCheck({
  id: 's3-bucket-acls-disabled',
  title: 'S3 buckets have ACLs disabled (Object Ownership: bucket owner enforced)',
  risk: 'While ACLs are in effect, any object or bucket ACL can grant access outside the policies you review, and uploaders can keep ownership of objects.',
  category: 'abstracted',
  responsibility: 'resource-policy',
  service: 's3',
  scope: 'global',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['S3.12'] },
  remediation: 'Move any access granted by ACLs into the bucket policy, then set Object Ownership to "Bucket owner enforced".',
  loaders: { buckets, bucketObjectOwnership },
  async run(ctx) {
    await judgeBuckets(ctx, async (bucket) => {
      const ownership = await ctx.load.bucketObjectOwnership(bucket.name, bucket.region);
      if (ownership === 'BucketOwnerEnforced') return pass('ACLs are disabled: Object Ownership is BucketOwnerEnforced.');
      return fail(
        ownership
          ? `ACLs are in effect: Object Ownership is ${ownership}.`
          : 'ACLs are in effect: the bucket has no Object Ownership setting (the legacy ObjectWriter behaviour).',
      );
    });
  },
});
