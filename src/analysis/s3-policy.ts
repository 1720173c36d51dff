/**
 * Reading an S3 bucket policy the way S3's "is it public?" rule does. A statement is public
 * when it allows a principal that is not fixed (`*`, a wildcard ARN, a Federated principal,
 * NotPrincipal with Allow) and no condition pins the request to fixed values of the keys S3
 * accepts; a value with a wildcard or a policy variable is not fixed. Deny statements count:
 * a Deny for everyone whose conditions only let fixed values through closes what it covers.
 */
import { isInternetWide, ipVersionOf, type IpVersion } from './address-set.js';

export interface Condition {
  /** The operator as written, e.g. "StringNotEqualsIfExists". */
  operator: string;
  /** The base operator without set prefix or IfExists, e.g. "StringNotEquals". */
  base: string;
  setPrefix?: 'ForAnyValue' | 'ForAllValues';
  ifExists: boolean;
  /** Lower-cased condition key, e.g. "aws:sourcevpce". */
  key: string;
  /** The key as written, for messages. */
  keyAsWritten: string;
  values: string[];
}

export interface Principal {
  type: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';
  value: string;
}

export interface PolicyStatement {
  /** 0-based position in the Statement list. */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Principal (or NotPrincipal when `notPrincipal`); `*` is { type: '*', value: '*' }. */
  principals: Principal[];
  notPrincipal: boolean;
  /** Action patterns (or NotAction patterns when `notAction`). */
  actions: string[];
  notAction: boolean;
  resources: string[];
  notResource: boolean;
  conditions: Condition[];
}

export class PolicyParseError extends Error {
  override name = 'PolicyParseError';
}

const list = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function parsePrincipals(raw: unknown): Principal[] {
  if (raw === '*') return [{ type: '*', value: '*' }];
  if (!raw || typeof raw !== 'object') return list(raw).map((value) => ({ type: 'AWS', value }));
  const out: Principal[] = [];
  for (const [type, values] of Object.entries(raw as Record<string, unknown>)) {
    const t = (['AWS', 'Service', 'Federated', 'CanonicalUser'].find((k) => k.toLowerCase() === type.toLowerCase()) ??
      'AWS') as Principal['type'];
    for (const value of list(values)) out.push({ type: t, value });
  }
  return out;
}

function parseConditions(raw: unknown): Condition[] {
  if (!raw || typeof raw !== 'object') return [];
  const out: Condition[] = [];
  for (const [operator, entries] of Object.entries(raw as Record<string, unknown>)) {
    const m = /^(?:(ForAnyValue|ForAllValues):)?(.*?)(IfExists)?$/i.exec(operator)!;
    const setPrefix = m[1] ? (m[1].toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : 'ForAllValues') : undefined;
    for (const [key, values] of Object.entries((entries ?? {}) as Record<string, unknown>)) {
      out.push({
        operator,
        base: m[2]!,
        setPrefix,
        ifExists: !!m[3],
        key: key.toLowerCase(),
        keyAsWritten: key,
        values: list(values),
      });
    }
  }
  return out;
}

/** Parses a policy document; throws PolicyParseError on anything that is not one. */
export function parsePolicy(text: string): PolicyStatement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new PolicyParseError(`the bucket policy is not valid JSON: ${(error as Error).message}`);
  }
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  if (raw === undefined) throw new PolicyParseError('the bucket policy has no Statement');
  const statements = Array.isArray(raw) ? raw : [raw];
  return statements.map((s: Record<string, unknown>, index) => {
    const effect = String(s.Effect ?? '');
    if (effect !== 'Allow' && effect !== 'Deny') throw new PolicyParseError(`statement ${index + 1} has Effect "${effect}"`);
    return {
      index,
      sid: typeof s.Sid === 'string' && s.Sid ? s.Sid : undefined,
      effect,
      principals: parsePrincipals(s.NotPrincipal ?? s.Principal),
      notPrincipal: s.NotPrincipal !== undefined,
      actions: list(s.NotAction ?? s.Action),
      notAction: s.NotAction !== undefined,
      resources: list(s.NotResource ?? s.Resource),
      notResource: s.NotResource !== undefined,
      conditions: parseConditions(s.Condition),
    };
  });
}

export function statementLabel(s: PolicyStatement): string {
  return s.sid ? `statement "${s.sid}"` : `statement ${s.index + 1}`;
}

/** IAM-style glob match (`*` any run, `?` one character), case-insensitive. */
export function globMatch(pattern: string, text: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(text);
}

/** A value S3 calls fixed: no wildcard and no policy variable. */
export function isFixedValue(value: string): boolean {
  return value.length > 0 && !/[*?]/.test(value) && !value.includes('${');
}

/** The ARN's (or bare id's) account, when it names one. */
export function accountOfPrincipal(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const m = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(value);
  return m?.[1];
}

/** Why the statement's principal is not fixed (so it reaches anyone), or undefined when it is. */
export function unfixedPrincipal(s: PolicyStatement): string | undefined {
  if (s.notPrincipal) return 'NotPrincipal with Allow (everyone except the listed principals)';
  for (const p of s.principals) {
    if (p.type === '*' || p.value === '*') return p.type === '*' ? 'Principal "*"' : `Principal {"${p.type}": "*"}`;
    if (p.type === 'Federated') return `Federated principal ${p.value}`;
    if (!isFixedValue(p.value)) return `wildcard principal ${p.value}`;
  }
  return undefined;
}

/** The condition keys S3 accepts as restricting a statement to fixed values. */
const PIN_KEYS = new Set([
  'aws:sourceip',
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:principalorgid',
  // A fixed account or principal ARN is a fixed principal written as a condition.
  'aws:principalaccount',
  'aws:principalarn',
  'aws:userid',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
]);

const POSITIVE_MATCH = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);
const NEGATED_MATCH = new Set(['stringnotequals', 'stringnotequalsignorecase', 'stringnotlike', 'arnnotequals', 'arnnotlike']);

export interface PinOptions {
  /** An aws:SourceIp set is fixed while it holds no more public addresses than one /N block. */
  internetPrefix: { ipv4: number; ipv6: number };
}

function narrowAddresses(values: string[], opts: PinOptions): boolean {
  const byVersion = new Map<IpVersion, string[]>();
  for (const value of values) {
    const cidr = value.includes('/') ? value : value.includes(':') ? `${value}/128` : `${value}/32`;
    const version = ipVersionOf(cidr);
    if (!version) return false;
    byVersion.set(version, [...(byVersion.get(version) ?? []), cidr]);
  }
  for (const [version, cidrs] of byVersion) {
    if (isInternetWide(cidrs, version, version === 4 ? opts.internetPrefix.ipv4 : opts.internetPrefix.ipv6)) return false;
  }
  return values.length > 0;
}

function describeCondition(c: Condition): string {
  const shown = c.values.length > 3 ? `${c.values.slice(0, 3).join(', ')}, …` : c.values.join(', ');
  return `${c.operator} ${c.keyAsWritten} ${shown}`;
}

/**
 * The condition that pins an Allow to fixed values, described, or undefined. One is enough:
 * conditions are ANDed. IfExists and ForAllValues let a request without the key through, so
 * they pin nothing.
 */
export function allowPin(s: PolicyStatement, opts: PinOptions): string | undefined {
  for (const c of s.conditions) {
    if (!PIN_KEYS.has(c.key) || c.ifExists || c.setPrefix === 'ForAllValues') continue;
    const base = c.base.toLowerCase();
    const fixed =
      c.key === 'aws:sourceip'
        ? base === 'ipaddress' && narrowAddresses(c.values, opts)
        : POSITIVE_MATCH.has(base) && c.values.length > 0 && c.values.every(isFixedValue);
    if (fixed) return describeCondition(c);
  }
  return undefined;
}

/**
 * For a Deny: when every condition is a negated pin ("deny unless aws:SourceVpce is vpce-1"),
 * what gets through is only the fixed values, so the Deny closes the statement to the public.
 * Returns the description, "" for an unconditional Deny, or undefined when it closes nothing.
 */
export function denyClosure(s: PolicyStatement, opts: PinOptions): string | undefined {
  if (s.conditions.length === 0) return '';
  for (const c of s.conditions) {
    if (!PIN_KEYS.has(c.key) || c.setPrefix) return undefined;
    const base = c.base.toLowerCase();
    const fixed =
      c.key === 'aws:sourceip'
        ? base === 'notipaddress' && narrowAddresses(c.values, opts)
        : NEGATED_MATCH.has(base) && c.values.length > 0 && c.values.every(isFixedValue);
    if (!fixed) return undefined;
  }
  return s.conditions.map(describeCondition).join(' and ');
}

/** Does the Deny apply to every principal (or all but fixed ones, via NotPrincipal)? */
export function denyAppliesToEveryone(s: PolicyStatement): boolean {
  if (s.notPrincipal) return s.principals.every((p) => p.type !== '*' && isFixedValue(p.value));
  return s.principals.some((p) => p.type === '*' || (p.type === 'AWS' && p.value === '*'));
}

/** The concrete actions of `universe` a statement's Action/NotAction covers. */
export function coveredActions(s: PolicyStatement, universe: readonly string[]): string[] {
  return universe.filter((action) => {
    const hit = s.actions.some((pattern) => globMatch(pattern, action));
    return s.notAction ? !hit : hit;
  });
}

/** Does a Deny's Resource cover every resource the Allow names? (A NotResource Deny is not trusted to.) */
export function resourcesCovered(deny: PolicyStatement, allow: PolicyStatement, bucketArn: string): boolean {
  if (deny.notResource) return false;
  const wanted = allow.notResource || allow.resources.some((r) => r === '*') ? [bucketArn, `${bucketArn}/*`] : allow.resources;
  return wanted.every((r) => deny.resources.some((pattern) => globMatch(pattern, r)));
}

/** Bucket and object actions that read data or configuration ("Get*", "List*"). */
export const READ_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectAcl',
  's3:GetObjectVersionAcl',
  's3:GetObjectAttributes',
  's3:GetObjectTagging',
  's3:GetObjectVersionTagging',
  's3:GetObjectTorrent',
  's3:GetObjectRetention',
  's3:GetObjectLegalHold',
  's3:GetBucketAcl',
  's3:GetBucketPolicy',
  's3:GetBucketLocation',
  's3:GetBucketVersioning',
  's3:GetBucketLogging',
  's3:GetBucketWebsite',
  's3:GetBucketCORS',
  's3:GetBucketTagging',
  's3:GetEncryptionConfiguration',
  's3:GetLifecycleConfiguration',
  's3:GetReplicationConfiguration',
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:ListBucketMultipartUploads',
  's3:ListMultipartUploadParts',
] as const;

/** Actions that change data or configuration (S3's "Put*", "Delete*", AbortMultipartUpload, RestoreObject …). */
export const WRITE_ACTIONS = [
  's3:PutObject',
  's3:PutObjectAcl',
  's3:PutObjectVersionAcl',
  's3:PutObjectTagging',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:DeleteObjectTagging',
  's3:AbortMultipartUpload',
  's3:RestoreObject',
  's3:BypassGovernanceRetention',
  's3:ReplicateObject',
  's3:ReplicateDelete',
  's3:PutBucketAcl',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:DeleteBucket',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketOwnershipControls',
  's3:PutEncryptionConfiguration',
  's3:PutBucketVersioning',
  's3:PutBucketLogging',
  's3:PutBucketWebsite',
  's3:PutBucketCORS',
  's3:PutBucketTagging',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
] as const;

/**
 * The statement that enforces TLS (FSBP S3.5, CIS 2.1.1): a Deny for every principal, of
 * every S3 action, on the bucket and its objects, when aws:SecureTransport is false. Any
 * further condition would narrow the Deny, so such a statement does not count.
 */
export function tlsOnlyStatement(statements: readonly PolicyStatement[], bucketArn: string): PolicyStatement | undefined {
  const everything = [...READ_ACTIONS, ...WRITE_ACTIONS];
  return statements.find((s) => {
    if (s.effect !== 'Deny' || s.notPrincipal || !denyAppliesToEveryone(s)) return false;
    if (coveredActions(s, everything).length !== everything.length) return false;
    if (s.notResource || ![bucketArn, `${bucketArn}/*`].every((r) => s.resources.some((p) => globMatch(p, r)))) return false;
    if (s.conditions.length !== 1) return false;
    const [c] = s.conditions as [Condition];
    return (
      c.key === 'aws:securetransport' &&
      c.base.toLowerCase() === 'bool' &&
      !c.setPrefix &&
      c.values.length > 0 &&
      c.values.every((v) => v.toLowerCase() === 'false')
    );
  });
}

/** The actions FSBP S3.6 forbids granting to other accounts. */
export const CROSS_ACCOUNT_SENSITIVE = [
  's3:DeleteBucketPolicy',
  's3:PutBucketAcl',
  's3:PutBucketPolicy',
  's3:PutEncryptionConfiguration',
  's3:PutObjectAcl',
] as const;

export interface CrossAccountGrant {
  label: string;
  /** Who outside the account gets the actions: account ids, or a description of "anyone". */
  grantees: string[];
  actions: string[];
}

/**
 * Allow statements that give another (untrusted) account any of the S3.6 actions: named
 * principals of other accounts, or an unfixed principal not pinned to trusted accounts by
 * aws:PrincipalAccount. A Deny for everyone outside the trusted accounts (or for everyone,
 * unconditionally) takes the actions back.
 */
export function crossAccountGrants(statements: readonly PolicyStatement[], owner: string, trusted: readonly string[]): CrossAccountGrant[] {
  const allowed = new Set([owner, ...trusted]);
  const onlyTrusted = (c: Condition): boolean =>
    c.key === 'aws:principalaccount' && c.values.length > 0 && c.values.every((v) => allowed.has(v));
  const closers = statements.filter(
    (s) =>
      s.effect === 'Deny' &&
      !s.notPrincipal &&
      denyAppliesToEveryone(s) &&
      s.conditions.every((c) => onlyTrusted(c) && /^stringnotequals$/i.test(c.base) && !c.setPrefix),
  );
  const out: CrossAccountGrant[] = [];
  for (const s of statements.filter((st) => st.effect === 'Allow')) {
    let actions = coveredActions(s, CROSS_ACCOUNT_SENSITIVE);
    for (const deny of closers) {
      const closed = new Set(coveredActions(deny, actions));
      actions = actions.filter((a) => !closed.has(a));
    }
    if (actions.length === 0) continue;
    const unfixed = unfixedPrincipal(s);
    let grantees: string[];
    if (unfixed) {
      const pinned = s.conditions.some((c) => onlyTrusted(c) && /^stringequals$/i.test(c.base) && !c.ifExists && !c.setPrefix);
      grantees = pinned ? [] : [`any account (${unfixed})`];
    } else {
      grantees = [
        ...new Set(
          s.principals
            .filter((p) => p.type === 'AWS')
            .map((p) => accountOfPrincipal(p.value))
            .filter((a): a is string => a !== undefined && !allowed.has(a)),
        ),
      ];
    }
    if (grantees.length) out.push({ label: statementLabel(s), grantees, actions });
  }
  return out;
}
