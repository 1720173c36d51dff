/**
 * Table tests pinning the review fixes of the S3 policy reading: Resource scoping (an action
 * only acts on its own kind of resource, in this bucket), the full "bad actions" universe,
 * S3's access point exception, Deny coverage, TLS resources, cross-account scoping.
 */
import { doc } from '../helpers/s3-policies.js';
import { describe, expect, it } from 'vitest';
import { crossAccountGrants, evaluateBucketExposure, evaluatePolicy, type AclGrant } from '../../src/analysis/s3-exposure.js';
import { actionKind, parsePolicy, PolicyParseError, tlsOnlyStatements } from '../../src/analysis/s3-policy.js';

const ARN = 'arn:aws:s3:::b';
const OWNER = '123456789012';
const PARTNER = '210987654321';
const policy = doc;
const allow = (extra: object = {}) => ({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${ARN}/*`, ...extra });
const denyUnlessVpce = (extra: object = {}) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [ARN, `${ARN}/*`],
  Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } },
  ...extra,
});
const access = (doc: string) => {
  const grants = evaluatePolicy(doc, ARN).grants;
  return { read: grants.some((g) => g.access === 'read'), write: grants.some((g) => g.access === 'write') };
};

describe('Resource: a statement grants only what it names on this bucket', () => {
  const cases: Array<[string, string, { read: boolean; write: boolean }]> = [
    // Before the fix: public (the Resource was never compared with the bucket).
    [
      'Allow * s3:* on another bucket only',
      policy(allow({ Action: 's3:*', Resource: ['arn:aws:s3:::other', 'arn:aws:s3:::other/*'] })),
      { read: false, write: false },
    ],
    [
      'Allow * s3:GetObject on a bucket whose name only starts the same',
      policy(allow({ Resource: 'arn:aws:s3:::b2/*' })),
      { read: false, write: false },
    ],
    // Object actions act on bucket/key, not on the bucket ARN (before: public read).
    ['Allow * s3:GetObject on the bucket ARN only', policy(allow({ Resource: ARN })), { read: false, write: false }],
    ['Allow * s3:ListBucket on bucket/* only', policy(allow({ Action: 's3:ListBucket' })), { read: false, write: false }],
    ['Allow * s3:ListBucket on the bucket', policy(allow({ Action: 's3:ListBucket', Resource: ARN })), { read: true, write: false }],
    [
      'Allow * s3:* on the bucket ARN: bucket reads and writes (PutBucketPolicy …)',
      policy(allow({ Action: 's3:*', Resource: ARN })),
      { read: true, write: true },
    ],
    ['an object prefix is still public', policy(allow({ Resource: `${ARN}/public/*` })), { read: true, write: false }],
    ['a policy-variable prefix may reach objects', policy(allow({ Resource: `${ARN}/\${aws:username}/*` })), { read: true, write: false }],
    ['Resource "*"', policy(allow({ Action: 's3:*', Resource: '*' })), { read: true, write: true }],
    [
      'Resource arn:aws:s3:::b* (bucket and objects)',
      policy(allow({ Action: 's3:*', Resource: 'arn:aws:s3:::b*' })),
      { read: true, write: true },
    ],
    [
      'NotResource another bucket: reaches this one',
      policy(allow({ Resource: undefined, NotResource: 'arn:aws:s3:::other/*' })),
      { read: true, write: false },
    ],
    [
      "NotResource all of this bucket's objects: GetObject reaches none",
      policy(allow({ Resource: undefined, NotResource: `${ARN}/*` })),
      { read: false, write: false },
    ],
  ];
  for (const [name, doc, expected] of cases) it(name, () => expect(access(doc)).toEqual(expected));
});

describe('"bad actions" (s3:Get*, s3:List*, s3:Put*, s3:Delete*): every bucket-level one counts', () => {
  it.each([
    // Before the fix these fell outside the action lists: a public grant of them passed.
    ['s3:GetBucketPublicAccessBlock', ARN, 'read'],
    ['s3:GetBucketNotification', ARN, 'read'],
    ['s3:GetObjectVersionAttributes', `${ARN}/*`, 'read'],
    ['s3:PutBucketNotification', ARN, 'write'],
    ['s3:PutBucketObjectLockConfiguration', ARN, 'write'],
    ['s3:DeleteBucketWebsite', ARN, 'write'],
    ['s3:PutObjectVersionTagging', `${ARN}/*`, 'write'],
    ['S3:PUTINVENTORYCONFIGURATION', ARN, 'write'],
  ])('Allow * %s on %s → public %s', (Action, Resource, kind) => {
    expect(access(policy(allow({ Action, Resource })))[kind as 'read' | 'write']).toBe(true);
  });

  it.each([
    ['s3:GetObject', 'object'],
    ['s3:ListMultipartUploadParts', 'object'],
    ['s3:BypassGovernanceRetention', 'object'],
    ['s3:ListBucketMultipartUploads', 'bucket'],
    ['s3:GetBucketObjectLockConfiguration', 'bucket'],
    ['s3:PutEncryptionConfiguration', 'bucket'],
    ['s3:PutReplicationConfiguration', 'bucket'],
    ['s3:ReplicateObject', 'object'],
  ])('%s acts on the %s', (action, kind) => expect(actionKind(action)).toBe(kind));
});

describe('s3:DataAccessPointArn: the access point name may be a wildcard while the account is fixed', () => {
  const via = (op: string, value: string) => access(policy(allow({ Condition: { [op]: { 's3:DataAccessPointArn': value } } }))).read;
  it.each([
    // Before the fix: public (any wildcard counted as unfixed).
    ['ArnLike', 'arn:aws:s3:us-west-2:123456789012:accesspoint/*', false],
    ['StringLike', 'arn:aws:s3:us-west-2:123456789012:accesspoint/app-*', false],
    ['ArnEquals', 'arn:aws:s3:us-west-2:123456789012:accesspoint/app', false],
    ['ArnLike', 'arn:aws:s3:us-west-2:*:accesspoint/*', true],
    ['ArnLike', 'arn:aws:s3:*:123456789012:accesspoint/*', true],
    ['ArnLike', 'arn:aws:s3:us-west-2:123456789012:accesspoint/${aws:username}', true],
    ['ArnLikeIfExists', 'arn:aws:s3:us-west-2:123456789012:accesspoint/*', true],
  ])('%s %s → public %s', (op, value, expected) => expect(via(op, value)).toBe(expected));
});

describe('Deny coverage', () => {
  const cases: Array<[string, string, boolean]> = [
    // Before the fix: still public (the Deny had to name the bucket ARN too, though GetObject never acts on it).
    [
      'Allow GetObject on bucket and objects; Deny unless vpce on objects only',
      policy(allow({ Resource: [ARN, `${ARN}/*`] }), denyUnlessVpce({ Resource: `${ARN}/*` })),
      false,
    ],
    ['Allow a prefix; Deny unless vpce on bucket/*', policy(allow({ Resource: `${ARN}/public/*` }), denyUnlessVpce()), false],
    [
      'Allow a prefix; Deny unless vpce on a shorter prefix bucket/pub*',
      policy(allow({ Resource: `${ARN}/public/*` }), denyUnlessVpce({ Resource: `${ARN}/pub*` })),
      false,
    ],
    ['Allow bucket/*; Deny only on bucket/private/*', policy(allow(), denyUnlessVpce({ Resource: `${ARN}/private/*` })), true],
    // Before the fix: closed ("?" matched the literal "*" of the Allow's pattern).
    ['Allow bucket/*; Deny on bucket/? (one-character keys only)', policy(allow(), denyUnlessVpce({ Resource: `${ARN}/?` })), true],
    // Before the fix: a NotResource Deny was never trusted.
    [
      'Deny unless vpce with NotResource another bucket',
      policy(allow(), denyUnlessVpce({ Resource: undefined, NotResource: 'arn:aws:s3:::other/*' })),
      false,
    ],
    [
      "Deny unless vpce with NotResource this bucket's objects",
      policy(allow(), denyUnlessVpce({ Resource: undefined, NotResource: `${ARN}/*` })),
      true,
    ],
    ['Deny unless vpce on another bucket', policy(allow(), denyUnlessVpce({ Resource: 'arn:aws:s3:::other/*' })), true],
    // Before the fix: closed. Object keys (and so Resource ARNs) are case-sensitive.
    [
      'Allow bucket/private/*; Deny only on bucket/Private/*',
      policy(allow({ Resource: `${ARN}/private/*` }), denyUnlessVpce({ Resource: `${ARN}/Private/*` })),
      true,
    ],
    // Before the fix: closed. A Federated principal left out of the Deny is anyone with a web identity.
    [
      'Deny everyone but a Federated principal (NotPrincipal)',
      policy(allow(), {
        Effect: 'Deny',
        NotPrincipal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 's3:*',
        Resource: `${ARN}/*`,
      }),
      true,
    ],
    [
      'Deny everyone but a fixed role (NotPrincipal)',
      policy(allow(), { Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${OWNER}:role/app` }, Action: 's3:*', Resource: `${ARN}/*` }),
      false,
    ],
  ];
  for (const [name, doc, expected] of cases)
    it(`${name} → ${expected ? 'public' : 'not public'}`, () => expect(access(doc).read).toBe(expected));
});

describe('TLS-only statement: the Deny must cover the bucket and every object', () => {
  const tls = (Resource: unknown) =>
    policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource, Condition: { Bool: { 'aws:SecureTransport': false } } });
  it.each([
    [[ARN, `${ARN}/*`], true],
    ['*', true],
    ['arn:aws:s3:::b*', true],
    [[ARN, `${ARN}/?*`], true],
    // Before the fix: passed ("?" matched the literal "*").
    [[ARN, `${ARN}/?`], false],
    [[ARN, `${ARN}/logs/*`], false],
    [`${ARN}/*`, false],
    // Before the fix: passed (ARNs were matched case-insensitively; bucket names are lower case).
    [['arn:aws:s3:::B', 'arn:aws:s3:::B/*'], false],
  ])('Resource %j → %s', (resource, expected) => expect(!!tlsOnlyStatements(parsePolicy(tls(resource)), ARN)).toBe(expected));

  it('Deny with NotResource of another bucket covers this one; of this bucket does not', () => {
    const notResource = (NotResource: string) =>
      parsePolicy(
        policy({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: '*',
          NotResource,
          Condition: { Bool: { 'aws:securetransport': 'FALSE' } },
        }),
      );
    expect(tlsOnlyStatements(notResource('arn:aws:s3:::other/*'), ARN)).toBeDefined();
    expect(tlsOnlyStatements(notResource(`${ARN}/*`), ARN)).toBeUndefined();
  });
});

describe('cross-account (S3.6): only grants on this bucket count', () => {
  const grant = (Action: unknown, Resource: unknown) =>
    parsePolicy(policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action, Resource }));
  const actions = (statements: ReturnType<typeof parsePolicy>) => crossAccountGrants(statements, ARN, OWNER, []).flatMap((g) => g.actions);
  it.each([
    ['s3:PutBucketPolicy', ARN, ['s3:PutBucketPolicy']],
    ['s3:Put*', [ARN, `${ARN}/*`], ['s3:PutBucketAcl', 's3:PutBucketPolicy', 's3:PutEncryptionConfiguration', 's3:PutObjectAcl']],
    ['*', `${ARN}/*`, ['s3:PutObjectAcl']],
    // Before the fix: FAIL for grants that act on nothing here.
    ['s3:PutBucketPolicy', `${ARN}/*`, []],
    ['s3:*', 'arn:aws:s3:::other', []],
  ])('%s on %j → %j', (action, resource, expected) => expect(actions(grant(action, resource))).toEqual(expected));

  it('an unconditional Deny for everyone closes the actions only where it covers them', () => {
    const allowAll = { Effect: 'Allow', Principal: { AWS: PARTNER }, Action: 's3:*', Resource: [ARN, `${ARN}/*`] };
    const deny = (Resource: unknown) => ({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource });
    expect(actions(parsePolicy(policy(allowAll, deny([ARN, `${ARN}/*`]))))).toEqual([]);
    // Before the fix: closed (the Deny's Resource was not looked at).
    expect(actions(parsePolicy(policy(allowAll, deny('arn:aws:s3:::other/*'))))).toHaveLength(5);
    expect(actions(parsePolicy(policy(allowAll, deny(ARN))))).toEqual(['s3:PutObjectAcl']);
  });
});

describe('ACL grants read leniently, never silently dropped', () => {
  const exposure = (grants: AclGrant[]) =>
    evaluateBucketExposure({ bucket: 'b', policy: null, aclGrants: grants, bucketBpa: null, accountBpa: null });
  it.each([
    ['https://acs.amazonaws.com/groups/global/AllUsers', 'READ', true, false],
    ['http://acs.amazonaws.com/groups/global/allusers/', 'read', true, false],
    ['http://acs.amazonaws.com/groups/global/AuthenticatedUsers', 'write_acp', false, true],
    // A permission S3 does not define (or none) counts as both rather than as nothing.
    ['http://acs.amazonaws.com/groups/global/AllUsers', undefined, true, true],
    ['http://acs.amazonaws.com/groups/s3/LogDelivery', 'WRITE', false, false],
    [undefined, 'FULL_CONTROL', false, false],
  ])('%s %s → read %s, write %s', (URI, Permission, read, write) => {
    const e = exposure([{ Grantee: { Type: 'Group', URI }, Permission }]);
    expect([e.read.public, e.write.public]).toEqual([read, write]);
  });
});

describe('parsing', () => {
  it.each([
    ['{"Statement": [null]}'],
    ['{"Statement": ["Allow"]}'],
    ['{"Statement": [[{"Effect": "Allow"}]]}'],
    ['{"Statement": [{"Effect": "allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}'],
  ])('%s → PolicyParseError (an ERROR finding, never a PASS)', (text) => expect(() => parsePolicy(text)).toThrow(PolicyParseError));
});

describe('issue 13: Deny statements taken together, and per principal (the S3 checks)', () => {
  const allowAB = allow({ Resource: [`${ARN}/a/*`, `${ARN}/b/*`] });
  const denyAll = (Resource: string) => ({ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource });
  it('public read: a Deny on bucket/a/* and a second on bucket/b/* close an Allow on both (S3.2 PASS)', () => {
    expect(access(policy(allowAB, denyAll(`${ARN}/a/*`), denyAll(`${ARN}/b/*`))).read).toBe(false);
    const exposure = evaluateBucketExposure({
      bucket: 'b',
      policy: policy(allowAB, denyAll(`${ARN}/a/*`), denyAll(`${ARN}/b/*`)),
      aclGrants: [],
      bucketBpa: null,
      accountBpa: null,
    });
    expect(exposure.read.public).toBe(false);
    expect(exposure.read.safeguards.join(' ')).toContain('statement 2 denies everyone read access');
  });
  it('mirror: either Deny alone leaves the other prefix public (S3.2 FAIL)', () => {
    expect(access(policy(allowAB, denyAll(`${ARN}/a/*`))).read).toBe(true);
    expect(access(policy(allowAB, denyAll(`${ARN}/b/*`))).read).toBe(true);
  });

  const partner = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 's3:*', Resource: [ARN, `${ARN}/*`] };
  const five = ['s3:DeleteBucketPolicy', 's3:PutBucketAcl', 's3:PutBucketPolicy', 's3:PutEncryptionConfiguration', 's3:PutObjectAcl'];
  const takeBack = (extra: object) => ({ Effect: 'Deny', Action: five, Resource: [ARN, `${ARN}/*`], ...extra });
  const s36 = (...statements: object[]) => crossAccountGrants(parsePolicy(policy(...statements)), ARN, OWNER, []);
  it.each([
    ['by account ARN', { Principal: { AWS: `arn:aws:iam::${PARTNER}:root` } }],
    ['"*" with NotPrincipal of the own account', { NotPrincipal: { AWS: `arn:aws:iam::${OWNER}:root` } }],
    ['"*" with an aws:PrincipalAccount condition', { Principal: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': OWNER } } }],
  ])('a partner with s3:* and a Deny of the five S3.6 actions to that partner %s passes S3.6', (_name, extra) => {
    expect(s36(partner, takeBack(extra))).toEqual([]);
  });
  it.each([
    ['naming another account', { Principal: { AWS: 'arn:aws:iam::999999999999:root' } }],
    ['with NotPrincipal of the partner', { NotPrincipal: { AWS: `arn:aws:iam::${PARTNER}:root` } }],
    ['on a condition that may not hold (aws:SecureTransport)', { Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    [
      'on aws:PrincipalAccount equal to the own account',
      { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': OWNER } } },
    ],
  ])('mirror: the Deny %s leaves S3.6 failing', (_name, extra) => {
    expect(s36(partner, takeBack(extra))).toEqual([{ label: 'statement 1', grantees: [PARTNER], actions: five }]);
  });
});
