import { MalformedResponse } from '../../../src/aws/errors.js';
import { trails } from '../../../src/aws/loaders/cloudtrail.js';
import { bucketLogging, buckets } from '../../../src/aws/loaders/s3.js';
import { defineCheck } from '../../../src/engine/check.js';
import { fail, pass, type Verdict } from '../../verdict.js';
import { judgeTrails, trailLabel } from './common.js';

export default defineCheck({
  id: 'cloudtrail-bucket-access-logging',
  title: 'The S3 bucket each CloudTrail trail writes to has server access logging enabled',
  risk: 'Without access logs on the log bucket, who read, copied or deleted the audit trail itself cannot be established.',
  category: 'abstracted',
  responsibility: 'logging',
  service: 'cloudtrail',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['3.4'], 'cis-aws-5.0': ['3.4'], 'aws-fsbp': ['CloudTrail.7'] },
  remediation:
    'aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status file://logging.json (target: a separate log bucket).',
  loaders: { trails, buckets, bucketLogging },
  async run(ctx) {
    const own = new Map((await ctx.load.buckets()).map((b) => [b.name, b]));
    await judgeTrails(ctx, async (trail): Promise<Verdict> => {
      const name = trail.S3BucketName;
      if (!name) throw new MalformedResponse(`${trailLabel(trail, ctx.accountId)} named no S3BucketName`, 'cloudtrail:DescribeTrails');
      const bucket = own.get(name);
      // A bucket this account does not list is another account's (a central log archive): its
      // logging is judged in that account, and nothing here can read it.
      if (!bucket) {
        return {
          status: 'notApplicable',
          message: `${trailLabel(trail, ctx.accountId)} writes to s3://${name}, a bucket of another account: judge its access logging there.`,
        };
      }
      if (bucket.region === undefined) return { status: 'error', error: bucket.regionError };
      const logging = await ctx.load.bucketLogging(name, bucket.region);
      return logging?.TargetBucket
        ? pass(
            `s3://${name} (${trailLabel(trail, ctx.accountId)}) logs access to s3://${logging.TargetBucket}/${logging.TargetPrefix ?? ''}.`,
          )
        : fail(`s3://${name}, where ${trailLabel(trail, ctx.accountId)} writes its logs, has server access logging off.`);
    });
  },
});
