import { passwordPolicy } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { NO_PASSWORD_POLICY, passwordPolicyResource } from './common.js';

export default defineCheck({
  id: 'iam-password-policy-reuse-prevention',
  title: 'The IAM password policy prevents reuse of the last 24 passwords',
  risk: 'Users who cycle back to an old password bring back a password that may already have leaked.',
  category: 'identity',
  responsibility: 'credential-rotation',
  service: 'iam',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['1.9'], 'cis-aws-5.0': ['1.8'], 'aws-fsbp': ['IAM.16'] },
  remediation: 'aws iam update-account-password-policy --password-reuse-prevention 24 (with the other settings you keep).',
  loaders: { passwordPolicy },
  async run({ accountId, partition, load, result, options }) {
    const resource = passwordPolicyResource(accountId, partition);
    const policy = await load.passwordPolicy();
    const want = options.passwordReusePrevention;
    const reuse = policy?.PasswordReusePrevention;
    if (!policy) result.fail(resource, NO_PASSWORD_POLICY);
    else if ((reuse ?? 0) >= want) result.pass(resource, `The last ${reuse} passwords cannot be reused.`);
    else
      result.fail(
        resource,
        reuse
          ? `Only the last ${reuse} passwords are blocked from reuse; ${want} are required.`
          : `Password reuse is not prevented; ${want} are required.`,
      );
  },
});
