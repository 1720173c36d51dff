import { passwordPolicy } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { NO_PASSWORD_POLICY, passwordPolicyResource } from './common.js';

export default defineCheck({
  id: 'iam-password-policy-strong',
  title: 'The IAM password policy has a strong configuration',
  risk: 'Short passwords from a small alphabet are guessed and sprayed; a policy that does not demand mixed characters lets users pick them.',
  category: 'identity',
  responsibility: 'identity-and-access',
  service: 'iam',
  scope: 'global',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['IAM.7'] },
  remediation:
    'aws iam update-account-password-policy --require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols --minimum-password-length 14 (with the other settings you keep).',
  loaders: { passwordPolicy },
  async run({ accountId, partition, load, result, options }) {
    const resource = passwordPolicyResource(accountId, partition);
    const policy = await load.passwordPolicy();
    if (!policy) {
      result.fail(resource, NO_PASSWORD_POLICY);
      return;
    }
    const gaps: string[] = [];
    if (policy.RequireUppercaseCharacters !== true) gaps.push('no uppercase letter required');
    if (policy.RequireLowercaseCharacters !== true) gaps.push('no lowercase letter required');
    if (policy.RequireNumbers !== true) gaps.push('no number required');
    if (policy.RequireSymbols !== true) gaps.push('no symbol required');
    if ((policy.MinimumPasswordLength ?? 0) < options.passwordStrengthMinLength)
      gaps.push(`minimum length ${policy.MinimumPasswordLength ?? 'unset'} is below ${options.passwordStrengthMinLength}`);
    // FSBP IAM.7 gives PasswordReusePrevention and MaxPasswordAge no default value, so by
    // default it ignores reuse and expiry (CIS no longer asks for expiry either); reuse has
    // its own check (IAM.16 / CIS), expiry is reported for information only.
    const maxAge = policy.MaxPasswordAge ?? 0;
    if (options.passwordMaxAgeDays > 0) {
      // Expiry judged only when the organisation asks for it (options.passwordMaxAgeDays).
      if (maxAge <= 0) gaps.push(`passwords never expire (required: within ${options.passwordMaxAgeDays} days)`);
      else if (maxAge > options.passwordMaxAgeDays)
        gaps.push(`passwords expire after ${maxAge} days, more than ${options.passwordMaxAgeDays}`);
    }
    const expiry = maxAge > 0 ? `passwords expire after ${maxAge} days` : 'passwords do not expire';
    if (gaps.length) result.fail(resource, `The password policy is weak: ${gaps.join('; ')}.`);
    else
      result.pass(
        resource,
        `Passwords need upper and lower case, a number and a symbol, and at least ${policy.MinimumPasswordLength} characters (${expiry}).`,
      );
  },
});
