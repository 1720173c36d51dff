import { defineCheck } from '../../../src/engine/check.js';
import { judgeObjectLogging, objectLoggingLoaders } from './s3-object-logging-common.js';

export default defineCheck({
  id: 's3-object-level-logging-write',
  title: 'S3 buckets have object-level logging of write events (CloudTrail data events)',
  risk: 'Without write data events, who put, overwrote or deleted an object cannot be established.',
  category: 'abstracted',
  responsibility: 'logging',
  service: 's3',
  scope: 'global',
  severity: 'low',
  compliance: { 'cis-aws-3.0': ['3.8'], 'cis-aws-5.0': ['3.8'], 'aws-fsbp': ['S3.22'] },
  remediation:
    'aws cloudtrail put-event-selectors --trail-name <multi-region trail> --advanced-event-selectors \'[{"Name":"S3 writes","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},{"Field":"readOnly","Equals":["false"]}]}]\' (keep the management-event selector).',
  loaders: objectLoggingLoaders,
  async run(ctx) {
    await judgeObjectLogging(ctx, 'write');
  },
});
