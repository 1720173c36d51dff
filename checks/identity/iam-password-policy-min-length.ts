import { passwordPolicy } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { NO_PASSWORD_POLICY, passwordPolicyResource } from './common.js';

export default defineCheck({
  id: 'iam-password-policy-min-length',
  title: 'The IAM password policy requires at least 14 characters',
  risk: 'Short passwords fall to brute force and credential stuffing against the console sign-in.',
  category: 'identity',
  responsibility: 'identity-and-access',
  service: 'iam',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['1.8'], 'cis-aws-5.0': ['1.7'], 'aws-fsbp': ['IAM.15'] },
  remediation: 'aws iam update-account-password-policy --minimum-password-length 14 (with the other settings you keep).',
  loaders: { passwordPolicy },
  async run({ accountId, partition, load, result, options }) {
    const resource = passwordPolicyResource(accountId, partition);
    const policy = await load.passwordPolicy();
    const min = options.passwordMinLength;
    if (!policy) result.fail(resource, NO_PASSWORD_POLICY);
    else if ((policy.MinimumPasswordLength ?? 0) >= min)
      result.pass(resource, `Passwords need at least ${policy.MinimumPasswordLength} characters.`);
    else
      result.fail(
        resource,
        `Passwords need only ${policy.MinimumPasswordLength ?? 'an unspecified number of'} characters; at least ${min} are required.`,
      );
  },
});
