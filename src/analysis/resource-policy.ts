/**
 * One evaluator for every resource policy (S3, SQS, SNS, KMS, Lambda, Secrets Manager, Glacier,
 * EFS, DynamoDB, SES, IAM role trust). It answers two questions about a policy attached to one
 * resource: is it public, and which principals outside the zone of trust can do what with it.
 * A service contributes only its action vocabulary (which actions list, read, write or manage
 * permissions), how its actions map onto its resource ARNs, and its own condition keys.
 *
 * The rules, as AWS documents them:
 * - A principal is public when it is not fixed (`*`, a wildcard ARN, NotPrincipal with Allow, a
 *   Federated identity) and no condition pins the request to fixed values of a key the service
 *   accepts (S3's "meaning of public", shared by Access Analyzer): s3-policy.ts.
 * - Explicit Deny wins over any Allow ("Policy evaluation logic"). Each (principal, action,
 *   resource) an Allow grants is judged against all Deny statements together: one Deny may close
 *   one resource pattern of the Allow and another Deny the rest.
 * - A Deny takes back only what it takes back from that principal: it names the principal (the
 *   account, `*`, or everyone but a NotPrincipal list that leaves the principal in), and its
 *   conditions always hold for that principal (StringNotEquals aws:PrincipalAccount naming other
 *   accounts, for instance). A condition that may or may not hold takes nothing back.
 * - The zone of trust is this account, the accounts the `trustedAccountIds` option names, and
 *   the organization when its id is known: a condition pinning the caller to them (aws:PrincipalAccount,
 *   aws:SourceAccount, aws:SourceOwner, kms:CallerAccount, an aws:SourceArn or aws:PrincipalArn
 *   of a zone account, aws:PrincipalOrgID/aws:PrincipalOrgPaths of the organization) keeps a
 *   grant inside it. A service principal acts for whichever account calls the service: it is
 *   external unless such a condition pins it to the zone (the confused deputy). In a role trust
 *   policy a service principal can only assume the role when a principal of this account passes
 *   it (iam:PassRole), so it is not external there, as Access Analyzer reports it.
 */
import {
  accountOfPrincipal,
  actionKind,
  type Audience,
  arnMatch,
  type Condition,
  coveredActions,
  DEFAULT_PIN,
  coversAll as s3CoversAll,
  describeCondition,
  denyAppliesToEveryone,
  denyClosure,
  globMatch,
  globStatesAfter,
  isFixedValue,
  NEGATED_MATCH,
  parsePolicy,
  PIN_KEYS,
  type PinOptions,
  POSITIVE_MATCH,
  type PolicyStatement,
  reaches as s3Reaches,
  reachesSomeObject,
  allowPin,
  unfixedPrincipal,
  READ_ACTIONS,
  WRITE_ACTIONS,
} from './s3-policy.js';

export { PolicyParseError } from './s3-policy.js';

export type PolicyService =
  's3' | 'sqs' | 'sns' | 'kms' | 'lambda' | 'secretsmanager' | 'glacier' | 'efs' | 'dynamodb' | 'ses' | 'sts-trust';

export interface TrustZone {
  accountId: string;
  trustedAccountIds: readonly string[];
  organizationId?: string;
}

/** Severity follows the level: permissions and write above read and list. */
export type AccessLevel = 'list' | 'read' | 'write' | 'permissions';

export interface PolicyAccess {
  /** The statement's Sid, or "#N" for the N-th statement (1-based) when it has none. */
  statement: string;
  /** Who: '*' when public; otherwise the principal as written (account id or ARN, service, provider). */
  principal: string;
  actions: string[];
  /** The highest level among `actions`. */
  level: AccessLevel;
  /** What limits it, e.g. "sts:ExternalId required", or the condition that pins it. */
  conditions?: string;
}

export interface PolicyAnalysis {
  public: PolicyAccess[];
  /** Every principal outside the zone, public ones included. */
  external: PolicyAccess[];
}

const LEVEL_RANK: Record<AccessLevel, number> = { list: 0, read: 1, write: 2, permissions: 3 };

export function highestLevel(levels: Iterable<AccessLevel>): AccessLevel {
  let best: AccessLevel = 'list';
  for (const level of levels) if (LEVEL_RANK[level] > LEVEL_RANK[best]) best = level;
  return best;
}

/** How a service's actions land on the resource the policy is attached to. */
interface ResourceModel {
  /** The kind of resource an action acts on (S3: the bucket or its objects). */
  kindOf(action: string): string;
  /** Does the statement's Resource reach a resource of this kind here? */
  reaches(s: PolicyStatement, kind: string, arn: string): boolean;
  /** Does the statement's Resource cover every resource of this kind here? */
  coversAll(s: PolicyStatement, kind: string, arn: string): boolean;
  /** The Resource patterns of an Allow that reach resources of this kind (each judged on its own). */
  patternsReaching(pattern: string, kind: string, arn: string): boolean;
}

/** A statement without Resource or NotResource (a role trust policy) applies to the resource it is attached to. */
const noResource = (s: PolicyStatement): boolean => s.resources.length === 0 && !s.notResource;

const S3_RESOURCES: ResourceModel = {
  kindOf: actionKind,
  reaches: (s, kind, arn) => noResource(s) || s3Reaches(s, kind as 'bucket' | 'object', arn),
  coversAll: (s, kind, arn) => noResource(s) || s3CoversAll(s, kind as 'bucket' | 'object', arn),
  patternsReaching: (p, kind, arn) => (kind === 'object' ? reachesSomeObject(p, arn) : arnMatch(p, arn)),
};

/**
 * One resource per policy (a queue, a topic, a key, a secret): the statement reaches it when a
 * pattern matches its ARN, or, where the service has sub-resources (a Lambda function's versions
 * and aliases `fn:1`, a DynamoDB table's `table/t/index/i` and streams), something below it.
 */
function singleResource(subResources: boolean): ResourceModel {
  const reachesPattern = (p: string, arn: string): boolean =>
    arnMatch(p, arn) || (subResources && (globStatesAfter(p, `${arn}/`).length > 0 || globStatesAfter(p, `${arn}:`).length > 0));
  const coversPattern = (p: string, arn: string): boolean =>
    arnMatch(p, arn) &&
    (!subResources || [`${arn}/`, `${arn}:`].every((prefix) => globStatesAfter(p, prefix).some((i) => /^\*+$/.test(p.slice(i)))));
  return {
    kindOf: () => 'resource',
    reaches: (s, _kind, arn) => {
      if (noResource(s)) return true;
      const hit = s.resources.some((p) => reachesPattern(p, arn));
      return s.notResource ? !s.resources.some((p) => coversPattern(p, arn)) : hit;
    },
    coversAll: (s, _kind, arn) => {
      if (noResource(s)) return true;
      return s.notResource ? !s.resources.some((p) => reachesPattern(p, arn)) : s.resources.some((p) => coversPattern(p, arn));
    },
    patternsReaching: (p, _kind, arn) => reachesPattern(p, arn),
  };
}

/** What a service contributes: its action vocabulary, its resource model, its own condition keys. */
interface Vocabulary {
  /** IAM prefixes of its actions (lower case). */
  prefixes: string[];
  /** Its actions (as documented in the Service Authorization Reference) and their levels. */
  actions: Readonly<Record<string, AccessLevel>>;
  resources: ResourceModel;
  /** Condition keys that restrict a statement to fixed values, besides the global ones. */
  pinKeys?: string[];
  /** Its own keys naming the calling account (kms:CallerAccount). */
  accountKeys?: string[];
}

const levels = (level: AccessLevel, actions: readonly string[]): Record<string, AccessLevel> =>
  Object.fromEntries(actions.map((a) => [a, level]));

/** S3's permission-management actions: who may do what with the bucket and its objects. */
const S3_PERMISSIONS = [
  's3:PutBucketAcl',
  's3:PutObjectAcl',
  's3:PutObjectVersionAcl',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketOwnershipControls',
];

const S3_VOCABULARY: Vocabulary = {
  prefixes: ['s3'],
  actions: {
    ...levels(
      'read',
      READ_ACTIONS.filter((a) => !/^s3:List/.test(a)),
    ),
    ...levels(
      'list',
      READ_ACTIONS.filter((a) => /^s3:List/.test(a)),
    ),
    ...levels('write', WRITE_ACTIONS),
    ...levels('permissions', S3_PERMISSIONS),
  },
  resources: S3_RESOURCES,
  pinKeys: ['s3:x-amz-server-side-encryption-aws-kms-key-id', 's3:dataaccesspointarn', 's3:dataaccesspointaccount'],
};

const VOCABULARIES: Record<PolicyService, Vocabulary> = {
  s3: S3_VOCABULARY,
  sqs: {
    prefixes: ['sqs'],
    actions: {
      ...levels('list', ['sqs:ListQueues', 'sqs:ListDeadLetterSourceQueues', 'sqs:ListMessageMoveTasks']),
      ...levels('read', ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ListQueueTags', 'sqs:ReceiveMessage']),
      ...levels('write', [
        'sqs:SendMessage',
        'sqs:DeleteMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:PurgeQueue',
        'sqs:SetQueueAttributes',
        'sqs:CreateQueue',
        'sqs:DeleteQueue',
        'sqs:TagQueue',
        'sqs:UntagQueue',
        'sqs:StartMessageMoveTask',
        'sqs:CancelMessageMoveTask',
      ]),
      ...levels('permissions', ['sqs:AddPermission', 'sqs:RemovePermission']),
    },
    resources: singleResource(false),
  },
  sns: {
    prefixes: ['sns'],
    actions: {
      ...levels('list', ['sns:ListSubscriptionsByTopic', 'sns:ListTagsForResource']),
      ...levels('read', ['sns:GetTopicAttributes', 'sns:GetDataProtectionPolicy']),
      ...levels('write', [
        'sns:Publish',
        'sns:Subscribe',
        'sns:Receive',
        'sns:SetTopicAttributes',
        'sns:DeleteTopic',
        'sns:TagResource',
        'sns:UntagResource',
        'sns:PutDataProtectionPolicy',
      ]),
      ...levels('permissions', ['sns:AddPermission', 'sns:RemovePermission']),
    },
    resources: singleResource(false),
  },
  kms: {
    prefixes: ['kms'],
    actions: {
      ...levels('list', ['kms:ListAliases', 'kms:ListGrants', 'kms:ListKeyPolicies', 'kms:ListResourceTags', 'kms:ListRetirableGrants']),
      ...levels('read', [
        'kms:DescribeKey',
        'kms:GetKeyPolicy',
        'kms:GetKeyRotationStatus',
        'kms:GetPublicKey',
        'kms:Decrypt',
        'kms:Verify',
        'kms:VerifyMac',
      ]),
      ...levels('write', [
        'kms:Encrypt',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
        'kms:GenerateDataKey',
        'kms:GenerateDataKeyPair',
        'kms:GenerateDataKeyPairWithoutPlaintext',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:GenerateMac',
        'kms:Sign',
        'kms:DeriveSharedSecret',
        'kms:EnableKey',
        'kms:DisableKey',
        'kms:EnableKeyRotation',
        'kms:DisableKeyRotation',
        'kms:ScheduleKeyDeletion',
        'kms:CancelKeyDeletion',
        'kms:UpdateKeyDescription',
        'kms:UpdateAlias',
        'kms:TagResource',
        'kms:UntagResource',
        'kms:ImportKeyMaterial',
        'kms:DeleteImportedKeyMaterial',
      ]),
      ...levels('permissions', ['kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:RevokeGrant', 'kms:RetireGrant']),
    },
    resources: singleResource(false),
    // kms:ViaService names the service a request comes through, not who sends it: alone it pins nobody.
    pinKeys: ['kms:calleraccount'],
    accountKeys: ['kms:calleraccount'],
  },
  lambda: {
    prefixes: ['lambda'],
    actions: {
      ...levels('list', ['lambda:ListAliases', 'lambda:ListVersionsByFunction', 'lambda:ListTags', 'lambda:ListFunctionUrlConfigs']),
      ...levels('read', [
        'lambda:GetFunction',
        'lambda:GetFunctionConfiguration',
        'lambda:GetPolicy',
        'lambda:GetAlias',
        'lambda:GetFunctionUrlConfig',
        'lambda:GetFunctionConcurrency',
      ]),
      ...levels('write', [
        'lambda:InvokeFunction',
        'lambda:InvokeFunctionUrl',
        'lambda:InvokeAsync',
        'lambda:UpdateFunctionCode',
        'lambda:UpdateFunctionConfiguration',
        'lambda:DeleteFunction',
        'lambda:PublishVersion',
        'lambda:CreateAlias',
        'lambda:UpdateAlias',
        'lambda:DeleteAlias',
        'lambda:PutFunctionConcurrency',
        'lambda:CreateFunctionUrlConfig',
        'lambda:UpdateFunctionUrlConfig',
        'lambda:DeleteFunctionUrlConfig',
        'lambda:TagResource',
        'lambda:UntagResource',
      ]),
      ...levels('permissions', ['lambda:AddPermission', 'lambda:RemovePermission']),
    },
    // lambda:FunctionUrlAuthType says how a function URL authenticates (NONE, AWS_IAM), not who may call: no pin.
    resources: singleResource(true),
  },
  secretsmanager: {
    prefixes: ['secretsmanager'],
    actions: {
      ...levels('list', ['secretsmanager:ListSecretVersionIds']),
      ...levels('read', ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:GetResourcePolicy']),
      ...levels('write', [
        'secretsmanager:PutSecretValue',
        'secretsmanager:UpdateSecret',
        'secretsmanager:UpdateSecretVersionStage',
        'secretsmanager:DeleteSecret',
        'secretsmanager:RestoreSecret',
        'secretsmanager:RotateSecret',
        'secretsmanager:CancelRotateSecret',
        'secretsmanager:ReplicateSecretToRegions',
        'secretsmanager:RemoveRegionsFromReplication',
        'secretsmanager:StopReplicationToReplica',
        'secretsmanager:TagResource',
        'secretsmanager:UntagResource',
      ]),
      ...levels('permissions', [
        'secretsmanager:PutResourcePolicy',
        'secretsmanager:DeleteResourcePolicy',
        'secretsmanager:ValidateResourcePolicy',
      ]),
    },
    resources: singleResource(false),
  },
  glacier: {
    prefixes: ['glacier'],
    actions: {
      ...levels('list', ['glacier:ListJobs', 'glacier:ListMultipartUploads', 'glacier:ListParts', 'glacier:ListTagsForVault']),
      ...levels('read', [
        'glacier:DescribeVault',
        'glacier:DescribeJob',
        'glacier:GetJobOutput',
        'glacier:GetVaultAccessPolicy',
        'glacier:GetVaultLock',
        'glacier:GetVaultNotifications',
        'glacier:InitiateJob',
      ]),
      ...levels('write', [
        'glacier:UploadArchive',
        'glacier:InitiateMultipartUpload',
        'glacier:UploadMultipartPart',
        'glacier:CompleteMultipartUpload',
        'glacier:AbortMultipartUpload',
        'glacier:DeleteArchive',
        'glacier:DeleteVault',
        'glacier:SetVaultNotifications',
        'glacier:DeleteVaultNotifications',
        'glacier:AddTagsToVault',
        'glacier:RemoveTagsFromVault',
      ]),
      ...levels('permissions', [
        'glacier:SetVaultAccessPolicy',
        'glacier:DeleteVaultAccessPolicy',
        'glacier:InitiateVaultLock',
        'glacier:CompleteVaultLock',
        'glacier:AbortVaultLock',
      ]),
    },
    resources: singleResource(false),
  },
  efs: {
    prefixes: ['elasticfilesystem'],
    actions: {
      ...levels('list', [
        'elasticfilesystem:DescribeMountTargets',
        'elasticfilesystem:DescribeAccessPoints',
        'elasticfilesystem:ListTagsForResource',
      ]),
      ...levels('read', [
        'elasticfilesystem:ClientMount',
        'elasticfilesystem:DescribeFileSystems',
        'elasticfilesystem:DescribeFileSystemPolicy',
        'elasticfilesystem:DescribeBackupPolicy',
        'elasticfilesystem:DescribeLifecycleConfiguration',
      ]),
      ...levels('write', [
        'elasticfilesystem:ClientWrite',
        'elasticfilesystem:ClientRootAccess',
        'elasticfilesystem:CreateMountTarget',
        'elasticfilesystem:DeleteMountTarget',
        'elasticfilesystem:CreateAccessPoint',
        'elasticfilesystem:DeleteAccessPoint',
        'elasticfilesystem:DeleteFileSystem',
        'elasticfilesystem:UpdateFileSystem',
        'elasticfilesystem:PutBackupPolicy',
        'elasticfilesystem:PutLifecycleConfiguration',
        'elasticfilesystem:TagResource',
        'elasticfilesystem:UntagResource',
      ]),
      ...levels('permissions', ['elasticfilesystem:PutFileSystemPolicy', 'elasticfilesystem:DeleteFileSystemPolicy']),
    },
    resources: singleResource(false),
  },
  dynamodb: {
    prefixes: ['dynamodb'],
    actions: {
      ...levels('list', ['dynamodb:ListTagsOfResource', 'dynamodb:ListStreams']),
      ...levels('read', [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:ConditionCheckItem',
        'dynamodb:PartiQLSelect',
        'dynamodb:DescribeTable',
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:GetResourcePolicy',
        'dynamodb:ExportTableToPointInTime',
      ]),
      ...levels('write', [
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:PartiQLInsert',
        'dynamodb:PartiQLUpdate',
        'dynamodb:PartiQLDelete',
        'dynamodb:UpdateTable',
        'dynamodb:DeleteTable',
        'dynamodb:RestoreTableToPointInTime',
        'dynamodb:UpdateContinuousBackups',
        'dynamodb:TagResource',
        'dynamodb:UntagResource',
      ]),
      ...levels('permissions', ['dynamodb:PutResourcePolicy', 'dynamodb:DeleteResourcePolicy']),
    },
    resources: singleResource(true),
  },
  ses: {
    prefixes: ['ses'],
    actions: {
      ...levels('read', ['ses:GetIdentityVerificationAttributes', 'ses:GetEmailIdentity']),
      ...levels('write', ['ses:SendEmail', 'ses:SendRawEmail', 'ses:SendTemplatedEmail', 'ses:SendBulkTemplatedEmail', 'ses:SendBounce']),
      ...levels('permissions', ['ses:PutIdentityPolicy', 'ses:DeleteIdentityPolicy']),
    },
    resources: singleResource(false),
  },
  'sts-trust': {
    prefixes: ['sts'],
    actions: {
      // Assuming the role is getting its permissions.
      ...levels('permissions', ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity']),
      ...levels('write', ['sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext']),
    },
    resources: singleResource(false),
  },
};

/**
 * The level of an action the vocabulary does not list (a new one, named literally): by its verb,
 * never assumed harmless when the verb says nothing.
 */
export function levelByVerb(action: string): AccessLevel {
  const verb = action.slice(action.indexOf(':') + 1);
  if (/^List/i.test(verb)) return 'list';
  if (/(Policy|Permission|Grant|Acl)$/i.test(verb) && /^(Put|Set|Add|Remove|Delete|Create|Revoke|Retire)/i.test(verb)) return 'permissions';
  if (/^(Get|Describe|Read|Query|Scan|Receive|BatchGet|View|Head|Verify)/i.test(verb)) return 'read';
  return 'write';
}

/** The service's actions, plus any of its actions a statement names literally that the vocabulary lacks. */
function actionUniverse(statements: readonly PolicyStatement[], vocab: Vocabulary): Map<string, AccessLevel> {
  const universe = new Map(Object.entries(vocab.actions));
  for (const s of statements)
    for (const a of s.actions) {
      const prefix = a.slice(0, a.indexOf(':')).toLowerCase();
      if (!vocab.prefixes.includes(prefix) || !isFixedValue(a)) continue;
      const known = [...universe.keys()].find((k) => k.toLowerCase() === a.toLowerCase());
      if (!known) universe.set(a, levelByVerb(a));
    }
  return universe;
}

// --- The zone of trust in conditions -------------------------------------------------------

const GLOBAL_PIN_KEYS = [...PIN_KEYS].filter((k) => k.startsWith('aws:'));
const ACCOUNT_KEYS = ['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner'];
const ARN_KEYS = ['aws:principalarn', 'aws:sourcearn'];
const ORG_ID_KEYS = ['aws:principalorgid', 'aws:sourceorgid'];
const ORG_PATH_KEYS = ['aws:principalorgpaths', 'aws:sourceorgpaths'];

const zoneAccounts = (zone: TrustZone): Set<string> => new Set([zone.accountId, ...zone.trustedAccountIds]);

/** The account field of an ARN value, when it is written as 12 literal digits. */
function accountOfArnValue(value: string): string | undefined {
  const parts = value.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && /^\d{12}$/.test(parts[4]!) ? parts[4] : undefined;
}

/** Does this condition value name only callers inside the zone? */
function valueInZone(key: string, value: string, zone: TrustZone, accountKeys: readonly string[]): boolean {
  if (ACCOUNT_KEYS.includes(key) || accountKeys.includes(key)) return zoneAccounts(zone).has(value);
  if (ARN_KEYS.includes(key)) {
    const account = accountOfArnValue(value);
    return account !== undefined && zoneAccounts(zone).has(account);
  }
  if (!zone.organizationId) return false;
  if (ORG_ID_KEYS.includes(key)) return value === zone.organizationId;
  // An organization path starts with the organization id: "o-a1b2c3/r-ab12/ou-ab12-1111/".
  if (ORG_PATH_KEYS.includes(key)) return value.startsWith(`${zone.organizationId}/`);
  return false;
}

const isZoneKey = (key: string, accountKeys: readonly string[]): boolean =>
  [...ACCOUNT_KEYS, ...ARN_KEYS, ...ORG_ID_KEYS, ...ORG_PATH_KEYS, ...accountKeys].includes(key);

/**
 * An Allow condition that keeps every request it lets through inside the zone: a positive match
 * (not IfExists, not ForAllValues, which let a request without the key through) whose every
 * value names the zone. Described, or undefined.
 */
function zonePin(s: PolicyStatement, zone: TrustZone, accountKeys: readonly string[]): string | undefined {
  for (const c of s.conditions) {
    if (!isZoneKey(c.key, accountKeys) || c.ifExists || c.setPrefix === 'ForAllValues') continue;
    if (!POSITIVE_MATCH.has(c.base.toLowerCase()) || c.values.length === 0) continue;
    if (c.values.every((v) => valueInZone(c.key, v, zone, accountKeys))) return describeCondition(c);
  }
  return undefined;
}

/** A Deny condition that lets through only requests from the zone ("deny unless the caller's account is mine"). */
function deniesOutsideZone(c: Condition, zone: TrustZone, accountKeys: readonly string[]): boolean {
  return (
    isZoneKey(c.key, accountKeys) &&
    !c.setPrefix &&
    NEGATED_MATCH.has(c.base.toLowerCase()) &&
    c.values.length > 0 &&
    c.values.every((v) => valueInZone(c.key, v, zone, accountKeys))
  );
}

// --- Who an Allow reaches -------------------------------------------------------------------

/**
 * A principal outside the zone that an Allow names: anyone (an unfixed principal), a named
 * account (or a principal of one), an AWS service, a web or SAML identity, an S3 canonical user.
 */
interface Subject {
  kind: 'anyone' | 'account' | 'service' | 'federated' | 'canonical' | 'other';
  /** As reported: '*' for anyone, the account id or ARN, the service, the provider. */
  principal: string;
  account?: string;
  /** Why it is anyone: "Principal \"*\"", … */
  why?: string;
  /** The Allow's own conditions that keep it from being public while leaving it external. */
  limits: string[];
  /** Public when nothing limits it (anyone with no pinning condition). */
  public: boolean;
  audience: Audience;
}

function subjectsOf(s: PolicyStatement, service: PolicyService, zone: TrustZone, pin: PinOptions, vocab: Vocabulary): Subject[] {
  const accountKeys = vocab.accountKeys ?? [];
  if (zonePin(s, zone, accountKeys)) return [];
  const pinned = allowPin(s, pin, pinKeysOf(service, vocab));
  const limits = pinned ? [`only where ${pinned}`] : [];
  const trust = service === 'sts-trust';
  const federatedOnly = s.principals.every((p) => p.type === 'Federated');
  const unfixed = unfixedPrincipal(s);
  const inZone = zoneAccounts(zone);
  if (unfixed && !(trust && federatedOnly && !s.notPrincipal)) {
    // "*" with aws:PrincipalAccount equal to fixed accounts is those accounts, written as a condition.
    const named = principalAccountsOf(s);
    if (named) {
      const notes = s.conditions.map(describeCondition);
      return named
        .filter((a) => !inZone.has(a))
        .map((account) => ({ kind: 'account', principal: account, account, limits: notes, public: false, audience: 'signed' }));
    }
    return [{ kind: 'anyone', principal: '*', why: unfixed, limits, public: !pinned, audience: 'anyone' }];
  }
  const out: Subject[] = [];
  const allConditions = s.conditions.map(describeCondition);
  for (const p of s.principals) {
    if (p.type === 'AWS') {
      const account = accountOfPrincipal(p.value);
      if (account !== undefined && inZone.has(account)) continue;
      if (account !== undefined && excludedByAccountCondition(s, account)) continue;
      // IAM shows a deleted principal as its unique id (AIDA…, AROA…): it grants nothing to anyone.
      if (account === undefined && /^A[A-Z0-9]{15,}$/.test(p.value)) continue;
      const notes = [...allConditions];
      if (trust) notes.unshift(hasExternalId(s) ? 'sts:ExternalId required' : 'no sts:ExternalId required');
      out.push({
        kind: account ? 'account' : 'other',
        principal: p.value,
        account,
        limits: notes,
        public: false,
        audience: 'signed',
      });
    } else if (p.type === 'Service') {
      if (trust) continue;
      const why = pinned
        ? [`only where ${pinned}`]
        : ['no aws:SourceAccount or aws:SourceArn pins it to the zone: it acts for any account'];
      out.push({ kind: 'service', principal: p.value, limits: why, public: false, audience: 'signed' });
    } else if (p.type === 'Federated') {
      // Only a role trust policy gets here: a SAML provider of a zone account is the account's own sign-in.
      const account = accountOfArnValue(p.value);
      if (account !== undefined && inZone.has(account) && /:saml-provider\//.test(p.value)) continue;
      out.push({
        kind: 'federated',
        principal: p.value,
        limits: allConditions.length ? allConditions : ['no condition limits which identities of the provider'],
        public: allConditions.length === 0,
        audience: 'signed',
      });
    } else if (p.type === 'CanonicalUser') {
      out.push({ kind: 'canonical', principal: p.value, limits: allConditions, public: false, audience: 'signed' });
    }
  }
  return out;
}

function hasExternalId(s: PolicyStatement): boolean {
  return s.conditions.some(
    (c) =>
      c.key === 'sts:externalid' &&
      !c.ifExists &&
      c.setPrefix !== 'ForAllValues' &&
      POSITIVE_MATCH.has(c.base.toLowerCase()) &&
      c.values.length > 0 &&
      c.values.every(isFixedValue),
  );
}

/** The fixed accounts a StringEquals aws:PrincipalAccount condition limits the statement to, or undefined. */
function principalAccountsOf(s: PolicyStatement): string[] | undefined {
  const c = s.conditions.find(
    (c) =>
      c.key === 'aws:principalaccount' &&
      !c.setPrefix &&
      !c.ifExists &&
      /^stringequals$/i.test(c.base) &&
      c.values.length > 0 &&
      c.values.every((v) => /^\d{12}$/.test(v)),
  );
  return c?.values;
}

/** An Allow condition on aws:PrincipalAccount that this account never satisfies: the Allow grants it nothing. */
function excludedByAccountCondition(s: PolicyStatement, account: string): boolean {
  return s.conditions.some(
    (c) =>
      c.key === 'aws:principalaccount' &&
      !c.setPrefix &&
      /^stringequals$/i.test(c.base) &&
      c.values.length > 0 &&
      c.values.every(isFixedValue) &&
      !c.values.includes(account),
  );
}

// --- What a Deny takes back from whom -------------------------------------------------------

/** How a Deny closes a grant to a subject: entirely, or to the public only (what is left is `residual`). */
type Closure = { all: true } | { all: false; residual: string };

/** Does the Deny's Principal/NotPrincipal name every principal of account X (or the one principal `p`)? */
function denyNamesAccountPrincipal(d: PolicyStatement, account: string, principal: string): boolean {
  if (d.notPrincipal) {
    // Everyone but the listed principals: it applies when none of them can be the subject.
    return d.principals.every((p) => {
      if (p.type === 'Service' || p.type === 'Federated') return true;
      if (p.type !== 'AWS' || !isFixedValue(p.value)) return false;
      const other = accountOfPrincipal(p.value);
      return other !== undefined && other !== account;
    });
  }
  return d.principals.some((p) => {
    if (p.type === '*' || (p.type === 'AWS' && p.value === '*')) return true;
    if (p.type !== 'AWS') return false;
    // The account (its id or root ARN) stands for every principal in it.
    if (p.value === account || new RegExp(`^arn:[^:]+:iam::${account}:root$`).test(p.value)) return true;
    return globMatch(p.value, principal, false);
  });
}

/** Does the condition hold for every request principal of account X makes? */
function holdsForAccount(c: Condition, account: string): boolean {
  if (c.setPrefix) return false;
  const base = c.base.toLowerCase();
  if (c.key === 'aws:principalaccount') {
    const hit = c.values.some((v) => globMatch(v, account, false));
    if (['stringequals', 'stringlike'].includes(base)) return c.values.every((v) => isFixedValue(v) || base === 'stringlike') && hit;
    if (['stringnotequals', 'stringnotlike'].includes(base)) return !hit;
    return false;
  }
  if (c.key === 'aws:principalarn') {
    if (['arnequals', 'arnlike', 'stringequals', 'stringlike'].includes(base)) {
      // Only a pattern that matches every principal of the account: arn:aws:iam::X:*.
      const any = base === 'arnlike' || base === 'stringlike';
      return any && c.values.some((v) => v === '*' || new RegExp(`^arn:[^:]+:iam::${account}:\\*+$`).test(v));
    }
    if (['arnnotequals', 'arnnotlike', 'stringnotequals', 'stringnotlike'].includes(base)) {
      return c.values.every((v) => {
        const other = accountOfArnValue(v);
        return other !== undefined && other !== account;
      });
    }
    return false;
  }
  // IAM users and roles are not AWS services: the key is present and false for them.
  if (c.key === 'aws:principalisawsservice') return base === 'bool' && c.values.every((v) => v.toLowerCase() === 'false');
  return false;
}

function closureFor(
  d: PolicyStatement,
  subject: Subject,
  zone: TrustZone,
  pin: PinOptions,
  vocab: Vocabulary,
  service: PolicyService,
): Closure | undefined {
  const accountKeys = vocab.accountKeys ?? [];
  if (subject.kind === 'account') {
    if (!denyNamesAccountPrincipal(d, subject.account!, subject.principal)) return undefined;
    // Each condition holds for the account, or holds unless the account is inside the zone (where it is no outsider).
    const holds = (c: Condition): boolean => holdsForAccount(c, subject.account!) || deniesOutsideZone(c, zone, accountKeys);
    return d.conditions.every(holds) ? { all: true } : undefined;
  }
  const toZone = d.conditions.every((c) => deniesOutsideZone(c, zone, accountKeys));
  if (subject.kind !== 'anyone') {
    const named =
      !d.notPrincipal && d.principals.some((p) => p.type === '*' || (p.type === 'AWS' && p.value === '*') || p.value === subject.principal);
    return named && toZone ? { all: true } : undefined;
  }
  if (!denyAppliesToEveryone(d)) return undefined;
  // Everyone but the NotPrincipal list: what it spares outside the zone keeps the grant, as external.
  const inZone = zoneAccounts(zone);
  const spared = d.notPrincipal
    ? d.principals.filter((p) => {
        const account = p.type === 'AWS' ? accountOfPrincipal(p.value) : undefined;
        return account === undefined || !inZone.has(account);
      })
    : [];
  const label = statementLabelOf(d);
  const sparedText = spared.length ? `only for ${spared.map((p) => p.value).join(' or ')} (spared by the NotPrincipal of ${label})` : '';
  if (toZone) return spared.length ? { all: false, residual: sparedText } : { all: true };
  const keys = pinKeysOf(service, vocab);
  const closure = denyClosure(d, pin, subject.audience, keys);
  if (closure === undefined) return undefined;
  const unless = closure ? `except where ${closure} (${label} denies that)` : '';
  return { all: false, residual: [unless, sparedText].filter(Boolean).join(' and ') };
}

const pinKeysOf = (service: PolicyService, vocab: Vocabulary): Set<string> =>
  new Set([...(service === 's3' ? PIN_KEYS : GLOBAL_PIN_KEYS), ...(vocab.pinKeys ?? [])]);

// --- The evaluation -------------------------------------------------------------------------

export interface Grant {
  statement: PolicyStatement;
  subject: Subject;
  /** Actions open to the subject, each with what still limits it (empty: nothing, and public when the subject is). */
  actions: Map<string, { public: boolean; limits: string[] }>;
  /** Denies that took something back, with the condition that lets only fixed values through ("" for none). */
  closers: Array<{ deny: PolicyStatement; residual: string }>;
}

export interface Evaluation {
  grants: Grant[];
  levels: Map<string, AccessLevel>;
}

/**
 * Every (statement, subject) an Allow reaches outside the zone, with what no Deny takes back.
 * Each action is judged per Resource pattern of the Allow reaching it: a Deny that covers the
 * pattern (or every resource of the action's kind) for this subject closes it; all Deny
 * statements together must close every pattern.
 */
export function evaluateStatements(
  statements: readonly PolicyStatement[],
  service: PolicyService,
  resourceArn: string,
  zone: TrustZone,
  pin: PinOptions,
  options: { only?: readonly string[]; audience?: Audience } = {},
): Evaluation {
  const vocab = VOCABULARIES[service];
  const levelsOf = actionUniverse(statements, vocab);
  const universe = options.only ? [...options.only] : [...levelsOf.keys()];
  const denies = statements.filter((s) => s.effect === 'Deny');
  const model = vocab.resources;
  const grants: Grant[] = [];
  for (const allow of statements.filter((s) => s.effect === 'Allow')) {
    const actions = coveredActions(allow, universe).filter((a) => model.reaches(allow, model.kindOf(a), resourceArn));
    if (actions.length === 0) continue;
    for (const found of subjectsOf(allow, service, zone, pin, vocab)) {
      const subject = options.audience && found.kind === 'anyone' ? { ...found, audience: options.audience } : found;
      const closures = denies.map((d) => ({ deny: d, closure: closureFor(d, subject, zone, pin, vocab, service) }));
      const open: Grant['actions'] = new Map();
      const used = new Map<PolicyStatement, string>();
      for (const action of actions) {
        const kind = model.kindOf(action);
        // What the Allow grants this action on: each of its patterns reaching that kind, or (NotResource, none) all of it.
        const units: Array<string | undefined> =
          allow.notResource || noResource(allow)
            ? [undefined]
            : allow.resources.filter((p) => model.patternsReaching(p, kind, resourceArn));
        let isPublic = false;
        const limits = new Set<string>();
        let anyOpen = false;
        for (const unit of units) {
          const covering = closures.filter(
            ({ deny, closure }) =>
              closure !== undefined &&
              coveredActions(deny, [action]).length === 1 &&
              (model.coversAll(deny, kind, resourceArn) ||
                (unit !== undefined && !deny.notResource && deny.resources.some((p) => !p.includes('?') && arnMatch(p, unit)))),
          );
          const full = covering.find((c) => c.closure!.all);
          if (full) {
            used.set(full.deny, '');
            continue;
          }
          anyOpen = true;
          if (covering.length) {
            for (const c of covering) {
              const residual = (c.closure as { residual: string }).residual;
              used.set(c.deny, residual);
              limits.add(residual);
            }
          } else if (subject.public) isPublic = true;
        }
        if (!anyOpen) continue;
        open.set(action, { public: isPublic, limits: isPublic ? [] : [...subject.limits, ...limits] });
      }
      const closers = [...used].map(([deny, residual]) => ({ deny, residual }));
      grants.push({ statement: allow, subject, actions: open, closers });
    }
  }
  return { grants, levels: levelsOf };
}

function statementLabelOf(s: PolicyStatement): string {
  return s.sid ? `statement "${s.sid}"` : `statement ${s.index + 1}`;
}

/** The statement as PolicyAccess names it: its Sid, or "#N" (1-based). */
const statementId = (s: PolicyStatement): string => s.sid ?? `#${s.index + 1}`;

function accessesOf(evaluation: Evaluation, onlyPublic: boolean): PolicyAccess[] {
  const out: PolicyAccess[] = [];
  for (const g of evaluation.grants) {
    const groups = new Map<string, string[]>();
    for (const [action, { public: isPublic, limits }] of g.actions) {
      if (onlyPublic && !isPublic) continue;
      const key = isPublic ? '' : limits.join('; ');
      groups.set(key, [...(groups.get(key) ?? []), action]);
    }
    for (const [conditions, actions] of groups) {
      out.push({
        statement: statementId(g.statement),
        principal: g.subject.principal,
        actions,
        level: highestLevel(actions.map((a) => evaluation.levels.get(a) ?? levelByVerb(a))),
        ...(conditions ? { conditions } : {}),
      });
    }
  }
  return out;
}

/** Throws PolicyParseError (from s3-policy.ts) on a malformed document. */
export function analyseResourcePolicy(
  policy: string,
  service: PolicyService,
  resourceArn: string,
  zone: TrustZone,
  pin: PinOptions = DEFAULT_PIN,
): PolicyAnalysis {
  const evaluation = evaluateStatements(parsePolicy(policy), service, resourceArn, zone, pin);
  return { public: accessesOf(evaluation, true), external: accessesOf(evaluation, false) };
}

/** One line per access, for a FAIL message: `statement 2 lets 999988887777 sqs:SendMessage (write access), only where …`. */
export function describeAccess(a: PolicyAccess): string {
  const who = a.principal === '*' ? 'anyone' : a.principal;
  const shown = a.actions.length > 4 ? `${a.actions.slice(0, 4).join(', ')} and ${a.actions.length - 4} more` : a.actions.join(', ');
  const label = a.statement.startsWith('#') ? `statement ${a.statement.slice(1)}` : `statement "${a.statement}"`;
  return `${label} lets ${who} ${shown} (${a.level} access)${a.conditions ? `, ${a.conditions}` : ''}`;
}

/** One entry of a snapshot's or image's sharing list (EC2 createVolumePermission/launchPermission, RDS restore). */
export interface ShareEntry {
  Group?: string;
  UserId?: string;
  OrganizationArn?: string;
  OrganizationalUnitArn?: string;
}

export interface OutsideShare {
  who: string;
  public: boolean;
}

/**
 * The entries of a sharing list that reach outside the zone: the group "all" (public), account
 * ids outside it, organizations or OUs other than the zone's organization. An entry of a shape
 * AWS does not document is not assumed harmless.
 */
export function sharesOutsideZone(entries: readonly ShareEntry[], zone: TrustZone): OutsideShare[] {
  const accounts = zoneAccounts(zone);
  const out: OutsideShare[] = [];
  for (const e of entries) {
    if (e.Group !== undefined) {
      out.push(e.Group === 'all' ? { who: 'everyone (group "all")', public: true } : { who: `group "${e.Group}"`, public: false });
    } else if (e.UserId !== undefined) {
      if (!accounts.has(e.UserId)) out.push({ who: `account ${e.UserId}`, public: false });
    } else if (e.OrganizationArn !== undefined || e.OrganizationalUnitArn !== undefined) {
      const arn = (e.OrganizationArn ?? e.OrganizationalUnitArn)!;
      // arn:aws:organizations::<management>:organization/o-xxx or …:ou/o-xxx/ou-yyy: the organization id follows the type.
      const orgId = arn.split(':').slice(5).join(':').split('/')[1];
      if (!zone.organizationId || orgId !== zone.organizationId)
        out.push({ who: e.OrganizationArn ? `organization ${arn}` : `organizational unit ${arn}`, public: false });
    } else {
      out.push({ who: `an unrecognised entry ${JSON.stringify(e)}`, public: false });
    }
  }
  return out;
}
