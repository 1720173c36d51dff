import { bucketEncryption, buckets } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import { fail, pass } from '../verdict.js';
import { judgeBuckets } from './s3-common.js';

const KMS = new Set(['aws:kms', 'aws:kms:dsse']);

export default defineCheck({
  id: 's3-bucket-kms-encryption',
  title: 'S3 buckets encrypt new objects by default with AWS KMS keys',
  risk: 'With SSE-S3 only, anyone allowed to read an object reads it decrypted; a KMS key adds a second, separately audited permission.',
  category: 'abstracted',
  responsibility: 'encryption-at-rest',
  service: 's3',
  scope: 'global',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['S3.17'] },
  remediation:
    'Set the bucket default encryption to SSE-KMS (aws:kms) with a customer managed key, and turn on S3 Bucket Keys to limit KMS cost.',
  loaders: { buckets, bucketEncryption },
  async run(ctx) {
    await judgeBuckets(ctx, async (bucket) => {
      const rules = await ctx.load.bucketEncryption(bucket.name, bucket.region);
      const defaults = (rules ?? []).map((r) => r.ApplyServerSideEncryptionByDefault).filter((d) => d?.SSEAlgorithm);
      if (defaults.length === 0) return fail('No default encryption configuration: new objects are not encrypted with a KMS key.');
      const kms = defaults.find((d) => KMS.has(String(d!.SSEAlgorithm)));
      if (kms)
        return pass(
          `Default encryption ${kms.SSEAlgorithm}${kms.KMSMasterKeyID ? ` with key ${kms.KMSMasterKeyID}` : ' with the AWS managed key'}.`,
        );
      return fail(`Default encryption is ${defaults.map((d) => d!.SSEAlgorithm).join(', ')} (SSE-S3), not an AWS KMS key.`);
    });
  },
});
