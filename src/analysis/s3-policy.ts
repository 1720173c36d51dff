/**
 * Reading an S3 bucket policy the way S3's "is it public?" rule does. A statement is public
 * when it allows a principal that is not fixed (`*`, a wildcard ARN, a Federated principal,
 * NotPrincipal with Allow) and no condition pins the request to fixed values of the keys S3
 * accepts; a value with a wildcard or a policy variable is not fixed (except an access point
 * name in s3:DataAccessPointArn, as S3 documents). Deny statements count: a Deny for everyone
 * whose conditions only let fixed values through closes what it covers. A statement grants
 * an action only on the resources it names of that action's kind in this bucket: object
 * actions on bucket/key, bucket actions on the bucket ARN (ARNs matched case-sensitively).
 */
import { containsPublicAddresses, ipVersionOf } from './address-set.js';

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
  const statements: unknown[] = Array.isArray(raw) ? raw : [raw];
  return statements.map((entry, index) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new PolicyParseError(`statement ${index + 1} is not an object`);
    const s = entry as Record<string, unknown>;
    // IAM accepts only "Allow" and "Deny", exactly: anything else is not a policy S3 would enforce as written.
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

/**
 * IAM-style glob match (`*` any run, `?` one character). Action names are case-insensitive;
 * resource ARNs (bucket names, object keys) are not.
 */
export function globMatch(pattern: string, text: string, ignoreCase = true): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, ignoreCase ? 'i' : '').test(text);
}

/** A Resource pattern against an ARN: case-sensitive. */
export const arnMatch = (pattern: string, arn: string): boolean => globMatch(pattern, arn, false);

/** A value S3 calls fixed: no wildcard and no policy variable. */
export function isFixedValue(value: string): boolean {
  return value.length > 0 && !/[*?]/.test(value) && !value.includes('${');
}

/**
 * S3's one exception to "no wildcards": in a bucket policy, s3:DataAccessPointArn may wildcard
 * the access point name while the account (and all before it) is fixed, as in
 * arn:aws:s3:us-west-2:123456789012:accesspoint/*.
 */
function accessPointsOfOneAccount(key: string, value: string): boolean {
  return key === 's3:dataaccesspointarn' && /^arn:[a-z-]+:s3:[a-z0-9-]+:\d{12}:accesspoint\/[^$]+$/i.test(value);
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
export const PIN_KEYS: ReadonlySet<string> = new Set([
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
  // A fixed service principal ("An AWS principal, user, role, or service principal") written as a condition.
  'aws:principalservicename',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
]);

export const POSITIVE_MATCH: ReadonlySet<string> = new Set([
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'arnequals',
  'arnlike',
]);
export const NEGATED_MATCH: ReadonlySet<string> = new Set([
  'stringnotequals',
  'stringnotequalsignorecase',
  'stringnotlike',
  'arnnotequals',
  'arnnotlike',
]);

export interface PinOptions {
  /**
   * The broadest aws:SourceIp value still fixed, per IP version. S3 ("The meaning of public")
   * calls public "values broader than /8 for IPv4 and /32 for IPv6 (excluding RFC1918 private
   * ranges)": the bound is on each value, not on the union of the values.
   */
  internetPrefix: { ipv4: number; ipv6: number };
}

/** S3's own bound: /8 for IPv4 and /32 for IPv6. */
export const DEFAULT_PIN: PinOptions = { internetPrefix: { ipv4: 8, ipv6: 32 } };

/** Every aws:SourceIp value is a CIDR no broader than the bound, or holds no public address at all. */
function narrowAddresses(values: string[], opts: PinOptions): boolean {
  return (
    values.length > 0 &&
    values.every((value) => {
      const cidr = value.includes('/') ? value : value.includes(':') ? `${value}/128` : `${value}/32`;
      const version = ipVersionOf(cidr);
      if (!version) return false;
      const prefix = Number(cidr.slice(cidr.indexOf('/') + 1));
      const bound = version === 4 ? opts.internetPrefix.ipv4 : opts.internetPrefix.ipv6;
      return prefix >= bound || !containsPublicAddresses(cidr);
    })
  );
}

export function describeCondition(c: Condition): string {
  const shown = c.values.length > 3 ? `${c.values.slice(0, 3).join(', ')}, …` : c.values.join(', ');
  return `${c.operator} ${c.keyAsWritten} ${shown}`;
}

/**
 * The condition that pins an Allow to fixed values, described, or undefined. One is enough:
 * conditions are ANDed. IfExists and ForAllValues let a request without the key through, so
 * they pin nothing.
 */
export function allowPin(s: PolicyStatement, opts: PinOptions, keys: ReadonlySet<string> = PIN_KEYS): string | undefined {
  for (const c of s.conditions) {
    if (!keys.has(c.key) || c.ifExists || c.setPrefix === 'ForAllValues') continue;
    const base = c.base.toLowerCase();
    const fixed =
      c.key === 'aws:sourceip'
        ? base === 'ipaddress' && narrowAddresses(c.values, opts)
        : POSITIVE_MATCH.has(base) && c.values.length > 0 && c.values.every((v) => isFixedValue(v) || accessPointsOfOneAccount(c.key, v));
    if (fixed) return describeCondition(c);
  }
  return undefined;
}

/**
 * Who a public grant reaches: "anyone" includes anonymous (unsigned) requests (Principal "*",
 * the AllUsers group); "signed" is only callers with AWS credentials (AuthenticatedUsers).
 */
export type Audience = 'anyone' | 'signed';

/**
 * A Deny condition on aws:PrincipalIsAWSService false lets only AWS service principals through,
 * which S3 counts as non-public. The key is absent from anonymous requests, and Bool does not
 * match a missing key: only BoolIfExists also denies them; plain Bool closes signed callers only.
 */
function deniesAllButServices(c: Condition, audience: Audience): boolean {
  return (
    c.key === 'aws:principalisawsservice' &&
    c.base.toLowerCase() === 'bool' &&
    !c.setPrefix &&
    c.values.length > 0 &&
    c.values.every((v) => v.toLowerCase() === 'false') &&
    (c.ifExists || audience === 'signed')
  );
}

/**
 * For a Deny: when every condition is a negated pin ("deny unless aws:SourceVpce is vpce-1"),
 * what gets through is only the fixed values, so the Deny closes the statement to the public.
 * Returns the description, "" for an unconditional Deny, or undefined when it closes nothing
 * for this audience.
 */
export function denyClosure(
  s: PolicyStatement,
  opts: PinOptions,
  audience: Audience = 'anyone',
  keys: ReadonlySet<string> = PIN_KEYS,
): string | undefined {
  if (s.conditions.length === 0) return '';
  for (const c of s.conditions) {
    if (deniesAllButServices(c, audience)) continue;
    if (!keys.has(c.key) || c.setPrefix) return undefined;
    const base = c.base.toLowerCase();
    const fixed =
      c.key === 'aws:sourceip'
        ? base === 'notipaddress' && narrowAddresses(c.values, opts)
        : NEGATED_MATCH.has(base) && c.values.length > 0 && c.values.every(isFixedValue);
    if (!fixed) return undefined;
  }
  return s.conditions.map(describeCondition).join(' and ');
}

/**
 * Does the Deny apply to every principal (or all but fixed ones, via NotPrincipal)? A
 * Federated principal left out of the Deny is anyone with a web identity: not a fixed one.
 */
export function denyAppliesToEveryone(s: PolicyStatement): boolean {
  if (s.notPrincipal) return s.principals.every((p) => p.type !== '*' && p.type !== 'Federated' && isFixedValue(p.value));
  return s.principals.some((p) => p.type === '*' || (p.type === 'AWS' && p.value === '*'));
}

/** The concrete actions of `universe` a statement's Action/NotAction covers. */
export function coveredActions(s: PolicyStatement, universe: readonly string[]): string[] {
  return universe.filter((action) => {
    const hit = s.actions.some((pattern) => globMatch(pattern, action));
    return s.notAction ? !hit : hit;
  });
}

/** What an S3 action acts on: the bucket ARN itself, or the ARNs of its objects (bucket/key). */
export type ResourceKind = 'bucket' | 'object';

export function actionKind(action: string): ResourceKind {
  return !/bucket/i.test(action) && /object|multipart|bypassgovernance|replicate/i.test(action) ? 'object' : 'bucket';
}

/** The positions a Resource glob can be at after reading `prefix` (case-sensitive, as ARNs are). */
export function globStatesAfter(pattern: string, prefix: string): number[] {
  const closure = (states: Set<number>): Set<number> => {
    for (const i of states) if (pattern[i] === '*') states.add(i + 1);
    return states;
  };
  let states = closure(new Set([0]));
  for (const ch of prefix) {
    const next = new Set<number>();
    for (const i of states) {
      const p = pattern[i];
      if (p === '*') next.add(i);
      else if (p === '?' || p === ch) next.add(i + 1);
    }
    states = closure(next);
    if (states.size === 0) break;
  }
  return [...states];
}

/** Can the Resource pattern match some object of the bucket (a non-empty key after bucket/)? */
export function reachesSomeObject(pattern: string, bucketArn: string): boolean {
  return globStatesAfter(pattern, `${bucketArn}/`).some((i) => i < pattern.length);
}

/** Does the Resource pattern match every object of the bucket ("bucket/*", "*", "arn:aws:s3:::bu*")? */
function coversEveryObject(pattern: string, bucketArn: string): boolean {
  return globStatesAfter(pattern, `${bucketArn}/`).some((i) => {
    const rest = pattern.slice(i);
    return rest.includes('*') && /^\**\??\**$/.test(rest);
  });
}

/** Does the statement's Resource (or NotResource) reach a resource of this kind in the bucket? */
export function reaches(s: PolicyStatement, kind: ResourceKind, bucketArn: string): boolean {
  if (kind === 'bucket') {
    const hit = s.resources.some((p) => arnMatch(p, bucketArn));
    return s.notResource ? !hit : hit;
  }
  return s.notResource
    ? !s.resources.some((p) => coversEveryObject(p, bucketArn))
    : s.resources.some((p) => reachesSomeObject(p, bucketArn));
}

/** Does the statement cover every resource of this kind in the bucket (the bucket ARN, or every object)? */
export function coversAll(s: PolicyStatement, kind: ResourceKind, bucketArn: string): boolean {
  if (kind === 'bucket') return reaches(s, 'bucket', bucketArn);
  return s.notResource
    ? !s.resources.some((p) => reachesSomeObject(p, bucketArn))
    : s.resources.some((p) => coversEveryObject(p, bucketArn));
}

/** The actions of `universe` the statement covers on resources of this bucket (Action and Resource both). */
export function actionsOnBucket(s: PolicyStatement, universe: readonly string[], bucketArn: string): string[] {
  return coveredActions(s, universe).filter((a) => reaches(s, actionKind(a), bucketArn));
}

/**
 * Bucket and object actions that read data or configuration: S3's "bad actions" s3:Get* and
 * s3:List* as they apply to a bucket and its objects.
 */
export const READ_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectAcl',
  's3:GetObjectVersionAcl',
  's3:GetObjectAttributes',
  's3:GetObjectVersionAttributes',
  's3:GetObjectTagging',
  's3:GetObjectVersionTagging',
  's3:GetObjectTorrent',
  's3:GetObjectVersionTorrent',
  's3:GetObjectRetention',
  's3:GetObjectLegalHold',
  's3:GetObjectVersionForReplication',
  's3:ListMultipartUploadParts',
  's3:GetBucketAcl',
  's3:GetBucketPolicy',
  's3:GetBucketPolicyStatus',
  's3:GetBucketLocation',
  's3:GetBucketVersioning',
  's3:GetBucketLogging',
  's3:GetBucketWebsite',
  's3:GetBucketCORS',
  's3:GetBucketTagging',
  's3:GetBucketNotification',
  's3:GetBucketRequestPayment',
  's3:GetBucketPublicAccessBlock',
  's3:GetBucketOwnershipControls',
  's3:GetBucketObjectLockConfiguration',
  's3:GetEncryptionConfiguration',
  's3:GetLifecycleConfiguration',
  's3:GetReplicationConfiguration',
  's3:GetAccelerateConfiguration',
  's3:GetAnalyticsConfiguration',
  's3:GetInventoryConfiguration',
  's3:GetMetricsConfiguration',
  's3:GetIntelligentTieringConfiguration',
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:ListBucketMultipartUploads',
] as const;

/**
 * Actions that change data or configuration: S3's "bad actions" s3:Put*, s3:Delete*,
 * s3:AbortMultipartUpload and s3:RestoreObject, and the replication and retention bypasses.
 */
export const WRITE_ACTIONS = [
  's3:PutObject',
  's3:PutObjectAcl',
  's3:PutObjectVersionAcl',
  's3:PutObjectTagging',
  's3:PutObjectVersionTagging',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:DeleteObjectTagging',
  's3:DeleteObjectVersionTagging',
  's3:AbortMultipartUpload',
  's3:RestoreObject',
  's3:BypassGovernanceRetention',
  's3:ReplicateObject',
  's3:ReplicateDelete',
  's3:ReplicateTags',
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
  's3:DeleteBucketWebsite',
  's3:PutBucketCORS',
  's3:PutBucketTagging',
  's3:PutBucketNotification',
  's3:PutBucketRequestPayment',
  's3:PutBucketObjectLockConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
  's3:PutAccelerateConfiguration',
  's3:PutAnalyticsConfiguration',
  's3:PutInventoryConfiguration',
  's3:PutMetricsConfiguration',
  's3:PutIntelligentTieringConfiguration',
] as const;

/** A Deny for every principal when aws:SecureTransport is false, and on no further condition (which would narrow it). */
function isTlsDeny(s: PolicyStatement): boolean {
  if (s.effect !== 'Deny' || s.notPrincipal || !denyAppliesToEveryone(s) || s.conditions.length !== 1) return false;
  const [c] = s.conditions as [Condition];
  return (
    c.key === 'aws:securetransport' &&
    c.base.toLowerCase() === 'bool' &&
    !c.setPrefix &&
    c.values.length > 0 &&
    c.values.every((v) => v.toLowerCase() === 'false')
  );
}

/**
 * The statements that enforce TLS (FSBP S3.5, CIS 2.1.1, AWS Config s3-bucket-ssl-requests-only:
 * NON_COMPLIANT when the policy allows HTTP requests): Denies for every principal when
 * aws:SecureTransport is false that, together, cover every bucket action on the bucket ARN and
 * every object action on every object. One statement may do both, or one each (the bucket ARN
 * in one, bucket/* in another). undefined when plain HTTP gets through somewhere.
 */
export function tlsOnlyStatements(statements: readonly PolicyStatement[], bucketArn: string): PolicyStatement[] | undefined {
  const denies = statements.filter(isTlsDeny);
  const everything = [...READ_ACTIONS, ...WRITE_ACTIONS];
  const found: PolicyStatement[] = [];
  for (const kind of ['bucket', 'object'] as const) {
    const universe = everything.filter((a) => actionKind(a) === kind);
    const s = denies.find((d) => coversAll(d, kind, bucketArn) && coveredActions(d, universe).length === universe.length);
    if (!s) return undefined;
    if (!found.includes(s)) found.push(s);
  }
  return found;
}

/** The actions FSBP S3.6 forbids granting to other accounts. */
export const CROSS_ACCOUNT_SENSITIVE = [
  's3:DeleteBucketPolicy',
  's3:PutBucketAcl',
  's3:PutBucketPolicy',
  's3:PutEncryptionConfiguration',
  's3:PutObjectAcl',
] as const;
