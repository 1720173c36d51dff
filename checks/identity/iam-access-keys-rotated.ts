import { dayCount, daysBetween, describeReportValue, isoDay } from '../../src/analysis/credential-report.js';
import { credentialReport } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { credentialResource, keysToJudge, reportUsers } from './common.js';

export default defineCheck({
  id: 'iam-access-keys-rotated',
  title: 'Active access keys are rotated every 90 days or sooner',
  risk: 'A long-lived key has had more time to be copied into scripts, laptops and logs, and keeps working after it leaks.',
  category: 'identity',
  responsibility: 'credential-rotation',
  service: 'iam',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['1.14'], 'cis-aws-5.0': ['1.13'], 'aws-fsbp': ['IAM.3'] },
  remediation: 'Create a second key, move its users to it, then deactivate and delete the old key; better, replace the user with a role.',
  loaders: { credentialReport },
  async run({ load, result, options, now }) {
    const limit = options.accessKeyMaxAgeDays;
    for (const row of reportUsers(await load.credentialReport())) {
      for (const { key, unknownStatus } of keysToJudge(row)) {
        const resource = credentialResource(row, key.slot);
        if (unknownStatus) {
          result.error(resource, unknownStatus);
          continue;
        }
        if (key.lastRotated.kind !== 'date') {
          result.error(resource, new Error(describeReportValue(`access_key_${key.slot}_last_rotated`, key.lastRotated)));
          continue;
        }
        const rotated = key.lastRotated.date;
        const age = daysBetween(rotated, now);
        if (age > limit) result.fail(resource, `Created or last rotated on ${isoDay(rotated)}, ${dayCount(age)} ago (limit ${limit}).`);
        else result.pass(resource, `Created or last rotated on ${isoDay(rotated)}, ${dayCount(age)} ago.`);
      }
    }
  },
});
