import { accountPublicAccessBlock } from '../../src/aws/loaders/s3.js';
import { defineCheck, scopeResource } from '../../src/engine/check.js';
import { missingBpaFlags } from '../../src/analysis/s3-block-public-access.js';

export default defineCheck({
  id: 's3-account-public-access-block',
  title: 'The account has all four S3 Block Public Access settings on',
  risk: 'Account-level Block Public Access is the one switch that keeps every bucket, present and future, from being made public by a policy or ACL.',
  category: 'abstracted',
  responsibility: 'public-access',
  service: 's3',
  scope: 'global',
  severity: 'high',
  // Not CIS 2.1.4: that control also holds when every bucket has its own settings on, so it is
  // judged per bucket on the effective settings (s3-bucket-effective-public-access-block).
  compliance: { 'aws-fsbp': ['S3.1'] },
  remediation:
    'In S3 > Block Public Access settings for this account, turn on all four settings (after checking no bucket must stay public, e.g. a static website behind no CDN).',
  loaders: { accountPublicAccessBlock },
  async run({ accountId, partition, load, result }) {
    const account = scopeResource('global', accountId, partition);
    const config = await load.accountPublicAccessBlock();
    const missing = missingBpaFlags(config);
    if (missing.length === 0) result.pass(account, 'All four Block Public Access settings are on for the account.');
    else if (!config) result.fail(account, 'The account has no Block Public Access configuration: all four settings are off.');
    else result.fail(account, `Account-level Block Public Access settings off: ${missing.join(', ')}.`);
  },
});
