import { trails } from '../../../src/aws/loaders/cloudtrail.js';
import { defineCheck } from '../../../src/engine/check.js';
import { fail, pass } from '../../verdict.js';
import { judgeTrails, trailLabel } from './common.js';

export default defineCheck({
  id: 'cloudtrail-log-file-validation',
  title: 'CloudTrail trails have log file validation enabled',
  risk: 'Without digest files, a log file altered or deleted after delivery cannot be detected, so the trail cannot be relied on as evidence.',
  category: 'abstracted',
  responsibility: 'logging',
  service: 'cloudtrail',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['3.2'], 'cis-aws-5.0': ['3.2'], 'aws-fsbp': ['CloudTrail.4'] },
  remediation: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation',
  loaders: { trails },
  async run(ctx) {
    await judgeTrails(ctx, (trail) =>
      trail.LogFileValidationEnabled === true
        ? pass(`Log file validation is on for ${trailLabel(trail, ctx.accountId)}.`)
        : fail(`Log file validation is off for ${trailLabel(trail, ctx.accountId)}.`),
    );
  },
});
