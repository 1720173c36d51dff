import { accountSummary, assignedVirtualMfaDevices } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { ROOT_WITHOUT_CREDENTIALS, rootHasNoCredentials, rootResource } from './common.js';

export default defineCheck({
  id: 'iam-root-hardware-mfa',
  title: 'The root user uses a hardware MFA device',
  risk: 'A virtual MFA app lives on a phone or laptop that can be lost, cloned or compromised along with the root password.',
  category: 'identity',
  responsibility: 'mfa',
  service: 'iam',
  scope: 'global',
  severity: 'critical',
  compliance: { 'cis-aws-3.0': ['1.6'], 'cis-aws-5.0': ['1.5'], 'aws-fsbp': ['IAM.6'] },
  remediation:
    'Sign in as the root user, register a hardware MFA device (FIDO security key or hardware TOTP token) and remove the virtual MFA device.',
  loaders: { accountSummary, assignedVirtualMfaDevices },
  async run({ accountId, partition, load, result }) {
    const root = rootResource(accountId, partition);
    const summary = await load.accountSummary();
    if (rootHasNoCredentials(summary)) {
      result.notApplicable(root, ROOT_WITHOUT_CREDENTIALS);
      return;
    }
    if (summary.AccountMFAEnabled === undefined) {
      result.error(root, new Error('iam:GetAccountSummary did not report AccountMFAEnabled'));
      return;
    }
    if (summary.AccountMFAEnabled !== 1) {
      result.fail(root, 'The root user has no MFA device at all, hardware or virtual.');
      return;
    }
    // The root user's device is recognised by its user's ARN (whatever its serial: since 2022 a
    // root device can have any name). Only a device whose user the endpoint does not report is
    // recognised by the conventional serial arn:<partition>:iam::<account>:mfa/root-account-mfa-device;
    // a device of an IAM user that happens to bear that name is the user's, not root's.
    const rootArn = new RegExp(`^arn:[^:]+:iam::${accountId}:root$`);
    const rootSerial = new RegExp(`^arn:[^:]+:iam::${accountId}:mfa/root-account-mfa-device$`);
    const virtual = (await load.assignedVirtualMfaDevices()).find((d) =>
      d.User?.Arn ? rootArn.test(d.User.Arn) : rootSerial.test(d.SerialNumber ?? ''),
    );
    if (virtual) {
      result.fail(root, `The root user's MFA is a virtual device (${virtual.SerialNumber ?? 'serial not reported'}), not a hardware one.`);
    } else {
      result.pass(root, 'The root user has MFA and no virtual MFA device is assigned to it, so its device is a hardware one.');
    }
  },
});
