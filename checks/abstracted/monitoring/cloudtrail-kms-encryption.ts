import { trails } from '../../../src/aws/loaders/cloudtrail.js';
import { defineCheck } from '../../../src/engine/check.js';
import { fail, pass } from '../../verdict.js';
import { judgeTrails, trailLabel } from './common.js';

export default defineCheck({
  id: 'cloudtrail-kms-encryption',
  title: 'CloudTrail logs are encrypted with a KMS key (SSE-KMS)',
  risk: 'With S3-managed encryption alone, anyone who can read the log bucket reads the logs; a KMS key adds a second permission to grant and an audit trail of decryption.',
  category: 'abstracted',
  responsibility: 'logging',
  service: 'cloudtrail',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['3.5'], 'cis-aws-5.0': ['3.5'], 'aws-fsbp': ['CloudTrail.2'] },
  remediation:
    'aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn> (the key policy must let cloudtrail.amazonaws.com use it).',
  loaders: { trails },
  async run(ctx) {
    await judgeTrails(ctx, (trail) =>
      trail.KmsKeyId
        ? pass(`${trailLabel(trail, ctx.accountId)} encrypts its logs with ${trail.KmsKeyId}.`)
        : fail(`${trailLabel(trail, ctx.accountId)} has no KMS key (KmsKeyId): logs are encrypted with S3-managed keys only.`),
    );
  },
});
