/**
 * Can anyone outside the account read or write this bucket, and why? The way S3 decides:
 * - a public policy statement (s3-policy.ts) grants to anyone unless a Deny for everyone
 *   closes the same actions and resources to all but fixed values;
 * - ACL grants to the AllUsers or AuthenticatedUsers groups are public (READ/READ_ACP read,
 *   WRITE/WRITE_ACP write, FULL_CONTROL both), unless ACLs are disabled (BucketOwnerEnforced);
 * - effective Block Public Access is the most restrictive of account and bucket, flag by
 *   flag. IgnorePublicAcls neutralises public ACL grants; RestrictPublicBuckets neutralises a
 *   public policy. BlockPublicAcls and BlockPublicPolicy only refuse future changes: they do
 *   not make an existing public ACL or policy safe.
 * Pure: the caller supplies what the loaders read.
 */
import {
  actionsOnBucket,
  allowPin,
  deniedActions,
  denyAppliesToEveryone,
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

export const DEFAULT_PIN: PinOptions = { internetPrefix: { ipv4: 8, ipv6: 32 } };

/** The public predefined groups, by the last part of their URI (http://acs.amazonaws.com/groups/global/…). */
const PUBLIC_GROUPS: Record<string, string> = {
  allusers: 'AllUsers (anyone)',
  authenticatedusers: 'AuthenticatedUsers (any AWS account)',
};

/** The public group an ACL grantee is, read leniently (case, scheme, a trailing slash); undefined otherwise. */
function publicGroup(uri: string | undefined): string | undefined {
  const m = /^(?:https?:\/\/)?acs\.amazonaws\.com\/groups\/global\/([a-z]+)\/?$/i.exec(uri?.trim() ?? '');
  return m ? PUBLIC_GROUPS[m[1]!.toLowerCase()] : undefined;
}

const ACL_ACCESS: Record<string, Access[]> = {
  READ: ['read'],
  READ_ACP: ['read'],
  WRITE: ['write'],
  WRITE_ACP: ['write'],
  FULL_CONTROL: ['read', 'write'],
};

/** The policy alone: which statements give the public read or write that no Deny takes back. */
export function evaluatePolicy(policy: string, bucketArn: string, pin: PinOptions = DEFAULT_PIN): PolicyVerdict {
  const statements = parsePolicy(policy);
  const denies = statements.filter((s) => s.effect === 'Deny' && denyAppliesToEveryone(s));
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
      let actions = actionsOnBucket(s, universe, bucketArn);
      if (actions.length === 0) continue;
      for (const deny of denies) {
        const closure = denyClosure(deny, pin);
        if (closure === undefined) continue;
        const closed = deniedActions(deny, s, actions, bucketArn);
        if (closed.size === 0) continue;
        actions = actions.filter((a) => !closed.has(a));
        const unless = closure ? ` when ${closure} (only fixed values get through)` : '';
        safeguards.push({ access, text: `${statementLabel(deny)} denies everyone ${access} access${unless}, closing ${label}` });
      }
      if (actions.length) grants.push({ statement: s, label, access, actions, why: unfixed });
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
  if (input.policy) {
    policy = evaluatePolicy(input.policy, bucketArn, pin);
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
      // A permission S3 does not define is not assumed harmless: it counts as read and write.
      const known = ACL_ACCESS[permission];
      const text = `ACL grants ${known ? permission : `an unrecognised permission (${grant.Permission ?? 'none'})`} to ${group}`;
      for (const access of known ?? (['read', 'write'] as const)) {
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
