import { accountSummary, credentialReport } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { ROOT_WITHOUT_CREDENTIALS, rootHasNoCredentials, rootResource, rootRow } from './common.js';

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
  loaders: { accountSummary, credentialReport },
  async run({ accountId, partition, load, result }) {
    const root = rootResource(accountId, partition);
    const summary = await load.accountSummary();
    if (rootHasNoCredentials(summary)) {
      result.notApplicable(root, ROOT_WITHOUT_CREDENTIALS);
      return;
    }
    let mfa: boolean | undefined = summary.AccountMFAEnabled === undefined ? undefined : summary.AccountMFAEnabled === 1;
    if (mfa === undefined) {
      // An endpoint without AccountMFAEnabled: the credential report's root row says the same thing.
      const active = rootRow(await load.credentialReport()).mfaActive;
      if (typeof active === 'boolean') mfa = active;
    }
    if (mfa === undefined) {
      result.error(
        root,
        new Error('neither GetAccountSummary (AccountMFAEnabled) nor the credential report says whether the root user has MFA'),
      );
    } else if (mfa) {
      result.pass(root, 'The root user has an MFA device.');
    } else {
      result.fail(root, 'The root user has no MFA device: its password alone signs in with full control of the account.');
    }
  },
});
