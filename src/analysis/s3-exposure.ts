/**
 * Can anyone outside the account read or write this bucket, and why? The way S3 decides:
 * - a public policy statement (s3-policy.ts) grants to anyone unless a Deny for everyone
 *   closes the same actions and resources to all but fixed values;
 * - ACL grants to the AllUsers or AuthenticatedUsers groups are public (READ/READ_ACP read,
 *   WRITE/WRITE_ACP write, FULL_CONTROL both), unless ACLs are disabled (BucketOwnerEnforced)
 *   or the bucket policy's Denies for everyone take back every action the grant gives (an
 *   explicit Deny wins over any allow, ACL grants included);
 * - effective Block Public Access is the most restrictive of account and bucket, flag by
 *   flag. IgnorePublicAcls neutralises public ACL grants; RestrictPublicBuckets neutralises a
 *   public policy. BlockPublicAcls and BlockPublicPolicy only refuse future changes: they do
 *   not make an existing public ACL or policy safe.
 * Pure: the caller supplies what the loaders read.
 */
import {
  type AccessLevel,
  analyseResourcePolicy,
  evaluateStatements as evaluateResourceStatements,
  type PolicyAccess,
  type TrustZone,
} from './resource-policy.js';
import {
  actionsOnBucket,
  allowPin,
  type Audience,
  CROSS_ACCOUNT_SENSITIVE,
  DEFAULT_PIN,
  denyClosure,
  parsePolicy,
  READ_ACTIONS,
  statementLabel,
  unfixedPrincipal,
  WRITE_ACTIONS,
  type PinOptions,
  type PolicyStatement,
} from './s3-policy.js';

export interface BpaFlags {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

export interface AclGrant {
  Grantee?: { Type?: string; URI?: string; ID?: string; DisplayName?: string; EmailAddress?: string };
  Permission?: string;
}

export type Access = 'read' | 'write';

export interface ExposureInput {
  bucket: string;
  partition?: string;
  /** The bucket policy text; null when the bucket has none. */
  policy: string | null;
  /** The bucket ACL's grants; undefined when not read because ACLs cannot matter (see aclsNeutralised). */
  aclGrants?: AclGrant[];
  /** Object Ownership; BucketOwnerEnforced disables ACLs. null when never set. */
  objectOwnership?: string | null;
  bucketBpa: BpaFlags | null;
  accountBpa: BpaFlags | null;
  /** GetBucketPolicyStatus IsPublic, when S3 gave one. */
  s3SaysPolicyPublic?: boolean;
  pin?: PinOptions;
}

export interface AccessExposure {
  public: boolean;
  /** What makes it public: statement labels, ACL grants. */
  causes: string[];
  /** What keeps it private: the pinning condition, the closing Deny, the BPA flag. */
  safeguards: string[];
}

export interface PolicyGrant {
  statement: PolicyStatement;
  label: string;
  access: Access;
  actions: string[];
  why: string;
}

export interface PolicyVerdict {
  /** Public grants that no Deny closes, per access kind. */
  grants: PolicyGrant[];
  /** Why statements that allow "*" are still not public (for one access kind, or both). */
  safeguards: Array<{ access?: Access; text: string }>;
  /** The evaluator's answer to S3's question "is this policy public?" (any read or write). */
  public: boolean;
}

export { DEFAULT_PIN };

/** The public predefined groups, by the last part of their URI (http://acs.amazonaws.com/groups/global/…). */
const PUBLIC_GROUPS: Record<string, { label: string; audience: Audience }> = {
  allusers: { label: 'AllUsers (anyone)', audience: 'anyone' },
  authenticatedusers: { label: 'AuthenticatedUsers (any AWS account)', audience: 'signed' },
};

/** The public group an ACL grantee is, read leniently (case, scheme, a trailing slash); undefined otherwise. */
function publicGroup(uri: string | undefined): { label: string; audience: Audience } | undefined {
  const m = /^(?:https?:\/\/)?acs\.amazonaws\.com\/groups\/global\/([a-z]+)\/?$/i.exec(uri?.trim() ?? '');
  return m ? PUBLIC_GROUPS[m[1]!.toLowerCase()] : undefined;
}

/**
 * What a bucket ACL permission allows, as policy actions ("Mapping of ACL permissions and access
 * policy permissions", granted on a bucket). WRITE's s3:DeleteObjectVersion is only the bucket
 * owner's, never a public group's.
 */
const READ_ACL: Record<Access, string[]> = { read: ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'], write: [] };
const READ_ACP: Record<Access, string[]> = { read: ['s3:GetBucketAcl'], write: [] };
const WRITE_ACL: Record<Access, string[]> = { read: [], write: ['s3:PutObject', 's3:DeleteObject'] };
const WRITE_ACP: Record<Access, string[]> = { read: [], write: ['s3:PutBucketAcl'] };
const ACL_ACTIONS: Record<string, Record<Access, string[]>> = {
  READ: READ_ACL,
  READ_ACP,
  WRITE: WRITE_ACL,
  WRITE_ACP,
  FULL_CONTROL: {
    read: [...READ_ACL.read, ...READ_ACP.read],
    write: [...WRITE_ACL.write, ...WRITE_ACP.write],
  },
};

/** An ACL grant read as the policy statement it amounts to: anyone, its actions, on the bucket and every object. */
function aclAsStatement(actions: string[], bucketArn: string): PolicyStatement {
  return {
    index: -1,
    effect: 'Allow',
    principals: [{ type: '*', value: '*' }],
    notPrincipal: false,
    actions,
    notAction: false,
    resources: [bucketArn, `${bucketArn}/*`],
    notResource: false,
    conditions: [],
  };
}

/** The public question knows no zone of trust: only "anyone" counts, and no account is trusted. */
const NO_ZONE: TrustZone = { accountId: '', trustedAccountIds: [] };

interface Closing {
  /** The granted actions no Deny takes back. */
  open: string[];
  /** The Denies that took some back, each with the condition that lets only fixed values through ("" for none). */
  closers: Array<{ deny: PolicyStatement; closure: string }>;
}

/**
 * Takes back from a public grant what the Denies for everyone close, on the same resources, to all
 * but fixed values: each (action, Resource pattern) of the grant against every Deny together
 * (resource-policy.ts), so one Deny may close bucket/a/* and another bucket/b/*.
 */
function closeByDenies(
  statements: readonly PolicyStatement[],
  grant: PolicyStatement,
  actions: readonly string[],
  bucketArn: string,
  pin: PinOptions,
  audience: Audience,
): Closing {
  const denies = statements.filter((s) => s.effect === 'Deny');
  const { grants } = evaluateResourceStatements([grant, ...denies], 's3', bucketArn, NO_ZONE, pin, { only: actions, audience });
  const anyone = grants.filter((g) => g.statement === grant && g.subject.kind === 'anyone');
  const open = actions.filter((a) => anyone.some((g) => g.actions.get(a)?.public));
  const used = new Set(anyone.flatMap((g) => g.closers.map((c) => c.deny)));
  const closers = denies.filter((d) => used.has(d)).map((deny) => ({ deny, closure: denyClosure(deny, pin, audience) ?? '' }));
  return { open, closers };
}

function closingText({ deny, closure }: Closing['closers'][number], access: Access, what: string): string {
  const unless = closure ? ` when ${closure} (only fixed values get through)` : '';
  return `${statementLabel(deny)} denies everyone ${access} access${unless}, closing ${what}`;
}

/** The policy alone: which statements give the public read or write that no Deny takes back. */
export function evaluatePolicy(policy: string, bucketArn: string, pin: PinOptions = DEFAULT_PIN): PolicyVerdict {
  return evaluateStatements(parsePolicy(policy), bucketArn, pin);
}

function evaluateStatements(statements: readonly PolicyStatement[], bucketArn: string, pin: PinOptions): PolicyVerdict {
  const grants: PolicyGrant[] = [];
  const safeguards: PolicyVerdict['safeguards'] = [];
  for (const s of statements.filter((st) => st.effect === 'Allow')) {
    const unfixed = unfixedPrincipal(s);
    if (!unfixed) continue;
    const label = statementLabel(s);
    const pinned = allowPin(s, pin);
    if (pinned) {
      safeguards.push({ text: `${label} allows ${unfixed} but only where ${pinned}` });
      continue;
    }
    for (const [access, universe] of [
      ['read', READ_ACTIONS],
      ['write', WRITE_ACTIONS],
    ] as const) {
      // Only what the statement grants on this bucket or its objects: an object action on the
      // bucket ARN, or any action on another bucket's ARN, grants nothing here.
      const actions = actionsOnBucket(s, universe, bucketArn);
      if (actions.length === 0) continue;
      const { open, closers } = closeByDenies(statements, s, actions, bucketArn, pin, 'anyone');
      for (const c of closers) safeguards.push({ access, text: closingText(c, access, label) });
      if (open.length) grants.push({ statement: s, label, access, actions: open, why: unfixed });
    }
  }
  const unique = [...new Map(safeguards.map((g) => [`${g.access}|${g.text}`, g])).values()];
  return { grants, safeguards: unique, public: grants.length > 0 };
}

function effectiveFlag(flag: keyof BpaFlags, input: ExposureInput): string | undefined {
  if (input.accountBpa?.[flag] === true) return `account-level ${flag}`;
  if (input.bucketBpa?.[flag] === true) return `bucket-level ${flag}`;
  return undefined;
}

/** Public ACL grants, or undefined when ACLs cannot grant anything (and need not be read). */
export function aclsNeutralised(input: Pick<ExposureInput, 'objectOwnership' | 'accountBpa' | 'bucketBpa'>): string | undefined {
  if (input.objectOwnership === 'BucketOwnerEnforced') return 'ACLs are disabled (Object Ownership BucketOwnerEnforced)';
  const ignore = effectiveFlag('IgnorePublicAcls', input as ExposureInput);
  return ignore ? `${ignore} makes S3 ignore public ACL grants` : undefined;
}

function describeActions(actions: string[], universe: readonly string[]): string {
  if (actions.length === universe.length) return 'all of them';
  return actions.length > 3 ? `${actions.slice(0, 3).join(', ')} and ${actions.length - 3} more` : actions.join(', ');
}

export interface BucketExposure {
  read: AccessExposure;
  write: AccessExposure;
  policy?: PolicyVerdict;
  /** A sentence when S3's GetBucketPolicyStatus disagrees with the evaluator about the policy. */
  disagreement?: string;
}

export function evaluateBucketExposure(input: ExposureInput): BucketExposure {
  const partition = input.partition ?? 'aws';
  const bucketArn = `arn:${partition}:s3:::${input.bucket}`;
  const pin = input.pin ?? DEFAULT_PIN;
  const out: Record<Access, AccessExposure> = {
    read: { public: false, causes: [], safeguards: [] },
    write: { public: false, causes: [], safeguards: [] },
  };
  const both = (f: (e: AccessExposure) => void): void => [out.read, out.write].forEach(f);

  let policy: PolicyVerdict | undefined;
  const statements = input.policy ? parsePolicy(input.policy) : [];
  if (input.policy) {
    policy = evaluateStatements(statements, bucketArn, pin);
    const restrict = effectiveFlag('RestrictPublicBuckets', input);
    for (const g of policy.safeguards) (g.access ? [out[g.access]] : [out.read, out.write]).forEach((e) => e.safeguards.push(g.text));
    for (const grant of policy.grants) {
      const e = out[grant.access];
      const universe = grant.access === 'read' ? READ_ACTIONS : WRITE_ACTIONS;
      const text = `bucket policy ${grant.label} allows ${grant.why} ${grant.access} actions (${describeActions(grant.actions, universe)}) with no condition pinning it to fixed values`;
      if (restrict) {
        e.safeguards.push(`${restrict} limits the public ${grant.label} to AWS services and this account`);
      } else {
        const blockOnly = effectiveFlag('BlockPublicPolicy', input);
        e.causes.push(blockOnly ? `${text} (${blockOnly} only refuses new public policies)` : text);
      }
    }
  }

  const neutralised = aclsNeutralised(input);
  if (neutralised) {
    both((e) => e.safeguards.push(neutralised));
  } else {
    if (input.aclGrants === undefined) throw new Error('the bucket ACL was not read, yet ACLs are neither disabled nor ignored');
    const blockOnly = effectiveFlag('BlockPublicAcls', input);
    for (const grant of input.aclGrants) {
      const group = publicGroup(grant.Grantee?.URI);
      if (!group) continue;
      const permission = String(grant.Permission ?? '').toUpperCase();
      // A permission S3 does not define is not assumed harmless: it counts as read and write, and no Deny closes it.
      const known = ACL_ACTIONS[permission];
      const text = `ACL grants ${known ? permission : `an unrecognised permission (${grant.Permission ?? 'none'})`} to ${group.label}`;
      for (const access of ['read', 'write'] as const) {
        if (known && known[access].length === 0) continue;
        if (known) {
          const { open, closers } = closeByDenies(
            statements,
            aclAsStatement(known[access], bucketArn),
            known[access],
            bucketArn,
            pin,
            group.audience,
          );
          if (open.length === 0) {
            for (const c of closers)
              out[access].safeguards.push(closingText(c, access, `the ACL grant of ${permission} to ${group.label}`));
            continue;
          }
        }
        out[access].causes.push(blockOnly ? `${text} (${blockOnly} only refuses new public ACLs)` : text);
      }
    }
  }

  both((e) => (e.public = e.causes.length > 0));

  let disagreement: string | undefined;
  if (policy && input.s3SaysPolicyPublic !== undefined && input.s3SaysPolicyPublic !== policy.public) {
    disagreement = input.s3SaysPolicyPublic
      ? "S3's own policy status (GetBucketPolicyStatus) calls the policy public; this evaluation finds every public grant pinned or closed by a Deny."
      : "S3's own policy status (GetBucketPolicyStatus) calls the policy not public; this evaluation finds a statement that allows anyone.";
  }
  return { read: out.read, write: out.write, policy, disagreement };
}

export interface CrossAccountGrant {
  label: string;
  /** Who outside the account gets the actions: account ids, or a description of "anyone". */
  grantees: string[];
  actions: string[];
}

/**
 * Allow statements that give another (untrusted) account any of the S3.6 actions: named
 * principals of other accounts, or an unfixed principal not pinned to trusted accounts. A Deny
 * takes an action back from the principals it names where its conditions always hold for them
 * (resource-policy.ts): everyone, the partner's account, everyone outside the trusted accounts.
 */
export function crossAccountGrants(
  statements: readonly PolicyStatement[],
  bucketArn: string,
  owner: string,
  trusted: readonly string[],
  pin: PinOptions = DEFAULT_PIN,
): CrossAccountGrant[] {
  const zone: TrustZone = { accountId: owner, trustedAccountIds: trusted };
  const { grants } = evaluateResourceStatements(statements, 's3', bucketArn, zone, pin, { only: CROSS_ACCOUNT_SENSITIVE });
  const out: CrossAccountGrant[] = [];
  for (const s of statements.filter((st) => st.effect === 'Allow')) {
    // S3.6 is about other AWS accounts: service principals and canonical users are another question (external access).
    const mine = grants.filter((g) => g.statement === s && (g.subject.kind === 'anyone' || g.subject.kind === 'account') && g.actions.size);
    if (mine.length === 0) continue;
    const grantees = [...new Set(mine.map((g) => (g.subject.kind === 'anyone' ? `any account (${g.subject.why})` : g.subject.account!)))];
    const actions = CROSS_ACCOUNT_SENSITIVE.filter((a) => mine.some((g) => g.actions.has(a)));
    out.push({ label: statementLabel(s), grantees, actions });
  }
  return out;
}

/** A bucket ACL grant to someone outside the bucket owner's account. */
export interface ExternalAclGrant {
  grantee: string;
  permission: string;
  level: AccessLevel;
  public: boolean;
}

/** What each ACL permission lets the grantee do, as an access level (FULL_CONTROL includes WRITE_ACP). */
const ACL_LEVELS: Record<string, AccessLevel> = {
  READ: 'list',
  READ_ACP: 'read',
  WRITE: 'write',
  WRITE_ACP: 'permissions',
  FULL_CONTROL: 'permissions',
};

export interface BucketExternalInput {
  bucket: string;
  partition?: string;
  policy: string | null;
  /** The ACL; undefined when ACLs are disabled (Object Ownership BucketOwnerEnforced). */
  acl?: { ownerId?: string; grants: AclGrant[] };
  bucketBpa: BpaFlags | null;
  accountBpa: BpaFlags | null;
  zone: TrustZone;
  pin?: PinOptions;
}

export interface BucketExternalAccess {
  policy: PolicyAccess[];
  acl: ExternalAclGrant[];
  /** Why grants that would be external are not. */
  safeguards: string[];
}

/**
 * Every principal outside the zone of trust that the bucket policy or ACL lets act on the bucket.
 * Effective RestrictPublicBuckets limits a public policy to AWS services and the owner's account,
 * so its public grants are not external; IgnorePublicAcls does the same for public ACL grants.
 * Neither touches a grant to a named account. The LogDelivery group is S3's own log writer for
 * the owner's buckets, not another account.
 */
export function bucketExternalAccess(input: BucketExternalInput): BucketExternalAccess {
  const partition = input.partition ?? 'aws';
  const bucketArn = `arn:${partition}:s3:::${input.bucket}`;
  const flags = { accountBpa: input.accountBpa, bucketBpa: input.bucketBpa } as ExposureInput;
  const safeguards: string[] = [];
  let policy: PolicyAccess[] = [];
  if (input.policy) {
    policy = analyseResourcePolicy(input.policy, 's3', bucketArn, input.zone, input.pin ?? DEFAULT_PIN).external;
    const restrict = effectiveFlag('RestrictPublicBuckets', flags);
    const isPublic = (a: PolicyAccess): boolean => a.principal === '*' && a.conditions === undefined;
    if (restrict && policy.some(isPublic)) {
      safeguards.push(`${restrict} limits the policy's public grants to AWS services and this account`);
      policy = policy.filter((a) => !isPublic(a));
    }
  }
  const acl: ExternalAclGrant[] = [];
  if (!input.acl) safeguards.push('ACLs are disabled (Object Ownership BucketOwnerEnforced)');
  else {
    const ignore = effectiveFlag('IgnorePublicAcls', flags);
    for (const grant of input.acl.grants) {
      const g = grant.Grantee ?? {};
      const permission = String(grant.Permission ?? '').toUpperCase();
      // A permission S3 does not define is not assumed harmless.
      const level = ACL_LEVELS[permission] ?? 'permissions';
      const type = String(g.Type ?? '');
      if (type === 'Group') {
        const group = publicGroup(g.URI);
        if (group) {
          if (ignore) safeguards.push(`${ignore} makes S3 ignore the ACL grant of ${permission} to ${group.label}`);
          else acl.push({ grantee: group.label, permission, level, public: true });
        } else if (!/\/groups\/s3\/LogDelivery\/?$/i.test(g.URI ?? '')) {
          acl.push({ grantee: `group ${g.URI ?? '(no URI)'}`, permission, level, public: false });
        }
      } else if (type === 'CanonicalUser') {
        if (input.acl.ownerId === undefined)
          throw new Error('the bucket ACL names no owner, so its canonical-user grants cannot be judged');
        if (g.ID !== input.acl.ownerId)
          acl.push({ grantee: `canonical user ${g.DisplayName ?? g.ID ?? '(no id)'}`, permission, level, public: false });
      } else {
        acl.push({
          grantee: g.EmailAddress ? `account of ${g.EmailAddress}` : `grantee of type ${type || 'unknown'}`,
          permission,
          level,
          public: false,
        });
      }
    }
  }
  return { policy, acl, safeguards };
}
