import { buckets } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import { judgeBuckets } from './s3-common.js';
import { exposureLoaders, exposureVerdict } from './s3-exposure-common.js';

export default defineCheck({
  id: 's3-bucket-no-public-read',
  title: 'S3 buckets do not allow public read access through their policy or ACL',
  risk: "Anyone on the internet can list or download the bucket's objects.",
  category: 'abstracted',
  responsibility: 'public-access',
  service: 's3',
  scope: 'global',
  severity: 'critical',
  compliance: { 'aws-fsbp': ['S3.2'] },
  remediation:
    'Turn on Block Public Access (IgnorePublicAcls and RestrictPublicBuckets close existing grants), then remove the public statement or ACL grant; serve public content through CloudFront with origin access control.',
  loaders: { buckets, ...exposureLoaders },
  async run(ctx) {
    await judgeBuckets(ctx, async (bucket) =>
      exposureVerdict(bucket.name, ctx.partition, await ctx.load.bucketAccess(bucket.name, bucket.region), 'read', ctx.options),
    );
  },
});
