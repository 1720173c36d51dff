import { defineCheck } from '../../../src/engine/check.js';
import { judgeObjectLogging, objectLoggingLoaders } from './s3-object-logging-common.js';

export default defineCheck({
  id: 's3-object-level-logging-read',
  title: 'S3 buckets have object-level logging of read events (CloudTrail data events)',
  risk: 'Without read data events, who read or downloaded an object cannot be established.',
  category: 'abstracted',
  responsibility: 'logging',
  service: 's3',
  scope: 'global',
  severity: 'low',
  compliance: { 'cis-aws-3.0': ['3.9'], 'cis-aws-5.0': ['3.9'], 'aws-fsbp': ['S3.23'] },
  remediation:
    'aws cloudtrail put-event-selectors --trail-name <multi-region trail> --advanced-event-selectors \'[{"Name":"S3 reads","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},{"Field":"readOnly","Equals":["true"]}]}]\' (keep the management-event selector).',
  loaders: objectLoggingLoaders,
  async run(ctx) {
    await judgeObjectLogging(ctx, 'read');
  },
});
