import { accountSummary, credentialReport } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { rootResource, rootRow } from './common.js';

export default defineCheck({
  id: 'iam-root-no-access-keys',
  title: 'The root user has no access keys',
  risk: 'A root access key gives unrestricted, MFA-free programmatic control of the account to whoever holds it.',
  category: 'identity',
  responsibility: 'identity-and-access',
  service: 'iam',
  scope: 'global',
  severity: 'critical',
  compliance: { 'cis-aws-3.0': ['1.4'], 'cis-aws-5.0': ['1.3'], 'aws-fsbp': ['IAM.4'] },
  remediation: 'Sign in as the root user and delete its access keys (Security credentials > Access keys); use IAM roles instead.',
  loaders: { accountSummary, credentialReport },
  async run({ accountId, partition, load, result }) {
    const root = rootResource(accountId, partition);
    const summary = await load.accountSummary();
    let present: number | undefined = summary.AccountAccessKeysPresent;
    if (present === undefined) {
      // Fallback: a key exists when the root row shows it active or with a rotation date.
      const keys = rootRow(await load.credentialReport()).accessKeys;
      const known = keys.every((k) => typeof k.active === 'boolean');
      if (known) present = keys.filter((k) => k.active === true || k.lastRotated.kind === 'date').length;
    }
    if (present === undefined) {
      result.error(
        root,
        new Error('neither GetAccountSummary (AccountAccessKeysPresent) nor the credential report says whether root has keys'),
      );
    } else if (present > 0) {
      result.fail(root, 'The root user has at least one access key (active or inactive).');
    } else {
      result.pass(root, 'The root user has no access keys.');
    }
  },
});
