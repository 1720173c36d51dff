import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import { bucketPublicAccessBlock, buckets } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import type { Resource } from '../../src/engine/types.js';

export const BPA_FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

export function bucketResource(name: string, partition: string): Resource {
  return { id: name, type: 'AWS::S3::Bucket', arn: `arn:${partition}:s3:::${name}` };
}

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
  compliance: { 'aws-fsbp': ['S3.8'] },
  remediation:
    'Turn on BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets for the bucket (or for the whole account in S3 settings).',
  loaders: { buckets, bucketPublicAccessBlock },
  async run({ regions, partition, load, result }) {
    const all = await load.buckets();
    // Buckets are listed account-wide; only those in the scanned regions are evaluated.
    for (const bucket of all.filter((b) => regions.includes(b.region))) {
      const resource = bucketResource(bucket.name, partition);
      const opts = { region: bucket.region };
      try {
        const missing = missingBpaFlags(await load.bucketPublicAccessBlock(bucket.name, bucket.region));
        if (missing.length === 0) result.pass(resource, 'All four Block Public Access settings are on for this bucket.', opts);
        else result.fail(resource, `Block Public Access settings off for this bucket: ${missing.join(', ')}.`, opts);
      } catch (error) {
        result.error(resource, error, opts);
      }
    }
  },
});
