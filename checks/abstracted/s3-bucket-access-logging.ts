import { bucketLogging, buckets } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import { fail, pass } from '../verdict.js';
import { judgeBuckets } from './s3-common.js';

export default defineCheck({
  id: 's3-bucket-access-logging',
  title: 'S3 buckets have server access logging enabled',
  risk: 'Without access logs, who read or changed which object cannot be established after an incident.',
  category: 'abstracted',
  responsibility: 'logging',
  service: 's3',
  scope: 'global',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['S3.9'] },
  remediation: 'Enable server access logging to a dedicated log bucket (not the bucket itself), or CloudTrail data events for S3.',
  loaders: { buckets, bucketLogging },
  async run(ctx) {
    await judgeBuckets(ctx, async (bucket) => {
      const logging = await ctx.load.bucketLogging(bucket.name, bucket.region);
      if (!logging?.TargetBucket) return fail('Server access logging is off.');
      return pass(`Access logs go to s3://${logging.TargetBucket}/${logging.TargetPrefix ?? ''}.`);
    });
  },
});
