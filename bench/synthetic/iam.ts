/** IAM and Access Analyzer of the synthetic account: users in the credential report and in one authorization-details read. */
import { DEFAULT_OPTIONS } from '../../src/engine/options.js';
import { ACCOUNT_ID, page, pages, type Account, type SyntheticService } from './model.js';

const daysAgo = (days: number): Date => new Date(Date.now() - days * 86_400_000);
const iso = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, '+00:00');
const doc = (statement: object): string => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }));

export function iam(account: Account): SyntheticService {
  const n = account.spec.users;
  const users = Array.from({ length: n }, (_, i) => {
    const console = account.random() < 0.6;
    const key = account.random() < 0.7;
    return {
      name: `user-${i}`,
      console,
      mfa: console && account.random() < 0.8,
      key,
      keyAge: Math.floor(account.random() * 400),
      lastUsed: Math.floor(account.random() * 120),
      direct: account.random() < 0.1,
    };
  });
  const csv = [
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date',
    `<root_account>,arn:aws:iam::${ACCOUNT_ID}:root,${iso(daysAgo(900))},not_supported,${iso(daysAgo(200))},not_supported,not_supported,true,false,N/A,N/A,false,N/A,N/A`,
    ...users.map((u) =>
      [
        u.name,
        `arn:aws:iam::${ACCOUNT_ID}:user/${u.name}`,
        iso(daysAgo(500)),
        String(u.console),
        u.console ? iso(daysAgo(u.lastUsed)) : 'N/A',
        u.console ? iso(daysAgo(300)) : 'N/A',
        'N/A',
        String(u.mfa),
        String(u.key),
        u.key ? iso(daysAgo(u.keyAge)) : 'N/A',
        u.key ? iso(daysAgo(u.lastUsed)) : 'N/A',
        'false',
        'N/A',
        'N/A',
      ].join(','),
    ),
  ].join('\n');
  const localPolicies = Array.from({ length: 50 }, (_, i) => ({
    PolicyName: `policy-${i}`,
    Arn: `arn:aws:iam::${ACCOUNT_ID}:policy/policy-${i}`,
    AttachmentCount: 1,
    DefaultVersionId: 'v1',
    PolicyVersionList: [
      {
        VersionId: 'v1',
        IsDefaultVersion: true,
        Document: doc(i === 0 ? { Effect: 'Allow', Action: '*', Resource: '*' } : { Effect: 'Allow', Action: 's3:Get*', Resource: '*' }),
      },
    ],
  }));
  // One list in the order IAM pages it; each page splits into the response's four lists.
  const details = [
    ...users.map((u) => ({
      kind: 'UserDetailList',
      item: {
        UserName: u.name,
        Arn: `arn:aws:iam::${ACCOUNT_ID}:user/${u.name}`,
        GroupList: ['developers'],
        AttachedManagedPolicies: u.direct ? [{ PolicyName: 'policy-1', PolicyArn: localPolicies[1]!.Arn }] : [],
        UserPolicyList: [],
      },
    })),
    {
      kind: 'GroupDetailList',
      item: {
        GroupName: 'developers',
        Arn: `arn:aws:iam::${ACCOUNT_ID}:group/developers`,
        AttachedManagedPolicies: [],
        GroupPolicyList: [],
      },
    },
    ...Array.from({ length: Math.ceil(n / 3) }, (_, i) => ({
      kind: 'RoleDetailList',
      item: {
        RoleName: i === 0 ? 'support' : `role-${i}`,
        Arn: `arn:aws:iam::${ACCOUNT_ID}:role/role-${i}`,
        // URL-encoded, as IAM sends it; every tenth role trusts a vendor account (outside the zone).
        AssumeRolePolicyDocument: encodeURIComponent(
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${i % 10 === 9 ? '999988887777' : ACCOUNT_ID}:root` },
                Action: 'sts:AssumeRole',
              },
            ],
          }),
        ),
        AttachedManagedPolicies: i === 0 ? [{ PolicyName: 'AWSSupportAccess', PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess' }] : [],
        RolePolicyList: [],
      },
    })),
    ...localPolicies.map((item) => ({ kind: 'Policies', item })),
    {
      kind: 'Policies',
      item: {
        PolicyName: 'AWSSupportAccess',
        Arn: 'arn:aws:iam::aws:policy/AWSSupportAccess',
        AttachmentCount: 1,
        DefaultVersionId: 'v1',
        PolicyVersionList: [
          { VersionId: 'v1', IsDefaultVersion: true, Document: doc({ Effect: 'Allow', Action: 'support:*', Resource: '*' }) },
        ],
      },
    },
  ];
  const detailPages = pages(details.length, 1000);
  const principals = details.filter((d) => d.kind === 'UserDetailList' || d.kind === 'RoleDetailList').length;
  return {
    service: 'iam',
    handlers: {
      GetAccountSummary: () => ({ SummaryMap: { AccountMFAEnabled: 1, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0, Users: n } }),
      GetAccountPasswordPolicy: () => ({
        PasswordPolicy: {
          MinimumPasswordLength: 14,
          PasswordReusePrevention: 24,
          RequireSymbols: true,
          RequireNumbers: true,
          RequireUppercaseCharacters: true,
          RequireLowercaseCharacters: true,
          MaxPasswordAge: 90,
          ExpirePasswords: true,
        },
      }),
      ListVirtualMFADevices: () => ({ VirtualMFADevices: [], IsTruncated: false }),
      ListServerCertificates: () => ({ ServerCertificateMetadataList: [], IsTruncated: false }),
      GetAccountAuthorizationDetails: (_region, input) => {
        const { items, next } = page(details, input, { limitKey: 'MaxItems', tokenKey: 'Marker', max: 1000, defaultSize: 100 });
        const out: Record<string, unknown[]> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
        for (const d of items) out[d.kind]!.push(d.item);
        return { ...out, IsTruncated: next.Marker !== undefined, ...next };
      },
      // Access Advisor (issue 16): one job per user and role; jobs finish at once, each principal used S3 lately and EC2 long ago.
      GenerateServiceLastAccessedDetails: (_region, input) => ({ JobId: `job:${String(input.Arn)}` }),
      GetServiceLastAccessedDetails: () => ({
        JobStatus: 'COMPLETED',
        JobCreationDate: new Date(),
        JobCompletionDate: new Date(),
        IsTruncated: false,
        ServicesLastAccessed: [
          { ServiceName: 'Amazon S3', ServiceNamespace: 's3', LastAuthenticated: daysAgo(3) },
          { ServiceName: 'Amazon EC2', ServiceNamespace: 'ec2', LastAuthenticated: daysAgo(200) },
        ],
      }),
      GenerateCredentialReport: () => ({ State: 'COMPLETE' }),
      GetCredentialReport: () => ({ Content: new Uint8Array(Buffer.from(csv)), ReportFormat: 'text/csv', GeneratedTime: new Date() }),
    },
    minimalCalls: {
      'iam:GetAccountSummary': 1,
      'iam:GetAccountPasswordPolicy': 1,
      'iam:ListVirtualMFADevices': 1,
      'iam:ListServerCertificates': 1,
      'iam:GetAccountAuthorizationDetails': detailPages,
      'iam:GenerateCredentialReport': 1,
      'iam:GetCredentialReport': 1,
      'iam:GenerateServiceLastAccessedDetails': principals,
      'iam:GetServiceLastAccessedDetails': principals,
    },
    // Generate, then get, the credential report; or the authorization-details pages, then the
    // Access Advisor jobs, two calls each, accessAdvisorConcurrency (its default) at a time.
    criticalPath: Math.max(2, detailPages + 2 * Math.ceil(principals / DEFAULT_OPTIONS.accessAdvisorConcurrency)),
  };
}

export function accessanalyzer(account: Account): SyntheticService {
  return {
    service: 'accessanalyzer',
    handlers: {
      ListAnalyzers: (region) => ({
        analyzers:
          region === account.regions[0]
            ? [
                {
                  name: 'account',
                  arn: `arn:aws:access-analyzer:${region}:${ACCOUNT_ID}:analyzer/account`,
                  type: 'ACCOUNT',
                  status: 'ACTIVE',
                  createdAt: new Date(),
                },
              ]
            : [],
      }),
    },
    minimalCalls: { 'access-analyzer:ListAnalyzers': account.regions.length },
    criticalPath: 1,
  };
}
