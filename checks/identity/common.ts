/**
 * Resources and facts the identity checks share: the root user, the account's password
 * policy, IAM users, access keys and policies as report resources, and whether the root
 * user has credentials at all.
 */
import type { AttachedPolicy, ManagedPolicyDetail } from '@aws-sdk/client-iam';
import {
  CredentialReportFormatError,
  describeReportValue,
  type AccessKeySlot,
  type CredentialReportRow,
} from '../../src/analysis/credential-report.js';
import { decodePolicyDocument, type PolicyDocument } from '../../src/analysis/iam-policy.js';
import { MalformedResponse } from '../../src/aws/errors.js';
import type { AuthorizationDetails, CredentialReport } from '../../src/aws/loaders/iam.js';
import { scopeResource } from '../../src/engine/check.js';
import type { Resource } from '../../src/engine/types.js';

export function rootResource(accountId: string, partition: string): Resource {
  return { ...scopeResource('global', accountId, partition), name: 'root user' };
}

export function passwordPolicyResource(accountId: string, partition: string): Resource {
  return { ...scopeResource('global', accountId, partition), name: 'account password policy' };
}

export function userResource(user: { user?: string; UserName?: string; arn?: string; Arn?: string }): Resource {
  const name = user.user ?? user.UserName ?? 'unknown';
  return { id: name, type: 'AWS::IAM::User', arn: user.arn ?? user.Arn };
}

/** A user's credential: no ARN of its own (the report names keys by slot, not id), so the id carries the user. */
export function credentialResource(row: CredentialReportRow, credential: 'password' | 1 | 2): Resource {
  return credential === 'password'
    ? { id: `${row.user}/password`, type: 'AWS::IAM::LoginProfile', name: `console password of ${row.user}` }
    : { id: `${row.user}/access-key-${credential}`, type: 'AWS::IAM::AccessKey', name: `access key ${credential} of ${row.user}` };
}

/**
 * A managed policy as a resource, named by PolicyName or, where an endpoint leaves the name out
 * (moto's GetAccountAuthorizationDetails sends no PolicyName in Policies), by its ARN's last part.
 */
export function policyResource(policy: { PolicyName?: string; Arn?: string; PolicyArn?: string }): Resource {
  const arn = policy.Arn ?? policy.PolicyArn;
  return { id: policy.PolicyName || arn?.split('/').pop() || 'unknown', type: 'AWS::IAM::ManagedPolicy', arn };
}

/** The IAM users of the report: every row but `<root_account>`. */
export function reportUsers(report: CredentialReport): CredentialReportRow[] {
  return report.rows.filter((r) => !r.isRoot);
}

/** The `<root_account>` row, which AWS always writes; its absence (moto leaves it out) is an unusable report for root checks. */
export function rootRow(report: CredentialReport): CredentialReportRow {
  const row = report.rows.find((r) => r.isRoot);
  if (!row) throw new CredentialReportFormatError('the credential report has no <root_account> row, so it says nothing of the root user');
  return row;
}

/**
 * AWS Organizations' centralized root access removes the root password and keys: then the
 * root user cannot sign in and MFA protects nothing. GetAccountSummary says so with
 * AccountPasswordPresent = 0 and AccountAccessKeysPresent = 0; an endpoint that leaves
 * either out is not taken to mean "no credentials".
 */
export function rootHasNoCredentials(summary: Record<string, number>): boolean {
  return summary.AccountPasswordPresent === 0 && summary.AccountAccessKeysPresent === 0;
}

export const ROOT_WITHOUT_CREDENTIALS =
  'The root user has no password and no access keys (root credentials are managed centrally by AWS Organizations), so it cannot sign in.';

/** An AWS managed policy by name, in any partition: arn:<partition>:iam::aws:policy[/path]/<name>. */
export function isAwsManagedPolicy(attached: AttachedPolicy, name: string): boolean {
  const arn = attached.PolicyArn ?? '';
  return /^arn:[^:]+:iam::aws:policy\//.test(arn) && arn.endsWith(`/${name}`);
}

export const NO_PASSWORD_POLICY =
  "The account has no IAM password policy (GetAccountPasswordPolicy: NoSuchEntity), so only IAM's built-in default applies.";

/** A slot the report plainly shows empty: no key was ever created in it (last rotated N/A). */
export function slotHasNoKey(key: AccessKeySlot): boolean {
  return key.active !== true && key.lastRotated.kind === 'n/a';
}

/**
 * The access keys a per-key check judges: the active ones. A slot whose status the report
 * does not give is a doubt to report, unless the slot is plainly empty.
 */
export function keysToJudge(row: CredentialReportRow): Array<{ key: AccessKeySlot; unknownStatus?: Error }> {
  return row.accessKeys.flatMap((key) => {
    if (key.active === true) return [{ key }];
    if (key.active === false || slotHasNoKey(key)) return [];
    return [{ key, unknownStatus: new Error(describeReportValue(`access_key_${key.slot}_active`, key.active)) }];
  });
}

/** The document of a managed policy's default version, decoded. */
export function defaultPolicyDocument(policy: ManagedPolicyDetail): PolicyDocument {
  const versions = policy.PolicyVersionList ?? [];
  const version = versions.find((v) => v.IsDefaultVersion === true) ?? versions.find((v) => v.VersionId === policy.DefaultVersionId);
  if (!version)
    throw new MalformedResponse(
      `it returned no default version document for ${policy.Arn ?? policy.PolicyName}`,
      'iam:GetAccountAuthorizationDetails',
    );
  return decodePolicyDocument(version.Document);
}

export interface InlinePolicy {
  kind: 'user' | 'group' | 'role';
  entity: string;
  policyName: string;
  document: string | undefined;
}

/** Every inline policy of every user, group and role, with its owner. */
export function inlinePolicies(details: AuthorizationDetails): InlinePolicy[] {
  return [
    ...details.users.flatMap((u) =>
      (u.UserPolicyList ?? []).map((p) => ({
        kind: 'user' as const,
        entity: u.UserName ?? '?',
        policyName: p.PolicyName ?? '?',
        document: p.PolicyDocument,
      })),
    ),
    ...details.groups.flatMap((g) =>
      (g.GroupPolicyList ?? []).map((p) => ({
        kind: 'group' as const,
        entity: g.GroupName ?? '?',
        policyName: p.PolicyName ?? '?',
        document: p.PolicyDocument,
      })),
    ),
    ...details.roles.flatMap((r) =>
      (r.RolePolicyList ?? []).map((p) => ({
        kind: 'role' as const,
        entity: r.RoleName ?? '?',
        policyName: p.PolicyName ?? '?',
        document: p.PolicyDocument,
      })),
    ),
  ];
}

export function inlinePolicyResource(p: InlinePolicy): Resource {
  return {
    id: `${p.kind}/${p.entity}/${p.policyName}`,
    type: 'AWS::IAM::InlinePolicy',
    name: `inline policy ${p.policyName} of ${p.kind} ${p.entity}`,
  };
}

export interface Identity {
  kind: 'user' | 'group' | 'role';
  name: string;
  arn?: string;
  attached: AttachedPolicy[];
}

/** Users, groups and roles with the managed policies attached to each. */
export function identities(details: AuthorizationDetails): Identity[] {
  return [
    ...details.users.map((u) => ({
      kind: 'user' as const,
      name: u.UserName ?? '?',
      arn: u.Arn,
      attached: u.AttachedManagedPolicies ?? [],
    })),
    ...details.groups.map((g) => ({
      kind: 'group' as const,
      name: g.GroupName ?? '?',
      arn: g.Arn,
      attached: g.AttachedManagedPolicies ?? [],
    })),
    ...details.roles.map((r) => ({
      kind: 'role' as const,
      name: r.RoleName ?? '?',
      arn: r.Arn,
      attached: r.AttachedManagedPolicies ?? [],
    })),
  ];
}

const IDENTITY_TYPES = { user: 'AWS::IAM::User', group: 'AWS::IAM::Group', role: 'AWS::IAM::Role' } as const;

export function identityResource(identity: Identity): Resource {
  return { id: `${identity.kind}/${identity.name}`, type: IDENTITY_TYPES[identity.kind], arn: identity.arn, name: identity.name };
}

/** The account as the resource of an account-wide setting, named after what is judged. */
export function accountResource(accountId: string, partition: string, what: string): Resource {
  return { ...scopeResource('global', accountId, partition), name: `${what} of account ${accountId}` };
}

/** Service-linked roles (path /aws-service-role/): AWS defines their permissions and trust, so nothing in them is the customer's to trim. */
export function isServiceLinkedRole(role: { Path?: string }): boolean {
  return (role.Path ?? '').startsWith('/aws-service-role/');
}
