import type { ManagedPolicyDetail } from '@aws-sdk/client-iam';
import { daysAgo, DEMO_ACCOUNT, DEMO_NOW, type Handlers } from './types.js';

const ACCOUNT_ARN = `arn:aws:iam::${DEMO_ACCOUNT}`;
const awsPolicy = (name: string) => `arn:aws:iam::aws:policy/${name}`;
const customerPolicy = (name: string) => `${ACCOUNT_ARN}:policy/${name}`;

// --- The credential report: dates as IAM writes them, and its three special values ---
const when = (days: number) => daysAgo(days).toISOString().replace('.000Z', '+00:00');
const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

interface Key {
  rotated: number;
  used?: number;
}
interface ReportUser {
  name: string;
  /** days ago the password was last used / changed; `used` may be 'N/A' or 'no_information'. */
  password?: { used: number | 'N/A' | 'no_information'; changed: number };
  mfa: boolean;
  keys: [Key | null, Key | null];
  inactiveKey1?: Key;
}

const reportUsers: ReportUser[] = [
  { name: 'alice', password: { used: 5, changed: 60 }, mfa: true, keys: [{ rotated: 30, used: 2 }, null] },
  { name: 'bob', password: { used: 120, changed: 300 }, mfa: false, keys: [{ rotated: 200, used: 100 }, { rotated: 10 }] },
  { name: 'carol', mfa: false, keys: [{ rotated: 20, used: 1 }, null] },
  { name: 'ci-deploy', mfa: false, keys: [null, null], inactiveKey1: { rotated: 400, used: 380 } },
  { name: 'dave', password: { used: 'no_information', changed: 400 }, mfa: true, keys: [null, null] },
  { name: 'eve', password: { used: 'N/A', changed: 3 }, mfa: true, keys: [null, null] },
];

function keyCells(key: Key | null, inactive?: Key): string[] {
  if (!key && !inactive) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  const k = (key ?? inactive)!;
  const used = k.used === undefined ? ['N/A', 'N/A', 'N/A'] : [when(k.used), 'us-east-1', 's3'];
  return [key ? 'true' : 'false', when(k.rotated), ...used];
}

function credentialReportCsv(): string {
  const root = [
    '<root_account>',
    `${ACCOUNT_ARN}:root`,
    when(2000),
    'not_supported',
    when(10), // the root password was used ten days ago
    'not_supported',
    'not_supported',
    'true',
    ...keyCells(null),
    ...keyCells(null),
    'false',
    'N/A',
    'false',
    'N/A',
  ];
  const rows = reportUsers.map((u) => [
    u.name,
    `${ACCOUNT_ARN}:user/${u.name}`,
    when(500),
    u.password ? 'true' : 'false',
    u.password ? (typeof u.password.used === 'number' ? when(u.password.used) : u.password.used) : 'N/A',
    u.password ? when(u.password.changed) : 'N/A',
    'N/A',
    String(u.mfa),
    ...keyCells(u.keys[0], u.inactiveKey1),
    ...keyCells(u.keys[1]),
    'false',
    'N/A',
    'false',
    'N/A',
  ]);
  return [HEADER, root.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

// --- Policies, URL-encoded as GetAccountAuthorizationDetails returns them ---
const encoded = (doc: object) => encodeURIComponent(JSON.stringify(doc));
const allow = (Action: string | string[], Resource: string | string[] = '*') => ({ Effect: 'Allow', Action, Resource });

function managed(
  name: string,
  arn: string,
  attachments: number,
  versions: Array<{ id: string; doc: object; isDefault: boolean }>,
): ManagedPolicyDetail {
  const def = versions.find((v) => v.isDefault)!;
  return {
    PolicyName: name,
    PolicyId: `ANPA${name
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .padEnd(17, 'X')
      .slice(0, 17)}`,
    Arn: arn,
    Path: '/',
    DefaultVersionId: def.id,
    AttachmentCount: attachments,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: daysAgo(800),
    UpdateDate: daysAgo(100),
    PolicyVersionList: versions.map((v) => ({
      VersionId: v.id,
      IsDefaultVersion: v.isDefault,
      Document: encoded(v.doc),
      CreateDate: daysAgo(100),
    })),
  };
}

const policies: ManagedPolicyDetail[] = [
  managed('AdministratorAccess', awsPolicy('AdministratorAccess'), 1, [
    { id: 'v1', isDefault: true, doc: { Version: '2012-10-17', Statement: [allow('*')] } },
  ]),
  managed('ReadOnlyAccess', awsPolicy('ReadOnlyAccess'), 1, [
    {
      id: 'v3',
      isDefault: true,
      doc: { Version: '2012-10-17', Statement: [allow(['ec2:Describe*', 's3:Get*', 's3:List*', 'iam:Get*', 'iam:List*'])] },
    },
  ]),
  managed('AWSSupportAccess', awsPolicy('AWSSupportAccess'), 1, [
    { id: 'v1', isDefault: true, doc: { Version: '2012-10-17', Statement: [allow('support:*')] } },
  ]),
  managed('AWSCloudShellFullAccess', awsPolicy('AWSCloudShellFullAccess'), 1, [
    { id: 'v1', isDefault: true, doc: { Version: '2012-10-17', Statement: [allow('cloudshell:*')] } },
  ]),
  // A home-made admin policy: "*" inside a list is still every action.
  managed('ops-admin', customerPolicy('ops-admin'), 1, [
    { id: 'v2', isDefault: true, doc: { Version: '2012-10-17', Statement: [{ Sid: 'OpsEverything', ...allow(['*'], ['*']) }] } },
  ]),
  // Its old version allowed everything; only the default version counts.
  managed('s3-readers', customerPolicy('s3-readers'), 1, [
    { id: 'v1', isDefault: false, doc: { Version: '2012-10-17', Statement: [allow('*')] } },
    {
      id: 'v2',
      isDefault: true,
      doc: {
        Version: '2012-10-17',
        Statement: [allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::demo-reports', 'arn:aws:s3:::demo-reports/*'])],
      },
    },
  ]),
  // Deny * on * is a guardrail, not a grant; unattached.
  managed('deny-everything-guardrail', customerPolicy('deny-everything-guardrail'), 0, [
    { id: 'v1', isDefault: true, doc: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } },
  ]),
];

const attach = (...names: string[]) =>
  names.map((n) => ({ PolicyName: n, PolicyArn: policies.find((p) => p.PolicyName === n)?.Arn ?? awsPolicy(n) }));
const inline = (name: string, doc: object) => ({ PolicyName: name, PolicyDocument: encoded(doc) });

const users = [
  { UserName: 'alice', GroupList: ['admins'], AttachedManagedPolicies: [], UserPolicyList: [] },
  { UserName: 'bob', GroupList: ['developers'], AttachedManagedPolicies: attach('AdministratorAccess'), UserPolicyList: [] },
  {
    UserName: 'carol',
    GroupList: ['developers'],
    AttachedManagedPolicies: [],
    UserPolicyList: [inline('carol-reports', { Version: '2012-10-17', Statement: [allow('s3:GetObject', 'arn:aws:s3:::demo-reports/*')] })],
  },
  { UserName: 'ci-deploy', GroupList: [], AttachedManagedPolicies: attach('AWSCloudShellFullAccess'), UserPolicyList: [] },
  { UserName: 'dave', GroupList: ['developers'], AttachedManagedPolicies: [], UserPolicyList: [] },
  { UserName: 'eve', GroupList: ['developers'], AttachedManagedPolicies: [], UserPolicyList: [] },
].map((u, i) => ({
  ...u,
  Path: '/',
  UserId: `AIDADEMO0000000000${i}`,
  Arn: `${ACCOUNT_ARN}:user/${u.UserName}`,
  CreateDate: daysAgo(500),
}));

const groups = [
  { GroupName: 'admins', AttachedManagedPolicies: attach('ops-admin'), GroupPolicyList: [] },
  {
    GroupName: 'developers',
    AttachedManagedPolicies: attach('ReadOnlyAccess', 's3-readers'),
    // NotAction "iam:*" allows everything else, but it is not the "*" the controls look for.
    GroupPolicyList: [
      inline('everything-but-iam', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }),
    ],
  },
].map((g, i) => ({
  ...g,
  Path: '/',
  GroupId: `AGPADEMO0000000000${i}`,
  Arn: `${ACCOUNT_ARN}:group/${g.GroupName}`,
  CreateDate: daysAgo(500),
}));

const trust = (principal: object, condition?: object) =>
  encoded({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }],
  });
/** A monitoring vendor's account: outside the zone of trust. */
const VENDOR_ROOT = 'arn:aws:iam::999988887777:root';
const roles = [
  {
    RoleName: 'support-desk',
    AssumeRolePolicyDocument: trust({ AWS: `${ACCOUNT_ARN}:root` }),
    AttachedManagedPolicies: attach('AWSSupportAccess'),
    RolePolicyList: [],
  },
  {
    RoleName: 'lambda-exec',
    AssumeRolePolicyDocument: trust({ Service: 'lambda.amazonaws.com' }),
    AttachedManagedPolicies: [],
    RolePolicyList: [inline('write-logs', { Version: '2012-10-17', Statement: [allow(['logs:CreateLogStream', 'logs:PutLogEvents'])] })],
  },
  // Trusted by a vendor that must present its external id (still outside the zone: FAIL, medium).
  {
    RoleName: 'vendor-monitoring',
    AssumeRolePolicyDocument: trust({ AWS: VENDOR_ROOT }, { StringEquals: { 'sts:ExternalId': 'vendor-7f3a9c' } }),
    AttachedManagedPolicies: [],
    RolePolicyList: [],
  },
  // Trusted by the same vendor with no external id: the confused deputy (FAIL, high).
  {
    RoleName: 'vendor-legacy-import',
    AssumeRolePolicyDocument: trust({ AWS: VENDOR_ROOT }),
    AttachedManagedPolicies: [],
    RolePolicyList: [],
  },
].map((r, i) => ({
  ...r,
  Path: '/',
  RoleId: `AROADEMO0000000000${i}`,
  Arn: `${ACCOUNT_ARN}:role/${r.RoleName}`,
  CreateDate: daysAgo(500),
}));

const serverCertificates = [
  { name: 'legacy-www-2025', expires: new Date('2025-03-01T00:00:00Z') },
  { name: 'api-2027', expires: new Date('2027-06-30T00:00:00Z') },
].map((c, i) => ({
  ServerCertificateName: c.name,
  ServerCertificateId: `ASCADEMO0000000000${i}`,
  Arn: `${ACCOUNT_ARN}:server-certificate/${c.name}`,
  Path: '/',
  UploadDate: daysAgo(700),
  Expiration: c.expires,
}));

export const iamHandlers: Handlers = {
  GetAccountSummary: () => ({
    SummaryMap: {
      AccountMFAEnabled: 1,
      AccountPasswordPresent: 1,
      AccountAccessKeysPresent: 0,
      Users: users.length,
      Groups: groups.length,
      Roles: roles.length,
      Policies: 4,
      MFADevices: 4,
      MFADevicesInUse: 4,
    },
  }),
  GetAccountPasswordPolicy: () => ({
    PasswordPolicy: {
      MinimumPasswordLength: 14,
      RequireSymbols: false,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 5,
    },
  }),
  // The root user's MFA is a virtual device: IAM.6 wants a hardware one.
  ListVirtualMFADevices: () => ({
    VirtualMFADevices: [
      {
        SerialNumber: `${ACCOUNT_ARN}:mfa/root-account-mfa-device`,
        User: { Arn: `${ACCOUNT_ARN}:root`, UserId: DEMO_ACCOUNT },
        EnableDate: daysAgo(900),
      },
      { SerialNumber: `${ACCOUNT_ARN}:mfa/alice`, User: { Arn: `${ACCOUNT_ARN}:user/alice`, UserName: 'alice' }, EnableDate: daysAgo(400) },
    ],
    IsTruncated: false,
  }),
  GenerateCredentialReport: () => ({ State: 'COMPLETE', Description: 'No report generation in progress' }),
  GetCredentialReport: () => ({
    Content: new Uint8Array(Buffer.from(credentialReportCsv(), 'utf8')),
    ReportFormat: 'text/csv',
    GeneratedTime: DEMO_NOW,
  }),
  GetAccountAuthorizationDetails: () => ({
    UserDetailList: users,
    GroupDetailList: groups,
    RoleDetailList: roles,
    Policies: policies,
    IsTruncated: false,
  }),
  ListServerCertificates: () => ({ ServerCertificateMetadataList: serverCertificates, IsTruncated: false }),
};
