import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import { bucketPublicAccessBlock, buckets } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import { fail, pass } from '../verdict.js';
import { judgeBuckets } from './s3-common.js';

export const BPA_FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** The Block Public Access flags that are not on (all four when there is no configuration). */
export function missingBpaFlags(config: PublicAccessBlockConfiguration | null): string[] {
  return BPA_FLAGS.filter((flag) => config?.[flag] !== true);
}

export default defineCheck({
  id: 's3-bucket-public-access-block',
  title: 'S3 buckets have all four Block Public Access settings on',
  risk: 'Without Block Public Access, one permissive ACL or bucket policy makes the bucket readable or writable by anyone.',
  category: 'abstracted',
  responsibility: 'public-access',
  service: 's3',
  scope: 'global',
  severity: 'high',
  compliance: { 'cis-aws-3.0': ['2.1.4'], 'cis-aws-5.0': ['2.1.4'], 'aws-fsbp': ['S3.8'] },
  remediation:
    'Turn on BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets for the bucket (or for the whole account in S3 settings).',
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
