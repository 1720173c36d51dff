import { parsePolicy, statementLabel, tlsOnlyStatements } from '../../src/analysis/s3-policy.js';
import { bucketPolicy, buckets } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import { fail, pass } from '../verdict.js';
import { bucketArn, judgeBuckets } from './s3-common.js';

export default defineCheck({
  id: 's3-bucket-tls-only',
  title: 'S3 bucket policies deny requests that do not use TLS',
  risk: 'Without a Deny on aws:SecureTransport false, clients can read and write the bucket over plain HTTP, open to interception and tampering.',
  category: 'abstracted',
  responsibility: 'encryption-in-transit',
  service: 's3',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['2.1.1'], 'cis-aws-5.0': ['2.1.1'], 'aws-fsbp': ['S3.5'] },
  remediation:
    'Add a statement: Effect Deny, Principal "*", Action "s3:*", Resource the bucket ARN and bucket ARN/*, Condition {"Bool": {"aws:SecureTransport": "false"}}.',
  loaders: { buckets, bucketPolicy },
  async run(ctx) {
    await judgeBuckets(ctx, async (bucket) => {
      const policy = await ctx.load.bucketPolicy(bucket.name, bucket.region);
      if (!policy) return fail('The bucket has no policy, so nothing denies requests made over plain HTTP.');
      const found = tlsOnlyStatements(parsePolicy(policy), bucketArn(bucket.name, ctx.partition));
      // One statement for the bucket ARN and another for bucket/* deny plain HTTP as surely as one for both.
      return found
        ? pass(
            `${found.map(statementLabel).join(' and ')} ${found.length > 1 ? 'together deny' : 'denies'} every principal every S3 action on the bucket and its objects when aws:SecureTransport is false.`,
          )
        : fail(
            'No policy statement denies all principals all S3 actions on both the bucket and its objects when aws:SecureTransport is false, so plain-HTTP requests are not refused.',
          );
    });
  },
});
