import { describeReportValue } from '../../src/analysis/credential-report.js';
import { credentialReport } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { reportUsers, userResource } from './common.js';

export default defineCheck({
  id: 'iam-console-users-mfa',
  title: 'Every IAM user with a console password has MFA',
  risk: 'A console password without MFA is one phishing email or reused password away from an attacker.',
  category: 'identity',
  responsibility: 'mfa',
  service: 'iam',
  scope: 'global',
  severity: 'high',
  compliance: { 'cis-aws-3.0': ['1.10'], 'cis-aws-5.0': ['1.9'], 'aws-fsbp': ['IAM.5'] },
  remediation: 'Assign an MFA device to the user (IAM > Users > Security credentials), or remove the console password if it is not needed.',
  loaders: { credentialReport },
  async run({ load, result }) {
    for (const row of reportUsers(await load.credentialReport())) {
      const resource = userResource(row);
      if (typeof row.passwordEnabled !== 'boolean') {
        result.error(resource, new Error(describeReportValue('password_enabled', row.passwordEnabled)));
      } else if (!row.passwordEnabled) {
        continue;
      } else if (typeof row.mfaActive !== 'boolean') {
        result.error(resource, new Error(describeReportValue('mfa_active', row.mfaActive)));
      } else if (row.mfaActive) {
        result.pass(resource, 'The user has a console password and an MFA device.');
      } else {
        result.fail(resource, 'The user can sign in to the console with a password alone: no MFA device is active.');
      }
    }
  },
});
