import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListServerCertificatesCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { identityChecks } from '../../../checks/identity/index.js';
import { runAll } from '../../helpers/check-tester.js';
import { ago, reportOutput, rootRow, userRow } from './fixtures.js';

const iam = mockClient(IAMClient);
const aa = mockClient(AccessAnalyzerClient);
beforeEach(() => {
  iam.reset();
  aa.reset();
});

/** An account with `n` users, each with a password, MFA, a key, a group and a policy of its own. */
function account(n: number): void {
  const names = Array.from({ length: n }, (_, i) => `user-${i}`);
  iam
    .on(GetAccountSummaryCommand)
    .resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 } });
  iam.on(GetAccountPasswordPolicyCommand).resolves({ PasswordPolicy: { MinimumPasswordLength: 14 } });
  iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iam.on(GetCredentialReportCommand).resolves(
    reportOutput([
      rootRow(),
      ...names.map((u) =>
        userRow(u, {
          password_enabled: 'true',
          password_last_used: ago(3),
          mfa_active: 'true',
          access_key_1_active: 'true',
          access_key_1_last_rotated: ago(10),
          access_key_1_last_used_date: ago(1),
        }),
      ),
    ]),
  );
  iam.on(ListVirtualMFADevicesCommand).resolves({
    VirtualMFADevices: names.map((u) => ({
      SerialNumber: `arn:aws:iam::123456789012:mfa/${u}`,
      User: { Arn: `arn:aws:iam::123456789012:user/${u}`, UserName: u, UserId: u, Path: '/', CreateDate: new Date() },
    })),
  });
  iam.on(GetAccountAuthorizationDetailsCommand).resolves({
    UserDetailList: names.map((u) => ({
      UserName: u,
      Arn: `arn:aws:iam::123456789012:user/${u}`,
      GroupList: ['devs'],
      UserPolicyList: [{ PolicyName: `${u}-own`, PolicyDocument: encodeURIComponent('{"Statement":[]}') }],
    })),
    GroupDetailList: [{ GroupName: 'devs', AttachedManagedPolicies: [] }],
    RoleDetailList: [],
    Policies: [],
  });
  iam.on(ListServerCertificatesCommand).resolves({ ServerCertificateMetadataList: [] });
  aa.on(ListAnalyzersCommand).resolves({ analyzers: [] });
}

/**
 * Checks whose reads are not IAM's fixed set: Access Advisor costs one job per user and role by
 * design (pinned in issue16.test.ts and the benchmark), and the account-contact and
 * central-identity checks read Account Management and Organizations.
 */
const PER_PRINCIPAL_OR_OTHER_SERVICE = new Set([
  'iam-access-advisor-unused-services',
  'iam-users-central-identity',
  'account-contact-details',
  'account-security-contact',
]);

async function callsFor(users: number, regions: string[]) {
  account(users);
  const findings = await runAll(
    identityChecks.filter((c) => !PER_PRINCIPAL_OR_OTHER_SERVICE.has(c.id)),
    { regions },
  );
  const byOperation: Record<string, number> = {};
  for (const call of [...iam.calls(), ...aa.calls()]) {
    const name = (call.args[0] as { constructor: { name: string } }).constructor.name.replace(/Command$/, '');
    byOperation[name] = (byOperation[name] ?? 0) + 1;
  }
  return { findings, byOperation, total: iam.calls().length + aa.calls().length };
}

describe('the identity category costs a fixed number of API calls', () => {
  it('is the same for 3 users and for 300 users: 7 IAM calls plus one ListAnalyzers per region', async () => {
    const small = await callsFor(3, ['us-east-1', 'eu-west-1']);
    iam.reset();
    aa.reset();
    const large = await callsFor(300, ['us-east-1', 'eu-west-1']);
    expect(large.findings.length).toBeGreaterThan(small.findings.length * 10);
    expect(large.findings.filter((f) => f.status === 'ERROR')).toEqual([]);
    expect(large.byOperation).toEqual(small.byOperation);
    expect(small.byOperation).toEqual({
      GetAccountSummary: 1,
      GetAccountPasswordPolicy: 1,
      GenerateCredentialReport: 1,
      GetCredentialReport: 1,
      ListVirtualMFADevices: 1,
      GetAccountAuthorizationDetails: 1,
      ListServerCertificates: 1,
      ListAnalyzers: 2,
    });
    expect(small.total).toBe(9);
  });
});
