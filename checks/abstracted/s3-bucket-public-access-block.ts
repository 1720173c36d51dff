import { missingBpaFlags } from '../../src/analysis/s3-block-public-access.js';
import { bucketPublicAccessBlock, buckets } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import { fail, pass } from '../verdict.js';
import { judgeBuckets } from './s3-common.js';

/**
 * FSBP S3.8 asks for Block Public Access on the bucket itself, whatever the account sets. CIS
 * 2.1.4 accepts either level: s3-bucket-effective-public-access-block judges that.
 */
export default defineCheck({
  id: 's3-bucket-public-access-block',
  title: 'S3 buckets have all four Block Public Access settings on',
  risk: 'Without Block Public Access, one permissive ACL or bucket policy makes the bucket readable or writable by anyone.',
  category: 'abstracted',
  responsibility: 'public-access',
  service: 's3',
  scope: 'global',
  severity: 'high',
  compliance: { 'aws-fsbp': ['S3.8'] },
  remediation:
    'Turn on BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets for the bucket (FSBP S3.8 asks for the bucket-level settings even when the account has them on).',
  loaders: { buckets, bucketPublicAccessBlock },
  async run(ctx) {
    await judgeBuckets(ctx, async (bucket) => {
      const missing = missingBpaFlags(await ctx.load.bucketPublicAccessBlock(bucket.name, bucket.region));
      return missing.length === 0
        ? pass('All four Block Public Access settings are on for this bucket.')
        : fail(`Block Public Access settings off for this bucket: ${missing.join(', ')}.`);
    });
  },
});
