import {
  GetAccountAuthorizationDetailsCommand,
  IAMClient,
  ListServerCertificatesCommand,
  type ManagedPolicyDetail,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import cloudshell from '../../../checks/identity/iam-cloudshell-full-access-not-attached.js';
import customerAdmin from '../../../checks/identity/iam-customer-policy-no-full-admin.js';
import expiredCerts from '../../../checks/identity/iam-no-expired-server-certificates.js';
import attachedAdmin from '../../../checks/identity/iam-no-full-admin-policy-attached.js';
import supportRole from '../../../checks/identity/iam-support-role-exists.js';
import throughGroups from '../../../checks/identity/iam-user-permissions-through-groups.js';
import { awsError, findingFor, runCheck, verdicts } from '../../helpers/check-tester.js';
import { encodedDoc } from './fixtures.js';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());

const ACCT = 'arn:aws:iam::123456789012';
const stmt = (s: object) => ({ Version: '2012-10-17', Statement: [s] });
const managed = (
  name: string,
  arn: string,
  doc: object,
  attachments = 1,
  extra: Partial<ManagedPolicyDetail> = {},
): ManagedPolicyDetail => ({
  PolicyName: name,
  Arn: arn,
  DefaultVersionId: 'v2',
  AttachmentCount: attachments,
  PolicyVersionList: [
    { VersionId: 'v1', IsDefaultVersion: false, Document: encodedDoc(stmt({ Effect: 'Allow', Action: '*', Resource: '*' })) },
    { VersionId: 'v2', IsDefaultVersion: true, Document: encodedDoc(doc) },
  ],
  ...extra,
});
const attached = (...arns: string[]) => arns.map((PolicyArn) => ({ PolicyArn, PolicyName: PolicyArn.split('/').pop() }));
const details = (d: Record<string, unknown>) =>
  iam
    .on(GetAccountAuthorizationDetailsCommand)
    .resolves({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], ...d });

describe('iam-user-permissions-through-groups', () => {
  it('fails attached or inline user policies, passes group-only users', async () => {
    details({
      UserDetailList: [
        { UserName: 'attached', Arn: `${ACCT}:user/attached`, AttachedManagedPolicies: attached('arn:aws:iam::aws:policy/ReadOnlyAccess') },
        { UserName: 'inline', Arn: `${ACCT}:user/inline`, UserPolicyList: [{ PolicyName: 'p', PolicyDocument: encodedDoc(stmt({})) }] },
        { UserName: 'grouped', Arn: `${ACCT}:user/grouped`, GroupList: ['devs'] },
      ],
    });
    const findings = await runCheck(throughGroups);
    expect(verdicts(findings)).toEqual({ attached: 'FAIL', inline: 'FAIL', grouped: 'PASS' });
    expect(findingFor(findings, 'inline').message).toContain('inline policy p');
  });

  it('reads every page and asks for the maximum page size with all entity filters', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce({ UserDetailList: [{ UserName: 'one' }], IsTruncated: true, Marker: 'm1' })
      .resolvesOnce({ UserDetailList: [{ UserName: 'two' }], IsTruncated: false });
    expect(Object.keys(verdicts(await runCheck(throughGroups)))).toEqual(['one', 'two']);
    const input = iam.commandCalls(GetAccountAuthorizationDetailsCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ MaxItems: 1000 });
    expect([...(input.Filter ?? [])].sort()).toEqual(['AWSManagedPolicy', 'Group', 'LocalManagedPolicy', 'Role', 'User']);
  });

  it('stops at IsTruncated false even with a Marker; a repeated Marker is an ERROR, not a listing read twice', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce({ UserDetailList: [{ UserName: 'one' }], IsTruncated: true, Marker: 'm1' })
      .resolvesOnce({ UserDetailList: [{ UserName: 'two' }], IsTruncated: false, Marker: 'm2' })
      .resolves({ UserDetailList: [{ UserName: 'never' }], IsTruncated: false });
    expect(Object.keys(verdicts(await runCheck(throughGroups)))).toEqual(['one', 'two']);
    iam.reset();
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [{ UserName: 'loop' }], Marker: 'same' });
    const looped = await runCheck(throughGroups);
    expect(looped.map((f) => f.status)).toEqual(['ERROR']);
    expect(looped[0]!.message).toContain(
      'iam:GetAccountAuthorizationDetails returned an unusable answer: it returned the Marker "same" twice',
    );
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
    // A complete last page that repeats the previous Marker ends the listing, as IsTruncated says.
    iam.reset();
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce({ UserDetailList: [{ UserName: 'one' }], IsTruncated: true, Marker: 'a' })
      .resolvesOnce({ UserDetailList: [{ UserName: 'two' }], IsTruncated: false, Marker: 'a' });
    expect(Object.keys(verdicts(await runCheck(throughGroups)))).toEqual(['one', 'two']);
  });

  it('AccessDenied is an ERROR', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('AccessDenied', 'no', 403));
    expect((await runCheck(throughGroups)).map((f) => f.status)).toEqual(['ERROR']);
  });
});

describe('full "*:*" admin policies', () => {
  const admin = managed(
    'AdministratorAccess',
    'arn:aws:iam::aws:policy/AdministratorAccess',
    stmt({ Effect: 'Allow', Action: '*', Resource: '*' }),
  );
  const listAdmin = managed('ops-admin', `${ACCT}:policy/ops-admin`, stmt({ Sid: 'All', Effect: 'Allow', Action: ['*'], Resource: ['*'] }));
  const notAction = managed('not-iam', `${ACCT}:policy/not-iam`, stmt({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }));
  const deny = managed('deny-all', `${ACCT}:policy/deny-all`, stmt({ Effect: 'Deny', Action: '*', Resource: '*' }), 0);
  // Only the default version counts: v1 of every fixture policy allows everything.
  const scoped = managed('scoped', `${ACCT}:policy/scoped`, stmt({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }));
  const setup = () =>
    details({
      UserDetailList: [
        {
          UserName: 'bob',
          AttachedManagedPolicies: attached(admin.Arn!),
          UserPolicyList: [
            { PolicyName: 'inline-admin', PolicyDocument: encodedDoc(stmt({ Effect: 'Allow', Action: '*', Resource: '*' })) },
          ],
        },
      ],
      GroupDetailList: [{ GroupName: 'ops', AttachedManagedPolicies: attached(listAdmin.Arn!, notAction.Arn!, scoped.Arn!) }],
      Policies: [admin, listAdmin, notAction, deny, scoped],
    });

  it('CIS: every attached policy (AWS and customer managed) and inline policy is judged on its default version', async () => {
    setup();
    const findings = await runCheck(attachedAdmin);
    expect(verdicts(findings)).toEqual({
      AdministratorAccess: 'FAIL',
      'ops-admin': 'FAIL',
      'not-iam': 'PASS',
      scoped: 'PASS',
      'user/bob/inline-admin': 'FAIL',
    });
    expect(findingFor(findings, 'ops-admin').message).toContain('statement "All"; attached to group ops');
  });

  it('FSBP IAM.1: customer managed policies only, attached or not', async () => {
    setup();
    expect(verdicts(await runCheck(customerAdmin))).toEqual({ 'ops-admin': 'FAIL', 'not-iam': 'PASS', 'deny-all': 'PASS', scoped: 'PASS' });
  });

  it('FSBP IAM.1 excludes a policy used as a permissions boundary (excludePermissionBoundaryPolicy: true); CIS still judges it where attached', async () => {
    const boundary = managed('dev-boundary', `${ACCT}:policy/dev-boundary`, stmt({ Effect: 'Allow', Action: '*', Resource: '*' }), 0, {
      PermissionsBoundaryUsageCount: 3,
    });
    const both = managed(
      'boundary-and-grant',
      `${ACCT}:policy/boundary-and-grant`,
      stmt({ Effect: 'Allow', Action: '*', Resource: '*' }),
      1,
      {
        PermissionsBoundaryUsageCount: 1,
      },
    );
    details({
      UserDetailList: [
        {
          UserName: 'dev',
          PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundary.Arn },
          AttachedManagedPolicies: attached(both.Arn!),
        },
      ],
      Policies: [boundary, both, listAdmin],
    });
    const fsbp = await runCheck(customerAdmin);
    expect(verdicts(fsbp)).toEqual({ 'dev-boundary': 'NOT_APPLICABLE', 'boundary-and-grant': 'NOT_APPLICABLE', 'ops-admin': 'FAIL' });
    expect(findingFor(fsbp, 'dev-boundary').message).toContain('permissions boundary (3 time(s))');
    expect(findingFor(fsbp, 'boundary-and-grant').message).toContain('also attached 1 time(s)');
    // A boundary is not an attachment: CIS judges only what is attached.
    expect(verdicts(await runCheck(attachedAdmin))).toEqual({ 'boundary-and-grant': 'FAIL' });
  });

  it('reads documents form-encoded with "+" for spaces', async () => {
    const pretty = encodeURIComponent(JSON.stringify(stmt({ Effect: 'Allow', Action: '*', Resource: '*' }), null, 2)).replaceAll(
      '%20',
      '+',
    );
    details({
      UserDetailList: [{ UserName: 'u', UserPolicyList: [{ PolicyName: 'spaced', PolicyDocument: pretty }] }],
    });
    expect(verdicts(await runCheck(attachedAdmin))).toEqual({ 'user/u/spaced': 'FAIL' });
  });

  it('an attached policy whose document is unreadable or absent is an ERROR, not a PASS', async () => {
    details({
      UserDetailList: [{ UserName: 'u', AttachedManagedPolicies: attached(`${ACCT}:policy/broken`, `${ACCT}:policy/ghost`) }],
      Policies: [
        {
          ...scoped,
          PolicyName: 'broken',
          Arn: `${ACCT}:policy/broken`,
          PolicyVersionList: [{ VersionId: 'v2', IsDefaultVersion: true, Document: '%7Bnot-json' }],
        },
      ],
    });
    expect(verdicts(await runCheck(attachedAdmin))).toEqual({ broken: 'ERROR', ghost: 'ERROR' });
  });
});

describe('iam-support-role-exists', () => {
  it('passes when a role has AWSSupportAccess, fails when only a user has it', async () => {
    details({ RoleDetailList: [{ RoleName: 'support', AttachedManagedPolicies: attached('arn:aws:iam::aws:policy/AWSSupportAccess') }] });
    expect((await runCheck(supportRole)).map((f) => f.status)).toEqual(['PASS']);
    details({ UserDetailList: [{ UserName: 'u', AttachedManagedPolicies: attached('arn:aws:iam::aws:policy/AWSSupportAccess') }] });
    expect((await runCheck(supportRole)).map((f) => f.status)).toEqual(['FAIL']);
  });
  it('a customer policy named AWSSupportAccess is not the AWS managed one', async () => {
    details({ RoleDetailList: [{ RoleName: 'r', AttachedManagedPolicies: attached(`${ACCT}:policy/AWSSupportAccess`) }] });
    expect((await runCheck(supportRole)).map((f) => f.status)).toEqual(['FAIL']);
  });
});

describe('iam-cloudshell-full-access-not-attached', () => {
  it('one result per user, group and role', async () => {
    details({
      UserDetailList: [{ UserName: 'u', AttachedManagedPolicies: attached('arn:aws:iam::aws:policy/AWSCloudShellFullAccess') }],
      GroupDetailList: [{ GroupName: 'g', AttachedManagedPolicies: [] }],
      RoleDetailList: [{ RoleName: 'r', AttachedManagedPolicies: attached('arn:aws-us-gov:iam::aws:policy/AWSCloudShellFullAccess') }],
    });
    expect(verdicts(await runCheck(cloudshell))).toEqual({ 'user/u': 'FAIL', 'group/g': 'PASS', 'role/r': 'FAIL' });
  });
});

describe('iam-no-expired-server-certificates', () => {
  it('fails an expired certificate naming the date, passes a valid one', async () => {
    iam.on(ListServerCertificatesCommand).resolves({
      ServerCertificateMetadataList: [
        {
          ServerCertificateName: 'old',
          ServerCertificateId: 'A',
          Arn: `${ACCT}:server-certificate/old`,
          Path: '/',
          Expiration: new Date('2026-01-01T00:00:00Z'),
        },
        {
          ServerCertificateName: 'new',
          ServerCertificateId: 'B',
          Arn: `${ACCT}:server-certificate/new`,
          Path: '/',
          Expiration: new Date('2027-01-01T00:00:00Z'),
        },
        { ServerCertificateName: 'odd', ServerCertificateId: 'C', Arn: `${ACCT}:server-certificate/odd`, Path: '/' },
      ],
    });
    const findings = await runCheck(expiredCerts);
    expect(verdicts(findings)).toEqual({ old: 'FAIL', new: 'PASS', odd: 'ERROR' });
    expect(findingFor(findings, 'old').message).toContain('2026-01-01');
  });
  it('an unreadable Expiration is an ERROR, not a PASS', async () => {
    iam.on(ListServerCertificatesCommand).resolves({
      ServerCertificateMetadataList: [
        {
          ServerCertificateName: 'bad',
          ServerCertificateId: 'D',
          Arn: `${ACCT}:server-certificate/bad`,
          Path: '/',
          Expiration: new Date(NaN),
        },
      ],
    });
    expect(verdicts(await runCheck(expiredCerts))).toEqual({ bad: 'ERROR' });
  });
  it('stops at the last page (IsTruncated false) even when the endpoint echoes a Marker', async () => {
    iam.on(ListServerCertificatesCommand).resolves({
      ServerCertificateMetadataList: [
        {
          ServerCertificateName: 'only',
          ServerCertificateId: 'E',
          Arn: `${ACCT}:server-certificate/only`,
          Path: '/',
          Expiration: new Date('2027-01-01T00:00:00Z'),
        },
      ],
      IsTruncated: false,
      Marker: 'always-the-same',
    });
    expect(verdicts(await runCheck(expiredCerts))).toEqual({ only: 'PASS' });
    expect(iam.commandCalls(ListServerCertificatesCommand)).toHaveLength(1);
  });
  it('AccessDenied is an ERROR', async () => {
    iam.on(ListServerCertificatesCommand).rejects(awsError('AccessDenied', 'no', 403));
    expect((await runCheck(expiredCerts)).map((f) => f.status)).toEqual(['ERROR']);
  });
});
