import { accountSummary } from '../../src/aws/loaders/iam.js';
import { defineCheck, scopeResource } from '../../src/engine/check.js';

export default defineCheck({
  id: 'iam-root-mfa-enabled',
  title: 'The root user has MFA enabled',
  risk: 'The root user can do anything in the account, including closing it; a stolen root password alone is enough without MFA.',
  category: 'identity',
  responsibility: 'mfa',
  service: 'iam',
  scope: 'global',
  severity: 'critical',
  compliance: { 'cis-aws-3.0': ['1.5'], 'cis-aws-5.0': ['1.4'], 'aws-fsbp': ['IAM.9'] },
  remediation:
    'Sign in as the root user and assign an MFA device (Security credentials > Multi-factor authentication), or remove root credentials centrally with AWS Organizations.',
  loaders: { accountSummary },
  async run({ accountId, partition, load, result }) {
    const root = { ...scopeResource('global', accountId, partition), name: 'root user' };
    const summary = await load.accountSummary();
    // Accounts whose root credentials AWS Organizations removed have no password and no keys:
    // there is nothing for MFA to protect. Older endpoints omit AccountPasswordPresent; then we judge MFA.
    if (summary.AccountPasswordPresent === 0 && summary.AccountAccessKeysPresent === 0) {
      result.notApplicable(
        root,
        'The root user has no password and no access keys (root credentials are managed centrally), so it cannot sign in.',
      );
      return;
    }
    if (summary.AccountMFAEnabled === undefined) {
      result.error(root, new Error('iam:GetAccountSummary did not report AccountMFAEnabled'));
    } else if (summary.AccountMFAEnabled === 1) {
      result.pass(root, 'The root user has an MFA device.');
    } else {
      result.fail(root, 'The root user has no MFA device: its password alone signs in with full control of the account.');
    }
  },
});
