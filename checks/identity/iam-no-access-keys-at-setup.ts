import { describeReportValue, isoDay } from '../../src/analysis/credential-report.js';
import { credentialReport } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { keysToJudge, reportUsers, userResource } from './common.js';

export default defineCheck({
  id: 'iam-no-access-keys-at-setup',
  title: 'Console users have no access key that was set up and never used',
  risk: 'A key created "just in case" when the user was set up is a live credential nobody watches: the user never needed it, so nobody notices its use by someone else.',
  category: 'identity',
  responsibility: 'credential-rotation',
  service: 'iam',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['1.11'], 'cis-aws-5.0': ['1.10'] },
  remediation:
    'Delete access keys that were never used; create a key only when the user needs programmatic access, and prefer roles or IAM Identity Center.',
  loaders: { credentialReport },
  async run({ load, result }) {
    for (const row of reportUsers(await load.credentialReport())) {
      // CIS audits only users with a console password; a programmatic-only user needs its key.
      if (row.passwordEnabled !== true) continue;
      const resource = userResource(row);
      const unused: string[] = [];
      let doubt: Error | undefined;
      for (const { key, unknownStatus } of keysToJudge(row)) {
        if (unknownStatus) doubt = unknownStatus;
        // CIS's audit: an active key whose access_key_N_last_used_date is N/A has never been used.
        else if (key.lastUsed.kind === 'n/a') {
          const created =
            key.lastRotated.kind === 'date'
              ? `created ${isoDay(key.lastRotated.date)}`
              : describeReportValue(`access_key_${key.slot}_last_rotated`, key.lastRotated);
          const atSetup =
            key.lastRotated.kind === 'date' &&
            row.userCreationTime.kind === 'date' &&
            Math.abs(key.lastRotated.date.getTime() - row.userCreationTime.date.getTime()) < 86_400_000
              ? ', the day the user was created'
              : '';
          unused.push(`access key ${key.slot} (${created}${atSetup})`);
        } else if (key.lastUsed.kind !== 'date') {
          doubt = new Error(describeReportValue(`access_key_${key.slot}_last_used_date`, key.lastUsed));
        }
      }
      if (unused.length) result.fail(resource, `Has a console password and an active key never used: ${unused.join('; ')}.`);
      else if (doubt) result.error(resource, doubt);
      else result.pass(resource, 'Has a console password and no active access key that was never used.');
    }
  },
});
