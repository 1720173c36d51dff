import { crossAccountGrants } from '../../src/analysis/s3-exposure.js';
import { CROSS_ACCOUNT_SENSITIVE, parsePolicy } from '../../src/analysis/s3-policy.js';
import { bucketPolicy, buckets } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import { fail, pass } from '../verdict.js';
import { bucketArn, judgeBuckets } from './s3-common.js';

export default defineCheck({
  id: 's3-bucket-cross-account-restricted',
  title: 'S3 bucket policies do not let other accounts change permissions or encryption',
  risk: 'Another account that may rewrite the bucket policy or ACLs, or its encryption, can take the bucket over or lock its owner out.',
  category: 'abstracted',
  responsibility: 'resource-policy',
  service: 's3',
  scope: 'global',
  severity: 'high',
  compliance: { 'aws-fsbp': ['S3.6'] },
  remediation: `Remove ${CROSS_ACCOUNT_SENSITIVE.join(', ')} from statements that name other accounts (or list the account as trusted in the options if intended).`,
  loaders: { buckets, bucketPolicy },
  async run(ctx) {
    await judgeBuckets(ctx, async (bucket) => {
      const policy = await ctx.load.bucketPolicy(bucket.name, bucket.region);
      if (!policy) return pass('The bucket has no policy: no other account is granted anything by it.');
      const grants = crossAccountGrants(
        parsePolicy(policy),
        bucketArn(bucket.name, ctx.partition),
        ctx.accountId,
        [...ctx.options.s3TrustedAccountIds, ...ctx.options.trustedAccountIds],
        { internetPrefix: ctx.options.internetPrefix },
      );
      if (grants.length === 0) {
        return pass(`No statement gives an untrusted account ${CROSS_ACCOUNT_SENSITIVE.join(', ')}.`);
      }
      return fail(grants.map((g) => `${g.label} gives ${g.grantees.join(', ')} ${g.actions.join(', ')}`).join('; ') + '.');
    });
  },
});
