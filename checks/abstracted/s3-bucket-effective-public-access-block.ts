import { effectiveBpa, type BpaSettings } from '../../src/analysis/s3-block-public-access.js';
import { accountPublicAccessBlock, bucketPublicAccessBlock, buckets } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import { fail, pass, type Verdict } from '../verdict.js';
import { judgeBuckets } from './s3-common.js';

type Read = { settings: BpaSettings } | { error: unknown };
const settle = (read: Promise<BpaSettings>): Promise<Read> =>
  read.then(
    (settings) => ({ settings }),
    (error: unknown) => ({ error }),
  );

/**
 * CIS 2.1.4 ("Ensure that S3 is configured with 'Block Public Access' enabled") is met by the
 * account's settings or the bucket's: S3 applies the most restrictive of the two, flag by flag.
 * One unreadable level does not stop a verdict the other level settles on its own (all four on);
 * otherwise it is an ERROR naming the call that failed, never a guess.
 */
export function effectiveVerdict(account: Read, bucket: Read): Verdict {
  const { on, off, unknown } = effectiveBpa(
    'settings' in account ? account.settings : undefined,
    'settings' in bucket ? bucket.settings : undefined,
  );
  if (unknown.length) return { status: 'error', error: 'error' in account ? account.error : (bucket as { error: unknown }).error };
  const where = on.map(({ flag, at }) => `${flag} (${at.join(' and ')})`).join(', ');
  if (off.length === 0) return pass(`All four Block Public Access settings are in effect: ${where}.`);
  return fail(`Block Public Access settings on at neither the account nor the bucket level: ${off.join(', ')}.`);
}

export default defineCheck({
  id: 's3-bucket-effective-public-access-block',
  title: 'S3 buckets have all four Block Public Access settings in effect, from the account or the bucket',
  risk: 'Without Block Public Access in effect, one permissive ACL or bucket policy makes the bucket readable or writable by anyone.',
  category: 'abstracted',
  responsibility: 'public-access',
  service: 's3',
  scope: 'global',
  severity: 'high',
  compliance: { 'cis-aws-3.0': ['2.1.4'], 'cis-aws-5.0': ['2.1.4'] },
  remediation:
    'Turn on BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets for the whole account in S3 settings, or for the bucket.',
  loaders: { buckets, bucketPublicAccessBlock, accountPublicAccessBlock },
  async run(ctx) {
    const account = await settle(ctx.load.accountPublicAccessBlock());
    await judgeBuckets(ctx, async (bucket) =>
      effectiveVerdict(account, await settle(ctx.load.bucketPublicAccessBlock(bucket.name, bucket.region))),
    );
  },
});
