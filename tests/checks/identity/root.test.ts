import {
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import hardwareMfa from '../../../checks/identity/iam-root-hardware-mfa.js';
import rootMfa from '../../../checks/identity/iam-root-mfa-enabled.js';
import rootKeys from '../../../checks/identity/iam-root-no-access-keys.js';
import rootUsed from '../../../checks/identity/iam-root-not-used-recently.js';
import { awsError, runCheck } from '../../helpers/check-tester.js';
import { ago, reportOutput, rootRow, userRow, type ReportRow } from './fixtures.js';

const iam = mockClient(IAMClient);
beforeEach(() => {
  iam.reset();
  iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
});
const summary = (map: Record<string, number>) => iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: map });
const report = (...rows: ReportRow[]) => iam.on(GetCredentialReportCommand).resolves(reportOutput(rows));
const only = async (check: Parameters<typeof runCheck>[0]) => {
  const findings = await runCheck(check);
  expect(findings).toHaveLength(1);
  return findings[0]!;
};
const WITH_PASSWORD = { AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 };

describe('iam-root-mfa-enabled', () => {
  it('passes with MFA, fails without', async () => {
    summary({ ...WITH_PASSWORD, AccountMFAEnabled: 1 });
    expect((await only(rootMfa)).status).toBe('PASS');
    summary({ ...WITH_PASSWORD, AccountMFAEnabled: 0 });
    expect((await only(rootMfa)).status).toBe('FAIL');
  });
  it('is NOT_APPLICABLE when root has no password and no keys (centrally managed root)', async () => {
    summary({ AccountPasswordPresent: 0, AccountAccessKeysPresent: 0, AccountMFAEnabled: 0 });
    const f = await only(rootMfa);
    expect(f.status).toBe('NOT_APPLICABLE');
    expect(f.message).toContain('managed centrally');
  });
  it('falls back to the credential report root row when AccountMFAEnabled is absent', async () => {
    summary({});
    report(rootRow({ mfa_active: 'false' }));
    expect((await only(rootMfa)).status).toBe('FAIL');
  });
  it('is an ERROR when neither source says', async () => {
    summary({});
    report(rootRow({ mfa_active: '' }));
    expect((await only(rootMfa)).status).toBe('ERROR');
  });
  it('AccessDenied on GetAccountSummary is an ERROR', async () => {
    iam.on(GetAccountSummaryCommand).rejects(awsError('AccessDenied', 'no'));
    expect((await only(rootMfa)).status).toBe('ERROR');
  });
});

describe('iam-root-hardware-mfa', () => {
  beforeEach(() => summary({ ...WITH_PASSWORD, AccountMFAEnabled: 1 }));
  it('fails when a virtual device is assigned to the root user, matched by user ARN whatever its serial', async () => {
    iam.on(ListVirtualMFADevicesCommand).resolves({
      VirtualMFADevices: [
        {
          SerialNumber: 'arn:aws:iam::123456789012:mfa/my-phone',
          User: { Arn: 'arn:aws:iam::123456789012:root', UserName: undefined, UserId: '1', Path: '/', CreateDate: new Date() },
        },
      ],
    });
    const f = await only(hardwareMfa);
    expect(f.status).toBe('FAIL');
    expect(f.message).toContain('mfa/my-phone');
  });
  it("an IAM user's device that happens to be named root-account-mfa-device is not the root's", async () => {
    iam.on(ListVirtualMFADevicesCommand).resolves({
      VirtualMFADevices: [
        {
          SerialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device',
          User: { Arn: 'arn:aws:iam::123456789012:user/mallory', UserName: 'mallory', UserId: '3', Path: '/', CreateDate: new Date() },
        },
      ],
    });
    expect((await only(hardwareMfa)).status).toBe('PASS');
  });
  it('an endpoint that omits the device user is matched by the root serial, in any partition', async () => {
    iam.on(ListVirtualMFADevicesCommand).resolves({
      VirtualMFADevices: [{ SerialNumber: 'arn:aws-us-gov:iam::123456789012:mfa/root-account-mfa-device' }],
    });
    expect((await only(hardwareMfa)).status).toBe('FAIL');
  });
  it('passes when only IAM users have virtual devices', async () => {
    iam.on(ListVirtualMFADevicesCommand).resolves({
      VirtualMFADevices: [
        {
          SerialNumber: 'arn:aws:iam::123456789012:mfa/alice',
          User: { Arn: 'arn:aws:iam::123456789012:user/alice', UserName: 'alice', UserId: '2', Path: '/', CreateDate: new Date() },
        },
      ],
    });
    expect((await only(hardwareMfa)).status).toBe('PASS');
  });
  it('asks only for assigned devices', async () => {
    iam.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [] });
    await only(hardwareMfa);
    expect(iam.commandCalls(ListVirtualMFADevicesCommand)[0]!.args[0].input).toMatchObject({
      AssignmentStatus: 'Assigned',
      MaxItems: 1000,
    });
  });
  it('fails when root has no MFA at all', async () => {
    summary({ ...WITH_PASSWORD, AccountMFAEnabled: 0 });
    expect((await only(hardwareMfa)).status).toBe('FAIL');
  });
  it('is NOT_APPLICABLE for a centrally managed root', async () => {
    summary({ AccountPasswordPresent: 0, AccountAccessKeysPresent: 0, AccountMFAEnabled: 0 });
    expect((await only(hardwareMfa)).status).toBe('NOT_APPLICABLE');
  });
  it('AccessDenied on ListVirtualMFADevices is an ERROR', async () => {
    iam.on(ListVirtualMFADevicesCommand).rejects(awsError('AccessDenied', 'no'));
    expect((await only(hardwareMfa)).status).toBe('ERROR');
  });
});

describe('iam-root-no-access-keys', () => {
  it('passes with none, fails with one', async () => {
    summary({ AccountAccessKeysPresent: 0 });
    expect((await only(rootKeys)).status).toBe('PASS');
    summary({ AccountAccessKeysPresent: 1 });
    expect((await only(rootKeys)).status).toBe('FAIL');
  });
  it('falls back to the credential report (an inactive key still counts)', async () => {
    summary({});
    report(rootRow({ access_key_1_active: 'false', access_key_1_last_rotated: ago(400) }));
    expect((await only(rootKeys)).status).toBe('FAIL');
  });
  it('AccessDenied is an ERROR', async () => {
    iam.on(GetAccountSummaryCommand).rejects(awsError('AccessDenied', 'no'));
    expect((await only(rootKeys)).status).toBe('ERROR');
  });
});

describe('iam-root-not-used-recently', () => {
  it('fails naming the date when the root password was used within 90 days', async () => {
    report(rootRow({ password_last_used: ago(10) }), userRow('alice'));
    const f = await only(rootUsed);
    expect(f.status).toBe('FAIL');
    expect(f.message).toContain('password on 2026-11-10');
  });
  it('fails when a root key was used recently', async () => {
    report(rootRow({ password_last_used: 'N/A', access_key_2_active: 'true', access_key_2_last_used_date: ago(3) }));
    expect((await only(rootUsed)).message).toContain('access key 2 on 2026-11-17');
  });
  it.each([
    ['used long ago', ago(200)],
    ['never used (N/A)', 'N/A'],
    ['not used since 2014 (no_information)', 'no_information'],
  ])('passes when %s', async (_name, lastUsed) => {
    report(rootRow({ password_last_used: lastUsed }));
    expect((await only(rootUsed)).status).toBe('PASS');
  });
  it.each([
    ['a report without the key last-used columns', ['user', 'arn', 'password_last_used', 'access_key_1_active', 'access_key_2_active']],
    ['a report without any key columns', ['user', 'arn', 'password_last_used']],
  ])('is an ERROR, not a PASS, for %s', async (_name, columns) => {
    iam.on(GetCredentialReportCommand).resolves(reportOutput([rootRow({ password_last_used: ago(200) })], columns));
    const f = await only(rootUsed);
    expect(f.status).toBe('ERROR');
    expect(f.message).toContain('access_key_1_last_used_date');
  });
  it('an existing root key with an unreadable last-used date is an ERROR', async () => {
    report(rootRow({ access_key_1_active: 'false', access_key_1_last_rotated: ago(400), access_key_1_last_used_date: 'soon' }));
    expect((await only(rootUsed)).status).toBe('ERROR');
  });
  it('a recently used key that is now inactive still counts', async () => {
    report(rootRow({ access_key_1_active: 'false', access_key_1_last_rotated: ago(400), access_key_1_last_used_date: ago(20) }));
    expect((await only(rootUsed)).status).toBe('FAIL');
  });
  it('honours the configured number of days', async () => {
    report(rootRow({ password_last_used: ago(100) }));
    const [f] = await runCheck(rootUsed, { options: { rootUnusedDays: 120 } });
    expect(f?.status).toBe('FAIL');
  });
  it('is an ERROR when the report has no root row', async () => {
    report(userRow('alice'));
    const f = await only(rootUsed);
    expect(f.status).toBe('ERROR');
    expect(f.message).toContain('<root_account>');
  });
});
