import { dayCount, daysBetween, describeReportValue, isoDay, lastActivity, type ReportDate } from '../../src/analysis/credential-report.js';
import { credentialReport } from '../../src/aws/loaders/iam.js';
import { defineCheck, type ResultSink } from '../../src/engine/check.js';
import type { Resource } from '../../src/engine/types.js';
import { credentialResource, keysToJudge, reportUsers } from './common.js';

interface Cell {
  column: string;
  value: ReportDate;
}

/** `set`: when the credential was set, most precise first; the user's creation time is the last resort. */
function judge(result: ResultSink, resource: Resource, used: Cell, set: Cell[], now: Date, limit: number): void {
  const activity = lastActivity(used.value, ...set.map((c) => c.value));
  if (!activity) {
    const cells = [used, ...set].map((c) => describeReportValue(c.column, c.value));
    result.error(resource, new Error(`${cells.slice(0, -1).join(', ')} and ${cells.at(-1)}`));
    return;
  }
  const days = daysBetween(activity.date, now);
  const when =
    activity.basis === 'used' ? `last used on ${isoDay(activity.date)}` : `never used since it was set on ${isoDay(activity.date)}`;
  if (days >= limit) result.fail(resource, `Enabled but ${when}, ${dayCount(days)} ago (limit ${limit}).`);
  else result.pass(resource, `${when[0]!.toUpperCase()}${when.slice(1)}, ${dayCount(days)} ago.`);
}

export default defineCheck({
  id: 'iam-unused-credentials-disabled',
  title: 'Console passwords and access keys unused for 45 days or more are disabled',
  risk: 'Forgotten credentials of people who left or keys nobody uses are the ones nobody notices being abused.',
  category: 'identity',
  responsibility: 'credential-rotation',
  service: 'iam',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['1.12'], 'cis-aws-5.0': ['1.11'], 'aws-fsbp': ['IAM.22'] },
  remediation: 'Remove the console password (delete the login profile) or deactivate the access key; delete keys that were never used.',
  loaders: { credentialReport },
  async run({ load, result, options, now }) {
    const limit = options.credentialsUnusedDays;
    for (const row of reportUsers(await load.credentialReport())) {
      const created: Cell = { column: 'user_creation_time', value: row.userCreationTime };
      if (typeof row.passwordEnabled !== 'boolean') {
        result.error(credentialResource(row, 'password'), new Error(describeReportValue('password_enabled', row.passwordEnabled)));
      } else if (row.passwordEnabled) {
        judge(
          result,
          credentialResource(row, 'password'),
          { column: 'password_last_used', value: row.passwordLastUsed },
          [{ column: 'password_last_changed', value: row.passwordLastChanged }, created],
          now,
          limit,
        );
      }
      for (const { key, unknownStatus } of keysToJudge(row)) {
        const column = `access_key_${key.slot}`;
        if (unknownStatus) {
          result.error(credentialResource(row, key.slot), unknownStatus);
          continue;
        }
        judge(
          result,
          credentialResource(row, key.slot),
          { column: `${column}_last_used_date`, value: key.lastUsed },
          [{ column: `${column}_last_rotated`, value: key.lastRotated }, created],
          now,
          limit,
        );
      }
    }
  },
});
